"""Keep the input's line breaks as sentence boundaries (``AlignConfig.keep_breaks``).

A CAT tool segmenting a plain-text file never joins two lines into one segment; a sentence our
segmenters rejoin across a line break (PDF-style text) then matches none of the tool's segments.
This wrapper runs any one-side segmenter on each non-blank line alone and shifts the spans back.
"""

from __future__ import annotations

from thalign.segment import Segmenter
from thalign.segment.paragraphs import paragraphs
from thalign.types import Sentence


def segment_keeping_breaks(text: str, segmenter: Segmenter, keep_breaks: bool) -> list[Sentence]:
    """``segmenter(text)``, or with ``keep_breaks`` the same inside each line. The bitext Thai segmenter
    (``align/align/bitext.py``) honours ``keep_breaks`` itself: every line break becomes a hard break."""
    return segment_by_line(text, segmenter) if keep_breaks else segmenter(text)


def segment_by_line(text: str, segmenter: Segmenter) -> list[Sentence]:
    """``segmenter`` inside each non-blank line; spans index ``text``, paragraph numbers count lines."""
    out: list[Sentence] = []
    for number, para in enumerate(paragraphs(text)):
        for s in segmenter(para.text):
            out.append(Sentence(s.text, para.start + s.start, para.start + s.end, number))
    return out
