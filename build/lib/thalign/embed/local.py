"""Any sentence-transformers model saved in a local directory (LaBSE, e5, …), loaded without the network."""

from __future__ import annotations

import os

from thalign.embed.st import SentenceTransformerEmbedder
from thalign.errors import ModelUnavailable


def load_local(path: str) -> SentenceTransformerEmbedder:
    if not os.path.isdir(path):
        raise ModelUnavailable(f"model directory not found: {path}")
    if not any(os.path.exists(os.path.join(path, f)) for f in ("modules.json", "config.json")):
        raise ModelUnavailable(f"{path} is not a sentence-transformers model directory (no modules.json)")
    try:
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(path, device="cpu", local_files_only=True)
    except ImportError as exc:
        raise ModelUnavailable(f"local models need {exc.name}: pip install sentence-transformers") from exc
    except Exception as exc:
        raise ModelUnavailable(f"cannot load model from {path}: {exc}") from exc
    name = "local:" + os.path.basename(os.path.normpath(path))
    return SentenceTransformerEmbedder(model, name=name)
