"""``CachedEmbedder``: the same vectors as the model it wraps, each distinct text embedded once, kept on disk."""

from __future__ import annotations

import logging
import os

import numpy as np

from tests.conftest import SEED_BILINGUAL
from thalign.embed.cache import CachedEmbedder
from thalign.embed.fake import FakeEmbedder
from thalign.segment import segment


class CountingEmbedder(FakeEmbedder):
    """The fake model, recording every text it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def encode(self, texts, progress=None):
        self.seen += list(texts)
        return super().encode(texts, progress)


def seed_sentences() -> list[str]:
    text = SEED_BILINGUAL.read_text(encoding="utf-8")
    return [s.text for s in segment(text, "en", "lines")]


def test_cached_embedder_returns_the_inner_vectors_and_embeds_each_text_once():
    texts = seed_sentences()
    repeated = texts + texts[:10] + texts[::-1]
    inner = CountingEmbedder()
    cache = CachedEmbedder(inner)
    got = cache.encode(repeated)
    assert got.dtype == np.float32 and got.shape == (len(repeated), inner.dim)
    assert np.array_equal(got, FakeEmbedder().encode(repeated))
    assert sorted(inner.seen) == sorted(set(texts))  # duplicates inside one call are embedded once
    cache.encode(texts[:5])
    assert len(inner.seen) == len(set(texts))  # and nothing again on the next call
    assert cache.encode([]).shape == (0, inner.dim)


def test_cached_embedder_flushes_to_disk_and_reloads_only_its_model(tmp_path, caplog):
    texts = seed_sentences()
    first = CachedEmbedder(CountingEmbedder(), tmp_path)
    expected = first.encode(texts)
    first.flush()
    first.flush()  # nothing pending: no second shard
    assert len([n for n in os.listdir(tmp_path) if n.endswith(".npy")]) == 1
    again = CountingEmbedder()
    assert np.array_equal(CachedEmbedder(again, tmp_path).encode(texts), expected)
    assert again.seen == []
    other = CountingEmbedder()
    other.name = "another-model"
    CachedEmbedder(other, tmp_path).encode(texts[:3])
    assert other.seen == texts[:3]  # vectors of one model never serve another
    for name in os.listdir(tmp_path):
        if name.endswith(".npy"):
            os.unlink(tmp_path / name)  # an interrupted flush: the index without its vectors
    with caplog.at_level(logging.INFO, logger="thalign"):
        fresh = CountingEmbedder()
        CachedEmbedder(fresh, tmp_path).encode(texts[:3])
    assert fresh.seen == texts[:3] and "embedded again" in caplog.text
