"""One statement rendered in different words by two outlets becomes one quote with both wordings."""
from storyline.consolidate.entities import merge_entities
from storyline.consolidate.quotes import group_quotes, speaker_name
from storyline.records import Annotations, Article, Mention, Quote, Sentence, StoredArticle


def member(aid, speaker, text, direct=True):
    ann = Annotations(mentions=[Mention(speaker, "PERSON", 0, len(speaker))],
                      quotes=[Quote(speaker=speaker, text=text, direct=direct)])
    return StoredArticle(Article(id=aid, source=aid, text="x"), ann, "s")


def test_two_renderings_of_a_spokesmans_statement_are_grouped_with_every_wording():
    members = [
        member("a", "Steffen Seibert", "The chancellor will not accept any change to the border agreement"),
        member("b", "Seibert", "The chancellor won't accept changes to the border agreement, under any circumstances",
               direct=False),
        member("c", "Seibert", "The weather in Berlin was sunny on Sunday"),
    ]
    _, canonical_of = merge_entities(members)
    quotes = group_quotes(members, canonical_of, duplicates_of={})
    assert len(quotes) == 2
    border = quotes[0]
    assert border.speaker == "Steffen Seibert" and border.article_ids == ["a", "b"] and border.direct
    assert [w["article_id"] for w in border.wordings] == ["a", "b"]
    assert border.wordings[1]["speaker"] == "Seibert"


def test_the_same_statement_with_another_figure_is_a_quote_of_its_own():
    # a bug once: grouped on content words alone, the 14 was shown as 12 citing the outlet that says 14
    members = [
        member("a", "police", "At least 12 people were killed when the Old Mill bridge collapsed in Portvale", False),
        member("b", "police", "At least 14 people were killed when the Old Mill bridge collapsed in Portvale", False),
        member("c", "police", "At least twelve people were killed when the Old Mill bridge collapsed", False),
    ]
    _, canonical_of = merge_entities(members)
    quotes = group_quotes(members, canonical_of, duplicates_of={})
    cited = {q.text: q.article_ids for q in quotes}
    assert cited == {members[0].annotations.quotes[0].text: ["a", "c"], members[1].annotations.quotes[0].text: ["b"]}


def test_a_short_excerpt_without_the_quotes_figures_is_not_cited_for_them():
    # tester s28 #7: Coast Radio's "the quake struck at 11:12 p.m." had been cited for the USGS's "magnitude 5.2" (it
    # says 5.4); an excerpt giving the figures, or most of the words, is still the same quote
    members = [
        member("a", "USGS", "A magnitude 5.2 earthquake struck off the coast of Eureka, California, at 11:12 p.m. on "
               "Monday", False),
        member("b", "USGS", "the quake struck at 11:12 p.m.", False),
        member("c", "USGS", "A magnitude 5.2 earthquake struck off Eureka at 11:12 p.m.", False),
    ]
    _, canonical_of = merge_entities(members)
    cited = {q.text: q.article_ids for q in group_quotes(members, canonical_of, duplicates_of={})}
    assert cited == {members[0].annotations.quotes[0].text: ["a", "c"], "the quake struck at 11:12 p.m.": ["b"]}


def test_a_brief_leaves_out_slips_and_reported_speech_nobody_is_named_for():
    # the demo's Lohan story: "Unattributed: which", "Unattributed: she was not driving"
    members = [member("a", "Mark Heller", "which", direct=False),
               member("b", "Mark Heller", "she should be allowed to stay until a judge approves", direct=False)]
    members.append(StoredArticle(Article(id="c", source="c", text="x"), Annotations(quotes=[
        Quote(speaker=None, text="she was not driving", direct=False),
        Quote(speaker=None, text="We are not going anywhere", direct=True)]), "s"))
    _, canonical_of = merge_entities(members)
    shown = {(q.speaker, q.text) for q in group_quotes(members, canonical_of, duplicates_of={})}
    assert shown == {("Mark Heller", "she should be allowed to stay until a judge approves"),
                     (None, "We are not going anywhere")}


def test_a_surname_read_as_a_place_and_an_unresolved_pronoun_as_speakers():
    # a tester's Teixeira story: "Mead" (tagged GPE) and "Tim Mead" were two speakers; "it" (the newspaper) was shown
    # as a speaker, and before that resolved to the nearest person
    ann = Annotations(mentions=[Mention("Tim Mead", "PERSON", 0, 8), Mention("Mead", "GPE", 0, 4)],
                      quotes=[Quote(speaker="Mead", text="the team would not comment on the talks", direct=False),
                              Quote(speaker="it", text="the offer is believed to be for at least eight years",
                                    direct=False),
                              Quote(speaker="they", text="We are not going anywhere soon", direct=True)])
    members = [StoredArticle(Article(id="a", source="a", text="x"), ann, "s")]
    entities, canonical_of = merge_entities(members)
    people = {e.name for e in entities if e.type == "PERSON"}
    shown = {(q.speaker, q.text) for q in group_quotes(members, canonical_of, duplicates_of={}, people=people)}
    assert shown == {("Tim Mead", "the team would not comment on the talks"), (None, "We are not going anywhere soon")}
    # only a person takes a one-word speaker: a review's "Washington" went to the University of Washington
    ann = Annotations(mentions=[Mention("University of Washington", "ORG", 0, 24)],
                      quotes=[Quote(speaker="Washington", text="the talks would go on next week", direct=False),
                              Quote(speaker="John Smith", text="Not guilty", direct=True),
                              Quote(speaker="  ", text="the talks would go on next month", direct=False)])
    members = [StoredArticle(Article(id="b", source="b", text="x"), ann, "s")]
    entities, canonical_of = merge_entities(members)
    shown = {(q.speaker, q.text) for q in group_quotes(members, canonical_of, duplicates_of={},
                                                       people={e.name for e in entities if e.type == "PERSON"})}
    assert shown == {("Washington", "the talks would go on next week"), ("John Smith", "Not guilty")}


def said(text, speaker, *mentions, quote="the reported gang links were real"):
    """An article whose one quote's source phrase is ``speaker`` as written in ``text``, with the given mentions
    (label, surface form)."""
    at = text.index(speaker)
    found = [Mention(form, label, text.index(form), text.index(form) + len(form)) for label, form in mentions]
    return Quote(speaker=speaker, text=quote, direct=False, speaker_start=at, speaker_end=at + len(speaker)), found


def test_a_source_phrase_is_reduced_to_the_name_it_gives():
    # a reviewer's briefs: "police chief William J. Bratton, eager to protect his case," next to "William J. Bratton",
    # "Kimmel, a first-time host" next to "Jimmy Kimmel"; titles, appositives and relative clauses are descriptions
    cases = [
        ("But police chief William J. Bratton, eager to protect his case, said the links were real.",
         "police chief William J. Bratton, eager to protect his case,", [("PERSON", "William J. Bratton")],
         "William J. Bratton"),
        ("Kimmel, a first-time host, said it.", "Kimmel, a first-time host", [("PERSON", "Kimmel")], "Kimmel"),
        ("Brian Cullinan, one of the two accountants (the other is Martha Ruiz) who knew, said so.",
         "Brian Cullinan, one of the two accountants (the other is Martha Ruiz) who knew",
         [("PERSON", "Brian Cullinan"), ("PERSON", "Martha Ruiz")], "Brian Cullinan"),
        ("Top Obama campaign adviser David Axelrod, said it.", "Top Obama campaign adviser David Axelrod,",
         [("PERSON", "Obama"), ("PERSON", "David Axelrod")], "David Axelrod"),
        ("John Russell, Carrie's father, said it.", "John Russell, Carrie's father,",
         [("PERSON", "Carrie"), ("PERSON", "John Russell")], "John Russell"),
        ("Japan’s top government spokesman, Yoshihide Suga, said it.", "Japan’s top government spokesman, Yoshihide Suga,",
         [("GPE", "Japan"), ("PERSON", "Yoshihide Suga")], "Yoshihide Suga"),
        ("U.S. Reps. Donald McEachin and Jennifer Wexton, both Democrats from Virginia, said it.",
         "U.S. Reps. Donald McEachin and Jennifer Wexton, both Democrats from Virginia,",
         [("PERSON", "Donald McEachin"), ("PERSON", "Jennifer Wexton")], "Donald McEachin and Jennifer Wexton"),
        ("Bernice Ho, a spokeswoman for Mercy Fitzgerald, said it.", "Bernice Ho, a spokeswoman for Mercy Fitzgerald,",
         [("PERSON", "Mercy Fitzgerald")], "Bernice Ho"),
        ("The accounting firm PwC, formerly Price Waterhouse Coopers, said it.",
         "The accounting firm PwC, formerly Price Waterhouse Coopers,",
         [("ORG", "PwC"), ("PERSON", "Price Waterhouse Coopers")], "The accounting firm PwC"),
        ("The Biden administration said it.", "The Biden administration", [("PERSON", "Biden")],
         "The Biden administration"),
        ("Third, no one is saying it.", "no one", [], None),
        ("Many said it.", "Many", [], None),
    ]
    for text, phrase, mentions, name in cases:
        quote, found = said(text, phrase, *mentions)
        assert speaker_name(quote, text, found) == name, phrase


def test_a_pronoun_resolved_to_a_name_keeps_the_name():
    text = "Tim Mead spoke. He said the talks went on."
    quote = Quote(speaker="Tim Mead", text="the talks went on", direct=False, speaker_start=16, speaker_end=18)
    assert speaker_name(quote, text, [Mention("Tim Mead", "PERSON", 0, 8)]) == "Tim Mead"


def test_one_person_under_a_described_and_a_plain_heading_is_one_speaker():
    text_a = "But police chief William J. Bratton, eager to protect his case, said the gang links were real."
    text_b = "William J. Bratton said the gang links were real. Police said more. police said more."
    q_a, m_a = said(text_a, "police chief William J. Bratton, eager to protect his case,",
                    ("PERSON", "William J. Bratton"), quote="the gang links were real")
    q_b, m_b = said(text_b, "William J. Bratton", ("PERSON", "William J. Bratton"), quote="the gang links were real")
    q_c, _ = said(text_b, "Police", quote="the suspects were arrested on Tuesday")
    q_d, _ = said(text_b, "police", quote="officers searched the suspects' homes")
    members = [StoredArticle(Article(id="a", source="a", text=text_a), Annotations(mentions=m_a, quotes=[q_a]), "s"),
               StoredArticle(Article(id="b", source="b", text=text_b),
                             Annotations(mentions=m_b, quotes=[q_b, q_c, q_d]), "s")]
    entities, canonical_of = merge_entities(members)
    quotes = group_quotes(members, canonical_of, duplicates_of={},
                          people={e.name for e in entities if e.type == "PERSON"})
    assert {q.speaker for q in quotes} == {"William J. Bratton", "Police"}
    assert [q.article_ids for q in quotes if q.speaker == "William J. Bratton"] == [["a", "b"]]


def test_what_a_speaker_would_not_confirm_is_not_shown_as_their_statement():
    # a reviewer's brief: "But police chief William J. Bratton ... would not confirm the reported gang links." showed
    # Bratton saying "the reported gang links"
    text = ("Police chief William J. Bratton would not confirm the reported gang links. Bratton declined to say "
            "whether the suspects had been charged. Bratton said the suspects were arrested on Tuesday. “We do "
            "not comment,” Bratton did not add.")
    def quote(content, cue, direct=False):
        at = text.index(cue)
        return Quote(speaker="Bratton", text=content, direct=direct, cue=cue, cue_start=at, cue_end=at + len(cue))
    quotes = [quote("the reported gang links", "would not confirm"),
              quote("whether the suspects had been charged", "say"),
              quote("the suspects were arrested on Tuesday", "said"),
              quote("We do not comment", "add", direct=True)]
    member = StoredArticle(Article(id="a", source="a", text=text),
                           Annotations(mentions=[Mention("Bratton", "PERSON", 0, 0)], quotes=quotes), "s")
    _, canonical_of = merge_entities([member])
    shown = [q.text for q in group_quotes([member], canonical_of, duplicates_of={})]
    # quoted words were said whatever the cue; the reported speech of a denied cue is not a statement
    assert sorted(shown) == ["We do not comment", "the suspects were arrested on Tuesday"]


def test_a_phrase_ending_in_the_place_it_describes_its_speakers_by_is_not_that_place():
    text = "Parents of some of the victims of the 2012 school shooting in Sandy Hook, Connecticut, said they sue."
    quote, found = said(text, "Parents of some of the victims of the 2012 school shooting in Sandy Hook, Connecticut,",
                        ("GPE", "Sandy Hook"), quote="they are suing the manufacturer of the gun")
    member = StoredArticle(Article(id="a", source="a", text=text), Annotations(mentions=found, quotes=[quote]), "s")
    _, canonical_of = merge_entities([member])
    [shown] = group_quotes([member], canonical_of, duplicates_of={})
    assert shown.speaker == "Parents of some of the victims of the 2012 school shooting in Sandy Hook"


def story(*articles):
    """Members from (text, [(speaker phrase, content, cue, mentions)]), each quote's phrase and cue found in the
    text."""
    members = []
    for i, (text, quotes) in enumerate(articles):
        found, said_here = [], []
        for phrase, content, cue, mentions in quotes:
            at = text.index(phrase)
            cue_at = text.find(cue, at) if cue in text[at:] else text.index(cue)
            said_here.append(Quote(speaker=phrase, text=content, direct=False, cue=cue, cue_start=cue_at,
                                   cue_end=cue_at + len(cue), speaker_start=at, speaker_end=at + len(phrase)))
            found += [Mention(form, label, text.index(form), text.index(form) + len(form)) for label, form in mentions]
        members.append(StoredArticle(Article(id=f"a{i}", source="x", text=text),
                                     Annotations(mentions=found, quotes=said_here), "s"))
    entities, canonical_of = merge_entities(members)
    people = {name: e.name for e in entities if e.type == "PERSON" for name in (e.name, *e.aliases)}
    return group_quotes(members, canonical_of, duplicates_of={}, people=people)


def test_one_person_titled_cut_at_a_title_or_by_surname_is_under_one_heading():
    # the review's Delphi story: Sgt. Kim Riley under "Riley", "Kim Riley", "Sergeant Kim Riley" and "Sgt" (from
    # "said Sgt. Riley", the span cut at the abbreviation); a brain-scan story: "Prof Owen" beside "Adrian Owen"
    quotes = story(
        ("Indiana State Police Sergeant Kim Riley said the bodies were found near the creek on Tuesday.",
         [("Sergeant Kim Riley", "the bodies were found near the creek on Tuesday", "said",
           [("PERSON", "Sergeant Kim Riley")])]),
        ("Riley said the search for the girls was scaled back in the afternoon. Kim Riley is a sergeant.",
         [("Riley", "the search for the girls was scaled back in the afternoon", "said",
           [("PERSON", "Kim Riley"), ("PERSON", "Riley")])]),
        ("The family asked us to thank the volunteers of the town, said Sgt. Riley. Then he left.",
         [("Sgt", "The family asked us to thank the volunteers of the town", "said", [("PERSON", "Sgt")])]),
        ("Prof Adrian Owen led the team. Prof Owen said it was a groundbreaking moment for the field.",
         [("Prof Owen", "it was a groundbreaking moment for the field", "said",
           [("PERSON", "Prof Adrian Owen"), ("PERSON", "Prof Owen")])]),
        ("Adrian Owen said the patient answered the questions in the scanner.",
         [("Adrian Owen", "the patient answered the questions in the scanner", "said", [("PERSON", "Adrian Owen")])]),
    )
    assert sorted({q.speaker for q in quotes}) == ["Adrian Owen", "Kim Riley"]


def test_an_organisation_named_by_its_initials_spelt_out_or_placed_by_its_city_is_one_speaker():
    # the review's Qeshm story: the USGS under "the U. S. Geological Survey in Golden", "U. S. Geological Survey",
    # "USGS" and "United States Geological Survey"
    quotes = story(
        ("But the U. S. Geological Survey in Golden, Colo., said it was a magnitude 6.1 temblor.",
         [("the U. S. Geological Survey in Golden, Colo.,", "it was a magnitude 6.1 temblor", "said",
           [("ORG", "U. S. Geological Survey"), ("GPE", "Golden")])]),
        ("The USGS said the quake was 35 miles southwest of the port.",
         [("The USGS", "the quake was 35 miles southwest of the port", "said", [("ORG", "USGS")])]),
        ("The United States Geological Survey said it had a magnitude of 5.9 at first.",
         [("The United States Geological Survey", "it had a magnitude of 5.9 at first", "said",
           [("ORG", "United States Geological Survey")])]),
    )
    assert len({q.speaker for q in quotes}) == 1


def test_a_letter_a_possessive_or_a_dash_is_not_a_speakers_heading():
    # the review's headings "p" ("but p said he wasn't feeling well"), "Clifford’s", "The Kansas Republican -"
    quotes = story(
        ("him and hav but p said he wasn't feeling well that night",
         [("p", "he wasn't feeling well that night", "said", [])]),
        ("Clifford’s lawyer spoke. Clifford’s said the agreement was never signed by him.",
         [("Clifford’s", "the agreement was never signed by him", "said", [("PERSON", "Clifford")])]),
        ("The Kansas senator - said the current dysfunction is hard to believe.",
         [("The Kansas senator -", "the current dysfunction is hard to believe", "said", [("GPE", "Kansas")])]),
    )
    shown = {(q.speaker, q.text) for q in quotes}
    assert shown == {("The Kansas senator", "the current dysfunction is hard to believe")}
    # the owner of a claim made it: "Mr. Obama's claim that everything in his new proposal is paid for"
    quotes = story(("He repeated Mr. Obama's claim that everything in the proposal is paid for.",
                    [("Mr. Obama's", "that everything in the proposal is paid for", "claim", [("PERSON", "Obama")])]))
    assert [q.speaker for q in quotes] == ["Obama"]


def test_a_band_of_a_letter_and_a_digit_speaks_and_a_scrapers_semicolon_is_no_part_of_a_heading():
    # session 21's review: the rule against one-letter headings ("but p said") dropped "U2"; Multi-News writes
    # "AT&amp;T" as "AT&T;" (mn-validation-207: "AT&T; relented"), which a heading kept
    quotes = story(("U2 said the rest of the tour would go ahead as planned.",
                    [("U2", "the rest of the tour would go ahead as planned", "said", [("ORG", "U2")])]))
    assert [q.speaker for q in quotes] == ["U2"]
    members = [StoredArticle(Article(id="a", source="a", text="x"), Annotations(quotes=[
        Quote(speaker="AT&T;", text="it would switch to a tiered pricing plan next month", direct=False),
        Quote(speaker="7", text="the count would be finished by Friday morning", direct=False)]), "s")]
    _, canonical_of = merge_entities(members)
    assert [q.speaker for q in group_quotes(members, canonical_of, duplicates_of={})] == ["AT&T"]


def test_what_someone_denied_or_a_cut_reporting_clause_is_not_shown_as_their_statement():
    # the review: "Michael Cohen: there was ever an affair" (he denied it), "Donald J. Trump: Fox Business Network
    # host Stuart Varney who", "IRNA: the head of Qeshm's free-trade zone, Ali Rezapour, as saying", "Joe Biden: his
    # candidacy with a three-and", the group's statement under "most of his fans" ("As most of his fans know, ..."), and
    # "The Fake News Media: the fact that the Stock Market just hit another New Record" (Trump: the media "barely
    # mentions" it)
    quotes = story(
        ("Michael Cohen has denied there was ever an affair between the two.",
         [("Michael Cohen", "there was ever an affair between the two", "has denied", [("PERSON", "Michael Cohen")])]),
        ("Trump sent a tweet quoting Fox host Stuart Varney who said more.",
         [("Trump", "Fox host Stuart Varney who", "sent a tweet quoting", [("PERSON", "Trump")])]),
        ("IRNA quoted the head of the trade zone, Ali Rezapour, as saying so.",
         [("IRNA", "the head of the trade zone, Ali Rezapour, as saying", "quoted", [("ORG", "IRNA")])]),
        ("Joe Biden announced his candidacy with a three-and-a-half minute video.",
         [("Joe Biden", "his candidacy with a three-and", "announced", [("PERSON", "Joe Biden")])]),
        ("As most of his fans know, the rapper battled the disease since birth.",
         [("most of his fans", "the rapper battled the disease since birth", "know", [])]),
        ("The media barely mentions the fact that the market hit another record.",
         [("The media", "the fact that the market hit another record", "mentions", [])]),
        ("The papers hardly mention that the jobs report was the best in years.",
         [("The papers", "that the jobs report was the best in years", "hardly mention", [])]),
        ("Cohen said the payment was legal and came from his own funds.",
         [("Cohen", "the payment was legal and came from his own funds", "said", [("PERSON", "Cohen")])]),
    )
    shown = [(q.speaker, q.text) for q in quotes]
    assert shown == [("Michael Cohen", "the payment was legal and came from his own funds")]


def test_a_word_or_two_in_quote_marks_nobody_is_named_for_is_left_out():
    # the review: Unattributed “disgrace” (from "calling it a “disgrace”"), “thundersnow”, “knowledge panels.”
    members = [StoredArticle(Article(id="a", source="a", text="x"), Annotations(quotes=[
        Quote(speaker=None, text="disgrace", direct=True), Quote(speaker=None, text="knowledge panels.", direct=True),
        Quote(speaker=None, text="We are not going anywhere", direct=True)]), "s"),
        member("b", "John Smith", "Not guilty")]
    _, canonical_of = merge_entities(members)
    shown = {(q.speaker, q.text) for q in group_quotes(members, canonical_of, duplicates_of={})}
    assert shown == {(None, "We are not going anywhere"), ("John Smith", "Not guilty")}


def test_a_persons_spelling_the_entities_also_filed_as_a_place_heads_the_persons_quotes():
    # the review's Qeshm governor: "Heidar Alishvandi", "Heydar Alishbandi" (also an entry typed FAC), "Mr Alishbandi"
    members = [member("a", "Heidar Alishvandi", "Ten people were killed in the quake on the island")]
    members[0].annotations.quotes.append(Quote(speaker="Heydar Alishbandi", text="five villages had been badly hit",
                                               direct=False))
    members[0].annotations.quotes.append(Quote(speaker="Mr Alishbandi", text="he expected no further deaths now",
                                               direct=False))
    people = {"Heidar Alishvandi": "Heidar Alishvandi", "Heydar Alishbandi": "Heidar Alishvandi"}
    quotes = group_quotes(members, {"Heydar Alishbandi": "Heydar Alishbandi"}, duplicates_of={}, people=people)
    assert {q.speaker for q in quotes} == {"Heidar Alishvandi"}


def test_two_people_with_the_same_initials_or_a_first_name_like_a_role_keep_their_headings():
    quotes = story(
        ("John Paul Smith said the plant would close in the spring.",
         [("John Paul Smith", "the plant would close in the spring", "said", [("PERSON", "John Paul Smith")])]),
        ("Jane Patricia Sears said the workers would be offered new jobs.",
         [("Jane Patricia Sears", "the workers would be offered new jobs", "said",
           [("PERSON", "Jane Patricia Sears")])]),
        ("Ana Sears said the town had been told nothing at all.",
         [("Ana Sears", "the town had been told nothing at all", "said", [("PERSON", "Ana Sears")])]),
    )
    assert sorted(q.speaker for q in quotes) == ["Ana Sears", "Jane Patricia Sears", "John Paul Smith"]


def test_many_alike_quotes_with_different_figures_cost_bounded_comparisons(monkeypatch):
    # an exploratory tester's: one long article of "the toll is N, officials said" took minutes to group, each quote
    # compared with every group (of any speaker) and the figures of both read again each time
    from storyline.consolidate import disagreement, quantities, quotes as module
    calls = {"parsed": 0, "compared": 0}
    real_parse, real_disagree = quantities.quantities, disagreement.disagree

    def parse(text):
        calls["parsed"] += 1
        return real_parse(text)

    def disagree(a, b):
        calls["compared"] += 1
        return real_disagree(a, b)
    for user in (disagreement, module):
        monkeypatch.setattr(user, "quantities", parse, raising=False)
    monkeypatch.setattr(disagreement, "disagree", disagree)
    n = 300
    members = [member(f"a{i}", "police", f"The death toll in Riverton rose to {100 + 37 * i} on Tuesday", False)
               for i in range(n)]
    members.append(member("b", "Mayor Ann Lee", "The death toll in Riverton rose to 100 on Tuesday", False))
    _, canonical_of = merge_entities(members)
    quotes = group_quotes(members, canonical_of, duplicates_of={})
    assert len(quotes) > module.MAX_COMPARED  # many statements (figures far apart): the bound is reached
    assert sum(q.article_ids == ["b"] for q in quotes) == 1  # the mayor's is never one of the police's
    assert calls["parsed"] <= n + 1
    assert calls["compared"] <= n * module.MAX_COMPARED < n * (n - 1) / 2


def test_reported_speech_ends_with_the_sentence_it_starts_in():
    # session 25's tester: the tagger's span ran on into the next sentence, giving the mayor the council's statement
    # about the bridge and citing for it an outlet that said nothing of the bridge
    def article(aid, sentences, said):
        from storyline.records import Sentence
        text = " ".join(sentences)
        spans, pos = [], 0
        for s in sentences:
            spans.append(Sentence(pos, pos + len(s)))
            pos += len(s) + 1
        start = text.index(said)
        end = start + len(said)
        ann = Annotations(mentions=[Mention("Ana Lopes", "PERSON", text.index("Ana Lopes"), text.index("Ana Lopes") + 9)],
                          sentences=spans,
                          quotes=[Quote("Mayor Ana Lopes", said, False, "said", start, end, text.index("Mayor"),
                                        text.index("Mayor") + 15, start - 5, start - 1, ((start, end),))])
        return StoredArticle(Article(id=aid, source=aid, text=text), ann, "s")

    first = article("a", ["Mayor Ana Lopes said 30 families had been moved to the school gym.",
                          "The Lune bridge will reopen on Friday, the council said."],
                    "30 families had been moved to the school gym. The Lune bridge will reopen on Friday")
    second = article("b", ["Mayor Ana Lopes said 30 families had been moved to the school gym overnight."],
                     "30 families had been moved to the school gym overnight")
    _, canonical_of = merge_entities([first, second])
    [quote] = [q for q in group_quotes([first, second], canonical_of, duplicates_of={}) if q.speaker]
    assert quote.text == "30 families had been moved to the school gym" and quote.article_ids == ["a", "b"]



def test_a_paraphrase_grouped_with_a_quotation_is_shown_by_the_quotation():
    # tester s30 #5a: the paraphrase headed the group while the quotation's flag made it direct, so the writer's words
    # were printed in quotation marks as the fire chief's, and her own words were not shown
    paraphrase = "the flooding was the worst she had seen"
    quotation = "We have never seen flooding like this in a village in this valley"
    members = [member("a", "Ines Varga", paraphrase, direct=False), member("b", "Varga", quotation),
               member("c", "Ines Varga", "the worst flooding she had ever seen, she said", direct=False)]
    _, canonical_of = merge_entities(members)
    [quote] = group_quotes(members, canonical_of, duplicates_of={})
    assert (quote.text, quote.direct) == (quotation, True)
    assert quote.article_ids == ["a", "b", "c"]
    assert [w["text"] for w in quote.wordings] == [paraphrase, quotation, members[2].annotations.quotes[0].text]


def test_reported_speech_alone_stays_indirect():
    members = [member("a", "Ines Varga", "the flooding was the worst she had seen", direct=False),
               member("b", "Varga", "the flooding was the worst she had ever seen", direct=False)]
    _, canonical_of = merge_entities(members)
    [quote] = group_quotes(members, canonical_of, duplicates_of={})
    assert (quote.text, quote.direct) == ("the flooding was the worst she had seen", False)


def test_a_quoted_fragment_does_not_stand_for_the_paraphrase_nor_widen_the_group():
    # review of fixquotes30: one quoted word ("unacceptable") had replaced the paraphrase as the shown text, and the
    # group then took in another statement sharing only that word
    members = [member("a", "Ann Lee", "the council's decision to close the library was unacceptable", direct=False),
               member("b", "Lee", "unacceptable"),
               member("c", "Ann Lee", "the new parking charges were unacceptable and would hurt shops", direct=False)]
    _, canonical_of = merge_entities(members)
    quotes = group_quotes(members, canonical_of, duplicates_of={})
    [library] = [q for q in quotes if "library" in q.text]
    assert library.direct is False and "b" in library.article_ids and "c" not in library.article_ids


def test_a_name_after_a_role_noun_is_the_speaker_though_the_tagger_missed_it():
    # multinews-validation-238 (Scott Walker's campaign): "GOP strategist Ford O’Connell" was a heading of its own
    # beside "O’Connell" (spaCy read "Ford" as the carmaker and O’Connell as nothing)
    cases = [
        ("“He has to win,” said GOP strategist Ford O’Connell.", "GOP strategist Ford O’Connell",
         [("ORG", "GOP"), ("ORG", "Ford")], "Ford O’Connell"),
        ("“It is over,” said Republican pollster Ann Lee Smith.", "Republican pollster Ann Lee Smith",
         [("NORP", "Republican")], "Ann Lee Smith"),
        # a body after a role noun stays the phrase: "the band" is no person, nor "the White House"
        ("“No,” said the White House.", "the White House", [("ORG", "White House")], "the White House"),
        ("“No,” said the law firm Baker Botts.", "the law firm Baker Botts", [("ORG", "Baker Botts")],
         "the law firm Baker Botts"),
        ("“No,” said Indiewire's blog The Playlist.", "Indiewire's blog The Playlist", [("ORG", "Indiewire")],
         "Indiewire's blog The Playlist"),
    ]
    for text, phrase, mentions, name in cases:
        quote, found = said(text, phrase, *mentions)
        assert speaker_name(quote, text, found) == name, phrase


def test_a_surname_heading_joins_the_one_name_it_ends():
    from collections import Counter

    from storyline.consolidate.quotes import one_heading_each
    headings = Counter({"Ford O’Connell": 1, "O’Connell": 2, "Matt Mackowiak": 1})
    assert one_heading_each(headings, {}) == {"O’Connell": "Ford O’Connell"}
    # two such names: no guess; nor when the story's people have that surname (Bob Goodlatte beside his son Bobby,
    # whose quotes "Goodlatte" had been filed under)
    assert one_heading_each(Counter({"Ford O’Connell": 1, "Mary O’Connell": 1, "O’Connell": 1}), {}) == {}
    people = {"Bob Goodlatte": "Bob Goodlatte", "Bobby Goodlatte": "Bobby Goodlatte"}
    assert one_heading_each(Counter({"Bobby Goodlatte": 1, "Goodlatte": 3}), people) == {}


def test_a_quoted_title_before_a_role_and_a_reflexive_after_a_name_describe_the_speaker():
    # multinews-validation-88 (April Fools' Day): 'wrote TV producer and "Lucifer" showrunner Joe Henderson' was filed
    # under "Lucifer" (read as a person), and "Sinbad himself" was a heading beside "Sinbad"
    text = 'It was great, wrote TV producer and "Lucifer" showrunner Joe Henderson.'
    quote, found = said(text, 'TV producer and "Lucifer" showrunner Joe Henderson', ("PERSON", "Lucifer"),
                        ("PERSON", "Joe Henderson"))
    assert speaker_name(quote, text, found) == "Joe Henderson"
    text = "Sinbad himself has long denied that he was ever cast as a genie."
    quote, found = said(text, "Sinbad himself", ("ORG", "Sinbad"))
    assert speaker_name(quote, text, found) == "Sinbad"


def test_a_name_after_a_persons_role_is_the_speaker_though_the_tagger_read_it_as_a_body():
    # multinews (a police shooting): "police spokesman Tyler Gamble" beside "Tyler Gamble" (read as ORG), and a
    # capitalised role: "Santa Clara County Public Defender Molly O’Neal" beside "O’Neal"
    text = "“No,” said police spokesman Tyler Gamble."
    quote, found = said(text, "police spokesman Tyler Gamble", ("ORG", "Tyler Gamble"))
    assert speaker_name(quote, text, found) == "Tyler Gamble"
    text = "“It was fair,” said Santa Clara County Public Defender Molly O’Neal."
    quote, found = said(text, "Santa Clara County Public Defender Molly O’Neal", ("GPE", "Santa Clara County"))
    assert speaker_name(quote, text, found) == "Molly O’Neal"


def test_reported_speech_ending_in_a_quotation_keeps_its_marks():
    # multinews-validation-50 (Wayne State): the tagger's span stopped before the closing mark, and the brief showed
    # 'he feels "very, very bad for him.' with the quotation left open
    text = ('Angelo L. said he was familiar with Rose, and that he feels "very, very bad for him." \n\n'
            'Jim Bognet predicted the lead would “disappear.” In a statement, he said more.')
    first = 'he was familiar with Rose, and that he feels "very, very bad for him.'
    second = "the lead would “disappear."
    quotes = [Quote("Angelo L.", first, False, "said", text.index(first), text.index(first) + len(first)),
              Quote("Jim Bognet", second, False, "predicted", text.index(second), text.index(second) + len(second))]
    mentions = [Mention("Angelo L.", "PERSON", 0, 9), Mention("Jim Bognet", "PERSON", text.index("Jim"),
                                                              text.index("Jim") + 10)]
    m = StoredArticle(Article(id="a", source="a", text=text), Annotations(mentions=mentions, quotes=quotes), "s")
    shown = {q.text for q in group_quotes([m], {}, duplicates_of={})}
    assert shown == {first + '"', second + "”"}
    # multinews-validation-128: the marks at a piece's edge had been taken off with the spaces and commas
    text = ("“Several suspects” were arrested during the raids, State Department officials said.\n\n"
            "The Turkish citizens posing as “consulate officers,” officials said, issued U.S. work visas to clients.")
    one = (0, text.index(", State"))
    two = ((text.index("The Turkish"), text.index(" officials said,")), (text.index("issued"), len(text) - 1))
    quotes = [Quote("State Department officials", "Several suspects” were arrested during the raids", False, "said",
                    *one, fragments=(one,)),
              Quote("officials", "The Turkish citizens posing as “consulate officers … issued U.S. work visas to clients",
                    False, "said", two[0][0], two[1][1], fragments=two)]
    mentions = [Mention("State Department", "ORG", text.index("State"), text.index("State") + 16)]
    m = StoredArticle(Article(id="a", source="a", text=text), Annotations(mentions=mentions, quotes=quotes), "s")
    shown = {q.text for q in group_quotes([m], {}, duplicates_of={})}
    assert shown == {"“Several suspects” were arrested during the raids",
                     "The Turkish citizens posing as “consulate officers” … issued U.S. work visas to clients"}
    # (ecbplus-12: the closing mark after the full stop the span stopped before, 'the epic "Australia."')
    text = 'Jackman said he was in Berlin on behalf of his current film, the epic "Australia." He flew home.'
    content = 'he was in Berlin on behalf of his current film, the epic "Australia'
    quote = Quote("Jackman", content, False, "said", text.index(content), text.index(content) + len(content))
    m = StoredArticle(Article(id="a", source="a", text=text), Annotations(quotes=[quote]), "s")
    assert [q.text for q in group_quotes([m], {}, duplicates_of={})] == [content + '"']


def test_reported_speech_around_its_reporting_clause_keeps_its_subject():
    # multinews-validation-128: "The sham embassy, authorities said, did not allow walk-in appointments ..." was shown
    # as authorities: "did not allow walk-in appointments ..." (the tagger's content began after the clause)
    text = "It ran for years.\n\nThe sham embassy, authorities said, did not allow walk-in appointments at all."
    content = "did not allow walk-in appointments at all"
    at = text.index(content)
    quote = Quote("authorities", content, False, "said", at, at + len(content), text.index("authorities"),
                  text.index("authorities") + 11, text.index("said"), text.index("said") + 4, ((at, at + len(content)),))
    sentences = [Sentence(0, 17), Sentence(19, len(text))]
    m = StoredArticle(Article(id="a", source="a", text=text), Annotations(quotes=[quote], sentences=sentences), "s")
    (shown,) = group_quotes([m], {}, duplicates_of={})
    assert shown.text == "The sham embassy … did not allow walk-in appointments at all"
    # an adverbial opening the sentence is no subject ("In fact, Howard said, the nine jurors asked ...")
    text = "It ran for years.\n\nIn fact, authorities said, the shop did not allow walk-in appointments at all."
    content = "the shop did not allow walk-in appointments at all"
    at = text.index(content)
    quote = Quote("authorities", content, False, "said", at, at + len(content), text.index("authorities"),
                  text.index("authorities") + 11, text.index("said"), text.index("said") + 4, ((at, at + len(content)),))
    sentences = [Sentence(0, 17), Sentence(19, len(text))]
    m = StoredArticle(Article(id="a", source="a", text=text), Annotations(quotes=[quote], sentences=sentences), "s")
    assert [q.text for q in group_quotes([m], {}, duplicates_of={})] == [content]
