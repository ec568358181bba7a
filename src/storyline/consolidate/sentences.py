"""The sentences of a story's independent articles, vectorised once and shared.

Summary, facts and timeline all compare sentences across articles; they
share one TF-IDF space fitted on the story itself (scikit-learn), so "the
same sentence in other words" is measured the same way everywhere.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.consolidate.telling import telling_days
from storyline.enrich.quotes import PICTURE_CREDIT
from storyline.enrich.sentences import LONGEST_SENTENCE, PARAGRAPH_BREAK
from storyline.extract.metadata import count_words
from storyline.furniture import is_cookie_notice, is_credit, is_platform_notice
from storyline.languages import letter_pairs
from storyline.outlets import outlet_key, outlet_keys
from storyline.records import StoredArticle, TimeExpr

# Sentences that are page furniture, not reporting: never summarised or counted as facts. (A video gallery's counter
# and player's buttons run into the blurbs of its videos: "(Jan. 2) AP 45 of 68 Skip in Skip x Embed x Share CLOSE
# BABY, IT'S COLD OUTSIDE 2018 is shaping up to be a cold winter | 1:09 ...", multinews-validation-139's summary line;
# the buttons alone open a sentence as a caption's label does, ``_CAPTION_LABEL``.)
FURNITURE = re.compile(
    r"(click here|subscrib(?:e|ing)\b|sign up|newsletter|all rights reserved|follow us\b|share this|"
    r"\b\d{1,4} of \d{1,4} skip in skip\b|"
    # a pointer to a video or a clip beside the text ("Watch the full 60 Minutes interview with Andrew McCabe (video).",
    # "Watch Colbert's trip to Russia's Evening Urgant in the Late Show clip above."; not a quotation's "“Watch what
    # happens”", "Watch groups said ...", "Watch parties were held ...")
    r"^watch\s+(?:the|our|this|a|an|his|her|their|it|live|now|more|full|video)\b|^watch\s*:|"
    r"^watch\s+(?-i:[A-Z])[\w.-]*['’]s\s|"
    # a link to another story under its label ("STORY: Tony Scott Spent Final Days Working With Tom Cruise ...", "MUST
    # SEE: Navy pins down Somali pirates ..."; not "ORIGINAL STORY:", an update's first version)
    r"^(?:related )?stor(?:y|ies)\s*:|^must[ -](?:see|read|watch)\s*:|"
    # a map's disclaimer under the UN's maps ("The designations employed and the presentation of material on the map do
    # not imply the expression of any opinion whatsoever on the part of UNFPA ...", a Multi-News summary line)
    r"do not imply the expression of any opinion whatsoever|the dotted line represents approximately the line of "
    r"control|final status of jammu and kashmir has not yet been agreed|"
    r"read more|https?://|www\.|@\w+|\bpic\.twitter|photo:|(?-i:CREDIT:|^Credit:)|getty images|advertisement|"
    r"javascript)",
    re.I,
)
# An outlet's correction notice ("Correction: An earlier version of this article said five people had died."): what
# the page said before, no fact of the story (the figure it names is the one withdrawn), and its subject no speaker.
CORRECTION_NOTICE = re.compile(  # at a sentence's start only: "the previous version of this report understated
    # the cost", said of an audit, is news (review of s27)
    r"(?:^|[.!?]\s+)\W*(?:(?:correction|clarification|editor['’]s note|update)\s*[:.—–-]\s*)?"
    r"(?:an|the|this) (?:earlier|previous|original) version of this (?:article|story|report)\b", re.I | re.M)
_DAY_WORD = (r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec|"
             r"january|february|march|april|june|july|august|september|october|november|december)")
# A page's stamp left as a sentence of its own ("Updated Thu 6 May 2010, 9: 03am AEST", "Posted: 12/07/2012 3:15 PM"):
# the keyword, then a day, a month or a figure at once ("Published reports said ..." is reporting), and no verb after
# it (``verbless_stamp``: "Published on Monday, the report found 12 flaws." is reporting)
STAMP_SENTENCE = re.compile(r"^(?:last\s+)?(?:updated|posted|published|modified)\s*:?\s+(?:on\s+|at\s+)?"
                            r"(?=(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s|" + _DAY_WORD + r"\b|\d)", re.I)
STAMP_WORDS = 20  # ("PUBLISHED: THURSDAY, MAY 2, 2013, 1: 32 PM UPDATED: FRIDAY, MAY 3, 2013, 9: 56 AM")
# A photo caption's shapes: who stands where (", right," / "(left)"), "is pictured", "in this file photo", a caption
# cut by its page before the wire's credit ("... in Neenah,... (Associated Press)"), a video blurb's stamp
# ("(Published Thursday, July 24, 2014)"), a caption's label ("Cover image: artist's impression of ...", "Pictured:"),
# a caption its page ends with a dash before the credit it dropped ("... at the 7th Amsterdam Light Festival –": no
# sentence ends so).
CAPTION = re.compile(
    r"^(?:(?:cover|main|top|header|featured|lead) )?(?:image|photo|picture|illustration|pictured)s?\s*:|\s[–—-]$|"
    r", (?:left|right|center|centre|second from (?:left|right)|foreground|background),(?! or\b)"
    r"|\((?:left|right|center|centre|pictured)\)|\b(?:is|are) pictured\b"
    r"|\bin this (?:(?:" + _DAY_WORD + r"|\d{1,4}|file|handout|undated|recent|family|courtroom|police|video|"
    r"aerial)[.,]? ){0,6}(?:photo(?:graph)?|image|picture|frame grab|still)s?(?=[\s,.;:)]|$)|^file\b\s*[-–—]"
    r"|^in this [\w ,]{0,30}\bfile (?:photo|image|picture)\b"
    r"|^(?:an? )?(?:general|aerial) view (?:of|from)\b"
    r"|^\((?:published|updated|posted)\b[^()]*\)\.?$"
    r"|\((?:[^()]*/)?(?:the associated press|associated press|ap|reuters|afp|getty images)\)$",
    re.I,
)
# A photo's credit a page runs into the sentence after its caption ("AP American Airlines on Thursday said ...",
# multinews-validation-217; "(AP Photo/Evan Vucci) The president said ...", "Photo: Reuters The ...", "Getty Images
# The ...", "Reuters] Libyan leader ..." where the splitter cut "[Reuters]" in two, "| Manuel Balce Ceneta/AP Photo
# Goodlatte's ...", "U.S. Force Korea via AP ..."), and the label a page opens a caption with ("Image The White
# House's spokeswoman ...": The New York Times'; "Buy Photo", "Enlarge this image", "toggle caption"): cut off before
# the sentence is read (``sentence_texts``). The credits ``quotes.PICTURE_CREDIT`` knows ("Evan Vucci / AP Mayor
# Brown", "Hulton Archive - Getty New ...") and these: a wire or a picture agency alone before a capital ("EPA" alone
# is the Environmental Protection Agency's; "AP Top 25" a poll), with its photographer after a slash; a credit in
# brackets (a slash, a "photo" or an agency inside); "Photo: Reuters"; "X via AP".
_WIRE = (r"(?:(?:The )?Associated Press|AP|AFP|Reuters|REUTERS|Getty Images|Bloomberg News|Xinhua|XINHUA|EPA-EFE|"
         r"EPA(?=\s?/))(?: Photo| Images)?\b")
_PHOTOGRAPHER = r"(?:\s?/\s?(?!Ipsos\b)[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)?)"  # not "Reuters/Ipsos polling"
# words after a wire's name that make it the sentence's subject or a name's start, no credit ("AFP Commissioner Andrew
# Colvin", the Australian Federal Police; "AP Chief Minister", Andhra Pradesh; "Xinhua News Agency said", "Reuters
# Breakingviews", "AP Top 25"; the review of session 38)
_WIRE_NAMING = (r"(?:Top|Poll|Stylebook|Sports|Writers?|Exclusive|Explains|Interview|Breakingviews|Television|TV|Radio|"
                r"Graphics|Investigates|Fact|Analysis|News|Agency|Commissioners?|Chief|Editor\S*|Minister|"
                r"Correspondent|Reporters?|Journalists?|Director|President|Photographers?|Staff|Deputy|Police|Officers?|Agents?|"
                r"Spokes(?:man|woman|person)|Head|Chairman|Government|State|Legislative|Assembly|High|Court|Board|"
                r"Council|Party|Federal|Health|Data|Research|Global|Markets|Investigators|Superintendent|Assistant|"
                r"Acting|Special|Senior|Inspector|Constable)\b")
_CAPS = r"[A-Z][\w.'’&-]*"
_NEW_SENTENCE = r"(?=\s*[A-Z0-9\"“‘'(]|\s*$)"
_CLOSING_CREDIT = (
    r"\((?=[^()]*(?:/|\b(?i:photo|photograph|image|getty|credit)|\b(?:AP|AFP|Reuters)\b))[^()]{1,80}\)"
    r"|\[?(?:[^\[\]]{0,60}/\s?)?" + _WIRE + _PHOTOGRAPHER + r"?\]"
    r"|(?i:photo(?:graph)?|image|picture|pic)s?(?: (?i:credit))?\s*:\s*(?:" + _CAPS + r"\s+){0,3}?" + _WIRE
    + _PHOTOGRAPHER + r"?" + _NEW_SENTENCE
    + r"|" + _WIRE + r"(?!\s+" + _WIRE_NAMING + ")"
    + _PHOTOGRAPHER + r"?" + _NEW_SENTENCE
    + r"|(?:" + _CAPS + r"\s+){1,5}via\s+" + _WIRE + r"\b" + _NEW_SENTENCE)
# A dateline or a kicker in capitals a report's first sentence opens with that ``enrich.sentences`` left in it
# (``mentions.trusted_dateline`` trusts a bare place only when the tagger read it as a name; ``extract.dateline`` reads
# none before a hyphen, as such words may be a headline's): "TORONTO - For more than a decade, ...",
# multinews-validation-125; "ALASKA - Shortly after ..."; "WEST PALM BEACH, Fla.—President Trump ..."; "BREAKING —".
# Three capitals before the dash at least ("U.S.—China talks"), and a capital after it ("NATO - led", "COVID - 19").
# So is a headline in capitals run into it ("EXCLUSIVE: ABA’S KEATING RIPS OBAMA - American Bankers Association ...").
LEFT_DATELINE = re.compile(r"^(?=(?:[^a-z\s–—-]*[A-Z]){3})[A-Z][A-Z.'’: -]{2,60}?"
                           r"(?:,\s+[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"  # ", Ore."
                           r"(?:\s*\([^()]{1,30}\))?"  # "(AP)"
                           r"(?:\s+-{1,2}\s+|\s*[–—]\s*)(?=[A-Z\"“‘'])")  # a dash, then a capital
LEFT_DASH = re.compile(r"[—–-]+\s+(?=[A-Z\"“‘'])")
_CAPTION_LABEL = (r"(?:Image(?=\s+(?:The|A|An)\s)|Enlarge (?:this )?[Ii]mage(?: [Cc]lose)?|[Tt]oggle caption|Buy Photo|"
                  r"(?:CLOSE )?Skip in Skip x Embed x Share(?: CLOSE)?|"
                  r"(?:Hide|Show) [Cc]aption|Image (?:copyright|caption)|Photo caption|"
                  # a share button's label ("Email This Even at 88, Betty White ..."), a desk's label in lower case
                  # ("commentary Once Sprint Nextel gets the iPhone, ...", CNET's)
                  r"(?:E-?mail|Share|Print|Tweet) [Tt]his|commentary|analysis|opinion)"
                  r"\s+(?=[A-Z\"“‘(]|toggle caption)")
_PICTURE_CREDIT = "(?:" + PICTURE_CREDIT.pattern.removeprefix("^") + ")"
CREDIT_OPENING = re.compile(r"^(?:[\s|•]*(?:" + _CLOSING_CREDIT + "|" + _CAPTION_LABEL + "|" + _PICTURE_CREDIT
                            + r")(?:\s*[-–—](?=\s))?\s*)+")
# ... the credit a caption's page sets after it: one of those, or a line of its own ("Credit Doug Mills/The New York
# Times"): the sentence before it, in its paragraph, is the caption ("The cabin of a Qatar Airways plane." before "AP
# American Airlines on Thursday said ..."). Not after a bar: "| AP Photo Trump picks Gorsuch ..." is a box of links to
# other stories, a photo and a headline, after a paragraph of the story (Politico's)
CLOSING_CREDIT = re.compile(r"^\s*(?:" + _CLOSING_CREDIT + "|" + _PICTURE_CREDIT + r")"
                            r"|^(?i:credit)s?\s*:?\s+(?:" + _CAPS + r"\s+){0,3}" + _CAPS + r"\s?/\s?[^.!?]{1,60}$")
# A caption without a verb: who or what is seen, where and when ("President Trump at the White House, June 20,
# 2019.", "Protesters outside the embassy on Tuesday.", "General view of the Emergency entrance to the Hotel Dieu
# Hospital in Paris April 22, 2015.") or what a photo is of ("A photo from the 1998 excavation, with the brachiosaur
# foot bones below a tail of a Camarasaurus dinosaur.", multinews-validation-33's summary line). A sentence states
# something by a verb; these are read without a tagger, so a caption is one a day or a date ends, or that opens with
# what the picture is, in which no word has a finite verb's shape: no auxiliary or modal (the month "May" is none), no
# past ("-ed", an irregular one), no verb a picture is said to do ("shows"), no infinitive ("plan to speak"), no word
# before an object that is no preposition ("Philadelphia host the Wizards on Saturday."), and after a date no word in
# "-s" either (the present: "The trial resumes on Monday.").
_DATE_END = re.compile(
    r"(?:,|\bon|\bin|\bat|\s)\s*(?:" + _DAY_WORD + r"\.?,?\s+)?(?:" + _DAY_WORD + r"\.?\s+\d{1,2}(?:,?\s+\d{4})?"
    r"|\d{1,2}\s+" + _DAY_WORD + r"\.?(?:,?\s+\d{4})?|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|(?<=,\s)\d{4}|(?<=\bin\s)\d{4})[.!]?$", re.I)
_PICTURE_OPENING = re.compile(r"^(?:an?|the|this)\s+(?:(?:undated|file|handout|recent|family|police|aerial|"
                              r"satellite|archive|old|new)\s+)*(?:photo(?:graph)?|picture|image|view|screenshot|"
                              r"still)s?\s+(?:of|from|at|in|with|taken)\b", re.I)
_PREPOSITIONS = ("of|in|on|at|to|for|from|with|by|about|after|before|during|outside|inside|near|into|onto|over|"
                 "under|above|below|behind|beside|between|among|across|along|around|through|toward|towards|against|"
                 "beyond|past|upon|within|without|amid|despite|via|like|than|as|and|or|but|nor|while|including|"
                 "off|up|down|out|all|both|per|atop|aboard|underneath")
# (``consolidate.brief`` reads it too: a title cut from a lead keeps a verb)
FINITE_VERB = re.compile(
    r"\b(?:is|are|was|were|am|be|been|has|have|had|do|does|did|will|would|can|could|shall|should|(?-i:may)|might|must|"
    r"(?:it|he|she|that|there|what|who|here|where)[’']s|\w+n[’']t|\w+[’'](?:re|ve|ll|d|m)|"
    r"said|told|went|took|made|came|gave|found|held|met|saw|won|lost|fell|rose|ran|began|became|kept|led|left|sent|"
    r"spent|stood|thought|brought|bought|built|caught|felt|fought|got|heard|hit|hurt|knew|let|meant|paid|put|set|"
    r"shot|sold|spoke|struck|taught|threw|wore|wrote|broke|chose|drove|flew|grew|hid|rode|sang|sat|slept|swam|woke|"
    r"shut|cut|cost|quit|spread|beat|cast|sank|shook|stole|swore|tore|withdrew|froze|dug|hung|lit|slid|stuck|swung|"
    r"wept|fled|fed|sped|dealt|sought|arose|ate|drank|drew|lay|rang|sprang|thrust|upheld|overtook|"
    r"underwent|undertook|understood|withstood|overcame|oversaw|foresaw|forgot|forgave|forbade|bid|wed|shed|swept|"
    r"leapt|knelt|crept|bled|bred|beheld|withheld|strove|dove|wove|awoke|mistook|partook|shrank|spun|clung|flung|"
    r"stung|strung|lent|bent|burst|split|spat|blew|slew|laid|bore|"
    r"(?-i:[a-z][a-z-]*ed)|(?:show|depict|provide|appear|capture|reveal|feature|offer|illustrate|suggest|indicate|"
    r"give|include|look|seem|contain)s?)\b"
    # a verb's shape by its neighbours: an infinitive ("plan to speak"; not "to the"), and a word before its object
    # that is no preposition ("host the Wizards"; not "at the", "outside the")
    r"|\bto\s+(?!(?:the|a|an|his|her|its|their|our|my|your|this|that|these|those|\d)\b)(?-i:[a-z])"
    r"|\b(?!(?:" + _PREPOSITIONS + r")\b)(?-i:[a-z][a-z-]*)\s+(?:the|a|an|his|her|its|their|our|my|your)\s",
    re.I)
_PRESENT = re.compile(r"\b(?-i:[a-z][a-z-]*[^s’'\W]s)\b")  # "resumes", "opens" (not "across", "its": no finite verb)
_NOT_PRESENT = frozenset("this its his hers ours yours theirs as us thus plus across unless less towards afterwards "
                         "news whereas always perhaps sometimes besides upwards downwards onwards".split())
CAPTION_WORDS = 25


def verbless_stamp(text: str) -> bool:
    """A page's stamp as a sentence (``STAMP_SENTENCE``): a short one with no verb after its keyword
    (``FINITE_VERB``)."""
    stamp = STAMP_SENTENCE.match(text)
    # (a clock's "AM" is no "am")
    return bool(stamp) and count_words(text) <= STAMP_WORDS \
        and not FINITE_VERB.search(re.sub(r"\b[AaPp]\.?[Mm]\b\.?", "", text[stamp.end():]))


def verbless_caption(text: str) -> bool:
    """A photo's caption without a verb (``_DATE_END``, ``_PICTURE_OPENING``): a noun phrase a date ends or that says
    what the picture is, and no word of a finite verb's shape in it (``FINITE_VERB``; after a date, ``_PRESENT``
    too)."""
    if count_words(text) > CAPTION_WORDS or FINITE_VERB.search(text):
        return False
    if _PICTURE_OPENING.match(text):
        return True
    return bool(_DATE_END.search(text)) and not any(w not in _NOT_PRESENT for w in _PRESENT.findall(text))


# (Chinese and Japanese end a sentence with their own full stops, Hindi with a danda, Urdu and Amharic with theirs)
SENTENCE_END = re.compile(r"[.!?…。！？।۔።][\"'”’»)\]」』）]*$")
QUESTION_END = re.compile(r"[?？؟]$")
CUT_END = re.compile(r"[:;,\-–—_]$")  # announces what follows ("...our campaign:") or was cut ("...the campaign,")
# a teaser its page cut with an ellipsis ("..., according to new ...", "in such unfavorable ..."): a sentence the
# writer ends with one is inside quotation marks ("it's ...”")
TRAILS_OFF = re.compile(r"(?<![.!?\s])\s*(?:\.\.\.|…)$")  # (not after a full stop: ". ..." goes on to another)
# a sentence's tail the splitter cut off ("the other half being Brad Fischetti.", "and then it was over"): a function
# word in lower case opens it (a lower-case name may open a sentence: "de Blasio said", "iPhone sales rose")
FRAGMENT_START = re.compile(r"(?:the|a|an|and|but|or|nor|which|who|whom|whose|while|whereas|with|of|as|in|on|at|for|"
                            r"from|to|by|into|than|because|if)\s")  # ("in Jammu and Kashmir agreed upon by ...")
# a text cut inside its last sentence ("... to transform fears about immigration into"): no full stop, and a word
# in lower case that cannot end a sentence ends it (an article, a preposition, a conjunction, a possessive)
CUT_AT_WORD = re.compile(r"\s(?:the|a|an|and|or|but|nor|of|to|into|onto|in|on|at|for|from|with|by|as|than|that|"
                         r"which|who|whose|its|their|his|her|our|your|my|is|are|was|were|be|been)$")
SOURCE_LINE = re.compile(r"sources?\s*:", re.I)
FIGURE_TOKEN = re.compile(r"[$€£(]*[\d][\d.,]*[%)]*[,;]?")
TABLE_TOKENS = 8
HEADING_WORDS = 12  # a line this short with no full stop is a heading, a label or a list item, not reporting


@dataclass(frozen=True)
class StorySentence:
    article_id: str
    source: str  # who vouches for it: the outlet's key (outlets.outlet_key), or the article when the outlet is unknown
    position: int  # index of the sentence within its article
    text: str
    start: int
    end: int
    outlet: str | None = None
    published: str | None = None
    entities: tuple[tuple[str, str], ...] = ()  # (text, spaCy label) of the named entities in it
    dates: tuple[str, ...] = ()  # resolved values of its time expressions (the time component) but ``told``
    told: tuple[str, ...] = ()  # ... of those that date a telling ("police said on Monday": ``telling``)


@dataclass
class SentenceSpace:
    sentences: list[StorySentence]
    vectors: np.ndarray  # L2-normalised rows, dense (stories are small)
    centroid: np.ndarray  # mean of per-article vectors, normalised

    def similarity(self) -> np.ndarray:
        return self.vectors @ self.vectors.T


MIN_WORDS, MAX_WORDS = 6, LONGEST_SENTENCE  # shorter: a heading or a caption; longer: not one sentence
# ... but a short sentence that ends as one states a fact, and a brief's facts must read it: "No one was killed.",
# "Two people were killed.", "The mine employs 1,200 people." (every outlet's own words, and no fact at 6 words).
# The summary keeps MIN_WORDS: its scorer was trained on such sentences, and four words make a poor summary line.
MIN_CLAIM_WORDS = 3


def is_furniture(text: str) -> bool:
    """A sign-up prompt, a cookie notice, a correction notice, a link, an embedded post ("— Name (@handle) February 27, 2017"), a photo
    caption or a wire's credit line (``furniture``: the cookie notices and credits extraction drops too)."""
    text = text.rstrip()
    return bool(FURNITURE.search(text) or CAPTION.search(text) or CORRECTION_NOTICE.search(text)) \
        or verbless_stamp(text) \
        or verbless_caption(text) \
        or is_cookie_notice(text) or is_platform_notice(text) or is_credit(text) or _table_line(text)


def _table_line(text: str) -> bool:
    """A table's row of figures ("Family Size 100% 138% ... 1 $15,180 20,948 ...") or its source line without a full
    stop ("Source: Calculations by Families USA based on data from ..."): a page's table, not reporting."""
    if SOURCE_LINE.match(text) and not SENTENCE_END.search(text):
        return True
    tokens = text.split()
    return len(tokens) >= TABLE_TOKENS and sum(bool(FIGURE_TOKEN.fullmatch(t)) for t in tokens) >= 0.6 * len(tokens)


def usable(text: str, min_words: int = MIN_WORDS, *, whole: bool = False) -> bool:
    """Whether a sentence is reporting: ``min_words`` (``MIN_CLAIM_WORDS`` for the facts) up to ``MAX_WORDS``, no
    furniture, no question, not cut off, and a short one ends as a sentence (else it is a heading or a label).
    ``whole``: a line a reader is shown as a sentence of its own (a summary's) is neither a teaser its page cut with an
    ellipsis nor a sentence's cut-off tail; the facts read both, whose figures and dates still say what a report
    gives ("..., Rear Adm. Hossein Khanzadi said Monday" against "stated Tuesday")."""
    words = count_words(text)  # (two Chinese letters a word: a sentence has no spaces there)
    text = text.rstrip()
    return (min_words <= words <= MAX_WORDS and not is_furniture(text)
            and not QUESTION_END.search(text) and not CUT_END.search(text)
            and not (whole and (TRAILS_OFF.search(text) or FRAGMENT_START.match(text)
                                or CUT_AT_WORD.search(text) and not SENTENCE_END.search(text)))
            and (words > HEADING_WORDS or bool(SENTENCE_END.search(text))))


def story_sentences(members: list[StoredArticle], min_words: int = MIN_WORDS, *, whole: bool = False
                    ) -> list[StorySentence]:
    """The usable sentences (``usable`` at ``min_words``, ``whole``) of the story's articles that are no
    near-duplicates."""
    out = []
    keys = outlet_keys(m.article.outlet for m in members if not m.duplicate_of)  # "Le Monde" beside lemonde.fr
    for m in members:
        if m.duplicate_of:
            continue
        a = m.article
        for pos, start, end, text in sentence_texts(a.text, [(s.start, s.end) for s in m.annotations.sentences]):
            if usable(text, min_words, whole=whole):
                ents = tuple((x.text, x.label) for x in m.annotations.mentions if start <= x.start < end)
                dates, told = sentence_dates(m.annotations.times, a.text, start, end)
                out.append(StorySentence(a.id, vouched_by(a.outlet, a.id, keys), pos, text, start, end, a.outlet,
                                         a.published, ents, dates, told))
    return out


def sentence_texts(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, int, str]]:
    """(position, start, end, words on one line) of each sentence span of ``text`` a brief may read: without the
    photo credit or the caption's label it opens with (``CREDIT_OPENING``: "AP American Airlines on Thursday said
    ..." is read from "American"); a photo's caption (``captions``) is left out."""
    out = []
    left_out = captions(text, spans)
    for pos, (start, end) in enumerate(spans):
        if pos not in left_out:
            start = after_credit(text, start, end)
            if pos == 0 and (dateline := LEFT_DATELINE.match(text[start:end])):  # ("^" of match(text, start) fails)
                start += dateline.end()
            if dash := LEFT_DASH.match(text[start:end]):
                start += dash.end()  # "— A judge’s act of compassion ...": the dash its dateline was cut from
            out.append((pos, start, end, " ".join(text[start:end].split())))
    return out


# A paragraph a photo's credit or a caption's label opens ("Eric Gay / AP Senator Wendy Davis listens as the Texas
# Senate debate an abortion bill ..., on July 12, 2013, in Austin.", "AFP/Getty Images NBA Finals MVP LeBron James ...
# holds the championship trophy", "Buy Photo Genesee County health official ...", "Image The White House's ...") is
# the caption set under the credit; a credit of a photo only (a "photo", an "image", Getty, a slash, "via"): "(Reuters)
# - Apple said ..." opens a wire's story, "(11/07/2012)" a dated teaser. A caption is a few sentences: a longer
# paragraph is the story, its page's paragraphs run together.
_PHOTO_CREDIT = re.compile(r"(?=.*[A-Za-z])(?=.*(?:photo|image|getty|caption|/|\bvia\b))", re.I | re.S)
CAPTION_SENTENCES = 3


def captions(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """The indices of the sentence spans of ``text`` that are a photo's caption: the span before the credit that goes
    on in its paragraph (``credited``: "The cabin of a Qatar Airways plane." before "AP American Airlines ..."), and
    the spans of a paragraph of no more than ``CAPTION_SENTENCES`` a photo's credit opens (``_PHOTO_CREDIT``)."""
    found = {pos for pos in range(len(spans) - 1) if credited(text, spans[pos][1], spans[pos + 1])}
    paragraph: list[int] = []
    for pos, (start, _) in enumerate(spans + [(len(text), len(text))]):
        if pos and pos < len(spans) and not PARAGRAPH_BREAK.search(text, spans[pos - 1][1], start):
            paragraph.append(pos)
            continue
        if paragraph and len(paragraph) <= CAPTION_SENTENCES:
            credit = CREDIT_OPENING.match(text[slice(*spans[paragraph[0]])])
            if credit and _PHOTO_CREDIT.match(credit.group(0)):
                found.update(paragraph)
        paragraph = [pos]
    return found


def after_credit(text: str, start: int, end: int) -> int:
    """Where the sentence span ``text[start:end]`` starts without the photo credit or the caption's label it opens
    with (``CREDIT_OPENING``)."""
    credit = CREDIT_OPENING.match(text[start:end])  # (not match(text, start): "^" holds at a line's start only)
    return start + credit.end() if credit else start


def credited(text: str, end: int, following: tuple[int, int]) -> bool:
    """Whether the sentence span ending at ``end`` is a photo's caption: the span ``following`` it, in its paragraph,
    opens with the photo's credit (``CLOSING_CREDIT``)."""
    next_start, next_end = following
    return next_start >= end and not PARAGRAPH_BREAK.search(text, end, next_start) \
        and bool(CLOSING_CREDIT.match(" ".join(text[next_start:next_end].split())))


def sentence_dates(times: Iterable[TimeExpr], text: str, start: int, end: int
                   ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The resolved values of the time expressions of the sentence ``text[start:end]``: (the event's, the days its
    sources told things on: ``telling``)."""
    told_at = [(start + x, start + y) for x, y in telling_days(text[start:end])]
    dates: list[str] = []
    told: list[str] = []
    for t in times:
        if t.value and start <= t.start < end:
            (told if any(x < t.end and t.start < y for x, y in told_at) else dates).append(t.value)
    return tuple(dates), tuple(told)


def vouched_by(outlet: str | None, article_id: str, keys: dict[str, str] | None = None) -> str:
    """One outlet however written ("Dunmore Star", dunmorestar.example) is one source; an article without an
    outlet is a source of its own (the space keeps its id apart from any key, which has none). ``keys``: the
    story's outlets keyed together (``outlets.outlet_keys``), so a name and its site's host are one source."""
    key = (keys or {}).get(outlet) if outlet else None
    return key or outlet_key(outlet) or f"article {article_id}"


def build_space(sentences: list[StorySentence]) -> SentenceSpace | None:
    if not sentences:
        return None
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, token_pattern=r"(?u)\b\w[\w'-]*\b")
    try:
        # unspaced text (Chinese, Japanese, Thai) as letter pairs: a whole clause would be one "word" otherwise
        matrix = vectorizer.fit_transform([letter_pairs(s.text) for s in sentences])
    except ValueError:  # only stop words
        return None
    vectors = matrix.toarray()
    by_article: dict[str, list[int]] = {}
    for i, s in enumerate(sentences):
        by_article.setdefault(s.article_id, []).append(i)
    article_means = np.array([vectors[idx].mean(axis=0) for idx in by_article.values()])
    centroid = article_means.mean(axis=0)
    norm = np.linalg.norm(centroid)
    return SentenceSpace(sentences, vectors, centroid / norm if norm else centroid)
