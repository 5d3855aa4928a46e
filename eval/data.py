"""Real evaluation data from ../shared/data (read in place, never copied into the project)."""

from __future__ import annotations

import gzip
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA = Path(os.environ.get("THALIGN_DATA", Path(__file__).resolve().parent.parent.parent / "shared" / "data"))


@dataclass(frozen=True)
class ParallelDoc:
    """A document as gold sentence pairs (line i of Thai translates line i of English)."""

    name: str
    domain: str
    th: tuple[str, ...]
    en: tuple[str, ...]


def flores_documents() -> list[ParallelDoc]:
    """FLORES-200 devtest documents: runs of consecutive lines sharing a URL."""
    base = DATA / "flores200"
    th = (base / "tha_Thai.devtest").read_text(encoding="utf-8").splitlines()
    en = (base / "eng_Latn.devtest").read_text(encoding="utf-8").splitlines()
    meta = [line.split("\t") for line in (base / "metadata_devtest.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    docs: list[ParallelDoc] = []
    start = 0
    for i in range(1, len(meta) + 1):
        if i == len(meta) or meta[i][0] != meta[start][0]:
            docs.append(ParallelDoc(f"flores-{start}", meta[start][1], tuple(t.strip() for t in th[start:i]),
                                    tuple(e.strip() for e in en[start:i])))
            start = i
    return docs


def long_documents(docs: list[ParallelDoc], seed: int = 13, low: int = 30, high: int = 80) -> list[ParallelDoc]:
    """Consecutive documents of one domain joined until a length drawn from [low, high] (real documents are long)."""
    rng = np.random.default_rng(seed)
    out: list[ParallelDoc] = []
    by_domain: dict[str, list[ParallelDoc]] = {}
    for doc in docs:
        by_domain.setdefault(doc.domain, []).append(doc)
    for domain, group in sorted(by_domain.items()):
        target = int(rng.integers(low, high + 1))
        th: list[str] = []
        en: list[str] = []
        first = group[0].name
        for doc in group:
            th.extend(doc.th)
            en.extend(doc.en)
            if len(th) >= target:
                out.append(ParallelDoc(f"long-{first}", domain, tuple(th), tuple(en)))
                th, en, target = [], [], int(rng.integers(low, high + 1))
                first = doc.name
        if len(th) >= low:
            out.append(ParallelDoc(f"long-{first}", domain, tuple(th), tuple(en)))
    return out


def tatoeba_documents(size: int = 40) -> list[ParallelDoc]:
    """Tatoeba eng–tha test pairs in chunks of ``size``: short everyday sentences, a hard case."""
    base = DATA / "tatoeba"
    th = (base / "tatoeba-test-v2021-08-07.tha").read_text(encoding="utf-8").splitlines()
    en = (base / "tatoeba-test-v2021-08-07.eng").read_text(encoding="utf-8").splitlines()
    return [ParallelDoc(f"tatoeba-{i}", "tatoeba", tuple(th[i : i + size]), tuple(en[i : i + size]))
            for i in range(0, len(th) - size + 1, size)]


@dataclass(frozen=True)
class OrchidParagraph:
    sentences: tuple[str, ...]


def orchid_paragraphs() -> list[OrchidParagraph]:
    """ORCHID97 paragraphs as gold sentence lists (evaluation and training only; never shipped)."""
    paragraphs: list[list[str]] = []
    pending: str | None = None  # sentence text being read; a line ending in "\\" continues on the next
    with gzip.open(DATA / "orchid" / "orchid97.crp.utf.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if pending is not None:
                if line.endswith("\\\\"):
                    pending += line[:-2]
                    continue
                pending += line[:-2] if line.endswith("//") else line
                if paragraphs:
                    paragraphs[-1].append(squeeze(pending))
                pending = None
            elif line.startswith("#P"):
                paragraphs.append([])
            elif re.fullmatch(r"#\d+", line):
                pending = ""
    return [OrchidParagraph(tuple(s for s in p if s)) for p in paragraphs if any(p)]


_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def ewt_paragraphs(split: str = "dev") -> list[tuple[str, ...]]:
    """UD English-EWT ``dev`` or ``test`` as paragraphs of gold sentences (``# text =``), in corpus order.

    A paragraph starts at each ``# newpar``; a document with no ``# newpar`` mark is one paragraph.
    Web text (blogs, e-mail, reviews, answers): the English segmenter's hard cases.
    """
    paragraphs: list[list[str]] = []
    marked = False  # whether the current document has # newpar marks
    with gzip.open(DATA / "ud_english_ewt" / f"en_ewt-ud-{split}.conllu.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("# newdoc"):
                paragraphs.append([])
                marked = False
            elif line.startswith("# newpar"):
                if marked or (paragraphs and paragraphs[-1]):
                    paragraphs.append([])
                marked = True
            elif line.startswith("# text = "):
                if not paragraphs:
                    paragraphs.append([])
                paragraphs[-1].append(line[len("# text = "):].strip())
    return [tuple(p) for p in paragraphs if p]


def tud_sentences(split: str = "train") -> list[str]:
    """UD Thai-TUD gold sentences (``# text =`` lines) of ``split`` (train or dev), in file order."""
    path = DATA / "ud_thai_tud" / f"th_tud-ud-{split}.conllu.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        texts = [line[len("# text =") :] for line in handle if line.startswith("# text =")]
    return [s for s in (squeeze(t) for t in texts) if s]


def tud_texts(split: str = "train", size: int = 8) -> list[tuple[str, ...]]:
    """TUD sentences in consecutive groups of ``size``: the corpus is shuffled sentences, not documents, so a
    test text is made by joining neighbours with a space, as Thai prose is written (the last short group kept)."""
    sentences = tud_sentences(split)
    return [tuple(sentences[i : i + size]) for i in range(0, len(sentences), size)]


def tatoeba_thai_texts(size: int = 8) -> list[tuple[str, ...]]:
    """Tatoeba's Thai side in consecutive groups of ``size`` sentences: short conversational sentences, a third
    genre for training and validating the monolingual segmenter (the pairs are unrelated to their neighbours,
    so a text is made as for TUD: neighbours joined by a space; the last short group kept)."""
    lines = (DATA / "tatoeba" / "tatoeba-test-v2021-08-07.tha").read_text(encoding="utf-8").splitlines()
    sentences = [s for s in (squeeze(line) for line in lines) if s]
    return [tuple(sentences[i : i + size]) for i in range(0, len(sentences), size)]
