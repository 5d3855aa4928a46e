"""Turn raw bead scores into a confidence a translator can threshold.

A 1-1 / many-to-many bead's confidence is a logistic function of its margin score; a null bead's
confidence is how clearly its sentence has no partner (its best plain cosine to any candidate is low).
The constants were fitted on the FLORES benchmark in eval/ (see README, "What the confidence means").
"""

from __future__ import annotations

import math

PAIR_CENTER, PAIR_SCALE = 0.10, 0.04
NULL_CENTER, NULL_SCALE = 0.55, 0.05


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, x))))


def pair_confidence(score: float) -> float:
    return round(_sigmoid((score - PAIR_CENTER) / PAIR_SCALE), 4)


def null_confidence(best_cosine: float) -> float:
    return round(1.0 - _sigmoid((best_cosine - NULL_CENTER) / NULL_SCALE), 4)
