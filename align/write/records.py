"""One record per bead, shared by the JSONL and TSV writers (and read back by eval/)."""

from __future__ import annotations

from typing import Any

from align.types import AlignmentResult


def bead_records(result: AlignmentResult) -> list[dict[str, Any]]:
    records = []
    for index, bead in enumerate(result.beads):
        flags = result.flags_for(index)
        records.append({
            "bead": index,
            "type": bead.kind,
            "th_ids": list(bead.th),
            "en_ids": list(bead.en),
            "th": result.bead_text(bead, "th"),
            "en": result.bead_text(bead, "en"),
            "score": bead.score,
            "flags": [{"kind": f.kind, "severity": f.severity, "evidence": f.evidence} for f in flags],
        })
    return records
