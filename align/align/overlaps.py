"""Overlap texts and vectors for merged beads: what the aligner compares when it tries a 2-1 or 1-3.

``concat`` embeds the joined text of each run of sentences (what Vecalign and Bertalign do); ``mean``
combines the single-sentence vectors (no extra embedding). Both are measured in eval/RESULTS.md.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

import numpy as np

from thalign.align.dp import overlap_mean
from thalign.embed import Embedder, ProgressCallback
from thalign.errors import EngineNotFound
from thalign.types import Sentence

MERGES = ("concat", "mean")


def overlap_texts(sentences: list[Sentence], size: int) -> list[str]:
    """Text of sentences i..i+size-1 for every i where that run exists."""
    texts = [s.text for s in sentences]
    return [" ".join(texts[i : i + size]) for i in range(len(texts) - size + 1)]


def overlap_vectors(
    sentences: list[Sentence], embedder: Embedder, max_side: int, merge: str = "concat",
    progress: ProgressCallback | None = None,
) -> dict[int, np.ndarray]:
    """``{size: array (n, d)}`` where row i stands for sentences i..i+size-1 (zero rows past the end)."""
    if merge not in MERGES:
        raise EngineNotFound(f"unknown merge {merge!r}: choose from {', '.join(MERGES)}")
    n = len(sentences)
    sizes = range(1, max_side + 1) if merge == "concat" else range(1, 2)
    runs = {size: overlap_texts(sentences, size) for size in sizes}
    flat = [t for size in sizes for t in runs[size]]
    vectors = embedder.encode(flat, progress=progress) if flat else np.zeros((0, embedder.dim), np.float32)
    out: dict[int, np.ndarray] = {}
    at = 0
    for size in sizes:
        block = np.zeros((n, vectors.shape[1] if len(vectors) else embedder.dim), dtype=np.float32)
        k = len(runs[size])
        block[:k] = vectors[at : at + k]
        out[size] = block
        at += k
    for size in range(2, max_side + 1):
        out.setdefault(size, overlap_mean(out[1], size))
    return out


class RunTable(Mapping[int, np.ndarray]):
    """``table[a][i]`` is the vector of units i..i+a-1: exact where it was embedded, else the mean of the
    singles. Each size is built when the DP reads it and only the last few are kept, so memory holds the
    singles and the embedded runs, not one (n, d) array per size (14 of them for Thai chunks)."""

    KEEP = 3
    """Sizes always kept built: the DP reads sizes in order and a bead of size a also reads size a - 1."""
    KEEP_BYTES = 64 << 20
    """More sizes stay built while they fit in this much memory: a small document keeps every size across the
    lazy search's rounds instead of averaging its singles again each round; a long one keeps ``KEEP``."""

    def __init__(self, singles: np.ndarray, max_size: int) -> None:
        self.singles, self.max_size = singles, max_size
        self.exact: dict[int, dict[int, np.ndarray]] = {size: {} for size in range(2, max_size + 1)}
        self._built: OrderedDict[int, np.ndarray] = OrderedDict()

    def __getitem__(self, size: int) -> np.ndarray:
        if size == 1:
            return self.singles
        if size not in self.exact:
            raise KeyError(size)
        if size not in self._built:
            table = overlap_mean(self.singles, size)
            if self.exact[size]:
                table[np.fromiter(self.exact[size], dtype=np.int64)] = np.stack(list(self.exact[size].values()))
            self._built[size] = table
            while len(self._built) > self.KEEP and sum(t.nbytes for t in self._built.values()) > self.KEEP_BYTES:
                self._built.popitem(last=False)
        self._built.move_to_end(size)
        return self._built[size]

    def set(self, start: int, size: int, vector: np.ndarray) -> None:
        self.exact[size][start] = vector
        if size in self._built:
            self._built[size][start] = vector

    def __iter__(self) -> Iterator[int]:
        return iter(range(1, self.max_size + 1))

    def __len__(self) -> int:
        return self.max_size


class RunVectors:
    """Vectors of every run of up to ``max_size`` consecutive units, embedded only when the search asks.

    Single units are embedded at once. A longer run stands in as the unit mean of its units' vectors until
    ``embed`` is asked for it; then its joined text is embedded (the ``concat`` merge). The aligner asks only
    for runs on and next to its path (``align/align/lazy.py``), so a document costs a few embedding passes
    instead of one per run size. ``merge="mean"`` embeds nothing beyond the singles: the means are the vectors.
    """

    def __init__(self, units: list[Sentence], embedder: Embedder, max_size: int, merge: str = "concat",
                 progress: ProgressCallback | None = None, stand_in: Callable[[int], float] | None = None,
                 singles: np.ndarray | None = None) -> None:
        if merge not in MERGES:
            raise EngineNotFound(f"unknown merge {merge!r}: choose from {', '.join(MERGES)}")
        self.units, self.embedder, self.progress = units, embedder, progress
        self.max_size, self.merge, self.stand_in = max_size, merge, stand_in
        n = len(units)
        if singles is None:
            singles = embedder.encode([u.text for u in units], progress=progress) if n else np.zeros((0, embedder.dim), np.float32)
        self.vectors = RunTable(np.asarray(singles, dtype=np.float32), max_size)
        gain = (lambda size: 0.0) if merge == "mean" or stand_in is None else stand_in
        self.bonus: dict[int, np.ndarray] = {size: np.full(n, gain(size)) for size in range(2, max_size + 1)}
        """What a run's exact vector is expected to gain in cosine over its mean (0 once it is exact)."""
        self._longer: dict[tuple[int, int], np.ndarray] = {}
        """Runs past ``max_size`` embedded for ``many`` (a fragment joined to its sentence)."""
        self._parent: tuple[RunVectors, int] | None = None

    def view(self, first: int, end: int) -> RunVectors:
        """The runs inside units ``[first, end)`` as vectors of their own (a window of a long document): nothing
        is embedded again, and what the window embeds is kept here too."""
        child = RunVectors(self.units[first:end], self.embedder, self.max_size, self.merge, self.progress,
                           self.stand_in, singles=self.vectors.singles[first:end])
        for size, rows in self.vectors.exact.items():
            for start, vector in rows.items():
                if first <= start and start + size <= end:
                    child._mark(start - first, size, vector)
        child._parent = (self, first)
        return child

    def _mark(self, start: int, size: int, vector: np.ndarray) -> None:
        self.vectors.set(start, size, vector)
        self.bonus[size][start] = 0.0

    def _store(self, start: int, size: int, vector: np.ndarray) -> None:
        """Keep a run embedded here, and in the document this is a window of."""
        self._mark(start, size, vector)
        if self._parent is not None:
            self._parent[0]._store(start + self._parent[1], size, vector)

    def _text(self, first: int, end: int) -> str:
        return " ".join(u.text for u in self.units[first:end])

    def drop_bonus(self) -> None:
        """Stand-ins count at face value from now on (the search stops exploring)."""
        for bonus in self.bonus.values():
            bonus[:] = 0.0

    def is_exact(self, start: int, size: int) -> bool:
        return size == 1 or self.merge == "mean" or start in self.vectors.exact[size]

    def embed(self, runs: Iterable[tuple[int, int]]) -> int:
        """Embed the runs ``(start, size)`` not embedded yet (sizes past ``max_size`` or past the end are
        ignored); returns how many were new."""
        n = len(self.units)
        todo = sorted({(s, a) for s, a in runs if 1 < a <= self.max_size and s >= 0 and s + a <= n
                       and not self.is_exact(s, a)})
        if todo:
            vectors = self.embedder.encode([self._text(s, s + a) for s, a in todo], progress=self.progress)
            for (s, a), vector in zip(todo, vectors):
                self._store(s, a, vector)
        return len(todo)

    def embed_all(self) -> int:
        """Embed every run (what the search did before it was lazy; kept to measure the shortcut against)."""
        n = len(self.units)
        return self.embed((s, a) for a in range(2, self.max_size + 1) for s in range(n - a + 1))

    def many(self, spans: Sequence[tuple[int, int]]) -> np.ndarray:
        """Exact unit vectors of the runs ``[first, end)`` of any length (embedded now when needed, once)."""
        out = np.zeros((len(spans), self.embedder.dim), dtype=np.float32)
        missing = list(dict.fromkeys(span for span in spans if self._known(*span) is None))
        if missing:
            vectors = self.embedder.encode([self._text(*span) for span in missing], progress=self.progress)
            for (first, end), vector in zip(missing, vectors):
                if end - first <= self.max_size:
                    self._store(first, end - first, vector)
                else:
                    self._longer[(first, end)] = vector
        for k, span in enumerate(spans):
            out[k] = self._known(*span)
        return out

    def _known(self, first: int, end: int) -> np.ndarray | None:
        """The exact vector of a run when it is known without embedding."""
        size, table = end - first, self.vectors
        vector: np.ndarray | None
        if size == 1:
            vector = table.singles[first]
        elif size <= self.max_size and first in table.exact[size]:
            vector = table.exact[size][first]
        elif self.merge == "mean" and size <= self.max_size:
            vector = overlap_mean(table.singles[first:end], size)[0]
        else:
            vector = self._longer.get((first, end))
        return vector
