"""The default English splitter (Punkt + rules) on real EWT and FLORES text: one case per rule, and a
corpus-level floor on held-out EWT test paragraphs."""

from __future__ import annotations

import itertools

import pytest

from eval.data import ewt_paragraphs, flores_documents
from eval.en_segmentation import headline_case, score
from thalign.segment import DEFAULT_SEGMENTER, get_segmenter, segment


def units(text: str) -> list[str]:
    return [s.text for s in segment(text, "en")]


@pytest.fixture(scope="module")
def ewt_test() -> list[tuple[str, ...]]:
    return ewt_paragraphs("test")


@pytest.fixture(scope="module")
def ewt_dev() -> list[tuple[str, ...]]:
    return ewt_paragraphs("dev")


def gold_pair(paragraphs: list[tuple[str, ...]], first_starts: str) -> tuple[str, str]:
    """The gold sentence starting ``first_starts`` and the one after it, from a real paragraph."""
    for p in paragraphs:
        for a, b in itertools.pairwise(p):
            if a.startswith(first_starts):
                return a, b
    raise LookupError(first_starts)


@pytest.mark.parametrize("first_starts", [
    "And can you tell me WHY that would be a tragedy?",   # ?"  "Well," — closing quote stays, next opens
    "Like Ben, I will still be very much involved",        # emoticon ends the sentence: community :-)  Posted
    "I have visited Dr. Cooper's office twice",             # Dr. inside the sentence
])
def test_ewt_sentence_pairs_come_apart_exactly(ewt_dev, ewt_test, first_starts):
    a, b = gold_pair(ewt_dev + ewt_test, first_starts)
    assert units(f"{a} {b}") == [a, b]


def test_closing_quote_after_the_period_stays_and_the_next_quote_is_split():
    """`."  "We…`, straight and curly: the closing mark is never a sentence of its own nor opens the next."""
    for open_, close in (('"', '"'), ("“", "”")):
        text = f"He said, {open_}Right now we are doing nothing.{close}  {open_}We have called,{close} he added."
        assert units(text) == [f"He said, {open_}Right now we are doing nothing.{close}",
                               f"{open_}We have called,{close} he added."]


def test_quoted_speech_of_several_sentences_stays_one_unit_as_in_flores():
    line = next(e for d in flores_documents() for e in d.en if 'said, "Right now we are doing nothing.' in e)
    assert units(line) == [line]


def test_flores_headline_is_its_own_unit_and_body_follows():
    """Headline + prose: the first line without its final punctuation, then the body. Measured: the
    headline comes apart in 278 of the 280 documents (one body starts with a lowercase typo)."""
    segmenter = get_segmenter(DEFAULT_SEGMENTER["en"])
    cases = [headline_case(d.en) for d in flores_documents() if len(d.en) > 1]
    assert score(lambda text: [s.text for s in segmenter(text)], cases)["first_apart"] > 0.98
    gold, text = cases[0]
    assert units(text)[:2] == list(gold[:2])


def test_pdf_wrap_still_rejoins_but_a_title_does_not():
    assert units("The city flooded today and the\nriver rose.") == ["The city flooded today and the river rose."]
    assert units("Breaking News From Bangkok\nThe city flooded today.") == ["Breaking News From Bangkok",
                                                                             "The city flooded today."]


def test_numbered_items_typed_inline_are_units(ewt_dev):
    paragraph = next(p for p in ewt_dev if any(s.startswith("1) what islad of Fiji") for s in p))
    got = units(" ".join(paragraph))
    assert "1) what islad of Fiji is a good island that is not TOO far from the main airpart in Fiji." in got
    assert not any(s.endswith((" 1)", " 2)", " 3)")) for s in got)


def test_bullet_lines_stay_apart():
    assert units("Attendees\n- Pam Butler\n- Renee Ratcliff") == ["Attendees", "- Pam Butler", "- Renee Ratcliff"]


@pytest.mark.parametrize("line_has", ["(e.g. visa)", "values, i.e. 0 or 1", "etc. which are offered", "The U.S. Corps of"])
def test_flores_abbreviations_do_not_end_the_sentence(line_has):
    line = next(e for d in flores_documents() for e in d.en if line_has in e)
    assert units(line) == [line]


def test_list_marker_and_numbered_abbreviation_stay_with_their_item():
    assert units("1. Buy milk. 2. Buy eggs at No. 5 Main St. today.") == ["1. Buy milk.", "2. Buy eggs at No. 5 Main St. today."]


def test_source_in_brackets_is_its_own_unit_not_the_next_sentence_start(ewt_dev):
    paragraph = next(p for p in ewt_dev if "(Jerusalem Post)" in p)
    i = paragraph.index("(Jerusalem Post)")
    got = units(" ".join(paragraph[i - 1 : i + 2]))
    assert got == list(paragraph[i - 1 : i + 2])


def test_default_engine_is_punkt_and_its_signature_names_the_library():
    assert DEFAULT_SEGMENTER["en"] == "punkt"
    signature = get_segmenter("punkt").signature()
    assert signature.startswith("punkt@") and signature.split("@")[1][:1].isdigit()


EWT_TEST_FLOOR = 0.89
"""Measured 0.907 on the 854 EWT test paragraphs (held out: the rules were developed on dev); slack for
the library's updates. Punkt without the rules scores 0.876 there and pysbd 0.845, so this fails if
the rules stop working or the default falls back to pysbd."""


def test_ewt_test_boundary_f1_stays_above_the_measured_floor(ewt_test):
    segmenter = get_segmenter(DEFAULT_SEGMENTER["en"])
    row = score(lambda text: [s.text for s in segmenter(text)], [(p, " ".join(p)) for p in ewt_test])
    assert row["f1"] > EWT_TEST_FLOOR, row


@pytest.mark.parametrize("sentences", [
    ("Sincerely,", "Traci"),                                                            # a letter's closing
    ('"Les Spahnn" <spahnn@hnks.com>', "02/13/2001 08:02 PM", "All:"),                   # e-mail header
    ("Robert Bryngelson@AZURIX", "08/16/2000 12:05 PM",
     "I just wanted to send you a quick note to let you know that I'm outta here!"),
    ("http://www.4gamer.net/news/image/2005.09/20050920111900_21big.html",              # a list of links
     "http://www.4gamer.net/news/image/2005.09/20050919032951_21big.html"),
])
def test_ewt_web_and_email_units_no_punctuation_marks(ewt_dev, sentences):
    assert any(p[i : i + len(sentences)] == sentences for p in ewt_dev for i in range(len(p)))  # real gold
    assert units(" ".join(sentences)) == list(sentences)


def test_separator_rule_ends_a_unit(ewt_dev):
    rule = "=" * 78
    paragraph = next(p for p in ewt_dev if rule in p and p.index(rule) + 1 < len(p))
    i = paragraph.index(rule)
    assert units(" ".join(paragraph[i : i + 2])) == list(paragraph[i : i + 2])
