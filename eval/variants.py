"""Benchmark variants with exact gold beads, built deterministically from gold sentence pairs.

Each builder takes a document (gold 1-1 pairs) and a ``numpy.random.Generator`` and returns the Thai
sentences, the English sentences and the gold beads between them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from eval.data import ParallelDoc
from eval.score import BeadIds


@dataclass(frozen=True)
class Case:
    name: str
    th: list[str]
    en: list[str]
    gold: list[BeadIds]


Unit = tuple[list[str], list[str]]  # one gold bead as its Thai and English texts


def _build(name: str, units: list[Unit]) -> Case:
    th: list[str] = []
    en: list[str] = []
    gold: list[BeadIds] = []
    for th_part, en_part in units:
        gold.append((tuple(range(len(th), len(th) + len(th_part))), tuple(range(len(en), len(en) + len(en_part)))))
        th.extend(th_part)
        en.extend(en_part)
    return Case(name, th, en, gold)


def clean(doc: ParallelDoc, rng: np.random.Generator, others: list[str] | None = None) -> Case:
    return _build(doc.name, [([t], [e]) for t, e in zip(doc.th, doc.en)])


def merges(doc: ParallelDoc, rng: np.random.Generator, others: list[str] | None = None, rate: float = 0.2) -> Case:
    """Adjacent sentences joined on one side: 2-1, 1-2 and some 3-1 / 1-3 beads."""
    units: list[Unit] = []
    i, n = 0, len(doc.th)
    while i < n:
        if rng.random() < rate and i + 1 < n:
            size = 3 if (rng.random() < 0.25 and i + 2 < n) else 2
            th, en = list(doc.th[i : i + size]), list(doc.en[i : i + size])
            units.append(([" ".join(th)], en) if rng.random() < 0.5 else (th, [" ".join(en)]))
            i += size
        else:
            units.append(([doc.th[i]], [doc.en[i]]))
            i += 1
    return _build(doc.name, units)


def _split_text(text: str, sep: str) -> list[str] | None:
    """Cut at the separator nearest the middle (comma for English, space for Thai); None when impossible."""
    cuts = [k for k in range(len(text)) if text.startswith(sep, k)]
    cuts = [k for k in cuts if 0.25 * len(text) < k < 0.75 * len(text)]
    if not cuts:
        return None
    k = min(cuts, key=lambda c: abs(c - len(text) / 2))
    left, right = text[: k + len(sep)].strip(), text[k + len(sep) :].strip()
    return [left, right] if left and right else None


def splits(doc: ParallelDoc, rng: np.random.Generator, others: list[str] | None = None, rate: float = 0.15) -> Case:
    """One side's sentence cut in two (English at a comma, Thai at a space): 1-2 and 2-1 beads."""
    units: list[Unit] = []
    for t, e in zip(doc.th, doc.en):
        if rng.random() < rate:
            if rng.random() < 0.5 and (parts := _split_text(e, ", ")):
                units.append(([t], parts))
                continue
            if parts := _split_text(t, " "):
                units.append((parts, [e]))
                continue
        units.append(([t], [e]))
    return _build(doc.name, units)


def omissions(doc: ParallelDoc, rng: np.random.Generator, others: list[str] | None = None, rate: float = 0.1) -> Case:
    """``rate`` of the sentences dropped from one side (chosen per sentence): gold null beads."""
    units: list[Unit] = []
    for t, e in zip(doc.th, doc.en):
        if rng.random() < rate:
            units.append(([t], []) if rng.random() < 0.5 else ([], [e]))
        else:
            units.append(([t], [e]))
    return _build(doc.name, units)


def additions(doc: ParallelDoc, rng: np.random.Generator, others: list[str] | None = None, rate: float = 0.1) -> Case:
    """Foreign sentences (from other documents, same language) inserted into one side: gold null beads."""
    pool_th, pool_en = (others or ([], []))
    units: list[Unit] = []
    for t, e in zip(doc.th, doc.en):
        if rng.random() < rate and pool_th:
            k = int(rng.integers(len(pool_th)))
            units.append(([pool_th[k]], []) if rng.random() < 0.5 else ([], [pool_en[k]]))
        units.append(([t], [e]))
    return _build(doc.name, units)


def mix(doc: ParallelDoc, rng: np.random.Generator, others: list[str] | None = None) -> Case:
    """All of the above at lower rates, applied in turn on the unit level."""
    base = merges(doc, rng, rate=0.1)
    units = _units(base)
    pool_th, pool_en = (others or ([], []))
    out: list[Unit] = []
    for th, en in units:
        r = rng.random()
        if r < 0.05 and len(th) == 1 and len(en) == 1:
            out.append((th, []) if rng.random() < 0.5 else ([], en))
            continue
        if r < 0.10 and len(th) == 1 and len(en) == 1 and (parts := _split_text(en[0], ", ")):
            out.append((th, parts))
            continue
        if r < 0.15 and pool_th:
            k = int(rng.integers(len(pool_th)))
            out.append(([pool_th[k]], []) if rng.random() < 0.5 else ([], [pool_en[k]]))
        out.append((th, en))
    return _build(doc.name, out)


def _units(case: Case) -> list[Unit]:
    return [([case.th[i] for i in a], [case.en[j] for j in b]) for a, b in case.gold]


VARIANTS: dict[str, Callable[..., Case]] = {
    "clean": clean, "merges": merges, "splits": splits, "omissions": omissions, "additions": additions, "mix": mix,
}


def build_cases(docs: list[ParallelDoc], variant: str, seed: int = 7, pool: list[ParallelDoc] | None = None) -> list[Case]:
    """Deterministic: the same seed gives the same cases. ``pool`` supplies foreign sentences for additions."""
    rng = np.random.default_rng(seed)
    cases = []
    for doc in docs:
        foreign = [d for d in (pool or docs) if d.name != doc.name and not set(d.th) & set(doc.th)]
        others = ([s for d in foreign for s in d.th], [s for d in foreign for s in d.en])
        cases.append(VARIANTS[variant](doc, rng, others))
    return cases
