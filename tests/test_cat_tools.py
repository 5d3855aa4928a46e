"""Output that CAT tools and TMX libraries accept: OmegaT headless, translate-toolkit, python-tmx, hypomnema, XLIFF 2.1."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import SEED_BILINGUAL, flores_documents
from thalign import AlignConfig, align_documents, align_files
from thalign.pipeline import segment_side
from thalign.read import read_pair
from thalign.segment.paragraphs import paragraphs
from thalign.write import write
from thalign.write.records import paragraph_units, translation_units
from thalign.write.tmx import format_tmx, validate_tmx
from thalign.write.xliff import XLIFF_NS, check_xliff, format_xliff

FAKE = AlignConfig(model="fake", keep_breaks=True, th_segmenter="crfcut")  # crfcut: fast, and it keeps the lines
DIRECTIONS = [  # (TMX source side, units): English->Thai projects by sentence, Thai->English by paragraph
    pytest.param({"tmx_source": "en", "tmx_units": "sentence"}, id="en-th-sentence"),
    pytest.param({"tmx_source": "th", "tmx_units": "paragraph"}, id="th-en-paragraph"),
]


@pytest.fixture(scope="module")
def fake_result():
    return align_files(SEED_BILINGUAL, config=FAKE)


def _tmx(result, **options) -> bytes:
    return format_tmx(result, dataclasses.replace(FAKE, **options))


@pytest.mark.parametrize("options", [o.values[0] for o in DIRECTIONS] + [{"tmx_units": "both", "tmx_keep_unaligned": True}])
def test_tmx_validates_and_has_no_empty_prop_or_seg(fake_result, options):
    """No empty prop; an empty seg only as the target of a unit translated in another (x-translated-in)."""
    data = _tmx(fake_result, **options)
    assert validate_tmx(data) == []
    root = etree.fromstring(data)
    assert all((p.text or "").strip() for p in root.iter("prop"))
    for tu in root.iter("tu"):
        segs = [(s.text or "").strip() for s in tu.iter("seg")]
        continued = tu.find("prop[@type='x-translated-in']") is not None
        assert segs[0] and (all(segs[1:]) or (continued and segs[1:] == [""]))


def test_a_tail_paragraph_points_to_the_unit_holding_its_translation(fake_result):
    """A paragraph whose sentences all sit in beads of another paragraph (a sentence broken across lines)
    gets an empty target and names that paragraph's unit; reading the targets in order gives every
    sentence of the other side exactly once."""
    for source, target in (("th", "en"), ("en", "th")):
        units = {u.uid: u for u in paragraph_units(fake_result, source)}
        tails = [u for u in units.values() if u.translated_in]
        assert source == "en" or tails  # the seed's Thai has sentences broken across lines
        for tail in tails:
            holder = units[tail.translated_in]
            assert not getattr(tail, f"{target}_ids") and getattr(holder, target)
            assert {k for k, b in enumerate(fake_result.beads) if set(getattr(b, source)) & set(getattr(tail, f"{source}_ids"))} \
                <= set(holder.beads)
        placed = [i for u in units.values() for i in getattr(u, f"{target}_ids")]
        assert sorted(placed) == list(range(len(getattr(fake_result, target))))


def test_tmx_source_side_gives_srclang_and_first_tuv(fake_result):
    root = etree.fromstring(_tmx(fake_result, tmx_source="en"))
    assert root.find("header").get("srclang") == "en-US"
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert {tu.find("tuv").get(lang) for tu in root.iter("tu")} == {"en-US"}


def test_unaligned_sentences_leave_the_tmx_but_stay_in_jsonl(fake_result, tmp_path):
    nulls = [b for b in fake_result.beads if not (b.th and b.en)]
    assert nulls  # the seed's Thai title has no English
    paired = etree.fromstring(_tmx(fake_result)).findall("body/tu")
    kept = etree.fromstring(_tmx(fake_result, tmx_keep_unaligned=True)).findall("body/tu")
    tails = len([tu for tu in paired if tu.find("prop[@type='x-translated-in']") is not None])  # see below
    assert len(paired) - tails == len(fake_result.beads) - len(nulls) and len(kept) - tails == len(fake_result.beads)
    write(fake_result, tmp_path / "out.jsonl", config=FAKE)
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 1 + len(fake_result.beads)


@pytest.mark.parametrize("source", ["th", "en"])
def test_every_empty_unit_names_a_unit_of_the_same_file(fake_result, source):
    for units in ("sentence", "paragraph", "both"):
        written = translation_units(fake_result, dataclasses.replace(FAKE, tmx_source=source, tmx_units=units))
        uids = {u.uid for u in written}
        assert len(uids) == len(written) and all(u.translated_in in uids for u in written if u.translated_in)


@pytest.mark.parametrize("source", ["th", "en"])
def test_a_bead_across_lines_gives_one_sentence_unit_per_line(fake_result, source):
    """A CAT tool never joins two lines into a segment: a bead whose source sentences sit on two lines is
    one unit per line, the longest carrying the translation and the others an empty one pointing to it."""
    units = translation_units(fake_result, dataclasses.replace(FAKE, tmx_source=source))
    sentences = fake_result.th if source == "th" else fake_result.en
    target = "en" if source == "th" else "th"
    assert all(len({sentences[i].paragraph for i in getattr(u, f"{source}_ids")}) == 1 for u in units)
    by_uid = {u.uid: u for u in units}
    tails = [u for u in units if u.translated_in]
    assert tails or source == "en"  # the fake alignment joins Thai sentences of two lines
    for tail in tails:
        holder = by_uid[tail.translated_in]
        assert not getattr(tail, target) and getattr(holder, target) and tail.beads == holder.beads and not tail.flags
        assert len(getattr(holder, source)) >= len(getattr(tail, source))
    paired = [k for k, b in enumerate(fake_result.beads) if b.th and b.en]
    assert sorted(u.beads[0] for u in units if not u.translated_in) == paired


def test_creationdate_only_from_an_epoch(fake_result):
    assert b"creationdate" not in _tmx(fake_result)
    data = _tmx(fake_result, creation_epoch=1_700_000_000)
    assert b'creationdate="20231114T221320Z"' in data and data == _tmx(fake_result, creation_epoch=1_700_000_000)


def test_source_date_epoch_reaches_the_tmx(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from thalign.cli import main

    out = tmp_path / "out.tmx"
    run = CliRunner(env={"SOURCE_DATE_EPOCH": "0"}).invoke(
        main, ["align", str(SEED_BILINGUAL), "-o", str(out), "--model", "fake", "-q", "--tmx-source", "en",
                  "--th-segmenter", "crfcut"])
    assert run.exit_code == 0, run.output
    assert b'creationdate="19700101T000000Z"' in out.read_bytes() and b'srclang="en-US"' in out.read_bytes()
    bad = CliRunner(env={"SOURCE_DATE_EPOCH": "yesterday"}).invoke(main, ["align", str(SEED_BILINGUAL), "-o", str(out)])
    assert bad.exit_code == 2 and "SOURCE_DATE_EPOCH" in bad.output


@pytest.mark.parametrize("source", ["th", "en"])
def test_paragraph_units_are_the_source_paragraphs(fake_result, source):
    """With the line breaks kept, each unit's source text is exactly one input line, and every sentence of
    the other side lands in exactly one unit."""
    texts = dict(zip(("th", "en"), read_pair(SEED_BILINGUAL)))
    units = paragraph_units(fake_result, source)
    assert [getattr(u, source) for u in units] == [p.text for p in paragraphs(texts[source])]
    target = "en" if source == "th" else "th"
    placed = sorted(i for u in units for i in getattr(u, f"{target}_ids"))
    assert placed == list(range(len(getattr(fake_result, target))))
    assert all(u.segtype == "paragraph" for u in units)


def test_keep_breaks_never_crosses_a_line(fake_result):
    _, en_text = read_pair(SEED_BILINGUAL)
    free = segment_side(en_text, "en", AlignConfig())
    kept = segment_side(en_text, "en", AlignConfig(keep_breaks=True))
    assert any("\n" in en_text[s.start:s.end] for s in free)  # the seed has sentences rejoined across lines
    assert not any("\n" in en_text[s.start:s.end] for s in kept) and len(kept) > len(free)


@pytest.mark.parametrize("options", DIRECTIONS)
def test_translate_toolkit_and_python_tmx_read_every_unit(fake_result, tmp_path, options):
    from PythonTmx import from_element, to_element
    from translate.storage.tmx import tmxfile

    data = _tmx(fake_result, **options)
    count = len(etree.fromstring(data).findall("body/tu"))
    (tmp_path / "seed.tmx").write_bytes(data)
    units = tmxfile.parsefile(str(tmp_path / "seed.tmx")).units
    source = "en" if options["tmx_source"] == "en" else "th"
    first = {"en": fake_result.en, "th": fake_result.th}[source]
    continued = len(etree.fromstring(data).findall("body/tu/prop[@type='x-translated-in']"))
    assert len(units) == count and all(u.source for u in units)
    assert sum(not u.target for u in units) == continued  # only a tail translated in another unit is empty
    assert all(u.source.split(" ")[0] in {s.text.split(" ")[0] for s in first} for u in units)
    tmx = from_element(etree.fromstring(data))
    assert len(tmx.tus) == count and len(to_element(tmx, True).find("body")) == count  # python-tmx re-serialises


# hypomnema 0.7 needs Python >= 3.13: `make setup` gives it a venv of its own when such a Python exists.
HYPOMNEMA_PYTHON = Path(sys.prefix) / "share" / "hypomnema-py313" / "bin" / "python"
HYPOMNEMA_READ = """
import json, sys, hypomnema
tmx = hypomnema.load(sys.argv[1])
print(json.dumps({"srclang": tmx.header.srclang, "tus": [
    [[v.lang, "".join(c for c in v.content if isinstance(c, str))] for v in tu.variants] for tu in tmx.body]}))
"""


@pytest.mark.skipif(not HYPOMNEMA_PYTHON.exists(), reason="no Python 3.13 venv with hypomnema (make setup makes one)")
@pytest.mark.parametrize("options", DIRECTIONS)
def test_hypomnema_reads_every_unit(fake_result, tmp_path, options):
    data = _tmx(fake_result, **options)
    (tmp_path / "seed.tmx").write_bytes(data)
    run = subprocess.run([str(HYPOMNEMA_PYTHON), "-W", "error", "-c", HYPOMNEMA_READ, str(tmp_path / "seed.tmx")],
                         capture_output=True, text=True, timeout=120, check=False)  # its error is the message
    assert run.returncode == 0, run.stderr[-2000:]
    read = json.loads(run.stdout)
    expected = [[(tuv.get("{http://www.w3.org/XML/1998/namespace}lang"), tuv.findtext("seg")) for tuv in tu.iter("tuv")]
                for tu in etree.fromstring(data).iter("tu")]
    assert read["srclang"] == etree.fromstring(data).find("header").get("srclang")
    assert [[tuple(v) for v in tu] for tu in read["tus"]] == expected


def test_xliff_is_well_formed_and_read_by_translate_toolkit(fake_result, tmp_path):
    from translate.storage.xliff2 import Xliff2File

    for options in ({}, {"tmx_source": "en", "tmx_units": "both", "tmx_keep_unaligned": True}):
        config = dataclasses.replace(FAKE, **options)
        data = format_xliff(fake_result, config)
        assert check_xliff(data) == []
        (tmp_path / "seed.xlf").write_bytes(data)
        units = Xliff2File.parsefile(str(tmp_path / "seed.xlf")).units
        expected = translation_units(fake_result, config)
        assert [u.source for u in units] == [x.en if options else x.th for x in expected]
        assert [u.target or "" for u in units] == [x.th if options else x.en for x in expected]


def test_unknown_unit_kind_is_refused(fake_result):
    from thalign.errors import EngineNotFound

    with pytest.raises(EngineNotFound, match="units are sentence, paragraph, both"):
        format_xliff(fake_result, dataclasses.replace(FAKE, tmx_units="sentences"))


def test_cli_writes_xliff_from_the_extension(tmp_path):
    from click.testing import CliRunner

    from thalign.cli import main

    out = tmp_path / "review.xlf"
    run = CliRunner().invoke(main, ["align", str(SEED_BILINGUAL), "-o", str(out), "--model", "fake", "-q",
                                    "--th-segmenter", "crfcut", "--keep-breaks", "--tmx-units", "both"])
    assert run.exit_code == 0, run.output
    data = out.read_bytes()
    assert check_xliff(data) == [] and b'version="2.1"' in data and b'type="thalign:paragraph"' in data


# The OASIS XLIFF 2.0 core schema, which XLIFF 2.1 keeps (same namespace; `version` tells them apart); `make setup`
# unpacks it from Debian's php-symfony-translation. The Metadata module's own schema is not in it: `mda:` content
# sits in the core's `##other` extension points, which the core schema checks laxly.
XLIFF_SCHEMA = Path(sys.prefix) / "share" / "xliff-2.0-schema" / "xliff_core_2.0.xsd"


@pytest.mark.skipif(not XLIFF_SCHEMA.exists(), reason="the OASIS XLIFF schema is not installed (make setup fetches it)")
def test_xliff_validates_against_the_oasis_core_schema(fake_result):
    document = etree.parse(str(XLIFF_SCHEMA))
    assert document.getroot().get("targetNamespace") == XLIFF_NS and b"OASIS Open" in etree.tostring(document)
    schema = etree.XMLSchema(document)
    for options in ({}, {"tmx_source": "en", "tmx_units": "both", "tmx_keep_unaligned": True},
                    {"tmx_units": "paragraph"}):
        data = format_xliff(fake_result, dataclasses.replace(FAKE, **options))
        assert schema.validate(etree.fromstring(data)), [str(e) for e in schema.error_log][:3]
    broken = format_xliff(fake_result, FAKE).replace(b"<source>", b"<target>", 1).replace(b"</source>", b"</target>", 1)
    assert not schema.validate(etree.fromstring(broken))  # the schema is not a rubber stamp


def test_xliff_check_catches_a_broken_file(fake_result):
    data = format_xliff(fake_result, FAKE).replace(b"<source>", b"<target>", 1).replace(b"</source>", b"</target>", 1)
    assert any("segment holds" in p for p in check_xliff(data))


# --- OmegaT 3.6, headless -------------------------------------------------------------------------------

OMEGAT_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <source_tok>org.omegat.tokenizer.DefaultTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>
    <sentence_seg>{sentence_seg}</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def omegat_translate(folder: Path, source_text: str, source_lang: str, target_lang: str, tmx: bytes,
                     sentence_seg: bool = True) -> tuple[int, int, list[str]]:
    """(segments, segments translated from the TMX, TMX warnings) of a headless OmegaT run on one file;
    ``sentence_seg=False`` is the project option "segment by paragraph" (one segment per line of a text file)."""
    for sub in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "source" / "doc.txt").write_text(source_text, encoding="utf-8")
    (folder / "tm" / "auto" / "thalign.tmx").write_bytes(tmx)
    project = OMEGAT_PROJECT.format(source=source_lang, target=target_lang, sentence_seg=str(sentence_seg).lower())
    (folder / "omegat.project").write_text(project, encoding="utf-8")
    env = {**os.environ, "HOME": str(folder / "home")}  # OmegaT keeps its preferences in ~/.omegat
    run = subprocess.run(["omegat", str(folder), "--mode=console-translate"], capture_output=True, text=True,
                         timeout=300, env=env, check=False)  # the log is read below
    log = run.stdout + run.stderr
    assert run.returncode == 0 and "Finished" in log, log[-2000:]
    stats = (folder / "omegat" / "project_stats.txt").read_text(encoding="utf-8")
    rows = {m.group(1): int(m.group(2)) for m in re.finditer(r"^(Total|Remaining):\s+(\d+)", stats, re.M)}
    total, remaining = rows["Total"], rows["Remaining"]
    return total, total - remaining, sorted(set(re.findall(r"TMXR_WARNING_\w+", log)))


# The README's two set-ups. English->Thai: a sentence-segmented project, the default aligner with the English
# lines kept (OmegaT never joins two lines into a segment). Thai->English: OmegaT has no Thai sentence rules
# (its default rules cut Thai only at ". ", e.g. after the abbreviation "ตร.ม."), so the project segments by
# paragraph and the TMX holds the Thai lines as units, with the learned segmenter keeping the lines.
# Of the seed's 21 Thai lines the title alone has no English; the two tails of sentences broken across lines
# ("และ" alone, and a 79-character tail) come from the TMX as empty translations of their own.
OMEGAT_RUNS = {
    "en-th-sentence": (AlignConfig(keep_breaks=True, tmx_source="en"), ("EN-US", "TH-TH"), True, 0.95),
    "th-en-paragraph": (AlignConfig(keep_breaks=True, th_segmenter="learned", tmx_units="paragraph"),
                        ("TH-TH", "EN-US"), False, 0.90),
    "th-en-paragraph-bitext": (AlignConfig(keep_breaks=True, tmx_units="paragraph"), ("TH-TH", "EN-US"), False, 0.90),
}


@pytest.mark.model
@pytest.mark.skipif(shutil.which("omegat") is None, reason="OmegaT is not installed (make setup installs the Debian package)")
@pytest.mark.parametrize("run", list(OMEGAT_RUNS))
def test_omegat_translates_the_seed_from_our_tmx(model_embedder, tmp_path, run):
    config, langs, sentence_seg, target_share = OMEGAT_RUNS[run]
    result = align_files(SEED_BILINGUAL, config=config, embedder=model_embedder)
    th_text, en_text = read_pair(SEED_BILINGUAL)
    source_text = en_text if config.tmx_source == "en" else th_text
    total, translated, warnings = omegat_translate(tmp_path, source_text, *langs, format_tmx(result, config), sentence_seg)
    print(f"OmegaT {run}: {translated}/{total} segments from the TMX, warnings {warnings}")
    assert warnings == []
    assert translated >= target_share * total


def _broken_lines(lines: list[str]) -> list[str]:
    """Every third line cut in two at the space nearest its middle, as PDF extraction breaks Thai text."""
    out = []
    for k, line in enumerate(lines):
        spaces = [i for i, c in enumerate(line) if c == " "]
        cut = min(spaces, key=lambda i: abs(i - len(line) / 2)) if k % 3 == 1 and spaces else None
        out += [line] if cut is None else [line[:cut], line[cut + 1:]]
    return out


@pytest.mark.model
@pytest.mark.skipif(shutil.which("omegat") is None, reason="OmegaT is not installed (make setup installs the Debian package)")
@pytest.mark.parametrize("th_segmenter", ["learned", "bitext"])
def test_omegat_thai_paragraph_project_on_flores_lines_broken_mid_sentence(model_embedder, tmp_path, th_segmenter):
    """Not the seed's lines only: six FLORES documents with a third of their Thai lines broken in two, the
    README's Thai->English set-up (and the default Thai segmenter); a broken line's tail gets its empty
    translation from the TMX."""
    docs = [d for d in flores_documents() if len(d[0]) >= 4][::40][:6]
    th_lines = [line for th, _ in docs for line in _broken_lines(th)]
    th_text, en_text = "\n\n".join(th_lines) + "\n", "\n\n".join(e for _, en in docs for e in en) + "\n"
    config = AlignConfig(keep_breaks=True, th_segmenter=th_segmenter, tmx_units="paragraph")
    result = align_documents(th_text, en_text, config, embedder=model_embedder)
    total, translated, warnings = omegat_translate(tmp_path, th_text, "TH-TH", "EN-US", format_tmx(result, config), False)
    print(f"OmegaT FLORES th-en-paragraph ({th_segmenter}): {translated}/{total} lines from the TMX")
    assert total == len(th_lines) and warnings == [] and translated >= 0.9 * total

