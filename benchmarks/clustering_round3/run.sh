#!/bin/bash
# run.sh TAG CODE [orders] [noemb]  -> appends to log.txt
cd /tmp/clu3 && OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 nice -n 12 /work/wt-clu3/.venv/bin/python fv.py "$@" 2>&1 | grep --line-buffered -v Warning | tee -a log.txt
