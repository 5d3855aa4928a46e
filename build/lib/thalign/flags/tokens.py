"""Thai word tokens shared by every check: one newmm pass per distinct text, on pythainlp's default dictionary.

The checks (numbers, currencies, places, terms) all read the same Thai beads; tokenizing each text once and
never building a second dictionary trie keeps the flag stage linear and cheap (issue 12).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass


@functools.lru_cache(maxsize=16384)
def thai_words(text: str) -> tuple[str, ...]:
    """newmm tokens of ``text`` (spaces included, as pythainlp returns them)."""
    from pythainlp.tokenize import word_dict_trie, word_tokenize

    return tuple(word_tokenize(text, engine="newmm", custom_dict=word_dict_trie()))


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def thai_tokens(text: str) -> list[Token]:
    """newmm tokens with their character offsets (the tokens spell the text exactly)."""
    tokens, at = [], 0
    for word in thai_words(text):
        tokens.append(Token(word, at, at + len(word)))
        at += len(word)
    return tokens


def token_runs(words: list[str] | tuple[str, ...], forms: frozenset[str], longest: int = 12) -> list[tuple[int, str]]:
    """(start token, form) for every run of up to ``longest`` consecutive tokens that spells one of ``forms``.

    A term is found only on token boundaries (ลาว is not inside ลาวา), whether the dictionary knows it as
    one word (เชียงใหม่) or cuts it into pieces (a transliterated name)."""
    hits = []
    for k in range(len(words)):
        joined = ""
        for j in range(k, min(len(words), k + longest)):
            joined += words[j]
            if joined in forms:
                hits.append((k, joined))
    return hits
