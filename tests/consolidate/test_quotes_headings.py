"""Speaker headings and shown contents: a person, an organisation or a statement is not filed under another."""
from collections import Counter
from dataclasses import replace

import pytest

from storyline.consolidate.quotes import group_quotes, one_heading_each, titled_name, worth_showing
from storyline.consolidate.roles import role_before_apposed
from storyline.records import Annotations, Article, Quote, StoredArticle


def said(aid, pairs):
    text = " ".join(f"{speaker}: {content}." for speaker, content in pairs)
    quotes = [Quote(speaker=speaker, text=content, direct=True, cue="said") for speaker, content in pairs]
    return StoredArticle(Article(id=aid, source=aid, text=text), Annotations(quotes=quotes), "s")


def test_a_first_name_that_is_also_a_title_does_not_file_a_person_under_a_relative():
    # "Prince", "Emir" and "Prem" (read as "premier" cut short) are these people's first names
    for person, relative in [("Prince Fielder", "Cecil Fielder"), ("Emir Kusturica", "Maja Kusturica"),
                             ("Prem Kumar", "Raj Kumar")]:
        people = {person: person, relative: relative}
        quotes = group_quotes([said("a", [(person, "I never wanted to play for anyone else at all"),
                                          (relative, "My son and I have not spoken in many years")])],
                              {}, duplicates_of={}, people=people)
        assert {q.speaker for q in quotes} == {person, relative}


def test_names_that_share_initials_are_not_merged_but_one_name_spelt_several_ways_is():
    def merged(*spellings):
        return one_heading_each(Counter({h: n for n, h in enumerate(reversed(spellings), 1)}), {})
    assert merged("National Rifle Association", "National Restaurant Association") == {}
    assert merged("NRA", "National Rifle Association", "National Restaurant Association") == {}
    assert merged("American Medical Association", "American Marketing Association", "AMA") == {}
    assert merged("Police Chief Dunn", "Principal Carol Dunn") == {}
    assert merged("Mary Ann Dunn", "Michael A. Dunn") == {}
    assert merged("National Rifle Association", "NRA") == {"NRA": "National Rifle Association"}
    assert merged("U. S. Geological Survey", "U.S. Geological Survey", "United States Geological Survey", "USGS") == {
        "U.S. Geological Survey": "U. S. Geological Survey", "United States Geological Survey": "U. S. Geological Survey",
        "USGS": "U. S. Geological Survey"}


def reported(content, sentence=None):
    sentence = sentence or f"Jane Smith said {content}."
    start = sentence.index(content)
    quote = Quote(speaker="Jane Smith", text=content, direct=False, cue="said", start=start, end=start + len(content))
    return worth_showing(quote, "Jane Smith", sentence)


def test_reported_speech_that_ends_in_that_or_of_is_shown_unless_the_sentence_goes_on():
    for content in ["she had never seen anything like that", "nobody on the team wanted that",
                    "it was a result the whole club should be proud of", "the company would fall back on Plan A",
                    "the city could not afford that"]:
        assert reported(content)
    assert not reported("the vitamin doses were well above what children need as",
                        "Jane Smith said the vitamin doses were well above what children need as they grow.")
    assert not reported("the money went to a councillor who")


def test_as_saying_inside_reported_speech_is_its_words_not_a_reporting_clause():
    assert reported("the minister was quoted as saying in 2019 that taxes would fall, which proved untrue")
    assert not reported("the head of the trade zone, Ali Rezapour, as saying")


def test_a_surname_two_of_the_storys_people_share_is_nobodys_alone():
    # "Prince Fielder" is a person of his own, not the surname "Fielder" under a title: "Fielder" was filed under his
    # father
    people = {"Prince Fielder": "Prince Fielder", "Cecil Fielder": "Cecil Fielder"}
    quotes = group_quotes([said("a", [("Fielder", "the trade was the best thing that happened to the team")])],
                          {}, duplicates_of={}, people=people)
    assert [q.speaker for q in quotes] == ["Fielder"]


def test_a_first_name_that_begins_a_role_noun_is_read_as_a_title_only_when_written_as_one():
    # "Prem" begins "premier": a Prem Kumar the entities missed is not the story's Raj Kumar; "Prof." with its
    # point is a title
    people = {"Raj Kumar": "Raj Kumar", "Adrian Owen": "Adrian Owen"}
    speakers = ["Prem Kumar", "Prof. Owen"]
    quotes = group_quotes([said("a", [(s, f"the results were better than {s} expected") for s in speakers])],
                          {}, duplicates_of={}, people=people)
    assert sorted(q.speaker for q in quotes) == ["Adrian Owen", "Prem Kumar"]


def test_what_the_storys_names_say_of_titles_is_read_once_a_story_not_once_a_heading_or_a_quote(monkeypatch):
    import storyline.consolidate.quotes as quotes_module
    calls = Counter()
    for helper in ("_first_names", "_titles_used"):
        real = getattr(quotes_module, helper)
        monkeypatch.setattr(quotes_module, helper, lambda people, real=real, helper=helper: (
            calls.update([helper]), real(people))[1])
    people = {"Adrian Owen": "Adrian Owen", "Prof Adrian Owen": "Adrian Owen", "Kim Riley": "Kim Riley"}
    speakers = ["Prof. Owen", "Sergeant Kim Riley", "Kim Riley", "Owen", "Chief Mullins"]
    quotes = group_quotes([said("a", [(s, f"the results were better than {s} expected") for s in speakers])],
                          {}, duplicates_of={}, people=people)
    assert {q.speaker for q in quotes} == {"Adrian Owen", "Kim Riley", "Chief Mullins"}
    assert calls == {"_first_names": 1, "_titles_used": 1}


def test_a_role_before_the_name_it_apposes_and_a_titled_name_are_read():
    from storyline.consolidate.quotes import titled_name
    from storyline.consolidate.roles import role_before_apposed
    assert role_before_apposed("A spokeswoman for the coastguard, ") == "a spokeswoman for the coastguard"
    assert role_before_apposed("his lawyer, ") == "his lawyer"
    assert role_before_apposed("Fisk's husband, ") == "Fisk's husband"
    assert role_before_apposed("The woman, ") is None  # no role: a description
    assert role_before_apposed("his lawyer ") is None  # nothing apposed
    assert titled_name("Councillor Tomas Reyes") == "Tomas Reyes"
    assert titled_name("Tomas Reyes") is None and titled_name("Councillor Reyes") is None


@pytest.mark.parametrize("phrase, name", [
    ("Councillor Tomas Reyes", "Tomas Reyes"),
    ("Mayor Delia Farrant", "Delia Farrant"),
    # review of fixquotes28: a possessive, a building or a body after a title is no one's name
    ("Prime Minister's Office", None),
    ("Senator Memorial Hall", None),
    ("Chief Acme Company", None),
    ("Chairman Greenline Group", None),
])
def test_a_titled_name_is_a_persons_title_and_a_name(phrase, name):
    assert titled_name(phrase) == name


def test_a_role_before_a_name_reads_a_long_phrase_without_splitting_it():
    assert role_before_apposed(" of" * 50_000 + ",") is None
    assert role_before_apposed("his lawyer,") == "his lawyer"


def test_a_description_that_ends_in_a_known_name_is_not_that_name():
    # a NeuS brief filed "An Army officer assigned to the White House" under "White House"
    from storyline.consolidate.quotes import StoryPeople, _canonical_speaker
    canonical_of = {"White House": "White House", "Benjamin Netanyahu": "Benjamin Netanyahu"}
    people = StoryPeople({"Benjamin Netanyahu": "Benjamin Netanyahu"})
    assert _canonical_speaker("An Army officer assigned to the White House", canonical_of, people) == \
        "An Army officer assigned to the White House"
    assert _canonical_speaker("Israeli Prime Minister Benjamin Netanyahu", canonical_of, people) == "Benjamin Netanyahu"


def test_a_short_quotation_after_no_speech_verb_is_a_title_not_a_statement():
    # multinews (LFO's Devin Lima; a celebrities' list): 'Other hits included "Girl on TV" and "Every Other Time."'
    # was a quote of "Other hits", and '"Despacito" was nominated for: song of summer' one of "song of summer"
    hits = Quote(speaker="Other hits", text="Girl on TV … Every Other Time.", direct=True, cue="included")
    song = Quote(speaker="song of summer", text="Despacito", direct=True, cue="was nominated for:")
    said_it = Quote(speaker="Brad Fischetti", text="He fought hard.", direct=True, cue="said")
    wrote = Quote(speaker="Brad Fischetti", text="We miss you, brother.", direct=True, cue="wrote on Instagram")
    long = Quote(speaker="Brad Fischetti", text="It is with a truly broken heart that I confirm that he passed away",
                 direct=True, cue="posted")
    assert [worth_showing(q, q.speaker) for q in (hits, song, said_it, wrote, long)] == [False, False, True, True, True]


def test_a_day_or_a_month_is_no_speaker():
    # a NeuS report: '... only thicken the plot, Comey's testimony on Tuesday that the President tried ...'
    from storyline.consolidate.quotes import quote_speaker
    for name in ("Tuesday", "June", "Friday"):
        quote = Quote(speaker=name, text="that the President tried to get him to shelve the probe", direct=False)
        assert quote_speaker(quote, "", [], {}, {}) is None
    quote = Quote(speaker="June Carter", text="that the song was hers", direct=False)
    assert quote_speaker(quote, "", [], {}, {}) == "June Carter"


def test_a_verb_joined_to_another_word_is_no_cue():
    # ecbplus-9 (a new "Twilight" director): "Weitz co-wrote the 1998 animated film ANTZ" was a statement of "Weitz co"
    text = "Additionally, Weitz co-wrote the 1998 animated film ANTZ and went on to produce AMERICAN PIE."
    content = "the 1998 animated film ANTZ and went on to produce AMERICAN PIE"
    quote = Quote(speaker="Weitz co", text=content, direct=False, cue="wrote", start=text.index(content),
                  end=text.index(content) + len(content), cue_start=text.index("wrote"), cue_end=text.index("wrote") + 5)
    assert not worth_showing(quote, "Weitz co", text)
    said = text.replace("co-wrote", "wrote")
    assert worth_showing(replace(quote, start=said.index(content), end=said.index(content) + len(content),
                                 cue_start=said.index("wrote")), "Weitz", said)


def test_a_datelines_place_is_no_speaker():
    # a NeuS report (Ratcliffe withdrawn): "WASHINGTON (Reuters) - U.S. President Donald Trump announced on Friday that
    # he had dropped his choice ..." was WASHINGTON's statement
    from storyline.consolidate.quotes import speaker_name
    text = ("WASHINGTON (Reuters) - U.S. President Donald Trump announced on Friday that he had dropped his choice for "
            "spy chief.")
    content = "that he had dropped his choice for spy chief"
    quote = Quote(speaker="WASHINGTON", text=content, direct=False, cue="announced", start=text.index(content),
                  end=text.index(content) + len(content), speaker_start=0, speaker_end=10,
                  cue_start=text.index("announced"), cue_end=text.index("announced") + 9)
    assert speaker_name(quote, text, []) is None
    moved = "Later, WASHINGTON announced that he had dropped his choice for spy chief."
    assert speaker_name(replace(quote, speaker_start=7, speaker_end=17), moved, []) == "WASHINGTON"


def test_reported_speech_without_its_subject_is_not_shown():
    # multinews (Conway on the Acosta video): "... footage experts have confirmed was altered to speed up ..." gave
    # footage experts: "was altered to speed up the motion of Acosta's arm"
    assert not reported("was altered to speed up the motion of the reporter's arm",
                        "Jane Smith said was altered to speed up the motion of the reporter's arm.")
    assert reported("the video was altered to speed up the motion of the reporter's arm")
    assert not reported("which then sped off down the street")  # ecbplus: "a gray Camry, which then sped off, ..."
    assert reported("wasting money was the council's habit")  # a subject of its own
    asked = Quote(speaker="the Academy", text="has asked her to do it twice", direct=False, cue="has asked")
    assert worth_showing(asked, "the Academy", "")  # a call to act, shown with its verb


def test_a_quoted_name_a_relative_clause_describes_is_no_statement():
    # ecbplus (a new "Twilight" director): 'The Reporter said "Moon," which is expected to have a larger budget ...'
    # showed The Reporter: “Moon”
    text = 'The Reporter said "Moon," which is expected to have a larger budget, opens in 2009.'
    quote = Quote(speaker="The Reporter", text="Moon", direct=True, cue="said", start=text.index('"Moon'),
                  end=text.index('"Moon') + 7)
    assert not worth_showing(quote, "The Reporter", text)
    said = 'The mayor said "No," which surprised nobody.'  # an answer stays
    no = Quote(speaker="The mayor", text="No", direct=True, cue="said", start=said.index('"No'),
               end=said.index('"No') + 5)
    assert worth_showing(no, "The mayor", said)
