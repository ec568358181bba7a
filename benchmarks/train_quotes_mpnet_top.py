"""Fine-tune mpnet's layers 7 and 8 with the quote head, over cached layer-6 states (issue 5; ``quotes_encoder =
mpnet``).

The mpnet quote tagger reads layers 4, 6 and 8 (``attribution_mpnet.HEAD_LAYERS``). Fine-tuning all of mpnet would
cost ~4.6 CPU-hours; fine-tuning only the top layers it reads costs their forward and backward passes per window,
because the layers below stay frozen and are read once (``windows``: every window's states of the layer below the
first tuned one, ``--first``, by default ``attribution_mpnet.TUNED_FROM``; all its pieces, float16, as the product
reads them). ``tune`` trains layers ``--first`` to 8 (from mpnet's weights) with the head (from a head trained on the
frozen states, ``--init``: ``train_quotes_mpnet.py head``), and scores the documents it did not train on in the head
step's format; ``export`` writes the layers as ONNX (``attribution_mpnet.TUNED_FILE``, attention projections int8 as
mpnet's). Training only (torch, the mpnet parts); seeded, one thread, documents in sorted order. After
``train_quotes_mpnet.py``'s ``states`` and ``head`` steps (the frozen heads, the work folder ``$W``):

    S="nice -n 10 env PYTHONPATH=src OMP_NUM_THREADS=1 .venv/bin/python benchmarks/train_quotes_mpnet_top.py"; P=... train_quotes_mpnet.py
    $S windows $T --work $W --cache C --shard 0 --shards 2 & $S windows $T --work $W --cache C --shard 1 --shards 2; wait   # ~12 CPU-min, 1.4 GB
    $S tune --work $W --init nine --name top2-nine                            # ~45 CPU-minutes
    for k in 0 1 2; do $S tune --work $W --init fold$k --name top2-fold$k --fold $k; done   # ~30 CPU-minutes each
    $S export --work $W --name top2-nine                                      # -> enrich/models/quotes-mpnet-layers7-8.onnx
    $P export --work $W --name top2-nine                                      # -> enrich/models/quotes-mpnet-head.onnx
    $P stacked $T --work $W --cache C --heads top2-                           # -> enrich/models/quotes-stacked-mpnet.crfsuite.xz
    $P stacked $T --work $W --cache C --heads top2- --study --lexicon /tmp/quotes3/crf9.lexicon   # the held-out tenth

(``--first 8`` tunes layer 8 alone, session 8's shipped tagger; its windows need a work folder of their own.)
"""
from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np

from storyline.enrich import mpnet
from storyline.enrich.attribution_encoder import LABELS, load_tokenizer, token_bounds
from storyline.enrich.attribution_mpnet import BLOCK, HEAD_LAYERS, TUNED_FILE, TUNED_FROM, check_tuned_from, \
    plan_windows

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_quotes_mpnet as tqm  # noqa: E402  (the states, the split, the head)

TUNED = HEAD_LAYERS[-1]  # the top layer fine-tuned (1-based): the head's last
SEED, BATCH = 17, 8


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", choices=("windows", "tune", "export"))
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--float", action="store_true", help="(export) keep the attention projections in float")
    ap.add_argument("--int8-all", action="store_true", help="(export) the feed-forward projections int8 as well")
    ap.add_argument("train_dir", type=Path, nargs="?")
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--shard", type=int, default=0)
    ap.add_argument("--shards", type=int, default=1)
    ap.add_argument("--init", default="nine", help="the frozen head the tuned head starts from (head-INIT.pt)")
    ap.add_argument("--name", default="top-nine")
    ap.add_argument("--fold", type=int, default=None)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--layer-lr", type=float, default=1e-4)
    ap.add_argument("--head-lr", type=float, default=2e-4)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--first", type=int, default=TUNED_FROM,
                    help="(windows) the lowest layer to tune: the windows hold the states of the layer below it")
    args = ap.parse_args()
    {"windows": windows_step, "tune": tune_step, "export": export_step}[args.step](args)


def windows_step(args) -> None:
    """Per train document of this shard, the windows the product reads: the states of the layer below ``--first``
    of every piece (float16), and which tokens each window gives states to, at which rows."""
    docs, parsed = tqm.load_train(args)
    model, tokenizer_path = mpnet.model_path()
    tokenizer = load_tokenizer(tokenizer_path)
    check_tuned_from(args.first)
    below = mpnet.partial_session(model, (f"h{args.first - 1}",))
    states, table, tokens = [], [], []  # table: doc, first row, rows; tokens: window, token, row
    offset, c0 = 0, time.process_time()
    for i in range(args.shard, len(docs), args.shards):
        if len(parsed[i]) > BLOCK:
            raise SystemExit(f"{docs[i].name}: more than one block")
        _, plan = plan_windows(tokenizer, parsed[i].text, *token_bounds(parsed[i]))
        for w in plan:
            ids = w.ids[None]
            h = below.run(None, mpnet.feeds(ids, np.ones_like(ids)))[0][0]
            tokens += [(len(table), t, r) for t, r in zip(w.tokens, w.rows)]
            table.append((i, offset, len(h)))
            states.append(h.astype(np.float16))
            offset += len(h)
    tag = f"{args.shard}of{args.shards}"
    np.save(args.work / f"windows-{tag}.npy", np.concatenate(states))
    np.save(args.work / f"windows-{tag}.table.npy", np.array(table, dtype=np.int64))
    np.save(args.work / f"windows-{tag}.tokens.npy", np.array(tokens, dtype=np.int64))
    np.save(args.work / "windows-first.npy", np.array(args.first))
    tqm.log(f"{len(table)} windows, {time.process_time() - c0:.0f}s CPU")


def tuned_layers(work: Path) -> list[int]:
    """The layers the windows step prepared to tune: from ``--first`` to ``TUNED``."""
    first = work / "windows-first.npy"
    return list(range(int(np.load(first)) if first.exists() else TUNED, TUNED + 1))


def load_windows(work: Path) -> dict[int, list[tuple[np.ndarray, np.ndarray, np.ndarray]]]:
    """Per train document, its windows: (layer states of every piece, tokens given states, their rows)."""
    out: dict[int, list] = {}
    for path in sorted(work.glob("windows-*of*.npy")):
        if path.name.endswith((".table.npy", ".tokens.npy")):
            continue
        states = np.load(path)
        table = np.load(path.with_name(path.name[:-4] + ".table.npy"))
        tokens = np.load(path.with_name(path.name[:-4] + ".tokens.npy"))
        cuts = np.searchsorted(tokens[:, 0], np.arange(len(table) + 1))
        for w, (doc, first, rows) in enumerate(table):
            mine = tokens[cuts[w]:cuts[w + 1]]
            out.setdefault(int(doc), []).append((states[first:first + rows], mine[:, 1], mine[:, 2]))
    return out


def make_layer(weights: dict[str, np.ndarray], k: int):
    """mpnet's layer ``k`` (1-based) in torch, as ``mpnet.write_graph`` computes it (post-norm, relative-position
    bias shared by every layer, exact GELU), from the safetensors weights; the bias table stays frozen."""
    import torch
    import torch.nn as nn

    p = f"encoder.layer.{k - 1}"

    def linear(name: str) -> nn.Linear:
        weight = weights[f"{p}.{name}.weight"]
        out = nn.Linear(weight.shape[1], weight.shape[0])
        out.weight.data = torch.from_numpy(weight.copy())
        out.bias.data = torch.from_numpy(weights[f"{p}.{name}.bias"].copy())
        return out

    def norm(name: str) -> nn.LayerNorm:
        out = nn.LayerNorm(weights[f"{p}.{name}.weight"].shape[0], eps=mpnet.EPS)
        out.weight.data = torch.from_numpy(weights[f"{p}.{name}.weight"].copy())
        out.bias.data = torch.from_numpy(weights[f"{p}.{name}.bias"].copy())
        return out

    class Layer(nn.Module):
        def __init__(self):
            super().__init__()
            self.q, self.k, self.v, self.o = (linear(f"attention.attn.{n}") for n in "qkvo")
            self.norm1, self.norm2 = norm("attention.LayerNorm"), norm("output.LayerNorm")
            self.up, self.down = linear("intermediate.dense"), linear("output.dense")
            self.register_buffer("table", torch.from_numpy(weights["encoder.relative_attention_bias.weight"].copy()))
            self.heads = self.table.shape[1]

        def forward(self, x, buckets, blocked):  # x (batch, length, dim), buckets (length, length), blocked (batch, length)
            b, n, dim = x.shape
            d = dim // self.heads

            def split(t):
                return t.view(b, n, self.heads, d).transpose(1, 2)

            scores = split(self.q(x)) @ split(self.k(x)).transpose(-1, -2) / math.sqrt(d)
            scores = scores + self.table[buckets].permute(2, 0, 1)[None] + blocked[:, None, None, :]
            context = (torch.softmax(scores, -1) @ split(self.v(x))).transpose(1, 2).reshape(b, n, dim)
            attended = self.norm1(self.o(context) + x)
            return self.norm2(self.down(nn.functional.gelu(self.up(attended))) + attended)

    return Layer()


def make_layers(weights: dict[str, np.ndarray], layers: list[int]):
    """mpnet's ``layers`` in torch, run one after the other (``make_layer``'s own module when there is one, so its
    saved weights keep their names)."""
    import torch.nn as nn

    if len(layers) == 1:
        return make_layer(weights, layers[0])

    class Stack(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = nn.ModuleList(make_layer(weights, k) for k in layers)

        def forward(self, x, buckets, blocked):
            for layer in self.layers:
                x = layer(x, buckets, blocked)
            return x

    return Stack()


def mpnet_weights() -> dict[str, np.ndarray]:
    import tempfile

    from safetensors.numpy import load_file

    with tempfile.TemporaryDirectory() as work:
        weights_path, _ = mpnet.extract(mpnet.part_files(), Path(work))
        return load_file(str(weights_path))


def tune_step(args) -> None:
    import torch
    import torch.nn as nn

    torch.set_num_threads(args.threads)
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    X, Y = tqm.load_states(args.work)  # per token: layers HEAD_LAYERS, frozen
    wins = load_windows(args.work)
    top = HEAD_LAYERS.index(TUNED)
    train, scored = tqm.split(len(X), args.fold)
    lacking = [i for i in train + scored if i not in wins]
    if lacking:  # a trial over a few shards' windows
        tqm.log(f"no windows for {len(lacking)} documents: left out")
        train, scored = [i for i in train if i in wins], [i for i in scored if i in wins]
    layers = tuned_layers(args.work)
    layer = make_layers(mpnet_weights(), layers)
    head = tqm.make_head(len(HEAD_LAYERS))
    head.load_state_dict(torch.load(args.work / f"head-{args.init}.pt"))
    units = [(i, w) for i in train for w in range(len(wins[i]))]
    steps = args.epochs * math.ceil(len(units) / BATCH)
    opt = torch.optim.AdamW([{"params": layer.parameters(), "lr": args.layer_lr},
                             {"params": head.parameters(), "lr": args.head_lr}], weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[args.layer_lr, args.head_lr], total_steps=steps,
                                                   pct_start=0.1, anneal_strategy="linear")
    loss_of = nn.CrossEntropyLoss(ignore_index=-1)
    tqm.log(f"{args.name}: train {len(train)} documents ({len(units)} windows), score {len(scored)}")

    def run_layer(batch):
        length = max(len(wins[i][w][0]) for i, w in batch)
        x = np.zeros((len(batch), length, 768), np.float32)
        blocked = np.full((len(batch), length), -1e9, np.float32)
        for r, (i, w) in enumerate(batch):
            h = wins[i][w][0]
            x[r, :len(h)], blocked[r, :len(h)] = h, 0
        buckets = torch.from_numpy(mpnet.relative_buckets(length).copy())
        return layer(torch.from_numpy(x), buckets, torch.from_numpy(blocked))

    with torch.no_grad():  # the torch layer against the graph's (int8 attention projections): a small gap
        i = train[0]
        _, toks, rows = wins[i][0]
        gap = (run_layer([(i, 0)])[0, torch.from_numpy(rows)] - torch.from_numpy(X[i][toks, top].astype(np.float32)))
        tqm.log(f"layers {layers} in torch against the graph: max gap {float(gap.abs().max()):.3f}, "
                f"mean {float(gap.abs().mean()):.4f}")
    c0 = time.process_time()
    for epoch in range(args.epochs):
        layer.train(), head.train()
        order = rng.permutation(len(units))
        total = 0.0
        for b in range(0, len(order), BATCH):
            batch = [units[j] for j in order[b:b + BATCH]]
            tuned = run_layer(batch)
            # a window's tokens run from its first to its last (the pieceless ones between, zero rows, as the
            # product's head reads them)
            longest = max(int(wins[i][w][1][-1] - wins[i][w][1][0]) + 1 for i, w in batch)
            xb = torch.zeros((len(batch), longest, len(HEAD_LAYERS), 768))
            yb = torch.full((len(batch), longest), -1, dtype=torch.long)
            for r, (i, w) in enumerate(batch):
                _, toks, rows = wins[i][w]
                a, z = int(toks[0]), int(toks[-1]) + 1
                xb[r, :z - a] = torch.from_numpy(X[i][a:z].astype(np.float32))
                xb[r, torch.from_numpy(toks - a), top] = tuned[r, torch.from_numpy(rows)]
                yb[r, :z - a] = torch.from_numpy(Y[i][a:z])
            loss = loss_of(head(xb).reshape(-1, len(LABELS)), yb.reshape(-1))
            opt.zero_grad()
            loss.backward()
            opt.step()
            schedule.step()
            total += loss.item()
        tqm.log(f"epoch {epoch + 1}: loss {total / math.ceil(len(order) / BATCH):.4f}, "
                f"{time.process_time() - c0:.0f}s CPU")
    torch.save(layer.state_dict(), args.work / f"layer-{args.name}.pt")
    torch.save(head.state_dict(), args.work / f"head-{args.name}.pt")  # train_quotes_mpnet.py export writes its ONNX
    layer.eval(), head.eval()
    logits = {}
    with torch.no_grad():
        for i in scored:
            x = torch.from_numpy(X[i].astype(np.float32))
            for w in range(len(wins[i])):
                _, toks, rows = wins[i][w]
                x[toks, top] = run_layer([(i, w)])[0, torch.from_numpy(rows)]
            logits[str(i)] = head(x[None])[0].numpy()
    np.savez(args.work / f"scores-{args.name}.npz", **logits)


def export_step(args) -> None:
    """The tuned layers as ONNX (inputs ``states``: 1 x pieces x 768, the layer below them; ``buckets``: pieces x
    pieces, as ``mpnet.relative_buckets``; output ``h8``), their attention projections int8 as ``mpnet.quantise``
    leaves mpnet's (unless --float; --int8-all: the feed-forward ones too), checked against torch."""
    import onnxruntime
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out = args.out or TUNED_FILE
    layer = make_layers(mpnet_weights(), tuned_layers(args.work))
    layer.load_state_dict(torch.load(args.work / f"layer-{args.name}.pt"))
    layer.eval()

    class Unpadded(torch.nn.Module):  # the product reads one window at a time: nothing to mask
        def __init__(self):
            super().__init__()
            self.layer = layer

        def forward(self, states, buckets):
            return self.layer(states, buckets, torch.zeros(states.shape[:2]))

    top = Unpadded()

    n = 37
    example = (torch.randn(1, n, 768), torch.from_numpy(mpnet.relative_buckets(n).copy()))
    raw = out.with_suffix(".float.onnx")
    torch.onnx.export(top, example, str(raw), input_names=["states", "buckets"], output_names=["h8"],
                      dynamic_axes={"states": {1: "pieces"}, "buckets": {0: "pieces", 1: "pieces"}, "h8": {1: "pieces"}},
                      opset_version=17, dynamo=False)
    if args.float:
        raw.replace(out)
    else:
        import onnx

        projections = ("q", "k", "v", "o") + (("up", "down") if args.int8_all else ())
        names = [nd.name for nd in onnx.load(str(raw)).graph.node
                 if nd.op_type == "MatMul" and nd.name.split("/")[-2:-1] in [[p] for p in projections]]
        expected = len(projections) * len(tuned_layers(args.work))
        if len(names) != expected:
            raise SystemExit(f"{raw}: {len(names)} attention projections found, {expected} expected: {names}")
        quantize_dynamic(str(raw), str(out), weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"],
                         nodes_to_quantize=names, per_channel=True)
        raw.unlink()
    session = onnxruntime.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    for n in (5, 256):
        x = torch.randn(1, n, 768)
        b = mpnet.relative_buckets(n)
        with torch.no_grad():
            gap = float(np.abs(top(x, torch.from_numpy(b.copy())).numpy()
                               - session.run(None, {"states": x.numpy(), "buckets": b})[0]).max())
        tqm.log(f"{n} pieces: ONNX against torch, max gap {gap:.4f}")
    tqm.log(f"wrote {out} ({out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
