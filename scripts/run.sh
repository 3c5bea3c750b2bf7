#!/usr/bin/env bash
# vitlens's main job: installs what is missing, builds, then opens the desktop window (on IMAGE, if given).
# Usage: scripts/run.sh [IMAGE] [vitlens options, e.g. --model FILE --layer 2]
# With no display ($DISPLAY / $WAYLAND_DISPLAY unset) it says so and writes a screenshot of the window instead.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"

ARGS=()
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  IMAGE="$1"
  shift
fi
ARGS+=("$@")
if ! "$ROOT/build/app/cli/vitlens-cli" info >/dev/null 2>&1 && [[ " ${ARGS[*]} " != *" --model "* ]]; then
  # This build has no built-in model: use an untrained one so the window can be tried end to end.
  MODEL="$ROOT/build/untrained-cifar-seed.safetensors"
  [ -f "$MODEL" ] || "$ROOT/build/app/cli/vitlens-cli" init --preset cifar-seed --out "$MODEL" >/dev/null
  echo "run: no built-in model and no --model given; using an UNTRAINED model, so the classes are meaningless" >&2
  ARGS+=(--model "$MODEL")
fi
[ -n "${IMAGE:-}" ] && ARGS+=("$IMAGE")

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  SHOT="$ROOT/build/vitlens-screenshot.png"
  echo "run: no display here (DISPLAY and WAYLAND_DISPLAY are unset), so the window cannot open;" \
    "writing a screenshot of it instead: $SHOT" >&2
  QT_QPA_PLATFORM=offscreen exec "$ROOT/build/app/gui/vitlens" --screenshot "$SHOT" --force "${ARGS[@]}"
fi
exec "$ROOT/build/app/gui/vitlens" "${ARGS[@]}"
