"""The whole story: read → segment → embed → align → flag. Each stage is one call; invariants are checked between them."""

from __future__ import annotations

import os
from collections.abc import Callable

import numpy as np

from thalign.align import Alignment, SentenceAligner, dp_params, get_aligner
from thalign.align.confidence import with_confidence
from thalign.config import AlignConfig
from thalign.embed import Embedder, get_embedder
from thalign.errors import InternalError
from thalign.read import check_language, read_pair, replace_surrogates
from thalign.segment import get_segmenter
from thalign.segment.breaks import segment_keeping_breaks
from thalign.types import AlignmentResult, Bead, Sentence
from thalign.validate import config_or_default, require_path, require_sentences, require_text

Progress = Callable[[str, int], None]
"""progress(stage, count): called as sentences are embedded (the CLI draws a bar from it)."""


def align_files(
    th_path: str | os.PathLike[str], en_path: str | os.PathLike[str] | None = None,
    config: AlignConfig | None = None, progress: Progress | None = None, embedder: Embedder | None = None,
) -> AlignmentResult:
    require_path("align_files", "th_path", th_path)
    require_path("align_files", "en_path", en_path, optional=True)
    config = config_or_default(config, "align_files")
    th_text, en_text = read_pair(th_path, en_path)
    return align_documents(th_text, en_text, config, progress, embedder)


def align_documents(
    th_text: str, en_text: str, config: AlignConfig | None = None, progress: Progress | None = None,
    embedder: Embedder | None = None,
) -> AlignmentResult:
    """Align a Thai text with its English counterpart and flag suspect pairs."""
    require_text("align_documents", "th_text", th_text)
    require_text("align_documents", "en_text", en_text)
    config = config_or_default(config, "align_documents")
    th_text, en_text = replace_surrogates(th_text), replace_surrogates(en_text)
    check_language(th_text, "th")
    check_language(en_text, "en")
    en = segment_side(en_text, "en", config)
    embedder = embedder or get_embedder(config.model)
    aligner = get_aligner(config)
    alignment = aligner(th_text, en, embedder, _tick(progress))
    check_coverage(th_text, alignment.th, aligner.name)
    return _finish(alignment, en, config, embedder)


def align_sentences(
    th: list[Sentence], en: list[Sentence], config: AlignConfig | None = None, progress: Progress | None = None,
    embedder: Embedder | None = None,
) -> AlignmentResult:
    """Align already segmented sentences: embed → align → flag."""
    th, en = require_sentences("align_sentences", "th", th), require_sentences("align_sentences", "en", en)
    config = config_or_default(config, "align_sentences")
    embedder = embedder or get_embedder(config.model)
    alignment = SentenceAligner(dp_params(config), config.merge, lazy=not config.exhaustive).align(th, en, embedder, _tick(progress))
    return _finish(alignment, en, config, embedder)


def _finish(alignment: Alignment, en: list[Sentence], config: AlignConfig, embedder: Embedder) -> AlignmentResult:
    th, th1, en1 = alignment.th, alignment.th_vectors, alignment.en_vectors
    beads = [with_confidence(b, th1, en1) for b in alignment.beads]
    check_beads_cover(beads, len(th), len(en))
    result = AlignmentResult(th, en, beads, signature=config.signature(embedder.name), vectors=(th1, en1))
    from thalign.flags import run_checks  # flags are optional for library users who only align

    result.flags = run_checks(result, config, th1, en1, embedder)
    return result


def _tick(progress: Progress | None) -> Callable[[int], None] | None:
    return (lambda k: progress("embed", k)) if progress else None


def segment_side(text: str, side: str, config: AlignConfig) -> list[Sentence]:
    engine = "lines" if config.segmented else (config.th_segmenter if side == "th" else config.en_segmenter)
    sentences = segment_keeping_breaks(text, get_segmenter(engine), config.keep_breaks)
    check_coverage(text, sentences, engine)
    return sentences


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
        raise InternalError(f"segmenter {engine!r} lost or duplicated text at offset {where}: {text[where:where + 30]!r}")


def check_beads_cover(beads: list[Bead], n: int, m: int) -> None:
    th = sorted(i for b in beads for i in b.th)
    en = sorted(j for b in beads for j in b.en)
    if th != list(range(n)) or en != list(range(m)):
        raise InternalError("aligner lost or duplicated a sentence")
