"""One record per bead, shared by the JSONL and TSV writers (and read back by eval/); and the
translation units of the CAT-tool writers (TMX, XLIFF): beads or paragraph pairs, paired or not."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from thalign.config import AlignConfig
from thalign.errors import EngineNotFound
from thalign.types import AlignmentResult, Flag, Sentence, Side


def bead_records(result: AlignmentResult) -> list[dict[str, Any]]:
    records = []
    for index, bead in enumerate(result.beads):
        flags = result.flags_for(index)
        records.append({
            "bead": index,
            "type": bead.kind,
            "th_ids": list(bead.th),
            "en_ids": list(bead.en),
            "th": result.bead_text(bead, "th"),
            "en": result.bead_text(bead, "en"),
            "score": bead.confidence,  # the key predates the field's rename; files keep it
            "flags": [{"kind": f.kind, "severity": f.severity, "evidence": f.evidence} for f in flags],
        })
    return records


@dataclass(frozen=True)
class TranslationUnit:
    """One unit of a bilingual file for CAT tools (TMX, XLIFF): a bead, or the beads of one paragraph pair."""

    uid: str
    segtype: str
    """``sentence`` (one bead) or ``paragraph`` (every bead of one paragraph pair, joined)."""
    th_ids: tuple[int, ...]
    en_ids: tuple[int, ...]
    th: str
    en: str
    confidence: float
    """The bead's confidence; for a paragraph, that of its weakest paired bead."""
    beads: tuple[int, ...]
    flags: tuple[Flag, ...]
    translated_in: str = ""
    """For a source line whose sentences are translated in another unit's target (a sentence broken across
    lines): that unit's uid; this unit's target is then empty."""

    @property
    def kind(self) -> str:
        return f"{len(self.th_ids)}-{len(self.en_ids)}"


UNIT_KINDS = ("sentence", "paragraph", "both")


def translation_units(result: AlignmentResult, config: AlignConfig) -> list[TranslationUnit]:
    """The units ``config.tmx_units`` asks for; one-sided ones only with ``config.tmx_keep_unaligned``.

    CAT tools look a segment up by its exact source text, so one-sided units are noise to them (OmegaT
    warns, python-tmx refuses empty fields); the JSONL/TSV/HTML outputs keep every bead regardless.
    """
    if config.tmx_units not in UNIT_KINDS or config.tmx_source not in ("th", "en"):
        raise EngineNotFound(f"tmx_units={config.tmx_units!r}, tmx_source={config.tmx_source!r}: "
                             f"units are {', '.join(UNIT_KINDS)}, the source th or en")
    units: list[TranslationUnit] = []
    if config.tmx_units in ("sentence", "both"):
        units += [u for k in range(len(result.beads)) for u in _bead_units(result, k, _source(config))]
    if config.tmx_units in ("paragraph", "both"):
        seen = {(u.th_ids, u.en_ids): u.uid for u in units}
        paragraphs = paragraph_units(result, _source(config))
        same = {u.uid: seen[(u.th_ids, u.en_ids)] for u in paragraphs if (u.th_ids, u.en_ids) in seen}
        units += [replace(u, translated_in=same.get(u.translated_in, u.translated_in)) for u in paragraphs
                  if u.uid not in same]  # a paragraph unit identical to a sentence unit is that unit
    return [u for u in units if config.tmx_keep_unaligned or (u.th_ids and u.en_ids) or u.translated_in]


def _source(config: AlignConfig) -> Side:
    return "en" if config.tmx_source == "en" else "th"


def _bead_units(result: AlignmentResult, k: int, source: Side) -> list[TranslationUnit]:
    """Bead ``k`` as one unit, or, when its source sentences sit on several lines (a sentence broken across
    lines: a CAT tool never joins lines into one segment), one unit per line: the line holding most of the
    source characters carries the target and the bead's flags, the others an empty target ``translated_in``
    that unit."""
    unit = _unit(result, str(k + 1), "sentence", (k,))
    sentences = result.th if source == "th" else result.en
    ids = unit.th_ids if source == "th" else unit.en_ids
    lines: dict[int, list[int]] = {}
    for i in ids:
        lines.setdefault(sentences[i].paragraph, []).append(i)
    if len(lines) < 2:
        return [unit]
    main = _heaviest_paragraph(sentences, ids)
    pieces = []
    for n, (paragraph, line_ids) in enumerate(lines.items()):
        carries = paragraph == main
        other = (unit.en_ids if source == "th" else unit.th_ids) if carries else ()
        th_ids, en_ids = (tuple(line_ids), other) if source == "th" else (other, tuple(line_ids))
        pieces.append(replace(unit, uid=unit.uid if carries else f"{unit.uid}.{n + 1}", th_ids=th_ids, en_ids=en_ids,
                              th=_joined(result.th, th_ids), en=_joined(result.en, en_ids),
                              flags=unit.flags if carries else (), translated_in="" if carries else unit.uid))
    return pieces


def paragraph_units(result: AlignmentResult, source: Side) -> list[TranslationUnit]:
    """One unit per paragraph of the ``source`` side: all its sentences, and the other side's sentences of
    the beads it holds.

    A CAT tool that segments by paragraph looks each source paragraph up whole, so the units follow the
    source paragraphs. A bead whose source sentences sit in two paragraphs (text broken mid-sentence) goes
    to the paragraph holding most of its source characters; a paragraph left with no bead of its own but
    whose sentences are all aligned (the tail of such a sentence, e.g. "และ" alone on a line) gets an empty
    target and ``translated_in`` naming the unit that carries its translation — what a translator does with
    a sentence broken across segments (OmegaT's empty translation). A bead with no source sentence goes
    with a neighbour (``_bead_owners``). The target text may run across the target side's own paragraphs.
    """
    sentences = result.th if source == "th" else result.en
    numbers = {p: f"p{n + 1}" for n, p in enumerate(sorted({s.paragraph for s in sentences}))}
    owners = _bead_owners(result, source)
    bead_of = {i: k for k, bead in enumerate(result.beads) for i in (bead.th if source == "th" else bead.en)}
    units = []
    for paragraph, uid in numbers.items():
        beads = tuple(k for k, owner in enumerate(owners) if owner == paragraph)
        own = tuple(i for i, s in enumerate(sentences) if s.paragraph == paragraph)
        other = tuple(sorted(j for k in beads for j in (result.beads[k].en if source == "th" else result.beads[k].th)))
        holders = [result.beads[bead_of[i]] for i in own]
        translated_in = ""
        if not other and holders and all(b.th and b.en for b in holders):
            translated_in = numbers[owners[bead_of[own[0]]]]
        th_ids, en_ids = (own, other) if source == "th" else (other, own)
        paired = [result.beads[k].confidence for k in beads if result.beads[k].th and result.beads[k].en]
        confidence = min(paired, default=0.0) if not translated_in else min(b.confidence for b in holders)
        units.append(TranslationUnit(
            uid, "paragraph", th_ids, en_ids, _joined(result.th, th_ids), _joined(result.en, en_ids),
            confidence, beads, tuple(f for f in result.flags if f.bead in beads), translated_in,
        ))
    return units


def _bead_owners(result: AlignmentResult, source: Side) -> list[int]:
    """The ``source`` paragraph each bead goes to: the one holding most of its source characters (the
    earlier on a tie). A bead with no source sentence (a target sentence left unaligned) goes with the
    next bead if that one's target starts in the same target paragraph and the previous one's does not
    end there, else with the previous bead: a heading's unit then does not take the first sentence of
    the body below it."""
    sentences = result.th if source == "th" else result.en
    targets = result.en if source == "th" else result.th
    owners = [_heaviest_paragraph(sentences, bead.th if source == "th" else bead.en) for bead in result.beads]

    def target_paragraphs(k: int) -> list[int]:
        return [targets[j].paragraph for j in (result.beads[k].en if source == "th" else result.beads[k].th)]

    for k, owner in enumerate(owners):
        if owner is not None:
            continue
        here = target_paragraphs(k)
        before = next((j for j in range(k - 1, -1, -1) if target_paragraphs(j)), None)
        after = next((j for j in range(k + 1, len(owners)) if owners[j] is not None and target_paragraphs(j)), None)
        next_fits = after is not None and target_paragraphs(after)[0] == here[-1]
        previous_fits = before is not None and target_paragraphs(before)[-1] == here[0]
        chosen = after if after is not None and (before is None or (next_fits and not previous_fits)) else before
        owners[k] = owners[chosen] if chosen is not None else 0
    return [0 if p is None else p for p in owners]


def _heaviest_paragraph(sentences: list[Sentence], ids: Iterable[int]) -> int | None:
    """The paragraph holding most of the characters of sentences ``ids`` (the earlier on a tie; None for none)."""
    weight: Counter[int] = Counter()
    for i in ids:
        weight[sentences[i].paragraph] += len(sentences[i].text)
    return min(weight, key=lambda p: (-weight[p], p)) if weight else None


def _unit(result: AlignmentResult, uid: str, segtype: str, beads: tuple[int, ...]) -> TranslationUnit:
    chosen = [result.beads[k] for k in beads]
    th_ids = tuple(sorted(i for b in chosen for i in b.th))
    en_ids = tuple(sorted(j for b in chosen for j in b.en))
    return TranslationUnit(
        uid, segtype, th_ids, en_ids, _joined(result.th, th_ids), _joined(result.en, en_ids),
        min(b.confidence for b in chosen), beads, tuple(f for f in result.flags if f.bead in beads),
    )


def _joined(sentences: list[Sentence], ids: tuple[int, ...]) -> str:
    """The sentences as the input had them: a space where the input had a gap, none where they touched
    (Thai often runs sentences together), so a paragraph unit reads like the paragraph a CAT tool sees."""
    out = ""
    for k, i in enumerate(ids):
        gap = k > 0 and sentences[i].start > sentences[ids[k - 1]].end
        out += (" " if gap else "") + sentences[i].text
    return out
