"""The whole story: read → segment → embed → align → flag. Each stage is one call; invariants are checked between them."""

from __future__ import annotations

import os
from collections.abc import Callable

import numpy as np

from align.beads import overlap_vectors
from align.config import AlignConfig
from align.confidence import null_confidence, pair_confidence
from align.dp import DPParams, RawBead, align_vectors
from align.embed import Embedder, get_embedder
from align.errors import InputError
from align.read import check_language, read_text, replace_surrogates, split_bilingual
from align.segment import get_segmenter
from align.segment.breaks import segment_keeping_breaks
from align.types import AlignmentResult, Bead, Sentence

Progress = Callable[[str, int], None]
"""progress(stage, count): called as sentences are embedded (the CLI draws a bar from it)."""


def read_pair(th_path: str | os.PathLike[str], en_path: str | os.PathLike[str] | None = None) -> tuple[str, str]:
    """Thai and English text from two files, or from one file holding both (Thai first)."""
    if en_path is not None:
        return read_text(th_path), read_text(en_path)
    try:
        return split_bilingual(read_text(th_path))
    except InputError as exc:
        if str(exc).startswith(os.fspath(th_path)):
            raise
        raise InputError(f"{os.fspath(th_path)}: {exc}") from None


def align_files(
    th_path: str | os.PathLike[str], en_path: str | os.PathLike[str] | None = None,
    config: AlignConfig = AlignConfig(), progress: Progress | None = None, embedder: Embedder | None = None,
) -> AlignmentResult:
    th_text, en_text = read_pair(th_path, en_path)
    return align_documents(th_text, en_text, config, progress, embedder)


def align_documents(
    th_text: str, en_text: str, config: AlignConfig = AlignConfig(), progress: Progress | None = None,
    embedder: Embedder | None = None,
) -> AlignmentResult:
    """Align a Thai text with its English counterpart and flag suspect pairs."""
    th_text, en_text = replace_surrogates(th_text), replace_surrogates(en_text)
    check_language(th_text, "th")
    check_language(en_text, "en")
    en = segment_side(en_text, "en", config)
    if config.th_segmenter == "bitext" and not config.segmented:
        return _align_bitext(th_text, en, config, progress, embedder)
    th = segment_side(th_text, "th", config)
    return align_sentences(th, en, config, progress, embedder)


def align_sentences(
    th: list[Sentence], en: list[Sentence], config: AlignConfig = AlignConfig(), progress: Progress | None = None,
    embedder: Embedder | None = None,
) -> AlignmentResult:
    """Align already segmented sentences: embed → align → flag."""
    embedder = embedder or get_embedder(config.model)
    tick = _tick(progress)
    th_vecs = overlap_vectors(th, embedder, config.max_side, config.merge, tick)
    en_vecs = overlap_vectors(en, embedder, config.max_side, config.merge, tick)
    raw = align_vectors(th_vecs, en_vecs, _lengths(th), _lengths(en), dp_params(config))
    return _finish(th, en, raw, th_vecs[1], en_vecs[1], config, embedder)


def _align_bitext(th_text: str, en: list[Sentence], config: AlignConfig, progress: Progress | None,
                  embedder: Embedder | None = None) -> AlignmentResult:
    """Thai sentences cut by the alignment itself (``th_segmenter="bitext"``), then the usual checks."""
    from align.segment.bitext import segment_and_align

    embedder = embedder or get_embedder(config.model)
    tick = _tick(progress)
    en_vecs = overlap_vectors(en, embedder, 2, config.merge, tick)
    th, raw, th_single = segment_and_align(th_text, en, en_vecs, embedder, dp_params(config), tick)
    check_coverage(th_text, th, "bitext")
    return _finish(th, en, raw, th_single, en_vecs[1], config, embedder)


def _finish(th: list[Sentence], en: list[Sentence], raw: list[RawBead], th1: np.ndarray, en1: np.ndarray,
            config: AlignConfig, embedder: Embedder) -> AlignmentResult:
    beads = [_with_confidence(b, th1, en1) for b in raw]
    check_beads_cover(beads, len(th), len(en))
    result = AlignmentResult(th, en, beads, signature=config.signature(embedder.name), vectors=(th1, en1))
    from align.flags import run_checks  # flags are optional for library users who only align

    result.flags = run_checks(result, config, th1, en1)
    return result


def _tick(progress: Progress | None) -> Callable[[int], None] | None:
    return (lambda k: progress("embed", k)) if progress else None


def segment_side(text: str, side: str, config: AlignConfig) -> list[Sentence]:
    engine = "lines" if config.segmented else (config.th_segmenter if side == "th" else config.en_segmenter)
    sentences = segment_keeping_breaks(text, get_segmenter(engine), config.keep_breaks)
    check_coverage(text, sentences, engine)
    return sentences


def dp_params(config: AlignConfig) -> DPParams:
    return DPParams(max_bead=config.max_bead, max_side=config.max_side, skip=config.skip_penalty,
                    band=config.band, full_dp_cells=config.full_dp_cells, knn=config.knn)


def check_coverage(text: str, sentences: list[Sentence], engine: str) -> None:
    """Every non-space character of the input lies in exactly one sentence span (a miss is a bug)."""
    covered = np.zeros(len(text), dtype=np.int8)
    for s in sentences:
        covered[s.start : s.end] += 1
    is_space = np.array([c.isspace() for c in text], dtype=bool) if text else np.zeros(0, bool)
    lost = (~is_space) & (covered == 0)
    doubled = covered > 1
    if lost.any() or doubled.any():
        where = int(np.argmax(lost | doubled))
        raise AssertionError(f"segmenter {engine!r} lost or duplicated text at offset {where}: {text[where:where + 30]!r}")


def check_beads_cover(beads: list[Bead], n: int, m: int) -> None:
    th = sorted(i for b in beads for i in b.th)
    en = sorted(j for b in beads for j in b.en)
    if th != list(range(n)) or en != list(range(m)):
        raise AssertionError("aligner lost or duplicated a sentence")


def _lengths(sentences: list[Sentence]) -> np.ndarray:
    return np.array([len(s.text) for s in sentences], dtype=float)


def _with_confidence(bead: RawBead, th1: np.ndarray, en1: np.ndarray) -> Bead:
    if bead.th and bead.en:
        return Bead(bead.th, bead.en, pair_confidence(bead.score))
    vector, others = (th1[bead.th[0]], en1) if bead.th else (en1[bead.en[0]], th1)
    best = float((others @ vector).max()) if len(others) else 0.0
    return Bead(bead.th, bead.en, null_confidence(best))
