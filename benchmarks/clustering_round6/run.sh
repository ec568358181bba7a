#!/bin/bash
# run.sh: the cross-fitted replays of docs/benchmarks.md "A stronger sentence encoder" (issue 4, round 6), the
# checkout's venv, single-threaded, appending to /tmp/clu6enc/log.txt. Needs /tmp/clu6enc/mpnet384.npz (embed_st.py).
HERE="$(dirname "$(readlink -f "$0")")"
mkdir -p /tmp/clu6enc && cd "$HERE/../.." || exit 1
for spec in "minilm minilm" "mpnet /tmp/clu6enc/mpnet384.npz" "both both:/tmp/clu6enc/mpnet384.npz"; do
  set -- $spec
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 nice -n 10 .venv/bin/python \
    benchmarks/clustering_round6/encoders.py "$1" "$2" 2>&1 | grep --line-buffered -v Warning | tee -a /tmp/clu6enc/log.txt
done
