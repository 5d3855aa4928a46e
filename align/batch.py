"""Batch: many document pairs in, one aligned output per pair plus a run summary out.

Pairs are found by name (``name.th.txt`` + ``name.en.txt``, ``th/name.txt`` + ``en/name.txt``), by a
manifest (CSV/TSV with ``th`` and ``en`` columns, optional ``name``), and any other ``.txt`` file is taken
as one bilingual document. A bad pair is reported with its reason and the batch goes on. Outputs are
skipped when up to date: the content hash of the inputs and the run signature are kept beside them.
Work runs in local worker processes, or on a Dask distributed cluster given its scheduler address.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from align.config import AlignConfig
from align.errors import InputError, ThalignError

STATE_DIR = ".thalign-state"


@dataclass(frozen=True)
class PairJob:
    name: str
    th: str
    en: str | None  # None: one bilingual file
    error: str | None = None  # set when the pair cannot even be formed (no partner)


@dataclass
class PairOutcome:
    name: str
    status: str  # "done", "skipped" (up to date) or "failed"
    reason: str = ""
    th_sentences: int = 0
    en_sentences: int = 0
    beads: dict[str, int] = field(default_factory=dict)
    flags: dict[str, int] = field(default_factory=dict)
    mean_confidence: float = 0.0
    seconds: float = 0.0


def find_pairs(input_dir: str | os.PathLike[str], manifest: str | os.PathLike[str] | None = None) -> list[PairJob]:
    """Every document pair under ``input_dir``, sorted by name; files with no partner come back as errors."""
    root = Path(input_dir)
    if not root.is_dir():
        raise InputError(f"{root}: not a directory")
    if manifest:
        return _from_manifest(Path(manifest), root)
    jobs: dict[str, PairJob] = {}
    used: set[Path] = set()
    th_dir, en_dir = root / "th", root / "en"
    if th_dir.is_dir() or en_dir.is_dir():
        names = {p.name for d in (th_dir, en_dir) if d.is_dir() for p in d.glob("*.txt")}
        for name in sorted(names):
            th, en = th_dir / name, en_dir / name
            stem = Path(name).stem
            missing = None if th.exists() and en.exists() else ("no English partner" if th.exists() else "no Thai partner")
            jobs[stem] = PairJob(stem, str(th if th.exists() else en), str(en) if en.exists() else None, missing)
            used.update({th, en})
    for path in sorted(root.glob("*.txt")):
        if path in used:
            continue
        name = path.name
        if name.endswith((".th.txt", ".en.txt")):
            stem = name[:-7]
            th, en = root / f"{stem}.th.txt", root / f"{stem}.en.txt"
            if stem in jobs:
                continue
            missing = None if th.exists() and en.exists() else ("no English partner" if th.exists() else "no Thai partner")
            jobs[stem] = PairJob(stem, str(th if th.exists() else en), str(en) if en.exists() and th.exists() else None, missing)
        else:
            jobs[path.stem] = PairJob(path.stem, str(path), None)
    return [jobs[k] for k in sorted(jobs)]


def _from_manifest(manifest: Path, root: Path) -> list[PairJob]:
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"{manifest}: cannot read manifest ({exc.strerror})") from exc
    dialect = "excel-tab" if "\t" in text.splitlines()[0] else "excel"
    rows = list(csv.DictReader(text.splitlines(), dialect=dialect))
    if not rows or "th" not in rows[0] or "en" not in rows[0]:
        raise InputError(f"{manifest}: a manifest needs 'th' and 'en' columns")
    jobs = []
    for k, row in enumerate(rows):
        th, en = root / row["th"], root / row["en"]
        name = row.get("name") or Path(row["th"]).stem.replace(".th", "")
        error = None if th.exists() and en.exists() else f"listed file missing: {th if not th.exists() else en}"
        jobs.append(PairJob(name, str(th), str(en), error))
    return jobs


def input_hash(job: PairJob, signature: str) -> str:
    digest = hashlib.sha256(signature.encode())
    for path in (job.th, job.en):
        if path:
            digest.update(Path(path).read_bytes())
    return digest.hexdigest()


@functools.lru_cache(maxsize=4)
def _cached_embedder(model: str, cache_dir: str) -> Any:
    """One disk-backed cache per worker process: its shards are read once, not once per pair."""
    from align.embed import get_embedder
    from align.embed.cache import CachedEmbedder

    return CachedEmbedder(get_embedder(model), cache_dir)


def process_pair(job: PairJob, out_dir: str, formats: tuple[str, ...], config: AlignConfig,
                 cache_dir: str | None = None) -> PairOutcome:
    """Align one pair and write its outputs; never raises for bad input (the outcome says why)."""
    from align.pipeline import align_documents, read_pair
    from align.write import atomic_write, write

    if job.error:
        return PairOutcome(job.name, "failed", job.error)
    start = time.perf_counter()
    out = Path(out_dir)
    state = out / STATE_DIR / f"{job.name}.json"
    targets = [out / f"{job.name}.{fmt}" for fmt in formats]
    try:
        digest = input_hash(job, config.signature())
        if state.exists() and all(t.exists() for t in targets):
            saved = json.loads(state.read_text(encoding="utf-8"))
            if saved.get("hash") == digest:
                return PairOutcome(**{**saved["outcome"], "status": "skipped"})
        th_text, en_text = read_pair(job.th, job.en)  # bad input fails here, before any model loads
        embedder = _cached_embedder(config.model, cache_dir) if cache_dir else None
        result = align_documents(th_text, en_text, config, embedder=embedder)
        if embedder is not None:
            embedder.flush()
        for fmt, target in zip(formats, targets):
            write(result, target, fmt, config)
        paired = [b.score for b in result.beads if b.th and b.en]
        outcome = PairOutcome(
            job.name, "done", "", len(result.th), len(result.en), dict(Counter(b.kind for b in result.beads)),
            dict(Counter(f.kind for f in result.flags)), round(sum(paired) / len(paired), 4) if paired else 0.0,
            round(time.perf_counter() - start, 2),
        )
        atomic_write(state, json.dumps({"hash": digest, "outcome": asdict(outcome)}, ensure_ascii=False).encode())
        return outcome
    except ThalignError as exc:
        return PairOutcome(job.name, "failed", str(exc), seconds=round(time.perf_counter() - start, 2))


def run_batch(
    jobs: list[PairJob], out_dir: str | os.PathLike[str], config: AlignConfig = AlignConfig(),
    formats: tuple[str, ...] = ("tmx", "jsonl"), workers: int = 1, scheduler: str | None = None,
    cache_dir: str | None = None, on_done: Callable[[PairOutcome], None] | None = None,
) -> list[PairOutcome]:
    """Process every job; outcomes come back in job order whatever order they finished in."""
    out = os.fspath(out_dir)
    os.makedirs(out, exist_ok=True)
    args = [(job, out, formats, config, cache_dir) for job in jobs]
    outcomes: dict[str, PairOutcome] = {}
    for outcome in _execute(args, workers, scheduler):
        outcomes[outcome.name] = outcome
        if on_done:
            on_done(outcome)
    return [outcomes[job.name] for job in jobs]


def _execute(args: list[tuple[Any, ...]], workers: int, scheduler: str | None) -> Iterable[PairOutcome]:
    if scheduler:
        from dask.distributed import Client, as_completed

        with Client(scheduler) as client:
            futures = [client.submit(process_pair, *a, pure=False) for a in args]
            for future in as_completed(futures):
                yield future.result()
        return
    if workers <= 1:
        for a in args:
            yield process_pair(*a)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed as done

    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(process_pair, *a) for a in args]
        for future in done(futures):
            yield future.result()


def summary(outcomes: list[PairOutcome], seconds: float) -> dict[str, Any]:
    done = [o for o in outcomes if o.status in ("done", "skipped")]
    beads: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    for o in done:
        beads.update(o.beads)
        flags.update(o.flags)
    confidences = [o.mean_confidence for o in done if o.mean_confidence]
    return {
        "pairs": len(outcomes), "done": sum(o.status == "done" for o in outcomes),
        "skipped": sum(o.status == "skipped" for o in outcomes), "failed": sum(o.status == "failed" for o in outcomes),
        "th_sentences": sum(o.th_sentences for o in done), "en_sentences": sum(o.en_sentences for o in done),
        "beads": dict(sorted(beads.items())), "flags": dict(sorted(flags.items())),
        "mean_confidence": round(sum(confidences) / len(confidences), 4) if confidences else 0.0,
        "seconds": round(seconds, 2), "outcomes": [asdict(o) for o in outcomes],
    }


def format_summary(data: dict[str, Any]) -> str:
    lines = [f"{'pair':30} {'status':8} {'th':>5} {'en':>5} {'conf':>6} {'s':>6}  flags / reason"]
    for o in data["outcomes"]:
        detail = o["reason"] or ", ".join(f"{k} {v}" for k, v in sorted(o["flags"].items()))
        lines.append(f"{o['name'][:30]:30} {o['status']:8} {o['th_sentences']:5} {o['en_sentences']:5} "
                     f"{o['mean_confidence']:6.3f} {o['seconds']:6.1f}  {detail}")
    lines.append(f"{data['pairs']} pairs: {data['done']} aligned, {data['skipped']} up to date, {data['failed']} failed; "
                 f"{data['th_sentences']} Thai / {data['en_sentences']} English sentences; beads "
                 + ", ".join(f"{k}: {v}" for k, v in data["beads"].items())
                 + f"; mean confidence {data['mean_confidence']:.3f}; {data['seconds']:.1f} s")
    if data["flags"]:
        lines.append("flags: " + ", ".join(f"{k} {v}" for k, v in data["flags"].items()))
    return "\n".join(lines)
