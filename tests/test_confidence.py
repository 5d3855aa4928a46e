"""Confidence (``align/align/confidence.py``): a probability-like number that moves the right way with the evidence."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import flores_documents
from thalign.align.confidence import DOUBT_CAP, null_confidence, pair_confidence, with_confidence
from thalign.align.dp import RawBead
from thalign.embed.fake import FakeEmbedder

scores = st.floats(-1.0, 1.0, allow_nan=False)
doubts = st.floats(0.0, 1.0, allow_nan=False)


@given(scores, scores, doubts)
def test_pair_confidence_grows_with_the_margin_and_is_a_probability(a, b, doubt):
    low, high = sorted((a, b))
    assert 0.0 <= pair_confidence(low, doubt) <= pair_confidence(high, doubt) <= 1.0


@given(scores, doubts, doubts)
def test_pair_confidence_falls_when_a_boundary_could_move_cheaply(score, a, b):
    low, high = sorted((a, b))
    assert pair_confidence(score, low) <= pair_confidence(score, high)
    assert pair_confidence(score, DOUBT_CAP) == pair_confidence(score, math.inf)  # past the cap a boundary is settled


@given(st.floats(-1.0, 1.0, allow_nan=False), st.floats(-1.0, 1.0, allow_nan=False))
def test_null_confidence_falls_as_the_best_partner_gets_closer(a, b):
    low, high = sorted((a, b))
    assert 1.0 >= null_confidence(low) >= null_confidence(high) >= 0.0


def test_null_bead_is_sure_only_when_its_sentence_has_no_partner():
    th, en = flores_documents(limit=1)[0]
    embedder = FakeEmbedder()
    en_vectors = embedder.encode(en)
    copied = embedder.encode([en[0]])  # a "Thai" sentence that is a copy of an English one: surely a partner exists
    unrelated = embedder.encode([th[0]])  # Thai script shares no token with the English
    lonely = with_confidence(RawBead((0,), (), -0.04, math.nan), unrelated, en_vectors)
    matched = with_confidence(RawBead((0,), (), -0.04, math.nan), copied, en_vectors)
    assert lonely.confidence > 0.8 > 0.2 > matched.confidence
    assert (lonely.th, lonely.en) == ((0,), ())
    paired = with_confidence(RawBead((0,), (0,), 0.1, 1.0, 0.01), copied, en_vectors)
    assert paired.confidence == pair_confidence(0.1, 0.01) < pair_confidence(0.1)
