#!/bin/bash
# run.sh: the five folds of ce.py one after another (never two at once: one core is another engineer's), then
# evaluate.py; logs to /tmp/s18ce/ce.log. Settings of the round-9 run (sized to ~12 min a fold on one thread).
HERE="$(dirname "$(readlink -f "$0")")"
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 TUNED=${TUNED:-3} NPOS=${NPOS:-1500} NHARD=${NHARD:-1100} NRAND=${NRAND:-400} LR=${LR:-5e-5}
for k in 0 1 2 3 4; do
  nice -n 10 /work/tv/bin/python "$HERE/ce.py" fold $k 2>&1 | grep --line-buffered -v -e Warn -e "Loading weights"
done >> /tmp/s18ce/ce.log
nice -n 10 /work/tv/bin/python "$HERE/evaluate.py" max > /tmp/s18ce/eval-max.txt 2>&1
nice -n 10 /work/tv/bin/python "$HERE/evaluate.py" mean > /tmp/s18ce/eval-mean.txt 2>&1
