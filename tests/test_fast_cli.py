"""cli/fast.py: a plain check's command line parsed without click gives what click gives.

- its table of options is the click `check` command's (names, option strings, kinds, choices,
  defaults), so an option added to the command cannot be parsed differently, only by click;
- for many command lines, `parse()` returns click's parameters or None (click's to parse), and
  the common ones are parsed;
- run as `python -m vbcheck`, the fast path and the click group print the same bytes and exit
  with the same status, usage errors and unwritable reports included, and a check imports no
  click.
"""

from __future__ import annotations

import os
import subprocess
import sys

import click
import pytest

from vbcheck.cli import fast
from vbcheck.cli.check import check

from .cli_helpers import EXAMPLE, child_env


def _click_params(argv: list[str]) -> dict:
    """What click hands `check` for argv, as the group routes it (`check` first or implied)."""
    args = argv[1:] if argv[:1] == ["check"] else argv
    return check.make_context("check", list(args)).params


def test_the_table_is_the_click_commands():
    defaults = _click_params(["x.docx"])
    assert set(fast.DEFAULTS) == {p.name for p in check.params} == set(defaults)
    assert {**fast.DEFAULTS, "paths": ("x.docx",)} == defaults
    left_to_click = {"config_file", "cache_dir", "time_budget", "respect_gitignore", "paths"}
    for p in check.params:
        if p.name in left_to_click:
            assert p.name not in fast.OPTIONS
            continue
        opts, kind, choices = fast.OPTIONS[p.name]
        assert set(opts) == set(p.opts) and not p.secondary_opts, p.name
        assert kind == ("flag" if p.is_flag else "multiple" if p.multiple else "value"), p.name
        assert isinstance(p.type, click.Choice) == (choices is not None), p.name
        if choices is not None:
            assert tuple(p.type.choices) == choices, p.name
        else:
            assert p.is_flag or type(p.type) is type(click.STRING), p.name  # taken as given
    gitignore = next(p for p in check.params if p.name == "respect_gitignore")
    assert set(fast._GITIGNORE) == {*gitignore.opts, *gitignore.secondary_opts}


PARSED = [
    ["a.docx"],
    ["check", "a.docx", "b.txt"],
    ["--fail-on", "never", "a.docx"],
    ["a.docx", "--format", "json", "--lang", "en"],
    ["--format=sarif", "-", "--stdin-filename", "x.docx"],
    ["-o", "json:out.json", "--output", "text", "-q", "a.docx", "--quiet"],
    ["--select", "VB1,VB2", "--select", "VB3", "--ignore", "VB208", "--extend-select", "VB9", "a.docx"],
    ["--profile", "dang", "--stage", "final", "--color", "never", "a.docx", "--format", "text", "--format", "json"],
    ["--show-not-evaluated", "--force-exclude", "--statistics", "--cache", "--show-files", "d"],
    ["--no-respect-gitignore", "a", "--respect-gitignore"],
    ["-j", "2", "--jobs", "auto", "--memory-budget", "512M", "--dask-scheduler", "tcp://h:1", "a"],
    ["--isolated", "thư mục/văn bản.docx"],
    ["check"],
    ["", "--select=", "--jobs=", "a\udcff.docx"],
]
LEFT_TO_CLICK = [
    [], ["--help"], ["a.docx", "-h"], ["rules"], ["check", "--version"], ["--version", "a"],
    ["a", "--"], ["--", "-a.docx"], ["-qj2", "a"], ["-j2", "a"], ["-oJSON", "a"],
    ["--format", "xml", "a"], ["--format", "JSON", "a"], ["--fail-on"], ["a", "--select"],
    ["--select", "-x", "a"], ["--quiet=1", "a"], ["--respect-gitignore=yes", "a"],
    ["--config", "c.toml", "a"], ["--cache-dir", "c", "a"], ["--time-budget", "5", "a"],
    ["--unknown", "a"], ["-x", "a"], ["--form", "json", "a"], ["fix", "a"], ["-1"],
]


@pytest.mark.parametrize("argv", PARSED + LEFT_TO_CLICK)
def test_parse_gives_clicks_parameters_or_leaves_it_to_click(argv):
    mine = fast.parse(argv)
    if argv in PARSED:
        assert mine is not None
        assert mine == _click_params(argv)
    else:
        assert mine is None


def test_no_click_for_completion_and_windows(monkeypatch):
    assert fast.parse(["a.docx"]) is not None
    monkeypatch.setenv("_VBCHECK_COMPLETE", "bash_complete")
    assert fast.parse(["a.docx"]) is None
    monkeypatch.delenv("_VBCHECK_COMPLETE")
    monkeypatch.setattr(os, "name", "nt")
    assert fast.parse(["a.docx"]) is None


_CLICK_GROUP = "import sys\nfrom vbcheck.cli import main\nsys.argv[0] = 'vbcheck'\nmain()\n"
_FAST = ("import sys\nfrom vbcheck.__main__ import run\nfrom vbcheck.cli import fast\n"
         "assert fast.parse(sys.argv[1:]) is not None\n"
         "try:\n    run()\nfinally:\n    print('click' in sys.modules, file=sys.stderr)\n")


def test_fast_path_prints_and_exits_as_the_click_group(tmp_path):
    folder = tmp_path / "no folder"
    cases = [
        [str(EXAMPLE)],
        ["--format", "json", "--lang", "en", str(EXAMPLE)],
        ["--select", "VB1", "--show-not-evaluated", "-q", str(EXAMPLE)],
        ["--select", "VB999x", str(EXAMPLE)],  # usage error: no rule matches
        ["-o", f"json:{folder}/r.json", str(EXAMPLE)],  # usage error: the folder does not exist
        ["--format", "json", "-o", "sarif", str(EXAMPLE)],  # two reports on stdout
        ["-j", "zwei", str(EXAMPLE), str(EXAMPLE)],
        ["--stdin-filename", "x.docx", str(EXAMPLE)],
        ["--memory-budget", "lots", str(EXAMPLE)],
        ["check"],
        ["--fail-on", "never", str(tmp_path / "missing.docx")],
        ["--format", "json", str(tmp_path / "missing.docx")],  # the reason on stderr too
        ["--statistics", "--format", "sarif", str(EXAMPLE)],  # counts on stderr
    ]
    env = child_env()
    for args in cases:
        plain = subprocess.run([sys.executable, "-c", _CLICK_GROUP, *args], capture_output=True, env=env,
                               timeout=300, cwd=tmp_path)
        quick = subprocess.run([sys.executable, "-c", _FAST, *args], capture_output=True, env=env,
                               timeout=300, cwd=tmp_path)
        err, _, _imported = quick.stderr.rstrip(b"\n").rpartition(b"\n")
        assert (quick.returncode, quick.stdout, err + (b"\n" if err else b"")) == (
            plain.returncode, plain.stdout, plain.stderr), args
        assert plain.returncode in (0, 1, 2) and (plain.stdout or plain.stderr), args
        # The command itself, which exits without the interpreter's teardown, says the same.
        command = subprocess.run([sys.executable, "-m", "vbcheck", *args], capture_output=True, env=env,
                                 timeout=300, cwd=tmp_path)
        assert (command.returncode, command.stdout, command.stderr) == (
            plain.returncode, plain.stdout, plain.stderr), args


def test_a_plain_check_imports_no_click():
    proc = subprocess.run([sys.executable, "-c", _FAST, "--fail-on", "never", str(EXAMPLE)], capture_output=True,
                          text=True, env=child_env(), timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == "False"


def test_days_in_month_is_calendars():
    """checks/dateline.py counts a month's days without importing calendar (and locale)."""
    import calendar

    from vbcheck.checks.dateline import days_in_month

    years = [0, 1, 4, 100, 400, 1900, 1999, 2000, 2023, 2024, 2100, 9999, 10000, 123456789012]
    assert [days_in_month(y, m) for y in years for m in range(1, 13)] == [
        calendar.monthrange(y, m)[1] for y in years for m in range(1, 13)]


def test_the_budgets_thread_state_is_threading_local():
    """core/budget.py takes threading.local from _thread (the same class), not importing threading."""
    import threading

    from vbcheck.core import budget

    assert type(budget._state) is threading.local


@pytest.mark.skipif(not os.path.isdir("/proc") or not hasattr(os, "fork"), reason="forked workers, /proc")
def test_the_command_waits_for_its_worker_and_writes_its_tables(tmp_path):
    """runs/supervise.py kills the run's worker without waiting and reaps it at exit, and
    `python -m vbcheck` exits without the interpreter's teardown but after its exit handlers: no
    worker is left when it has exited, and the pattern table is written (text/compiled.py)."""
    env = {k: v for k, v in child_env().items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "prefix")
    p = subprocess.Popen([sys.executable, "-m", "vbcheck", "--fail-on", "never", str(EXAMPLE)], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    out, err = p.communicate(timeout=300)
    left = subprocess.run(["pgrep", "-s", str(p.pid)], capture_output=True, text=True).stdout.split()
    assert p.returncode == 0 and out and not err, err
    assert not left, f"worker processes left: {left}"
    assert len(list((tmp_path / "prefix").rglob("patterns.marshal"))) == 1
