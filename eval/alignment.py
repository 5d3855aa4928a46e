"""Alignment benchmark: every aligner on every variant, on the same embeddings; plus the raw-text track."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from eval.baselines import ALIGNERS, Vectors
from eval.data import ParallelDoc
from eval.layouts import laid_out
from eval.score import AlignmentScore, bead_spans, spans_found
from eval.variants import VARIANTS, build_cases
from thalign.align.overlaps import overlap_vectors
from thalign.config import AlignConfig
from thalign.embed import Embedder
from thalign.segment import get_segmenter
from thalign.types import Sentence

MAX_OVERLAP = 4  # Bertalign merges up to 4 sentences per side; ours uses up to 3


def sentences_of(texts: Sequence[str]) -> list[Sentence]:
    return [Sentence(t, 0, len(t)) for t in texts]


def vectors_for(sentences: list[Sentence], embedder: Embedder) -> tuple[Vectors, np.ndarray]:
    vecs = overlap_vectors(sentences, embedder, MAX_OVERLAP, "concat")
    return vecs, np.array([len(s.text) for s in sentences], dtype=float)


def run_variants(
    datasets: dict[str, list[ParallelDoc]], variants: Sequence[str], aligners: Sequence[str], embedder: Embedder,
    seed: int = 7, pool: list[ParallelDoc] | None = None,
) -> list[dict[str, Any]]:
    rows = []
    for dataset, docs in datasets.items():
        for variant in variants:
            cases = build_cases(docs, variant, seed=seed, pool=pool)
            prepared = [(case, vectors_for(sentences_of(case.th), embedder), vectors_for(sentences_of(case.en), embedder))
                        for case in cases]
            for name in aligners:
                aligner = ALIGNERS[name]()
                score = AlignmentScore()
                for case, (tv, tl), (ev, el) in prepared:
                    start = time.perf_counter()
                    test = aligner(tv, ev, tl, el)
                    score.seconds += time.perf_counter() - start
                    score.add(case.gold, test)
                rows.append({"dataset": dataset, "variant": variant, "aligner": name, "docs": len(cases),
                             "gold_beads": sum(len(c.gold) for c in cases), **score.metrics()})
    return rows


def run_raw_text(docs: list[ParallelDoc], aligners: Sequence[str], embedder: Embedder,
                 th_segmenter: str = "crfcut", layout: str = "prose",
                 th_per_doc: Sequence[Callable[[str], list]] | None = None) -> list[dict[str, Any]]:
    """The Thai given as raw text (sentences joined by a space) and segmented by the toolkit; the English in one
    of the layouts of eval/layouts.py (one gold sentence per line, prose, headline line + prose), segmented by
    the default English segmenter unless it comes one line per sentence.

    A gold pair is found when one output bead's Thai span covers ≥ 80% of the gold Thai sentence's
    characters and is at most 150% of its length, and likewise for the English. ``th_per_doc[i]`` segments
    document i instead of the named engine (the learned segmenter, held out from the document).
    """
    th_segs = th_per_doc or [get_segmenter(th_segmenter)] * len(docs)
    en_seg = get_segmenter("lines" if layout == "lines" else AlignConfig().en_segmenter)
    prepared = []
    gold_total = 0
    for doc, th_seg in zip(docs, th_segs):
        th_text, th_gold = laid_out(doc.th, layout, "th")
        en_text, en_gold = laid_out(doc.en, layout, "en")
        th_sents, en_sents = th_seg(th_text), en_seg(en_text)
        prepared.append((list(zip(th_gold, en_gold)), th_sents, en_sents,
                         vectors_for(th_sents, embedder), vectors_for(en_sents, embedder)))
        gold_total += len(th_gold)
    rows = []
    for name in aligners:
        aligner = ALIGNERS[name]()
        found = 0
        seconds = 0.0
        for gold, th_sents, en_sents, (tv, tl), (ev, el) in prepared:
            start = time.perf_counter()
            beads = aligner(tv, ev, tl, el)
            seconds += time.perf_counter() - start
            found += spans_found(gold, bead_spans(th_sents, en_sents, beads))
        rows.append(raw_text_row(docs, name, th_segmenter, layout, gold_total, found / max(gold_total, 1), seconds))
    return rows


def raw_text_row(docs: Sequence[ParallelDoc], aligner: str, th_segmenter: str, layout: str, gold_pairs: int,
                 found: float, seconds: float = 0.0, dataset: str = "flores-long", **extra: float) -> dict[str, Any]:
    return {"dataset": dataset, "variant": "raw-text", "th": th_segmenter, "layout": layout, "aligner": aligner,
            "docs": len(docs), "gold_pairs": gold_pairs, "found": found, "seconds": seconds, **extra}


DEFAULT_VARIANTS = tuple(VARIANTS)
