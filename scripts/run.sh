#!/usr/bin/env bash
# vitlens's main job: installs what is missing, builds, then classifies IMAGE with the CLI and the built-in model
# (the desktop window arrives with the GUI issue). Usage: scripts/run.sh [IMAGE] [--model FILE]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"

IMAGE="${1:-}"
shift || true
MODEL_ARGS=("$@")
if [ ${#MODEL_ARGS[@]} -eq 0 ] && ! "$ROOT/build/app/cli/vitlens-cli" info >/dev/null 2>&1; then
  # This build has no built-in model: use an untrained one so the pipeline can be tried end to end.
  MODEL="$ROOT/build/untrained-cifar-seed.safetensors"
  [ -f "$MODEL" ] || "$ROOT/build/app/cli/vitlens-cli" init --preset cifar-seed --out "$MODEL" >/dev/null
  echo "run: no built-in model and no --model given; using an UNTRAINED model, so the classes are meaningless" >&2
  MODEL_ARGS=(--model "$MODEL")
fi
if [ -z "$IMAGE" ]; then
  "$ROOT/build/app/cli/vitlens-cli" info "${MODEL_ARGS[@]}"
  echo "run: pass an IMAGE to classify it, e.g. scripts/run.sh ../shared/samples/chelsea.png"
  exit 0
fi
exec "$ROOT/build/app/cli/vitlens-cli" classify "${MODEL_ARGS[@]}" "$IMAGE"
