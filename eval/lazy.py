"""What the lazy search costs and saves: the raw-text track with every run embedded vs only runs near the path.

``python -m eval.lazy [--radius R ...]`` prints, per corpus and English layout, gold pairs found and Thai
boundary F1 under both searches, and the characters each sent to the embedder (the work, without a cache).
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
from collections.abc import Sequence
from typing import Any

import numpy as np

from thalign.align.lazy import LazyRule
from thalign.config import AlignConfig
from thalign.embed import Embedder, ProgressCallback


class CountingEmbedder:
    """Passes texts on and counts the characters asked for: the embedding work a run would pay uncached."""

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.chars = self.texts = 0

    def encode(self, texts: Sequence[str], progress: ProgressCallback | None = None) -> np.ndarray:
        self.texts += len(texts)
        self.chars += sum(len(t) for t in texts)
        return self.inner.encode(texts, progress=progress)


def compare(docs: list, label: str, layout: str, embedder: Embedder, rule: LazyRule,
            exhaustive_too: bool = True) -> dict[str, Any]:
    from eval.bitext_seg import run
    from thalign.align import lazy

    out: dict[str, Any] = {"corpus": label, "layout": layout, "rule": dataclasses.asdict(rule)}
    floor = sum(len(s) for d in docs for s in d.th + d.en)
    for name, exhaustive in (("exhaustive", True), ("lazy", False))[0 if exhaustive_too else 1 :]:
        counting = CountingEmbedder(embedder)
        lazy.CHUNK_RULE = rule
        config = AlignConfig(checks=("omission",), exhaustive=exhaustive)
        r = run(docs, counting, "bitext", label, layout, config=config)
        out[name] = {"found": round(r["found"], 4), "f1": round(r["f1"], 4), "work": round(counting.chars / floor, 2),
                     "seconds": round(r["seconds"], 1)}
    return out


def compare_presplit(docs: list, label: str, embedder: Embedder, rule: LazyRule,
                     variants: Sequence[str], exhaustive_too: bool = True) -> list[dict[str, Any]]:
    """Pre-split variants (eval/variants.py): strict/lax F1 with every merge embedded vs only near the path."""
    from eval.alignment import sentences_of
    from eval.score import AlignmentScore
    from eval.variants import build_cases
    from thalign.align import SentenceAligner, dp_params, lazy

    rows = []
    for variant in variants:
        cases = build_cases(docs, variant, seed=7, pool=docs)
        row: dict[str, Any] = {"corpus": label, "variant": variant, "rule": dataclasses.asdict(rule)}
        for name, exhaustive in (("exhaustive", True), ("lazy", False))[0 if exhaustive_too else 1 :]:
            lazy.SENTENCE_RULE = rule
            counting = CountingEmbedder(embedder)
            aligner = SentenceAligner(dp_params(AlignConfig()), lazy=not exhaustive)
            score = AlignmentScore()
            floor = 0
            for case in cases:
                th, en = sentences_of(case.th), sentences_of(case.en)
                floor += sum(len(s.text) for s in th + en)
                result = aligner.align(th, en, counting)
                score.add(case.gold, [(b.th, b.en) for b in result.beads])
            metrics = score.metrics()
            row[name] = {"strict_f1": round(metrics["strict_f1"], 4), "lax_f1": round(metrics["lax_f1"], 4),
                         "work": round(counting.chars / max(floor, 1), 2)}
        rows.append(row)
    return rows


def run(embedder: Embedder, quick: bool = False) -> dict[str, Any]:
    """The shipped rules against the exhaustive search: raw text (FLORES long, Tatoeba × every layout) and the
    pre-split variants (FLORES long, Tatoeba)."""
    from eval.data import flores_documents, long_documents, tatoeba_documents
    from eval.layouts import LAYOUTS
    from eval.variants import VARIANTS
    from thalign.align import lazy

    corpora = {"flores-long": long_documents(flores_documents())}
    if not quick:
        corpora["tatoeba"] = tatoeba_documents()
    chunk, sentence = lazy.CHUNK_RULE, lazy.SENTENCE_RULE
    raw = [compare(docs, label, layout, embedder, chunk) for label, docs in corpora.items() for layout in LAYOUTS]
    presplit = [row for label, docs in corpora.items()
                for row in compare_presplit(docs, label, embedder, sentence, list(VARIANTS))]
    lazy.CHUNK_RULE, lazy.SENTENCE_RULE = chunk, sentence
    embedder.flush()  # type: ignore[attr-defined]
    return {"raw": raw, "presplit": presplit}


def main(argv: list[str] | None = None) -> None:
    from eval.__main__ import embedder
    from eval.data import flores_documents, long_documents, tatoeba_documents
    from eval.layouts import LAYOUTS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--radius", type=int, nargs="+", default=[1])
    parser.add_argument("--gain", type=float, nargs="+", default=[0.06])
    parser.add_argument("--gate", type=float, nargs="+", default=[float("inf")], help="LazyRule.gate values")
    parser.add_argument("--lazy-only", action="store_true")
    parser.add_argument("--no-grow", action="store_true", help="embed only moves that shorten a run")
    parser.add_argument("--variants", nargs="+")
    parser.add_argument("--presplit", action="store_true", help="the pre-split variants instead of raw text")
    parser.add_argument("--layouts", nargs="+", default=list(LAYOUTS))
    parser.add_argument("--corpora", nargs="+", default=["flores-long", "tatoeba"])
    args = parser.parse_args(argv)
    emb = embedder()
    corpora = {"flores-long": lambda: long_documents(flores_documents()), "tatoeba": tatoeba_documents}
    for label in args.corpora:
        docs = corpora[label]()
        if args.presplit:
            from eval.variants import VARIANTS

            for radius, gain, gate in itertools.product(args.radius, args.gain, args.gate):
                rule = LazyRule(radius, gain, grow=not args.no_grow, gate=gate)
                for row in compare_presplit(docs, label, emb, rule, args.variants or list(VARIANTS), not args.lazy_only):
                    print(json.dumps(row), flush=True)
            continue
        for layout in args.layouts:
            for radius, gain, gate in itertools.product(args.radius, args.gain, args.gate):
                rule = LazyRule(radius, gain, grow=not args.no_grow, gate=gate)
                print(json.dumps(compare(docs, label, layout, emb, rule, not args.lazy_only)), flush=True)
                emb.flush()
    emb.flush()


if __name__ == "__main__":
    main()
