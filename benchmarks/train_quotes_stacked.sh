#!/bin/sh
# The stacked attribution CRF's whole training chain (issue 5; DEVELOPERS.md): two cross-fitted half-encoders,
# then the CRF stacked on their out-of-fold scores, written to src/storyline/enrich/models/quotes-stacked.crfsuite.xz.
# Needs the training tools in .venv (torch etc., DEVELOPERS.md) and the shipped encoder and CRF in enrich/models/.
# Usage: benchmarks/train_quotes_stacked.sh [PolNeAR train dir] [work dir]
set -eu
TRAIN=${1:-../shared/data/quotes/polnear/train}
WORK=${2:-/tmp/quotes-stacked}
mkdir -p "$WORK"
for h in 0 1; do
  # same recipe and seed as the shipped encoder, on one half of the nine tenths (~310 steps each)
  [ -f "$WORK/half$h.int8.onnx" ] || nice -n 10 env PYTHONPATH=src OMP_NUM_THREADS=2 .venv/bin/python \
    benchmarks/train_quotes_encoder.py "$TRAIN" --epochs 1.5 --threads 2 --half $h \
    --out "$WORK/half$h.int8.onnx" --checkpoints "$WORK/half$h"
done
nice -n 10 env PYTHONPATH=src OMP_NUM_THREADS=1 .venv/bin/python benchmarks/train_quotes_stacked.py "$TRAIN" \
  --halves "$WORK/half0.int8.onnx" "$WORK/half1.int8.onnx" --scores "$WORK/scores"
