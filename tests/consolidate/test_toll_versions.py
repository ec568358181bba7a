"""A story's toll as several outlets report it through the day: each outlet's latest figure is a version, with the
figure its own earlier report gave as that version's update; outlets' figures of the same time conflict; every wording
of a toll is read ("has risen to", "claimed N lives", "stands at N", "the number of dead rose to")."""
from dataclasses import replace
from functools import lru_cache

import pytest

from storyline.config import Settings
from storyline.consolidate import build_brief

from .sentences_of import member


def report(aid, outlet, published, *sentences):
    m = member(aid, outlet, list(sentences))
    return replace(m, article=replace(m.article, published=published))


def toll_fact(brief, *ids):
    [fact] = [f for f in brief.facts if f.status == "conflict" and set(ids) <= set(f.article_ids)]
    return fact


# a story's reports through the day: (id, outlet, published, sentences)
STORIES = {
    "ferry": [
        ("a1", "Lake Post", "2026-05-10T08:00:00Z",
         "A ferry capsized on Lake Orin on Sunday morning, killing 7 people, the coast guard said.",
         "Divers searched the wreck through the afternoon."),
        ("b", "Shore Wire", "2026-05-10T09:00:00Z",
         "A ferry capsized on Lake Orin on Sunday morning, killing 9 people, the coast guard said.",
         "The ferry was carrying about 60 passengers."),
        ("c", "Evening Ledger", "2026-05-10",
         "The death toll from Sunday's ferry capsizing on Lake Orin has risen to 13, the coast guard said.",
         "Divers searched the wreck through the afternoon."),
        ("a2", "Lake Post", "2026-05-11T07:00:00Z",
         "The number of people killed when a ferry capsized on Lake Orin on Sunday climbed to 16 on Monday.",
         "The ferry was carrying about 60 passengers.")],
    "wildfires": [
        ("r1", "Valley Times", "2015-07-02T10:00:00Z",
         "Wildfires in the Arno hills left 8 people dead on Wednesday, the regional office said.",
         "About 400 hectares of forest burned overnight."),
        ("m", "South Daily", "2015-07-02T11:00:00Z",
         "The wildfires that swept the Arno hills on Wednesday claimed 11 lives, according to the fire service.",
         "About 400 hectares of forest burned overnight."),
        ("e", "Euro Desk", "2015-07-02T12:00:00Z",
         "The death toll from Wednesday's wildfires in the Arno hills stands at 8, the interior ministry said.",
         "Eight people lost their lives when the flames reached the villages."),
        ("r2", "Valley Times", "2015-07-03T09:00:00Z",
         "The number of dead from Wednesday's wildfires in the Arno hills rose to 10 on Thursday, the regional "
         "office said.", "About 400 hectares of forest burned overnight.")],
}


@lru_cache(maxsize=None)
def brief_of(story):
    return build_brief([report(*r) for r in STORIES[story]], Settings())


@pytest.mark.parametrize("story, conflicting, later, earlier", [
    ("ferry", ("a1", "b", "c", "a2"), "a2", "a1"),  # Lake Post's 7, updated by its own 16
    ("wildfires", ("m", "e"), "r2", "r1"),  # Valley Times's 8, updated by its next day's 10
])
def test_an_outlets_next_figure_is_the_update_of_its_own_earlier_one(story, conflicting, later, earlier):
    fact = toll_fact(brief_of(story), *conflicting)
    by_id = {a: v for v in fact.versions for a in v["article_ids"]}
    assert [e["article_id"] for e in by_id[later]["earlier"]] == [earlier]
    assert earlier in fact.article_ids and earlier not in by_id  # cited through its update, not as a version of its own


def test_every_outlets_latest_toll_is_a_version_every_wording_read():
    latest = {v["article_id"]: v for v in toll_fact(brief_of("ferry"), "a1", "b", "c", "a2").versions}
    assert set(latest) == {"a2", "b", "c"}  # one version an outlet: its latest figure, the 13 and 16 included
    assert "earlier" not in latest["b"] and "earlier" not in latest["c"]


def test_outlets_tolls_of_the_same_day_in_any_wording_conflict():
    fact = toll_fact(brief_of("wildfires"), "m", "e")
    by_id = {a: v for v in fact.versions for a in v["article_ids"]}
    assert by_id["m"]["text"].startswith("The wildfires") and "e" in by_id and by_id["e"] is not by_id["m"]
