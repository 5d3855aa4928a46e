"""Segmentation benchmark: sentence-boundary precision/recall/F1 against gold sentences joined by a space."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from eval.data import flores_documents, orchid_paragraphs
from eval.score import boundary_scores, prf
from thalign.segment import get_segmenter


def _pythainlp_crfcut(text: str) -> list[str]:
    from pythainlp.tokenize import sent_tokenize

    return [piece for piece in sent_tokenize(text, engine="crfcut") if isinstance(piece, str)]  # str in, str out


def _engine(name: str) -> Callable[[str], list[str]]:
    if name == "pythainlp-crfcut":
        return _pythainlp_crfcut
    segmenter = get_segmenter(name)
    return lambda text: [s.text for s in segmenter(text)]


def score_segmenter(name: str, documents: Sequence[Sequence[str]],
                    per_document: Sequence[Callable[[str], list]] | None = None) -> dict[str, Any]:
    """Boundary P/R/F1 of engine ``name`` (or of ``per_document[i]`` on document i: held-out models)."""
    split = _engine(name) if per_document is None else None
    tp = fp = fn = 0
    start = time.perf_counter()
    for i, sentences in enumerate(documents):
        if split is not None:
            pieces = split(" ".join(sentences))
        else:
            assert per_document is not None
            pieces = [s.text for s in per_document[i](" ".join(sentences))]
        t, f, n = boundary_scores(sentences, pieces)
        tp, fp, fn = tp + t, fp + f, fn + n
    return {"engine": name, "docs": len(documents), "gold_boundaries": tp + fn, **prf(tp, fp, fn),
            "seconds": time.perf_counter() - start}


def run(thai_engines: Sequence[str] = ("pythainlp-crfcut", "crfcut"), english_engines: Sequence[str] = ("pysbd", "moses"),
        orchid_limit: int = 2000) -> list[dict[str, Any]]:
    from eval.data import long_documents

    flores = flores_documents()
    orchid = [p.sentences for p in orchid_paragraphs() if len(p.sentences) > 1]
    held_out = orchid[-orchid_limit:]  # the tail of ORCHID: held out from any training (see issue 6)
    corpora = {"flores-docs": [d.th for d in flores], "flores-long": [d.th for d in long_documents(flores)],
               f"orchid-last{len(held_out)}": held_out}
    rows = [{"lang": "th", "corpus": corpus, **score_segmenter(engine, docs)}
            for engine in thai_engines for corpus, docs in corpora.items()]
    rows += learned_rows(corpora)
    rows += orchid_trained_rows(corpora, orchid[:-orchid_limit])
    for engine in english_engines:
        rows.append({"lang": "en", "corpus": "flores-docs", **score_segmenter(engine, [d.en for d in flores])})
    return rows


def learned_rows(corpora: Mapping[str, Sequence[Sequence[str]]]) -> list[dict[str, Any]]:
    """The learned segmenter, never scored on a document its model saw: 5-fold cross-validation by document
    on FLORES (each fold's model also trained on all of TUD train, as the shipped one is), held-out training
    for the long documents, and the shipped model (FLORES + TUD train) on ORCHID. ``corpora`` as built by ``run``."""
    from eval.train_segmenter import fold_segmenters, held_out_segments, training_corpora

    docs, longs = corpora["flores-docs"], corpora["flores-long"]
    tud = training_corpora()["tud-train"]
    orchid_name = next(name for name in corpora if name.startswith("orchid"))
    orchid_held_out = corpora[orchid_name]
    engine = "learned"
    return [
        {"lang": "th", "corpus": "flores-docs", **score_segmenter(engine, docs, fold_segmenters(docs, extra=tud)),
         "engine": "learned (5-fold CV)"},
        {"lang": "th", "corpus": "flores-long",
         **score_segmenter(engine, longs, held_out_segments(longs, docs, extra=tud)), "engine": "learned (held out)"},
        {"lang": "th", "corpus": orchid_name,
         **score_segmenter(engine, orchid_held_out, [get_segmenter(engine)] * len(orchid_held_out)),
         "engine": "learned (shipped)"},
    ]


def orchid_trained_rows(corpora: Mapping[str, Sequence[Sequence[str]]],
                        orchid_train: Sequence[Sequence[str]]) -> list[dict[str, Any]]:
    """The same learner trained on ORCHID instead (all but the held-out tail; evaluation only, never
    shipped: ORCHID's licence is non-commercial), scored on FLORES, which it never saw, and on the tail."""
    from eval.train_segmenter import train
    from thalign.segment.learned import LearnedSegmenter

    model = LearnedSegmenter(train(orchid_train, "orchid"))
    engine = f"learned (trained on ORCHID, {len(orchid_train)} paragraphs)"
    return [{"lang": "th", "corpus": corpus, **score_segmenter("learned", docs, [model] * len(docs)), "engine": engine}
            for corpus, docs in corpora.items()]


VARIANTS: dict[str, tuple[tuple[str, ...], float]] = {
    "learned, features of the issue-16 start, C 0.3": ((), 1.0),
    "+ crfcut marginal, C 0.3": (("crfcut_marginal",), 1.0),
    "+ crfcut marginal + relative length, C 0.3 (the model shipped before)": (("crfcut_marginal", "relative_length"), 1.0),
}
"""(feature sets, context scale; C 0.3) of each learned row of the cross-genre table (``eval.train_segmenter.Features``);
the shipped features (``SHIPPED``) are added as the row marked (new)."""


def cross_genre_rows(issue6_model: str | None = None, orchid_limit: int = 2000,
                     variants: Mapping[str, tuple[tuple[str, ...], float]] = VARIANTS) -> list[dict[str, Any]]:
    """Thai segmenters across four genres, each cell scored by a model that never trained on its corpus.

    Columns: FLORES documents (wiki news, travel, books), UD Thai-TUD dev as 8-sentence texts (national
    corpus + Wikipedia, many genres), the ORCHID tail (technical papers; evaluation only), Tatoeba's Thai side
    as 8-sentence texts (conversation; a validation genre, never trained on). Rows: crfcut; the issue-6 learned
    model (FLORES only; its file given as ``issue6_model``; not on FLORES); each learned variant trained on the
    *other* corpora (FLORES ← TUD train, TUD dev ← FLORES, ORCHID and Tatoeba ← FLORES + TUD train), decoded
    with the knobs ``choose_decoding`` picks for it over FLORES, TUD train and Tatoeba (no TUD dev or ORCHID
    label ever chose anything); and the shipped monolingual model (FLORES + TUD train) where it did not train.
    Each row also gives the ceiling a model cutting only at chunk boundaries can reach."""
    from eval.data import tud_texts
    from eval.train_segmenter import SHIPPED, TEXT_SIZE, Features, choose_decoding, example, train, validation_corpora
    from thalign.segment.learned import BoundaryModel, LearnedSegmenter

    validation = validation_corpora()
    flores, tud_train = validation["flores"], validation["tud-train"]
    orchid = [p.sentences for p in orchid_paragraphs() if len(p.sentences) > 1][-orchid_limit:]
    columns = {"flores-docs": flores, f"tud-dev ({TEXT_SIZE}-sentence texts)": tud_texts("dev", TEXT_SIZE),
               f"orchid-last{len(orchid)}": orchid, f"tatoeba ({TEXT_SIZE}-sentence texts)": validation["tatoeba"]}
    names = list(columns)
    plans: dict[str, dict[str, Sequence[Callable[[str], list[Any]]] | None]] = {"crfcut": dict.fromkeys(names)}
    if issue6_model:
        old = LearnedSegmenter(BoundaryModel.load(issue6_model))
        plans["learned (issue 6: FLORES only)"] = {name: [old] * len(columns[name]) for name in names[1:]}
    shipped_label = (f"shipped features (new: {', '.join(SHIPPED.sets)}, context × {SHIPPED.context_scale}, "
                     f"C {SHIPPED.C})")
    for label, features in [*((k, Features(*v)) for k, v in variants.items()), (shipped_label, SHIPPED)]:
        cut_bias, weight, _ = choose_decoding(list(validation.values()), features)

        def model(docs: Sequence[Sequence[str]], name: str, decoding: tuple[float, float] = (cut_bias, weight),
                  features: Features = features) -> LearnedSegmenter:
            return LearnedSegmenter(train(docs, name, decoding, features=features))

        both = model([*flores, *tud_train], "flores+tud-train")
        plans[f"{label}, other corpora (cut bias {cut_bias}, length weight {weight})"] = {
            names[0]: [model(tud_train, "tud-train")] * len(flores),
            names[1]: [model(flores, "flores")] * len(columns[names[1]]),
            **{name: [both] * len(columns[name]) for name in names[2:]}}
    shipped = LearnedSegmenter()
    plans["new, shipped model (FLORES + TUD train)"] = {name: [shipped] * len(columns[name]) for name in names[1:]}
    rows = [{"lang": "th", "corpus": corpus, **_score_cell(columns[corpus], per_document), "engine": engine}
            for engine, cells in plans.items() for corpus, per_document in cells.items()]
    for corpus, docs in columns.items():  # a gold boundary inside a chunk (glued numbers, brackets) is out of reach
        reachable = sum(int(example(d).labels.sum()) for d in docs) / max(sum(example(d).gold_boundaries for d in docs), 1)
        rows.append({"lang": "th", "corpus": corpus, "engine": "ceiling: cuts at chunk boundaries only",
                     **prf(round(reachable * 10**6), 0, round((1 - reachable) * 10**6)), "seconds": 0.0})
    return rows


def _score_cell(documents: Sequence[Sequence[str]], per_document: Sequence[Any] | None) -> dict[str, Any]:
    """Boundary P/R/F1 of crfcut (``None``) or of the learned segmenters given per document, from candidates
    computed once per text (train_segmenter.example) rather than once per model, with each model's own
    features (``Candidates.for_model``)."""
    from eval.train_segmenter import example

    tp = fp = fn = 0
    start = time.perf_counter()
    for i, sentences in enumerate(documents):
        ex = example(sentences)
        if per_document is None:
            pieces = ex.found.crf
        else:
            pieces = per_document[i].segment_candidates(ex.text, ex.found.for_model(per_document[i].model))
        t, f, n = boundary_scores(sentences, [s.text for s in pieces])
        tp, fp, fn = tp + t, fp + f, fn + n
    return {"docs": len(documents), "gold_boundaries": tp + fn, **prf(tp, fp, fn),
            "seconds": time.perf_counter() - start}


def cross_genre_table(rows: Sequence[dict[str, Any]]) -> str:
    """Markdown: one row per segmenter, one F1 column per corpus (— where the corpus was trained on)."""
    corpora = list(dict.fromkeys(r["corpus"] for r in rows))
    by = {(r["engine"], r["corpus"]): r for r in rows}
    lines = ["| segmenter | " + " | ".join(corpora) + " |", "|---" * (len(corpora) + 1) + "|"]
    for engine in dict.fromkeys(r["engine"] for r in rows):
        cells = [f"{by[engine, c]['f1']:.3f}" if (engine, c) in by else "—" for c in corpora]
        lines.append(f"| {engine} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


# Issue 16's directions, each measured on every column by models that never trained on it.

BIAS_GRID = tuple(round(0.25 * k, 2) for k in range(-2, 13))
"""Cut biases (shifts of the classifier's log-odds) the directions are scored at, −0.5 … 3.0."""
FeatureFn = Callable[[Any], list[dict[str, float]]]


def _shipped_features(ex: Any) -> list[dict[str, float]]:
    from eval.train_segmenter import SHIPPED

    return list(ex.found.for_model(SHIPPED.reader()).features)


def _document_statistics(ex: Any) -> dict[str, float]:
    """What a document says of its own rate of sentence ends per space: its median chunk length (log2,
    centred at 16 characters), crfcut's mean marginal and its share of spaces crfcut would cut."""
    p = ex.found.crf_end
    lengths = [len(c.text) for c in ex.found.chunks]
    return {"dmed": math.log2(float(np.median(lengths))) - 4, "dcrf": float(p.mean()) if len(p) else 0.0,
            "drate": float((p > 0.5).mean()) if len(p) else 0.0}


def _with_document_rate(ex: Any) -> list[dict[str, float]]:
    """Shipped features + the document statistics, alone and crossed with crfcut's log-odds (a per-document
    shift of the cut bias and of crfcut's weight, learned from how training documents vary)."""
    stats = _document_statistics(ex)
    return [{**f, **stats, **{f"crflogit*{k}": f["crflogit"] * v for k, v in stats.items()}}
            for f in _shipped_features(ex)]


@lru_cache(maxsize=1)
def _pud_tagger() -> Any:
    """pythainlp's perceptron POS tagger trained on UD Thai-PUD (pos_ud_perceptron-v0.2.json; 1,000 news/wiki
    sentences translated from English): neither ORCHID (pos_orchid_*) nor TUD (pos_tud_*, which would have
    seen the TUD dev column)."""
    from pythainlp.tag.perceptron import _pud_tagger as tagger  # the file's loader, not rewritten here

    return tagger()


def _with_pos(ex: Any) -> list[dict[str, float]]:
    tags = [[t for _, t in _pud_tagger().tag(words)] for words in ex.found.words]
    out = []
    for k, f in enumerate(_shipped_features(ex)):
        left, right = tags[k], tags[k + 1]
        out.append({**f, f"lp={left[-1]}": 1.0, f"rp={right[0]}": 1.0, f"lprp={left[-1]}|{right[0]}": 1.0,
                    f"lp2={'|'.join(left[-2:])}": 1.0, f"rp2={'|'.join(right[:2])}": 1.0})
    return out


@lru_cache(maxsize=1)
def _tnc_frequency() -> dict[str, int]:
    from pythainlp.corpus import get_corpus

    pairs = (line.split("\t") for line in get_corpus("tnc_freq.txt", comments=False))
    return {p[0]: int(p[1]) for p in pairs if len(p) == 2 and p[1].strip().isdigit()}


def _with_frequency(ex: Any) -> list[dict[str, float]]:
    """Shipped features + the Thai National Corpus frequency (log10 bins) of the words either side."""
    freq = _tnc_frequency()

    def bin_of(word: str) -> int:
        return min(int(math.log10(freq.get(word, 0) + 1)), 6)

    words = ex.found.words
    return [{**f, f"lf={bin_of(words[k][-1])}": 1.0, f"rf={bin_of(words[k + 1][0])}": 1.0}
            for k, f in enumerate(_shipped_features(ex))]


@lru_cache(maxsize=1)
def _sentence_embedder() -> Any:
    from eval.__main__ import embedder

    return embedder()


_chunk_vectors: dict[str, np.ndarray] = {}


def _vectors_of_chunks(ex: Any) -> np.ndarray:
    """m-USE vectors (the aligner's model) of a text's chunks, once per text."""
    if ex.text not in _chunk_vectors:
        _chunk_vectors[ex.text] = np.asarray(_sentence_embedder().encode([c.text for c in ex.found.chunks]))
    return _chunk_vectors[ex.text]


def _with_chunk_cosine(ex: Any) -> list[dict[str, float]]:
    """Shipped features + the cosine of the two chunks' sentence vectors: does the text change subject here?"""
    v = _vectors_of_chunks(ex)
    return [{**f, "ecos": float(v[k] @ v[k + 1])} for k, f in enumerate(_shipped_features(ex))]


def _with_chunk_vectors(ex: Any) -> list[dict[str, float]]:
    """Shipped features + the cosine and both chunks' 512 sentence-vector dimensions: does the left chunk read
    as a finished sentence and the right one as a start, to a multilingual sentence encoder?"""
    v = _vectors_of_chunks(ex)
    return [{**f, **{f"el{i}": float(x) for i, x in enumerate(v[k])},
             **{f"er{i}": float(x) for i, x in enumerate(v[k + 1])}}
            for k, f in enumerate(_with_chunk_cosine(ex))]


def _thaisum_starts(text: str) -> set[int]:
    """Where pythainlp's ThaiSum segmenter (hand-written rules for Thai news, Chumpolsathien 2020; trained on none
    of these corpora) starts a sentence, as offsets into the text."""
    from pythainlp.tokenize import sent_tokenize

    starts, at = set(), 0
    for sentence in sent_tokenize(text, engine="thaisum"):
        head = str(sentence).strip()[:12]
        found = text.find(head, at) if head else -1
        if found >= 0:
            starts.add(found)
            at = found + 1
    return starts


def _with_thaisum(ex: Any) -> list[dict[str, float]]:
    """Shipped features + whether ThaiSum's rules start a sentence at the space, alone and with crfcut's bin."""
    starts = _thaisum_starts(ex.text)
    out = []
    for k, f in enumerate(_shipped_features(ex)):
        cut = ex.found.chunks[k + 1].start in starts
        crf_bin = next((n for n in f if n.startswith("crfbin=")), "crfbin=?")
        out.append({**f, "thaisum": float(cut), f"thaisum|{crf_bin}": float(cut)})
    return out


def _with_opening_word(ex: Any) -> list[dict[str, float]]:
    """Shipped features + whether the chunk before the space opens its text or paragraph, alone and with its
    first word: a text that opens with an adverbial (ในระหว่างการประชุม, "during the meeting") goes on past
    the space, which the second seed's splits show."""
    words, chunks = ex.found.words, ex.found.chunks
    out = []
    for k, f in enumerate(_shipped_features(ex)):
        opens = float(k == 0 or chunks[k].paragraph != chunks[k - 1].paragraph)
        out.append({**f, "lopen": opens, f"lopen|lf1={words[k][0]}": opens})
    return out


@dataclass(frozen=True)
class Direction:
    label: str
    features: FeatureFn = _shipped_features
    C: float = 0.1
    extra_training: tuple[str, ...] = ()
    sequence: bool = False
    """A CRF over the spaces of a text (python-crfsuite; ``C`` is its L2 weight c2) instead of the logistic model."""


NEW = Direction("logistic, shipped features, C 0.1 (new)")
"""The shipped monolingual model's learner (eval.train_segmenter.SHIPPED)."""
DIRECTIONS = (
    Direction("logistic, shipped features, C 0.3 (before)", C=0.3),
    NEW,
    Direction("+ Tatoeba in training", extra_training=("tatoeba",)),
    Direction("+ document rate statistics, crossed with crfcut", _with_document_rate),
    Direction("+ document rate statistics, Tatoeba in training", _with_document_rate, extra_training=("tatoeba",)),
    Direction("+ POS of the words around the space (PUD tagger)", _with_pos),
    Direction("+ word frequency (TNC) around the space", _with_frequency),
    Direction("CRF over chunks (crfsuite, c2 1.0), shipped + neighbours' crfcut/punctuation/length", C=1.0,
              sequence=True),
    Direction("+ cosine of the two chunks' sentence vectors (m-USE)", _with_chunk_cosine),
    Direction("+ both chunks' sentence vectors (m-USE, 2 × 512) and their cosine", _with_chunk_vectors),
    Direction("+ ThaiSum's rule-based cut at the space (pythainlp, news rules)", _with_thaisum),
    Direction("+ the chunk before the space opens its text, with its first word", _with_opening_word),
)
_NEIGHBOUR_FEATURES = ("crfp", "crflogit", "crfbin=", "lq=", "rq=", "lrel=", "rrel=")


class _Scorer:
    """Fits one direction's model on some texts and scores the candidate spaces of others (log-odds)."""

    def __init__(self, direction: Direction, documents: Sequence[Sequence[str]]) -> None:
        from eval.train_segmenter import example

        self.direction, self.example = direction, example
        examples = [example(d) for d in documents if len(example(d).labels)]
        if direction.sequence:
            self.model = self._fit_crf(examples)
        else:
            from sklearn.feature_extraction import DictVectorizer
            from sklearn.linear_model import LogisticRegression

            rows = [f for ex in examples for f in direction.features(ex)]
            self.vectorizer = DictVectorizer()
            labels = np.concatenate([ex.labels for ex in examples])
            self.model = LogisticRegression(C=direction.C, max_iter=3000).fit(self.vectorizer.fit_transform(rows), labels)

    def _sequence(self, ex: Any) -> Any:
        import pycrfsuite  # type: ignore[import-untyped]  # no stubs; pythainlp ships it for crfcut

        base = self.direction.features(ex)
        items = []
        for k, f in enumerate(base):
            item = dict(f)
            for tag, j in (("p", k - 1), ("n", k + 1)):
                if 0 <= j < len(base):
                    item.update({f"{tag}_{n}": v for n, v in base[j].items() if n.startswith(_NEIGHBOUR_FEATURES)})
                else:
                    item[f"{tag}_edge"] = 1.0
            items.append({n.replace("=", ":"): v for n, v in item.items()})  # ":" is crfsuite's weight separator
        return pycrfsuite.ItemSequence(items)

    def _fit_crf(self, examples: Sequence[Any]) -> Any:
        import tempfile

        import pycrfsuite

        trainer = pycrfsuite.Trainer(verbose=False)
        for ex in examples:
            trainer.append(self._sequence(ex), ["E" if label else "O" for label in ex.labels])
        trainer.set_params({"c1": 0.0, "c2": self.direction.C, "max_iterations": 200})
        with tempfile.TemporaryDirectory() as tmp:
            trainer.train(f"{tmp}/model.crfsuite")
            tagger = pycrfsuite.Tagger()
            tagger.open(f"{tmp}/model.crfsuite")  # crfsuite maps the file into memory when it opens it
        return tagger

    def log_odds(self, ex: Any) -> np.ndarray:
        if not len(ex.labels):
            return np.zeros(0)
        if self.direction.sequence:
            self.model.set(self._sequence(ex))
            p = np.array([self.model.marginal("E", i) for i in range(len(ex.labels))])
            return np.log((p + 1e-9) / (1 - p + 1e-9))
        return np.asarray(self.model.decision_function(self.vectorizer.transform(self.direction.features(ex))))

    def f1_by_bias(self, documents: Sequence[Sequence[str]]) -> np.ndarray:
        """Boundary F1 on ``documents`` at each bias of ``BIAS_GRID`` (a cut where log-odds + bias > 0; a gold
        boundary inside a chunk counts as missed, as in train_segmenter.f1_of; no name rule, no length prior:
        the shipped decoding has weight 0, and these test texts hold no paragraph or name break)."""
        examples = [self.example(d) for d in documents]
        z = np.concatenate([self.log_odds(ex) for ex in examples])
        labels = np.concatenate([ex.labels for ex in examples])
        gold = sum(ex.gold_boundaries for ex in examples)
        out = []
        for bias in BIAS_GRID:
            cut = z + bias > 0
            out.append(2 * int((cut & labels).sum()) / max(int(cut.sum()) + gold, 1))
        return np.array(out)


def direction_columns(orchid_limit: int = 2000) -> tuple[dict[str, list[tuple[str, ...]]], dict[str, tuple[str, ...]]]:
    """The columns (test corpora) and, for each, the training corpora that never saw it."""
    from eval.data import tud_texts
    from eval.train_segmenter import TEXT_SIZE, validation_corpora

    corpora = validation_corpora()
    corpora["tud-dev"] = tud_texts("dev", TEXT_SIZE)
    corpora[f"orchid-last{orchid_limit}"] = [p.sentences for p in orchid_paragraphs() if len(p.sentences) > 1][-orchid_limit:]
    training = {"flores": ("tud-train",), "tud-dev": ("flores",), f"orchid-last{orchid_limit}": ("flores", "tud-train"),
                "tatoeba": ("flores", "tud-train")}
    return corpora, training


def direction_rows(directions: Sequence[Direction] = DIRECTIONS, orchid_limit: int = 2000) -> list[dict[str, Any]]:
    """Every direction on every column, at the cut bias chosen by leave-one-genre-out over the validation
    corpora (FLORES, TUD train, Tatoeba: fit on two, score the third; mean F1), with each column's best
    bias read after the fact (``oracle``, for scale only); then the two bounds of a per-document rate."""
    corpora, training = direction_columns(orchid_limit)
    validation = ("flores", "tud-train", "tatoeba")
    rows: list[dict[str, Any]] = []
    for direction in directions:
        held_out = [_Scorer(direction, [d for other in validation if other != name for d in corpora[other]])
                    .f1_by_bias(corpora[name]) for name in validation]
        pick = int(np.argmax(np.mean(held_out, axis=0)))
        models: dict[tuple[str, ...], _Scorer] = {}
        for column, sources in training.items():
            sources = (*sources, *direction.extra_training)
            if column in sources:
                continue
            if sources not in models:
                models[sources] = _Scorer(direction, [d for name in sources for d in corpora[name]])
            f1 = models[sources].f1_by_bias(corpora[column])
            rows.append({"engine": direction.label, "corpus": column, "f1": float(f1[pick]), "bias": BIAS_GRID[pick],
                         "validation_f1": float(np.mean(held_out, axis=0)[pick]),
                         "oracle_f1": float(f1.max()), "oracle_bias": BIAS_GRID[int(np.argmax(f1))]})
    rows += rate_bound_rows(corpora, training)
    return rows


def rate_bound_rows(corpora: Mapping[str, Sequence[Sequence[str]]],
                    training: Mapping[str, tuple[str, ...]]) -> list[dict[str, Any]]:
    """How far a per-document boundary rate can go: each text cut at its top-k spaces by the new model's
    log-odds, k from the text's own gold count (an upper bound: the rate known exactly) or from a ridge
    regression of the rate on the document statistics, fitted on the training texts."""
    from sklearn.linear_model import Ridge

    rows: list[dict[str, Any]] = []
    direction = NEW
    for column, sources in training.items():
        train_docs = [d for name in sources for d in corpora[name]]
        scorer = _Scorer(direction, train_docs)
        train_ex = [scorer.example(d) for d in train_docs if len(scorer.example(d).labels)]
        stats = np.array([list(_document_statistics(ex).values()) for ex in train_ex])
        regression = Ridge(alpha=1.0).fit(stats, [ex.labels.mean() for ex in train_ex],
                                          sample_weight=[len(ex.labels) for ex in train_ex])
        examples = [scorer.example(d) for d in corpora[column]]
        predicted = regression.predict([list(_document_statistics(ex).values()) for ex in examples])
        rates = {"bound: each text's own gold rate, top-k cut": [float(ex.labels.mean()) if len(ex.labels) else 0.0
                                                                for ex in examples],
                 "per-document rate from document statistics (ridge), top-k cut": np.clip(predicted, 0.02, 0.98)}
        for label, rate in rates.items():
            tp = fp = gold = 0
            for ex, r in zip(examples, rate):
                gold += ex.gold_boundaries
                if not len(ex.labels):
                    continue
                cut = np.zeros(len(ex.labels), dtype=bool)
                cut[np.argsort(-scorer.log_odds(ex))[: round(r * len(ex.labels))]] = True
                tp, fp = tp + int((cut & ex.labels).sum()), fp + int((cut & ~ex.labels).sum())
            rows.append({"engine": label, "corpus": column, "f1": 2 * tp / max(tp + fp + gold, 1)})
    return rows


def directions_table(rows: Sequence[dict[str, Any]], crfcut: Mapping[str, float]) -> str:
    """Markdown: F1 at the validation-chosen bias (and each column's after-the-fact best) per direction."""
    corpora = list(dict.fromkeys(r["corpus"] for r in rows))
    by = {(r["engine"], r["corpus"]): r for r in rows}
    lines = ["| direction | bias (validation F1) | " + " | ".join(corpora) + " |", "|---" * (len(corpora) + 2) + "|",
             "| crfcut | — | " + " | ".join(f"{crfcut[c]:.3f}" if c in crfcut else "—" for c in corpora) + " |"]
    for engine in dict.fromkeys(r["engine"] for r in rows):
        first = next(r for r in rows if r["engine"] == engine)
        chosen = f"{first['bias']} ({first['validation_f1']:.3f})" if "bias" in first else "—"
        cells = []
        for c in corpora:
            r = by.get((engine, c))
            cells.append("—" if r is None else f"{r['f1']:.3f}" + (f" ({r['oracle_f1']:.3f}@{r['oracle_bias']})"
                                                                   if "oracle_f1" in r else ""))
        lines.append(f"| {engine} | {chosen} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    import argparse
    import json

    from eval.__main__ import RESULTS, commit
    from thalign._util.files import atomic_write

    parser = argparse.ArgumentParser(description="Cross-genre Thai segmentation table (issue 16)")
    parser.add_argument("--issue6-model", help="the issue-6 learned model file (format 1), for its row")
    parser.add_argument("--directions", action="store_true", help="issue 16's directions table instead")
    args = parser.parse_args()
    if args.directions:
        directions_main()
        return
    rows = cross_genre_rows(args.issue6_model)
    RESULTS.mkdir(exist_ok=True)
    atomic_write(RESULTS / "segmentation_cross_genre.json",
                 json.dumps({"signature": f"commit:{commit()}", "rows": rows}, indent=1, ensure_ascii=False).encode())
    print(cross_genre_table(rows))
    for r in rows:
        print(f"{r['engine']:45} {r['corpus']:28} P {r['p']:.3f} R {r['r']:.3f} F1 {r['f1']:.3f} {r['seconds']:.1f}s")


def directions_main() -> None:
    import json

    from eval.__main__ import RESULTS, commit
    from eval.train_segmenter import example
    from thalign._util.files import atomic_write

    rows = direction_rows()
    if _sentence_embedder.cache_info().currsize:
        _sentence_embedder().flush()  # the chunk vectors, for the next run
    corpora, _ = direction_columns()
    crfcut: dict[str, float] = {}
    for column in dict.fromkeys(r["corpus"] for r in rows):
        counts = np.sum([boundary_scores(d, [s.text for s in example(d).found.crf]) for d in corpora[column]], axis=0)
        crfcut[column] = prf(*(int(x) for x in counts))["f1"]
    RESULTS.mkdir(exist_ok=True)
    atomic_write(RESULTS / "segmentation_directions.json",
                 json.dumps({"signature": f"commit:{commit()}", "crfcut": crfcut, "rows": rows}, indent=1,
                            ensure_ascii=False).encode())
    print(directions_table(rows, crfcut))


if __name__ == "__main__":
    main()
