"""What a brief takes from the attributions (``find_quotes(..., speech_only=True)``): reported speech that states
something, said by the person who spoke. Real sentences from the fact-checker's review of session 21."""
import re

import pytest

from storyline.enrich.attribution import Run, TaggedAttribution
from storyline.enrich.quotes import PICTURE_CREDIT, continued_quotations, find_quotes, quotation_spans


@pytest.fixture
def brief_quotes(enricher):
    def quotes(text):
        return find_quotes(enricher.nlp(text), enricher.tagger, speech_only=True)
    return quotes


@pytest.mark.parametrize("text", [
    "The White House physician to US presidents Barack Obama and Donald Trump has denied allegations that he drank "
    "on the job.",
    "The Pentagon on Tuesday denied the report that troops would be withdrawn from the base next month.",
])
def test_a_claim_denied_is_not_shown_as_said(brief_quotes, text):
    assert [q.text for q in brief_quotes(text)] == []


@pytest.mark.parametrize("text, shown", [
    # the review of session 21: Biden was shown saying "his presidential bid"; with its verb it is what he did
    ("Joe Biden officially announced his presidential bid on Thursday, ending months of speculation.",
     "announced his presidential bid"),
    ("The company announced a new policy on Monday.", "announced a new policy"),
    # the review of quotes22: statements a reader needs had been dropped as noun phrases
    ("Michael Smith was charged on Monday with fraud. Smith denies the charges. Smith will appear in court in May.",
     "denies the charges"),
    ("Prime Minister Jane Holt announced the resignation of Finance Minister Peter Grant on Friday after a week of "
     "protests.", "announced the resignation of Finance Minister Peter Grant"),
    ("Fire Chief Tom Reed urged residents to leave their homes immediately as the flames approached the town.",
     "urged residents to leave their homes immediately"),
    ("The governor called on residents to stay indoors until the storm passes.", "called on residents to stay indoors"),
    ("The minister confirmed the closure of three hospitals in the region.",
     "confirmed the closure of three hospitals"),
    # session 33: a purpose or a call to act read as what was said ("officials: to prevent coronavirus resurgence",
    # "He: to expect delays on Monday")
    ("Rallies spread across the country as officials urge caution to prevent coronavirus resurgence.",
     "urge caution to prevent coronavirus resurgence"),
    ("He told reporters to expect delays on Monday.", "told reporters to expect delays"),
    ("Police asked people to stay away from the area.", "asked people to stay away from the area"),
])
def test_the_object_of_a_denial_an_announcement_or_a_call_is_shown_with_its_verb(brief_quotes, text, shown):
    assert any(shown in q.text for q in brief_quotes(text))  # "officially announced his ..." with the cue's adverb


@pytest.mark.parametrize("text, said", [
    ("Its chief executive announced that prices would rise in May.", "that prices would rise in May"),
    ("The ministry announced it would close the border at midnight.", "it would close the border at midnight"),
    ("Ronny Jackson said the report was politically motivated.", "the report was politically motivated"),
    # a predicate with its own subject; a "that" clause the parse loses in dashes; a clause that goes on with "but"
    ("In a televised briefing, Andriy Porubiy, secretary of the national defense and security council, said that if "
     "the United Nations designates Crimea a \"demilitarized zone,\" Ukraine is prepared to evacuate its military "
     "personnel and family members.",
     "that if the United Nations designates Crimea a \"demilitarized zone,\" Ukraine is prepared to evacuate its "
     "military personnel and family members"),
    ("That includes uranium enrichment, which Iran says it needs to make reactor fuel — but which can also "
     "manufacture fissile warhead material.",
     "it needs to make reactor fuel"),
])
def test_reported_speech_that_is_a_clause_stays(brief_quotes, text, said):
    assert [q.text for q in brief_quotes(text)] == [said]


def test_the_records_keep_every_attribution_the_tagger_found(enricher):
    # `storyline quotes` and the benchmark keep PolNeAR's convention: "announced a new policy" is an attribution
    text = "The company announced a new policy on Monday."
    assert [q.text for q in find_quotes(enricher.nlp(text), enricher.tagger)] == ["a new policy"]


class MarkedTagger:
    """The attributions a tagger made on a real text, marked by their words: (cue, source, content) each; the cue is
    its words' first occurrence, the source and the content the occurrences of theirs nearest to the cue."""

    def __init__(self, *marked):
        self.marked = marked

    def tag(self, doc):
        def run(role, words, near=0):
            found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(words)}(?!\w)", doc.text)]
            start = min(found, key=lambda at: abs(at - near))
            span = doc.char_span(start, start + len(words), alignment_mode="expand")
            return Run(role, span.start, span.end)
        out = []
        for cue, source, said in self.marked:
            at = doc.text.index(cue)
            out.append(TaggedAttribution(run("Cue", cue), run("Source", source, at) if source else None,
                                         (run("Content", said, at),)))
        return out


KEYE = ('A judge in June approved a request from Travis County District Attorney Margaret Moore for a declaration of '
        'innocence for the Kellers. \n \n "There was not enough evidence left," Moore said at the time, according to '
        'CBS affiliate KEYE. "We work every day to insure that the cases we bring are appropriately brought and '
        'that\'s all I can answer is for what we do now."')


def test_a_quotation_passed_on_according_to_a_station_is_the_speakers(enricher):
    # the review: KEYE headed the district attorney's second sentence, which the tagger gave "according to"
    doc = enricher.nlp(KEYE)
    tagger = MarkedTagger(("said", "Moore", '"There was not enough evidence left,"'),
                          ("according to", "CBS affiliate KEYE", '"We work every day'))
    quotes = find_quotes(doc, tagger, speech_only=True)
    assert [(q.speaker, q.text[:11]) for q in quotes] == [("Moore", "There was n"), ("Moore", "We work eve")]
    assert KEYE[quotes[1].speaker_start:quotes[1].speaker_end] == "Moore"
    # the records keep the station as the tagger marked it (PolNeAR's convention: "according to" is an attribution)
    assert find_quotes(doc, tagger)[1].speaker == "CBS affiliate KEYE"


@pytest.mark.parametrize("text, speaker", [
    ("The couple will receive $3.4 million from the state fund, KEYE reported.", "KEYE"),
    ("The district attorney told KEYE that there was not enough evidence left.", "The district attorney"),
])
def test_a_station_that_reports_is_the_source_and_one_told_is_not(brief_quotes, text, speaker):
    assert [q.speaker for q in brief_quotes(text)] == [speaker]


def test_an_according_to_of_a_whole_attribution_adds_no_quote_of_its_own(enricher):
    # PolNeAR marks the whole of '"...," Sanders said' as the content of "according to CNN"
    text = '"The death toll has risen to 20 people in the valley," the governor said, according to Reuters.'
    tagger = MarkedTagger(("said", "the governor", '"The death toll has risen to 20 people in the valley,"'),
                          ("according to", "Reuters", '"The death toll has risen to 20 people in the valley," the '
                                                      'governor said'))
    quotes = find_quotes(enricher.nlp(text), tagger, speech_only=True)
    assert [(q.speaker, q.text) for q in quotes] == [("the governor", "The death toll has risen to 20 people in the "
                                                                      "valley")]


def test_a_picture_credit_is_not_the_speaker(brief_quotes):
    # the review: "Hulton Archive - Getty" said that James Maybrick was Jack the Ripper (a credit run into its caption)
    text = ("Many critics resolved that the diary was a fabrication put together from news reports at the time. \n \n "
            "Hulton Archive - Getty New evidence seems to confirm that Liverpool cotton merchant, James Maybrick was "
            "indeed Jack the Ripper \n \n ")
    assert "Hulton" not in " ".join(q.speaker or "" for q in brief_quotes(text))
    text = "The mayor spoke on Monday. \n \n Evan Vucci / AP Mayor Brown said the bridge would reopen in May."
    assert [q.speaker for q in brief_quotes(text)] == ["Mayor Brown"]


@pytest.mark.parametrize("source", ["Ipsos/Reuters poll", "NORC/AP", "Dow Jones/Reuters", "Dow Jones/Reuters poll"])
def test_a_poll_or_agency_pair_is_no_picture_credit(source):
    # the review of quotes22: "Ipsos/Reuters poll" had been cut to "poll"
    assert PICTURE_CREDIT.match(source) is None
    assert PICTURE_CREDIT.match(f"{source} results") is None


@pytest.mark.parametrize("source, rest", [
    ("Seth Wenig/AP Mayor Brown", "Mayor Brown"), ("Photo: Reuters/AP The", "The"), ("Hulton Archive - Getty", ""),
])
def test_a_credit_names_a_person_or_is_said_to_be_one(source, rest):
    assert source[PICTURE_CREDIT.match(source).end():] == rest


def speaker_of(enricher, text, pronoun_then_cue, said):
    """The speaker find_quotes gives the attribution marked by ``pronoun_then_cue`` ("he wrote") and ``said``."""
    pronoun, cue = pronoun_then_cue.split(" ", 1)
    tagger = MarkedTagger((pronoun_then_cue, pronoun, said))
    return find_quotes(enricher.nlp(text), tagger)[0].speaker


def test_a_he_of_a_stage_name_the_entities_missed_is_that_person_not_the_mother_he_mourns(enricher):
    # the review: Prodigy's eulogy of his late mother went to her, then (her gender known) to "Instagram"
    text = ("Prodigy's mother, Fatima Johnson, was a member of the '60s R&B group The Crystals, and also served as "
            "Mobb Deep's first manager. When she passed, on Christmas Eve, 2016, Prodigy publicly eulogized her on "
            "Instagram: \"I want to take a moment and salute this beautiful soul. Fatima Johnson, may u Rest In "
            "Peace,\" he wrote. \"There wouldn't be a Mobb Deep without you literally!!\" \n \n \"So I wear a "
            "slug-proof underneath my Guess,\" Prodigy rapped on 1995's \"Survival of the Fittest.\"")
    assert speaker_of(enricher, text, "he wrote", '"There wouldn\'t be a') == "Prodigy"


def test_a_he_with_no_subject_nearby_is_the_articles_protagonist_not_a_relative_named_once(enricher):
    # the review: Michael Dunn's letter went to his mother, named once in the paragraph before
    text = ("The jury convicted Michael Dunn on Saturday. The judge questioned Dunn for hours. Prosecutors played a "
            "video of Dunn. "
            "\"And they asked what I was in for and I told them. And I gave them some of the details and they were "
            "like 'Straight up, that's what they get.'\" \n \n Audio of nine of Dunn's calls was released on Monday. "
            "All took place in December 2012 while in jail "
            "and were with his parents, Phillip and Sandra Dunn. Also released was a letter describing the shooting. "
            "\n \n At first the teenagers turned down the music, but then he wrote that he could hear one of the "
            "passengers shouting.")
    assert speaker_of(enricher, text, "he wrote", "that he could hear") == "Michael Dunn"


def test_a_she_goes_on_with_the_woman_the_sentence_before_is_about(enricher):
    # the review: a witness's words went to one of the murdered girls, named three sentences before
    text = ("Abigail Williams, 13, and Liberty German, 14, went missing on Monday. The girls' phones pinged in "
            "multiple locations. \n \n A woman who was at the bridge commented on a Facebook post by a family member, "
            "saying she had been at the bridge shortly after the girls posted the photo. She said she didn't notice "
            "anything out of the ordinary.")
    assert speaker_of(enricher, text, "She said", "she didn't notice anything out of the ordinary") == "A woman"


@pytest.mark.parametrize("text, official", [
    ("Sgt. Ann Lee said a woman was struck by a car on Main Street on Tuesday night. The woman was taken to a "
     "hospital. \"She is in stable condition and we are looking for the driver,\" she said.", "Ann Lee"),
    ("Detective Paul Grant said the boy had been missing since Friday. The boy was found on Sunday in a barn two "
     "miles away. \"We are very grateful to the volunteers who searched through the night,\" he said.", "Paul Grant"),
    ("The fire started in the kitchen, Chief Dan Ortiz said. A man was rescued from the second floor. \"The crews "
     "did an outstanding job getting him out,\" he said.", "Dan Ortiz"),
])
def test_a_he_or_she_of_an_official_is_not_the_victim_the_official_spoke_of(enricher, text, official):
    # the review of quotes22: "she said" went to "The woman", taken to a hospital, not to the sergeant
    pronoun_then_cue = re.search(r"(?:he|she) said\.$", text).group(0)[:-1]
    said = re.findall(r'"([^"]{3,30})', text)[-1]
    assert speaker_of(enricher, text, pronoun_then_cue, said).endswith(official)


def test_the_subject_of_a_passive_is_no_unnamed_speaker(enricher):
    text = ("The storm hit the town on Monday. A woman was rescued from the river. \"I thought I would die,\" "
            "she said.")
    assert speaker_of(enricher, text, "she said", "I thought I would die") != "A woman"


def pieces(text):
    return [[text[s:e] for s, e in chain] for chain in continued_quotations(text)]


def test_a_quotation_over_paragraphs_opens_each_and_closes_only_the_last():
    text = "“We will rebuild. Every house.\n\n“It will take years,” she said. “Maybe more.”"
    assert pieces(text) == [["“We will rebuild. Every house.", "“It will take years,”"]]
    text = '"Aye," he said. "B.\n \n "C.\n \n "D," he added.'
    assert pieces(text) == [['"B.', '"C.', '"D,"']]
    assert quotation_spans(text) == [(0, 6), (text.index('"B'), text.index('D,"') + 3)]


@pytest.mark.parametrize("text", [
    "“One unbalanced mark.\n\nNo mark opens this paragraph.\n\n“Another quote.”",  # not continued
    '“Closed,” he said.\n\n“Also closed.”',
    'He stands 6" tall.\n\n"Yes," he said.',  # an inch mark opens nothing
])
def test_no_quotation_goes_on_where_the_convention_is_not_followed(text):
    assert pieces(text) == []


@pytest.mark.parametrize("text", [
    # the review of quotes22: a nested quotation's "'" before the closing '"' left it looking open
    'Witness Ann Lee said she saw the driver leave. "I shouted at him, \'Stop the car.\'"\n'
    '"We have no comment while the investigation continues," police spokesman Tom Reed said on Friday.',
    # a stray mark left open swallows narration that attributes
    'The sign on the door read "Closed until further notice. Officials said repairs to the roof would take several '
    'weeks.\n"We are doing our best to reopen the library before the summer," Mayor Tom Reed said on Friday.',
    # each paragraph's quotation attributed, to two people
    'Lee said: "We saw the car.\n\n"It was not ours," police spokesman Tom Reed said.',
])
def test_a_quotation_does_not_go_on_into_another_speakers(text):
    assert pieces(text) == []


def test_one_speakers_quotation_attributed_in_both_paragraphs_still_goes_on():
    text = 'Mayor Tom Reed said: "We will rebuild.\n\n"It will take years," Reed said.'
    assert pieces(text) == [['"We will rebuild.', '"It will take years,"']]


def test_a_quote_nested_before_the_closing_mark_is_spoken_by_who_said_the_paragraph_before(brief_quotes):
    text = ('Witness Ann Lee said she saw the driver leave. "I shouted at him, \'Stop the car.\'"\n'
            '"We have no comment while the investigation continues," police spokesman Tom Reed said on Friday.')
    said = {q.text: q.speaker for q in brief_quotes(text)}
    assert said["We have no comment while the investigation continues"] == "police spokesman Tom Reed"


OBAMA = ('"We do not need to trigger an actual war with Russia," Obama said in an interview with KSDK-TV. "The '
         'Ukrainians don\'t want that, nobody would want that. \n \n "But what we can do is stand up for principle, '
         'stand by the Ukrainian people." \n \n He expressed support for legislation.')
POLICE = ("“We are asking for anyone to come forward with information,” Indiana State Police said in a press release. "
          "“Any information may be helpful to solving this case. \n \n “Also, if you were parked at High Bridge Trail "
          "Head on February 13, 2017 we would like to talk to you,” police said.")


def test_a_quotation_over_paragraphs_is_one_quote_attributed_once(enricher):
    # the review's briefs: the last paragraph went under "Police" beside "Indiana State Police", or was unattributed
    tagger = MarkedTagger(("said in a press release", "Indiana State Police",
                           "“We are asking for anyone to come forward with information,”"),
                          ("police said", "police", "“Also, if you were parked at High Bridge Trail Head on February "
                                                    "13, 2017 we would like to talk to you,”"))
    quotes = find_quotes(enricher.nlp(POLICE), tagger, speech_only=True)
    assert [(q.speaker, q.text) for q in quotes] == [(
        "Indiana State Police", "We are asking for anyone to come forward with information … Any information may be "
        "helpful to solving this case. Also, if you were parked at High Bridge Trail Head on February 13, 2017 we "
        "would like to talk to you")]
    # the records keep the tagger's two attributions
    assert len(find_quotes(enricher.nlp(POLICE), tagger)) == 2


def test_a_quotation_opened_after_the_attribution_goes_on_into_the_next_paragraph(enricher):
    tagger = MarkedTagger(("said in an interview", "Obama", '"We do not need to trigger an actual war with Russia,"'))
    quotes = find_quotes(enricher.nlp(OBAMA), tagger, speech_only=True)
    assert [(q.speaker, q.text) for q in quotes] == [(
        "Obama", "We do not need to trigger an actual war with Russia … The Ukrainians don't want that, nobody would "
        "want that. But what we can do is stand up for principle, stand by the Ukrainian people.")]


def test_a_quote_of_the_paragraph_before_does_not_go_on_into_the_next_ones_quotation(enricher):
    # a tagger's content run ends with the paragraph break's spaces: Riley's quote had taken the police's words
    text = "“I think people need to be cautious,” Riley said. “Parents should watch their children.” \n \n " + POLICE
    tagger = MarkedTagger(("Riley said", "Riley", "“Parents should watch their children.” \n \n"),
                          ("police said", "police", "“Also, if you were parked"))
    quotes = find_quotes(enricher.nlp(text), tagger, speech_only=True)
    assert [(q.speaker, q.text[:20]) for q in quotes] == [("Riley", "Parents should watch"),
                                                          ("police", "Any information may ")]


def test_pronouns_read_the_whole_doc_once_not_once_each(enricher, monkeypatch):
    # resolving each "he said" read the doc's genders, people and quotations again: 400 in one article took ~10 minutes
    from storyline.enrich import quotes as module
    calls = []
    real = module.genders_shown
    monkeypatch.setattr(module, "genders_shown", lambda *a: calls.append(1) or real(*a))
    text = " ".join(f"John Smith visited on day {i}. “The river rose again today,” he said." for i in range(6))
    doc = enricher.nlp(text)
    quotes = find_quotes(doc, enricher.tagger, speech_only=True)
    assert [q.speaker for q in quotes] == ["John Smith"] * 6
    assert len(calls) == 1
    assert module.RESOLVING not in doc.user_data  # nothing left on the doc (it may be serialised later)


def test_a_conjunction_heads_no_reported_speech(enricher):
    # the tagger's content on the whole article ran on past the dash; "but" then read as its head
    from storyline.enrich.quotes import _content_words, _is_clause
    text = ("That includes uranium enrichment, which Iran says it needs to make reactor fuel — but which can also "
            "manufacture fissile warhead material.")
    said = "it needs to make reactor fuel — but which can also manufacture fissile warhead material"
    start = text.index(said)
    doc = enricher.nlp(text)
    assert _is_clause(_content_words(doc, [(start, start + len(said))]))


def test_a_capital_only_opening_a_sentence_is_no_person(enricher):
    from storyline.enrich.quotes import _people
    text = ("\"Two were kids and one was an old man,\" he continued. \"And they asked what I was in for and I told "
            "them. And I gave them some of the details and they were like 'Straight up, that's what they get.'\" \n \n "
            "Audio of nine of Dunn's calls was released on Monday by the state attorney in Florida.")
    assert "Audio" not in [p.text for p in _people(enricher.nlp(text))]


def test_a_finite_verb_heads_a_content_the_parse_hung_from_a_headline(enricher):
    # the parse read the commander as the object of the headline's "released": the statement had been dropped
    from storyline.enrich.quotes import _content_words, _is_clause
    text = ("Navy chief released \n \n Ukraine's navy commander, detained when supporters of Russia took over the "
            "naval headquarters in Crimea, was released, the presidential website said Thursday.")
    said = "Ukraine's navy commander, detained when supporters of Russia took over the naval headquarters in Crimea, " \
           "was released"
    start = text.index(said)
    doc = enricher.nlp(text)
    assert _is_clause(_content_words(doc, [(start, start + len(said))]))
    said = "the court to uphold the health-care law"  # an infinitive does not make its object a statement
    text = "President Biden's administration urged the court to uphold the health-care law."
    start = text.index(said)
    doc = enricher.nlp(text)
    assert not _is_clause(_content_words(doc, [(start, start + len(said))]))


@pytest.mark.parametrize("text, speaker, said", [
    # real sentences of the dev set (NeuS, Multi-News): spaCy lemmatises "according" as "accord", and reported speech
    # under "according to" had never reached a brief
    ("The officer was reportedly working in the White House at one point and has returned to the intelligence "
     "agency, according to the newspaper.", "the newspaper",
     "The officer was reportedly working in the White House at one point and has returned to the intelligence "
     "agency"),
    ("McCullum, a former staffer for the delegate, distributed photos of the couple on social media in July 2016, "
     "according to the federal indictment.", "the federal indictment",
     "McCullum, a former staffer for the delegate, distributed photos of the couple on social media in July 2016"),
    ("According to police, the gunman fired at least 30 shots before he was arrested.", "police",
     "the gunman fired at least 30 shots before he was arrested"),
])
def test_reported_speech_according_to_a_source_stays(brief_quotes, text, speaker, said):
    assert [(q.speaker, q.cue.lower(), q.text) for q in brief_quotes(text)] == [(speaker, "according to", said)]


HAVOC = ("Upon his release, Prodigy published his autobiography and reunited with Havoc for a new Mobb Deep song, "
         "\"Dog Shit,\" featuring Nas. But within a year, a rift between the longtime partners appeared when Havoc "
         "posted a series derogatory and homophobic messages about Prodigy on Twitter. While Havoc initially claimed "
         "that his account had been hacked, he ultimately admitted to sending the tweets during an interview with "
         "AllHipHop.com, where he also said Mobb Deep was going on \"an indefinite hiatus.\"")


def test_he_after_a_clause_put_before_his_own_is_that_clauses_subject(brief_quotes):
    # mn-validation-21 (dev): "an indefinite hiatus" was Prodigy's, the story's subject and the last main clause's
    hiatus = [q for q in brief_quotes(HAVOC) if "hiatus" in q.text]
    assert [q.speaker for q in hiatus] == ["Havoc"]


@pytest.mark.parametrize("text", [
    # a clause whose subject is an organisation or a woman, or a clause after the pronoun's, gives "he" no one
    "John Prodigy published his autobiography in 2011. When Microsoft released the book, he said it was his life.",
    "John Prodigy published his autobiography in 2011. While Mrs. Smith claimed the account had been hacked, he said "
    "it was his life.",
    "John Prodigy published his autobiography in 2011. He said it was his life when Havoc called him a fake.",
])
def test_a_later_clause_an_organisation_or_a_woman_is_no_fronted_subject_of_he(brief_quotes, text):
    assert [q.speaker for q in brief_quotes(text) if "his life" in q.text] == ["John Prodigy"]


def test_an_articles_quotations_are_found_once_for_its_contents_its_paragraphs_and_its_pronouns(enricher, monkeypatch):
    import storyline.enrich.quotes as quotes_module
    scans = []
    real = quotes_module.continued_quotations
    monkeypatch.setattr(quotes_module, "continued_quotations", lambda text: scans.append(text) or real(text))
    text = ("Mayor Tom Reed spoke to reporters on Friday. “We will rebuild. Every house.\n\n“It will take years,” he "
            "said. “Maybe more.”")
    doc = enricher.nlp(text)
    quotes = find_quotes(doc, enricher.tagger, speech_only=True)
    assert any(q.speaker == "Tom Reed" for q in quotes)  # "he", resolved: the pronoun's reading asked too
    assert len(scans) == 1 and not doc.user_data  # found once, and nothing of it left on the doc


def test_reported_speech_is_read_into_words_once_for_both_the_clause_and_the_stated_object_tests(enricher, monkeypatch):
    import storyline.enrich.quotes as quotes_module
    reads = []
    real = quotes_module._content_words
    monkeypatch.setattr(quotes_module, "_content_words", lambda doc, frags: reads.append(frags) or real(doc, frags))
    text = "Joe Biden officially announced his presidential bid on Thursday, ending months of speculation."
    doc = enricher.nlp(text)
    quotes = find_quotes(doc, enricher.tagger, speech_only=True)
    assert [q.text for q in quotes] == ["officially announced his presidential bid"]  # no clause: a stated object
    assert len(reads) == len({tuple(f) for f in reads}) == 1


@pytest.mark.parametrize("text, name, subject, verb", [
    ("Last year's winner Brie Larson watched from the front row.", "Brie Larson", True, "watch"),
    ("Sgt. Ann Lee said a woman was struck by a car.", "Ann Lee", True, "say"),
    ("Smith said Tom Brown would leave the company.", "Tom Brown", False, "leave"),  # a reported clause's subject
])
def test_one_climb_through_appositions_gives_both_whether_a_name_is_a_subject_and_the_verb_it_hangs_from(
        enricher, text, name, subject, verb):
    from storyline.enrich.quotes import _is_subject, _name_head
    doc = enricher.nlp(text)
    span = doc.char_span(text.index(name), text.index(name) + len(name))
    head = _name_head(span)
    assert _is_subject(head) == subject and head.head.lemma_ == verb


@pytest.mark.parametrize("text, quoted", [
    # an inch mark opens nothing: the quotation is what follows "said"
    ('He stands 6" tall and said "we are ready for them."', ['"we are ready for them."']),
    # a straight mark left open at a paragraph's end quotes nothing beyond it: the narration is no quotation
    ('He called it "a disgrace.\n\nThen the mayor spoke. "We will rebuild," she said.', ['"We will rebuild,"']),
    # a long statement quoted whole (a transcript's paragraph) is a quotation however long
    ("“" + "We will rebuild this town, house by house and street by street. " * 25 + "”, she said.",
     ["“" + "We will rebuild this town, house by house and street by street. " * 25 + "”"]),
])
def test_the_quotes_see_the_quotations_the_sentence_splitter_sees(text, quoted):
    from storyline.enrich.sentences import quotations

    spans = quotation_spans(text)
    assert [text[s:e] for s, e in spans] == quoted
    assert all(span in quotations(text, p.start(), p.end())[0] for span in spans
               for p in re.finditer(r"\S[^\n]*", text) if p.start() <= span[0] < p.end())


def test_the_rule_baseline_quotes_what_the_scanner_finds_quoted(enricher):
    text = 'At 6" tall, the coach said "we are ready for them."'  # (was "tall, the coach said": the inch mark opened)
    quotes = find_quotes(enricher.nlp(text))  # no tagger: the rules
    assert [(q.text, q.direct, q.speaker) for q in quotes] == [("we are ready for them.", True, "the coach")]


TERMINAL = "The council voted on Tuesday to close the Harbour Street ferry terminal"
LOSING_MONEY = "The terminal has been losing money for a decade and the town cannot carry it any longer."


@pytest.mark.parametrize("text, speaker", [
    # the tester's report (quotes27): a reaction in the sentence after a quotation is a new speaker's stance; the
    # quotation is what she disagreed with, said by no one named ...
    (f"{TERMINAL}. \"{LOSING_MONEY}\" Berg's deputy, Carla Mendes, disagreed.", None),
    # ... or by the speaker whose attribution it follows straight on
    (f"{TERMINAL}, Mayor Anna Berg said.\n\n\"{LOSING_MONEY}\"\n\nBerg's deputy, Carla Mendes, disagreed. She said "
     "the terminal could be saved with a modest grant.", "Mayor Anna Berg"),
])
def test_a_quotation_is_not_given_to_who_disagreed_with_it_in_the_next_sentence(brief_quotes, text, speaker):
    quote = next(q for q in brief_quotes(text) if q.text.startswith("The terminal has been losing money"))
    assert quote.speaker == speaker
    assert quote.speaker is not None or (quote.speaker_start, quote.cue) == (None, None)


def test_a_reaction_verb_in_the_quotations_own_sentence_attributes_it(brief_quotes):
    quotes = brief_quotes(f"{TERMINAL}. \"The terminal could be saved with a modest grant,\" Carla Mendes objected.")
    assert [(q.speaker, q.cue) for q in quotes] == [("Carla Mendes", "objected")]


def test_the_first_sentences_wire_dateline_is_no_part_of_what_was_said(enricher, brief_quotes):
    # the tester's report (quotes27): the quote read "STOCKHOLM (Nordic Wire) — All 212 passengers ..."
    text = ("STOCKHOLM (Nordic Wire) — All 212 passengers of the Baltic Star were taken ashore after the ferry ran "
            "aground near Brindle, the operator Nordline said on Sunday.")
    (quote,) = brief_quotes(text)
    assert quote.text.startswith("All 212 passengers") and text[quote.start:].startswith("All 212")
    (plain,) = find_quotes(enricher.nlp(text), enricher.tagger)
    assert plain.text.startswith("All 212 passengers")


def test_a_quotation_goes_to_its_own_he_said_not_to_an_earlier_sentences_source(brief_quotes):
    # the tester's report of s27: the tagger gave the quotation to "reported", and "some local radio stations" were
    # shown denying their own figure; its "he" is the governor, the subject of the sentence before
    text = ("Regional governor Rohel Sánchez denied that the death toll had reached ten, as some local radio "
            "stations reported. \"There are not ten dead. There are four,\" he said.")
    quote = next(q for q in brief_quotes(text) if q.direct)
    assert (quote.speaker, quote.cue) == ("Rohel Sánchez", "said")
    assert quote.text == "There are not ten dead. There are four"


def test_he_goes_on_with_a_surname_the_tagger_read_as_a_place(brief_quotes):
    # the MH370 search (Multi-News): "Houston" (Air Chief Marshal Angus Houston) is tagged GPE, and the "he said" after
    # "..., Houston said." had gone to the submersible named before
    text = ("Air Chief Marshal Angus Houston is coordinating the search. It takes two hours to bring the Bluefin-21 to "
            "the surface and four hours to analyze the data it has collected. Meanwhile, searchers will send the oil "
            "slick sample to a laboratory on shore for analysis, Houston said. “We don’t think it’s from the ships” "
            "involved in the search, he said.")
    [ships] = [q for q in brief_quotes(text) if "ships" in q.text]
    assert ships.speaker == "Houston"


def test_the_reporters_question_before_an_answer_is_no_ones_statement(brief_quotes):
    # a Multi-News Tesla story: the analyst was shown saying the question the article opened with
    text = ("With reports of car fires and other bad news driving the price of Tesla Motors shares down 30% from its "
            "all time high, is this the time to start buying into the electric car company?\n\nNot yet, said Efraim "
            "Levy, a S&P Capital IQ equity analyst. Levy is maintaining his sell recommendation.")
    assert not [q for q in brief_quotes(text) if "buying" in q.text]


def test_a_relative_clause_after_the_cue_is_no_statement(brief_quotes):
    # a NeuS Cuomo story: "New York's attorney general: that quickly renewed calls for the Democrat's resignation"
    text = ("An investigation found that Gov. Andrew Cuomo sexually harassed multiple women, New York’s attorney general "
            "announced Tuesday in a finding that quickly renewed calls for the Democrat’s resignation or impeachment.")
    assert not [q for q in brief_quotes(text) if "renewed calls" in q.text]
    said = brief_quotes("He said that was wrong. Police said that the man was arrested on Monday.")
    assert [q.text for q in said] == ["that was wrong", "that the man was arrested on Monday"]


def test_a_quotation_with_a_spaced_ellipsis_is_quoted_from_its_opening_mark(enricher):
    # the CRF alone (quotes_encoder off) ends a sentence at each dot of ". . ." and took the content from the last
    # one (". and most ..."; neus-val-22-0 of the clustering dev set)
    from storyline.enrich.attributor import load_attributor

    text = ("The navy chief warned the United States on Monday that its forces could shoot down more drones, as the "
            "secretary arrived in the region for talks with allies. “The enemy dispatched its most sophisticated . . . "
            "and most complicated surveillance aircraft” to spy on the country, and “everyone saw the downing of the "
            "drone,” Rear Adm. Hossein Khanzadi said Monday, referring to the drone shot down last week.")
    quotes = find_quotes(enricher.nlp(text), load_attributor(encoder="off"), speech_only=True)
    [quote] = [q for q in quotes if q.direct]
    assert quote.text.startswith("The enemy dispatched its most sophisticated . . . and most complicated")
    assert quote.start == text.index("“The enemy")
