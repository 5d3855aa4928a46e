"""Monotonic alignment core: vectors in, beads out. No I/O, no model, no text.

The search is a dynamic programme over beads (a Thai sentences, b English sentences), a+b ≤ max_bead,
including 1-0 and 0-1. It runs inside a band of columns per row; the band comes from a coarse
alignment of down-sampled vectors (Vecalign's coarse-to-fine idea), so time and memory grow
linearly with document length. Small documents get the full n×m table.

Bead score = margin-normalised cosine of the bead's two vectors (cosine minus the mean similarity of
each side to its nearest neighbours, so a sentence that is close to everything gains nothing), minus a
small price per extra sentence; a merged bead also pays when it lowers the cosine of its best sub-bead or
worsens the length fit (Thai/English ratio estimated from the document), so a dropped sentence is not
folded into a neighbour. A sentence left unaligned scores ``skip``. The path maximises the sum of scores.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NEG = -1e9


@dataclass(frozen=True)
class DPParams:
    max_bead: int = 4
    max_side: int = 3
    max_th: int | None = None
    """Most Thai units in a bead when it differs from ``max_side`` (bitext segmentation merges up to 8 chunks)."""
    max_en: int | None = None
    skip: float = -0.04
    th_skip: float | None = None
    """Score of an unaligned Thai unit when it differs from ``skip`` (Thai chunks are rarely untranslated)."""
    null_runs: bool = False
    """Allow one null bead to hold several Thai units (up to ``max_th``) for the price of one: an untranslated
    Thai sentence cut into chunks is one omission, not many."""
    band: int = 12
    full_dp_cells: int = 250_000
    knn: int = 4
    length_weight: float = 0.0
    merge_cost: float = 0.01
    merge_length_weight: float = 0.3
    """Price per unit of length mismatch that a merge adds over its best sub-bead."""
    gain_weight: float = 0.25
    gain_floor: float = 0.0
    """A merged bead must beat its best sub-bead (one end sentence dropped) by ``gain_floor`` in cosine,
    else it pays ``gain_weight`` per unit missing: a dropped sentence folded into a neighbour adds nothing."""

    @property
    def th_sizes(self) -> range:
        return range(1, (self.max_th or self.max_side) + 1)

    @property
    def en_sizes(self) -> range:
        return range(1, (self.max_en or self.max_side) + 1)


@dataclass(frozen=True)
class RawBead:
    th: tuple[int, ...]
    en: tuple[int, ...]
    score: float
    """Bead score (margin cosine minus penalties), or ``skip`` for a null bead."""
    sim: float
    """Plain cosine of the bead's two sides (nan for a null bead)."""


def bead_types(params: DPParams) -> list[tuple[int, int]]:
    """All (a, b) with a, b ≥ 1 allowed by the sizes; null beads are handled separately."""
    return [(a, b) for a in params.th_sizes for b in params.en_sizes if a + b <= params.max_bead]


def overlap_mean(vectors: np.ndarray, size: int) -> np.ndarray:
    """Row i = unit mean of vectors i..i+size-1 (rows past the end are zero): merged beads without re-embedding."""
    n, d = vectors.shape
    out = np.zeros((n, d), dtype=np.float32)
    if n >= size:
        rows = n - size + 1
        for k in range(size):
            out[:rows] += vectors[k : k + rows]
    return _unit(out)


def _unit(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=-1, keepdims=True)
    return (x / np.where(norms == 0, 1, norms)).astype(np.float32)


def align_vectors(
    th: dict[int, np.ndarray],
    en: dict[int, np.ndarray],
    th_len: np.ndarray,
    en_len: np.ndarray,
    params: DPParams = DPParams(),
    th_breaks: np.ndarray | None = None,
    th_starts: np.ndarray | None = None,
) -> list[RawBead]:
    """Align two documents given overlap vectors ``th[a][i]`` (sentences i..i+a-1) and ``en[b][j]``.

    ``th[1]`` and ``en[1]`` are required; missing sizes are made by ``overlap_mean``.
    Lengths are in characters and drive the length-ratio prior. ``th_breaks[i]`` True forbids a bead
    that holds both Thai unit i and unit i+1 (a paragraph break no sentence crosses). ``th_starts[i]`` is
    added to every bead that starts at Thai unit i (a prior on sentence starts, for Thai chunks).
    """
    n, m = len(th_len), len(en_len)
    if n == 0 or m == 0:
        return [RawBead((i,), (), params.skip, float("nan")) for i in range(n)] + [
            RawBead((), (j,), params.skip, float("nan")) for j in range(m)
        ]
    th = {a: th[a] if a in th else overlap_mean(th[1], a) for a in params.th_sizes}
    en = {b: en[b] if b in en else overlap_mean(en[1], b) for b in params.en_sizes}
    lo, width = _windows(th[1], en[1], params)
    breaks = np.zeros(n, dtype=bool) if th_breaks is None else np.asarray(th_breaks, dtype=bool)
    starts = np.zeros(n) if th_starts is None else np.asarray(th_starts, dtype=float)
    return _banded_dp(th, en, np.asarray(th_len, float), np.asarray(en_len, float), lo, width, params, breaks, starts)


# --- search windows -------------------------------------------------------------------------------


def _windows(th1: np.ndarray, en1: np.ndarray, params: DPParams) -> tuple[np.ndarray, int]:
    """Per-row first column ``lo[i]`` (rows 0..n) and a common window width."""
    n, m = len(th1), len(en1)
    if (n + 1) * (m + 1) <= params.full_dp_cells:
        return np.zeros(n + 1, dtype=np.int64), m + 1
    # Halve both sides; a side with many more units (Thai chunks) is first shrunk to the other's length.
    f_th = 2 * max(1, round(n / m))
    f_en = 2 * max(1, round(m / n))
    coarse_th, coarse_en = _downsample(th1, f_th), _downsample(en1, f_en)
    coarse = align_vectors(
        {1: coarse_th}, {1: coarse_en}, np.ones(len(coarse_th)), np.ones(len(coarse_en)),
        DPParams(max_bead=3, max_side=2, skip=params.skip, band=params.band, full_dp_cells=params.full_dp_cells,
                 knn=params.knn, length_weight=0.0, merge_cost=params.merge_cost, merge_length_weight=0.0),
    )
    return _project(coarse, n, m, params.band, f_th, f_en)


def _downsample(x: np.ndarray, factor: int = 2) -> np.ndarray:
    """Mean of ``factor`` consecutive rows: fewer rows, same direction of content."""
    pad = (-len(x)) % factor
    if pad:
        x = np.concatenate([x, np.repeat(x[-1:], pad, axis=0)])
    return _unit(x.reshape(-1, factor, x.shape[1]).sum(axis=1))


def _project(coarse: list[RawBead], n: int, m: int, band: int, f_th: int = 2, f_en: int = 2) -> tuple[np.ndarray, int]:
    """Turn a coarse path into fine per-row windows ``[lo, lo + width)`` around it, monotone in the row."""
    center_lo = np.full(n + 1, m, dtype=np.int64)
    center_hi = np.zeros(n + 1, dtype=np.int64)
    i = j = 0
    for bead in coarse:
        ci, cj = i + len(bead.th), j + len(bead.en)
        r0, r1 = min(f_th * i, n), min(f_th * ci, n)
        c0, c1 = min(f_en * j, m), min(f_en * cj, m)
        center_lo[r0 : r1 + 1] = np.minimum(center_lo[r0 : r1 + 1], c0)
        center_hi[r0 : r1 + 1] = np.maximum(center_hi[r0 : r1 + 1], c1)
        i, j = ci, cj
    lo = np.clip(center_lo - band, 0, m)
    hi = np.clip(center_hi + band, 0, m)
    lo = np.minimum.accumulate(lo[::-1])[::-1]  # monotone, so every move lands inside the previous window
    hi = np.maximum.accumulate(hi)
    lo[0], hi[-1] = 0, m
    width = int((hi - lo).max()) + 1
    lo = np.minimum(lo, max(m + 1 - width, 0))
    return lo, width


# --- the banded dynamic programme -----------------------------------------------------------------


def _band_dots(x: np.ndarray, y: np.ndarray, lo: np.ndarray, width: int) -> np.ndarray:
    """T[i, w] = x[i] · y[lo[i] + w], nan where lo[i] + w is outside y.

    Rows go in chunks; each chunk multiplies its rows by the span of columns its windows cover
    (one BLAS call), then picks its band out of that block.
    """
    rows, cols = len(x), len(y)
    out = np.full((rows, width), np.nan, dtype=np.float32)
    chunk = 256
    offsets = np.arange(width)
    for s0 in range(0, rows, chunk):
        s1 = min(rows, s0 + chunk)
        c0 = max(int(lo[s0:s1].min()), 0)
        c1 = min(int(lo[s0:s1].max()) + width, cols)
        if c1 <= c0:
            continue
        block = x[s0:s1] @ y[c0:c1].T
        idx = lo[s0:s1, None] + offsets[None, :]
        ok = (idx >= c0) & (idx < c1)
        picked = np.take_along_axis(block, np.clip(idx - c0, 0, c1 - c0 - 1), axis=1)
        out[s0:s1] = np.where(ok, picked, np.nan)
    return out


def _topk_mean(table: np.ndarray, k: int) -> np.ndarray:
    filled = np.where(np.isnan(table), -np.inf, table)
    k = max(1, min(k, table.shape[1]))
    top = -np.sort(-filled, axis=1)[:, :k]
    finite = np.isfinite(top)
    count = finite.sum(axis=1)
    total = np.where(finite, top, 0.0).sum(axis=1)
    return np.where(count > 0, total / np.maximum(count, 1), 0.0)


def _column_windows(lo: np.ndarray, width: int, n: int, m: int) -> tuple[np.ndarray, int]:
    """Transpose row windows: for each column j, the first row whose window holds j, and a width."""
    hi = lo + width - 1
    rows_lo = np.searchsorted(hi, np.arange(m + 1), side="left")
    rows_hi = np.searchsorted(lo, np.arange(m + 1), side="right") - 1
    col_width = int(np.max(rows_hi - rows_lo)) + 1 if m >= 0 else 1
    return np.clip(rows_lo, 0, n), max(col_width, 1)


def _banded_dp(
    th: dict[int, np.ndarray], en: dict[int, np.ndarray], th_len: np.ndarray, en_len: np.ndarray,
    lo: np.ndarray, width: int, p: DPParams, breaks: np.ndarray, starts: np.ndarray,
) -> list[RawBead]:
    n, m = len(th_len), len(en_len)
    break_cum = np.concatenate([[0], np.cumsum(breaks[:-1])]) if n else np.zeros(1)  # breaks before unit k
    types = bead_types(p)
    # Nearest-neighbour means for margin normalisation, within the band.
    nn_th = {a: _topk_mean(_band_dots(th[a], en[1], lo[:n], width), p.knn) for a in th}
    col_lo, col_width = _column_windows(lo, width, n, m)
    nn_en = {b: _topk_mean(_band_dots(en[b], th[1], col_lo[:m], col_width), p.knn) for b in en}

    # Score tables per bead type, indexed by the bead's END cell (i, j) in band coordinates.
    scores: dict[tuple[int, int], np.ndarray] = {}
    sims: dict[tuple[int, int], np.ndarray] = {}
    rows = np.arange(n + 1)
    cols = lo[:, None] + np.arange(width)[None, :]  # (n+1, width) absolute column of each cell
    fit = LengthFit(th_len, en_len, lo, width)
    for a, b in types:
        start_rows = rows - a
        ok_rows = start_rows >= 0
        x = th[a][np.clip(start_rows, 0, n - 1)]
        start_cols = cols - b
        ok = ok_rows[:, None] & (start_cols >= 0) & (cols <= m)
        sc = np.clip(start_cols, 0, max(m - 1, 0))
        sim = _band_dots(x, en[b], lo - b, width)
        sim = np.where(ok, sim, np.nan)
        nn = 0.5 * (nn_th[a][np.clip(start_rows, 0, n - 1)][:, None] + nn_en[b][sc])
        length_pen = p.length_weight * fit(a, b) ** 2 if p.length_weight else 0.0
        score = sim - nn - length_pen - p.merge_cost * (a + b - 2)
        score = score + starts[np.clip(start_rows, 0, n - 1)][:, None]
        if a > 1:  # a bead may not hold units on both sides of a hard break
            first, last = np.clip(start_rows, 0, n - 1), np.clip(rows - 1, 0, n - 1)
            crosses = (break_cum[last] - break_cum[first]) > 0
            score = np.where(crosses[:, None], NEG, score)
        if a > 1 or b > 1:
            sub_sim, sub_fit = _best_sub_bead(th, en, a, b, lo, width, n, fit)
            floor = p.gain_floor / (max(a, b) - 1)  # the third sentence of a merge adds less than the second
            score = score - p.gain_weight * np.maximum(0.0, floor - np.nan_to_num(sim - sub_sim, nan=0.0))
            # A merge must not make the length match worse than leaving a sentence out would.
            score = score - p.merge_length_weight * np.maximum(0.0, fit(a, b) - sub_fit)
        scores[(a, b)] = np.where(ok, score, NEG).astype(np.float32)
        sims[(a, b)] = sim

    total = np.full((n + 1, width), NEG, dtype=np.float64)
    back = np.full((n + 1, width), -1, dtype=np.int8)  # index into moves; the last two are 1-0 and 0-1
    nulls = [(a, 0) for a in (p.th_sizes if p.null_runs else (1,))]
    moves = types + nulls + [(0, 1)]
    ar = np.arange(width)
    valid_rows = cols <= m
    th_skip = p.skip if p.th_skip is None else p.th_skip
    typical = max(fit.ratio * float(np.mean(en_len)) if m else 1.0, 1.0)  # expected Thai sentence length

    def null_score(a: int, i: int) -> float:
        """Units i-a..i-1 left unaligned as one bead (never across a hard break); a run longer than a
        typical sentence costs in proportion to its length. An unaligned unit starts a sentence too."""
        if a > 1 and break_cum[i - 1] - break_cum[i - a] > 0:
            return NEG
        size = max(1.0, (fit.th_cum[i] - fit.th_cum[i - a]) / typical) if a > 1 else 1.0
        return float(th_skip * size + starts[i - a])

    for i in range(n + 1):
        best = np.full(width, NEG)
        arg = np.full(width, -1, dtype=np.int8)
        if i == 0:
            best[cols[0] == 0] = 0.0
        for t, (a, b) in enumerate(moves[:-1]):
            if i - a < 0:
                continue
            # The previous cell of (i, lo[i] + w) is (i - a, lo[i] + w - b): a shift of row i - a.
            shift = int(lo[i] - lo[i - a]) - b
            src0, dst0 = max(shift, 0), max(-shift, 0)
            length = width - max(src0, dst0)
            if length <= 0:
                continue
            cand = total[i - a, src0 : src0 + length] + (scores[(a, b)][i, dst0 : dst0 + length] if b else null_score(a, i))
            window = best[dst0 : dst0 + length]
            better = cand > window
            window[better] = cand[better]
            arg[dst0 : dst0 + length][better] = t
        # 0-1 moves along the row: total[j] = max(best[j], total[j-1] + skip), as a running maximum.
        valid = valid_rows[i]
        shifted = np.where(valid, best - ar * p.skip, NEG)
        run = np.maximum.accumulate(shifted)
        src = np.maximum.accumulate(np.where(shifted >= run, ar, 0))
        from_left = src < ar
        total[i] = np.where(valid, np.where(from_left, run + ar * p.skip, best), NEG)
        back[i] = np.where(from_left, len(moves) - 1, arg)

    return _backtrace(total, back, moves, sims, scores, lo, n, m, p)


def _best_sub_bead(
    th: dict[int, np.ndarray], en: dict[int, np.ndarray], a: int, b: int, lo: np.ndarray, width: int, n: int,
    fit: "LengthFit",
) -> tuple[np.ndarray, np.ndarray]:
    """Best cosine, and best length fit, of the (a, b) bead with its first or last sentence on one side left out."""
    rows = np.arange(n + 1)
    best = np.full((n + 1, width), -np.inf, dtype=np.float32)
    best_fit = np.full((n + 1, width), np.inf)
    if a > 1:
        for first in (0, 1):  # keep Thai i-a+1..i-1 (drop first) or i-a..i-2 (drop last)
            x = th[a - 1][np.clip(rows - a + first, 0, max(n - 1, 0))]
            best = np.fmax(best, _band_dots(x, en[b], lo - b, width))
            best_fit = np.fmin(best_fit, fit(a - 1, b, row_shift=first - 1, col_shift=0))
    if b > 1:
        x = th[a][np.clip(rows - a, 0, max(n - 1, 0))]
        for first in (0, 1):
            best = np.fmax(best, _band_dots(x, en[b - 1], lo - b + first, width))
            best_fit = np.fmin(best_fit, fit(a, b - 1, row_shift=0, col_shift=first - 1))
    return best, best_fit


class LengthFit:
    """|log(Thai chars / (ratio × English chars))| of a bead, per band cell: 0 is a perfect length match.

    ``row_shift`` / ``col_shift`` of -1 end the bead one sentence earlier (for sub-beads that drop the last)."""

    def __init__(self, th_len: np.ndarray, en_len: np.ndarray, lo: np.ndarray, width: int) -> None:
        self.th_cum = np.concatenate([[0.0], np.cumsum(th_len)])
        self.en_cum = np.concatenate([[0.0], np.cumsum(en_len)])
        self.ratio = max(self.th_cum[-1], 1.0) / max(self.en_cum[-1], 1.0)
        self.rows = np.arange(len(th_len) + 1)
        self.cols = lo[:, None] + np.arange(width)[None, :]
        self.n, self.m = len(th_len), len(en_len)

    def __call__(self, a: int, b: int, row_shift: int = 0, col_shift: int = 0) -> np.ndarray:
        end_r = np.clip(self.rows + row_shift, 0, self.n)
        end_c = np.clip(self.cols + col_shift, 0, self.m)
        tl = self.th_cum[end_r] - self.th_cum[np.clip(end_r - a, 0, self.n)]
        el = self.en_cum[end_c] - self.en_cum[np.clip(end_c - b, 0, self.m)]
        return np.abs(np.log((tl[:, None] + 10.0) / (self.ratio * el + 10.0)))


def _backtrace(
    total: np.ndarray, back: np.ndarray, moves: list[tuple[int, int]], sims: dict, scores: dict,
    lo: np.ndarray, n: int, m: int, p: DPParams,
) -> list[RawBead]:
    beads: list[RawBead] = []
    i, j = n, m
    while i > 0 or j > 0:
        w = j - lo[i]
        t = int(back[i, w])
        if t < 0:
            raise RuntimeError(f"alignment path broken at ({i}, {j}); band too narrow?")
        a, b = moves[t]
        if a and b:
            beads.append(RawBead(tuple(range(i - a, i)), tuple(range(j - b, j)),
                                 float(scores[(a, b)][i, w]), float(sims[(a, b)][i, w])))
        else:
            skip = p.skip if b or p.th_skip is None else p.th_skip
            beads.append(RawBead(tuple(range(i - a, i)), tuple(range(j - b, j)), skip, float("nan")))
        i, j = i - a, j - b
    beads.reverse()
    return beads
