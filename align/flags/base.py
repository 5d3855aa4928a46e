"""What every check shares: its context and the iteration over aligned pairs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from thalign.config import AlignConfig
from thalign.types import AlignmentResult, Flag

if TYPE_CHECKING:
    from thalign.embed import Embedder


@dataclass(frozen=True)
class CheckContext:
    """What a check may look at besides the beads: settings, the sentence vectors and the embedder.

    ``embedder`` is the run's own model when the pipeline passes it; otherwise word-level checks load
    ``config.model`` on first use (``embedder_for``), so callers that only align never pay for it."""

    config: AlignConfig
    th_vectors: np.ndarray
    en_vectors: np.ndarray
    embedder: Embedder | None = field(default=None, compare=False)

    def embedder_for(self) -> Embedder:
        from thalign.embed import get_embedder

        return self.embedder or get_embedder(self.config.model)


Check = Callable[[AlignmentResult, CheckContext], list[Flag]]


def pair_beads(result: AlignmentResult) -> Iterator[tuple[int, str, str]]:
    """(bead index, Thai text, English text) for every bead with both sides."""
    for index, bead in enumerate(result.beads):
        if bead.th and bead.en:
            yield index, result.bead_text(bead, "th"), result.bead_text(bead, "en")
