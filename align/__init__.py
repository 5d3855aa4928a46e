"""thalign: Thai–English sentence alignment, translation QA and TMX output.

    >>> from thalign import align_files, write_result
    >>> result = align_files("seeds/000_a4e1426412e82e47.txt")
    >>> write_result(result, "out.tmx")

Importing this package is cheap: no model, no torch, no network until a model is asked for.
"""

from __future__ import annotations

from thalign._version import __version__
from thalign.config import AlignConfig
from thalign.errors import EngineNotFound, InputError, ModelUnavailable, ThalignError
from thalign.pipeline import align_documents, align_files, align_sentences
from thalign.read import read_pair
from thalign.segment import segment as segment_text
from thalign.types import AlignmentResult, Bead, Flag, Sentence
from thalign.write import write as write_result

__all__ = [
    "AlignConfig",
    "AlignmentResult",
    "Bead",
    "EngineNotFound",
    "Flag",
    "InputError",
    "ModelUnavailable",
    "Sentence",
    "ThalignError",
    "__version__",
    "align_documents",
    "align_files",
    "align_sentences",
    "read_pair",
    "segment_text",
    "write_result",
]
