"""Thai-only QA (no English side): real seeds, FLORES and UD Thai text; the CLI's ``check`` command."""

from __future__ import annotations

import gzip
import re

from click.testing import CliRunner

from tests.conftest import SEED_BILINGUAL, SEED_THAI_ONLY, flores_documents
from thalign.cli import main
from thalign.flags import check_thai
from thalign.read import read_pair, read_text


def _kinds(flags, kind):
    return [f for f in flags if f.kind == kind]


def test_province_written_as_district_of_a_foreign_city_is_flagged():
    flags = check_thai(read_text(SEED_THAI_ONLY))
    names = _kinds(flags, "name")
    assert names and all("เชียงใหม่" in f.evidence and "Suzhou" in f.evidence for f in names)
    assert {f.bead for f in names} >= {0, 1, 2}  # the headline and the first paragraphs


def test_word_typed_twice_is_found_in_the_seed_and_rare_on_correct_thai():
    thai, _ = read_pair(SEED_BILINGUAL)
    repeats = _kinds(check_thai(thai), "repeat")
    assert len(repeats) == 1 and "ตั้งตั้ง" in repeats[0].evidence
    docs = flores_documents()
    flores = [f for th, _ in docs for f in _kinds(check_thai("\n".join(th)), "repeat")]
    assert len(flores) <= 3  # 1,012 correct FLORES lines (grammar doubles such as พื้นที่ที่ are not typos)


def test_brackets_quotes_digits_and_latin_on_real_lines():
    th, _ = flores_documents(1)[0]
    text = "\n".join(th)
    assert not _kinds(check_thai(text), "bracket")
    broken = text.replace("(", "", 1) if "(" in text else text + " (หมายเหตุ"
    assert _kinds(check_thai(broken), "bracket")
    arabic = re.sub(r"[๐-๙]", "", text) + "\nปี 2019"
    assert not _kinds(check_thai(arabic), "digits")
    digits = _kinds(check_thai(arabic + "\nเมื่อ ๒๕๖๑"), "digits")
    assert digits and "first Thai digit" in digits[0].evidence
    thai, _ = read_pair(SEED_BILINGUAL)
    latin = [f.evidence for f in _kinds(check_thai(thai), "untranslated")]
    assert any("Transformational Medicine" in e for e in latin)
    assert not any("Best Practice" in e for e in latin)  # a gloss in brackets is normal


def test_typed_twice_is_rare_on_ud_thai():
    from eval.data import DATA

    path = DATA / "ud_thai_tud" / "th_tud-ud-dev.conllu.gz"
    if not path.exists():
        import pytest

        pytest.skip("UD Thai-TUD is not present")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        lines = [row[9:].strip() for row in handle if row.startswith("# text =")]
    assert len(lines) > 200
    assert len(_kinds(check_thai("\n".join(lines)), "repeat")) <= 2  # correct text: สำหรับ|รับประทาน reads as one


def test_cli_check_prints_flags_and_exits_by_fail_on(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(SEED_THAI_ONLY)])
    assert result.exit_code == 0, result.output
    assert "\tname\twarning\t" in result.output
    assert runner.invoke(main, ["check", str(SEED_THAI_ONLY), "--fail-on", "name"]).exit_code == 1
    english = tmp_path / "en.txt"
    english.write_text("This is English only.\n", encoding="utf-8")
    bad = runner.invoke(main, ["check", str(english)])
    assert bad.exit_code == 2 and "en.txt" in bad.output and "Traceback" not in bad.output
