"""What two aligned claims are compared for, and which articles a fact cites (the fact-checker's review of session 21:
five of six conflict rows were two wordings of one statement, and agreed facts cited articles that lacked them)."""
import numpy as np
import pytest

from storyline.config import Settings
from storyline.consolidate import build_brief
from storyline.consolidate.disagreement import at_odds, frame_overlap
from storyline.consolidate.facts import Claim, FactGroup, _shown
from storyline.consolidate.sentences import StorySentence
from .sentences_of import member


def said(text, *entities):
    return StorySentence("a", "x", 0, text, 0, len(text), entities=tuple(entities))


MUELLER = ("Special counsel Robert Mueller did not find evidence that President Trump's campaign conspired with Russia to "
           "influence the 2016 election, according to a summary of findings submitted to Congress by Attorney General "
           "William Barr.")
MUELLER_NO = ("Special counsel Robert Mueller found no evidence that anyone connected with President Trump or his 2016 "
              "campaign conspired with Russia to subvert the election, according to a summary of his findings released "
              "Sunday by Attorney General William Barr.")
NAMES = [("Robert Mueller", "PERSON"), ("Trump", "PERSON"), ("Russia", "GPE"), ("William Barr", "PERSON")]


def test_found_no_evidence_says_what_did_not_find_evidence_says():
    # two outlets' wording of the central finding had been a conflict (negation; and "Sunday" read as a name
    # against "Congress")
    a, b = said(MUELLER, *NAMES, ("Congress", "ORG")), said(MUELLER_NO, *NAMES)
    assert at_odds(MUELLER, MUELLER_NO, a, b, strict=True) is None


@pytest.mark.parametrize("a, b", [
    ("Investigators found no evidence that the fire was set on purpose, the chief said.",
     "Investigators found evidence that the fire was set on purpose, the chief said."),
    ("The audit found nothing improper in the city's contracts, the mayor said on Friday.",
     "The audit found improper payments in the city's contracts, the mayor said on Friday."),
])
def test_a_verb_before_no_is_denied(a, b):
    assert at_odds(a, b, strict=True) == "negation"


@pytest.mark.parametrize("a, b", [  # the review's cases: a verb denied with "no" says nothing of another object
    ("The plane landed safely with no injuries, officials said.",
     "The plane landed safely with 150 passengers aboard, officials said."),
    ("The storm caused no deaths in the county, officials said.", "The storm caused flooding in the county, officials said."),
    ("She left no will when she died in March.", "She left her estate to her nephew when she died in March."),
])
def test_a_verb_denied_with_no_is_not_at_odds_with_the_verb_of_another_object(a, b):
    assert at_odds(a, b, strict=True) is None


def test_a_short_claim_and_a_long_sentence_giving_other_tolls_conflict():
    short = "The fire killed 12 people, officials said."
    long = ("The fire, which started in a kitchen on the third floor of the apartment building late on Saturday and "
            "spread to the roof before crews could reach it, killed 9 people, officials said.")
    a = member("f1", "Wire Daily", [short, "Crews worked through the night to contain it."])
    b = member("f2", "Market Post", [long, "The cause is under investigation."])
    assert [f.status for f in build_brief([a, b], Settings()).facts if "killed" in f.text] == ["conflict"]


def test_there_were_no_signs_agrees_with_no_signs_were_found():
    a = "Prosecutors said there were no signs of foul play at the scene and the death is not considered suspicious."
    b = "No signs of foul play were found at the scene and the death is not considered suspicious, prosecutors said."
    assert at_odds(a, b, strict=True) is None


def test_a_title_read_as_a_name_names_no_one_else():
    a = ("Indiana State Police Sergeant Kim Riley told reporters, \u201cOne thing the family asked us to do is to thank the "
         "communities around Delphi and the people here in Delphi for assisting.\u201d")
    b = ("\u201cThe family asked us to thank the communities around Delphi and the people here in Delphi for "
         "assisting,\u201d said Sgt. Riley.")
    sa = said(a, ("Indiana State Police", "ORG"), ("Sergeant Kim Riley", "PERSON"), ("Delphi", "ORG"))
    sb = said(b, ("Delphi", "ORG"), ("Sgt", "PERSON"))  # spaCy's reading of "Sgt. Riley"
    assert at_odds(a, b, sa, sb, strict=True) is None


def test_figures_with_no_noun_among_other_words_count_different_things():
    short = "This GoFundMe page is organized by two of Thomas and Dina's close family members."
    long = ("Elijah, 3, was at the Seventh Avenue Center for Family Services in Harlem on Nov. 3 when a supervising "
            "adult allegedly gave him a grilled cheese sandwich, despite his allergy, according to a page set up on "
            "crowdfunding site GoFundMe, which is said to be organized by close family members of his parents.")
    sa = said(short, ("GoFundMe", "ORG"), ("Thomas", "PERSON"), ("Dina", "PERSON"))
    sb = said(long, ("Elijah", "PERSON"), ("Seventh Avenue Center for Family Services", "ORG"), ("Harlem", "GPE"),
              ("GoFundMe", "ORG"))
    assert at_odds(short, long, sa, sb) is None  # "two" relatives and the boy's age 3 count different things
    a = member("g1", "Harbor Times", [short, "Donations will pay for the funeral and counselling."])
    b = member("g2", "Lakeshore Gazette", [long, "The school has not commented on the case."])
    assert not [f for f in build_brief([a, b], Settings()).facts if f.status == "conflict"]


def test_an_agreed_fact_cites_only_the_articles_aligned_with_the_claim_shown():
    # union-find chains a - b - c - d (each pair aligned, the ends share nothing): the fact is shown by a claim
    # aligned with the most sources, and cites those, never the far end of the chain
    claims = [Claim(i, f"claim {i}") for i in range(4)]
    sentences = [StorySentence(f"art{i}", f"outlet{i}", 0, f"claim {i}", 0, 7) for i in range(4)]
    group = FactGroup([0, 1, 2, 3], "agreed", [], links={0: {1}, 1: {0, 2}, 2: {1, 3}, 3: {2}})
    rep, stating = _shown(group, claims, sentences, np.array([0.1, 0.2, 0.9, 0.3]))
    assert rep == 2 and stating == [2, 1, 3]


def test_a_brief_still_cites_every_article_that_states_the_claim_shown():
    first = "Ship traffic through the Qeshm strait resumed on Monday after the navy cleared the wreck, port officials said."
    second = ("Ship traffic through the Qeshm strait resumed on Monday after the navy cleared the wreck and reopened "
              "the harbour to tankers, port officials said.")
    third = "The navy reopened the harbour to tankers and fishing boats on Monday, port officials said."
    a = member("q1", "Gulf Wire", [first, "Rescue teams reached the island's villages by nightfall."])
    b = member("q2", "Tehran Desk", [second, "Schools on the island were closed for two days."])
    c = member("q3", "Coast Post", [third, "Power was restored to most homes by Tuesday evening."])
    facts = build_brief([a, b, c], Settings()).facts
    traffic = [f for f in facts if f.status == "agreed" and "traffic" in f.text]
    assert traffic, [(f.status, f.text) for f in facts]
    for f in traffic:
        shown_in = [m.article.id for m in (a, b, c) if f.text in m.article.text]
        assert set(shown_in) <= set(f.article_ids)


def test_a_place_after_near_is_no_word_of_its_own():
    # (tester s30 #7) "near" had been the one content word of the shorter line the longer one lacks (0.75 < 0.8): each
    # outlet's evacuation was reported by that outlet alone
    longer = "Around 300 homes were evacuated overnight and families were housed at the Ostley sports hall."
    shorter = "About 300 homes near Dunmore Lane were evacuated overnight."
    assert frame_overlap(longer, shorter, said(longer, ("Ostley", "GPE")),
                         said(shorter, ("Dunmore Lane", "FAC"))) == 1.0


def test_where_a_place_both_mention_is_told_apart():
    # (review of tester s30 #7) a word telling where stays a word of the frame when both claims mention the place
    inside = "Around 40 pupils sheltered inside the gym while officers searched the building and parents waited."
    outside = "About 40 pupils sheltered outside the gym."
    assert frame_overlap(inside, outside, said(inside), said(outside)) < 0.8
    near = "About 30 workers waited near the depot."
    inside_it = "Around 30 workers waited inside the depot."
    assert frame_overlap(near, inside_it, said(near), said(inside_it)) < 0.8
    a = member("p1", "Wire Daily", [inside, "Parents were told to collect their children."])
    b = member("p2", "Market Post", [outside, "The school will reopen on Monday."])
    assert not [f for f in build_brief([a, b], Settings()).facts if f.status == "agreed"]
