"""Scorers. Alignment: the Vecalign protocol (strict and lax, null beads counted in precision).
Segmentation: boundary precision/recall/F1. End to end: gold pairs found by character spans.

Beads are ``(th_ids, en_ids)`` tuples of sentence indices, the same shape the JSONL writer emits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from dataclasses import dataclass, field

BeadIds = tuple[tuple[int, ...], tuple[int, ...]]


def _counts(gold: Iterable[BeadIds], test: Iterable[BeadIds]) -> tuple[int, int, int, int]:
    """(tp strict, fp strict, tp lax, fp lax) of ``test`` against ``gold``, as in vecalign/score.py."""
    gold_set = {(tuple(a), tuple(b)) for a, b in gold if a or b}
    test_set = {(tuple(a), tuple(b)) for a, b in test if a or b}
    gold_targets: dict[int, set[int]] = defaultdict(set)
    for src, tgt in gold_set:
        for s in src:
            gold_targets[s].update(tgt)
    tps = fps = tpl = fpl = 0
    for src, tgt in test_set:
        if (src, tgt) in gold_set:
            tps += 1
            tpl += 1
            continue
        fps += 1
        targets = set().union(*(gold_targets[s] for s in src)) if src else set()
        if set(tgt) & targets:
            tpl += 1
        else:
            fpl += 1
    return tps, fps, tpl, fpl


@dataclass
class AlignmentScore:
    """Micro-averaged over documents: counts are summed, then turned into P/R/F1."""

    p_counts: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    r_counts: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    null_counts: dict[str, list[int]] = field(default_factory=lambda: {"th": [0, 0, 0], "en": [0, 0, 0]})
    seconds: float = 0.0

    def add(self, gold: Sequence[BeadIds], test: Sequence[BeadIds]) -> None:
        for i, v in enumerate(_counts(gold, test)):
            self.p_counts[i] += v
        # Recall is precision with the roles swapped and null beads removed.
        gold_pairs = [b for b in gold if b[0] and b[1]]
        test_pairs = [b for b in test if b[0] and b[1]]
        for i, v in enumerate(_counts(test_pairs, gold_pairs)):
            self.r_counts[i] += v
        for side, k in (("th", 0), ("en", 1)):
            gold_null = {b[k][0] for b in gold if b[k] and not b[1 - k]}
            test_null = {b[k][0] for b in test if b[k] and not b[1 - k]}
            self.null_counts[side][0] += len(gold_null & test_null)
            self.null_counts[side][1] += len(test_null - gold_null)
            self.null_counts[side][2] += len(gold_null - test_null)

    def metrics(self) -> dict[str, float]:
        tps, fps, tpl, fpl = self.p_counts
        rtps, rfps, rtpl, rfpl = self.r_counts
        out = {
            "strict_p": _div(tps, tps + fps), "strict_r": _div(rtps, rtps + rfps),
            "lax_p": _div(tpl, tpl + fpl), "lax_r": _div(rtpl, rtpl + rfpl),
        }
        out["strict_f1"] = _f1(out["strict_p"], out["strict_r"])
        out["lax_f1"] = _f1(out["lax_p"], out["lax_r"])
        tp = sum(c[0] for c in self.null_counts.values())
        fp = sum(c[1] for c in self.null_counts.values())
        fn = sum(c[2] for c in self.null_counts.values())
        out["null_p"], out["null_r"] = _div(tp, tp + fp), _div(tp, tp + fn)
        out["null_f1"] = _f1(out["null_p"], out["null_r"])
        out["null_gold"] = float(tp + fn)
        out["seconds"] = self.seconds
        return out


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


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
        overlap = min(gold[1], test[1]) - max(gold[0], test[0])
        glen, tlen = gold[1] - gold[0], test[1] - test[0]
        return glen > 0 and overlap >= cover * glen and tlen <= max_ratio * glen

    found = 0
    tests = sorted(test_pairs)
    for g_th, g_en in gold_pairs:
        if any(ok(g_th, t_th) and ok(g_en, t_en) for t_th, t_en in tests if t_th[1] > g_th[0] and t_th[0] < g_th[1]):
            found += 1
    return found


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
