"""A toll however worded is one counted thing, and a line cites only the sources that say it: a source that gives another
toll in other words, or leaves the line's figure out, is not cited for it (summary, timeline)."""
from dataclasses import replace

import pytest

from storyline.config import Settings
from storyline.consolidate import build_brief
from storyline.consolidate.disagreement import states_figures
from storyline.consolidate.quantities import disagree, quantities
from storyline.consolidate.timeline import build_timeline
from storyline.records import TimeExpr

from .sentences_of import member

TOLLS = [
    "A landslide buried part of the village of Dorna on Monday, killing 9 people, the mayor said.",
    "The death toll from Monday's landslide in Dorna has risen to 14, the mayor said.",
    "The number of people killed in the Dorna landslide climbed to 14 on Tuesday.",
    "The landslide that hit Dorna on Monday claimed 14 lives, according to the fire brigade.",
    "Fourteen people lost their lives when the hillside gave way above Dorna.",
    "The number of dead from the landslide rose to 14, the regional office said.",
]


@pytest.mark.parametrize("other", TOLLS[1:])
def test_every_wording_of_a_toll_counts_the_same_thing(other):
    assert disagree(quantities(TOLLS[0]), quantities(other))  # 9 against 14: at odds in any wording
    assert states_figures(quantities(other), quantities(TOLLS[1]))  # 14 in one wording states 14 in another


def test_a_toll_and_the_missing_are_different_things_and_a_magnitude_never_rises_with_a_toll():
    assert not disagree(quantities("Nine people were killed in the landslide."),
                        quantities("Six people were still missing after the landslide."))
    toll = quantities("The toll from the magnitude 6.4 quake has risen to 21, officials said.")
    assert [(q.value, q.event) for q in toll] == [(6.4, None), (21, "killed")]
    assert not [q for q in quantities("The toll is 5 dead and the quake was 7.1.") if q.value == 7.1 and q.event]


def test_a_summary_sentence_is_not_cited_for_a_toll_another_source_words_otherwise_nor_for_a_figure_it_leaves_out():
    lede = "A landslide buried part of Dorna village on Monday, killing 9 people, the mayor said."
    first = member("a", "Valley Post", [lede, "Mayor Ion Rusu said 6 people were still missing in Dorna village."])
    later = member("b", "Mountain Wire", [
        "The death toll from Monday's landslide in Dorna village has risen to 14, the mayor said.",
        "Mayor Ion Rusu said rescuers were still searching in Dorna village."])
    brief = build_brief([first, later], Settings())
    cited = {s.text: s.article_ids for s in brief.summary}
    assert cited.get(lede) == ["a"]
    assert cited.get(first.article.text.split(". ")[1]) in (None, ["a"])  # "6 missing": b never says it


def test_a_timeline_entry_is_not_cited_by_a_report_giving_another_toll_or_leaving_the_figure_out():
    def dated(aid, text, published):
        m = member(aid, aid, [text])
        day = text.index("Monday")
        return replace(m, article=replace(m.article, published=published),
                       annotations=replace(m.annotations, times=[TimeExpr("Monday", day, day + 6, "DATE", "2026-03-02")]))

    shown = dated("a", "A landslide buried part of Dorna on Monday, killing 9 people, the mayor said.", "2026-03-02")
    toll = dated("b", "The death toll from the landslide that buried part of Dorna on Monday has risen to 14, "
                      "the mayor said.", "2026-03-03")
    bare = dated("c", "A landslide buried part of Dorna on Monday, the mayor said.", "2026-03-02")
    [entry, *_] = [e for e in build_timeline([shown, toll, bare], duplicates_of={}) if "killing 9" in e.text]
    assert entry.article_ids == ["a"]


def test_an_agreed_fact_never_cites_a_source_that_gives_another_value_for_its_figure_elsewhere():
    # the matching sentence of the second outlet leaves the magnitude out; its lead gives 5.9
    first = member("a", "Valley Post", [
        "A magnitude 6.4 earthquake struck Tarsa province on Sunday, killing 9 people, officials said.",
        "The magnitude 6.4 quake hit at 3:40 a.m. on Sunday near the port of Velin."])
    second = member("b", "Mountain Wire", [
        "A magnitude 5.9 earthquake struck Tarsa province on Sunday, killing 9 people, officials said.",
        "The quake hit at 3:40 a.m. near the port of Velin."])
    third = member("c", "Coast Daily", [
        "The magnitude 6.4 quake hit at 3:40 a.m. on Sunday near the port of Velin, the seismic office said."])
    brief = build_brief([first, second, third], Settings())
    for fact in brief.facts:
        if fact.status != "conflict" and "6.4" in fact.text:
            assert "b" not in fact.article_ids
        if fact.status == "agreed":
            assert len(fact.article_ids) >= 2
    assert any(f.status == "agreed" and "Velin" in f.text for f in brief.facts)
    assert [q.head for q in quantities("a magnitude 6.4 quake")] == [q.head for q in quantities("a magnitude 5.9 earthquake")]
