"""The benchmark's scorers on small real inputs: what counts as a found pair, and the prose-English ceiling."""

from align.segment import get_segmenter
from eval.score import joined, sentence_ceiling, spans_found


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
