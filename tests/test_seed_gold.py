"""The first seed against a hand-checked gold alignment: the default raw-document path, scored as a translator
would read it (a bead counts when its Thai and its English are exactly a gold pair's, spaces ignored)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

GOLD = Path(__file__).parent / "data" / "seed000_gold.jsonl"


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _gold() -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(_squeeze(r["th"]), _squeeze(r["en"])) for r in rows]


def test_seed_pairs_match_the_hand_checked_gold(seed_result):
    gold = _gold()
    test = [(_squeeze(th), _squeeze(en)) for th, en, _ in seed_result.pairs()]
    right = len(set(gold) & set(test))
    precision, recall = right / len(test), right / len(gold)
    f1 = 2 * precision * recall / (precision + recall)
    wrong = sorted(set(test) - set(gold))
    assert f1 >= 0.97, f"strict F1 {f1:.3f}; beads not in the gold: {wrong[:3]}"


def test_seed_flags_the_title_and_the_thai_only_explanation_and_no_fragment(seed_result):
    omitted = [seed_result.bead_text(seed_result.beads[f.bead], "th") for f in seed_result.flags if f.kind == "omission"]
    assert any(text.startswith("ข้อมูลการปฏิบัติที่ดีที่สุด") for text in omitted)  # the document title
    assert any(text.startswith("(การแพทย์แบบปฏิรูป") for text in omitted)  # an explanation only the Thai gives
    assert len(omitted) == 2, omitted
