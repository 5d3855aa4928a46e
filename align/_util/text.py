"""Thai digits, shared by the number check, the embedder and the benchmarks' error injectors."""

from __future__ import annotations

_THAI, _ASCII = "๐๑๒๓๔๕๖๗๘๙", "0123456789"

THAI_DIGITS = str.maketrans(_THAI, _ASCII)
"""``str.translate`` table: Thai digits ๐–๙ → ASCII 0–9 (one character each, so offsets hold)."""
TO_THAI_DIGITS = str.maketrans(_ASCII, _THAI)
"""The reverse table, ASCII 0–9 → Thai digits (the benchmarks write numbers both ways)."""


def ascii_digits(text: str) -> str:
    """``text`` with Thai digits written as ASCII digits."""
    return text.translate(THAI_DIGITS)


__all__ = ["THAI_DIGITS", "TO_THAI_DIGITS", "ascii_digits"]
