"""Atomic file writes: a crash, a kill or a full disk never leaves a half-written file in place.

Output goes to a temporary file in the target directory, is flushed to disk, then renamed over the target in one
step. Every stage that writes (the writers, the embedding cache, batch state and summaries, eval results) uses it.
"""

from __future__ import annotations

import os
import re
import tempfile

from thalign.errors import OutputError


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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


__all__ = ["atomic_write", "remove_stale_temps"]
