"""Stories as documents: the export contract (JSON) and its Markdown rendering.

The field names here are the public contract; keep them stable.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from storyline.consolidate.revisions import citations, dated_versions, earlier_version_ids, read_at, version_label
from storyline.ingest.decode import BIDI_FORMATTING
from storyline.languages import read_in_english
from storyline.outlets import count_sources, outlet_keys
from storyline.records import Story, StoredArticle
from storyline.store.base import Store

ARTICLE_FIELDS = ("id", "source", "url", "outlet", "title", "published", "authors", "language", "text",
                  "duplicate_of", "dateline", "fetched", "revises")  # the contract's fields; dateline (wire
# datelines), fetched (when a web page or WARC record was fetched) and revises (the earlier version of the article that
# this one corrects; the earlier one is then its copy, ``duplicate_of``) are additions


def article_document(stored: StoredArticle) -> dict[str, Any]:
    a = stored.article
    doc = {k: getattr(a, k) for k in ARTICLE_FIELDS if k != "duplicate_of"}
    doc["authors"] = list(a.authors)
    doc["duplicate_of"] = stored.duplicate_of
    return doc


def story_document(story: Story, members: list[StoredArticle]) -> dict[str, Any]:
    brief = story.brief.to_dict() if story.brief else {}
    read = {m.article.id: read_at(m) for m in members}
    for fact in brief.get("facts", []):
        if fact.get("update"):  # (a brief stored before versions were dated has them dated as it is read)
            fact["versions"] = dated_versions(fact.get("versions") or [], read)
    return {
        "id": story.id,
        "title": story.title or brief.get("title", ""),
        "updated": story.updated,
        "articles": [article_document(m) for m in members],
        "summary": brief.get("summary", []),
        "entities": brief.get("entities", []),
        "quotes": brief.get("quotes", []),
        "timeline": brief.get("timeline", []),
        "facts": brief.get("facts", []),
    }


def export_stories(store: Store, story_ids: list[str] | None = None) -> dict[str, Any]:
    stories = store.list_stories() if not story_ids else [s for s in map(store.get_story, story_ids) if s]
    stories = list({s.id: s for s in stories}.values())  # two ids may resolve to one story (a merged-away id)
    return {"stories": [story_document(s, store.story_articles(s.id)) for s in stories]}


def shown_in_summary(summary_texts: list[str]) -> Callable[[str, bool], bool]:
    """Whether a single-source fact (its text, and whether it is an update) is shown only as a line of the summary:
    rendered briefs show a fact that is word for word a summary line once, in the summary, where its one citation
    already says who reports it; an outlet's corrected figure (an update) stays in its list with its earlier
    wordings, which the summary line does not show. Agreed and conflicting facts always stay in their lists (the
    summary does not show their status), and the JSON keeps every fact (the contract's lists are whole). A fact
    that is a clause of a summary line ("Gary D. Cohn is a Democrat" of "Gary D. Cohn is a Democrat, but his
    resignation ...": facts are cut at clauses) is shown there too."""
    lines = [" ".join(t.casefold().split()) for t in summary_texts]  # once a brief, not once a fact

    def shown(text: str, update: bool) -> bool:
        fact = " ".join(text.casefold().split())
        return not update and any(fact == line or _clause_of(fact, line) for line in lines)
    return shown


CLAUSE_WORDS = 4  # a shorter clause of a summary line is too common a phrase to say it is that line's
# what stands around a clause of a sentence: its start or a comma, semicolon or dash with a joining word, before it;
# its end or such a mark after it
_CLAUSE_BEFORE = r"(?:^|[,;:—–-]\s*(?:(?:but|while|whereas|and|yet)\s+)?)"
_CLAUSE_AFTER = r"(?=\s*(?:[,;:—–-]|\.?$))"


def _clause_of(fact: str, line: str) -> bool:
    """Whether ``fact`` is a clause of the summary line ``line`` (both in lower case), as facts are cut from
    sentences: "Gary D. Cohn is a Democrat" of "Gary D. Cohn is a Democrat, but his resignation ...", not "the House
    passed the bill" of "the House passed the bill on Wednesday"."""
    words = re.findall(r"[^\W_]+(?:['’.$%-][^\W_]+)*", fact)
    if len(words) < CLAUSE_WORDS:
        return False
    body = r"\W+".join(map(re.escape, words))
    return re.search(_CLAUSE_BEFORE + r"\W*" + body + r"\W*?" + _CLAUSE_AFTER, line) is not None


def _update_lines(fact: dict[str, Any], cite) -> list[str]:
    """A fact's versions when its figure changed in a later report (another outlet's, or the outlet's own corrected
    version: ``consolidate.revisions``), oldest first: the original, then each update, each with when it was
    published, else read, and which of the two (``revisions.version_label``)."""
    if not fact.get("update"):
        return []
    return [f"  - {md(version_label(v))}, {md(v.get('outlet') or 'source')} {cite([v['article_id']])}: "
            f"{md(v.get('text'))}" for v in dated_versions(fact.get("versions") or [])]


def to_markdown(export: dict[str, Any]) -> str:
    return "\n\n---\n\n".join(story_markdown(s) for s in export["stories"]) + "\n"


def _more_in_summary(n: int) -> str:
    return f"{n} more {'is' if n == 1 else 'are'} in the summary above."


def story_markdown(story: dict[str, Any], *, cite_gap: str = "") -> str:
    """The brief as Markdown: summary with numbered citations, facts, quotes, timeline, sources. ``cite_gap``
    goes between two citations: a terminal (`show`, through Rich) breaks lines at spaces only, so "[1][2]...[35]"
    was cut inside a number ("[2" / "7]"); a file keeps them joined."""
    articles = story["articles"]
    # the story page's numbers: a copy cites as its original, a copy of an earlier version as the current report
    cited = citations((a["id"], a["duplicate_of"]) for a in articles)
    number, listed = cited.number, cited.listed

    def cite(ids: list[str]) -> str:
        return cite_gap.join(f"[{n}]" for n in sorted({number[i] for i in ids if number.get(i)}))

    outlet_of = {a["id"]: a.get("outlet") for a in articles}
    independent = [a.get("outlet") for a in articles if not a["duplicate_of"]]
    sources = count_sources(independent)  # outlets, however written: a paper's two reports are one source
    counted = f"{sources} independent {'source' if sources == 1 else 'sources'}"
    if len(independent) != sources:
        counted += f" ({len(independent)} articles)"
    lines = [f"# {md(story['title'])}", "", f"*Story {md(story['id'])} · updated {md(story['updated'])} · {counted}*", ""]
    if story["summary"]:
        lines += ["## Summary", ""] + [f"- {md(s['text'])} {cite(s['article_ids'])}" for s in story["summary"]] + [""]
    facts = story["facts"]
    for status, heading in (("agreed", "Agreed by several sources"), ("conflict", "Conflicts")):
        chosen = [f for f in facts if f["status"] == status]
        if not chosen:
            continue
        lines += [f"## {heading}", ""]
        for f in chosen:
            if status == "conflict":
                if lines[-1]:  # a table straight after a list item would be that item's text
                    lines.append("")
                lines += _side_by_side(f, cite, outlet_of)
                continue
            lines.append(f"- {md(f['text'])} {cite(f['article_ids'])}")
            lines += _update_lines(f, cite)
        lines.append("")
    only_in_summary = shown_in_summary([s["text"] for s in story["summary"]])
    single = [f for f in facts if f["status"] == "single_source"]
    singles = [f for f in single if not only_in_summary(f["text"], bool(f.get("update")))]
    if single:
        lines += ["## Reported by one source", ""]
        if len(singles) < len(single):
            lines += [f"*{_more_in_summary(len(single) - len(singles))}*", ""]
        by_outlet: dict[str, tuple[str, list[dict]]] = {}  # one outlet however written, labelled as first written
        keys = outlet_keys(a.get("outlet") for a in articles if not a["duplicate_of"])
        for f in singles:
            version = (f.get("versions") or [{}])[0]
            label = md(version.get("outlet")) or f"source {cite([version.get('article_id') or f['article_ids'][0]])}"
            by_outlet.setdefault(keys.get(version.get("outlet") or "") or label, (label, []))[1].append(f)
        for outlet, group in by_outlet.values():
            # blank lines around the label: straight after a list item, Markdown folds it into that item's text
            lines += [f"**{outlet}**", ""]
            lines += [line for f in group for line in (f"- {md(f['text'])} {cite(f['article_ids'])}",
                                                        *_update_lines(f, cite))] + [""]
    if story["quotes"]:
        lines += ["## Quotes", ""]
        by_speaker: dict[str, list[dict]] = {}
        for q in story["quotes"]:
            by_speaker.setdefault(" ".join((q["speaker"] or "").split()) or "Unattributed", []).append(q)
        for speaker, group in by_speaker.items():  # (blank lines around the label, as by outlet)
            lines += [f"**{md(speaker)}**", ""]
            for q in group:
                text = f"“{md(q['text'])}”" if q["direct"] else md(q["text"])
                lines.append(f"- {text} {cite(q['article_ids'])}")
            lines.append("")
    own = [t for t in story["timeline"] if not t.get("context") and not t.get("upcoming")]
    upcoming = [t for t in story["timeline"] if not t.get("context") and t.get("upcoming")]
    background = [t for t in story["timeline"] if t.get("context")]
    # what happened, what is announced (kept apart from it), and past context
    for heading, events in (("Timeline", own), ("Upcoming", upcoming), ("Background", background)):
        if events:
            lines += [f"## {heading}", ""] + [f"- **{md(t['date'])}** {md(t['text'])} {cite(t['article_ids'])}"
                                              for t in events] + [""]
    if story["entities"]:
        lines += ["## Who and what", ""]
        for e in story["entities"][:20]:
            aka = f" (also: {', '.join(map(md, e['aliases']))})" if e["aliases"] else ""
            roles = f"; {', '.join(map(md, e['roles']))}" if e.get("roles") else ""
            lines.append(f"- {md(e['name'])} — {md(e['type'])}{roles}{aka}")
        lines.append("")
    lines += ["## Sources", ""]
    # an outlet's earlier versions of its report, each a copy of the version in its place: not other copies
    revised = earlier_version_ids((a["id"], a["duplicate_of"], a.get("revises")) for a in articles)
    for a in articles:
        if a["duplicate_of"]:
            continue
        item = f"{number[a['id']]}. "
        lines.append(f"{item}{_source_line(a)}")
        for d in (d for d in articles if listed.get(d["id"]) == a["id"]):
            # a copy is indented to its original's text ("10. " is 4 wide), or it would start a list of its own
            kind = "earlier version, corrected since" if d["id"] in revised else "copy"
            lines.append(f"{' ' * len(item)}- {kind}: {_source_line(d)}")
    return "\n".join(lines).rstrip() + "\n"


def _side_by_side(fact: dict[str, Any], cite, outlet_of: dict[str, str | None]) -> list[str]:
    """A conflict as a table: one column per source, each with its own wording."""
    versions = fact.get("versions") or []
    if not versions:
        return [f"- {md(fact['text'])} {cite(fact['article_ids'])}"]
    head = " | ".join(_version_head(v, cite, outlet_of) for v in versions)
    return [f"| {head} |", "|" + "---|" * len(versions), "| " + " | ".join(_version_cell(v, cite) for v in versions) + " |",
            ""]


def _version_head(version: dict[str, Any], cite, outlet_of: dict[str, str | None]) -> str:
    """A conflict column's head: the outlets of every source giving the version (``article_ids``, ``outlets``; older
    briefs: its one source), and "unknown outlet" for a source without one, as the sources list names it: headed by
    the others' outlets alone, its number read as theirs."""
    ids = version.get("article_ids") or [version["article_id"]]
    names = list(version.get("outlets") or []) or [o for o in [version.get("outlet")] if o]
    if any(not outlet_of.get(i) for i in ids if i in outlet_of):
        names.append("unknown outlet")
    return f"{_cell(', '.join(names) or 'source')} {cite(ids)}"


def _version_cell(version: dict[str, Any], cite) -> str:
    """A conflict version's wording, then the figures its outlet gave before in reports it updated (``earlier``)."""
    cell = _cell(version.get("text"))
    for e in version.get("earlier") or []:
        when = f", {md(e.get('published'))}" if e.get("published") else ""
        cell += f" (updated from {cite([e['article_id']])}{when}: {_cell(e.get('text'))})"
    return cell


def _cell(text: Any) -> str:
    """Text for a Markdown table cell (``md`` escapes a pipe and joins lines, either of which would end it)."""
    return md(text or "")


# Article text is untrusted: in the Markdown it must read as the text it is, never as markup. Backslash-escaped,
# these show as themselves: raw HTML and autolinks (<), entities (&), links, images and reference definitions ([),
# emphasis and code (* _ `), strikethrough (~), a table's cells (|), and > (a block quote, or the end of a tag).
_MARKUP = re.compile(r"[\\`*_\[\]<>&~|#]")  # "#" too: a heading's closing run ("Results #") would be dropped
_ORDERED_MARKER = re.compile(r"\d{1,9}(?=[.)])")


def md(value: Any) -> str:
    """Untrusted text as Markdown that shows it as written, on one line: markup characters are escaped, and so
    is a start that would open a block (a heading, a list item, a rule) where the text begins a line or an item.
    Bidi overrides go, as at ingest (a store written before may hold them): Markdown has no <bdi> to contain one."""
    text = " ".join(BIDI_FORMATTING.sub("", str(value if value is not None else "")).split())
    text = _MARKUP.sub(lambda m: "\\" + m.group(), text)
    if marker := _ORDERED_MARKER.match(text):
        return text[:marker.end()] + "\\" + text[marker.end():]
    return "\\" + text if text[:1] in ("+", "-", "=") else text


def _source_line(a: dict[str, Any]) -> str:
    bits = [a.get("outlet") or "unknown outlet", a.get("title") or a["id"]]
    if a.get("authors"):  # as the story page and the JSON give them: a reader checks who wrote what was cited
        bits.append("by " + ", ".join(a["authors"]))
    if a.get("published"):
        bits.append(a["published"])
    if not read_in_english(a.get("language")):  # a source the English-first brief cites but does not read
        bits.append(f"in {a['language']}, not read by the brief")
    line = " · ".join(md(b) for b in bits)
    return f"{line} · {link(a['url'])}" if a.get("url") else line


def link(url: str) -> str:
    """A URL as a Markdown autolink, clickable in any viewer: an http(s) URL between angle brackets, where no
    backslash escape applies (escaped, "a_b" became a link to "a%5C_b"), so the characters that would end it or
    break it (<, >, spaces, controls) are percent-encoded; anything else is text (``md``)."""
    if not re.match(r"https?://", url, re.I):
        return md(url)
    return "<" + re.sub(r"[<>\s\x00-\x1f\x7f]", lambda m: "%{:02X}".format(ord(m.group())), url) + ">"
