"""Batch: many document pairs in, one aligned output per pair plus a run summary out.

Pairs are found by name (``name.th.txt`` + ``name.en.txt``, ``th/name.txt`` + ``en/name.txt``), by a
manifest (CSV/TSV with ``th`` and ``en`` columns, optional ``name``), and any other ``.txt`` file is taken
as one bilingual document. A bad pair is reported with its reason and the batch goes on; every input
ends up in the summary as done, up to date or failed (with the reason and its paths). Outputs are
skipped when up to date: the content hash of the inputs and the run signature are kept beside them.
Work runs in local worker processes, or on a Dask distributed cluster given its scheduler address.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import logging
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from thalign.config import AlignConfig
from thalign.errors import InputError, OutputError, ThaiOnlyInput, ThalignError
from thalign.read import MAX_BYTES

log = logging.getLogger("thalign")

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
    inputs: list[str] = field(default_factory=list)
    """The input files of this pair, so a failure names what to fix."""


def find_pairs(input_dir: str | os.PathLike[str], manifest: str | os.PathLike[str] | None = None) -> list[PairJob]:
    """Every document pair under ``input_dir``, each with a distinct output name; unpairable files come back as errors.

    Names that would clash (``clash.txt`` beside ``clash.th.txt`` + ``clash.en.txt``, or ``th/x.txt`` beside
    ``x.th.txt``) get ``-2``, ``-3`` … in the order found, so no pair overwrites another's outputs.
    """
    root = Path(input_dir)
    if not root.is_dir():
        raise InputError(f"{root}: not a directory")
    jobs = _from_manifest(Path(manifest), root) if manifest else _from_folder(root)
    if not jobs:
        raise InputError(f"{manifest or root}: no document pairs found (expected *.txt files or manifest rows)")
    return _distinct_names(jobs)


def _partner_error(th: Path, en: Path) -> str | None:
    return None if th.exists() and en.exists() else ("no English partner" if th.exists() else "no Thai partner")


def _from_folder(root: Path) -> list[PairJob]:
    """Pairs in ``th/`` + ``en/``, then ``name.th.txt`` + ``name.en.txt``, then single bilingual files, by name."""
    jobs: list[PairJob] = []
    used: set[Path] = set()
    th_dir, en_dir = root / "th", root / "en"
    names = {p.name for d in (th_dir, en_dir) if d.is_dir() for p in d.glob("*.txt")}
    for name in sorted(names):
        th, en = th_dir / name, en_dir / name
        missing = _partner_error(th, en)
        jobs.append(PairJob(Path(name).stem, str(th if th.exists() else en), str(en) if missing is None else None, missing))
        used.update({th, en})
    for path in sorted(root.glob("*.txt")):
        if path in used:
            continue
        name = path.name
        if name.endswith((".th.txt", ".en.txt")):
            stem = name[:-7]
            th, en = root / f"{stem}.th.txt", root / f"{stem}.en.txt"
            missing = _partner_error(th, en)
            jobs.append(PairJob(stem, str(th if th.exists() else en), str(en) if missing is None else None, missing))
            used.update({th, en})
        else:
            jobs.append(PairJob(path.stem, str(path), None))
    return jobs


def _from_manifest(manifest: Path, root: Path) -> list[PairJob]:
    from thalign.read import check_input_file

    check_input_file(manifest)
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{manifest}: cannot read manifest ({getattr(exc, 'strerror', None) or exc})") from exc
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise InputError(f"{manifest}: the manifest is empty (it needs a header with th and en columns)")
    dialect = "excel-tab" if "\t" in lines[0] else "excel"
    reader = csv.DictReader(lines, dialect=dialect)
    if not reader.fieldnames or "th" not in reader.fieldnames or "en" not in reader.fieldnames:
        raise InputError(f"{manifest}: a manifest needs 'th' and 'en' columns")
    jobs = []
    named: dict[str, int] = {}
    for line_no, row in enumerate(reader, start=2):
        th_name, en_name, given = (row.get("th") or "").strip(), (row.get("en") or "").strip(), (row.get("name") or "").strip()
        th, en = root / th_name, root / en_name
        name = given or Path(th_name).stem.replace(".th", "") or f"row{line_no}"
        error = None
        if not th_name or not en_name:
            error = f"{manifest} line {line_no}: the th or en column is empty"
        elif given and (given in (".", "..") or "/" in given or "\\" in given or given.startswith(".")):
            error = f"{manifest} line {line_no}: name {given!r} must be a plain file name"
            name = f"row{line_no}"
        elif given in named:
            error = f"{manifest} line {line_no}: name {given!r} is already used on line {named[given]}"
        elif not (th.exists() and en.exists()):
            error = f"listed file missing: {th if not th.exists() else en}"
        if given and given not in named:
            named[given] = line_no
        jobs.append(PairJob(name, str(th), str(en), error))
    return jobs


def _distinct_names(jobs: list[PairJob]) -> list[PairJob]:
    """First come keeps its name; a later job with the same name gets the first free ``name-2``, ``name-3`` …"""
    taken = {job.name for job in jobs}
    seen: set[str] = set()
    out = []
    for job in jobs:
        name = job.name
        if name in seen:
            k = 2
            while f"{name}-{k}" in taken:
                k += 1
            name = f"{name}-{k}"
            taken.add(name)
            job = replace(job, name=name)
        seen.add(name)
        out.append(job)
    return out


def input_hash(job: PairJob, signature: str, max_bytes: int = MAX_BYTES) -> str:
    """SHA-256 of the run signature and the input bytes, read in blocks after the same checks as reading."""
    from thalign.read import check_input_file

    digest = hashlib.sha256(signature.encode())
    for path in (job.th, job.en):
        if path:
            check_input_file(path, max_bytes)
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()


@functools.lru_cache(maxsize=4)
def _cached_embedder(model: str, cache_dir: str) -> Any:
    """One disk-backed cache per worker process: its shards are read once, not once per pair."""
    from thalign.embed import get_embedder
    from thalign.embed.cache import CachedEmbedder

    return CachedEmbedder(get_embedder(model), cache_dir)


def process_pair(job: PairJob, out_dir: str, formats: tuple[str, ...], config: AlignConfig,
                 cache_dir: str | None = None, max_bytes: int = MAX_BYTES) -> PairOutcome:
    """Align one pair and write its outputs; never raises (the outcome says why it failed)."""
    start = time.perf_counter()
    try:
        outcome = _process(job, Path(out_dir), formats, config, cache_dir, max_bytes)
    except (ThalignError, OSError) as exc:
        outcome = PairOutcome(job.name, "failed", _one_line(exc))
    except MemoryError:
        outcome = PairOutcome(job.name, "failed", "out of memory")
    except Exception as exc:  # a bug: still accounted for, and the batch goes on
        outcome = PairOutcome(job.name, "failed", f"internal error: {type(exc).__name__}: {_one_line(exc)}")
    if outcome.status == "failed":
        outcome.seconds = round(time.perf_counter() - start, 2)
    outcome.inputs = [p for p in (job.th, job.en) if p]
    return outcome


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split("\n"))


def _process(job: PairJob, out: Path, formats: tuple[str, ...], config: AlignConfig, cache_dir: str | None,
             max_bytes: int) -> PairOutcome:
    from thalign._util.files import atomic_write
    from thalign.pipeline import align_documents
    from thalign.read import read_pair
    from thalign.write import write

    if job.error:
        return PairOutcome(job.name, "failed", job.error)
    start = time.perf_counter()
    state = out / STATE_DIR / f"{job.name}.json"
    targets = [out / f"{job.name}.{fmt}" for fmt in formats]
    digest = input_hash(job, config.signature(), max_bytes)
    saved = _saved_outcome(state, digest) if all(t.exists() for t in targets) else None
    if saved is not None:
        return saved
    try:
        th_text, en_text = read_pair(job.th, job.en, max_bytes)  # bad input fails here, before any model loads
    except ThaiOnlyInput as exc:
        return _check_thai_only(job, exc.text, out, start)
    embedder = _cached_embedder(config.model, cache_dir) if cache_dir else None
    result = align_documents(th_text, en_text, config, embedder=embedder)
    if embedder is not None:
        embedder.flush()
    for fmt, target in zip(formats, targets):
        write(result, target, fmt, config)
    paired = [b.confidence for b in result.beads if b.th and b.en]
    outcome = PairOutcome(
        job.name, "done", "", len(result.th), len(result.en), dict(Counter(b.kind for b in result.beads)),
        dict(Counter(f.kind for f in result.flags)), round(sum(paired) / len(paired), 4) if paired else 0.0,
        round(time.perf_counter() - start, 2),
    )
    atomic_write(state, json.dumps({"hash": digest, "outcome": asdict(outcome)}, ensure_ascii=False).encode())
    return outcome


def _check_thai_only(job: PairJob, text: str, out: Path, start: float) -> PairOutcome:
    """A file holding only Thai gets the checks that need no English (``thalign check``), written to
    ``name.check.tsv`` (paragraph, kind, severity, evidence), instead of failing the batch."""
    from thalign._util.files import atomic_write
    from thalign.flags import check_thai

    flags = check_thai(text)
    rows = ["paragraph\tkind\tseverity\tevidence"] + [
        f"{f.bead}\t{f.kind}\t{f.severity}\t{' '.join(f.evidence.split())}" for f in flags]
    atomic_write(out / f"{job.name}.check.tsv", ("\n".join(rows) + "\n").encode("utf-8"))
    return PairOutcome(job.name, "done", f"Thai only: QA checks in {job.name}.check.tsv", flags=dict(
        Counter(f.kind for f in flags)), seconds=round(time.perf_counter() - start, 2))


def _saved_outcome(state: Path, digest: str) -> PairOutcome | None:
    """The outcome saved when these exact inputs were last done, or None (missing, stale or unreadable state)."""
    try:
        saved = json.loads(state.read_text(encoding="utf-8"))
        if saved.get("hash") == digest:
            return PairOutcome(**{**saved["outcome"], "status": "skipped"})
    except FileNotFoundError:
        pass  # never done
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.info("batch state %s unreadable (%s): the pair is done again", state, exc)  # costs only a redo
    return None


def run_batch(
    jobs: list[PairJob], out_dir: str | os.PathLike[str], config: AlignConfig | None = None,
    formats: tuple[str, ...] = ("tmx", "jsonl"), workers: int = 1, scheduler: str | None = None,
    cache_dir: str | None = None, on_done: Callable[[PairOutcome], None] | None = None, max_bytes: int = MAX_BYTES,
) -> list[PairOutcome]:
    """Process every job; one outcome per job, in job order, whatever order they finished in.

    Temporary files left by a killed earlier run (output, state and cache folders) are removed first.
    """
    from thalign.write import remove_stale_temps

    config = config or AlignConfig()
    out = os.fspath(out_dir)
    try:
        os.makedirs(os.path.join(out, STATE_DIR), exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot write into {out}: {exc.strerror or exc}") from exc
    for directory in (out, os.path.join(out, STATE_DIR), cache_dir):
        if directory:
            remove_stale_temps(directory)
    args = [(job, out, formats, config, cache_dir, max_bytes) for job in jobs]
    outcomes: list[PairOutcome | None] = [None] * len(jobs)
    for index, outcome in _execute(args, workers, scheduler):
        outcomes[index] = outcome
        if on_done:
            on_done(outcome)
    return [o if o is not None else PairOutcome(jobs[k].name, "failed", "never ran") for k, o in enumerate(outcomes)]


def _execute(args: list[tuple[Any, ...]], workers: int, scheduler: str | None) -> Iterable[tuple[int, PairOutcome]]:
    if scheduler:
        from dask.distributed import Client, as_completed

        try:
            client = Client(scheduler)  # type: ignore[no-untyped-call]  # dask.distributed is unannotated here
        except (OSError, ValueError) as exc:
            raise InputError(f"--scheduler {scheduler}: cannot connect ({_one_line(exc)})") from exc
        with client:
            futures = {client.submit(process_pair, *a, pure=False): k for k, a in enumerate(args)}
            for future in as_completed(futures):  # type: ignore[no-untyped-call]
                yield futures[future], future.result()
        return
    if workers <= 1 or len(args) <= 1:
        for k, a in enumerate(args):
            yield k, process_pair(*a)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures import as_completed as done
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        pending = {pool.submit(process_pair, *a): k for k, a in enumerate(args)}
        for future in done(pending):
            k = pending[future]
            try:
                yield k, future.result()
            except BrokenProcessPool:
                job = args[k][0]
                yield k, PairOutcome(job.name, "failed", "a worker process died (killed, or out of memory)",
                                     inputs=[p for p in (job.th, job.en) if p])


def die_with_parent(parent: int) -> None:
    """Worker initializer: a worker never outlives the batch that started it, even after ``kill -9``.

    Linux delivers SIGKILL to the worker when its parent dies (``PR_SET_PDEATHSIG``); elsewhere a daemon
    thread polls the parent's id.
    """
    try:
        import ctypes

        if ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL) != 0:  # 1 = PR_SET_PDEATHSIG
            raise OSError("prctl failed")
    except (OSError, AttributeError):
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


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
