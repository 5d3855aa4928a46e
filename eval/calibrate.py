"""Fit the confidence constants (align/confidence.py) on one draw of the benchmark, check them on another.

python -m eval.calibrate → prints fitted centre/scale for pair and null beads, and reliability tables.
Uses all variants of the FLORES long documents: a bead is correct when it is exactly a gold bead.
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression

from align.dp import DPParams, align_vectors
from eval.__main__ import embedder
from eval.alignment import sentences_of, vectors_for
from eval.data import flores_documents, long_documents, tatoeba_documents
from eval.variants import VARIANTS, build_cases


def collect(seed: int, docs, pool, emb) -> tuple[list[tuple[float, bool]], list[tuple[float, bool]]]:
    pairs, nulls = [], []
    for variant in VARIANTS:
        for case in build_cases(docs, variant, seed=seed, pool=pool):
            (tv, tl), (ev, el) = vectors_for(sentences_of(case.th), emb), vectors_for(sentences_of(case.en), emb)
            gold = set(case.gold)
            for bead in align_vectors(tv, ev, tl, el, DPParams()):
                right = (bead.th, bead.en) in gold
                if bead.th and bead.en:
                    pairs.append((bead.score, right))
                else:
                    side, other = (tv[1][bead.th[0]], ev[1]) if bead.th else (ev[1][bead.en[0]], tv[1])
                    nulls.append((float((other @ side).max()) if len(other) else 0.0, right))
    return pairs, nulls


def fit(data: list[tuple[float, bool]]) -> tuple[float, float]:
    x = np.array([[s] for s, _ in data])
    y = np.array([r for _, r in data])
    model = LogisticRegression(C=100.0).fit(x, y)
    scale = 1.0 / model.coef_[0][0]
    return float(-model.intercept_[0] * scale), float(scale)


def reliability(data: list[tuple[float, bool]], confidence) -> list[tuple[str, int, float, float]]:  # type: ignore[no-untyped-def]
    rows = []
    conf = np.array([confidence(s) for s, _ in data])
    right = np.array([r for _, r in data], dtype=float)
    for lo, hi in ((0, 0.2), (0.2, 0.5), (0.5, 0.8), (0.8, 0.95), (0.95, 1.01)):
        mask = (conf >= lo) & (conf < hi)
        if mask.any():
            rows.append((f"{lo:.2f}-{min(hi, 1):.2f}", int(mask.sum()), float(conf[mask].mean()), float(right[mask].mean())))
    return rows


def main() -> None:
    from align import confidence as c

    emb = embedder()
    flores = flores_documents()
    docs = long_documents(flores) + tatoeba_documents()
    pairs, nulls = collect(1, docs, flores, emb)
    print("pair beads: centre %.3f scale %.3f" % fit(pairs), "| null beads (best cosine): centre %.3f scale %.3f" % fit(nulls))
    test_pairs, test_nulls = collect(7, docs, flores, emb)
    emb.flush()
    print("held-out draw, with the shipped constants: bin, beads, mean confidence, share correct")
    for row in reliability(test_pairs, c.pair_confidence):
        print("  pair", *row)
    for row in reliability(test_nulls, c.null_confidence):
        print("  null", *row)


if __name__ == "__main__":
    main()
