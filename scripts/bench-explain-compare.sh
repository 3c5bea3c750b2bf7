#!/usr/bin/env bash
# One explanation per method, vitlens-bench --explain against PyTorch eager (scripts/bench_explain_pytorch.py),
# side by side in one run: rounds alternate between the two so both see the same machine load; the table shows
# each method's median over rounds of per-round medians (ms).
# Usage: scripts/bench-explain-compare.sh [PRESET] [METHODS] [ROUNDS] [ITERATIONS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PRESET="${1:-cifar-seed}"
METHODS="${2:-gae,grad-rollout,attn-grad,occlusion}"
ROUNDS="${3:-3}"
ITERATIONS="${4:-10}"
PY=/usr/bin/python3 # Debian's Python, where python3-torch lives
"$PY" -c 'import torch' 2>/dev/null || { echo "needs python3-torch (apt-get install python3-torch)" >&2; exit 2; }
BENCH="$ROOT/build/app/bench/vitlens-bench"
[ -x "$BENCH" ] || "$ROOT/scripts/setup.sh"
summarise='import json, sys
for x in json.load(sys.stdin)["results"]:
    print(sys.argv[1], x["explain"], "%.4f" % x["median_ms"])'
for round in $(seq "$ROUNDS"); do
  "$BENCH" --preset "$PRESET" --explain "$METHODS" --warmup 2 --iterations "$ITERATIONS" --min-seconds 0 --json |
    "$PY" -c "$summarise" vitlens
  "$PY" "$ROOT/scripts/bench_explain_pytorch.py" --preset "$PRESET" --explain "$METHODS" --warmup 2 \
    --iterations "$ITERATIONS" --min-seconds 0 | "$PY" -c "$summarise" pytorch
done | "$PY" -c "
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in sys.stdin:
    who, method, ms = line.split()
    rows[(method, who)].append(float(ms))
print('%s, %s rounds: median ms (range of round medians)' % ('$PRESET', '$ROUNDS'))
for method in '$METHODS'.split(','):
    v, p = rows[(method, 'vitlens')], rows[(method, 'pytorch')]
    print('  %-13s vitlens %9.2f (%.2f-%.2f)   PyTorch eager %9.2f (%.2f-%.2f)   ratio %.2f' % (
        method, statistics.median(v), min(v), max(v), statistics.median(p), min(p), max(p),
        statistics.median(p) / statistics.median(v)))
"
