"""`vbcheck annotate FILE`: write a copy of a .docx with one Word comment per finding."""

from __future__ import annotations

import sys

from ..core.selectors import split_selectors as _codes
from ..core.vocabulary import LANGS, PROFILE_CHOICES, STAGES
from ..engine import Options
from ..writers.annotate import AnnotateError, annotate


def main(args: list[str], lang: str = "vi") -> None:
    """`vbcheck annotate` (dispatched from the CLI's sub-commands)."""
    import click


    @click.command(name="annotate", context_settings={"help_option_names": ["-h", "--help"]})
    @click.argument("path", type=click.Path())
    @click.option("-o", "--output", type=click.Path(), help="Output file (default: NAME.vbcheck.docx beside the input).")
    @click.option("--force", is_flag=True, help="Overwrite an existing output file.")
    @click.option("--profile", type=click.Choice(PROFILE_CHOICES), default="auto", show_default=True)
    @click.option("--stage", type=click.Choice(STAGES), default="draft", show_default=True)
    @click.option("--select", multiple=True, help="Only these rules (codes, prefixes or names; comma list).")
    @click.option("--ignore", multiple=True, help="Skip these rules.")
    @click.option("--lang", "lang_", type=click.Choice(LANGS), default=lang, show_default=True)
    def cmd(path, output, force, profile, stage, select, ignore, lang_):
        """Ghi một bản sao .docx có ghi chú (comment) Word tại từng lỗi — write a copy of a .docx
        with one Word comment per finding. The input file is never changed."""
        options = Options(profile=profile, stage=stage, select=_codes(select), ignore=_codes(ignore), lang=lang_)
        try:
            result, out, n = annotate(path, output, force=force, options=options)
        except AnnotateError as e:
            click.echo(f"vbcheck annotate: {e}", err=True)
            sys.exit(2)
        msg = (f"{path}: {n} ghi chú → {out}" if lang_ == "vi" else f"{path}: {n} comments → {out}")
        click.echo(msg)

    cmd.main(args=list(args), prog_name="vbcheck annotate", standalone_mode=True)
