"""`vbcheck plugins`: the plugins loaded, and those that failed to load (exit 2)."""

from __future__ import annotations

import click


@click.command("plugins", context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def plugins(ctx):
    """Liệt kê plugin — list the plugins: built-ins, third-party ones with their distribution,
    hooks and rules, and any that failed to load (marked broken; exit status 2)."""
    from ..engine.plugins import broken, describe
    from .streams import write_stdout

    write_stdout(describe())
    if broken():
        ctx.exit(2)
