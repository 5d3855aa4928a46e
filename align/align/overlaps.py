"""Overlap texts and vectors for merged beads: what the aligner compares when it tries a 2-1 or 1-3.

``concat`` embeds the joined text of each run of sentences (what Vecalign and Bertalign do); ``mean``
combines the single-sentence vectors (no extra embedding). Both are measured in eval/RESULTS.md.
"""

from __future__ import annotations

import numpy as np

from thalign.align.dp import overlap_mean
from thalign.embed import Embedder, ProgressCallback
from thalign.errors import EngineNotFound
from thalign.types import Sentence

MERGES = ("concat", "mean")


def overlap_texts(sentences: list[Sentence], size: int) -> list[str]:
    """Text of sentences i..i+size-1 for every i where that run exists."""
    texts = [s.text for s in sentences]
    return [" ".join(texts[i : i + size]) for i in range(len(texts) - size + 1)]


def overlap_vectors(
    sentences: list[Sentence], embedder: Embedder, max_side: int, merge: str = "concat",
    progress: ProgressCallback | None = None,
) -> dict[int, np.ndarray]:
    """``{size: array (n, d)}`` where row i stands for sentences i..i+size-1 (zero rows past the end)."""
    if merge not in MERGES:
        raise EngineNotFound(f"unknown merge {merge!r}: choose from {', '.join(MERGES)}")
    n = len(sentences)
    sizes = range(1, max_side + 1) if merge == "concat" else range(1, 2)
    runs = {size: overlap_texts(sentences, size) for size in sizes}
    flat = [t for size in sizes for t in runs[size]]
    vectors = embedder.encode(flat, progress=progress) if flat else np.zeros((0, embedder.dim), np.float32)
    out: dict[int, np.ndarray] = {}
    at = 0
    for size in sizes:
        block = np.zeros((n, vectors.shape[1] if len(vectors) else embedder.dim), dtype=np.float32)
        k = len(runs[size])
        block[:k] = vectors[at : at + k]
        out[size] = block
        at += k
    for size in range(2, max_side + 1):
        out.setdefault(size, overlap_mean(out[1], size))
    return out
