"""Boundary checks: every ``AlignConfig`` field and every public-API argument, before any work starts.

A bad value fails here, at construction, with a message naming the field and its allowed range —
not later inside the aligner as a ``KeyError``, a 6 GB table or a silently empty alignment. The CLI
re-words a ``ConfigError`` to name the option instead of the field (``ConfigError.for_option``).

Ranges are what the code supports, not tuning: a bead holds at least a 1-1 pair and at most 3 + 3
sentences per side-pair search; band and full-table sizes are capped where their tables would pass a few GB.
Fields this module does not know (added by other components) are checked against their annotation's type.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
import os
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from thalign.errors import ConfigError, ConfigTypeError, UnknownName

if TYPE_CHECKING:
    from thalign.config import AlignConfig
    from thalign.types import Sentence

MAX_BEAD = (2, 12)
MAX_SIDE = (1, 6)
BAND = (1, 1_000)
FULL_DP_CELLS = (1, 10_000_000)
KNN = (1, 64)
SKIP_PENALTY = (-1.0, 0.0)
_LANG_TAG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*\Z")


def _integer(field: str, value: Any, bounds: tuple[int, int]) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ConfigTypeError(field, f"must be an integer from {bounds[0]:,} to {bounds[1]:,}", value)
    if not bounds[0] <= int(value) <= bounds[1]:
        raise ConfigError(field, f"must be an integer from {bounds[0]:,} to {bounds[1]:,}", value)


def _real(field: str, value: Any, bounds: tuple[float, float]) -> None:
    requirement = f"must be a finite number from {bounds[0]:g} to {bounds[1]:g}"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ConfigTypeError(field, requirement, value)
    if not (math.isfinite(value) and bounds[0] <= float(value) <= bounds[1]):
        raise ConfigError(field, requirement, value)


def _name(field: str, value: Any, choices: Iterable[str]) -> None:
    names = sorted(choices)
    if not isinstance(value, str):
        raise ConfigTypeError(field, f"must be one of {', '.join(names)}", value)
    if value not in names:
        raise UnknownName(field, f"must be one of {', '.join(names)}", value)


def _th_segmenter(config: AlignConfig) -> None:
    from thalign.segment import SEGMENTERS

    _name("th_segmenter", config.th_segmenter, [*SEGMENTERS, "bitext"])


def _en_segmenter(config: AlignConfig) -> None:
    from thalign.segment import SEGMENTERS

    _name("en_segmenter", config.en_segmenter, SEGMENTERS)


def _model(config: AlignConfig) -> None:
    from thalign.embed import EMBEDDERS

    value = config.model
    choices = f"{', '.join(sorted(EMBEDDERS))} or the path of a local sentence-transformers model directory"
    if not isinstance(value, str):
        raise ConfigTypeError("model", f"must be one of {choices}", value)
    if value not in EMBEDDERS and not os.path.isdir(value):
        raise UnknownName("model", f"unknown model {value!r}: use one of {choices}", value, show_value=False)


def _max_side(config: AlignConfig) -> None:
    _integer("max_side", config.max_side, (MAX_SIDE[0], min(MAX_SIDE[1], config.max_bead - 1)))


def _merge(config: AlignConfig) -> None:
    from thalign.align.overlaps import MERGES

    _name("merge", config.merge, MERGES)


def _lang(field: str) -> Callable[[AlignConfig], None]:
    def check(config: AlignConfig) -> None:
        value = getattr(config, field)
        if not isinstance(value, str) or not _LANG_TAG.match(value):
            raise ConfigError(field, "must be a language tag such as th-TH or en-US", value)

    return check


def _checks(config: AlignConfig) -> None:
    from thalign.flags import CHECKS

    value: object = config.checks  # the annotation says tuple; callers may pass anything
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ConfigTypeError("checks", "must be a tuple of check names", value)
    value = tuple(value)
    object.__setattr__(config, "checks", value)  # a list is accepted and kept as the tuple a frozen config needs
    for name in value:
        _name("checks", name, CHECKS)


def _glossary(config: AlignConfig) -> None:
    if config.glossary is not None and not isinstance(config.glossary, (str, os.PathLike)):
        raise ConfigTypeError("glossary", "must be None or the path of a glossary file", config.glossary)


FIELD_CHECKS: dict[str, Callable[[AlignConfig], None]] = {
    "th_segmenter": _th_segmenter,
    "en_segmenter": _en_segmenter,
    "model": _model,
    "max_bead": lambda c: _integer("max_bead", c.max_bead, MAX_BEAD),
    "max_side": _max_side,
    "skip_penalty": lambda c: _real("skip_penalty", c.skip_penalty, SKIP_PENALTY),
    "band": lambda c: _integer("band", c.band, BAND),
    "full_dp_cells": lambda c: _integer("full_dp_cells", c.full_dp_cells, FULL_DP_CELLS),
    "knn": lambda c: _integer("knn", c.knn, KNN),
    "merge": _merge,
    "th_lang": _lang("th_lang"),
    "en_lang": _lang("en_lang"),
    "checks": _checks,
    "glossary": _glossary,
}
"""Field name → its check, run in field order (``max_side`` is checked against an already valid ``max_bead``)."""

_ANNOTATION_TYPES: dict[str, tuple[type, ...]] = {
    "bool": (bool,), "str": (str,), "int": (int,), "float": (int, float),
    "str | None": (str, type(None)), "int | None": (int, type(None)), "float | None": (int, float, type(None)),
}


def validate_config(config: AlignConfig) -> None:
    """Raise ``ConfigError`` naming the first field outside its allowed range."""
    for spec in dataclasses.fields(config):
        check = FIELD_CHECKS.get(spec.name)
        if check is not None:
            check(config)
            continue
        types = _ANNOTATION_TYPES.get(str(spec.type))
        value = getattr(config, spec.name)
        if types and (not isinstance(value, types) or (isinstance(value, bool) and bool not in types)):
            raise ConfigTypeError(spec.name, f"must be of type {spec.type}", value)


def config_or_default(config: AlignConfig | None, caller: str) -> AlignConfig:
    """``None`` means the defaults; anything but an ``AlignConfig`` is a ``TypeError`` naming the caller."""
    from thalign.config import AlignConfig

    if config is None:
        return AlignConfig()
    if not isinstance(config, AlignConfig):
        raise TypeError(f"{caller}: config must be an AlignConfig or None, not {type(config).__name__}")
    return config


def require_text(caller: str, name: str, value: Any) -> None:
    """Texts are ``str``; bytes get a hint, since decoding is the read stage's job."""
    if isinstance(value, (bytes, bytearray)):
        raise TypeError(f"{caller}: {name} must be str, not bytes (decode it, or pass the file path to align_files)")
    if not isinstance(value, str):
        raise TypeError(f"{caller}: {name} must be str, not {type(value).__name__}")


def require_path(caller: str, name: str, value: Any, optional: bool = False) -> None:
    if optional and value is None:
        return
    if not isinstance(value, (str, os.PathLike)) or isinstance(os.fspath(value), bytes):
        raise TypeError(f"{caller}: {name} must be a str or os.PathLike path, not {type(value).__name__}")


def require_sentences(caller: str, name: str, value: Any) -> list[Sentence]:
    """A list of ``Sentence`` (e.g. from ``segment_text``); plain strings are refused with that hint."""
    from thalign.types import Sentence

    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"{caller}: {name} must be a list of thalign.Sentence, not {type(value).__name__}")
    items = list(value)
    for item in items:
        if not isinstance(item, Sentence):
            raise TypeError(f"{caller}: {name} must hold thalign.Sentence objects (from segment_text), "
                            f"not {type(item).__name__}")
    return items


__all__ = ["FIELD_CHECKS", "config_or_default", "require_path", "require_sentences", "require_text", "validate_config"]
