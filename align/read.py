"""Read stage: bytes → clean text, and a bilingual file → its Thai and English halves.

Decoding accepts UTF-8 (with or without BOM), UTF-16 with a BOM, and the legacy Thai encodings
TIS-620 / cp874. Text is NFC-normalised, zero-width characters removed and Thai spelling normalised
with pythainlp, line by line so paragraph breaks survive.
"""

from __future__ import annotations

import os
import re
import unicodedata

from align.errors import InputError

MAX_BYTES = 50 * 1024 * 1024
"""Larger inputs are refused with a clear message rather than exhausting memory."""

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_THAI = re.compile("[\u0e00-\u0e7f]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def read_text(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> str:
    """Read, decode and normalise one input file; ``InputError`` names the file and the reason."""
    name = os.fspath(path)
    try:
        size = os.path.getsize(name)
        if size > max_bytes:
            raise InputError(f"{name}: file is {size / 1e6:.0f} MB, over the {max_bytes / 1e6:.0f} MB limit")
        with open(name, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from exc
    try:
        return normalize_text(decode(data))
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None


def decode(data: bytes) -> str:
    """Bytes → str, trying UTF-8/UTF-16 (BOM) first and the Thai legacy code page cp874 second."""
    if not data.strip():
        raise InputError("file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError("file has a UTF-16 mark but is not valid UTF-16") from exc
    if b"\x00" in data or _control_ratio(data) > 0.05:
        raise InputError("file looks binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp874")  # superset of TIS-620
    except UnicodeDecodeError as exc:
        raise InputError("file is neither UTF-8 nor Thai TIS-620/cp874 text") from exc
    if len(_THAI.findall(text)) < 0.2 * max(1, len(_LETTER.findall(text))):
        raise InputError("file is not UTF-8, and decoding it as TIS-620/cp874 gives no Thai text")
    return text


def _control_ratio(data: bytes) -> float:
    controls = sum(1 for b in data[:65536] if b < 32 and b not in (9, 10, 12, 13))
    return controls / min(len(data), 65536)


def normalize_text(text: str) -> str:
    """NFC, no zero-width characters, pythainlp's Thai spelling fixes; line breaks kept as they were."""
    from pythainlp.util import normalize as thai_normalize

    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _ZERO_WIDTH.sub("", text)
    return "\n".join(thai_normalize(line) if _THAI.search(line) else line for line in text.split("\n"))


_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> str:
    """Lone surrogates (only a Python string can hold them, never a decoded file) become U+FFFD, 1 for 1."""
    return _SURROGATE.sub("\ufffd", text)


def script_counts(text: str) -> tuple[int, int]:
    """(Thai letters, Latin letters) in ``text``."""
    return len(_THAI.findall(text)), len(_LATIN.findall(text))


def line_script(line: str) -> str | None:
    """``th``, ``en`` or ``None`` (no letters) for one line; Thai wins when it is a fair share of the letters."""
    thai, latin = script_counts(line)
    if thai == 0 and latin == 0:
        return None
    return "th" if thai >= 0.25 * (thai + latin) else "en"


def split_bilingual(text: str) -> tuple[str, str]:
    """Split a file holding the Thai text followed by the English text at the best script boundary.

    The cut maximises Thai lines before it plus English lines after it, so Latin names inside
    Thai paragraphs and Thai quotes in the English do not move it.
    """
    lines = text.split("\n")
    labels = [line_script(line) for line in lines]
    weight = [len(line.strip()) for line in lines]
    if not any(lab == "th" for lab in labels):
        raise InputError("no Thai text found")
    if not any(lab == "en" for lab in labels):
        raise InputError("Thai text only: the file has no English side")
    total_en = sum(w for w, lab in zip(weight, labels) if lab == "en")
    best_cut, best_score, th_before, en_before = 0, -1, 0, 0
    for cut in range(len(lines) + 1):
        score = th_before + (total_en - en_before)
        if score > best_score:
            best_cut, best_score = cut, score
        if cut < len(lines):
            th_before += weight[cut] if labels[cut] == "th" else 0
            en_before += weight[cut] if labels[cut] == "en" else 0
    thai, english = "\n".join(lines[:best_cut]), "\n".join(lines[best_cut:])
    if not english.strip():
        raise InputError("Thai text only: the file has no English side")
    if not thai.strip():
        raise InputError("no Thai side found before the English text")
    return thai, english


def check_language(text: str, side: str) -> None:
    """Refuse a side that is written in the wrong script (e.g. English given as the Thai file)."""
    thai, latin = script_counts(text)
    if thai + latin == 0:
        raise InputError(f"the {side_name(side)} side has no letters")
    if side == "th" and thai < 0.3 * (thai + latin):
        raise InputError("the Thai side contains no Thai text (is it English?)")
    if side == "en" and thai > 0.5 * (thai + latin):
        raise InputError("the English side is mostly Thai text (are both files Thai?)")


def side_name(side: str) -> str:
    return {"th": "Thai", "en": "English"}.get(side, side)
