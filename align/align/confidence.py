"""Turn raw bead scores into a confidence a translator can threshold.

A paired bead's confidence is a logistic function of its margin score and of its boundary doubt (how little
the path loses when one of its boundaries moves by a unit: a bead whose end could as well sit a chunk later
is not certain, however well its text matches). A null bead's confidence is how clearly its sentence has no
partner (its best plain cosine to any sentence of the other side is low). Both estimate the probability
that the bead is exactly right (see README, "What the confidence means").
"""

from __future__ import annotations

import math

import numpy as np

from align.align.dp import RawBead
from align.types import Bead

PAIR_INTERCEPT, PAIR_SCORE, PAIR_DOUBT = 1.946, 10.75, 0.0
DOUBT_CAP = 0.3
"""Doubt above this counts as this: past it a boundary is as settled as it gets."""
NULL_CENTER, NULL_SCALE = 0.689, 0.171
"""Fitted by ``python -m eval.calibrate`` (logistic regression of 'bead is exactly right') on FLORES long
documents: pre-split variants and the raw-text track; its reliability on Tatoeba is in README."""


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, x))))


def pair_confidence(score: float, doubt: float = math.inf) -> float:
    return round(_sigmoid(PAIR_INTERCEPT + PAIR_SCORE * score + PAIR_DOUBT * min(doubt, DOUBT_CAP)), 4)


def null_confidence(best_cosine: float) -> float:
    return round(_sigmoid((NULL_CENTER - best_cosine) / NULL_SCALE), 4)


def with_confidence(bead: RawBead, th1: np.ndarray, en1: np.ndarray) -> Bead:
    """The typed bead with its confidence: from the margin score when paired, from how far its sentence's best
    cosine to the other side stays below what translations reach when null."""
    if bead.th and bead.en:
        return Bead(bead.th, bead.en, pair_confidence(bead.score, bead.doubt))
    vector, others = (th1[bead.th[0]], en1) if bead.th else (en1[bead.en[0]], th1)
    best = float((others @ vector).max()) if len(others) else 0.0
    return Bead(bead.th, bead.en, null_confidence(best))
