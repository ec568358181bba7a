"""The brief rendered as Markdown (`storyline show`, `storyline export --format markdown`)."""
from storyline.config import Settings
from storyline.consolidate import build_brief
from storyline.export import story_markdown
from tests.consolidate.test_facts_summary import A, B, C, COPY, dated


def document(members, brief):
    articles = [{"id": m.article.id, "source": m.article.source, "url": f"https://example.org/{m.article.id}",
                 "outlet": m.article.outlet, "title": m.article.title, "published": m.article.published,
                 "authors": [], "language": "en", "text": m.article.text, "duplicate_of": m.duplicate_of,
                 "dateline": None} for m in members]
    b = brief.to_dict()
    return {"id": "s1", "title": b["title"], "updated": "2026-11-28", "articles": articles,
            "summary": b["summary"], "entities": b["entities"], "quotes": b["quotes"],
            "timeline": b["timeline"], "facts": b["facts"]}


def test_conflicts_side_by_side_singles_by_outlet_and_copies_folded():
    members = [A, B, C, COPY]
    md = story_markdown(document(members, build_brief(members, Settings())))
    assert md.startswith("# ")
    assert "3 independent sources" in md  # the wire copy is not a source
    table = md[md.index("## Conflicts"):].splitlines()
    assert table[2].startswith("| ") and "Gazette [3]" in table[2] and "---|" in table[3]
    assert "23 pirates" in table[4] and "26 pirates" in table[4]
    assert "**Courier**" in md and "rocket launcher" in md
    sources = md[md.index("## Sources"):]
    assert "   - copy: Wire Mirror" in sources  # folded under its original, no number of its own
    assert "[1]" in md[md.index("## Summary"):md.index("## Conflicts")]


def test_an_update_is_shown_with_each_version_not_as_a_conflict():
    early = dated("e", "Ledger", ["Twelve people were killed when the bridge collapsed in Genoa on Tuesday.",
                                  "Rescue teams worked through the night under heavy rain."], "2018-08-14")
    late = dated("l", "Courier", ["The number of people killed when the bridge collapsed in Genoa on Tuesday rose to 35.",
                                  "Officials promised an inquiry into the motorway operator."], "2018-08-15")
    md = story_markdown(document([early, late], build_brief([early, late], Settings())))
    assert "## Conflicts" not in md
    agreed = md[md.index("## Agreed"):]
    assert "  - updated (2018-08-14), Ledger [1]: Twelve people" in agreed
    assert "  - updated (2018-08-15), Courier [2]:" in agreed
