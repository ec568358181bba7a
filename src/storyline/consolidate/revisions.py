"""What an outlet corrected in its own report, shown as updates of the brief's facts.

A page or feed item read again with other text is stored as a later version of its article (``pipeline.new_version``),
and the earlier versions as its copies: the brief is built from the outlet's current text, cites the earlier
versions beside it, and counts the outlet once. What the outlet changed is news all the same ("12 killed", then "14
killed"): each sentence of the current version that gives another figure or date than the sentence of an earlier
version it rewrites (``dedup.rewritten_figures``, the rule that keeps a copy changing a figure out of near-duplicates)
makes the fact stating it an update, whose versions are the outlet's wordings, oldest first, each with when it was
read. Neither a conflict (one outlet does not contradict another) nor a second source.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

from storyline.clock import instant, order_key, readable_time
from storyline.records import Fact, StoredArticle

_NEVER = datetime.min.replace(tzinfo=timezone.utc)  # (the read time of versions that keep the order given)
# an article's (duplicate_of, revises) by its id; None when it is not stored (or not in the story read)
Links = Callable[[str], "tuple[str | None, str | None] | None"]


def with_revisions(facts: list[Fact], members: list[StoredArticle]) -> list[Fact]:
    """``facts`` with each figure an outlet corrected in a later version of its article marked as an update: the
    fact that states the current wording, else a fact of its own; a conflict between outlets stays one, with the
    outlet's earlier wording under its version's ``earlier``."""
    by_id = {m.article.id: m for m in members}
    links = {m.article.id: (m.duplicate_of, m.article.revises) for m in members}
    added: list[Fact] = []
    for current in members:
        if not current.article.revises:
            continue
        # (a version another outlet's earlier-published copy is linked under still corrects its outlet's report:
        # the chain, not the copy link, says whether it is one; a plain copy or an earlier version has none)
        before = [by_id[a] for a in version_chain(current.article.id, links.get)]
        if not before:
            continue
        for sentence, earlier in _corrected(current, before):
            # (a conflict is headed by the wording most outlets give, so the outlet's sentence is one of its versions)
            fact = next((f for f in facts if current.article.id in f.article_ids and (
                _states(f.text, sentence) or f.status == "conflict" and _version_of(f, current.article.id, sentence))),
                None)
            versions = [*earlier, _version(current, sentence)]
            ids = sorted({current.article.id, *(v["article_id"] for v in earlier)})
            if fact is None:
                added.append(Fact(sentence, "single_source", ids, versions, update=True))
            elif fact.status != "conflict":
                fact.versions = [*earlier, *fact.versions] if fact.update else versions
                fact.article_ids = sorted({*fact.article_ids, *ids})
                fact.update = True
            elif (version := _version_of(fact, current.article.id, sentence)) is not None:
                # outlets that disagree now still disagree, but the outlet's own earlier figure goes under its
                # version, as an outlet's earlier separate report's does (tester s30 #3: a corrected lead's
                # "Four killed" -> "Five killed" was shown nowhere, since the lead heads a conflict)
                known = {(e.get("article_id"), e.get("text")) for e in version.get("earlier", ())}
                version["earlier"] = [*(e for e in earlier if (e["article_id"], e["text"]) not in known),
                                      *version.get("earlier", ())]
                fact.article_ids = sorted({*fact.article_ids, *ids})
    if not added:
        return facts
    first_single = next((n for n, f in enumerate(facts) if f.status == "single_source"), len(facts))
    return facts[:first_single] + added + facts[first_single:]  # a correction before the outlets' other lone claims


def version_chain(latest: str, links: Links) -> list[str]:
    """The earlier versions the article ``latest`` stands in for, newest first: the chain of texts each naming the
    one it corrects (``Article.revises``), as long as each is linked as ``latest``'s copy, as a version is when it is
    stored in its place (``pipeline._in_place_of``: a near-copy of the text it corrects). A ``revises`` naming any
    other text (other news under a reused link, a record naming an unrelated one) names no version of it.

    The one walker of the chain: the store's latest version, the pipeline's checks and the brief read it alike."""
    found, seen = [], {latest}
    link = links(latest)
    while link is not None and (previous := link[1]) is not None and previous not in seen:
        seen.add(previous)
        link = links(previous)
        if link is None or link[0] != latest:
            break
        found.append(previous)
    return found


def _version_of(conflict: Fact, article_id: str, sentence: str) -> dict | None:
    """The conflict's version the article gives in ``sentence`` (a version names its articles in ``article_ids``;
    older briefs' versions name one, ``article_id``)."""
    return next((v for v in conflict.versions if article_id in (v.get("article_ids") or [v.get("article_id")])
                 and _states(v.get("text") or "", sentence)), None)


def _corrected(current: StoredArticle, earlier: list[StoredArticle]) -> list[tuple[str, list[dict]]]:
    """(sentence of the current version, the earlier versions' wordings of it, oldest first) for each sentence whose
    figures or dates an earlier version gave otherwise, in text order."""
    from storyline.stories.dedup import ALIGNED, rewritten_figures  # (dedup reads consolidate.disagreement)

    found: dict[str, list[dict]] = {}
    for older in earlier:  # newest first: each earlier wording goes before those found already
        for sentence, was in rewritten_figures(current.article.text, older.article.text, sentences=ALIGNED):
            sentence, was = _without_dateline(sentence), _without_dateline(was)
            wordings = found.setdefault(sentence, [])
            if all(v["text"] != was for v in wordings):
                wordings.insert(0, _version(older, was))
    return list(found.items())


def _without_dateline(sentence: str) -> str:
    """A lead sentence without the wire dateline it opens with ("LYON, France (Reuters) - Twelve ..."), as every
    other sentence of a brief is shown: the versions of a fact read as the fact does."""
    from storyline.extract.dateline import find_dateline

    dateline = find_dateline(sentence)
    if dateline is None or dateline.start != 0 or dateline.after <= 0:
        return sentence
    return sentence[dateline.after:]


def _version(stored: StoredArticle, text: str) -> dict:
    a = stored.article
    # when the outlet's text was read too: a correction often keeps the item's publication date
    return {"article_id": a.id, "outlet": a.outlet, "text": text, "published": a.published,
            "fetched": read_at(stored)}


def read_at(stored: StoredArticle) -> str | None:
    """When the article's text was read: its page or feed item fetched, else stored."""
    return stored.article.fetched or stored.added or None


def dated_versions(versions: list[dict], read: Mapping[str, str | None] | None = None) -> list[dict]:
    """An update's versions (a fact's figure changed in a later report, or its outlet corrected it), oldest first, as a
    reader is shown them, the same on the page, in the API and in the export: the first is the ``original`` (``role``),
    the others ``update``s, each dated (``time``, ``time_kind``) by when the outlet published it, else by when it was
    read (``fetched``; ``read`` gives it by article id to a version without one). A correction often keeps the item's
    published time: versions sharing one are ordered, and dated, by when they were read (their published time says
    nothing of which came first). New dicts; calling it again changes nothing."""
    dated = [{**v, "fetched": v.get("fetched") or (read or {}).get(v.get("article_id"))} for v in versions]
    published = [instant(v.get("published")) for v in dated]
    shared = [[j for j, other in enumerate(published) if _same_time(mine, other)] for mine in published]
    # a version sharing its published time with an earlier one is ordered among them by when it was read (as given
    # when one of them was never read: nothing tells the order then)
    read_instant = [instant(v["fetched"]) for v in dated]
    by_read = [bool(shared[i]) and all(read_instant[j] for j in shared[i]) for i in range(len(dated))]
    order = sorted(range(len(dated)), key=lambda i: (min(shared[i], default=i),
                                                     read_instant[i][0] if by_read[i] else _NEVER, i))
    out = []
    for n, i in enumerate(order):
        v = dated[i]
        read_first = len(shared[i]) > 1 or not v.get("published")
        time, kind = (v["fetched"], "read") if read_first and v["fetched"] else (v.get("published"), "published")
        out.append({**v, "role": "update" if n else "original", "time": time or None, "time_kind": kind if time else None})
    return out


def version_label(version: dict) -> str:
    """What a version's line says of it: "original, published 12 Jun 2015, 14:02 UTC", "updated, read ..."."""
    role = "original" if version.get("role") == "original" else "updated"
    time = readable_time(version.get("time"))
    return f"{role}, {version['time_kind']} {time}" if time and version.get("time_kind") else role


def _same_time(a: tuple[datetime, bool] | None, b: tuple[datetime, bool] | None) -> bool:
    """Whether two published times tell no order: they read alike by ``clock.order_key``, the rule every ordering of
    reports follows (the same moment, or the same day when either is a date alone, a time read on its own local day)."""
    if a is None or b is None:
        return False
    first, second = order_key([a, b])
    return first == second


def _states(fact: str, sentence: str) -> bool:
    """Whether a fact's claim is (a clause of) the sentence, or holds it."""
    fact, sentence = " ".join(fact.split()), " ".join(sentence.split())
    return bool(fact) and (fact in sentence or sentence in fact)


def listed_under(links: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """Each copy among a story's articles, given as (id, duplicate_of), with the original it is listed and cited
    under: the article it copies, or the article that one copies in turn. Another outlet's copy of an earlier version
    is linked to that version (the text it copies), which is linked to the version in its place; the brief's copy
    lists are one level (an original, then its copies), and such a copy is listed under the outlet's current report
    beside that report's earlier versions (``pipeline.store_article``). An article in a loop of copy links (a store
    edited by hand) is listed as its own original, not under itself."""
    copy_of = dict(links)
    listed = {}
    for article_id, original in copy_of.items():
        seen = {article_id}
        while original is not None and copy_of.get(original) is not None and original not in seen:
            seen.add(original)
            original = copy_of[original]
        if original is not None and original != article_id:
            listed[article_id] = original
    return listed


@dataclass(frozen=True)
class Citations:
    """How a story's sources are cited and listed: the one reading of its copy links for a page or a brief."""
    number: dict[str, int]  # the [n] each article is cited by (``citations``)
    listed: dict[str, str]  # each copy's original, which it is listed and cited under (``listed_under``)


def citations(links: Iterable[tuple[str, str | None]]) -> Citations:
    """The number [n] each of a story's articles, given as (id, duplicate_of) in story order, is cited by: the
    independent articles 1, 2, ... in that order, and each copy its original's (``listed_under``: a copy of an earlier
    version takes its outlet's current report's; a copy whose original is not among them has none), beside that
    listing. The one numbering of the story page and the exported brief: a reader comparing them sees one [n] for one
    source."""
    links = list(links)
    listed = listed_under(links)
    number = {aid: n for n, aid in enumerate((aid for aid, copy_of in links if copy_of is None), 1)}
    for copy, original in listed.items():
        if original in number:
            number[copy] = number[original]
    return Citations(number, listed)


def citation_numbers(links: Iterable[tuple[str, str | None]]) -> dict[str, int]:
    """``citations``' numbers alone."""
    return citations(links).number


def earlier_version_ids(links: Iterable[tuple[str, str | None, str | None]]) -> set[str]:
    """Of a story's articles, given as (id, duplicate_of, revises), those that are an earlier version of the article
    they are linked to as copies: named by its chain of versions, each naming the one it corrects. Another outlet's
    copy is none, and neither is the outlet's page that copied another outlet before its own correction (its later
    text is no version in its place: ``pipeline._in_place_of``)."""
    by_id = {aid: (copy_of, revises) for aid, copy_of, revises in links}
    chains: dict[str, list[str]] = {}
    for copy_of, _ in by_id.values():
        if copy_of is not None and copy_of not in chains:
            chains[copy_of] = version_chain(copy_of, by_id.get)
    return {aid for aid, (copy_of, _) in by_id.items() if copy_of is not None and aid in chains[copy_of]}
