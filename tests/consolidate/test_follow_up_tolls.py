"""A follow-up toll counted from the story's own event ("14 people have died since the crash on Tuesday") is a later
version of that event's toll, from the same outlet or another; a toll counted from another event ("since a similar
crash", "since last year's crash", "the deadliest since 2019") stays background: never an update nor a conflict."""
import pytest

from storyline.config import Settings
from storyline.consolidate import build_brief
from storyline.consolidate.facts import contradiction
from storyline.consolidate.sentences import StorySentence
from storyline.records import Article, StoredArticle

from .sentences_of import member

FIRST = ("12 people were killed when a passenger bus collided with a fuel truck on the A7 motorway near Lyon on Tuesday, "
         "police said.")
FIRE = "The bus, carrying 52 passengers from Marseille to Paris, caught fire after the crash, police spokesman Jean Dupont said."


def report(aid: str, outlet: str, lead: str, published: str) -> StoredArticle:
    m = member(aid, outlet, [lead, FIRE])
    a = m.article
    return StoredArticle(Article(id=a.id, source=a.source, text=a.text, title=a.title, outlet=outlet,
                                 published=published), m.annotations, "s")


def tolls(later_outlet: str, later: str) -> list:
    brief = build_brief([report("r1", "Reuters", FIRST, "2026-11-10T10:00:00Z"),
                         report("r2", later_outlet, later, "2026-11-11T10:00:00Z")], Settings())
    return [f for f in brief.facts if f.text in (FIRST, later)]


@pytest.mark.parametrize("outlet", ["Reuters", "AP"])  # the outlet's own later report, another outlet's
@pytest.mark.parametrize("later", [
    "Fourteen people have died since the crash on Tuesday, police said.",
    "14 people have died since Tuesday's crash on the A7 motorway near Lyon, police said.",
])
def test_a_toll_since_the_storys_own_event_updates_it(outlet: str, later: str) -> None:
    [fact] = tolls(outlet, later)
    assert fact.update and fact.status != "conflict"
    assert [v["article_id"] for v in fact.versions] == ["r1", "r2"] and fact.text == later


@pytest.mark.parametrize("outlet", ["Reuters", "AP"])
@pytest.mark.parametrize("later", [
    "3 people have died since a similar crash on the A7 motorway near Lyon, police said.",
    "3 people have died since last year's crash on the A7 motorway near Lyon, police said.",
    "3 people have died since the 2019 crash on the A7 motorway near Lyon, police said.",
    "It was the deadliest crash on the A7 motorway since 2019, when 3 people were killed near Lyon, police said.",
    "Last year, 3 people were killed in a similar crash on the A7 motorway near Lyon, police said.",
    # a word between "the" and the event may name another event; a record is measured against another; a relative
    # clause with its own toll tells of another event
    "3 people have died since the last crash on the A7 motorway near Lyon, police said.",
    "3 people have died since the first crash on the A7 motorway near Lyon, police said.",
    "It was the deadliest crash on the A7 motorway since the Lyon bus crash, which killed 3 people, police said.",
    "It was the deadliest crash on the A7 motorway since the crash, which killed 3 people, police said.",
    "3 people have died on the A7 motorway since the collapse, which killed 3 people near Lyon, police said.",
])
def test_a_toll_since_another_event_stays_background(outlet: str, later: str) -> None:
    facts = tolls(outlet, later)
    assert len(facts) == 2 and not any(f.update or f.status == "conflict" for f in facts)


def test_an_outlets_own_tolls_in_other_words_are_compared_not_cited_as_one_fact() -> None:
    # one outlet's lead tolls aligned by what they count (12 killed / Fourteen died) had become one fact citing both
    # reports, neither an update nor a conflict: the counted alignment joined them and nothing compared their figures
    a = ("12 people were killed and 30 injured when a passenger bus collided with a fuel truck on the A7 motorway near "
         "Lyon on Tuesday morning, French police said.")
    b = "Fourteen people died and 28 were hurt Tuesday when a bus hit a fuel tanker on a motorway south of Lyon, officials said."
    brief = build_brief([report("r1", "Reuters", a, "2026-11-10T10:00:00Z"),
                         report("r2", "Reuters", b, "2026-11-11T10:00:00Z")], Settings())
    [fact] = [f for f in brief.facts if f.text in (a, b)]
    assert fact.update and [v["article_id"] for v in fact.versions] == ["r1", "r2"]


def _sentence(text: str, day: str) -> StorySentence:
    return StorySentence("x", "x", 0, text, 0, len(text), "Outlet", f"{day}T08:00:00Z", (), ())


@pytest.mark.parametrize("counted, update", [("person", "people"), ("worker", "workers"), ("dog", None), ("cow", None)])
def test_a_later_higher_killing_figure_is_an_update_only_of_people(counted: str, update: str | None) -> None:
    # a read-only review of session 26: "killing 1 dog" / "killing 3 dogs" a day later had been read as a toll's rise
    a = f"The storm flattened the farm, killing 1 {counted}."
    b = f"The storm flattened the farm, killing 3 {update or counted + 's'}."
    kind = contradiction(a, b, _sentence(a, "2026-10-07"), _sentence(b, "2026-10-08"), strict=True)
    assert (kind == "update") is (update is not None)
