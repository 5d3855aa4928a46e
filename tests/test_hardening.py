"""Issue 15, row by row: every bad input, option or output ends in exit 2 and one line, and nothing is lost.

Each CLI case also checks that the model was never loaded (the check ran before the alignment) and that
every file in the folder is byte-for-byte what it was. The fake model keeps the suite fast.
"""

from __future__ import annotations

import errno
import hashlib
import json
import math
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import thalign.cli as cli
from tests.conftest import ROOT, SEED_BILINGUAL, flores_documents
from thalign import AlignConfig, align_documents, align_files, align_sentences
from thalign.cli import main
from thalign.embed import get_embedder
from thalign.errors import ConfigError, InputError, OutputError, ThalignError
from thalign.read import read_text, split_bilingual
from thalign.write import atomic_write, remove_stale_temps

FAKE = ["--model", "fake"]


@pytest.fixture(scope="module")
def halves() -> tuple[str, str]:
    """The seed's Thai and English halves, as the reader splits them."""
    return split_bilingual(read_text(SEED_BILINGUAL))


@pytest.fixture
def pair(tmp_path, halves):
    """A small real pair (one FLORES document) as two files, plus the seed as one bilingual file."""
    th, en = flores_documents(limit=1)[0]
    (tmp_path / "th.txt").write_text("\n".join(th), encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n".join(en), encoding="utf-8")
    (tmp_path / "seed.txt").write_bytes(SEED_BILINGUAL.read_bytes())
    return tmp_path


@pytest.fixture
def no_model(monkeypatch):
    """Fail loudly if the pipeline ever asks for an embedder: the case must be refused before that."""
    import thalign.pipeline

    def refuse(name):
        raise AssertionError(f"model {name!r} loaded although the input/option/output check should have failed first")

    monkeypatch.setattr(thalign.pipeline, "get_embedder", refuse)


def snapshot(folder: Path) -> dict[str, str]:
    """Every regular file under ``folder`` → hash of its bytes (size and mtime past 64 MiB; FIFOs skipped)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            info = path.stat()
            big = info.st_size > 64 * 2**20
            out[str(path.relative_to(folder))] = (f"{info.st_size}/{info.st_mtime_ns}" if big
                                                   else hashlib.sha256(path.read_bytes()).hexdigest())
    return out


def refused(args: list[str], folder: Path, message: str) -> str:
    """Run the CLI in-process; assert exit 2, one stderr line containing ``message``, no file changed or added."""
    before = snapshot(folder)
    result = CliRunner().invoke(main, args)
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2, result.output
    assert len(lines) == 1 and lines[0].startswith("thalign: error: "), result.stderr
    assert message in lines[0], lines[0]
    assert "Traceback" not in result.output
    assert snapshot(folder) == before
    return lines[0]


# --- row: unreadable inputs are refused unread --------------------------------------------------------------

@pytest.mark.parametrize("kind, message", [
    ("device", "character device"), ("fifo", "named pipe"), ("directory", "is a directory"),
    ("huge", "over the 50 MiB input limit"), ("missing", "No such file"),
])
def test_inputs_that_are_not_text_files_are_refused_before_reading(pair, no_model, kind, message):
    target = {"device": Path("/dev/urandom"), "fifo": pair / "fifo.txt", "directory": pair / "dir.txt",
              "huge": pair / "huge.txt", "missing": pair / "missing.txt"}[kind]
    if kind == "fifo":
        os.mkfifo(target)  # opening it would block forever: it must never be opened
    elif kind == "directory":
        target.mkdir()
    elif kind == "huge":
        with open(target, "wb") as handle:
            handle.truncate(2 * 2**30)  # sparse: 2 GB by size, no disk used
    refused(["align", str(target), str(pair / "en.txt"), "-o", str(pair / "o.tmx"), *FAKE], pair, message)
    with pytest.raises(InputError, match=message):
        align_files(target, pair / "en.txt", AlignConfig(model="fake"))


def test_input_cap_is_an_option(pair, no_model):
    refused(["align", str(pair / "seed.txt"), "-o", str(pair / "o.tmx"), "--max-input-mb", "0", *FAKE], pair,
            "--max-input-mb")
    with open(pair / "mid.txt", "wb") as handle:
        handle.truncate(3 * 2**20)
    refused(["align", str(pair / "mid.txt"), str(pair / "en.txt"), "-o", str(pair / "o.tmx"), "--max-input-mb", "2",
             *FAKE], pair, "over the 2 MiB input limit")


# --- row: outputs that cannot be written fail before the alignment, exit 2, one line -------------------------

@pytest.mark.parametrize("where, message", [
    ("/proc/version", "cannot write /proc/version"),
    ("/sys/out.tmx", "not writable"),
    ("{dir}/seed.txt/out.tmx", "is a file, not a directory"),
    ("{dir}", "is a directory"),
    ("/dev/null", "device"),
])
def test_unwritable_outputs_fail_before_the_alignment(pair, no_model, where, message):
    target = where.format(dir=pair)
    refused(["align", str(pair / "seed.txt"), "-o", target, *FAKE], pair, message)
    refused(["align", str(pair / "seed.txt"), "-o", str(pair / "ok.tmx"), "--report", target, *FAKE], pair, message)


def test_a_write_that_still_fails_exits_2_and_keeps_the_old_output(pair, monkeypatch):
    target = pair / "out.tmx"
    target.write_bytes(b"previous complete output")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    line = refused(["align", str(pair / "th.txt"), str(pair / "en.txt"), "-o", str(target), *FAKE], pair,
                   "No space left on device")
    assert str(target) in line
    assert not [p for p in os.listdir(pair) if p.endswith(".tmp")]
    from thalign import write_result
    from thalign.types import AlignmentResult

    with pytest.raises(OutputError, match="No space left"):
        write_result(AlignmentResult([], [], []), target)


# --- rows: -o is an input; --report is -o ------------------------------------------------------------------

def test_output_equal_to_an_input_is_refused(pair, no_model):
    refused(["align", str(pair / "seed.txt"), "-o", str(pair / "seed.txt"), *FAKE], pair, "refusing to overwrite an input")
    refused(["align", str(pair / "th.txt"), str(pair / "en.txt"), "-o", str(pair / "en.txt"), *FAKE], pair,
            "English input")
    os.symlink(pair / "th.txt", pair / "link.tmx")
    os.link(pair / "en.txt", pair / "hard.tmx")
    refused(["align", str(pair / "th.txt"), str(pair / "en.txt"), "-o", str(pair / "link.tmx"), *FAKE], pair, "Thai input")
    refused(["align", str(pair / "th.txt"), str(pair / "en.txt"), "-o", str(pair / "hard.tmx"), *FAKE], pair, "English input")


def test_report_equal_to_output_is_refused(pair, no_model):
    out = str(pair / "o.tmx")
    refused(["align", str(pair / "seed.txt"), "-o", out, "--report", out, *FAKE], pair, "same file as -o")
    refused(["align", str(pair / "seed.txt"), "-o", out, "--report", str(pair / "." / "o.tmx"), *FAKE], pair, "same file")


# --- row: --fail-on and --check take only known kinds ---------------------------------------------------------

def test_fail_on_and_check_accept_only_known_kinds(pair, no_model):
    from thalign.flags import CHECKS, known_kinds

    line = refused(["align", str(pair / "seed.txt"), "-o", str(pair / "o.tmx"), "--fail-on", "numbers", *FAKE], pair,
                   "unknown flag kind 'numbers'")
    assert all(kind in line for kind in known_kinds())
    line = refused(["align", str(pair / "seed.txt"), "-o", str(pair / "o.tmx"), "--check", "numbers", *FAKE], pair,
                   "--check must be one of")
    assert all(name in line for name in CHECKS)


def test_every_flag_kind_a_check_can_raise_is_known():
    """A kind raised in align/flags but missing from FLAG_KINDS would make --fail-on refuse a real kind."""
    from thalign.flags import known_kinds

    raised = set()
    for source in (ROOT / "align" / "flags").glob("*.py"):
        raised |= set(re.findall(r'Flag\(\s*"([a-z_]+)"', source.read_text(encoding="utf-8")))
    assert raised and raised <= set(known_kinds())


# --- row: options out of range name the option and the range -------------------------------------------------

@pytest.mark.parametrize("options, message", [
    (["--max-bead", "1", "--th-segmenter", "crfcut"], "--max-bead must be an integer from 2 to 12 (got 1)"),
    (["--max-bead", "1"], "--max-bead must be an integer from 2 to 12"),
    (["--max-bead", "0"], "--max-bead must be an integer from 2 to 12 (got 0)"),
    (["--max-bead", "1000000"], "--max-bead must be an integer from 2 to 12"),
    (["--band", "-5"], "--band must be an integer from 1 to 1,000 (got -5)"),
    (["--band", "0"], "--band must be an integer from 1"),
    (["--band", "abc"], "'abc' is not a valid integer"),
    (["--skip-penalty", "nan"], "--skip-penalty must be a finite number from -1 to 0 (got nan)"),
    (["--skip-penalty", "inf"], "--skip-penalty must be a finite number"),
    (["--skip-penalty", "0.5"], "--skip-penalty must be a finite number from -1 to 0"),
    (["--th-segmenter", "nope"], "--th-segmenter must be one of"),
    (["--en-segmenter", "crfcutt"], "--en-segmenter must be one of"),
    (["--merge", "sum"], "--merge must be one of concat, mean"),
    (["--th-lang", "th TH"], "--th-lang must be a language tag"),
    (["--model", "nope"], "unknown model 'nope'"),
    (["--format", "xml"], "'xml' is not one of"),
    (["--no-such-option"], "No such option"),
])
def test_bad_options_are_one_line_naming_the_option(pair, no_model, options, message):
    refused(["align", str(pair / "seed.txt"), "-o", str(pair / "o.tmx"), *FAKE, *options], pair, message)


@pytest.mark.parametrize("field, value, message", [
    ("max_bead", 10**6, "max_bead must be an integer from 2 to 12"), ("max_bead", 1, "max_bead"),
    ("max_side", 0, "max_side must be an integer from 1 to 3"), ("band", -5, "band"), ("band", 0, "band"),
    ("band", 2.5, "band"), ("skip_penalty", math.nan, "skip_penalty"), ("skip_penalty", -math.inf, "skip_penalty"),
    ("full_dp_cells", 10**12, "full_dp_cells"), ("knn", 0, "knn"), ("th_segmenter", "nope", "th_segmenter"),
    ("merge", "sum", "merge"), ("model", "nope", "unknown model 'nope'"), ("checks", ("numbers",), "checks"),
    ("checks", "number", "tuple of check names"), ("segmented", "yes", "segmented"),
])
def test_api_config_fields_are_validated_at_construction(field, value, message):
    with pytest.raises(ConfigError, match=re.escape(message)) as caught:
        AlignConfig(**{field: value})
    assert caught.value.field == field and f"AlignConfig.{field}" in str(caught.value)
    assert isinstance(caught.value, ValueError)


# --- row: API arguments ----------------------------------------------------------------------------------------

def test_api_takes_none_config_and_refuses_wrong_types_clearly(halves):
    th, en = halves
    fake = get_embedder("fake")
    result = align_documents(th, en, None, embedder=fake)  # None means the defaults
    assert sorted(i for b in result.beads for i in b.th) == list(range(len(result.th)))
    with pytest.raises(TypeError, match="th_text must be str, not bytes"):
        align_documents(th.encode(), en, embedder=fake)
    with pytest.raises(TypeError, match="config must be an AlignConfig"):
        align_documents(th, en, {"model": "fake"})
    with pytest.raises(TypeError, match=r"thalign\.Sentence"):
        align_sentences(["a"], ["b"], AlignConfig(model="fake"))
    with pytest.raises(TypeError, match="th_path"):
        align_files(b"seeds/x.txt")


# --- row: bilingual file with the English half first ----------------------------------------------------------

def test_bilingual_file_with_english_first_is_read_correctly(tmp_path, halves):
    th, en = halves
    swapped = tmp_path / "english_first.txt"
    swapped.write_text(en + "\n\n" + th, encoding="utf-8")
    th2, en2 = split_bilingual(read_text(swapped))
    assert th2.strip() == th.strip() and en2.strip() == en.strip()
    result = CliRunner().invoke(main, ["align", str(swapped), "-o", str(tmp_path / "o.jsonl"), *FAKE, "-q"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()[1:]]
    assert "Import Expo" in " ".join(r["en"] for r in records) and "นครเชียงใหม่" in " ".join(r["th"] for r in records)
    assert not any(re.search("[\u0e00-\u0e7f]{5}", r["en"]) for r in records)  # no Thai landed on the English side


# --- batch rows ------------------------------------------------------------------------------------------------

@pytest.fixture
def batch_dir(tmp_path, halves):
    th, en = flores_documents(limit=1)[0]
    root = tmp_path / "in"
    root.mkdir()
    (root / "x.txt").mkdir()  # a folder that looks like an input
    (root / "clash.th.txt").write_text("\n".join(th), encoding="utf-8")
    (root / "clash.en.txt").write_text("\n".join(en), encoding="utf-8")
    (root / "clash.txt").write_text(halves[0] + "\n\n" + halves[1], encoding="utf-8")
    return root


def run_batch_cli(args: list[str]):
    result = CliRunner().invoke(main, ["batch", *args, *FAKE, "--workers", "1", "-q"])
    assert "Traceback" not in result.output
    return result


def test_batch_accounts_for_every_input_with_distinct_outputs(batch_dir, tmp_path):
    out = tmp_path / "out"
    before = snapshot(batch_dir)
    result = run_batch_cli([str(batch_dir), "-o", str(out)])
    assert result.exit_code == 2  # the folder x.txt failed; the batch went on
    assert result.stderr.strip().splitlines() == [f"thalign: error: 1 of 3 pairs failed; reasons and paths in {out}/summary.json"]
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    rows = {o["name"]: o for o in data["outcomes"]}
    assert set(rows) == {"clash", "clash-2", "x"} and data["pairs"] == 3 and data["done"] == 2 and data["failed"] == 1
    assert "is a directory" in rows["x"]["reason"] and rows["x"]["inputs"] == [str(batch_dir / "x.txt")]
    assert {tuple(o["inputs"]) for o in rows.values()} == {
        (str(batch_dir / "clash.th.txt"), str(batch_dir / "clash.en.txt")), (str(batch_dir / "clash.txt"),),
        (str(batch_dir / "x.txt"),)}
    assert (out / "clash.tmx").read_bytes() != (out / "clash-2.tmx").read_bytes()
    assert snapshot(batch_dir) == before
    assert run_batch_cli([str(batch_dir), "-o", str(out)]).exit_code == 2
    again = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert again["skipped"] == 2 and again["failed"] == 1 and again["pairs"] == 3


def test_batch_empty_manifest_and_empty_folder_are_one_line_errors(batch_dir, tmp_path):
    (tmp_path / "empty.tsv").write_text("", encoding="utf-8")
    (tmp_path / "bare").mkdir()
    for args, message in [([str(batch_dir), "--manifest", str(tmp_path / "empty.tsv")], "the manifest is empty"),
                          ([str(tmp_path / "missing")], "not a directory"),
                          ([str(tmp_path / "bare")], "no document pairs found")]:
        result = run_batch_cli([*args, "-o", str(tmp_path / "out")])
        assert result.exit_code == 2 and message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_batch_manifest_duplicate_names_fail_clearly(batch_dir, tmp_path):
    manifest = tmp_path / "pairs.tsv"
    manifest.write_text("name\tth\ten\nA\tclash.th.txt\tclash.en.txt\nA\tclash.th.txt\tclash.en.txt\n"
                        "../up\tclash.th.txt\tclash.en.txt\n\tclash.th.txt\t\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_batch_cli([str(batch_dir), "-o", str(out), "--manifest", str(manifest)])
    assert result.exit_code == 2
    rows = json.loads((out / "summary.json").read_text(encoding="utf-8"))["outcomes"]
    assert [r["status"] for r in rows] == ["done", "failed", "failed", "failed"]
    assert "already used on line 2" in rows[1]["reason"] and "plain file name" in rows[2]["reason"]
    assert "column is empty" in rows[3]["reason"]
    assert len({r["name"] for r in rows}) == 4 and not (tmp_path / "up.tmx").exists()


def test_batch_workers_die_with_their_parent(tmp_path):
    """The parent is killed with SIGKILL (no cleanup can run); its workers must go too, within seconds."""
    script = (
        "import os, sys, time\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from thalign.batch import die_with_parent\n"
        "pool = ProcessPoolExecutor(2, initializer=die_with_parent, initargs=(os.getpid(),))\n"
        "futures = [pool.submit(time.sleep, 120) for _ in range(2)]\n"
        "time.sleep(1.0)\n"
        "print(' '.join(str(p) for p in pool._processes), flush=True)\n"
        "time.sleep(120)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env) as parent:
        workers = [int(p) for p in parent.stdout.readline().split()]
        assert len(workers) == 2 and all(_alive(p) for p in workers)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"  # a zombie is dead, only not yet reaped
    except FileNotFoundError:
        return False


# --- row: kill -9 during the final write -------------------------------------------------------------------------

def test_stale_temps_of_a_killed_write_are_removed_and_live_ones_kept(tmp_path):
    target = tmp_path / "out.tmx"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    try:
        stale = [tmp_path / f".out.tmx.{dead.pid}-abcd1234.tmp", tmp_path / ".out.tmx.k2j4h5g6.tmp"]  # ours; older format
        live = tmp_path / f".out.tmx.{sleeper.pid}-wxyz9876.tmp"
        other = tmp_path / f".other.tmx.{dead.pid}-abcd1234.tmp"
        for path in (*stale, live, other):
            path.write_bytes(b"partial")
        atomic_write(target, b"complete")
        assert target.read_bytes() == b"complete"
        assert not any(p.exists() for p in stale) and live.exists() and other.exists()
        assert remove_stale_temps(tmp_path) == [str(other)]  # the batch-start sweep of a whole folder
        assert live.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_temp_files_have_ordinary_permissions_while_written(tmp_path, monkeypatch):
    modes = []
    real_replace = os.replace

    def spy(src, dst):
        modes.append(os.stat(src).st_mode & 0o777)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    atomic_write(tmp_path / "out.tmx", b"data")
    mask = os.umask(0)
    os.umask(mask)
    assert modes == [0o666 & ~mask]


# --- library errors: always ThalignError / TypeError / ValueError ------------------------------------------------

OPTION_VALUES = st.fixed_dictionaries({
    "max_bead": st.one_of(st.integers(-3, 14), st.sampled_from([10**6, 2**63])),
    "band": st.one_of(st.integers(-5, 30), st.sampled_from([0, 10**9])),
    "skip_penalty": st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.floats(-1, 0)),
    "merge": st.sampled_from(["concat", "mean", "sum"]),
    "th_segmenter": st.sampled_from(["bitext", "crfcut", "lines", "nope"]),
})


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(OPTION_VALUES, st.text(max_size=60), st.booleans())
def test_cli_never_shows_a_traceback_whatever_the_options(tmp_path, halves, options, noise, bilingual):
    th, en = halves
    th_file, en_file = tmp_path / "th.txt", tmp_path / "en.txt"
    th_file.write_text(th[:400] + noise, encoding="utf-8", errors="surrogatepass")
    en_file.write_text(en[:300], encoding="utf-8")
    args = ["align", str(th_file), *([] if bilingual else [str(en_file)]), "-o", str(tmp_path / "o.tmx"), *FAKE, "-q"]
    for key, value in options.items():
        args += ["--" + key.replace("_", "-"), str(value)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    if result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPTION_VALUES, st.integers(-2, 10**8), st.integers(-2, 80), st.text(max_size=200), st.text(max_size=200))
def test_api_raises_only_documented_errors(options, full_dp_cells, knn, th_text, en_text):
    try:
        config = AlignConfig(model="fake", full_dp_cells=full_dp_cells, knn=knn, **options)
    except ConfigError as exc:
        assert exc.field in {*options, "full_dp_cells", "knn", "max_side"} and str(exc)
        return
    try:
        result = align_documents("เซี่ยงไฮ้ 2018 " + th_text, "Shanghai 2018 " + en_text, config)
    except ThalignError as exc:
        assert str(exc)
        return
    assert sorted(j for b in result.beads for j in b.en) == list(range(len(result.en)))


# --- progress (issue 12): readable lines when stderr is not a terminal ---------------------------------------------

def test_progress_is_a_line_every_few_seconds_off_a_terminal(pair, monkeypatch):
    monkeypatch.setattr(cli, "PROGRESS_EVERY_S", 0.0)
    result = CliRunner().invoke(main, ["align", str(pair / "th.txt"), str(pair / "en.txt"), "-o", str(pair / "o.tmx"),
                                       *FAKE])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("thalign: embed:")]
    assert lines and all(re.fullmatch(r"thalign: embed: [\d,]+ sentences done, \d+ s elapsed", line) for line in lines)
    counts = [int(line.split()[2].replace(",", "")) for line in lines]
    assert counts == sorted(counts) and "\r" not in result.stderr  # no bar redraws in a log


def test_progress_with_a_total_says_the_time_left(monkeypatch):
    progress = cli._Progress("batch", "pairs", quiet=False, total=4)
    monkeypatch.setattr(cli.time, "monotonic", lambda: progress.start + 30.0)
    progress.count = 1
    assert progress.line() == "thalign: batch: 1/4 pairs done, 30 s elapsed, about 90 s left"
    progress.count = 4
    assert progress.line() == "thalign: batch: 4/4 pairs done, 30 s elapsed"
