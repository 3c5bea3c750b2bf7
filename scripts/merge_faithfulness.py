#!/usr/bin/env python3
"""Merges the --json outputs of `vitlens-cli faithfulness --shard K/N` runs into one result.

    python3 scripts/merge_faithfulness.py shard-0.json shard-1.json ... > merged.json

Each method's curves are averaged weighted by each shard's image count (the mean curve over all images), its
AUCs recomputed from the merged curves (100 x trapezoid area, as vitlens-cli does; the area of a mean curve is
the mean of the areas), its images and seconds summed. The shards must share model, data and steps.
Only the standard library is used.
"""
import json
import sys


def area(x, y):
    return 100.0 * sum((x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2.0 for i in range(1, len(x)))


def main(paths):
    if not paths:
        sys.exit("usage: merge_faithfulness.py SHARD.json...")
    parts = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            parts.append(json.load(f))
    first = parts[0]
    for part in parts[1:]:
        for key in ("model", "data", "steps"):
            if part[key] != first[key]:
                sys.exit("%s differs between shards: %r vs %r" % (key, first[key], part[key]))
    x = first["steps"]
    methods = {}
    for name in first["methods"]:
        total = sum(p["methods"][name]["images"] for p in parts)
        merged = {"images": total, "seconds": sum(p["methods"][name]["seconds"] for p in parts)}
        for curve in ("positive", "negative", "deletion", "insertion"):
            merged[curve] = [
                sum(p["methods"][name][curve][i] * p["methods"][name]["images"] for p in parts) / total
                if total else 0.0
                for i in range(len(x))]
            merged[curve + "_auc"] = area(x, merged[curve])
        methods[name] = merged
    result = {"model": first["model"], "data": first["data"], "shard": "merged %d" % len(parts),
              "images": sum(p["images"] for p in parts), "steps": x, "methods": methods}
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
