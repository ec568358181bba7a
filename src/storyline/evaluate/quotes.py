"""Attribution benchmark on PolNeAR (brat standoff): exact-span P/R/F1 for Source, Cue and Content.

Corpus layout: ``DIR/text/NAME.txt`` and ``DIR/attributions/NAME_ANNOTATOR.ann``.
A few documents were annotated by several annotators; we score the first
annotation file in sorted order so each document counts once.

Matching. A role span is the set of its fragments (brat ``start end;start end``
for discontinuous spans). Each fragment is trimmed of whitespace and edge
punctuation (quote marks, commas, full stops), fragments that then touch or
are separated only by whitespace/punctuation are merged, and a predicted span
matches a gold span of the same role in the same document when the fragment
lists are identical (one-to-one). Attribution links are not scored, as in
CofeNet's sequence-labelling evaluation. ``strict`` repeats the scoring with
whitespace-only trimming.

``exact`` scores raw offsets as ``../shared/tools/score.py``'s ``span_prf``
does: a span runs from its smallest start to its largest end, untrimmed, and
each document's spans of a role are a set. (``score.py`` takes the first
fragment's start and the last one's end as listed: the same, except for a
span whose fragments are listed backwards, 9 contents of PolNeAR dev, which
it reads with start > end and nothing can match.) The ``product`` system is what
``storyline quotes`` prints (``enrich/speakers.attribution_records``: only
attributions with a cue and a content, offsets as the tagger marked them), so
its ``exact`` row is the figure a user scoring that output would get.
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.errors import StorylineError

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from storyline.enrich.attribution import TaggedAttribution
    from storyline.records import Quote

ROLES = ("Source", "Cue", "Content")
EDGE_PUNCT = " \t\r\n\"'“”‘’,.;:«»—–-"
Fragments = tuple[tuple[int, int], ...]


@dataclass
class Attribution:
    """One gold or predicted attribution: fragments per role (Source may be empty)."""

    spans: dict[str, Fragments] = field(default_factory=dict)


@dataclass
class BratDocument:
    name: str
    text: str
    attributions: list[Attribution]


def load_polnear(directory: Path, problems: list[str] | None = None) -> list[BratDocument]:
    """Documents of one split folder (``text/`` + ``attributions/``), sorted by name.

    A file that cannot be read is named in ``problems`` and skipped; the rest still load.
    """
    text_dir, ann_dir = directory / "text", directory / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise StorylineError(f"{directory}: expected text/ and attributions/ folders (PolNeAR brat layout)")
    annotations = annotation_files(directory)
    docs = []
    for txt in sorted(text_dir.glob("*.txt")):
        if txt.stem not in annotations:
            continue
        ann = annotations[txt.stem][0]
        try:
            text = txt.read_text(encoding="utf-8")
            docs.append(BratDocument(txt.stem, text, parse_brat(ann.read_text(encoding="utf-8"), text)))
        except (OSError, UnicodeDecodeError) as exc:
            if problems is not None:
                problems.append(f"{txt.name}: {exc.__class__.__name__}: {exc}")
    return docs


def other_annotations(directory: Path, docs: Iterable[BratDocument],
                      problems: list[str] | None = None) -> dict[str, list[list[Attribution]]]:
    """Per document name, the attributions of every annotation file after the first (other annotators).

    ``load_polnear`` keeps the first file in sorted order; a few PolNeAR train
    documents were annotated five or six times. Training may use the other
    annotations as extra examples; scoring never does. A file that cannot be
    read is named in ``problems`` and skipped.
    """
    by_name = annotation_files(directory)
    out: dict[str, list[list[Attribution]]] = {}
    for doc in docs:
        for ann in by_name.get(doc.name, [])[1:]:
            try:
                attributions = parse_brat(ann.read_text(encoding="utf-8"), doc.text)
            except (OSError, UnicodeDecodeError) as exc:
                if problems is not None:
                    problems.append(f"{ann.name}: {exc.__class__.__name__}: {exc}")
                continue
            out.setdefault(doc.name, []).append(attributions)
    return out


def annotation_files(directory: Path) -> dict[str, list[Path]]:
    """Per document name, its annotation files in sorted order (``NAME_ANNOTATOR.ann``; the first is the gold)."""
    by_name: dict[str, list[Path]] = {}
    for ann in sorted((directory / "attributions").glob("*.ann")):
        by_name.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    return by_name


def parse_brat(ann: str, text: str) -> list[Attribution]:
    """Attributions (E lines) with their role spans (T lines)."""
    spans: dict[str, tuple[str, Fragments]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        if line.count("\t") < 1:  # a few PolNeAR files hold stray text lines
            continue
        if line.startswith("T"):
            tid, meta, *_ = line.split("\t")
            label, _, offsets = meta.partition(" ")
            try:
                frags = tuple((int(a), int(b)) for a, b in (part.split() for part in offsets.split(";")))
            except ValueError:
                continue
            spans[tid] = (label, frags)
        elif line.startswith("E"):
            args = line.split("\t")[1].split()
            events.append([tuple(arg.split(":", 1)) for arg in args[1:]])  # type: ignore[misc]
    out = []
    for args in events:
        att, extra = Attribution(), []
        for role, tid in args:
            base = role.rstrip("0123456789")
            if base not in ROLES or tid not in spans:
                continue
            if base in att.spans:  # "Content2": a second span of the role, scored as its own span (as
                extra.append(Attribution({base: spans[tid][1]}))  # score.py's read_brat does), not dropped
            else:
                att.spans[base] = spans[tid][1]
        if "Cue" in att.spans or "Content" in att.spans:
            out.append(att)
            out.extend(extra)
    return out


def normalise(frags: Iterable[tuple[int, int]], text: str, *, strip: str = EDGE_PUNCT) -> Fragments:
    """Trim each fragment, drop empty ones, merge fragments with only trimmable characters between."""
    trimmed = []
    for start, end in sorted(frags):
        s, e = _trim(text, start, end, strip)
        if s == e:  # a cue that is only punctuation (":" or a dash) stays as it is
            s, e = _trim(text, start, end, " \t\r\n")
        if s < e:
            trimmed.append((s, e))
    merged: list[tuple[int, int]] = []
    for start, end in trimmed:
        if merged and all(c in strip for c in text[merged[-1][1]:start]):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _trim(text: str, start: int, end: int, strip: str) -> tuple[int, int]:
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def score_spans(gold: list[list[Attribution]], pred: list[list[Attribution]], texts: list[str],
                *, strip: str = EDGE_PUNCT) -> dict[str, dict[str, float]]:
    """Micro P/R/F1 per role over documents (multiset matching of normalised spans)."""
    out = {}
    for role in ROLES:
        tp = n_gold = n_pred = 0
        for g_atts, p_atts, text in zip(gold, pred, texts):
            d_tp, d_gold, d_pred = role_counts(g_atts, p_atts, text, role, strip=strip)
            tp, n_gold, n_pred = tp + d_tp, n_gold + d_gold, n_pred + d_pred
        precision, recall, f1 = _prf(tp, n_gold, n_pred)
        out[role.lower()] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                             "gold": n_gold, "predicted": n_pred}
    return out


def _prf(tp: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from matched, gold and predicted counts (0 where undefined)."""
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def score_exact(gold: list[list[Attribution]], pred: list[list[Attribution]]) -> dict[str, float]:
    """F1 per role on raw offsets, as ``span_prf`` scores them: (smallest start, largest end), a set per document."""
    out = {}
    for role in ROLES:
        tp = n_gold = n_pred = 0
        for g_atts, p_atts in zip(gold, pred):
            g, p = exact_spans(g_atts, role), exact_spans(p_atts, role)
            tp, n_gold, n_pred = tp + len(g & p), n_gold + len(g), n_pred + len(p)
        out[role.lower()] = round(_prf(tp, n_gold, n_pred)[2], 4)
    return out


def exact_spans(atts: list[Attribution], role: str) -> set[tuple[int, int]]:
    """Each attribution's span of ``role`` as (smallest start, largest end) of its fragments, untrimmed."""
    return {(min(s for s, _ in a.spans[role]), max(e for _, e in a.spans[role])) for a in atts if a.spans.get(role)}


def role_counts(gold: list[Attribution], pred: list[Attribution], text: str, role: str,
                *, strip: str = EDGE_PUNCT) -> tuple[int, int, int]:
    """(matched, gold, predicted) spans of one role in one document (for micro scores and bootstraps)."""
    g = Counter(normalise(a.spans[role], text, strip=strip) for a in gold if a.spans.get(role))
    p = Counter(normalise(a.spans[role], text, strip=strip) for a in pred if a.spans.get(role))
    g.pop((), None)
    p.pop((), None)
    return sum((g & p).values()), sum(g.values()), sum(p.values())


def evaluate_quotes(directory: Path, systems: dict[str, Callable[[list[str]], list[list[Attribution]]]],
                    *, limit: int | None = None, prepare: Callable[[list[str]], object] | None = None) -> dict:
    """Score each system (texts in, attributions per text out) on one PolNeAR split folder.

    ``prepare`` (e.g. the spaCy pass the systems share) runs first, so each
    system's ``cpu_ms_per_document`` (process time) counts only its own work.
    """
    problems: list[str] = []
    docs = load_polnear(directory, problems)[:limit]
    if not docs:
        raise StorylineError(f"{directory}: no annotated documents found")
    texts = [d.text for d in docs]
    gold = [d.attributions for d in docs]
    result: dict = {"documents": len(docs), "gold_attributions": sum(len(g) for g in gold), "skipped": problems}
    if prepare is not None:
        started = time.process_time()
        prepare(texts)
        result["prepare_cpu_ms_per_document"] = round(1000 * (time.process_time() - started) / len(docs), 1)
    for name, system in systems.items():
        started = time.process_time()
        pred = system(texts)
        cpu = time.process_time() - started
        result[name] = score_spans(gold, pred, texts)
        result[name]["cpu_ms_per_document"] = round(1000 * cpu / len(docs), 1)
        result[name]["strict"] = {k: v["f1"] for k, v in score_spans(gold, pred, texts, strip=" \t\r\n").items()}
        result[name]["exact"] = score_exact(gold, pred)
    return result


def tagged_to_attributions(doc: Doc, tagged: list[TaggedAttribution]) -> list[Attribution]:
    from storyline.enrich.attribution import char_span

    out = []
    for t in tagged:
        att = Attribution()
        for role, found in (("Cue", [t.cue]), ("Source", [t.source]), ("Content", list(t.content))):
            frags = tuple(char_span(doc, r) for r in found if r is not None)
            if frags:
                att.spans[role] = frags
        out.append(att)
    return out


def quotes_to_attributions(quotes: list[Quote]) -> list[Attribution]:
    out = []
    for q in quotes:
        att = Attribution({"Content": ((q.start, q.end),)})
        if q.cue_start is not None and q.cue_end is not None:
            att.spans["Cue"] = ((q.cue_start, q.cue_end),)
        if q.speaker_start is not None and q.speaker_end is not None:
            att.spans["Source"] = ((q.speaker_start, q.speaker_end),)
        out.append(att)
    return out


def records_to_attributions(records: list[dict]) -> list[Attribution]:
    """``storyline quotes`` records (``attribution_records``) as scored spans; content keeps its fragments."""
    out = []
    for r in records:
        att = Attribution({"Cue": ((r["cue"]["start"], r["cue"]["end"]),),
                           "Content": tuple(tuple(f) for f in r["content"]["fragments"])})
        if r["speaker"] is not None:
            att.spans["Source"] = ((r["speaker"]["start"], r["speaker"]["end"]),)
        out.append(att)
    return out


def evaluate_quote_systems(directory: Path, spacy_model: str = "", *, limit: int | None = None,
                           model_dir: Path | None = None, quotes_encoder: str = "auto") -> dict:
    """The CRF attributor, the rule baseline and (when its model exists) the encoder, the CRF x encoder
    mixture and the CRF stacked on the encoder, on one split, same run; and ``product``: the records
    ``storyline quotes`` prints with the attributor the ``quotes_encoder`` setting chooses. When the mpnet quote
    tagger is installed, the CRF stacked on its head is scored too (``stacked-mpnet``; the product with
    ``quotes_encoder = mpnet``)."""
    from storyline.enrich import attribution_encoder, attribution_mpnet
    from storyline.enrich.attribution import AttributionTagger
    from storyline.enrich.attribution_encoder import MixedTagger
    from storyline.enrich.attribution_stacked import StackedTagger
    from storyline.enrich.attributor import ENCODER_WEIGHT, load_attributor
    from storyline.enrich.nlp import load_nlp
    from storyline.enrich.quotes import find_quotes_by_rules
    from storyline.enrich.speakers import attribution_records

    nlp = load_nlp(spacy_model)
    crf = AttributionTagger(model_dir)
    parsed: dict[str, Doc] = {}

    def parse(texts: list[str]) -> list[Doc]:  # one spaCy pass shared by all systems
        missing = [t for t in texts if t not in parsed]
        parsed.update(zip(missing, nlp.pipe(missing, batch_size=16)))
        return [parsed[t] for t in texts]

    loaded = load_attributor(model_dir, quotes_encoder)  # as `storyline quotes` loads it
    # with the encoder off or missing the product is the CRF: its row and "product" then share this CRF's tags
    product = CachedTagger(crf if isinstance(loaded, AttributionTagger) else loaded)
    crf_tags = product if product.tagger is crf else crf
    systems = {}
    mpnet_product = isinstance(product.tagger, StackedTagger) and product.tagger.prefix == attribution_mpnet.PREFIX
    # the CRF stacked on the head over mpnet's states: scored whenever installed, beside the setting's product
    # (with quotes_encoder = mpnet, the product's own tags); a failed one-time build only drops the row
    with_mpnet = product if mpnet_product else _mpnet_tagger_or_none()
    if with_mpnet is not None:
        systems["stacked-mpnet"] = lambda texts: [tagged_to_attributions(d, with_mpnet.tag(d)) for d in parse(texts)]
    if attribution_encoder.available():
        encoder = attribution_encoder.load_encoder_tagger()
        # the CRF stacked on MiniLM: the product itself (its tags are computed once, for this row and
        # "product"), or beside the mpnet product
        minilm = load_attributor(model_dir, "on") if mpnet_product else product.tagger
        if isinstance(minilm, StackedTagger):
            tagger = product if minilm is product.tagger else minilm
            systems["stacked"] = lambda texts: [tagged_to_attributions(d, tagger.tag(d)) for d in parse(texts)]
        mixed = MixedTagger(crf, encoder, encoder_weight=ENCODER_WEIGHT)  # the CRF x encoder product
        systems["mixed"] = lambda texts: [tagged_to_attributions(d, mixed.tag(d)) for d in parse(texts)]
        systems["encoder"] = lambda texts: [tagged_to_attributions(d, encoder.tag(d)) for d in parse(texts)]
    systems["crf"] = lambda texts: [tagged_to_attributions(d, crf_tags.tag(d)) for d in parse(texts)]
    systems["rules"] = lambda texts: [quotes_to_attributions(find_quotes_by_rules(d)) for d in parse(texts)]
    # what `storyline quotes` prints, from the product's tags (the "stacked" row computed them, when it runs)
    systems["product"] = lambda texts: [records_to_attributions(attribution_records(d, product)) for d in parse(texts)]
    return evaluate_quotes(directory, systems, limit=limit, prepare=parse)


def _mpnet_tagger_or_none():
    from storyline.enrich import attribution_mpnet

    if attribution_mpnet.missing() is not None:
        return None
    try:
        return attribution_mpnet.load_stacked_tagger()
    except (OSError, StorylineError) as exc:
        print(f"stacked-mpnet not scored: {exc}", file=sys.stderr)
        return None


class CachedTagger:
    """A tagger whose tags of each parsed doc are computed once (two rows of the eval read the same tags;
    the second one's CPU is then only its own conversion)."""

    def __init__(self, tagger):
        self.tagger = tagger
        self._tags: dict[int, tuple[Doc, list[TaggedAttribution]]] = {}

    def tag(self, doc: Doc) -> list[TaggedAttribution]:
        if id(doc) not in self._tags:  # the doc is kept with its tags, so its id is never reused meanwhile
            self._tags[id(doc)] = (doc, self.tagger.tag(doc))
        return self._tags[id(doc)][1]
