"""Long documents go through the DP in windows; the pairs must be those of the whole-document DP."""

from __future__ import annotations

import numpy as np

from thalign.align.dp import DPParams, Side, align_sides
from thalign.align.windows import align_windowed, shifted


def _pair(n: int, seed: int = 3) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Thai and English unit vectors of one content, 5% of the Thai left untranslated."""
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(n, 64))
    th = base + 0.5 * rng.normal(size=(n, 64))
    keep = np.sort(rng.choice(n, size=int(n * 0.95), replace=False))
    en = (base + 0.5 * rng.normal(size=(n, 64)))[keep]
    unit = lambda x: (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)  # noqa: E731
    return unit(th), unit(en), keep


def test_windows_give_the_whole_documents_pairs():
    th, en, keep = _pair(900)
    params = DPParams(full_dp_cells=10_000)
    calls = []

    def window(i0, i1, j0, j1):
        calls.append((i0, i1, j0, j1))
        found = align_sides(Side({1: th[i0:i1]}, np.full(i1 - i0, 80.0)), Side({1: en[j0:j1]}, np.full(j1 - j0, 60.0)),
                            params)
        return shifted(found, i0, j0)

    whole = [(b.th, b.en) for b in window(0, len(th), 0, len(en))]
    calls.clear()
    windowed = [(b.th, b.en) for b in align_windowed(th, en, params, window, window=150, overlap=30)]
    assert len(calls) > 4 and max(j1 - j0 for _, _, j0, j1 in calls) <= 150
    assert [i for b in windowed for i in b[0]] == list(range(len(th)))  # every unit once, in order
    assert [j for b in windowed for j in b[1]] == list(range(len(en)))
    assert len(set(windowed) & set(whole)) >= 0.99 * len(whole)
    right = {(int(k),): (j,) for j, k in enumerate(keep)}
    assert sum(1 for b in windowed if right.get(b[0]) == b[1]) >= 0.98 * len(keep)


def test_a_short_document_is_one_window():
    th, en, _ = _pair(120)
    calls = []
    align_windowed(th, en, DPParams(), lambda *w: calls.append(w) or [], window=150, overlap=30)
    assert calls == [(0, 120, 0, len(en))]
