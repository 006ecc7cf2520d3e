"""`vbcheck check [OPTIONS] PATH...` (the default command): check documents, write the reports."""

from __future__ import annotations

import click

from ..core.vocabulary import FAIL_ON, LANGS, PROFILE_CHOICES, STAGES
from .checking import FORMATS, _validate_selectors, run  # noqa: F401 - fix.py validates as a check does


@click.command("check", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(), metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format on standard output [default: text].")
@click.option("-o", "--output", "outputs", multiple=True, metavar="FORMAT[:FILE]",
              help="Also write FORMAT to FILE (repeatable; no FILE or '-' is standard output, "
                   "which holds one report at most).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Use this configuration file instead of searching for vbcheck.toml/pyproject.toml.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--profile", type=click.Choice(PROFILE_CHOICES), default=None,
              help="Rule profile: nd30 (state), dang (Party), congdoan (trade union) [default: auto].")
@click.option("--stage", type=click.Choice(STAGES), default=None,
              help="draft allows a blank number and day; final requires them [default: draft].")
@click.option("--select", multiple=True,
              help="Only these rules (codes, code prefixes or names; comma list); replaces the "
                   "configuration's select and ignore.")
@click.option("--extend-select", multiple=True, help="These rules too, on top of the selection.")
@click.option("--ignore", multiple=True,
              help="Skip these rules (codes, code prefixes or names); adds to the configuration's ignore.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit 1 when a finding at or above this level is reported [default: error].")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Language of messages [default: vi].")
@click.option("--show-not-evaluated", is_flag=True, help="List rules that could not be judged.")
@click.option("-q", "--quiet", is_flag=True,
              help="Text output: only findings of severity error and unreadable files, no summary.")
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour the text output (auto: on a terminal, unless NO_COLOR).")
@click.option("--stdin-filename", metavar="PATH",
              help="Name of the document read from standard input ('-'): picks the reader, the "
                   "configuration and per-file-ignores, and names it in the report.")
@click.option("--force-exclude", is_flag=True,
              help="Apply exclude, extend-exclude and .gitignore to paths named on the command "
                   "line too (for pre-commit).")
@click.option("--respect-gitignore/--no-respect-gitignore", default=None,
              help="Skip what .gitignore files ignore when searching folders [default: respect].")
@click.option("--show-files", is_flag=True, help="Print the files that would be checked, and stop.")
@click.option("-j", "--jobs", default="auto", show_default=True, metavar="N|auto",
              help="Worker processes for many files (auto: all cores when there are more files "
                   "than cores; 1 under pre-commit).")
@click.option("--statistics", is_flag=True, help="After the findings, print counts per rule and per document type.")
@click.option("--dask-scheduler", metavar="ADDRESS",
              help="Run the checks on a Dask cluster (tcp://HOST:PORT); needs vbcheck[dask].")
@click.option("--cache", "use_cache", is_flag=True,
              help="Reuse results of unchanged files from an earlier run (content-hash cache, for archives).")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, metavar="DIR",
              help="Folder of the --cache results [default: .vbcheck_cache, or VBCHECK_CACHE_DIR].")
@click.option("--time-budget", type=click.IntRange(min=1), default=None, metavar="SECONDS",
              help="Wall time one file may take; past it the file is an error and the others go on "
                   "[default: 60, or VBCHECK_TIME_BUDGET].")
@click.option("--memory-budget", default=None, metavar="SIZE",
              help="Memory one file may take (512M, 2G); past it the file is an error and the others "
                   "go on [default: 1G, or VBCHECK_MEMORY_BUDGET].")
@click.pass_context
def check(ctx, paths, fmt, outputs, config_file, isolated, profile, stage, select, extend_select, ignore,
          fail_on, lang, show_not_evaluated, quiet, color, stdin_filename, force_exclude, respect_gitignore,
          show_files, jobs, statistics, dask_scheduler, use_cache, cache_dir, time_budget, memory_budget):
    """Kiểm tra văn bản — check documents (.docx, .txt, .md files or folders; '-' reads standard input).

    Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage error or unreadable input.
    """
    ctx.exit(run(paths, fmt, outputs, config_file, isolated, profile, stage, select, extend_select, ignore,
                 fail_on, lang, show_not_evaluated, quiet, color, stdin_filename, force_exclude,
                 respect_gitignore, show_files, jobs, statistics, dask_scheduler, use_cache, cache_dir,
                 time_budget, memory_budget))
