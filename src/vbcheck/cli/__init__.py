"""Command line: a click group whose default command is `check`.

    vbcheck [OPTIONS] PATH...        = vbcheck check [OPTIONS] PATH...
    vbcheck fix PATH... | rules | rule CODE | annotate FILE | config --show | plugins | serve

No logic lives here that the library lacks: each command parses its options and calls the
library. A sub-command is one module of this folder holding one click command, named in
`COMMANDS` below; its module is imported only when it runs or `vbcheck --help` lists it (speed:
a check imports no other command's module).

Every way out is one line and a status: 0/1 from the findings, 2 for a usage error, an
unreadable input, a broken plugin or an output that cannot be written, 130 for Ctrl-C; a
vbcheck bug is "internal error" in one line (VBCHECK_DEBUG=1 shows the traceback).
"""

from __future__ import annotations

import os
import sys

import click

from .._version import __version__
from .discover import expand
from .streams import utf8_streams

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
_NO_ARGS = getattr(click.exceptions, "NoArgsIsHelpError", ())  # click >= 8.2


class _Vbcheck(click.Group):
    """A group that runs `check` when the first argument is not a sub-command, so that
    `vbcheck draft.docx` and `vbcheck --select VB1 draft.docx` keep working. A file named like
    a sub-command is checked with `vbcheck check rules` or `vbcheck ./rules`."""

    def parse_args(self, ctx, args):
        if args and args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version"):
            args = [DEFAULT, *args]
        return super().parse_args(ctx, args)

    def get_command(self, ctx, cmd_name):
        if cmd_name != DEFAULT:  # only a check freezes its start-up (engine/gcpolicy.py)
            from ..engine.gcpolicy import release

            release()
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            from importlib import import_module

            module, name = COMMANDS[cmd_name]
            self.add_command(getattr(import_module(f".{module}", __name__), name))
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def format_usage(self, ctx, formatter):
        formatter.write_usage("vbcheck", "[OPTIONS] PATH... | COMMAND [ARGS]...")

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        import warnings

        utf8_streams()
        warnings.showwarning = _one_line_warning
        code = self._run(args, prog_name or "vbcheck", complete_var, **extra)
        if standalone_mode:
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
        return code

    def _run(self, args, prog_name, complete_var, **extra) -> int:
        from ..core.errors import ConfigError, PluginError

        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            return rv if isinstance(rv, int) else 0
        except _NO_ARGS as e:  # `vbcheck` alone: the help, as a usage error
            e.show()
            return 2
        except click.UsageError as e:
            hint = f"'{e.ctx.command_path} --help'" if e.ctx is not None else "'vbcheck --help'"
            _say(f"vbcheck: {e.format_message()} ({hint} để xem hướng dẫn / for help)")
            return 2
        except click.ClickException as e:
            _say(f"vbcheck: {e.format_message()}")
            return e.exit_code
        except (PluginError, ConfigError) as e:
            _say(f"vbcheck: {e}")
            return 2
        except (click.Abort, KeyboardInterrupt):
            return 130  # Ctrl-C: 128 + SIGINT, never 1 (which means findings)
        except BrokenPipeError:  # output piped into `head`: stop quietly
            try:
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the final flush
            except OSError:
                pass
            return 2
        except Exception as e:  # noqa: BLE001 - last resort, said in one line
            if os.environ.get("VBCHECK_DEBUG"):
                raise
            what = f"{type(e).__name__}: {' '.join(str(e).split())[:200]}"
            _say(f"vbcheck: lỗi nội bộ / internal error ({what}); VBCHECK_DEBUG=1 để xem chi tiết / for details")
            return 2


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A warning (an out-of-range limit) is one line on stderr, without the source line."""
    _say(f"vbcheck: cảnh báo / warning: {message}")


def _say(line: str) -> None:
    from ..reporters.neutral import printable

    try:
        click.echo(printable(line), err=True)
    except (OSError, ValueError, AttributeError):
        pass  # no stderr to say it on: the status still says it


@click.group("vbcheck", cls=_Vbcheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="vbcheck")
def main():
    """Kiểm tra thể thức văn bản hành chính (NĐ 30/2020/NĐ-CP) — check Vietnamese official documents.

    `vbcheck PATH...` is `vbcheck check PATH...`: .docx, .txt and .md files or folders (searched
    recursively, skipping what .gitignore and the exclude settings leave out), `-` for standard
    input. Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage error, unreadable
    input or broken plugin, 130 interrupted.
    """

