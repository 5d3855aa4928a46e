"""Anchors: what names the same thing on both sides whatever the wording, as evidence of which English
sentence a Thai chunk belongs to.

Numbers go through the flag stage's normalisers (``thalign.flags.numbers``: Thai digits, scale words, BE↔CE
years, times, number words), so the aligner and the number check read a quantity the same way. Latin-script
words inside the Thai (names, acronyms, terms quoted in English) are matched against the English words.
Only keys that occur on both sides of a document are kept: a key one side never holds cannot tell beads apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from thalign.flags.numbers import Quantity, english_quantities, thai_quantities

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['’\-][A-Za-z0-9]+)*")
_STOPWORDS = frozenset(
    "a an and are as at be but by for from has have in is it its of on or the to was were with".split())


def _number_keys(quantities: Sequence[Quantity]) -> set[str]:
    keys: set[str] = set()
    for q in quantities:
        if not q.digits and q.value < 2:  # "one", "first": pronouns and ordinals more than numbers
            continue
        keys.update(f"n:{v:g}" for v in (q.value, *q.alts))
    return keys


def _word_keys(text: str) -> set[str]:
    return {f"w:{w.lower()}" for w in _LATIN_WORD.findall(text) if len(w) > 1 and w.lower() not in _STOPWORDS}


def thai_keys(text: str) -> set[str]:
    """Numbers (normalised) and Latin-script words of a piece of Thai text."""
    return _number_keys(thai_quantities(text)) | _word_keys(text)


def english_keys(text: str) -> set[str]:
    return _number_keys(english_quantities(text)) | _word_keys(text)


def anchor_matrices(th_texts: Sequence[str], en_texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """0/1 presence matrices (Thai units × keys, English units × keys) over the keys both sides hold."""
    th_sets = [thai_keys(t) for t in th_texts]
    en_sets = [english_keys(t) for t in en_texts]
    shared = sorted(set().union(*th_sets) & set().union(*en_sets)) if th_sets and en_sets else []
    column = {key: k for k, key in enumerate(shared)}
    th = np.zeros((len(th_sets), len(shared)), np.float32)
    en = np.zeros((len(en_sets), len(shared)), np.float32)
    for matrix, sets in ((th, th_sets), (en, en_sets)):
        for i, keys in enumerate(sets):
            matrix[i, [column[key] for key in keys if key in column]] = 1.0
    return th, en
