"""Bitext-guided segmentation on FLORES: Thai boundaries and raw-text pairs found, through the real pipeline."""

from __future__ import annotations

import time
from typing import Any

from align.config import AlignConfig
from align.embed import Embedder
from align.pipeline import align_documents
from eval.data import ParallelDoc
from eval.score import bead_spans, boundary_scores, joined, prf, spans_found


def run(docs: list[ParallelDoc], embedder: Embedder, th_segmenter: str, label: str,
        english_lines: bool = False) -> dict[str, Any]:
    """Each document given as raw text on both sides; returns Thai boundary P/R/F1 and gold pairs found.

    ``english_lines``: the English is given one gold line per line, as FLORES ships it, instead of as prose
    (about one FLORES line in nine holds two or more English sentences; pysbd rightly splits those in prose, the
    Thai then follows, finer than the gold line).
    """
    config = AlignConfig(th_segmenter=th_segmenter, en_segmenter="lines" if english_lines else "pysbd",
                         checks=("omission",))
    tp = fp = fn = found = gold_total = 0
    start = time.perf_counter()
    for doc in docs:
        (th_text, th_gold), (en_text, en_gold) = joined(doc.th), joined(doc.en, "\n" if english_lines else " ")
        result = align_documents(th_text, en_text, config, embedder=embedder)
        t, f, n = boundary_scores(doc.th, [s.text for s in result.th])
        tp, fp, fn = tp + t, fp + f, fn + n
        gold = list(zip(th_gold, en_gold))
        found += spans_found(gold, bead_spans(result.th, result.en, [(b.th, b.en) for b in result.beads]))
        gold_total += len(gold)
    return {"corpus": label, "engine": th_segmenter, **prf(tp, fp, fn), "found": found / max(gold_total, 1),
            "gold_pairs": gold_total, "seconds": time.perf_counter() - start}
