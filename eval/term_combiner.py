"""Fit the ``term`` check's combiner (align/flags/term.py ``COMBINER_*``) and check it on another corpus.

``python -m eval.term_combiner`` collects every candidate word of the detection benchmark's pairs (Tatoeba and
FLORES devtest gold pairs, clean and with the injected word errors of ``eval.detection.word_cases``, seed 11),
with its cosine, scaled ablation evidence and kind; fits a class-balanced logistic regression on Tatoeba's,
sets the threshold where 3% of clean Tatoeba pairs are flagged, and prints the weights and what they do on
both corpora (FLORES never seen by the fit).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from eval.detection import one_to_one, word_cases
from thalign.flags import term

FIT_ON, CHECK_ON = "tatoeba", "flores"
CLEAN_SHARE = 0.03
SEED = 11


@dataclass(frozen=True)
class Candidate:
    pair: int
    """Index into the corpus's pairs (clean) or, offset by their count, into its injected cases."""
    side: str
    word: str
    features: list[float]
    unmatched: term.Unmatched | None = field(default=None, compare=False, repr=False)
    """The check's own record of the word (its closest counterpart, offsets), for directions that read more."""
    words: term.BeadWords | None = field(default=None, compare=False, repr=False)
    """The bead the word is in."""


def candidates(pairs: list[tuple[str, str]], embedder) -> list[Candidate]:
    """Every candidate the check considers on these pairs as 1-1 beads (the check's own beads and evidence:
    ``checked_beads``, ``candidate_evidence``), with the combiner's features."""
    beads = term.checked_beads(*one_to_one(pairs, embedder))
    scored = term.candidate_evidence([words for _, words in beads], embedder)
    return [Candidate(index, u.side, u.word, term.combiner_features(u, evidence), u, words)
            for (index, words), found in zip(beads, scored) for u, evidence in found]


def collect(pairs: list[tuple[str, str]], embedder) -> tuple[np.ndarray, np.ndarray, list[Candidate], list]:
    """Features, labels (the injected word itself), candidates and the injected cases of one corpus."""
    words = [term.bead_words(th, en, ()) for th, en in pairs]
    cases = word_cases(pairs, term.embed_words(words, embedder), SEED)
    found = candidates(pairs + [(c.th, c.en) for c in cases], embedder)
    labels = []
    for c in found:
        case = cases[c.pair - len(pairs)] if c.pair >= len(pairs) else None
        labels.append(case is not None and ((c.side == "en" and c.word == case.en_word)
                                            or (c.side == "th" and c.word == case.th_word)))
    return np.array([c.features for c in found]), np.array(labels), found, cases


def scores(p: np.ndarray, threshold: float, found: list[Candidate], labels: np.ndarray, n_pairs: int,
           cases: list) -> tuple[float, dict[str, float]]:
    """(share of clean pairs flagged, recall per injected kind) at ``threshold``."""
    flagged = {c.pair for c, q in zip(found, p) if q > threshold and c.pair < n_pairs}
    hits = {c.pair for c, q, y in zip(found, p, labels) if q > threshold and y}
    recall = {kind: sum(1 for k, c in enumerate(cases) if c.kind == kind and k + n_pairs in hits)
              / max(sum(1 for c in cases if c.kind == kind), 1) for kind in ("noun", "dropped", "name")}
    return len(flagged) / n_pairs, recall


def combiner_model() -> Any:
    """The combiner's kind of model: class-balanced logistic regression, C 1."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")


def collect_corpora() -> tuple[dict[str, list[tuple[str, str]]], dict[str, tuple]]:
    """FLORES devtest's and Tatoeba's gold pairs, and ``collect`` of each (one model load, one embedding cache)."""
    from eval.__main__ import embedder
    from eval.data import flores_documents, tatoeba_documents

    emb = embedder()
    corpora = {"flores": [(t, e) for d in flores_documents() for t, e in zip(d.th, d.en)],
               "tatoeba": [(t, e) for d in tatoeba_documents() for t, e in zip(d.th, d.en)]}
    data = {name: collect(pairs, emb) for name, pairs in corpora.items()}
    emb.flush()
    return corpora, data


def main() -> None:
    corpora, data = collect_corpora()
    x, y, _, _ = data[FIT_ON]
    model = combiner_model().fit(x, y)
    probs = {name: model.predict_proba(d[0])[:, 1] for name, d in data.items()}
    fit_found, fit_labels, fit_cases = data[FIT_ON][2], data[FIT_ON][1], data[FIT_ON][3]
    threshold = next(float(t) for t in np.linspace(0.5, 0.999, 200)
                     if scores(probs[FIT_ON], t, fit_found, fit_labels, len(corpora[FIT_ON]), fit_cases)[0] <= CLEAN_SHARE)
    print("COMBINER_WEIGHTS =", tuple(round(float(w), 4) for w in model.coef_[0]))
    print("COMBINER_BIAS =", round(float(model.intercept_[0]), 4), f"  threshold {threshold:.3f}")
    for name in (FIT_ON, CHECK_ON):
        _, labels, found, cases = data[name]
        for t in (threshold, term.COMBINER_THRESHOLD):
            clean, recall = scores(probs[name], t, found, labels, len(corpora[name]), cases)
            print(f"{name:8} threshold {t:.3f}: clean {clean:.3f} " + " ".join(f"{k} {v:.3f}" for k, v in recall.items()))


if __name__ == "__main__":
    main()
