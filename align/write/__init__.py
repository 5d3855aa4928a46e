"""Write stage: ``AlignmentResult`` → file, by format name, always atomically.

A crash or a full disk never leaves a half-written file: every output goes through ``atomic_write`` (its home is
``thalign._util.files``, shared with the embedding cache and the batch state). A failed write is an ``OutputError``
(an ``OSError`` too); the outputs of a run are checked before it starts (``check_outputs``).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable

from thalign._util.files import atomic_write, remove_stale_temps
from thalign.config import AlignConfig
from thalign.errors import EngineNotFound, OutputError
from thalign.registry import Registry
from thalign.types import AlignmentResult

Formatter = Callable[[AlignmentResult, AlignConfig], bytes]

WRITERS = Registry("thalign.writers", {
    "tmx": "thalign.write.tmx:format_tmx",
    "jsonl": "thalign.write.jsonl:format_jsonl",
    "tsv": "thalign.write.tsv:format_tsv",
    "html": "thalign.write.html:format_html",
    "xliff": "thalign.write.xliff:format_xliff",
    "xlf": "thalign.write.xliff:format_xliff",  # the extension CAT tools expect for XLIFF
})
"""Format name (also the file extension it is picked by) → ``module:function`` mapping (result, config) to bytes;
plus the ``thalign.writers`` entry points."""


def get_formatter(fmt: str) -> Formatter:
    if fmt not in WRITERS:
        raise EngineNotFound(f"unknown output format {fmt!r}: choose from {', '.join(WRITERS)}")
    formatter: Formatter = WRITERS.load(fmt)
    return formatter


def format_from_path(path: str | os.PathLike[str]) -> str:
    ext = os.path.splitext(os.fspath(path))[1].lower().lstrip(".")
    return ext if ext in WRITERS else "tmx"


def write(result: AlignmentResult, path: str | os.PathLike[str], fmt: str | None = None,
          config: AlignConfig | None = None) -> None:
    """Format ``result`` and put it at ``path`` atomically; ``OutputError`` if it cannot be written."""
    data = get_formatter(fmt or format_from_path(path))(result, config or AlignConfig())
    atomic_write(path, data)


def check_writable(path: str | os.PathLike[str], directory: bool = False) -> None:
    """``OutputError`` unless ``atomic_write`` could put a file at ``path`` (or, ``directory``, files in it).

    Run before the alignment starts, so a run never spends minutes and then fails to write: the target must
    not be a directory or a device, the nearest existing ancestor must be a directory, and a probe file must
    be creatable there (this also catches read-only file systems and /proc, where permission bits lie to root).
    """
    target = os.path.abspath(os.fspath(path))
    if os.path.lexists(target):
        info = os.lstat(target)
        if directory and not stat.S_ISDIR(info.st_mode):
            raise OutputError(f"cannot write into {target}: it is a file, not a directory")
        if not directory and stat.S_ISDIR(info.st_mode):
            raise OutputError(f"cannot write {target}: it is a directory")
        if not directory and not (stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode)):
            raise OutputError(f"cannot write {target}: it is a device or pipe, not a file (refusing to replace it)")
    parent = target if directory else os.path.dirname(target)
    while not os.path.lexists(parent):
        parent = os.path.dirname(parent)
    if not os.path.isdir(parent):
        raise OutputError(f"cannot write {target}: {parent} is a file, not a directory")
    try:
        fd, probe = tempfile.mkstemp(dir=parent, prefix=".thalign-probe-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {parent} is not writable ({exc.strerror or exc})") from exc


def check_outputs(outputs: dict[str, str | os.PathLike[str]], inputs: dict[str, str | os.PathLike[str]]) -> None:
    """Every output writable, none the same file as an input or as another output; keys are option names.

    "Same file" follows symlinks and hard links, so ``-o`` can never replace an input by another name.
    """
    for path in outputs.values():
        check_writable(path)
    for label, path in outputs.items():
        for in_label, in_path in inputs.items():
            if _same_file(path, in_path):
                raise OutputError(f"{label} {os.fspath(path)} is the {in_label} file: refusing to overwrite an input")
    labels = list(outputs)
    for k, first in enumerate(labels):
        for second in labels[k + 1:]:
            if _same_file(outputs[first], outputs[second]):
                raise OutputError(f"{second} {os.fspath(outputs[second])} is the same file as {first}: "
                                  "one would overwrite the other")


def _same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


__all__ = ["WRITERS", "atomic_write", "check_outputs", "check_writable", "format_from_path", "get_formatter", "remove_stale_temps", "write"]
