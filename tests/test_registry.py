"""Components from other packages: a check registered through an entry point runs like a built-in one.

The plug-in here is the documented example (README, "Architecture"): a package ``thalign_percent`` declaring

    [project.entry-points."thalign.checks"]
    percent = "thalign_percent:check_percent"

The test writes that package and its installed metadata (a ``.dist-info`` folder with ``entry_points.txt``, what
``pip install`` leaves behind) into a temporary folder on ``sys.path``, so it needs no installation.
"""

from __future__ import annotations

import json
import logging
import textwrap

import pytest
from click.testing import CliRunner

from tests.conftest import SEED_BILINGUAL
from thalign import AlignConfig, align_files
from thalign.cli import main
from thalign.flags import CHECKS, DEFAULT_CHECKS, known_kinds
from thalign.registry import refresh_all
from thalign.write import WRITERS

PLUGIN = '''
"""A third-party thalign check: the English gives a percentage and the Thai has no percent at all."""
from thalign.flags.base import pair_beads
from thalign.types import Flag

THAI_PERCENT = ("%", "เปอร์เซ็นต์", "ร้อยละ")


def check_percent(result, context):
    return [Flag("percent", "warning", index, "the English has a percentage the Thai lacks")
            for index, th, en in pair_beads(result) if "%" in en and not any(p in th for p in THAI_PERCENT)]


def format_count(result, config):
    return f"{len(result.beads)} beads\\n".encode()
'''


def install_plugin(folder, entry_points: str) -> None:
    """Write the plug-in module and the metadata pip would install for it."""
    (folder / "thalign_percent.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    info = folder / "thalign_percent-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: thalign-percent\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(textwrap.dedent(entry_points), encoding="utf-8")


@pytest.fixture
def plugin(tmp_path, monkeypatch):
    install_plugin(tmp_path, """
        [thalign.checks]
        percent = thalign_percent:check_percent
        omission = thalign_percent:check_percent

        [thalign.writers]
        count = thalign_percent:format_count
    """)
    monkeypatch.syspath_prepend(str(tmp_path))
    refresh_all()
    yield tmp_path
    monkeypatch.undo()
    refresh_all()


def test_registry_check_from_entry_point_runs_by_name(plugin, caplog):
    with caplog.at_level(logging.WARNING, logger="thalign"):
        CHECKS.refresh()
        assert "percent" in CHECKS and "percent" in known_kinds()
    assert "thalign_percent:check_percent in thalign.checks ignored: the name omission is taken" in caplog.text
    assert "percent" not in DEFAULT_CHECKS  # installing a package never changes what a default run does
    assert CHECKS["omission"] == "thalign.flags.omission:check_omissions"  # a built-in name cannot be taken over
    result = align_files(SEED_BILINGUAL, config=AlignConfig(model="fake", checks=("percent", "number")))
    percent = [f for f in result.flags if f.kind == "percent"]
    for flag in percent:
        th, en = result.bead_text(result.beads[flag.bead], "th"), result.bead_text(result.beads[flag.bead], "en")
        assert "%" in en and "%" not in th and "ร้อยละ" not in th
    assert "checks:percent,number" in result.signature
    assert {f.kind for f in result.flags} <= {"percent", "number", "year"}


def test_registry_plugin_names_reach_the_cli(plugin, tmp_path):
    out = tmp_path / "out.jsonl"
    args = ["align", str(SEED_BILINGUAL), "-o", str(out), "--model", "fake", "--check", "percent", "-q"]
    runner = CliRunner()
    plain = runner.invoke(main, args)
    assert plain.exit_code == 0, plain.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()][1:]  # after the meta line
    flagged = sum(f["kind"] == "percent" for record in records for f in record["flags"])
    failing = runner.invoke(main, [*args, "--fail-on", "percent"])
    assert failing.exit_code == (1 if flagged else 0)
    count = tmp_path / "beads.txt"
    written = runner.invoke(main, ["align", str(SEED_BILINGUAL), "-o", str(count), "--format", "count",
                                   "--model", "fake", "-q"])
    assert written.exit_code == 0, written.output
    assert count.read_text(encoding="utf-8").endswith(" beads\n")


def test_registry_without_plugin_lists_only_builtins():
    refresh_all()
    assert "percent" not in CHECKS and "count" not in WRITERS
    assert all(CHECKS.builtin(name) for name in CHECKS)
    with pytest.raises(KeyError):
        CHECKS.load("percent")
