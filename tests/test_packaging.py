"""The built wheel installs the import package ``thalign`` (the code stays in align/) and its console script;
``align``, the top-level name of an unrelated PyPI package, is no longer this project's."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_installs_thalign_and_not_align(tmp_path: Path) -> None:
    source = tmp_path / "source"  # a copy, so the build leaves nothing in the working tree
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "out", "cache",
                                                                "__pycache__", ".pytest_cache", ".hypothesis"))
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels),
                    str(source)], check=True, capture_output=True)
    wheel = next(wheels.glob("thalign-*.whl"))
    tops = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"thalign"}
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = "import thalign, importlib.util; print(thalign.__file__); print(importlib.util.find_spec('align'))"
    out = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    where, align_spec = out.stdout.split("\n")[:2]
    assert Path(where).is_relative_to(target)
    assert align_spec == "None"
    cli = subprocess.run([str(target / "bin" / "thalign"), "--version"], cwd=elsewhere, env=env, capture_output=True,
                         text=True, check=False)
    assert cli.returncode == 0 and "thalign" in cli.stdout
