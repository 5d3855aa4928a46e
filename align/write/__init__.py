"""Write stage: ``AlignmentResult`` → file, by format name, always atomically.

A crash or a full disk never leaves a half-written file: output goes to a temporary file in the
target directory, is flushed to disk, then renamed over the target in one step. A failed write is an
``OutputError`` (an ``OSError`` too); the outputs of a run are checked before it starts (``check_outputs``).
"""

from __future__ import annotations

import importlib
import os
import re
import stat
import tempfile
from collections.abc import Callable

from thalign.config import AlignConfig
from thalign.errors import EngineNotFound, OutputError
from thalign.types import AlignmentResult

Formatter = Callable[[AlignmentResult, AlignConfig], bytes]

WRITERS: dict[str, str] = {
    "tmx": "thalign.write.tmx:format_tmx",
    "jsonl": "thalign.write.jsonl:format_jsonl",
    "tsv": "thalign.write.tsv:format_tsv",
    "html": "thalign.write.html:format_html",
    "xliff": "thalign.write.xliff:format_xliff",
    "xlf": "thalign.write.xliff:format_xliff",  # the extension CAT tools expect for XLIFF
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
          config: AlignConfig | None = None) -> None:
    """Format ``result`` and put it at ``path`` atomically; ``OutputError`` if it cannot be written."""
    data = get_formatter(fmt or format_from_path(path))(result, config or AlignConfig())
    atomic_write(path, data)


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to a temporary sibling of ``path``, fsync, then rename it into place.

    The temporary name carries this process's id (``.NAME.PID-XXXX.tmp``), so a later write of the same
    target can tell a killed run's leftover from a live writer's file and remove it.
    """
    target = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(target))
    tmp = None
    try:
        os.makedirs(directory, exist_ok=True)
        remove_stale_temps(directory, os.path.basename(target))
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=_temp_prefix(target) + f"{os.getpid()}-", suffix=".tmp")
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs (and a leftover) get the usual permissions
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        _discard(tmp)
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    except BaseException:
        _discard(tmp)
        raise


def _discard(tmp: str | None) -> None:
    if tmp and os.path.exists(tmp):
        os.unlink(tmp)


def _temp_prefix(target: str) -> str:
    return "." + os.path.basename(target) + "."


_TEMP = re.compile(r"\.(?P<base>.+)\.(?:(?P<pid>\d+)-)?[A-Za-z0-9_]{8}\.tmp\Z")


def remove_stale_temps(directory: str | os.PathLike[str], base: str | None = None) -> list[str]:
    """Delete temporary files of writes whose process is gone (a kill -9 mid-write); returns their paths.

    Only names made by ``atomic_write`` (``.NAME.PID-XXXXXXXX.tmp``) are touched, and only when no process
    with that id is running here; names without an id come from an older version and are always stale.
    ``base`` limits the sweep to the temporaries of one target.
    """
    removed: list[str] = []
    try:
        names = os.listdir(directory)
    except OSError:
        return removed
    for name in names:
        match = _TEMP.match(name)
        if not match or (base is not None and match["base"] != base):
            continue
        if match["pid"] and _alive(int(match["pid"])):
            continue
        path = os.path.join(directory, name)
        try:
            os.unlink(path)
            removed.append(path)
        except OSError:
            pass  # another run removed it first, or it is not ours to remove
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


__all__ = ["WRITERS", "atomic_write", "check_outputs", "check_writable", "format_from_path", "get_formatter", "remove_stale_temps", "write"]
