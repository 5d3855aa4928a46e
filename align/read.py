"""Read stage: bytes → clean text, and a bilingual file → its Thai and English halves.

Decoding accepts UTF-8 (with or without BOM), UTF-16 with a BOM, and the legacy Thai encodings
TIS-620 / cp874. Text is NFC-normalised, zero-width characters removed and Thai spelling normalised
with pythainlp, line by line so paragraph breaks survive.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata

from thalign.errors import InputError, ThaiOnlyInput

MAX_BYTES = 50 * 1024 * 1024
"""Default cap on one input file (50 MiB, about 15,000 pages of text; the CLI's ``--max-input-mb``).
Larger inputs are refused with a clear message before they are read, rather than exhausting memory."""

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_THAI = re.compile("[\u0e00-\u0e7f]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_NOT_REGULAR = [(stat.S_ISDIR, "is a directory"), (stat.S_ISCHR, "is a character device"),
                (stat.S_ISBLK, "is a block device"), (stat.S_ISFIFO, "is a named pipe (FIFO)"),
                (stat.S_ISSOCK, "is a socket")]


def check_input_file(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> int:
    """Size of ``path`` if it is a regular file within the cap; ``InputError`` otherwise, without opening it.

    ``stat`` only: a device such as /dev/urandom, a FIFO or a directory is refused before any byte is read.
    """
    name = os.fspath(path)
    try:
        info = os.stat(name)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from exc
    for test, what in _NOT_REGULAR:
        if test(info.st_mode):
            raise InputError(f"{name}: {what}, not a text file")
    if info.st_size > max_bytes:
        raise InputError(f"{name}: file is {info.st_size / 2**20:,.0f} MiB, over the {max_bytes / 2**20:,.0f} MiB "
                         "input limit (raise it with --max-input-mb)")
    return info.st_size


def read_text(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> str:
    """Read, decode and normalise one input file; ``InputError`` names the file and the reason."""
    name = os.fspath(path)
    check_input_file(name, max_bytes)
    try:
        with open(name, "rb") as handle:
            data = handle.read(max_bytes + 1)  # never more than the cap, even if the file grew or lied about its size
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:
        raise InputError(f"{name}: file is over the {max_bytes / 2**20:,.0f} MiB input limit (raise it with --max-input-mb)")
    try:
        return normalize_text(decode(data))
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None


def read_pair(th_path: str | os.PathLike[str], en_path: str | os.PathLike[str] | None = None,
              max_bytes: int = MAX_BYTES) -> tuple[str, str]:
    """Thai and English text from two files, or from one bilingual file (either half first)."""
    if en_path is not None:
        return read_text(th_path, max_bytes), read_text(en_path, max_bytes)
    name = os.fspath(th_path)
    text = read_text(name, max_bytes)
    try:
        return split_bilingual(text)
    except ThaiOnlyInput as exc:
        raise ThaiOnlyInput(f"{name}: {exc}", exc.text) from None
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
    """Split a file holding one language's text followed by the other's at the best script boundary.

    The cut maximises the letters of the first language before it plus the second's after it, so Latin
    names inside Thai paragraphs and Thai quotes in the English do not move it. Both orders are tried
    (Thai first, English first) and the better one wins; a tie means Thai first.
    """
    lines = text.split("\n")
    labels = [line_script(line) for line in lines]
    weight = [len(line.strip()) for line in lines]
    if not any(lab == "th" for lab in labels):
        raise InputError("no Thai text found")
    if not any(lab == "en" for lab in labels):
        raise ThaiOnlyInput("Thai text only: the file has no English side (thalign check runs the Thai-only QA)", text)
    th_score, th_cut = _best_cut(weight, labels, "th", "en")
    en_score, en_cut = _best_cut(weight, labels, "en", "th")
    if en_score > th_score:
        english, thai = "\n".join(lines[:en_cut]), "\n".join(lines[en_cut:])
    else:
        thai, english = "\n".join(lines[:th_cut]), "\n".join(lines[th_cut:])
    if not english.strip():
        raise ThaiOnlyInput("Thai text only: the file has no English side (thalign check runs the Thai-only QA)", text)
    if not thai.strip():
        raise InputError("no Thai side found beside the English text")
    return thai, english


def _best_cut(weight: list[int], labels: list[str | None], first: str, second: str) -> tuple[int, int]:
    """(score, cut) maximising ``first`` letters before the cut plus ``second`` letters after it."""
    after = sum(w for w, lab in zip(weight, labels) if lab == second)
    best_score, best_cut, before = -1, 0, 0
    for cut in range(len(weight) + 1):
        if before + after > best_score:
            best_score, best_cut = before + after, cut
        if cut < len(weight):
            before += weight[cut] if labels[cut] == first else 0
            after -= weight[cut] if labels[cut] == second else 0
    return best_score, best_cut


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
