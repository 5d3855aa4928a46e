"""Monolingual Thai segmentation learned from data, for Thai-only input.

Thai sentences end at spaces, but most spaces end only a clause. A logistic model (trained by
``python -m eval.train_segmenter``, weights in ``data/thai_segmenter.json``) scores every space between
two chunks from the words around it and crfcut's own opinion (its CRF's probability of a sentence end
there); then a semi-Markov search picks the segmentation that best balances those scores against a
log-normal prior on sentence length, its scale read from the document itself (characters per expected
sentence), because sentence length differs most between genres: median 119 characters in FLORES, 69 in
UD Thai-TUD, 61 in ORCHID. With crfcut's marginals in the model, transfer between FLORES, TUD and Tatoeba
chose a prior weight of 0 for the shipped model (the classifier alone: a cut wherever its probability passes ½); the bitext
aligner's prior model (``thai_boundaries.json``) is unchanged.

Two rules sit above the model: a blank line ends a sentence unless the text before it is unfinished
(``paragraph_break``), and a name is never cut from the unit that contains it (``keeps_name_whole``).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from thalign.errors import EngineNotFound
from thalign.read import replace_surrogates
from thalign.segment.chunks import thai_chunks
from thalign.segment.thai import CONNECTIVES, CrfcutSegmenter, ends_with_connective
from thalign.types import Sentence

MODEL_PATH = Path(__file__).resolve().parent / "data" / "thai_boundaries.json"
"""The boundary classifier the bitext aligner's start prior reads (``align/align/priors.py``): format 2,
binary crfcut features, kept as its constants were tuned with it."""
SEGMENTER_PATH = MODEL_PATH.with_name("thai_segmenter.json")
"""The monolingual segmenter's model (issue 16): crfcut's marginals and document-relative chunk lengths."""
FORMAT = 3
FEATURE_SETS = ("crfcut_marginal", "relative_length")
"""Optional feature groups a model may name (``BoundaryModel.feature_sets``); see ``model_features``."""
NEVER = 1e-6
"""Probability given to a space where a rule forbids a sentence end."""


@dataclass(frozen=True)
class BoundaryModel:
    """Feature weights of the boundary classifier and the sentence-length prior it is decoded with."""

    weights: dict[str, float]
    bias: float
    length_mu: float
    """Mean of log(sentence length in characters) in the training data."""
    length_sd: float
    length_weight: float = 2.0
    """How much the length prior counts against the classifier's log-probabilities."""
    max_chunks: int = 30
    document_prior: float = 1.0
    """Share of the prior's log-median taken from the document (1: all; 0: ``length_mu`` from training)."""
    bag_of_words: float = 0.0
    """Feature value of each word anywhere in the two chunks (0: none; format-1 models used 0.5)."""
    trained_on: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    feature_sets: tuple[str, ...] = ()
    """Groups of ``FEATURE_SETS`` that replace the base features (empty for format-1 and 2 models)."""
    context_scale: float = 1.0
    """Value of every feature but crfcut's marginal and the paragraph mark (``model_features``)."""

    @classmethod
    def load(cls, path: Path | str = MODEL_PATH) -> BoundaryModel:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise EngineNotFound(f"cannot read the Thai boundary model {path}: {exc}") from exc
        if data.get("format") not in (1, 2, FORMAT):
            raise EngineNotFound(f"{path}: boundary model format {data.get('format')!r}, expected {FORMAT}")
        if data["format"] == 1:  # the issue-6 model: FLORES-sized prior, bag of words at 0.5
            data.update(document_prior=0.0, bag_of_words=0.5)
        sets = tuple(data.get("feature_sets", ()))
        if unknown := set(sets) - set(FEATURE_SETS):
            raise EngineNotFound(f"{path}: unknown feature sets {sorted(unknown)}, expected some of {FEATURE_SETS}")
        return cls(data["weights"], data["bias"], data["length_mu"], data["length_sd"], data["length_weight"],
                   data["max_chunks"], data["document_prior"], data["bag_of_words"], data.get("trained_on", ""),
                   data.get("extra", {}), sets, data.get("context_scale", 1.0))

    def to_json(self) -> str:
        payload = {"format": FORMAT, "trained_on": self.trained_on, "bias": self.bias, "length_mu": self.length_mu,
                   "length_sd": self.length_sd, "length_weight": self.length_weight, "max_chunks": self.max_chunks,
                   "document_prior": self.document_prior, "bag_of_words": self.bag_of_words, "extra": self.extra,
                   "feature_sets": list(self.feature_sets), "context_scale": self.context_scale, "weights": dict(sorted(self.weights.items()))}
        return json.dumps(payload, ensure_ascii=False, indent=0)

    def probabilities(self, features: Sequence[dict[str, float]]) -> np.ndarray:
        """P(a sentence ends at each candidate space)."""
        z = np.array([self.bias + sum(self.weights.get(k, 0.0) * v for k, v in f.items()) for f in features],
                     dtype=np.float64)
        return np.asarray(1.0 / (1.0 + np.exp(-z)))

    def for_document(self, lengths: Sequence[int], probs: np.ndarray) -> BoundaryModel:
        """This model with the prior centred on the document's own sentence length: its characters over
        1 + the expected number of sentence ends (Σ p). A FLORES-sized prior (117 characters) would glue
        the 61-character sentences of ORCHID together; the document knows better."""
        if self.document_prior <= 0 or len(lengths) < 2:
            return self
        chars = sum(lengths) + len(lengths) - 1
        own = math.log(chars / (1.0 + float(np.sum(probs))))
        return replace(self, length_mu=self.document_prior * own + (1 - self.document_prior) * self.length_mu)


def _length_bin(n: int) -> int:
    return min(int(math.log2(n + 1)), 8)


def _script(word: str) -> str:
    if any(c.isdigit() for c in word):
        return "digit"
    if any("a" <= c.lower() <= "z" for c in word):
        return "latin"
    return "thai"


def candidate_features(chunks: Sequence[Sentence], crf_starts: set[int],
                       words: Sequence[Sequence[str]] | None = None, bag_of_words: float = 0.0) -> list[dict[str, float]]:
    """Features of the space before each chunk but the first: the words next to it (newmm), their script,
    punctuation, chunk lengths, and whether crfcut starts a sentence there; with ``bag_of_words`` > 0 also
    every word of the two chunks. That bag raised FLORES cross-validation F1 by 0.025, but across genres it
    gained +0.02 on FLORES (trained on TUD), nothing on TUD dev (trained on FLORES) and lost 0.035 on ORCHID
    (trained on both), so new models go without it."""
    words = words or chunk_words(chunks)
    out: list[dict[str, float]] = []
    for k in range(1, len(chunks)):
        left, right = chunks[k - 1], chunks[k]
        lw, rw = words[k - 1], words[k]
        crf = right.start in crf_starts
        f = {
            "crf": float(crf), "para": float(left.paragraph != right.paragraph),
            f"l1={lw[-1]}": 1.0, f"r1={rw[0]}": 1.0, f"l2={'|'.join(lw[-2:])}": 1.0, f"r2={'|'.join(rw[:2])}": 1.0,
            f"l1r1={lw[-1]}|{rw[0]}": 1.0, f"crf_r1={crf}|{rw[0]}": 1.0,
            f"llen={_length_bin(len(left.text))}": 1.0, f"rlen={_length_bin(len(right.text))}": 1.0,
            f"lk={_script(lw[-1])}": 1.0, f"rk={_script(rw[0])}": 1.0,
        }
        if bag_of_words:
            f.update({f"lw={word}": bag_of_words for word in set(lw)})
            f.update({f"rw={word}": bag_of_words for word in set(rw)})
        if not left.text[-1:].isalnum():
            f[f"lq={left.text[-1:]}"] = 1.0
        if not right.text[:1].isalnum():
            f[f"rq={right.text[:1]}"] = 1.0
        out.append(f)
    return out


def chunk_words(chunks: Sequence[Sentence]) -> list[list[str]]:
    """Each chunk's words (pythainlp newmm), never empty."""
    from pythainlp.tokenize import word_tokenize

    return [word_tokenize(c.text, engine="newmm", keep_whitespace=False) or [c.text] for c in chunks]


def crfcut_end_probabilities(text: str, chunks: Sequence[Sentence]) -> np.ndarray:
    """``out[i]``: the probability crfcut's CRF (pythainlp, trained on TED talk transcripts) gives a sentence
    end in the space after chunk i: its marginal of label E, the highest among the word before the space
    and the space itself. crfcut's own decoding keeps only the yes/no; the marginal says how sure it is."""
    from pythainlp.tokenize import word_tokenize
    from pythainlp.tokenize.crfcut import _extract_features  # crfcut's feature template, not rewritten here

    text = replace_surrogates(text)  # crfsuite cannot encode a lone surrogate; U+FFFD keeps every offset
    out = np.zeros(max(len(chunks) - 1, 0))
    tokens = word_tokenize(text, engine="newmm") if len(chunks) > 1 else []
    if not tokens:
        return out
    tagger = _crfcut_tagger()
    tagger.set(_extract_features(tokens))
    ends: list[tuple[int, float]] = []  # (offset where a token ends, P(E) there)
    at = 0
    for i, token in enumerate(tokens):
        found = text.find(token, at)
        at = found + len(token) if found >= 0 else at
        ends.append((at, tagger.marginal("E", i)))
    offsets = np.array([e for e, _ in ends])
    marginals = np.array([p for _, p in ends])
    for i in range(len(out)):
        lo, hi = np.searchsorted(offsets, chunks[i].end), np.searchsorted(offsets, chunks[i + 1].start, side="right")
        out[i] = float(marginals[lo:hi].max()) if hi > lo else 0.0
    return out


@lru_cache(maxsize=1)
def _crfcut_tagger() -> Any:
    import pycrfsuite  # type: ignore[import-untyped]  # no stubs; pythainlp ships it for crfcut
    from pythainlp.corpus import corpus_path

    tagger = pycrfsuite.Tagger()
    tagger.open(str(Path(corpus_path()) / "sentenceseg_crfcut.model"))
    return tagger


def model_features(base: Sequence[dict[str, float]], chunks: Sequence[Sentence], crf_end: np.ndarray,
                   feature_sets: Sequence[str], context_scale: float = 1.0) -> list[dict[str, float]]:
    """The base features (``candidate_features``) changed by the model's feature sets:

    - ``crfcut_marginal``: crfcut's probability of a sentence end (``crf_end``) as a value, a log-odds and
      five bins, in place of its yes/no. Across genres (FLORES ← TUD train, TUD dev ← FLORES, ORCHID ← both;
      eval/RESULTS.md) it gained 0.016 / 0.036 / 0.024 F1 over the yes/no.
    - ``relative_length``: each chunk's length against the document's median chunk (half-octave bins) in
      place of its length in characters: ORCHID chunks are half as long as FLORES ones, so an absolute
      "short chunk" means something else in each genre (+0.008 / +0.016 / −0.001 on the same columns).

    ``context_scale`` < 1 multiplies every other feature (words, scripts, punctuation, lengths): under the
    same L2 penalty their many sparse weights are held back harder than crfcut's dense ones, so what the
    words of FLORES and TUD say weighs less against crfcut, which neither genre trained.
    """
    if not feature_sets:
        return list(base)
    median = float(np.median([len(c.text) for c in chunks])) if chunks else 1.0
    out: list[dict[str, float]] = []
    for k, f in enumerate(base):
        f = dict(f)
        if "crfcut_marginal" in feature_sets:
            f = {name: v for name, v in f.items() if not name.startswith("crf")}
            p = float(crf_end[k])
            f.update({"crfp": p, "crflogit": math.log((p + 1e-4) / (1 - p + 1e-4)) / 4,
                      f"crfbin={min(int(p * 5), 4)}": 1.0})
        if "relative_length" in feature_sets:
            f = {name: v for name, v in f.items() if not name.startswith(("llen=", "rlen="))}
            for side, chunk in (("l", chunks[k]), ("r", chunks[k + 1])):
                f[f"{side}rel={int(np.clip(np.round(2 * np.log2(len(chunk.text) / median)), -4, 4))}"] = 1.0
        if context_scale != 1.0:
            f = {name: v if name.startswith(_UNSCALED) else v * context_scale for name, v in f.items()}
        out.append(f)
    return out


_UNSCALED = ("crfp", "crflogit", "crfbin=", "para")


@dataclass(frozen=True)
class Candidates:
    """A text's chunks, their words, crfcut's sentences and the features of each space between chunks."""

    chunks: list[Sentence]
    words: list[list[str]]
    crf: list[Sentence]
    features: list[dict[str, float]]
    crf_end: np.ndarray | None = None
    """crfcut's probability of a sentence end at each space (``crfcut_end_probabilities``), when asked for."""

    def for_model(self, model: BoundaryModel) -> Candidates:
        """These candidates with the features ``model`` reads (its bag of words and feature sets)."""
        found = self
        if model.bag_of_words:
            found = replace(found, features=candidate_features(found.chunks, {s.start for s in found.crf},
                                                               found.words, model.bag_of_words))
        if model.feature_sets:
            assert found.crf_end is not None, "candidates(..., marginals=True) for a model with feature sets"
            found = replace(found, features=model_features(found.features, found.chunks, found.crf_end,
                                                           model.feature_sets, model.context_scale))
        return found


def candidates(text: str, bag_of_words: float = 0.0, marginals: bool = False) -> Candidates:
    """One path for training (eval/train_segmenter.py) and segmenting, so the two never drift apart."""
    chunks = thai_chunks(text)
    crf = CrfcutSegmenter()(text) if chunks else []
    words = chunk_words(chunks)
    return Candidates(chunks, words, crf, candidate_features(chunks, {s.start for s in crf}, words, bag_of_words),
                      crfcut_end_probabilities(text, chunks) if marginals else None)


_OPENERS = {"(": ")", "[": "]", "“": "”", "‘": "’", "«": "»"}
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
NAME_INTRODUCERS = frozenset(
    "เขต แขวง เมือง จังหวัด จ. อำเภอ อ. ตำบล ต. มณฑล รัฐ ประเทศ กรุง นคร หมู่บ้าน "
    "คณะ ภาควิชา สาขา วิทยาเขต สถาบัน สำนัก กอง ฝ่าย โรงเรียน".split()
)
"""Words that open a place or organisation name (เขตเชียงใหม่, คณะศิลปศาสตร์)."""
CONTAINING_UNITS = frozenset(
    "เขต แขวง เมือง จังหวัด จ. อำเภอ อ. ตำบล ต. มณฑล รัฐ ประเทศ มหาวิทยาลัย กระทรวง กรม".split()
)
"""Units that can follow a name as the place or body containing it (เขตเชียงใหม่ เมืองซูโจว)."""


def unfinished(paragraph: str) -> bool:
    """The text cannot end a sentence here: a connective at its end (และ, ที่, ซึ่ง, โดย …), a trailing
    comma or dash, or a bracket or quote left open."""
    text = paragraph.rstrip()
    if text[-1:] in {",", "-", "–", "—"} or text.count('"') % 2 or ends_with_connective(text):
        return True
    return any(text.count(o) > text.count(c) for o, c in _OPENERS.items())


NON_OPENERS = frozenset("และ หรือ ซึ่ง ของ กับ แก่ แห่ง ตลอดจน รวมถึง รวมทั้ง อีกทั้ง".split())
"""Connectives that never open a Thai sentence: a line that starts with one continues the line before."""


def paragraph_break(text: str, left: Sentence, right: Sentence) -> str:
    """How a line break between two chunks is read: ``join`` when the line before is unfinished or the next
    opens with a connective (``NON_OPENERS``); ``break`` (a sentence ends) at a blank line or between lines
    of a document without blank lines; ``free`` (the model decides) at a single line break of a document
    whose paragraphs are blank-line separated: that is a wrapped line, as PDF extraction leaves them."""
    line_start = text.rfind("\n", 0, left.end) + 1
    if unfinished(text[line_start : left.end]) or _first_word(right.text) in NON_OPENERS:
        return "join"
    if _BLANK_LINE.search(text, left.end, right.start) or not _BLANK_LINE.search(text):
        return "break"
    return "free"


def _first_word(text: str) -> str:
    from pythainlp.tokenize import word_tokenize

    words = word_tokenize(text[:30], engine="newmm", keep_whitespace=False)
    return words[0] if words else ""


def keeps_name_whole(left_words: Sequence[str], right_words: Sequence[str]) -> bool:
    """True when the space between two chunks sits inside a name: the left chunk ends with a name its
    introducer opens (เขตเชียงใหม่, กรุงโตเกียว, ต.บาโงสะโต: at most four words after the introducer, no
    connective among them) and the right one starts with the unit containing it (เมืองซูโจว, ประเทศญี่ปุ่น)."""
    if not right_words[0].startswith(tuple(CONTAINING_UNITS)) or right_words[1:2] in (["นี้"], ["นั้น"], ["ดังกล่าว"]):
        return False  # เมืองนี้ (this city) starts a sentence about the place just named
    for back, word in enumerate(reversed(left_words[-5:])):
        if word in CONNECTIVES:
            return False
        if word.startswith(tuple(NAME_INTRODUCERS)) and (back > 0 or len(word) > _introducer_length(word)):
            return True
    return False


def _introducer_length(word: str) -> int:
    return max(len(i) for i in NAME_INTRODUCERS if word.startswith(i))


def decode(lengths: Sequence[int], probs: np.ndarray, model: BoundaryModel) -> list[int]:
    """Indices k (1 ≤ k < n) of the chunks that start a sentence, for one run of ``n`` chunks.

    Maximises Σ log p over the spaces cut + Σ log(1 − p) over the spaces kept + weight × Σ log-normal
    density of each sentence's length.
    """
    n = len(lengths)
    if n <= 1:
        return []
    log_cut = np.log(np.clip(probs, 1e-6, 1 - 1e-6))
    log_keep = np.concatenate([[0.0], np.cumsum(np.log(np.clip(1 - probs, 1e-6, 1.0)))])
    cum = np.concatenate([[0], np.cumsum(lengths)])
    best = np.full(n + 1, -np.inf)
    best[0] = 0.0
    back = np.zeros(n + 1, dtype=int)
    for end in range(1, n + 1):
        starts = np.arange(max(0, end - model.max_chunks), end)
        chars = cum[end] - cum[starts] + (end - starts - 1)
        prior = -0.5 * ((np.log(chars) - model.length_mu) / model.length_sd) ** 2
        # Candidate k sits before chunk k (k = 1..n-1): a sentence over chunks s..end-1 keeps s+1..end-1.
        score = best[starts] + (log_keep[end - 1] - log_keep[starts]) + model.length_weight * prior
        if end < n:
            score = score + log_cut[end - 1]
        pick = int(np.argmax(score))
        best[end], back[end] = score[pick], starts[pick]
    cuts, end = [], n
    while end > 0:
        start = int(back[end])
        if start > 0:
            cuts.append(start)
        end = start
    return sorted(cuts)


class LearnedSegmenter:
    """Thai segmenter ``learned``: boundary classifier + sentence-length prior, cutting only at spaces."""

    name = "learned"

    def __init__(self, model: BoundaryModel | None = None) -> None:
        self.model = model or BoundaryModel.load(SEGMENTER_PATH)

    def signature(self) -> str:
        return f"learned@{self.model.trained_on or 'custom'}"

    def __call__(self, text: str) -> list[Sentence]:
        found = candidates(text, marginals=bool(self.model.feature_sets))
        return self.segment_candidates(text, found.for_model(self.model))

    def segment_candidates(self, text: str, found: Candidates) -> list[Sentence]:
        """Sentences of ``text`` from its candidates (computed once when several models segment one text),
        with the features of this model (``Candidates.for_model``)."""
        chunks = found.chunks
        if not chunks:
            return []
        starts = [0] + [k + 1 for k in self.cuts(text, found)]
        bounds = [*starts, len(chunks)]
        return [_sentence(text, chunks[a:b]) for a, b in itertools.pairwise(bounds)]

    def cuts(self, text: str, found: Candidates) -> list[int]:
        """Indices i of the spaces (after chunk i) where a sentence ends."""
        probs = self.model.probabilities(found.features)
        hard = np.zeros(len(probs), dtype=bool)
        for i in range(len(probs)):
            left, right = found.chunks[i], found.chunks[i + 1]
            reading = paragraph_break(text, left, right) if left.paragraph != right.paragraph else "free"
            if reading == "join":
                probs[i] = NEVER
            elif reading == "break":
                hard[i] = True
            elif keeps_name_whole(found.words[i], found.words[i + 1]):
                probs[i] = NEVER
        lengths = [len(c.text) for c in found.chunks]
        model = self.model.for_document(lengths, np.where(hard, 1.0, probs))
        out: list[int] = []
        run_start = 0  # decode each run of chunks between breaks that no sentence crosses
        for run_end in [k + 1 for k in np.flatnonzero(hard)] + [len(lengths)]:
            out += [run_start + c - 1 for c in decode(lengths[run_start:run_end], probs[run_start : run_end - 1], model)]
            if run_end < len(lengths):
                out.append(run_end - 1)
            run_start = run_end
        return out


def _sentence(text: str, group: Sequence[Sentence]) -> Sentence:
    """The chunks as one sentence: the original text within a paragraph, paragraphs joined by a space."""
    parts: list[str] = []
    first = group[0]
    for prev, chunk in itertools.pairwise(group):
        if chunk.paragraph != prev.paragraph:
            parts.append(text[first.start : prev.end])
            first = chunk
    parts.append(text[first.start : group[-1].end])
    return Sentence(" ".join(parts), group[0].start, group[-1].end, group[0].paragraph)
