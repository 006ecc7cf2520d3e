"""Command line: a click group whose default command is `check`.

    vbcheck [OPTIONS] PATH...        = vbcheck check [OPTIONS] PATH...
    vbcheck fix PATH... | rules | rule CODE | annotate FILE | config --show | plugins | serve

No logic lives here that the library lacks: each command parses its options and calls the
library. A sub-command is one module of this folder holding one click command, named in
`COMMANDS` below; its module is imported only when it runs or `vbcheck --help` lists it (speed:
a check imports no other command's module). The group itself is cli/group.py, imported when
`main` is first asked for: a plain check run from `python -m vbcheck` or the `vbcheck` script
parses its options without click (cli/fast.py), and this package imports no click.

Every way out is one line and a status (`outcome`, for both): 0/1 from the findings, 2 for a
usage error, an unreadable input, a broken plugin or an output that cannot be written, 130 for
Ctrl-C; a vbcheck bug is "internal error" in one line (VBCHECK_DEBUG=1 shows the traceback).
"""

from __future__ import annotations

import os
import sys
from typing import Any, Callable

from .discover import expand
from .streams import utf8_streams  # noqa: F401 - the group and cli/fast.py set the streams up

# name -> (module of this folder, click command in it)
COMMANDS = {
    "check": ("check", "check"),
    "fix": ("fix", "fix"),
    "rules": ("catalogue", "rules"),
    "rule": ("catalogue", "rule"),
    "annotate": ("annotate", "annotate"),
    "config": ("settings", "config"),
    "plugins": ("plugins", "plugins"),
    "serve": ("serve", "serve"),
}
DEFAULT = "check"
__all__ = ["COMMANDS", "expand", "main"]


def __getattr__(name: str):
    if name == "main":  # the click group (cli/group.py), imported when first asked for
        from .group import main

        return main
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def outcome(run: Callable[[], Any], command_path: str = "vbcheck") -> int:
    """The exit status of `run()` (a command line), every way out of it one line on stderr.
    `command_path` names the command in a usage error's hint when click gave the error no
    context (a check parsed by cli/fast.py)."""
    from ..core.errors import ConfigError, PluginError

    try:
        rv = run()
        return rv if isinstance(rv, int) else 0
    except KeyboardInterrupt:
        return 130  # Ctrl-C: 128 + SIGINT, never 1 (which means findings)
    except Exception as e:  # noqa: BLE001 - each kind said in one line below
        click = sys.modules.get("click")  # a click exception means click is imported
        if click is not None and isinstance(e, click.ClickException):
            if isinstance(e, getattr(click.exceptions, "NoArgsIsHelpError", ())):  # click >= 8.2
                e.show()  # `vbcheck` alone: the help, as a usage error
                return 2
            if isinstance(e, click.UsageError):
                path = e.ctx.command_path if e.ctx is not None else command_path
                _say(f"vbcheck: {e.format_message()} ('{path} --help' để xem hướng dẫn / for help)")
                return 2
            _say(f"vbcheck: {e.format_message()}")
            return e.exit_code
        if isinstance(e, (PluginError, ConfigError)):
            _say(f"vbcheck: {e}")
            return 2
        if click is not None and isinstance(e, click.Abort):
            return 130
        if isinstance(e, BrokenPipeError):  # output piped into `head`: stop quietly
            try:
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the final flush
            except OSError:
                pass
            return 2
        if os.environ.get("VBCHECK_DEBUG"):
            raise
        what = f"{type(e).__name__}: {' '.join(str(e).split())[:200]}"
        _say(f"vbcheck: lỗi nội bộ / internal error ({what}); VBCHECK_DEBUG=1 để xem chi tiết / for details")
        return 2


def finish(code: int) -> None:
    """Exit with `code`."""
    batch = sys.modules.get("vbcheck.runs.batch")
    if code == 130 and getattr(batch, "STOPPED_POOL", False):
        # Interrupted with worker processes: their pool's threads could hang the exit.
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        os._exit(130)
    sys.exit(code)


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A warning (an out-of-range limit) is one line on stderr, without the source line."""
    _say(f"vbcheck: cảnh báo / warning: {message}")


def _say(line: str) -> None:
    import click

    from ..reporters.neutral import printable

    try:
        click.echo(printable(line), err=True)
    except (OSError, ValueError, AttributeError):
        pass  # no stderr to say it on: the status still says it


