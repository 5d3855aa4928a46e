"""Baseline aligners run side by side with ours on the same embeddings.

Every aligner has one shape: ``(th_vecs, en_vecs, th_len, en_len) -> list of beads (th_ids, en_ids)``,
where ``*_vecs[k][i]`` is the embedding of sentences i..i+k-1 joined (concatenated text).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from eval.score import BeadIds
from thalign.align.dp import DPParams, align_vectors

Vectors = dict[int, np.ndarray]
Aligner = Callable[[Vectors, Vectors, np.ndarray, np.ndarray], list[BeadIds]]


def _backtrace(back: dict[tuple[int, int], tuple[int, int]], n: int, m: int) -> list[BeadIds]:
    beads: list[BeadIds] = []
    i, j = n, m
    while i > 0 or j > 0:
        a, b = back[(i, j)]
        beads.append((tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    return beads[::-1]


def _dp(n: int, m: int, moves: list[tuple[int, int]], score: Callable[[int, int, int, int], float],
        allowed: Callable[[int, int], bool] = lambda i, j: True) -> list[BeadIds]:
    """Maximise the sum of ``score(i, j, a, b)`` over beads ending at (i, j); plain loops (baselines only)."""
    best = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        for j in range(m + 1):
            if (i, j) == (0, 0) or not allowed(i, j):
                continue
            top, arg = -math.inf, None
            for a, b in moves:
                prev = best.get((i - a, j - b))
                if prev is None or i - a < 0 or j - b < 0:
                    continue
                value = prev + score(i, j, a, b)
                if value > top:
                    top, arg = value, (a, b)
            if arg is not None:
                best[(i, j)] = top
                back[(i, j)] = arg
    return _backtrace(back, n, m)


# --- Gale–Church (1993): lengths only, in log space --------------------------------------------------

GC_PRIORS = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089 / 2, (1, 2): 0.089 / 2, (2, 2): 0.011}


def gale_church(th: Vectors, en: Vectors, th_len: np.ndarray, en_len: np.ndarray) -> list[BeadIds]:
    c = max(en_len.sum(), 1.0) / max(th_len.sum(), 1.0)  # English characters per Thai character, from the document
    s2 = 6.8 * c
    th_cum, en_cum = np.concatenate([[0], np.cumsum(th_len)]), np.concatenate([[0], np.cumsum(en_len)])

    def score(i: int, j: int, a: int, b: int) -> float:
        l1, l2 = th_cum[i] - th_cum[i - a], en_cum[j] - en_cum[j - b]
        mean = (l1 + l2 / c) / 2
        delta = (l2 - l1 * c) / math.sqrt(max(mean, 1.0) * s2)
        tail = math.erfc(abs(delta) / math.sqrt(2))  # 2 * (1 - Phi(|delta|))
        return math.log(GC_PRIORS[(a, b)]) + math.log(max(tail, 1e-300))

    return _dp(len(th_len), len(en_len), list(GC_PRIORS), score)


# --- plain 1-1 cosine DP ---------------------------------------------------------------------------


def plain_cosine(th: Vectors, en: Vectors, th_len: np.ndarray, en_len: np.ndarray) -> list[BeadIds]:
    """1-1 beads scored by cosine, 1-0 / 0-1 scored 0: the simplest embedding aligner."""
    sim = th[1] @ en[1].T
    return _dp(len(th_len), len(en_len), [(1, 1), (1, 0), (0, 1)],
               lambda i, j, a, b: float(sim[i - 1, j - 1]) if a and b else 0.0)


# --- Bertalign (Liu & Zhu 2022), re-implemented from its published algorithm ----------------------


def bertalign(th: Vectors, en: Vectors, th_len: np.ndarray, en_len: np.ndarray, max_align: int = 5,
              top_k: int = 3, win: int = 5, skip: float = -0.1) -> list[BeadIds]:
    """Two passes: (1) 1-1 DP over each sentence's top-k neighbours gives anchors; (2) many-to-many DP
    within ``win`` of the anchors, score = (cosine − mean cosine with the adjacent sentences) ×
    log2(1 + min/max length ratio), null beads scored ``skip``."""
    n, m = len(th_len), len(en_len)
    if n == 0 or m == 0:
        return [((i,), ()) for i in range(n)] + [((), (j,)) for j in range(m)]
    sim = th[1] @ en[1].T
    k = min(top_k, m)
    top_idx = np.argsort(-sim, axis=1)[:, :k]
    top = {(i, int(j)): float(sim[i, j]) for i in range(n) for j in top_idx[i]}
    first = _dp(n, m, [(1, 1), (1, 0), (0, 1)], lambda i, j, a, b: top.get((i - 1, j - 1), 0.0) if a and b else 0.0)
    anchors = [(t[-1] + 1, e[-1] + 1) for t, e in first if t and e] or [(n, m)]
    if anchors[-1] != (n, m):
        anchors.append((n, m))
    lower, upper = np.zeros(n + 1, int), np.zeros(n + 1, int)
    prev_i, prev_j = 0, 0
    for ai, aj in anchors:
        lower[prev_i + 1 : ai + 1] = max(0, prev_j - win)
        upper[prev_i + 1 : ai + 1] = min(m, aj + win)
        prev_i, prev_j = ai, aj
    upper[0] = upper[1] if n else m

    ratio = max(th_len.sum(), 1.0) / max(en_len.sum(), 1.0)
    th_cum, en_cum = np.concatenate([[0], np.cumsum(th_len)]), np.concatenate([[0], np.cumsum(en_len)])
    moves = [(0, 1), (1, 0)] + [(a, b) for a in range(1, max_align) for b in range(1, max_align) if a + b <= max_align]
    sizes = max(th), max(en)

    def neighbour(vec: np.ndarray, overlap: int, end: int, length: int, single: np.ndarray) -> float:
        left, right = end - overlap - 1, end
        vals = [float(vec @ single[idx]) for idx in (left, right) if 0 <= idx < length]
        return sum(vals) / len(vals) if vals else 0.0

    def score(i: int, j: int, a: int, b: int) -> float:
        if not a or not b:
            return skip
        if a > sizes[0] or b > sizes[1]:
            return -math.inf
        x, y = th[a][i - a], en[b][j - b]
        s = float(x @ y)
        s -= (neighbour(x, b, j, m, en[1]) + neighbour(y, a, i, n, th[1])) / 2
        l1 = th_cum[i] - th_cum[i - a]
        l2 = (en_cum[j] - en_cum[j - b]) * ratio
        return s * math.log2(1 + min(l1, l2) / max(l1, l2, 1e-9))

    return _dp(n, m, moves, score, allowed=lambda i, j: lower[i] <= j <= upper[i])


# --- ours ------------------------------------------------------------------------------------------


def ours(params: DPParams = DPParams()) -> Aligner:
    def run(th: Vectors, en: Vectors, th_len: np.ndarray, en_len: np.ndarray) -> list[BeadIds]:
        return [(b.th, b.en) for b in align_vectors(th, en, th_len, en_len, params)]

    return run


def ours_mean_vectors(params: DPParams = DPParams()) -> Aligner:
    """Ours, with merged beads as combined sentence vectors instead of embedded concatenations."""
    inner = ours(params)
    return lambda th, en, tl, el: inner({1: th[1]}, {1: en[1]}, tl, el)


ALIGNERS: dict[str, Callable[[], Aligner]] = {
    "thalign": ours,
    "thalign-mean": ours_mean_vectors,
    "bertalign": lambda: bertalign,
    "gale-church": lambda: gale_church,
    "cosine-1to1": lambda: plain_cosine,
}
