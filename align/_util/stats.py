"""Robust statistics for per-document cut-offs: a few outliers must not move the line they are judged by."""

from __future__ import annotations

import numpy as np

MAD_TO_SD = 1.4826
"""Median absolute deviation × this = the standard deviation, for normally distributed values."""


def robust_center_spread(values: np.ndarray, min_spread: float) -> tuple[float, float]:
    """(median, MAD-based standard deviation, at least ``min_spread``) of ``values``.

    The floor keeps a very uniform document from turning ordinary variation into huge z-scores."""
    center = float(np.median(values))
    spread = max(MAD_TO_SD * float(np.median(np.abs(values - center))), min_spread)
    return center, spread


__all__ = ["MAD_TO_SD", "robust_center_spread"]
