#!/usr/bin/env bash
# Re-reads the window's texts (every tr() in ui/) into resources/translations/vitlens_<code>.ts with Qt's lupdate:
# existing translations are kept, texts no longer in the sources are dropped (-no-obsolete), new ones arrive
# unfinished. Then prints how many messages each language still lacks and fails if any does: translate those in
# Qt Linguist (/usr/lib/qt6/bin/linguist resources/translations/vitlens_es.ts), save, rebuild.
#
# lupdate runs with its clang parser, which needs the build's compilation database (cmake --preset release makes
# build/compile_commands.json): the older built-in parser does not understand `namespace vitlens::ui {` and files
# the texts under the wrong context, so the window would never find their translations.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${VITLENS_BUILD_DIR:-$ROOT/build}"
LANGUAGES=(es zh_CN)  # also listed in ui/CMakeLists.txt and ui/language.cpp

LUPDATE="${LUPDATE:-}"
if [ -z "$LUPDATE" ]; then
  for candidate in /usr/lib/qt6/bin/lupdate "$(command -v lupdate-qt6 || true)" "$(command -v lupdate || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      LUPDATE="$candidate"
      break
    fi
  done
fi
if [ -z "$LUPDATE" ]; then
  echo "update-translations: lupdate not found; install qt6-l10n-tools (Debian) or set LUPDATE=PATH" >&2
  exit 2
fi
if [ ! -f "$BUILD/compile_commands.json" ]; then
  echo "update-translations: $BUILD/compile_commands.json is missing; configure first (cmake --preset release)" >&2
  exit 2
fi
# A source the database does not know would be skipped silently, its texts dropped from the .ts files.
sources=("$ROOT"/ui/*.cpp)
for source in "${sources[@]}"; do
  if ! grep -qF "\"file\": \"$source\"" "$BUILD/compile_commands.json"; then
    echo "update-translations: $source is not in $BUILD/compile_commands.json; re-run cmake --preset release" >&2
    exit 2
  fi
done

ts_files=()
for code in "${LANGUAGES[@]}"; do ts_files+=("$ROOT/resources/translations/vitlens_$code.ts"); done
mkdir -p "$ROOT/resources/translations"
# Debian's lupdate 6.4 now and then crashes in its clang parser (a segfault, not reproducible file by file); it
# writes the .ts files only once everything is parsed, so running it again is safe.
for attempt in 1 2 3; do
  rc=0
  "$LUPDATE" -silent -clang-parser "$BUILD" -project-roots "$ROOT/ui" -no-obsolete -source-language en \
    "${sources[@]}" "$ROOT"/ui/*.h -ts "${ts_files[@]}" || rc=$?
  [ "$rc" -lt 128 ] && break
  echo "update-translations: lupdate died (status $rc), attempt $attempt of 3" >&2
done
if [ "$rc" -ne 0 ]; then
  echo "update-translations: lupdate failed (status $rc)" >&2
  exit 2
fi

status=0
for code in "${LANGUAGES[@]}"; do
  ts="$ROOT/resources/translations/vitlens_$code.ts"
  total=$(grep -c '<message' "$ts" || true)
  # lupdate marks a new or changed text type="unfinished"; an empty <translation></translation> is one too.
  unfinished=$(grep -cE 'type="unfinished"|<translation></translation>' "$ts" || true)
  echo "$code: $((total - unfinished)) of $total messages translated, $unfinished unfinished"
  [ "$unfinished" -eq 0 ] || status=1
done
exit "$status"
