"""Partial omission or addition inside a pair: one side much longer than the document's own
Thai/English length ratio predicts, or an explanatory parenthesis present on one side only."""

from __future__ import annotations

import math
import re

import numpy as np

from thalign._util.stats import robust_center_spread
from thalign.flags.base import CheckContext, pair_beads
from thalign.read import script_counts
from thalign.types import AlignmentResult, Flag

Z_CUT = 2.5
MIN_SPREAD = 0.12
"""Floor on the robust spread of log length ratios, so a very uniform document does not flag ordinary pairs."""
MIN_FACTOR = 1.4
"""Length deviation must also be at least this factor, so short headings do not trip it."""
_PAREN = re.compile(r"\(([^()]{12,})\)")


def check_partial(result: AlignmentResult, context: CheckContext) -> list[Flag]:
    pairs = list(pair_beads(result))
    flags: list[Flag] = []
    if len(pairs) >= 5:
        logs = np.array([math.log((len(th) + 5) / (len(en) + 5)) for _, th, en in pairs])
        center, spread = robust_center_spread(logs, MIN_SPREAD)
        for (index, th, en), value in zip(pairs, logs):
            z = (value - center) / spread
            factor = math.exp(abs(value - center))
            if abs(z) > Z_CUT and factor >= MIN_FACTOR and min(len(th), len(en)) >= 10:
                longer = "Thai" if z > 0 else "English"
                other = "English" if z > 0 else "Thai"
                flags.append(Flag("partial", "warning", index,
                                  f"{longer} is {factor:.1f}× longer than this document's ratio predicts: "
                                  f"part of it may be missing from the {other}"))
    for index, th, en in pairs:
        for inner in _PAREN.findall(th):
            thai, _ = script_counts(inner)
            if thai >= 12 and "(" not in en:
                flags.append(Flag("partial", "warning", index,
                                  f"parenthesis only in the Thai: ({inner[:100]})", th_span=f"({inner})"))
    return flags
