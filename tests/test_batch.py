"""Batch runs: -j N and the Dask path give byte-identical JSON to -j 1 on the corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from vbcheck.runs.batch import resolve_jobs

from .conftest import CORPUS, need_shared


def run_json(*args, env=None):
    out = subprocess.run([sys.executable, "-m", "vbcheck", "--format", "json", "--fail-on", "never", *args],
                         capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.fixture(scope="module")
def serial():
    need_shared()
    return run_json("-j", "1", str(CORPUS / "docx"), str(CORPUS / "text"))


def test_parallel_output_is_identical(serial):
    parallel = run_json("-j", "4", str(CORPUS / "docx"), str(CORPUS / "text"))
    assert parallel == serial
    assert len(json.loads(serial)["files"]) >= 80


def test_dask_output_is_identical(serial):
    distributed = pytest.importorskip("distributed", reason="vbcheck[dask] not installed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)
    try:
        got = run_json("--dask-scheduler", cluster.scheduler_address, str(CORPUS / "docx"), str(CORPUS / "text"))
    finally:
        cluster.close()
    assert got == serial


def test_dask_library_bag():
    need_shared()
    distributed = pytest.importorskip("distributed", reason="vbcheck[dask] not installed")
    import dask.bag as db

    from vbcheck.engine import Options
    from vbcheck.runs.distributed import check_bag, check_paths

    paths = [str(p) for p in sorted((CORPUS / "text").glob("*.txt"))[:6]]
    with distributed.Client(processes=False, dashboard_address=None) as client:
        via_bag = check_bag(db.from_sequence(paths, npartitions=3), Options()).compute()
        via_paths = check_paths(paths, Options(), client=client, send_bytes=True).files
    local = [subprocess_free(p) for p in paths]
    assert [r.as_dict() for r in via_bag] == [r.as_dict() for r in via_paths] == local


def subprocess_free(path):
    import vbcheck

    return vbcheck.check(path).files[0].as_dict()


def test_jobs_resolution(monkeypatch):
    cpus = os.cpu_count() or 1
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    assert resolve_jobs("auto", 1) == 1
    assert resolve_jobs("auto", cpus + 5) == cpus
    monkeypatch.setenv("PRE_COMMIT", "1")
    assert resolve_jobs("auto", 1000) == 1
    assert resolve_jobs("3", 2) == 2 and resolve_jobs("1", 50) == 1
