#!/usr/bin/env bash
# The core and CLI test suites under AddressSanitizer + UndefinedBehaviorSanitizer (the asan preset, build-asan/).
# The GUI suites (label gui) are left out: Qt's widgets under ASan add minutes and test Qt more than vitlens.
# Leak detection is off: LibTorch, OpenBLAS and Qt keep global allocations until exit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh" --deps-only

# The suites labelled core and cli (tests/CMakeLists.txt), as CTest lists them once configured.
LABELS='^(core|cli)$'
(cd "$ROOT" && cmake --preset asan >/dev/null)
cd "$ROOT/build-asan"
mapfile -t TESTS < <(ctest -N -L "$LABELS" | sed -n 's/^ *Test *#[0-9]*: //p')
((${#TESTS[@]})) || { echo "test-asan: no tests labelled core or cli" >&2; exit 1; }
cmake --build . --parallel "$(nproc)" --target vitlens-cli "${TESTS[@]}"
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  QT_QPA_PLATFORM=offscreen ctest --output-on-failure --parallel "$(nproc)" -L "$LABELS" "$@"
