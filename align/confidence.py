"""Turn raw bead scores into a confidence a translator can threshold.

A paired bead's confidence is a logistic function of its margin score; a null bead's confidence is how
clearly its sentence has no partner (its best plain cosine to any sentence of the other side is low).
Both estimate the probability that the bead is exactly right (see README, "What the confidence means").
"""

from __future__ import annotations

import math

PAIR_CENTER, PAIR_SCALE = -0.181, 0.093
NULL_CENTER, NULL_SCALE = 0.689, 0.171
"""Fitted by ``python -m eval.calibrate`` (logistic regression of 'bead is exactly right' on the score) on
one draw of the FLORES-long and Tatoeba benchmark variants; its reliability on another draw is in README."""


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, x))))


def pair_confidence(score: float) -> float:
    return round(_sigmoid((score - PAIR_CENTER) / PAIR_SCALE), 4)


def null_confidence(best_cosine: float) -> float:
    return round(_sigmoid((NULL_CENTER - best_cosine) / NULL_SCALE), 4)
