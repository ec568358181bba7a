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
    assert md.count("rocket launcher") == 1  # Courier's one-source line, shown in the summary only
    assert "*2 more are in the summary above.*" in md[md.index("## Reported by one source"):]
    sources = md[md.index("## Sources"):]
    assert "   - copy: Wire Mirror" in sources  # folded under its original, no number of its own
    assert "[1]" in md[md.index("## Summary"):md.index("## Conflicts")]
    assert "[1][2]" in md and "[1] [2]" not in md  # a file keeps its citations joined


def test_a_terminal_gets_a_space_between_citations_to_wrap_at():
    members = [A, B, C, COPY]
    md = story_markdown(document(members, build_brief(members, Settings())), cite_gap=" ")
    assert "[1] [2]" in md and "][" not in md


def test_an_update_is_shown_with_each_version_not_as_a_conflict():
    early = dated("e", "Ledger", ["Twelve people were killed when the bridge collapsed in Genoa on Tuesday.",
                                  "Rescue teams worked through the night under heavy rain."], "2018-08-14")
    late = dated("l", "Courier", ["The number of people killed when the bridge collapsed in Genoa on Tuesday rose to 35.",
                                  "Officials promised an inquiry into the motorway operator."], "2018-08-15")
    md = story_markdown(document([early, late], build_brief([early, late], Settings())))
    assert "## Conflicts" not in md
    agreed = md[md.index("## Agreed"):]
    # the first version is the original, each dated by when its outlet published it
    assert "  - original, published 14 Aug 2018, Ledger [1]: Twelve people" in agreed
    assert "  - updated, published 15 Aug 2018, Courier [2]:" in agreed


def test_an_outlets_corrected_figure_is_listed_with_its_earlier_wording_though_the_summary_says_it():
    """A single-source fact in the summary is shown there only; an outlet's correction keeps its line, which alone
    shows the earlier wording. The earlier version is listed under its source as such, not as a republished copy."""
    new = "Rescuers said 14 people were killed when the bridge fell."
    versions = [{"article_id": "a1", "outlet": "Outlet 1", "text": new.replace("14", "12"), "published": "2024-03-05",
                 "fetched": "2024-03-05T10:00:00+00:00"},
                {"article_id": "a1-v2", "outlet": "Outlet 1", "text": new, "published": "2024-03-05",
                 "fetched": "2024-03-05T11:00:00+00:00"}]
    doc = synthetic(1, summary=[{"text": new, "article_ids": ["a1", "a1-v2"]}],
                    facts=[{"text": new, "status": "single_source", "article_ids": ["a1", "a1-v2"],
                            "versions": versions, "update": True}])
    doc["articles"] = [{**doc["articles"][0], "duplicate_of": "a1-v2"},
                       {**doc["articles"][0], "id": "a1-v2", "revises": "a1"}]
    md = story_markdown(doc)
    single = md[md.index("## Reported by one source"):]
    # the correction kept the item's published date: each version is dated by when it was read, and says so
    assert "  - original, read 5 Mar 2024, 10:00 UTC, Outlet 1 [1]: Rescuers said 12 people" in single
    assert "  - updated, read 5 Mar 2024, 11:00 UTC, Outlet 1 [1]: Rescuers said 14 people" in single
    assert "more are in the summary" not in single
    assert "- earlier version, corrected since: Outlet 1" in md[md.index("## Sources"):]


def synthetic(n_sources: int = 2, **brief) -> dict:
    """A story document with ``n_sources`` articles (from the tenth on, each with a copy) and the given brief parts."""
    articles = []
    for i in range(1, n_sources + 1):
        articles.append({"id": f"a{i}", "source": f"a{i}.txt", "url": f"https://example.org/{i}", "outlet": f"Outlet {i}",
                         "title": f"Title {i}", "published": "2024-03-05", "authors": [], "language": "en",
                         "text": "x", "duplicate_of": None, "dateline": None})
    articles += [{**a, "id": a["id"] + "-copy", "outlet": "Mirror", "duplicate_of": a["id"]} for a in articles[9:]]
    return {"id": "s1", "title": "Ferry terminal", "updated": "2024-03-06", "articles": articles,
            "summary": [], "entities": [], "quotes": [], "timeline": [], "facts": [], **brief}


def html_of(md: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").render(md)


def test_outlet_and_speaker_labels_head_their_own_lists_not_the_previous_item():
    facts = [{"text": f"Fact {n} of outlet {i}.", "status": "single_source", "article_ids": [f"a{i}"],
              "versions": [{"article_id": f"a{i}", "outlet": f"Outlet {i}", "text": "t"}]}
             for i in (1, 2) for n in (1, 2)]
    quotes = [{"speaker": speaker, "text": f"Words {n} of {speaker}", "direct": n == 1, "article_ids": ["a1"]}
              for speaker in ("Ann Lee", "Bo Chan") for n in (1, 2)]
    html = html_of(story_markdown(synthetic(facts=facts, quotes=quotes)))
    for label, first, second in (("Outlet 1", "Fact 1 of outlet 1.", "Fact 2 of outlet 1."),
                                 ("Outlet 2", "Fact 1 of outlet 2.", "Fact 2 of outlet 2."),
                                 ("Ann Lee", "“Words 1 of Ann Lee”", "Words 2 of Ann Lee"),
                                 ("Bo Chan", "“Words 1 of Bo Chan”", "Words 2 of Bo Chan")):
        assert (f"<p><strong>{label}</strong></p>\n<ul>\n<li>{first} [1]</li>\n<li>{second} [1]</li>\n</ul>"
                in html.replace("[2]", "[1]")), label
    assert "<li>" not in html.split("<strong>")[1].split("</strong>")[0]


def test_copies_stay_under_their_original_past_ten_sources_and_conflict_tables_render():
    conflicts = [{"text": "No versions.", "status": "conflict", "article_ids": ["a1", "a2"], "versions": []},
                 {"text": "Berths.", "status": "conflict", "article_ids": ["a1", "a2"],
                  "versions": [{"article_id": "a1", "outlet": "Outlet 1", "text": "14 berths"},
                               {"article_id": "a2", "outlet": "Outlet 2", "text": "9 berths"}]}]
    html = html_of(story_markdown(synthetic(12, facts=conflicts)))
    sources = html[html.index("Sources"):]
    assert sources.count("<ol") == 1 and sources.count("<li>") == 12 + 3  # one list; copies nested in theirs
    assert 'Title 10 · 2024-03-05 · <a href="https://example.org/10">https://example.org/10</a>\n<ul>\n<li>copy: Mirror' in sources
    assert "<table>" in html and "<td>14 berths</td>" in html


HOSTILE = {
    "title": "<script>alert('t')</script> & [Click](javascript:alert(1))",
    "outlet": "<img src=x onerror=alert(1)>",
    "speaker": "<img src=x onerror=alert(2)> **Boss**",
    "summary": "[2]: javascript:alert(3)",  # a reference definition would turn every [2] citation into a link
    "fact": "See <https://evil.example> or ![pic](https://evil.example/x.png) `code` _em_ ~~gone~~ &amp; a | b",
    "quote": "# Not a heading\n\n- not a list <b onmouseover=alert(4)>x</b>",
    "entity": "1. Not a list",
    "url": "javascript:alert(5)",
}


def test_untrusted_text_shows_as_written_never_as_markup():
    from html import unescape
    import re

    story = synthetic(title=HOSTILE["title"],
                      summary=[{"text": HOSTILE["summary"], "article_ids": ["a1"]}, {"text": "Two.", "article_ids": ["a2"]}],
                      facts=[{"text": HOSTILE["fact"], "status": "single_source", "article_ids": ["a2"],
                              "versions": [{"article_id": "a2", "outlet": HOSTILE["outlet"], "text": "t"}]},
                             {"text": "c", "status": "conflict", "article_ids": ["a1", "a2"],
                              "versions": [{"article_id": "a1", "outlet": HOSTILE["outlet"], "text": HOSTILE["fact"]},
                                           {"article_id": "a2", "outlet": "Outlet 2", "text": "t"}]}],
                      quotes=[{"speaker": HOSTILE["speaker"], "text": HOSTILE["quote"], "direct": True,
                               "article_ids": ["a1"]}],
                      timeline=[{"date": "2024-03-05", "text": HOSTILE["quote"], "article_ids": ["a1"]}],
                      entities=[{"name": HOSTILE["entity"], "type": "ORG", "aliases": [HOSTILE["outlet"]],
                                 "article_ids": ["a1"]}])
    story["articles"][0].update(outlet=HOSTILE["outlet"], title=HOSTILE["title"], url=HOSTILE["url"])
    md = story_markdown(story)
    html = html_of(md)  # CommonMark passes raw HTML through: only escaping keeps it text
    tags = set(re.findall(r"</?([a-z0-9]+)", html))
    assert tags <= {"h1", "h2", "p", "em", "strong", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a"}
    # the only links are the sources' own http(s) URLs
    assert set(re.findall(r'<a href="([^"]*)"', html)) == {"https://example.org/2"}
    assert html.count("<h1>") == 1 and "<strong>Boss" not in html and "<em>em" not in html
    text = unescape(re.sub(r"<[^>]+>", "", html))
    for value in HOSTILE.values():
        assert " ".join(value.split()) in text, value  # shown as written (line breaks joined)
    assert "Two. [2]" in text  # the citation is plain text still


def test_sources_link_to_their_urls_as_written_and_escaped_text_stays_text():
    import re

    story = synthetic(title="Results #", quotes=[{"speaker": "  ", "text": "q", "direct": True, "article_ids": ["a1"]}],
                      summary=[{"text": "a\\[x](javascript:alert(1)) and ~~gone~~", "article_ids": ["a1"]}])
    story["articles"][0]["url"] = "https://example.com/news/a_b_c?x=1&y=2"
    story["articles"][1]["url"] = "https://example.com/a b<c>"
    story["articles"] = story["articles"][:1] + story["articles"][1:]
    md = story_markdown(story)
    html = html_of(md)
    links = re.findall(r'<a href="([^"]*)"', html)
    assert links == ["https://example.com/news/a_b_c?x=1&amp;y=2", "https://example.com/a%20b%3Cc%3E"]
    assert "<h1>Results #</h1>" in html and "javascript" not in "".join(links)
    assert "a\\[x](javascript:alert(1)) and ~~gone~~" in html  # a backslash in the text stays a backslash
    assert "<strong>Unattributed</strong>" in html and "<hr" not in html
    assert "2 independent sources" in html
    assert "1 independent source*" in story_markdown(synthetic(n_sources=1))


def test_a_conflict_table_has_a_column_per_version_headed_by_every_source_giving_it():
    three = [{"text": "Residents.", "status": "conflict", "article_ids": ["a1", "a2", "a3", "a4"],
              "versions": [{"article_id": "a1", "outlet": "Outlet 1", "text": "300 residents",
                            "article_ids": ["a1"], "outlets": ["Outlet 1"]},
                           {"article_id": "a2", "outlet": "Outlet 2", "text": "500 residents",
                            "article_ids": ["a2", "a4"], "outlets": ["Outlet 2", "Outlet 4"]},
                           {"article_id": "a3", "outlet": "Outlet 3", "text": "700 residents",
                            "article_ids": ["a3"], "outlets": ["Outlet 3"]}]}]
    md = story_markdown(synthetic(4, facts=three))
    table = md[md.index("## Conflicts"):].splitlines()
    assert table[2] == "| Outlet 1 [1] | Outlet 2, Outlet 4 [2][4] | Outlet 3 [3] |"
    assert table[4] == "| 300 residents | 500 residents | 700 residents |"


def test_a_conflict_column_says_when_one_of_its_sources_has_no_outlet():
    # headed "Outlet 2 [1][2]", source 1 (no outlet) read as Outlet 2's; the story page names it ("Source 1, ...")
    conflict = [{"text": "Residents.", "status": "conflict", "article_ids": ["a1", "a2", "a3"],
                 "versions": [{"article_id": "a1", "outlet": None, "text": "300 residents",
                               "article_ids": ["a1", "a2"], "outlets": ["Outlet 2"]},
                              {"article_id": "a3", "outlet": "Outlet 3", "text": "700 residents",
                               "article_ids": ["a3"], "outlets": ["Outlet 3"]}]}]
    story = synthetic(3, facts=conflict)
    story["articles"][0]["outlet"] = None
    table = story_markdown(story)
    table = table[table.index("## Conflicts"):].splitlines()
    assert table[2] == "| Outlet 2, unknown outlet [1][2] | Outlet 3 [3] |"


def test_independent_sources_are_outlets_however_written_with_the_articles_beside():
    story = synthetic(n_sources=4)
    for article, outlet in zip(story["articles"], ("The Dunmore Star", "dunmorestar.example", None, "Reuters")):
        article["outlet"] = outlet  # one paper written two ways, one article without an outlet (a source alone)
    assert "3 independent sources (4 articles)*" in story_markdown(story)
    assert "2 independent sources*" in story_markdown(synthetic(n_sources=2))  # as many as articles: said once


def test_what_one_outlet_reports_is_listed_once_under_its_first_spelling():
    story = synthetic(n_sources=2, facts=[
        {"text": f"Fact of {outlet}.", "status": "single_source", "article_ids": [aid],
         "versions": [{"article_id": aid, "outlet": outlet, "text": "t"}]}
        for aid, outlet in (("a1", "Dunmore Star"), ("a2", "www.dunmorestar.example"))])
    story["articles"][0]["outlet"], story["articles"][1]["outlet"] = "Dunmore Star", "www.dunmorestar.example"
    md = story_markdown(story)
    singles = md[md.index("## Reported by one source"):md.index("## Sources")]
    assert singles.count("**") == 2 and "**Dunmore Star**" in singles and "**www.dunmorestar" not in singles
    assert "Fact of Dunmore Star." in singles and "Fact of www.dunmorestar.example." in singles
    assert "1 independent source (2 articles)*" in md


def test_upcoming_events_have_their_own_section_after_what_happened():
    timeline = [{"date": "2024-03-04", "text": "The ferry terminal closed.", "article_ids": ["a1"], "context": False},
                {"date": "2024-04-01", "text": "It will reopen on April 1.", "article_ids": ["a2"], "context": False,
                 "upcoming": True},
                {"date": "2019", "text": "It opened in 2019.", "article_ids": ["a1"], "context": True}]
    md = story_markdown(synthetic(timeline=timeline))
    happened, upcoming, background = (md.index(h) for h in ("## Timeline", "## Upcoming", "## Background"))
    assert happened < upcoming < background
    assert "reopen" in md[upcoming:background] and "reopen" not in md[happened:upcoming]


def test_a_summary_line_is_not_repeated_as_one_source_s_fact_but_an_agreed_one_keeps_its_status():
    # session 21 (kind M): 282 of 492 summary lines came back word for word under "Reported by one source"
    lead, agreed, other = ("The House passed the $1.9 trillion relief bill on Wednesday.",
                           "The Senate approved the bill on Saturday.", "Democrats celebrated in the chamber.")
    story = synthetic(n_sources=2, summary=[{"text": lead, "article_ids": ["a1"]},
                                            {"text": agreed, "article_ids": ["a1", "a2"]}], facts=[
        {"text": lead, "status": "single_source", "article_ids": ["a1"],
         "versions": [{"article_id": "a1", "outlet": "Outlet 1", "text": lead}]},
        {"text": other, "status": "single_source", "article_ids": ["a2"],
         "versions": [{"article_id": "a2", "outlet": "Outlet 2", "text": other}]},
        {"text": agreed, "status": "agreed", "article_ids": ["a1", "a2"], "versions": []}])
    md = story_markdown(story)
    assert md.count(lead) == 1 and md.count(agreed) == 2 and other in md
    singles = md[md.index("## Reported by one source"):md.index("## Sources")]
    assert "*1 more is in the summary above.*" in singles and "**Outlet 1**" not in singles


def test_one_source_s_facts_all_in_the_summary_leave_a_note_under_the_heading():
    lead = "The House passed the $1.9 trillion relief bill on Wednesday."
    story = synthetic(n_sources=1, summary=[{"text": lead, "article_ids": ["a1"]}], facts=[
        {"text": lead, "status": "single_source", "article_ids": ["a1"],
         "versions": [{"article_id": "a1", "outlet": "Outlet 1", "text": lead}]}])
    md = story_markdown(story)
    assert md.count(lead) == 1 and "## Reported by one source\n\n*1 more is in the summary above.*" in md


def test_one_rule_says_which_single_source_facts_the_summary_shows_for_export_and_the_story_page():
    from storyline.export import shown_in_summary
    only_in_summary = shown_in_summary(["The House passed  the bill\non Wednesday.", "Another line."])
    assert only_in_summary("The House passed the bill on Wednesday.", False)  # spacing aside, word for word
    assert not only_in_summary("The House passed the bill on Wednesday.", True)  # a correction keeps its wordings
    assert not only_in_summary("The House passed the bill.", False)


def test_the_copy_links_are_read_once_for_numbers_and_listing(monkeypatch):
    """The Markdown and the story page's sources number the citations and list the copies from one reading of the
    copy links (``revisions.citations``); each had read them twice, once for the numbers and once for the listing."""
    from dataclasses import replace

    import storyline.consolidate.revisions as revisions
    import storyline.export as export
    import storyline.web.sources as sources

    from .sentences_of import member

    read = []
    real = revisions.listed_under

    def counted(links):
        read.append(1)
        return real(links)

    for module in (revisions, export, sources):
        monkeypatch.setattr(module, "listed_under", counted, raising=False)
    doc = synthetic(11)  # two copies, each cited and listed under its original
    md = story_markdown(doc)
    assert len(read) == 1 and "   - copy: Mirror" in md and md.count("11. ") == 1
    read.clear()
    members = [member("a", "Ledger", ["Twelve people were killed when the bridge fell on Tuesday."]),
               member("b", "Courier", ["Rescuers searched the river for survivors on Wednesday."])]
    copy = member("c", "Mirror", ["Twelve people were killed when the bridge fell on Tuesday."])
    members.append(replace(copy, duplicate_of="a"))
    sources.build_sources(members, None)
    assert len(read) == 1


def test_sources_name_each_articles_authors_escaped_as_the_rest():
    members = [A, B, C, COPY]
    doc = document(members, build_brief(members, Settings()))
    doc["articles"][0]["authors"] = ["Karin Sjö", "Zoë <Admin>"]
    sources = story_markdown(doc)
    sources = sources[sources.index("## Sources"):]
    first = next(line for line in sources.splitlines() if line.startswith("1. "))
    assert " · by Karin Sjö, Zoë \\<Admin\\> · " in first
    assert "<Admin>" not in sources


def test_a_clause_of_a_summary_line_is_shown_there_only():
    # a NeuS brief listed "Gary D. Cohn is a Democrat" and the rest of its summary line again as one-source facts
    from storyline.export import shown_in_summary
    line = ("Gary D. Cohn is a Democrat, but his resignation as director of the White House National Economic Council "
            "on Tuesday actually underscored the divide.")
    only_in_summary = shown_in_summary([line])
    assert only_in_summary("Gary D. Cohn is a Democrat", False)
    assert only_in_summary("His resignation as director of the White House National Economic Council on Tuesday "
                           "actually underscored the divide.", False)
    assert not only_in_summary("Cohn is a Democrat", False)  # not where a clause starts
    assert not only_in_summary("Gary D. Cohn is", False)  # too short to say
