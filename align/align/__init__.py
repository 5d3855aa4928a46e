"""Align stage: English sentences and the Thai (text or sentences) → Thai sentences, beads and vectors.

Two aligners share the DP core (``dp.py``): ``SentenceAligner`` aligns Thai sentences cut by a one-side
segmenter (or given one per line); ``BitextAligner`` (``bitext.py``) lets the alignment itself cut the Thai.
``get_aligner`` picks one from the config, so the pipeline never asks which it got.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from thalign.align import lazy
from thalign.align.dp import DPParams, RawBead, Side
from thalign.align.overlaps import RunVectors
from thalign.align.windows import align_windowed, shifted
from thalign.config import AlignConfig
from thalign.embed import Embedder, ProgressCallback
from thalign.types import Sentence


@dataclass
class Alignment:
    """What the align stage hands on: the Thai sentences, beads over sentence indices, one vector per sentence."""

    th: list[Sentence]
    beads: list[RawBead]
    th_vectors: np.ndarray
    en_vectors: np.ndarray


class Aligner(Protocol):
    name: str

    def __call__(self, th_text: str, en: list[Sentence], embedder: Embedder,
                 progress: ProgressCallback | None = None) -> Alignment: ...


def dp_params(config: AlignConfig) -> DPParams:
    return DPParams.symmetric(max_bead=config.max_bead, max_side=config.max_side, skip=config.skip_penalty,
                              band=config.band, full_dp_cells=config.full_dp_cells, knn=config.knn)


class SentenceAligner:
    """Thai cut by ``segment`` (a one-side segmenter), then sentences aligned with overlap vectors; ``align``
    alone takes sentences already cut."""

    def __init__(self, params: DPParams, merge: str = "concat", segment: Callable[[str], list[Sentence]] | None = None,
                 name: str = "segmented", lazy: bool = True) -> None:
        self.params, self.merge, self.segment, self.name = params, merge, segment, name
        self.lazy = lazy  # embed only merged runs near the path (align/align/lazy.py); False embeds every run

    def __call__(self, th_text: str, en: list[Sentence], embedder: Embedder,
                 progress: ProgressCallback | None = None) -> Alignment:
        if self.segment is None:
            raise TypeError("this SentenceAligner has no segmenter: call align() with Thai sentences")
        return self.align(self.segment(th_text), en, embedder, progress)

    def align(self, th: list[Sentence], en: list[Sentence], embedder: Embedder,
              progress: ProgressCallback | None = None) -> Alignment:
        rule = lazy.SENTENCE_RULE
        th_runs = RunVectors(th, embedder, self.params.th.max_units, self.merge, progress, rule.stand_in)
        en_runs = RunVectors(en, embedder, self.params.en.max_units, self.merge, progress, rule.stand_in)

        def align_window(i0: int, i1: int, j0: int, j1: int) -> list[RawBead]:
            th_w, en_w = th_runs.view(i0, i1), en_runs.view(j0, j1)
            th_side = Side(th_w.vectors, unit_lengths(th[i0:i1]), bonus=th_w.bonus)
            en_side = Side(en_w.vectors, unit_lengths(en[j0:j1]), bonus=en_w.bonus)
            return shifted(lazy.search(th_side, en_side, self.params, th_w, en_w, rule, not self.lazy), i0, j0)

        raw = align_windowed(th_runs.vectors[1], en_runs.vectors[1], self.params, align_window)
        return Alignment(th, raw, th_runs.vectors[1], en_runs.vectors[1])


def get_aligner(config: AlignConfig) -> Aligner:
    """The bitext aligner for ``th_segmenter="bitext"`` on raw input, else sentence alignment after the named
    one-side segmenter (``lines`` when the input is already segmented)."""
    params = dp_params(config)
    if config.th_segmenter == "bitext" and not config.segmented:
        from thalign.align.bitext import BitextAligner

        return BitextAligner(params, config.merge, keep_breaks=config.keep_breaks, lazy=not config.exhaustive)
    from thalign.segment import get_segmenter
    from thalign.segment.breaks import segment_keeping_breaks

    segmenter = get_segmenter("lines" if config.segmented else config.th_segmenter)
    return SentenceAligner(params, config.merge, lambda text: segment_keeping_breaks(text, segmenter, config.keep_breaks),
                           getattr(segmenter, "name", "segmented"), lazy=not config.exhaustive)


def unit_lengths(units: list[Sentence]) -> np.ndarray:
    """Characters per unit (sentence or chunk): what the DP's length-ratio prior reads."""
    return np.array([len(u.text) for u in units], dtype=float)


__all__ = ["Aligner", "Alignment", "SentenceAligner", "dp_params", "get_aligner", "unit_lengths"]
