"""Score an alignment against gold beads: strict and lax precision/recall/F1, Vecalign's protocol.

Beads are ``(th_ids, en_ids)`` tuples of sentence indices. Files are read in either of two formats:
thalign JSONL (``th_ids``/``en_ids`` per line, the ``meta`` line skipped) or the Vecalign/Bertalign
lines ``[0, 1]:[2]`` (an optional ``:score`` after them is ignored). ``eval/`` scores with this module too.

Strict: a test bead counts only if gold has exactly the same bead. Lax: it counts if it shares a target
sentence with the gold beads of any of its source sentences. Precision counts null beads (1-0, 0-1)
of the test; recall is precision with the roles swapped and null beads removed, as vecalign/score.py does.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from thalign.errors import InputError

BeadIds = tuple[tuple[int, ...], tuple[int, ...]]

_VECALIGN_LINE = re.compile(r"^\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\](?:\s*:.*)?$")


def bead_counts(gold: Iterable[BeadIds], test: Iterable[BeadIds]) -> tuple[int, int, int, int]:
    """(tp strict, fp strict, tp lax, fp lax) of ``test`` against ``gold``, as in vecalign/score.py."""
    gold_set = {(tuple(a), tuple(b)) for a, b in gold if a or b}
    test_set = {(tuple(a), tuple(b)) for a, b in test if a or b}
    gold_targets: dict[int, set[int]] = defaultdict(set)
    for src, tgt in gold_set:
        for s in src:
            gold_targets[s].update(tgt)
    tps = fps = tpl = fpl = 0
    for src, tgt in test_set:
        if (src, tgt) in gold_set:
            tps += 1
            tpl += 1
            continue
        fps += 1
        targets = set().union(*(gold_targets[s] for s in src)) if src else set()
        if set(tgt) & targets:
            tpl += 1
        else:
            fpl += 1
    return tps, fps, tpl, fpl


@dataclass
class AlignmentScore:
    """Micro-averaged over documents: counts are summed, then turned into P/R/F1."""

    p_counts: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    r_counts: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    null_counts: dict[str, list[int]] = field(default_factory=lambda: {"th": [0, 0, 0], "en": [0, 0, 0]})

    def add(self, gold: Sequence[BeadIds], test: Sequence[BeadIds]) -> None:
        for i, v in enumerate(bead_counts(gold, test)):
            self.p_counts[i] += v
        gold_pairs = [b for b in gold if b[0] and b[1]]
        test_pairs = [b for b in test if b[0] and b[1]]
        for i, v in enumerate(bead_counts(test_pairs, gold_pairs)):
            self.r_counts[i] += v
        for side, k in (("th", 0), ("en", 1)):
            gold_null = {b[k][0] for b in gold if b[k] and not b[1 - k]}
            test_null = {b[k][0] for b in test if b[k] and not b[1 - k]}
            self.null_counts[side][0] += len(gold_null & test_null)
            self.null_counts[side][1] += len(test_null - gold_null)
            self.null_counts[side][2] += len(gold_null - test_null)

    def metrics(self) -> dict[str, float]:
        tps, fps, tpl, fpl = self.p_counts
        rtps, rfps, rtpl, rfpl = self.r_counts
        out = {
            "strict_p": div(tps, tps + fps), "strict_r": div(rtps, rtps + rfps),
            "lax_p": div(tpl, tpl + fpl), "lax_r": div(rtpl, rtpl + rfpl),
        }
        out["strict_f1"] = f1(out["strict_p"], out["strict_r"])
        out["lax_f1"] = f1(out["lax_p"], out["lax_r"])
        tp = sum(c[0] for c in self.null_counts.values())
        fp = sum(c[1] for c in self.null_counts.values())
        fn = sum(c[2] for c in self.null_counts.values())
        out["null_p"], out["null_r"] = div(tp, tp + fp), div(tp, tp + fn)
        out["null_f1"] = f1(out["null_p"], out["null_r"])
        out["null_gold"] = float(tp + fn)
        return out


def div(a: float, b: float) -> float:
    return a / b if b else 0.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def read_beads(path: str | os.PathLike[str]) -> list[BeadIds]:
    """Beads of a thalign JSONL file or a Vecalign/Bertalign ``[0,1]:[2]`` file (told apart line by line)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{os.fspath(path)}: cannot read: {exc}") from None
    beads = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line:
            bead = _parse_line(line)
            if bead is None:
                raise InputError(f"{os.fspath(path)}:{number}: neither a thalign JSONL bead nor a [0,1]:[2] line")
            if bead != ((), ()):
                beads.append(bead)
    if not beads:
        raise InputError(f"{os.fspath(path)}: no beads in the file")
    return beads


def _parse_line(line: str) -> BeadIds | None:
    """A bead, ``((), ())`` for a line that holds none (the JSONL ``meta`` line), or None if unreadable."""
    match = _VECALIGN_LINE.match(line)
    if match:
        return _ids(match.group(1)), _ids(match.group(2))
    try:
        record = json.loads(line)
        if "meta" in record:
            return (), ()
        return tuple(map(int, record["th_ids"])), tuple(map(int, record["en_ids"]))
    except (ValueError, TypeError, KeyError):
        return None


def _ids(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(",") if x.strip())


@dataclass(frozen=True)
class FileScore:
    name: str
    test_beads: int
    gold_beads: int
    metrics: dict[str, float]


def score_paths(test: str | os.PathLike[str], gold: str | os.PathLike[str]) -> tuple[list[FileScore], dict[str, float]]:
    """Per-file scores and the micro-averaged total, for two files or two folders of files.

    Folders are paired by file name up to the first dot (``doc1.jsonl`` ↔ ``doc1.align``); a file with
    no partner is an error, so a total never silently leaves a document out.
    """
    pairs = _pair_paths(Path(test), Path(gold))
    rows, total = [], AlignmentScore()
    for name, test_path, gold_path in pairs:
        test_beads, gold_beads = read_beads(test_path), read_beads(gold_path)
        one = AlignmentScore()
        one.add(gold_beads, test_beads)
        total.add(gold_beads, test_beads)
        rows.append(FileScore(name, len(test_beads), len(gold_beads), one.metrics()))
    return rows, total.metrics()


def _pair_paths(test: Path, gold: Path) -> list[tuple[str, Path, Path]]:
    for path in (test, gold):
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
    if test.is_dir() != gold.is_dir():
        raise InputError(f"{test} and {gold}: give two files or two folders")
    if not test.is_dir():
        return [(test.name, test, gold)]

    def by_name(folder: Path) -> dict[str, Path]:
        return {p.name.split(".")[0]: p for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}

    tests, golds = by_name(test), by_name(gold)
    missing = sorted(set(tests) ^ set(golds))
    if missing:
        raise InputError(f"no partner in the other folder for: {', '.join(missing[:5])}")
    if not tests:
        raise InputError(f"{test}: no files to score")
    return [(name, tests[name], golds[name]) for name in sorted(tests)]


def format_scores(rows: list[FileScore], total: dict[str, float]) -> str:
    """The per-file table and the total, as the ``thalign score`` command prints it."""
    head = f"{'file':<24} {'test':>5} {'gold':>5}  {'strict P':>8} {'R':>6} {'F1':>6}  {'lax P':>6} {'R':>6} {'F1':>6}"

    def line(name: str, test: int | str, gold: int | str, m: dict[str, float]) -> str:
        return (f"{name[:24]:<24} {test:>5} {gold:>5}  {m['strict_p']:>8.4f} {m['strict_r']:>6.4f} {m['strict_f1']:>6.4f}"
                f"  {m['lax_p']:>6.4f} {m['lax_r']:>6.4f} {m['lax_f1']:>6.4f}")

    out = [head] + [line(r.name, r.test_beads, r.gold_beads, r.metrics) for r in rows]
    if len(rows) > 1:
        out.append(line("total", sum(r.test_beads for r in rows), sum(r.gold_beads for r in rows), total))
    return "\n".join(out)


__all__ = ["AlignmentScore", "BeadIds", "FileScore", "bead_counts", "format_scores", "read_beads", "score_paths"]
