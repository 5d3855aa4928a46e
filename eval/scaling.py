"""Scaling benchmark: time and peak memory as documents grow, each size in a fresh process.

- ``rows``: the alignment core alone on synthetic unit vectors (512-dim, like m-USE), 5% of sentences dropped
  from one side so the search must find null beads too. ``peak_alloc_mb`` is how far resident memory rose above
  its level before the alignment call (sampled every 5 ms); ``peak_rss_mb`` is the whole process.
- ``end_to_end``: the CLI (``thalign align``, a whole process, model load included) on FLORES devtest documents
  repeated in shuffled order to the size asked: raw documents with the default model, and pre-split sentences
  (``--segmented``). Peak RSS is the child's own (``wait4``). The slope of seconds over sizes is fitted by least
  squares; a linear cost gives per-sentence seconds that stay flat from the smallest size to the largest.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any

import numpy as np


class _RssSampler:
    """Samples this process's resident memory every 5 ms while the block runs (no tracing overhead)."""

    def __init__(self) -> None:
        self.baseline = self.peak = self._rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _rss() -> int:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * resource.getpagesize()

    def _run(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, self._rss())

    def __enter__(self) -> _RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._rss())


def _one(n: int, dim: int = 512, seed: int = 0) -> dict[str, Any]:
    from thalign.align.dp import DPParams, align_vectors

    rng = np.random.default_rng(seed)
    base = rng.normal(size=(n, dim)).astype(np.float32)
    th = base + 0.6 * rng.normal(size=(n, dim)).astype(np.float32)
    keep = np.sort(rng.choice(n, size=int(n * 0.95), replace=False))
    en = (base + 0.6 * rng.normal(size=(n, dim)).astype(np.float32))[keep]
    th /= np.linalg.norm(th, axis=1, keepdims=True)
    en /= np.linalg.norm(en, axis=1, keepdims=True)
    del base
    sampler = _RssSampler()
    start = time.perf_counter()
    with sampler:
        beads = align_vectors({1: th}, {1: en}, np.full(n, 80.0), np.full(len(en), 60.0), DPParams())
    seconds = time.perf_counter() - start
    peak_alloc = sampler.peak - sampler.baseline
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    keep_of = {int(k): j for j, k in enumerate(keep)}
    right = sum(1 for b in beads if (len(b.th) == 1 and len(b.en) == 1 and keep_of.get(b.th[0]) == b.en[0])
                or (len(b.th) == 1 and not b.en and b.th[0] not in keep_of))
    return {"sentences": n, "seconds": round(seconds, 2), "peak_alloc_mb": round(peak_alloc / 2**20, 1),
            "peak_rss_mb": round(peak / 1024, 1), "beads_right": right / n}


def _documents(sentences: int, seed: int = 0) -> tuple[list[list[str]], list[list[str]]]:
    """FLORES devtest documents in a shuffled order, repeated until ``sentences`` per side (Thai, English)."""
    from eval.data import flores_documents

    docs = flores_documents()
    rng = np.random.default_rng(seed)
    th: list[list[str]] = []
    en: list[list[str]] = []
    count = 0
    while count < sentences:
        for k in rng.permutation(len(docs)):
            take = min(len(docs[k].th), sentences - count)
            if take <= 0:
                break
            th.append(list(docs[k].th[:take]))
            en.append(list(docs[k].en[:take]))
            count += take
    return th, en


def _child(args: list[str]) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status:
        raise RuntimeError(f"{' '.join(args[:4])} … failed: {child.stderr.read().decode()[-500:] if child.stderr else ''}")
    return seconds, usage.ru_maxrss / 1024


def end_to_end(track: str, sizes: tuple[int, ...], model: str = "usem3") -> dict[str, Any]:
    """``thalign align`` on ``raw`` documents (Thai paragraphs, English prose paragraphs) or ``segmented``
    ones (a sentence per line) of each size; seconds, peak RSS and the fitted slope."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            th, en = _documents(n)
            th_path, en_path, out = (os.path.join(tmp, f"{n}.{x}") for x in ("th.txt", "en.txt", "jsonl"))
            for path, docs in ((th_path, th), (en_path, en)):
                with open(path, "w", encoding="utf-8") as handle:
                    if track == "segmented":
                        handle.write("\n".join(s for d in docs for s in d) + "\n")
                    else:
                        handle.write("\n\n".join(" ".join(d) for d in docs) + "\n")
            size_mb = (os.path.getsize(th_path) + os.path.getsize(en_path)) / 2**20
            args = [sys.executable, "-c", "from thalign.cli import main; main()", "align", th_path, en_path,
                    "-o", out, "--model", model, *(["--segmented"] if track == "segmented" else [])]
            seconds, rss = _child(args)
            rows.append({"sentences": n, "pair_mb": round(size_mb, 2), "seconds": round(seconds, 1),
                         "peak_rss_mb": round(rss), "s_per_1000": round(1000 * seconds / n, 2)})
    if len(rows) < 2:
        return {"track": track, "model": model, "rows": rows}
    x = np.array([r["sentences"] for r in rows], float)
    y = np.array([r["seconds"] for r in rows], float)
    slope, intercept = np.polyfit(x, y, 1)
    fitted = slope * x + intercept
    r2 = 1 - float(((y - fitted) ** 2).sum()) / max(float(((y - y.mean()) ** 2).sum()), 1e-9)
    return {"track": track, "model": model, "rows": rows, "slope_s_per_1000": round(1000 * slope, 2),
            "intercept_s": round(intercept, 1), "r2": round(r2, 4)}


END_TO_END = (("raw", (500, 1000, 2000, 4000, 10000), "usem3"),
              ("segmented", (50000,), "usem3"),
              ("segmented", (1000, 2000, 4000, 7000, 10000), "usem3"))
"""Tracks of the end-to-end rows: 10,000 FLORES sentences a side as raw text is a 5 MB pair; 50,000 pre-split
sentences a side (a 24 MB pair) with the default model."""


def run(sizes: tuple[int, ...] = (1000, 5000, 20000)) -> list[dict[str, Any]]:
    rows = []
    for n in sizes:
        out = subprocess.run([sys.executable, "-m", "eval.scaling", str(n)], capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return rows


if __name__ == "__main__":
    if sys.argv[1] in ("raw", "segmented"):
        model = sys.argv[3] if len(sys.argv) > 3 else "usem3"
        print(json.dumps(end_to_end(sys.argv[1], tuple(int(s) for s in sys.argv[2].split(",")), model), indent=1))
    else:
        print(json.dumps(_one(int(sys.argv[1]))))
