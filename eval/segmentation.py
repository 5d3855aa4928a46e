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


def score_segmenter(name: str, documents: Sequence[Sequence[str]],
                    per_document: Sequence[Callable[[str], list]] | None = None) -> dict[str, Any]:
    """Boundary P/R/F1 of engine ``name`` (or of ``per_document[i]`` on document i: held-out models)."""
    split = _engine(name) if per_document is None else None
    tp = fp = fn = 0
    start = time.perf_counter()
    for i, sentences in enumerate(documents):
        pieces = split(" ".join(sentences)) if split else [s.text for s in per_document[i](" ".join(sentences))]
        t, f, n = boundary_scores(sentences, pieces)
        tp, fp, fn = tp + t, fp + f, fn + n
    return {"engine": name, "docs": len(documents), "gold_boundaries": tp + fn, **prf(tp, fp, fn),
            "seconds": time.perf_counter() - start}


def run(thai_engines: Sequence[str] = ("pythainlp-crfcut", "crfcut"), english_engines: Sequence[str] = ("pysbd", "moses"),
        orchid_limit: int = 2000) -> list[dict[str, Any]]:
    from eval.data import long_documents

    flores = flores_documents()
    orchid = [p.sentences for p in orchid_paragraphs() if len(p.sentences) > 1]
    held_out = orchid[-orchid_limit:]  # the tail of ORCHID: held out from any training (see issue 6)
    corpora = {"flores-docs": [d.th for d in flores], "flores-long": [d.th for d in long_documents(flores)],
               f"orchid-last{len(held_out)}": held_out}
    rows = [{"lang": "th", "corpus": corpus, **score_segmenter(engine, docs)}
            for engine in thai_engines for corpus, docs in corpora.items()]
    rows += learned_rows(corpora)
    rows += orchid_trained_rows(corpora, orchid[:-orchid_limit])
    for engine in english_engines:
        rows.append({"lang": "en", "corpus": "flores-docs", **score_segmenter(engine, [d.en for d in flores])})
    return rows


def learned_rows(corpora: dict[str, Sequence[Sequence[str]]]) -> list[dict[str, Any]]:
    """The learned segmenter, never scored on a document its model saw: 5-fold cross-validation by document
    on FLORES (decoding knobs chosen by an inner cross-validation), held-out training for the long documents,
    and the shipped model (trained on FLORES only) on ORCHID. ``corpora`` as built by ``run``."""
    from eval.train_segmenter import fold_segmenters, held_out_segments

    docs, longs = corpora["flores-docs"], corpora["flores-long"]
    orchid_name = next(name for name in corpora if name.startswith("orchid"))
    orchid_held_out = corpora[orchid_name]
    engine = "learned"
    return [
        {"lang": "th", "corpus": "flores-docs", **score_segmenter(engine, docs, fold_segmenters(docs)),
         "engine": "learned (5-fold CV)"},
        {"lang": "th", "corpus": "flores-long", **score_segmenter(engine, longs, held_out_segments(longs, docs)),
         "engine": "learned (held out)"},
        {"lang": "th", "corpus": orchid_name,
         **score_segmenter(engine, orchid_held_out, [get_segmenter(engine)] * len(orchid_held_out)),
         "engine": "learned (shipped)"},
    ]


def orchid_trained_rows(corpora: dict[str, Sequence[Sequence[str]]],
                        orchid_train: Sequence[Sequence[str]]) -> list[dict[str, Any]]:
    """The same learner trained on ORCHID instead (all but the held-out tail; evaluation only, never
    shipped: ORCHID's licence is non-commercial), scored on FLORES, which it never saw, and on the tail."""
    from align.segment.learned import LearnedSegmenter
    from eval.train_segmenter import train

    model = LearnedSegmenter(train(orchid_train, "orchid"))
    engine = f"learned (trained on ORCHID, {len(orchid_train)} paragraphs)"
    return [{"lang": "th", "corpus": corpus, **score_segmenter("learned", docs, [model] * len(docs)), "engine": engine}
            for corpus, docs in corpora.items()]
