"""One exception tree for the toolkit; callers catch ``ThalignError``.

    ThalignError
    ├── InputError          bad input: empty, binary, undecodable, wrong language, not a regular file, too big
    ├── ConfigError         (also a ValueError) an AlignConfig field or option outside its allowed range
    │   ├── ConfigTypeError (also a TypeError) a field of the wrong type
    │   └── UnknownName     (also an EngineNotFound) a segmenter / model / merge / check name not in its table
    ├── OutputError         (also an OSError) an output that cannot be written, or that would clobber an input
    ├── EngineNotFound      a segmenter / embedder / writer / check name that does not exist
    └── ModelUnavailable    a model that cannot be loaded offline
"""

from __future__ import annotations

from typing import Any


class ThalignError(Exception):
    """Base of every error the toolkit raises on purpose."""


class InputError(ThalignError):
    """The input cannot be aligned; the message says why in one line."""


class ThaiOnlyInput(InputError):
    """A bilingual file holds only Thai: nothing to align, but the Thai-only checks apply (``thalign check``)."""

    def __init__(self, message: str, text: str = "") -> None:
        super().__init__(message)
        self.text = text


class EngineNotFound(ThalignError, KeyError):
    """A component name is not in its table; the message lists valid names."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ConfigError(ThalignError, ValueError):
    """A setting outside its allowed range; ``field`` names it so the CLI can name the option instead."""

    def __init__(self, field: str, requirement: str, value: Any, show_value: bool = True) -> None:
        self.field, self.requirement, self.value, self.show_value = field, requirement, value, show_value
        super().__init__(self._message(f"AlignConfig.{field}"))

    def for_option(self, option: str) -> str:
        """The same message naming the command-line option the user typed."""
        return self._message(option)

    def _message(self, name: str) -> str:
        return f"{name} {self.requirement} (got {self.value!r})" if self.show_value else f"{name}: {self.requirement}"


class ConfigTypeError(ConfigError, TypeError):
    """A setting of the wrong type (a str where an int belongs, a bare string for a tuple of names)."""


class UnknownName(ConfigError, EngineNotFound):
    """A field naming a segmenter, model, merge or check that is not in its table; lists the valid names."""


class OutputError(ThalignError, OSError):
    """An output cannot be written, or would overwrite an input or another output of the same run."""


class ModelUnavailable(ThalignError):
    """The embedding model is missing or cannot be loaded without a network."""


class InternalError(ThalignError, RuntimeError):
    """An invariant between stages broke (a segmenter lost text, the aligner lost a sentence): a bug to report,
    never the input's fault. The CLI exits 3 on it."""
