"""One registry behind every stage's table of components: built-in names plus installed entry points.

Each stage names its components ``name → "module:attribute"`` (the entry-point value syntax), so only the chosen
one is imported. Another package adds a component without editing thalign by declaring an entry point in the
stage's group, e.g. in its ``pyproject.toml``::

    [project.entry-points."thalign.checks"]
    shouting = "mypkg.checks:check_shouting"

Groups: ``thalign.segmenters``, ``thalign.embedders``, ``thalign.checks``, ``thalign.writers``. A plug-in cannot
replace a built-in name: the run signature names the built-ins, so a name must keep meaning the same code; such an
entry point is skipped with a warning on the ``thalign`` logger.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator, Mapping
from importlib.metadata import EntryPoint, entry_points
from typing import Any

log = logging.getLogger("thalign")

GROUPS = ("thalign.segmenters", "thalign.embedders", "thalign.checks", "thalign.writers")


@functools.lru_cache(maxsize=1)
def _installed() -> dict[str, tuple[EntryPoint, ...]]:
    """The installed entry points of the four groups, read in one scan of sys.path's package metadata."""
    every = entry_points()
    return {group: tuple(every.select(group=group)) for group in GROUPS}


class Registry(Mapping[str, str]):
    """``name → "module:attribute"`` for one entry-point group: the built-ins first, then plug-ins by name.

    Entry points are read on first use, not at import (importing thalign stays cheap); ``refresh`` reads them again
    after a plug-in was installed into a running process.
    """

    def __init__(self, group: str, builtins: Mapping[str, str]) -> None:
        self.group = group
        self._builtins = dict(builtins)
        self._table: dict[str, str] | None = None

    def _names(self) -> dict[str, str]:
        if self._table is None:
            table = dict(self._builtins)
            for point in sorted(_installed().get(self.group, ()), key=lambda p: p.name):
                if point.name in table:
                    log.warning("entry point %s in %s ignored: the name %s is taken by %s", point.value, self.group,
                                point.name, table[point.name])
                    continue
                table[point.name] = point.value
            self._table = table
        return self._table

    def refresh(self) -> None:
        _installed.cache_clear()
        self._table = None

    def builtin(self, name: str) -> bool:
        return name in self._builtins

    def load(self, name: str) -> Any:
        """Import and return the component ``name`` (``KeyError`` if unknown: each stage words its own miss)."""
        return EntryPoint(name, self._names()[name], self.group).load()

    def __getitem__(self, name: str) -> str:
        return self._names()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())

    def __repr__(self) -> str:
        return f"Registry({self.group!r}, {self._names()!r})"


def refresh_all() -> None:
    """Re-read every stage's entry points (after installing a plug-in into this process)."""
    from thalign.embed import EMBEDDERS
    from thalign.flags import CHECKS
    from thalign.segment import SEGMENTERS
    from thalign.write import WRITERS

    for registry in (SEGMENTERS, EMBEDDERS, CHECKS, WRITERS):
        registry.refresh()


__all__ = ["GROUPS", "Registry", "refresh_all"]
