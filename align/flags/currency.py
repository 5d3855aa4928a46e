"""Currencies: the currency of an amount must survive translation (บาท is not yuan).

Matched on word tokens, so บาทหลวง (a priest) is not baht and พันธมิตร is not a thousand.
"""

from __future__ import annotations

import re

from thalign.flags.base import CheckContext, pair_beads
from thalign.flags.tokens import thai_words
from thalign.types import AlignmentResult, Flag

THAI_CURRENCIES = {
    "บาท": "THB", "ดอลลาร์": "USD", "ดอลลาร์สหรัฐ": "USD", "ดอลล่าร์": "USD", "เหรียญสหรัฐ": "USD", "หยวน": "CNY",
    "เหรินหมินปี้": "CNY", "เยน": "JPY", "ยูโร": "EUR", "ปอนด์": "GBP", "วอน": "KRW", "ริงกิต": "MYR", "รูปี": "INR",
    "ดอง": "VND", "กีบ": "LAK", "เรียล": "KHR", "รูเบิล": "RUB", "ฟรังก์": "CHF",
}
ENGLISH_CURRENCIES = [
    (r"\bbaht\b|\bTHB\b|฿", "THB"),
    (r"\byuan\b|\brenminbi\b|\bRMB\b|\bCNY\b", "CNY"),
    (r"\byen\b|\bJPY\b|¥", "JPY"),
    (r"\beuros?\b|\bEUR\b|€", "EUR"),
    (r"\bpounds? sterling\b|\bGBP\b|£", "GBP"),
    (r"\d\s*(?:million |billion )?won\b|\bKRW\b", "KRW"),
    (r"\bringgit\b|\bMYR\b", "MYR"),
    (r"\brupees?\b|\bINR\b", "INR"),
    (r"\bdollars?\b|\bUSD\b|US\\?\$|\$", "USD"),
    (r"\broubles?\b|\brubles?\b|\bRUB\b", "RUB"),
]
"""English patterns; a bare $ is read as US dollars (a document-level default a glossary may change)."""


def thai_currencies(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for token in thai_words(text):
        if token in THAI_CURRENCIES:
            found.setdefault(THAI_CURRENCIES[token], token)
    return found


def english_currencies(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for pattern, code in ENGLISH_CURRENCIES:
        m = re.search(pattern, text, re.IGNORECASE if code not in ("GBP", "KRW") else 0)
        if m:
            found.setdefault(code, m.group())
    return found


def check_currency(result: AlignmentResult, context: CheckContext) -> list[Flag]:
    flags = []
    for index, th_text, en_text in pair_beads(result):
        th_cur, en_cur = thai_currencies(th_text), english_currencies(en_text)
        only_th = set(th_cur) - set(en_cur)
        only_en = set(en_cur) - set(th_cur)
        if (only_th and en_cur) or (only_en and th_cur):  # both name a currency, and not the same ones
            th_word = ", ".join(f"{th_cur[c]} ({c})" for c in sorted(only_th or th_cur))
            en_word = ", ".join(f"{en_cur[c]} ({c})" for c in sorted(only_en or en_cur))
            flags.append(Flag("currency", "error", index, f"currency differs: Thai {th_word}; English {en_word}",
                              th_span=th_cur[sorted(only_th or th_cur)[0]], en_span=en_cur[sorted(only_en or en_cur)[0]]))
    return flags
