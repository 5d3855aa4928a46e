"""Paragraph handling shared by the Thai and English segmenters.

Sentences never cross a paragraph unless the paragraph break falls mid-sentence (PDF extraction);
the language-specific ``continues`` rule decides that, and headings always stay on their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from thalign.types import Sentence

_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Paragraph:
    text: str
    start: int


def paragraphs(text: str) -> list[Paragraph]:
    """Non-blank lines with their offsets; one line = one paragraph unit."""
    out = []
    for m in _LINE.finditer(text):
        stripped = m.group().strip()
        if stripped:
            lead = len(m.group()) - len(m.group().lstrip())
            out.append(Paragraph(stripped, m.start() + lead))
    return out


def is_heading(paras: list[Paragraph], i: int, short: int = 100) -> bool:
    """A short paragraph that introduces a longer one (or ends the document) is a heading."""
    text = paras[i].text
    if len(text) >= short:
        return False
    following = paras[i + 1].text if i + 1 < len(paras) else ""
    return not following or len(following) > 1.5 * len(text)


Spans = list[tuple[int, int]]
"""(start, end) offsets of sentences inside one paragraph's text."""


def assemble(
    text: str,
    split: Callable[[str], Spans],
    continues: Callable[[list[Paragraph], int, Spans, Spans], bool],
) -> list[Sentence]:
    """Segment each paragraph with ``split``; join across a break where ``continues`` says it is mid-sentence."""
    paras = paragraphs(text)
    sentences: list[Sentence] = []
    prev_spans: Spans = []
    for number, para in enumerate(paras):
        spans = [(s, e) for s, e in split(para.text) if para.text[s:e].strip()] or [(0, len(para.text))]
        join = bool(sentences) and continues(paras, number, prev_spans, spans)
        for k, (s, e) in enumerate(spans):
            start, end = para.start + s, para.start + e
            if k == 0 and join:
                last = sentences.pop()
                sentences.append(Sentence(last.text + " " + text[start:end].strip(), last.start, end, last.paragraph))
            else:
                sentences.append(_sentence(text, start, end, number))
        prev_spans = spans
    return sentences


def _sentence(text: str, start: int, end: int, paragraph: int) -> Sentence:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    return Sentence(piece.strip(), start + lead, end - trail, paragraph)


def lines(text: str) -> list[Sentence]:
    """One sentence per non-blank line (``--segmented`` input)."""
    return [Sentence(p.text, p.start, p.start + len(p.text), i) for i, p in enumerate(paragraphs(text))]


def locate(text: str, pieces: list[str]) -> Spans:
    """Offsets of consecutive ``pieces`` inside ``text`` (tools that return strings, not spans)."""
    spans: Spans = []
    cursor = 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, cursor)
        if at < 0:  # the tool changed the text; keep coverage by ending at the next space
            at = cursor
        spans.append((at, at + len(piece)))
        cursor = at + len(piece)
    if spans:  # stretch so every character is covered
        spans = [(0 if i == 0 else s, spans[i + 1][0] if i + 1 < len(spans) else len(text)) for i, (s, _) in enumerate(spans)]
    return spans
