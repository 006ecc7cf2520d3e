"""Where reports go (issues 14 and 18): one report at most on stdout; `-o FORMAT:FILE` refused
before anything is checked when its folder is missing or when FILE is one of the checked
documents; written atomically with the umask's mode, leaving no temporary file; a full disk,
a closed stdout, an unreachable Dask address and Ctrl-C are one line and a status, never
"internal error"."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys

import pytest
from click.testing import CliRunner

from vbcheck.cli import main

from .cli_helpers import EXAMPLE_NAME, child_env, copy_example, nonempty_lines
from .cli_helpers import vbcheck as run_sub

EXAMPLE = f"examples/{EXAMPLE_NAME}"
POSIX = os.name == "posix"


def run(*args, **kw):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, **kw)


@pytest.fixture
def work(tmp_path, monkeypatch):
    copy_example(tmp_path)
    (tmp_path / "doc.txt").write_text("Số: 5/KH-UBND\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_output_into_a_missing_folder_is_a_usage_error(work):
    target = work / "no" / "such" / "dir" / "x.json"
    r = run("-o", f"json:{target}", EXAMPLE)
    assert r.exit_code == 2 and r.stdout == ""
    (line,) = nonempty_lines(r.stderr)
    assert str(target) in line and "internal error" not in line


@pytest.mark.parametrize("args", [["--format", "sarif", "-o", "json"], ["-o", "json", "-o", "sarif"],
                                  ["--format", "json", "-o", "json:-"]], ids=["format+o", "o+o", "dash"])
def test_two_documents_on_stdout_is_a_usage_error(work, args):
    r = run(*args, EXAMPLE)
    assert r.exit_code == 2 and r.stdout == ""
    assert len(nonempty_lines(r.stderr)) == 1 and "standard output" in r.stderr


def test_one_document_on_stdout_and_files_is_fine(work):
    r = run("-o", "json:x.json", "-o", "junit", EXAMPLE)
    assert r.exit_code == 1
    assert r.stdout.startswith("<?xml")  # `-o FORMAT` alone replaces the text on stdout
    json.loads((work / "x.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("target", ["doc.txt", "./doc.txt", "link.txt", "hard.txt"])
def test_output_never_replaces_a_checked_document(work, target):
    os.symlink("doc.txt", work / "link.txt")
    os.link(work / "doc.txt", work / "hard.txt")
    before = (work / "doc.txt").read_bytes()
    r = run("doc.txt", "-o", f"json:{target}")
    assert r.exit_code == 2 and r.stdout == ""
    assert "checked files" in r.stderr and len(nonempty_lines(r.stderr)) == 1
    assert (work / "doc.txt").read_bytes() == before


@pytest.mark.skipif(not POSIX, reason="POSIX file modes")
@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_report_file_is_atomic_with_the_umask_and_leaves_no_temporary(work, umask):
    old = os.umask(umask)
    try:
        r = run(EXAMPLE, "-o", "json:r.json")
    finally:
        os.umask(old)
    assert r.exit_code == 1
    assert stat.S_IMODE((work / "r.json").stat().st_mode) == 0o666 & ~umask
    os.chmod(work / "r.json", 0o640)  # an existing report keeps its mode
    assert run(EXAMPLE, "-o", "json:r.json").exit_code == 1
    assert stat.S_IMODE((work / "r.json").stat().st_mode) == 0o640
    assert sorted(p.name for p in work.iterdir()) == ["doc.txt", "examples", "r.json"]


def test_output_through_a_symlink_keeps_the_link(work):
    (work / "reports").mkdir()
    os.symlink("reports/real.json", work / "r.json")
    assert run(EXAMPLE, "-o", "json:r.json").exit_code == 1
    assert os.path.islink(work / "r.json")
    json.loads((work / "reports" / "real.json").read_text(encoding="utf-8"))


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_full_disk_and_closed_stdout_are_one_line_errors(work):
    cases = {
        "-o to a full disk": ([sys.executable, "-m", "vbcheck", "-o", "json:/dev/full", "doc.txt"], None),
        "stdout on a full disk": ([sys.executable, "-m", "vbcheck", "doc.txt"], "/dev/full"),
        "stdout closed": (["sh", "-c", f'exec "{sys.executable}" -m vbcheck doc.txt >&-'], None),
    }
    for what, (argv, out) in cases.items():
        with open(out or os.devnull, "w") as fh:
            r = subprocess.run(argv, cwd=work, env=child_env(), stdout=None if argv[0] == "sh" else fh,
                               stderr=subprocess.PIPE, text=True, timeout=300)
        lines = nonempty_lines(r.stderr)
        assert r.returncode == 2 and len(lines) == 1, (what, r.returncode, r.stderr)
        assert "internal error" not in lines[0] and "Traceback" not in r.stderr, (what, lines)
        assert ("No space left" in lines[0]) or ("closed" in lines[0]), (what, lines)


def test_dask_address_that_is_no_address_is_a_usage_error(work):
    pytest.importorskip("distributed")
    r = run("--dask-scheduler", "notaurl", "doc.txt")
    assert r.exit_code == 2 and r.stdout == "" and "notaurl" in r.stderr
    assert len(nonempty_lines(r.stderr)) == 1 and "internal error" not in r.stderr


def _sigint_default() -> None:
    """A terminal's Ctrl-C reaches vbcheck with Python's handler in place; a CI runner that
    starts the suite in the background (a non-interactive shell's `cmd &`) hands its children
    SIGINT ignored, and Python then keeps ignoring it: reset it, as a terminal would have it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.skipif(not POSIX, reason="POSIX signals")
def test_ctrl_c_exits_130_not_1(work):
    """Interrupted while it waits for standard input: 130 (128 + SIGINT), never 1 (findings)."""
    p = subprocess.Popen([sys.executable, "-m", "vbcheck", "-"], cwd=work, env=child_env(), stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_sigint_default)
    try:
        import time

        time.sleep(3)  # well past start-up: it is reading stdin
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=60)
    finally:
        p.kill()
    assert p.returncode == 130, (p.returncode, err)
    assert b"Traceback" not in err


def test_max_bytes_out_of_range_means_the_default_with_a_warning(work):
    for value in (str(2**63), str(2**64 + 5), "lots"):
        r = run_sub("doc.txt", cwd=work, env={"VBCHECK_MAX_BYTES": value})
        assert r.returncode == 1, (value, r.stderr)  # checked: VB107
        assert "VB107" in r.stdout and "internal error" not in r.stdout + r.stderr
        (line,) = nonempty_lines(r.stderr)
        assert "VBCHECK_MAX_BYTES" in line and value in line, line


@pytest.mark.skipif(not POSIX or not os.path.isdir("/proc"), reason="POSIX signals, /proc")
@pytest.mark.parametrize("whole_group", [True, False], ids=["terminal-ctrl-c", "main-process-only"])
def test_ctrl_c_with_worker_processes_exits_130_at_once(tmp_path, whole_group):
    """-j 2: interrupted while the pool works, 130, no worker traceback, no worker left."""
    import time

    for i in range(3000):
        (tmp_path / f"d{i:04}.txt").write_text(f"Số: {i}/KH-UBND\nNội dung  văn bản.\n", encoding="utf-8")
    p = subprocess.Popen([sys.executable, "-m", "vbcheck", "-j", "2", "."], cwd=tmp_path, env=child_env(),
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                         preexec_fn=_sigint_default)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and p.poll() is None:  # wait for the pool's workers
            kids = subprocess.run(["pgrep", "-P", str(p.pid)], capture_output=True, text=True).stdout.split()
            if len(kids) >= 2:
                break
            time.sleep(0.05)
        assert p.poll() is None, "the run ended before it could be interrupted"
        time.sleep(0.3)
        if whole_group:
            os.killpg(p.pid, signal.SIGINT)
        else:
            p.send_signal(signal.SIGINT)
        _out, err = p.communicate(timeout=60)
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
    assert p.returncode == 130, (p.returncode, err[-2000:])
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err, err[-2000:]
    time.sleep(0.5)
    left = subprocess.run(["pgrep", "-s", str(p.pid)], capture_output=True, text=True).stdout.split()
    assert not left, f"worker processes left: {left}"
