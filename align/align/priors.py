"""What the Thai text alone says about where its sentences start, as a prior for the bitext aligner.

The learned segmenter's boundary classifier (``thalign.segment.learned``) scores each space between two
chunks from the words around it; its log-odds tell the bitext aligner which chunk an English-driven cut
most likely falls before, when the embeddings barely tell two neighbouring cuts apart. The product reads
the shipped model; an evaluation swaps in a model that never saw the document (``boundary_model``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

import numpy as np

from thalign.segment.learned import BoundaryModel, candidate_features, chunk_words
from thalign.types import Sentence

_override: ContextVar[BoundaryModel | None] = ContextVar("thalign_boundary_model", default=None)


@lru_cache(maxsize=1)
def _shipped() -> BoundaryModel:
    return BoundaryModel.load()


@contextmanager
def boundary_model(model: BoundaryModel | None) -> Iterator[None]:
    """Within the block, start priors come from ``model`` (None: the shipped one). For held-out evaluation:
    the shipped model is trained on FLORES, so a FLORES figure must be read with a model trained without it."""
    token = _override.set(model)
    try:
        yield
    finally:
        _override.reset(token)


def current_model() -> BoundaryModel:
    return _override.get() or _shipped()


def boundary_log_odds(chunks: list[Sentence], crf_starts: set[int]) -> np.ndarray:
    """``out[k]``: the classifier's log-odds that a sentence starts at chunk k (0 for the first chunk),
    without the decoding shift the segmenter adds (``extra["cut_bias"]``), so 0 means even odds."""
    out = np.zeros(len(chunks))
    if len(chunks) < 2:
        return out
    model = current_model()
    features = candidate_features(chunks, crf_starts, chunk_words(chunks), model.bag_of_words)
    shift = float(model.extra.get("cut_bias", 0.0))
    out[1:] = [model.bias - shift + sum(model.weights.get(k, 0.0) * v for k, v in f.items()) for f in features]
    return out
