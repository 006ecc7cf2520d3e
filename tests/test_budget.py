"""The per-file budget (issue 18, item 3): a file past its wall time or memory is that file's
one-line error and the other files go on, in the command line (one process or `-j`, pre-commit
runs the same), the library and Dask; the budget comes from the command line, the configuration
or the environment.

The over-budget input is generated: a text of about 1.9 million characters (under the 2 million
VBCHECK_MAX_CHARS) whose check costs several seconds and about 100 MB, against a budget of 2 s or
50 MB; the small documents beside it cost a few hundredths of a second and a few MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import vbcheck
from vbcheck.core import budget
from vbcheck.core.errors import InputError
from vbcheck.engine import FileResult, Options

ROOT = Path(__file__).resolve().parent.parent
SMALL = "Số: 12/KH-UBND\nxin chào\n"
LINUX = sys.platform.startswith("linux")


def _big() -> str:
    return "Số: 12/KH-UBND\n" + "a  b " * 380_000 + "\n"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("budget")
    (d / "a.txt").write_text(SMALL, "utf-8")
    (d / "big.txt").write_text(_big(), "utf-8")
    (d / "b.txt").write_text(SMALL, "utf-8")
    return d


def _vbcheck(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    e = {**os.environ, "VBCHECK_LOAD_PLUGINS": "", "NO_COLOR": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "vbcheck", "--isolated", "--format", "json", *args], cwd=cwd,
                          env=e, capture_output=True, text=True, encoding="utf-8", timeout=600)


def _errors(proc) -> dict[str, str | None]:
    import json

    return {Path(f["path"]).name: f.get("error") for f in json.loads(proc.stdout)["files"]}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_over_the_time_budget_is_its_error_and_the_others_go_on(files, jobs):
    t = time.monotonic()
    r = _vbcheck(files, "--time-budget", "2", "-j", jobs, "a.txt", "big.txt", "b.txt")
    took = time.monotonic() - t
    errors = _errors(r)
    assert r.returncode == 2, r.stderr
    assert "over the per-file time budget (2 s" in (errors["big.txt"] or "") or \
        "vượt ngân sách thời gian cho một tệp (2 s" in (errors["big.txt"] or ""), errors
    assert errors["a.txt"] is None and errors["b.txt"] is None, errors
    # The over-budget file is a one-line error, on stderr too.
    assert any("big.txt" in line and "2 s" in line for line in r.stderr.splitlines()), r.stderr
    assert took < 120, took  # stopped, not run to the end (which costs far more on a loaded machine)


def test_a_file_over_the_memory_budget_is_its_error_and_the_others_go_on(files):
    if not LINUX:
        pytest.skip("the memory budget of a worker process needs RLIMIT_AS (Linux)")
    r = _vbcheck(files, "--memory-budget", "50M", "a.txt", "big.txt", "b.txt")
    errors = _errors(r)
    assert r.returncode == 2, r.stderr
    assert "ngân sách bộ nhớ" in (errors["big.txt"] or "") and "50 MB" in errors["big.txt"], errors
    assert errors["a.txt"] is None and errors["b.txt"] is None, errors
    # Within the default budget the same file is checked.
    r = _vbcheck(files, "big.txt")
    assert r.returncode == 1 and _errors(r)["big.txt"] is None, r.stderr


def test_the_budget_from_the_configuration_and_the_environment(files, tmp_path):
    (tmp_path / "vbcheck.toml").write_text("time-budget = 2\n", "utf-8")
    for name in ("a.txt", "big.txt"):
        (tmp_path / name).write_text((files / name).read_text("utf-8"), "utf-8")
    e = {**os.environ, "VBCHECK_LOAD_PLUGINS": "", "NO_COLOR": "1"}
    r = subprocess.run([sys.executable, "-m", "vbcheck", "--format", "json", "a.txt", "big.txt"], cwd=tmp_path,
                       env=e, capture_output=True, text=True, encoding="utf-8", timeout=600)
    errors = _errors(r)
    assert "2 s" in (errors["big.txt"] or "") and errors["a.txt"] is None, (errors, r.stderr)
    r = _vbcheck(files, "a.txt", "big.txt", env={"VBCHECK_TIME_BUDGET": "2"})
    errors = _errors(r)
    assert "2 s" in (errors["big.txt"] or "") and errors["a.txt"] is None, (errors, r.stderr)


def test_an_invalid_budget_means_the_default_with_one_warning(files):
    """Read in the worker process, said once by the command line."""
    r = _vbcheck(files, "a.txt", "b.txt", "-j", "2", env={"VBCHECK_TIME_BUDGET": "lots"})
    assert r.returncode == 1 and set(_errors(r).values()) == {None}, r.stderr
    warned = [line for line in r.stderr.splitlines() if "VBCHECK_TIME_BUDGET" in line]
    assert len(warned) == 1 and "default 60" in warned[0], r.stderr


def test_budget_values_are_checked():
    from vbcheck.core.errors import ConfigError

    for table in ({"time-budget": 0}, {"time-budget": "60"}, {"memory-budget": "lots"}, {"memory-budget": -1},
                  {"time-budget": True}):
        with pytest.raises(ConfigError, match="budget"):
            vbcheck.check_text(SMALL, config=table)
    r = _vbcheck(Path.cwd(), "--memory-budget", "lots", "x.txt")
    assert r.returncode == 2 and "--memory-budget" in r.stderr and "Traceback" not in r.stderr


def test_the_library_stops_a_file_at_its_time_budget(monkeypatch):
    """In one process the engine's deadline stops the check between two checks."""
    monkeypatch.setenv("VBCHECK_TIME_BUDGET", "1")
    t = time.monotonic()
    f = vbcheck.check_text(_big()).files[0]
    assert f.error is not None and "(1 s;" in f.error and f.violations == [], f.error
    assert time.monotonic() - t < 60
    assert vbcheck.check_text(SMALL, config={"time-budget": 5}).files[0].error is None
    with budget.deadline(1000):  # nested: the earlier deadline holds
        with budget.deadline(0):
            time.sleep(0.01)
            with pytest.raises(InputError, match="0 s"):
                budget.check()
        budget.check()


@pytest.mark.skipif(not LINUX, reason="worker processes that hold a budget are forked (Linux)")
def test_a_worker_that_hangs_is_killed_and_the_run_goes_on(monkeypatch, tmp_path):
    """A check that never looks at the deadline (a C library, a regular expression) is stopped by
    the parent: its worker is killed at the budget, a new one takes the next file."""
    from vbcheck.runs import supervise

    real = supervise.check_path

    def hangs_on_big(path, options, data=None):
        if path.endswith("hang.txt"):
            while True:
                pass
        return real(path, options, data)

    monkeypatch.setattr(supervise, "check_path", hangs_on_big)  # the fork inherits it
    monkeypatch.setattr(supervise, "GRACE", 0.5)
    for name in ("a.txt", "hang.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(SMALL, "utf-8")
    paths = [str(tmp_path / n) for n in ("a.txt", "hang.txt", "b.txt", "c.txt")]
    for jobs in (1, 2):
        t = time.monotonic()
        res = supervise.check_all([(p, None) for p in paths], Options(lang="en", time_budget=1), jobs)
        assert [Path(r.path).name for r in res] == ["a.txt", "hang.txt", "b.txt", "c.txt"]
        assert res[1].error == "over the per-file time budget (1 s; --time-budget, VBCHECK_TIME_BUDGET)"
        assert all(r.error is None and r.violations for i, r in enumerate(res) if i != 1), res
        assert time.monotonic() - t < 60


@pytest.mark.skipif(not LINUX, reason="worker processes that hold a budget are forked (Linux)")
def test_a_worker_that_dies_costs_only_its_file(monkeypatch, tmp_path):
    from vbcheck.runs import supervise

    real = supervise.check_path

    def dies(path, options, data=None):
        if path.endswith("die.txt"):
            os._exit(7)
        return real(path, options, data)

    monkeypatch.setattr(supervise, "check_path", dies)
    for name in ("a.txt", "die.txt", "b.txt"):
        (tmp_path / name).write_text(SMALL, "utf-8")
    res = supervise.check_all([(str(tmp_path / n), None) for n in ("a.txt", "die.txt", "b.txt")],
                              Options(lang="en"), 1)
    assert "ended (exit 7)" in res[1].error and res[1].internal_errors, res[1]
    assert res[0].error is None and res[2].error is None


def test_dask_task_failure_is_that_files_error():
    """A task Dask could not finish (a worker killed past its memory limit) is its file's error."""
    from vbcheck.runs.distributed import _result

    class Failed:
        def result(self):
            raise RuntimeError("KilledWorker: attempts 3")

    class Done:
        def result(self):
            return FileResult(path="a.txt")

    got = [_result(p, f, Options(lang="en")) for p, f in (("a.txt", Done()), ("b.txt", Failed()))]
    assert got[0].error is None
    assert got[1].path == "b.txt" and got[1].error == "the Dask task checking this file failed (RuntimeError: KilledWorker: attempts 3)"


def test_dask_holds_each_file_to_its_time_budget(files):
    distributed = pytest.importorskip("distributed", reason="vbcheck[dask] not installed")
    from vbcheck.runs.distributed import check_paths

    with distributed.Client(processes=False, dashboard_address=None) as client:
        rep = check_paths([str(files / n) for n in ("a.txt", "big.txt")], Options(lang="en", time_budget=1),
                          client=client)
    assert rep.files[0].error is None
    assert rep.files[1].error == "over the per-file time budget (1 s; --time-budget, VBCHECK_TIME_BUDGET)"


def test_each_thread_has_its_own_deadline():
    """A server or a Dask worker checks files in several threads: one file's deadline is not
    another's, and none outlives its file (a shared one did, and failed every later file)."""
    import threading

    errors = []

    def one():
        for _ in range(20):
            f = vbcheck.check_text(SMALL, config={"time-budget": 1}).files[0]
            errors.append(f.error)

    threads = [threading.Thread(target=one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [None] * 80
    time.sleep(1.1)  # every deadline set above has passed: none may be left behind
    assert vbcheck.check_text(SMALL, config={"time-budget": 1}).files[0].error is None
    budget.check()


def test_the_page_holds_each_upload_to_its_budget():
    """`vbcheck serve`: an upload past the time budget, or past the memory of its worker (the
    pool's workers are capped on Linux), is that upload's error; the next upload is checked."""
    from vbcheck.web import app, jobs

    big = _big().encode("utf-8")
    res, _ = jobs.check_upload("big.txt", big, {"lang": "en", "time_budget": 1})
    assert res.error == "over the per-file time budget (1 s; --time-budget, VBCHECK_TIME_BUDGET)"
    if not LINUX:
        return
    pool = app._pool(1, memory=50 << 20)
    try:
        res, _ = pool.submit(jobs.check_upload, "big.txt", big, {"lang": "en"}).result(timeout=600)
        assert res.error is not None and "memory budget (50 MB" in res.error, res.error
        res, _ = pool.submit(jobs.check_upload, "a.txt", SMALL.encode(), {"lang": "en"}).result(timeout=600)
        assert res.error is None and res.violations
    finally:
        pool.shutdown(cancel_futures=True)


@pytest.mark.skipif(not LINUX, reason="worker processes that hold a budget are forked (Linux)")
def test_forked_workers_answer_what_the_check_in_process_gives(tmp_path):
    """runs/supervise.py forks its workers itself and sends answers through pipes (no
    multiprocessing): the results, read from one worker or two, equal a check in this process;
    bytes sent to the worker (standard input) too."""
    from vbcheck.engine import check_path_contained
    from vbcheck.runs import supervise

    from .conftest import SEEDS

    paths = [str(ROOT / "examples" / "ke-hoach-du-thao.docx")]
    paths += [str(p) for p in sorted(SEEDS.glob("*"))[:5]] if SEEDS.is_dir() else [str(tmp_path / "a.txt")]
    (tmp_path / "a.txt").write_text(SMALL, "utf-8")
    options = Options(lang="en")
    plain = [check_path_contained(p, options) for p in paths]
    assert sum(len(r.violations) for r in plain) > 10
    for jobs in (1, 2):
        assert supervise.check_all([(p, None) for p in paths], options, jobs) == plain
    data = Path(paths[0]).read_bytes()
    assert supervise.check_all([(paths[0], data)], options, 1) == [check_path_contained(paths[0], options, data)]
