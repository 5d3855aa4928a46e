from __future__ import annotations

import pytest

from tests.conftest import SEED_BILINGUAL, SEED_THAI_ONLY
from thalign.errors import InputError
from thalign.read import check_language, decode, normalize_text, read_text, split_bilingual


def test_read_decodes_tis620_file(tmp_path):
    thai = "เมื่อเดือนพฤษภาคม ๒๕๖๐ ประธานาธิบดีสีจิ้นผิงได้ประกาศ"
    path = tmp_path / "legacy.txt"
    path.write_bytes(thai.encode("tis-620"))
    assert read_text(path) == thai


def test_read_decodes_utf8_bom_and_utf16(tmp_path):
    assert decode("\ufeffสวัสดี".encode("utf-8")) == "สวัสดี"
    assert decode("สวัสดี hello".encode("utf-16")) == "สวัสดี hello"


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "empty"), (b"  \n\n ", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary")],
)
def test_read_refuses_bad_bytes(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=reason):
        read_text(path)


def test_read_refuses_huge_file(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(InputError, match="limit"):
        read_text(path, max_bytes=1024)


def test_read_missing_file_is_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_text(tmp_path / "nope.txt")


def test_normalize_removes_zero_width_and_composes():
    text = "ภาษา\u200bไทย\r\ncafe\u0301"
    assert normalize_text(text) == "ภาษาไทย\ncafé"


def test_split_bilingual_seed_puts_halves_on_the_right_sides():
    thai, english = split_bilingual(read_text(SEED_BILINGUAL))
    assert thai.strip().startswith("ข้อมูลการปฏิบัติที่ดีที่สุด")
    assert "๒๗๕ แห่ง" in thai and "China International Import Expo" not in thai.split("\n")[-5:]
    assert english.strip().startswith("China International Import Expo")
    assert english.strip().endswith("275 basic science education centers.")


def test_split_bilingual_reports_thai_only_seed():
    with pytest.raises(InputError, match="no English side"):
        split_bilingual(read_text(SEED_THAI_ONLY))


def test_check_language_refuses_english_on_both_sides():
    english = "Shanghai is home to a great number of innovative enterprises."
    check_language(english, "en")
    with pytest.raises(InputError, match="no Thai text"):
        check_language(english, "th")
