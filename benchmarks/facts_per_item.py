"""Per-item answers of the facts eval (``storyline eval facts``), to find which items a change moved.

    # once: the set's articles through spaCy (the slow part, the same for any consolidation code)
    PYTHONPATH=src python benchmarks/facts_per_item.py annotate SET.jsonl.gz --split dev --docs /tmp/x/dev.spacy
    # per code version (PYTHONPATH=that checkout's src): one JSON line per item
    PYTHONPATH=src python benchmarks/facts_per_item.py predict SET.jsonl.gz --split dev --docs /tmp/x/dev.spacy \\
        --out /tmp/x/branch.jsonl
    # the agreed facts a brief shows on the untouched (real) pairs and the articles each cites (the eval scores groups,
    # not citations)
    PYTHONPATH=src python benchmarks/facts_per_item.py cited SET.jsonl.gz --split dev --docs /tmp/x/dev.spacy \
        --out /tmp/x/cited.jsonl
    # the items whose answer differs, and each file's scores (``evaluate.facts.score``)
    python benchmarks/facts_per_item.py diff /tmp/x/main.jsonl /tmp/x/branch.jsonl

``predict`` runs the eval's own ``item_sentences`` and ``predict`` with the claim encoder the settings give, so its
scores are the eval's (session 28: main's 475 / 49 and fixfacts27's 473 / 51 reproduced exactly).
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["annotate", "predict", "cited", "diff"])
    ap.add_argument("files", nargs="+", type=Path, help="the conflict set (annotate, predict) or two answer files")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--docs", type=Path, help="the spaCy DocBin annotate writes and predict reads")
    ap.add_argument("--out", type=Path, help="predict: the answers (JSON lines)")
    args = ap.parse_args()
    if args.mode == "diff":
        return diff(*args.files)
    from spacy.tokens import DocBin

    from storyline.cli.app import env_settings
    from storyline.enrich.nlp import load_nlp
    from storyline.evaluate.facts import item_sentences, predict, read_items

    items = read_items(args.files[0], args.split)
    texts = list(dict.fromkeys(a["text"] for it in items for a in it["articles"]))
    settings = env_settings()
    nlp = load_nlp(settings.spacy_model)
    if args.mode == "annotate":
        docs = DocBin(store_user_data=True)
        for doc in nlp.pipe(texts, batch_size=32):
            docs.add(doc)
        docs.to_disk(args.docs)
        return
    from storyline.consolidate.paraphrase import claim_encoder

    docs = dict(zip(texts, DocBin().from_disk(args.docs).get_docs(nlp.vocab)))
    encoder = claim_encoder(settings)
    if args.mode == "cited":
        return cited(items, docs, encoder, args.out)
    with args.out.open("w") as out:
        for it in items:
            pred, conflicts, agreed = predict(it, item_sentences(it, docs), encoder)
            out.write(json.dumps({"id": it["id"], "kind": it["kind"], "gold": it["gold"], "pred": pred,
                                  "conflicts": conflicts, "agreed": agreed}) + "\n")


def cited(items: list[dict], docs: dict, encoder, path: Path) -> None:
    from storyline.consolidate.facts import find_facts
    from storyline.consolidate.sentences import build_space
    from storyline.evaluate.facts import item_sentences

    with path.open("w") as out:
        for it in items:
            if it["kind"] != "real":
                continue
            for fact in find_facts(build_space(item_sentences(it, docs)), duplicates_of={}, paraphrase=encoder):
                if fact.status == "agreed":
                    out.write(json.dumps({"id": it["id"], "text": fact.text, "article_ids": fact.article_ids,
                                          "update": fact.update}) + "\n")


def diff(before: Path, after: Path) -> None:
    from storyline.evaluate.facts import score

    rows = [{r["id"]: r for r in map(json.loads, f.open())} for f in (before, after)]
    for key, a in rows[0].items():
        b = rows[1].get(key)
        if b and (a["pred"], a["conflicts"], a["agreed"]) != (b["pred"], b["conflicts"], b["agreed"]):
            print(key, a["gold"], "|", a["pred"], a["conflicts"], a["agreed"], "->", b["pred"], b["conflicts"],
                  b["agreed"])
    for name, answers in zip((before, after), rows):
        s = score([(r, r["pred"], r["conflicts"], r["agreed"]) for r in answers.values()])
        print(name, {k: s[k] for k in ("conflict", "agreed", "update", "real_pairs")})


if __name__ == "__main__":
    main()
