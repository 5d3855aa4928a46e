"""Directions for the ``term`` combiner measured and not kept, reproducibly (issue 13).

``python -m eval.term_directions`` collects the combiner's candidates once (``eval.term_combiner.collect``, the
benchmark's draw, seed 11) and asks whether anything beyond the shipped features separates an injected word from
a loose translation. Each direction is scored two ways:

- across corpora: fitted on one of Tatoeba / FLORES, threshold where 3% of that corpus's clean pairs are flagged,
  then scored on the other (the shipped combiner is the first row, fitted on Tatoeba);
- within a corpus: 5-fold cross-validation grouped by English sentence (a clean pair and its injected copies stay
  in one fold), recall read off the pooled out-of-fold probabilities where 3% of clean pairs are flagged, so two
  models are compared at the same clean rate.

``COLLECTIONS`` change which words become candidates (the pair gate, how lexicon matches are counted); each
collects both corpora again and refits the shipped features.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Any
from unittest.mock import patch

import numpy as np

from eval.term_combiner import CLEAN_SHARE, Candidate, collect_corpora, combiner_model, scores
from thalign.flags import term
from thalign.flags.ablation import without
from thalign.flags.lexicon import MIN_SUBSTRING, Lexicon, load_lexicon
from thalign.flags.tokens import token_runs

Extra = Callable[[list[Candidate]], np.ndarray]


def bead_relative(found: list[Candidate]) -> np.ndarray:
    """How the candidate stands against the others of its pair: log candidate count, evidence and cosine minus
    the others' lowest, and whether it is the lowest of its pair."""
    by_pair: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(found):
        by_pair[c.pair].append(i)
    rows = []
    for i, c in enumerate(found):
        others = [found[j].features for j in by_pair[c.pair] if j != i] or [[1.0, 0.0]]
        low_cos, low_ev = min(o[0] for o in others), min(o[1] for o in others)
        cos, ev = c.features[0], c.features[1]
        rows.append([math.log1p(len(by_pair[c.pair])), ev - low_ev, float(ev <= low_ev), cos - low_cos,
                     float(cos <= low_cos)])
    return np.array(rows)


def word_facts(found: list[Candidate]) -> np.ndarray:
    """What is known of the word itself: how many translations the lexicon gives it, capitalised, its length,
    and (Thai) its Thai National Corpus frequency."""
    from pythainlp.corpus import tnc

    lexicon = load_lexicon()
    freq = dict(tnc.word_freqs())
    total = sum(freq.values())
    rows = []
    for c in found:
        senses = lexicon.thai_for(c.word) if c.side == "en" else lexicon.english_for(c.word)
        rows.append([math.log1p(len(senses)), float(c.side == "en" and c.word[:1].isupper()), math.log(len(c.word)),
                     math.log((freq.get(c.word, 0) + 1) / total) if c.side == "th" else 0.0])
    return np.array(rows)


def _beads(found: list[Candidate]) -> list[term.BeadWords]:
    """The beads the candidates are in, each once."""
    return list({id(c.words): c.words for c in found if c.words}.values())


def _vectors(found: list[Candidate]) -> dict[str, np.ndarray]:
    """Unit word and span vectors of every bead the candidates are in (the eval cache already holds them)."""
    from sklearn.preprocessing import normalize

    from eval.__main__ import embedder

    vectors = term.embed_words(_beads(found), embedder())
    return dict(zip(vectors, normalize(np.stack(list(vectors.values())))))


def counterpart_match(found: list[Candidate]) -> np.ndarray:
    """Does the word's closest counterpart point back at it? Whether the word is the counterpart's own closest
    word on the word's side (SimAlign's argmax both ways), by how much (its cosine minus the next word's), and
    whether the counterpart is a content word (a loose translation's closest Thai is often its real
    rendering; an injected word's is often a function word)."""
    vectors = _vectors(found)
    rows = []
    for c in found:
        assert c.words is not None and c.unmatched is not None
        own_side = sorted({w.text for w in c.words.en}) if c.side == "en" else sorted({t for _, _, t in c.words.spans})
        target = vectors[c.unmatched.candidate]
        ranked = sorted(((float(vectors[w] @ target), w) for w in own_side), reverse=True)
        own = float(vectors[c.word] @ target)
        next_best = next((s for s, w in ranked if w != c.word), 0.0)
        content = term.thai_content(c.unmatched.candidate) if c.side == "en" else term.english_content(c.unmatched.candidate)
        rows.append([float(bool(ranked) and ranked[0][1] == c.word), own - next_best, float(content)])
    return np.array(rows)


def restoration(found: list[Candidate]) -> np.ndarray:
    """Ablation on both sides at once: the pair's similarity with the word and its closest counterpart both
    removed, minus that with the word alone removed. A counterpart that translates the word gives back what the
    word's removal took; a random one gives nothing. Crossed with the word's kind."""
    from sklearn.preprocessing import normalize

    from eval.__main__ import embedder

    pairs = []
    for c in found:
        assert c.words is not None and c.unmatched is not None
        w, u = c.words, c.unmatched
        if c.side == "en":
            a, b, _ = next(sp for sp in w.spans if sp[2] == u.candidate)
            th_cut, en_cut = without(w.th_text, w.tokens[a].start, w.tokens[b - 1].end), without(w.en_text, u.start, u.end)
            alone = (w.th_text, en_cut)
        else:
            x = next(x for x in w.en if x.text == u.candidate)
            th_cut, en_cut = without(w.th_text, u.start, u.end), without(w.en_text, x.start, x.end)
            alone = (th_cut, w.en_text)
        pairs.append(((th_cut, en_cut), alone))
    texts = list(dict.fromkeys(t for both, alone in pairs for t in (*both, *alone)))
    vec = dict(zip(texts, normalize(np.asarray(embedder().encode(texts), dtype=np.float32))))
    rows = []
    for c, ((th, en), (th1, en1)) in zip(found, pairs):
        gain = float(vec[th] @ vec[en]) - float(vec[th1] @ vec[en1])
        rows.append([gain, *(gain * k for k in c.features[4:7])])
    return np.array(rows)


def background(found: list[Candidate]) -> np.ndarray:
    """How similar the word and its counterpart are to the other language at large (CSLS's hubness term: the
    mean cosine to their 10 nearest words of the corpus's other side, the nearest left out), and the word's
    cosine less each: a word close to everything says little by being close to its counterpart."""
    vectors = _vectors(found)
    beads = _beads(found)
    pool = {"th": np.stack([vectors[t.text] for w in beads for k, t in enumerate(w.tokens) if k not in w.th_done
                            and t.text in vectors]),
            "en": np.stack([vectors[x.text] for w in beads for k, x in enumerate(w.en) if k not in w.en_done])}
    pool = {side: np.unique(v, axis=0) for side, v in pool.items()}

    def hub(text: str, side: str) -> float:
        return float(np.sort(pool[side] @ vectors[text])[::-1][1:11].mean())

    rows = []
    for c in found:
        assert c.unmatched is not None
        other = "th" if c.side == "en" else "en"
        r_word, r_cand = hub(c.word, other), hub(c.unmatched.candidate, c.side)
        cos = c.features[0]
        rows.append([cos - r_word, cos - r_cand, cos - r_word - r_cand / 2, r_word, r_cand])
    return np.array(rows)


def token_contributions(found: list[Candidate]) -> np.ndarray:
    """m-USE read token by token (``eval.muse_tokens``): the pair's similarity with the word's contribution taken
    out of the pooled sum (a linear ablation, no re-encoding) and its own-side drop, the two combined with
    ablation's ALPHA, the similarity's gradient along the word's contribution, and the word's contribution
    against the other side's content words in context (cosine of the contributions, and of each through the
    head alone)."""
    from sklearn.preprocessing import normalize

    from eval.muse_tokens import contributions, head, span_rows
    from thalign.flags.ablation import ALPHA

    read = functools.lru_cache(maxsize=None)(contributions)
    rows = []
    for c in found:
        assert c.words is not None and c.unmatched is not None
        w, u = c.words, c.unmatched
        own, other = (w.en_text, w.th_text) if c.side == "en" else (w.th_text, w.en_text)
        (own_at, own_t), (other_at, other_t) = read(own), read(other)
        word = own_t[span_rows(own_at, u.start, u.end)].sum(axis=0)
        total, n = own_t.sum(axis=0), len(own_t)
        z_own, z_other = head(total / math.sqrt(n))[0], head(other_t.sum(axis=0) / math.sqrt(len(other_t)))[0]
        base = float(z_own @ z_other)
        cut = head((total - word) / math.sqrt(max(n - len(span_rows(own_at, u.start, u.end)), 1)))[0]
        cross, own_drop = float(cut @ z_other) - base, 1.0 - float(cut @ z_own)
        gradient = (float(head((total + 0.01 * word) / math.sqrt(n))[0] @ z_other) - base) / 0.01
        units = ([(t.start, t.end) for k, t in enumerate(w.tokens) if k not in w.th_done] if c.side == "en"
                 else [(x.start, x.end) for k, x in enumerate(w.en) if k not in w.en_done])
        vectors = [other_t[r].sum(axis=0) for r in (span_rows(other_at, a, b) for a, b in units) if r]
        if vectors and word.any():
            stacked = np.stack(vectors)
            context = float((normalize(stacked) @ normalize(word[None])[0]).max())
            alone = float((head(stacked) @ head(word)[0]).max())
        else:
            context = alone = 0.0
        rows.append([cross, own_drop, cross + ALPHA * own_drop, gradient, context, alone])
    return np.nan_to_num(np.array(rows))


def word_and_sentences(found: list[Candidate]) -> np.ndarray:
    """The word's vector against whole sentences: the other side's (does it hold the word's meaning somewhere?),
    its own without the word (does the word fit its context? a word put in from elsewhere does not), its own
    whole, and the differences."""
    from sklearn.preprocessing import normalize

    from eval.__main__ import embedder

    need = []
    for c in found:
        assert c.words is not None and c.unmatched is not None
        own, other = (c.words.en_text, c.words.th_text) if c.side == "en" else (c.words.th_text, c.words.en_text)
        need.append((c.word, own, other, without(own, c.unmatched.start, c.unmatched.end)))
    texts = sorted({t for row in need for t in row})
    vec = dict(zip(texts, normalize(np.asarray(embedder().encode(texts), dtype=np.float32))))
    rows = []
    for word, own, other, cut in need:
        across, context, whole = (float(vec[word] @ vec[t]) for t in (other, cut, own))
        rows.append([across, context, across - context, whole, across - whole])
    return np.array(rows)


def pair_similarity(found: list[Candidate]) -> np.ndarray:
    """The pair's sentence similarity, alone and crossed with the word's kind: one word missing from a short
    pair takes much of its similarity."""
    from sklearn.preprocessing import normalize

    from eval.__main__ import embedder

    texts = sorted({t for c in found if c.words for t in (c.words.th_text, c.words.en_text)})
    vec = dict(zip(texts, normalize(np.asarray(embedder().encode(texts), dtype=np.float32))))
    sims = np.array([float(vec[c.words.th_text] @ vec[c.words.en_text]) if c.words else 0.0 for c in found])
    return np.column_stack([sims, sims[:, None] * np.array([c.features[4:7] for c in found])])


def boosted() -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(max_iter=150, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=40,
                                          l2_regularization=1.0, class_weight="balanced", random_state=0)


DIRECTIONS: dict[str, tuple[Callable[[], Any], tuple[Extra, ...]]] = {
    "shipped features, logistic": (combiner_model, ()),
    "+ bead-relative": (combiner_model, (bead_relative,)),
    "+ word facts (senses, case, length, TNC frequency)": (combiner_model, (word_facts,)),
    "+ both": (combiner_model, (bead_relative, word_facts)),
    "+ bead-relative, gradient-boosted trees": (boosted, (bead_relative,)),
    "+ counterpart points back (argmax both ways, margin, content word)": (combiner_model, (counterpart_match,)),
    "+ restoration (word and its counterpart removed together)": (combiner_model, (restoration,)),
    "+ background similarity (CSLS hubness)": (combiner_model, (background,)),
    "+ counterpart, restoration and background": (combiner_model, (counterpart_match, restoration, background)),
    "+ m-USE token by token (linear ablation, gradient, contributions in context)": (combiner_model,
                                                                                     (token_contributions,)),
    "+ the word against whole sentences (the other side's, its own without it)": (combiner_model,
                                                                                  (word_and_sentences,)),
    "+ pair similarity (× kind)": (combiner_model, (pair_similarity,)),
}


def features(x: np.ndarray, found: list[Candidate], extras: tuple[Extra, ...]) -> np.ndarray:
    return np.hstack([x, *(extra(found) for extra in extras)]) if extras else x


def threshold_at(p: np.ndarray, corpus: tuple, n_pairs: int) -> float:
    """The lowest threshold at which at most ``CLEAN_SHARE`` of the corpus's clean pairs are flagged."""
    _, labels, found, cases = corpus
    return next(float(t) for t in np.linspace(0.0, 0.99999, 4000)
                if scores(p, t, found, labels, n_pairs, cases)[0] <= CLEAN_SHARE)


def grouped_oof(make: Callable[[], Any], x: np.ndarray, corpus: tuple, texts: list[str]) -> np.ndarray:
    """Out-of-fold probabilities, 5 folds grouped by the pair's English sentence."""
    from sklearn.model_selection import GroupKFold

    _, labels, found, _ = corpus
    ids: dict[str, int] = {}
    groups = np.array([ids.setdefault(t, len(ids)) for t in texts])
    pair = np.array([c.pair for c in found])
    oof = np.zeros(len(found))
    for train, _ in GroupKFold(5).split(groups, groups=groups):
        fit = np.isin(pair, train)
        oof[~fit] = make().fit(x[fit], labels[fit]).predict_proba(x[~fit])[:, 1]
    return oof


KINDS = ("noun", "dropped", "name")


def measured(p: np.ndarray, t: float, corpus: tuple, n_pairs: int) -> dict[str, float]:
    """Share of clean pairs flagged and recall per injected kind at threshold ``t``."""
    _, labels, found, cases = corpus
    clean, recall = scores(p, t, found, labels, n_pairs, cases)
    return {"clean": clean, **{k: recall[k] for k in KINDS}}


def competitive_weak_words(words: term.BeadWords, vectors: dict[str, np.ndarray],
                           lexicon: Lexicon | None = None) -> list[term.Unmatched]:
    """``term.weak_words`` with the lexicon's matches linked competitively (Melamed's competitive linking, as a
    maximum bipartite matching): a Thai token confirms one English word, so an English word whose only Thai
    translations in the pair are taken by other words is asked about (state → ประเทศ, already nationwide's)."""
    lexicon = lexicon or load_lexicon()
    tokens = [t.text for t in words.tokens]
    options: dict[int, set[int]] = {}
    for k, w in enumerate(words.en):
        forms = lexicon.thai_for(w.text) if k not in words.en_done else frozenset()
        at = {a for a, _ in token_runs(tokens, forms, longest=4)} | {
            j for j, t in enumerate(tokens) if any(len(f) >= MIN_SUBSTRING and f in t for f in forms)}
        if at:
            options[k] = at
    owner: dict[int, int] = {}

    def augment(k: int, seen: set[int]) -> bool:
        for j in sorted(options[k] - seen):
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = k
                return True
        return False

    for k in sorted(options, key=lambda k: len(options[k])):
        augment(k, set())
    linked = {words.en[k].start for k in owner.values()}
    weak = []
    for u in term.word_scores(words, vectors):
        kind = "unfound" if lexicon.thai_for(u.word) else "unknown"
        if u.start not in linked and u.score < term.CANDIDATE_SIM[kind]:
            weak.append(replace(u, kind=kind))
    return weak + term.thai_weak_words(words, vectors, lexicon)


COLLECTIONS: dict[str, Callable[[], AbstractContextManager[Any]]] = {
    "pair gate 0.3 (before; MIN_PAIR_SIM now 0.2), shipped features refitted":
        lambda: patch.object(term, "MIN_PAIR_SIM", 0.3),
    "competitive linking of the lexicon's matches, shipped features refitted":
        lambda: patch.object(term, "weak_words", competitive_weak_words),
}
"""Changes to which words become candidates: the corpora are collected again under each."""


def direction_rows() -> list[dict[str, Any]]:
    """Per direction and fit → check: the held-out corpus's figures, and each corpus's grouped 5-fold ones."""
    pairs, data = collect_corpora()
    rows = []
    for label, (make, extras) in DIRECTIONS.items():
        rows += _measure(label, make, extras, pairs, data)
    for label, collected_under in COLLECTIONS.items():
        with collected_under():
            variant = collect_corpora()
        rows += _measure(label, combiner_model, (), *variant)
    return rows


def _measure(label: str, make: Callable[[], Any], extras: tuple[Extra, ...], pairs: dict[str, list[tuple[str, str]]],
             data: dict[str, tuple]) -> list[dict[str, Any]]:
    texts = {name: [e for _, e in p] + [c.en for c in data[name][3]] for name, p in pairs.items()}
    n = {name: len(p) for name, p in pairs.items()}
    x = {name: features(d[0], d[2], extras) for name, d in data.items()}
    cv = {name: grouped_oof(make, x[name], data[name], texts[name]) for name in data}
    at3 = {name: measured(cv[name], threshold_at(cv[name], data[name], n[name]), data[name], n[name]) for name in data}
    rows = []
    for fit, check in (("tatoeba", "flores"), ("flores", "tatoeba")):
        model = make().fit(x[fit], data[fit][1])
        t = threshold_at(model.predict_proba(x[fit])[:, 1], data[fit], n[fit])
        rows.append({"direction": label, "fit": fit, "check": check,
                     "held_out": measured(model.predict_proba(x[check])[:, 1], t, data[check], n[check]), "cv": at3})
        print(label, fit, "→", check, rows[-1]["held_out"], flush=True)
    return rows


def main() -> None:
    import json

    from eval.__main__ import RESULTS, commit
    from eval.report import write
    from thalign._util.files import atomic_write

    rows = direction_rows()
    RESULTS.mkdir(exist_ok=True)
    atomic_write(RESULTS / "term_directions.json",
                 json.dumps({"signature": f"commit:{commit()}|seed:11", "rows": rows}, indent=1).encode())
    print("wrote", write())


if __name__ == "__main__":
    main()
