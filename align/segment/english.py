"""English sentence segmentation with a rule-based splitter from PyPI, plus paragraph rejoining.

Default ``pysbd`` (Golden Rules-tested, returns character spans); ``moses`` (sentence-splitter,
Moses non-breaking prefixes) is kept for comparison — see README "Choosing the English splitter".
"""

from __future__ import annotations

import re

from align.segment.paragraphs import Paragraph, Spans, assemble, is_heading, locate
from align.types import Sentence

_TERMINAL = re.compile(r"[.!?:;…\"”’')\]]$")


def english_continues(paras: list[Paragraph], i: int, prev: Spans, cur: Spans) -> bool:
    """A break is mid-sentence when the text before it is unfinished body text, or the next starts lowercase."""
    before, after = paras[i - 1].text, paras[i].text
    if _TERMINAL.search(before):
        return False
    if after[:1].islower():
        return True
    if is_heading(paras, i - 1) or is_heading(paras, i):
        return False
    return len(before.split()) >= 12


LONG_PIECE = 1000
"""pysbd keeps everything between two quote marks together, so one unbalanced quote in a long paragraph
can swallow thousands of characters; a piece longer than this is split again with the Moses rules."""


class PysbdSegmenter:
    name = "pysbd"

    def __init__(self) -> None:
        import pysbd

        self._seg = pysbd.Segmenter(language="en", clean=False, char_span=False)
        self._fallback: MosesSegmenter | None = None

    def __call__(self, text: str) -> list[Sentence]:
        return assemble(text, self.split_paragraph, english_continues)

    def split_paragraph(self, text: str) -> Spans:
        spans: Spans = []
        for start, end in locate(text, self._seg.segment(text)):
            if end - start <= LONG_PIECE:
                spans.append((start, end))
                continue
            self._fallback = self._fallback or MosesSegmenter()
            spans += [(start + s, start + e) for s, e in self._fallback.split_paragraph(text[start:end])]
        return spans

    def signature(self) -> str:
        import pysbd

        return f"pysbd@{getattr(pysbd, '__version__', '?')}"


class MosesSegmenter:
    name = "moses"

    def __init__(self) -> None:
        from sentence_splitter import SentenceSplitter

        self._seg = SentenceSplitter(language="en")

    def __call__(self, text: str) -> list[Sentence]:
        return assemble(text, self.split_paragraph, english_continues)

    def split_paragraph(self, text: str) -> Spans:
        return locate(text, self._seg.split(text))

    def signature(self) -> str:
        return "moses@sentence-splitter"
