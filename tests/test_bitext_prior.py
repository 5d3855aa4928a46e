"""The learned start prior of the bitext aligner (align/align/priors.py, bitext.start_prior) on real Thai text:
UD Thai-TUD dev, which the shipped boundary model never saw."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from thalign.align import bitext
from thalign.align.priors import boundary_log_odds, boundary_model, current_model
from thalign.segment.learned import BoundaryModel


@pytest.fixture(scope="module")
def tud_dev() -> list[tuple[str, ...]]:
    from eval.data import DATA, tud_texts

    if not (DATA / "ud_thai_tud").exists():
        pytest.skip("../shared/data/ud_thai_tud is not present")
    return tud_texts("dev", 8)[:12]


def _chunks_and_labels(sentences: tuple[str, ...]):
    from eval.train_segmenter import example

    ex = example(sentences)
    return ex.found.chunks, {s.start for s in ex.found.crf}, ex.labels


def test_log_odds_rank_gold_starts_above_other_spaces(tud_dev):
    starts, others = [], []
    for sentences in tud_dev:
        chunks, crf_starts, labels = _chunks_and_labels(sentences)
        z = boundary_log_odds(chunks, crf_starts)
        assert z.shape == (len(chunks),) and z[0] == 0.0
        starts += z[1:][labels].tolist()
        others += z[1:][~labels].tolist()
    assert starts and others
    assert np.median(starts) > np.median(others) + 1.0


def test_a_swapped_model_is_used_inside_the_block_only(tud_dev):
    chunks, crf_starts, _ = _chunks_and_labels(tud_dev[0])
    shipped = current_model()
    shifted: BoundaryModel = replace(shipped, bias=shipped.bias - 2.0)
    before = boundary_log_odds(chunks, crf_starts)
    with boundary_model(shifted):
        assert current_model() is shifted
        inside = boundary_log_odds(chunks, crf_starts)
    assert current_model() is shipped
    np.testing.assert_allclose(inside[1:], before[1:] - 2.0)
    np.testing.assert_allclose(boundary_log_odds(chunks, crf_starts), before)


def test_start_prior_prices_only_starts_the_thai_rules_out(tud_dev, monkeypatch):
    vetoed_starts = vetoed_others = 0
    for sentences in tud_dev:
        chunks, crf_starts, labels = _chunks_and_labels(sentences)
        crf = [c for c in chunks if c.start in crf_starts]
        monkeypatch.setattr(bitext, "LEARNED_START", 0.0)
        plain = bitext.start_prior(chunks, crf)
        monkeypatch.setattr(bitext, "LEARNED_START", 0.1)
        priced = bitext.start_prior(chunks, crf)
        z = boundary_log_odds(chunks, crf_starts)
        vetoed = z < bitext.LEARNED_FLOOR
        assert np.all(priced <= plain + 1e-12)
        np.testing.assert_allclose(priced[~vetoed], plain[~vetoed])
        np.testing.assert_allclose(priced[vetoed], plain[vetoed] + 0.1 * (z[vetoed] - bitext.LEARNED_FLOOR))
        vetoed_starts += int(vetoed[1:][labels].sum())
        vetoed_others += int(vetoed[1:][~labels].sum())
    assert vetoed_others >= 5 and vetoed_starts <= vetoed_others // 10



def test_a_chunk_opening_with_and_or_or_is_priced_as_a_start(monkeypatch):
    """FLORES: "…it is summer there when it's winter in the Northern Hemisphere and vice versa": the Thai spells
    out "vice versa" as a clause opening with และ, which continues its sentence."""
    from eval.data import DATA, flores_documents

    if not (DATA / "flores200").exists():
        pytest.skip("../shared/data/flores200 is not present")
    from thalign.segment.chunks import thai_chunks

    line = next(t for d in flores_documents() for t in d.th if t.startswith("เนื่องจากมอนเตวิเดโอ"))
    chunks = thai_chunks(line)
    monkeypatch.setattr(bitext, "LEARNED_START", 0.0)  # the rule alone
    prior = bitext.start_prior(chunks, [])
    opens = [k for k, c in enumerate(chunks) if k and c.text.startswith(("และ", "หรือ"))]
    assert opens and all(prior[k] == bitext.PARENTHESIS_START for k in opens)
    assert all(prior[k] == 0.0 for k in range(1, len(chunks)) if k not in opens)
