"""The fuzz class of issue 15, as real subprocesses with the ``fake`` model: bad files, bad options, failed
writes, kills and batch edge cases. Prints every failing case and ``cases tried N, passed M``.

    python -m eval.fuzz [--jobs 2] [-k SUBSTRING] [--list]

Every case runs ``python -m thalign.cli …`` in its own sandbox folder holding real inputs (one FLORES-200
devtest document as two files, the seed as one bilingual file, the Thai-only seed). Checked for every case:
no traceback; the exit code expected; on exit 2, exactly one stderr line ``thalign: error: …`` holding the
expected words; no file that existed before changed (bar the outputs the case may write); no temporary file
left behind; a TMX written validates. Kill cases SIGKILL the run at a set delay, then check that no output is
truncated, that workers died with their parent and that the next run removes any leftover temporary file.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_a4e1426412e82e47.txt"
THAI_ONLY = ROOT / "seeds" / "003_13af274913abc396.txt"
TIMEOUT_S = 600
PROGRESS_LINE = re.compile(r"thalign: [\w-]+: [\d,/]+ \w+ done, \d+ s elapsed\Z")

Setup = Callable[[Path], object]
"""Prepares a case's folder; what it returns is ignored (lambdas often return a path or a count)."""
Check = Callable[[Path, "subprocess.CompletedProcess[str]"], "str | None"]


@dataclass
class Case:
    name: str
    argv: list[str]
    codes: tuple[int, ...] = (2,)
    message: str | None = None
    setup: Setup | None = None
    may_write: tuple[str, ...] = ()
    """Glob patterns (relative to the sandbox) of files the case may create or replace."""
    check: Check | None = None
    kill_after: float | None = None
    fsize_limit: int | None = None
    """RLIMIT_FSIZE in bytes: writes past it fail with EFBIG, as on a full disk."""
    model: bool = True


# --- sandbox ---------------------------------------------------------------------------------------------------


def make_sandbox(base: Path) -> None:
    """The inputs every case starts from: real text only."""
    from eval.data import flores_documents
    from thalign.read import read_text, split_bilingual

    doc = flores_documents()[0]
    (base / "th.txt").write_text("\n".join(doc.th), encoding="utf-8")
    (base / "en.txt").write_text("\n".join(doc.en), encoding="utf-8")
    shutil.copy(SEED, base / "seed.txt")
    shutil.copy(THAI_ONLY, base / "thai_only.txt")
    thai, english = split_bilingual(read_text(SEED))
    (base / "english_first.txt").write_text(english + "\n\n" + thai, encoding="utf-8")
    (base / "afile").write_text("not a folder\n", encoding="utf-8")


def snapshot(folder: Path) -> dict[str, str]:
    out = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            info = path.stat()
            out[str(path.relative_to(folder))] = (f"{info.st_size}/{info.st_mtime_ns}" if info.st_size > 2**26
                                                  else hashlib.sha256(path.read_bytes()).hexdigest())
    return out


def temps(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.tmp"))


# --- case tables -----------------------------------------------------------------------------------------------


def _bad_files() -> dict[str, tuple[Setup, str | None]]:
    """Name → (how to make ``bad.txt`` in the sandbox, words the error must hold; None: any one clear line)."""

    def write(data: bytes) -> Setup:
        return lambda d: (d / "bad.txt").write_bytes(data)

    def sparse(size: int) -> Setup:
        def make(d: Path) -> None:
            with open(d / "bad.txt", "wb") as handle:
                handle.truncate(size)
        return make

    def link(target: str) -> Setup:
        return lambda d: os.symlink(target, d / "bad.txt")

    return {
        "urandom": (link("/dev/urandom"), "character device"),
        "dev-zero": (link("/dev/zero"), "character device"),
        "dev-null": (link("/dev/null"), "character device"),
        "fifo": (lambda d: os.mkfifo(d / "bad.txt"), "named pipe"),
        "directory": (lambda d: (d / "bad.txt").mkdir(), "directory"),
        "sparse-2GB": (sparse(2 * 2**30), "input limit"),
        "sparse-60MB": (sparse(60 * 2**20), "input limit"),
        "empty": (write(b""), "empty"),
        "whitespace": (write(b" \n\n\t \r\n"), "empty"),
        "png": (write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))), "binary"),
        "nul-bytes": (write("ภาษาไทย\x00English".encode()), "binary"),
        "bad-utf16": (write(b"\xff\xfe\x00\xd8\x41"), "UTF-16"),
        "latin1-french": (write("Café crème déjà vu à Paris.".encode("latin-1")), None),
        "missing": (lambda d: None, "No such file"),
        "dangling-link": (link("/nonexistent/file.txt"), "No such file"),
        "link-loop": (lambda d: (os.symlink(d / "loop2", d / "bad.txt"), os.symlink(d / "bad.txt", d / "loop2")), None),
        "proc-file": (link("/proc/version"), None),
        "controls": (write(bytes(range(1, 32)) * 50), "binary"),
    }


def bad_file_cases() -> list[Case]:
    cases = []
    for kind, (setup, message) in _bad_files().items():
        cases.append(Case(f"input/thai/{kind}", ["align", "{d}/bad.txt", "{d}/en.txt", "-o", "{d}/o.tmx"], (2,), message, setup))
        english_text = kind in ("latin1-french", "proc-file")  # Latin-script text: a fair English side
        cases.append(Case(f"input/english/{kind}", ["align", "{d}/th.txt", "{d}/bad.txt", "-o", "{d}/o.tmx"],
                          (0, 2) if english_text else (2,), message, setup, may_write=("o.tmx",) if english_text else ()))
        cases.append(Case(f"input/bilingual/{kind}", ["align", "{d}/bad.txt", "-o", "{d}/o.tmx"], (2,), message, setup))
        cases.append(Case(f"segment/{kind}", ["segment", "{d}/bad.txt", "--lang", "th"], (0, 2) if english_text else (2,),
                          message, setup, model=False))
    cases += [
        Case("input/english-as-thai", ["align", "{d}/en.txt", "{d}/en.txt", "-o", "{d}/o.tmx"], (2,), "no Thai text"),
        Case("input/thai-as-english", ["align", "{d}/th.txt", "{d}/th.txt", "-o", "{d}/o.tmx"], (2,), "mostly Thai"),
        Case("input/thai-only-bilingual", ["align", "{d}/thai_only.txt", "-o", "{d}/o.tmx"], (2,), "no English side"),
        Case("input/english-only-bilingual", ["align", "{d}/en.txt", "-o", "{d}/o.tmx"], (2,), "no Thai text"),
        Case("input/glossary-device", ["align", "{d}/seed.txt", "-o", "{d}/o.tmx", "--glossary", "/dev/urandom"], (2,), "character device"),
        Case("input/glossary-missing", ["align", "{d}/seed.txt", "-o", "{d}/o.tmx", "--glossary", "{d}/nope.tsv"], (2,), "No such file"),
        Case("input/glossary-directory", ["align", "{d}/seed.txt", "-o", "{d}/o.tmx", "--glossary", "{d}"], (2,), "directory"),
    ]
    return cases


def bad_option_cases() -> list[Case]:
    align = ["align", "{d}/seed.txt", "-o", "{d}/o.tmx"]
    table = {
        "--max-bead": (["-1", "0", "1", "13", "1000000", "abc", "1.5", "nan"], "--max-bead"),
        "--band": (["-5", "0", "1001", "1000000000", "abc", "nan"], "--band"),
        "--skip-penalty": (["nan", "inf", "-inf", "0.5", "-2", "abc", "1e308"], "--skip-penalty"),
        "--max-input-mb": (["0", "-1", "abc"], "--max-input-mb"),
        "--th-segmenter": (["nope", "", "pysbdd"], "--th-segmenter"),
        "--en-segmenter": (["nope", "bitext"], "--en-segmenter"),
        "--merge": (["sum", ""], "--merge"),
        "--th-lang": (["", "th TH", "x" * 20], "--th-lang"),
        "--en-lang": (["", "en_US!"], "--en-lang"),
        "--model": (["nope", "/nonexistent/model-dir"], "unknown model"),
        "--check": (["numbers", "", "NUMBER"], "--check"),
        "--fail-on": (["numbers", "", "NUMBER", "omissions"], "--fail-on"),
        "--format": (["xml", ""], "--format"),
    }
    cases = []
    for option, (values, message) in table.items():
        for value in values:
            extra = [] if option == "--model" else ["--model", "fake"]
            cases.append(Case(f"option/{option}={value}", [*align, option, value, *extra], (2,), message, model=False))
    cases += [
        Case("option/max-bead-1-crfcut", [*align, "--max-bead", "1", "--th-segmenter", "crfcut"], (2,), "--max-bead"),
        Case("option/unknown", [*align, "--no-such-option"], (2,), "No such option"),
        Case("option/missing-output", ["align", "{d}/seed.txt"], (2,), "'-o'"),
        Case("option/no-arguments", ["align"], (2,), "Missing argument", model=False),
        Case("option/unknown-command", ["nope"], (2,), "No such command", model=False),
        Case("option/segment-engine", ["segment", "{d}/th.txt", "--lang", "th", "--engine", "nope"], (2,), "nope", model=False),
        Case("option/segment-lang", ["segment", "{d}/th.txt", "--lang", "fr"], (2,), "--lang", model=False),
    ]
    batch = ["batch", "{d}/in", "-o", "{d}/out"]
    batch_table = {
        "--workers": (["0", "-1", "abc", "1000"], "--workers"),
        "--formats": (["", "tmx,xml", ","], "--formats"),
        "--max-bead": (["1"], "--max-bead"),
        "--skip-penalty": (["nan"], "--skip-penalty"),
    }
    for option, (values, message) in batch_table.items():
        for value in values:
            cases.append(Case(f"batch-option/{option}={value}", [*batch, option, value], (2,), message, _batch_folder))
    return cases


def failed_write_cases() -> list[Case]:
    base = ["align", "{d}/seed.txt"]
    pair = ["align", "{d}/th.txt", "{d}/en.txt"]
    targets = {
        "proc-version": ("/proc/version", "cannot write"),
        "proc-new": ("/proc/new.tmx", "not writable"),
        "sys-readonly": ("/sys/out.tmx", "not writable"),
        "parent-is-file": ("{d}/afile/out.tmx", "is a file"),
        "grandparent-is-file": ("{d}/afile/x/y/out.tmx", "is a file"),
        "directory": ("{d}", "is a directory"),
        "dev-null": ("/dev/null", "device"),
        "dev-full": ("/dev/full", "device"),
    }
    cases = []
    for name, (target, message) in targets.items():
        cases.append(Case(f"write/-o/{name}", [*base, "-o", target], (2,), message))
        cases.append(Case(f"write/--report/{name}", [*base, "-o", "{d}/ok.tmx", "--report", target], (2,), message))
    cases += [
        Case("write/-o=bilingual-input", [*base, "-o", "{d}/seed.txt"], (2,), "overwrite an input"),
        Case("write/-o=thai-input", [*pair, "-o", "{d}/th.txt"], (2,), "Thai input"),
        Case("write/-o=english-input", [*pair, "-o", "{d}/en.txt"], (2,), "English input"),
        Case("write/-o=symlink-to-input", [*pair, "-o", "{d}/link.tmx"], (2,), "Thai input",
             lambda d: os.symlink(d / "th.txt", d / "link.tmx")),
        Case("write/-o=hardlink-to-input", [*pair, "-o", "{d}/hard.tmx"], (2,), "English input",
             lambda d: os.link(d / "en.txt", d / "hard.tmx")),
        Case("write/-o=glossary", [*base, "-o", "{d}/g.tsv", "--glossary", "{d}/g.tsv"], (2,), "--glossary",
             lambda d: (d / "g.tsv").write_text("เชียงใหม่\tChiang Mai\n", encoding="utf-8")),
        Case("write/--report=-o", [*base, "-o", "{d}/o.tmx", "--report", "{d}/o.tmx"], (2,), "same file as -o"),
        Case("write/--report=-o-relative", [*base, "-o", "{d}/o.tmx", "--report", "{d}/./o.tmx"], (2,), "same file"),
        Case("write/--report=input", [*base, "-o", "{d}/o.tmx", "--report", "{d}/seed.txt"], (2,), "overwrite an input"),
        Case("batch-write/out-is-file", ["batch", "{d}/in", "-o", "{d}/afile"], (2,), "not a directory", _batch_folder),
        Case("batch-write/out-in-proc", ["batch", "{d}/in", "-o", "/proc/out"], (2,), "not writable", _batch_folder),
        Case("batch-write/cache-is-file", ["batch", "{d}/in", "-o", "{d}/out", "--cache-dir", "{d}/afile"], (2,),
             "not a directory", _batch_folder),
    ]
    for fmt in ("tmx", "jsonl", "tsv", "html"):  # a full disk during the final write: old output kept
        cases.append(Case(f"write/full-disk/{fmt}", [*base, "-o", f"{{d}}/old.{fmt}"], (2,), "File too large",
                          _old_output(f"old.{fmt}"), fsize_limit=2048, check=_old_output_kept(f"old.{fmt}")))
    cases.append(Case("write/full-disk/--report", [*base, "-o", "{d}/small.tsv", "--report", "{d}/old.html",
                                                   "--check", "number"], (2,), "File too large",
                      _old_output("old.html"), may_write=("small.tsv",), fsize_limit=16384,
                      check=_old_output_kept("old.html")))
    return cases


def _old_output(name: str) -> Setup:
    return lambda d: (d / name).write_bytes(b"previous complete output\n")


def _old_output_kept(name: str) -> Check:
    def check(d: Path, proc: subprocess.CompletedProcess[str]) -> str | None:
        return None if (d / name).read_bytes() == b"previous complete output\n" else f"{name} was damaged"
    return check


def success_cases() -> list[Case]:
    def tmx_valid(name: str) -> Check:
        def check(d: Path, proc: subprocess.CompletedProcess[str]) -> str | None:
            from thalign.write.tmx import validate_tmx

            errors = validate_tmx((d / name).read_bytes())
            return f"{name}: invalid TMX {errors[:1]}" if errors else None
        return check

    def encoded(encoding: str, bom: bytes = b"") -> Setup:
        return lambda d: (d / "th2.txt").write_bytes(bom + (d / "th.txt").read_text(encoding="utf-8").encode(encoding))

    return [
        Case("ok/pair", ["align", "{d}/th.txt", "{d}/en.txt", "-o", "{d}/o.tmx"], (0,), may_write=("o.tmx",), check=tmx_valid("o.tmx")),
        Case("ok/bilingual", ["align", "{d}/seed.txt", "-o", "{d}/o.jsonl", "--report", "{d}/r.html"], (0,),
             may_write=("o.jsonl", "r.html")),
        Case("ok/english-first", ["align", "{d}/english_first.txt", "-o", "{d}/o.tmx"], (0,), may_write=("o.tmx",),
             check=tmx_valid("o.tmx")),
        Case("ok/segmented-tsv", ["align", "{d}/th.txt", "{d}/en.txt", "-o", "{d}/o.tsv", "--segmented"], (0,), may_write=("o.tsv",)),
        Case("ok/utf16", ["align", "{d}/th2.txt", "{d}/en.txt", "-o", "{d}/o.tmx", "--th-segmenter", "crfcut"], (0,),
             setup=encoded("utf-16"), may_write=("o.tmx",)),
        Case("ok/tis620", ["align", "{d}/th2.txt", "{d}/en.txt", "-o", "{d}/o.tmx", "--th-segmenter", "learned"], (0,),
             setup=encoded("cp874"), may_write=("o.tmx",)),
        Case("ok/fail-on-raised", ["align", "{d}/seed.txt", "-o", "{d}/o.tmx", "--fail-on", "omission"], (1,), may_write=("o.tmx",)),
        Case("ok/replace-old-output", ["align", "{d}/th.txt", "{d}/en.txt", "-o", "{d}/old.tmx"], (0,), setup=_old_output("old.tmx"),
             may_write=("old.tmx",), check=tmx_valid("old.tmx")),
    ]


def kill_cases() -> list[Case]:
    """SIGKILL mid-run at spread delays; then the run is repeated and must leave no temporary file."""
    cases = []
    for delay in (1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.5, 11.0, 13.0, 15.0):
        cases.append(Case(f"kill/align@{delay:g}s", ["align", "{d}/th.txt", "{d}/en.txt", "-o", "{d}/o.tmx", "--report", "{d}/o.html"],
                          (-9, 0), kill_after=delay, may_write=("o.tmx", "o.html", ".o.*.tmp"), check=_after_kill_align))
    for delay in (2.0, 4.0, 6.0, 9.0):
        cases.append(Case(f"kill/batch@{delay:g}s", ["batch", "{d}/in", "-o", "{d}/out", "--workers", "2"], (-9, 0, 2),
                          setup=_batch_folder, kill_after=delay, may_write=("out/*", "out/.*/*"), check=_after_kill_batch))
    return cases


def _after_kill_align(d: Path, proc: subprocess.CompletedProcess[str]) -> str | None:
    from thalign.write.tmx import validate_tmx

    if (d / "o.tmx").exists() and validate_tmx((d / "o.tmx").read_bytes()):
        return "o.tmx truncated by the kill"
    again = run_cli(["align", f"{d}/th.txt", f"{d}/en.txt", "-o", f"{d}/o.tmx", "--report", f"{d}/o.html", "--model", "fake",
                     "-q"], d)
    if again.returncode != 0:
        return f"rerun after kill failed: {again.stderr.strip()[-200:]}"
    return f"temporary files left after the rerun: {temps(d)}" if temps(d) else None


def _after_kill_batch(d: Path, proc: subprocess.CompletedProcess[str]) -> str | None:
    import json

    time.sleep(1.0)
    orphans = [pid for pid in proc.args_children if _alive(pid)]  # type: ignore[attr-defined]
    if orphans:
        return f"workers outlived their killed parent: {orphans}"
    again = run_cli(["batch", f"{d}/in", "-o", f"{d}/out", "--model", "fake", "--workers", "2", "-q"], d)
    if again.returncode != 2:  # the folder holds one bad file on purpose
        return f"batch rerun exit {again.returncode}: {again.stderr.strip()[-200:]}"
    data = json.loads((d / "out" / "summary.json").read_text(encoding="utf-8"))
    if data["pairs"] != 4 or data["done"] + data["skipped"] != 3:
        return f"summary after rerun does not account for every input: {data['pairs']} pairs"
    return f"temporary files left after the rerun: {temps(d)}" if temps(d) else None


def _batch_folder(d: Path) -> None:
    """Three good pairs (small FLORES documents) in three conventions, and one bad file."""
    from eval.data import flores_documents

    root = d / "in"
    (root / "th").mkdir(parents=True)
    (root / "en").mkdir()
    docs = flores_documents()
    (root / "th" / "a.txt").write_text("\n".join(docs[1].th), encoding="utf-8")
    (root / "en" / "a.txt").write_text("\n".join(docs[1].en), encoding="utf-8")
    (root / "b.th.txt").write_text(" ".join(docs[2].th), encoding="utf-8")
    (root / "b.en.txt").write_text(" ".join(docs[2].en), encoding="utf-8")
    (root / "c.txt").write_text("\n".join(docs[3].th) + "\n\n" + "\n".join(docs[3].en), encoding="utf-8")
    (root / "bad.txt").write_bytes(b"\x00\x01binary")


def batch_cases() -> list[Case]:
    def with_folder(extra: Setup) -> Setup:
        return lambda d: (_batch_folder(d), extra(d))

    def manifest(text: str) -> Setup:
        return with_folder(lambda d: (d / "m.tsv").write_text(text, encoding="utf-8"))

    def summary_has(**expected: int) -> Check:
        def check(d: Path, proc: subprocess.CompletedProcess[str]) -> str | None:
            import json

            data = json.loads((d / "out" / "summary.json").read_text(encoding="utf-8"))
            wrong = {k: data[k] for k, v in expected.items() if data[k] != v}
            names = [o["name"] for o in data["outcomes"]]
            if len(set(names)) != len(names):
                return f"duplicate output names {names}"
            if any(o["status"] == "failed" and not (o["reason"] and o["inputs"]) for o in data["outcomes"]
                   if "line" not in o["reason"]):
                return "a failed row without its reason and input paths"
            return f"summary {wrong} expected {expected}" if wrong else None
        return check

    batch = ["batch", "{d}/in", "-o", "{d}/out", "--workers", "1"]
    out = ("out/*", "out/.*/*")
    header = "name\tth\ten\n"
    return [
        Case("batch/plain", batch, (2,), None, _batch_folder, out, summary_has(pairs=4, done=3, failed=1)),
        Case("batch/two-workers", [*batch[:-1], "2"], (2,), None, _batch_folder, out, summary_has(pairs=4, done=3, failed=1)),
        Case("batch/folder-named-x.txt", batch, (2,), None, with_folder(lambda d: (d / "in" / "x.txt").mkdir()), out,
             summary_has(pairs=5, done=3, failed=2)),
        Case("batch/fifo-named-x.txt", batch, (2,), None, with_folder(lambda d: os.mkfifo(d / "in" / "x.txt")), out,
             summary_has(pairs=5, done=3, failed=2)),
        Case("batch/device-link-x.txt", batch, (2,), None, with_folder(lambda d: os.symlink("/dev/urandom", d / "in" / "x.txt")),
             out, summary_has(pairs=5, done=3, failed=2)),
        Case("batch/sparse-2GB", batch, (2,), None, with_folder(lambda d: os.truncate(_touch(d / "in" / "big.txt"), 2 * 2**30)),
             out, summary_has(pairs=5, done=3, failed=2)),
        Case("batch/clash-bilingual-and-pair", batch, (2,), None,
             with_folder(lambda d: shutil.copy(d / "in" / "c.txt", d / "in" / "b.txt")), out, summary_has(pairs=5, done=4)),
        Case("batch/clash-dirs-and-pair", batch, (2,), None,
             with_folder(lambda d: (shutil.copy(d / "in" / "b.th.txt", d / "in" / "a.th.txt"),
                                    shutil.copy(d / "in" / "b.en.txt", d / "in" / "a.en.txt"))), out, summary_has(pairs=5, done=4)),
        Case("batch/orphan", batch, (2,), None, with_folder(lambda d: (d / "in" / "o.th.txt").write_text("ภาษาไทย", encoding="utf-8")),
             out, summary_has(pairs=5, done=3, failed=2)),
        Case("batch/empty-manifest", [*batch, "--manifest", "{d}/m.tsv"], (2,), "manifest is empty", manifest("")),
        Case("batch/blank-manifest", [*batch, "--manifest", "{d}/m.tsv"], (2,), "manifest is empty", manifest("\n\n  \n")),
        Case("batch/header-only-manifest", [*batch, "--manifest", "{d}/m.tsv"], (2,), "no document pairs", manifest(header)),
        Case("batch/manifest-no-columns", [*batch, "--manifest", "{d}/m.tsv"], (2,), "'th' and 'en' columns", manifest("a,b\n1,2\n")),
        Case("batch/manifest-duplicate-names", [*batch, "--manifest", "{d}/m.tsv"], (2,), None,
             manifest(header + "A\tb.th.txt\tb.en.txt\nA\tth/a.txt\ten/a.txt\n"), out, summary_has(pairs=2, done=1, failed=1)),
        Case("batch/manifest-derived-name-clash", [*batch, "--manifest", "{d}/m.tsv"], (0,), None,
             manifest("th\ten\nth/a.txt\ten/a.txt\nth/a.txt\ten/a.txt\n"),
             out, summary_has(pairs=2, done=2)),
        Case("batch/manifest-name-escapes", [*batch, "--manifest", "{d}/m.tsv"], (2,), None,
             manifest(header + "../escape\tb.th.txt\tb.en.txt\n"), out, summary_has(pairs=1, failed=1)),
        Case("batch/manifest-short-row", [*batch, "--manifest", "{d}/m.tsv"], (2,), None,
             manifest(header + "A\tb.th.txt\n"), out, summary_has(pairs=1, failed=1)),
        Case("batch/manifest-missing-file", [*batch, "--manifest", "{d}/m.tsv"], (2,), None,
             manifest(header + "A\tb.th.txt\tnope.txt\n"), out, summary_has(pairs=1, failed=1)),
        Case("batch/manifest-device", [*batch, "--manifest", "/dev/urandom"], (2,), "character device", _batch_folder),
        Case("batch/manifest-binary", [*batch, "--manifest", "{d}/m.tsv"], (2,), None,
             with_folder(lambda d: (d / "m.tsv").write_bytes(b"\xff\xfe\x00\x00garbage\x00"))),
        Case("batch/empty-folder", ["batch", "{d}/empty", "-o", "{d}/out"], (2,), "no document pairs",
             lambda d: (d / "empty").mkdir()),
        Case("batch/input-is-file", ["batch", "{d}/afile", "-o", "{d}/out"], (2,), "not a directory"),
        Case("batch/input-missing", ["batch", "{d}/nope", "-o", "{d}/out"], (2,), "not a directory"),
        Case("batch/corrupt-state", batch, (2,), None,
             with_folder(lambda d: ((d / "out" / ".thalign-state").mkdir(parents=True),
                                    (d / "out" / ".thalign-state" / "c.json").write_text("{not json", encoding="utf-8"),
                                    (d / "out" / "c.tmx").write_text("x", encoding="utf-8"),
                                    (d / "out" / "c.jsonl").write_text("x", encoding="utf-8"))),
             out, summary_has(pairs=4, done=3, failed=1)),
        Case("batch/stale-temps-swept", batch, (2,), None,
             with_folder(lambda d: ((d / "out" / ".thalign-state").mkdir(parents=True),
                                    (d / "out" / ".a.tmx.999999-abcd1234.tmp").write_bytes(b"partial"),
                                    (d / "out" / ".thalign-state" / ".a.json.k2j4h5g6.tmp").write_bytes(b"partial"))),
             out, summary_has(pairs=4, done=3)),
        Case("batch/output-inside-input", ["batch", "{d}/in", "-o", "{d}/in/out", "--workers", "1"], (2,), None, _batch_folder,
             ("in/out/*", "in/out/.*/*")),
    ]


def _touch(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def all_cases() -> list[Case]:
    return bad_file_cases() + bad_option_cases() + failed_write_cases() + success_cases() + kill_cases() + batch_cases()


# --- running ---------------------------------------------------------------------------------------------------


def run_cli(argv: list[str], cwd: Path, fsize_limit: int | None = None,
            kill_after: float | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    env.pop("THALIGN_DEBUG", None)

    def limits() -> None:
        os.setpgrp()
        if fsize_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize_limit, fsize_limit))

    proc = subprocess.Popen([sys.executable, "-m", "thalign.cli", *argv], cwd=cwd, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=limits)  # noqa: PLW1509 - rlimits need it; the fuzzer starts no threads before
    children: list[int] = []
    try:
        if kill_after is not None:
            try:
                out, err = proc.communicate(timeout=kill_after)
            except subprocess.TimeoutExpired:
                children = _children(proc.pid)
                proc.send_signal(signal.SIGKILL)
                out, err = proc.communicate(timeout=TIMEOUT_S)
        else:
            out, err = proc.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        err += f"\n[fuzz: no answer after {TIMEOUT_S} s, killed]"
    result = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    result.args_children = children  # type: ignore[attr-defined]
    return result


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def run_case(case: Case, template: Path) -> str | None:
    """None if the case behaved, else what went wrong."""
    with tempfile.TemporaryDirectory(prefix="thalign-fuzz-") as tmp:
        d = Path(tmp)
        shutil.copytree(template, d, dirs_exist_ok=True)
        if case.setup:
            case.setup(d)
        before = snapshot(d)
        argv = [a.replace("{d}", str(d)) for a in case.argv]
        if case.model and argv[0] in ("align", "batch") and "--model" not in argv:
            argv += ["--model", "fake"]
        proc = run_cli(argv, d, case.fsize_limit, case.kill_after)
        problems = []
        if "Traceback" in proc.stderr or "Traceback" in proc.stdout:
            problems.append("traceback: " + proc.stderr.strip().splitlines()[-1][:200])
        if proc.returncode not in case.codes:
            problems.append(f"exit {proc.returncode}, expected {case.codes}: {proc.stderr.strip()[-300:]!r}")
        if proc.returncode == 2:
            errors = [line for line in proc.stderr.splitlines() if line.startswith("thalign: error: ")]
            if len(errors) != 1:
                problems.append(f"{len(errors)} error lines: {proc.stderr.strip()[-300:]!r}")
            elif case.message and case.message not in errors[0]:
                problems.append(f"message {errors[0]!r} lacks {case.message!r}")
            others = [line for line in proc.stderr.strip().splitlines() if not PROGRESS_LINE.match(line)]
            if argv[0] != "batch" and len(others) != 1:
                problems.append(f"stderr is not one line (besides progress): {proc.stderr.strip()[-300:]!r}")
        after = snapshot(d)
        for name, digest in before.items():
            if after.get(name) != digest and not _allowed(name, case.may_write):
                problems.append(f"{name} was {'changed' if name in after else 'removed'}")
        added = [n for n in after if n not in before and not _allowed(n, case.may_write)]
        if proc.returncode != 0 and added and not case.may_write:
            problems.append(f"a failed run left files: {added[:3]}")
        if case.kill_after is None and temps(d):
            problems.append(f"temporary files left: {temps(d)}")
        if case.check and not problems:
            try:
                problem = case.check(d, proc)
            except Exception as exc:  # the checker itself must not hide a failure
                problem = f"check raised {type(exc).__name__}: {exc}"
            if problem:
                problems.append(problem)
        return "; ".join(problems) or None


def _guarded(case: Case, template: Path) -> str | None:
    try:
        return run_case(case, template)
    except Exception as exc:  # a broken case is a failed case, never a lost one
        return f"fuzz harness error {type(exc).__name__}: {exc}"


def _allowed(name: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(name, p) for p in patterns)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="cases run at once")
    parser.add_argument("-k", default="", help="only cases whose name contains this")
    parser.add_argument("--list", action="store_true", help="list the cases and stop")
    args = parser.parse_args()
    cases = [c for c in all_cases() if args.k in c.name]
    if args.list:
        print("\n".join(c.name for c in cases))
        print(f"{len(cases)} cases")
        return
    start = time.time()
    with tempfile.TemporaryDirectory(prefix="thalign-fuzz-template-") as template:
        make_sandbox(Path(template))
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            outcomes = list(pool.map(lambda c: (c, _guarded(c, Path(template))), cases))
    failed = [(c, problem) for c, problem in outcomes if problem]
    for case, problem in failed:
        print(f"FAIL {case.name}: {problem}")
    groups: dict[str, list[int]] = {}
    for case, outcome in outcomes:
        counts = groups.setdefault(case.name.split("/")[0], [0, 0])
        counts[0] += 1
        counts[1] += outcome is None
    for group, (tried, passed) in groups.items():
        print(f"  {group:14} {passed:4}/{tried}")
    print(f"cases tried {len(outcomes)}, passed {len(outcomes) - len(failed)} ({time.time() - start:.0f} s)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
