"""Omissions and additions: sentences the aligner left without a partner."""

from __future__ import annotations

from thalign.types import AlignmentResult, Flag


def check_omissions(result: AlignmentResult, context: object) -> list[Flag]:
    flags = []
    for index, bead in enumerate(result.beads):
        if bead.th and not bead.en:
            text = result.bead_text(bead, "th")
            flags.append(Flag("omission", "error", index, f"Thai sentence has no English translation: {text[:120]}",
                              th_span=text))
        elif bead.en and not bead.th:
            text = result.bead_text(bead, "en")
            flags.append(Flag("addition", "warning", index, f"English sentence has no Thai source: {text[:120]}",
                              en_span=text))
    return flags
