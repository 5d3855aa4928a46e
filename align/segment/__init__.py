"""Segment stage: text → ``list[Sentence]`` with character spans, by engine name.

Engines live in ``SEGMENTERS`` (built-ins plus the ``thalign.segmenters`` entry points, see ``thalign.registry``)
as import strings, so only the chosen one is imported. A segmenter is a class whose instances map text to sentences
and have ``name`` and ``signature()``.
"""

from __future__ import annotations

from collections.abc import Callable

from thalign.errors import EngineNotFound
from thalign.registry import Registry
from thalign.segment.paragraphs import lines
from thalign.types import Sentence

Segmenter = Callable[[str], list[Sentence]]

SEGMENTERS = Registry("thalign.segmenters", {
    "crfcut": "thalign.segment.thai:CrfcutSegmenter",
    "learned": "thalign.segment.learned:LearnedSegmenter",
    "pysbd": "thalign.segment.english:PysbdSegmenter",
    "moses": "thalign.segment.english:MosesSegmenter",
    "punkt": "thalign.segment.english:PunktSegmenter",
    "lines": "thalign.segment:LineSegmenter",
})
DEFAULT_SEGMENTER = {"th": "learned", "en": "punkt"}
"""For one side alone. With an English side the pipeline's default Thai segmenter is ``bitext``."""

_instances: dict[str, Segmenter] = {}


class LineSegmenter:
    """Input is already one sentence per line."""

    name = "lines"

    def __call__(self, text: str) -> list[Sentence]:
        return lines(text)

    def signature(self) -> str:
        return "lines"


def get_segmenter(name: str) -> Segmenter:
    if name == "bitext":
        raise EngineNotFound("the bitext segmenter needs the English side: use align (align_documents), "
                             f"or one of {', '.join(sorted(SEGMENTERS))} for one side alone")
    if name not in SEGMENTERS:
        raise EngineNotFound(f"unknown segmenter {name!r}: choose from {', '.join(sorted(SEGMENTERS))}")
    if name not in _instances:
        _instances[name] = SEGMENTERS.load(name)()
    return _instances[name]


def segment(text: str, lang: str, engine: str | None = None) -> list[Sentence]:
    """Split ``text`` (Thai ``th`` or English ``en``) into sentences with spans into ``text``."""
    if engine is None:
        if lang not in DEFAULT_SEGMENTER:
            raise EngineNotFound(f"unknown language {lang!r}: use th or en")
        engine = DEFAULT_SEGMENTER[lang]
    return get_segmenter(engine)(text)


__all__ = ["DEFAULT_SEGMENTER", "SEGMENTERS", "Segmenter", "get_segmenter", "segment"]
