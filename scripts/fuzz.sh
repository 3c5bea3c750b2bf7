#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into build-fuzz/ and runs each for SECONDS (default 60), seeded from
# tests/fuzz/corpus/<target>/. The corpus libFuzzer grows is kept in build-fuzz/corpus/<target>/; an input that
# crashes, hangs (-timeout) or allocates too much (-rss_limit_mb / -malloc_limit_mb) is written to
# build-fuzz/crashes/<target>/ — turn each into a regression case in the Qt Test suite.
# Extra libFuzzer options can be passed in FUZZ_ARGS (for example FUZZ_ARGS="-max_len=2048 -jobs=2").
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (targets: fuzz_safetensors fuzz_model_file fuzz_model_meta fuzz_image)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUDGET="${1:-60}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(fuzz_safetensors fuzz_model_file fuzz_model_meta fuzz_image)

"$ROOT/scripts/setup.sh" --deps-only
missing=()
for package in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

BUILD="$ROOT/build-fuzz"
(cd "$ROOT" && cmake --preset fuzz >/dev/null)
cmake --build "$BUILD" --parallel "$(nproc)" --target "${TARGETS[@]}"

# fuzz_model_file starts from the same valid files as fuzz_safetensors.
corpus_of() { [ "$1" = fuzz_model_file ] && echo safetensors || echo "${1#fuzz_}"; }

status=0
for target in "${TARGETS[@]}"; do
  mkdir -p "$BUILD/corpus/$target" "$BUILD/crashes/$target"
  echo "== $target: ${BUDGET}s"
  # LibTorch and OpenCV keep global allocations until exit: leak reports would only be noise.
  if ! ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$BUILD/tests/fuzz/$target" -max_total_time="$BUDGET" -timeout=10 -rss_limit_mb=3072 -malloc_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$BUILD/crashes/$target/" ${FUZZ_ARGS:-} \
    "$BUILD/corpus/$target" "$ROOT/tests/fuzz/corpus/$(corpus_of "$target")" 2>"$BUILD/$target.log"; then
    status=1
    echo "$target: FAILED, see $BUILD/$target.log and $BUILD/crashes/$target/"
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs" "$BUILD/$target.log" || true
done
exit $status
