"""Thai chunks: the space-separated pieces every Thai sentence is made of, and the paragraph breaks no
sentence crosses. Both the bitext and the learned segmenter choose their sentence ends among these."""

from __future__ import annotations

import re

import numpy as np

from thalign.segment.paragraphs import paragraphs
from thalign.segment.thai import merge_after_abbreviations
from thalign.types import Sentence

_CHUNK = re.compile(r"\S+")
_STANDALONE = re.compile(r"[\u0e01-\u0e2e\u0e40-\u0e44A-Za-z]")
"""A chunk needs a Thai consonant, a leading vowel or a Latin letter to stand alone (not ๆ, 5, -, ตร.ม.)."""
_PARENTHESIS = re.compile(r"\([^()]{0,200}\)")
"""A closed parenthesis of at most 200 characters stays one chunk; a stray ( glues nothing."""
_LATIN_END = re.compile(r"[A-Za-z0-9][^\u0e00-\u0e7f]*$")
_LATIN_START = re.compile(r"[^\u0e00-\u0e7f]*[A-Za-z]")


def thai_chunks(text: str) -> list[Sentence]:
    """Space-separated pieces of each paragraph. A piece sticks to the previous one when it cannot stand
    alone (ๆ, a number, a dash), when it lies inside parentheses, or when both are Latin script (an English
    name or phrase quoted in the Thai is one piece)."""
    chunks: list[Sentence] = []
    for number, para in enumerate(paragraphs(text)):
        spans: list[tuple[int, int]] = []
        inside = [(p.start(), p.end()) for p in _PARENTHESIS.finditer(para.text)]
        for m in _CHUNK.finditer(para.text):
            piece = m.group()
            previous = para.text[spans[-1][0] : spans[-1][1]] if spans else ""
            glue = bool(spans) and (
                any(s < m.start() < e for s, e in inside)
                or not _STANDALONE.search(piece) or piece.startswith("ๆ")
                or not _STANDALONE.search(previous)
                or (_LATIN_END.search(previous) is not None and _LATIN_START.match(piece) is not None)
            )
            if glue:
                spans[-1] = (spans[-1][0], m.end())
            else:
                spans.append(m.span())
        spans = merge_after_abbreviations(para.text, spans)
        for s, e in spans:
            chunks.append(Sentence(para.text[s:e], para.start + s, para.start + e, number))
    return chunks


def hard_breaks(text: str, chunks: list[Sentence], crf: list[Sentence]) -> np.ndarray:
    """``breaks[i]`` is True when a paragraph ends after chunk i and crfcut (``crf``) does not read on across it."""
    starts = [p.start for p in paragraphs(text)]
    joined: set[int] = set()  # paragraph k is joined to paragraph k + 1
    for sentence in crf:
        inside = [k for k, start in enumerate(starts) if sentence.start < start < sentence.end]
        joined.update(k - 1 for k in inside)
    breaks = np.zeros(len(chunks), dtype=bool)
    for i in range(len(chunks) - 1):
        if chunks[i].paragraph != chunks[i + 1].paragraph and chunks[i].paragraph not in joined:
            breaks[i] = True
    return breaks
