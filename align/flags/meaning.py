"""Meaning: pairs whose similarity is an outlier for their document, and segments left untranslated.

The cut-off is calibrated per document (median and spread of its own pair similarities), not a fixed
cosine, so it holds for any model and for documents that are loosely or tightly translated.
"""

from __future__ import annotations

import numpy as np

from thalign._util.stats import robust_center_spread
from thalign.flags.base import CheckContext, pair_beads
from thalign.read import script_counts
from thalign.types import AlignmentResult, Flag

MIN_PAIRS = 5
Z_CUT = 3.5
MIN_SPREAD = 0.04
"""Floor on the robust spread, so a very uniform document does not flag ordinary pairs."""


def bead_similarity(result: AlignmentResult, context: CheckContext, index: int) -> float:
    bead = result.beads[index]
    x = context.th_vectors[list(bead.th)].sum(axis=0)
    y = context.en_vectors[list(bead.en)].sum(axis=0)
    return float(x @ y / (np.linalg.norm(x) * np.linalg.norm(y) + 1e-9))


def check_meaning(result: AlignmentResult, context: CheckContext) -> list[Flag]:
    pairs = [(index, bead_similarity(result, context, index)) for index, _, _ in pair_beads(result)]
    if len(pairs) < MIN_PAIRS:
        return []
    sims = np.array([s for _, s in pairs])
    median, spread = robust_center_spread(sims, MIN_SPREAD)
    flags = []
    for index, sim in pairs:
        z = (sim - median) / spread
        if z < -Z_CUT:
            flags.append(Flag("meaning", "warning", index,
                              f"meaning may differ: similarity {sim:.2f} against {median:.2f} typical for this document"))
    return flags


def check_untranslated(result: AlignmentResult, context: CheckContext) -> list[Flag]:
    flags = []
    for index, th_text, en_text in pair_beads(result):
        th_thai, th_latin = script_counts(th_text)
        en_thai, en_latin = script_counts(en_text)
        if en_thai > en_latin and en_thai >= 5:
            flags.append(Flag("untranslated", "error", index, "English side is written in Thai", en_span=en_text[:80]))
        elif th_thai == 0 and th_latin >= 15 and len(th_text.split()) >= 3:
            same = th_text.strip() == en_text.strip()
            flags.append(Flag("untranslated", "error" if same else "warning", index,
                              "Thai side is not in Thai" + (" (identical to the English)" if same else ""),
                              th_span=th_text[:80]))
    return flags
