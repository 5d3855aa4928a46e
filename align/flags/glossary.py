"""Thai↔English term lists: the project's place gazetteer, pythainlp's provinces, and a user glossary.

A glossary file is UTF-8 TSV: ``thai<TAB>english[|other english form…]``; ``#`` starts a comment.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from thalign.errors import InputError
from thalign.flags.tokens import thai_words, token_runs

PLACES = Path(__file__).with_name("data") / "places.tsv"


@dataclass(frozen=True)
class Term:
    thai: str
    english: tuple[str, ...]


def read_glossary(path: str | os.PathLike[str]) -> list[Term]:
    terms = []
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{os.fspath(path)}: cannot read glossary ({exc})") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].strip() or not parts[1].strip():
            raise InputError(f"{os.fspath(path)}:{number}: expected 'thai<TAB>english', got {line[:60]!r}")
        forms = tuple(f.strip() for f in "|".join(parts[1:]).split("|") if f.strip())
        terms.append(Term(parts[0].strip(), forms))
    return terms


@functools.lru_cache(maxsize=1)
def gazetteer() -> tuple[Term, ...]:
    """Places: the project list plus Thai provinces (pythainlp's bundled data)."""
    provinces = [Term(thai, (english,)) for thai, english in thai_provinces()]
    return (*read_glossary(PLACES), *provinces)


@functools.lru_cache(maxsize=1)
def thai_provinces() -> tuple[tuple[str, str], ...]:
    """(Thai name, English name) of every Thai province, from pythainlp's bundled list."""
    from pythainlp.corpus import provinces

    return tuple((p["name_th"], p["name_en"]) for p in provinces(details=True) if isinstance(p, dict))


AMBIGUOUS = frozenset({"เลย", "ตาก", "แพร่", "น่าน", "ตรัง", "พัง", "สตูล", "ยะลา", "ลำปาง", "ชัยนาท", "ราชบุรี", "โรม"})
"""Place names that are also common words (เลย = Loei, and 'at all'): counted only after จังหวัด / จ. / เมือง / กรุง."""


def thai_terms_in(text: str, terms: tuple[Term, ...]) -> list[Term]:
    """Terms whose Thai form is a whole token, or a run of whole tokens, of ``text`` (so ลาว does not match ลาวา).

    Matched on the shared default-dictionary tokens, with no per-glossary trie: on FLORES, Tatoeba and both
    seeds (2,180 Thai texts) this finds exactly the places a tokenizer with the terms added to its dictionary did."""
    words = [w for w in thai_words(text) if w.strip()]
    tokens = {form for k, form in token_runs(words, _thai_forms(terms))
              if form not in AMBIGUOUS or (k and words[k - 1] in ("จังหวัด", "จ.", "เมือง", "กรุง", "นคร"))}
    return [t for t in terms if t.thai in tokens]


@functools.lru_cache(maxsize=8)
def _thai_forms(terms: tuple[Term, ...]) -> frozenset[str]:
    return frozenset(t.thai for t in terms)


def english_has(text: str, forms: tuple[str, ...]) -> str | None:
    for form in forms:
        m = re.search(rf"(?<![\w]){re.escape(form)}(?=(?:e?s)?(?![\w]))", text)
        if m:
            return m.group()
    return None


@functools.lru_cache(maxsize=8)
def _english_index(terms: tuple[Term, ...]) -> tuple[re.Pattern[str], dict[str, list[Term]]]:
    by_form: dict[str, list[Term]] = {}
    for term in terms:
        for form in term.english:
            by_form.setdefault(form, []).append(term)
    alternation = "|".join(re.escape(f) for f in sorted(by_form, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternation})(?=(?:e?s)?(?![\w]))"), by_form


def english_terms_in(text: str, terms: tuple[Term, ...]) -> list[tuple[Term, str]]:
    """(term, matched form) for every term whose English form appears in ``text``."""
    if not terms:
        return []
    pattern, by_form = _english_index(terms)
    hits: list[tuple[Term, str]] = []
    for m in pattern.finditer(text):
        hits.extend((t, m.group()) for t in by_form[m.group()])
    return hits
