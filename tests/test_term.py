"""Word-level QA (the ``term`` check) on real text: the seed's defects, correct FLORES pairs, injected errors."""

from __future__ import annotations

import re

import numpy as np
import pytest

from tests.conftest import SEED_BILINGUAL
from thalign.config import AlignConfig
from thalign.flags.base import CheckContext
from thalign.flags.term import check_terms, itermax, transliteration_score
from thalign.read import read_pair
from thalign.types import AlignmentResult, Bead, Sentence


def _check(pairs: list[tuple[str, str]], embedder) -> dict[int, str]:
    th = [Sentence(t, 0, len(t)) for t, _ in pairs]
    en = [Sentence(e, 0, len(e)) for _, e in pairs]
    result = AlignmentResult(th, en, [Bead((i,), (i,), 1.0) for i in range(len(pairs))])
    context = CheckContext(AlignConfig(segmented=True), embedder.encode([t for t, _ in pairs]),
                           embedder.encode([e for _, e in pairs]), embedder)
    return {f.bead: f.evidence for f in check_terms(result, context)}


def test_itermax_aligns_mutual_best_matches_then_the_rest():
    sim = np.array([[0.9, 0.8, 0.1], [0.85, 0.2, 0.3], [0.1, 0.1, 0.2]])
    pairs = itermax(sim)
    assert (0, 0) in pairs  # row 0 and column 0 are each other's best
    assert (1, 2) in pairs or (1, 1) in pairs  # row 1 lost column 0 and takes what is left
    assert len({j for _, j in pairs}) == len(pairs)


def test_transliteration_tells_names_apart():
    assert transliteration_score("Hongqiao", "หงเฉียว") > transliteration_score("Hongqiao", "เชียงใหม่")
    assert transliteration_score("Suzhou", "ซูโจว") >= 0.72
    assert transliteration_score("Zhangjiang", "จางเจียง") > transliteration_score("Zhangjiang", "จากเจียง")


@pytest.mark.model
def test_seed_animal_rendered_as_a_thing_is_the_least_matched_word(model_embedder):
    """สิ่ง ("a thing") for "monkeys": the check ranks monkeys lowest of its pair; the correct pair is not flagged."""
    from thalign.flags import term

    thai, english = read_pair(SEED_BILINGUAL)
    th = re.search(r"โดยสิ่งตัวแรกของโลก[^\n]*?๒๕๖๐", thai).group()
    en = re.search(r"The world's first monkeys[^\n]*?2017\.", english).group()
    correct_th = re.search(r"งานมหกรรมดังกล่าวช่วยให้[^\n]*?มากยิ่งขึ้น", thai).group()
    correct_en = re.search(r"It facilitates countries[^\n]*?more open\.", english).group()
    words = term.bead_words(th, en, term.gazetteer())
    scores = [u for u in term.word_scores(words, term.embed_words([words], model_embedder)) if u.side == "en"]
    assert min(scores, key=lambda u: u.score).word == "monkeys"
    assert 1 not in _check([(th, en), (correct_th, correct_en)], model_embedder)


@pytest.mark.model
def test_tatoeba_correct_pairs_are_quiet_and_dropped_words_stand_out(model_embedder):
    from eval.data import DATA, tatoeba_documents
    from eval.detection import word_cases
    from thalign.flags import term

    if not (DATA / "tatoeba").exists():
        pytest.skip("../shared/data/tatoeba is not present")
    pairs = [(t, e) for d in tatoeba_documents() for t, e in zip(d.th, d.en)][:120]
    clean = _check(pairs, model_embedder)
    assert len(clean) <= 0.04 * len(pairs), clean
    words = [term.bead_words(t, e, ()) for t, e in pairs]
    cases = [c for c in word_cases(pairs, term.embed_words(words, model_embedder), np.random.default_rng(3))
             if c.kind == "dropped"]
    assert len(cases) >= 12
    found = _check([(c.th, c.en) for c in cases], model_embedder)
    assert len(found) / len(cases) >= 3 * len(clean) / len(pairs) and len(found) >= 0.15 * len(cases)
    assert all(re.search(r"English “[^”]+” has no Thai counterpart|Thai “[^”]+” has no English", e) for e in found.values())
