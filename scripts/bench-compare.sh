#!/usr/bin/env bash
# vitlens-bench against the same ViT in PyTorch eager mode, side by side in one run, alternating rounds so
# both see the same machine load. Usage: scripts/bench-compare.sh [PRESET] [BATCHES] [ROUNDS] [THREADS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PRESET="${1:-cifar-seed}"
BATCHES="${2:-1}"
ROUNDS="${3:-5}"
THREADS="${4:-0}"
if ! python3 -c 'import torch' 2>/dev/null; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y -qq python3-torch
fi
[ -x "$ROOT/build/app/bench/vitlens-bench" ] || "$ROOT/scripts/setup.sh"
for round in $(seq "$ROUNDS"); do
  for mode in "" "--attention"; do
    "$ROOT/build/app/bench/vitlens-bench" --preset "$PRESET" --batch "$BATCHES" $mode --threads "$THREADS" --json |
      python3 -c "import json,sys; r=json.load(sys.stdin); [print('vitlens  ', r['threads'], x['batch'], x['attention'], '%.4f' % x['median_ms']) for x in r['results']]"
    python3 "$ROOT/scripts/bench_pytorch.py" --preset "$PRESET" --batch "$BATCHES" $mode --threads "$THREADS" |
      python3 -c "import json,sys; r=json.load(sys.stdin); [print('pytorch  ', r['threads'], x['batch'], x['attention'], '%.4f' % x['median_ms']) for x in r['results']]"
  done
done | python3 -c "
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in sys.stdin:
    who, threads, batch, attention, ms = line.split()
    rows[(batch, attention, who, threads)].append(float(ms))
print('%-6s %-9s %-8s %-7s %s' % ('batch', 'attention', 'engine', 'threads', 'median of per-round medians (ms)'))
for key in sorted(rows):
    print('%-6s %-9s %-8s %-7s %.4f   rounds: %s' % (*key, statistics.median(rows[key]), ' '.join('%.4f' % v for v in rows[key])))
"
