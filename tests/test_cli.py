from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

import thalign
from tests.conftest import SEED_BILINGUAL, SEED_THAI_ONLY, flores_documents
from thalign.cli import main
from thalign.write.tmx import validate_tmx


@pytest.fixture
def runner():
    return CliRunner()


def test_cli_segment_prints_one_sentence_per_line(runner, tmp_path):
    path = tmp_path / "en.txt"
    path.write_text("Shanghai is big. It has 24 million people.\n\nHeading\n", encoding="utf-8")
    out = runner.invoke(main, ["segment", str(path), "--lang", "en"])
    assert out.exit_code == 0
    assert out.output.splitlines() == ["Shanghai is big.", "It has 24 million people.", "Heading"]


@pytest.mark.parametrize(
    "content, message",
    [(b"", "empty"), (b"\x00\x01\x02binary", "binary"), (b"Only English here.", "no Thai text")],
)
def test_cli_bad_input_exits_2_with_one_line(runner, tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    en = tmp_path / "en.txt"
    en.write_text("An English sentence.", encoding="utf-8")
    out = runner.invoke(main, ["align", str(bad), str(en), "-o", str(tmp_path / "o.tmx"), "--model", "fake"])
    assert out.exit_code == 2
    assert message in out.output and len(out.output.strip().splitlines()) == 1
    assert not (tmp_path / "o.tmx").exists()


def test_cli_thai_only_file_is_reported(runner, tmp_path):
    out = runner.invoke(main, ["align", str(SEED_THAI_ONLY), "-o", str(tmp_path / "o.tmx"), "--model", "fake"])
    assert out.exit_code == 2 and "no English side" in out.output and "003_13af274913abc396" in out.output


def test_cli_unknown_model_is_a_clear_error(runner, tmp_path):
    out = runner.invoke(main, ["align", str(SEED_BILINGUAL), "-o", str(tmp_path / "o.tmx"), "--model", "nope"])
    assert out.exit_code == 2 and "unknown model 'nope'" in out.output


@pytest.mark.parametrize("fmt", ["tmx", "jsonl", "tsv"])
def test_cli_align_writes_each_format(runner, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    out = runner.invoke(main, ["align", str(SEED_BILINGUAL), "-o", str(target), "--model", "fake", "-q"])
    assert out.exit_code == 0, out.output
    data = target.read_bytes()
    if fmt == "tmx":
        assert validate_tmx(data) == []
    assert "นครเชียงใหม่".encode() in data and b"Shanghai" in data


def test_cli_fail_on_exits_1_when_flag_raised(runner, tmp_path):
    args = ["align", str(SEED_BILINGUAL), "-o", str(tmp_path / "o.tmx"), "--model", "fake", "-q"]
    assert runner.invoke(main, [*args, "--fail-on", "omission"]).exit_code == 1
    unknown = runner.invoke(main, [*args, "--fail-on", "no-such-kind"])  # issue 15: a typo never silences the gate
    assert unknown.exit_code == 2 and "'no-such-kind'" in unknown.output and "omission" in unknown.output


def test_cli_reports_a_fallback_on_one_stderr_line_when_asked(runner, tmp_path):
    english = " ".join(s for _, e in flores_documents(limit=40) for s in e)
    path = tmp_path / "en.txt"
    path.write_text(english[:200] + ' "' + english[200:], encoding="utf-8")  # a quote that never closes
    args = ["segment", str(path), "--lang", "en", "--engine", "pysbd"]
    quiet = runner.invoke(main, args)
    assert quiet.exit_code == 0 and "Moses" not in quiet.stderr  # info is not shown by default
    told = runner.invoke(main, args, env={"THALIGN_LOG": "info"})
    notes = [line for line in told.stderr.splitlines() if "Moses rules" in line]
    assert told.exit_code == 0 and notes and all(line.startswith("thalign: INFO: pysbd left a ") for line in notes)
    assert told.stdout == quiet.stdout


def test_console_script_is_installed(tmp_path):
    """The ``thalign`` command pip made from the ``console_scripts`` entry point runs the CLI (skipped when the
    package is not installed, e.g. run from a source checkout on PYTHONPATH)."""
    try:
        dist = importlib.metadata.distribution("thalign")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("thalign is not installed")
    points = [p for p in dist.entry_points if p.group == "console_scripts" and p.name == "thalign"]
    assert [p.value for p in points] == ["thalign.cli:main"]
    script = shutil.which("thalign", path=os.path.dirname(sys.executable)) or shutil.which("thalign")
    if script is None:
        pytest.skip("thalign is installed without its script on PATH")
    out = subprocess.run([script, "--version"], capture_output=True, text=True, check=False)
    assert out.returncode == 0 and out.stdout.strip() == f"thalign, version {thalign.__version__}"
    missing = subprocess.run([script, "align", str(tmp_path / "none.txt"), "-o", str(tmp_path / "o.tmx")],
                             capture_output=True, text=True, check=False)
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1


def test_cli_segments_thai_with_the_learned_segmenter_by_default(runner):
    from thalign.read import read_text

    text = read_text(SEED_THAI_ONLY)
    learned = runner.invoke(main, ["segment", str(SEED_THAI_ONLY), "--lang", "th"])
    crfcut = runner.invoke(main, ["segment", str(SEED_THAI_ONLY), "--lang", "th", "--engine", "crfcut"])
    assert learned.exit_code == crfcut.exit_code == 0
    squeeze = lambda s: "".join(s.split())  # noqa: E731
    assert squeeze(learned.output) == squeeze(crfcut.output) == squeeze(text)  # nothing lost or repeated
    assert learned.output.splitlines() != crfcut.output.splitlines()
    unknown = runner.invoke(main, ["segment", str(SEED_THAI_ONLY), "--lang", "th", "--engine", "nope"])
    assert unknown.exit_code == 2 and "learned" in unknown.output
