"""`vbcheck config --show [PATH]`: the effective settings for PATH and where each comes from."""

from __future__ import annotations

import os

import click


@click.command("config", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--show", is_flag=True, required=True, help="Print the effective settings for PATH.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Use this configuration file instead of searching for one.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.argument("path", required=False, default=".", type=click.Path())
def config(show, config_file, fmt, path):
    """Cấu hình hiệu lực — print the settings in effect for PATH (default: the current folder)."""
    import json

    from .. import config as cfg
    from .streams import write_stdout

    s = cfg.settings_for(os.path.join(path, "_") if os.path.isdir(path) else path, config_file or cfg.AUTO)
    write_stdout(json.dumps(s.as_dict(), ensure_ascii=False, indent=2) + "\n" if fmt == "json" else s.show())
