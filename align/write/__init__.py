"""Write stage: ``AlignmentResult`` → file, by format name, always atomically.

A crash or a full disk never leaves a half-written file: output goes to a temporary file in the
target directory, is flushed to disk, then renamed over the target in one step.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Callable

from align.config import AlignConfig
from align.errors import EngineNotFound
from align.types import AlignmentResult

Formatter = Callable[[AlignmentResult, AlignConfig], bytes]

WRITERS: dict[str, str] = {
    "tmx": "align.write.tmx:format_tmx",
    "jsonl": "align.write.jsonl:format_jsonl",
    "tsv": "align.write.tsv:format_tsv",
    "html": "align.write.html:format_html",
    "xliff": "align.write.xliff:format_xliff",
    "xlf": "align.write.xliff:format_xliff",  # the extension CAT tools expect for XLIFF
}


def get_formatter(fmt: str) -> Formatter:
    if fmt not in WRITERS:
        raise EngineNotFound(f"unknown output format {fmt!r}: choose from {', '.join(WRITERS)}")
    module, func = WRITERS[fmt].split(":")
    return getattr(importlib.import_module(module), func)  # type: ignore[no-any-return]


def format_from_path(path: str | os.PathLike[str]) -> str:
    ext = os.path.splitext(os.fspath(path))[1].lower().lstrip(".")
    return ext if ext in WRITERS else "tmx"


def write(result: AlignmentResult, path: str | os.PathLike[str], fmt: str | None = None,
          config: AlignConfig = AlignConfig()) -> None:
    """Format ``result`` and put it at ``path`` atomically."""
    data = get_formatter(fmt or format_from_path(path))(result, config)
    atomic_write(path, data)


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to a temporary sibling of ``path``, fsync, then rename it into place."""
    target = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(target))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix="." + os.path.basename(target) + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual permissions
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


__all__ = ["WRITERS", "write", "atomic_write", "get_formatter", "format_from_path"]
