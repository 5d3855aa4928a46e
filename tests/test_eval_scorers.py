"""The benchmark's scorers on small real inputs: what counts as a found pair, and the prose-English ceiling."""

from eval.bitext_seg import layout_ceiling
from eval.data import ParallelDoc
from eval.layouts import laid_out
from eval.score import joined, spans_found
from thalign.segment import get_segmenter


def sentence_ceiling(documents, segmenter, layout="prose"):
    return layout_ceiling([ParallelDoc("d", "test", tuple(lines), tuple(lines)) for lines in documents], layout, segmenter)


def test_joined_keeps_spans_whatever_the_separator() -> None:
    lines = ["The capital of Moldova is Chişinău.", "Romanian is spoken."]
    prose, spans = joined(lines)
    by_line, line_spans = joined(lines, "\n")
    assert spans == line_spans
    assert [prose[a:b] for a, b in spans] == lines == [by_line[a:b] for a, b in line_spans]


def test_found_needs_most_of_both_sides_and_not_too_much() -> None:
    gold = [((0, 100), (0, 50))]
    assert spans_found(gold, [((0, 90), (0, 50))]) == 1  # 90% of the Thai
    assert spans_found(gold, [((0, 70), (0, 50))]) == 0  # 70%: too little
    assert spans_found(gold, [((0, 160), (0, 50))]) == 0  # 160% of its length: too much
    assert spans_found(gold, [((0, 100), (0, 30))]) == 0  # the English side must match too


def test_ceiling_counts_lines_pysbd_splits_into_halves() -> None:
    documents = [["Gold may be worked into all sorts of shapes. It can be rolled into tiny shapes.",
                  "The capital of Moldova is Chişinău."]]
    assert sentence_ceiling(documents, get_segmenter("pysbd")) == 0.5
    # One sentence holding 80% of its line is enough.
    documents = [["Sharks do exist, however they rarely attack humans, and most of them swim away. Yes.", "No."]]
    assert sentence_ceiling(documents, get_segmenter("pysbd")) == 1.0


def test_layouts_put_the_headline_on_its_own_line() -> None:
    lines = ["Gold may be worked into all sorts of shapes.", "It can be rolled into tiny shapes.", "Yes."]
    text, spans = laid_out(lines, "headline", "en")
    assert text == "Gold may be worked into all sorts of shapes\nIt can be rolled into tiny shapes. Yes."
    assert [text[a:b] for a, b in spans] == ["Gold may be worked into all sorts of shapes", *lines[1:]]
    assert laid_out(lines, "lines", "en")[0] == "\n".join(lines)
    assert laid_out(lines, "lines", "th")[0] == " ".join(lines)  # Thai is always prose
    # pysbd keeps a headline glued to the next sentence, so the headline layout's ceiling is below 1.
    assert sentence_ceiling([lines], get_segmenter("lines"), "lines") == 1.0
