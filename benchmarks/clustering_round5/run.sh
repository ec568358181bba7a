#!/bin/bash
# run.sh SCRIPT TAG CODE [orders] [noemb] -> appends to /tmp/clu5acc/log.txt; the checkout's venv, single-threaded
HERE="$(dirname "$(readlink -f "$0")")"
S="$1"; shift
mkdir -p /tmp/clu5acc && cd /tmp/clu5acc && OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
  nice -n 10 "$HERE/../../.venv/bin/python" "$HERE/$S" "$@" 2>&1 | grep --line-buffered -v Warning | tee -a log.txt
