"""`vbcheck annotate FILE`: write a copy of a .docx with one Word comment per finding."""

from __future__ import annotations

import click

from ..core.vocabulary import LANGS, PROFILE_CHOICES, STAGES


@click.command("annotate", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("path", type=click.Path())
@click.option("-o", "--output", type=click.Path(), help="Output file (default: NAME.vbcheck.docx beside the input).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file (a regular file only).")
@click.option("--profile", type=click.Choice(PROFILE_CHOICES), default="auto", show_default=True)
@click.option("--stage", type=click.Choice(STAGES), default="draft", show_default=True)
@click.option("--select", multiple=True, help="Only these rules (codes, prefixes or names; comma list).")
@click.option("--ignore", multiple=True, help="Skip these rules.")
@click.option("--lang", type=click.Choice(LANGS), default="vi", show_default=True)
@click.option("--fixes", is_flag=True, help="Add to each comment the text its fix would write (vbcheck fix).")
def annotate(path, output, force, profile, stage, select, ignore, lang, fixes):
    """Ghi một bản sao .docx có ghi chú (comment) Word tại từng lỗi — write a copy of a .docx
    with one Word comment per finding. The input file is never changed."""
    from ..core.selectors import split_selectors
    from ..engine import Options
    from ..writers.annotate import AnnotateError
    from ..writers.annotate import annotate as write_annotated
    from .streams import Failure, write_stdout

    options = Options(profile=profile, stage=stage, select=split_selectors(select),
                      ignore=split_selectors(ignore), lang=lang)
    try:
        _result, out, n = write_annotated(path, output, force=force, options=options, fixes=fixes)
    except AnnotateError as e:
        raise Failure(f"annotate: {e}") from None
    write_stdout(f"{path}: {n} ghi chú → {out}\n" if lang == "vi" else f"{path}: {n} comments → {out}\n")
