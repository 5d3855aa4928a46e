"""Segmentation benchmark: sentence-boundary precision/recall/F1 against gold sentences joined by a space."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

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
    "learned, features of the issue-16 start": ((), 1.0),
    "+ crfcut marginal": (("crfcut_marginal",), 1.0),
    "+ crfcut marginal + relative length": (("crfcut_marginal", "relative_length"), 1.0),
}
"""(feature sets, context scale) of each learned row of the cross-genre table (``eval.train_segmenter.Features``);
the shipped features (``SHIPPED``) are added as the row marked (new)."""


def cross_genre_rows(issue6_model: str | None = None, orchid_limit: int = 2000,
                     variants: Mapping[str, tuple[tuple[str, ...], float]] = VARIANTS) -> list[dict[str, Any]]:
    """Thai segmenters across three genres, each cell scored by a model that never trained on its corpus.

    Columns: FLORES documents (wiki news, travel, books), UD Thai-TUD dev as 8-sentence texts (national
    corpus + Wikipedia, many genres), the ORCHID tail (technical papers; evaluation only). Rows: crfcut; the
    issue-6 learned model (FLORES only; its file given as ``issue6_model``; TUD and ORCHID only); each learned
    variant trained on the *other* corpora (FLORES ← TUD train, TUD dev ← FLORES, ORCHID ← FLORES + TUD train),
    decoded with the knobs ``choose_decoding`` picks for it by FLORES ↔ TUD train transfer (no TUD dev or
    ORCHID label ever chose anything); and the shipped monolingual model (FLORES + TUD train) on TUD dev and
    ORCHID. Each row also gives the ceiling a model cutting only at chunk boundaries can reach."""
    from eval.data import tud_texts
    from eval.train_segmenter import SHIPPED, TEXT_SIZE, Features, choose_decoding, example, train, training_corpora
    from thalign.segment.learned import BoundaryModel, LearnedSegmenter

    corpora_train = training_corpora()
    flores, tud_train = corpora_train["flores"], corpora_train["tud-train"]
    orchid = [p.sentences for p in orchid_paragraphs() if len(p.sentences) > 1][-orchid_limit:]
    columns = {"flores-docs": flores, f"tud-dev ({TEXT_SIZE}-sentence texts)": tud_texts("dev", TEXT_SIZE),
               f"orchid-last{len(orchid)}": orchid}
    names = list(columns)
    plans: dict[str, dict[str, Sequence[Callable[[str], list[Any]]] | None]] = {"crfcut": dict.fromkeys(names)}
    if issue6_model:
        old = LearnedSegmenter(BoundaryModel.load(issue6_model))
        plans["learned (issue 6: FLORES only)"] = {names[1]: [old] * len(columns[names[1]]),
                                                   names[2]: [old] * len(orchid)}
    shipped_label = f"shipped features (new: {', '.join(SHIPPED.sets)}, context × {SHIPPED.context_scale})"
    for label, features in [*((k, Features(*v)) for k, v in variants.items()), (shipped_label, SHIPPED)]:
        cut_bias, weight, _ = choose_decoding([flores, tud_train], features)

        def model(docs: Sequence[Sequence[str]], name: str, decoding: tuple[float, float] = (cut_bias, weight),
                  features: Features = features) -> LearnedSegmenter:
            return LearnedSegmenter(train(docs, name, decoding, features=features))

        plans[f"{label}, other corpora (cut bias {cut_bias}, length weight {weight})"] = {
            names[0]: [model(tud_train, "tud-train")] * len(flores),
            names[1]: [model(flores, "flores")] * len(columns[names[1]]),
            names[2]: [model([*flores, *tud_train], "flores+tud-train")] * len(orchid)}
    shipped = LearnedSegmenter()
    plans["new, shipped model (FLORES + TUD train)"] = {names[1]: [shipped] * len(columns[names[1]]),
                                                        names[2]: [shipped] * len(orchid)}
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


def main() -> None:
    import argparse
    import json

    from eval.__main__ import RESULTS, commit
    from thalign._util.files import atomic_write

    parser = argparse.ArgumentParser(description="Cross-genre Thai segmentation table (issue 16)")
    parser.add_argument("--issue6-model", help="the issue-6 learned model file (format 1), for its row")
    args = parser.parse_args()
    rows = cross_genre_rows(args.issue6_model)
    RESULTS.mkdir(exist_ok=True)
    atomic_write(RESULTS / "segmentation_cross_genre.json",
                 json.dumps({"signature": f"commit:{commit()}", "rows": rows}, indent=1, ensure_ascii=False).encode())
    print(cross_genre_table(rows))
    for r in rows:
        print(f"{r['engine']:45} {r['corpus']:28} P {r['p']:.3f} R {r['r']:.3f} F1 {r['f1']:.3f} {r['seconds']:.1f}s")


if __name__ == "__main__":
    main()
