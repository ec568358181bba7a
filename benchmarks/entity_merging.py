"""Entity merging across a story's articles: spelling variants and short forms, measured on real stories.

There is no gold for cross-outlet name variants in the dev sets, so this builds one from them: for
real gold stories of ``../shared/data/clustering/dev.jsonl.gz``, spaCy finds the PERSON mentions of
each article; in one article of the story every mention of one full name is rewritten the way another
outlet would write it (a transliteration: q/k/g, dh/d, doubled or single letters, -y/-i, ou/u; the
surname alone; a title in front), deterministically (seeded). Then:

* positive pairs: the original full name and its rewritten form must end in one entity;
* negative pairs: two full names of the story with different surnames must not.

Pairwise precision/recall/F1 of "same entity" is reported for storyline's ``merge_entities`` and for
two peers run on the same mentions in the same run: exact match after stripping titles (what spaCy
alone gives) and fuzzy matching (rapidfuzz token-set ratio >= 85, single link).

    .venv/bin/python benchmarks/entity_merging.py [--stories 150] [--seed 7]
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz

from storyline.consolidate.entities import merge_entities, strip_titles
from storyline.enrich import Enricher
from storyline.records import Annotations, Article, Mention, StoredArticle

DEV = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "clustering" / "dev.jsonl.gz"
REWRITES = [(r"^Q", "G"), (r"^G", "K"), (r"^K", "Q"), (r"dh", "d"), (r"([bdfglmnprst])\1", r"\1"),
            (r"([aeiou])([bdfglmnprst])([aeiou])", r"\1\2\2\3"), (r"y$", "i"), (r"i$", "y"), (r"ou", "u"),
            (r"u", "ou"), (r"ph", "f"), (r"ck", "k"), (r"ei", "ey"), (r"sch", "sh")]
TITLES = ["President", "Mr.", "Ms.", "Minister", "Senator", "Dr."]


def variant(full: str, rng: random.Random) -> str:
    """How another outlet might write ``full``: respelt, shortened to the surname, or titled."""
    first, *rest = full.split()
    surname = rest[-1]
    kind = rng.choice(["spelling", "spelling", "surname", "title"])
    if kind == "surname":
        return surname
    if kind == "title":
        return f"{rng.choice(TITLES)} {full}"
    for pattern, repl in rng.sample(REWRITES, len(REWRITES)):
        respelt = re.sub(pattern, repl, surname, count=1)
        if respelt != surname and len(respelt) >= 3:
            return " ".join([first, *rest[:-1], respelt])
    return surname


def load_stories(limit: int, seed: int) -> list[list[dict]]:
    stories = defaultdict(list)
    with gzip.open(DEV, "rt") as f:
        for line in f:
            record = json.loads(line)
            stories[record["cluster"]].append(record)
    multi = sorted((v for v in stories.values() if len(v) >= 2), key=lambda v: v[0]["id"])
    return random.Random(seed).sample(multi, min(limit, len(multi)))


def member(aid: str, text: str, mentions: list[Mention]) -> StoredArticle:
    return StoredArticle(Article(id=aid, source=aid, text=text), Annotations(mentions=mentions), "s")


def exact_groups(names: list[str]) -> dict[str, str]:
    return {n: strip_titles(n) for n in names}


def fuzzy_groups(names: list[str]) -> dict[str, str]:
    parent = {n: n for n in names}

    def root(n):
        while parent[n] != n:
            n = parent[n]
        return n

    stripped = {n: strip_titles(n) for n in names}
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if fuzz.token_set_ratio(stripped[a], stripped[b]) >= 85:
                parent[root(a)] = root(b)
    return {n: root(n) for n in names}


def score(pairs: list[tuple[str, str, bool]], group_of: dict[str, str]) -> dict[str, float]:
    tp = sum(1 for a, b, same in pairs if same and group_of.get(a) == group_of.get(b))
    fp = sum(1 for a, b, same in pairs if not same and group_of.get(a) == group_of.get(b))
    fn = sum(1 for a, b, same in pairs if same and group_of.get(a) != group_of.get(b))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=150)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-v", action="store_true", help="print the pairs storyline gets wrong")
    args = parser.parse_args()
    if not DEV.exists():
        print(f"no dev set at {DEV}", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    stories = load_stories(args.stories, args.seed)
    enricher = Enricher()
    started = time.perf_counter()
    pairs_all: list[tuple[str, str, bool]] = []
    ours, exact, fuzzy = {}, {}, {}
    used = 0
    for n, story in enumerate(stories):
        articles = [Article(id=r["id"], source=r["id"], text=r["text"][:20000], title=r.get("title")) for r in story]
        enriched = list(enricher.enrich(articles))
        persons = {m.text for e in enriched for m in e.annotations.mentions
                   if m.label == "PERSON" and len(strip_titles(m.text).split()) >= 2 and m.text[0].isupper()}
        if not persons:
            continue
        target = rng.choice(sorted(persons))
        rewritten = variant(strip_titles(target), rng)
        home = next(e for e in enriched if any(m.text == target for m in e.annotations.mentions))
        others = [e for e in enriched if e is not home] or [home]
        where = rng.choice(others)
        members = []
        for e in enriched:
            mentions = list(e.annotations.mentions)
            if e is where:
                mentions = [Mention(rewritten, m.label, m.start, m.end) if m.text == target else m for m in mentions]
                mentions.append(Mention(rewritten, "PERSON", 0, 0))  # the variant occurs in this article
            members.append(member(e.article.id, e.article.text, mentions))
        _, canonical_of = merge_entities(members)
        tag = f"{n}:"  # names are compared within their story only
        names = sorted({m.text for mm in members for m in mm.annotations.mentions if m.label == "PERSON"})
        ours.update({tag + k: tag + canonical_of.get(strip_titles(k), strip_titles(k)) for k in names})
        exact.update({tag + k: tag + v for k, v in exact_groups(names).items()})
        fuzzy.update({tag + k: tag + v for k, v in fuzzy_groups(names).items()})
        pairs_all.append((tag + target, tag + rewritten, True))
        fulls = sorted({strip_titles(p) for p in persons if strip_titles(p) != strip_titles(target)})
        # spaCy's mentions may differ only by a possessive or a title: those are one person, not a negative
        surname = strip_titles(target).split()[-1].lower()
        first = strip_titles(target).split()[0].lower()
        for other in fulls:
            other_first, other_surname = other.split()[0].lower(), other.split()[-1].lower()
            # different people: another surname, or the same surname with another first name (two Clintons)
            if other_surname != surname or (other_first != first and len(other_first) > 2 and len(first) > 2
                                            and other_first[0] != first[0]):
                original = next(p for p in persons if strip_titles(p) == other)
                pairs_all.append((tag + target, tag + original, False))
                pairs_all.append((tag + rewritten, tag + original, False))
        used += 1
    if "-v" in sys.argv:
        for a, b, same in pairs_all:
            if same != (ours.get(a) == ours.get(b)):
                print("MISS" if same else "FALSE MERGE", a, "|", b, "->", ours.get(a), "|", ours.get(b), file=sys.stderr)
    positives = sum(1 for *_, same in pairs_all if same)
    print(json.dumps({
        "stories": used, "positive_pairs": positives, "negative_pairs": len(pairs_all) - positives,
        "storyline": score(pairs_all, ours), "exact_after_titles": score(pairs_all, exact),
        "fuzzy_token_set_85": score(pairs_all, fuzzy), "seconds": round(time.perf_counter() - started, 1),
    }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
