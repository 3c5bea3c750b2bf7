#!/usr/bin/env bash
# Builds the Debian package: vitlens_VERSION_ARCH.deb in build/ (cpack -G DEB over cmake --install), then shows
# what it holds and declares. Install it with: sudo apt install ./build/vitlens_*.deb
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT/build"
cpack -G DEB
deb=$(ls -t vitlens_*.deb | head -1)
dpkg-deb --info "$deb"
dpkg-deb --contents "$deb"
if command -v lintian >/dev/null; then lintian --no-tag-display-limit "$deb" || true; fi
echo "built $ROOT/build/$deb"
