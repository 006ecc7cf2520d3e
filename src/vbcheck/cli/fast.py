"""Speed trick, in one place: a plain `vbcheck [check] [OPTIONS] PATH...` parsed without click.

Importing click costs a one-file run some 11-15 ms (its modules, with uuid, platform, datetime,
gettext and threading behind them), about a tenth of the whole run, to parse a command line that
is nearly always a few paths and a few of the check's options. `parse()` reads exactly those
command lines: every token a path, or one of the options in `OPTIONS` written as `--name value`,
`--name=value` or a flag, each value one click would take as given (a choice among its choices,
a string that does not start with `-`). Anything else (a sub-command, `--help`, `--`, short
options run together, the options that click checks against the file system or converts, a
missing or doubtful value, shell completion, Windows' argument expansion) returns None, and the
command line goes to click exactly as before. What it returns is what click hands the `check`
command (tests/test_fast_cli.py compares the two for many command lines, and checks `OPTIONS`
against the click command's own options); `run()` then calls the same body (cli/checking.py)
with the same handling of every way out (`outcome`), naming the command `vbcheck check` in a
usage error's hint as click's context does.
"""

from __future__ import annotations

import os
import sys

from ..core.vocabulary import FAIL_ON, LANGS, PROFILE_CHOICES, STAGES
from . import COMMANDS, DEFAULT
from .checking import FORMATS

# parameter -> (option strings, kind, choices): kind "flag", "value" (the last one given counts)
# or "multiple" (a tuple, in order). The check's other options (--config, --cache-dir,
# --time-budget: click converts or checks them) send the command line to click.
OPTIONS: dict[str, tuple[tuple[str, ...], str, tuple[str, ...] | None]] = {
    "fmt": (("--format",), "value", FORMATS),
    "outputs": (("-o", "--output"), "multiple", None),
    "isolated": (("--isolated",), "flag", None),
    "profile": (("--profile",), "value", PROFILE_CHOICES),
    "stage": (("--stage",), "value", STAGES),
    "select": (("--select",), "multiple", None),
    "extend_select": (("--extend-select",), "multiple", None),
    "ignore": (("--ignore",), "multiple", None),
    "fail_on": (("--fail-on",), "value", FAIL_ON),
    "lang": (("--lang",), "value", LANGS),
    "show_not_evaluated": (("--show-not-evaluated",), "flag", None),
    "quiet": (("-q", "--quiet"), "flag", None),
    "color": (("--color",), "value", ("auto", "always", "never")),
    "stdin_filename": (("--stdin-filename",), "value", None),
    "force_exclude": (("--force-exclude",), "flag", None),
    "show_files": (("--show-files",), "flag", None),
    "jobs": (("-j", "--jobs"), "value", None),
    "statistics": (("--statistics",), "flag", None),
    "dask_scheduler": (("--dask-scheduler",), "value", None),
    "use_cache": (("--cache",), "flag", None),
    "memory_budget": (("--memory-budget",), "value", None),
}
# What click gives a parameter the command line does not set.
DEFAULTS = {
    "paths": (), "fmt": None, "outputs": (), "config_file": None, "isolated": False, "profile": None,
    "stage": None, "select": (), "extend_select": (), "ignore": (), "fail_on": None, "lang": None,
    "show_not_evaluated": False, "quiet": False, "color": "auto", "stdin_filename": None,
    "force_exclude": False, "respect_gitignore": None, "show_files": False, "jobs": "auto",
    "statistics": False, "dask_scheduler": None, "use_cache": False, "cache_dir": None,
    "time_budget": None, "memory_budget": None,
}
_BY_NAME = {opt: name for name, (opts, _kind, _choices) in OPTIONS.items() for opt in opts}
_GITIGNORE = {"--respect-gitignore": True, "--no-respect-gitignore": False}


def parse(argv: list[str]) -> dict | None:
    """The `check` command's parameters as click would give them, or None: click's to parse."""
    if not argv or os.name == "nt" or "_VBCHECK_COMPLETE" in os.environ:
        return None
    if argv[0] == DEFAULT:
        argv = argv[1:]
    elif argv[0] in COMMANDS:
        return None
    params = dict(DEFAULTS)
    paths: list[str] = []
    multiple: dict[str, list[str]] = {}
    i = 0
    while i < len(argv):
        token = argv[i]
        i += 1
        if not isinstance(token, str):
            return None
        if token == "-" or not token.startswith("-"):
            paths.append(token)
            continue
        name, eq, value = token.partition("=") if token.startswith("--") else (token, "", "")
        if name in _GITIGNORE and not eq:
            params["respect_gitignore"] = _GITIGNORE[name]
            continue
        param = _BY_NAME.get(name)
        if param is None:
            return None  # --help, --, -j2, an unknown or a click-checked option: click's
        _opts, kind, choices = OPTIONS[param]
        if kind == "flag":
            if eq:
                return None
            params[param] = True
            continue
        if not eq:
            if i >= len(argv):
                return None
            value = argv[i]
            i += 1
        if not isinstance(value, str) or value.startswith("-") or (choices is not None and value not in choices):
            return None
        if kind == "multiple":
            multiple.setdefault(param, []).append(value)
        else:
            params[param] = value
    params["paths"] = tuple(paths)
    for param, values in multiple.items():
        params[param] = tuple(values)
    return params


def run(params: dict, exit_at_once: bool = False) -> None:
    """Run the check as the click group would (streams, warnings, exit status), and exit;
    `exit_at_once` (the `vbcheck` script and `python -m vbcheck`, whose process this is): without
    the interpreter's teardown (`_quick_exit`)."""
    import warnings

    from . import _one_line_warning, finish, outcome
    from .checking import run as check
    from .streams import utf8_streams

    utf8_streams()
    warnings.showwarning = _one_line_warning
    code = outcome(lambda: check(**params), f"vbcheck {DEFAULT}")
    if not (exit_at_once and _quick_exit(code)):
        finish(code)


def _quick_exit(code: int) -> bool:
    """Exit now with `code`, as the interpreter would after its exit handlers, but without
    tearing down every module and object one by one (some 3 ms after a check, for nothing: the
    process ends). Only when nothing can need that teardown: the reports are written and their
    files closed, standard output and error flush, no other thread runs. False otherwise: the
    caller exits the usual way."""
    batch = sys.modules.get("vbcheck.runs.batch")
    threading = sys.modules.get("threading")
    if (code == 130 and getattr(batch, "STOPPED_POOL", False)) or (
            threading is not None and threading.active_count() > 1):
        return False
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except Exception:  # noqa: BLE001 - the usual exit says it, with its status
        return False
    import atexit

    atexit._run_exitfuncs()  # the kept patterns and dataclass code, the workers reaped
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except Exception:  # noqa: BLE001 - nothing left to say it on
            pass
    os._exit(code)
