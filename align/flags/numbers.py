"""Numbers and years: the quantities of a Thai sentence must reappear in its English translation.

Both sides are normalised before comparing: Thai digits (๐–๙), thousands separators, decimals, Thai
scale words (พัน หมื่น แสน ล้าน, with digits: ๕๗,๘๓๐ ล้าน = 57.83 billion), English scale words
(thousand … trillion), number words (Sixteen, สี่), ordinals (11th), times (10.30 น. = 10:30), and
Buddhist-Era years (BE = CE + 543 when ปี / พ.ศ. or a month name precedes the number; a bare 2300–2700 may also be BE).

A flag needs a visible substitution: a value on each side that has no partner on the other. A number
written out on one side only ("one quarter" / หนึ่งในสี่) is not flagged; that keeps correct translations quiet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thalign._util.text import ascii_digits
from thalign.flags.base import CheckContext, pair_beads
from thalign.flags.tokens import thai_words
from thalign.types import AlignmentResult, Flag

_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.,])\d+(?:\.\d+)?")
_CLOCK = re.compile(r"(?<![\d.])(\d{1,2}):(\d{2})(?::(\d{2}))?(\.\d+)?(?!\d)(?:\s*([ap])\.?\s?m\b\.?)?", re.IGNORECASE)
_THAI_TIME = re.compile(
    r"(?<![\d.])(\d{1,2})[.:](\d{2})(?=\s*(?:(?:-|–|ถึง|และ|and)\s*\d{1,2}[.:]\d{2}\s*)?(?:น\.|นาฬิกา))")
_MILITARY_TIME = re.compile(r"(?<![\d.,])([01]\d|2[0-3])([0-5]\d)(?=\s*(?:GMT|UTC|hrs?|hours)\b)")
_DECADE = re.compile(r"(?<![\d.,])(1[5-9]|20)(\d0)s\b")
THAI_SCALES = {"ล้านล้าน": 1e12, "แสนล้าน": 1e11, "หมื่นล้าน": 1e10, "พันล้าน": 1e9, "ล้าน": 1e6, "แสน": 1e5,
               "หมื่น": 1e4, "พัน": 1e3}
ENGLISH_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "mn": 1e6}
THAI_MONTHS = {
    "มกราคม": 1, "กุมภาพันธ์": 2, "มีนาคม": 3, "เมษายน": 4, "พฤษภาคม": 5, "มิถุนายน": 6, "กรกฎาคม": 7,
    "สิงหาคม": 8, "กันยายน": 9, "ตุลาคม": 10, "พฤศจิกายน": 11, "ธันวาคม": 12,
    "ม.ค.": 1, "ก.พ.": 2, "มี.ค.": 3, "เม.ย.": 4, "พ.ค.": 5, "มิ.ย.": 6, "ก.ค.": 7, "ส.ค.": 8, "ก.ย.": 9,
    "ต.ค.": 10, "พ.ย.": 11, "ธ.ค.": 12,
}
ENGLISH_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_ENGLISH_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_ENGLISH_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                       "hundred": 100, "dozen": 12})
_ENGLISH_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
THAI_NUMBER_WORDS = {"สอง": 2, "สาม": 3, "สี่": 4, "ห้า": 5, "หก": 6, "เจ็ด": 7, "แปด": 8, "เก้า": 9, "สิบ": 10,
                     "ยี่สิบ": 20, "สามสิบ": 30, "สี่สิบ": 40, "ห้าสิบ": 50, "ร้อย": 100}
_YEAR_CONTEXT = re.compile(r"(?:ปี|พ\.ศ\.|พ\.\s?ศ\.|" + "|".join(m for m in THAI_MONTHS if "." not in m) + r")\s*(?:ที่\s*)?$")


@dataclass(frozen=True)
class Quantity:
    value: float
    text: str
    year: bool = False
    """A Thai number read as a BE year (already converted to CE) or an English year-like number."""
    digits: bool = True
    """Written with digits (not as a word)."""
    alts: tuple[float, ...] = ()
    """Other readings that count as a match: a bare Thai 25xx as a BE year, the 80 of the 1980s."""


def _value(raw: str) -> float:
    return float(raw.replace(",", ""))


def thai_quantities(text: str) -> list[Quantity]:
    """Numbers of a Thai sentence, normalised (Thai digits, scale words, BE years, times, number words)."""
    ascii_text = ascii_digits(text)
    found, times = _clock_times(ascii_text, thai=True)
    for m in _NUMBER.finditer(ascii_text):
        if any(s <= m.start() < e for s, e in times):
            continue
        value = _value(m.group())
        after = ascii_text[m.end() : m.end() + 12].lstrip()
        scale = next((s for s in THAI_SCALES if after.startswith(s)), None)
        if scale and not _starts_longer_word(after, scale):
            found.append(Quantity(value * THAI_SCALES[scale], text[m.start() : m.end()] + " " + scale))
            continue
        before = ascii_text[max(0, m.start() - 14) : m.start()]
        if 1000 <= value <= 2700 and "," not in m.group() and "." not in m.group() and _YEAR_CONTEXT.search(before):
            # After ปี / พ.ศ. / a month: above 2100 it is BE; from 2000 it may be either (ปี 2079 = 1536 CE?).
            if value > 2100:
                found.append(Quantity(value - 543, text[m.start() : m.end()], year=True, alts=(value,)))
            else:
                alts = (value - 543,) if value >= 2000 else ()
                found.append(Quantity(value, text[m.start() : m.end()], year=True, alts=alts))
        else:
            alts = (value - 543,) if 2300 <= value <= 2700 and "." not in m.group() else ()
            found.append(Quantity(value, text[m.start() : m.end()], alts=alts))
    for word in thai_words(text):
        if word in THAI_NUMBER_WORDS:
            found.append(Quantity(float(THAI_NUMBER_WORDS[word]), word, digits=False))
    return found


def _clock_times(text: str, thai: bool) -> tuple[list[Quantity], list[tuple[int, int]]]:
    """Clock and stopwatch times as their parts (4:41.30 → 4, 41.3; 11:35 pm → 23, 35; Thai 22.00 น. → 22, 0)."""
    found: list[Quantity] = []
    spans: list[tuple[int, int]] = []
    clocks = list(_CLOCK.finditer(text))
    for k, m in enumerate(clocks):
        hour = float(m.group(1))
        meridiem = m.group(5)
        if not meridiem and k + 1 < len(clocks) and re.fullmatch(r"\s*(?:[-–]|to)\s*", text[m.end() : clocks[k + 1].start()]):
            meridiem = clocks[k + 1].group(5)  # 10:00-11:00 pm
        if meridiem and meridiem.lower() == "p" and hour < 12:
            hour += 12
        parts = [hour, float(m.group(2) + (m.group(4) or "") if not m.group(3) else m.group(2))]
        if m.group(3):
            parts.append(float(m.group(3) + (m.group(4) or "")))
        found += [Quantity(v, m.group()) for v in parts]
        spans.append(m.span())
    if thai:
        for m in _THAI_TIME.finditer(text):
            if not any(s <= m.start() < e for s, e in spans):
                found += [Quantity(float(m.group(1)), m.group()), Quantity(float(m.group(2)), m.group())]
                spans.append(m.span())
    return found, spans


def _starts_longer_word(after: str, scale: str) -> bool:
    """พันธมิตร starts with พัน but is not a thousand: the scale word must be a token of its own."""
    tokens = [t for t in thai_words(after) if t.strip()]
    return not tokens or not (tokens[0] == scale or scale.startswith(tokens[0]) or tokens[0] in THAI_SCALES)


_EN_NUMBER_WORD = re.compile(r"\b(" + "|".join(sorted(list(_ENGLISH_WORDS) + list(_ENGLISH_ORDINALS), key=len, reverse=True))
                             + r")\b", re.IGNORECASE)


def english_quantities(text: str) -> list[Quantity]:
    found, times = _clock_times(text, thai=False)
    for m in _MILITARY_TIME.finditer(text):
        found += [Quantity(float(m.group(1)), m.group()), Quantity(float(m.group(2)), m.group())]
        times.append(m.span())
    for m in _DECADE.finditer(text):
        found.append(Quantity(float(m.group(1) + m.group(2)), m.group(), year=True, alts=(float(m.group(2)),)))
        times.append(m.span())
    for m in _NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in times):
            continue
        value = _value(m.group())
        after = text[m.end() : m.end() + 12].lower()
        after = re.sub(r"^(st|nd|rd|th)\b", "", after).lstrip()
        scale = next((s for s in ENGLISH_SCALES if re.match(rf"{s}\b", after)), None)
        if scale:
            found.append(Quantity(value * ENGLISH_SCALES[scale], f"{m.group()} {scale}"))
        else:
            year = 1000 <= value <= 2100 and "," not in m.group() and "." not in m.group()
            found.append(Quantity(value, m.group(), year=year))
    for m in _EN_NUMBER_WORD.finditer(text):
        word = m.group().lower()
        value = _ENGLISH_WORDS.get(word, _ENGLISH_ORDINALS.get(word, 0))
        after = text[m.end() : m.end() + 12].lower().lstrip()
        scale = next((s for s in ENGLISH_SCALES if re.match(rf"{s}\b", after)), None)
        found.append(Quantity(float(value) * (ENGLISH_SCALES[scale] if scale else 1), m.group(), digits=False))
    return found


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1.0)


def unmatched(th: list[Quantity], en: list[Quantity]) -> tuple[list[Quantity], list[Quantity]]:
    """Pair values across the sides (multiset matching); what is left has no partner."""
    left = [q for q in en if q.digits or q.value not in (0.0, 1.0)]
    alone_th: list[Quantity] = []
    for q in th:
        if not q.digits and q.value in (0.0, 1.0):
            continue
        partner = next((e for e in left if any(_same(a, b) for a in (q.value, *q.alts) for b in (e.value, *e.alts))), None)
        if partner is None:
            alone_th.append(q)
        else:
            left.remove(partner)
    return alone_th, left


def _describe(q: Quantity, side: str) -> str:
    if side == "th" and q.year:
        return f"{q.text} (BE {q.value + 543:g} = {q.value:g} CE)" if ascii_digits(q.text) != f"{q.value:g}" else q.text
    return q.text if f"{q.value:g}" == q.text.replace(",", "") else f"{q.text} (= {q.value:,.10g})"


def check_numbers(result: AlignmentResult, context: CheckContext) -> list[Flag]:
    """Compare each pair's numbers; a value left over in one pair and its counterpart left over in the next
    pair (content that crosses a bead boundary) are compared together, so a crossing does not hide an error."""
    pairs = [(index, thai_quantities(th), english_quantities(en)) for index, th, en in pair_beads(result)]
    leftovers = [(index, *unmatched(th, en)) for index, th, en in pairs]
    flags: list[Flag] = []
    for k, (index, alone_th, alone_en) in enumerate(leftovers):
        if not alone_th and not alone_en:
            continue
        if k + 1 < len(leftovers) and bool(alone_th) != bool(alone_en):
            nxt = leftovers[k + 1]
            if nxt[0] == index + 1 and bool(nxt[1]) != bool(nxt[2]) and bool(alone_th) != bool(nxt[1]):
                alone_th, alone_en = unmatched(pairs[k][1] + pairs[k + 1][1], pairs[k][2] + pairs[k + 1][2])
                index = index if any(q in pairs[k][1] for q in alone_th) else nxt[0]
        flags += _substitutions(index, alone_th, alone_en)
    return flags


def _substitutions(index: int, alone_th: list[Quantity], alone_en: list[Quantity]) -> list[Flag]:
    flags = []
    years_th = [q for q in alone_th if q.year]
    years_en = [q for q in alone_en if q.year]
    if years_th and years_en:
        flags.append(Flag("year", "error", index,
                          f"year differs: Thai {', '.join(_describe(q, 'th') for q in years_th)}; "
                          f"English {', '.join(q.text for q in years_en)}",
                          th_span=years_th[0].text, en_span=years_en[0].text))
    others_th = [q for q in alone_th if not (q.year and years_en)]
    others_en = [q for q in alone_en if not (q.year and years_th)]
    if others_th and others_en and any(q.digits for q in others_th + others_en):
        flags.append(Flag("number", "error", index,
                          f"number differs: Thai {', '.join(_describe(q, 'th') for q in others_th)}; "
                          f"English {', '.join(_describe(q, 'en') for q in others_en)}",
                          th_span=others_th[0].text, en_span=others_en[0].text))
    return flags


def months(text: str, side: str) -> set[int]:
    if side == "th":
        return {v for name, v in THAI_MONTHS.items() if name in text}
    return {v for name, v in ENGLISH_MONTHS.items() if re.search(rf"\b{name}\b", text, re.IGNORECASE)
            and not (name == "may" and not re.search(r"\bMay\b", text))}


def check_dates(result: AlignmentResult, context: CheckContext) -> list[Flag]:
    """Thai month names against English ones (May is counted only when capitalised: 'may' is a verb)."""
    flags = []
    names = {v: k for k, v in ENGLISH_MONTHS.items()}
    for index, th_text, en_text in pair_beads(result):
        th_m, en_m = months(th_text, "th"), months(en_text, "en")
        if th_m and en_m and th_m != en_m:
            flags.append(Flag("date", "error", index,
                              f"month differs: Thai {', '.join(names[m].title() for m in sorted(th_m - en_m))}; "
                              f"English {', '.join(names[m].title() for m in sorted(en_m - th_m))}"))
    return flags

