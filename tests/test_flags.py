"""Each check on real sentence pairs (the seed document and FLORES), with and without a defect."""

from __future__ import annotations

import numpy as np
import pytest

from thalign._util.text import ascii_digits
from thalign.config import AlignConfig
from thalign.errors import EngineNotFound
from thalign.flags import CHECKS, CheckContext, get_check, run_checks
from thalign.flags.numbers import english_quantities, thai_quantities, unmatched
from thalign.types import AlignmentResult, Bead, Sentence


def result_of(pairs: list[tuple[str, str]]) -> AlignmentResult:
    th = [Sentence(t, 0, len(t), i) for i, (t, _) in enumerate(pairs)]
    en = [Sentence(e, 0, len(e), i) for i, (_, e) in enumerate(pairs)]
    return AlignmentResult(th, en, [Bead((i,), (i,), 0.9) for i in range(len(pairs))])


def run(check: str, pairs: list[tuple[str, str]], glossary: str | None = None):
    result = result_of(pairs)
    dim = 8
    vectors = np.eye(len(pairs), dim, dtype=np.float32) if len(pairs) <= dim else np.ones((len(pairs), dim), np.float32)
    context = CheckContext(AlignConfig(glossary=glossary), vectors, vectors)
    return get_check(check)(result, context)


CORRECT_NUMBER_PAIRS = [
    ("เมื่อเดือนพฤษภาคม ๒๕๖๐ ประธานาธิบดีสีจิ้นผิงได้ประกาศ", "In May 2017, Chinese President Xi Jinping announced"),
    ("มีการทำธุรกรรมที่มีมูลค่าถึง ๕๗,๘๓๐ ล้านดอลลาร์สหรัฐ", "Transactions worth US\\$57.83 billion were reached"),
    ("มีมูลค่ารวมกันถึง ๑๓๐,๓๒๐ ล้านบาท ซึ่งเพิ่มขึ้นปีละ ๕๐.๒%", "with a total value of 130.32 billion baht, a yearly increase of 50.2%."),
    ("มีบริษัทจำนวน ๙,๒๐๖ ที่ได้รับการรับรองระหว่างปี ๒๕๕๙ ถึง ๒๕๖๑", "There were 9206 enterprises certified between 2016 and 2018."),
    ("อีกทั้ง ๑๖ แพลตฟอร์มสำหรับการวิจัย", "Sixteen platforms for scientific research"),
    ("จัดขึ้นเมื่อวันที่ ๕ - ๑๐ พฤศจิกายน ๒๕๖๑", "was held from November 5 to 10, 2018"),
    ("ผู้ต้องขังได้จุดไฟในสนามระหว่าง 22.00-23.00 น.", "Between 10:00-11:00 pm MDT, a fire was started"),
    ("ในยุค 80 เขาทำงานให้กับหลายรายการ", "During the 1980s he worked on shows"),
    ("ในปี 2079 ปารากวัยก็ได้รักษา", "Since 1536, Paraguay has managed"),
    ("หนึ่งในสี่ของมาตรการทั้งหมด", "one quarter of all measures"),
]


@pytest.mark.parametrize("th, en", CORRECT_NUMBER_PAIRS)
def test_numbers_correct_translation_is_not_flagged(th, en):
    assert run("number", [(th, en)]) == []


@pytest.mark.parametrize(
    "th, en, kind, evidence",
    [
        ("อีกทั้งยังมีบริษัทสตาร์ทอัพด้านเทคโนโลยี ๑,๗๘๘ แห่ง", "plus 1,798 tech startups", "number", "1,798"),
        ("มีการทำธุรกรรมที่มีมูลค่าถึง ๕๗,๘๓๐ ล้านดอลลาร์สหรัฐ", "Transactions worth US$5.783 billion", "number", "5.783"),
        ("เมื่อเดือนพฤษภาคม ๒๕๖๑ ประธานาธิบดี", "In May 2017, the President", "year", "2561"),
        ("ในปี พ.ศ. 2562 มีการเปิดตัวโครงการ", "In 2018, projects were launched", "year", "2018"),
    ],
)
def test_numbers_flag_substitutions_with_evidence(th, en, kind, evidence):
    flags = run("number", [(th, en)])
    assert [f.kind for f in flags] == [kind]
    assert evidence in ascii_digits(flags[0].evidence) or evidence in flags[0].evidence


def test_numbers_compare_across_a_crossing_bead_boundary():
    pairs = [
        ("ในช่วงปลายปี ๒๕๖๑ เมืองแห่งนี้มีศูนย์การวิจัย ๔๔๑ แห่ง", "The city had 441 R&D centers by the end of 2018, plus 1,798 tech startups"),
        ("อีกทั้งยังมีบริษัทสตาร์ทอัพ ๑,๗๘๘ แห่ง", "There were many enterprises."),
    ]
    flags = run("number", pairs)
    assert len(flags) == 1 and "1,798" in flags[0].evidence


def test_thai_scale_words_and_false_friends():
    assert [q.value for q in thai_quantities("๕๗,๘๓๐ ล้านดอลลาร์")] == [57_830_000_000]
    assert [q.value for q in thai_quantities("ถึงสี่กลุ่ม พันธมิตรด้วยกัน")] == [4]  # พันธมิตร is not a thousand
    assert unmatched(thai_quantities("๓,๖๑๗ แห่ง"), english_quantities("3,617 overseas enterprises")) == ([], [])


def test_currency_swap_is_flagged_and_priest_is_not_baht():
    flags = run("currency", [("มีมูลค่ารวมกันถึง ๑๓๐,๓๒๐ ล้านบาท", "with a total value of 130.32 billion yuan")])
    assert len(flags) == 1 and "บาท" in flags[0].evidence and "yuan" in flags[0].evidence
    assert run("currency", [("บาทหลวงได้รับเงิน ๑๐๐ ดอลลาร์", "The priest received 100 dollars")]) == []
    assert run("currency", [("ราคา ๕๐ บาท", "It costs 50 baht")]) == []


def test_names_city_substitution_is_flagged():
    flags = run("name", [("นครเชียงใหม่เป็นที่ตั้งของบริษัททางด้านนวัตกรรมมากมาย", "Shanghai is home to a great number of innovative enterprises.")])
    assert len(flags) == 1 and flags[0].severity == "error"
    assert "เชียงใหม่" in flags[0].evidence and "Shanghai" in flags[0].evidence
    assert run("name", [("เซี่ยงไฮ้เป็นที่ตั้งของบริษัทมากมาย", "Shanghai is home to many enterprises.")]) == []
    assert run("name", [("ไม่ยุติธรรมเลย", "It was not fair at all.")]) == []  # เลย is a word, not Loei


def test_user_glossary_term_must_be_translated_as_agreed(tmp_path):
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("# term list\nนวัตกรรม\tinnovation|innovative\n", encoding="utf-8")
    pairs = [("ศูนย์นวัตกรรมแห่งชาติ", "The national novelty centre")]
    flags = run("name", pairs, glossary=str(glossary))
    assert [f.kind for f in flags] == ["glossary"]
    assert run("name", [("ศูนย์นวัตกรรมแห่งชาติ", "The national innovation centre")], glossary=str(glossary)) == []


def test_bad_glossary_is_a_clear_input_error(tmp_path):
    from thalign.errors import InputError

    bad = tmp_path / "bad.tsv"
    bad.write_text("just one column\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.tsv:1"):
        run("name", [("ก", "a")], glossary=str(bad))


def test_partial_flags_thai_only_parenthesis():
    th = ("ได้มีการดำเนินการเพื่อเป็นการทดลองโครงสร้างพื้นฐานแห่งชาติสำหรับ Transformational Medicine "
          "(การแพทย์แบบปฏิรูปเพื่อให้ผู้ป่วยและนักวิจัยร่วมมือกัน)")
    flags = run("partial", [(th, "National infrastructure for transformational medicine was put into trial operation.")])
    assert any("parenthesis only in the Thai" in f.evidence for f in flags)


def test_untranslated_segment_is_flagged():
    flags = run("untranslated", [("Science and Technology System Innovations", "Science and Technology System Innovations")])
    assert len(flags) == 1 and "identical" in flags[0].evidence


def test_meaning_outlier_is_calibrated_per_document():
    pairs = [(f"ประโยคที่ {i}", f"Sentence {i}") for i in range(8)]
    result = result_of(pairs)
    rng = np.random.default_rng(0)
    th = rng.normal(size=(8, 32)).astype(np.float32)
    en = th + 0.1 * rng.normal(size=(8, 32)).astype(np.float32)
    en[5] = rng.normal(size=32)  # pair 5 says something else
    th /= np.linalg.norm(th, axis=1, keepdims=True)
    en /= np.linalg.norm(en, axis=1, keepdims=True)
    flags = get_check("meaning")(result, CheckContext(AlignConfig(), th, en))
    assert [f.bead for f in flags] == [5]


def test_checks_can_be_switched_off_and_unknown_names_fail():
    result = result_of([("มีมูลค่า ๑๐๐ บาท", "worth 100 yuan")])
    vectors = np.ones((1, 4), np.float32)
    assert {f.kind for f in run_checks(result, AlignConfig(checks=("currency",)), vectors, vectors)} == {"currency"}
    assert run_checks(result, AlignConfig(checks=("number",)), vectors, vectors) == []
    with pytest.raises(EngineNotFound, match="currency"):
        run_checks(result, AlignConfig(checks=("nope",)), vectors, vectors)
    assert {"omission", "number", "currency", "name", "meaning", "partial", "untranslated"} <= set(CHECKS)
