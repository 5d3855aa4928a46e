"""The HTML review report: structure, marks, and a real render in headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.conftest import SEED_BILINGUAL
from thalign import AlignConfig, align_files
from thalign.write import write

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    result = align_files(SEED_BILINGUAL, config=AlignConfig(model="fake"))
    path = tmp_path_factory.mktemp("report") / "seed.html"
    write(result, path, "html")
    return result, path


def test_report_is_self_contained_and_marks_evidence(report):
    result, path = report
    page = path.read_text(encoding="utf-8")
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "") and "https://" not in page
    assert page.count('<tr class="bead') == len(result.beads)
    assert 'class="th gap"' in page or 'class="en gap"' in page  # an omission shows as a gap
    assert "data:image/png;base64," in page and "<polyline" in page
    for kind in {f.kind for f in result.flags}:
        assert f'value="{kind}"' in page  # one filter per flag kind


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def test_report_renders_in_headless_chromium(report, tmp_path):
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have Debian's chromium (installed by .ci/run)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    result, path = report
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run([browser, *CHROMIUM_FLAGS, *profile, "--dump-dom", path.as_uri()],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    assert dom.count('<tr class="bead') == len(result.beads)
    assert '<svg id="map"' in dom and "<polyline" in dom
    shot = tmp_path / "shot.png"
    subprocess.run([browser, *CHROMIUM_FLAGS, *profile, f"--screenshot={shot}", "--window-size=1400,900",
                    path.as_uri()], capture_output=True, timeout=120, check=True)
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000  # a real page, not a blank canvas


def test_a_thai_word_with_no_english_counterpart_is_marked_on_the_thai_side(report):
    """A Thai-side ``term`` flag (ทันสมัย, "modern", where the English says "bonded") marks the Thai word, and no
    English text is marked for it."""
    from dataclasses import replace

    from thalign.types import Flag
    from thalign.write.html import format_html

    result, _ = report
    index = next(i for i, b in enumerate(result.beads) if "ทันสมัย" in result.bead_text(b, "th"))
    flag = Flag("term", "warning", index, "Thai “ทันสมัย” has no English counterpart (closest English: permanent, 0.32)",
                th_span="ทันสมัย", th_words=("ทันสมัย",))
    page = format_html(replace(result, flags=[flag]), AlignConfig(model="fake")).decode("utf-8")
    assert '<mark class="term" title="no counterpart on the other side">ทันสมัย</mark>' in page
    assert page.count('<mark class="term"') == 1
