"""Deterministic hashing embedder for tests: no model, no torch, same text → same vector.

It knows no language, so it only aligns texts that share tokens (numbers, names, copied words);
tests of alignment quality use the real model or synthetic vectors.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from thalign.embed import ProgressCallback
from thalign.embed.st import prepare_for_embedding

_TOKEN = re.compile(r"\w+", re.UNICODE)


class FakeEmbedder:
    name = "fake"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        for token in _TOKEN.findall(prepare_for_embedding(text).lower()) or [text]:
            digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
            vec[int.from_bytes(digest[:4], "little") % self.dim] += 1.0 if digest[4] & 1 else -1.0
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm else vec

    def encode(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
        out = np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)
        if progress is not None:
            progress(len(texts))
        return out
