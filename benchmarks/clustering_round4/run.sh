#!/bin/bash
# run.sh TAG CODE [orders] [noemb] -> appends to /tmp/clu4acc/log.txt; the checkout's venv and this folder's sp.py
HERE="$(dirname "$(readlink -f "$0")")"
mkdir -p /tmp/clu4acc && cd /tmp/clu4acc && OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
  nice -n 12 "$HERE/../../.venv/bin/python" "$HERE/sp.py" "$@" 2>&1 | grep --line-buffered -v Warning | tee -a log.txt
