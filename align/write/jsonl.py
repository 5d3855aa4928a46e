"""JSONL for pipelines: a first ``meta`` line with the run signature, then one bead per line."""

from __future__ import annotations

import json

from thalign.config import AlignConfig
from thalign.types import AlignmentResult
from thalign.write.records import bead_records


def format_jsonl(result: AlignmentResult, config: AlignConfig) -> bytes:
    meta = {"meta": {"signature": result.signature, "th_sentences": len(result.th), "en_sentences": len(result.en),
                     "beads": len(result.beads), "flags": len(result.flags)}}
    lines = [json.dumps(meta, ensure_ascii=False)]
    lines += [json.dumps(r, ensure_ascii=False) for r in bead_records(result)]
    return ("\n".join(lines) + "\n").encode("utf-8")
