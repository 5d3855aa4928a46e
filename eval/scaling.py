"""Scaling benchmark: alignment time and peak memory after embedding, 1k to 20k sentences per side.

Synthetic unit vectors (512-dim, like m-USE) with 5% of sentences dropped from one side, so the search
must find null beads too. Each size runs in a fresh process. ``peak_alloc_mb`` is how far resident memory rose
above its level before the alignment call (sampled every 5 ms); ``peak_rss_mb`` is the whole process,
input vectors included.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
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

    def __enter__(self) -> "_RssSampler":
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


def run(sizes: tuple[int, ...] = (1000, 5000, 20000)) -> list[dict[str, Any]]:
    rows = []
    for n in sizes:
        out = subprocess.run([sys.executable, "-m", "eval.scaling", str(n)], capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return rows


if __name__ == "__main__":
    print(json.dumps(_one(int(sys.argv[1]))))
