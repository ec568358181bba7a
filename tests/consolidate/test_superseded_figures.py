"""A figure each outlet's own later report superseded is neither a conflict's heading nor the summary's opening, and
two reports giving one disputed figure are one version (tester s26 #4: the ferry fire, seven dead, then 11)."""
import re

from storyline.config import Settings
from storyline.consolidate import build_brief
from storyline.consolidate.summary import with_current_figures
from storyline.records import Article, Fact, StoredArticle, SummarySentence

from .sentences_of import member

REST = ["The ferry was towed to the port of Visby on Monday morning after the fire on board.",
        "Nordline chief executive Maria Holm said the company would cooperate fully with investigators."]


def report(aid, outlet, lead, published):
    m = member(aid, outlet, [lead, *REST])
    a = m.article
    return StoredArticle(Article(id=a.id, source=a.source, text=a.text, title=a.title, outlet=outlet,
                                 published=published), m.annotations, "s")


def ferry_brief():
    return build_brief([
        report("f1", "Baltic Tribune", "A fire broke out on the passenger ferry Nordlys off the coast of Gotland late "
               "on Sunday, killing seven people, the Swedish coast guard said.", "2026-10-12T07:45:00+02:00"),
        report("f2", "Nordic Wire", "Seven people died when fire swept through the ferry Nordlys in the Baltic Sea on "
               "Sunday night, the Swedish coast guard said.", "2026-10-12T08:30:00+02:00"),
        report("f3", "Gotland Post", "Nine people died after a fire on the ferry Nordlys off Gotland on Sunday night, "
               "local police said.", "2026-10-12T09:10:00+02:00"),
        report("f4", "Baltic Tribune", "The death toll from Sunday's fire on the ferry Nordlys has risen to 11, the "
               "Swedish coast guard said on Tuesday.", "2026-10-13T09:00:00+02:00"),
        report("f5", "Nordic Wire", "The captain of the ferry Nordlys, on which 11 people died in a fire on Sunday "
               "night, was arrested on Wednesday, prosecutors said.", "2026-10-14T10:00:00+02:00"),
    ], Settings())


def test_one_disputed_figure_is_one_version_and_the_conflict_is_headed_by_a_current_one():
    [toll] = [f for f in ferry_brief().facts if f.status == "conflict" and "11" in str(f.versions)]
    eleven = [v for v in toll.versions if "11" in v["text"]]
    assert len(eleven) == 1 and set(eleven[0]["article_ids"]) == {"f4", "f5"}
    assert "Seven" not in toll.text and "seven" not in toll.text


def test_the_summary_states_the_figure_an_outlets_later_report_gives_not_the_superseded_one():
    summary = ferry_brief().summary
    assert not any(re.search(r"\bseven people\b", s.text, re.I) for s in summary)
    assert any("11" in s.text and {"f4", "f5"} <= set(s.article_ids) for s in summary)


OUTLET_OF = {"b1": "Baltic Tribune", "b2": "Baltic Tribune", "c1": "Coast Wire", "c2": "Coast Wire"}


def test_a_superseded_line_is_stated_as_its_version_once():
    version = {"text": "The toll has risen to 11.", "article_id": "b2", "article_ids": ["b2", "c2"],
               "earlier": [{"text": "Seven people died.", "article_id": "b1"}]}
    facts = [Fact("The toll has risen to 11.", "conflict", ["b1", "b2", "c2"], [version])]
    summary = [SummarySentence("Seven people died.", ["b1"]), SummarySentence("Roads were shut.", ["b1"]),
               SummarySentence("The toll has risen to 11.", ["b2"])]
    assert with_current_figures(summary, facts, OUTLET_OF) == [
        SummarySentence("The toll has risen to 11.", ["b2", "c2"]), SummarySentence("Roads were shut.", ["b1"])]


def test_a_line_that_says_more_or_another_outlet_vouches_for_is_kept_as_it_was():
    version = {"text": "The toll has risen to 11.", "article_id": "b2", "article_ids": ["b2"],
               "earlier": [{"text": "Seven people died.", "article_id": "b1"}]}
    facts = [Fact("The toll has risen to 11.", "conflict", ["b1", "b2", "c1"],
                  [version, {"text": "Seven people died.", "article_id": "c1", "article_ids": ["c1"]}])]
    kept = [SummarySentence("Seven people died. Police arrested the captain, a 54-year-old from Runo, on Monday.",
                            ["b1"]),
            SummarySentence("Seven people died, but helicopters rescued 40 passengers from the deck.", ["b1"]),
            SummarySentence("Seven people died.", ["b1", "c1"])]
    for line in kept:
        assert with_current_figures([line], facts, OUTLET_OF) == [line]
