"""Thai sentence segmentation: pythainlp's crfcut inside paragraphs, with two Thai-specific repairs.

1. Dotted abbreviations (พ.ศ., ดร., มี.ค., ตร.ม.) never end a sentence: crfcut cuts after them.
2. A paragraph break in the middle of a sentence (PDF extraction) is rejoined when the break sits next
   to a connective word, or when crfcut itself finds no boundary across the joined text.
"""

from __future__ import annotations

import re

from align.segment.paragraphs import Paragraph, Spans, assemble, is_heading, locate
from align.types import Sentence

_ABBREVIATION_END = re.compile(r"(?:^|[\s(.])[\u0e01-\u0e4e]{1,4}\.$")
_UNIT_START = re.compile(r"[\u0e01-\u0e4e]{1,3}\.(?:[\u0e01-\u0e4e]{1,3}\.)*(?:\s|$)")
CONNECTIVES = frozenset(
    "และ หรือ แต่ ซึ่ง ที่ โดย ของ กับ แก่ แห่ง ตลอดจน รวมถึง รวมทั้ง เพื่อ เพราะ จึง ว่า ใน จาก ต่อ ทั้ง อีกทั้ง".split()
)
"""Words that cannot close a Thai sentence, nor start a paragraph of its own."""


class CrfcutSegmenter:
    """Thai segmenter built on ``pythainlp.tokenize.sent_tokenize(engine="crfcut")``."""

    name = "crfcut"

    def __call__(self, text: str) -> list[Sentence]:
        return assemble(text, self.split_paragraph, self.continues)

    def signature(self) -> str:
        import pythainlp

        return f"crfcut@pythainlp{pythainlp.__version__}"

    def split_paragraph(self, text: str) -> Spans:
        from pythainlp.tokenize import sent_tokenize

        spans = locate(text, sent_tokenize(text, engine="crfcut"))
        return merge_after_abbreviations(text, spans)

    def continues(self, paras: list[Paragraph], i: int, prev: Spans, cur: Spans) -> bool:
        before, after = paras[i - 1].text, paras[i].text
        if ends_with_connective(before) or starts_with_connective(after):
            return True
        if is_heading(paras, i) or is_heading(paras, i - 1) or len(before) < 150:
            return False
        tail = before[prev[-1][0] :] if prev else before
        head = after[: cur[0][1]] if cur else after
        return len(self.split_paragraph(tail + " " + head)) == 1


def merge_after_abbreviations(text: str, spans: Spans) -> Spans:
    """Undo cuts after a dotted abbreviation, and before a unit abbreviation that follows a number (๓๐๐ ตร.ม.)."""
    merged: Spans = []
    for span in spans:
        previous = text[merged[-1][0] : merged[-1][1]].rstrip() if merged else ""
        current = text[span[0] : span[1]]
        if merged and (_ABBREVIATION_END.search(previous) or (previous[-1:].isdigit() and _UNIT_START.match(current))):
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


def _words(text: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    return [w for w in word_tokenize(text, engine="newmm") if w.strip()]


def ends_with_connective(text: str) -> bool:
    words = _words(text[-30:])
    return bool(words) and words[-1] in CONNECTIVES


def starts_with_connective(text: str) -> bool:
    words = _words(text[:30])
    return bool(words) and words[0] in CONNECTIVES
