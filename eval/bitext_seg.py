"""End-to-end raw-text track through the real pipeline: Thai boundaries and gold pairs found, per English layout."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from eval.data import ParallelDoc
from eval.layouts import laid_out
from eval.score import bead_spans, boundary_scores, prf, span_matches, spans_found
from thalign.config import AlignConfig
from thalign.embed import Embedder
from thalign.pipeline import align_documents


def run(docs: list[ParallelDoc], embedder: Embedder, th_segmenter: str, label: str,
        layout: str = "prose", config: AlignConfig | None = None) -> dict[str, Any]:
    """Each document given as raw text on both sides (``layout``: see eval/layouts.py); returns Thai boundary
    P/R/F1, gold pairs found and the beads exactly right (a bead whose Thai and English spans are those of one
    gold pair), for calibrating confidence against boundary errors too.

    With ``lines`` the English is given one gold line per line, as FLORES ships it: about one FLORES line in nine
    holds two or more English sentences, which the English segmenter rightly splits in prose, and the Thai then
    follows, finer than the gold line.
    """
    base = config or AlignConfig(checks=("omission",))
    config = replace(base, th_segmenter=th_segmenter, en_segmenter="lines" if layout == "lines" else base.en_segmenter)
    tp = fp = fn = found = gold_total = 0
    start = time.perf_counter()
    for doc in docs:
        (th_text, th_gold), (en_text, en_gold) = laid_out(doc.th, layout, "th"), laid_out(doc.en, layout, "en")
        result = align_documents(th_text, en_text, config, embedder=embedder)
        t, f, n = boundary_scores([th_text[a:b] for a, b in th_gold], [s.text for s in result.th])
        tp, fp, fn = tp + t, fp + f, fn + n
        gold = list(zip(th_gold, en_gold))
        found += spans_found(gold, bead_spans(result.th, result.en, [(b.th, b.en) for b in result.beads]))
        gold_total += len(gold)
    return {"corpus": label, "engine": th_segmenter, "layout": layout, **prf(tp, fp, fn),
            "found": found / max(gold_total, 1), "gold_pairs": gold_total, "seconds": time.perf_counter() - start}


def layout_ceiling(docs: Sequence[ParallelDoc], layout: str, segmenter: Callable[[str], Sequence[Any]],
                   strict: bool = True) -> float:
    """The largest share of gold pairs any output can find while it keeps apart the English sentences that
    ``segmenter`` cuts (one English sentence per bead where the segmenter cut a gold line in two: the finer
    pairing is the right one) and never cuts one. ``strict``: by the scorer's own rules, one piece must cover
    80% of the gold line and be at most 150% of its length, so a gold line the segmenter glued to its
    neighbour (no final stop: "… a dormouse Another difference …") cannot be found. Not ``strict``: only the
    80% rule, which counts such lines as findable. 1.0 for ``lines``."""
    possible = total = 0
    for doc in docs:
        text, spans = laid_out(doc.en, layout, "en")
        pieces = [(s.start, s.end) for s in segmenter(text)] if layout != "lines" else spans
        for a, b in spans:
            possible += findable((a, b), pieces, strict)
            total += 1
    return possible / max(total, 1)


def findable(gold: tuple[int, int], pieces: Sequence[tuple[int, int]], strict: bool = True) -> bool:
    """Can a bead holding one of the English ``pieces`` match the ``gold`` line: a piece covers 80% of it
    and (``strict``, the scorer's other rule) is at most 150% of its length."""
    return any(span_matches(gold, piece, max_ratio=1.5 if strict else math.inf) for piece in pieces)
