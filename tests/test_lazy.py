"""The lazy search: runs stand in as means until embedded, the search embeds only near its path, and the
default raw path pays a fraction of the exhaustive search's embedding work for the same seed pairs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from thalign.align.dp import overlap_mean
from thalign.align.lazy import near_runs
from thalign.align.overlaps import RunVectors
from thalign.config import AlignConfig
from thalign.embed.fake import FakeEmbedder
from thalign.pipeline import align_files
from thalign.types import Sentence

SEED = Path(__file__).parent.parent / "seeds" / "000_a4e1426412e82e47.txt"


class Counting:
    """Counts the texts, and their characters, asked of the embedder it wraps."""

    def __init__(self, inner):
        self.inner, self.name, self.dim, self.texts, self.chars = inner, inner.name, inner.dim, 0, 0

    def encode(self, texts, progress=None):
        self.texts += len(texts)
        self.chars += sum(len(t) for t in texts)
        return self.inner.encode(texts, progress)


def _units(words):
    return [Sentence(w, 0, len(w)) for w in words]


def test_near_runs_are_the_run_and_its_one_end_moves():
    assert sorted(near_runs(3, 6, max_size=14, radius=1)) == [(2, 4), (3, 2), (3, 3), (3, 4), (4, 2)]
    assert sorted(near_runs(0, 1, max_size=14, radius=1)) == [(0, 1), (0, 2)]  # no empty run, nothing before unit 0
    assert all(size <= 3 for _, size in near_runs(0, 3, max_size=3, radius=2))


def test_a_run_is_its_mean_until_embedded_then_its_joined_text():
    embedder = Counting(FakeEmbedder())
    units = _units(["alpha beta", "gamma", "delta 42", "epsilon"])
    runs = RunVectors(units, embedder, max_size=3, stand_in=lambda size: 0.1 * size)
    assert embedder.texts == 4  # singles only
    assert np.allclose(runs.vectors[2][1], overlap_mean(runs.vectors[1], 2)[1])
    assert not runs.is_exact(1, 2) and runs.bonus[2][1] == pytest.approx(0.2)
    assert runs.embed([(1, 2), (1, 2), (3, 2), (0, 9)]) == 1  # duplicates, past-the-end and too-long runs ignored
    assert runs.is_exact(1, 2) and runs.bonus[2][1] == 0.0
    assert np.allclose(runs.vectors[2][1], FakeEmbedder().encode(["gamma delta 42"])[0])
    assert runs.embed([(1, 2)]) == 0 and embedder.texts == 5
    assert np.allclose(runs.many([(0, 4)])[0], FakeEmbedder().encode(["alpha beta gamma delta 42 epsilon"])[0])


def test_mean_merges_embed_nothing_beyond_the_singles():
    embedder = Counting(FakeEmbedder())
    runs = RunVectors(_units(["a b", "c d", "e f"]), embedder, max_size=3, merge="mean")
    assert runs.is_exact(0, 3) and runs.embed_all() == 0 and embedder.texts == 3


@pytest.mark.model
def test_lazy_search_embeds_a_fraction_of_the_runs_for_the_same_seed_pairs(model_embedder):
    counted = {}
    pairs = {}
    for exhaustive in (False, True):
        embedder = Counting(model_embedder)
        result = align_files(str(SEED), None, AlignConfig(exhaustive=exhaustive), embedder=embedder)
        counted[exhaustive], pairs[exhaustive] = embedder.chars, [(th, en) for th, en, _ in result.pairs()]
    assert counted[False] * 3 < counted[True], counted  # characters embedded: the work
    assert pairs[False] == pairs[True]
