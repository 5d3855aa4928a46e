"""Word-level translation QA: inside each paired bead, match Thai words to English words and flag a content
word that has no counterpart on the other side, naming it, its closest candidate and the score.

How words are matched (in this order, the first that fires wins):
- the same Latin word or a digit string on both sides (names and codes left in Latin in the Thai);
- the glossary and the place gazetteer (``align/flags/glossary.py``): a term found on both sides;
- transliteration: a capitalised English word against pythainlp's offline ``royin`` romanisation of Thai
  spans (Hongqiao ≈ หงเฉียว), compared as sound skeletons;
- the embedding model at word and phrase level: every distinct Thai span of one to three tokens and every
  English word of the document is embedded once; words are then aligned the way SimAlign does it
  (Jalili Sabet et al. 2020): pairs that are each other's best match ("argmax both ways"), then again among
  what is left ("itermax"), so a word cannot borrow a counterpart that belongs to another word.

A word is unmatched when its best similarity to any span of the other side stays below ``MIN_SIM`` (English)
or ``MIN_SIM_TH`` (Thai; a Thai token covered by an itermax pair scores that pair's cosine). Pairs whose sentences disagree as a whole are left to ``meaning``.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from thalign.embed import Embedder
from thalign.flags.base import CheckContext, pair_beads
from thalign.flags.currency import THAI_CURRENCIES, english_currencies
from thalign.flags.glossary import Term, english_terms_in, gazetteer, read_glossary, thai_terms_in
from thalign.flags.numbers import english_quantities
from thalign.flags.tokens import Token, thai_tokens
from thalign.types import AlignmentResult, Flag

MIN_SIM = 0.36
"""Cosine (m-USE v3) below which an English word has no Thai counterpart. Tuned on FLORES devtest gold pairs
(the highest value that keeps correct pairs flagged at ≤ 3%: 2.6% with ``MIN_SIM_TH``), checked on Tatoeba
(1.6%); injected-error recall at this point is low (eval/results/detection_words.json)."""
MIN_PAIR_SIM = 0.3
"""Beads whose sentences are less similar than this are not word-checked (wrong pairs are ``meaning``'s job)."""
TRANSLIT_MATCH = 0.72
"""Sound-skeleton similarity (difflib ratio) at which an English name and a romanised Thai span are one name."""
MIN_SIM_TH = 0.25
"""The same for a Thai word against every English word (tuned and checked with ``MIN_SIM``)."""
MAX_SPAN = 3
MAX_WORDS_IN_EVIDENCE = 3

_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_THAI_LETTER = re.compile(r"[\u0e01-\u0e4c]")
_DIGIT = re.compile(r"[0-9๐-๙]")
_ABBREVIATION = re.compile(r"\b[A-Z][A-Z&.]*[A-Z]\b")


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Unmatched:
    """A content word with no counterpart: the word, the closest candidate on the other side, its cosine."""

    side: str
    word: str
    candidate: str
    score: float


@functools.lru_cache(maxsize=1)
def english_stopwords() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"also", "said", "says", "like", "just", "year", "years", "new", "used"}


@functools.lru_cache(maxsize=1)
def thai_stopwords() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords as words

    return frozenset(words()) | {"การ", "ความ", "ที่", "ได้", "ให้", "แห่ง", "ทาง", "ด้าน", "จำนวน", "ราย", "แบบ"}


def english_words(text: str) -> list[Word]:
    return [Word(m.group(), m.start(), m.end()) for m in _EN_WORD.finditer(text)]


def _bare(word: str) -> str:
    """Lower case, without a possessive 's (Muiriel's is Muiriel)."""
    return re.sub(r"['’]s$", "", word).lower()


def english_content(word: str) -> bool:
    base = _bare(word)
    return len(base) >= 3 and base not in english_stopwords()


def thai_content(token: str) -> bool:
    return (len(token) >= 2 and bool(_THAI_LETTER.search(token)) and not _DIGIT.search(token)
            and token not in thai_stopwords())


def thai_spans(tokens: Sequence[Token]) -> list[tuple[int, int, str]]:
    """(first token, last token + 1, text) of every run of 1..MAX_SPAN Thai tokens with no space inside."""
    spans = []
    for k in range(len(tokens)):
        for n in range(1, MAX_SPAN + 1):
            run = tokens[k : k + n]
            if len(run) < n or any(not t.text.strip() or not _THAI_LETTER.search(t.text) for t in run):
                break
            spans.append((k, k + n, "".join(t.text for t in run)))
    return spans


def sound_skeleton(text: str) -> str:
    """A rough common spelling for pinyin / English names and royin romanisation (zh, j, q → ch; x → s; no h after
    an aspirated stop; doubled letters once), so the two transliteration systems can be compared."""
    s = text.lower()
    for a, b in (("zh", "ch"), ("sh", "s"), ("q", "ch"), ("x", "s"), ("j", "ch"), ("ph", "p"), ("th", "t"),
                 ("kh", "k"), ("w", "o"), ("y", "i"), ("z", "s"), ("c", "k"), ("kk", "k")):
        s = s.replace(a, b)
    s = re.sub(r"[^a-z]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


@functools.lru_cache(maxsize=65536)
def romanised(thai: str) -> str:
    """Offline royin romanisation; a silent ห before a low consonant (หง, หม) is dropped first, as it is read."""
    from pythainlp.transliterate import romanize

    return sound_skeleton(romanize(re.sub(r"ห(?=[งญนมยรลว])", "", thai), engine="royin"))


def transliteration_score(english: str, thai: str) -> float:
    return difflib.SequenceMatcher(None, sound_skeleton(english), romanised(thai)).ratio()


def itermax(sim: np.ndarray, rounds: int = 2) -> list[tuple[int, int]]:
    """SimAlign's argmax-both-ways, repeated on what is still unaligned: (row, column) pairs."""
    pairs: list[tuple[int, int]] = []
    rows_free = np.ones(sim.shape[0], bool)
    cols_free = np.ones(sim.shape[1], bool)
    for _ in range(rounds):
        if not rows_free.any() or not cols_free.any():
            break
        masked = np.where(rows_free[:, None] & cols_free[None, :], sim, -np.inf)
        best_col = masked.argmax(axis=1)
        best_row = masked.argmax(axis=0)
        for i in np.flatnonzero(rows_free):
            j = int(best_col[i])
            if cols_free[j] and best_row[j] == i and np.isfinite(masked[i, j]):
                pairs.append((int(i), j))
        for row, col in pairs:
            rows_free[row] = False
            cols_free[col] = False
    return pairs


@dataclass
class BeadWords:
    """The words of one paired bead and which of them are already matched without the model."""

    th_text: str
    en_text: str
    tokens: list[Token]
    spans: list[tuple[int, int, str]]
    en: list[Word]
    th_done: set[int]
    en_done: set[int]


def bead_words(th_text: str, en_text: str, terms: tuple[Term, ...]) -> BeadWords:
    tokens = thai_tokens(th_text)
    en = english_words(en_text)
    th_done = {k for k, t in enumerate(tokens) if not thai_content(t.text)}
    en_done = {k for k, w in enumerate(en) if not english_content(w.text)}
    numbers = {w.lower() for q in english_quantities(en_text) if not q.digits for w in q.text.split()}
    en_done |= {k for k, w in enumerate(en) if w.text.lower() in numbers or (w.text.isupper() and len(w.text) <= 4)}
    latin_in_thai = {_bare(w) for w in _EN_WORD.findall(th_text)}
    en_done |= {k for k, w in enumerate(en) if _bare(w.text) in latin_in_thai}
    currencies = english_currencies(en_text)
    th_done |= {k for k, t in enumerate(tokens) if THAI_CURRENCIES.get(t.text) in currencies}
    for term in thai_terms_in(th_text, terms):
        forms = {f for _, f in english_terms_in(en_text, (term,))}
        th_done |= {k for k, t in enumerate(tokens) if t.text in term.thai}
        if forms:  # agreed on both sides: the English words of the term are matched
            words = {w.lower() for f in forms for w in _EN_WORD.findall(f)}
            en_done |= {k for k, w in enumerate(en) if w.text.lower() in words}
    for _, form in english_terms_in(en_text, terms):  # places are the name check's; never flagged twice
        words = {w.lower() for w in _EN_WORD.findall(form)}
        en_done |= {k for k, w in enumerate(en) if w.text.lower() in words}
    spans = thai_spans(tokens)
    for k, w in enumerate(en):
        if k in en_done or not w.text[0].isupper():
            continue
        scored = [(transliteration_score(w.text, text), a, b) for a, b, text in spans]
        best = max(scored, default=(0.0, 0, 0))
        if best[0] >= TRANSLIT_MATCH:
            en_done.add(k)
            th_done |= set(range(best[1], best[2]))
    return BeadWords(th_text, en_text, tokens, spans, en, th_done, en_done)


def word_scores(words: BeadWords, vectors: dict[str, np.ndarray]) -> list[Unmatched]:
    """Every content word of one bead not matched without the model, with its closest counterpart and cosine:
    its itermax partner or, when better, its best span (a Thai compound can serve two English words)."""
    en_rows = [k for k in range(len(words.en)) if k not in words.en_done]
    th_rows = [k for k, t in enumerate(words.tokens) if k not in words.th_done]
    if not words.spans or not words.en or (not en_rows and not th_rows):
        return []
    span_vecs = np.stack([vectors[text] for _, _, text in words.spans])
    en_vecs = np.stack([vectors[w.text] for w in words.en])
    sim = en_vecs @ span_vecs.T  # English word × Thai span
    found: list[Unmatched] = []
    aligned = itermax(sim)
    for i in dict.fromkeys(en_rows):
        j = int(sim[i].argmax())
        found.append(Unmatched("en", words.en[i].text, words.spans[j][2], float(sim[i, j])))
    covered: dict[int, float] = {}
    for i, j in aligned:
        for k in range(words.spans[j][0], words.spans[j][1]):
            covered[k] = max(covered.get(k, -1.0), float(sim[i, j]))
    for k in th_rows:
        cols = [c for c, (a, b, _) in enumerate(words.spans) if a <= k < b]
        best = sim[:, cols].max(axis=0)
        c = int(best.argmax())
        i = int(sim[:, cols[c]].argmax())
        found.append(Unmatched("th", words.tokens[k].text, words.en[i].text, max(float(best[c]), covered.get(k, -1.0))))
    return found


def unmatched_words(words: BeadWords, vectors: dict[str, np.ndarray]) -> list[Unmatched]:
    """Content words with no counterpart: below ``MIN_SIM`` (English) or ``MIN_SIM_TH`` (Thai), each word once."""
    seen: dict[tuple[str, str], Unmatched] = {}
    expands = bool(_abbreviations(words.en_text) - {a.lower() for a in _EN_WORD.findall(words.th_text)})
    for u in word_scores(words, vectors):
        if u.side == "th" and expands:
            continue  # the Thai may spell out an English abbreviation (R&D = การวิจัยและพัฒนา)
        if u.score < (MIN_SIM if u.side == "en" else MIN_SIM_TH):
            seen.setdefault((u.side, u.word), u)
    return list(seen.values())


def _abbreviations(text: str) -> set[str]:
    return {m.lower() for m in _ABBREVIATION.findall(text)}


def embed_words(beads: Sequence[BeadWords], embedder: Embedder) -> dict[str, np.ndarray]:
    """One vector per distinct word and span of the document, embedded in one call."""
    texts = sorted({t for w in beads for t in [s for _, _, s in w.spans] + [x.text for x in w.en]})
    return dict(zip(texts, embedder.encode(texts))) if texts else {}


def _terms(context: CheckContext) -> tuple[Term, ...]:
    user = tuple(read_glossary(context.config.glossary)) if context.config.glossary else ()
    return gazetteer() + user


def _pair_similarity(result: AlignmentResult, context: CheckContext, index: int) -> float:
    from thalign.flags.meaning import bead_similarity

    return bead_similarity(result, context, index)


def check_terms(result: AlignmentResult, context: CheckContext) -> list[Flag]:
    """``term`` flags: per paired bead, the content words with no counterpart, each with its best candidate."""
    terms = _terms(context)
    beads = [(index, bead_words(th, en, terms)) for index, th, en in pair_beads(result)
             if _pair_similarity(result, context, index) >= MIN_PAIR_SIM]
    if not beads:
        return []
    vectors = embed_words([w for _, w in beads], context.embedder_for())
    flags = []
    for index, words in beads:
        missing = unmatched_words(words, vectors)
        if missing:
            flags.append(term_flag(index, missing))
    return flags


def term_flag(index: int, missing: list[Unmatched]) -> Flag:
    parts = []
    for u in sorted(missing, key=lambda u: u.score)[:MAX_WORDS_IN_EVIDENCE]:
        if u.side == "en":
            parts.append(f"English “{u.word}” has no Thai counterpart (closest Thai: {u.candidate}, {u.score:.2f})")
        else:
            parts.append(f"Thai “{u.word}” has no English counterpart (closest English: {u.candidate}, {u.score:.2f})")
    en_words = tuple(dict.fromkeys(u.word for u in missing if u.side == "en"))
    th_words = tuple(dict.fromkeys(u.word for u in missing if u.side == "th"))
    return Flag("term", "warning", index, "; ".join(parts), th_span=th_words[0] if th_words else "",
                en_span=en_words[0] if en_words else "", th_words=th_words, en_words=en_words)
