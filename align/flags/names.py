"""Names: places and glossary terms must correspond across the pair.

A gazetteer place in the Thai (เชียงใหม่) that the English does not name, while the English names
another place the Thai does not (Shanghai), is a substituted name. Latin-script names quoted inside the
Thai (Gu Haidong) must appear in the English. Terms of a user glossary must be translated as agreed.
"""

from __future__ import annotations

import re

from thalign.flags.base import CheckContext, pair_beads
from thalign.flags.glossary import Term, english_has, english_terms_in, gazetteer, read_glossary, thai_terms_in
from thalign.types import AlignmentResult, Flag

_LATIN_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+\b")


def check_names(result: AlignmentResult, context: CheckContext) -> list[Flag]:
    places = gazetteer()
    user = tuple(read_glossary(context.config.glossary)) if context.config.glossary else ()
    flags = []
    for index, th_text, en_text in pair_beads(result):
        found = thai_terms_in(th_text, places)
        missing = [t for t in found if not english_has(en_text, t.english)]
        present_th = {t.thai for t in found}
        extra = [(t, hit) for t, hit in english_terms_in(en_text, places)
                 if t.thai not in present_th and not any(hit in m.english for m in found)]
        if missing:
            th_names = ", ".join(f"{t.thai} ({t.english[0]})" for t in missing)
            if extra:
                en_names = ", ".join(dict.fromkeys(hit for _, hit in extra))
                flags.append(Flag("name", "error", index, f"place differs: Thai {th_names}; English {en_names}",
                                  th_span=missing[0].thai, en_span=extra[0][1]))
            else:
                flags.append(Flag("name", "warning", index, f"place not in the English: Thai {th_names}",
                                  th_span=missing[0].thai))
        for name in _LATIN_NAME.findall(th_text):
            if name.lower() not in en_text.lower():
                flags.append(Flag("name", "warning", index, f"name in the Thai is missing from the English: {name}",
                                  th_span=name))
        for term in thai_terms_in(th_text, user) if user else []:
            if not english_has(en_text, term.english):
                flags.append(Flag("glossary", "warning", index,
                                  f"glossary: {term.thai} should be translated as {' / '.join(term.english)}",
                                  th_span=term.thai))
    return flags


__all__ = ["Term", "check_names"]
