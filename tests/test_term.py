"""Word-level QA (the ``term`` check) on real text: the seed's defects, correct Tatoeba pairs, injected errors."""

from __future__ import annotations

import re

import numpy as np
import pytest

from tests.conftest import SEED_BILINGUAL, flores_documents
from thalign.config import AlignConfig
from thalign.flags.ablation import without
from thalign.flags.base import CheckContext
from thalign.flags.term import check_terms, itermax
from thalign.flags.translit import NAME_MATCH, english_skeleton, name_similarity, thai_skeleton
from thalign.read import read_pair
from thalign.types import AlignmentResult, Bead, Flag, Sentence


def _check(pairs: list[tuple[str, str]], embedder) -> dict[int, Flag]:
    th = [Sentence(t, 0, len(t)) for t, _ in pairs]
    en = [Sentence(e, 0, len(e)) for _, e in pairs]
    result = AlignmentResult(th, en, [Bead((i,), (i,), 1.0) for i in range(len(pairs))])
    context = CheckContext(AlignConfig(segmented=True), embedder.encode([t for t, _ in pairs]),
                           embedder.encode([e for _, e in pairs]), embedder)
    return {f.bead: f for f in check_terms(result, context)}


def test_itermax_aligns_mutual_best_matches_then_the_rest():
    sim = np.array([[0.9, 0.8, 0.1], [0.85, 0.2, 0.3], [0.1, 0.1, 0.2]])
    pairs = itermax(sim)
    assert (0, 0) in pairs  # row 0 and column 0 are each other's best
    assert (1, 2) in pairs or (1, 1) in pairs  # row 1 lost column 0 and takes what is left
    assert len({j for _, j in pairs}) == len(pairs)


def test_transliteration_tells_names_apart():
    """Names of the seed and of FLORES: the consonant skeletons meet across the two scripts, a misspelling
    (จากเจียง for จางเจียง) or another place does not."""
    assert name_similarity("Duvall", "ดูวาลล์") >= NAME_MATCH  # a final ล and a silent ล์
    assert name_similarity("Schneider", "ชไนเดอร์") >= NAME_MATCH
    assert name_similarity("Hongqiao", "หงเฉียว") >= NAME_MATCH > name_similarity("Hongqiao", "เชียงใหม่")
    assert name_similarity("Zhangjiang", "จางเจียง") >= NAME_MATCH > name_similarity("Zhangjiang", "จากเจียง")
    assert english_skeleton("Edgar") == thai_skeleton("เอดการ์")  # non-rhotic r, silent ร์


def test_a_name_is_not_spelled_by_a_function_word_or_by_another_words_translation():
    """Real pairs where the consonant skeleton alone matched a name to the wrong Thai: the seed's Zhangjiang to
    เซ็นเซอร์ (which translates "sensor" of the same sentence) and FLORES's Muhammad to มา (a function word; the Thai
    leaves Muhammad out). Those names must stay open for the check; a name the Thai spells stays matched."""
    from thalign.flags import term
    from thalign.flags.lexicon import load_lexicon

    if not load_lexicon().available:
        pytest.skip("WordNet 3.0 not found: run `make wordnet`")
    thai, english = read_pair(SEED_BILINGUAL)
    th = re.sub(r"\s+", " ", re.search(r"นอกจากนี้ ศูนย์นวัตกรรม.*?เช่นกัน", thai, re.S).group())  # a PDF break inside
    en = re.search(r"The innovation center[^\n]*?established\.", english).group()
    docs = flores_documents()
    flores = next((t, e) for ths, ens in docs for t, e in zip(ths, ens) if "Muhammad’s spiritual" in e)
    duvall = next((t, e) for ths, ens in docs for t, e in zip(ths, ens) if e.startswith("Duvall, who is married"))
    for (t, e), name, matched in ((((th, en)), "Zhangjiang", False), (flores, "Muhammad’s", False),
                                  (duvall, "Duvall", True),
                                  (duvall, "Miller", True)):
        words = term.bead_words(t, e, ())
        k = next(k for k, w in enumerate(words.en) if w.text == name)
        assert (k in words.en_done) == matched, (name, e)


def test_a_removed_word_leaves_the_rest_of_the_sentence_intact():
    text = "The world's first monkeys cloned from non-reproductive cells"
    at = text.index("monkeys")
    assert without(text, at, at + len("monkeys")) == "The world's first cloned from non-reproductive cells"
    assert without("โดยสิ่งตัวแรกของโลก", 3, 7) == "โดยตัวแรกของโลก"


@pytest.mark.model
def test_seed_animal_rendered_as_a_thing_is_flagged_naming_the_animal(model_embedder):
    """สิ่ง ("a thing") for "monkeys": the flag names monkeys; a correct pair of the same document is quiet."""
    thai, english = read_pair(SEED_BILINGUAL)
    th = re.search(r"โดยสิ่งตัวแรกของโลก[^\n]*?๒๕๖๐", thai).group()
    en = re.search(r"The world's first monkeys[^\n]*?2017\.", english).group()
    correct_th = re.search(r"งานมหกรรมดังกล่าวช่วยให้[^\n]*?มากยิ่งขึ้น", thai).group()
    correct_en = re.search(r"It facilitates countries[^\n]*?more open\.", english).group()
    flags = _check([(th, en), (correct_th, correct_en)], model_embedder)
    assert "monkeys" in flags[0].en_words and "English “monkeys” has no Thai counterpart" in flags[0].evidence
    assert 1 not in flags


@pytest.mark.model
def test_tatoeba_correct_pairs_are_quiet_and_dropped_words_are_named(model_embedder):
    from eval.data import DATA, tatoeba_documents
    from eval.detection import word_cases
    from thalign.flags import term

    if not (DATA / "tatoeba").exists():
        pytest.skip("../shared/data/tatoeba is not present")
    pairs = [(t, e) for d in tatoeba_documents() for t, e in zip(d.th, d.en)][:120]
    clean = _check(pairs, model_embedder)
    assert len(clean) <= 0.04 * len(pairs), clean
    words = [term.bead_words(t, e, ()) for t, e in pairs]
    cases = [c for c in word_cases(pairs, term.embed_words(words, model_embedder), 3)
             if c.kind == "dropped"]
    assert len(cases) >= 12
    found = _check([(c.th, c.en) for c in cases], model_embedder)
    named = [k for k, f in found.items() if cases[k].en_word in f.en_words]
    assert len(named) >= 0.3 * len(cases) and len(named) / len(cases) >= 5 * len(clean) / len(pairs)


def test_the_lexicon_joins_the_two_wordnets_both_ways():
    """The Thai WordNet (pythainlp) and WordNet 3.0 share synset numbers: ลิง is a monkey, and back."""
    from thalign.flags.lexicon import load_lexicon

    lexicon = load_lexicon()
    assert lexicon.available, "WordNet 3.0 not found: run `make wordnet`"
    assert "ลิง" in lexicon.thai_for("monkeys")  # inflected English finds its lemma
    assert "monkey" in lexicon.english_for("ลิง")
    assert {"ฟัก", "การฟัก"} <= lexicon.thai_for("incubation")  # a nominalised Thai word counts by its stem too
    assert "mouse" in lexicon.english_lemmas("mice")  # WordNet's irregular forms


def test_a_short_translation_counts_only_on_thai_word_boundaries():
    """กก ("to brood", an incubation word) sits inside มากกว่า ("more than"); that is no translation."""
    from thalign.flags.lexicon import found_in_english, found_in_thai, load_lexicon
    from thalign.flags.tokens import thai_tokens

    tokens = [t.text for t in thai_tokens("มีบริษัทมากกว่า ๒๗,๐๐๐ แห่ง")]
    assert not found_in_thai({"กก"}, tokens)
    assert found_in_thai({"บริษัท"}, tokens)
    assert found_in_thai({"ฟักไข่"}, [t.text for t in thai_tokens("แม่ไก่กำลังฟักไข่")])
    lexicon = load_lexicon()
    assert found_in_english({"monkey"}, ["The", "monkeys", "slept"], lexicon)
    assert found_in_english({"state council"}, ["the", "State", "Council", "ordered"], lexicon)
    assert not found_in_english({"council"}, ["the", "counsel"], lexicon)


@pytest.mark.model
def test_a_replaced_thai_noun_is_named_from_either_side(model_embedder):
    """Tatoeba pairs whose Thai noun was replaced by another corpus noun: the flag names the English word
    that lost its counterpart or the Thai word put in its place, far more often than it flags correct pairs."""
    from eval.data import DATA, tatoeba_documents
    from eval.detection import _names_the_word, word_cases
    from thalign.flags import term

    if not (DATA / "tatoeba").exists():
        pytest.skip("../shared/data/tatoeba is not present")
    pairs = [(t, e) for d in tatoeba_documents() for t, e in zip(d.th, d.en)][:160]
    words = [term.bead_words(t, e, ()) for t, e in pairs]
    cases = [c for c in word_cases(pairs, term.embed_words(words, model_embedder), 5)
             if c.kind == "noun"]
    assert len(cases) >= 15
    found = _check([(c.th, c.en) for c in cases], model_embedder)
    named = [k for k in range(len(cases)) if _names_the_word(found.get(k), cases[k])]
    assert len(named) >= 0.5 * len(cases), [(cases[k].en_word, cases[k].th_word) for k in range(len(cases)) if k not in named]
    assert any(found[k].th_words for k in named)  # the Thai side speaks too


@pytest.mark.model
def test_an_english_place_whose_thai_was_replaced_by_a_non_place_is_named(model_embedder):
    """Tatoeba pairs whose Thai place name was replaced by another word (ประเทศไทย → ชีวิต in "Bangkok is the
    capital of Thailand."): the name check only speaks when the Thai holds a place the English lacks, so the
    term check must name the English place here; on the correct pairs it stays quiet about it."""
    from eval.data import DATA, tatoeba_documents
    from eval.detection import _names_the_word, word_cases
    from thalign.flags import term
    from thalign.flags.glossary import english_terms_in, gazetteer, thai_terms_in

    if not (DATA / "tatoeba").exists():
        pytest.skip("../shared/data/tatoeba is not present")
    places = gazetteer()
    pairs = [(t, e) for d in tatoeba_documents() for t, e in zip(d.th, d.en)]
    words = [term.bead_words(t, e, ()) for t, e in pairs]
    cases = [c for c in word_cases(pairs, term.embed_words(words, model_embedder), 11)
             if c.kind == "name" and any(c.en_word in form.split() for _, form in english_terms_in(c.en, places))
             and not thai_terms_in(c.th, places)]
    assert len(cases) >= 10
    found = _check([(c.th, c.en) for c in cases], model_embedder)
    named = [k for k in range(len(cases)) if _names_the_word(found.get(k), cases[k])]
    clean = _check(list(dict.fromkeys(p for p in pairs if p[1] in {c.en for c in cases})), model_embedder)
    assert len(named) >= 0.5 * len(cases), [(c.en_word, c.th_word) for k, c in enumerate(cases) if k not in named]
    assert not any(c.en_word in f.en_words for f in clean.values() for c in cases)


@pytest.mark.model
def test_a_place_replaced_by_another_place_counts_through_the_name_check(model_embedder):
    """The benchmark's "term or name" row: Kyoto put in for Turkey is the name check's ("place differs", naming
    Turkey), and it counts as found there; the same pair correct is flagged by neither check."""
    from eval.detection import WordCase, _names_by_either_check, _term_and_name_flags

    pairs = [("อังการาอยู่ในตุรกี", "Ankara is in Turkey.")]
    cases = [WordCase("อังการาอยู่ในเกียวโต", "Ankara is in Turkey.", "name", "Turkey", "เกียวโต")]
    flagged = _term_and_name_flags([(c.th, c.en) for c in cases], model_embedder)
    assert not flagged[0]  # the term check leaves it to the name check: never flagged twice
    clean, found = _names_by_either_check("t", len(pairs), cases, _term_and_name_flags(pairs, model_embedder), flagged)
    assert clean["flagged_share"] == 0.0
    assert found["found"] == 1 and found["recall"] == 1.0


@pytest.mark.model
def test_mUSE_read_token_by_token_gives_the_models_own_sentence_vectors(model_embedder):
    """eval.term_directions' token-by-token direction is only meaningful if it reproduces the model."""
    from eval.muse_tokens import contributions, sentence, span_rows

    texts = ["The world's first monkeys cloned from non-reproductive cells were born in Shanghai.",
             "ลิงโคลนตัวแรกของโลกถือกำเนิดขึ้นที่เซี่ยงไฮ้"]
    reference = np.asarray(model_embedder.encode(texts))
    for text, ref in zip(texts, reference):
        assert float(sentence(text) @ ref) / float(np.linalg.norm(ref)) > 0.9999
    offsets, t = contributions(texts[0])
    rows = span_rows(offsets, texts[0].index("monkeys"), texts[0].index("monkeys") + len("monkeys"))
    assert rows and all(texts[0][offsets[r][0]:offsets[r][1]] in "monkeys" for r in rows)
    assert t.shape == (len(offsets), 512)
