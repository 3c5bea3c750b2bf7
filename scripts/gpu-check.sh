#!/usr/bin/env bash
# The GPU report (README "GPU"): on a machine with an NVIDIA GPU and PyTorch 2.x with CUDA, builds vitlens_model
# and vitlens-bench against PyTorch's LibTorch (-DVITLENS_MODEL_ONLY=ON: no Qt or OpenCV needed, build-gpu/),
# then prints
#   1. the agreement checks: CUDA float32 vs CPU on cifar-seed, vit-ti16 and vit-b16 (random weights), and
#      float16 / bfloat16 vs float32 on 256 random inputs (vitlens-bench --check --device cuda);
#   2. vit-b16 at 224: batch 1, 64 and 256 in float32, float16 and bfloat16, without and with attention capture,
#      for vitlens and for the same model in PyTorch eager mode (scripts/bench_pytorch.py), in one run.
# Usage: scripts/gpu-check.sh [PYTHON]   (default python3; the one whose torch has CUDA)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${1:-python3}"

if ! "$PYTHON" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
  echo "gpu-check: $PYTHON has no PyTorch that sees a CUDA device; nothing to check here" >&2
  exit 1
fi
PREFIX="$("$PYTHON" -c 'import torch; print(torch.utils.cmake_prefix_path)')"
"$PYTHON" -c 'import torch; print("gpu-check: PyTorch", torch.__version__, "CUDA", torch.version.cuda, "on",
torch.cuda.get_device_name(0))'

GENERATOR=()
command -v ninja >/dev/null && GENERATOR=(-G Ninja)
cmake -S "$ROOT" -B "$ROOT/build-gpu" "${GENERATOR[@]}" -DCMAKE_BUILD_TYPE=Release -DVITLENS_MODEL_ONLY=ON \
  -DCMAKE_PREFIX_PATH="$PREFIX" >/dev/null
cmake --build "$ROOT/build-gpu" --parallel "$(nproc)" --target vitlens-bench
BENCH="$ROOT/build-gpu/app/bench/vitlens-bench"

echo "== 1. agreement"
status=0
"$BENCH" --check --device cuda || status=1

echo "== 2. speed: vit-b16, 224x224, CUDA (median ms over >= 50 runs after 10 warm-up runs, synchronised)"
for dtype in float32 float16 bfloat16; do
  "$BENCH" --preset vit-b16 --device cuda --dtype "$dtype" --batch 1,64,256 --attention-both
  for capture in "" --attention; do
    "$PYTHON" "$ROOT/scripts/bench_pytorch.py" --preset vit-b16 --device cuda --dtype "$dtype" --batch 1,64,256 \
      $capture | "$PYTHON" -c 'import json, sys
r = json.load(sys.stdin)
for f in r["results"]:
    print("  PyTorch eager %s  batch %4d  attention %-3s  median %9.3f ms  %10.1f images/s" % (r["dtype"],
          f["batch"], "yes" if f["attention"] else "no", f["median_ms"], f["images_per_s"]))'
  done
done
exit $status
