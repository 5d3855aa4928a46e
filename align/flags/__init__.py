"""Flag stage: aligned beads → ``list[Flag]``, each check a small function found by name in ``CHECKS``.

``CHECKS`` holds the built-ins plus the ``thalign.checks`` entry points (``thalign.registry``): a check from
another package runs by its name like a built-in one, and its name is also a ``--fail-on`` kind.

A pipeline switches checks on and off through ``AlignConfig.checks``; an unknown name raises
``EngineNotFound`` listing the valid ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from thalign.config import AlignConfig
from thalign.errors import EngineNotFound
from thalign.flags.base import Check, CheckContext
from thalign.registry import Registry
from thalign.types import AlignmentResult, Flag

if TYPE_CHECKING:
    from thalign.embed import Embedder

BUILTIN_CHECKS = {
    "omission": "thalign.flags.omission:check_omissions",
    "partial": "thalign.flags.partial:check_partial",
    "number": "thalign.flags.numbers:check_numbers",
    "date": "thalign.flags.numbers:check_dates",
    "currency": "thalign.flags.currency:check_currency",
    "name": "thalign.flags.names:check_names",
    "meaning": "thalign.flags.meaning:check_meaning",
    "untranslated": "thalign.flags.meaning:check_untranslated",
    "term": "thalign.flags.term:check_terms",
}
CHECKS = Registry("thalign.checks", BUILTIN_CHECKS)
"""Check name → ``module:function``. A check maps (result, context) to flags; names are what
``--check`` and ``AlignConfig.checks`` take. Flag kinds: omission, addition, partial, number, year,
date, currency, name, glossary, meaning, untranslated, term."""
OPT_IN_CHECKS = frozenset({"term"})
"""Run only when asked (``--check term``): word-level QA embeds every word and phrase of the document, and its
recall on injected word errors is still short of its targets, far short on FLORES' long sentences
(eval/results/detection_words.json)."""
DEFAULT_CHECKS: tuple[str, ...] = tuple(c for c in BUILTIN_CHECKS if c not in OPT_IN_CHECKS)
"""What runs when ``AlignConfig.checks`` is empty: the built-ins but ``OPT_IN_CHECKS``. A plug-in check runs only
when named, so installing a package never changes what (and which signature) a default run produces."""

FLAG_KINDS: dict[str, str] = {
    "omission": "omission", "addition": "omission", "partial": "partial", "number": "number", "year": "number",
    "date": "date", "currency": "currency", "name": "name", "glossary": "name", "meaning": "meaning",
    "untranslated": "untranslated", "term": "term",
    "repeat": "thai-only", "bracket": "thai-only", "digits": "thai-only",
}
"""Flag kind → the check that raises it. ``--fail-on`` accepts these kinds and every check's own name."""


def known_kinds() -> list[str]:
    """Every flag kind a run can raise, for validating ``--fail-on``."""
    return sorted(set(FLAG_KINDS) | set(CHECKS))


def get_check(name: str) -> Check:
    if name not in CHECKS:
        raise EngineNotFound(f"unknown check {name!r}: choose from {', '.join(sorted(CHECKS))}")
    check: Check = CHECKS.load(name)
    return check


def run_checks(result: AlignmentResult, config: AlignConfig, th_vectors: np.ndarray, en_vectors: np.ndarray,
               embedder: Embedder | None = None) -> list[Flag]:
    """Run the configured checks; ``embedder`` (the run's model) serves the word-level ``term`` check."""
    context = CheckContext(config, th_vectors, en_vectors, embedder)
    flags: list[Flag] = []
    for name in config.checks or DEFAULT_CHECKS:
        flags.extend(get_check(name)(result, context))
    return sorted(flags, key=lambda f: (f.bead, f.kind))


def check_thai(text: str, config: AlignConfig | None = None) -> list[Flag]:
    """QA for a Thai document with no English (``thalign check``, and batch for Thai-only files): the checks
    that need no source. Flags refer to paragraphs (non-empty lines, from 0) instead of beads."""
    from thalign.flags.thai_only import check_thai_text

    return check_thai_text(text)


__all__ = [
    "CHECKS",
    "DEFAULT_CHECKS",
    "FLAG_KINDS",
    "OPT_IN_CHECKS",
    "Check",
    "CheckContext",
    "check_thai",
    "get_check",
    "known_kinds",
    "run_checks",
]
