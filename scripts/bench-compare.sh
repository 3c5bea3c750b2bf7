#!/usr/bin/env bash
# vitlens-bench against the same ViT in PyTorch eager mode (scripts/bench_pytorch.py), side by side in one run:
# rounds alternate between the engines so both see the same machine load; each round's figure is a median of
# >= 50 runs, and the table shows the median over rounds. PyTorch runs twice: with its defaults, and with the
# thread setup vitlens chose for this model (LibTorch pool and OpenBLAS threads, from vitlens-bench --json) and
# the OpenBLAS kernels vitlens runs (it sets OPENBLAS_CORETYPE where OpenBLAS did not recognise the CPU).
# DTYPES (comma-separated, default float32): vitlens's recipe for each (README, "CPU speed") against PyTorch's
# whole-model .to(bfloat16) and its quantize_dynamic int8. Last, vitlens's time over each PyTorch column's, per
# round, as the median of the rounds' ratios.
# ITERATIONS=N (and WARMUP=N) time N runs per figure with no minimum duration, in both engines, for slow figures
# such as ViT-B/16 at batch 16 (default: >= 50 runs and >= 1 s after 10 warm-up runs).
# Usage: [ITERATIONS=N [WARMUP=N]] scripts/bench-compare.sh [PRESET] [BATCHES] [ROUNDS] [DTYPES]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PRESET="${1:-cifar-seed}"
BATCHES="${2:-1}"
ROUNDS="${3:-5}"
DTYPES="${4:-float32}"
source "$ROOT/scripts/python-torch.sh"
[ -x "$ROOT/build/app/bench/vitlens-bench" ] || "$ROOT/scripts/setup.sh"
CORES="$(nproc)"
TIMING=()
if [ -n "${ITERATIONS:-}" ]; then
  TIMING=(--iterations "$ITERATIONS" --min-seconds 0 --warmup "${WARMUP:-2}")
fi
summarise='import json, sys
r = json.load(sys.stdin)
for x in r["results"]:
    print(sys.argv[1], sys.argv[2], x["batch"], "yes" if x["attention"] else "no", "%.4f" % x["median_ms"])'
for round in $(seq "$ROUNDS"); do
  for dtype in ${DTYPES//,/ }; do
    read -r TORCH_THREADS BLAS_THREADS BLAS_KERNELS < <("$ROOT/build/app/bench/vitlens-bench" --preset "$PRESET" --batch 1 \
      --dtype "$dtype" --warmup 0 --iterations 1 --min-seconds 0 --json |
      "$PY" -c 'import json,sys; r=json.load(sys.stdin); print(r["threads"], max(1, r["blas_threads"]), r.get("blas_kernels") or "-")')
    for mode in "" "--attention"; do
      "$ROOT/build/app/bench/vitlens-bench" --preset "$PRESET" --batch "$BATCHES" --dtype "$dtype" $mode "${TIMING[@]}" --json |
        "$PY" -c "$summarise" "$dtype" vitlens
      "$PY" "$ROOT/scripts/bench_pytorch.py" --preset "$PRESET" --batch "$BATCHES" --dtype "$dtype" $mode "${TIMING[@]}" |
        "$PY" -c "$summarise" "$dtype" pytorch-defaults
      # Pinned as vitlens pins its oneDNN dtypes; not for float32, where a pinned main thread would also pin the
      # OpenBLAS threads it starts to its one core.
      BIND=false
      [ "$dtype" != float32 ] && BIND=true
      KERNELS=()
      [ "$BLAS_KERNELS" != - ] && KERNELS=(OPENBLAS_CORETYPE="$BLAS_KERNELS")
      env OPENBLAS_NUM_THREADS="$BLAS_THREADS" OMP_PROC_BIND="$BIND" "${KERNELS[@]}" "$PY" \
        "$ROOT/scripts/bench_pytorch.py" --preset "$PRESET" --batch "$BATCHES" --dtype "$dtype" \
        --threads "$TORCH_THREADS" $mode "${TIMING[@]}" |
        "$PY" -c "$summarise" "$dtype" pytorch-vitlens-threads
    done
  done
done | "$PY" -c "
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in sys.stdin:
    dtype, who, batch, attention, ms = line.split()
    rows[(dtype, int(batch), attention, who)].append(float(ms))
print('preset $PRESET, $CORES cores, $ROUNDS rounds, ${ITERATIONS:-default} iterations; CPU:', open('/proc/cpuinfo').read().split('model name')[1].split(':')[1].split(chr(10))[0].strip())
print('%-9s %-6s %-9s %-24s %12s   %s' % ('dtype', 'batch', 'attention', 'engine', 'median ms', 'per-round medians'))
for key in sorted(rows):
    print('%-9s %-6s %-9s %-24s %12.4f   %s' % (*key, statistics.median(rows[key]), ' '.join('%.3f' % v for v in rows[key])))
# Each round's ratio is taken within the round, where both engines saw the same load; on a noisy machine their
# median says more than the ratio of the medians.
print('vitlens / PyTorch, median of per-round ratios (min-max):')
for (dtype, batch, attention, who) in sorted(rows):
    if who == 'vitlens':
        continue
    ours = rows.get((dtype, batch, attention, 'vitlens'), [])
    ratios = [a / b for a, b in zip(ours, rows[(dtype, batch, attention, who)]) if b > 0]
    if ratios:
        print('%-9s %-6s %-9s %-24s %12.3f   (%.3f-%.3f)' % (dtype, batch, attention, who, statistics.median(ratios), min(ratios), max(ratios)))
"
