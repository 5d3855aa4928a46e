"""Segmentation benchmark: sentence-boundary precision/recall/F1 against gold sentences joined by a space."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from align.segment import get_segmenter
from eval.data import flores_documents, orchid_paragraphs
from eval.score import boundary_scores, prf


def _pythainlp_crfcut(text: str) -> list[str]:
    from pythainlp.tokenize import sent_tokenize

    return sent_tokenize(text, engine="crfcut")


def _engine(name: str) -> Callable[[str], list[str]]:
    if name == "pythainlp-crfcut":
        return _pythainlp_crfcut
    segmenter = get_segmenter(name)
    return lambda text: [s.text for s in segmenter(text)]


def score_segmenter(name: str, documents: Sequence[Sequence[str]]) -> dict[str, Any]:
    split = _engine(name)
    tp = fp = fn = 0
    start = time.perf_counter()
    for sentences in documents:
        t, f, n = boundary_scores(sentences, split(" ".join(sentences)))
        tp, fp, fn = tp + t, fp + f, fn + n
    return {"engine": name, "docs": len(documents), "gold_boundaries": tp + fn, **prf(tp, fp, fn),
            "seconds": time.perf_counter() - start}


def run(thai_engines: Sequence[str] = ("pythainlp-crfcut", "crfcut"), english_engines: Sequence[str] = ("pysbd", "moses"),
        orchid_limit: int = 2000) -> list[dict[str, Any]]:
    flores = flores_documents()
    orchid = [p.sentences for p in orchid_paragraphs() if len(p.sentences) > 1]
    held_out = orchid[-orchid_limit:]  # the tail of ORCHID: held out from any training (see issue 6)
    rows = []
    from eval.data import long_documents

    for engine in thai_engines:
        rows.append({"lang": "th", "corpus": "flores-docs", **score_segmenter(engine, [d.th for d in flores])})
        rows.append({"lang": "th", "corpus": "flores-long", **score_segmenter(engine, [d.th for d in long_documents(flores)])})
        rows.append({"lang": "th", "corpus": f"orchid-last{len(held_out)}", **score_segmenter(engine, held_out)})
    for engine in english_engines:
        rows.append({"lang": "en", "corpus": "flores-docs", **score_segmenter(engine, [d.en for d in flores])})
    return rows
