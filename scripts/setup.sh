#!/usr/bin/env bash
# Installs the Debian packages vitlens needs (only the missing ones), then configures and builds it
# (Release, into build/). Sourced by run.sh and test.sh; safe to run on its own.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

PACKAGES=(
  cmake ninja-build g++ ccache pkg-config
  qt6-base-dev qt6-charts-dev libopencv-dev nlohmann-json3-dev
  qt6-l10n-tools qt6-tools-dev      # lupdate / lrelease and their CMake package (Qt6LinguistTools): translations
  qt6-translations-l10n             # Qt's own texts (standard buttons, file dialog) in Spanish and Chinese
  qt6-multimedia-dev                # File > Camera
  libcurl4-openssl-dev              # downloads from the Hugging Face hub
  libtorch-dev libopenblas0-pthread # without OpenBLAS LibTorch falls back to the reference BLAS (4-18x slower)
  xvfb xauth                        # GUI tests and screenshots
  desktop-file-utils appstream      # validators of the installed desktop entry and AppStream file
)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# --deps-only: packages only (scripts that build elsewhere, such as fuzz.sh, call it this way).
[ "${1:-}" = "--deps-only" ] && exit 0

BUILD_TYPE="${VITLENS_BUILD_TYPE:-Release}"
# CI builds with -Werror (the ci preset: warnings in our own targets fail the run); the preset sets it on every
# configure, so it never lingers from an earlier one.
PRESET=release
[ "${CI:-}" = "true" ] && PRESET=ci
(cd "$ROOT" && cmake --preset "$PRESET" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" >/dev/null)
cmake --build "$ROOT/build" --parallel "$(nproc)"
