"""TMX 1.4 for translators and CAT tools; validates against the DTD shipped beside this file.

Each bead is a ``<tu>`` with ``x-score``, ``x-bead`` and sentence-id props; flags go in ``x-flags``
(machine-readable) and ``<note>`` (human-readable). Unaligned sentences are kept as one-sided
``<tu>``s with bead type 1-0 / 0-1, so nothing the input held disappears from the file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from lxml import etree

from align._version import __version__
from align.config import AlignConfig
from align.types import AlignmentResult

DTD_PATH = Path(__file__).with_name("tmx14.dtd")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    """XML 1.0 cannot carry control characters; they are replaced, never dropped silently (U+FFFD)."""
    return _XML_ILLEGAL.sub("\ufffd", text)


def _prop(parent: etree._Element, kind: str, value: str) -> None:
    etree.SubElement(parent, "prop", type=kind).text = _clean(value)


def format_tmx(result: AlignmentResult, config: AlignConfig) -> bytes:
    root = etree.Element("tmx", version="1.4")
    header = etree.SubElement(root, "header", {
        "creationtool": "thalign", "creationtoolversion": __version__, "segtype": "sentence",
        "o-tmf": "thalign", "adminlang": "en-US", "srclang": config.th_lang, "datatype": "plaintext",
    })
    # No creationdate: the same input and settings give the same bytes (reproducible batches).
    _prop(header, "x-signature", result.signature)
    body = etree.SubElement(root, "body")
    for index, bead in enumerate(result.beads):
        tu = etree.SubElement(body, "tu", tuid=str(index + 1))
        flags = result.flags_for(index)
        for flag in flags:
            etree.SubElement(tu, "note").text = _clean(f"{flag.severity}: {flag.kind}: {flag.evidence}")
        _prop(tu, "x-score", f"{bead.score:.4f}")
        _prop(tu, "x-bead", bead.kind)
        _prop(tu, "x-th-ids", ",".join(map(str, bead.th)))
        _prop(tu, "x-en-ids", ",".join(map(str, bead.en)))
        if flags:
            _prop(tu, "x-flags", json.dumps([{"kind": f.kind, "severity": f.severity} for f in flags]))
        for lang, side, ids in ((config.th_lang, "th", bead.th), (config.en_lang, "en", bead.en)):
            if ids:
                tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
                etree.SubElement(tuv, "seg").text = _clean(result.bead_text(bead, side))  # type: ignore[arg-type]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                          doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">')


def validate_tmx(data: bytes) -> list[str]:
    """DTD errors of a TMX document (empty list when valid)."""
    dtd = etree.DTD(str(DTD_PATH))
    doc = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    return [] if dtd.validate(doc) else [str(e) for e in dtd.error_log.filter_from_errors()]
