"""An untitled story's title (``consolidate.brief._lead``) against the reference summary's first sentence.

    STORYLINE_QUOTES_ENCODER=off PYTHONPATH=src .venv/bin/python benchmarks/untitled_titles.py ../shared/data/summaries

Each Multi-News and NeuS dev cluster is read as the ``storyline summarize`` path reads it (its sources' text, the
titles dropped), and each way of choosing the title is scored by ROUGE-1 and ROUGE-2 F1 (rouge-score, stemmed)
against the first sentence of the cluster's human summary, which says what happened; even and odd clusters apart
(choose on the even, check on the odd). Also counted: titles opening with a pronoun. Ways: the report with the best
mean relevance over all its reporter's sentences, whatever its length (before session 32); the same among reports of
3 to 6 such sentences (``LEAD_SENTENCES``; the shipped ``_lead``); the lead closest to the centre; the most central
sentence.
"""
import gzip
import json
import re
import sys
from pathlib import Path

from rouge_score import rouge_scorer

from storyline.consolidate.brief import DATE_STAMP, QUOTED, _lead, _title_cut
from storyline.consolidate.multidoc import article_sentences, clean_text, sentence_splitter
from storyline.consolidate.sentences import build_space
from storyline.enrich.nlp import load_nlp

PRONOUN = re.compile(r"^[\"“']?(?:He|She|They|It|His|Her|Their|This|These)\b")


def titles(space) -> dict[str, str]:
    relevance = space.vectors @ space.centroid
    sents = space.sentences
    reporters = [i for i, s in enumerate(sents) if not QUOTED.match(s.text)] or list(range(len(sents)))
    by_article: dict[str, list[int]] = {}
    for i in reporters:
        by_article.setdefault(sents[i].article_id, []).append(i)
    leads = {a: min(ix, key=lambda i: sents[i].position) for a, ix in by_article.items()}

    def lead_of_best_mean(least: int) -> str:
        full = {a: ix for a, ix in by_article.items() if len(ix) >= least} or by_article
        best = max(full, key=lambda a: (sum(relevance[i] for i in full[a]) / len(full[a]), a))
        return sents[leads[best]].text

    out = {f"best mean, reports of {k}+ sentences": lead_of_best_mean(k) for k in (1, 3, 4, 5, 6)}
    out["shipped _lead"] = _lead(space)
    out["lead closest to the centre"] = sents[max(leads.values(), key=lambda i: (relevance[i], sents[i].article_id))].text
    out["most central sentence"] = sents[max(reporters, key=lambda i: relevance[i])].text
    return {k: _title_cut(DATE_STAMP.sub("", v)).rstrip("…") for k, v in out.items()}  # as the brief cuts a lead


def main() -> None:
    nlp = sentence_splitter(load_nlp())
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    totals: dict[tuple[str, str, str], list[float]] = {}
    for name in ("multinews", "neus"):
        with gzip.open(Path(sys.argv[1]) / f"{name}-dev.jsonl.gz", "rt") as fh:
            for n, line in enumerate(fh):
                record = json.loads(line)
                space = build_space(article_sentences(
                    [(str(i), clean_text(a["text"])) for i, a in enumerate(record["articles"])], nlp))
                if space is None:
                    continue
                reference = re.split(r"(?<=[.!?])\s+", record["summary"].strip().lstrip("–- "))[0]
                for way, title in titles(space).items():
                    score = scorer.score(reference, title)
                    t = totals.setdefault((name, "even" if n % 2 == 0 else "odd", way), [0.0, 0.0, 0, 0])
                    t[0] += score["rouge1"].fmeasure
                    t[1] += score["rouge2"].fmeasure
                    t[2] += 1
                    t[3] += bool(PRONOUN.match(title))
    for (name, half, way), (r1, r2, n, pronouns) in sorted(totals.items()):
        print(json.dumps({"set": name, "half": half, "way": way, "rouge1": round(r1 / n, 4), "rouge2": round(r2 / n, 4),
                          "clusters": n, "opening_with_a_pronoun": pronouns}))


if __name__ == "__main__":
    main()
