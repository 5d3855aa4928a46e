"""XLIFF 2.1 bilingual file, for reviewing an alignment in a CAT tool.

One ``<unit>`` per translation unit (bead or paragraph pair, as ``tmx_units`` says), one ``<segment>``
in it; source and target follow ``tmx_source``. The bead's confidence and ids go in the Metadata module
(``mda:``), flags in ``<notes>``; a paired unit is ``state="translated"``, a one-sided one (only with
``tmx_keep_unaligned``) ``initial``, and a unit translated in another (a line broken mid-sentence) has
an empty ``<target>``. The output validates against the OASIS core schema (a test, when ``make setup``
fetched it); ``check_xliff`` tests the structure that schema requires with no schema at hand.
"""

from __future__ import annotations

from lxml import etree

from thalign.config import AlignConfig
from thalign.types import AlignmentResult
from thalign.write.records import translation_units
from thalign.write.tmx import _clean, _lang, _sides

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
"""XLIFF 2.1 keeps the 2.0 core namespace; ``version="2.1"`` tells them apart."""
MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"
_PRIORITY = {"error": "1", "warning": "3", "info": "7"}


def format_xliff(result: AlignmentResult, config: AlignConfig) -> bytes:
    source, target = _sides(config)
    root = etree.Element(f"{{{XLIFF_NS}}}xliff", {"version": "2.1", "srcLang": _lang(config, source),
                                                 "trgLang": _lang(config, target)}, nsmap={None: XLIFF_NS, "mda": MDA_NS})  # type: ignore[dict-item]  # None = default ns; lxml-stubs lacks it
    file = etree.SubElement(root, _q("file"), id="f1")
    _metadata(file, {"signature": result.signature})
    for unit in translation_units(result, config):
        element = etree.SubElement(file, _q("unit"), id=f"u{unit.uid}", type=f"thalign:{unit.segtype}")
        _metadata(element, {"score": f"{unit.confidence:.4f}", "bead": unit.kind,
                            "th-ids": ",".join(map(str, unit.th_ids)), "en-ids": ",".join(map(str, unit.en_ids)),
                            "translated-in": unit.translated_in and f"u{unit.translated_in}"})
        if unit.flags:
            notes = etree.SubElement(element, _q("notes"))
            for flag in unit.flags:
                note = etree.SubElement(notes, _q("note"), category=flag.kind, priority=_PRIORITY[flag.severity])
                note.text = _clean(flag.evidence)
        texts = {"th": unit.th, "en": unit.en}
        segment = etree.SubElement(element, _q("segment"), id=f"s{unit.uid}",
                                   state="translated" if (unit.th and unit.en) or unit.translated_in else "initial")
        etree.SubElement(segment, _q("source")).text = _clean(texts[source])
        if texts[target] or unit.translated_in:  # a tail whose translation is in another unit: empty target
            etree.SubElement(segment, _q("target")).text = _clean(texts[target])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _q(name: str) -> str:
    return f"{{{XLIFF_NS}}}{name}"


def _metadata(parent: etree._Element, values: dict[str, str]) -> None:
    """``<mda:metadata>`` with one ``thalign`` group; empty values are left out (no empty elements)."""
    group = etree.SubElement(etree.SubElement(parent, f"{{{MDA_NS}}}metadata"), f"{{{MDA_NS}}}metaGroup",
                             category="thalign")
    for kind, value in values.items():
        if value:
            etree.SubElement(group, f"{{{MDA_NS}}}meta", type=kind).text = _clean(value)


_UNIT_ORDER = [f"{{{MDA_NS}}}metadata", _q("notes"), _q("segment")]


def check_xliff(data: bytes) -> list[str]:
    """What the XLIFF 2.1 core schema requires of our files that we can check without it (empty when fine):
    root, version and languages; unique file/unit/segment ids; in each unit the module metadata, then
    notes, then segments; every segment with one source and at most one target; note priorities 1–10."""
    problems: list[str] = []
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    if root.tag != _q("xliff") or root.get("version") not in ("2.0", "2.1"):
        problems.append(f"root is {root.tag} version {root.get('version')}, not XLIFF 2.x")
    if not root.get("srcLang"):
        problems.append("xliff has no srcLang")
    files = root.findall(_q("file"))
    if not files:
        problems.append("no <file>")
    ids: set[str] = set()
    for element in root.iter(_q("file"), _q("unit")):
        key = f"{etree.QName(element).localname}:{element.get('id')}"
        if not element.get("id") or key in ids:
            problems.append(f"missing or repeated id {key}")
        ids.add(key)
    for unit in root.iter(_q("unit")):
        order = [_UNIT_ORDER.index(c.tag) if c.tag in _UNIT_ORDER else -1 for c in unit]
        if -1 in order or order != sorted(order) or _q("segment") not in [c.tag for c in unit]:
            problems.append(f"unit {unit.get('id')}: children {[etree.QName(c).localname for c in unit]}")
        for segment in unit.iter(_q("segment")):
            kids = [etree.QName(c).localname for c in segment]
            if kids not in (["source"], ["source", "target"]):
                problems.append(f"unit {unit.get('id')}: segment holds {kids}")
        for note in unit.iter(_q("note")):
            if not 1 <= int(note.get("priority", "1")) <= 10:
                problems.append(f"unit {unit.get('id')}: note priority {note.get('priority')}")
    return problems
