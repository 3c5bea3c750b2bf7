#!/usr/bin/env bash
# The GPU report (README "GPU"): on a machine with an NVIDIA GPU and PyTorch 2.x with CUDA, builds vitlens_model
# and vitlens-bench against PyTorch's LibTorch (-DVITLENS_MODEL_ONLY=ON: no Qt or OpenCV needed, build-gpu/),
# then prints
#   1. the agreement checks: CUDA float32 vs CPU on cifar-seed, vit-ti16 and vit-b16 (random weights), and
#      float16 / bfloat16 vs float32 on 256 random inputs (vitlens-bench --check --device cuda);
#   2. vit-b16 at 224: batch 1, 64 and 256 in float32, float16 and bfloat16, without and with attention capture,
#      for vitlens and for the same model in PyTorch eager mode (scripts/bench_pytorch.py), in one run;
#   3. peak GPU memory of vit-b16 at 224 and vit-l16 at 384, batch 1: no capture, every layer captured in float32,
#      every layer in float16 (what the window keeps), one layer (what a one-layer view needs);
#   4. the out-of-memory fallback: the GPU filled on purpose, the pass runs out of memory, is redone on the CPU.
# Rehearsed without a GPU (README, "GPU"): VITLENS_GPU_CHECK_DEVICE=cpu scripts/gpu-check.sh python3 runs every
# step on the CPU against Debian's LibTorch (short timings; float16 skipped; the out-of-memory error simulated).
# Usage: scripts/gpu-check.sh [PYTHON]   (default python3; the one whose torch has CUDA)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${1:-python3}"

DEVICE="${VITLENS_GPU_CHECK_DEVICE:-cuda}"
BUILD="$ROOT/build-gpu"
DTYPES=(float32 float16 bfloat16)
BATCHES=1,64,256
TIMING=()  # the bench's defaults: >= 50 runs and 1 s after 10 warm-up runs
if [ "$DEVICE" = cuda ]; then
  if ! "$PYTHON" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
    echo "gpu-check: $PYTHON has no PyTorch that sees a CUDA device; nothing to check here" >&2
    exit 1
  fi
  "$PYTHON" -c 'import torch; print("gpu-check: PyTorch", torch.__version__, "CUDA", torch.version.cuda, "on",
torch.cuda.get_device_name(0))'
else  # the rehearsal
  BUILD="$ROOT/build-model-only"
  DTYPES=(float32 bfloat16)
  BATCHES=1,2
  TIMING=(--iterations 2 --min-seconds 0 --warmup 1)
  echo "gpu-check: rehearsal on the CPU (VITLENS_GPU_CHECK_DEVICE=cpu)"
fi
PREFIX="$("$PYTHON" -c 'import torch; print(torch.utils.cmake_prefix_path)')"

GENERATOR=()
command -v ninja >/dev/null && GENERATOR=(-G Ninja)
cmake -S "$ROOT" -B "$BUILD" "${GENERATOR[@]}" -DCMAKE_BUILD_TYPE=Release -DVITLENS_MODEL_ONLY=ON \
  -DCMAKE_PREFIX_PATH="$PREFIX" >/dev/null
cmake --build "$BUILD" --parallel "$(nproc)" --target vitlens-bench
BENCH="$BUILD/app/bench/vitlens-bench"

echo "== 1. agreement"
status=0
"$BENCH" --check --device "$DEVICE" || status=1

echo "== 2. speed: vit-b16, 224x224, $DEVICE (median ms over >= 50 runs after 10 warm-up runs, synchronised)"
for dtype in "${DTYPES[@]}"; do
  "$BENCH" --preset vit-b16 --device "$DEVICE" --dtype "$dtype" --batch "$BATCHES" --attention-both "${TIMING[@]}" ||
    status=1
  for capture in "" --attention; do
    "$PYTHON" "$ROOT/scripts/bench_pytorch.py" --preset vit-b16 --device "$DEVICE" --dtype "$dtype" \
      --batch "$BATCHES" $capture "${TIMING[@]}" | "$PYTHON" -c 'import json, sys
r = json.load(sys.stdin)
for f in r["results"]:
    print("  PyTorch eager %s  batch %4d  attention %-3s  median %9.3f ms  %10.1f images/s" % (r["dtype"],
          f["batch"], "yes" if f["attention"] else "no", f["median_ms"], f["images_per_s"]))' || status=1
  done
done

echo "== 3. memory: batch 1, one process per figure (the caching allocator keeps its peak)"
MEMORY_DTYPE=float16
[ "$DEVICE" = cuda ] || MEMORY_DTYPE=bfloat16
for model in "vit-b16 224 11" "vit-l16 384 23"; do
  read -r preset size last <<<"$model"
  for capture in "none:float32:" "all:float32:--attention" "all:$MEMORY_DTYPE:--attention" \
                 "layer $last:$MEMORY_DTYPE:--capture-layers $last"; do
    IFS=: read -r what dtype flags <<<"$capture"
    line="$("$BENCH" --preset "$preset" --input-size "$size" --device "$DEVICE" --dtype "$dtype" --batch 1 \
      --iterations 3 --min-seconds 0 --warmup 1 --memory $flags | grep 'memory')" || status=1
    printf '  %s at %s, %-8s capture %-9s %s\n' "$preset" "$size" "$dtype" "$what" "${line#*memory }"
  done
done

echo "== 4. out-of-memory fallback"
"$BENCH" --oom-check --preset vit-b16 --device "$DEVICE" || status=1
exit $status
