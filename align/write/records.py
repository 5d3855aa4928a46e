"""One record per bead, shared by the JSONL and TSV writers (and read back by eval/); and the
translation units of the CAT-tool writers (TMX, XLIFF): beads or paragraph pairs, paired or not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from align.config import AlignConfig
from align.types import AlignmentResult, Bead, Flag, Sentence


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
            "score": bead.score,
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
    score: float
    """The bead's confidence; for a paragraph, that of its weakest bead."""
    beads: tuple[int, ...]
    flags: tuple[Flag, ...]

    @property
    def kind(self) -> str:
        return f"{len(self.th_ids)}-{len(self.en_ids)}"


def translation_units(result: AlignmentResult, config: AlignConfig) -> list[TranslationUnit]:
    """The units ``config.tmx_units`` asks for; one-sided ones only with ``config.tmx_keep_unaligned``.

    CAT tools look a segment up by its exact source text, so one-sided units are noise to them (OmegaT
    warns, python-tmx refuses empty fields); the JSONL/TSV/HTML outputs keep every bead regardless.
    """
    units: list[TranslationUnit] = []
    if config.tmx_units in ("sentence", "both"):
        units += [_unit(result, str(k + 1), "sentence", (k,)) for k in range(len(result.beads))]
    if config.tmx_units in ("paragraph", "both"):
        seen = {u.beads for u in units}
        groups = paragraph_groups(result)
        units += [_unit(result, f"p{n + 1}", "paragraph", g) for n, g in enumerate(groups) if g not in seen]
    return [u for u in units if config.tmx_keep_unaligned or (u.th_ids and u.en_ids)]


def paragraph_groups(result: AlignmentResult) -> list[tuple[int, ...]]:
    """Bead indices grouped by paragraph pair, in document order.

    Paragraphs that one bead joins (a sentence rejoined across a line break, or a bead whose sentences
    sit in two paragraphs) fall into one group, so a group may hold several paragraphs of one side; a
    bead with one side only joins the group of the paragraph its sentence is in.
    """
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def nodes(bead: Bead) -> list[tuple[str, int]]:
        return [("th", result.th[i].paragraph) for i in bead.th] + [("en", result.en[j].paragraph) for j in bead.en]

    for bead in result.beads:
        first, *rest = nodes(bead)
        for node in rest:
            parent[find(node)] = find(first)
        find(first)
    groups: dict[tuple[str, int], list[int]] = {}
    for index, bead in enumerate(result.beads):
        groups.setdefault(find(nodes(bead)[0]), []).append(index)
    return sorted((tuple(g) for g in groups.values()), key=lambda g: g[0])


def _unit(result: AlignmentResult, uid: str, segtype: str, beads: tuple[int, ...]) -> TranslationUnit:
    chosen = [result.beads[k] for k in beads]
    th_ids = tuple(sorted(i for b in chosen for i in b.th))
    en_ids = tuple(sorted(j for b in chosen for j in b.en))
    return TranslationUnit(
        uid, segtype, th_ids, en_ids, _joined(result.th, th_ids), _joined(result.en, en_ids),
        min(b.score for b in chosen), beads, tuple(f for f in result.flags if f.bead in beads),
    )


def _joined(sentences: list[Sentence], ids: tuple[int, ...]) -> str:
    """The sentences as the input had them: a space where the input had a gap, none where they touched
    (Thai often runs sentences together), so a paragraph unit reads like the paragraph a CAT tool sees."""
    out = ""
    for k, i in enumerate(ids):
        gap = k > 0 and sentences[i].start > sentences[ids[k - 1]].end
        out += (" " if gap else "") + sentences[i].text
    return out
