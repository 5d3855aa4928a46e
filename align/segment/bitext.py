"""Bitext-guided Thai segmentation: the English sentences decide where the Thai sentences end.

Thai marks no sentence end; spaces separate clauses and sentences alike. So the Thai text is cut at
every space into chunks, and the aligner merges consecutive chunks (up to ``MAX_CHUNKS``) into beads that
match English sentences. Each bead's chunks become one Thai sentence. A merged bead must not cross a
paragraph break unless crfcut's own reading joins the two paragraphs (a break in mid-sentence), and a
run of chunks with no English partner becomes one sentence per paragraph.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from align.beads import overlap_vectors
from align.dp import DPParams, RawBead, align_vectors
from align.embed import Embedder, ProgressCallback
from align.segment.chunks import hard_breaks, thai_chunks
from align.segment.thai import CrfcutSegmenter
from align.types import Sentence

MAX_CHUNKS = 14
CHUNK_SKIP = -0.15
CRFCUT_START = 0.06
"""Bonus for a Thai sentence that starts where crfcut also starts one (tuned on FLORES long documents 4–7;
a penalty for starting at a connective word was tried and lowered F1)."""


def start_prior(chunks: list[Sentence], crf: list[Sentence]) -> np.ndarray:
    """Score of starting a Thai sentence at each chunk: crfcut's own opinion (``crf``) as a mild prior."""
    crf_starts = {s.start for s in crf}
    return np.array([CRFCUT_START if k and chunk.start in crf_starts else 0.0 for k, chunk in enumerate(chunks)])


def bitext_params(params: DPParams) -> DPParams:
    """Chunk merges are the point here, so they cost nothing, and leaving a chunk out costs more than leaving
    a sentence out. No sub-bead cosine check: a chunk such as เมื่อเดือนพฤษภาคม ๒๕๖๐ belongs to its sentence
    even when it does not raise the similarity (measured flat on FLORES, and right on the seed)."""
    return replace(params, max_th=MAX_CHUNKS, max_en=2, max_bead=MAX_CHUNKS + 1, merge_cost=0.0, th_skip=CHUNK_SKIP,
                   gain_weight=0.0, null_runs=True)


def segment_and_align(
    th_text: str, en: list[Sentence], en_vecs: dict[int, np.ndarray], embedder: Embedder, params: DPParams,
    progress: ProgressCallback | None = None,
) -> tuple[list[Sentence], list[RawBead], np.ndarray]:
    """Thai sentences cut where the alignment with ``en`` puts bead boundaries, the beads over them, and
    each sentence's vector (the chunk-run vector already embedded for the search, so nothing is embedded twice)."""
    chunks = thai_chunks(th_text)
    th_vecs = overlap_vectors(chunks, embedder, MAX_CHUNKS, "concat", progress)
    lengths = np.array([len(c.text) for c in chunks], dtype=float)
    en_len = np.array([len(s.text) for s in en], dtype=float)
    crf = CrfcutSegmenter()(th_text)
    raw = align_vectors(th_vecs, en_vecs, lengths, en_len, bitext_params(params), th_breaks=hard_breaks(th_text, chunks, crf),
                        th_starts=start_prior(chunks, crf))
    sentences: list[Sentence] = []
    runs: list[tuple[int, int]] = []  # (first chunk, chunk count) of each sentence
    beads: list[RawBead] = []
    for bead in raw:
        if not bead.th:
            beads.append(bead)
            continue
        group = [chunks[i] for i in bead.th]
        continues_null = (not bead.en and beads and not beads[-1].en and beads[-1].th
                          and sentences[-1].paragraph == group[0].paragraph)
        if continues_null:  # one unaligned sentence per run of unaligned chunks in a paragraph
            last = sentences.pop()
            group_text = last.text + " " + " ".join(c.text for c in group)
            sentences.append(Sentence(group_text, last.start, group[-1].end, last.paragraph))
            runs[-1] = (runs[-1][0], runs[-1][1] + len(group))
            continue
        sentences.append(Sentence(" ".join(c.text for c in group), group[0].start, group[-1].end, group[0].paragraph))
        runs.append((bead.th[0], len(group)))
        beads.append(RawBead((len(sentences) - 1,), bead.en, bead.score, bead.sim))
    return sentences, beads, _sentence_vectors(sentences, runs, th_vecs, embedder, progress)


def _sentence_vectors(sentences: list[Sentence], runs: list[tuple[int, int]], th_vecs: dict[int, np.ndarray],
                      embedder: Embedder, progress: ProgressCallback | None) -> np.ndarray:
    """A sentence of at most MAX_CHUNKS chunks has the text of an embedded chunk run; only longer
    unaligned runs are embedded anew."""
    out = np.zeros((len(sentences), embedder.dim), dtype=np.float32)
    longer = [k for k, (_, count) in enumerate(runs) if count > MAX_CHUNKS]
    for k, (first, count) in enumerate(runs):
        if count <= MAX_CHUNKS:
            out[k] = th_vecs[count][first]
    if longer:
        out[longer] = embedder.encode([sentences[k].text for k in longer], progress=progress)
    return out
