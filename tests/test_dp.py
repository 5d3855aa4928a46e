"""The alignment core on synthetic vectors with exact gold (no model)."""

from __future__ import annotations

import numpy as np
import pytest

from align.dp import DPParams, align_vectors, overlap_mean


def _unit(x):
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def make_pair(n, rng, noise=0.45, dim=256):
    """n 'meanings'; each side a noisy view of them."""
    base = rng.normal(size=(n, dim))
    return _unit(base + noise * rng.normal(size=(n, dim))), _unit(base + noise * rng.normal(size=(n, dim))), base


def run(th, en, params=DPParams()):
    beads = align_vectors({1: th}, {1: en}, np.full(len(th), 60.0), np.full(len(en), 60.0), params)
    return [(b.th, b.en) for b in beads]


def covers(beads, n, m):
    return sorted(i for t, _ in beads for i in t) == list(range(n)) and sorted(j for _, e in beads for j in e) == list(range(m))


def test_dp_clean_document_is_all_one_to_one():
    th, en, _ = make_pair(40, np.random.default_rng(1))
    assert run(th, en) == [((i,), (i,)) for i in range(40)]


def test_dp_leaves_dropped_sentences_unaligned():
    rng = np.random.default_rng(2)
    th, en, _ = make_pair(50, rng)
    keep = [j for j in range(50) if j not in (7, 30, 31)]
    beads = run(th, en[keep])
    assert ((7,), ()) in beads and ((30,), ()) in beads and ((31,), ()) in beads
    assert covers(beads, 50, 47)


def test_dp_finds_merged_sentences():
    rng = np.random.default_rng(3)
    base = rng.normal(size=(30, 64))
    half_a, half_b = rng.normal(size=64), rng.normal(size=64)
    base[20] = half_a + half_b
    th = _unit(base + 0.4 * rng.normal(size=base.shape))
    # English sentence 10 translates Thai 10 and 11 together; Thai 20 is split into English 20a, 20b.
    en_rows = [base[i] for i in range(10)] + [base[10] + base[11]] + [base[i] for i in range(12, 20)]
    en_rows += [half_a, half_b] + [base[i] for i in range(21, 30)]
    en = _unit(np.array(en_rows) + 0.4 * rng.normal(size=(len(en_rows), 64)))
    beads = run(th, en)
    assert ((10, 11), (10,)) in beads
    assert ((20,), (19, 20)) in beads
    assert covers(beads, 30, len(en_rows))


@pytest.mark.parametrize("n, m", [(0, 0), (0, 3), (4, 0), (1, 1), (1, 40), (40, 1)])
def test_dp_handles_degenerate_sizes(n, m):
    rng = np.random.default_rng(n * 100 + m)
    th = _unit(rng.normal(size=(max(n, 1), 16)))[:n]
    en = _unit(rng.normal(size=(max(m, 1), 16)))[:m]
    assert covers(run(th, en), n, m)


def test_banded_search_matches_full_search_on_long_document():
    rng = np.random.default_rng(5)
    th, en, _ = make_pair(1200, rng)
    keep = [j for j in range(1200) if j % 97 != 5]
    banded = run(th, en[keep], DPParams(full_dp_cells=20_000))
    assert covers(banded, 1200, len(keep))
    gold_dropped = {((i,), ()) for i in range(1200) if i % 97 == 5}
    assert gold_dropped <= set(banded)
    one_to_one = [b for b in banded if len(b[0]) == 1 and len(b[1]) == 1]
    assert all(keep[b[1][0]] == b[0][0] for b in one_to_one)


def test_overlap_mean_combines_runs():
    x = _unit(np.eye(4, 8))
    merged = overlap_mean(x, 2)
    assert np.allclose(merged[0], _unit((x[0] + x[1])[None])[0])
    assert np.allclose(merged[3], 0)
