"""A negation makes two claims at odds only when it denies what the other claim states, not when it sits in a
clause of its own ("who did not take questions", "though the paper doesn't cite its source")."""
from dataclasses import replace

import pytest

from storyline.config import Settings
from storyline.consolidate import build_brief
from storyline.consolidate.disagreement import at_odds, denies
from storyline.consolidate.quantities import quantities
from .sentences_of import member

BRIDGE = ("The Hamilton Street bridge, closed since a barge struck it last week, will reopen to traffic on Monday, "
          "Mayor Ellen Park said on Thursday.")
BRIDGE_ASIDE = ("Mayor Ellen Park, who did not take questions, said on Thursday that the Hamilton Street bridge, closed "
                "since a barge struck it last week, will reopen to traffic on Monday.")
OFFER = "It stated that the offer is believed to be for at least eight years, the newspaper said."
OFFER_ASIDE = ("Though the newspaper doesn't cite its source, it stated that the offer is believed to be for at least "
               "eight years.")


@pytest.mark.parametrize("a, b", [
    (BRIDGE, BRIDGE_ASIDE),
    (OFFER, OFFER_ASIDE),
    ("Police said the driver, who was not injured, was arrested at the scene on Friday night.",
     "Police said the driver was arrested at the scene on Friday night."),
    ("Officials, who would not give their names, said the plant will close in March.",
     "Officials said the plant will close in March."),
    ("The company did not explain why, but the plant will close in March, officials said.",
     "The plant will close in March, officials said."),
    ("Not only did the council approve the plan on Tuesday, but it also raised property taxes.",
     "The council approved the plan on Tuesday and also raised property taxes."),
    ("The minister never wavered and said the plant will close in March.",  # both negate the same: agreed
     "The minister never wavered and said the plant will close in March, according to aides."),
    # what a source left unsaid (session 20's review: "did not say why" read against the other report's "said")
    ("The company did not say why the plant will close in March.", "The company said the plant will close in March."),
    ("Police would not say how many officers were hurt when the station was attacked on Friday.",
     "Police said officers were hurt when the station was attacked on Friday."),
    ("Police would not say exactly how many officers were hurt in the attack on Friday.",
     "Police said officers were hurt in the attack on Friday."),
    ("Police did not tell reporters why the station was attacked on Friday.",
     "Police told reporters the station was attacked on Friday."),
    ("The company did not say, however, why the plant will close in March.",
     "The company said the plant will close in March."),
    # two wordings of one quote (the review's "cannot just get away" / "cannot get away with just")
    ('"You all cannot just get away with killing my baby," she said.',
     '"They cannot get away with just killing my baby," she said.'),
    ("The council did not just approve the plan on Tuesday, but it also raised property taxes.",
     "The council approved the plan on Tuesday."),
])
def test_a_negation_in_an_aside_is_not_a_conflict(a, b):
    assert at_odds(a, b, strict=True) is None


@pytest.mark.parametrize("a, b", [
    ("The bridge will not reopen to traffic on Monday, Mayor Ellen Park said on Thursday.",
     "The bridge will reopen to traffic on Monday, Mayor Ellen Park said on Thursday."),
    ("Park said the bridge would not reopen to traffic on Monday.", "Park said the bridge reopened to traffic on Monday."),
    ("The suspect did not take the money from the register, police said.",
     "The suspect took the money from the register, police said."),
    ("Stormy Daniels, whose real name is not Stephanie Clifford, is suing President Donald Trump.",
     "Stormy Daniels, whose real name is Stephanie Clifford, is suing President Donald Trump."),
    ("She was not carrying a gray purse when she left the store.", "She was carrying a gray purse when she left the store."),
    ("The Klingon language itself is an idea or a system, and is not copyrightable.",
     "The Klingon language itself is not an idea or a system, and is copyrightable."),
    ("Officials said they would not.", "Officials said they would."),
    # a negated saying verb without a question word still denies the other claim's saying
    ("Park did not say the bridge would reopen on Monday.", "Park said the bridge would reopen on Monday."),
    ("Yang and his team did not respond to requests for comment.", "Yang and his team did respond to requests for comment."),
    # "whether" / "if" embed the other's statement, and deciding or confirming is no telling (the review's cases)
    ("The mayor would not comment on whether the plant will close in March.",
     "The mayor commented that the plant will close in March."),
    ("The Pentagon did not confirm whether the strike killed the commander.",
     "The Pentagon confirmed the strike killed the commander."),
    ("The board did not decide whether to close the plant in March.", "The board decided to close the plant in March."),
    ("The company did not say if the plant will close in March.", "The company said the plant will close in March."),
])
def test_a_negation_of_what_the_other_claim_states_is_a_conflict(a, b):
    assert at_odds(a, b, strict=True) == "negation"


def test_the_same_claim_with_a_negated_aside_is_agreed_in_the_brief():
    a = member("n1", "River Times", [BRIDGE, "Engineers inspected the span and found no structural damage."])
    b = member("n2", "City Ledger", [BRIDGE_ASIDE, "City engineers completed their inspection of the span."])
    facts = build_brief([a, b], Settings()).facts
    assert not [f for f in facts if f.status == "conflict"]
    assert [f.status for f in facts if "reopen" in f.text and len(f.article_ids) == 2] == ["agreed"]


@pytest.mark.parametrize("negated, stated", [
    ("did not die", "died"), ("did not pass", "passed"), ("did not stop", "stopped"), ("did not admit", "admitted"),
    ("did not try", "tried"), ("did not deny", "denied"), ("did not flee", "fled"), ("did not plan", "planned"),
    ("did not lie", "lied"), ("did not apply", "applied"), ("did not lie", "lay"), ("has not lain", "has lain"),
    ("did not reopen", "reopened"), ("did not take", "took"), ("does not try", "tries"), ("is not dying", "died"),
    ("did not stop", "is stopping"), ("did not agree", "agreed"),
])
def test_did_not_x_conflicts_with_x_ed(negated, stated):
    a = f"The driver {negated} in the crash on Route 9, police said."
    b = f"The driver {stated} in the crash on Route 9, police said."
    assert at_odds(a, b, strict=True) == "negation"
    assert at_odds(b, a, strict=True) == "negation"


@pytest.mark.parametrize("denied, stated", [
    ("No one was killed in the crash on Route 9, police said.", "Two people were killed in the crash on Route 9, police said."),
    ("Nobody was hurt when the roof of the Hamilton Street depot collapsed.",
     "Three workers were hurt when the roof of the Hamilton Street depot collapsed."),
    ("None of the passengers was injured in the crash, police said.", "The passengers were injured in the crash, police said."),
])
def test_no_one_and_nobody_deny_what_the_other_claim_states(denied, stated):
    # a gap a review named: "no one" / "nobody" / "none" were no negation, so "no one was killed" agreed with a toll
    # (a denied toll against a toll of its event is a zero against a figure since session 25: "number", at odds all
    # the same; "The passengers were injured" gives no figure, so it is still the negation)
    assert at_odds(denied, stated, strict=True) == ("number" if quantities(stated) else "negation")
    assert at_odds(denied, denied, strict=True) is None


DAM = "The dam on the Tavy River burst, flooding three villages."
NOT_BURST = "The dam on the Tavy River did not burst, officials said, though water spilled over its crest."


@pytest.mark.parametrize("other, denied", [
    (NOT_BURST, True),
    ("The dam on the Tavy River has not burst.", True),
    # another predicate, another subject, a source's silence: no denial
    ("The dam on the Tavy River did not open its gates, officials said, though water spilled over its crest.", False),
    ("The old dam upstream did not burst, officials said.", False),
    ("Officials did not say why the dam on the Tavy River burst.", False),
])
def test_a_claim_denied_of_the_same_subject(other, denied):
    assert denies(DAM, other) is denied and denies(other, DAM) is denied


def test_a_claim_and_its_denial_are_a_conflict_in_the_brief():
    # session 25's tester: a negated claim with an attribution and a trailing clause of its own shared too few words
    # with the affirmed one to be aligned, and they were two single-source facts
    a = member("d1", "River Times", ["Heavy rain fell across the region for three days.", DAM])
    b = member("d2", "City Ledger", ["Heavy rain fell across the region for a third day.", NOT_BURST])
    [conflict] = [f for f in build_brief([a, b], Settings()).facts if f.status == "conflict"]
    assert {v["text"] for v in conflict.versions} == {DAM, NOT_BURST}


def test_a_denial_of_another_predicate_is_no_conflict_in_the_brief():
    other = "The dam on the Tavy River did not open its gates, officials said, though water spilled over its crest."
    a = member("d1", "River Times", ["Heavy rain fell across the region for three days.", DAM])
    b = member("d2", "City Ledger", ["Heavy rain fell across the region for a third day.", other])
    assert not [f for f in build_brief([a, b], Settings()).facts if f.status == "conflict"]


# a read-only review of session 26: the denial had read only subject and predicate, so another object of one verb
# ("did not release the names" / "released footage") or a source's silence was aligned as a negation conflict
@pytest.mark.parametrize("denial, statement", [
    ("The ministry did not confirm the death toll from the floods.",
     "The ministry confirmed that 300 people had been evacuated from the valley."),
    ("Police did not say whether the driver had been drinking.",
     "Police said the driver had been working a double shift."),
    ("The bus company did not confirm if the driver had been drinking.", "The bus company confirmed the driver had been drinking."),
    ("Police did not release the names of the victims.", "Police released footage of the crash."),
    ("The company did not comment on the layoffs.", "The company commented on its quarterly results in a statement."),
    ("The army did not fire on protesters in the capital, a spokesman said.",
     "The army fired tear gas at protesters in the capital."),
    ("The president did not attend the funeral.", "The president attended a rally in Ohio."),
    ("Officials did not expect the river to crest before the weekend.", "Officials expected more rain over the weekend."),
    ("The old bridge did not collapse.", "The bridge collapsed."),
    ("Rescuers have not found the missing hikers.", "Rescuers found the body of a third climber."),
    ("The minister has not ruled out new sanctions.", "The minister ruled out a military response."),
    # news overtaken: a denial for now, or a claim with a day of its own, is a later development
    ("The mountain road to Tula has not yet reopened.", "The mountain road to Tula reopened."),
    ("The mountain road to Tula has still not reopened.", "The mountain road to Tula reopened."),
    ("The mountain road to Tula has not reopened so far.", "The mountain road to Tula reopened."),
    ("The mountain road to Tula has not reopened.", "The mountain road to Tula reopened on Tuesday evening."),
])
def test_no_denial_of_another_object_a_silence_or_news_overtaken(denial, statement):
    assert not denies(denial, statement) and not denies(statement, denial)


@pytest.mark.parametrize("denial, statement", [
    ("The bridge over the Sela River did not collapse, engineers said.",
     "The bridge over the Sela River collapsed, cutting off two villages."),
    ("Police did not release the names of the victims.", "Police released the names of the four victims."),
    ("The mountain road to Tula has not reopened, police said.", "The mountain road to Tula reopened, police said."),
    # the facts dev set's denials: a day or a "yet" both give is the statement's own; a question word after another
    # verb than one of telling is no silence
    ("Stormy Daniels did not file a lawsuit in Los Angeles on Tuesday.", "Stormy Daniels filed a lawsuit in Los Angeles on Tuesday."),
    ("Among many techniques, you will not learn how simple changes to tone of voice can lead to more compliance.",
     "Among many techniques, you will learn how simple changes to tone of voice can lead to more compliance."),
])
def test_a_denial_of_the_same_object(denial, statement):
    assert denies(denial, statement) and denies(statement, denial)


def test_a_denial_in_an_earlier_days_report_is_news_overtaken_in_the_brief():
    rest_a = ["A bus plunged into a ravine near Tula on Sunday, killing 14 people.",
              "Rescuers worked through the night to reach survivors."]
    rest_b = ["Fourteen people died when a bus plunged into a ravine near Tula on Sunday.",
              "Rescuers worked through the night to reach survivors in the ravine."]
    closed = "The mountain road to Tula has not reopened, police said, and traffic is being diverted through Arlen."
    opened = "The mountain road to Tula reopened, officials said, after crews cleared the wreckage."

    def brief(day_b):
        a, b = member("a1", "Valley Herald", rest_a + [closed]), member("b1", "Mountain Wire", rest_b + [opened])
        a = replace(a, article=replace(a.article, published="2026-10-07T08:00:00Z"))
        b = replace(b, article=replace(b.article, published=f"{day_b}T09:00:00Z"))
        return [f for f in build_brief([a, b], Settings()).facts if f.status == "conflict"]

    assert brief("2026-10-08") == []
    assert [{v["text"] for v in f.versions} for f in brief("2026-10-07")] == [{closed, opened}]


@pytest.mark.parametrize("denial, statement", [
    ("The bridge won't reopen, officials said.", "The bridge will reopen, officials said."),
    ("The bridge can't reopen, officials said.", "The bridge can reopen, officials said."),
])
def test_a_contracted_denial_has_the_same_subject(denial, statement):
    # "won't" / "can't" had left "wo" / "ca" among the subject's words
    assert denies(denial, statement)


def test_a_negation_governs_the_word_after_its_preposition_or_possessive():
    # ecbplus (Brian Nichols sentenced): "it's not his DNA to stay in jail" against "it is not in his DNA to stay in
    # prison" was a conflict of negation: "not in" governed "in", which the other states ("in jail")
    from storyline.consolidate.disagreement import negation_differs
    a = "In his own words, he said it's not his DNA to stay in jail, which is what he has to look forward to."
    b = "In his own words, it is not in his DNA to stay in prison. Now he can look forward to a life in prison."
    assert not negation_differs(a, b)
    assert negation_differs("The suspect was not in the building when it burned.",
                            "The suspect was in the building when it burned.")
    assert negation_differs("She did not sign her contract on Friday.", "She signed her contract on Friday.")
