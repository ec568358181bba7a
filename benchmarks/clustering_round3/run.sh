#!/bin/bash
# run.sh TAG CODE [orders] [noemb]  -> appends to /tmp/clu3/log.txt (the scratch folder the scripts use)
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p /tmp/clu3 && cd /tmp/clu3 && OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 nice -n 12 \
  "$here/../../.venv/bin/python" "$here/fv.py" "$@" 2>&1 | grep --line-buffered -v Warning | tee -a log.txt
