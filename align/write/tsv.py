"""TSV: a ``#`` signature line, a header, one bead per row; tabs and newlines inside text become spaces."""

from __future__ import annotations

from thalign.config import AlignConfig
from thalign.types import AlignmentResult
from thalign.write.records import bead_records

COLUMNS = ("bead", "type", "score", "th_ids", "en_ids", "th", "en", "flags")


def _cell(value: object) -> str:
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return "; ".join(f"{f['kind']}: {f['evidence']}" for f in value)
        return ",".join(str(v) for v in value)
    return " ".join(str(value).split())


def format_tsv(result: AlignmentResult, config: AlignConfig) -> bytes:
    rows = [f"# {result.signature}", "\t".join(COLUMNS)]
    rows += ["\t".join(_cell(rec[c]) for c in COLUMNS) for rec in bead_records(result)]
    return ("\n".join(rows) + "\n").encode("utf-8")
