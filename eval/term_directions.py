"""Directions for the ``term`` combiner measured and not kept, reproducibly (issue 13).

``python -m eval.term_directions`` collects the combiner's candidates once (``eval.term_combiner.collect``, the
benchmark's draw, seed 11) and asks whether anything beyond the shipped features separates an injected word from
a loose translation. Each direction is scored two ways:

- across corpora: fitted on one of Tatoeba / FLORES, threshold where 3% of that corpus's clean pairs are flagged,
  then scored on the other (the shipped combiner is the first row, fitted on Tatoeba);
- within a corpus: 5-fold cross-validation grouped by English sentence (a clean pair and its injected copies stay
  in one fold), recall read off the pooled out-of-fold probabilities where 3% of clean pairs are flagged, so two
  models are compared at the same clean rate.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import numpy as np

from eval.term_combiner import CLEAN_SHARE, Candidate, collect_corpora, combiner_model, scores
from thalign.flags import term
from thalign.flags.ablation import without
from thalign.flags.lexicon import load_lexicon

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


def direction_rows() -> list[dict[str, Any]]:
    """Per direction and fit → check: the held-out corpus's figures, and each corpus's grouped 5-fold ones."""
    pairs, data = collect_corpora()
    texts = {name: [e for _, e in p] + [c.en for c in data[name][3]] for name, p in pairs.items()}
    n = {name: len(p) for name, p in pairs.items()}
    rows = []
    for label, (make, extras) in DIRECTIONS.items():
        x = {name: features(d[0], d[2], extras) for name, d in data.items()}
        cv = {name: grouped_oof(make, x[name], data[name], texts[name]) for name in data}
        at3 = {name: measured(cv[name], threshold_at(cv[name], data[name], n[name]), data[name], n[name]) for name in data}
        for fit, check in (("tatoeba", "flores"), ("flores", "tatoeba")):
            model = make().fit(x[fit], data[fit][1])
            t = threshold_at(model.predict_proba(x[fit])[:, 1], data[fit], n[fit])
            rows.append({"direction": label, "fit": fit, "check": check,
                         "held_out": measured(model.predict_proba(x[check])[:, 1], t, data[check], n[check]),
                         "cv": at3})
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
