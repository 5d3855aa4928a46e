"""Search that embeds only what it needs: cheap vectors everywhere, exact ones on and next to the path.

Embedding every run of up to k units costs k embedding passes over the document (14 for Thai chunks). A
run's unit mean of single vectors is free and ranks runs roughly right, so the DP first runs on singles
and means; then the runs of the path's beads, and of every bead one boundary move away (each end by up to
``radius`` units), are embedded exactly and the DP runs again, until the path holds no run that is not
exact (or ``MAX_ROUNDS``). What the shortcut costs in quality is measured against embedding every run
(``python -m eval.lazy``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from thalign.align.dp import DPParams, RawBead, Side, align_sides
from thalign.align.overlaps import RunVectors

MAX_ROUNDS = 6


@dataclass(frozen=True)
class LazyRule:
    """How far the search looks around its path, and the bonus a stand-in mean gets per extra unit."""

    radius: int
    """Each end of a path bead's run is moved by up to this many units, and those runs are embedded too."""
    gain: float
    """A run's exact embedding beats the mean of its units' vectors in cosine with its translation by about
    this much per extra unit (up to ``cap`` extra units); the means get it as a bonus, so the first paths are
    not pushed away from long runs that have not been embedded yet."""
    cap: int = 6
    grow: bool = True
    """Moves that lengthen a run are embedded too (False: only moves that shorten one, i.e. a merge's sub-beads)."""
    gate: float = float("inf")
    """Only a path bead whose ``doubt`` (what moving one of its boundaries by a unit would lose, on the current
    vectors) is below this is looked around; a bead that every move loses clearly against keeps its own runs."""

    def stand_in(self, size: int) -> float:
        return self.gain * min(size - 1, self.cap)


CHUNK_RULE = LazyRule(radius=2, gain=0.06)
"""Thai chunks (bitext). Gain from FLORES long documents, runs on the exhaustive path: median exact-minus-mean
cosine 0.07 for 2 chunks, 0.14 for 3, 0.24 for 5, 0.37 for 8 or more. Tuned on FLORES long (raw-text track, three
English layouts) and checked on Tatoeba (``python -m eval lazy``): both score the exhaustive search's pairs found
and Thai boundary F1. Radius 1 lost 0.003 boundary F1 on FLORES lines (0.001 with gain 0.1, at 9 passes of work
instead of 7); gain 0 lost 0.003 pairs found on FLORES prose."""
SENTENCE_RULE = LazyRule(radius=1, gain=0.1, gate=0.1)
"""Pre-split sentences. Tuned on the Tatoeba variants (short sentences, the hard case) and checked on FLORES long:
with it both score the exhaustive search's strict F1 on every variant within 0.001 (``python -m eval lazy``).
Cheaper rules measured on Tatoeba merges (exhaustive 0.962): only the path's runs with gain 0.1 / 0.15 / 0.2,
0.941 / 0.956 / 0.958; one-unit moves without the gain 0.957; only moves that shorten a run, 0.941 / 0.956.
The gate: looking around every bead (no gate) cost 3.0-3.8 passes of work on Tatoeba; at gate 0.1 (and always
beside an unaligned unit) 1.4-2.4 with the same F1; gate 0.05 lost 0.002 on merges. On FLORES long, gate 0.1 keeps
every variant's strict F1 and cuts the work on clean documents from 3.0 to 1.02 passes (merges 1.6, mix 2.0);
without the beside-unaligned exception Tatoeba merges lost 0.01-0.015 at every gate."""


def near_runs(start: int, end: int, max_size: int, radius: int, grow: bool = True) -> Iterator[tuple[int, int]]:
    """``(start, size)`` of the run ``[start, end)`` and of the runs with one of its ends moved by up to
    ``radius`` units (what the neighbouring bead would give or take; only taking when not ``grow``)."""
    yield start, end - start
    for d in range(1, radius + 1):
        moves = ((start + d, end), (start, end - d)) + (((start - d, end), (start, end + d)) if grow else ())
        for s, e in moves:
            if 0 < e - s <= max_size and s >= 0:
                yield s, e - s


def path_runs(beads: list[RawBead], th: RunVectors, en: RunVectors, radius: int, grow: bool = True,
              gate: float = float("inf")) -> int:
    """Embed the runs on and next to the paired beads of ``beads`` (next to: only beads whose doubt is below
    ``gate`` or that border an unaligned unit, which a move could take in); returns how many were new."""
    th_runs: list[tuple[int, int]] = []
    en_runs: list[tuple[int, int]] = []
    paired = [bool(b.th and b.en) for b in beads]
    for k, bead in enumerate(beads):
        if paired[k]:
            beside_null = not all(paired[max(k - 1, 0):k + 2])
            r = radius if bead.doubt < gate or beside_null else 0
            th_runs += near_runs(bead.th[0], bead.th[-1] + 1, th.max_size, r, grow)
            en_runs += near_runs(bead.en[0], bead.en[-1] + 1, en.max_size, r, grow)
    return th.embed(th_runs) + en.embed(en_runs)


def align_lazily(search: Callable[[], list[RawBead]], th: RunVectors, en: RunVectors, rule: LazyRule,
                 max_rounds: int = MAX_ROUNDS) -> list[RawBead]:
    """Run ``search`` (a DP over ``th.vectors`` and ``en.vectors``) until the runs on and next to its path
    are all exact; past ``max_rounds`` the stand-ins lose their bonus and only the path's own runs are
    embedded, so the beads that come out are scored on exact vectors."""
    beads = search()
    for round_ in range(2 * max_rounds):
        if round_ == max_rounds:  # no more exploring: means count at face value, so the path settles on exact runs
            th.drop_bonus()
            en.drop_bonus()
        if not path_runs(beads, th, en, rule.radius if round_ < max_rounds else 0, rule.grow, rule.gate):
            break
        beads = search()
    return beads


def search(th: Side, en: Side, params: DPParams, th_runs: RunVectors, en_runs: RunVectors, rule: LazyRule,
           exhaustive: bool = False) -> list[RawBead]:
    """The DP over two sides whose vectors are ``th_runs`` and ``en_runs``: lazily, or (``exhaustive``) with
    every run embedded first, to measure the lazy search against.

    The DP's matrix products are small, so they run on one BLAS thread: after the model has run, its OpenMP
    threads keep spinning for a while, and a second pool fighting them on 2 cores made the DP twice as slow."""
    if exhaustive:
        th_runs.embed_all()
        en_runs.embed_all()
        return _one_blas_thread(th, en, params)
    return align_lazily(lambda: _one_blas_thread(th, en, params), th_runs, en_runs, rule)


_threadpools: list[object] = []
"""threadpoolctl's controller, found once: finding the loaded libraries takes ~7 ms with torch loaded."""


def _one_blas_thread(th: Side, en: Side, params: DPParams) -> list[RawBead]:
    from threadpoolctl import ThreadpoolController

    if not _threadpools:
        _threadpools.append(ThreadpoolController())
    with _threadpools[0].limit(limits=1, user_api="blas"):  # type: ignore[attr-defined]
        return align_sides(th, en, params)
