"""Word-level translation QA: inside each paired bead, match Thai words to English words and flag a content
word of either side that has no counterpart on the other, naming it, its closest candidate and the score.

How words are matched (in this order, the first that fires wins):
- the same Latin word or a digit string on both sides (names and codes left in Latin in the Thai);
- the glossary and the place gazetteer (``align/flags/glossary.py``): a term found on both sides;
- transliteration: a capitalised English word against every Thai span, both reduced to consonant sound
  classes (``align/flags/translit.py``: Hongqiao ≈ หงเฉียว, Duvall ≈ ดูวาลล์);
- the lexicon (``align/flags/lexicon.py``: the Thai WordNet joined with WordNet 3.0): a word one of whose
  dictionary translations is on the other side;
- the embedding model at word and phrase level: every distinct Thai span of one to three tokens and every
  English word of the document is embedded once, and each word takes its closest counterpart.

A word left is a candidate when its best similarity to the other side is low; taking it out of its sentence
then says whether the pair loses the similarity its weight in the sentence predicts (``align/flags/ablation.py``),
and a small logistic model over the two and the word's kind (known to the lexicon but not found, not known, a
Thai word) decides (``COMBINER_WEIGHTS``). Both sides are checked: a replaced Thai word (ทันสมัย, "modern", for "bonded")
often shows better from the Thai side than its English word does from the English side. Word vectors of a
sentence encoder alone are weak for word alignment (a long sentence has many words at chance similarity);
ablation asks the sentence model about the word in its context. Pairs whose sentences disagree as a whole
are left to ``meaning``.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from thalign.embed import Embedder
from thalign.flags.ablation import PairRemovals, Removal, support_scores
from thalign.flags.base import CheckContext, pair_beads
from thalign.flags.currency import THAI_CURRENCIES, english_currencies
from thalign.flags.glossary import Term, english_terms_in, gazetteer, read_glossary, thai_terms_in
from thalign.flags.lexicon import EnglishWords, Lexicon, bare_english, found_in_thai, load_lexicon
from thalign.flags.numbers import english_quantities
from thalign.flags.tokens import Token, thai_tokens
from thalign.flags.translit import NAME_MATCH, name_similarity
from thalign.types import AlignmentResult, Flag

CANDIDATE_SIM = {"unknown": 0.6, "unfound": 0.65, "th": 0.55}
"""Cosine (m-USE v3) of a word to its closest counterpart on the other side below which it is a candidate, by
kind: an English word the lexicon does not know, one it knows but cannot find in the Thai, a Thai word no
English word of the pair translates. Wide: ``COMBINER`` decides; a candidate costs one shortened sentence."""
COMBINER_WEIGHTS = (-4.4137, -3.8491, -3.8485, -0.6522, -1.0612, 1.3552, -0.0593, -0.4845, -1.9635, -1.9658, 0.3813,
                    -2.1077, -2.1227)
COMBINER_BIAS = 0.0695
COMBINER_THRESHOLD = 0.723
"""A logistic model over each candidate's cosine, ablation evidence and kind (``combiner_features``) says whether
the other side lacks it. It was fitted on Tatoeba's injected word errors (class-balanced, C 1; ``python -m
eval.term_combiner`` refits it and prints these numbers), and its threshold was set where 3% of correct Tatoeba
pairs are flagged. Checked on FLORES devtest, which it never saw (``python -m eval detection-words``): 3.1% of
correct pairs flagged, recall 0.22 / 0.10 / 0.33 on replaced nouns / dropped words / replaced names (0.25 / 0.11 /
0.31 over five draws; Tatoeba, the draw it was fitted on: 2.9%, 0.79 / 0.68 / 0.70, five draws 0.80 / 0.66 /
0.71). Per-kind limits chosen on FLORES reached 0.24 / 0.11 / 0.22 there in an earlier pass; the combiner costs
about 1.6× their shortened sentences."""
MIN_PAIR_SIM = 0.2
"""Beads whose sentences are less similar than this are not word-checked (wrong pairs are ``meaning``'s job).
A short pair whose one noun was replaced falls to 0.2–0.3 (18% of Tatoeba's with under three content words), so
the gate sits at 0.2: measured by ``python -m eval.term_directions`` against 0.3, Tatoeba in-corpus recall
0.79 / 0.65 / 0.64 against 0.70 / 0.63 / 0.59 and FLORES unchanged (no injected FLORES pair and 1 of 1,012
clean ones fall below 0.3; held out 0.22 / 0.10 / 0.28 at 3.0% clean). Wrong Tatoeba pairs reach 0.21 at their
90th percentile, so some misaligned pairs get word flags too, beside ``meaning``'s."""
MAX_SPAN = 3
MAX_WORDS_IN_EVIDENCE = 3

_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_THAI_LETTER = re.compile(r"[\u0e01-\u0e4c]")
_DIGIT = re.compile(r"[0-9๐-๙]")


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
    start: int = 0
    end: int = 0
    """The word's offsets in its own side's text."""
    kind: str = "unknown"
    """Which of ``CANDIDATE_SIM``'s kinds the word is."""


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


def english_content(word: str) -> bool:
    base = bare_english(word)
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
    latin_in_thai = {bare_english(w) for w in _EN_WORD.findall(th_text)}
    en_done |= {k for k, w in enumerate(en) if bare_english(w.text) in latin_in_thai}
    currencies = english_currencies(en_text)
    th_done |= {k for k, t in enumerate(tokens) if THAI_CURRENCIES.get(t.text) in currencies}
    thai_left = False
    for term in thai_terms_in(th_text, terms):
        forms = {f for _, f in english_terms_in(en_text, (term,))}
        th_done |= {k for k, t in enumerate(tokens) if t.text in term.thai}
        if forms:  # agreed on both sides: the English words of the term are matched
            words = {w.lower() for f in forms for w in _EN_WORD.findall(f)}
            en_done |= {k for k, w in enumerate(en) if w.text.lower() in words}
        else:
            thai_left = True
    if thai_left:  # the name check reports "place differs" and names the English places: never flagged twice
        for _, form in english_terms_in(en_text, terms):
            words = {w.lower() for w in _EN_WORD.findall(form)}
            en_done |= {k for k, w in enumerate(en) if w.text.lower() in words}
    spans = thai_spans(tokens)
    for k, w in enumerate(en):
        if k in en_done or not w.text[0].isupper():
            continue
        others = [x.text for j, x in enumerate(en) if j != k]
        taken = tokens_of_other_words(tokens, w.text, others)
        scored = [(name_similarity(w.text, text), a, b) for a, b, text in spans
                  if may_render_name(tokens[a:b], range(a, b), taken)]
        best = max(scored, default=(0.0, 0, 0))
        if best[0] >= NAME_MATCH:
            en_done.add(k)
            th_done |= set(range(best[1], best[2]))
    return BeadWords(th_text, en_text, tokens, spans, en, th_done, en_done)


def tokens_of_other_words(tokens: Sequence[Token], name: str, others: Sequence[str]) -> set[int]:
    """Thai tokens the lexicon says translate another English word of the pair (แรก for "first"), not ``name``."""
    lexicon = load_lexicon()
    own = lexicon.english_lemmas(name)
    sentence = EnglishWords(list(others), lexicon)
    taken = set()
    for k, t in enumerate(tokens):
        lemmas = lexicon.english_for(t.text)
        if lemmas and not lemmas & own and sentence.has(lemmas):
            taken.add(k)
    return taken


def may_render_name(run: Sequence[Token], indices: range, taken: set[int]) -> bool:
    """Whether a Thai span may spell an English name: not opened or closed by a Thai function word (Mike ≈ มาก,
    Muhammad ≈ มา) and no token of it another English word's translation (Iraq ≈ แรก for "first"). Without
    this, 79 of FLORES's 194 injected names (seed 11) found such a span and were never checked."""
    stop = thai_stopwords()
    return run[0].text not in stop and run[-1].text not in stop and not taken.intersection(indices)


def word_scores(words: BeadWords, vectors: dict[str, np.ndarray]) -> list[Unmatched]:
    """Every English content word of one bead not matched without the model, with its closest Thai span and
    their cosine (a Thai compound may serve two English words, so each word takes its best span)."""
    en_rows = [k for k in range(len(words.en)) if k not in words.en_done]
    if not words.spans or not en_rows:
        return []
    span_vecs = np.stack([vectors[text] for _, _, text in words.spans])
    en_vecs = np.stack([vectors[words.en[k].text] for k in en_rows])
    sim = en_vecs @ span_vecs.T  # English word × Thai span
    found = []
    for row, k in enumerate(en_rows):
        j = int(sim[row].argmax())
        w = words.en[k]
        found.append(Unmatched("en", w.text, words.spans[j][2], float(sim[row, j]), w.start, w.end))
    return found


def weak_words(words: BeadWords, vectors: dict[str, np.ndarray], lexicon: Lexicon | None = None) -> list[Unmatched]:
    """The words ablation is asked about: English words whose Thai translations the lexicon cannot find and whose
    best Thai span is below ``CANDIDATE_SIM`` for its kind (known and not found, or not known), then Thai words
    likewise (``thai_weak_words``). A word whose translation is on the other side is never asked about."""
    lexicon = lexicon or load_lexicon()
    tokens = [t.text for t in words.tokens]
    weak = []
    for u in word_scores(words, vectors):
        thai = lexicon.thai_for(u.word)
        if thai and found_in_thai(thai, tokens):
            continue
        kind = "unfound" if thai else "unknown"
        if u.score < CANDIDATE_SIM[kind]:
            weak.append(replace(u, kind=kind))
    return weak + thai_weak_words(words, vectors, lexicon)


def thai_weak_words(words: BeadWords, vectors: dict[str, np.ndarray], lexicon: Lexicon) -> list[Unmatched]:
    """Thai content words no English word of the pair translates (by the lexicon) and whose closest English word
    is below ``CANDIDATE_SIM["th"]``: a replaced word (ทันสมัย, "modern", for "bonded") shows from this side."""
    if not words.en:
        return []
    english = [w.text for w in words.en]
    sentence = EnglishWords(english, lexicon)
    en_vecs = np.stack([vectors[w] for w in english])
    weak = []
    for k, token in enumerate(words.tokens):
        if k in words.th_done or token.text not in vectors:
            continue
        lemmas = lexicon.english_for(token.text)
        if lemmas and sentence.has(lemmas):
            continue
        sim = en_vecs @ vectors[token.text]
        best = int(sim.argmax())
        if sim[best] < CANDIDATE_SIM["th"]:
            weak.append(Unmatched("th", token.text, english[best], float(sim[best]), token.start, token.end, "th"))
    return weak


def combiner_features(u: Unmatched, evidence: float) -> list[float]:
    """What ``COMBINER_WEIGHTS`` weigh: cosine, scaled ablation evidence (also capped at −1), their product, the
    kind as one-hot, and the kind crossed with the cosine and with the evidence."""
    kinds = [float(u.kind == k) for k in ("unknown", "unfound", "th")]
    return [u.score, evidence, max(evidence, -1.0), u.score * evidence, *kinds, *(u.score * k for k in kinds),
            *(evidence * k for k in kinds)]


def side_scales(words: BeadWords) -> dict[str, float]:
    """√(content words not matched without the model) per side: a longer sentence moves less per word removed,
    so a word's ablation evidence is scaled up by this."""
    return {"en": math.sqrt(max(len(words.en) - len(words.en_done), 1)),
            "th": math.sqrt(max(len(words.tokens) - len(words.th_done), 1))}


def unsupported(scored: Sequence[tuple[Unmatched, float]]) -> list[Unmatched]:
    """The candidates the combiner says the other side lacks (probability above ``COMBINER_THRESHOLD``), given
    with their scaled ablation evidence (``candidate_evidence``); each word once."""
    seen: dict[tuple[str, str], Unmatched] = {}
    for u, evidence in scored:
        z = COMBINER_BIAS + sum(w * f for w, f in zip(COMBINER_WEIGHTS, combiner_features(u, evidence)))
        if 1.0 / (1.0 + math.exp(-z)) > COMBINER_THRESHOLD:
            seen.setdefault((u.side, u.word), u)
    return list(seen.values())


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


def checked_beads(result: AlignmentResult, context: CheckContext) -> list[tuple[int, BeadWords]]:
    """(bead index, words) of every paired bead similar enough as a whole to be word-checked, the glossary's and
    gazetteer's terms matched."""
    terms = _terms(context)
    return [(index, bead_words(th, en, terms)) for index, th, en in pair_beads(result)
            if _pair_similarity(result, context, index) >= MIN_PAIR_SIM]


def candidate_evidence(beads: Sequence[BeadWords], embedder: Embedder) -> list[list[tuple[Unmatched, float]]]:
    """Per bead, its candidate words (``weak_words``) with their ablation evidence scaled by ``side_scales``:
    the word vectors pick the candidates, one ablation encode call per document weighs them."""
    vectors = embed_words(beads, embedder)
    lexicon = load_lexicon()
    weak = [weak_words(words, vectors, lexicon) for words in beads]
    removals = [PairRemovals(words.th_text, words.en_text, tuple(Removal(u.side, u.start, u.end) for u in cands))
                for words, cands in zip(beads, weak) if cands]
    support = iter(support_scores(removals, embedder))
    out = []
    for words, cands in zip(beads, weak):
        scales = side_scales(words)
        out.append([(u, e * scales[u.side]) for u, e in zip(cands, next(support))] if cands else [])
    return out


def check_terms(result: AlignmentResult, context: CheckContext) -> list[Flag]:
    """``term`` flags: per paired bead, the words one side does not carry, with their closest counterpart."""
    beads = checked_beads(result, context)
    if not beads:
        return []
    scored = candidate_evidence([words for _, words in beads], context.embedder_for())
    flags = []
    for (index, _), candidates in zip(beads, scored):
        if missing := unsupported(candidates):
            flags.append(term_flag(index, missing))
    return flags


def term_flag(index: int, missing: list[Unmatched]) -> Flag:
    """One flag per bead naming its unsupported words (the least similar first) and their closest counterpart."""
    parts = [f"English “{u.word}” has no Thai counterpart (closest Thai: {u.candidate}, {u.score:.2f})" if u.side == "en"
             else f"Thai “{u.word}” has no English counterpart (closest English: {u.candidate}, {u.score:.2f})"
             for u in sorted(missing, key=lambda u: u.score)[:MAX_WORDS_IN_EVIDENCE]]
    en_words = tuple(dict.fromkeys(u.word for u in missing if u.side == "en"))
    th_words = tuple(dict.fromkeys(u.word for u in missing if u.side == "th"))
    return Flag("term", "warning", index, "; ".join(parts), th_span=th_words[0] if th_words else "",
                en_span=en_words[0] if en_words else "", th_words=th_words, en_words=en_words)
