"""The learned Thai segmenter: decoding, the model file, and accuracy on FLORES documents it never saw."""

from __future__ import annotations

import json

import numpy as np
import pytest

from align.errors import EngineNotFound
from align.pipeline import check_coverage
from align.segment.learned import BoundaryModel, LearnedSegmenter, decode
from eval.score import boundary_scores, prf
from tests.conftest import flores_documents

PRIOR = BoundaryModel({}, 0.0, float(np.log(100)), 0.3)


def test_decode_cuts_where_the_classifier_is_sure():
    cuts = decode([100] * 5, np.full(4, 0.95), PRIOR)
    assert cuts == [1, 2, 3, 4]


def test_length_prior_joins_short_pieces_into_sentences_of_typical_length():
    # Twenty 9-character chunks (199 characters with spaces), the classifier undecided everywhere:
    # two sentences of about 100 characters, not twenty and not one.
    cuts = decode([9] * 20, np.full(19, 0.5), PRIOR)
    assert len(cuts) == 1 and 9 <= cuts[0] <= 11


def test_model_round_trips_and_bad_files_are_refused(tmp_path):
    model = BoundaryModel({"r1=ใน": 1.25, "crf": 0.5}, -1.0, 4.7, 0.36, 1.5, trained_on="t")
    path = tmp_path / "m.json"
    path.write_text(model.to_json(), encoding="utf-8")
    assert BoundaryModel.load(path) == model
    path.write_text(json.dumps({"format": 99}), encoding="utf-8")
    with pytest.raises(EngineNotFound, match="format"):
        BoundaryModel.load(path)
    with pytest.raises(EngineNotFound, match="cannot read"):
        BoundaryModel.load(tmp_path / "missing.json")


def test_shipped_model_covers_the_text_and_keeps_paragraph_breaks():
    text = "เมื่อวานฝนตกหนักมาก ถนนหลายสายในกรุงเทพฯ มีน้ำท่วมขัง\n\nวันนี้อากาศแจ่มใส ประชาชนออกมาทำงานตามปกติ"
    sentences = LearnedSegmenter()(text)
    check_coverage(text, sentences, "learned")
    assert any(s.end <= text.index("\n") for s in sentences)  # nothing crosses the blank line
    assert all(s.start >= text.index("วันนี้") or s.end <= text.index("\n") for s in sentences)


def test_beats_crfcut_on_flores_documents_the_model_never_saw():
    pytest.importorskip("sklearn")
    from eval.train_segmenter import train

    docs = [th for th, _ in flores_documents()]
    model = train(docs[:200], "test", tune=False)  # the last 81 documents stay unseen
    learned = LearnedSegmenter(model)
    from align.segment import get_segmenter

    crfcut = get_segmenter("crfcut")
    counts = {"learned": [0, 0, 0], "crfcut": [0, 0, 0]}
    for doc in docs[200:]:
        text = " ".join(doc)
        for name, seg in (("learned", learned), ("crfcut", crfcut)):
            for k, v in enumerate(boundary_scores(doc, [s.text for s in seg(text)])):
                counts[name][k] += v
    f1 = {name: prf(*c)["f1"] for name, c in counts.items()}
    assert f1["learned"] > f1["crfcut"] + 0.08, f1
