"""Figures written as words are values like digits: one reader (``quantities``) for the facts, the summary,
quotes, the timeline and near-duplicate linking."""
import math

import pytest

from storyline.config import Settings
from storyline.consolidate import build_brief
from storyline.consolidate.disagreement import at_odds
from storyline.consolidate.quantities import disagree, mask_figures, quantities
from storyline.records import Annotations, Article, Sentence, StoredArticle
from storyline.stories.dedup import figures_changed


def values(text):
    return [(q.low, q.high) for q in quantities(text)]


@pytest.mark.parametrize("text, value", [
    ("Twelve people were killed", 12), ("Twenty-three people died", 23), ("twenty three people died", 23),
    ("a dozen people died", 12), ("two dozen people died", 24), ("half a dozen boats sank", 6),
    ("a hundred people fled", 100), ("one hundred and five people fled", 105), ("a hundred twenty people", 120),
    ("fifteen hundred people fled", 1500), ("two thousand three hundred people", 2300),
    ("3 million people", 3_000_000), ("1.5 million people", 1_500_000), ("half a million people", 500_000),
    ("one million people", 1_000_000), ("3 dozen eggs", 36), ("two-dozen park visitors", 24),
    ("three-hundred people", 300),
])
def test_a_number_in_words_is_its_value(text, value):
    assert values(text) == [(value, value)]


@pytest.mark.parametrize("text, low, high", [
    ("more than a dozen people", 12, math.inf), ("at least twelve people", 12, math.inf),
    ("nearly 20 people", 16, 20), ("nearly twenty people", 16, 20), ("about a thousand people", 800, 1200),
    ("hundreds of people", 200, 10_000), ("dozens were hurt", 24, 1200), ("several hundred people", 200, 10_000),
    ("tens of thousands of people", 20_000, 1_000_000),
])
def test_hedged_and_vague_figures_in_words_are_ranges(text, low, high):
    assert values(text) == [(low, high)]


@pytest.mark.parametrize("text", [
    "one of the victims was a child", "a second attack followed", "first responders arrived",
    "it happened once before", "one said the police came late", "the twenty-first century", "two-thirds of voters",
    "three quarters of the budget", "the seventh victim", "half of the people left", "He said one thing",
    "a Mount Dora 7-Eleven store",
])
def test_ordinals_fractions_and_one_as_a_pronoun_are_not_figures(text):
    assert quantities(text) == []


def test_words_and_digits_agree_or_disagree_alike():
    assert disagree(quantities("twelve people were killed"), quantities("14 people were killed"))
    assert not disagree(quantities("a dozen people were killed"), quantities("12 people were killed"))
    assert not disagree(quantities("one hundred and five people"), quantities("105 people"))  # not 100
    assert not disagree(quantities("more than a dozen people"), quantities("14 people"))
    assert not disagree(quantities("at least twelve people"), quantities("14 people"))
    assert disagree(quantities("nearly twenty people"), quantities("23 people"))
    assert disagree(quantities("hundreds of people"), quantities("80 people"))
    assert not disagree(quantities("hundreds of people"), quantities("450 people"))
    assert at_odds("Twelve people were killed in the blast.", "14 people were killed in the blast.") == "number"
    assert at_odds("One of the victims was a child.", "Two of the victims were children.") is None


def test_and_a_half_is_read_with_its_scale_word():
    # the reviewer's cases: "a million and a half" had been 1,000,000 (a false conflict with 1.5 million), "Two and
    # a half thousand" 2
    assert [q.value for q in quantities("A million and a half people fled the fighting.")] == [1_500_000]
    assert at_odds("A million and a half people fled the fighting.", "1.5 million people fled the fighting.") is None
    assert at_odds("A million and a half people fled the fighting.", "2 million people fled the fighting.") == "number"
    assert [q.value for q in quantities("Two and a half thousand people marched.")] == [2_500]
    assert [q.value for q in quantities("one and a half million people")] == [1_500_000]
    assert [q.value for q in quantities("a dozen and a half eggs")] == [18]
    assert [q.value for q in quantities("two and a half years later")] == [2.5]
    # what the word reader cannot read whole is no figure, rather than the part before it
    assert quantities("One and a quarter million people fled.") == []
    assert quantities("2 and a half million people fled.") == []


def test_one_alone_is_masked_as_it_is_read_no_figure():
    # mask_figures had hidden "one" where quantities() reads no figure
    assert mask_figures("No one was hurt.", "#") == "No one was hurt."
    assert mask_figures("One Direction played one hundred songs.", "#") == "One Direction played # songs."


def test_two_figures_side_by_side_are_both_read():
    assert [q.value for q in quantities("twelve and fifteen people")] == [12, 15]
    assert [q.value for q in quantities("in 2008 about 3 million")] == [3_000_000]  # the year aside


def test_number_words_are_masked_where_figures_must_not_weigh():
    assert mask_figures("Fourteen people died") .split() == ["people", "died"]
    assert mask_figures("3 million people").split() == mask_figures("three million people").split() == ["people"]
    assert mask_figures("about a dozen boats").split() == ["about", "boats"]


def test_a_copy_that_changes_a_figure_in_words_is_not_the_same_report():
    original = "Twelve people were killed when the bridge collapsed on Tuesday. Rescue teams worked all night."
    copy = "Fourteen people were killed when the bridge collapsed on Tuesday. Rescue teams worked all night."
    assert figures_changed(copy, original)
    assert not figures_changed("A dozen people were killed when the bridge collapsed on Tuesday. "
                               "Rescue teams worked all night.", original.replace("Twelve", "12"))


def article(aid, outlet, sentences, published):
    text = " ".join(sentences)
    spans, pos = [], 0
    for s in sentences:
        spans.append(Sentence(pos, pos + len(s)))
        pos += len(s) + 1
    art = Article(id=aid, source=aid, text=text, title=f"Title {aid}", outlet=outlet, published=published)
    return StoredArticle(art, Annotations(sentences=spans), "s")


def pair_facts(first, second, *, second_published):
    a = article("a", "Ledger", [first, "Rescue teams worked through the night under heavy rain."], "2018-08-14")
    b = article("b", "Courier", [second, "Officials promised an inquiry into the motorway operator."], second_published)
    return [f for f in build_brief([a, b], Settings()).facts if len(f.article_ids) == 2]


@pytest.mark.parametrize("first", ["Twelve people died", "A dozen people died"])
def test_a_toll_in_words_that_rises_in_a_later_report_is_an_update(first):
    facts = pair_facts(f"{first} when the bridge collapsed in Genoa on Tuesday.",
                       "The number of people who died when the bridge collapsed in Genoa on Tuesday rose to 14.",
                       second_published="2018-08-15")
    assert [(f.status, f.update) for f in facts] == [("agreed", True)]
    assert [v["article_id"] for v in facts[0].versions] == ["a", "b"]  # oldest first


@pytest.mark.parametrize("first", ["Twelve people died", "twelve people died", "Two dozen people died",
                                   "More than two dozen people died", "Hundreds of people died"])
def test_a_figure_in_words_against_another_in_digits_at_the_same_time_is_a_conflict(first):
    facts = pair_facts(f"{first} when the bridge collapsed in Genoa on Tuesday.",
                       "14 people died when the bridge collapsed in Genoa on Tuesday.", second_published="2018-08-14")
    assert [f.status for f in facts] == ["conflict"]
    assert {o for v in facts[0].versions for o in v["outlets"]} == {"Ledger", "Courier"}


@pytest.mark.parametrize("first", ["A dozen people died", "One hundred and five people died",
                                   "More than a dozen people died"])
def test_the_same_figure_in_words_and_digits_agrees(first):
    second = "105 people died" if "hundred" in first else "14 people died" if "More" in first else "12 people died"
    facts = pair_facts(f"{first} when the bridge collapsed in Genoa on Tuesday.",
                       f"{second} when the bridge collapsed in Genoa on Tuesday.", second_published="2018-08-14")
    assert [(f.status, f.update) for f in facts] == [("agreed", False)]


def test_a_figure_weighs_the_same_in_words_as_in_digits_where_claims_are_aligned():
    from storyline.consolidate.disagreement import frame
    from storyline.consolidate.facts import Claim, claim_similarity
    from storyline.stories.dedup import _words_of

    words, digits = "Seventeen houses burned down in the fire.", "19 houses burned down in the fire."
    other = "Firefighters fought the blaze for hours."
    sim = claim_similarity([Claim(0, words), Claim(1, digits), Claim(2, other)])
    assert sim[0, 1] == pytest.approx(1.0)  # the figure is what is compared, not what aligns
    assert frame(words, ()) == frame(digits, ()) == {"houses", "burned"}  # ("fire" is a stop word to sklearn)
    assert _words_of(words) == _words_of(digits)
