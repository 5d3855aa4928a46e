"""Is this Thai span the transliteration of that English name? Both are reduced to a consonant skeleton of
sound classes (p, t, k, s, m, n, l, w, y) and the skeletons compared.

Comparing consonant classes instead of a romanisation: royin writes a Thai final ล as n and ช as t
(ดูวาลล์ → duoan, บุช → but), so romanised Thai rarely spells the English name back; the consonants a
transliterator chose are what both sides share (Duvall / ดูวาลล์ → twl / twl). Silent letters are dropped
on both sides: the Thai consonant under a thanthakhat (์) and an English r before a consonant or at the end
(non-rhotic Thai spelling: Edgar / เอดการ์).
"""

from __future__ import annotations

import difflib
import functools
import re

_THAI_CLASS = {
    **dict.fromkeys("กขฃคฅฆ", "k"), **dict.fromkeys("จฉชฌซศษส", "s"), **dict.fromkeys("ดตถทธฎฏฐฑฒ", "t"),
    **dict.fromkeys("บปผพภฟฝ", "p"), "ม": "m", **dict.fromkeys("นณ", "n"), "ง": "n", **dict.fromkeys("ลรฬฦ", "l"),
    "ว": "w", **dict.fromkeys("ยญ", "y"),
}
_THAI_SILENT = re.compile(r"[\u0e01-\u0e2e](?:[\u0e34-\u0e39])?\u0e4c")
"""A consonant (and a vowel mark on it) under the thanthakhat ์ is not pronounced."""
_THAI_GLIDE_VOWEL = re.compile(r"[วย](?![\u0e30-\u0e39\u0e47-\u0e4bอ])(?<![เแโใไ][วย])")
"""ว and ย are vowels (เ-ีย, -ัว, ไ-ย) unless a vowel follows or a leading vowel precedes them."""
_ENGLISH_STEPS = (
    (r"tsch|sch|tch|sh|ch|zh|ts|tz|j|z|x", "s"), (r"q(?=i)", "s"), (r"ph|f", "p"), (r"th", "t"), (r"ng", "n"),
    (r"ck|kh|gh|q", "k"),
    (r"h", ""), (r"c(?=[eiy])", "s"), (r"c|g", "k"), (r"v", "w"),
    (r"(?<=[aeiouy])r(?=[^aeiouy]|$)", ""), (r"r", "l"), (r"d", "t"), (r"b", "p"),
    (r"(?<=.)[wy](?![aeiou])|^[wy](?![aeiou])", ""),
)
_ENGLISH_CLASSES = re.compile(r"[^ptksmnlwy]")
NAME_MATCH = 0.8
"""Skeleton similarity (difflib ratio) at which a Thai span spells an English name. Tuned on FLORES devtest
names (capitalised, not sentence-initial, with a single-token Thai counterpart), checked on Tatoeba."""


@functools.lru_cache(maxsize=65536)
def thai_skeleton(thai: str) -> str:
    """The sound classes of a Thai span's consonants, a silent ห or อ and a doubled class once."""
    spoken = _THAI_GLIDE_VOWEL.sub("", _THAI_SILENT.sub("", thai))
    return re.sub(r"(.)\1+", r"\1", "".join(_THAI_CLASS.get(c, "") for c in spoken))


@functools.lru_cache(maxsize=65536)
def english_skeleton(name: str) -> str:
    """The sound classes of an English (or pinyin) name's consonants, spelled as a Thai transliterator hears them."""
    s = re.sub(r"['’]s$", "", name.lower())
    for pattern, repl in _ENGLISH_STEPS:
        s = re.sub(pattern, repl, s)
    return re.sub(r"(.)\1+", r"\1", _ENGLISH_CLASSES.sub("", s))


def name_similarity(english: str, thai: str) -> float:
    """How well the Thai span spells the English name (0..1); skeletons of one class only count when equal."""
    en, th = english_skeleton(english), thai_skeleton(thai)
    if not en or not th:
        return 0.0
    if min(len(en), len(th)) < 2:
        return float(en == th) * 0.8
    return difflib.SequenceMatcher(None, en, th).ratio()
