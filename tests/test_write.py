from __future__ import annotations

import json
import os

import pytest

from thalign.config import AlignConfig
from thalign.types import AlignmentResult, Bead, Flag, Sentence
from thalign.write import atomic_write, write
from thalign.write.tmx import format_tmx, validate_tmx


@pytest.fixture
def result():
    th = [Sentence("ชื่อเรื่อง", 0, 10), Sentence("มีบริษัท ๓,๖๑๗ แห่ง", 11, 30), Sentence("ข้อความ\x07พิเศษ <&>", 31, 50)]
    en = [Sentence("There are 3,617 companies.", 0, 26), Sentence("Special <text> & more", 27, 48)]
    beads = [Bead((0,), (), 0.9), Bead((1,), (0,), 0.97), Bead((2,), (1,), 0.5)]
    flags = [Flag("omission", "error", 0, "Thai sentence has no English translation")]
    return AlignmentResult(th, en, beads, flags, signature="th:crfcut|v:test")


def test_tmx_validates_against_dtd_and_keeps_every_sentence(result):
    data = format_tmx(result, AlignConfig(tmx_keep_unaligned=True))
    assert validate_tmx(data) == []
    text = data.decode("utf-8")
    assert 'xml:lang="th-TH"' in text and 'xml:lang="en-US"' in text
    assert '<prop type="x-bead">1-0</prop>' in text and "x-flags" in text
    assert "&lt;&amp;&gt;" in text and "\ufffd" in text  # control char replaced, not dropped


def test_tmx_languages_are_configurable(result):
    data = format_tmx(result, AlignConfig(th_lang="th", en_lang="en-GB"))
    assert b'xml:lang="en-GB"' in data and validate_tmx(data) == []


def test_jsonl_has_meta_then_one_bead_per_line(tmp_path, result):
    path = tmp_path / "out.jsonl"
    write(result, path)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["meta"]["signature"] == "th:crfcut|v:test"
    assert [rec["th_ids"] for rec in lines[1:]] == [[0], [1], [2]]
    assert lines[2]["en"] == "There are 3,617 companies." and lines[1]["type"] == "1-0"


def test_tsv_one_row_per_bead(tmp_path, result):
    path = tmp_path / "out.tsv"
    write(result, path)
    rows = path.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("# ") and rows[1].split("\t")[0] == "bead"
    assert len(rows) == 2 + 3 and all(len(r.split("\t")) == 8 for r in rows[1:])


def test_atomic_write_leaves_old_file_when_rename_fails(tmp_path, monkeypatch):
    target = tmp_path / "out.tmx"
    target.write_bytes(b"old complete file")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old complete file"
    assert os.listdir(tmp_path) == ["out.tmx"]  # no temporary file left behind


def test_write_failure_in_formatter_leaves_no_file(tmp_path, result, monkeypatch):
    import thalign.write.tmx as tmx

    def explode(*args, **kwargs):
        raise RuntimeError("crash while formatting")

    monkeypatch.setattr(tmx, "format_tmx", explode)
    with pytest.raises(RuntimeError):
        write(result, tmp_path / "out.tmx")
    assert list(tmp_path.iterdir()) == []


def test_written_files_get_ordinary_permissions(tmp_path, result):
    path = tmp_path / "out.tmx"
    write(result, path)
    mask = os.umask(0)
    os.umask(mask)
    assert (path.stat().st_mode & 0o777) == (0o666 & ~mask)
