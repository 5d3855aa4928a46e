"""Scorers. Alignment: the Vecalign protocol (strict and lax, null beads counted in precision), from
``thalign.score`` so the benchmark and ``thalign score`` cannot disagree.
Segmentation: boundary precision/recall/F1. End to end: gold pairs found by character spans.

Beads are ``(th_ids, en_ids)`` tuples of sentence indices, the same shape the JSONL writer emits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from thalign.score import AlignmentScore as _CoreScore
from thalign.score import BeadIds
from thalign.score import div as _div
from thalign.score import f1 as _f1

__all__ = ["AlignmentScore", "BeadIds", "bead_spans", "boundary_scores", "joined", "prf", "spans_found"]


@dataclass
class AlignmentScore(_CoreScore):
    """The package's scorer (``thalign.score``, also behind ``thalign score``) plus the aligner's run time."""

    seconds: float = 0.0

    def metrics(self) -> dict[str, float]:
        return {**super().metrics(), "seconds": self.seconds}


def boundary_scores(gold: Sequence[str], predicted: Sequence[str]) -> tuple[int, int, int]:
    """(tp, fp, fn) of sentence boundaries, compared as non-space character offsets.

    Offsets count non-space characters only, so a segmenter that strips or keeps spaces is scored
    the same; the end of the text is not a boundary (it is free).
    """
    def cuts(sentences: Sequence[str]) -> set[int]:
        out, at = set(), 0
        for s in sentences:
            at += sum(1 for c in s if not c.isspace())
            out.add(at)
        out.discard(at)
        return out

    g, p = cuts(gold), cuts(predicted)
    return len(g & p), len(p - g), len(g - p)


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p, r = _div(tp, tp + fp), _div(tp, tp + fn)
    return {"p": p, "r": r, "f1": _f1(p, r)}


def spans_found(
    gold_pairs: Sequence[tuple[tuple[int, int], tuple[int, int]]],
    test_pairs: Sequence[tuple[tuple[int, int], tuple[int, int]]],
    cover: float = 0.8, max_ratio: float = 1.5,
) -> int:
    """How many gold pairs some output pair matches by character spans.

    A gold pair (Thai span, English span) is found when one output pair's Thai span covers ≥ ``cover``
    of the gold Thai sentence's characters and is at most ``max_ratio`` times its length, and likewise
    for the English. Output spans run from the first to the last character of the bead's sentences.
    """
    def ok(gold: tuple[int, int], test: tuple[int, int]) -> bool:
        return span_matches(gold, test, cover, max_ratio)

    found = 0
    tests = sorted(test_pairs)
    for g_th, g_en in gold_pairs:
        if any(ok(g_th, t_th) and ok(g_en, t_en) for t_th, t_en in tests if t_th[1] > g_th[0] and t_th[0] < g_th[1]):
            found += 1
    return found


def span_matches(gold: tuple[int, int], test: tuple[int, int], cover: float = 0.8, max_ratio: float = 1.5) -> bool:
    """``test`` covers ≥ ``cover`` of the ``gold`` span's characters and is at most ``max_ratio`` times its length."""
    overlap = min(gold[1], test[1]) - max(gold[0], test[0])
    glen, tlen = gold[1] - gold[0], test[1] - test[0]
    return glen > 0 and overlap >= cover * glen and tlen <= max_ratio * glen


Span = tuple[int, int]


def joined(sentences: Sequence[str], separator: str = " ") -> tuple[str, list[Span]]:
    """The sentences joined by a space (raw text, as Thai prose is written), or by ``separator`` (one
    character, e.g. a newline: a file with one line per sentence), and each sentence's span in it."""
    spans, at = [], 0
    for sentence in sentences:
        spans.append((at, at + len(sentence)))
        at += len(sentence) + len(separator)
    return separator.join(sentences), spans


def bead_spans(th: Sequence[Any], en: Sequence[Any], beads: Iterable[BeadIds]) -> list[tuple[Span, Span]]:
    """Character spans (first to last sentence) of every bead with both sides; ``th``/``en`` hold Sentences."""
    return [((th[a[0]].start, th[a[-1]].end), (en[b[0]].start, en[b[-1]].end)) for a, b in beads if a and b]
