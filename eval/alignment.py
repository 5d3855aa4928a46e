"""Alignment benchmark: every aligner on every variant, on the same embeddings; plus the raw-text track."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from align.beads import overlap_vectors
from align.embed import Embedder
from align.segment import get_segmenter
from align.types import Sentence
from eval.baselines import ALIGNERS, Vectors
from eval.data import ParallelDoc
from eval.score import AlignmentScore, bead_spans, joined, spans_found
from eval.variants import VARIANTS, build_cases

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
                 th_segmenter: str = "crfcut", en_segmenter: str = "pysbd",
                 th_per_doc: Sequence[Callable[[str], list]] | None = None) -> list[dict[str, Any]]:
    """Each side given as raw text (sentences joined by a space); the toolkit's segmenters are in the loop.

    A gold pair is found when one output bead's Thai span covers ≥ 80% of the gold Thai sentence's
    characters and is at most 150% of its length, and likewise for the English. ``th_per_doc[i]`` segments
    document i instead of the named engine (the learned segmenter, held out from the document).
    """
    th_segs = th_per_doc or [get_segmenter(th_segmenter)] * len(docs)
    en_seg = get_segmenter(en_segmenter)
    prepared = []
    gold_total = 0
    for doc, th_seg in zip(docs, th_segs):
        th_text, th_gold = joined(doc.th)
        en_text, en_gold = joined(doc.en)
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
        rows.append({"dataset": "flores-long", "variant": f"raw-text th:{th_segmenter}", "aligner": name,
                     "docs": len(docs), "gold_pairs": gold_total, "found": found / max(gold_total, 1), "seconds": seconds})
    return rows


DEFAULT_VARIANTS = tuple(VARIANTS)
