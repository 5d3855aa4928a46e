"""The typed values that flow between stages: read → segment → embed → align → flag → write."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any, Literal

Side = Literal["th", "en"]


@dataclass(frozen=True)
class Sentence:
    """One segment with its character span in the text it was cut from, so nothing vanishes unnoticed."""

    text: str
    start: int
    end: int
    paragraph: int = 0


@dataclass(frozen=True)
class Bead:
    """A run of Thai sentences aligned to a run of English sentences (either run may be empty).

    ``confidence`` is in [0, 1]: roughly the probability that the bead is right (see README, "What the
    confidence means"). The aligner's own margin score stays inside the aligner (``RawBead``).
    """

    th: tuple[int, ...]
    en: tuple[int, ...]
    confidence: float

    @property
    def score(self) -> float:
        """The former name of ``confidence`` (the output files still call it ``score``)."""
        warnings.warn("Bead.score is now Bead.confidence", DeprecationWarning, stacklevel=2)
        return self.confidence

    @property
    def kind(self) -> str:
        """Bead type such as ``1-1``, ``2-1`` or ``0-1`` (Thai count first)."""
        return f"{len(self.th)}-{len(self.en)}"


@dataclass(frozen=True)
class Flag:
    """A possible translation defect in one bead, with evidence a translator can act on."""

    kind: str
    severity: Literal["info", "warning", "error"]
    bead: int
    evidence: str
    th_span: str = ""
    en_span: str = ""
    th_words: tuple[str, ...] = ()
    """Words of the Thai side the flag is about (the ``term`` check: Thai words with no English counterpart)."""
    en_words: tuple[str, ...] = ()
    """Words of the English side the flag is about, highlighted in the review report."""


@dataclass
class AlignmentResult:
    """Everything one document pair produced; writers only format this."""

    th: list[Sentence]
    en: list[Sentence]
    beads: list[Bead]
    flags: list[Flag] = field(default_factory=list)
    signature: str = ""
    vectors: tuple[Any, Any] | None = field(default=None, repr=False, compare=False)
    """(Thai, English) sentence vectors, kept for the review report's alignment map."""

    def pairs(self) -> list[tuple[str, str, Bead]]:
        """(Thai text, English text, bead) per bead, merged sentences joined by a space."""
        return [(self.bead_text(b, "th"), self.bead_text(b, "en"), b) for b in self.beads]

    def bead_text(self, bead: Bead, side: Side) -> str:
        sents = self.th if side == "th" else self.en
        idx = bead.th if side == "th" else bead.en
        return " ".join(sents[i].text for i in idx)

    def flags_for(self, bead_index: int) -> list[Flag]:
        return [f for f in self.flags if f.bead == bead_index]
