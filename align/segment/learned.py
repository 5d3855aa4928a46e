"""Monolingual Thai segmentation learned from data, for Thai-only input.

Thai sentences end at spaces, but most spaces end only a clause. A logistic model (trained by
``python -m eval.train_segmenter``, weights in ``data/thai_boundaries.json``) scores every space between
two chunks from the words around it and crfcut's own opinion; then a semi-Markov search picks the
segmentation that best balances those scores against a log-normal prior on sentence length. The prior is
what the plain classifier lacks: alone it cuts a 300-character stretch nowhere or a short one twice.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from align.errors import EngineNotFound
from align.segment.chunks import hard_breaks, thai_chunks
from align.segment.thai import CrfcutSegmenter
from align.types import Sentence

MODEL_PATH = Path(__file__).resolve().parent / "data" / "thai_boundaries.json"
FORMAT = 1
BAG_OF_WORDS = 0.5
"""Feature value of a word anywhere in the chunks either side (0.5 measured above 0.2–1.0 in cross-validation:
+0.025 F1 on FLORES over edge words alone)."""


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
    trained_on: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | str = MODEL_PATH) -> "BoundaryModel":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise EngineNotFound(f"cannot read the Thai boundary model {path}: {exc}") from exc
        if data.get("format") != FORMAT:
            raise EngineNotFound(f"{path}: boundary model format {data.get('format')!r}, expected {FORMAT}")
        return cls(data["weights"], data["bias"], data["length_mu"], data["length_sd"], data["length_weight"],
                   data["max_chunks"], data.get("trained_on", ""), data.get("extra", {}))

    def to_json(self) -> str:
        payload = {"format": FORMAT, "trained_on": self.trained_on, "bias": self.bias, "length_mu": self.length_mu,
                   "length_sd": self.length_sd, "length_weight": self.length_weight, "max_chunks": self.max_chunks,
                   "extra": self.extra, "weights": dict(sorted(self.weights.items()))}
        return json.dumps(payload, ensure_ascii=False, indent=0)

    def probabilities(self, features: Sequence[dict[str, float]]) -> np.ndarray:
        """P(a sentence ends at each candidate space)."""
        z = np.array([self.bias + sum(self.weights.get(k, 0.0) * v for k, v in f.items()) for f in features])
        return 1.0 / (1.0 + np.exp(-z))


def _length_bin(n: int) -> int:
    return min(int(math.log2(n + 1)), 8)


def _script(word: str) -> str:
    if any(c.isdigit() for c in word):
        return "digit"
    if any("a" <= c.lower() <= "z" for c in word):
        return "latin"
    return "thai"


def candidate_features(chunks: Sequence[Sentence], crf_starts: set[int]) -> list[dict[str, float]]:
    """Features of the space before each chunk but the first: the words next to it (newmm) and every word of
    the two chunks, their script, punctuation, chunk lengths, and whether crfcut starts a sentence there."""
    from pythainlp.tokenize import word_tokenize

    words = [word_tokenize(c.text, engine="newmm", keep_whitespace=False) or [c.text] for c in chunks]
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
        for word in set(lw):  # every word of the chunks either side, at half weight: what kind of clause each is
            f[f"lw={word}"] = BAG_OF_WORDS
        for word in set(rw):
            f[f"rw={word}"] = BAG_OF_WORDS
        if not left.text[-1:].isalnum():
            f[f"lq={left.text[-1:]}"] = 1.0
        if not right.text[:1].isalnum():
            f[f"rq={right.text[:1]}"] = 1.0
        out.append(f)
    return out


def candidates(text: str) -> tuple[list[Sentence], list[Sentence], list[dict[str, float]]]:
    """The text's chunks, crfcut's sentences, and the features of each space between chunks: one path for
    training (eval/train_segmenter.py) and segmenting, so the two never drift apart."""
    chunks = thai_chunks(text)
    crf = CrfcutSegmenter()(text) if chunks else []
    return chunks, crf, candidate_features(chunks, {s.start for s in crf})


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
        self.model = model or BoundaryModel.load()

    def signature(self) -> str:
        return f"learned@{self.model.trained_on or 'custom'}"

    def __call__(self, text: str) -> list[Sentence]:
        chunks, crf, features = candidates(text)
        if not chunks:
            return []
        probs = self.model.probabilities(features)
        lengths = [len(c.text) for c in chunks]
        # Decode each run of chunks between paragraph breaks that no sentence crosses.
        run_ends = [k + 1 for k in np.flatnonzero(hard_breaks(text, chunks, crf))] + [len(chunks)]
        starts: list[int] = []
        run_start = 0
        for run_end in run_ends:
            starts.append(run_start)
            cuts = decode(lengths[run_start:run_end], probs[run_start : run_end - 1], self.model)
            starts += [run_start + c for c in cuts]
            run_start = run_end
        bounds = starts + [len(chunks)]
        return [_sentence(text, chunks[a:b]) for a, b in zip(bounds, bounds[1:])]


def _sentence(text: str, group: Sequence[Sentence]) -> Sentence:
    """The chunks as one sentence: the original text within a paragraph, paragraphs joined by a space."""
    parts: list[str] = []
    first = group[0]
    for prev, chunk in zip(group, group[1:]):
        if chunk.paragraph != prev.paragraph:
            parts.append(text[first.start : prev.end])
            first = chunk
    parts.append(text[first.start : group[-1].end])
    return Sentence(" ".join(parts), group[0].start, group[-1].end, group[0].paragraph)
