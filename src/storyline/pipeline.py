"""The pipeline: the one place that wires stages to the store.

ingest -> extract -> enrich -> (deduplicate, assign story) -> store -> consolidate.
Articles are stored a chunk per transaction (``store_batch``), each together
with its story's updated centroid and index terms, its story flagged stale in
the same transaction; consolidation then rebuilds the brief of every stale
story. Each article is decided as if stored alone, in the batch's decision order
(``stories.order``: up to ``ORDER_WINDOW`` enriched articles are held and ordered). A crash at any
point leaves whole chunks only, and the next run repairs the rest: stored
articles are skipped, stale stories are consolidated.
"""
from __future__ import annotations

import hashlib
import logging
import time
from collections import OrderedDict
from contextlib import ExitStack
from itertools import chain
from datetime import datetime, timezone
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TypeVar

import numpy as np

from storyline.clock import instant, order_key
from storyline.config import Settings
from storyline.consolidate import BRIEF_VERSION, build_brief
from storyline.consolidate.paraphrase import claim_encoder
from storyline.consolidate.revisions import version_chain
from storyline.consolidate.sentences import CORRECTION_NOTICE
from storyline.enrich import Enricher
from storyline.enrich.pipeline import ENRICH_VERSION
from storyline.enrich.embed import AUTO, DEFAULT as DEFAULT_ENCODER, encoder_named
from storyline.errors import InputError, StoreError
from storyline.extract import extract_articles
from storyline.extract.metadata import article_id as path_article_id, bad_date_warning, detect_language, normalise_date
from storyline.ingest.feedbox import FeedParser
from storyline.ingest.feeds import Deferred, ParsedFeed
from storyline.ingest.fetch import Fetcher, Transient
from storyline.ingest.files import EXACT_FLOATS, AlreadyStored, InputWarning, NotModified, unrelated_version_link
from storyline.ingest.pages import Revalidation
from storyline.ingest.sources import (
    RETRY_POLLS, FeedLedger, item_documents, items_to_read, iter_inputs, poll_source, source_key,
)
from storyline.ingest.urls import same_page, url_article_id
from storyline.languages import read_in_english
from storyline.outlets import same_outlet
from storyline.records import Article, EnrichedArticle, FeedState, RawDocument, StoredArticle
from storyline.store.base import Store
from storyline.store.sqlite import now
from storyline.stories import StoryCentroid, assign_story, band_keys, find_duplicate, minhash_signature
from storyline.stories.dedup import figures_changed, jaccard, same_report
from storyline.stories.cluster import JoinDecider
from storyline.stories.merge import find_merge, merged_centroid, should_check
from storyline.stories.model import JoinModel, join_decider
from storyline.stories.order import WINDOW, decision_order
from storyline.stories.settle import (
    NEW, RELATED_SIZE, STAY, Member, Unchanged, Verdict, reconsider, settle_all, without_member,
)
from storyline.stories.split import SPLIT_MAX, SPLIT_MIN, split_off
from storyline.enrich.terms import top_terms

ENRICH_CHUNK = 32
log = logging.getLogger(__name__)
ORDER_WINDOW = WINDOW  # enriched articles held before they are ordered (``stories.order``) and stored
T = TypeVar("T")
# articles stored per transaction (issue 4: a commit per article cost more than clustering it). A commit writes every
# page its transaction changed to the write-ahead log, and a chunk's postings and band keys change pages all over
# their indexes (6,000 pages, 25 MB, for 256 articles into a 10k store), most of them pages the next chunk changes
# again: 1,024 a commit wrote the log once where 256 wrote it four times (session 39: clustering alone -20 % at 10k,
# -35 % at 100k). ``STORE_SECONDS`` bounds how long a transaction holds the writers' turn (``store.writelock``),
# which another writer waits for, and how long readers wait to see the batch
STORE_CHUNK = 1024
STORE_SECONDS = 5.0
store_clock = time.monotonic  # the clock ``STORE_SECONDS`` is read on (a test's own)


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    already_stored: int = 0
    duplicates: int = 0
    new_stories: int = 0  # stories the batch opened that are still there (``StoryChanges``)
    stories_merged: int = 0  # stories there before the batch that it folded into another
    problems: list[InputError] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)
    # stories the run changed (``StoryChanges.changed``), whoever rebuilt their briefs: two ingests of one file at
    # once, the one that found every article stored changed none, though it may build the other's briefs first
    stories_updated: int = 0
    outdated_briefs: int = 0  # stories whose brief an older storyline made, after the run (``storyline refresh``)
    id_taken: int = 0  # records skipped because another article's text is stored (or came first) under their id
    versions: int = 0  # of ``added``, later versions of stored articles (a page or feed item corrected)
    unchanged: int = 0  # pages and feeds fetched again that answered 304 (Not Modified): nothing downloaded or stored
    changed: set[str] = field(default_factory=set, repr=False)  # the stories behind ``stories_updated``, by id
    opened: set[str] = field(default_factory=set, repr=False)  # the stories behind ``new_stories``: not "updated"


@dataclass
class StoryChanges:
    """The stories a batch opened (a new article's, a split's half, settling's story of its own) and folded into
    another (merging, settling emptying one), by id, as the batch goes: counted once it is done (``count``), so
    that a story opened and merged away again is neither, and what a rolled-back transaction did is not counted."""
    opened: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    changed: set[str] = field(default_factory=set)  # every story the batch wrote a member into or out of

    def count(self, store: Store) -> tuple[int, int]:
        """(stories opened that are still there, stories there before the batch that it merged away)."""
        kept = sum(store.resolve_story(s) == s and store.get_centroid(s) is not None for s in self.opened)
        gone = sum(s not in self.opened and store.resolve_story(s) != s for s in self.removed)
        return kept, gone

    def absorb(self, other: StoryChanges) -> None:
        """Add what ``other`` noted (the changes of a transaction that committed)."""
        self.opened |= other.opened
        self.removed |= other.removed
        self.changed |= other.changed


def stories_now(story_ids: Iterable[str], store: Store) -> set[str]:
    """The stories ``story_ids`` are now: one merged away as the story it went into, one not there (opened in a
    transaction that was rolled back, or emptied) left out."""
    now_ids = {store.resolve_story(s) for s in story_ids}
    return {s for s in now_ids if store.get_centroid(s) is not None}


def stories_updated(report: IngestReport, store: Store) -> int:
    """How many stories there before the run it changed (``stories_now``): a story it opened, still its own, is one
    of its new stories, not one updated too (a first ingest into a new store said "1 new story, 1 story updated")."""
    opened = {s for s in report.opened if store.resolve_story(s) == s}
    return len(stories_now(report.changed, store) - opened)


def extract_all(raws: Iterable[RawDocument | InputError], settings: Settings,
                report: IngestReport) -> Iterator[Article]:
    """Articles from raw documents; problems go into the report and the stream goes on."""
    for raw in raws:
        if isinstance(raw, AlreadyStored):
            report.already_stored += 1
            continue
        if isinstance(raw, NotModified):
            report.unchanged += 1
            continue
        if isinstance(raw, InputWarning):
            report.warnings.append(raw)
            continue
        if isinstance(raw, InputError):
            report.problems.append(raw)
            continue
        where = f"{raw.source}{raw.locator}"
        if raw.published and normalise_date(raw.published, settings.date_order) is None:
            report.warnings.append(InputWarning(where, bad_date_warning("'published'", raw.published)))

        def warn(why: str, where: str = where) -> None:  # what extraction read but did not use (a page's bad date)
            report.warnings.append(InputWarning(where, why))

        try:
            for article in extract_articles(raw, settings, warn=warn):
                if raw.revises and article.id == raw.record_id:  # an export's version link (its first piece)
                    article = replace(article, revises=raw.revises)
                yield replace(article, fetched=raw.fetched) if raw.fetched else article
        except InputError as exc:
            report.problems.append(exc)
        except Exception as exc:  # a parser bug must not stop the batch; report it with the input
            report.problems.append(InputError(where, f"extraction failed: {exc!r}"))


def text_hash(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).lower().encode()).hexdigest()


def url_article_id_or_none(url: str) -> str | None:
    """``url_article_id``, None for no web URL."""
    try:
        return url_article_id(url)
    except InputError:
        return None


def id_from_url(article: Article) -> bool:
    """Whether the article's id is the one storyline makes of its URL (``urls.url_article_id``: a web page, a feed
    item, a WARC record, a record that gives a URL and no id): an id that names a place, whose text the outlet may
    change, rather than an id the user gave, which names one text."""
    if not article.url:
        return False
    try:
        return url_article_id(article.url) == article.id
    except InputError:
        return False


def stored_spelling(article: Article, store: Store) -> Article:
    """The article under the id an older storyline stored its record's number as: a float's text, "12.0" for 12.0
    or 1.2e1, which ``files.id_text`` now names "12" (the same record ingested again after upgrading would be
    another article). Asked only for a whole number's id the store does not hold (a float's larger than
    ``files.EXACT_FLOATS`` is still written as a float's)."""
    whole = article.id.isascii() and article.id.lstrip("-").isdecimal() and len(article.id) < 17
    if not whole or abs(int(article.id)) >= EXACT_FLOATS or store.text_hash_of(article.id) is not None:
        return article
    older = repr(float(article.id))
    if older != article.id and store.text_hash_of(older) is not None:
        return replace(article, id=older)
    return article


def version_id(article_id: str, digest: str) -> str:
    """The id of the version of article ``article_id`` whose text hash is ``digest``: stable for that text, so a poll
    that reads the corrected item again finds it stored (the first version keeps the plain id)."""
    return f"{article_id}-v{digest[:10]}"


def new_version(article: Article, digest: str) -> Article | None:
    """The article as a later version of the one stored under its id, when it holds other text (hash ``digest``)
    and the id is storyline's (``id_from_url``): an outlet corrected the page or feed item ("12 killed", then "14
    killed"), so its text is the outlet's current report, stored beside the version it corrects. None for an id the
    user gave: ids given are identities, and the stored article is kept (the user can give the other an id)."""
    if not id_from_url(article):
        return None
    return replace(article, id=version_id(article.id, digest), revises=article.id)


def reverted_to(article: Article, store: Store) -> str | None:
    """The latest version of a page or feed item whose text reads as ``article``'s again, when ``article`` is one of
    its earlier versions (``earlier_versions``): the outlet withdrew its correction, or a cache served the older
    page. That text is stored already, so nothing is stored, and the user is told (a revert is rare, and storing
    it as the current report would reorder the versions the brief reads as the outlet's corrections). None
    otherwise."""
    if not id_from_url(article) and article.revises is None:
        return None
    # another article than itself only when it is an earlier version, or the outlet's copy of an earlier-published
    # report it corrected since (``stays_a_copy``): the correction's latest version is then its current report
    latest = latest_report(article.id, store)
    return None if latest is None or latest == article.id else latest


def latest_report(article_id: str, store: Store) -> str | None:
    """The outlet's current report of the page or feed item stored as ``article_id``: its latest version
    (``Store.latest_version``), or, when that is the outlet's copy of an earlier-published report it corrected since
    (``stays_a_copy``), the latest version of the report the correction made (``_correction_of_copy``), so the next
    poll is compared with the text the outlet gives now. None when it is not stored."""
    latest = store.latest_version(article_id)
    if latest is None or not stays_a_copy(latest, store):
        return latest
    return _correction_of_copy(latest, store) or latest


def stays_a_copy(article_id: str, store: Store) -> bool:
    """Whether the stored article ``article_id`` is a copy of another report published before it (a wire story an
    outlet republished): that report is the original, so the outlet's correction of its copy is a report of its
    own (its ``revises`` naming the copy), not a version in the copy's place, which would make the original a copy
    of the copy (tester s30 #1: the wire's own report had become a copy of the Eastshire Gazette's)."""
    links = store.article_links(article_id)
    if links is None or links[1] is None:
        return False
    copy, original = store.get_article(article_id), store.get_article(links[1])
    return original is not None and published_earlier(original.article, copy.article)


def _correction_of_copy(copy: str, store: Store) -> str | None:
    """The latest version of the report its outlet made by correcting the copy ``copy`` (``stays_a_copy``): an
    article of its page naming ``copy`` as the text it ``revises`` that is a report (no copy) in its latest version.
    None when there is none."""
    stored = store.get_article(copy).article
    if not stored.url or not stored.outlet:
        return None
    for other in store.articles_at_page(stored.outlet, stored.url):
        links = store.article_links(other)
        if other == copy or links is None or links[2] != copy:
            continue
        latest = store.latest_version(other)
        if latest is not None and (store.article_links(latest) or (None, None))[1] is None:
            return latest
    return None


@dataclass(frozen=True)
class LaterText:
    """What ``no_new_report`` read of a later text of a stored page or feed item, handed on to ``store_article``,
    which would read it again otherwise: the text's MinHash signature, and the latest stored version it compared."""
    signature: np.ndarray
    latest: str | None


def later_text(article: Article, store: Store) -> LaterText:
    """``article``, a later text of the stored article it ``revises`` (``new_version``), as ``LaterText``."""
    return LaterText(minhash_signature(article.text), latest_report(article.revises, store))


def no_new_report(article: Article, later: LaterText, store: Store, settings: Settings) -> bool:
    """Whether a later text of a stored page or feed item (``new_version``; ``later``: its ``later_text``) reports
    nothing new: a near-copy of the latest stored version (``is_near_copy``) that changes none of its figures or
    dates (``figures_changed``). A line that changes every poll ("updated 3 minutes ago", a reworded sentence) would
    otherwise store a version a poll; such a text counts as stored already, and the version stored first stays the
    page's report. (A changed count, "12 comments" for "11 comments", reads as a changed figure, and makes a
    version.)"""
    if later.latest is None or not is_near_copy(later.signature, later.latest, store, settings):
        return False
    return not figures_changed(article.text, store.get_article(later.latest).article.text)


def _latest_version(article_id: str, later: LaterText | None, store: Store) -> str | None:
    """``latest_report(article_id)``: the one ``later`` compared while it is still the latest (no writer stored a
    later version since: it would be linked to that one as its copy), so the chain is not walked again. Not when
    ``later`` compared a copy that stays a copy (``stays_a_copy``): the outlet's correction of it is no version
    linked to it, so a correction stored since (the batch's text before this one) leaves it the latest version all
    the same, and only ``latest_report`` finds that correction."""
    if later is not None and later.latest is not None and store.latest_version(later.latest) == later.latest \
            and not stays_a_copy(later.latest, store):
        return later.latest
    return latest_report(article_id, store)


def is_near_copy(signature: np.ndarray, stored_id: str, store: Store, settings: Settings) -> bool:
    """Whether a text of MinHash ``signature`` nearly copies the stored article ``stored_id``, as near-duplicates
    are judged (``settings.duplicate_jaccard``): a correction changes a figure or a line, not the report."""
    stored = store.article_signature(stored_id)
    return stored is not None and jaccard(signature, np.frombuffer(stored, dtype=np.uint64)) >= settings.duplicate_jaccard


def corrects(later: Article, earlier: Article | None) -> bool:
    """Whether ``later``, a later text of the page or feed item ``earlier`` was read from, is that report
    corrected though no near-copy of it: the same outlet's text that still carries the earlier report
    and little else (``dedup.same_report``, both ways: the answer does not depend on which of the two is read as
    the later). A short report corrected in a figure or two changes a share of its shingles no
    Jaccard threshold allows (a 60-word brief with two figures changed: 0.697), and stored as a report of its own
    it would put the outlet in conflict with itself."""
    return earlier is not None and (later.outlet or "").casefold() == (earlier.outlet or "").casefold() \
        and same_report(later.text, earlier.text)


def earlier_at_page(article: Article, store: Store, settings: Settings) -> str | None:
    """The latest version of a stored article of ``article``'s outlet read from its page (``Store.articles_at_page``:
    the URL normalised, whatever the stored article's id) whose report ``article`` corrects or nearly copies
    (``corrects``, ``is_near_copy``): the same outlet's page read again, stored before under the record's own id
    ("harlowstar-1"), where ``new_version`` finds only ids made of the URL. None when there is none (another
    report under a reused link is no version)."""
    if not article.url or not article.outlet:
        return None
    signature = None
    for stored_id in store.articles_at_page(article.outlet, article.url):
        latest = store.latest_version(stored_id)
        if latest is None or latest == article.id:
            continue
        earlier = store.get_article(latest)
        if signature is None:
            signature = minhash_signature(article.text)
        if corrects(article, earlier.article) or is_near_copy(signature, latest, store, settings):
            return latest
    return None


def has_correction_notice(text: str) -> bool:
    """Whether ``text`` carries an outlet's correction notice ("Correction: An earlier version of this article
    said five people had died."): the text is a later version of its page."""
    return CORRECTION_NOTICE.search(text) is not None


def _same_figures(text: str, candidate: str, store: Store) -> bool:
    """Whether ``text`` gives the figures and dates of ``candidate`` and of the original it copies (a copy is
    linked to that original), or of one of that original's earlier versions (``gives_figures_of``): one that changes
    one is clustered as a report of its own, so the facts see it. (A trimmed copy of the original, lacking the
    changed sentence, must not let a correction through.)"""
    _, root = store.article_story(candidate)
    return (not figures_changed(text, store.get_article(candidate).article.text)
            and (root is None or gives_figures_of(text, root, store.get_article)))


def gives_figures_of(text: str, original: str, get: Callable[[str], StoredArticle | None]) -> bool:
    """Whether ``text`` gives the figures and dates of the article ``original`` or of one of its earlier versions
    (``earlier_versions``): another outlet's copy of the text before the outlet's correction copies the report
    the outlet gave then, and stays a copy, not a source of its own."""
    texts = [get(original).article.text] + [e.article.text for e in earlier_versions(original, get)]
    return any(not figures_changed(text, t) for t in texts)


def store_article(enriched: EnrichedArticle, store: Store, settings: Settings, *,
                  model: JoinDecider | None = None, changes: StoryChanges | None = None,
                  later: LaterText | None = None) -> str:
    """Store one article in its story; returns "added", "new_story", "duplicate", "version" (a later version of a
    stored article, in its place: ``new_version``), "exists" (stored already), or "taken" (its id holds an article
    of other text, stored by another writer since the batch looked, and the id is the user's).

    ``model`` is the learned join decision (None: the threshold rule); ``changes`` notes a story opened or merged;
    ``later``: what ``no_new_report`` read of the article, a later text of a stored one (``later_text``).
    """
    article, ann = enriched.article, enriched.annotations
    digest = text_hash(article.text)
    signature = later.signature if later is not None else minhash_signature(article.text)
    keys = band_keys(signature)  # the lookup's and the stored row's
    with store.transaction():
        if (held := store.text_hash_of(article.id)) is not None and held != digest:
            article = new_version(article, digest) or article  # another writer stored the first version meanwhile
            held = store.text_hash_of(article.id) if article.revises else held
        if held is not None:
            return "exists" if held == digest else "taken"
        if article.revises is not None:
            previous = _latest_version(article.revises, later, store)
            article = replace(article, revises=previous)
            if previous is not None and _in_place_of(previous, EnrichedArticle(article, ann), digest, signature, keys,
                                                     store, settings, changes):
                return "version"
        original = store.article_with_hash(digest)
        if original is None:
            near = find_duplicate(signature, store, threshold=settings.duplicate_jaccard,
                                  accept=lambda c: _same_figures(article.text, c, store), keys=keys)
            original = near[0] if near else None
        if original is not None:
            story_id, original, copy_of = _copied_report(original, store)
            stored = StoredArticle(article, ann, story_id, duplicate_of=original, added=now())
            store.add_article(stored, text_hash=digest, signature=signature.tobytes(), band_keys=keys)
            if changes is not None:  # a copy is cited in its story's brief
                changes.changed.add(story_id)
            if copy_of is None and published_earlier(article, (first := store.get_article(original)).article):
                # the copy stored first is not the original; its earlier versions stay linked to it (the version
                # in their place), else the chain is lost and each later poll of the page is a new version
                kept = earlier_versions(original, store.get_article) if first.article.revises else []
                store.relink_duplicates(original, article.id, keep=[e.article.id for e in kept])
            elif copy_of is not None and _first_version_copied(original, copy_of, article, store):
                # the page's first version copied this report, published before it: it is this report's copy (its
                # copies with it), and the outlet's correction in its place a report of its own, as when this
                # report is read first (``stays_a_copy``)
                store.relink_duplicates(original, article.id)
            return "duplicate"
        choice = assign_story(ann.terms, store, threshold=settings.join_threshold,
                              candidates=settings.candidate_stories, index_terms=settings.index_terms,
                              published=article.published, length_slope=settings.join_length_slope,
                              views=ann.views, model=model, embedding=ann.embedding,
                              prior=outlet_prior(store, settings, article.outlet, article.published))
        if choice.story_id is None:
            centroid = StoryCentroid(new_story_id(article.id), {}, 0, [])
        else:
            centroid = store.get_centroid(choice.story_id)
        centroid.add_member(ann.terms, ann.views, keep=settings.centroid_terms, published=article.published,
                            embedding=ann.embedding, outlet=article.outlet)
        store.save_centroid(centroid, index_terms=top_terms(centroid.weights, settings.index_terms), updated=now())
        store.add_article(StoredArticle(article, ann, centroid.story_id, added=now()), text_hash=digest,
                          signature=signature.tobytes(), band_keys=keys)
        if changes is not None:
            changes.changed.add(centroid.story_id)
            if choice.story_id is None:
                changes.opened.add(centroid.story_id)
        if should_check(centroid) and (gone := merge_if_one(centroid, store, settings)) and changes is not None:
            changes.removed.add(gone)
        return "added" if choice.story_id is not None else "new_story"


def _first_version_copied(earlier: str, latest: str, copy: Article, store: Store) -> bool:
    """Whether ``earlier``, an outlet's earlier version of ``latest`` that the newly stored ``copy`` copies, is the
    first version of its page (it corrects none) and was published after ``copy``: it copied that report."""
    first = store.get_article(earlier)
    return first.article.revises is None and store.latest_version(earlier) == latest \
        and published_earlier(copy, first.article)


def _copied_report(candidate: str, store: Store) -> tuple[str, str, str | None]:
    """(story id, article, the article it is linked to as a copy) of the article a copy of the stored ``candidate``
    is linked to: the original ``candidate`` copies (copies are listed one level under an original), unless
    ``candidate`` is an outlet's earlier version. A copy of an earlier version, by another outlet, is that outlet's
    report of the text the outlet gave then, not a version of the outlet's report: it is linked to the version it
    copies (``revisions.listed_under`` lists it under the outlet's current report), and stays so when the outlet
    corrects its report again (``_in_place_of`` moves the earlier versions alone)."""
    seen = set()
    story_id, copy_of = store.article_story(candidate)
    while copy_of is not None and copy_of not in seen:
        seen.add(candidate)
        up = store.article_links(copy_of)
        # an earlier version of the article it is linked to stays the original: only an article that revises
        # another has earlier versions, so a plain copy's link is followed without walking a chain
        if up is None or (up[2] is not None and store.latest_version(candidate) != candidate):
            break
        candidate, (story_id, copy_of, _) = copy_of, up
    return story_id, candidate, copy_of


def _in_place_of(previous: str, enriched: EnrichedArticle, digest: str, signature: np.ndarray, keys: list[int],
                 store: Store, settings: Settings, changes: StoryChanges | None) -> bool:
    """Store a later version of article ``previous`` in its place: in its story, as the report its outlet gives now,
    the earlier version (and the versions before it) linked to it as its copies (``relink_duplicates``, as for a copy
    published earlier), so the brief reads the newer text and counts the outlet once, and a settling move takes the
    versions together; other outlets' copies of the earlier version stay its copies (``_copied_report``). An
    earlier version linked as the copy of another outlet's original stored before it (published at the same time,
    or undated) is a version all the same: that original becomes the earlier version's copy, as a copy of the
    earlier version read after the correction is linked (one set of links whichever was read first, and the chain
    of versions kept: each later poll of the page is compared with the latest version). False (nothing stored)
    when the earlier version is a copy of an article that is itself linked (a copy, or an earlier version of
    another report), or of a report published before it (``stays_a_copy``: a wire story the outlet republished,
    whose correction is the outlet's own report, not the wire's): the new one is then decided as any article;
    False too when the new text is no correction of the earlier one, neither a near-copy (``is_near_copy``) nor the
    outlet's report still there (``corrects``: a short report corrected in a figure or two is no near-copy): a link
    reused for other news (a "/latest" page, a rolling live page, feed items that all link the homepage) is no
    correction, so the text is stored and clustered as any article, its ``revises`` kept as a plain link that glues
    no story."""
    story_id, copy_of = store.article_story(previous)
    if copy_of is not None and ((up := store.article_links(copy_of)) is None or up[1] is not None
                                or stays_a_copy(previous, store)):
        return False
    if not is_near_copy(signature, previous, store, settings) and \
            not corrects(enriched.article, (earlier := store.get_article(previous)) and earlier.article):
        return False
    if copy_of is not None:  # the original the earlier version copies, published no earlier, becomes its copy
        # (its own copies stay with it)
        store.relink_duplicates(copy_of, previous, copies=[])
    # the chain of versions read once, for _read_later and the relink
    latest = store.get_article(previous)
    earlier = earlier_versions(previous, lambda a: latest if a == previous else store.get_article(a))
    newer = _read_later(enriched.article, latest, earlier)  # an older text read late, or None
    article = enriched.article if newer is None else replace(enriched.article, revises=newer.article.revises)
    stored = StoredArticle(article, enriched.annotations, story_id, duplicate_of=previous, added=now())
    store.add_article(stored, text_hash=digest, signature=signature.tobytes(), band_keys=keys)
    if newer is not None:
        store.set_revises(newer.article.id, article.id)
    else:  # the earlier versions move under it; other outlets' copies stay with the text they copy
        store.relink_duplicates(previous, article.id, copies=[e.article.id for e in earlier])
    if changes is not None:
        changes.changed.add(story_id)
    return True


def _read_later(article: Article, latest: StoredArticle, earlier: list[StoredArticle]) -> StoredArticle | None:
    """The oldest of the versions of ``latest`` (itself, then ``earlier``, its ``earlier_versions``) that were
    read after ``article`` was (``fetched``), when ``latest`` was: ``article`` is then an earlier version, read by
    an older crawl or archive ingested late, and goes before that one in the chain, not in ``latest``'s place
    (ingest order is not reading order; ``_read_after``: without reading times, a text carrying a correction notice
    is the later). None when it is the newest read."""
    newer = None
    for version in [latest, *earlier]:
        if not _read_after(version.article, article):
            break
        newer = version
    return newer


def _read_after(one: Article, other: Article) -> bool:
    """Whether ``one`` is a later text of its page than ``other``: read after it (``fetched``), or, when either
    lacks a reading time, carrying a correction notice ``other`` lacks (``has_correction_notice``)."""
    read, theirs = _read_at(other.fetched), _read_at(one.fetched)
    if read is not None and theirs is not None:
        return theirs > read
    return has_correction_notice(one.text) and not has_correction_notice(other.text)


def _read_at(fetched: str | None) -> datetime | None:
    try:
        return _as_utc(fetched) if fetched else None
    except ValueError:
        return None


def store_batch(batch: list[EnrichedArticle], store: Store, settings: Settings, *,
                model: JoinDecider | None = None, chunk: int | None = None,
                changes: StoryChanges | None = None,
                later: dict[str, LaterText] | None = None) -> list[str | InputError]:
    """Store articles in order, ``chunk`` per transaction (fewer when one has taken ``STORE_SECONDS``); one outcome
    per article (see ``store_article``; ``later``: the ``later_text`` of each later text of a stored article, by its
    id).

    Each article is decided exactly as ``store_article`` alone would, seeing every article before it (the
    transaction's own writes included). Readers in other processes see whole chunks. When an article fails,
    its chunk is rolled back and stored again one article per transaction: the failing article's outcome
    is an ``InputError`` and the others are stored as if nothing had happened. A store that cannot be
    written at all (``StoreError``, locked or full) still stops the batch.
    """
    outcomes: list[str | InputError] = []
    chunk = chunk or STORE_CHUNK
    start = 0
    while start < len(batch):
        noted = StoryChanges()  # the chunk's changes count once it commits: a rolled-back story change is none
        taken, done = 0, []
        try:
            with store.transaction():
                closes = store_clock() + STORE_SECONDS
                for e in batch[start:start + chunk]:
                    taken += 1
                    done.append(store_article(e, store, settings, model=model, changes=noted,
                                              later=(later or {}).get(e.article.id)))
                    if store_clock() >= closes:
                        break
        except StoreError:
            raise
        except Exception:
            noted = StoryChanges()
            taken = taken or 1  # the transaction failed before its first article: that article is tried alone
            done = [_store_alone(e, store, settings, model, noted, (later or {}).get(e.article.id))
                    for e in batch[start:start + taken]]
        if changes is not None:
            changes.absorb(noted)
        outcomes.extend(done)
        start += taken
    return outcomes


def _store_alone(enriched: EnrichedArticle, store: Store, settings: Settings, model: JoinDecider | None,
                 changes: StoryChanges | None = None, later: LaterText | None = None) -> str | InputError:
    noted = StoryChanges()
    try:
        outcome = store_article(enriched, store, settings, model=model, changes=noted, later=later)
    except StoreError:
        raise
    except Exception as exc:  # a bug or bad value in one article must not cost the others theirs
        # named by its source (a page's URL, a feed item's link), as its other problems are: the page's validators
        # are then not saved and a feed's item is tried again (``save_validators``, ``_after_items``); a Transient
        # as an enrichment's failure is (``_enrich_alone``)
        return Transient(enriched.article.source, f"article {enriched.article.id!r} could not be stored: {exc!r}")
    if changes is not None:
        changes.absorb(noted)
    return outcome


SETTLE_CHUNK = 1024  # settling decisions per transaction (issue 4: one each committed and rewrote the stories it moved)
# ... and a group commits after this long at most: it holds the writers' turn (store.writelock), which another
# writer (a web ingest beside `storyline watch`) waits for. 0.5 s until session 39: each commit wrote the pages its
# moves changed over the posting indexes to the log again (2 s: settling -10 % at 10k and 100k articles)
SETTLE_SECONDS = 2.0


class Grouped:
    """Calls run ``size`` to a transaction (or fewer, when ``seconds`` have passed): settling's decisions and
    reads share a commit, and a story moved several times in a group is written once. A failure rolls back the
    calls of its group since the last commit: the moves lost are second looks, their articles stay in the
    stories they were in, and the error stops the batch as it did when each decision had its own transaction."""

    def __init__(self, store: Store, size: int | None = None, seconds: float = SETTLE_SECONDS):
        self.store, self.size, self.seconds = store, size or SETTLE_CHUNK, seconds
        self.left, self.opened = 0, 0.0  # calls left in the open group; when it opened (monotonic clock)
        self.open = ExitStack()

    def __enter__(self) -> Grouped:
        return self

    def __exit__(self, *exc) -> bool:
        return self.open.__exit__(*exc)

    def run(self, call: Callable[[], T]) -> T:
        if self.left == 0 or time.monotonic() - self.opened > self.seconds:
            self.open.close()  # commits the previous group
            self.open.enter_context(self.store.transaction())
            self.left, self.opened = self.size, time.monotonic()
        self.left -= 1
        return call()


def settle_batch(article_ids: list[str], store: Store, settings: Settings, model: JoinModel | None, *,
                 changes: StoryChanges | None = None) -> int:
    """Decide each article of a batch again, in the order given (the decision order), against the stories as
    they are now, and the members of small stories it finds plausible (``stories.settle``); then split the
    batch's stories that hold two events (``stories.split``), and decide once more the lone reports of the batch
    and of the small stories its settling found plausible (``settle_alone``; "its settling" includes the related
    members it decided again, so a story one of them found plausible counts too: at most ``RELATED_SIZE`` members
    of a bounded number of stories a batch article, the measured rule of docs/benchmarks.md, session 26). Returns
    how many articles moved; ``changes`` notes the stories opened and merged away. Needs the learned model (the
    rule never settles)."""
    if model is None:
        return 0
    unchanged = Unchanged()  # verdicts whose inputs no move has touched since: not computed again
    reads = StoredOnce(store)
    related: set[str] = set()  # small stories the batch found plausible: their lone reports get the last look too
    with Grouped(store) as grouped:
        def again(article_id: str) -> Verdict:
            verdict = grouped.run(lambda: settle_article(article_id, store, settings, model, unchanged=unchanged,
                                                         read=reads, changes=changes))
            related.update(verdict.related)
            return verdict

        def members(story_id: str) -> list[str]:
            return grouped.run(lambda: store.story_article_ids(story_id, limit=RELATED_SIZE))

        moved = settle_all(article_ids, again, members)
    moved += split_stories(article_ids, store, settings, model, changes=changes)
    return moved + settle_alone(article_ids, store, settings, model, related=sorted(related), read=reads,
                                changes=changes)


def settle_alone(article_ids: list[str], store: Store, settings: Settings, model: JoinModel, *,
                 related: list[str] | None = None, read: StoredOnce | None = None,
                 changes: StoryChanges | None = None) -> int:
    """Decide once more each article of the batch (in the order given), then each report of an earlier batch in
    a ``related`` story (one the batch's settling found plausible), that is alone in its story after settling and
    splitting: it joins the best story when that clears the bar now. Splitting makes stories settling never saw,
    and stories grow during settling after a lone report's verdict, so a report that opened a story of its own
    may find its event's story only now; the earlier batches' lone reports are why 10 batches gain as one batch
    does (issue 4, session 26; docs/benchmarks.md). No new threshold: the model's own bar. Verdicts kept by
    ``Unchanged`` are not reused, since splitting moves articles without recording it there. Returns how many
    moved."""
    with Grouped(store) as grouped:
        def alone(story_id: str) -> list[str]:
            lone = grouped.run(lambda: store.lone_report(store.resolve_story(story_id)))
            return [lone] if lone is not None else []

        def own_story(article_id: str) -> str | None:
            link = grouped.run(lambda: store.article_story(article_id))
            return link[0] if link and link[0] and link[1] is None else None  # a near-duplicate follows its original

        lone = dict.fromkeys(a for a in article_ids if (story := own_story(a)) and alone(story))
        lone.update(dict.fromkeys(m for story in related or () for m in alone(story)))  # (in order, each once)
        moved = 0
        for article_id in lone:
            if (story := own_story(article_id)) and alone(story):  # an earlier move may have joined it
                verdict = grouped.run(lambda: settle_article(article_id, store, settings, model, read=read,
                                                             changes=changes))
                moved += verdict.target != STAY
    return moved


def split_stories(article_ids: list[str], store: Store, settings: Settings, model: JoinModel, *,
                  changes: StoryChanges | None = None) -> int:
    """Split each story the batch's articles are in when its members tell two events (``stories.split``); returns
    how many articles moved to the new halves (each a story opened: ``changes``)."""
    with Grouped(store) as grouped:
        stories = {store.resolve_story(s[0]) for a in article_ids
                   if (s := grouped.run(lambda: store.article_story(a))) and s[0]}
        return sum(grouped.run(lambda: split_story(story_id, store, settings, model, changes=changes))
                   for story_id in sorted(stories))


def split_story(story_id: str, store: Store, settings: Settings, model: JoinModel, *,
                changes: StoryChanges | None = None) -> int:
    # sorted: the members' order seeds 2-means, and the store's order (second-resolution add times, then id)
    # would make the split depend on the clock; the replay in stories.train sorts the same way
    ids = sorted(store.story_article_ids(story_id, limit=SPLIT_MAX + 1))
    if not SPLIT_MIN <= len(ids) <= SPLIT_MAX:
        return 0
    stored = [store.get_article(a) for a in ids]
    members = [Member(s.annotations.terms, s.annotations.views, s.annotations.embedding, s.article.published)
               for s in stored]
    leaving = split_off(members, model, story_id, lambda m: store.candidate_stories(
        top_terms(m.terms, settings.index_terms), settings.candidate_stories), settings.centroid_terms)
    if leaving is None:
        return 0
    halves = (StoryCentroid(story_id, {}, 0, []),
              StoryCentroid(unused_story_id(store, f"{ids[0]}/split/{story_id}"), {}, 0, []))
    for s, out in zip(stored, leaving):
        halves[out].add_member(s.annotations.terms, s.annotations.views, keep=settings.centroid_terms,
                                       published=s.article.published, embedding=s.annotations.embedding,
                                       outlet=s.article.outlet)
    stay, new = halves
    stay_terms, new_terms = (top_terms(c.weights, settings.index_terms) for c in halves)
    for s, out in zip(stored, leaving):
        if out:
            store.move_article(s.article.id, new, stay, index_terms=new_terms, left_terms=stay_terms, updated=now())
    if changes is not None and any(leaving):
        changes.opened.add(new.story_id)
        changes.changed.update((stay.story_id, new.story_id))
    return sum(leaving)


SETTLE_READS = 4096  # articles and reduced stories StoredOnce keeps (bounded: a run's settling may span 100k articles)


class StoredOnce:
    """Stored articles as settling reads them, each decoded once while it stays among the ``SETTLE_READS`` most
    recently read: an article's text and annotations never change once stored, only its story and duplicate link,
    which are read each time (issue 4, round 5: settling decides an article four to five times on the scale
    stream, and decoding it was a tenth of a decision). A miss reads and computes anew, so the bound changes the
    cost, never a decision."""

    def __init__(self, store: Store, *, limit: int = SETTLE_READS):
        self.store = store
        self.limit = limit
        self.articles: OrderedDict[str, StoredArticle] = OrderedDict()  # most recently read last
        # article id -> (its story's version, that story without it): decided again against the same version of its
        # story, the article gets the very same reduced story, whose compact forms the comparisons still hold
        # (issue 4, round 5: coding the reduced story's maps anew was a fifth of the maps coded in settling)
        self.reduced: OrderedDict[str, tuple[tuple, StoryCentroid]] = OrderedDict()

    def without(self, article_id: str, story: StoryCentroid, member: Member) -> StoryCentroid:
        """``without_member(story, member)``, the same object while the story is the same version."""
        version = _version(story)
        kept = self.reduced.get(article_id)
        if kept is not None and len(kept[0]) == len(version) and all(map(_same, kept[0], version)):
            self.reduced.move_to_end(article_id)
            return kept[1]
        reduced = without_member(story, member)
        _keep(self.reduced, article_id, (version, reduced), self.limit)
        return reduced

    def get(self, article_id: str) -> StoredArticle | None:
        kept = self.articles.get(article_id)
        if kept is None:
            stored = self.store.get_article(article_id)
            if stored is not None:
                _keep(self.articles, article_id, stored, self.limit)
            return stored
        self.articles.move_to_end(article_id)
        place = self.store.article_story(article_id)
        return None if place is None else replace(kept, story_id=place[0], duplicate_of=place[1])


def _keep(cache: OrderedDict, key: str, value, limit: int) -> None:
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > limit:
        cache.popitem(last=False)


def _version(story: StoryCentroid) -> tuple:
    """What ``without_member`` and the decision read of a story: its maps and arrays by identity (replaced whenever
    the story changes, never changed in place), the rest by value, the outlet list too (the outlet prior reads it;
    ``relink_duplicates`` adds to it without changing the maps)."""
    return (story.story_id, story.weights, story.views, story.embedding, story.members, story.size, story.embedded,
            story.earliest, story.latest, tuple(story.outlets))


def _same(a, b) -> bool:
    """Maps and arrays by identity, anything else (None included) by value: an array against None is not the same."""
    if isinstance(a, (dict, np.ndarray)) or isinstance(b, (dict, np.ndarray)):
        return a is b
    return a == b


def settle_article(article_id: str, store: Store, settings: Settings, model: JoinModel, *,
                   unchanged: Unchanged | None = None, read: StoredOnce | None = None,
                   changes: StoryChanges | None = None) -> Verdict:
    """One article decided again; moved to the story the verdict names (recorded as a merge when that empties
    its story, so the old id keeps resolving). ``unchanged`` keeps what a verdict read and what a move changed: a
    verdict whose story and candidates are the same unchanged stories as last time is not computed again.
    ``read`` reads a stored article and takes it out of its story (``StoredOnce``; default: the store, anew)."""
    kept, found = unchanged.candidate(article_id) if unchanged is not None else None, None
    if kept is not None:
        terms, same = kept
        found = store.candidate_stories(terms, settings.candidate_stories)  # the same terms as below: reused there
        if (verdict := same([c.story_id for c in found])) is not None:
            return verdict
    stored = read.get(article_id) if read is not None else store.get_article(article_id)
    if stored is None or stored.duplicate_of is not None or not stored.annotations.terms:
        return Verdict(STAY, 0.0)
    ann = stored.annotations
    story = store.get_centroid(store.resolve_story(stored.story_id))
    if story is None:
        return Verdict(STAY, 0.0)
    member = Member(ann.terms, ann.views, ann.embedding, stored.article.published)
    reduced = read.without(article_id, story, member) if read is not None else without_member(story, member)
    terms = top_terms(ann.terms, settings.index_terms)
    if found is None:
        found = store.candidate_stories(terms, settings.candidate_stories)
    prior = outlet_prior(store, settings, stored.article.outlet, stored.article.published, exclude=article_id)
    factors = prior([*found, story]) if prior is not None else None
    verdict = reconsider(member, reduced, found, model, factors)
    if verdict.target == STAY:
        if unchanged is not None:
            unchanged.stayed(article_id, verdict, terms=terms, own=story.story_id, found=[c.story_id for c in found])
        return verdict
    into = (StoryCentroid(unused_story_id(store, f"{article_id}/left/{story.story_id}"), {}, 0, []) if verdict.target == NEW
            else store.get_centroid(verdict.target))
    into.add_member(ann.terms, ann.views, keep=settings.centroid_terms, published=stored.article.published,
                    embedding=ann.embedding, outlet=stored.article.outlet)
    index_terms = top_terms(into.weights, settings.index_terms)
    if unchanged is not None:
        unchanged.moved([story.story_id, into.story_id])
    if changes is not None:
        changes.changed.update((story.story_id, into.story_id))
        if verdict.target == NEW:
            changes.opened.add(into.story_id)
        if not reduced.size:  # its story is emptied: merged into the one it joins (its id resolves there)
            changes.removed.add(story.story_id)
    if reduced.size:
        store.move_article(article_id, into, reduced, index_terms=index_terms,
                           left_terms=top_terms(reduced.weights, settings.index_terms), updated=now())
    else:
        store.merge_stories(story.story_id, into, index_terms=index_terms, updated=now(),
                            score=round(verdict.score, 4))
    return verdict


def merge_if_one(centroid: StoryCentroid, store: Store, settings: Settings) -> str | None:
    """Merge the story with another that turns out to tell the same event; returns the id that went, if any."""
    hit = find_merge(centroid, store, candidates=settings.candidate_stories, index_terms=settings.index_terms)
    if hit is None:
        return None
    union, gone = merged_centroid(centroid, hit[0], keep=settings.centroid_terms)
    store.merge_stories(gone, union, index_terms=top_terms(union.weights, settings.index_terms), updated=now(),
                        score=round(hit[1], 4))
    return gone


def outlet_prior(store: Store, settings: Settings, outlet: str | None, published: str | None, *,
                 exclude: str | None = None) -> Callable[[list[StoryCentroid]], dict[str, float]] | None:
    """The outlet prior (issue 4: "two articles from one outlet on one day are rarely the same event unless one
    updates the other"): for candidate stories, ``settings.outlet_same_day`` by story id for each that already
    holds an original article of this outlet from the same day (``exclude``: the article being decided again). An
    update that is a near-duplicate is linked before any decision, so it is never held back by this. Asked of the
    store at decision time, so it holds through moves, merges and re-linked duplicates; a story's outlet list only
    says which candidates to ask. The day of two timestamps is their UTC day where they carry an offset; a
    date alone against a timestamp, the day the timestamp names in its own offset, as ``published_earlier`` reads
    it (``Store.stories_with_outlet_day``). None (no factor) without
    an outlet or a date, or with the factor at 1.0 or more (a date SQLite cannot read matches nothing). Not applied
    by merging (``find_merge`` joins stories on centroid cosine), splitting (halves built in memory) or the training
    replay (its items carry no outlet): on data with outlets and dates the replay's figures would not include it.
    The factor is a prior, not learned: no dev-set article has both an outlet and a date."""
    if not outlet or not published or settings.outlet_same_day >= 1.0:
        return None
    factor = settings.outlet_same_day

    def factors(stories: list[StoryCentroid]) -> dict[str, float]:
        # only the stories listing the outlet are asked: a story's list holds the outlet of every original it holds
        # (members add theirs, merges join the lists, a move leaves the list it left, a copy made the original
        # adds its own: ``Store.relink_duplicates``), so the rest hold none. At 1M articles the query over all
        # thirty candidates cost ~1 ms an article, most of it reading index pages (issue 4, session 15)
        ids = [s.story_id for s in stories if outlet in s.outlets]
        return dict.fromkeys(store.stories_with_outlet_day(ids, outlet, published, exclude=exclude), factor)

    return factors


def published_earlier(a: Article, b: Article) -> bool:
    """Whether ``a`` was published before ``b`` (both dated), at the precision both give (``clock.order_key``, as
    facts orders reports): two times as moments; a date alone against a time, by the date the time names in its own
    offset ("2026-03-10T23:30:00-05:00" is before "2026-03-11", and the same day is no order)."""
    at_a, at_b = instant(a.published), instant(b.published)
    if at_a is None or at_b is None:
        return False
    key_a, key_b = order_key([at_a, at_b])
    return key_a < key_b


def _as_utc(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        return parsed
    try:
        return parsed.astimezone(timezone.utc).replace(tzinfo=None)
    except OverflowError:  # a stored time at the calendar's end or start whose offset carries it past it
        return datetime.max if parsed.year > 1 else datetime.min


def new_story_id(first_article_id: str) -> str:
    return "s" + hashlib.sha1(first_article_id.encode()).hexdigest()[:10]


def unused_story_id(store: Store, seed: str) -> str:
    """A story id derived from ``seed`` that no story has had: an article can leave the same story for a story
    of its own twice (settling looks at it again in a later batch), and the first such story may since have been
    merged away; its id then resolves to the survivor, so it must not name a live story again. Deterministic:
    the same history gives the same ids."""
    candidate, n = new_story_id(seed), 0
    while store.get_centroid(candidate) is not None or store.resolve_story(candidate) != candidate:
        n += 1
        candidate = new_story_id(f"{seed}#{n}")
    return candidate


def consolidate_stale(store: Store, settings: Settings, *, progress: Callable[[int], None] | None = None,
                      failed: list[InputError] | None = None) -> int:
    """Rebuild the brief of every story flagged stale; returns how many. A brief that cannot be built (a bug met by
    one story's text) stops neither the others nor the ingest that stored the articles: it is said in ``failed``
    (else logged), naming the story and why, and the story keeps its earlier brief and stays flagged, so the next
    ingest or ``storyline refresh`` (after an upgrade) builds it."""
    built = 0
    for story_id in store.stale_stories():
        members = store.story_articles(story_id)
        if members:  # none: another writer merged the story away since the listing (its survivor is stale)
            try:
                brief = build_brief(members, settings, paraphrase=claim_encoder(settings))
            except Exception as exc:  # noqa: BLE001 (one story's bug must not cost the batch its briefs)
                problem = InputError(f"story {story_id}", f"brief not built ({type(exc).__name__}: {exc}); it keeps "
                                     "its earlier brief and is built again by the next ingest or `storyline refresh`")
                if failed is None:
                    log.warning("%s", problem)
                else:
                    failed.append(problem)
                if progress:
                    progress(1)
                continue
            with store.transaction():  # stays stale if another writer changed its members while it was built
                store.save_brief(story_id, brief, members=[(m.article.id, m.duplicate_of) for m in members])
            built += 1
        if progress:
            progress(1)
    return built


@dataclass
class RefreshReport:
    # near-duplicate links undone: copies that change a figure or a date of their original, or no near-copies of it
    unlinked: int = 0
    reports: int = 0  # of those, now reports of their own (the others copy one of them: ``refresh_links``)
    moved: int = 0  # copies of an earlier version linked to it (an older storyline linked them to the version in place)
    versions_unlinked: int = 0  # version links undone: a text stored in the place of one it does not nearly copy
    versions_linked: int = 0  # later texts an older storyline stored as reports of their own, now versions in place
    stories_relinked: int = 0
    rebuilt: int = 0  # briefs rebuilt
    reread: int = 0  # articles read again by the current enrichment (``--enrich``)
    problems: list[InputError] = field(default_factory=list)  # articles that could not be read again (kept as they were)
    unbuilt: list[InputError] = field(default_factory=list)  # stories whose brief could not be built (still stale)


Progress = Callable[[str, int | None], Callable[[int], None]]  # (what, how many) -> advance by n


def refresh(store: Store, settings: Settings, *, rebuild_all: bool = False, enrich: bool = False,
            progress: Progress | None = None, enricher: Enricher | None = None) -> RefreshReport:
    """Bring a store an older storyline wrote up to date: with ``enrich``, the articles an older enrichment read read
    again (``reread``); every near-duplicate link re-checked with the current rule (``refresh_links``, one story per
    transaction), then the briefs made by an older consolidation than ``BRIEF_VERSION`` (``rebuild_all``: every
    brief) flagged stale, and every stale story's brief rebuilt (``consolidate_stale``). Safe to interrupt: what is
    done is whole, and the next run (or ingest) goes on."""
    report = RefreshReport()
    if enrich:
        outdated = store.outdated_articles(ENRICH_VERSION)
        advance = progress("reading articles again", len(outdated)) if progress and outdated else None
        report.reread, report.problems = reread([a for a, _ in outdated], store, settings, enricher=enricher,
                                                progress=advance)
    links = store.duplicate_links()
    advance = progress("checking near-duplicates", len(links)) if progress and links else None
    per_story: dict[str, int] = {}
    for _, _, story_id in links:
        per_story[story_id] = per_story.get(story_id, 0) + 1
    for story_id, n in per_story.items():
        unlinked, reports, moved, versions = refresh_links(story_id, store, settings)
        report.unlinked += unlinked
        report.reports += reports
        report.moved += moved
        report.versions_unlinked += versions
        report.stories_relinked += unlinked > 0
        if advance:
            advance(n)
    report.versions_linked = link_corrections(store, settings)
    store.mark_stale(older_than=None if rebuild_all else BRIEF_VERSION)
    stale = len(store.stale_stories())
    advance = progress("rebuilding briefs", stale) if progress and stale else None
    report.rebuilt = consolidate_stale(store, settings, progress=advance, failed=report.unbuilt)
    return report


def reread(article_ids: list[str], store: Store, settings: Settings, *, enricher: Enricher | None = None,
           progress: Callable[[int], None] | None = None) -> tuple[int, list[InputError]]:
    """The articles read again by the current enrichment, ``ENRICH_CHUNK`` a transaction: their language labelled
    again, what it reads for the brief (sentence spans, entity mentions, quotes, time expressions) replaces what an
    older one stored, and their stories are flagged stale. What story detection decided with (terms, views, the
    embedding) is kept: the articles stay in their stories, and no embedding is computed. Returns (articles read
    again, the problems of those that could not be: they keep what they had, and the next run tries them again)."""
    enricher = enricher or Enricher.from_settings(replace(settings, embeddings="off"))
    done, problems = 0, []
    for start in range(0, len(article_ids), ENRICH_CHUNK):
        stored = [s for a in article_ids[start:start + ENRICH_CHUNK] if (s := store.get_article(a)) is not None]
        for s in stored:  # labelled again too: what the readers read depends on it (``languages.read_in_english``)
            s.article = replace(s.article, language=detect_language(s.article.text, s.article.title))
        try:
            fresh = list(enricher.enrich([s.article for s in stored]))
        except MemoryError:
            raise
        except Exception:  # noqa: BLE001 - one article's failure costs that article only
            fresh = [_enrich_alone(enricher, s.article) for s in stored]
        read = []
        for old, new in zip(stored, fresh):
            if isinstance(new, InputError):  # (its reason names the article)
                problems.append(InputError(old.article.id, f"not read again, kept as it was: {new.reason}"))
                continue
            read.append((old.article.id, old.article.language,
                         replace(old.annotations, sentences=new.annotations.sentences,
                                 mentions=new.annotations.mentions, quotes=new.annotations.quotes,
                                 times=new.annotations.times, version=new.annotations.version)))
        if read:
            store.reread_articles(read)
        done += len(read)
        if progress:
            progress(len(stored))
    return done, problems


def refresh_links(story_id: str, store: Store, settings: Settings) -> tuple[int, int, int, int]:
    """The story's near-duplicate links checked again with ``store_article``'s rule, in one transaction: each version
    link first (``_unrelated_versions``: an older storyline stored any new text under a link in the place of the text
    before it, and the page showed other news as a correction of the first report); then a copy that
    changes a figure or a date of its original (``figures_changed``; a copy of the same text never does), or nearly
    copies neither it nor any of its earlier versions (``_no_near_copy``: a link set between two different reports),
    and of each of its earlier versions (another outlet's copy of the text the outlet corrected since), is no longer its copy;
    one that copies an earlier version is linked to it (``_copied_version``: an older storyline linked it to the
    version in its place). Those set free are taken earliest published first, as ingest would have linked them:
    each is a copy of an earlier one it nearly copies (``settings.duplicate_jaccard``) without changing a figure,
    else a report of its own, which joins the story's sums (it stays in its story) and is counted among its
    sources; the story is flagged stale. Returns (links undone, reports of their own, copies moved to the earlier
    version they copy, version links undone)."""
    with store.transaction():  # read and written in the writers' turn: another writer cannot change it in between
        story_id = store.resolve_story(story_id)
        members = store.story_members(story_id)
        place = {a: n for n, (a, _) in enumerate(members)}
        read: dict[str, StoredArticle | None] = {}

        def get(article_id: str) -> StoredArticle | None:
            if article_id not in read:
                read[article_id] = store.get_article(article_id)
            return read[article_id]

        versions, counted = _unrelated_versions(members, get, store, settings)
        for article_id, latest in versions.items():  # read from here on as relinked
            read[article_id] = replace(get(article_id), duplicate_of=latest)
        members = [(a, versions.get(a, original)) for a, original in members]
        freed, moved = [], {}
        for copy, original in members:
            if original is None or original not in place:
                continue
            chain = earlier_versions(original, get)  # (walked once: whether it holds the copy, then its versions)
            if store.text_hash_of(copy) == store.text_hash_of(original) or any(e.article.id == copy for e in chain):
                continue  # an earlier version changes a figure of the later one by right: the outlet corrected it
            texts = [get(original), *chain]  # a copy nearly copies one of them, else the link is undone
            copied = None if _no_near_copy(copy, texts, store, settings) else _copied_version(get(copy), texts, store)
            if copied is None:
                freed.append(copy)
            elif copied != original:  # another outlet's copy of an earlier version, as an older storyline linked it
                moved[copy] = copied
        if not freed and not moved and not versions:
            return 0, 0, 0, 0
        freed.sort(key=lambda a: (_date_key(get(a).article.published), place[a]))
        links: dict[str, str | None] = {**versions, **moved}
        own: list[tuple[str, np.ndarray]] = []
        for a in freed:
            signature = _signature_of(a, store)
            links[a] = next((o for o, theirs in own if _similarity(signature, theirs) >= settings.duplicate_jaccard
                             and not figures_changed(get(a).article.text, get(o).article.text)), None)
            if links[a] is None:
                own.append((a, signature))
        story = store.get_centroid(story_id)
        for a in [*counted, *(a for a, _ in own)]:
            stored = get(a)
            story.add_member(stored.annotations.terms, stored.annotations.views, keep=settings.centroid_terms,
                             published=stored.article.published, embedding=stored.annotations.embedding,
                             outlet=stored.article.outlet)
        store.relink_copies(links, story, index_terms=top_terms(story.weights, settings.index_terms), updated=now())
        return len(freed), len(own), len(moved), sum(latest is None for latest in versions.values())


def link_corrections(store: Store, settings: Settings) -> int:
    """Link each later text of a page or feed item that an older storyline stored as a report of its own (before
    ``corrects``: a short report corrected in a figure or two is no near-copy) as ingest links it today
    (``_in_place_of``): a near-copy of the text it revises, or that text corrected (``corrects``), is stored in its
    place, the earlier text and its earlier versions linked to it, and the story flagged stale; so the brief reads
    the outlet's current report and no longer puts the outlet in conflict with itself. One story per transaction,
    in the order the texts were stored (a correction of a correction is linked after the first). A text in another
    story than the one it revises is left as it is (nothing moves between stories here). The story's sums keep
    both texts: the same report's words, which an older storyline counted when it stored them. Returns how many
    were linked."""
    linked = 0
    for later, earlier, story_id in store.plain_version_links():
        with store.transaction():  # read again in the writers' turn: an earlier link may have changed it
            if store.article_links(later) != (story_id, None, earlier) or store.latest_version(earlier) != earlier:
                continue
            previous = store.get_article(earlier)
            if previous is None or previous.story_id != story_id or previous.duplicate_of is not None:
                continue
            current = store.get_article(later)
            if not is_near_copy(_signature_of(later, store), earlier, store, settings) \
                    and not corrects(current.article, previous.article):
                continue
            chain = earlier_versions(earlier, lambda a: previous if a == earlier else store.get_article(a))
            store.relink_duplicates(earlier, later, copies=[e.article.id for e in chain])
            story = store.get_centroid(story_id)
            store.save_centroid(story, index_terms=top_terms(story.weights, settings.index_terms), updated=now())
            linked += 1
    return linked


def _unrelated_versions(members: list[tuple[str, str | None]], get: Callable[[str], StoredArticle | None],
                        store: Store, settings: Settings) -> tuple[dict[str, str | None], list[str]]:
    """The version links of a story's articles (``members``: (id, duplicate_of)) that ``_in_place_of`` would not
    make today: a later text stored in the place of one it neither nearly copies (``settings.duplicate_jaccard``)
    nor ``corrects``, as the first versions stored any text read again under a link (a "/latest" page's other
    news). At each such link the chain is cut: the older text is the report in its place again, and the versions before it, as far as
    they nearly copy each other, are linked to it; the later text keeps its ``revises`` as a plain link. A copy
    linked to the latest text that does not nearly copy it (moved there with the versions) goes back to the report
    in the place of the version it copies most. Returns (each article relinked -> the article it is now linked to,
    None for a report of its own; the later texts of the links undone, which join the story's sums as reports: a
    version stored in place never joined them, while the chain's first text did when it was stored)."""
    relinked: dict[str, str | None] = {}
    counted: list[str] = []
    signatures: dict[str, np.ndarray] = {}

    def signature(article_id: str) -> np.ndarray:
        if article_id not in signatures:
            signatures[article_id] = _signature_of(article_id, store)
        return signatures[article_id]

    def unrelated(a: str, b: str) -> bool:
        # signatures that cannot be compared (another MinHash width) say nothing: the link stays as it is
        first, second = signature(a), signature(b)
        return len(first) == len(second) > 0 and jaccard(first, second) < settings.duplicate_jaccard

    def corrected(later: str, earlier: str) -> bool:  # the outlet's report corrected, as _in_place_of links it
        first = get(later)
        second = get(earlier)
        return first is not None and second is not None and corrects(first.article, second.article)

    for latest, copy_of in members:
        if copy_of is not None or (links := store.article_links(latest)) is None or links[2] is None:
            continue
        head = newer = latest
        cut_off: dict[str, str] = {}  # each version no longer in the latest's place -> the report in its place now
        for older in (e.article.id for e in earlier_versions(latest, get)):
            if unrelated(newer, older) and not corrected(newer, older):
                counted.append(head)
                head, relinked[older] = older, None
            elif head != latest:
                relinked[older] = head
            if head != latest:
                cut_off[older] = head
            newer = older
        if not cut_off:
            continue
        for copy in (a for a, original in members if original == latest and a not in cut_off):
            if unrelated(copy, latest):
                closest = max(cut_off, key=lambda v: _similarity(signature(copy), signature(v)))
                if _similarity(signature(copy), signature(closest)) >= settings.duplicate_jaccard:
                    relinked[copy] = cut_off[closest]
    return relinked, counted


def _no_near_copy(copy: str, versions: list[StoredArticle], store: Store, settings: Settings) -> bool:
    """Whether the article ``copy`` nearly copies none of ``versions`` (the text it is linked to, then its earlier
    versions) as ``store_article`` judges a near-duplicate (``settings.duplicate_jaccard``): a link an older
    storyline, or a hand, set between two different reports. Signatures that cannot be compared (another MinHash
    width) say nothing: the link stays."""
    mine = _signature_of(copy, store)
    theirs = [_signature_of(v.article.id, store) for v in versions]
    if not len(mine) or any(len(t) != len(mine) for t in theirs):
        return False
    return all(jaccard(mine, t) < settings.duplicate_jaccard for t in theirs)


def _copied_version(copy: StoredArticle, versions: list[StoredArticle], store: Store) -> str | None:
    """Of an article's ``versions`` (the one in place, then its earlier versions), the one ``copy`` copies, as
    ``store_article`` links a copy (``_copied_report``): the one of its text, else the closest (MinHash) whose figures
    and dates it gives, the one in place on a tie; None when it changes a figure of each (a report of its own)."""
    kept = [v for v in versions if not figures_changed(copy.article.text, v.article.text)]
    digest = text_hash(copy.article.text)
    same = next((v for v in kept if text_hash(v.article.text) == digest), None)
    if same is not None:
        return same.article.id
    if len(kept) < 2:
        return kept[0].article.id if kept else None
    signature = _signature_of(copy.article.id, store)
    return max(kept, key=lambda v: _similarity(signature, _signature_of(v.article.id, store))).article.id


def _signature_of(article_id: str, store: Store) -> np.ndarray:
    return np.frombuffer(store.article_signature(article_id) or b"", dtype=np.uint64)


def _similarity(a: np.ndarray, b: np.ndarray) -> float:
    return jaccard(a, b) if len(a) == len(b) and len(a) else 0.0


def earlier_versions(original: str, get: Callable[[str], StoredArticle | None]) -> list[StoredArticle]:
    """The earlier versions the article ``original`` stands in for, latest first (``revisions.version_chain``)."""
    read: dict[str, StoredArticle | None] = {}

    def links(article_id: str) -> tuple[str | None, str | None] | None:
        stored = read[article_id] = get(article_id)
        return None if stored is None else (stored.duplicate_of, stored.article.revises)

    return [read[a] for a in version_chain(original, links)]


def _date_key(published: str | None) -> datetime:
    try:
        return _as_utc(published) if published else datetime.max
    except ValueError:
        return datetime.max


def ingest(paths: Iterable[str], store: Store | None, settings: Settings, *, enricher: Enricher | None = None,
           consolidate: bool = True, progress: Callable[[int], None] | None = None,
           fetcher: Fetcher | None = None, allow_private: bool = False,
           make_store: Callable[[], Store] | None = None) -> IngestReport:
    """Ingest files, directories, URLs, feeds, OPML lists and WARC files (see ``ingest.sources``).

    Web pages already stored (by canonical URL) are not fetched again, but for a URL given in ``paths`` (read again,
    with the validators its last fetch gave: other text is a later version, a 304 counts as ``unchanged``) and a
    changed feed item's. Feeds are read as ``watch`` reads them, and their state saved as it saves it.
    ``allow_private`` only applies to the fetcher made here when none is given. ``store`` None: a store not made
    yet, made by ``make_store`` when the first article is read, so that a batch whose every input fails makes no
    store (nothing in it would be the user's: only the failures).
    """
    report = IngestReport()
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings, allow_private=allow_private)
    try:
        known = _stores_nothing if store is None else store.has_article
        revalidation = Revalidation(kept=_nothing_kept if store is None else store.page_validators)
        ledger = FeedLedger(stored=(lambda _key: None) if store is None else
                            (lambda key: stored_feed_state(key, store, report)))
        raws = iter_inputs(paths, settings, fetcher=fetcher, known=known, revalidation=revalidation, ledger=ledger)
        articles = extract_all(raws, settings, report)
        if store is None:
            first = next(articles, None)
            if first is None:
                return report
            store, articles = make_store(), chain([first], articles)
        ingest_articles(articles, store, settings, report=report, enricher=enricher, progress=progress)
        # what a watch keeps, once the items and pages are stored: a crash before leaves the feeds and pages to be
        # read whole again, never a 304 for text not stored
        save_validators(revalidation, report.problems, store)
        for read in ledger.read:
            with store.transaction():
                store.save_feed_state(_after_items(read.given, read.before, read.polled, read.feed, report.problems,
                                                   report, deferred=read.broken, unread=read.unread,
                                                   retried=read.retried))
        _finish(report, store, settings, consolidate)
    except StoreError as exc:
        exc.report = report  # what was done before it (articles added, inputs skipped): the caller shows it
        raise
    finally:
        if own:
            fetcher.close()
    return report


def _stores_nothing(_: str) -> bool:
    return False  # a store not made yet holds no article


def _nothing_kept(_: str) -> None:
    return None  # nor any page's validators


def save_validators(revalidation: Revalidation, problems: list[InputError], store: Store) -> None:
    """The validators of the pages fetched, but of those whose text was not stored (a problem names the page):
    sent again, they would make the page's next fetch a 304, and the page would never be read."""
    failed = {p.source for p in problems}
    found = [v for source, v in revalidation.fetched.items() if source not in failed]
    if found:
        store.save_page_validators(found)
    revalidation.fetched.clear()


def _finish(report: IngestReport, store: Store, settings: Settings, consolidate: bool) -> None:
    if consolidate:
        # another writer's stale stories too: every brief stays current
        consolidate_stale(store, settings, failed=report.warnings)
        report.stories_updated = stories_updated(report, store)
    report.outdated_briefs = store.outdated_briefs()
    for problem in report.problems:
        with store.transaction():
            store.record_failure(problem.source, problem.reason)


MAX_WATCHED_FEEDS = 1000  # an OPML list cannot make one poll unbounded


def settings_for_store(settings: Settings, store: Store) -> Settings:
    """``embedding_model = auto`` made definite for this store: the encoder whose vectors it already holds (so a
    store begun under an earlier default goes on with that encoder and its join model), else the default. Call it
    before building an Enricher for the store; other settings pass unchanged."""
    if (settings.embedding_model or AUTO).lower() != AUTO:
        return settings
    held = store.embedding_model()
    return replace(settings, embedding_model=(encoder_named(held) if held else None) or DEFAULT_ENCODER)


FeedProgress = Callable[[str, int, int], None]  # (feed, items done, items in it): told as a watcher reads a feed


def watch_once(sources: Iterable[str], store: Store, settings: Settings, *, fetcher: Fetcher,
               enricher: Enricher | None = None, feeds: FeedParser | None = None,
               progress: FeedProgress | None = None, warned_ids: set[tuple[str, str]] | None = None) -> IngestReport:
    """One poll of every feed (OPML lists expanded): new items are ingested, each feed's validators saved.

    A feed's ETag / Last-Modified are saved only after its new items are stored, so a crash mid-poll
    makes the next poll read that feed again instead of losing items. A feed that is down, malformed or
    slow (each fetch and parse is time-boxed) is reported and remembered with its error; the others go on.
    A watcher passes the same ``feeds`` parser to every poll; without one, this poll makes its own. A feed's
    items are read for ``watch_feed_seconds`` at most; the rest are left for the next poll (see ``_after_items``).
    A watcher passes one ``warned_ids`` set to every poll too: an item skipped for its id is warned of once
    (``ingest_articles``).
    """
    if feeds is None:
        with FeedParser.from_settings(settings) as own:
            return watch_once(sources, store, settings, fetcher=fetcher, enricher=enricher, feeds=own,
                              progress=progress, warned_ids=warned_ids)
    report = IngestReport()
    try:
        _poll_every(sources, store, settings, fetcher=fetcher, enricher=enricher, feeds=feeds, report=report,
                    progress=progress, warned_ids=set() if warned_ids is None else warned_ids)
    except StoreError as exc:
        exc.report = report  # what the poll did before it: the caller shows it
        raise
    return report


def _poll_every(sources: Iterable[str], store: Store, settings: Settings, *, fetcher: Fetcher,
                enricher: Enricher | None, feeds: FeedParser, report: IngestReport,
                progress: FeedProgress | None = None, warned_ids: set[tuple[str, str]] | None = None) -> None:
    settings = settings_for_store(settings, store)
    enricher = enricher or Enricher.from_settings(settings)  # loaded once
    queue, seen = list(sources), set()
    while queue and len(seen) < MAX_WATCHED_FEEDS:
        given = queue.pop(0)
        try:
            key = source_key(given)
        except InputError as exc:
            report.problems.append(exc)
            continue
        if key in seen:
            continue
        seen.add(key)
        state = stored_feed_state(key, store, report) or FeedState(url=key)
        try:
            poll = poll_source(given, fetcher, settings, state, feeds=feeds)
        except InputError as exc:
            report.problems.append(exc)
            with store.transaction():
                store.save_feed_state(replace(state, checked=now(), error=exc.reason))
            continue
        except Exception as exc:  # a parser bug in one feed must not stop the others
            report.problems.append(InputError(given, f"feed could not be read: {exc!r}"))
            continue
        report.problems.extend(p for p in poll.problems if not isinstance(p, InputWarning))
        report.warnings.extend(p for p in poll.problems if isinstance(p, InputWarning))
        queue.extend(poll.listed)
        saved = poll.state
        if poll.feed is not None:
            # given-up items are not fetched again while the feed lists them (a feed without validators is read
            # whole every poll, and would otherwise retry them forever)
            feed = items_to_read(poll.feed, state)
            told = (lambda done, key=key, total=len(feed.items): progress(key, done, total)) if progress else None
            revalidation = Revalidation(kept=store.page_validators)
            raws = item_documents(feed, fetcher, settings, known=store.has_article, fetched=poll.fetched,
                                  deadline=time.monotonic() + settings.watch_feed_seconds, progress=told,
                                  seen=state.seen, revalidation=revalidation)
            before, warned = len(report.problems), len(report.warnings)
            try:
                ingest_articles(extract_all(raws, settings, report), store, settings, report=report,
                                enricher=enricher, warned_ids=warned_ids)
            except StoreError:  # not this feed's fault: the next feeds would wait for the store in turn
                raise
            except Exception as exc:  # a watcher outlives a bug on one feed; its state is not saved, so
                report.problems.append(InputError(given, f"ingesting its items failed: {exc!r}"))  # it is retried
                continue
            save_validators(revalidation, report.problems[before:], store)
            if told:
                told(len(feed.items))
            # the items left unread when the feed's time ran out
            deferrals = [w for w in report.warnings[warned:] if isinstance(w, Deferred)]
            unread = {link for w in deferrals for link in w.links}
            saved = _after_items(given, state, poll.state, poll.feed, report.problems[before:], report,
                                 deferred=bool(deferrals), unread=unread)
        with store.transaction():
            store.save_feed_state(saved)
    _finish(report, store, settings, True)


def stored_feed_state(key: str, store: Store, report: IngestReport) -> FeedState | None:
    """The feed's state as the store keeps it (None: never read); a row whose item maps could not be read is read
    as empty and said in a warning naming the feed, so one damaged row never stops a watch."""
    state = store.feed_state(key)
    if state is not None and state.unreadable:
        report.warnings.append(InputWarning(key, f"the store's state of this feed is damaged: {state.unreadable}"))
    return state


def _after_items(given: str, before: FeedState, polled: FeedState, feed: ParsedFeed,
                 problems: list[InputError], report: IngestReport, *, deferred: bool = False,
                 unread: set[str] | frozenset[str] = frozenset(),
                 retried: set[str] | frozenset[str] = frozenset()) -> FeedState:
    """The feed's state to save once its items are ingested. Validators were once saved whatever became of the
    items, so an item whose page fetch failed (a 503 for a minute) was never read again: the feed answered 304
    from then on. Now, while an item's fetch failed for a reason that may pass (``fetch.Transient``), the new
    validators are not saved (the old ones are kept): the next poll reads the feed whole again, which gives the
    item its title, date and authors as the first read did, and skips the items stored meanwhile without a fetch.
    Each such item is counted (``FeedState.retries``) and given up after ``RETRY_POLLS`` polls, with a warning;
    a final failure (404, not an article, robots.txt disallows) is reported once and given up at once. A given-up
    item is not fetched again while the feed lists it (it drops out of the state when the feed drops it). Items left
    unread when the feed's time ran out (``deferred``; their links ``unread``) keep the old validators back too,
    without counting, and their old fingerprints (``_fingerprints``); so do those of a read that stopped partway
    (``deferred``, an ``ingest`` whose feed broke). A given-up item read again (``retried``: an ``ingest`` the user
    asked for) that did not fail is no longer given up. Remembering
    failed item URLs and fetching them on a 304 instead would need the items' metadata stored beside them."""
    listed = {i.link for i in feed.items if i.link}
    failed = {p.source for p in problems if isinstance(p, Transient)} & listed
    final = {p.source for p in problems if not isinstance(p, (Transient, InputWarning))} & listed - failed
    # an item left unread keeps its count: its fetch failed last time, and the next poll fetches it after the others
    # again (``_poll_every``), as it would be given up at the count
    retries = {url: n for url, n in before.retries.items()
               if url in listed and (url in failed or url in unread or (n >= RETRY_POLLS and url not in retried))}
    retries.update(dict.fromkeys(final, RETRY_POLLS))  # given up at once: the feed may be read again for another
    for url in sorted(failed):
        retries[url] = before.retries.get(url, 0) + 1
        if retries[url] >= RETRY_POLLS:
            report.warnings.append(InputWarning(url, f"given up after {RETRY_POLLS} polls that failed to fetch it; "
                                                     f"not fetched again while {given} lists it"))
    state = replace(polled, retries=retries, seen=_fingerprints(before, feed, failed, unread=unread))
    # tried again next poll, or items left unread when the feed's time ran out: the feed must be read again
    if deferred or any(retries[url] < RETRY_POLLS for url in failed):
        state = replace(state, etag=before.etag, last_modified=before.last_modified, validated_at=before.validated_at)
    return state


def _fingerprints(before: FeedState, feed: ParsedFeed, failed: set[str], *,
                  unread: set[str] | frozenset[str] = frozenset()) -> dict[str, str]:
    """The items' fingerprints to remember (``FeedState.seen``): the listed items as read now, but an item whose
    fetch failed, or one left unread when the feed's time ran out (``unread``), keeps the one remembered before, so
    that a changed item not read yet is still seen as changed at the next poll (its page fetched then). An item
    read this poll takes its new one even when others were left unread: keeping every old one then (as until
    session 24's review) fetched a changed item's page again at each poll while the feed kept running out of
    time, and those fetches used up its time in turn."""
    kept = (failed | set(unread)) & set(before.seen)
    return {i.link: before.seen[i.link] if i.link in kept else i.fingerprint for i in feed.items if i.link}


# why an article is not stored under an id of other text, and what the user can do, by where the id comes from
GIVEN_ID = ("an article of other text is stored under this id (the stored one is kept; to add this one, give it an "
            "id of its own)")
FILE_ID = ("an article of other text is stored under this id, which comes from the file's path (the stored one is "
           "kept; to add this one, give its file another name)")
FEED_ITEM_ID = ("an article of other text is stored under this id, which comes from the feed and the item's guid, "
                "the item having no link (the stored one is kept; a feed item with a link would be stored as a "
                "later version)")


def ingest_articles(articles: Iterable[Article], store: Store, settings: Settings, *, report: IngestReport,
                    enricher: Enricher | None = None, progress: Callable[[int], None] | None = None,
                    warned_ids: set[tuple[str, str]] | None = None) -> None:
    """Enrich and store articles in chunks; articles already stored are skipped before the costly NLP.

    ``warned_ids``: a watcher's feed items (article id, text hash) already told as taken, by any poll of the process:
    counted again, not warned again (each poll reads an item that does not change the same)."""
    settings = settings_for_store(settings, store)
    enricher = enricher or Enricher.from_settings(settings)
    if getattr(enricher, "embedder", None) is not None:  # before any work: one store, one encoder's vectors
        store.claim_embedding_model(enricher.embedder.model_id)
    model = join_decider(settings.join_model, settings.embedding_model, settings.join_decision)
    chunk: list[Article] = []
    pending: list[EnrichedArticle] = []  # enriched, not yet stored: decided in an order of their own
    seen: dict[str, str] = {}  # article id -> its text hash: a second record under a taken id is named
    decided: list[str] = []  # articles given a story in this batch (not duplicates): settled at the end
    changes = StoryChanges()  # the stories the batch opens and merges away: counted at the end

    def enrich() -> None:
        done = len(pending)
        try:
            pending.extend(enricher.enrich(chunk))
        except BaseException as exc:
            # one article's failure costs that article only: the rest of the chunk is enriched one at a time; an
            # interruption, memory running out, or every article failing (the encoder gone, not an article) stops
            # the batch, after what is enriched already is stored: it costs its chunk, not the held window
            failures = enrich_each(done) if isinstance(exc, Exception) and not isinstance(exc, MemoryError) \
                else None
            if failures is None or len(failures) == len(chunk) > 1:
                if pending:
                    flush()
                raise
            report.problems.extend(failures)
        if progress:  # counted when enriched (the costly step), not when stored: a window is stored at once
            progress(len(chunk))
        chunk.clear()
        if len(pending) >= ORDER_WINDOW:
            flush()

    def enrich_each(done: int) -> list[InputError]:
        """The chunk's articles not enriched yet (not in ``pending[done:]``), each on its own; their problems."""
        enriched = {e.article.id for e in pending[done:]}
        failures = []
        for article in (a for a in chunk if a.id not in enriched):
            alone = _enrich_alone(enricher, article)
            if isinstance(alone, InputError):
                failures.append(alone)
            else:
                pending.append(alone)
        return failures

    def id_taken(article: Article, digest: str, why: str) -> None:
        """Not stored: its id is another article's (not "already stored", which it is not)."""
        report.id_taken += 1
        told(article, digest, f"skipped the article with id {article.id!r}: {why}")

    def told(article: Article, digest: str, warning: str) -> None:
        """A warning of a record whose text hash is ``digest``, given once per watcher (``warned_ids``): each poll
        reads the item the same."""
        if warned_ids is not None:
            if (key := (article.id, digest)) in warned_ids:
                return
            warned_ids.add(key)
        report.warnings.append(InputWarning(article.source, warning))

    def taken_why(article: Article) -> str:
        if article.id in seen:
            return "an earlier record of this batch took the id, with other text"
        if warned_ids is not None:  # a watcher reads feeds only: an item whose id is not its link's (``new_version``)
            return FEED_ITEM_ID
        return FILE_ID if article.id == path_article_id(article.source) else GIVEN_ID

    def flush() -> None:
        enriched = in_decision_order(pending)
        pending.clear()
        outcomes = store_batch(enriched, store, settings, model=model, changes=changes, later=later_texts)
        for e in enriched:
            later_texts.pop(e.article.id, None)
        for e, outcome in zip(enriched, outcomes):
            if outcome in ("added", "new_story"):
                decided.append(e.article.id)
            if isinstance(outcome, InputError):
                report.problems.append(outcome)
            elif outcome == "exists":
                report.already_stored += 1
            elif outcome == "taken":
                id_taken(e.article, seen[e.article.id],
                         "an article of other text was stored under this id meanwhile (another writer)")
            else:
                report.added.append(e.article.id)
                report.duplicates += outcome == "duplicate"
                report.versions += outcome == "version"

    def take(article: Article) -> None:
        article = stored_spelling(article, store)
        read_ids.add(article.id)
        if article.revises is not None and (article := checked_link(article)) is None:
            return  # the version it corrects is in this batch: stored after it, in a second pass
        digest = text_hash(article.text)
        held = seen.get(article.id) or store.text_hash_of(article.id)
        if held is not None and held != digest and (version := new_version(article, digest)) is not None and \
                (article.id in seen or same_page(store.article_url(article.id), article.url)):
            # (an id storyline made of a URL may be held by another page's article, given that id by its record or
            # an export: it is taken, not corrected)
            if article.id in seen:  # the version it corrects is in this batch: stored after it, in a second pass
                made_versions.add(version.id)
                later.append(version)
                return
            article, held = version, seen.get(version.id) or store.text_hash_of(version.id)
        if held is None and article.revises is None and article.url and article.outlet:
            if (article.outlet, url_article_id_or_none(article.url)) in pages and article.id not in deferred:
                deferred.add(article.id)  # the page's other record of this batch is stored first, then compared
                later.append(article)
                return
            if (earlier := earlier_at_page(article, store, settings)) is not None:
                article = replace(article, revises=earlier)  # the page's record stored under its own id
        if held is None and article.revises is not None:
            read = later_text(article, store)
            if no_new_report(article, read, store, settings):
                held = digest  # the page's changing furniture ("updated 3 minutes ago"): stored already
            else:
                later_texts[article.id] = read  # handed on to store_article
        if held is not None:
            if held == digest:
                report.already_stored += 1
                if article.id not in seen and (latest := reverted_to(article, store)) is not None:
                    reverts.append((article, digest, latest))  # told at the end, unless the batch read it too
            else:  # ids are identities: the first stays, and the user is told
                id_taken(article, digest, taken_why(article))
            if progress:
                progress(1)
            return
        seen[article.id] = digest
        if article.url and article.outlet:
            pages.add((article.outlet, url_article_id_or_none(article.url)))
        chunk.append(article)
        if len(chunk) >= ENRICH_CHUNK:
            enrich()

    def checked_link(article: Article) -> Article | None:
        """An article that came with a version link (an export's ``revises``), the link kept only when the article
        it names is an earlier text of the same outlet's page: stored under that id at the same URL by the same
        outlet, else dropped with a warning (an id of the export that names another article here, a user's own id
        for another outlet's record of that page, is no version of it, and must not make one). None: the article it
        names is this batch's, not stored yet: it is taken again in the second pass."""
        # (a version waiting for its own earlier one is not stored yet either: a chain of three waits twice)
        if (article.revises in seen or article.revises in waiting) and not last_pass \
                and store.text_hash_of(article.revises) is None:
            waiting.add(article.id)
            later.append(article)
            return None
        # (a version this batch made of a page read again is the page's own: its outlet may be spelt otherwise, the
        # host of a feed item beside the page's og:site_name, and is not checked again)
        if not same_page(store.article_url(article.revises), article.url) or article.id not in made_versions and \
                not same_outlet((earlier := store.get_article(article.revises)) and earlier.article.outlet,
                                article.outlet, url=article.url):
            told(article, text_hash(article.text), unrelated_version_link(article.revises, "this store"))
            return replace(article, revises=None)
        return article

    later: list[Article] = []  # versions of articles of this batch (a feed listing one link twice, with two texts)
    waiting: set[str] = set()  # articles whose version link is checked again once the version it names is stored
    made_versions: set[str] = set()  # ids of the versions ``new_version`` made in this batch (the store's links)
    last_pass = False  # a pass that stored none of what waited: the links still waiting are dropped, not waited on
    read_ids: set[str] = set()  # every article id the batch read
    # earlier versions read again, with their latest version: an export holds both, a page read again the earlier
    reverts: list[tuple[Article, str, str]] = []
    later_texts: dict[str, LaterText] = {}  # article id -> what no_new_report read of it (``later_text``)
    pages: set[tuple[str, str | None]] = set()  # (outlet, page) of each article of this batch to be stored
    deferred: set[str] = set()  # articles taken again once an earlier record of their page is stored
    for article in articles:
        take(article)
    while later:  # stored once the versions they correct are, one link of a chain a pass
        if chunk:
            enrich()
        if pending:
            flush()
        this_pass, later = later, []
        for article in this_pass:
            take(article)
        last_pass = len(later) >= len(this_pass)  # (no progress: an earlier version that could not be stored)
    if chunk:
        enrich()
    if pending:
        flush()
    for article, digest, latest in reverts:
        if latest not in read_ids:  # (an export holds every version: none was reverted to)
            told(article, digest, f"the page reads as its earlier version {article.id!r} again: its latest "
                                  f"version {latest!r} stays its outlet's report (a text read again is not "
                                  "stored again)")
    settle_batch(decided, store, settings, model, changes=changes)
    opened, merged = changes.count(store)  # (a watcher's poll reports its feeds' batches together)
    report.new_stories += opened
    report.stories_merged += merged
    report.changed |= changes.changed
    report.opened |= changes.opened


def _enrich_alone(enricher: Enricher, article: Article) -> EnrichedArticle | InputError:
    """The article enriched on its own, or the problem naming it (a bug or an untrusted value in one article, such as
    a date at the calendar's end, must not cost the batch the others). The problem is a ``Transient``: ``watch`` tries
    the item again on a later poll, a bounded number of times, as for a fetch that failed (a final failure would
    give a feed's item up at the first hiccup of the encoder)."""
    try:
        return next(iter(enricher.enrich([article])))
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - reported per article, the batch goes on
        return Transient(article.source, f"article {article.id!r} could not be enriched: {exc!r}")


def in_decision_order(batch: list[EnrichedArticle]) -> list[EnrichedArticle]:
    """The batch in the order its articles are decided (``stories.order``), a window of ``ORDER_WINDOW`` arrivals
    at a time, as ``ingest_articles`` holds them: the same for any arrival order of a window."""
    return [e for start in range(0, len(batch), ORDER_WINDOW)
            for e in _window_order(batch[start:start + ORDER_WINDOW])]


def _window_order(batch: list[EnrichedArticle]) -> list[EnrichedArticle]:
    """Ordering is a refinement: should it fail, the window is stored in arrival order rather than lost."""
    try:
        order = decision_order([e.article.id for e in batch], [e.annotations.embedding for e in batch],
                               [e.annotations.terms for e in batch],
                               [read_in_english(e.article.language) for e in batch])
    except Exception as exc:  # noqa: BLE001 - a bad vector must not cost the window's articles
        log.warning("batch order failed (%r); deciding %d articles in arrival order", exc, len(batch))
        return list(batch)
    return [batch[n] for n in order]
