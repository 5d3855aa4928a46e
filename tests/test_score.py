"""thalign score: Vecalign's strict/lax protocol, both file formats, folders, and agreement with eval/."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from tests.conftest import flores_documents
from thalign.cli import main
from thalign.score import AlignmentScore, read_beads, score_paths
from thalign.types import AlignmentResult, Bead, Sentence
from thalign.write import write


def test_strict_and_lax_follow_vecalign_definitions():
    gold = [((0,), (0,)), ((1, 2), (1,)), ((3,), ())]
    test = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ())]
    score = AlignmentScore()
    score.add(gold, test)
    m = score.metrics()
    # precision over the 4 test beads: 0-0 and the null 3 exact; 1-1 shares English 1 with gold (lax only)
    assert (m["strict_p"], m["lax_p"]) == (0.5, 0.75)
    # recall over gold's 2 paired beads, null beads left out: 0-0 exact, 1,2-1 overlaps test's 1-1
    assert (m["strict_r"], m["lax_r"]) == (0.5, 1.0)


def test_reads_jsonl_and_vecalign_lines(tmp_path):
    vecalign = tmp_path / "gold.align"
    vecalign.write_text("[0]:[0]:0.91\n[1, 2]:[1]\n[]:[2]\n[3]:[]\n", encoding="utf-8")
    assert read_beads(vecalign) == [((0,), (0,)), ((1, 2), (1,)), ((), (2,)), ((3,), ())]
    jsonl = tmp_path / "test.jsonl"
    sentences = [Sentence(t, 0, len(t)) for t in ("a", "b", "c", "d")]
    result = AlignmentResult(sentences, sentences[:3], [Bead((0,), (0,), 0.9), Bead((1, 2), (1,), 0.8),
                                                         Bead((), (2,), 0.7), Bead((3,), (), 0.6)])
    write(result, jsonl, "jsonl")
    assert read_beads(jsonl) == read_beads(vecalign)


def _gale_church_cases(variants: tuple[str, ...]):
    from eval.baselines import gale_church
    from eval.data import flores_documents as load
    from eval.variants import build_cases

    flores_documents(limit=1)  # skips when the data is absent
    docs = load()[:6]
    for variant in variants:
        for case in build_cases(docs, variant, seed=3):
            lengths = [np.array([len(s) for s in side], dtype=float) for side in (case.th, case.en)]
            yield variant, case, gale_church({}, {}, *lengths)  # Gale-Church reads only the lengths


def test_score_command_agrees_with_eval_scorer_on_flores_variants(tmp_path):
    from eval.score import AlignmentScore as EvalScore

    test_dir, gold_dir = tmp_path / "test", tmp_path / "gold"
    test_dir.mkdir()
    gold_dir.mkdir()
    expected: dict[str, dict[str, float]] = {}
    total = EvalScore()
    for variant, case, test in _gale_church_cases(("merges", "omissions", "mix")):
        name = f"{variant}-{case.name}"
        th = [Sentence(t, 0, len(t)) for t in case.th]
        en = [Sentence(t, 0, len(t)) for t in case.en]
        write(AlignmentResult(th, en, [Bead(a, b, 0.5) for a, b in test]), test_dir / f"{name}.jsonl", "jsonl")
        (gold_dir / f"{name}.align").write_text(
            "".join(f"[{', '.join(map(str, a))}]:[{', '.join(map(str, b))}]\n" for a, b in case.gold), encoding="utf-8")
        one = EvalScore()
        one.add(case.gold, test)
        total.add(case.gold, test)
        expected[name] = one.metrics()
    out = tmp_path / "scores.json"
    run = CliRunner().invoke(main, ["score", str(test_dir), str(gold_dir), "--json", str(out)])
    assert run.exit_code == 0, run.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["files"]) == len(expected) == 18
    for row in data["files"]:
        want = expected[row["name"]]
        assert {k: row["metrics"][k] for k in want if k != "seconds"} == pytest.approx(
            {k: v for k, v in want.items() if k != "seconds"})
    assert data["total"]["strict_f1"] == pytest.approx(total.metrics()["strict_f1"])
    assert data["total"]["lax_r"] == pytest.approx(total.metrics()["lax_r"])
    assert 0.2 < data["total"]["strict_f1"] < 1.0  # a real aligner's mistakes, not a trivial score
    assert run.output.splitlines()[-1].startswith("total")


def test_score_two_files_prints_one_row(tmp_path):
    gold = tmp_path / "gold.txt"
    gold.write_text("[0]:[0]\n[1]:[1]\n", encoding="utf-8")
    run = CliRunner().invoke(main, ["score", str(gold), str(gold)])
    assert run.exit_code == 0 and len(run.output.splitlines()) == 2 and "1.0000" in run.output


@pytest.mark.parametrize("content, message", [
    ("[0]:[0]\nnot a bead\n", ":2: neither a thalign JSONL bead"),
    ("", "no beads"),
])
def test_score_bad_file_is_one_line_and_exit_2(tmp_path, content, message):
    bad = tmp_path / "bad.align"
    bad.write_text(content, encoding="utf-8")
    run = CliRunner().invoke(main, ["score", str(bad), str(bad)])
    assert run.exit_code == 2 and message in run.output and len(run.output.strip().splitlines()) == 1


def test_score_folder_with_unpaired_file_fails(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.align").write_text("[0]:[0]\n", encoding="utf-8")
    (tmp_path / "b" / "y.align").write_text("[0]:[0]\n", encoding="utf-8")
    with pytest.raises(Exception, match="no partner"):
        score_paths(tmp_path / "a", tmp_path / "b")
