#!/bin/bash
# Evaluate Folder in the window against vitlens-cli evaluate, alternating, RUNS runs each: the whole process's wall
# time and peak resident memory (GNU time), on DATA and on a 100-per-class subset of it (memory growth with the
# folder). Usage: scripts/bench-evaluate.sh DATA [RUNS]   (DATA: e.g. cifar10/test; needs /usr/bin/time)
set -euo pipefail
DATA=${1:?usage: scripts/bench-evaluate.sh DATA [RUNS]}
RUNS=${2:-3}
BUILD=${BUILD:-build}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for class in "$DATA"/*/; do  # the subset: the first 100 images of each class, as links
  name=$(basename "$class")
  mkdir -p "$WORK/subset/$name"
  find "$class" -maxdepth 1 -type f | sort | head -100 | while read -r f; do ln -s "$(realpath "$f")" "$WORK/subset/$name/"; done
done
for run in $(seq "$RUNS"); do
  for data in "$DATA" "$WORK/subset"; do
    label=$([ "$data" = "$DATA" ] && echo full || echo subset)
    /usr/bin/time -f "cli    $label %e s %M KB" "$BUILD/app/cli/vitlens-cli" evaluate --data "$data" --json > /dev/null
    QT_QPA_PLATFORM=offscreen /usr/bin/time -f "window $label %e s %M KB" "$BUILD/app/gui/vitlens" --evaluate "$data" \
      --panel evaluation --screenshot "$WORK/window.png" --force > /dev/null
  done
done 2>&1 | grep -E '^(cli|window) '
