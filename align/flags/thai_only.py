"""Thai-only QA: checks that need no source text, for a Thai document that has no English beside it.

Each flag's ``bead`` is the number (from 0) of the paragraph it is in, counting non-empty lines; the evidence
says the line number in the file. Kinds: ``name`` (a Thai province written as a district of a foreign city:
เขตเชียงใหม่ เมืองซูโจว), ``repeat`` (a word typed twice: ตั้งตั้งแต่), ``bracket`` (unbalanced brackets or
quotes in a paragraph), ``digits`` (Thai and Arabic digits mixed in one document), ``untranslated`` (a run of
Latin words left in the Thai text, outside brackets).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from thalign.flags.glossary import Term, gazetteer, thai_provinces
from thalign.flags.tokens import thai_tokens, thai_words, token_runs
from thalign.types import Flag

NEAR_TOKENS = 4
"""A foreign place at most this many words after the province reads as its parent (เขตเชียงใหม่ เมืองซูโจว)."""
GRAMMAR_MORPHEMES = frozenset({"ที่", "ล้าน", "การ", "ความ", "ของ"})
"""Words whose doubling across a word boundary is grammar, not a typo: พื้นที่|ที่ (the area that), ล้าน|ล้าน (a
trillion), กรรมการ|การศึกษา, ขโมยของ|ของเขา. Found on FLORES and UD Thai-TUD (all 13 such doubles there were correct)."""
_JOINERS = frozenset({"และ", "กับ", "หรือ", "ถึง", "จาก", "ไป", "สู่", ",", "-", "–", "ระหว่าง"})
_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"), ("“", "”"), ("‘", "’"))
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’.&-]*(?:[ ,]+[A-Za-z][A-Za-z'’.&-]*)+")
_DOUBLED = re.compile(r"([\u0e01-\u0e4e]{3,}?)\1")
_THAI_DIGIT = re.compile(r"[๐-๙]")
_ARABIC_DIGIT = re.compile(r"[0-9]")


@functools.lru_cache(maxsize=1)
def _places() -> tuple[frozenset[str], frozenset[str], dict[str, Term]]:
    """(Thai provinces, foreign places, Thai form → term) from the gazetteer the names check uses."""
    thai = frozenset(name for name, _ in thai_provinces())
    by_form = {t.thai: t for t in gazetteer()}
    return thai, frozenset(by_form) - thai, by_form


def paragraphs(text: str) -> Iterator[tuple[int, int, str]]:
    """(paragraph number, 1-based line number, text) of every non-empty line."""
    number = 0
    for line_no, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield number, line_no, line
            number += 1


def province_as_district(index: int, line_no: int, line: str) -> list[Flag]:
    thai, foreign, by_form = _places()
    words = [w for w in thai_words(line) if w.strip()]
    hits = token_runs(words, thai | foreign)
    flags = []
    for k, form in hits:
        if form not in thai:
            continue
        after = [(j, f) for j, f in hits if k < j <= k + NEAR_TOKENS and f in foreign]
        if after and not _JOINERS & set(words[k + 1 : after[0][0]]):
            place = after[0][1]
            flags.append(Flag("name", "warning", index,
                              f"line {line_no}: Thai province {form} ({by_form[form].english[0]}) written as part of "
                              f"{place} ({by_form[place].english[0]}): a wrong place name?", th_span=form,
                              th_words=(form, place)))
    return flags


def typed_twice(index: int, line_no: int, line: str) -> list[Flag]:
    """A dictionary word written twice in a row across a word boundary, one copy inside a longer word
    (จัดตั้ง|ตั้งแต่ → ตั้งตั้งแต่); two whole copies (ขาวขาว) are colloquial reduplication."""
    token_at = {t.start: t.text for t in thai_tokens(line)}
    known = _dictionary()
    flags = []
    for m in _DOUBLED.finditer(line):
        word = m.group(1)
        middle = m.start() + len(word)
        reduplicated = token_at.get(m.start()) == word and token_at.get(middle) == word  # ขาวขาว: colloquial
        if (middle in token_at and word in known and not reduplicated and word not in GRAMMAR_MORPHEMES
                and word + word not in _legit_doubles()):
            left = line[max(0, m.start() - 6) : m.end() + 6].strip()
            flags.append(Flag("repeat", "warning", index, f"line {line_no}: word typed twice: {word}{word} (in “{left}”)",
                              th_span=word + word, th_words=(word + word,)))
    return flags


@functools.lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus.common import thai_words as dictionary

    return frozenset(dictionary())


@functools.lru_cache(maxsize=1)
def _legit_doubles() -> frozenset[str]:
    """Dictionary words that are a doubled word (นานา): not typos."""
    return frozenset(w for w in _dictionary() if len(w) % 2 == 0 and w[: len(w) // 2] == w[len(w) // 2 :])


def unbalanced(index: int, line_no: int, line: str) -> list[Flag]:
    flags = []
    for left, right in _PAIRS:
        if line.count(left) != line.count(right):
            flags.append(Flag("bracket", "warning", index,
                              f"line {line_no}: {line.count(left)} × {left} but {line.count(right)} × {right}"))
    if line.count('"') % 2:
        flags.append(Flag("bracket", "warning", index, f'line {line_no}: odd number of " quotes'))
    return flags


def latin_fragments(index: int, line_no: int, line: str) -> list[Flag]:
    """Runs of two or more Latin words outside brackets (a gloss in brackets after the Thai term is normal)."""
    outside = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), line)
    flags = []
    for m in _LATIN_RUN.finditer(outside):
        fragment = m.group().strip(" ,")
        if len(fragment.split()) >= 2:
            flags.append(Flag("untranslated", "info", index, f"line {line_no}: Latin text in the Thai: {fragment}",
                              th_span=fragment, th_words=(fragment,)))
    return flags


def mixed_digits(text: str) -> list[Flag]:
    """One flag on the first paragraph that uses the document's rarer kind of digits."""
    counts = {"Thai": len(_THAI_DIGIT.findall(text)), "Arabic": len(_ARABIC_DIGIT.findall(text))}
    if not counts["Thai"] or not counts["Arabic"]:
        return []
    rare = min(counts, key=lambda k: counts[k])
    pattern = _THAI_DIGIT if rare == "Thai" else _ARABIC_DIGIT
    index, line_no = next((i, n) for i, n, line in paragraphs(text) if pattern.search(line))
    return [Flag("digits", "info", index, f"Thai and Arabic digits mixed in one document ({counts['Thai']} Thai, "
                                          f"{counts['Arabic']} Arabic; first {rare} digit on line {line_no})")]


LINE_CHECKS = (province_as_district, typed_twice, unbalanced, latin_fragments)


def check_thai_text(text: str) -> list[Flag]:
    """Every Thai-only check over a document; flags sorted by paragraph."""
    flags = [f for index, line_no, line in paragraphs(text) for check in LINE_CHECKS for f in check(index, line_no, line)]
    unique = {(f.bead, f.kind, f.evidence): f for f in flags + mixed_digits(text)}
    return sorted(unique.values(), key=lambda f: (f.bead, f.kind))
