#!/usr/bin/env bash
# Start-up side by side: the wall time of a whole `vitlens-cli classify --dtype float32 IMAGE` process (load
# LibTorch, read the model, decode, one pass, print) against the same steps in PyTorch eager mode
# (scripts/startup_pytorch.py, Debian's python3-torch), alternating process by process so both see the same load.
# Prints each side's median and range over RUNS processes, and the median of the per-pair ratios.
# MODEL: a vitlens .safetensors file (default: the built-in model's file, resources/models/cifar-seed.safetensors;
# `vitlens-cli init --preset vit-b16 --out FILE` makes a ViT-B/16 one).
# Usage: scripts/bench-startup.sh [RUNS] [MODEL] [IMAGE]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-10}"
MODEL="${2:-$ROOT/resources/models/cifar-seed.safetensors}"
IMAGE="${3:-$ROOT/resources/samples/chelsea.jpg}"
source "$ROOT/scripts/python-torch.sh"
CLI="$ROOT/build/app/cli/vitlens-cli"
[ -x "$CLI" ] || "$ROOT/scripts/setup.sh"

seconds() { # wall time of one whole process, in seconds; its output is dropped, its failure ends the script
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo "$(((end - start) / 1000))e-6"
}

"$CLI" classify --dtype float32 --model "$MODEL" "$IMAGE" >/dev/null # warm the page cache for both
"$PY" "$ROOT/scripts/startup_pytorch.py" "$MODEL" "$IMAGE" >/dev/null
for _ in $(seq "$RUNS"); do
  echo "$(seconds "$CLI" classify --dtype float32 --model "$MODEL" "$IMAGE")" \
    "$(seconds "$PY" "$ROOT/scripts/startup_pytorch.py" "$MODEL" "$IMAGE")"
done | "$PY" -c "
import statistics, sys
pairs = [tuple(map(float, line.split())) for line in sys.stdin]
cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '?')
print('start-up, %d alternating runs each; CPU: %s' % (len(pairs), cpu))
for name, column in (('vitlens-cli classify', 0), ('PyTorch eager', 1)):
    times = [p[column] for p in pairs]
    print('%-22s median %.3f s (%.3f-%.3f)' % (name, statistics.median(times), min(times), max(times)))
ratios = [v / p for v, p in pairs]
print('vitlens / PyTorch, median of per-pair ratios %.2f (%.2f-%.2f)' % (statistics.median(ratios), min(ratios), max(ratios)))
"
