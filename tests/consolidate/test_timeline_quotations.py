"""A quotation that runs over paragraphs is listed whole in the timeline or not at all, never cut at its first
paragraph's end (the tester's report of s27: a council leader's quotation stopped at "... families tonight.")."""
import re

from storyline.consolidate.timeline import build_timeline
from storyline.records import Annotations, Article, Sentence, StoredArticle, TimeExpr

LEAD = "Three people died when a footbridge collapsed over the River Stort in Harlow on Monday, police said."
CONTINUED = ("Councillor Mark Ingham, the leader of Harlow Council, said on Monday: \"Our thoughts are with the "
             "families tonight.\n\n\"We will find out what happened to this bridge, and if anyone is responsible "
             "they will be held to account.\"")
AFTER = "Essex Police have closed Station Approach and asked people to avoid the area."


def member(text, dated):
    # a sentence each up to a full stop (and its closing mark), none over a paragraph break, as the splitter reads
    sentences = [Sentence(m.start(), m.end()) for m in re.finditer(r"[^\s][^\n]*?[.!?][\"”]?(?=\s|$)", text)]
    times = [TimeExpr(words, at, at + len(words), "DATE", "2026-11-23")
             for words in dated for at in [m.start() for m in re.finditer(words, text)]]
    article = Article(id="a", source="Harlow Star", text=text, published="2026-11-24")
    return StoredArticle(article, Annotations(sentences=sentences, times=times), "s")


def texts(text, dated=("Monday",)):
    return [e.text for e in build_timeline([member(text, dated)], duplicates_of={})]


def test_a_quotation_continued_in_the_next_paragraph_is_shown_whole():
    shown = texts(f"{LEAD}\n\n{CONTINUED}\n\n{AFTER}")
    assert ("Councillor Mark Ingham, the leader of Harlow Council, said on Monday: \"Our thoughts are with the "
            "families tonight. \"We will find out what happened to this bridge, and if anyone is responsible they "
            "will be held to account.\"") in shown
    assert not any(s.endswith("families tonight.") for s in shown)


def test_its_second_paragraph_is_shown_with_the_first_or_not_at_all():
    # the date in the quotation's second paragraph: listed with the words that open it
    text = (f"{LEAD}\n\nMark Ingham said: \"Our thoughts are with the families.\n\n\"The bridge was inspected on "
            f"Monday and passed,\" he said.")
    shown = [s for s in texts(text) if "inspected" in s]
    assert shown == ["Mark Ingham said: \"Our thoughts are with the families. \"The bridge was inspected on Monday "
                     "and passed,\" he said."]


def test_a_quotation_too_long_to_show_whole_shows_its_opening_marked_as_going_on():
    long = " ".join(["The families deserve answers and they will get them from this council."] * 4)
    text = f"{LEAD}\n\nMark Ingham said on Monday: \"Our thoughts are with the families.\n\n\"{long}\""
    assert sorted(texts(text)) == sorted([LEAD, "Mark Ingham said on Monday: \"Our thoughts are with the families. …"])


def test_a_mark_no_later_paragraph_closes_opens_no_quotation():
    # a typo's unclosed mark, an inch sign: the sentence is shown as written
    typo = "The bridge, known locally as the \"Stort crossing, was inspected on Monday, the council said."
    inch = "A 36\" water main burst under Station Road on Monday, Affinity Water said."
    assert sorted(texts(f"{LEAD}\n\n{typo}")) == sorted([LEAD, typo])
    assert sorted(texts(f"{LEAD}\n\n{inch}\n\nThe road stays shut.")) == sorted([LEAD, inch])


def test_a_quotation_over_paragraphs_is_one_entry_not_one_per_dated_sentence():
    text = (f"{LEAD}\n\nCouncillor Mark Ingham said: \"We closed the bridge to traffic on Monday.\n\n"
            f"\"Engineers will inspect it on Tuesday and we will publish what they find,\" he said.")
    report = member(text, ("Monday",))
    at = text.index("Tuesday")
    report.annotations.times.append(TimeExpr("Tuesday", at, at + 7, "DATE", "2026-11-24"))
    quoted = [(e.date, e.text) for e in build_timeline([report], duplicates_of={}) if "Ingham" in e.text]
    assert quoted == [("2026-11-23", "Councillor Mark Ingham said: \"We closed the bridge to traffic on Monday. "
                                     "\"Engineers will inspect it on Tuesday and we will publish what they find,\" "
                                     "he said.")]


def test_a_quotation_closed_only_in_the_next_paragraph_is_left_out():
    # an opening mark in one paragraph and its closing in the next, no mark reopening it: no convention joins it
    text = (f"{LEAD}\n\nMark Ingham said on Monday: \"Our thoughts are with the families.\n\nWe will find out "
            f"what happened to this bridge.\"\n\n{AFTER}")
    shown = texts(text)
    assert LEAD in shown and not any("Ingham" in s or "find out" in s for s in shown)


def test_quotations_within_a_paragraph_are_shown_as_before():
    text = f"{LEAD}\n\n\"It was terrifying,\" a witness said of the collapse on Monday."
    assert sorted(texts(text)) == sorted([LEAD, "\"It was terrifying,\" a witness said of the collapse on Monday."])
