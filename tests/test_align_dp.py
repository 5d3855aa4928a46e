"""The alignment core on synthetic vectors with exact gold (no model)."""

from __future__ import annotations

import numpy as np
import pytest

from thalign.align.dp import DPParams, Side, SideRules, align_sides, align_vectors, overlap_mean


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


# --- per-side rules and evidence (the bitext path's knobs), on synthetic vectors -------------------


def chunked(rng, n, parts, dim=64, noise=0.3):
    """English sentences and Thai 'chunks': each sentence i split into parts[i] pieces whose sum is its meaning."""
    en_rows, th_rows, owner = [], [], []
    for i in range(n):
        pieces = rng.normal(size=(parts[i], dim))
        en_rows.append(pieces.sum(axis=0))
        th_rows += list(pieces)
        owner += [i] * parts[i]
    en = _unit(np.array(en_rows) + noise * rng.normal(size=(n, dim)))
    th = _unit(np.array(th_rows) + noise * rng.normal(size=(len(th_rows), dim)))
    return th, en, owner


def chunk_params(**kwargs):
    return DPParams(max_bead=5, th=SideRules(max_units=4, skip=-0.15, null_runs=True), en=SideRules(max_units=1),
                    merge_cost=0.0, gain_weight=0.0, **kwargs)


def side(vectors, **evidence):
    return Side({1: vectors}, np.full(len(vectors), 40.0), **evidence)


def test_chunks_are_merged_into_their_sentences():
    rng = np.random.default_rng(11)
    parts = [1, 2, 3, 2, 1, 3, 2]
    th, en, owner = chunked(rng, len(parts), parts)
    beads = align_sides(side(th), side(en), chunk_params())
    assert [tuple(owner[i] for i in b.th) for b in beads] == [(i,) * p for i, p in enumerate(parts)]


def test_no_bead_crosses_a_break_on_either_side():
    rng = np.random.default_rng(12)
    th, en, _owner = chunked(rng, 5, [2, 2, 2, 2, 2])
    breaks = np.zeros(len(th), bool)
    breaks[4] = True  # between the two chunks of sentence 2
    beads = align_sides(side(th, breaks=breaks), side(en), chunk_params())
    assert all(not (4 in b.th and 5 in b.th) for b in beads)
    # The same rule on the English side of a 1-2 search: English 1 and 2 must not share a bead.
    en_breaks = np.zeros(len(en), bool)
    en_breaks[1] = True
    params = DPParams.symmetric(max_bead=3, max_side=2)
    merged = _unit(np.array([th[0], th[2] + th[4], th[6], th[8]]))
    beads = align_sides(side(merged), side(en[[0, 1, 2, 3, 4]][[0, 1, 2, 3, 4]], breaks=en_breaks), params)
    assert all(not (1 in b.en and 2 in b.en) for b in beads)


def test_a_start_prior_decides_an_even_split():
    rng = np.random.default_rng(13)
    dim = 64
    a, b = rng.normal(size=dim), rng.normal(size=dim)
    shared = rng.normal(size=dim)
    # Chunk 1 is equally close to both sentences; a bonus for starting at chunk 1 moves it to the second.
    th = _unit(np.array([a, shared, b]))
    en = _unit(np.array([a + shared, b + shared]))
    start_at_1 = align_sides(side(th, starts=np.array([0.0, 0.3, 0.0])), side(en), chunk_params())
    start_at_2 = align_sides(side(th, starts=np.array([0.0, 0.0, 0.3])), side(en), chunk_params())
    assert [b.th for b in start_at_1] == [(0,), (1, 2)]
    assert [b.th for b in start_at_2] == [(0, 1), (2,)]


def test_an_untranslated_run_of_chunks_is_one_null_bead_on_either_side():
    rng = np.random.default_rng(14)
    th, en, _owner = chunked(rng, 6, [2] * 6)
    extra = _unit(rng.normal(size=(3, th.shape[1])))
    th_plus = np.concatenate([th[:6], extra, th[6:]])  # three unrelated chunks after sentence 2
    beads = align_sides(side(th_plus), side(en), chunk_params())
    nulls = [b.th for b in beads if not b.en]
    assert nulls == [(6, 7, 8)]
    # With the roles swapped (English as the chunked side) the DP runs transposed and gives the same beads.
    flipped = DPParams(max_bead=5, th=SideRules(max_units=1), en=SideRules(max_units=4, skip=-0.15, null_runs=True),
                       merge_cost=0.0, gain_weight=0.0)
    swapped = align_sides(side(en), side(th_plus), flipped)
    assert [(b.en, b.th) for b in swapped] == [(b.th, b.en) for b in beads]


def test_shared_anchors_pull_a_chunk_to_their_sentence():
    rng = np.random.default_rng(15)
    dim = 64
    a, b, shared = rng.normal(size=dim), rng.normal(size=dim), rng.normal(size=dim)
    th = _unit(np.array([a, shared, b]))
    en = _unit(np.array([a + shared, b + shared]))
    th_keys = np.array([[0, 0], [1, 0], [0, 1]], np.float32)  # chunk 1 holds key 0, which only English 1 holds
    en_keys = np.array([[0, 1], [1, 1]], np.float32)
    with_anchors = chunk_params(anchor_weight=0.3)
    beads = align_sides(side(th, anchors=th_keys), side(en, anchors=en_keys), with_anchors)
    assert [b.th for b in beads] == [(0,), (1, 2)]
    en_keys_swapped = np.array([[1, 1], [0, 1]], np.float32)
    beads = align_sides(side(th, anchors=th_keys), side(en, anchors=en_keys_swapped), with_anchors)
    assert [b.th for b in beads] == [(0, 1), (2,)]


def test_boundary_doubt_is_small_only_where_a_boundary_could_move():
    rng = np.random.default_rng(16)
    dim = 64
    a, b, c, shared = (rng.normal(size=dim) for _ in range(4))
    th = _unit(np.array([a, shared, b, c]))
    en = _unit(np.array([a + shared, b + shared, c]))
    beads = align_sides(side(th), side(en), chunk_params())
    assert len(beads) == 3
    clear = align_sides(side(_unit(np.array([a, b, c]))), side(_unit(np.array([a, b, c]))), chunk_params())
    # Chunk 1 fits sentence 0 and sentence 1 about equally: that boundary is in doubt, the last one is not.
    assert beads[0].doubt == beads[1].doubt < 0.1 * min(x.doubt for x in clear)
    assert beads[2].doubt > 0.5
