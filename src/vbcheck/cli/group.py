"""The click group of the command line (cli/__init__.py says what it does; its names live there)."""

from __future__ import annotations

import click

from .._version import __version__
from . import COMMANDS, DEFAULT, _one_line_warning, finish, outcome
from .streams import utf8_streams


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
            self.add_command(getattr(import_module(f".{module}", __package__), name))
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def format_usage(self, ctx, formatter):
        formatter.write_usage("vbcheck", "[OPTIONS] PATH... | COMMAND [ARGS]...")

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        import warnings

        utf8_streams()
        warnings.showwarning = _one_line_warning
        code = outcome(lambda: click.Group.main(self, args, prog_name or "vbcheck", complete_var,
                                                standalone_mode=False, **extra))
        if standalone_mode:
            finish(code)
        return code


@click.group("vbcheck", cls=_Vbcheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="vbcheck")
def main():
    """Kiểm tra thể thức văn bản hành chính (NĐ 30/2020/NĐ-CP) — check Vietnamese official documents.

    `vbcheck PATH...` is `vbcheck check PATH...`: .docx, .txt and .md files or folders (searched
    recursively, skipping what .gitignore and the exclude settings leave out), `-` for standard
    input. Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage error, unreadable
    input or broken plugin, 130 interrupted.
    """
