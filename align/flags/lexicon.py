"""A Thai–English lexicon for word-level QA, joined from two WordNets that share synset numbers.

pythainlp ships the Thai WordNet (NICT, 2011: ``wordnet_th.db``, Thai lemma → WordNet 3.0 synset), and the
Princeton WordNet 3.0 database (Debian's ``wordnet-base``, unpacked into the venv by ``make setup``) names each synset's
English lemmas. Joined, they say which Thai words can translate an English word and the reverse, with no
download at run time. A sentence-encoder's word vectors are weak evidence that a word is translated; a
dictionary translation found on the other side is strong evidence, so a word the lexicon finds is never
flagged, and a word it knows but cannot find is asked about at a looser threshold (``align/flags/term.py``).

Each synset also lends the lemmas of its derivationally related, pertainym and attribute synsets
(innovative → นวัตกรรม), and pythainlp's table of English loanwords spelled in Thai (กราฟ = graph) is added.
The WordNet files are read directly (one pass, about 2 s): nltk's reader wants a ``lexnames`` file Debian does not
ship and looks synsets up one file seek at a time. Measured on FLORES devtest gold pairs, over the content words
the check looks at: it knows 97% of the English ones and finds a translation in the Thai for 68% of those; it
knows 76% of the Thai ones and finds 60% of those in the English (Tatoeba: 90% / 73%, 79% / 67%). Two thirds of the Thai WordNet's verb rows and half of its adjective rows point 18 and 1 bytes
before the WordNet 3.0 synset they mean (``_OFFSET_SHIFTS``); they are read at the shifted offset.
"""

from __future__ import annotations

import csv
import functools
import logging
import os
import re
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from thalign.flags.tokens import token_runs

WORDNET_ENV = "THALIGN_WORDNET"
"""A folder holding the WordNet 3.0 database files (data.noun, index.noun, noun.exc, …)."""
_POS_FILES = (("n", "noun"), ("v", "verb"), ("a", "adj"), ("r", "adv"))
_LENT_POINTERS = frozenset({"+", "\\", "=", "^"})
"""Derivationally related form, pertainym, attribute, also-see: synsets whose lemmas a synset lends."""
_NOMINALISERS = ("การ", "ความ")
"""Thai prefixes that turn a verb or adjective into a noun (การวิจัย, research): the stem counts too."""
_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("ly", ""),
             ("er", ""), ("est", ""))
_OFFSET_SHIFTS = {"v": 18, "a": 1}
"""Bytes to add to a Thai WordNet verb or adjective offset that WordNet 3.0 does not have: every one of those 8,171
verb and 2,761 adjective rows then lands on a synset, and a sample reads right (กด → press, แก้แค้น → avenge,
ไฮดรอลิก → hydraulic); no other shift fits more than 1% of them."""
MIN_SUBSTRING = 4
"""A Thai translation this long may sit inside a longer newmm token; a shorter one must match whole tokens
(กก, "to brood", is inside มากกว่า)."""


def bare_english(word: str) -> str:
    """Lower case, without a possessive 's (Muiriel's is Muiriel)."""
    return re.sub(r"['’]s$", "", word).lower()


def wordnet_dir() -> Path | None:
    """Where the English WordNet 3.0 database is: ``$THALIGN_WORDNET``, the venv's (``make wordnet``), Debian's
    folder, or an nltk data folder."""
    candidates = [os.environ.get(WORDNET_ENV, ""), str(Path(sys.prefix) / "share" / "wordnet"), "/usr/share/wordnet",
                  str(Path(sys.prefix) / "share" / "nltk_data" / "corpora" / "wordnet"),
                  str(Path.home() / "nltk_data" / "corpora" / "wordnet")]
    for folder in candidates:
        if folder and (Path(folder) / "data.noun").is_file():
            return Path(folder)
    return None


@dataclass(frozen=True)
class Lexicon:
    """English lemma → Thai words and Thai word → English lemmas, and WordNet's irregular English forms."""

    en_th: dict[str, frozenset[str]]
    th_en: dict[str, frozenset[str]]
    irregular: dict[str, frozenset[str]]

    @property
    def available(self) -> bool:
        return bool(self.en_th)

    def english_lemmas(self, word: str) -> set[str]:
        """The word and the dictionary forms it may inflect (mice → mouse, studies → study)."""
        w = bare_english(word)
        found = {w} | set(self.irregular.get(w, ()))
        for suffix, replacement in _SUFFIXES:
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                found.add(w[: -len(suffix)] + replacement)
        return found

    def thai_for(self, word: str) -> frozenset[str]:
        """Thai words that can translate the English word, with the stems of nominalised ones."""
        out: set[str] = set()
        for lemma in self.english_lemmas(word):
            for thai in self.en_th.get(lemma, ()):
                out.add(thai)
                out.update(thai[len(p):] for p in _NOMINALISERS if thai.startswith(p) and len(thai) - len(p) >= 2)
        return frozenset(t for t in out if len(t) >= 2)

    def english_for(self, thai: str) -> frozenset[str]:
        return self.th_en.get(thai, frozenset())


def found_in_thai(forms: Iterable[str], tokens: Sequence[str]) -> bool:
    """Whether one of the Thai forms is in the sentence: on token boundaries, or inside a token when long."""
    forms = frozenset(forms)
    if token_runs(list(tokens), forms, longest=4):
        return True
    text = "".join(tokens)
    return any(len(f) >= MIN_SUBSTRING and f in text for f in forms)


class EnglishWords:
    """One English sentence's words as the lexicon reads them: the dictionary forms each may inflect, and the
    words as a phrase; built once per sentence and asked about every Thai word of the pair."""

    def __init__(self, words: Sequence[str], lexicon: Lexicon) -> None:
        self.inflected: set[str] = set().union(*(lexicon.english_lemmas(w) for w in words)) if words else set()
        self.phrase = " " + " ".join(w.lower().replace("-", " ") for w in words) + " "

    def has(self, lemmas: Iterable[str]) -> bool:
        """Whether one of the English lemmas (one word or several) is among the words, inflected or not."""
        for lemma in lemmas:
            if " " in lemma or "-" in lemma:
                if " " + lemma.replace("-", " ") + " " in self.phrase:
                    return True
            elif lemma in self.inflected:
                return True
        return False


def found_in_english(lemmas: Iterable[str], words: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether one of the English lemmas (one word or several) is in the sentence's words, inflected or not."""
    return EnglishWords(words, lexicon).has(lemmas)


def _english_synsets(folder: Path) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Synset id ("02484322-n") → its English lemmas, and → the synsets lending theirs (``_LENT_POINTERS``)."""
    lemmas: dict[str, list[str]] = {}
    lent: dict[str, list[str]] = {}
    for pos, name in _POS_FILES:
        with open(folder / f"data.{name}", encoding="utf-8", errors="replace") as lines:
            for line in lines:
                if line.startswith("  "):  # the licence header
                    continue
                fields = line.split("|", 1)[0].split()
                count = int(fields[3], 16)
                words = [fields[4 + 2 * i].split("(")[0].replace("_", " ").lower() for i in range(count)]
                at = 4 + 2 * count
                pointers = [f"{fields[at + 1 + 4 * i + 1]}-{'a' if fields[at + 1 + 4 * i + 2] == 's' else fields[at + 1 + 4 * i + 2]}"
                            for i in range(int(fields[at])) if fields[at + 1 + 4 * i] in _LENT_POINTERS]
                lemmas[f"{fields[0]}-{pos}"] = words
                lent[f"{fields[0]}-{pos}"] = pointers
    return lemmas, lent


def _irregular_forms(folder: Path) -> dict[str, frozenset[str]]:
    forms: dict[str, set[str]] = defaultdict(set)
    for _, name in _POS_FILES:
        path = folder / f"{name}.exc"
        if path.is_file():
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                inflected, *bases = line.split()
                forms[inflected].update(b.replace("_", " ") for b in bases)
    return {k: frozenset(v) for k, v in forms.items()}


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The joined lexicon, or an empty one (``available`` False) when the English WordNet is not installed."""
    from pythainlp.corpus import corpus_path

    folder = wordnet_dir()
    thai_db = Path(corpus_path()) / "wordnet_th.db"
    if folder is None or not thai_db.is_file():
        logging.getLogger("thalign").warning(
            "term: no WordNet 3.0 database (make wordnet, or $%s); word-level QA runs without its lexicon", WORDNET_ENV)
        return Lexicon({}, {}, {})
    lemmas, lent = _english_synsets(folder)
    with sqlite3.connect(f"file:{thai_db}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT synsetid, li FROM word_synset").fetchall()
    thai_of: dict[str, set[str]] = defaultdict(set)
    for synset, thai in rows:
        offset, pos = synset.split("-")
        if synset not in lemmas and pos in _OFFSET_SHIFTS:
            synset = f"{int(offset) + _OFFSET_SHIFTS[pos]:08d}-{pos}"
        if synset in lemmas and re.search(r"[\u0e01-\u0e4c]", thai):
            thai_of[synset].add(thai)
    en_th: dict[str, set[str]] = defaultdict(set)
    th_en: dict[str, set[str]] = defaultdict(set)
    for synset, words in lemmas.items():
        english = set(words).union(*(lemmas.get(s, ()) for s in lent[synset]))
        thai = thai_of.get(synset, set()).union(*(thai_of.get(s, set()) for s in lent[synset]))
        for word in words:
            en_th[word] |= thai
        for t in thai_of.get(synset, ()):
            th_en[t] |= english
    with open(Path(corpus_path()) / "th_en_transliteration_v1.4.tsv", encoding="utf-8") as table:
        for row in csv.DictReader(table, delimiter="\t"):
            en_th[row["en"].lower()].add(row["th"])
            th_en[row["th"]].add(row["en"].lower())
    return Lexicon({k: frozenset(v) for k, v in en_th.items() if v}, {k: frozenset(v) for k, v in th_en.items() if v},
                   _irregular_forms(folder))
