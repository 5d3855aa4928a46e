"""Batch runs on real seed files: pairing, bad files, resuming, and Dask giving the same bytes as serial."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from tests.conftest import SEED_BILINGUAL, SEED_THAI_ONLY, flores_documents
from thalign.batch import find_pairs, run_batch
from thalign.cli import main
from thalign.config import AlignConfig

FAKE = AlignConfig(model="fake")


@pytest.fixture
def corpus(tmp_path):
    """A folder with every pairing convention and every kind of bad file."""
    root = tmp_path / "in"
    (root / "th").mkdir(parents=True)
    (root / "en").mkdir()
    th, en = flores_documents(limit=3)[2]
    (root / "th" / "flores.txt").write_text("\n".join(th), encoding="utf-8")
    (root / "en" / "flores.txt").write_text("\n".join(en), encoding="utf-8")
    th2, en2 = flores_documents(limit=2)[1]
    (root / "news.th.txt").write_text(" ".join(th2), encoding="utf-8")
    (root / "news.en.txt").write_text(" ".join(en2), encoding="utf-8")
    (root / "orphan.th.txt").write_text("ภาษาไทยเท่านั้น", encoding="utf-8")
    shutil.copy(SEED_BILINGUAL, root / "seed.txt")
    shutil.copy(SEED_THAI_ONLY, root / "thai_only.txt")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02\x03PK")
    (root / "legacy.th.txt").write_bytes("ในปี ๒๕๖๑ มีบริษัท ๓๐๕ แห่ง".encode("tis-620"))
    (root / "legacy.en.txt").write_text("In 2018 there were 305 companies.", encoding="utf-8")
    return root


def test_find_pairs_knows_every_convention(corpus):
    jobs = {j.name: j for j in find_pairs(corpus)}
    assert jobs["flores"].en.endswith("en/flores.txt") and jobs["flores"].error is None
    assert jobs["news"].en.endswith("news.en.txt")
    assert jobs["seed"].en is None and jobs["seed"].error is None  # one bilingual file
    assert jobs["orphan"].error == "no English partner"


def test_manifest_lists_pairs(corpus, tmp_path):
    manifest = tmp_path / "pairs.tsv"
    manifest.write_text("name\tth\ten\nA\tnews.th.txt\tnews.en.txt\nB\tnews.th.txt\tmissing.txt\n", encoding="utf-8")
    jobs = find_pairs(corpus, manifest)
    assert [j.name for j in jobs] == ["A", "B"]
    assert jobs[0].error is None and "missing.txt" in jobs[1].error


def test_batch_reports_bad_files_and_goes_on(corpus, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(corpus), "-o", str(out), "--model", "fake", "--workers", "1", "-q"])
    assert result.exit_code == 2  # something failed
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    status = {o["name"]: (o["status"], o["reason"]) for o in data["outcomes"]}
    assert status["flores"][0] == status["news"][0] == status["seed"][0] == status["legacy"][0] == "done"
    # A Thai-only file gets the Thai-only QA instead of failing (the second seed: a province used as a district).
    assert status["thai_only"] == ("done", "Thai only: QA checks in thai_only.check.tsv")
    checks = (out / "thai_only.check.tsv").read_text(encoding="utf-8").splitlines()
    assert checks[0] == "paragraph\tkind\tseverity\tevidence" and any("\tname\t" in row for row in checks[1:])
    assert "empty" in status["empty"][1] and "binary" in status["binary"][1]
    assert status["orphan"] == ("failed", "no English partner")
    assert (out / "seed.tmx").exists() and (out / "seed.jsonl").exists()
    assert data["beads"] and data["th_sentences"] > 0


def test_batch_resumes_and_redoes_changed_inputs(corpus, tmp_path):
    out = tmp_path / "out"
    jobs = [j for j in find_pairs(corpus) if j.name in ("news", "flores")]
    first = run_batch(jobs, out, FAKE, ("tmx",))
    assert [o.status for o in first] == ["done", "done"]
    again = run_batch(jobs, out, FAKE, ("tmx",))
    assert [o.status for o in again] == ["skipped", "skipped"]
    (corpus / "news.en.txt").write_text("A different English text entirely.", encoding="utf-8")
    third = {o.name: o.status for o in run_batch(jobs, out, FAKE, ("tmx",))}
    assert third == {"flores": "skipped", "news": "done"}


def test_dask_cluster_gives_the_same_bytes_as_serial(corpus, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    jobs = [j for j in find_pairs(corpus) if j.error is None and j.name in ("news", "flores", "seed", "legacy")]
    serial = tmp_path / "serial"
    run_batch(jobs, serial, FAKE, ("tmx", "jsonl"))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        parallel = tmp_path / "dask"
        outcomes = run_batch(jobs, parallel, FAKE, ("tmx", "jsonl"), scheduler=cluster.scheduler_address)
    assert all(o.status == "done" for o in outcomes)
    for job in jobs:
        for ext in ("tmx", "jsonl"):
            assert (serial / f"{job.name}.{ext}").read_bytes() == (parallel / f"{job.name}.{ext}").read_bytes()
