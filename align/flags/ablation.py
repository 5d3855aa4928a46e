"""Ablation evidence for word-level QA: does the other side support this word?

Remove one word from its sentence, embed the shortened sentence, and see how the pair's similarity moves.
A word the other side translates costs similarity when it is removed; a word the other side lacks costs
nothing (or the pair gets more similar). How much a word matters to its own sentence (the similarity of the
sentence to itself without the word) sets what its removal should cost, so the evidence is the cross-lingual
drop minus ``ALPHA`` times the own-side drop: near 0 or above for a supported word, negative for one the
other side does not carry. All shortened sentences of a document go to the embedder in one call.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from thalign.embed import Embedder

ALPHA = 0.6
"""Share of a word's own-side drop its removal costs across languages when the other side translates it:
the least-squares slope over every content word of FLORES devtest gold pairs (0.60); Tatoeba gives 0.64."""


@dataclass(frozen=True)
class Removal:
    """One word to take out of one side of a pair: ``side`` is "th" or "en", ``start``/``end`` its offsets."""

    side: str
    start: int
    end: int


@dataclass(frozen=True)
class PairRemovals:
    th: str
    en: str
    removals: tuple[Removal, ...]


def without(text: str, start: int, end: int) -> str:
    """The text with [start, end) taken out and the space around it closed up (Thai runs join directly)."""
    return re.sub(r"\s+", " ", text[:start] + text[end:]).strip()


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: np.ndarray = vectors / np.maximum(norms, 1e-12)
    return unit


def support_scores(pairs: Sequence[PairRemovals], embedder: Embedder) -> list[list[float]]:
    """Per pair, per removal: cross-lingual drop − ``ALPHA`` × own-side drop (negative: not supported)."""
    texts: dict[str, int] = {}
    shortened = []
    for pair in pairs:
        texts.setdefault(pair.th, len(texts))
        texts.setdefault(pair.en, len(texts))
        cut = [without(pair.th if r.side == "th" else pair.en, r.start, r.end) for r in pair.removals]
        shortened.append(cut)
        for text in cut:
            texts.setdefault(text, len(texts))
    if not texts:
        return []
    vectors = _unit(np.asarray(embedder.encode(list(texts)), dtype=np.float32))
    scores = []
    for pair, cut in zip(pairs, shortened):
        th, en = vectors[texts[pair.th]], vectors[texts[pair.en]]
        whole = float(th @ en)
        row = []
        for removal, text in zip(pair.removals, cut):
            short = vectors[texts[text]]
            own, other = (th, en) if removal.side == "th" else (en, th)
            cross_drop = whole - float(short @ other)
            own_drop = 1.0 - float(short @ own)
            row.append(cross_drop - ALPHA * own_drop)
        scores.append(row)
    return scores
