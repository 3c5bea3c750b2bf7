# Sourced by the side-by-side benchmarks: sets PY to Debian's Python, where python3-torch lives, and installs
# python3-torch (and python3-pil, which startup_pytorch.py decodes images with) when they are missing.
PY=/usr/bin/python3
if ! "$PY" -c 'import torch, PIL' 2>/dev/null; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq python3-torch python3-pil
fi
