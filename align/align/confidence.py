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

from thalign.align.dp import RawBead
from thalign.types import Bead

PAIR_CENTER, PAIR_SCALE = -0.181, 0.093
NULL_CENTER, NULL_SCALE = 0.689, 0.171
"""Logistic regressions of 'bead is exactly right' on the margin score (pair beads) and on the best cosine (null
beads), fitted by ``python -m eval.calibrate`` on one draw of the FLORES-long and Tatoeba pre-split variants."""
BOUNDARY_INTERCEPT, BOUNDARY_SLOPE, DOUBT_CAP = 0.218, 26.16, 0.05
"""The boundary factor: a logistic regression of 'bead is exactly right' on its doubt (capped: a boundary that
would cost more than DOUBT_CAP to move is as settled as it gets), fitted on the FLORES-long raw-text track in
all three English layouts, checked on Tatoeba raw text (reliability in README)."""


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, x))))


def pair_confidence(score: float, doubt: float = math.inf) -> float:
    """How well the two sides match, times how settled the bead's boundaries are (1 at or past DOUBT_CAP)."""
    boundary = (_sigmoid(BOUNDARY_INTERCEPT + BOUNDARY_SLOPE * min(doubt, DOUBT_CAP))
                / _sigmoid(BOUNDARY_INTERCEPT + BOUNDARY_SLOPE * DOUBT_CAP))
    return round(_sigmoid((score - PAIR_CENTER) / PAIR_SCALE) * boundary, 4)


def null_confidence(best_cosine: float) -> float:
    return round(_sigmoid((NULL_CENTER - best_cosine) / NULL_SCALE), 4)


def with_confidence(bead: RawBead, th1: np.ndarray, en1: np.ndarray) -> Bead:
    """The typed bead with its confidence: from the margin score when paired, from how far its sentence's best
    cosine to the other side stays below what translations reach when null."""
    if bead.th and bead.en:
        return Bead(bead.th, bead.en, pair_confidence(bead.margin, bead.doubt))
    vector, others = (th1[bead.th[0]], en1) if bead.th else (en1[bead.en[0]], th1)
    best = float((others @ vector).max()) if len(others) else 0.0
    return Bead(bead.th, bead.en, null_confidence(best))
