"""Turn pasted or scraped plain-text news into article pieces.

Scraped furniture is line-shaped, so the cascade works on lines:

1. Normalise: CRLF/CR -> LF, BOM and zero-width spaces removed, whitespace runs inside a
   line (non-breaking spaces included) collapsed to one space.
2. Split at next-article marker lines ("Next Article", "Next story", "Read more", "Read
   next", "Up next", alone or followed by the next story's headline: "Next article: <headline>");
   each chunk goes through steps 3-6 on its own, the headline as its first line.  A "Read
   more: <headline>" or "Related: <headline>" line splits too, but what follows it goes back
   into the chunk above (the line dropped as a teaser) unless it is a story of its own (step 6)
   after the article's end furniture, running to the text's end.
3. Classify lines.  Timestamp lines feed ``published``, byline lines ``authors``; both are
   dropped like the other furniture (skip links, share buttons, credited captions,
   newsletter/cookie prompts, ads, comments, teasers).  A "Related"/"Recommended"/"Most
   read" heading opens a list dropped until a normal paragraph starts again.  Repeats of
   an earlier line and uncredited copies of a credited caption are dropped too.
4. Paragraphs: blank and dropped lines separate them, and so does a single newline unless
   the next line plainly continues the sentence (hard wrap before a lower-case word).  A drop
   cap on a line of its own goes back onto its word.
5. Headline: labels printed above it (a section, "World"; a site's name, "ABC") are dropped;
   then the first paragraph, when short, capitalised, not ending like a sentence and followed
   by more text.
6. The main chunk is kept when any body text survives; an appended one only when it brings
   real sentences (a "Read more" marker is often followed by a mere teaser list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import NamedTuple

from dateutil import parser as date_parser

from storyline.extract.metadata import UTC_OFFSET, ZONE_NAMES, ambiguous_date, utc_offset, zone_offset
from storyline.furniture import FOLLOW_LINE, is_cookie_notice, is_credit, is_platform_notice


@dataclass(frozen=True)
class TextPiece:
    title: str | None  # headline, if the text starts with one
    text: str  # body: furniture removed, paragraphs joined by "\n\n", whitespace normalised
    published: str | None  # ISO-8601 from a timestamp line, never guessed
    authors: tuple[str, ...]  # from a byline line
    outlet: str | None = None  # an outlet named on the byline: "By Jane Doe, Lakeshore Gazette"
    # a timestamp line without a year ("Updated 9:10 a.m. PT Nov. 25") or in an ambiguous order ("Published
    # 11/12/2026"), when none had a full date
    yearless: str | None = None


class _Meta(NamedTuple):
    kind: str  # "text", "furniture" or "heading" (opens a related-links list)
    stamp: tuple[int, str | None] | None = None  # (priority, ISO date) of a timestamp line
    authors: tuple[str, ...] = ()
    outlet: str | None = None


_MENU_RUN = 4  # chosen on the ScrapingHub half of tests/fixtures/plaintext, checked on the NAEB half
_MENU_WORDS = 15
_MIN_APPENDED_WORDS = 25  # words in sentence-ending paragraphs an appended story needs
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_DECORATION = " |•·»›>→←▶►▸#*:-–—[](){}"  # around button labels and headings: "» Share", "RELATED:"
_SEGMENTS = re.compile(r"\s+[|·•]\s+")  # a meta bar: "By Jane Doe | Updated 3:45 PM ET, ..."
_DASHES = re.compile(r"\s+[—–]\s+")  # a byline's bar with dashes only (in a sentence a dash is no bar)
_MARKER = re.compile(r"next article|next story|next up|up next|read next|read more", re.I)
_MARKER_INLINE = re.compile(r"(?:next article|next story|up next|read next)\s*[:»›>|→–—-]+\s*(?P<rest>\S.*)", re.I)
# "Read more: <headline>", "RELATED - <headline>": a link to another story, or the start of one pasted after this one.
# Split like a next-article marker, but taken back into the chunk above (as a dropped teaser line) when what follows
# is no story of its own: mid-article such a line only links away.
_TEASER_INLINE = re.compile(r"(?:read more|related)\s*[:»›>|→–—-]+\s*(?P<rest>\S.*)", re.I)
_HEADING = re.compile(
    r"related(?: (?:stories|articles|content|coverage|links|news|reading|topics))?|more from\b.{0,40}"
    r"|recommended(?: (?:articles|stories|reading|for you|videos?))?|more (?:stories|news|on this (?:story|topic))"
    r"|you (?:may|might) also (?:like|be interested in)|most (?:read|popular|viewed|shared)|top stories"
    r"|trending(?: now| stories)?|more like this|see also|also read|read also|don.?t miss|editor'?s picks|latest (?:news|stories)"
    # a site's list of its other headlines: "More Must-Reads From TIME", "Must Reads", "More Top Stories from CNN"
    # (only such list words before "from": "More than 300 people from ..." is a sentence's start)
    r"|(?:more )?must[- ]reads?(?: from\b.{0,40})?"
    r"|more (?:(?:must[- ]reads?|top|great|popular|latest|trending|stories|news|articles|reads|headlines|videos?"
    r"|coverage|reporting) ){1,3}from\b.{0,40}")
# Whole-line furniture, matched against the lower-cased, undecorated line.
_FURNITURE = re.compile(
    r"skip (?:to|navigation)\b.*|advertisement|advertising|ads?|sponsored(?: content)?|paid (?:content|post)"
    r"|(?:story|article) continues below.*"
    # a page's slots printed in one line before it ("Photo Advertisement Continue reading the main story")
    r"|(?:(?:photo|video|image|advertisement) )*continue reading(?: below| the main story)?|scroll (?:down )?to continue.*"
    r"|(?:view |show |hide |read |leave a |post a |add a |\d+ )?comments?(?: \(\d+\))?|join the conversation"
    r"|" + FOLLOW_LINE +  # whom to follow where, and little else: not a sentence that starts so
    r"|(?:sign up|subscribe|register now|enter your e-?mail|already (?:a subscriber|have an account))\b.*"
    r"|menu|search|home|log ?in|sign in|close|accept(?: all)?(?: cookies)?|reject all|manage (?:preferences|cookies)"
    r"|(?:©|\(c\)|copyright)\s.*|.*\ball rights reserved\.?|contact(?: us)?|privacy(?: policy| notice)?"
    r"|terms(?: of (?:use|service))?|terms (?:&|and) conditions|about(?: us)?|careers|advertise(?: with us)?|help|faq"
    r"|site ?map|accessibility|corrections|(?:estimated )?reading time\b.{0,20}|\d+ min(?:ute)?s? read|tempo de leitura\b.{0,20}"
    r"|got it|i agree|listen(?: to this (?:article|story))?|watch|gift (?:this )?article|save(?: article)?|bookmark"
    r"|print (?:this )?(?:article|story|page)|order reprints?|reprints?(?: (?:&|and) permissions)?"
    r"|like this (?:story|article)\?.*|this copy is for your personal,? non-commercial use only\b.*"
    r"|(?:(?:updated|published|posted) )?(?:\d+|an?) ?"
    r"(?:s|secs?|m|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?|years?|yrs?) ago"
    # what a page says when its player or script did not run: "Please enable Javascript to watch this video"
    r"|(?:please )?(?:enable|turn on|activate) javascript\b.*"
    r"|javascript is (?:required|disabled|turned off|not enabled)\b.*"
    r"|(?:your|this) browser (?:does not|doesn.t|cannot|can.t) (?:support|play)\b.*|media playback is unsupported\b.*"
    # a page's forms printed as text: its share buttons ("Click to email this to a friend (Opens in new window)",
    # "Click to share on Twitter", WordPress's), its e-mail-a-friend box ("Message: * A friend wanted you to see this
    # item from WRAL.com: <link>", "Email this to a friend") and the test that guards it ("You must enter the
    # characters with black color that stand out from the other characters"): one line each, addressed to the reader
    r"|click to (?:e-?mail|share|print|tweet|pin|post|save)\b.*"
    r"|(?:message:\W*)?a friend (?:wanted|wants|thought) you (?:to see|to read|might like|would like) this "
    r"(?:item|article|story|page|link)(?: (?:from|on) [\w.-]+)?(?:\W+https?://\S+)?\W*"  # not "..., she told the court"
    r"|(?:e-?mail|send) (?:this(?: (?:article|story|page))? )?to a friend\b.*|e-?mail a friend"
    r"|(?:you must |please )?(?:enter|type) the (?:characters|letters|code|words|text) (?:you see|shown|below|"
    r"in the (?:image|picture|box)|with\b).*|i.?m not a robot"
    # a site's sign-in and registration box printed as text (Janrain's, a Multi-News scrape of a whole page of it:
    # "Sign in using your wfxt profile", "Welcome back. Please sign in", "Why are we asking this?", "By submitting your
    # registration information, you agree to our Terms of Service and Privacy Policy", "Thank you for registering!",
    # "We have sent a confirmation email to ...", "Click here to return to the page you were visiting"), and any line
    # that starts "Click here" ("ON A MOBILE DEVICE? CLICK HERE TO SEE THE VIDEO."): one line each, to the reader
    r"|(?:please )?(?:sign|log) ?in (?:using|with|to) (?:your|you) (?:\S+ ){0,3}(?:account|profile)\b.*"
    r"|welcome back\W+please (?:sign|log) ?in\b.*|why are we asking (?:for )?this\??"
    r"|by (?:submitting|registering|signing up|creating an account|clicking)\b.{0,60}\byou agree to (?:our|the)\b.*"
    r"|thank you for (?:registering|signing up|subscribing)(?: (?:with|to) (?:us|our \w+))?\W*|(?:don.?t|do not) have an account\b.*"
    r"|we (?:have )?sent (?:a|an|you an?) (?:confirmation|verification|activation) e-?mail\b.*"
    r"|(?:on a mobile(?: device| phone)?\W+)?click here\b.*"
    r"|(?:are you there\W+|were you there\W+)?(?:send|share|show) us your (?:images|photos|pictures|videos?|stories|story|tips)\b.*"
    r"|(?:click|scroll|swipe) (?:through|down to see|to see) (?:the|our|this|more) (?:slide ?show|gallery|photos|images|pictures)\b.*|forgot (?:your )?password\b.*|create (?:an|a free|your) account\b.*")
# a template's placeholder the page never filled in ("{* loginWidget *}", "{{ user.name }}", "seeing you on [website]
# frequently"): the line is the page's form, not its report
_TEMPLATE_SLOT = re.compile(r"\{\*\s*[\w.]+\s*\*\}|\{\{\s*[\w.]+\s*\}\}|\{%\s*\w+[^%]{0,60}%\}"
                            r"|\[(?:website|site ?name|user ?name|e-?mail(?: address)?|first[ _]name)\]")
# The Internet Archive's note in place of a page it had not kept ("These crawls are part of an effort to archive pages
# as they are created ... Crawls of supported "No More 404" sites."), ~90 words: a scrape of the archive's placeholder,
# no report (10 of Multi-News dev's 250 clusters hold one, where the summary took it for the sources' common ground)
_ARCHIVE_NOTE = re.compile(r"these crawls are part of an effort to archive pages\b.*", re.S)
# ... and the opening of one of its collection pages in place of the page (Multi-News sources: "Web wide crawl with
# initial seedlist and crawler configuration from March 2011. ...", "Crawl of outlinks from wikipedia.org started March,
# 2016. These files are currently not publicly accessible. ...", "this data is currently not publicly accessible.",
# then "Starting in 1996, Alexa Internet has been donating their crawl data ..." and a site's "page not found"): all of
# it is the archive's description of its crawls, no report
_ARCHIVE_PAGE = re.compile(r"(?:web )?wide crawl with initial seed ?list\b|crawl of outlinks from \S+ started\b"
                           r"|(?:this data is|these files are) currently not publicly accessible\b"
                           r"|starting in 1996, alexa internet has been donating their crawl data\b", re.I)
# A video player's blurb above a Gannett story (USA Today and its local papers): its close button, share buttons, the
# video's caption and credit run into one line ("CLOSE Four Reno dispensaries begin sales of recreational marijuana.
# Jason Bean", "CLOSE Skip in Skip x Embed x Share A former ... Video provided by Newsy Newslook"): six of Multi-News
# dev's sources open with one, the first taken for a headline. (Not "CLOSE CALL: ...", a headline in capitals.)
_VIDEO_BLURB = re.compile(r"CLOSE (?:Skip in Skip x Embed x Share )?(?=[A-Z][a-z'’])")
_VIDEO_BLURB_WORDS = 80
_TEASER = re.compile(
    r"(?i:read more|see more|related|see also|also read|read also|more|watch|listen|recommended)\s*(?::|>>|»|›|→|\.\.\.|…)\s*\S.*"
    r"|(?:MORE|READ MORE|RELATED|WATCH)\s+[\"“‘']?(?:[A-Z][a-z]|\d).*[^.!?\"”]")  # TIME-style "MORE Headline"
_NEWSLETTER = re.compile(r"(?=.*\bnewsletters?\b)(?=.*\b(?:sign up|subscribe|inbox|e-?mail)\b)|.*\b(?:to|in) your inbox\b"
                         # the same box by another name, to the reader: "Just fill in your contact details in the
                         # form below to join our mailing list" (not "urged supporters to join its mailing list")
                         r"|.*\b(?:join|sign up (?:for|to)|subscribe to|be added to) our mailing list\b")
_OPT_OUT = re.compile(r"\bunsubscribe\b|\bby signing up\b")  # the fine print that makes a longer line a sign-up box
_SHARE_WORDS = re.compile(
    r"\b(?:share (?:this|the) (?:article|story|page)|share (?:on|via|to) \w+|share|tweet|e-?mail|print|copy link"
    r"|copy|link|facebook|twitter|x|whatsapp|linkedin|reddit|pinterest|messenger|flipboard|comments?)\b", re.I)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|\ball rights reserved\b", re.I)
_SHARE_STORY = re.compile(r"share (?:this|the) (?:article|story|post|page)", re.I)  # below the story, not its buttons
_TAGS = re.compile(r"(?:tags?|tagged(?: with| in| as)?|filed under|categor(?:y|ies)|topics?|keywords?)\b(\s*:?\s*\S.*|\s*:?)$", re.I)
_BREADCRUMB = re.compile(r"[\w&' ]{1,30}(?:\s*[>»›]\s*[\w&' ]{1,30})+")  # "Home > News > World"
# A photo credit at the end of a line marks the line as a caption.
_CREDIT = re.compile(
    r"\((?:[^()]{0,60}[\s/,])?(?:photo|image|picture|photograph|getty images)s?\b[^()]{0,60}\)$|\(credit:[^()]{1,60}\)$"
    r"|(?:\b(?:photo|photograph|image|picture|pic|credit)s?(?: credit)?\s*(?::|by)\s*[^.!?()\[\]]{1,60}"
    r"|\b(?:getty images|shutterstock|alamy|ap photo|afp photo|pa images|pa wire|pa media|epa-efe)\)?|©\s*[^.!?©]{1,60})\.?$", re.I)
# A caption's other endings: a wire credit alone ("... in Neenah,... (Associated Press)"), a video blurb's stamp
# ("... has the latest. (Published Thursday, July 24, 2014)"). (An embedded post's sign-off, "— Name (@handle)
# February 27, 2017", stays: ScrapingHub's gold bodies keep embedded posts; the brief leaves them out, see
# consolidate.sentences.)
_CREDIT_TAIL = re.compile(
    r"\((?:the )?(?:associated press|ap|reuters|afp)\)$|\((?:published|updated|posted)\b[^()]{1,60}\d{4}\)$", re.I)
# a photographer and an agency in brackets: "(Seth Wenig/AP)", "(Joe Ellis/The Clarion Ledger/via AP)"
_CREDIT_NAMES = re.compile(r"\((?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*\s?/\s?[^()]{1,60}\)$")
_CREDIT_SLASH = re.compile(r"\b(?:REUTERS|Reuters|AFP|AP|AP Photo|EPA|AAP|XINHUA|ANP|DPA)/\S[^/]{0,40}$")
# a photo gallery's counter ("Hide Caption 12 of 132 Photos"): a line with two of one gallery is its captions run together
_GALLERY_COUNTER = re.compile(r"\b\d{1,4} of (\d{1,4}) (?:photos|images|pictures|slides)\b", re.I)
_IMAGE_LABEL = re.compile(r"(?:image|photo|picture) (?:copyright|caption|source|credit)s?\b[:,]?\s*", re.I)
_STAMP_PREFIX = re.compile(
    r"(?P<kind>(?:first |originally )?published|posted|(?:last )?update[ds]?|(?:last )?modified|date)\b"
    r"(?:\s+(?:on|at))?\s*:?\s*", re.I)
# zone abbreviations (metadata's table, the ambiguous ones too) and "hrs": dropped before parsing, the
# zone then read through ``zone_offset``
_TZ = re.compile(r"\b(?:" + "|".join(sorted((ZONE_NAMES - {"Z"}) | {"hrs"}, key=len, reverse=True)) + r")\b")
_DEFAULTS = (datetime(2000, 1, 1, 0, 0, 0), datetime(2001, 2, 2, 1, 1, 1))  # differ in every field
# an offset written after the zone ("14:05 GMT+5", "UTC+05:30": ahead of UTC, as people write it, not dateutil's POSIX
# reading) or right after the clock time ("14:05 +0500", "14:05-05:00")
# (after a time without seconds, "-12:00" is a range's end, "09:00-12:00": a minus offset only after seconds, as ISO
# writes it, or spaced and without a colon, "14:05 -0500"; the review of session 29)
_WRITTEN_OFFSET = re.compile(UTC_OFFSET.pattern
                             + r"|(?:(?<=\d:\d\d:\d\d)(?:\.\d+)?\s*(?P<sign2>[+\-\u2212])"
                             r"|(?<=\d:\d\d)(?:\s*(?P<plus>\+)|\s+(?P<minus>[\-\u2212])(?=\d{4}\b)))"
                             r"(?P<hours2>\d{2}):?(?P<minutes2>\d{2})\b")
_BYLINE = re.compile(r"(?:written |words |story |posted )?by\s+(?P<names>.+)", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\||\band\b)\s*")  # "By Ana Lindqvist | Harbor Daily News" too
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*")
# the lower-case particles inside a person's name ("Charles de Gaulle"; read by consolidate.entities too)
NAME_PARTICLES = {"de", "van", "von", "der", "den", "da", "del", "della", "di", "du", "la", "le", "al", "el", "bin",
                  "ibn"}
# more words newspapers' names end in ("Fenland Standard", "Evening Standard", "Daily Record"): none a
# surname or a desk's title; "Star", "Sun", "Voice", "Mirror" are left out, as people are named so
_MASTHEAD_WORDS = ("standard|record|register|dispatch|bulletin|examiner|inquirer|enquirer|advertiser|mercury"
                   "|sentinel|argus|courant|monitor|gleaner|clarion")
_AFFILIATION = re.compile(
    r"\b(?:press|news|agency|reuters|ap|afp|cnn|bbc|upi|bloomberg|xinhua|dpa|staff|writer|reporter|correspondent"
    r"|editor|contributor|times|post|journal|herald|tribune|daily|media|wire|network|magazine|desk|bureau"
    r"|gazette|courier|report|chronicle|observer|guardian|telegraph|review|globe|mail|express|weekly|radio|tv"
    r"|%s)\b" % _MASTHEAD_WORDS, re.I)
_OUTLET_WORD = re.compile(
    r"\b(?:press|news|agency|times|post|journal|herald|tribune|daily|media|wire|network|magazine|gazette|courier"
    r"|report|chronicle|observer|guardian|telegraph|review|globe|mail|express|weekly|radio|tv"
    r"|reuters|ap|afp|bloomberg|xinhua|upi|cnn|bbc|dpa|%s)\b" % _MASTHEAD_WORDS, re.I)


def is_affiliation(name: str) -> bool:
    """"Courier Sports", "Staff Writer", "Associated Press": a desk or an outlet, not a person's name."""
    return bool(_AFFILIATION.search(name)) or name.split()[-1].lower() in {"sports", "staff", "desk", "team"}


def parse_plain_text(raw: str, *, structured: bool = False) -> list[TextPiece]:
    """First piece is the main article; later pieces are stories appended after a next-article marker.
    Returns [] when nothing article-like remains (e.g. an empty or all-furniture text).

    ``structured``: the text comes from an HTML extractor, one element a line, so a repeated
    line is a table or list row ("Meal 1", "Eat every 2-3 hours") and is kept.  (Dropping
    repeats there cost recall on both halves of ScrapingHub, whose gold keeps them, and
    gained nothing: a duplicated body was not seen in its 181 pages.)"""
    chunks = _split_pieces(_normalise(raw))
    pieces = (_parse_chunk(chunk, appended=index > 0, keep_repeats=structured) for index, chunk in enumerate(chunks))
    return [piece for piece in pieces if piece is not None]


def _normalise(raw: str) -> list[str]:
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").replace("\u200b", "")
    # str.split() without arguments also splits on non-breaking and other Unicode spaces.
    return [" ".join(line.split()) for line in text.split("\n")]


def _split_pieces(lines: list[str]) -> list[list[str]]:
    chunks: list[tuple[list[str], bool]] = [([], False)]  # (lines, taken back when it is no story of its own)
    for line in lines:
        inline = _MARKER_INLINE.fullmatch(line)
        teaser = None if inline else _TEASER_INLINE.fullmatch(line)
        if inline or teaser or _MARKER.fullmatch(line.strip(_DECORATION)):
            rest = (inline or teaser)["rest"] if inline or teaser else None
            chunks.append(([rest] if rest else [], teaser is not None))  # "Up next: <headline>"
        else:
            chunks[-1][0].append(line)
    kept: list[list[str]] = []
    for index, (chunk, soft) in enumerate(chunks):
        # a story of its own comes after the article's end (share buttons, a credit, links: furniture right above
        # the marker) and runs to the text's end; a link between two body paragraphs ("READ MORE: How the NCAA
        # investigates its members", its article going on below) is the article's own
        if soft and kept and (index < len(chunks) - 1 or _parse_chunk(chunk, appended=True) is None
                              or _after_body(kept[-1])):
            kept[-1].extend([f"Read more: {chunk[0]}", *chunk[1:]])  # the teaser line is furniture there
        else:
            kept.append(chunk)
    return kept


def _after_body(lines: list[str]) -> bool:
    """Body text is the last thing above a marker, clutter aside: the marker is inside the article.

    Clutter (an "Advertisement" slot, a photo caption, "Share on Facebook" buttons) sits between a story's
    paragraphs as often as after them, so it says nothing; only end-of-article material says the story is over:
    a credit or copyright line, tags, "Share this article", or a link list (a teaser line above the marker)."""
    for line in reversed(lines):
        if not line:
            continue
        if _is_article_end(line):
            return False
        if _classify(line, True).kind == "text":
            return True
    return False


def _is_article_end(line: str) -> bool:
    bare = line.strip(_DECORATION)
    return bool(_TEASER_INLINE.fullmatch(line) or _COPYRIGHT.search(bare) or _SHARE_STORY.fullmatch(bare)
                or (_TAGS.match(bare) and not _ends_sentence(bare)) or is_credit(bare))


def _parse_chunk(lines: list[str], appended: bool, keep_repeats: bool = False) -> TextPiece | None:
    if _ARCHIVE_PAGE.match(next((line for line in lines if line), "").strip(_DECORATION)):
        return None  # the Internet Archive's description of a crawl where the page should be: no report
    stems = {stem for stem in map(_caption_stem, lines) if stem}  # uncredited copies of captions
    kept: list[str | None] = []  # None marks a paragraph break
    stamps: list[tuple[int, int, str]] = []
    authors: list[str] = []
    outlet: str | None = None
    yearless: str | None = None
    seen: set[str] = set()
    menus = set() if keep_repeats else _menu_lines(lines)
    copies = _caption_copies(lines)
    in_list = in_body = False
    blank: set[int] = set()  # where the text had an empty line (a None of its own, not a dropped line)
    for index, line in enumerate(lines):
        if not line:
            kept.append(None)
            blank.add(index)
            continue
        meta = _classify(line, in_body)
        if index in menus:
            meta = meta._replace(kind="furniture")  # still a source of timestamps and bylines
        if meta.stamp is not None and meta.stamp[1] is not None:
            stamps.append((meta.stamp[0], index, meta.stamp[1]))
        elif meta.stamp is not None and yearless is None and any(c.isdigit() for c in line):
            yearless = line  # a date without its year: never guessed here (``date_from_yearless`` with a context)
        authors.extend(name for name in meta.authors if name not in authors)
        outlet = outlet or meta.outlet
        in_list = meta.kind == "heading" or (in_list and not (_ends_sentence(line) and len(line.split()) >= 10))
        drop = (meta.kind != "text" or in_list or (line in seen and not keep_repeats) or line in stems
                or index in copies)
        seen.add(line)
        kept.append(None if drop else line)
        in_body = in_body or (not drop and (_ends_sentence(line) or len(line.split()) >= 12))

    paragraphs = _without_leading_labels(_drop_tail_credits(_paragraphs(_join_drop_caps(kept, blank))))
    highlights = _HIGHLIGHTS.match(paragraphs[0]) if paragraphs else None
    if highlights:  # the bullets under "Story highlights" sum the story up; the first is no headline
        paragraphs = [p for p in [paragraphs[0][highlights.end():], *paragraphs[1:]] if p]
    title = paragraphs[0] if paragraphs and not highlights and (
        _is_headline(paragraphs[0], len(paragraphs) > 1) or _is_stopped_headline(paragraphs[0], paragraphs[1:2])) else None
    body = paragraphs[1:] if title else paragraphs
    if not body or (appended and sum(len(p.split()) for p in body if _ends_sentence(p)) < _MIN_APPENDED_WORDS):
        return None
    published = min(stamps)[2] if stamps else None
    return TextPiece(title, "\n\n".join(body), published, tuple(authors), outlet, None if stamps else yearless)


# A paragraph's sentence repeated on a line of its own without its full stop is an image's caption (the Daily Mail
# captions its photos with sentences of the story: "Jared also shared photos from the visit on Instagram, sharing a
# similar sentiment as his wife of 14 years" stood twice in the body). Long lines only, and only the copy that ends no
# sentence beside one that does: a page's repeated rows and questions ("Meal 1", "Portion Fix Containers: ...", an
# interview's question asked of each guest) repeat as they were written, and ScrapingHub's gold bodies keep them.
_COPY_WORDS = 12


def _caption_copies(lines: list[str]) -> set[int]:
    """Indices of the lines of ``_COPY_WORDS`` words or more that end no sentence and repeat a line that does (the same
    words, cased alike or not)."""
    copies: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        if len(line.split()) >= _COPY_WORDS:
            copies.setdefault(" ".join(line.casefold().rstrip(".!?…\"'”’ ").split()), []).append(index)
    dropped: set[int] = set()
    for found in (indices for indices in copies.values() if len(indices) > 1):
        if any(_ends_sentence(lines[i]) for i in found):
            dropped.update(i for i in found if not _ends_sentence(lines[i]))
    return dropped


def _menu_lines(lines: list[str]) -> set[int]:
    """Indices of lines in menus and link lists: runs of at least ``_MENU_RUN`` short lines
    (``_MENU_WORDS`` words or fewer, no blank line between them) none of which ends a sentence.
    A story's own short lines (headline, subheads) come one or two at a time, or set apart by
    blank lines."""
    found: set[int] = set()
    run: list[int] = []
    for index, line in enumerate([*lines, "."]):  # the sentinel closes the last run
        if line and line != "." and _classify(line, False).kind != "text":
            continue  # known furniture (a byline, a timestamp, share buttons) neither extends nor breaks a run
        if (line and len(line.split()) <= _MENU_WORDS and not _ends_sentence(line)
                and not line[0].islower() and not line.endswith((",", "-", ";"))):  # hard-wrapped prose is not a menu
            run.append(index)
            continue
        if len(run) >= _MENU_RUN:
            found.update(run)
        run = []
    return found


def _classify(line: str, in_body: bool) -> _Meta:
    parts = _SEGMENTS.split(line)
    if len(parts) == 1 and _BYLINE.match(line):
        parts = _DASHES.split(line)  # "By Jo Park — Ellery Weekly — Nov. 26"
    metas = [_classify_part(part, in_body) for part in parts] if len(parts) > 1 else []
    texts = [part for part, meta in zip(parts, metas) if meta.kind == "text"]
    if metas and metas[0].authors and all(_OUTLET_WORD.search(t) and t[:1].isupper() and len(t.split()) <= 5
                                          for t in texts[:1]) and len(texts) <= 1:
        # a byline bar: "By Ana Lindqvist | Harbor Daily News", "By Jo Park — Ellery Weekly — Nov. 26"
        return _Meta("furniture", next((m.stamp for m in metas if m.stamp is not None), None), metas[0].authors,
                     texts[0] if texts else next((m.outlet for m in metas if m.outlet), None))
    if metas and texts and len(texts) < len(metas) - 1 and all(len(t.split()) <= 4 and not _ends_sentence(t) for t in texts):
        return _Meta("furniture")  # a footer bar: "Lakeshore Gazette · Contact · Privacy · Terms"
    if not in_body and _is_masthead(parts):
        return _Meta("furniture", None, (), parts[0].strip(_DECORATION))
    if not metas or texts:
        return _classify_part(line, in_body)  # one part, or a "|" inside ordinary text: the whole line
    # A meta bar: "By Jane Doe | Updated 3:45 PM ET, Tue March 3, 2009".
    return _Meta("heading" if any(m.kind == "heading" for m in metas) else "furniture",
                 next((m.stamp for m in metas if m.stamp is not None), None),
                 tuple(name for m in metas for name in m.authors),
                 next((m.outlet for m in metas if m.outlet), None))


_SECTION_WORDS = {"world", "news", "business", "sport", "sports", "local", "national", "international", "politics",
                  "entertainment", "tech", "technology", "health", "science", "opinion", "culture", "lifestyle",
                  "report", "reports", "breaking", "latest", "top", "us", "uk", "u.s.", "weather", "money", "travel"}


def _is_masthead(parts: list[str]) -> bool:
    """"Ringside Report | Heavyweights" above a story: the outlet's name, then its section, short and capitalised,
    no sentence. (A headline ending in the outlet, "Klitschko wins in six | Boxing News", starts with no outlet word.)"""
    return (2 <= len(parts) <= 3 and bool(_OUTLET_WORD.search(parts[0]))
            and not set(parts[0].lower().split()) <= _SECTION_WORDS  # "World News | Europe": a section, no outlet
            and all(p[:1].isupper() and len(p.split()) <= 4 and not _ends_sentence(p) for p in parts))


def _classify_part(part: str, in_body: bool) -> _Meta:
    bare = part.strip(_DECORATION)
    key, words = bare.lower(), len(part.split())
    if not key:
        return _Meta("furniture")  # pure decoration such as "* * *" or "|"
    if _HEADING.fullmatch(key) and not _ends_sentence(part):
        return _Meta("heading")
    # Furniture is short; the word limits keep a long real paragraph from ever matching.
    if (words <= 30 or (words <= 60 and _OPT_OUT.search(key))) and _NEWSLETTER.match(key):
        return _Meta("heading")  # a sign-up box: its tagline lines follow it
    tags = _TAGS.match(bare) if words <= 60 else None
    if tags and not tags.group(1):
        return _Meta("heading")  # a bare "Tags" label: the tag list follows on its own lines
    if tags and not _ends_sentence(part) and (tags.group(1).startswith(":") or bare.count(",") >= 2):
        return _Meta("furniture")  # "Tags: stock car, interlagos, ..." / "Filed under: Syi'ah"
    if words <= 30 and (_FURNITURE.fullmatch(key) or _TEASER.fullmatch(part) or _TEMPLATE_SLOT.search(part)
                        or _BREADCRUMB.fullmatch(part) or _is_share_line(part)):
        return _Meta("furniture")
    notice = words <= 80 and (is_cookie_notice(bare) or is_platform_notice(bare))
    if (words <= 60 and _caption_stem(part) is not None) or notice or _is_gallery(part) \
            or (words <= _VIDEO_BLURB_WORDS and _VIDEO_BLURB.match(bare)) \
            or (words <= 150 and _ARCHIVE_NOTE.fullmatch(key)):
        return _Meta("furniture")
    stamp = _timestamp(bare, bare_dates=not in_body)
    if stamp is not None:
        return _Meta("furniture", stamp)
    credited = _credited_stamp(bare) if not in_body and words <= 12 else None
    if credited is not None:
        return _Meta("furniture", credited[1], (), credited[0])
    byline = _byline(bare) if words <= 15 else None
    return _Meta("text") if byline is None else _Meta("furniture", None, byline[0], byline[1])


def _credited_stamp(line: str) -> tuple[str, tuple[int, str | None]] | None:
    """(outlet, stamp) of a wire's name followed by a timestamp: "Associated Press Tue Feb 19, 2013 7:44 PM"."""
    tokens = line.split()
    for size in range(1, min(4, len(tokens) - 1) + 1):
        who = " ".join(tokens[:size])
        if not (_OUTLET_WORD.search(who) and all(t[:1].isupper() for t in tokens[:size])):
            continue
        stamp = _timestamp(" ".join(tokens[size:]), bare_dates=True)
        if stamp is not None and stamp[1] is not None:
            return who, stamp
    return None


def _drop_tail_credits(paragraphs: list[str]) -> list[str]:
    """Credit and contact lines after the story ("Additional reporting by ...", "Write to X at
    x@y.com", "Keith Bradsher contributed reporting."): the story ends before them."""
    end = len(paragraphs)
    while end > 1 and len(paragraphs[end - 1].split()) <= 40 and is_credit(paragraphs[end - 1]):
        end -= 1
    return paragraphs[:end]


def _ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def _is_share_line(line: str) -> bool:
    """"Share Tweet Email", "Facebook | Twitter | Copy link": nothing but button labels."""
    if line.endswith("."):
        return False  # "Print." could be a (very short) sentence; buttons carry no full stop
    rest = _SHARE_WORDS.sub("", line)
    return rest != line and not re.search(r"[^\W\d_]", rest)


def _is_gallery(line: str) -> bool:
    """A photo gallery's captions on one line, each with its counter: "... Hide Caption 1 of 43 Photos: ... Hide
    Caption 2 of 43 ...". A caption dates and places a photo, often of another day: no reporting of the story."""
    totals = _GALLERY_COUNTER.findall(line)
    return len(totals) >= 2 and len(set(totals)) == 1


def _caption_stem(line: str) -> str | None:
    """The caption without its credit if the line is a credited caption ("" for a bare credit), else None."""
    label = _IMAGE_LABEL.match(line)
    if label:
        return line[label.end():]
    match = _CREDIT.search(line) or _CREDIT_SLASH.search(line)
    if match is None:  # a bracketed agency or name ends a body paragraph too ("... the transport department (AP)"):
        match = _CREDIT_TAIL.search(line) or _CREDIT_NAMES.search(line)  # a caption when short or after a full stop
        if match is not None and len(line.split()) > 12 and \
                not line[:match.start()].rstrip().endswith((".", "…", ",")):  # a caption's sentence, or cut off
            match = None
    return None if match is None else line[:match.start()].rstrip(" |/(–—-")


def _join_drop_caps(kept: list[str | None], blank: set[int]) -> list[str | None]:
    """A drop cap scraped onto a line of its own ("T", blank line, "he most likely person ...") goes back onto its
    word: a capital A-Z alone, the next line (past empty lines only, not past a dropped one: "B", "Share", "eBay
    shares rose" is no "BeBay") starting lower-case. "A" and "I" are words themselves, so they are left alone."""
    out = list(kept)
    for index, line in enumerate(out):
        if line is None or len(line) != 1 or line not in "BCDEFGHJKLMNOPQRSTUVWXYZ":
            continue
        after = next((k for k in range(index + 1, len(out)) if out[k] is not None or k not in blank), None)
        if after is not None and out[after] is not None and out[after][:1].islower():
            out[after], out[index] = line + out[after], None
    return out


_LABEL_WORDS = _SECTION_WORDS | {"your", "my", "the", "and", "&", "life", "style", "lifestyle", "arts", "food",
                                 "video", "videos", "photos", "live", "music", "books", "education", "environment",
                                 "economy", "markets", "crime", "nation", "metro", "features", "analysis", "editorial",
                                 # a paper's sections above its text ("Abstract and Introduction", multinews-validation-
                                 # 118's first line, was its headline)
                                 "abstract", "introduction", "background", "methods", "materials", "results",
                                 "discussion", "conclusions"}
_MASTHEAD_END = {"times", "post", "herald", "tribune", "gazette", "journal", "chronicle", "courier", "record",
                 "observer", "telegraph", "guardian", "daily", "news", "press", "weekly", "examiner", "inquirer",
                 "register", "dispatch", "bulletin", "globe"}


# a summary box's label above its bullets ("Story highlights", CNN's; "Key points:"), then a capital or the line's end
_HIGHLIGHTS = re.compile(r"(?i:story highlights|key points|highlights)\s*:?\s*(?=[A-Z\"“‘']|$)")


def _without_leading_labels(paragraphs: list[str]) -> list[str]:
    """The story without what a page prints above its headline: a section ("World", "Your Health"), the site's
    name ("ABC", "Harvard Law Record"). Left as the first paragraph, such a label was taken for the headline."""
    # a name ending like an outlet's or a single word only above a headline: "Trump Attacks Fake News", "Brexit" above
    # the body are the headline itself (the review of session 20); section words and acronyms ("World", "ABC") always
    start = 0
    while start < min(2, len(paragraphs) - 1) and (kind := _label(paragraphs[start])) and (
            kind == "section" or _is_headline(paragraphs[start + 1], has_more=start + 2 < len(paragraphs))):
        start += 1
    return paragraphs[start:]


def _label(paragraph: str) -> str | None:
    """"section" for section words only ("World", "Your Health") or an outlet's acronym ("ABC", "CNN"); "name" for
    one other word or a short capitalised name ending like an outlet's ("Harvard Law Record"); None for what may be a
    headline, which has two words at least and says what happened."""
    words = [w.strip(_DECORATION + ".,") for w in paragraph.split()]
    if len(words) > 4 or _ends_sentence(paragraph) or any(c.isdigit() for c in paragraph):
        return None
    lowered = [w.lower() for w in words]
    if words and (set(lowered) <= _LABEL_WORDS or (len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 5)):
        return "section"
    if len(words) <= 1 or (lowered[-1] in _MASTHEAD_END and
                           all(w[:1].isupper() or w in {"of", "the", "&"} for w in paragraph.split())):
        return "name"
    return None


def _is_headline(paragraph: str, has_more: bool) -> bool:
    first_letter = next((c for c in paragraph if c.isalpha()), "")
    return (has_more and len(paragraph.split()) <= 20 and len(paragraph) <= 200
            and not _ends_sentence(paragraph) and not paragraph.endswith((":", ";", ","))
            and (paragraph[0].isdigit() or first_letter.isupper()))


# A headline some outlets end with a full stop (AllSides and its NeuS triples: "Sanders sends Democratic establishment
# into panic mode."), told from a short first paragraph of the story, its lede, by what a lede has and a headline
# lacks: a dateline ("LONDON —"), a day ("died Thursday"), a speaker ("said"), a second sentence, more than 15 words,
# and a full paragraph after it. Measured on the Multi-News, NeuS and clustering dev sets
# (``benchmarks/plaintext_stopped_headlines.py``, docs/benchmarks.md, session 32): 1,444 of 1,842 such headlines
# written above their text are read as headlines (none before); of the untitled texts, 20 distinct first paragraphs
# are taken for one, a third of them headlines or standfirsts themselves ("Northwestern football players win pivotal
# union case."), the rest a short kicker of a lede ("Let the songwriting begin.").
_STOPPED_WORDS = 15
_LEDE_AFTER = 20  # words the next paragraph has at least: a story's first paragraph, not another short line
_LEDE_MARK = re.compile(r"^[A-Z][A-Z .,'’-]{2,}(?:\s*\([^)]*\))?\s*[—–-]"  # a dateline: "NEW YORK (AP) —"
                        r"|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)\b"
                        r"|\b(?:said|says|told|updated)\b")  # (a desk's "This post has been updated.")
# a sentence's end inside the paragraph: not after an initial or an abbreviation ("U.S. Posts", "Gov. John Hickenlooper")
_INNER_END = re.compile(r"(\S+?)[.!?…][\"'”’]*\s+\S")
_ABBREVIATIONS = frozenset({"gov", "sen", "rep", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "lt", "col", "sgt",
                            "capt", "prof", "inc", "co", "corp", "no", "vs", "mt", "ft", "sept", "jan", "feb", "aug", "oct",
                            "nov", "dec", "u.s", "u.k", "u.n", "d.c"})


def _is_stopped_headline(paragraph: str, following: list[str]) -> bool:
    """A headline ending in a full stop (``_STOPPED_WORDS``, ``_LEDE_MARK``), above a full paragraph."""
    first_letter = next((c for c in paragraph if c.isalpha()), "")
    return (len(paragraph) <= 200 and paragraph.endswith(".") and not paragraph.endswith("..")
            and len(paragraph.split()) <= _STOPPED_WORDS and first_letter.isupper()  # (length first: the scans below)
            and bool(following) and len(following[0].split()) >= _LEDE_AFTER and not _LEDE_MARK.search(paragraph)
            and not any(len(m[1]) > 1 and m[1].lower() not in _ABBREVIATIONS and not _kicker(paragraph, m)
                        for m in _INNER_END.finditer(paragraph)))


def _kicker(paragraph: str, end: re.Match) -> bool:
    """A question or exclamation of a few words opening a headline ("The Trump Effect? After Carrier pledge to keep
    jobs in US, more companies may follow."): the headline's kicker, not a sentence of a paragraph."""
    return paragraph[end.end(1)] in "?!" and len(paragraph[:end.end(1)].split()) <= _KICKER_WORDS


_KICKER_WORDS = 4


def _paragraphs(kept: list[str | None]) -> list[str]:
    paragraphs: list[str] = []
    unfinished = False  # the line just above was kept and does not end a sentence
    for line in kept:
        if line is not None and unfinished and line[:1].islower():
            paragraphs[-1] += " " + line  # a hard-wrapped line continues the paragraph
        elif line is not None:
            paragraphs.append(line)
        unfinished = line is not None and not _ends_sentence(line) and not line.endswith(":")
    return paragraphs


def _timestamp(line: str, bare_dates: bool) -> tuple[int, str | None] | None:
    """(priority, ISO date or None) when the line is a timestamp line, else None.  Publication
    lines beat bare dates, which beat update lines.  A bare date only counts before the body
    starts: inside it, "Feb. 5, 2018:" heads a timeline entry."""
    prefix = _STAMP_PREFIX.match(line)
    rest = line[prefix.end():] if prefix else line
    if (prefix is None and not bare_dates) or len(rest) > 80:
        return None
    parsed = _parse_date(rest) if rest else False  # a bare "Updated" label carries no date
    if parsed is None:
        return None
    priority = 1 if prefix is None else 2 if re.search(r"updat|modif", prefix["kind"], re.I) else 0
    return priority, parsed or None


def date_from_yearless(line: str, reference: datetime) -> str | None:
    """The ISO date of a timestamp line without a year ("Updated 9:10 a.m. PT Nov. 25") in the year that makes it
    the latest such date not after ``reference`` (when the page was fetched) and a day: a site leaves the year out
    of its recent stories' dates only. Moments are compared, each with its own offset ("8:00 a.m. AEDT Nov. 26" is
    before a fetch at 2026-11-25T23:30Z, though its local day is later); the day's slack covers a zone not written
    and a clock that is off. None when the line is no such date."""
    prefix = _STAMP_PREFIX.match(line)
    rest = line[prefix.end():] if prefix else line
    latest = reference if reference.tzinfo else reference.replace(tzinfo=timezone.utc)
    latest += timedelta(days=1)
    for year in (reference.year + 1, reference.year, reference.year - 1):  # New Year: a date of the next year
        parsed = _parse_date(rest, year=year)
        if isinstance(parsed, str) and _moment(parsed) <= latest:
            return parsed
    return None


def _moment(iso: str) -> datetime:
    """An ISO date or time as an aware moment: UTC when it carries no offset (a date alone: its day's start)."""
    value = datetime.fromisoformat(iso)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _offset(written: re.Match) -> timezone | None:
    hours, minutes = written["hours"] or written["hours2"], written["minutes"] or written["minutes2"]
    if int(hours) > 14 or int(minutes or 0) >= 60:
        return None
    return timezone(utc_offset(written["sign"] or written["sign2"] or written["plus"] or written["minus"], hours,
                               minutes))


def _parse_date(text: str, year: int | None = None) -> str | bool | None:
    """ISO date when year, month and day are all written (with the time when written); False for
    a date that lacks some of them (the rest is never guessed); None when the text is no date.
    ``year``: the year of a date that has none (month and day still must be written)."""
    text = re.sub(r"\b([ap])\. ?m\.?", r"\1m", text, flags=re.I)
    text = re.sub(r"(\d{1,2}): (\d\d)", r"\1:\2", text)
    text = re.sub(r"\b(\d{1,2})\.(\d\d)(?=\s*(?:[A-Z]{2,4}\b|$))", r"\1:\2", text)  # "15.45 GMT"
    written = _WRITTEN_OFFSET.search(text)
    if written is not None:
        text = text[:written.start()] + " " + text[written.end():]
    zones = set(_TZ.findall(text))
    # the zone written gives the offset ("ET": New York's that day); an ambiguous one ("IST") or two different
    # ones give none; an offset written as one is what it says
    offset = zone_offset(zones.pop()) if len(zones) == 1 else None
    if written is not None:
        offset = _offset(written)  # "+25:00" is no zone's: the time is read without one
    text = re.sub(r"\(\s*\)", " ", _TZ.sub(" ", text.replace("|", " "))).strip(" ,")  # "GMT+1 (BST)": no "( )" left
    if not any(char.isdigit() for char in text):
        return None  # a weekday alone is no date
    if ambiguous_date(text):
        return False  # "11/12/2026": a date, its order never guessed here (the settings' order, in ``extract.article``)
    defaults = _DEFAULTS if year is None else tuple(d.replace(year=year) for d in _DEFAULTS)
    try:
        first, second = (date_parser.parse(text, default=d, ignoretz=True) for d in defaults)
    except (ValueError, OverflowError):  # ParserError is a ValueError; huge numbers overflow
        return None
    # A field that differs between the two parses came from the defaults, not from the text.
    has_time = (first.hour, first.minute) == (second.hour, second.minute)
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return False if has_time or (first.month, first.day) == (second.month, second.day) else None
    if not has_time:
        return first.date().isoformat()
    return (first.replace(tzinfo=offset) if offset else first).isoformat(timespec="seconds")


# a writer's role after the outlet's name in a byline ("BBC Home Affairs correspondent", "Associated Press Writer")
_ROLE_END = re.compile(r"\b(?:correspondent|editor|reporter|writer|columnist|contributor|producer|analyst)s?$", re.I)


def _without_role(part: str) -> str:
    """A byline's outlet part without the writer's role and beat after the outlet's name ("BBC Home Affairs
    correspondent" -> "BBC", "Associated Press Writer" -> "Associated Press"; the beat's words are no outlet's)."""
    role = _ROLE_END.search(part)
    if role is None:
        return part
    last = None
    for last in _OUTLET_WORD.finditer(part, 0, role.start()):
        pass
    return part[:last.end()].strip() if last is not None else part


def _byline(line: str) -> tuple[tuple[str, ...], str | None] | None:
    """(names, outlet) of a "By Jane Doe and John Roe, Associated Press" line: ((), "Reuters") for
    "By Reuters"; None when the line is no byline: its first part must look like a name or an
    outlet, so "By the end of the day" is text."""
    match = _BYLINE.fullmatch(line)
    if match is None:
        return None
    names: list[str] = []
    outlet: str | None = None
    # "By Jane Doe — Staff Writer", "By JANE DOE — NEW YORK" (an HTML byline's "&mdash;"): the names, then after the
    # dash a role, a desk or a place, short and capitalised; the tail was read as part of the last name, which then
    # was no name ("Doe — PERSON") or an affiliation ("Doe — Staff Writer"): the line stayed in the text, or the name
    # was dropped
    head, *tails = _DASHES.split(match["names"].rstrip("."), maxsplit=1)
    tail = tails[0].strip() if tails else ""
    if tail and not (len(tail.split()) <= 5 and tail[:1].isupper() and not _ends_sentence(tail)):
        return None
    if tail and _AFFILIATION.search(tail) and _OUTLET_WORD.search(tail):
        outlet = tail  # "By Jane Doe — Valehaven Courier"
    parts = [p for p in _NAME_SPLIT.split(head) if p]
    for position, part in enumerate(parts):
        if _AFFILIATION.search(part):
            if outlet is None and _OUTLET_WORD.search(part) and part[:1].isupper() and len(part.split()) <= 5:
                outlet = _without_role(part)  # "Lakeshore Gazette", "Pressline Wire"
            continue  # "Associated Press", "Staff Writer"
        tokens = re.sub(r"\s+in\s+.*$", "", part).split()  # "Jane Doe in Berlin"
        if (2 <= len(tokens) <= 5 and all(_NAME_TOKEN.fullmatch(t) for t in tokens)
                and tokens[0][0].isupper() and tokens[-1][0].isupper()
                and all(t[0].isupper() or t.lower() in NAME_PARTICLES for t in tokens)):
            names.append(" ".join(tokens))
        elif position == 0:
            return None
    return (tuple(names), outlet) if parts else None
