"""An outlet's own later toll in "has risen to" wording is that outlet's update, and another outlet's same figure in
its own words agrees with it. Three causes had kept such tolls apart (session 25's tester, session 26): the look-ahead
for what a figure counts ran past the next figure in words ("has risen to 11 after two injured villagers died" read
the 11 as injured, with "after" as its noun); "the number who died" was no toll subject; and TF-IDF read "died", "the
death toll" and "killed" as different words, so a short "Eleven people were killed when the dam burst" never came near
enough to be compared by what it counts. A day a source told something ("rescuers said on Thursday") anchors no event
either (``telling``)."""
import pytest

from storyline.config import Settings
from storyline.consolidate import build_brief
from storyline.consolidate.quantities import one_word_per_casualty, quantities
from storyline.records import Article, StoredArticle

from .sentences_of import member

FIRST = "A dam above the village of Kessel burst on Tuesday night, killing 9 people, rescuers said."
OTHER = "Nine people died when a dam above the village of Kessel burst on Tuesday night, rescuers said."
RISEN = ("The death toll from Tuesday night's dam burst near Kessel has risen to 11 after two injured villagers died "
         "in hospital, rescuers said on Thursday.")
NUMBER_WHO = "The number who died in the dam burst near Kessel rose to 11, rescuers said on Thursday."
ELEVEN = "Eleven people were killed when the dam burst."
ARREST = "The engineer in charge of the dam above Kessel has been arrested on suspicion of negligence, police said."
REST = "Army helicopters dropped food and water to families stranded on the roofs of their homes."


def report(aid: str, outlet: str, sentences: list[str], published: str) -> StoredArticle:
    m = member(aid, outlet, sentences)
    a = m.article
    return StoredArticle(Article(id=a.id, source=a.source, text=a.text, title=a.title, outlet=outlet,
                                 published=published), m.annotations, "s")


@pytest.mark.parametrize("text, value", [(RISEN, 11), (NUMBER_WHO, 11), ("The number of people who were killed "
                                                                          "climbed to 23 on Friday.", 23)])
def test_a_toll_in_risen_wording_counts_the_killed(text: str, value: int) -> None:
    [toll] = [q for q in quantities(text) if q.value == value]
    assert toll.event == "killed" and toll.head is None


def test_each_wording_of_a_toll_is_one_word() -> None:
    assert one_word_per_casualty("the death toll rose after two died; 9 dead, killing 3") == \
        "the killed rose after two killed; 9 killed, killed 3"


@pytest.mark.parametrize("later", [RISEN, NUMBER_WHO])
def test_an_outlets_risen_toll_is_its_update_and_another_outlets_figure_agrees(later: str) -> None:
    brief = build_brief([report("h1", "Valley Herald", [FIRST, REST], "2026-10-07T08:00:00Z"),
                         report("m1", "Mountain Wire", [OTHER, REST], "2026-10-07T09:00:00Z"),
                         report("h2", "Valley Herald", [later, REST], "2026-10-09T08:00:00Z"),
                         report("t1", "Alpine Times", [ARREST, ELEVEN], "2026-10-09T10:00:00Z")], Settings())
    [update] = [f for f in brief.facts if f.update]
    assert update.status != "conflict"
    order = [v["article_id"] for v in update.versions]
    assert order.index("h1") < order.index("h2")  # the Herald's 9, then its 11
    # the 9 both outlets gave stays agreed; the 11 is agreed by the Herald's later report and the Alpine Times
    assert [f for f in brief.facts if f.status == "agreed" and not f.update and {"h1", "m1"} <= set(f.article_ids)
            and f.text in (FIRST, OTHER)]
    assert [f for f in brief.facts if f.status == "agreed" and not f.update and {"h2", "t1"} <= set(f.article_ids)
            and f.text in (later, ELEVEN)]


@pytest.mark.parametrize("text", ["Drivers paid the toll road's new fee.", "Call the toll-free line.",
                                  "Tourists floated in the Dead Sea.", "There were hurt feelings on both sides.",
                                  "The street is a dead end."])
def test_words_that_name_no_casualty_are_kept(text):
    assert one_word_per_casualty(text) == text
