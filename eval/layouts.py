"""How a parallel document is laid out as raw text for the end-to-end track.

The Thai is always prose (sentences joined by a space, as Thai is written). The English comes in one of
three layouts a user meets: ``lines`` (one segment per line: a TM or CAT export, FLORES as shipped),
``prose`` (sentences joined by a space), and ``headline`` (the document's first sentence as a headline on a
line of its own, without its final full stop, then the rest as prose; the Thai gets the same line break).
"""

from __future__ import annotations

from collections.abc import Sequence

from eval.score import Span

LAYOUTS = ("lines", "prose", "headline")


def laid_out(sentences: Sequence[str], layout: str, side: str) -> tuple[str, list[Span]]:
    """The raw text of one side and each gold sentence's span in it."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}: choose from {', '.join(LAYOUTS)}")
    pieces = list(sentences)
    if layout == "headline" and pieces and side == "en" and pieces[0].endswith(".") and len(pieces) > 1:
        pieces[0] = pieces[0][:-1]
    separators = [" "] * max(len(pieces) - 1, 0)
    if layout == "lines" and side == "en":
        separators = ["\n"] * len(separators)
    if layout == "headline" and separators:
        separators[0] = "\n"
    spans, at, parts = [], 0, []
    for k, piece in enumerate(pieces):
        spans.append((at, at + len(piece)))
        parts.append(piece)
        at += len(piece)
        if k < len(separators):
            parts.append(separators[k])
            at += len(separators[k])
    return "".join(parts), spans
