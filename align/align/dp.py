"""Monotonic alignment core: vectors in, beads out. No I/O, no model, no text.

The search is a dynamic programme over beads (a Thai units, b English units), a+b ≤ max_bead, including
null beads. It runs inside a band of columns per row; the band comes from a coarse alignment of
down-sampled vectors (Vecalign's coarse-to-fine idea), so time and memory grow linearly with document
length. Small documents get the full n×m table.

Bead score = margin-normalised cosine of the bead's two vectors (cosine minus the mean similarity of
each side to its nearest neighbours, so a sentence that is close to everything gains nothing), minus a
small price per extra unit; a merged bead also pays when it lowers the cosine of its best sub-bead or
worsens the length fit (Thai/English ratio estimated from the document), so a dropped sentence is not
folded into a neighbour; and a bead gains for every anchor (a number, a Latin-script name) that both sides
hold. A unit left unaligned scores its side's ``skip``. The path maximises the sum.

Each side brings its own rules (``SideRules``: most units per bead, price of an unaligned unit, whether
one null bead may hold a run of units) and per-document evidence (``Side``: breaks no bead crosses, a prior
on units that start a bead, anchor sets). The pre-split path gives both sides the same rules; bitext
segmentation gives the Thai chunks other ones.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TypeVar

import numpy as np

NEG = -1e9


@dataclass(frozen=True)
class SideRules:
    """How the units of one side may enter beads."""

    max_units: int = 3
    """Most units of this side in one bead."""
    skip: float = -0.04
    """Score of leaving one unit unaligned."""
    null_runs: bool = False
    """One null bead may hold several consecutive units (up to ``max_units``) for the price of one unit per
    typical sentence length: an untranslated sentence cut into chunks is one omission, not many."""


@dataclass(frozen=True)
class DPParams:
    max_bead: int = 4
    th: SideRules = field(default_factory=SideRules)
    en: SideRules = field(default_factory=SideRules)
    band: int = 12
    full_dp_cells: int = 250_000
    knn: int = 4
    length_weight: float = 0.0
    merge_cost: float = 0.01
    merge_length_weight: float = 0.3
    """Price per unit of length mismatch that a merge adds over its best sub-bead."""
    gain_weight: float = 0.25
    gain_floor: float = 0.0
    """A merged bead must beat its best sub-bead (one end unit dropped) by ``gain_floor`` in cosine,
    else it pays ``gain_weight`` per unit missing: a dropped sentence folded into a neighbour adds nothing."""
    anchor_weight: float = 0.0
    """Bonus for each anchor key both sides of a bead hold (0 switches anchors off). A bonus, not a price for
    keys left unmatched: a price would push anchor-bearing units into null beads, where nothing is compared."""

    @classmethod
    def symmetric(cls, max_bead: int = 4, max_side: int = 3, skip: float = -0.04, **kwargs: object) -> DPParams:
        """Both sides under the same rules (pre-split sentences)."""
        rules = SideRules(max_units=max_side, skip=skip)
        return cls(max_bead=max_bead, th=rules, en=rules, **kwargs)  # type: ignore[arg-type]


@dataclass
class Side:
    """One document side as the DP sees it: overlap vectors, unit lengths and per-unit evidence."""

    vectors: Mapping[int, np.ndarray]
    """``vectors[a][i]`` stands for units i..i+a-1; ``vectors[1]`` is required, missing sizes are unit means."""
    lengths: np.ndarray
    """Unit lengths in characters (the length-ratio prior)."""
    breaks: np.ndarray | None = None
    """``breaks[i]`` True: no bead holds both unit i and unit i+1 (a paragraph break no sentence crosses)."""
    starts: np.ndarray | None = None
    """``starts[i]`` is added to every bead, paired or null, that starts at unit i (a prior on sentence starts)."""
    anchors: np.ndarray | None = None
    """(n, k) 0/1: which of k anchor keys (shared with the other side) unit i holds."""
    bonus: dict[int, np.ndarray] | None = None
    """``bonus[a][i]`` is added to every paired bead whose run of ``a`` units starts at unit i: what the lazy
    search (``align/align/lazy.py``) expects a run's exact embedding to gain over the mean that stands in for it."""

    def __len__(self) -> int:
        return len(self.lengths)


@dataclass(frozen=True)
class RawBead:
    th: tuple[int, ...]
    en: tuple[int, ...]
    margin: float
    """The bead's score in the DP: margin-normalised cosine minus penalties (not a probability: the
    confidence stage maps it), or the side's skip for a null bead."""
    sim: float
    """Plain cosine of the bead's two sides (nan for a null bead)."""
    doubt: float = float("inf")
    """How little the path's total score loses when one of the bead's boundaries moves by one unit (filled in
    by ``boundary_doubt``; a small value means the boundary could as well sit elsewhere)."""


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
    th: dict[int, np.ndarray], en: dict[int, np.ndarray], th_len: np.ndarray, en_len: np.ndarray,
    params: DPParams = DPParams(),
) -> list[RawBead]:
    """Align two documents given overlap vectors ``th[a][i]`` (sentences i..i+a-1) and ``en[b][j]``."""
    return align_sides(Side(th, np.asarray(th_len, float)), Side(en, np.asarray(en_len, float)), params)


def align_sides(th: Side, en: Side, params: DPParams = DPParams()) -> list[RawBead]:
    """Align two sides under their rules. The DP runs with the side whose null beads may hold runs as rows
    (its null moves are row moves); both sides with null runs is not supported."""
    if params.th.null_runs and params.en.null_runs:
        raise ValueError("null runs on both sides are not supported")
    if params.en.null_runs:
        flipped = replace(params, th=params.en, en=params.th)
        return [RawBead(b.en, b.th, b.margin, b.sim, b.doubt) for b in align_sides(en, th, flipped)]
    n, m = len(th), len(en)
    if n == 0 or m == 0:
        return [RawBead((i,), (), params.th.skip, float("nan")) for i in range(n)] + [
            RawBead((), (j,), params.en.skip, float("nan")) for j in range(m)
        ]
    rows_side = _filled(th, range(1, params.th.max_units + 1))
    cols_side = _filled(en, range(1, params.en.max_units + 1))
    lo, width = band(rows_side.vectors[1], cols_side.vectors[1], params)
    return _banded_dp(rows_side, cols_side, lo, width, params)


def _filled(side: Side, sizes: range) -> Side:
    """The side with every overlap size present and its evidence arrays in place."""
    n = len(side)
    vectors = (side.vectors if all(a in side.vectors for a in sizes)  # a lazy table stays lazy (overlaps.RunTable)
               else {a: side.vectors[a] if a in side.vectors else overlap_mean(side.vectors[1], a) for a in sizes})
    return Side(
        vectors, np.asarray(side.lengths, float),
        np.zeros(n, bool) if side.breaks is None else np.asarray(side.breaks, bool),
        np.zeros(n) if side.starts is None else np.asarray(side.starts, float),
        side.anchors, side.bonus,
    )


# --- search windows -------------------------------------------------------------------------------


_T = TypeVar("_T")
_last_static: dict[str, tuple[tuple[object, ...], object, object]] = {}
"""What the DP needs besides the run vectors (its band, length fits, shared anchors, null scores), kept from the
last call on the same arrays: the lazy search runs the DP several times over one document with only the run
vectors changing."""


def _static(kind: str, arrays: tuple[object, ...], build: Callable[[], _T], settings: object = None) -> _T:
    """``build()``, or what it gave last time for this ``kind`` on the same ``arrays`` (the very objects) and
    equal ``settings``."""
    last = _last_static.get(kind)
    if last is not None and last[2] == settings and len(last[0]) == len(arrays) and all(
            x is y for x, y in zip(last[0], arrays)):
        return last[1]  # type: ignore[return-value]
    value = build()
    _last_static[kind] = (arrays, value, settings)
    return value


def band(th1: np.ndarray, en1: np.ndarray, params: DPParams) -> tuple[np.ndarray, int]:
    """The search band: per-row first column ``lo[i]`` (rows 0..n) and a common width, from a coarse
    alignment of the single vectors (the full table for small documents); kept for the lazy search, which
    re-runs the DP on the same singles."""
    return _static("band", (th1, en1), lambda: _band_windows(th1, en1, params), params)


def _band_windows(th1: np.ndarray, en1: np.ndarray, params: DPParams) -> tuple[np.ndarray, int]:
    n, m = len(th1), len(en1)
    if (n + 1) * (m + 1) <= params.full_dp_cells:
        return np.zeros(n + 1, dtype=np.int64), m + 1
    # Halve both sides; a side with many more units (Thai chunks) is first shrunk to the other's length.
    f_th = 2 * max(1, round(n / m))
    f_en = 2 * max(1, round(m / n))
    coarse_th, coarse_en = _downsample(th1, f_th), _downsample(en1, f_en)
    coarse = align_vectors(
        {1: coarse_th}, {1: coarse_en}, np.ones(len(coarse_th)), np.ones(len(coarse_en)),
        DPParams.symmetric(max_bead=3, max_side=2, skip=params.en.skip, band=params.band,
                           full_dp_cells=params.full_dp_cells, knn=params.knn, merge_cost=params.merge_cost,
                           merge_length_weight=0.0),
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
    lo = _clamp(center_lo - band, 0, m)
    hi = _clamp(center_hi + band, 0, m)
    lo = np.minimum.accumulate(lo[::-1])[::-1]  # monotone, so every move lands inside the previous window
    hi = np.maximum.accumulate(hi)
    lo[0], hi[-1] = 0, m
    width = int((hi - lo).max()) + 1
    lo = np.minimum(lo, max(m + 1 - width, 0))
    return lo, width


def _clamp(x: np.ndarray, low: int | float, high: int | float) -> np.ndarray:
    """np.clip without its per-call checks (it ran some 20,000 times per document in the DP's tables)."""
    out: np.ndarray = np.minimum(np.maximum(x, low), high)
    return out


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
        first, last = int(lo[s0:s1].min()), int(lo[s0:s1].max())
        if first == last:  # one window for every row (a full table): a plain product, no picking
            c0, c1 = max(first, 0), min(first + width, cols)
            if c1 > c0:
                out[s0:s1, c0 - first : c1 - first] = x[s0:s1] @ y[c0:c1].T
            continue
        c0 = max(int(lo[s0:s1].min()), 0)
        c1 = min(int(lo[s0:s1].max()) + width, cols)
        if c1 <= c0:
            continue
        block = x[s0:s1] @ y[c0:c1].T
        idx = lo[s0:s1, None] + offsets[None, :]
        ok = (idx >= c0) & (idx < c1)
        picked = np.take_along_axis(block, _clamp(idx - c0, 0, c1 - c0 - 1), axis=1)
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
    return _clamp(rows_lo, 0, n), max(col_width, 1)


def _breaks_before(breaks: np.ndarray) -> np.ndarray:
    """``out[k]`` = number of breaks after units 0..k-1: a run first..last crosses one iff out[last] > out[first]."""
    return np.concatenate([[0], np.cumsum(breaks[:-1])]) if len(breaks) else np.zeros(1)


class _Anchors:
    """Anchor sets of runs of units, and the count of keys two runs share."""

    def __init__(self, rows: np.ndarray, cols: np.ndarray) -> None:
        self._cum = {"r": np.concatenate([np.zeros((1, rows.shape[1]), np.float32), np.cumsum(rows, 0, dtype=np.float32)]),
                     "c": np.concatenate([np.zeros((1, cols.shape[1]), np.float32), np.cumsum(cols, 0, dtype=np.float32)])}
        self._runs: dict[tuple[str, int], np.ndarray] = {}
        self._shared: dict[tuple[int, int], np.ndarray] = {}

    def runs(self, side: str, size: int) -> np.ndarray:
        """Presence of each key in the run of ``size`` units starting at unit i (zero past the end)."""
        if (side, size) not in self._runs:
            cum = self._cum[side]
            n = len(cum) - 1
            out = np.zeros((n, cum.shape[1]), np.float32)
            if n >= size:
                out[: n - size + 1] = np.minimum(cum[size:] - cum[: n - size + 1], 1.0)
            self._runs[(side, size)] = out
        return self._runs[(side, size)]

    def shared(self, a: int, b: int, start_rows: np.ndarray, lo: np.ndarray, width: int) -> np.ndarray:
        """Keys shared by the row run of ``a`` units and the column run of ``b`` units ending at each cell
        (kept: the lazy search asks again each round, and only the vectors change between rounds)."""
        if (a, b) not in self._shared:
            rows, cols = self.runs("r", a), self.runs("c", b)
            self._shared[(a, b)] = np.nan_to_num(_band_dots(rows[start_rows], cols, lo - b, width))
        return self._shared[(a, b)]


def _banded_dp(R: Side, C: Side, lo: np.ndarray, width: int, p: DPParams) -> list[RawBead]:
    """The DP with ``R`` as rows and ``C`` as columns (R's rules are ``p.th``, C's ``p.en``)."""
    n, m = len(R), len(C)
    assert R.breaks is not None and R.starts is not None and C.breaks is not None and C.starts is not None
    row_breaks, col_breaks = _breaks_before(R.breaks), _breaks_before(C.breaks)
    row_starts = R.starts  # narrowed for null_score below
    types = [(a, b) for a in range(1, p.th.max_units + 1) for b in range(1, p.en.max_units + 1) if a + b <= p.max_bead]
    # Nearest-neighbour means for margin normalisation, within the band.
    nn_th = {a: _topk_mean(_band_dots(R.vectors[a], C.vectors[1], lo[:n], width), p.knn) for a in R.vectors}
    col_lo, col_width = _column_windows(lo, width, n, m)
    nn_en = {b: _topk_mean(_band_dots(C.vectors[b], R.vectors[1], col_lo[:m], col_width), p.knn) for b in C.vectors}
    anchors = None
    if p.anchor_weight and R.anchors is not None and C.anchors is not None and R.anchors.shape[1]:
        row_keys, col_keys = R.anchors, C.anchors
        anchors = _static("anchors", (row_keys, col_keys, lo), lambda: _Anchors(row_keys, col_keys))

    # Score tables per bead type, indexed by the bead's END cell (i, j) in band coordinates.
    scores: dict[tuple[int, int], np.ndarray] = {}
    sims: dict[tuple[int, int], np.ndarray] = {}
    rows = np.arange(n + 1)
    cols = lo[:, None] + np.arange(width)[None, :]  # (n+1, width) absolute column of each cell
    fit = _static("fit", (R.lengths, C.lengths, lo), lambda: LengthFit(R.lengths, C.lengths, lo, width), width)
    for a, b in types:
        start_rows = rows - a
        sr = _clamp(start_rows, 0, n - 1)
        start_cols = cols - b
        ok = (start_rows >= 0)[:, None] & (start_cols >= 0) & (cols <= m)
        sc = _clamp(start_cols, 0, max(m - 1, 0))
        sim = np.where(ok, _band_dots(R.vectors[a][sr], C.vectors[b], lo - b, width), np.nan)
        nn = 0.5 * (nn_th[a][sr][:, None] + nn_en[b][sc])
        length_pen = p.length_weight * fit(a, b) ** 2 if p.length_weight else 0.0
        score = sim - nn - length_pen - p.merge_cost * (a + b - 2) + R.starts[sr][:, None] + C.starts[sc]
        if R.bonus is not None and a in R.bonus:
            score = score + R.bonus[a][sr][:, None]
        if C.bonus is not None and b in C.bonus:
            score = score + C.bonus[b][sc]
        if a > 1:  # a bead may not hold units on both sides of a hard break
            crosses = (row_breaks[_clamp(rows - 1, 0, n - 1)] - row_breaks[sr]) > 0
            score = np.where(crosses[:, None], NEG, score)
        if b > 1:
            crosses_c = (col_breaks[_clamp(cols - 1, 0, m - 1)] - col_breaks[sc]) > 0
            score = np.where(crosses_c, NEG, score)
        if anchors is not None:
            score = score + p.anchor_weight * anchors.shared(a, b, sr, lo, width)
        if a > 1 or b > 1:
            sub_sim, sub_fit = _best_sub_bead(R.vectors, C.vectors, a, b, lo, width, n, fit)
            floor = p.gain_floor / (max(a, b) - 1)  # the third sentence of a merge adds less than the second
            score = score - p.gain_weight * np.maximum(0.0, floor - np.nan_to_num(sim - sub_sim, nan=0.0))
            # A merge must not make the length match worse than leaving a sentence out would.
            score = score - p.merge_length_weight * np.maximum(0.0, fit(a, b) - sub_fit)
        scores[(a, b)] = np.where(ok, score, NEG).astype(np.float32)
        sims[(a, b)] = sim

    typical = max(fit.ratio * float(np.mean(C.lengths)) if m else 1.0, 1.0)  # expected row-side sentence length

    def null_score(a: int, i: int) -> float:
        """Row units i-a..i-1 left unaligned as one bead (never across a hard break); a run longer than a
        typical sentence costs in proportion to its length. An unaligned unit starts a sentence too."""
        if a > 1 and row_breaks[i - 1] - row_breaks[i - a] > 0:
            return NEG
        size = max(1.0, (fit.th_cum[i] - fit.th_cum[i - a]) / typical) if a > 1 else 1.0
        return float(p.th.skip * size + row_starts[i - a])

    # A column unit left unaligned: moving from column j-1 to j costs col_cost[j]; its prefix sums let the
    # 0-1 moves along a row run as one running maximum.
    col_cost = np.concatenate([[0.0], p.en.skip + C.starts[:m]])
    col_prefix = np.cumsum(col_cost)
    total = np.full((n + 1, width), NEG, dtype=np.float64)
    back = np.full((n + 1, width), -1, dtype=np.int8)  # index into moves; the last is 0-1
    nulls = [(a, 0) for a in (range(1, p.th.max_units + 1) if p.th.null_runs else (1,))]
    moves = types + nulls + [(0, 1)]
    ar = np.arange(width)
    valid_rows = cols <= m
    # Every move's score table stacked (nulls: one score per row), so each row takes all its moves in one
    # gather and one max; the first best move wins ties, as a move-by-move loop would.
    move_a = np.array([a for a, _ in moves[:-1]])
    move_b = np.array([b for _, b in moves[:-1]])
    null_rows = _static("nulls", (R.lengths, C.lengths, R.breaks, R.starts),
                        lambda: {a: np.array([null_score(a, i) for i in range(a, n + 1)]) for a, _ in nulls}, p)
    stacked = np.full((len(moves) - 1, n + 1, width), NEG, dtype=np.float64)
    for t, (a, b) in enumerate(moves[:-1]):
        if b:
            stacked[t] = np.nan_to_num(scores[(a, b)], nan=NEG)
        else:
            stacked[t, a:] = null_rows[a][:, None]
    for i in range(n + 1):
        best = np.full(width, NEG)
        arg = np.full(width, -1, dtype=np.int8)
        if i == 0:
            best[cols[0] == 0] = 0.0
        live = np.flatnonzero(move_a <= i)
        if len(live):
            # The previous cell of (i, lo[i] + w) is (i - a, lo[i] + w - b): column w + shift of row i - a.
            prev = i - move_a[live]
            src = ar[None, :] + (lo[i] - lo[prev] - move_b[live])[:, None]
            inside = (src >= 0) & (src < width)
            cand = np.where(inside, total[prev[:, None], _clamp(src, 0, width - 1)]
                            + stacked[live, i], -np.inf)
            top = np.argmax(cand, axis=0)
            top_value = cand[top, ar]
            better = top_value > best
            best = np.where(better, top_value, best)
            arg = np.where(better, live[top], arg).astype(np.int8)
        # 0-1 moves along the row: total[j] = max(best[j], total[j-1] + col_cost[j]), as a running maximum.
        valid = valid_rows[i]
        prefix = col_prefix[_clamp(cols[i], 0, m)]
        shifted = np.where(valid, best - prefix, NEG)
        run = np.maximum.accumulate(shifted)
        src_col = np.maximum.accumulate(np.where(shifted >= run, ar, 0))
        from_left = src_col < ar
        total[i] = np.where(valid, np.where(from_left, run + prefix, best), NEG)
        back[i] = np.where(from_left, len(moves) - 1, arg)

    beads = _backtrace(total, back, moves, sims, scores, lo, n, m, p)
    return _with_doubt(beads, _BeadValue(scores, lo, width, n, m, p, null_score, col_cost))


def _best_sub_bead(
    th: Mapping[int, np.ndarray], en: Mapping[int, np.ndarray], a: int, b: int, lo: np.ndarray, width: int, n: int,
    fit: LengthFit,
) -> tuple[np.ndarray, np.ndarray]:
    """Best cosine, and best length fit, of the (a, b) bead with its first or last unit on one side left out."""
    rows = np.arange(n + 1)
    best = np.full((n + 1, width), -np.inf, dtype=np.float32)
    best_fit = np.full((n + 1, width), np.inf)
    if a > 1:
        for first in (0, 1):  # keep Thai i-a+1..i-1 (drop first) or i-a..i-2 (drop last)
            x = th[a - 1][_clamp(rows - a + first, 0, max(n - 1, 0))]
            best = np.fmax(best, _band_dots(x, en[b], lo - b, width))
            best_fit = np.fmin(best_fit, fit(a - 1, b, row_shift=first - 1, col_shift=0))
    if b > 1:
        x = th[a][_clamp(rows - a, 0, max(n - 1, 0))]
        for first in (0, 1):
            best = np.fmax(best, _band_dots(x, en[b - 1], lo - b + first, width))
            best_fit = np.fmin(best_fit, fit(a, b - 1, row_shift=0, col_shift=first - 1))
    return best, best_fit


class LengthFit:
    """|log(Thai chars / (ratio × English chars))| of a bead, per band cell: 0 is a perfect length match.

    ``row_shift`` / ``col_shift`` of -1 end the bead one unit earlier (for sub-beads that drop the last)."""

    KEEP_BYTES = 32 << 20

    def __init__(self, th_len: np.ndarray, en_len: np.ndarray, lo: np.ndarray, width: int) -> None:
        self.th_cum = np.concatenate([[0.0], np.cumsum(th_len)])
        self.en_cum = np.concatenate([[0.0], np.cumsum(en_len)])
        self.ratio = max(self.th_cum[-1], 1.0) / max(self.en_cum[-1], 1.0)
        self.rows = np.arange(len(th_len) + 1)
        self.cols = lo[:, None] + np.arange(width)[None, :]
        self.n, self.m = len(th_len), len(en_len)
        self._memo: dict[tuple[int, int, int, int], np.ndarray] = {}
        self._kept = 0

    def __call__(self, a: int, b: int, row_shift: int = 0, col_shift: int = 0) -> np.ndarray:
        key = (a, b, row_shift, col_shift)
        if key in self._memo:
            return self._memo[key]
        fit = self._fit(a, b, row_shift, col_shift)
        if self._kept + fit.nbytes <= self.KEEP_BYTES:  # kept for the next lazy round, within a budget
            self._memo[key] = fit
            self._kept += fit.nbytes
        return fit

    def _fit(self, a: int, b: int, row_shift: int, col_shift: int) -> np.ndarray:
        end_r = _clamp(self.rows + row_shift, 0, self.n)
        end_c = _clamp(self.cols + col_shift, 0, self.m)
        tl = self.th_cum[end_r] - self.th_cum[_clamp(end_r - a, 0, self.n)]
        el = self.en_cum[end_c] - self.en_cum[_clamp(end_c - b, 0, self.m)]
        fit: np.ndarray = np.abs(np.log((tl[:, None] + 10.0) / (self.ratio * el + 10.0)))
        return fit


def _backtrace(
    total: np.ndarray, back: np.ndarray, moves: list[tuple[int, int]], sims: dict[tuple[int, int], np.ndarray],
    scores: dict[tuple[int, int], np.ndarray],
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
            beads.append(RawBead(tuple(range(i - a, i)), tuple(range(j - b, j)), p.en.skip if b else p.th.skip,
                                 float("nan")))
        i, j = i - a, j - b
    beads.reverse()
    return beads


# --- boundary doubt ------------------------------------------------------------------------------


@dataclass
class _BeadValue:
    """The score any bead (rows i0..i1-1, columns j0..j1-1) would get, from the DP's own tables; None when
    the DP could not have chosen it (a type it does not allow, a cell outside the band)."""

    scores: dict[tuple[int, int], np.ndarray]
    lo: np.ndarray
    width: int
    n: int
    m: int
    p: DPParams
    null_score: Callable[[int, int], float]
    col_cost: np.ndarray

    def __call__(self, i0: int, i1: int, j0: int, j1: int) -> float | None:
        a, b = i1 - i0, j1 - j0
        if a < 0 or b < 0 or i1 > self.n or j1 > self.m or (a == 0 and b == 0):
            return None
        if a and b:
            w = j1 - int(self.lo[i1])
            if (a, b) not in self.scores or not 0 <= w < self.width:
                return None
            value = float(self.scores[(a, b)][i1, w])
            return None if value <= NEG / 2 else value
        if b:  # English units left unaligned, one bead each
            return float(self.col_cost[j0 + 1 : j1 + 1].sum())
        if a == 1 or (self.p.th.null_runs and a <= self.p.th.max_units):
            value = self.null_score(a, i1)
            return None if value <= NEG / 2 else float(value)
        return None


def _with_doubt(beads: list[RawBead], value: _BeadValue) -> list[RawBead]:
    """For every bead, the least the total score would lose if one of its boundaries with a neighbour moved by
    one unit on either side (the neighbour giving or taking that unit). Infinity when no such move is allowed."""
    spans = []
    i = j = 0
    for bead in beads:
        spans.append((i, i + len(bead.th), j, j + len(bead.en)))
        i, j = i + len(bead.th), j + len(bead.en)
    loss = [float("inf")] * len(beads)
    for k in range(len(beads) - 1):
        (a0, a1, b0, b1), (_, c1, _, d1) = spans[k], spans[k + 1]
        here = value(a0, a1, b0, b1)
        there = value(a1, c1, b1, d1)
        if here is None or there is None:
            continue
        best_alt = -np.inf
        for di, dj in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            left = value(a0, a1 + di, b0, b1 + dj)
            right = value(a1 + di, c1, b1 + dj, d1)
            if left is not None and right is not None:
                best_alt = max(best_alt, left + right)
        if np.isfinite(best_alt):
            gap = max(0.0, here + there - best_alt)
            loss[k] = min(loss[k], gap)
            loss[k + 1] = min(loss[k + 1], gap)
    return [replace(b, doubt=d) for b, d in zip(beads, loss)]
