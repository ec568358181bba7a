"""The enrichment stage: Articles in, EnrichedArticles out.

One spaCy pass per article gives sentences, entity mentions, quotes, time
expressions and clustering terms; the dense embedding for story detection
(``enrich/embed.py``) is computed beside it when embeddings are on. The
``Enricher`` owns its spaCy pipeline and its attribution tagger (no
module-level model), so each worker process builds its own; the ONNX session
is read-only and shared within a process.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from spacy.language import Language

from storyline.enrich.attributor import Attributor, load_attributor
from storyline.enrich.embed import DEFAULT as DEFAULT_ENCODER, Embedder, article_text, load_embedder
from storyline.enrich.nlp import MAX_CHARS, load_nlp
from storyline.enrich.quotes import find_quotes
from storyline.enrich.mentions import entity_mentions, wire_dateline
from storyline.enrich.terms import weigh_terms, weigh_views
from storyline.enrich.sentences import sentence_spans
from storyline.enrich.timex import find_times
from storyline.languages import read_in_english
from storyline.extract.metadata import detect_language
from storyline.records import Annotations, Article, EnrichedArticle, Mention, Quote, Sentence

if TYPE_CHECKING:
    from storyline.config import Settings

# The enrichment's version, kept with each article's annotations: raise it when a change to what enrichment reads
# (sentence spans, entity mentions, quotes, time expressions) should reach the articles stored before it.
# `storyline refresh --enrich` reads those of an older version again (``pipeline.reread``). 1: session 22. 2: one
# acceptance test of the wire dateline (a place spaCy reads as an organisation is cut from the sentences as it was
# read as a place in the mentions) and one scanner of quotation marks (quotations over paragraphs); "according to"
# read as a speech cue, he/she after a fronted clause given to that clause's subject (session 23, both). 3: the one
# scanner read by quotes too (an inch mark opens no quotation), a quotation's own cue keeps it from the reported
# sentence before, date lines with ordinals keep their year, a past clock time not on a day still to come (session 24).
# 4: a day told with "would" is still to come; a speaker's name cut at its nickname is not quoted (session 25).
# 5: "it" or "the board" after an organisation's attribution is that organisation (session 26).
# 6: a quotation is not given to a reaction in the sentence after it ("Carla Mendes disagreed."), a content does not
# start with the wire dateline, and "she"/"he" is no one the text shows to be of the other gender in more ways (a
# possessive in the reported clause's subject, an apposition, a He/She opening the next sentence) (session 27); a
# quotation closed by its own '..., he said' is that attribution's, not an earlier sentence's cue's (session 27 too).
#    Also int8 products exact on x86 CPUs without VNNI (``embed.cpu_session``): there the mpnet quote tagger
# (quotes_encoder = mpnet) had read from wrong states, and the MiniLM tagger's scores moved a little (session 27).
# 7: a quotation's speaker named in the next sentence ("The remark came from ...", "The woman, Lena Fisk, ...") is
# that person, a speaker after the cue is no part of the content ("added Fisk's husband, Callum"), "the company"
# after a person spoke is the company that spoke before, a headline's quotation in single marks is direct, the cue's
# time is neither the content's ("said Tuesday there was ...") nor the source's ("... after the vote") (session 28).
#    Also: a day named by its ordinal alone ("will reopen on the 3rd") is a time expression: the next such day after
# publication, or the last one before it in a past clause; a sentence ends after a clock time's "p.m." before a
# word that opens one ("until 9 p.m. The A487 coast road was closed": two sentences) (session 28).
# 8: "The remark came from Councillor Ahmed Lusk" after '"It's not over," he warned' gives the quotation to the person
# it names even when "he" had been resolved to someone named earlier (session 29, tester s28 #3).
# 9: a content run no cue governs goes to a cue of its own paragraph before a nearer one across a break, when that cue
# keeps it; a content cut after a preposition takes its object ("... at 3:40 a.m. on" + "Tuesday"); an event arranged
# for a weekday in the present passive ("is planned for Sunday") is the coming one; "regional"/"local" are role words
# (session 30, tester s30 #5, #6).
# 10 (sessions 32-33): "is due on Friday" is the coming Friday; a quote's content cut inside a clock time takes the rest
# of it ("arrested around 10:24" + "a.m. Friday"); a to-infinitive alone is no clause said, and a call to act is shown
# with its verb and whom it addresses ("officials: urge caution to prevent ...", "told reporters to expect delays");
# "he said" goes on with a one-word 'place' that spoke before it ("..., Houston said."); a reporter's question before
# the answer's paragraph is no one's statement; a content cut before its quotation's closing mark takes it; a relative
# clause after the cue ("in a finding that quickly renewed calls ...") is no statement; a clock time before the place
# whose time it is ends no sentence ("ended at 9:30 a.m." + "Kyiv time (0730 GMT) on Sunday."); "Today" or "Tonight"
# alone in quotation marks mid-sentence is a title (a song, a programme), no time.
# 11 (session 34): a description before the speaker's name is the speaker's ("..., his friend and paralegal, Sue
# Herndon, said"); a vote confirming a nominee and "Only time will tell" are no statements.
# 12 (session 34): a page's stamp run into the text ("... Gulf of Aden Published on: Fri, 11 Nov 2011 at 09: 56 IST
# New Delhi / Mumbai: ...") is a sentence of its own between the headline and the lead; a participle phrase describing
# the remarks is no part of what was said ("said in remarks broadcast on Polish television that he would sign ...");
# a name that only modifies a noun ("Oscar-winning director") is no one a pronoun goes on with.
# 13 (session 34): a bracket or a slash mid-sentence ("... effect [this weekend].", "... row [/] between ...") ends no
# sentence.
# 14 (session 35): a season of two years ("in 2007-08", "the 2011-12 budget") is its first year, not a month; a year and
# a month ("2007-09") has no day; "a year ago" counts back from the report's time, not from a date years before it.
# 15 (session 35): a country's initials before an institution's name ("the U.S." + "Copyright Office ...") end no
# sentence.
# 16 (session 36): a sentence spaCy ended without a mark before a name inside its paragraph goes on ("... the U.S. Navy
# RQ-4A" + "Global Hawk drone shot down ..."); a direct quote's content that starts inside its quotation (the CRF's
# cut at a spaced ellipsis) starts at the opening mark.
# 17 (session 38): days of one month ("Nov. 14-17, 2013", "March 3-5, 2012") are its first day, not a year of the
# range's end ("2017-11-14", "2005-03-03"); a range over two months ("Sept. 30-Oct. 2, 2019") is its first day in the
# year its end gives; a clock time before its zone ("1852 HKT") is no year.
ENRICH_VERSION = 17


class Enricher:
    def __init__(self, nlp: Language | None = None, *, model: str = "", tagger: Attributor | None = None,
                 embeddings: str | Embedder | None = "auto", quotes_encoder: str = "auto",
                 embedding_model: str = DEFAULT_ENCODER):
        self.nlp = nlp if nlp is not None else load_nlp(model)
        self.tagger = tagger if tagger is not None else load_attributor(encoder=quotes_encoder)
        # an Embedder, or the `embeddings` setting (auto / on / off) of the `embedding_model`; None: no embeddings
        self.embedder = load_embedder(embeddings, embedding_model) if isinstance(embeddings, str) else embeddings

    @classmethod
    def from_settings(cls, settings: "Settings") -> "Enricher":
        return cls(model=settings.spacy_model, embeddings=settings.embeddings, quotes_encoder=settings.quotes_encoder,
                   embedding_model=settings.embedding_model)

    def enrich(self, articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[EnrichedArticle]:
        articles = list(articles)
        bodies = self.nlp.pipe((a.text[:MAX_CHARS] for a in articles), batch_size=batch_size)
        titles = self.nlp.pipe((a.title or "" for a in articles), batch_size=64,
                               disable=["parser", "ner"])
        vectors = self.embedder.embed([article_text(a.title, a.text) for a in articles]) if self.embedder else None
        for n, (article, body, title) in enumerate(zip(articles, bodies, titles)):
            annotations = annotate(body, title if article.title else None, article.published, tagger=self.tagger,
                                   english=read_in_english(article.language))
            annotations.embedding = vectors[n] if vectors is not None else None
            yield EnrichedArticle(article, annotations)


def annotate(body, title, published: str | None, *, tagger: Attributor | None = None,
             english: bool = True) -> Annotations:
    """``english``: whether the English-only readers (sentences, entity mentions, quotes, time expressions) read
    the text; for another language they would read junk, so only the clustering terms are kept: a report in
    French still joins the story of its event."""
    if not english:
        return Annotations(terms=weigh_terms(body, title), views=weigh_views(body, title))
    quotes = find_quotes(body, tagger, speech_only=True)
    dateline = wire_dateline(body)  # the sentences start after it and the mentions read its place: found once
    return Annotations(
        sentences=[Sentence(start, end) for start, end in sentence_spans(body, dateline)],
        mentions=_outside(entity_mentions(body, dateline), _quoted_in_other_languages(quotes)),
        quotes=quotes,
        times=find_times(body, published),
        terms=weigh_terms(body, title),
        views=weigh_views(body, title),
        version=ENRICH_VERSION,
    )


# Words a quotation needs before its language is trusted: py3langid calls short English ones ("A bad way, bad
# way", a headline in capitals, a nine-word fragment full of names) Somali, Estonian or Tagalog; none of the 1,065
# quotations of ten words or more in the review sample (session 21, all English) was read as another language.
QUOTE_LANGUAGE_WORDS = 10


def _quoted_in_other_languages(quotes: list[Quote]) -> list[tuple[int, int]]:
    """Spans of an English article's quotations in another language (a French minister quoted in
    French), where the English model's entities are junk ("cette" an organisation)."""
    return [(q.start, q.end) for q in quotes
            if len(q.text.split()) >= QUOTE_LANGUAGE_WORDS and not read_in_english(detect_language(q.text))]


def _outside(mentions: list[Mention], spans: list[tuple[int, int]]) -> list[Mention]:
    return [m for m in mentions if not any(start <= m.start < end for start, end in spans)]
