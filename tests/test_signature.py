"""The run signature names every setting that changes the output, so a resumed batch is honest."""

from __future__ import annotations

import dataclasses
import json

import pytest
from click.testing import CliRunner

from tests.conftest import flores_documents
from thalign.batch import find_pairs, run_batch
from thalign.cli import main
from thalign.config import AlignConfig

# A second valid value for each field whose type alone does not suggest one. A new str field that is
# not listed here fails test_every_field_changes_the_signature until it is listed (and signed).
ALTERNATIVES = {
    "th_segmenter": "crfcut", "en_segmenter": "moses", "model": "fake", "merge": "mean",
    "th_lang": "th", "en_lang": "en-GB", "checks": ("number",), "tmx_source": "en",
    "tmx_units": "paragraph", "creation_epoch": 1_700_000_000, "max_side": 2,
}


def _other_value(field: dataclasses.Field, default, tmp_path):
    if field.name in ALTERNATIVES:
        return ALTERNATIVES[field.name]
    if field.name == "glossary":
        path = tmp_path / "terms.tsv"
        path.write_text("กรุงเทพ\tBangkok\n", encoding="utf-8")
        return str(path)
    if isinstance(default, bool):
        return not default
    if isinstance(default, (int, float)):
        return default + 1 if isinstance(default, int) else default + 0.01
    raise AssertionError(f"AlignConfig.{field.name}: add a second value to ALTERNATIVES and sign the field")


@pytest.mark.parametrize("field", dataclasses.fields(AlignConfig), ids=lambda f: f.name)
def test_every_field_changes_the_signature(field, tmp_path):
    base = AlignConfig()
    if field.name == "th_segmenter":  # with segmented=True both sides are "lines"; the default is not
        assert not base.segmented
    changed = dataclasses.replace(base, **{field.name: _other_value(field, getattr(base, field.name), tmp_path)})
    assert changed.signature() != base.signature(), field.name


def test_glossary_contents_are_signed(tmp_path):
    path = tmp_path / "terms.tsv"
    path.write_text("กรุงเทพ\tBangkok\n", encoding="utf-8")
    config = AlignConfig(glossary=str(path))
    before = config.signature()
    path.write_text("กรุงเทพ\tKrung Thep\n", encoding="utf-8")
    assert config.signature() != before


def test_batch_rerun_with_other_checks_redoes_the_pairs(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    for k, (th, en) in enumerate(flores_documents(limit=2)):
        (root / f"doc{k}.th.txt").write_text(" ".join(th), encoding="utf-8")
        (root / f"doc{k}.en.txt").write_text(" ".join(en), encoding="utf-8")
    out = tmp_path / "out"
    args = ["batch", str(root), "-o", str(out), "--model", "fake", "--workers", "1", "-q", "--formats", "jsonl"]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert CliRunner().invoke(main, args).exit_code == 0
    statuses = [o["status"] for o in json.loads((out / "summary.json").read_text())["outcomes"]]
    assert statuses == ["skipped", "skipped"]
    assert CliRunner().invoke(main, [*args, "--check", "number"]).exit_code == 0
    outcomes = json.loads((out / "summary.json").read_text())["outcomes"]
    assert [o["status"] for o in outcomes] == ["done", "done"]
    kinds = {f["kind"] for line in (out / "doc0.jsonl").read_text().splitlines()[1:] for f in json.loads(line)["flags"]}
    assert kinds <= {"number", "year"}  # the new checks' flags, not the old ones
    jobs = find_pairs(root)
    assert [o.status for o in run_batch(jobs, out, AlignConfig(model="fake", checks=("number",)), ("jsonl",))] == \
        ["skipped", "skipped"]
