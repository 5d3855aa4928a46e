"""Thai sentence segmentation: pythainlp's crfcut inside paragraphs, with two Thai-specific repairs.

1. Dotted abbreviations (พ.ศ., ดร., มี.ค., ตร.ม.) never end a sentence: crfcut cuts after them.
2. A paragraph break in the middle of a sentence (PDF extraction) is rejoined when the break sits next
   to a connective word, or when crfcut itself finds no boundary across the joined text.
"""

from __future__ import annotations

import re

from thalign.read import replace_surrogates
from thalign.segment.paragraphs import Paragraph, Spans, assemble, is_heading, locate
from thalign.types import Sentence

_ABBREVIATION = re.compile(r"(?<![\u0e01-\u0e4e])(?:[\u0e01-\u0e4e]{1,4}\.)+")
_ABBREVIATION_END = re.compile(r"(?<![\u0e01-\u0e4e])(?:[\u0e01-\u0e4e]{1,4}\.)+$")
UNITS = frozenset("ตร.ม. ตร.กม. ตร.ว. ลบ.ม. กม. ซม. มม. กก. ก.ก. ม. ชม. นน. ล. น.".split())
"""Abbreviated units (น. = o'clock: 07.30 น.): after a number they end a phrase, and may end a sentence."""
_UNIT_START = re.compile(r"(?:[\u0e01-\u0e4e]{1,3}\.)+(?=\s|$)")
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

        # crfcut cuts at the dots of พ.ศ. or มี.ค.; hide them (same length, so offsets hold).
        masked = replace_surrogates(_ABBREVIATION.sub(_mask_abbreviation, text))
        pieces = sent_tokenize(masked, engine="crfcut")
        # pythainlp returns list[list[str]] only for a list input; for one string every piece is a str.
        spans = locate(masked, [piece for piece in pieces if isinstance(piece, str)])
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


def _mask_abbreviation(match: re.Match[str]) -> str:
    """Hide an abbreviation's dots from crfcut, but keep a unit's final dot: after a number it may end a sentence."""
    token = match.group()
    before = match.string[: match.start()].rstrip()
    if token in UNITS and before[-1:].isdigit():
        return token[:-1].replace(".", "\u0e2f") + "."
    return token.replace(".", "\u0e2f")


def merge_after_abbreviations(text: str, spans: Spans) -> Spans:
    """No cut right after a title or date abbreviation (ดร. | สมชาย, มี.ค. | ๒๕๖๒); a unit cut off its
    number (๓๐๐ | ตร.ม.) goes back to the number."""
    merged: Spans = []
    for start, end in spans:
        previous = text[merged[-1][0] : merged[-1][1]].rstrip() if merged else ""
        ends = _ABBREVIATION_END.search(previous)
        unit = _UNIT_START.match(text, start, end) if previous[-1:].isdigit() else None
        if ends and not (ends.group() in UNITS and previous[: ends.start()].rstrip()[-1:].isdigit()):
            merged[-1] = (merged[-1][0], end)
        elif merged and unit and unit.group() in UNITS:
            merged[-1] = (merged[-1][0], unit.end())
            if text[unit.end() : end].strip():
                merged.append((unit.end(), end))
            else:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _words(text: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    return [w for w in word_tokenize(replace_surrogates(text), engine="newmm") if w.strip()]


def ends_with_connective(text: str) -> bool:
    words = _words(text[-30:])
    return bool(words) and words[-1] in CONNECTIVES


def starts_with_connective(text: str) -> bool:
    words = _words(text[:30])
    return bool(words) and words[0] in CONNECTIVES
