"""thalign: Thai–English sentence alignment, translation QA and TMX output.

    >>> from align import align_files, write_result
    >>> result = align_files("seeds/000_a4e1426412e82e47.txt")
    >>> write_result(result, "out.tmx")

Importing this package is cheap: no model, no torch, no network until a model is asked for.
"""

from __future__ import annotations

from align._version import __version__
from align.config import AlignConfig
from align.errors import EngineNotFound, InputError, ModelUnavailable, ThalignError
from align.pipeline import align_documents, align_files, align_sentences, read_pair
from align.segment import segment as segment_text
from align.types import AlignmentResult, Bead, Flag, Sentence
from align.write import write as write_result

__all__ = [
    "__version__",
    "AlignConfig",
    "AlignmentResult",
    "Bead",
    "EngineNotFound",
    "Flag",
    "InputError",
    "ModelUnavailable",
    "Sentence",
    "ThalignError",
    "align_documents",
    "align_files",
    "align_sentences",
    "read_pair",
    "segment_text",
    "write_result",
]
