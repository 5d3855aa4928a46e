"""TMX 1.4 for translators and CAT tools; validates against the DTD shipped beside this file.

Each bead (or, with ``tmx_units``, each paragraph pair) is a ``<tu>`` with ``x-score``, ``x-bead`` and
sentence-id props; flags go in ``x-flags`` (machine-readable) and ``<note>`` (human-readable). The
``tmx_source`` side gives ``srclang`` and the first ``<tuv>``. Unaligned sentences are left out unless
``tmx_keep_unaligned`` (CAT tools warn on one-sided units); JSONL, TSV and HTML always keep them.
A paragraph unit whose translation sits in another unit (``x-translated-in``) has an empty target ``<seg>``:
OmegaT reads that as the empty translation a translator gives the tail of a sentence broken across lines.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from lxml import etree

from thalign._version import __version__
from thalign.config import AlignConfig
from thalign.types import AlignmentResult, Side
from thalign.write.records import translation_units

DTD_PATH = Path(__file__).with_name("tmx14.dtd")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    """XML 1.0 cannot carry control characters; they are replaced, never dropped silently (U+FFFD)."""
    return _XML_ILLEGAL.sub("\ufffd", text)


def _prop(parent: etree._Element, kind: str, value: str) -> None:
    etree.SubElement(parent, "prop", type=kind).text = _clean(value)


def format_tmx(result: AlignmentResult, config: AlignConfig) -> bytes:
    source, target = _sides(config)
    header = {
        "creationtool": "thalign", "creationtoolversion": __version__,
        "segtype": "sentence",
        "o-tmf": "thalign", "adminlang": "en-US", "srclang": _lang(config, source), "datatype": "plaintext",
    }
    if config.creation_epoch is not None:
        header["creationdate"] = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(config.creation_epoch))
    # Without a creation epoch there is no creationdate: the same input and settings give the same bytes.
    root = etree.Element("tmx", version="1.4")
    head = etree.SubElement(root, "header", header)
    _prop(head, "x-signature", result.signature)
    body = etree.SubElement(root, "body")
    for unit in translation_units(result, config):
        attrs = {"tuid": unit.uid} if unit.segtype == header["segtype"] else {"tuid": unit.uid, "segtype": unit.segtype}
        tu = etree.SubElement(body, "tu", attrs)
        for flag in unit.flags:
            etree.SubElement(tu, "note").text = _clean(f"{flag.severity}: {flag.kind}: {flag.evidence}")
        _prop(tu, "x-score", f"{unit.confidence:.4f}")
        _prop(tu, "x-bead", unit.kind)
        for kind, ids in (("x-th-ids", unit.th_ids), ("x-en-ids", unit.en_ids)):
            if ids:  # an empty <prop> is invalid to strict readers (python-tmx)
                _prop(tu, kind, ",".join(map(str, ids)))
        if unit.translated_in:
            _prop(tu, "x-translated-in", unit.translated_in)
        if unit.flags:
            _prop(tu, "x-flags", json.dumps([{"kind": f.kind, "severity": f.severity} for f in unit.flags]))
        for side in (source, target):
            if (unit.th_ids if side == "th" else unit.en_ids) or unit.translated_in:
                tuv = etree.SubElement(tu, "tuv", {XML_LANG: _lang(config, side)})
                etree.SubElement(tuv, "seg").text = _clean(unit.th if side == "th" else unit.en)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                          doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">')


def _sides(config: AlignConfig) -> tuple[Side, Side]:
    """(source, target) side: a CAT project checks the TMX's srclang against its own source language."""
    return ("en", "th") if config.tmx_source == "en" else ("th", "en")


def _lang(config: AlignConfig, side: Side) -> str:
    return config.th_lang if side == "th" else config.en_lang


def validate_tmx(data: bytes) -> list[str]:
    """DTD errors of a TMX document (empty list when valid)."""
    dtd = etree.DTD(str(DTD_PATH))
    doc = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    return [] if dtd.validate(doc) else [str(e) for e in dtd.error_log.filter_from_errors()]  # type: ignore[attr-defined]  # lxml-stubs lacks it
