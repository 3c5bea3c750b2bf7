#!/usr/bin/env bash
# Installs the .deb the way a user does (apt install ./vitlens_*.deb) into a fresh, minimal Debian 12 made with
# debootstrap, then runs the installed programs there: nothing of the build machine's libraries or of this tree
# can help them. Needs root and Debian's archive (not part of CI: it downloads about a gigabyte).
#   scripts/check-deb-install.sh [build/vitlens_VERSION_amd64.deb]
# VITLENS_CHROOT_DIR (default build/chroot) keeps the pristine base system between runs as base.tar; each run
# unpacks it afresh. VITLENS_DEBIAN_MIRROR overrides http://deb.debian.org/debian.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deb="${1:-$(ls -t "$ROOT"/build/vitlens_*.deb 2>/dev/null | head -1)}"
[[ -f "$deb" ]] || { echo "check-deb-install: no package: run scripts/package.sh first" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || { echo "check-deb-install: needs root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "check-deb-install: needs debootstrap (apt-get install debootstrap)" >&2; exit 1; }
dir="${VITLENS_CHROOT_DIR:-$ROOT/build/chroot}"
mirror="${VITLENS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
mkdir -p "$dir"

if [[ ! -f "$dir/base.tar" ]]; then
  rm -rf "$dir/base"
  debootstrap --variant=minbase bookworm "$dir/base" "$mirror"
  tar -C "$dir/base" -cf "$dir/base.tar.part" . && mv "$dir/base.tar.part" "$dir/base.tar"
  rm -rf "$dir/base"
fi

system="$dir/system"
cleanup() {
  for mount in dev proc; do umount "$system/$mount" 2>/dev/null || true; done
}
trap cleanup EXIT
cleanup
rm -rf "$system" && mkdir -p "$system"
tar -C "$system" -xf "$dir/base.tar"
mount -t proc proc "$system/proc"
mount --bind /dev "$system/dev"
cp /etc/resolv.conf "$system/etc/resolv.conf"
install -m 644 "$deb" "$system/tmp/"
install -m 644 "$ROOT/resources/samples/chelsea.jpg" "$system/tmp/"
inside() { chroot "$system" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

echo "== apt install ./$(basename "$deb") in a fresh Debian $(cat "$system/etc/debian_version")"
inside apt-get update -qq
inside env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "/tmp/$(basename "$deb")" >"$dir/apt.log" 2>&1 ||
  { tail -30 "$dir/apt.log"; echo "check-deb-install: apt install failed (log: $dir/apt.log)" >&2; exit 1; }
grep -E "^(Need to get|After this operation|Setting up vitlens)" "$dir/apt.log" || true

echo "== the installed programs, run inside it"
inside sh -c 'cd /tmp && vitlens-cli classify /tmp/chelsea.jpg'
inside sh -c 'cd /tmp && QT_QPA_PLATFORM=offscreen vitlens --screenshot /tmp/shot.png /tmp/chelsea.jpg'
cp "$system/tmp/shot.png" "$dir/shot.png"
echo "screenshot taken inside: $dir/shot.png ($(stat -c %s "$dir/shot.png") bytes)"
echo "== where desktops look"
for file in /usr/share/applications/vitlens.desktop /usr/share/icons/hicolor/scalable/apps/vitlens.svg \
  /usr/share/icons/hicolor/256x256/apps/vitlens.png /usr/share/metainfo/io.github.vitlens.metainfo.xml \
  /usr/share/man/man1/vitlens-cli.1.gz /usr/share/doc/vitlens/copyright /usr/share/doc/vitlens/changelog.gz; do
  [[ -s "$system$file" ]] || { echo "check-deb-install: $file is missing" >&2; exit 1; }
  echo "$file"
done
grep -E "^(Exec|Icon|MimeType)=" "$system/usr/share/applications/vitlens.desktop"
inside dpkg -s vitlens | grep -E "^(Status|Version|Installed-Size)"
echo "== what a desktop makes of it (xdg-utils and desktop-file-utils, installed after the check above)"
inside env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends xdg-utils desktop-file-utils \
  >>"$dir/apt.log" 2>&1
inside desktop-file-validate /usr/share/applications/vitlens.desktop
inside update-desktop-database /usr/share/applications
for type in image/jpeg image/png; do
  handler=$(inside env XDG_CURRENT_DESKTOP=X-Generic xdg-mime query default "$type")
  echo "$type opens with: $handler"
  [[ "$handler" == vitlens.desktop ]] || { echo "check-deb-install: $type is not offered to vitlens" >&2; exit 1; }
done
echo "check-deb-install: passed"
