#!/usr/bin/python3
"""Training throughput of the cifar-seed ViT in PyTorch eager mode, to set beside `vitlens-cli train`.

The same model (32 px, patch 4, width 48, depth 4, 4 heads, MLP 192, 10 classes: 119,194 parameters) and the
same step as vitlens's trainer: per-batch random crop (4 px zero padding) and horizontal flip on uint8 tensors,
normalisation, forward, label-smoothed (0.1) cross entropy, backward, grad-norm clip 1.0, AdamW (weight decay
only on weight matrices) with linear warm-up and cosine decay, loss and accuracy read back every step.
Data is held in memory as uint8: --data DIR decodes DIR/train/<class>/*.jpg once with PIL and keeps a seeded
--images of them (default 5000, like `--holdout 1000` on 6000 images), else random bytes of that shape.

Run with Debian's PyTorch (the `python3` on PATH may lack torch):
  /usr/bin/python3 scripts/bench_train_pytorch.py --data /tmp/bench-train/data --steps 39 --warmup-steps 2
  OPENBLAS_NUM_THREADS=2 /usr/bin/python3 scripts/bench_train_pytorch.py --threads 1 ...
--threads sets torch.set_num_threads (LibTorch's OpenMP pool); OpenBLAS, which does the matrix products in this
build, keeps its own pool (OPENBLAS_NUM_THREADS, default: all cores). Prints images/s over the timed steps.
"""
import argparse
import ctypes
import math
import os
import statistics
import time

import torch
import torch.nn.functional as F
from torch import nn


class Block(nn.Module):
    def __init__(self, dim, heads, mlp):
        super().__init__()
        self.heads, self.scale = heads, (dim // heads) ** -0.5
        self.norm1, self.norm2 = nn.LayerNorm(dim, eps=1e-6), nn.LayerNorm(dim, eps=1e-6)
        self.qkv, self.proj = nn.Linear(dim, 3 * dim), nn.Linear(dim, dim)
        self.mlp = nn.Sequential(nn.Linear(dim, mlp), nn.GELU(), nn.Linear(mlp, dim))

    def forward(self, x):
        b, n, d = x.shape
        q, k, v = self.qkv(self.norm1(x)).reshape(b, n, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        attn = (q @ k.transpose(-2, -1)).mul_(self.scale).softmax(-1)  # (B, heads, N, N)
        x = x + self.proj((attn @ v).transpose(1, 2).reshape(b, n, d))
        return x + self.mlp(self.norm2(x))


class ViT(nn.Module):
    def __init__(self, image=32, patch=4, dim=48, depth=4, heads=4, mlp=192, classes=10):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, dim, patch, patch)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(torch.randn(1, (image // patch) ** 2 + 1, dim) * 0.02)
        self.blocks = nn.Sequential(*(Block(dim, heads, mlp) for _ in range(depth)))
        self.norm, self.head = nn.LayerNorm(dim, eps=1e-6), nn.Linear(dim, classes)

    def forward(self, x):
        x = self.patch_embed(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], 1) + self.pos_embed
        return self.head(self.norm(self.blocks(x))[:, 0])


def load(data, count, seed):
    """(count, 32, 32, 3) uint8 images and int64 labels: decoded from data/train/<class>/, or random."""
    if not data:
        g = torch.Generator().manual_seed(seed)
        return torch.randint(0, 256, (count, 32, 32, 3), dtype=torch.uint8, generator=g), torch.arange(count) % 10
    import numpy as np
    from PIL import Image
    root = os.path.join(data, "train")
    files = [(os.path.join(root, c, f), i)
             for i, c in enumerate(sorted(os.listdir(root))) for f in sorted(os.listdir(os.path.join(root, c)))]
    keep = sorted(torch.randperm(len(files), generator=torch.Generator().manual_seed(seed))[:count].tolist())
    images = np.stack([np.asarray(Image.open(files[i][0]).convert("RGB").resize((32, 32))) for i in keep])
    return torch.from_numpy(images), torch.tensor([files[i][1] for i in keep])


def augment(bytes_, pad=4):
    """Random crop from the zero-padded image and horizontal flip, per image, on (B, H, W, 3) uint8."""
    b, h, w, _ = bytes_.shape
    padded = F.pad(bytes_, (0, 0, pad, pad, pad, pad))  # (B, H+2p, W+2p, 3)
    dy, dx = torch.randint(0, 2 * pad + 1, (2, b, 1))
    rows, cols = dy + torch.arange(h), dx + torch.arange(w)  # (B, H), (B, W)
    cols = torch.where(torch.rand(b, 1) < 0.5, cols.flip(1), cols)
    return padded[torch.arange(b)[:, None, None], rows[:, :, None], cols[:, None, :]]  # (B, H, W, 3)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="folder with train/<class>/*.jpg (default: random uint8 images)")
    parser.add_argument("--images", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--steps", type=int, default=39, help="timed steps")
    parser.add_argument("--warmup-steps", type=int, default=2, help="untimed steps first")
    parser.add_argument("--threads", type=int, help="torch.set_num_threads (default: PyTorch's own)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    blas = ctypes.CDLL("libopenblas.so.0").openblas_get_num_threads()
    start = time.perf_counter()
    images, labels = load(args.data, args.images, args.seed)
    source = f"decoded from {args.data}" if args.data else "random"
    print(f"{len(images)} images ({source}) in {time.perf_counter() - start:.1f} s; "
          f"threads: torch {torch.get_num_threads()}, OpenBLAS {blas}; torch {torch.__version__}")
    x = images.float().div_(255)
    mean, std = x.mean((0, 1, 2)), x.std((0, 1, 2), unbiased=False)

    model = ViT()
    count = sum(p.numel() for p in model.parameters())
    assert count == 119194, count
    params = list(model.named_parameters())
    decay = [p for n, p in params if p.dim() > 1 and n not in ("cls_token", "pos_embed")]
    other = [p for n, p in params if not (p.dim() > 1 and n not in ("cls_token", "pos_embed"))]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.05}, {"params": other, "weight_decay": 0.0}], lr=3e-3)
    total, warm = args.warmup_steps + args.steps, max(1, (args.warmup_steps + args.steps) // 2)
    order, cursor, times = torch.randperm(len(images)), 0, []
    for step in range(total):
        t0 = time.perf_counter()
        if cursor + args.batch > len(order):
            order, cursor = torch.randperm(len(images)), 0
        index = order[cursor:cursor + args.batch]
        cursor += args.batch
        y = labels[index]
        x = augment(images[index]).float().div_(255).sub_(mean).div_(std).permute(0, 3, 1, 2).contiguous()
        progress = (step - warm) / (total - warm)  # warm-up over the first half, as --warmup 1 of 2 epochs
        lr = 3e-3 * ((step + 1) / warm if step < warm else 0.5 * (1 + math.cos(math.pi * progress)))
        for group in opt.param_groups:
            group["lr"] = lr
        opt.zero_grad()
        logits = model(x)
        loss = F.cross_entropy(logits, y, label_smoothing=0.1)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        loss_value, acc = loss.item(), logits.detach().argmax(1).eq(y).float().mean().item()
        if step >= args.warmup_steps:
            times.append(time.perf_counter() - t0)
    median = statistics.median(times)
    print(f"{len(times)} timed steps of {args.batch} (after {args.warmup_steps} warm-up): "
          f"{len(times) * args.batch / sum(times):.1f} images/s, median step {median * 1e3:.1f} ms "
          f"({args.batch / median:.1f} images/s); last loss {loss_value:.4f} acc {acc:.4f}")


if __name__ == "__main__":
    main()
