#!/usr/bin/python3
"""One explanation of one image in PyTorch eager, timed like `vitlens-bench --explain`, for comparison.

The ViT is scripts/bench_pytorch.py's (timm's structure, attention probabilities returned); the methods follow
vitlens's definitions (README, "Explanations"): gae, grad-rollout (discard 0.9), attn-grad, occlusion (32
patches per forward pass). Gradients come from torch.autograd.grad on the captured attention, as vitlens takes
them. Prints one JSON object shaped like `vitlens-bench --explain ... --json`.
"""
import argparse
import json
import math
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_pytorch import PRESETS, VisionTransformer  # noqa: E402


def attention_and_gradients(model, x, c):
    x = x.detach().requires_grad_(True)
    logits, maps = model(x, True)
    grads = torch.autograd.grad(logits[0, c], maps)
    return [a.detach()[0] for a in maps], [g[0] for g in grads]


def gae(model, x, c):
    attn, grads = attention_and_gradients(model, x, c)
    r = torch.eye(attn[0].shape[-1])
    for a, g in zip(attn, grads):
        r = r + (g * a).clamp(min=0).mean(0) @ r
    return r[0, 1:]


def grad_rollout(model, x, c, ratio=0.9):
    attn, grads = attention_and_gradients(model, x, c)
    result = None
    for a, g in zip(attn, grads):
        f = (g * a).mean(0).clamp(min=0)
        n = f.shape[0]
        eye = torch.eye(n)
        k = min(int(math.floor(ratio * n * n)), n * n - n)
        flat = f.flatten().clone()
        lowest = f.masked_fill(eye.bool(), float("inf")).flatten().topk(k, largest=False).indices
        flat[lowest] = 0
        f = (flat.view(n, n) + eye) / 2
        f = f / f.sum(-1, keepdim=True)
        result = f if result is None else f @ result
    return result[0, 1:]


def attn_grad(model, x, c):
    attn, grads = attention_and_gradients(model, x, c)
    a, g = attn[-1][:, 0, 1:], grads[-1][:, 0, 1:]
    return (g.mean(1, keepdim=True) * a).mean(0).clamp(min=0)


def occlusion(model, x, c, patch, batch=32):
    with torch.no_grad():
        base = model(x)[0].softmax(-1)[0, c]
        grid = x.shape[-1] // patch
        drops = []
        for first in range(0, grid * grid, batch):
            idx = range(first, min(first + batch, grid * grid))
            xs = x.repeat(len(idx), 1, 1, 1)
            for i, p in enumerate(idx):
                r, col = divmod(p, grid)
                xs[i, :, r * patch:(r + 1) * patch, col * patch:(col + 1) * patch] = 0
            drops.append(base - model(xs)[0].softmax(-1)[:, c])
        return torch.cat(drops)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="cifar-seed", choices=sorted(PRESETS))
    parser.add_argument("--explain", default="gae,grad-rollout,attn-grad,occlusion")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--min-seconds", type=float, default=1.0)
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    image, patch = PRESETS[args.preset][0], PRESETS[args.preset][1]
    model = VisionTransformer(*PRESETS[args.preset]).eval()
    for p in model.parameters():  # as vitlens: no parameter gradients, only the attention's
        p.requires_grad_(False)
    x = torch.randn(1, 3, image, image)
    methods = {"gae": lambda: gae(model, x, 0), "grad-rollout": lambda: grad_rollout(model, x, 0),
               "attn-grad": lambda: attn_grad(model, x, 0), "occlusion": lambda: occlusion(model, x, 0, patch)}
    results = []
    for name in args.explain.split(","):
        work = methods[name]
        for _ in range(args.warmup):
            work()
        times = []
        begin = time.perf_counter()
        while len(times) < args.iterations or time.perf_counter() - begin < args.min_seconds:
            start = time.perf_counter()
            work()
            times.append((time.perf_counter() - start) * 1000.0)
        results.append({"explain": name, "median_ms": statistics.median(times), "min_ms": min(times),
                        "max_ms": max(times), "runs": len(times)})
    print(json.dumps({"model": args.preset + " (PyTorch " + torch.__version__ + " eager)", "device": "cpu",
                      "threads": torch.get_num_threads(), "results": results}, indent=2))


if __name__ == "__main__":
    main()
