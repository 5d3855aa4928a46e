"""One exception tree for the toolkit; callers catch ``ThalignError``.

    ThalignError
    ├── InputError          bad input: empty, binary, undecodable, wrong language
    ├── EngineNotFound      a segmenter / embedder / writer / check name that does not exist
    └── ModelUnavailable    a model that cannot be loaded offline
"""

from __future__ import annotations


class ThalignError(Exception):
    """Base of every error the toolkit raises on purpose."""


class InputError(ThalignError):
    """The input cannot be aligned; the message says why in one line."""


class EngineNotFound(ThalignError, KeyError):
    """A component name is not in its table; the message lists valid names."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ModelUnavailable(ThalignError):
    """The embedding model is missing or cannot be loaded without a network."""
