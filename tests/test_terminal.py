"""The terminal (issue 14): colour on a terminal only (NO_COLOR, FORCE_COLOR, TERM=dumb,
--color; machine formats and files never coloured), `-q` for errors only, and the progress bar
on stderr so that stdout is the same bytes with or without a terminal. Pseudo-terminals and
environment variables need real processes."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from .cli_helpers import ANSI_SGR, EXAMPLE_NAME, child_env, copy_example, run_in_pty
from .cli_helpers import vbcheck as run
from .test_library_api import DOC

FORMATS = ("text", "json", "sarif", "github", "junit", "html")
POSIX = os.name == "posix"


# --- colour -------------------------------------------------------------------------------------

def _plain(b: bytes) -> bytes:
    return ANSI_SGR.sub(b"", b).replace(b"\r\n", b"\n")


TTY_ENV = {"TERM": "xterm-256color"}


@pytest.fixture
def plain_text(work):
    r = run(f"examples/{EXAMPLE_NAME}", cwd=work, text=False)
    assert r.returncode == 1
    return r.stdout


@pytest.fixture
def work(tmp_path):
    copy_example(tmp_path)
    (tmp_path / "kh.md").write_text(DOC, encoding="utf-8")
    return tmp_path


@pytest.mark.skipif(not POSIX, reason="needs a pseudo-terminal")
def test_colour_on_a_terminal(work, plain_text):
    rc, out, _ = run_in_pty([sys.executable, "-m", "vbcheck", f"examples/{EXAMPLE_NAME}"], cwd=work, env=TTY_ENV)
    assert rc == 1
    assert ANSI_SGR.search(out), out[:300]
    assert _plain(out) == plain_text  # colour only decorates


@pytest.mark.skipif(not POSIX, reason="needs a pseudo-terminal")
@pytest.mark.parametrize("env,args", [({"NO_COLOR": "1"}, []), ({}, ["--color", "never"]),
                                      ({"TERM": "dumb"}, [])], ids=["NO_COLOR", "--color=never", "TERM=dumb"])
def test_no_colour_on_a_terminal_when_asked(work, plain_text, env, args):
    rc, out, _ = run_in_pty([sys.executable, "-m", "vbcheck", *args, f"examples/{EXAMPLE_NAME}"], cwd=work,
                            env={**TTY_ENV, **env})
    assert rc == 1, out[-300:]
    assert not ANSI_SGR.search(out)
    assert out.replace(b"\r\n", b"\n") == plain_text


@pytest.mark.skipif(not POSIX, reason="needs a pseudo-terminal")
def test_empty_no_color_does_not_disable_colour(work):
    """no-color.org: NO_COLOR counts only when present and not empty."""
    rc, out, _ = run_in_pty([sys.executable, "-m", "vbcheck", f"examples/{EXAMPLE_NAME}"], cwd=work,
                            env={**TTY_ENV, "NO_COLOR": ""})
    assert rc == 1 and ANSI_SGR.search(out)


@pytest.mark.parametrize("env,args", [({"FORCE_COLOR": "1"}, []), ({}, ["--color", "always"]),
                                      ({"NO_COLOR": "1"}, ["--color", "always"]),
                                      ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, [])],
                         ids=["FORCE_COLOR", "--color=always", "flag-beats-NO_COLOR", "FORCE-beats-NO"])
def test_colour_into_a_pipe_when_forced(work, plain_text, env, args):
    r = run(*args, f"examples/{EXAMPLE_NAME}", cwd=work, text=False, env=env)
    assert r.returncode == 1, r.stderr
    assert ANSI_SGR.search(r.stdout)
    assert _plain(r.stdout) == plain_text


def test_no_colour_into_a_pipe_by_default(work):
    """Guard (passes today)."""
    r = run(f"examples/{EXAMPLE_NAME}", cwd=work, text=False)
    assert not ANSI_SGR.search(r.stdout)


def test_machine_formats_never_coloured(work, monkeypatch):
    from click.testing import CliRunner

    from vbcheck.cli import main

    monkeypatch.chdir(work)
    for fmt in [f for f in FORMATS if f != "text"]:
        plain = CliRunner().invoke(main, ["--format", fmt, f"examples/{EXAMPLE_NAME}"])
        r = CliRunner(env={"FORCE_COLOR": "1"}).invoke(
            main, ["--color", "always", "--format", fmt, f"examples/{EXAMPLE_NAME}", "-o", "text:colour.out"])
        assert r.exit_code == plain.exit_code == 1, r.output
        assert r.stdout_bytes == plain.stdout_bytes and not ANSI_SGR.search(r.stdout_bytes), fmt
        assert not ANSI_SGR.search((work / "colour.out").read_bytes())  # nor any file


def test_color_option_rejects_bad_values(work):
    r = run("--color", "sometimes", f"examples/{EXAMPLE_NAME}", cwd=work)
    assert r.returncode == 2 and "sometimes" in r.stderr
    assert run("--color", "auto", f"examples/{EXAMPLE_NAME}", cwd=work).returncode == 1


# --- --quiet ------------------------------------------------------------------------------------

ERROR_LINE = re.compile(r": [A-Z]+\d+ (lỗi|error) ")


@pytest.mark.parametrize("flag", ["-q", "--quiet"])
def test_quiet_prints_only_errors(work, flag):
    normal = run(f"examples/{EXAMPLE_NAME}", "kh.md", cwd=work)
    r = run(flag, f"examples/{EXAMPLE_NAME}", "kh.md", cwd=work)
    assert r.returncode == normal.returncode == 1, r.stderr
    want = [x for x in normal.stdout.splitlines() if ERROR_LINE.search(x)]
    assert len(want) == 2  # VB107 in each file
    assert r.stdout.splitlines() == want  # no warnings, no info, no summary line


def test_quiet_keeps_unreadable_files_and_exit_status(work):
    r = run("-q", f"examples/{EXAMPLE_NAME}", "nope.docx", cwd=work)
    assert r.returncode == 2
    lines = r.stdout.splitlines()
    assert any(x.startswith("nope.docx:") for x in lines) and any(ERROR_LINE.search(x) for x in lines)
    assert not any("cảnh báo" in x for x in lines)


# --- progress bar on stderr ----------------------------------------------------------------------

@pytest.mark.skipif(not POSIX, reason="needs a pseudo-terminal")
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_progress_bar_never_touches_stdout(tmp_path, fmt):
    """With stderr on a terminal (a progress bar is wanted) and stdout redirected, stdout holds
    exactly the bytes of a run without a terminal."""
    d = tmp_path / "many"
    d.mkdir()
    for i in range(40):
        (d / f"d{i:02}.txt").write_text(DOC.replace("năm 2026\n\nỦy", f"năm 2026 ({i})\n\nỦy"), encoding="utf-8")
    argv = [sys.executable, "-m", "vbcheck", "--format", fmt, "-j", "1", "many"]
    ref = subprocess.run(argv, cwd=tmp_path, env=child_env(TTY_ENV), capture_output=True, timeout=300)
    rc, out, _err = run_in_pty(argv, cwd=tmp_path, env=TTY_ENV, stdout_tty=False, stderr_tty=True)
    assert rc == ref.returncode == 1
    assert out == ref.stdout, out[:200]
