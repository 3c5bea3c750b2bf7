#!/usr/bin/python3
"""The same ViT in PyTorch eager mode, timed like vitlens-bench, for side-by-side comparison.

The model is a plain re-implementation of timm's VisionTransformer (pre-norm blocks, fused qkv, GELU MLP)
whose attention returns its softmax probabilities, as vitlens does with --attention.
Prints one JSON object shaped like `vitlens-bench --json`.
"""
import argparse
import json
import statistics
import time

import torch
from torch import nn

PRESETS = {  # image, patch, dim, depth, heads, mlp, classes
    "cifar-seed": (32, 4, 48, 4, 4, 192, 10),
    "vit-ti16": (224, 16, 192, 12, 3, 768, 1000),
    "vit-s16": (224, 16, 384, 12, 6, 1536, 1000),
    "vit-b16": (224, 16, 768, 12, 12, 3072, 1000),
}


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x, capture):
        b, n, d = x.shape
        q, k, v = self.qkv(x).reshape(b, n, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        attn = ((q * self.scale) @ k.transpose(-2, -1)).softmax(-1)
        x = (attn @ v).transpose(1, 2).reshape(b, n, d)
        return self.proj(x), (attn if capture else None)


class Block(nn.Module):
    def __init__(self, dim, heads, mlp):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = nn.Sequential(nn.Linear(dim, mlp), nn.GELU(), nn.Linear(mlp, dim))

    def forward(self, x, capture):
        y, attn = self.attn(self.norm1(x), capture)
        x = x + y
        return x + self.mlp(self.norm2(x)), attn


class VisionTransformer(nn.Module):
    def __init__(self, image, patch, dim, depth, heads, mlp, classes):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, dim, patch, patch)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(torch.randn(1, (image // patch) ** 2 + 1, dim) * 0.02)
        self.blocks = nn.ModuleList(Block(dim, heads, mlp) for _ in range(depth))
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.head = nn.Linear(dim, classes)

    def forward(self, x, capture=False):
        x = self.patch_embed(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], 1) + self.pos_embed
        maps = []
        for block in self.blocks:
            x, attn = block(x, capture)
            if capture:
                maps.append(attn)
        return self.head(self.norm(x)[:, 0]), maps


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="cifar-seed", choices=sorted(PRESETS))
    parser.add_argument("--batch", default="1,64")
    parser.add_argument("--attention", action="store_true")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--iterations", type=int, default=50)
    parser.add_argument("--min-seconds", type=float, default=1.0)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    parser.add_argument("--dtype", default="float32", choices=["float32", "float16", "bfloat16", "int8"])
    args = parser.parse_args()
    device = torch.device(args.device)
    # int8: PyTorch's own dynamic quantization of every Linear (quantize_dynamic, oneDNN engine), inputs float32.
    dtype = torch.float32 if args.dtype == "int8" else getattr(torch, args.dtype)

    def sync():
        if device.type == "cuda":
            torch.cuda.synchronize()

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    image = PRESETS[args.preset][0]
    model = VisionTransformer(*PRESETS[args.preset]).eval().to(device, dtype)
    if args.dtype == "int8":
        torch.backends.quantized.engine = "onednn"
        model = torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)
    results = []
    with torch.inference_mode():
        for batch in [int(b) for b in args.batch.split(",")]:
            x = torch.randn(batch, 3, image, image, device=device, dtype=dtype)
            for _ in range(args.warmup):
                model(x, args.attention)
            sync()
            times = []
            begin = time.perf_counter()
            while len(times) < args.iterations or time.perf_counter() - begin < args.min_seconds:
                start = time.perf_counter()
                model(x, args.attention)
                sync()
                times.append((time.perf_counter() - start) * 1000.0)
            median = statistics.median(times)
            results.append({"batch": batch, "attention": args.attention, "median_ms": median, "min_ms": min(times),
                             "max_ms": max(times), "runs": len(times), "images_per_s": 1000.0 * batch / median})
    print(json.dumps({"model": args.preset + " (PyTorch " + torch.__version__ + " eager)", "device": args.device,
                      "dtype": args.dtype, "threads": torch.get_num_threads(), "results": results}, indent=2))


if __name__ == "__main__":
    main()
