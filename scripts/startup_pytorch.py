#!/usr/bin/python3
"""What `vitlens-cli classify IMAGE` does, in PyTorch eager mode, for timing start-up side by side
(scripts/bench-startup.sh): import torch, read a vitlens / timm .safetensors model, build the same ViT
(scripts/bench_pytorch.py's), decode the image, centre-crop and resize it to the model's input, normalise,
one forward pass, print the top 5.

For timing, not numerics: the resize is Pillow's bicubic (vitlens uses OpenCV's area / bicubic), so the
probabilities may differ from vitlens's in the last digits; the top class should agree.
Usage: startup_pytorch.py MODEL.safetensors IMAGE
"""
import json
import os
import sys

import numpy
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, "..", "tests", "fixtures")]
from bench_pytorch import VisionTransformer  # noqa: E402
from make_interop import read_safetensors  # noqa: E402  (the fixtures' reader, float32 and float16)

def bench_names(name):
    """timm's parameter names -> bench_pytorch.py's (its patch embedding is a bare Conv2d, its MLP a Sequential)."""
    return (name.replace("patch_embed.proj.", "patch_embed.")
            .replace(".mlp.fc1.", ".mlp.0.").replace(".mlp.fc2.", ".mlp.2."))


def main():
    model_path, image_path = sys.argv[1], sys.argv[2]
    metadata, tensors = read_safetensors(model_path)
    config = json.loads(metadata["config"])
    size, patch = config["image_height"], config["patch_size"]
    model = VisionTransformer(size, patch, config["embed_dim"], config["depth"], config["num_heads"],
                              config["mlp_dim"], config["num_classes"])
    model.load_state_dict({bench_names(k): v for k, v in tensors.items()})
    model.eval()
    mean = json.loads(metadata.get("mean", "[0.5, 0.5, 0.5]"))
    std = json.loads(metadata.get("std", "[0.5, 0.5, 0.5]"))
    labels = json.loads(metadata.get("labels", "[]"))

    image = Image.open(image_path).convert("RGB")
    side = min(image.size)  # centre crop to a square, then resize (crop_pct 1, square input)
    left, top = (image.width - side) // 2, (image.height - side) // 2
    image = image.crop((left, top, left + side, top + side)).resize((size, size), Image.BICUBIC)
    pixels = torch.from_numpy(numpy.asarray(image, dtype=numpy.float32) / 255.0)  # (H, W, 3)
    pixels = (pixels - torch.tensor(mean)) / torch.tensor(std)
    with torch.inference_mode():
        logits, _ = model(pixels.permute(2, 0, 1).unsqueeze(0))  # (1, 3, H, W) -> (1, classes)
    probabilities = logits.softmax(-1)[0]
    top = probabilities.topk(min(5, probabilities.numel()))
    for p, i in zip(top.values.tolist(), top.indices.tolist()):
        print(f"{labels[i] if i < len(labels) else i}\t{p:.4f}")


if __name__ == "__main__":
    main()
