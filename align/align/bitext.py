"""Bitext-guided Thai segmentation: the English sentences decide where the Thai sentences end.

Thai marks no sentence end; spaces separate clauses and sentences alike. So the Thai text is cut at every
space into chunks, and the aligner merges consecutive chunks (up to ``MAX_CHUNKS``) into beads that match
English sentences; each bead's chunks become one Thai sentence. A merged bead must not cross a paragraph
break unless crfcut's own reading joins the two paragraphs (a break in mid-sentence); numbers and Latin
names shared with an English sentence pull a chunk towards it (``align/align/anchors.py``). A run of
chunks left without English becomes one sentence per paragraph, and a fragment of a sentence left so (a
subject, a parenthesis cut off from its sentence) is joined back to its neighbour when the neighbour's
match does not weaken by it.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from thalign.align import Alignment, lazy, unit_lengths
from thalign.align.anchors import anchor_matrices
from thalign.align.dp import DPParams, RawBead, Side, SideRules
from thalign.align.overlaps import RunVectors
from thalign.align.priors import boundary_log_odds
from thalign.align.windows import align_windowed, shifted
from thalign.embed import Embedder, ProgressCallback
from thalign.segment.chunks import hard_breaks, thai_chunks
from thalign.segment.thai import CrfcutSegmenter
from thalign.types import Sentence

MAX_CHUNKS = 14
CHUNK_SKIP = -0.15
CRFCUT_START = 0.06
"""Bonus for a Thai sentence that starts where crfcut also starts one (tuned on FLORES long documents 4–7;
a penalty for starting at a connective word was tried and lowered F1)."""
PARENTHESIS_START = -0.1
"""Price of starting a Thai sentence with a parenthesis, which explains what precedes it (no FLORES Thai sentence
starts with one: 0 of 116 chunks that open a parenthesis; 2 of 62 in UD Thai-TUD), or with a phrase that only
closes one: เป็นต้น(ไป) "and so on / onwards", ฯลฯ (0 of 38 in FLORES and TUD together), or with และ / หรือ
"and / or", which continue the sentence before them (1 of 304 such chunks starts a FLORES sentence, 56 of 556
in UD Thai-TUD train). The conjunctions, at this price untuned, raised pairs found on FLORES long (prose
0.871 → 0.873, lines 0.992 → 0.994) and on Tatoeba (prose 0.951 → 0.952, lines 0.975 → 0.976)."""
NON_STARTERS = ("(", "[", "เป็นต้น", "ฯลฯ", "และ", "หรือ", "นั้น")
"""นั้น "that / as for" points back at what precedes it: 0 of 5 such chunks start a FLORES sentence, 1 of 5 in
UD Thai-TUD train (FLORES: "24 มม. | นั้นน่าสับสน" was cut there); at the same untuned price."""
SPELLED_INITIAL = re.compile(r"(?:^|\s)(?:เอ|บี|ซี|ดี|อี|เอฟ|จี|เอช|ไอ|เจ|เค|แอล|เอ็ม|เอ็น|โอ|พี|คิว|อาร์|เอส|ที|ยู|วี|"
                             r"ดับเบิลยู|ดับบลิว|เอ็กซ์|วาย|แซด)\.$")
"""A Latin initial spelled in Thai with its period (จอร์จ ดับเบิลยู. บุช, George W. Bush): the name goes on after
it, so the next chunk pays the same price (no FLORES or TUD sentence starts after one: 0 of 2)."""
CONNECTIVE_START = 0.06
"""Bonus for starting a sentence at a chunk that is a discourse connective alone (นอกจากนี้, ทั้งนี้ …): such
chunks start the sentence 33 times in 37 in FLORES, 52 in 66 in UD Thai-TUD, and never end one. The size is
crfcut's (not tuned); with both priors on, the raw-text track moves by at most 0.001 boundary F1 on FLORES
long and Tatoeba."""
CONNECTIVES = frozenset(
    "นอกจากนี้ นอกจากนั้น อย่างไรก็ดี อย่างไรก็ตาม ตัวอย่างเช่น ด้วยเหตุนี้ ดังนั้น จากนั้น กระนั้น ทั้งนี้ "
    "ขณะเดียวกัน ในขณะเดียวกัน ต่อมา".split())
ANCHOR_WEIGHT = 0.08
"""Bonus per number or Latin word a bead's Thai and English share. FLORES and Tatoeba (raw-text track, every
layout) score the same within 0.001 boundary F1 from 0 to 0.08; 0.08 is what puts a clause with a year
back with the English sentence holding that year in the first seed."""
JOIN_TOLERANCE = 0.08
"""How much a neighbour's cosine may drop when an unaligned fragment of its paragraph joins it, for a fragment
of a typical sentence's length; a shorter fragment is allowed proportionally more (a subject or a heading's
parenthesis cut off from its sentence dilutes it little), a longer one less (a Thai-only explanation). Set
between what the first seed's fragments cost (a heading's translation 0.01, a 43-character subject 0.16) and
what its Thai-only explanation would (0.46); checked on the raw-text track: FLORES long and Tatoeba gain 0.001
pairs found in every layout against no joining."""


LEARNED_START = 0.2
"""Weight of the learned boundary classifier's log-odds (``align/align/priors.py``) in the start prior,
counted only below ``LEARNED_FLOOR``: a veto on starts the Thai alone rules out (FLORES: a cut between
"3" and its classifier "บาน"), not a pull towards clause ends. Tuned on FLORES long documents with the
English as prose, each document's prior from a model trained without it (python -m eval.gap): pairs found
0.871 from 0 to 0.5 (0.870 at 1.0), Thai boundary F1 0.902 at 0, 0.907 at 0.05–0.1, 0.908 at 0.2–0.5 (0.905
at 1.0). Checked on Tatoeba (shipped model, never trained on Tatoeba): found and F1 +0.001 in every layout.
The whole log-odds as a prior (no floor) lost 0.010 found on FLORES prose at 0.05: clause ends look like
sentence ends to the classifier, and the English knows better. With the และ / หรือ price in, 0 → 0.2 moves
FLORES boundary F1 0.903 → 0.908 (prose), 0.965 → 0.968 (lines), 0.906 → 0.911 (headline), found unchanged;
Tatoeba found and F1 +0.001 in every layout."""
LEARNED_FLOOR = -3.0
"""Log-odds below which a start is priced, set from the classifier's scores, not by the sweep: 0.5% of gold
starts and 19% of other spaces fall below it in FLORES (each document scored by a model trained without it),
0.6% and 18% in UD Thai-TUD dev (shipped model). A floor of -2 (4% / 50%) gains one FLORES prose pair but
loses 0.007 found on Tatoeba."""


def start_prior(chunks: list[Sentence], crf: list[Sentence]) -> np.ndarray:
    """Score of starting a Thai sentence at each chunk: crfcut's own opinion (``crf``) as a mild prior, a
    price on opening with a parenthesis or a closing phrase, a bonus on opening with a discourse connective,
    and a price where the learned boundary classifier all but rules a start out."""
    crf_starts = {s.start for s in crf}
    prior = np.zeros(len(chunks))
    if LEARNED_START:
        prior += LEARNED_START * np.minimum(boundary_log_odds(chunks, crf_starts) - LEARNED_FLOOR, 0.0)
    for k, chunk in enumerate(chunks[1:], start=1):
        continues = chunk.text.startswith(NON_STARTERS) or SPELLED_INITIAL.search(chunks[k - 1].text) is not None
        prior[k] += ((CRFCUT_START if chunk.start in crf_starts else 0.0)
                    + (PARENTHESIS_START if continues else 0.0)
                    + (CONNECTIVE_START if chunk.text in CONNECTIVES else 0.0))
    return prior


def bitext_params(params: DPParams) -> DPParams:
    """Chunk merges are the point here, so they cost nothing, and leaving a chunk out costs more than leaving
    a sentence out; an unaligned run of chunks is one null bead. No sub-bead cosine check: a chunk such as
    เมื่อเดือนพฤษภาคม ๒๕๖๐ belongs to its sentence even when it does not raise the similarity (measured flat
    on FLORES, and right on the seed)."""
    return replace(params, th=SideRules(max_units=MAX_CHUNKS, skip=CHUNK_SKIP, null_runs=True),
                   en=SideRules(max_units=2, skip=params.en.skip), max_bead=MAX_CHUNKS + 1, merge_cost=0.0,
                   gain_weight=0.0, anchor_weight=ANCHOR_WEIGHT)


class BitextAligner:
    """Raw Thai text + English sentences → Thai sentences cut where the alignment puts bead boundaries."""

    name = "bitext"

    def __init__(self, params: DPParams, merge: str = "concat", keep_breaks: bool = False, lazy: bool = True) -> None:
        self.params = bitext_params(params)
        self.merge = merge
        self.lazy = lazy  # embed only runs near the path (align/align/lazy.py); False embeds every run
        self.keep_breaks = keep_breaks  # every line break a boundary (as a CAT tool segments), not only where crfcut stops

    def signature(self) -> str:
        return f"bitext@{MAX_CHUNKS}"

    def __call__(self, th_text: str, en: list[Sentence], embedder: Embedder,
                 progress: ProgressCallback | None = None) -> Alignment:
        rule = lazy.CHUNK_RULE
        en_runs = RunVectors(en, embedder, self.params.en.max_units, self.merge, progress, rule.stand_in)
        chunks = thai_chunks(th_text)
        runs = RunVectors(chunks, embedder, MAX_CHUNKS, "concat", progress, rule.stand_in)
        crf = CrfcutSegmenter()(th_text)
        breaks = hard_breaks(th_text, chunks, [] if self.keep_breaks else crf)
        lengths = unit_lengths(chunks)
        starts = start_prior(chunks, crf)

        def align_window(i0: int, i1: int, j0: int, j1: int) -> list[RawBead]:
            th_w, en_w = runs.view(i0, i1), en_runs.view(j0, j1)
            th_anchors, en_anchors = anchor_matrices([c.text for c in chunks[i0:i1]], [s.text for s in en[j0:j1]])
            th_side = Side(th_w.vectors, lengths[i0:i1], breaks=breaks[i0:i1], starts=starts[i0:i1],
                           anchors=th_anchors, bonus=th_w.bonus)
            en_side = Side(en_w.vectors, unit_lengths(en[j0:j1]), anchors=en_anchors, bonus=en_w.bonus)
            return shifted(lazy.search(th_side, en_side, self.params, th_w, en_w, rule, not self.lazy), i0, j0)

        raw = align_windowed(runs.vectors[1], en_runs.vectors[1], self.params, align_window)
        typical = float(lengths.sum()) / max(len(en), 1)
        # Under keep_breaks an unaligned line (the tail of a sentence broken across lines) may still join a
        # neighbour's bead, as a sentence of its own: the bead holds one Thai unit per line, as a CAT tool
        # segments the file, so the join keeps every break; the cosine test still keeps a title apart.
        joinable = np.zeros_like(breaks) if self.keep_breaks else breaks
        raw = join_fragments(raw, joinable, runs, en_runs, typical)
        sentences, beads, spans = _sentences(raw, chunks, breaks if self.keep_breaks else None)
        return Alignment(sentences, beads, runs.many(spans), en_runs.vectors[1])


def join_fragments(raw: list[RawBead], breaks: np.ndarray, runs: RunVectors, en_runs: RunVectors,
                   typical: float) -> list[RawBead]:
    """Give each unaligned run of chunks to a paired neighbour in its paragraph when the neighbour's cosine
    with its English does not drop by more than ``JOIN_TOLERANCE`` × ``typical`` / the run's length (the
    joined text is embedded exactly); a run that would weaken both neighbours stays unaligned (a title, a
    Thai-only explanation). ``typical`` is the Thai length of an average English sentence."""
    beads = list(raw)
    k = 0
    while k < len(beads):
        bead = beads[k]
        if not bead.th or bead.en:
            k += 1
            continue
        options = []
        for side in (-1, 1):
            n = k + side
            if not 0 <= n < len(beads) or not beads[n].th or not beads[n].en:
                continue
            neighbour = beads[n]
            first, last = min(bead.th[0], neighbour.th[0]), max(bead.th[-1], neighbour.th[-1])
            if breaks[first:last].any():
                continue
            en_vec = en_runs.many([(neighbour.en[0], neighbour.en[-1] + 1)])[0]
            before, joined = runs.many([(neighbour.th[0], neighbour.th[-1] + 1), (first, last + 1)]) @ en_vec
            options.append((float(joined - before), n, first, last))
        length = sum(len(runs.units[i].text) for i in bead.th)
        allowed = JOIN_TOLERANCE * typical / max(length, 1)
        good = [o for o in options if o[0] >= -allowed]
        if not good:
            k += 1
            continue
        gain, n, first, last = max(good)
        neighbour = beads[n]
        merged = RawBead(tuple(range(first, last + 1)), neighbour.en, neighbour.margin + gain, neighbour.sim + gain,
                         min(neighbour.doubt, abs(gain)))
        lo = min(k, n)
        beads[lo : lo + 2] = [merged]
        k = lo
    return beads


def _sentences(raw: list[RawBead], chunks: list[Sentence], cuts: np.ndarray | None = None,
               ) -> tuple[list[Sentence], list[RawBead], list[tuple[int, int]]]:
    """One Thai sentence per bead over chunks (one per run of unaligned chunks in a paragraph; a bead's run
    is also cut after chunk i where ``cuts[i]``), the beads renumbered over those sentences, and each
    sentence's chunk run ``[first, end)``."""
    sentences: list[Sentence] = []
    spans: list[tuple[int, int]] = []
    beads: list[RawBead] = []
    for bead in raw:
        if not bead.th:
            beads.append(bead)
            continue
        group = [chunks[i] for i in bead.th]
        continues_null = (not bead.en and beads and not beads[-1].en and beads[-1].th
                          and sentences[-1].paragraph == group[0].paragraph)
        if continues_null:
            last = sentences.pop()
            text = last.text + " " + " ".join(c.text for c in group)
            sentences.append(Sentence(text, last.start, group[-1].end, last.paragraph))
            spans[-1] = (spans[-1][0], bead.th[-1] + 1)
            continue
        first = len(sentences)
        pieces = [[bead.th[0]]]
        for i in bead.th[1:]:
            if cuts is not None and cuts[i - 1]:
                pieces.append([])
            pieces[-1].append(i)
        for piece in pieces:
            group = [chunks[i] for i in piece]
            sentences.append(Sentence(" ".join(c.text for c in group), group[0].start, group[-1].end, group[0].paragraph))
            spans.append((piece[0], piece[-1] + 1))
        beads.append(replace(bead, th=tuple(range(first, len(sentences)))))
    return sentences, beads, spans

