"""One record per bead, shared by the JSONL and TSV writers (and read back by eval/); and the
translation units of the CAT-tool writers (TMX, XLIFF): beads or paragraph pairs, paired or not."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
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
        units += [_unit(result, str(k + 1), "sentence", (k,)) for k in range(len(result.beads))]
    if config.tmx_units in ("paragraph", "both"):
        seen = {(u.th_ids, u.en_ids) for u in units}
        units += [u for u in paragraph_units(result, "en" if config.tmx_source == "en" else "th")
                  if (u.th_ids, u.en_ids) not in seen]
    return [u for u in units if config.tmx_keep_unaligned or (u.th_ids and u.en_ids)]


def paragraph_units(result: AlignmentResult, source: Side) -> list[TranslationUnit]:
    """One unit per paragraph of the ``source`` side: all its sentences, and the other side's sentences of
    the beads it holds.

    A CAT tool that segments by paragraph looks each source paragraph up whole, so the units follow the
    source paragraphs. A bead whose source sentences sit in two paragraphs (text broken mid-sentence) goes
    to the paragraph holding most of its source characters, so the other paragraph's unit lacks that
    translation (or has none and is one-sided); a bead with no source sentence goes with the bead before
    it. The target text may run across the target side's own paragraphs.
    """
    sentences = result.th if source == "th" else result.en
    owners: list[int | None] = []
    for bead in result.beads:
        ids = bead.th if source == "th" else bead.en
        weight: Counter[int] = Counter()
        for i in ids:
            weight[sentences[i].paragraph] += len(sentences[i].text)
        owners.append(min(weight, key=lambda p: (-weight[p], p)) if ids else (owners[-1] if owners else None))
    first = next((p for p in owners if p is not None), 0)
    owners = [first if p is None else p for p in owners]
    units = []
    for number, paragraph in enumerate(sorted({s.paragraph for s in sentences})):
        beads = tuple(k for k, owner in enumerate(owners) if owner == paragraph)
        own = tuple(i for i, s in enumerate(sentences) if s.paragraph == paragraph)
        other = tuple(sorted(j for k in beads for j in (result.beads[k].en if source == "th" else result.beads[k].th)))
        th_ids, en_ids = (own, other) if source == "th" else (other, own)
        paired = [result.beads[k].confidence for k in beads if result.beads[k].th and result.beads[k].en]
        units.append(TranslationUnit(
            f"p{number + 1}", "paragraph", th_ids, en_ids, _joined(result.th, th_ids), _joined(result.en, en_ids),
            min(paired, default=0.0), beads, tuple(f for f in result.flags if f.bead in beads),
        ))
    return units


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
