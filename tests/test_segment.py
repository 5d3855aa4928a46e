from __future__ import annotations

import logging

import pytest

from tests.conftest import SEED_BILINGUAL, flores_documents
from thalign.errors import EngineNotFound
from thalign.pipeline import check_coverage
from thalign.read import read_text, split_bilingual
from thalign.segment import SEGMENTERS, get_segmenter, segment


@pytest.fixture(scope="module")
def seed_sides():
    return split_bilingual(read_text(SEED_BILINGUAL))


def test_thai_rejoins_paragraph_broken_mid_sentence(seed_sides):
    # crfcut reads on across a blank line where no sentence ends (a PDF break with no sign at the break) ...
    texts = [s.text for s in segment(seed_sides[0], "th", "crfcut")]
    assert any("ห้องปฏิบัติการ ยาจากเจียง" in t for t in texts)
    assert any("ชุดของโครงการ ทางวิทยาศาสตร์ระดับเทศบาล" in t for t in texts)
    assert any("เพื่อขาย และ ทำการตลาด" in t for t in texts)
    # ... the learned segmenter (default for Thai alone) rejoins only text left unfinished: a connective at the
    # break. With an English side the alignment rejoins the others (tests/test_seed_gold.py).
    learned = [s.text for s in segment(seed_sides[0], "th")]
    assert any("เพื่อขาย และ ทำการตลาด" in t for t in learned)


def test_thai_headings_stay_their_own_segments(seed_sides):
    texts = [s.text for s in segment(seed_sides[0], "th")]
    assert "องค์กรนวัตกรรม" in texts
    assert "การก่อสร้างศูนย์นวัตกรรมวิทยาศาสตร์และเทคโนโลยี" in texts
    assert texts[0] == "ข้อมูลการปฏิบัติที่ดีที่สุด (Best Practice) ของนครเชียงใหม่ สาธารณรัฐประชาชนจีน"


def test_thai_never_cuts_after_a_dotted_abbreviation():
    text = "เมื่อ พ.ศ. 2561 ดร. สมชาย เดินทางไปเชียงใหม่ ในวันที่ 5 มี.ค. 2562 เขากลับบ้าน พื้นที่กว่า ๓๐๐ ตร.ม. ถูกใช้งาน"
    for sentence in segment(text, "th"):
        assert not sentence.text.endswith(("พ.ศ.", "ดร.", "มี.", "มี.ค.")), sentence.text
        assert not sentence.text.startswith(("ค.", "ตร.ม.")), sentence.text


def test_english_rejoins_pdf_break_and_keeps_headings(seed_sides):
    texts = [s.text for s in segment(seed_sides[1], "en")]
    assert any("hard X-ray free-electron laser and the Tsung-Dao Lee Institute." in t for t in texts)
    assert any("spearheaded by the Shanghai Science and Technology Museum" in t for t in texts)
    assert "Innovative Enterprises" in texts
    assert "Building of Science and Technology Innovation Center" in texts


@pytest.mark.parametrize("lang", ["th", "en"])
def test_segmentation_covers_every_character_of_flores(lang):
    for th, en in flores_documents(limit=25):
        text = " ".join(th if lang == "th" else en)
        sentences = segment(text, lang)
        check_coverage(text, sentences, lang)
        for s in sentences:
            assert text[s.start : s.end] == s.text


def test_english_splitter_finds_flores_sentences():
    hits = total = 0
    for _, en in flores_documents(limit=40):
        found = {s.text for s in segment(" ".join(en), "en")}
        hits += sum(sentence in found for sentence in en)
        total += len(en)
    assert hits / total > 0.9


def test_line_segmenter_keeps_lines(seed_sides):
    text = "หนึ่ง\n\nสอง สาม\n  สี่  \n"
    assert [s.text for s in segment(text, "th", engine="lines")] == ["หนึ่ง", "สอง สาม", "สี่"]


def test_unknown_segmenter_lists_valid_names():
    with pytest.raises(EngineNotFound, match="crfcut"):
        get_segmenter("nope")
    assert {"crfcut", "pysbd", "lines"} <= set(SEGMENTERS)


def test_english_unbalanced_quote_does_not_swallow_the_text():
    """pysbd pairs quote marks across sentences; a long paragraph with one stray quote must still split."""
    _, _en = flores_documents(limit=60)[-1]
    docs = flores_documents()
    text = " ".join(s for _, e in docs[:120] for s in e)
    sentences = segment(text, "en")
    assert max(len(s.text) for s in sentences) < 1000
    assert len(sentences) > 0.9 * sum(len(e) for _, e in docs[:120])


def test_pysbd_long_piece_falls_back_to_moses_and_says_so(caplog):
    """pysbd keeps a stray quote's span whole; the Moses rules split it again, and the log names the fallback."""
    docs = flores_documents()[:40]
    text = " ".join(s for _, e in docs for s in e)
    text = text[:200] + ' "' + text[200:]  # one opening quote that never closes
    with caplog.at_level(logging.INFO, logger="thalign"):
        sentences = segment(text, "en", "pysbd")
    assert max(len(s.text) for s in sentences) < 1000
    assert len(sentences) > 0.9 * sum(len(e) for _, e in docs)
    assert "splitting it with the Moses rules" in caplog.text


def test_bitext_chunks_survive_a_stray_parenthesis():
    from thalign.segment.chunks import thai_chunks

    text = "ก่อนหน้า (ไม่มีวงเล็บปิด " + " ".join(f"ประโยคที่{i} มีคำ" for i in range(200))
    chunks = thai_chunks(text)
    assert len(chunks) > 300 and max(len(c.text) for c in chunks) < 60
    assert [c.text for c in thai_chunks("คำ (Belt and Road Forum - BRF) ต่อ")] == ["คำ", "(Belt and Road Forum - BRF)", "ต่อ"]
