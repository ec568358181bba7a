"""Quote speakers of the tester's session-28 report: a speaker the next sentence names, a speaker after the cue run
into the content, spokespeople and "the company", roles before a name, a titled name the tagger missed, a headline's
quotation in single marks, the cue's time in the content and after the source."""
import pytest

from storyline.enrich.quotes import find_quotes
from storyline.enrich.speakers import attribution_records


@pytest.fixture
def records(enricher):
    def of(text):
        return attribution_records(enricher.nlp(text), enricher.tagger)
    return of


def by_content(recs, words):
    return next(r for r in recs if words in r["content"]["text"])


@pytest.mark.parametrize("text, words, speaker", [
    # review of fixquotes28: a pronoun already resolved to a person keeps them, whatever the next sentence names
    ("Prime Minister Keir Starmer spoke to reporters. \"We will not back down,\" he said. The remarks came from "
     "Downing Street hours after the vote.", "back down", "Keir Starmer"),
    ("Neighbour Peter Hall, 62, heard the commotion from his garden. \"I heard screams and ran outside,\" he said.\n\n"
     "The man, Darren Cole, 31, was arrested at the scene and charged with assault.", "screams", "Peter Hall"),
    ("Senator Jane Doe criticised the plan. \"This is reckless,\" she said. The comments came from Senate "
     "Republicans too, who had backed it.", "reckless", "Jane Doe"),
])
def test_a_speaker_resolved_to_a_person_is_not_replaced_by_the_next_sentences_name(records, text, words, speaker):
    assert speaker in by_content(records(text), words)["speaker_entity"]


@pytest.mark.parametrize("text, words, speaker", [
    # review of session 29: "those of" is whom a speaker quotes; a possessive names no speaker
    ("President Barack Obama closed his speech in Selma on Saturday. \"The arc of the moral universe is long, but it "
     "bends toward justice,\" he said. The words were those of Martin Luther King Jr., who marched here in 1965.",
     "moral universe", "Barack Obama"),
    ("Mayor Delia Farrant was asked about the protests on Tuesday. \"We hear them and we will meet them,\" she said. "
     "The comments were by Farrant's standards unusually conciliatory.", "meet them", "Delia Farrant"),
])
def test_a_resolved_speaker_stays_when_the_next_sentence_names_whom_they_quoted(records, text, words, speaker):
    assert by_content(records(text), words)["speaker_entity"] == speaker


def test_the_remark_came_from_beats_the_person_he_was_resolved_to(records):
    # tester s28 #3: "he" had gone to the mayor named two paragraphs up; the next sentence says whose words they were
    text = ("\"This is a victory,\" said Mayor Delia Farrant after the vote.\n\nCouncillor Tomas Reyes said that the "
            "plan had been rushed.\n\n\"It's not over,\" he warned. \"They will be back within a year.\" The remark "
            "came from Councillor Ahmed Lusk, who led the opposition to the plan.")
    rec = by_content(records(text), "not over")
    assert rec["speaker"]["name"] == "Ahmed Lusk"
    assert rec["speaker_entity"] == "Ahmed Lusk"


@pytest.mark.parametrize("text", [
    # the next sentence names no person, or names one who did not speak
    "\"It's a tragedy. She was always smiling,\" said one neighbour.\n\nThe woman, Sarah Jones, 29, died at the scene.",
    "\"We will appeal,\" said one resident. The remark came from The Guardian's reporter.",
    "\"We will appeal,\" said one resident. The remarks came from Downing Street hours later.",
])
def test_an_unnamed_source_is_not_given_a_name_the_next_sentence_does_not_give_a_speaker(records, text):
    rec = by_content(records(text), "\"")
    assert rec["speaker_entity"] is None


def test_an_unnamed_passenger_the_next_sentence_names_is_that_woman(records):
    text = ("\"We were told nothing for six hours. The children were cold and frightened,\" said one passenger, a "
            "mother of two from Port Alness.\n\nThe woman, Lena Fisk, 34, said she would never sail with the "
            "company again.")
    rec = by_content(records(text), "told nothing")
    assert rec["speaker_entity"] == "Lena Fisk"


def test_a_man_named_next_is_not_the_unnamed_mothers(records):
    text = ("\"We were told nothing for six hours,\" said one passenger, a mother of two from Port Alness.\n\n"
            "The man, Tom Reid, 41, said he would never sail with the company again.")
    rec = by_content(records(text), "told nothing")
    assert rec["speaker_entity"] is None


def test_a_speaker_after_the_cue_is_the_source_not_the_content(records):
    text = ("Lena Fisk said the ferry rolled for hours in the storm.\n\n"
            "\"It was like being in a washing machine,\" added Fisk's husband, Callum.")
    rec = by_content(records(text), "washing machine")
    assert rec["speaker"]["text"].startswith("Fisk's husband")
    assert rec["speaker"]["name"] == "Callum" and rec["speaker"]["role"] == "Fisk's husband"
    assert "Callum" not in rec["content"]["text"]


@pytest.mark.parametrize("text, words, name, role", [
    ("A spokeswoman for the coastguard, Aileen Moffat, said that conditions had made an earlier evacuation "
     "impossible.", "conditions", "Aileen Moffat", "a spokeswoman for the coastguard"),
    ("Captain Ruaridh Bain has been suspended. \"He is devastated,\" his lawyer, Mairi Ross, told reporters.",
     "devastated", "Mairi Ross", "his lawyer"),
])
def test_a_role_before_the_name_it_apposes_is_the_speakers_role(records, text, words, name, role):
    rec = by_content(records(text), words)
    assert (rec["speaker"]["name"], rec["speaker"]["role"]) == (name, role)


def test_a_spokesperson_speaks_as_the_company(records):
    text = ("The council rejected the plan on Wednesday.\n\n\"The council has made a serious mistake,\" a "
            "spokesperson for Greenline Energy said.\n\nCouncillor Tomas Reyes said that the plan had been rushed "
            "through consultation.\n\nAccording to the company, the plant would have created 140 jobs.")
    recs = records(text)
    assert by_content(recs, "serious mistake")["speaker_entity"] == "Greenline Energy"
    assert by_content(recs, "rushed")["speaker_entity"] == "Tomas Reyes"
    # "the company" after someone else spoke is not resolved (review of fixquotes28: it had picked a union, an outlet
    # or the wrong company)
    assert by_content(recs, "140 jobs")["speaker_entity"] is None


@pytest.mark.parametrize("text", [
    "Workers at Acme's plant walked out on Monday. The union Unite said its members had been offered a pay cut.\n\n"
    "Shop steward Gary Bell said morale had never been lower.\n\nThe company said the offer was fair.",
    "Greenline Energy wants to build an incinerator at Brackenford. Reuters reported on Monday that the firm had lined "
    "up financing from two banks.\n\nCouncillor Tomas Reyes said that the plan had been rushed through consultation."
    "\n\nThe company said the plant would create 140 jobs.",
    "Greenline Energy said on Monday that it would appeal the ruling.\n\nTom Hart, chief executive of Northwind Power, "
    "welcomed the decision. \"We are pleased the council listened,\" Hart said.\n\nThe company said it would hire 50 "
    "more workers next year.",
])
def test_the_company_after_another_speaker_is_no_union_outlet_or_other_company(records, text):
    (rec,) = [r for r in records(text) if r["speaker"] and r["speaker"]["text"] == "The company"]
    assert rec["speaker_entity"] is None


def test_a_headlines_quotation_in_single_marks_is_direct_and_the_mayor_is_the_storys_one(records):
    text = ("'We will not be bullied,' says mayor as council rejects incinerator plan\n\n"
            "Brackenford city council voted 31 to 9 on Wednesday night to reject the plan. \"We listened, and we "
            "acted,\" said Mayor Delia Farrant.")
    rec = by_content(records(text), "bullied")
    assert rec["direct"] is True
    assert rec["speaker_entity"] == "Delia Farrant"


def test_the_cues_time_is_neither_the_contents_nor_the_speakers(records, enricher):
    text = ("Officials in Humboldt County said Tuesday there was no damage from the earthquake. \"This is a "
            "victory for every family,\" said Mayor Delia Farrant after the vote.")
    recs = records(text)
    assert by_content(recs, "no damage")["content"]["text"].startswith("there was no damage")
    # the records keep the tagger's source span, as PolNeAR scores it; the name is the speaker's
    assert by_content(recs, "victory")["speaker"]["name"] == "Delia Farrant"
    # the brief's quote: the speaker as its wording shows it
    (quote,) = [q for q in find_quotes(enricher.nlp(text), enricher.tagger, speech_only=True) if "victory" in q.text]
    assert quote.speaker == "Mayor Delia Farrant"


def test_a_time_that_tells_which_document_stays_in_the_source(enricher):
    text = "A poll released last week said that most voters in the county opposed the new incinerator plan."
    quotes = find_quotes(enricher.nlp(text), enricher.tagger, speech_only=True)
    assert [q.speaker for q in quotes] == ["A poll released last week"]


def test_earlier_after_the_cue_is_the_contents_word_not_the_cues_time(records):
    # review of fixquotes28: "earlier talks" is what was said, not when
    text = "The transport minister said earlier talks with the unions had collapsed over the pay offer."
    assert by_content(records(text), "talks")["content"]["text"].startswith("earlier talks with the unions")
