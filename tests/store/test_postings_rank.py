"""The in-memory candidate ranking (numpy sums by story number) against the posting-by-posting dict loop it
replaced (issue 4): the same stories in the same order, the same float sums, ties broken by id."""
import random
from array import array

from hypothesis import given
from hypothesis import strategies as st

from storyline.store import postings
from storyline.store.postings import PostingsCache
from storyline.stories.compiled import ranked_sums


def reference(table: dict[str, list[tuple[int, str, float]]], terms: list[str], limit: int, cap: int) -> list[str]:
    """The loop before: each term's first ``cap`` postings summed in term order, then by (-sum, id)."""
    overlap: dict[str, float] = {}
    for t in terms:
        for _, story, w in table.get(t, [])[:cap]:
            overlap[story] = overlap.get(story, 0.0) + w
    return sorted(overlap, key=lambda s: (-overlap[s], s))[:limit]


def random_table(rng: random.Random, n_terms: int, n_stories: int) -> dict[str, list[tuple[int, str, float]]]:
    table = {}
    for t in range(n_terms):
        stories = rng.sample(range(n_stories), rng.randint(0, min(n_stories, 30)))
        # weights from a small set, so that many stories tie on their sums
        rows = [(rng.randint(0, 50), f"s{s}", rng.choice([0.1, 0.2, 0.30000000000000004, 0.7])) for s in stories]
        table[f"t{t}"] = sorted(rows, key=lambda r: (-r[0], r[1]))
    return table


def test_ranking_matches_the_dict_loop_with_ties_limits_and_capped_terms():
    rng = random.Random(7)
    for _ in range(200):
        table = random_table(rng, 12, 40)
        cap = rng.choice([5, 10, 200])
        cache = PostingsCache(cap)
        load = lambda t, n: table.get(t, [])[:n]  # noqa: E731 - the store's (term, limit) read
        for _ in range(5):
            terms = list(dict.fromkeys(rng.choices(sorted(table) + ["absent"], k=rng.randint(0, 8))))
            limit = rng.choice([0, 1, 3, 10, 100])
            assert cache.rank(terms, limit, load) == reference(table, terms, limit, cap)


def test_rank_follows_saves_and_the_numbering_starts_afresh_past_its_cap(monkeypatch):
    table = {"a": [(3, "s1", 0.5), (2, "s2", 0.4)], "b": [(3, "s2", 0.2)]}
    cache = PostingsCache(200)
    load = lambda t, n: table[t][:n]  # noqa: E731
    assert cache.rank(["a", "b"], 10, load) == ["s2", "s1"]  # 0.6 > 0.5
    cache.replaced("s3", [], [("a", 0.9)], recency=4)  # a new story saved under a cached term
    assert cache.rank(["a", "b"], 2, load) == ["s3", "s2"]
    monkeypatch.setattr(postings, "MAX_CODES", 2)  # three stories numbered: the next ranking starts afresh
    table["a"].insert(0, (4, "s3", 0.9))  # (the store holds what the cache was told)
    assert cache.rank(["a", "b"], 3, load) == ["s3", "s2", "s1"]
    assert len(cache.stories) == 3 and cache.numbers == {"s3": 0, "s1": 1, "s2": 2}


def test_ranking_over_thousands_of_numbered_stories_matches_the_dict_loop():
    """Round 5: sums gathered through a scratch array indexed by story number, grown as stories are numbered and
    never cleared between rankings (only the slots a ranking writes are read)."""
    rng = random.Random(11)
    n_stories = 5000
    table = {}
    for t in range(60):
        stories = rng.sample(range(n_stories), rng.randint(50, 400))
        rows = [(rng.randint(0, 10_000), f"s{s}", rng.choice([0.1, 0.2, 0.30000000000000004, rng.random()]))
                for s in stories]
        table[f"t{t}"] = sorted(rows, key=lambda r: (-r[0], r[1]))
    cache = PostingsCache(200)
    load = lambda t, n: table[t][:n]  # noqa: E731
    for _ in range(150):
        terms = rng.sample(sorted(table), rng.randint(1, 40))
        limit = rng.choice([1, 10, 30, 100])
        assert cache.rank(terms, limit, load) == reference(table, terms, limit, 200)
    scratch = cache.scratch if ranked_sums() is None else cache.mark  # (the compiled ranking's, round 6)
    assert len(scratch) >= len(cache.stories) > 1024  # the scratch grew past its first size


def test_a_term_that_loses_a_ranked_posting_ranks_from_its_slack_without_reading_the_store_again():
    """Round 5: postings past the ranked cap are kept, so a story dropped from a term leaves the next posting known."""
    table = {"a": [(9 - k, f"s{k}", 0.1 * (k + 1)) for k in range(6)]}
    reads = []

    def load(t, n):
        reads.append(t)
        return table[t][:n]

    cache = PostingsCache(3, slack=2)
    assert cache.rank(["a"], 10, load) == reference(table, ["a"], 10, 3) == ["s2", "s1", "s0"]
    table["a"] = [r for r in table["a"] if r[1] != "s1"]  # the store drops s1 from the term
    cache.removed("s1", ["a"])
    assert cache.rank(["a"], 10, load) == reference(table, ["a"], 10, 3) == ["s3", "s2", "s0"]
    assert reads == ["a"]  # s3 came from the slack
    for story in ("s0", "s2", "s3"):  # past the slack: the term is read again
        table["a"] = [r for r in table["a"] if r[1] != story]
        cache.removed(story, ["a"])
    assert cache.rank(["a"], 10, load) == reference(table, ["a"], 10, 3) == ["s5", "s4"]
    assert reads == ["a", "a"]


@given(st.lists(st.tuples(st.integers(0, 6), st.sampled_from("abcdef")), max_size=25))
def test_a_posting_is_added_in_retrieval_order_newest_or_not(added):
    """The new posting is usually the newest yet (first, found without a search), but a settle or an equal
    recency can put it anywhere: the list stays in (newest first, then story id) order either way."""
    names = list("fcaebd")  # numbered out of id order: a tie in recency is broken by id, not by number
    p = postings.Postings([], cap=100, codes=lambda ids: [names.index(s) for s in ids])
    seen = set()
    for recency, story in added:
        if story in seen:  # one posting a story under a term, as the store keeps them
            assert p.remove(names.index(story)) == 1
        seen.add(story)
        p.add(names.index(story), 0.5, recency, names)
    ids = [names[c] for c in p.codes]
    assert list(zip(p.recency, ids)) == sorted(zip(p.recency, ids), key=lambda r: (-r[0], r[1]))
    assert sorted(ids) == sorted(seen) and len(p) == len(seen)


@given(st.lists(st.tuples(st.sampled_from(["add", "remove", "trim"]), st.integers(0, 6), st.sampled_from("abcdefgh"),
                          st.floats(-2, 2, allow_nan=False)), max_size=40),
       st.integers(1, 12))
def test_the_ranked_arrays_follow_every_change_in_place(changes, ranked):
    """Session 24: a term's numbers and weights are kept as C arrays changed in place (not Python lists made into
    numpy arrays again after each save): after any adds, removes and trims, ``ranked_onto`` appends the first ``ranked``
    numbers and weights of the postings in retrieval order."""
    names = list("hbgadfce")  # numbered out of id order (ties in recency are broken by id)
    numbers = {s: i for i, s in enumerate(names)}
    p = postings.Postings([(9, "h", 0.25)], cap=100, codes=lambda ids: [numbers[s] for s in ids])
    kept = {"h": (9, 0.25)}
    for change, recency, story, weight in changes:
        if change == "trim":
            p.trim(recency)
            order = sorted(kept, key=lambda s: (-kept[s][0], s))
            kept = {s: kept[s] for s in order[:recency]}
            continue
        assert p.remove(numbers[story]) == (story in kept)
        kept.pop(story, None)
        if change == "add":
            p.add(numbers[story], weight, recency, names)
            kept[story] = (recency, weight)
    order = sorted(kept, key=lambda s: (-kept[s][0], s))[:ranked]
    codes, weights = array("q", [5]), array("d", [0.5])  # (a ranking's arrays: appended to)
    p.ranked_onto(codes, weights, ranked)
    assert codes.tolist() == [5, *(numbers[s] for s in order)] and weights.tolist() == [0.5, *(kept[s][1] for s in order)]
    p.add(8, 1.0, 99, [*names, "z"])  # what was appended is a copy: changing the term after leaves it as it was
    assert codes.tolist() == [5, *(numbers[s] for s in order)]


def test_ranking_after_saves_makes_no_numpy_array_of_a_python_list(monkeypatch):
    """Session 24: a saved story changes its terms' kept arrays in place; ranking reads them as they are."""
    table = {"a": [(3, "s1", 0.5), (2, "s2", 0.4)], "b": [(3, "s2", 0.2)]}
    cache = PostingsCache(200)
    load = lambda t, n: table[t][:n]  # noqa: E731
    assert cache.rank(["a", "b"], 10, load) == ["s2", "s1"]
    cache.replaced("s3", [], [("a", 0.9), ("b", 0.1)], recency=4)
    made = []
    real = postings.np.array
    monkeypatch.setattr(postings.np, "array", lambda *a, **k: made.append(a) or real(*a, **k))
    assert cache.rank(["a", "b"], 3, load) == ["s3", "s2", "s1"]
    assert made == []


def test_a_story_saved_first_reads_no_term_through_and_ranks_as_the_store_does(monkeypatch):
    """Session 25: a story never numbered is under no kept term, so its first save removes nothing (finding it absent
    read every id of its forty terms); a story numbered since is still removed from the terms it leaves."""
    table = {"a": [(3, "s1", 0.5), (2, "s2", 0.4)], "b": [(3, "s2", 0.2)]}
    cache = PostingsCache(200)
    load = lambda t, n: table[t][:n]  # noqa: E731
    assert cache.rank(["a", "b"], 10, load) == ["s2", "s1"]
    searched = []
    real = postings.Postings.remove
    monkeypatch.setattr(postings.Postings, "remove", lambda p, code: searched.append(cache.stories[code]) or real(p, code))
    cache.replaced("s3", ["a", "b"], [("a", 0.9), ("b", 0.1)], recency=4)  # its first save: the store held none
    table = {"a": [(4, "s3", 0.9), *table["a"]], "b": [(4, "s3", 0.1), *table["b"]]}
    assert searched == []
    assert cache.rank(["a", "b"], 10, load) == reference(table, ["a", "b"], 10, 200) == ["s3", "s2", "s1"]
    cache.replaced("s3", ["b", "a"], [("b", 0.05)], recency=5)  # it leaves "a"
    table = {"a": table["a"][1:], "b": [(5, "s3", 0.05), *table["b"][1:]]}
    assert searched == ["s3", "s3"]
    assert cache.rank(["a", "b"], 10, load) == reference(table, ["a", "b"], 10, 200) == ["s2", "s1", "s3"]
    cache.removed("s4", ["a", "b"])  # a story never numbered: nothing to read
    assert searched == ["s3", "s3"]
