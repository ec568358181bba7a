"""Build the fact-conflict test set by perturbing real articles (the FactCC recipe, Kryscinski et al. 2020).

Every item is a two-article mini story made of two real reports of one event from two outlets (a
Multi-News cluster or a NeuS left/centre/right triple from ``../shared/data/summaries/``), each cut to
its first sentences:

- ``real``: the two reports untouched. They are different outlets' paraphrases of one event, so every
  `conflict` found in them counts as a false positive (a conservative count: a real disagreement
  between outlets would count against us too).
- A *target* claim ``s`` taken from article A is rewritten by label-preserving edits (numbers written
  as words, attribution moved, a trailing detail dropped, synonyms) into ``s'``, and ``s'`` (or a
  perturbation of it) is inserted into article B at a random position:
  - ``paraphrase`` (gold agreed): ``s'`` unchanged;
  - ``hedge`` (gold agreed): a figure of ``s`` given as a range that holds it ("at least 20" for 23);
  - ``number``, ``date``, ``entity``, ``negation``, ``hedge_out`` (gold conflict): another figure,
    another date, another same-type named entity taken from the story, a negated (or un-negated)
    auxiliary, a range that excludes the figure ("more than 50" for 23);
  - ``update`` (gold update): a casualty-type figure raised in a report published a day later.

Every article gets a publication date: the same day for both, except ``update`` items and half of the
``number`` items whose claim is not casualty-like (B a day later; a later report with another figure
for something that does not grow is still a conflict).

Clusters alternate between the ``dev`` and ``heldout`` splits (by index within each file), so nothing
is tuned on the held-out half. Deterministic: fixed seed, files read in order.

    .venv/bin/python benchmarks/build_conflict_set.py ../shared/data/summaries/ /tmp/conflicts.jsonl.gz

Output: JSON lines, one item: ``id``, ``split``, ``kind``, ``gold`` (agreed | conflict | update |
none), ``articles`` [{``id``, ``outlet``, ``published``, ``text``}], ``target`` {``a``, ``b``} (the
claim in A and its version in B; absent for ``real``). Derived from shared data: keep it out of the repo.
"""
from __future__ import annotations

import gzip
import json
import random
import re
import sys
from pathlib import Path

from storyline.consolidate.multidoc import clean_text
from storyline.consolidate.sentences import usable
from storyline.enrich.nlp import load_nlp

SEED = 13
MAX_SENTENCES = 12  # per article: the leads, where the checkable facts are
NUM_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
             "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
CASUALTY = re.compile(r"\b(killed|dead|died|deaths|injured|wounded|missing|hurt|victims|casualties|"
                      r"arrested|infected|cases|evacuated|displaced|hospitali[sz]ed)\b", re.I)
HEDGED = re.compile(r"\b(at least|more than|over|about|around|nearly|almost|some|up to|fewer than|less than|"
                    r"roughly|approximately|an estimated|estimated)\s+$", re.I)
NUMBER = re.compile(r"(?<![\w.,:/$£€-])(\d{1,3}(?:,\d{3})+|\d+)(?![\d:/A-Za-z]|[.,]\d|\s+\d+/\d)"
                    r"(?!\s*(?:%|percent|a\.m|p\.m|GMT|BST|ET\b))")
AUX = re.compile(r"\b(is|are|was|were|has|have|had|will|would|can|could|should|did|does|do|must)\b(\s+not\b|n't)?")
SYNONYMS = [("said", "stated"), ("told", "informed"), ("announced", "said"), ("ship", "vessel"),
            ("people", "persons"), ("also", "as well"), ("began", "started"), ("after", "following")]
LABELS = {"PERSON", "GPE", "ORG", "LOC", "FAC"}


def read(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def sentences(text: str, nlp, *, keep_counts: bool = False) -> list[str]:
    """The first usable sentences; with keep_counts, also the first later one stating a casualty count
    (updates are rare in leads, and the update cases need one)."""
    doc = nlp(clean_text(text)[:20_000])
    out, extra = [], []
    for s in doc.sents:
        t = " ".join(s.text.split())
        if not usable(t):
            continue
        if len(out) < MAX_SENTENCES:
            out.append(t)
        elif keep_counts and update(t, random.Random(0)):
            extra.append(t)
            break
    return out + extra


def plain_numbers(s: str) -> list[re.Match]:
    """Figures that are not years, times, money or percentages: the ones a swap can change."""
    found = []
    for m in NUMBER.finditer(s):
        value = int(m.group(1).replace(",", ""))
        if 1800 <= value <= 2100 and "," not in m.group(1):
            continue
        before = s[:m.start()].split()
        if before and before[-1][:1].isupper() and len(before) > 1:
            continue  # part of a name or a date: "Area 51", "Feb. 11", "Route 66"
        if before and before[-1].lower() in {"age", "aged", "no.", "number"}:
            continue
        found.append(m)
    return found


def fmt(n: int) -> str:
    return f"{n:,}"


# ---- label-preserving rewrites ------------------------------------------------------------------

def paraphrase(s: str, rng: random.Random) -> str:
    edits = [_number_words, _move_attribution, _drop_trailing_detail, _synonym]
    rng.shuffle(edits)
    out, applied = s, 0
    for edit in edits:
        new = edit(out, rng)
        if new != out:
            out, applied = new, applied + 1
        if applied == 2:
            break
    return out


def _number_words(s: str, rng: random.Random) -> str:
    for m in plain_numbers(s):
        value = int(m.group(1).replace(",", ""))
        if 2 <= value <= 20:
            return s[:m.start()] + NUM_WORDS[value] + s[m.end():]
        if value >= 1_000_000 and value % 100_000 == 0:
            return s[:m.start()] + f"{value / 1_000_000:g} million" + s[m.end():]
        if value >= 1000 and value % 1000 == 0:
            return s[:m.start()] + f"{value // 1000} thousand" + s[m.end():]
    return s


def _move_attribution(s: str, rng: random.Random) -> str:
    m = re.match(r"^(.{30,}?),\s+((?:the |a )?[\w .'-]{2,40}?)\s+(said|says|told reporters)\.$", s)
    if not m:
        return s
    clause, who, verb = m.groups()
    return f"{who[0].upper()}{who[1:]} {verb} {clause[0].lower() if not clause[:2].isupper() and not _proper(clause) else clause[0]}{clause[1:]}."


def _proper(clause: str) -> bool:
    first = clause.split()[0]
    return first[:1].isupper() and first.lower() not in {"the", "a", "an", "it", "he", "she", "they", "we", "this"}


def _drop_trailing_detail(s: str, rng: random.Random) -> str:
    head, sep, tail = s.rstrip(".").rpartition(", ")
    if sep and len(head.split()) >= 10 and 3 <= len(tail.split()) <= 12 and not re.search(r"\d|[A-Z]", tail):
        return head + "."
    return s


def _synonym(s: str, rng: random.Random) -> str:
    for a, b in SYNONYMS:
        if re.search(rf"\b{a}\b", s):
            return re.sub(rf"\b{a}\b", b, s, count=1)
    return s


# ---- perturbations that change the fact ------------------------------------------------------------

def swap_number(s: str, rng: random.Random, *, higher: bool | None = None) -> str | None:
    cands = [m for m in plain_numbers(s) if not HEDGED.search(s[:m.start()])]
    if not cands:
        return None
    m = rng.choice(cands)
    n = int(m.group(1).replace(",", ""))
    up = n + max(2, round(n * rng.choice([0.3, 0.5, 1.0])))
    down = max(0, n - max(2, round(n * rng.choice([0.3, 0.5]))))
    if higher is None:
        higher = n < 4 or rng.random() < 0.5
    new = up if higher else down
    if new == n or (new == 1) != (n == 1):  # keep the plural agreement
        new = up
    return s[:m.start()] + fmt(new) + s[m.end():]


def swap_date(s: str, rng: random.Random) -> str | None:
    options = []
    for i, d in enumerate(WEEKDAYS):
        for m in re.finditer(rf"\b{d}\b", s):
            options.append((m, rng.choice([w for w in WEEKDAYS if w != d])))
    for d in MONTHS:
        for m in re.finditer(rf"\b{d}\b(?:\s+(\d{{1,2}})\b)?", s):
            if m.group(1):
                day = int(m.group(1))
                new_day = day + rng.choice([-3, -2, 2, 3]) if 4 <= day <= 25 else day + 5 if day < 4 else day - 5
                options.append((m, f"{d} {new_day}"))
            elif d != "May":  # "may" is mostly a verb
                options.append((m, rng.choice([x for x in MONTHS if x not in {d, "May"}])))
    for m in re.finditer(r"\b(19[5-9]\d|20[0-2]\d)\b", s):
        options.append((m, str(int(m.group(1)) + rng.choice([-3, -2, -1, 1, 2]))))
    if not options:
        return None
    m, new = rng.choice(options)
    return s[:m.start()] + new + s[m.end():]


def swap_entity(s: str, ents: list[tuple[str, str]], pool: list[tuple[str, str]], rng: random.Random) -> str | None:
    # abbreviations ("Vt.") are left alone: a swap could land on their own long form ("Vermont")
    cands = [(t, lab) for t, lab in ents if lab in LABELS and t in s and "." not in t]
    rng.shuffle(cands)
    for text, label in cands:
        last = text.split()[-1].lower()
        others = sorted({t for t, lab in pool if lab == label and t.lower() not in s.lower() and "." not in t
                         and t.lower()[:5] != text.lower()[:5]
                         and last not in t.lower() and t.split()[-1].lower() not in text.lower()
                         and len(t) > 2 and t[0].isupper()})
        if others:
            return s.replace(text, rng.choice(others), 1)
    return None


def negate(s: str, rng: random.Random) -> str | None:
    m = AUX.search(s)
    if not m:
        return None
    if m.group(2):  # remove the negation
        return s[:m.start()] + m.group(1) + s[m.end():]
    return s[:m.end()] + " not" + s[m.end():]


def hedge(s: str, rng: random.Random, *, holds: bool) -> str | None:
    cands = [m for m in plain_numbers(s) if not HEDGED.search(s[:m.start()]) and int(m.group(1).replace(",", "")) >= 5]
    if not cands:
        return None
    m = rng.choice(cands)
    n = int(m.group(1).replace(",", ""))
    step = 10 ** max(0, len(str(n)) - 1)
    if holds:
        low = (n // step) * step if n % step else n - step // 2 or n - 1
        text = rng.choice(["at least", "more than", "over"]) + " " + fmt(max(1, low if low < n else n - 1))
    else:
        text = rng.choice(["more than", "at least"]) + " " + fmt(2 * n + step)
    return s[:m.start()] + text + s[m.end():]


def update(s: str, rng: random.Random) -> str | None:
    """A casualty-type count (the figure within five words of "killed", "injured", ...) raised."""
    for m in plain_numbers(s):
        after = s[m.end():m.end() + 40]
        counted = re.match(r"(?:\s+[\w-]+){0,3}?\s+" + CASUALTY.pattern, after, re.I) and not after.startswith("-")
        if counted and not HEDGED.search(s[:m.start()]):
            n = int(m.group(1).replace(",", ""))
            return s[:m.start()] + fmt(n + max(1, round(n * rng.choice([0.2, 0.5, 1.0])))) + s[m.end():]
    return None


# ---- assembling items ---------------------------------------------------------------------------

def insert(sents: list[str], claim: str, rng: random.Random) -> str:
    out = list(sents)
    out.insert(rng.randint(0, len(out)), claim)
    return " ".join(out)


def build(folder: Path, nlp) -> list[dict]:
    rng = random.Random(SEED)
    items: list[dict] = []
    for name in ("multinews-dev", "neus-dev"):
        path = folder / f"{name}.jsonl.gz"
        for index, row in enumerate(read(path)):
            if len(row["articles"]) < 2:
                continue
            split = "dev" if index % 2 == 0 else "heldout"
            a_sents = sentences(row["articles"][0]["text"] or "", nlp, keep_counts=True)
            b_sents = sentences(row["articles"][1]["text"] or "", nlp)
            if len(a_sents) < 2 or len(b_sents) < 2:
                continue
            items.extend(cluster_items(row["id"], split, a_sents, b_sents, nlp, rng))
    return items


def cluster_items(cid: str, split: str, a_sents: list[str], b_sents: list[str], nlp, rng: random.Random) -> list[dict]:
    """The untouched pair, then one item per perturbation kind that some claim allows. Claims come from
    A and go into B; the kinds about figures (rarer) fall back to claims of B going into A."""
    day, next_day = "2020-03-05", "2020-03-06"

    def item(kind: str, gold: str, src: list[str], dst_text: str, target: dict | None, b_day: str = day) -> dict:
        return {"id": f"{cid}:{kind}", "split": split, "kind": kind, "gold": gold, "target": target,
                "articles": [{"id": f"{cid}:a", "outlet": "Outlet A", "published": day, "text": " ".join(src)},
                             {"id": f"{cid}:b", "outlet": "Outlet B", "published": b_day, "text": dst_text}]}

    out = [item("real", "none", a_sents, " ".join(b_sents), None)]
    pool = [(e.text, e.label_) for d in nlp.pipe(a_sents + b_sents) for e in d.ents]
    sides = []
    for src, dst in ((a_sents, b_sents), (b_sents, a_sents)):
        order = list(range(len(src)))
        rng.shuffle(order)
        ents = [[(e.text, e.label_) for e in d.ents] for d in nlp.pipe(src)]
        sides.append((src, dst, order, ents, set()))

    def claim_for(test, side, *, same_ok: bool = False) -> tuple[int, str, str] | None:
        """A claim of the source side not used yet whose paraphrase the perturbation applies to."""
        src, _, order, ents, used = side
        for i in order:
            if i in used:
                continue
            para = paraphrase(src[i], rng)
            new = test(para, ents[i])
            if new and (same_ok or new != para):
                used.add(i)
                return i, para, new
        return None

    figures = {"update", "hedge", "number", "hedge_out"}
    plans = [  # the rarest kinds first, so they get the few claims they can use
        ("update", "update", lambda p, e: update(p, rng)),
        ("number", "conflict", None),
        ("hedge", "agreed", lambda p, e: hedge(p, rng, holds=True)),
        ("paraphrase", "agreed", lambda p, e: p),
        ("date", "conflict", lambda p, e: swap_date(p, rng)),
        ("entity", "conflict", lambda p, e: swap_entity(p, e, pool, rng)),
        ("negation", "conflict", lambda p, e: negate(p, rng)),
        ("hedge_out", "conflict", lambda p, e: hedge(p, rng, holds=False)),
    ]
    for kind, gold, test in plans:
        b_day = next_day if kind == "update" else day
        if kind == "number":
            later = rng.random() < 0.5  # a later report with another figure for what does not grow
            b_day = next_day if later else day
            test = lambda p, e: swap_number(p, rng) if not (later and CASUALTY.search(p)) else None  # noqa: E731
        for side in sides if kind in figures else sides[:1]:
            found = claim_for(test, side, same_ok=kind == "paraphrase")
            if found is None:
                continue
            i, para, new = found
            src, dst = side[0], side[1]
            out.append(item(kind, gold, src, insert(dst, new.strip(), rng), {"a": src[i], "b": new.strip()}, b_day))
            break
    return out


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        sys.exit("usage: build_conflict_set.py SUMMARIES_DIR OUT.jsonl.gz")
    nlp = load_nlp()
    items = build(Path(argv[0]), nlp)
    with gzip.open(argv[1], "wt", encoding="utf-8") as fh:
        for it in items:
            fh.write(json.dumps(it, ensure_ascii=False) + "\n")
    counts: dict[str, dict[str, int]] = {}
    for it in items:
        counts.setdefault(it["split"], {}).setdefault(it["kind"], 0)
        counts[it["split"]][it["kind"]] += 1
    print(json.dumps({"items": len(items), "by_split_and_kind": counts}, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
