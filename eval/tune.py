"""Grid search for the aligner's knobs on a tuning draw of the benchmark (seed 1; reports use seed 7).

python -m eval.tune skip=-0.04,-0.1 merge_cost=0.02  → prints the mean strict F1 over variants for each setting, best last.
"""

from __future__ import annotations

import itertools
import sys
from typing import Any

from eval.__main__ import embedder
from eval.alignment import sentences_of, vectors_for
from eval.baselines import ours
from eval.data import flores_documents, long_documents
from eval.score import AlignmentScore
from eval.variants import VARIANTS, build_cases
from thalign.align.dp import DPParams


def main() -> None:
    emb = embedder()
    flores = flores_documents()
    docs = long_documents(flores)
    prepared: dict[str, list[tuple[Any, Any, Any]]] = {}
    for variant in VARIANTS:
        built = build_cases(docs, variant, seed=1, pool=flores)
        prepared[variant] = [(c, vectors_for(sentences_of(c.th), emb), vectors_for(sentences_of(c.en), emb)) for c in built]
    emb.flush()
    grid: dict[str, list[float]] = {}
    for arg in sys.argv[1:]:  # name=v1,v2,...  (any DPParams field)
        name, listed = arg.split("=")
        grid[name] = [float(v) for v in listed.split(",")]
    results = []
    for values in itertools.product(*grid.values()):
        params = DPParams.symmetric(**dict(zip(grid, values)))  # type: ignore[arg-type]  # argv numbers, all floats
        aligner = ours(params)
        per_variant = {}
        for variant, cases in prepared.items():
            score = AlignmentScore()
            for case, (tv, tl), (ev, el) in cases:
                score.add(case.gold, aligner(tv, ev, tl, el))
            metrics = score.metrics()
            per_variant[variant] = metrics["strict_f1"]
            if variant == "omissions":
                per_variant["omissions-null"] = metrics["null_f1"]
        mean = sum(per_variant.values()) / len(per_variant)
        results.append((mean, values, per_variant))
        print(f"{mean:.4f} {dict(zip(grid, values))} " + " ".join(f"{k}:{v:.3f}" for k, v in per_variant.items()), flush=True)
    results.sort(key=lambda r: r[0])
    print("best", results[-1])


if __name__ == "__main__":
    main()
