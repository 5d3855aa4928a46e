"""What every check shares: its context and the iteration over aligned pairs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from align.config import AlignConfig
from align.types import AlignmentResult, Flag


@dataclass(frozen=True)
class CheckContext:
    """What a check may look at besides the beads: settings and the sentence vectors."""

    config: AlignConfig
    th_vectors: np.ndarray
    en_vectors: np.ndarray


Check = Callable[[AlignmentResult, CheckContext], list[Flag]]


def pair_beads(result: AlignmentResult) -> Iterator[tuple[int, str, str]]:
    """(bead index, Thai text, English text) for every bead with both sides."""
    for index, bead in enumerate(result.beads):
        if bead.th and bead.en:
            yield index, result.bead_text(bead, "th"), result.bead_text(bead, "en")
