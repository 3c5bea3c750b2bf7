#!/usr/bin/env python3
"""Rewrites one provenance entry of a vitlens model file, leaving every tensor byte as it is.

Used once for the shipped model, whose provenance recorded the absolute path of the machine it was trained on:
  scripts/restamp_provenance.py resources/models/cifar-seed.safetensors \
      --data-from-tar ../shared/datasets/cifar10-jpeg.tar.gz --root cifar10/train
sets provenance["data"] to what `vitlens-cli train` now records (describeImageFolder in
core/training/image_folder.cpp): "<name>: N images in C classes, file list fnv1a64 <hex>", computed from the tar's
listing of root/<class>/<image>. The data area (all tensors) is compared byte for byte before the file is replaced.
"""
import argparse
import hashlib
import json
import os
import struct
import sys
import tarfile

IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff"}


def describe_from_tar(tar_path, root):
    root = root.strip("/")
    by_class = {}
    with tarfile.open(tar_path) as tar:
        for member in tar:
            if not member.isfile() or not member.name.startswith(root + "/"):
                continue
            parts = member.name[len(root) + 1:].split("/")
            if len(parts) != 2 or parts[0].startswith(".") or parts[1].startswith("."):
                continue
            if os.path.splitext(parts[1])[1].lower() in IMAGE_EXTENSIONS:
                by_class.setdefault(parts[0], []).append(parts[1])
    h = 14695981039346656037
    count = 0
    for cls in sorted(by_class):
        for name in sorted(by_class[cls]):
            for byte in f"{cls}/{name}\n".encode():
                h = ((h ^ byte) * 1099511628211) % (1 << 64)
            count += 1
    name = "/".join(root.split("/")[-2:])
    return f"{name}: {count} images in {len(by_class)} classes, file list fnv1a64 {h:016x}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("--data-from-tar", required=True)
    parser.add_argument("--root", required=True, help="folder inside the tar holding <class>/<image>")
    args = parser.parse_args()

    blob = open(args.model, "rb").read()
    (header_len,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + header_len])
    data = blob[8 + header_len:]
    metadata = header["__metadata__"]
    provenance = json.loads(metadata["provenance"])
    old = provenance.get("data")
    provenance["data"] = describe_from_tar(args.data_from_tar, args.root)
    metadata["provenance"] = json.dumps(provenance, separators=(",", ":"))
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)  # keeps the data area 8-byte aligned, as the writers do
    out = struct.pack("<Q", len(text)) + text + data
    if hashlib.sha256(out[8 + len(text):]).digest() != hashlib.sha256(data).digest():
        sys.exit("tensor data changed; nothing written")
    tmp = args.model + ".tmp"
    with open(tmp, "wb") as f:
        f.write(out)
    os.replace(tmp, args.model)
    print(f"provenance data: {old!r} -> {provenance['data']!r}")
    print(f"tensor data sha256 {hashlib.sha256(data).hexdigest()} (unchanged, {len(data)} bytes)")


if __name__ == "__main__":
    main()
