"""Long documents in windows: peak memory grows with the window, not with the document.

The DP's tables, the anchor matrices and the run tables all grow with the document, so a book-length pair
would need gigabytes. Past ``WINDOW`` English units, a coarse alignment of the single vectors (the same
down-sampled pass that gives the DP its band) says roughly which Thai units go with each stretch of
English; each window is aligned on its own, its beads are kept up to ``OVERLAP`` units before its end (the
end of a window is forced, so the beads there are not trusted), and the next window starts where the last
kept bead ends. Documents up to ``WINDOW`` English units (every evaluation document here) are aligned whole.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from thalign.align.dp import DPParams, RawBead, band

WINDOW = 2000
"""English units per window: a window's tables then take tens of MB (measured in eval/scaling.py)."""
OVERLAP = 200
"""Units at the end of a window whose beads are redone by the next window."""

AlignWindow = Callable[[int, int, int, int], list[RawBead]]
"""Aligns rows ``[i0, i1)`` with columns ``[j0, j1)``; beads in document indices."""


def shifted(beads: list[RawBead], i0: int, j0: int) -> list[RawBead]:
    """Beads of a window in document indices."""
    return [replace(b, th=tuple(i + i0 for i in b.th), en=tuple(j + j0 for j in b.en)) for b in beads]


def align_windowed(th1: np.ndarray, en1: np.ndarray, params: DPParams, align_window: AlignWindow,
                   window: int | None = None, overlap: int | None = None) -> list[RawBead]:
    """Align the whole document (rows ``th1``, columns ``en1``, single vectors) window by window."""
    window, overlap = window or WINDOW, overlap or OVERLAP
    n, m = len(th1), len(en1)
    if m <= window + overlap or n == 0:
        return align_window(0, n, 0, m)
    lo, width = band(th1, en1, params)
    centre = np.minimum(lo + width // 2, m)  # the coarse path's column at each row, monotone
    rows_per_column = n / max(m, 1)
    beads: list[RawBead] = []
    i0 = j0 = 0
    while True:
        j1 = min(m, j0 + window)
        i1 = n if j1 == m else min(n, max(int(np.searchsorted(centre, j1)), i0 + 1))
        if j1 == m or i1 == n:
            return beads + align_window(i0, n, j0, m)
        found = align_window(i0, i1, j0, j1)
        row_limit = i1 - max(1, int(overlap * rows_per_column))
        keep, i, j = [], i0, j0
        for bead in found:
            i_end, j_end = i + len(bead.th), j + len(bead.en)
            if j_end > j1 - overlap or i_end > row_limit:
                break
            keep.append(bead)
            i, j = i_end, j_end
        if not keep:  # nothing trusted (a window far off the coarse path): take its first half
            keep = found[: max(1, len(found) // 2)]
            i, j = i0 + sum(len(b.th) for b in keep), j0 + sum(len(b.en) for b in keep)
        beads += keep
        i0, j0 = i, j
