"""Embedding cache keyed by (model, text): repeated sentences across a corpus are embedded once.

In memory always; on disk when given a directory (one ``.npy`` shard per flush plus a key index),
so a re-run or a resumed batch does not embed again.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
from collections.abc import Sequence

import numpy as np

from thalign._util.files import atomic_write
from thalign.embed import Embedder, ProgressCallback

log = logging.getLogger("thalign")


def text_key(model: str, text: str) -> str:
    return hashlib.sha1(f"{model}\x00{text}".encode()).hexdigest()


class CachedEmbedder:
    """Wraps an ``Embedder``; same ``encode`` contract, fewer model calls."""

    def __init__(self, inner: Embedder, directory: str | os.PathLike[str] | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.directory = os.fspath(directory) if directory else None
        self._memory: dict[str, np.ndarray] = {}
        self._pending: dict[str, np.ndarray] = {}
        if self.directory:
            self._load()

    def encode(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
        keys = [text_key(self.name, t) for t in texts]
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in self._memory))
        if missing:
            vectors = self.inner.encode(missing, progress=progress)
            for text, vector in zip(missing, vectors):
                key = text_key(self.name, text)
                self._memory[key] = vector
                self._pending[key] = vector
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._memory[k] for k in keys]).astype(np.float32)

    def flush(self) -> None:
        """Persist new vectors (atomic shard + index); a no-op without a directory."""
        if not self.directory or not self._pending:
            return
        os.makedirs(self.directory, exist_ok=True)
        keys = list(self._pending)
        shard = f"shard-{hashlib.sha1(''.join(keys).encode()).hexdigest()[:16]}"
        buffer = io.BytesIO()
        np.save(buffer, np.stack([self._pending[k] for k in keys]).astype(np.float32))
        atomic_write(os.path.join(self.directory, shard + ".npy"), buffer.getvalue())
        atomic_write(os.path.join(self.directory, shard + ".json"), json.dumps({"model": self.name, "keys": keys}).encode())
        self._pending.clear()

    def _load(self) -> None:
        assert self.directory is not None
        if not os.path.isdir(self.directory):
            return
        for name in sorted(os.listdir(self.directory)):
            if not name.endswith(".json"):
                continue
            with open(os.path.join(self.directory, name), encoding="utf-8") as handle:
                meta = json.load(handle)
            if meta.get("model") != self.name:
                continue
            array_path = os.path.join(self.directory, name[:-5] + ".npy")
            if not os.path.exists(array_path):
                log.info("embedding cache: %s has no %s (an interrupted flush?); its texts are embedded again",
                         name, os.path.basename(array_path))
                continue
            vectors = np.load(array_path)
            self._memory.update(zip(meta["keys"], vectors))
