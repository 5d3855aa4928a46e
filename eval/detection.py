"""Detection benchmark: FLORES long documents with injected translation errors and gold labels.

Each variant injects one kind of error into about ``RATE`` of the eligible pairs of every document,
then the full pipeline (embed → align → flag) runs on the sentence lists. A gold label is found when a
flag of its kind lands on the bead that holds the injected sentence. Every variant, the clean one too,
writes some Thai years in the Buddhist Era (พ.ศ. CE+543, sometimes in Thai digits), as Thai documents do,
so BE handling is tested on correct text as well.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from eval.data import ParallelDoc
from eval.score import prf
from thalign._util.text import TO_THAI_DIGITS, ascii_digits
from thalign.config import AlignConfig
from thalign.embed import Embedder
from thalign.flags.base import CheckContext
from thalign.flags.currency import english_currencies, thai_currencies
from thalign.flags.glossary import english_terms_in, gazetteer, thai_terms_in
from thalign.flags.numbers import english_quantities, thai_quantities, unmatched
from thalign.pipeline import align_sentences
from thalign.types import AlignmentResult, Flag, Sentence

RATE = 0.3
ACCEPT = {"meaning": {"meaning", "omission", "addition"}, "addition": {"addition", "omission"}}
"""A replaced sentence may also surface as an omission plus an addition; an inserted sentence on either side."""


@dataclass
class Injected:
    th: list[str]
    en: list[str]
    labels: list[tuple[str, str, int]] = field(default_factory=list)
    """(kind, side, sentence index) of each injected error."""


def _be_years(th: str, en: str, rng: np.random.Generator) -> str:
    """Write Thai CE years that match the English as BE (พ.ศ.), half the time in Thai digits."""
    for m in list(re.finditer(r"(?<!\d)(1[89]\d\d|20\d\d)(?![\ds])", th))[::-1]:
        if re.search(rf"\b{m.group()}\b(?!s)", en) and rng.random() < 0.5:
            be = str(int(m.group()) + 543)
            be = be.translate(TO_THAI_DIGITS) if rng.random() < 0.5 else be
            prefix = "" if th[max(0, m.start() - 4) : m.start()].strip().endswith(("ปี", "พ.ศ.")) else "พ.ศ. "
            th = th[: m.start()] + prefix + be + th[m.end() :]
    return th


def base(doc: ParallelDoc, rng: np.random.Generator) -> Injected:
    return Injected([_be_years(t, e, rng) for t, e in zip(doc.th, doc.en)], list(doc.en))


def inject_number(case: Injected, rng: np.random.Generator, pool: list[ParallelDoc]) -> None:
    for i, (th, en) in enumerate(zip(case.th, case.en)):
        quantities = [q for q in english_quantities(en) if q.digits and not q.year and q.value >= 2]
        matched = [q for q in quantities if not any(abs(t.value - q.value) < 1e-9 for t in unmatched(thai_quantities(th), [q])[1])]
        if not matched or rng.random() > RATE:
            continue
        q = matched[int(rng.integers(len(matched)))]
        digits = re.search(re.escape(q.text.split()[0]), en)
        if not digits:
            continue
        old = digits.group()
        new = re.sub(r"\d(?=\D*$)", lambda d: str((int(d.group()) + int(rng.integers(1, 9))) % 10), old)
        if new == old:
            continue
        case.en[i] = en[: digits.start()] + new + en[digits.end() :]
        case.labels.append(("number", "th", i))


def inject_year(case: Injected, rng: np.random.Generator, pool: list[ParallelDoc]) -> None:
    for i, th in enumerate(case.th):
        m = re.search(r"(พ\.ศ\.\s*|ปี\s*)([0-9๐-๙]{4})", th)
        if not m or rng.random() > RATE * 2:
            continue
        value = int(ascii_digits(m.group(2)))
        if not 2300 <= value <= 2700:
            value += 543
        wrong = str(value + int(rng.choice([-2, -1, 1, 2])))
        case.th[i] = th[: m.start(2)] + wrong + th[m.end(2) :]
        case.labels.append(("year", "th", i))


CURRENCY_SWAPS = {"บาท": "หยวน", "หยวน": "บาท", "ดอลลาร์": "ยูโร", "ดอลลาร์สหรัฐ": "เยน", "ยูโร": "ดอลลาร์", "เยน": "บาท",
                  "ปอนด์": "ยูโร"}
CARRIERS = [("บาท", "baht"), ("ดอลลาร์", "dollars"), ("หยวน", "yuan"), ("ยูโร", "euros")]


def inject_currency(case: Injected, rng: np.random.Generator, pool: list[ParallelDoc]) -> None:
    """Swap the Thai currency word of a pair that names one; pairs with an amount but no currency get
    one first (Thai and English alike, so the correct form is clean), then half of those are swapped."""
    for i, (th, en) in enumerate(zip(case.th, case.en)):
        th_cur, en_cur = thai_currencies(th), english_currencies(en)
        if th_cur and set(th_cur) == set(en_cur):
            word = next(iter(th_cur.values()))
            if word in CURRENCY_SWAPS and rng.random() < 0.8:
                case.th[i] = th.replace(word, CURRENCY_SWAPS[word], 1)
                case.labels.append(("currency", "th", i))
            continue
        if th_cur or en_cur or rng.random() > RATE:
            continue
        amount = next((q for q in english_quantities(en) if q.digits and not q.year and q.value >= 2), None)
        th_amount = next((q for q in thai_quantities(th) if amount and abs(q.value - amount.value) < 1e-9), None)
        en_at = re.search(rf"(?<![\w.,]){re.escape(amount.text)}(?![\w.,])", en) if amount else None
        th_at = re.search(rf"(?<![\w.,]){re.escape(th_amount.text)}(?=\s)", th) if th_amount else None
        if not en_at or not th_at:
            continue
        thai_word, english_word = CARRIERS[int(rng.integers(len(CARRIERS)))]
        swap = rng.random() < 0.5
        written = CURRENCY_SWAPS[thai_word] if swap else thai_word
        case.th[i] = th[: th_at.end()] + f" {written}" + th[th_at.end() :]
        case.en[i] = en[: en_at.end()] + f" {english_word}" + en[en_at.end() :]
        if swap:
            case.labels.append(("currency", "th", i))


def inject_city(case: Injected, rng: np.random.Generator, pool: list[ParallelDoc]) -> None:
    places = gazetteer()
    for i, (th, en) in enumerate(zip(case.th, case.en)):
        shared = [t for t in thai_terms_in(th, places) if any(hit in t.english for _, hit in english_terms_in(en, (t,)))]
        if not shared or rng.random() > 0.8:
            continue
        term = shared[int(rng.integers(len(shared)))]
        others = [p for p in places if p.thai != term.thai and p.english[0] not in en and p.thai not in th
                  and not set(p.english) & set(term.english)]
        other = others[int(rng.integers(len(others)))]
        case.th[i] = th.replace(term.thai, other.thai, 1)
        case.labels.append(("name", "th", i))


def inject_dropped_clause(case: Injected, rng: np.random.Generator, pool: list[ParallelDoc]) -> None:
    for i, en in enumerate(case.en):
        commas = [m.start() for m in re.finditer(r", ", en) if 0.3 * len(en) < m.start() < 0.7 * len(en)]
        if not commas or len(en) < 60 or rng.random() > RATE:
            continue
        case.en[i] = en[: commas[-1]].rstrip() + "."
        case.labels.append(("partial", "th", i))


def _foreign(pool: list[ParallelDoc], case: Injected, rng: np.random.Generator) -> tuple[str, str]:
    while True:
        doc = pool[int(rng.integers(len(pool)))]
        k = int(rng.integers(len(doc.th)))
        if doc.en[k] not in case.en:
            return doc.th[k], doc.en[k]


def inject_added(case: Injected, rng: np.random.Generator, pool: list[ParallelDoc]) -> None:
    """A foreign sentence inserted on one side (an addition in the English, an omission from it in the Thai)."""
    th, en, labels = [], [], []
    for t, e in zip(case.th, case.en):
        th.append(t)
        en.append(e)
        if rng.random() < RATE / 3:
            f_th, f_en = _foreign(pool, case, rng)
            if rng.random() < 0.5:
                en.append(f_en)
                labels.append(("addition", "en", len(en) - 1))
            else:
                th.append(f_th)
                labels.append(("omission", "th", len(th) - 1))
    case.th, case.en, case.labels = th, en, labels


def inject_replaced(case: Injected, rng: np.random.Generator, pool: list[ParallelDoc]) -> None:
    for i in range(len(case.en)):
        if rng.random() < RATE / 3:
            case.en[i] = _foreign(pool, case, rng)[1]
            case.labels.append(("meaning", "th", i))


INJECTORS: dict[str, Callable[[Injected, np.random.Generator, list[ParallelDoc]], None] | None] = {
    "clean": None, "number": inject_number, "year": inject_year, "currency": inject_currency,
    "name": inject_city, "partial": inject_dropped_clause, "added": inject_added, "replaced": inject_replaced,
}


def run(docs: list[ParallelDoc], pool: list[ParallelDoc], embedder: Embedder, seed: int = 11) -> dict[str, Any]:
    config = AlignConfig(segmented=True)
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    clean_pairs = clean_flagged = 0
    clean_kinds: dict[str, int] = defaultdict(int)
    injected_counts: dict[str, int] = defaultdict(int)
    for variant, injector in INJECTORS.items():
        rng = np.random.default_rng(seed)
        for doc in docs:
            case = base(doc, rng)
            if injector:
                injector(case, rng, pool)
            result = align_sentences(_sentences(case.th), _sentences(case.en), config, embedder=embedder)
            if variant == "clean":
                flagged = {f.bead for f in result.flags}
                clean_pairs += len(result.beads)
                clean_flagged += len(flagged)
                for f in result.flags:
                    clean_kinds[f.kind] += 1
                continue
            where = {}
            for index, bead in enumerate(result.beads):
                for i in bead.th:
                    where[("th", i)] = index
                for j in bead.en:
                    where[("en", j)] = index
            gold_beads: dict[str, set[int]] = defaultdict(set)
            for kind, side, idx in case.labels:
                gold_beads[kind].add(where[(side, idx)])
                injected_counts[kind] += 1
            for kind in gold_beads:
                accepted = ACCEPT.get(kind, {kind})
                hit = {f.bead for f in result.flags if f.kind in accepted}
                per_kind[kind][0] += len(gold_beads[kind] & hit)
                per_kind[kind][2] += len(gold_beads[kind] - hit)
                if kind not in ACCEPT:  # precision: flags of this kind that hit no injected error of this kind
                    per_kind[kind][1] += len({f.bead for f in result.flags if f.kind == kind} - gold_beads[kind])
            for kind in ACCEPT:
                if kind in gold_beads:
                    per_kind[kind][1] += len({f.bead for f in result.flags if f.kind == kind} - gold_beads[kind])
    rows = {kind: {"injected": injected_counts[kind], **prf(*counts)} for kind, counts in sorted(per_kind.items())}
    return {"kinds": rows, "clean": {"pairs": clean_pairs, "flagged_pairs": clean_flagged,
                                     "false_flag_rate": clean_flagged / max(clean_pairs, 1), "by_kind": dict(clean_kinds)}}


def _sentences(texts: list[str]) -> list[Sentence]:
    return [Sentence(t, 0, len(t), i) for i, t in enumerate(texts)]


# Word-level injections for the ``term`` check: gold pairs (correct by construction) in which one Thai word that
# has a confident English counterpart is replaced by a word from elsewhere in the corpus, dropped, or (for a
# name) replaced by another name's transliteration. Scored per bead: a ``term`` flag on the injected pair.

WORD_KINDS = ("noun", "dropped", "name")
COUNTERPART = 0.6
"""An injection target must be the itermax partner of an English content word at this cosine or above."""
COST_SAMPLE = 200
"""Pairs timed with no embedding cache (model loaded), for the cost in s per 1,000 beads."""


@dataclass
class WordCase:
    th: str
    en: str
    kind: str = "clean"
    en_word: str = ""
    """The English word whose Thai counterpart was replaced or dropped."""
    th_word: str = ""
    """The Thai word put in its place (empty when dropped)."""


def _targets(th: str, en: str, vectors: dict[str, np.ndarray]) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(Thai token index, English word) of single Thai content tokens aligned to an English content word:
    Thai nouns (pythainlp's perceptron tagger trained on UD Thai-TUD, not ORCHID) for common words, and
    tokens aligned to a capitalised English word that does not start the sentence for names."""
    from pythainlp.tag import pos_tag

    from thalign.flags import term

    words = term.bead_words(th, en, ())
    if not words.spans or not words.en:
        return [], []
    tags = [tag for _, tag in pos_tag([t.text for t in words.tokens], corpus="tud")]
    sim = np.stack([vectors[w.text] for w in words.en]) @ np.stack([vectors[s] for _, _, s in words.spans]).T
    nouns: list[tuple[int, str]] = []
    names: list[tuple[int, str]] = []
    for i, j in term.itermax(sim):
        a, b, text = words.spans[j]
        w = words.en[i].text
        if b - a != 1 or sim[i, j] < COUNTERPART or not term.thai_content(text) or not term.english_content(w):
            continue
        if w[0].isupper() and i > 0:
            names.append((a, w))
        elif tags[a] == "NOUN":
            nouns.append((a, w))
    return nouns, names


def _draw(seed: int, *key: object) -> float:
    """A number in [0, 1) fixed by the seed and the key alone (not by what else was drawn before)."""
    digest = hashlib.sha1("|".join(map(str, (seed, *key))).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def word_cases(pairs: list[tuple[str, str]], vectors: dict[str, np.ndarray], seed: int) -> list[WordCase]:
    """Half of the eligible pairs of each kind get one injected word; the replacements come from other pairs.

    Every choice is drawn by hashing the seed with the pair, kind and word (``_draw``; the replacement is the
    candidate word of lowest draw), so a pair's case depends only on that pair and the replacement pool: the
    word vectors differ across embedding-cache histories by ~3e-7 (batch composition), which can flip one
    pair's target near ``COUNTERPART``, and a shared random stream would then re-draw every later case (216
    of FLORES's 1,166 differed between a warm and a cold cache)."""
    from thalign.flags.tokens import thai_tokens

    targets = [_targets(th, en, vectors) for th, en in pairs]
    tokens = [thai_tokens(th) for th, _ in pairs]
    vocab = {"noun": sorted({tokens[p][a].text for p, (n, _) in enumerate(targets) for a, _ in n}),
             "name": sorted({tokens[p][a].text for p, (_, m) in enumerate(targets) for a, _ in m})}
    cases = []
    for kind in WORD_KINDS:
        for p, (th, en) in enumerate(pairs):
            nouns, names = targets[p]
            pool = names if kind == "name" else nouns
            if not pool or _draw(seed, kind, p) > 0.5:
                continue
            a, en_word = min(pool, key=lambda target: _draw(seed, kind, p, *target))
            words = [t.text for t in tokens[p]]
            if kind == "dropped":
                words[a] = ""
            else:
                choices = [w for w in vocab[kind] if w not in th]
                if not choices:
                    continue
                words[a] = min(choices, key=lambda w: _draw(seed, kind, p, w))
            cases.append(WordCase("".join(words), en, kind, en_word, words[a]))
    return cases


def run_words(corpora: dict[str, list[tuple[str, str]]], embedder: Embedder, seed: int = 11,
              other_seeds: Sequence[int] = ()) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A row per corpus and kind: recall and precision of ``term`` on injected pairs, the share of clean pairs
    flagged, and the cost of the check in seconds per 1,000 beads (clean pass, embeddings not cached); then each
    kind's recall on the draws of ``seed`` and ``other_seeds`` (the benchmark's sampling spread; the clean pass and
    the cost are the same for every draw, so they are measured once)."""
    import time

    from thalign.embed.cache import CachedEmbedder
    from thalign.flags import term

    rows, spread = [], []
    for corpus, pairs in corpora.items():
        sample = pairs[:COST_SAMPLE]
        started = time.time()
        _term_flags(sample, CachedEmbedder(getattr(embedder, "inner", embedder)))  # cold: the cost a user pays
        seconds = time.time() - started
        clean = _term_and_name_flags(pairs, embedder)
        rows.append({"corpus": corpus, "kind": "clean", "pairs": len(pairs), "flagged": len(clean[0]),
                     "flagged_share": len(clean[0]) / max(len(pairs), 1), "s_per_1000": 1000 * seconds / len(sample),
                     "cost_sample": len(sample)})
        vectors = term.embed_words([term.bead_words(th, en, ()) for th, en in pairs], embedder)
        draws = [_injected_rows(corpus, pairs, word_cases(pairs, vectors, s), clean, embedder)
                 for s in (seed, *other_seeds)]
        rows += draws[0]
        spread += [{"corpus": corpus, "kind": row["kind"], "recalls": [d[k]["recall"] for d in draws]}
                   for k, row in enumerate(draws[0]) if "recall" in row]
    return rows, spread


def _injected_rows(corpus: str, pairs: list[tuple[str, str]], cases: list[WordCase], clean: Flags,
                   embedder: Embedder) -> list[dict[str, Any]]:
    """Recall and precision per injected kind, then the "term or name" rows, for one draw of ``cases``."""
    flagged = _term_and_name_flags([(c.th, c.en) for c in cases], embedder)
    rows = []
    for kind in WORD_KINDS:
        idx = [k for k, c in enumerate(cases) if c.kind == kind]
        tp = sum(1 for k in idx if _names_the_word(flagged[0].get(k), cases[k]))
        # precision: a flag on an injected pair counts as right when it names the affected word; flags on
        # clean pairs are the false positives, at the clean pass's rate
        fp_rate = len(clean[0]) / max(len(pairs), 1)
        precision = tp / max(tp + fp_rate * len(idx), 1e-9)
        rows.append({"corpus": corpus, "kind": kind, "injected": len(idx), "found": tp,
                     "recall": tp / max(len(idx), 1), "precision": precision})
    return rows + _names_by_either_check(corpus, len(pairs), cases, clean, flagged)


Flags = tuple[dict[int, Flag], dict[int, list[Flag]]]
"""One pass of the term and name checks: the term flag of each flagged pair, and its name flags."""


def _term_and_name_flags(pairs: list[tuple[str, str]], embedder: Embedder) -> Flags:
    """Both checks over one 1-1 alignment of the pairs (each pair encoded once)."""
    from thalign.flags.names import check_names
    from thalign.flags.term import check_terms

    context = one_to_one(pairs, embedder)
    names: dict[int, list[Flag]] = defaultdict(list)
    for f in check_names(*context):
        names[f.bead].append(f)
    return {f.bead: f for f in check_terms(*context)}, names


def _names_by_either_check(corpus: str, n_pairs: int, cases: list[WordCase], clean: Flags,
                           flagged: Flags) -> list[dict[str, Any]]:
    """What a user sees for a replaced name: the term check leaves a place the Thai replaced by another place to
    the name check ("place differs"), so a name case also counts as found when a ``name`` flag on the pair names
    the English word or the Thai word put in; the clean share then counts pairs either check flags."""
    idx = [k for k, c in enumerate(cases) if c.kind == "name"]
    tp = sum(1 for k in idx if _names_the_word(flagged[0].get(k), cases[k]) or any(
        cases[k].en_word == f.en_span or cases[k].th_word == f.th_span for f in flagged[1].get(k, [])))
    share = len(set(clean[0]) | set(clean[1])) / max(n_pairs, 1)
    return [{"corpus": corpus, "kind": "clean, term or name", "pairs": n_pairs, "flagged_share": share},
            {"corpus": corpus, "kind": "name, term or name", "injected": len(idx), "found": tp,
             "recall": tp / max(len(idx), 1), "precision": tp / max(tp + share * len(idx), 1e-9)}]


def _names_the_word(flag: Flag | None, case: WordCase) -> bool:
    """A hit is a flag on the injected pair whose evidence names the English word that lost its counterpart
    or the Thai word put in its place, not just any flag on the pair."""
    return flag is not None and (case.en_word in flag.en_words or bool(case.th_word and case.th_word in flag.th_words))


def one_to_one(pairs: list[tuple[str, str]], embedder: Embedder) -> tuple[AlignmentResult, CheckContext]:
    """The pairs as an alignment of 1-1 beads (bead i = pair i) and the checks' context, as the pipeline would
    hand them to a check."""
    from thalign.types import Bead

    th_vecs = embedder.encode([th for th, _ in pairs])
    en_vecs = embedder.encode([en for _, en in pairs])
    result = AlignmentResult(_sentences([th for th, _ in pairs]), _sentences([en for _, en in pairs]),
                             [Bead((i,), (i,), 1.0) for i in range(len(pairs))])
    return result, CheckContext(AlignConfig(segmented=True), th_vecs, en_vecs, embedder)


def _term_flags(pairs: list[tuple[str, str]], embedder: Embedder) -> dict[int, Flag]:
    """The ``term`` flag of each pair the check flags, by pair index, each pair checked as a correct 1-1 bead."""
    from thalign.flags.term import check_terms

    return {f.bead: f for f in check_terms(*one_to_one(pairs, embedder))}
