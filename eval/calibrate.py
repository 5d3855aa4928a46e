"""Fit the confidence constants (align/align/confidence.py) on one corpus, check them on another.

python -m eval.calibrate → prints the fitted constants for pair and null beads, and reliability tables.
Pair beads come from two sources, so that confidence knows wrong pairings and wrong boundaries alike: the
pre-split variants of the FLORES long documents (a bead is right when it is exactly a gold bead), and the
raw-text track (bitext segmentation; a bead is right when its Thai and English spans are exactly one gold
pair's, spaces ignored). Fitted on FLORES, checked on Tatoeba.
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression

from eval.__main__ import embedder
from eval.alignment import sentences_of, vectors_for
from eval.data import ParallelDoc, flores_documents, long_documents, tatoeba_documents
from eval.layouts import laid_out
from eval.variants import VARIANTS, build_cases
from thalign.align import get_aligner
from thalign.align.confidence import DOUBT_CAP
from thalign.align.dp import DPParams, align_vectors
from thalign.config import AlignConfig
from thalign.pipeline import segment_side

PairRow = tuple[float, float, bool]
"""(margin score, boundary doubt, bead exactly right)"""


def collect(seed: int, docs, pool, emb) -> tuple[list[PairRow], list[tuple[float, bool]]]:
    pairs, nulls = [], []
    for variant in VARIANTS:
        for case in build_cases(docs, variant, seed=seed, pool=pool):
            (tv, tl), (ev, el) = vectors_for(sentences_of(case.th), emb), vectors_for(sentences_of(case.en), emb)
            gold = set(case.gold)
            for bead in align_vectors(tv, ev, tl, el, DPParams()):
                right = (bead.th, bead.en) in gold
                if bead.th and bead.en:
                    pairs.append((bead.margin, bead.doubt, right))
                else:
                    side, other = (tv[1][bead.th[0]], ev[1]) if bead.th else (ev[1][bead.en[0]], tv[1])
                    nulls.append((float((other @ side).max()) if len(other) else 0.0, right))
    return pairs, nulls


def _squeezed(text: str, start: int, end: int) -> tuple[int, int]:
    """A span as offsets in non-space characters, so spaces at a boundary do not matter."""
    before = sum(1 for c in text[:start] if not c.isspace())
    return before, before + sum(1 for c in text[start:end] if not c.isspace())


def collect_raw(docs: list[ParallelDoc], layout: str, emb) -> list[PairRow]:
    """Pair beads of the raw-text track (bitext segmentation): right when both spans are one gold pair's."""
    config = AlignConfig(en_segmenter="lines" if layout == "lines" else AlignConfig().en_segmenter)
    aligner = get_aligner(config)
    rows = []
    for doc in docs:
        (th_text, th_gold), (en_text, en_gold) = laid_out(doc.th, layout, "th"), laid_out(doc.en, layout, "en")
        gold = {(_squeezed(th_text, *t), _squeezed(en_text, *e)) for t, e in zip(th_gold, en_gold)}
        en = segment_side(en_text, "en", config)
        alignment = aligner(th_text, en, emb)
        for bead in alignment.beads:
            if bead.th and bead.en:
                th_span = _squeezed(th_text, alignment.th[bead.th[0]].start, alignment.th[bead.th[-1]].end)
                en_span = _squeezed(en_text, en[bead.en[0]].start, en[bead.en[-1]].end)
                rows.append((bead.margin, bead.doubt, (th_span, en_span) in gold))
    return rows


def fit_boundary(data: list[PairRow]) -> tuple[float, float]:
    """(intercept, slope) of a logistic regression of 'right' on the capped boundary doubt."""
    x = np.array([[min(d, DOUBT_CAP)] for _, d, _ in data])
    y = np.array([r for _, _, r in data])
    model = LogisticRegression(C=100.0).fit(x, y)
    return float(model.intercept_[0]), float(model.coef_[0][0])


def fit(data: list[tuple[float, bool]]) -> tuple[float, float]:
    x = np.array([[s] for s, _ in data])
    y = np.array([r for _, r in data])
    model = LogisticRegression(C=100.0).fit(x, y)
    scale = 1.0 / model.coef_[0][0]
    return float(-model.intercept_[0] * scale), float(scale)


def reliability(data, confidence) -> list[tuple[str, int, float, float]]:
    rows = []
    conf = np.array([confidence(*row[:-1]) for row in data])
    right = np.array([row[-1] for row in data], dtype=float)
    for lo, hi in ((0, 0.2), (0.2, 0.5), (0.5, 0.8), (0.8, 0.95), (0.95, 1.01)):
        mask = (conf >= lo) & (conf < hi)
        if mask.any():
            rows.append((f"{lo:.2f}-{min(hi, 1):.2f}", int(mask.sum()), float(conf[mask].mean()), float(right[mask].mean())))
    return rows


def main() -> None:
    from thalign.align import confidence as c

    emb = embedder()
    flores = flores_documents()
    longs, tatoeba = long_documents(flores), tatoeba_documents()
    pairs, nulls = collect(1, longs + tatoeba, flores, emb)
    raw = [row for layout in ("lines", "prose", "headline") for row in collect_raw(longs, layout, emb)]
    emb.flush()
    (pair_centre, pair_scale), (null_centre, null_scale) = fit([(s, r) for s, _, r in pairs]), fit(nulls)
    print(f"pre-split variants of FLORES long and Tatoeba, seed 1: pair beads (margin score): centre {pair_centre:.3f} "
          f"scale {pair_scale:.3f} | null beads (best cosine): centre {null_centre:.3f} scale {null_scale:.3f}")
    intercept, slope = fit_boundary(raw)
    print(f"FLORES-long raw-text track, three layouts: boundary factor (doubt capped at {DOUBT_CAP:.2f}): "
          f"intercept {intercept:.3f} slope {slope:.3f}")
    test_pairs, test_nulls = collect(7, tatoeba, flores, emb)
    test_raw = collect_raw(tatoeba, "prose", emb)
    emb.flush()
    print("with the shipped constants: bin, beads, mean confidence, share correct")
    for name, rows in (("pair (Tatoeba variants, seed 7)", test_pairs), ("pair (FLORES raw text, fitted)", raw),
                       ("pair (Tatoeba raw text, held out)", test_raw)):
        for row in reliability(rows, c.pair_confidence):
            print(" ", name, *row)
    for row in reliability(test_nulls, c.null_confidence):
        print("  null", *row)


if __name__ == "__main__":
    main()
