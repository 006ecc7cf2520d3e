"""`vbcheck check [OPTIONS] PATH...` (the default command): check documents, write the reports."""

from __future__ import annotations

import sys

import click

from ..core.vocabulary import FAIL_ON, LANGS, PROFILE_CHOICES, STAGES

FORMATS = ("text", "json", "sarif", "github", "junit", "html")
STDIN = "-"


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
    from .. import config as cfg
    from ..core.selectors import split_selectors
    from ..engine import Report
    from ..reporters import parse_output, render
    from . import streams
    from .discover import discover

    if not paths:
        raise click.UsageError("cần ít nhất một PATH / at least one PATH is required")
    if stdin_filename is not None and STDIN not in paths:
        raise click.UsageError("--stdin-filename chỉ dùng với '-' / --stdin-filename needs '-' among the paths")
    select_c, ignore_c, extend_c = split_selectors(select), split_selectors(ignore), split_selectors(extend_select)
    _validate_selectors(select_c + ignore_c + extend_c)
    targets = _targets(outputs, fmt, parse_output)
    fmt = targets[0][0]
    conf = None if isolated else (config_file or cfg.AUTO)
    if memory_budget is not None:
        from ..core.limits import parse

        memory_budget = parse(memory_budget)
        if memory_budget is None:
            raise click.BadParameter("một kích thước dương như 512M, 2G / a positive size such as 512M, 2G",
                                     param_hint="--memory-budget")
    overrides = dict(profile=profile, stage=stage, select=select_c, ignore=ignore_c,
                     extend_select=extend_c, fail_on=fail_on, lang=lang, time_budget=time_budget,
                     memory_budget=memory_budget)
    files = discover(paths, conf, force_exclude=force_exclude, respect_gitignore=respect_gitignore)
    if show_files:
        for f in files:
            streams.write_stdout(f"{_shown(f, stdin_filename)}\n")
        return 0
    for out_fmt, target in targets:
        if target != "-":
            why = streams.check_target(target, [f for f in files if f != STDIN])
            if why:
                raise click.BadParameter(f"{out_fmt}:{target}: {why}", param_hint="-o/--output")
    from ..runs.batch import resolve_jobs

    try:
        n_jobs = resolve_jobs(jobs, len(files))
    except ValueError:
        raise click.BadParameter(f"'{jobs}' (số nguyên hoặc auto / an integer or auto)", param_hint="--jobs") from None
    keep_text = any(f == "html" for f, _ in targets)
    report, settings, cache = _run(files, conf, overrides, keep_text, n_jobs, stdin_filename,
                                   dask_scheduler, use_cache, cache_dir)
    lang = lang or (settings[0].lang if settings else "vi")
    colour = fmt == "text" and streams.use_colour(color)
    for out_fmt, target in targets:
        if target == "-":
            extra = {"color": colour, "quiet": quiet} if out_fmt == "text" else {}
            streams.write_stdout(render(out_fmt, report, lang, show_not_evaluated, **extra))
        else:
            try:
                streams.write_report(target, render(out_fmt, report, lang, show_not_evaluated))
            except OSError as e:
                raise streams.Failure(f"{out_fmt}:{target}: không ghi được / cannot write ({streams.reason(e)})") from None
    if statistics:
        from ..reporters.statistics import render as render_stats

        reused = (cache.hits, cache.misses) if cache is not None else None
        text = render_stats(report, lang, reused)
        if fmt == "text":
            streams.write_stdout(text)
        else:
            click.echo(text, err=True, nl=False)
    if fmt == "json":  # the reasons are in the report too, but people read stderr
        from ..reporters.neutral import printable

        for f in report.files:
            if f.error is not None:
                click.echo(printable(f"vbcheck: {f.path}: {f.error}"), err=True)
    assert isinstance(report, Report)
    ctx.exit(report.exit_code())


def _shown(path: str, stdin_filename: str | None) -> str:
    from ..reporters.neutral import printable

    return printable(stdin_filename or path if path == STDIN else path)


def _targets(outputs, fmt, parse_output) -> list[tuple[str, str]]:
    """(format, file or '-') for each report; the first is what stdout gets. Standard output
    holds one report at most: `--format F` with `-o G` (no file), or two `-o` without a file,
    is a usage error before anything is checked."""
    try:
        targets = [parse_output(o) for o in outputs]
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="-o/--output") from None
    on_stdout = [t for t in targets if t[1] == "-"]
    if len(on_stdout) > 1 or (fmt and on_stdout):
        shown = ([f"--format {fmt}"] if fmt else []) + [f"-o {f}" for f, _ in on_stdout]
        raise click.UsageError(f"chỉ một báo cáo ra đầu ra chuẩn / only one report can go to standard "
                               f"output ({', '.join(shown)}); ghi các báo cáo khác vào tệp / write the "
                               "others to files with -o FORMAT:FILE")
    if not on_stdout:
        targets.insert(0, (fmt or "text", "-"))
    else:
        targets.remove(on_stdout[0])
        targets.insert(0, on_stdout[0])
    return targets


def _validate_selectors(selectors) -> None:
    from ..core.selectors import unknown_selector
    from ..engine import all_rules

    bad = unknown_selector(selectors, all_rules())
    if bad is not None:
        raise click.BadParameter(f"không có quy tắc nào khớp '{bad}' / no rule matches '{bad}'",
                                 param_hint="--select/--ignore")


def _run(files, conf, overrides, keep_text, n_jobs, stdin_filename, dask_scheduler, use_cache, cache_dir):
    """(Report, [Settings], cache or None): the files checked, standard input ('-') among them."""
    from ..engine import Report
    from ..runs.batch import check_files
    from ..runs.many import run as run_many
    from . import streams

    on_disk = [f for f in files if f != STDIN]
    cache = None
    if dask_scheduler:
        report, settings = _run_dask(on_disk, conf, overrides, keep_text, dask_scheduler)
    else:
        from ..engine.gcpolicy import freeze_startup

        freeze_startup()  # this process is vbcheck's own: start-up objects out of the collector's way
        if use_cache or cache_dir:
            from ..runs.cache import ResultCache

            cache = ResultCache(cache_dir)
        with streams.progress(len(on_disk)) as tick:
            done = [0]

            def runner(ps, opts):
                base = done[0]
                out = check_files(ps, opts, n_jobs, (lambda k: tick(base + k)) if tick else None, cache)
                done[0] += len(ps)
                return out

            report, settings = run_many(on_disk, conf, keep_text=keep_text, runner=runner, **overrides)
    if STDIN in files:
        res, s = _check_stdin(stdin_filename, conf, overrides, keep_text)
        results = iter(report.files)
        report = Report([res if f == STDIN else next(results) for f in files])
        settings = [s, *settings]
    return report, settings, cache


def _run_dask(files, conf, overrides, keep_text, scheduler):
    from ..engine.gcpolicy import release
    from ..runs.many import run as run_many

    release()  # a Dask run freezes nothing: the collector as usual

    if "://" not in scheduler and ":" not in scheduler:
        raise click.BadParameter(f"'{scheduler}': cần địa chỉ dạng / needs an address like tcp://HOST:PORT",
                                 param_hint="--dask-scheduler")
    try:
        from ..runs.distributed import check_paths
    except ImportError:
        raise click.UsageError("--dask-scheduler cần / needs: pip install 'vbcheck[dask]'") from None
    try:
        return run_many(files, conf, keep_text=keep_text, **overrides,
                        runner=lambda ps, o: check_paths(ps, o, scheduler=scheduler).files)
    except (OSError, ValueError, TypeError) as e:
        why = " ".join(str(e).split())[:160]
        raise click.UsageError(f"không kết nối được Dask scheduler / cannot reach the Dask scheduler "
                               f"{scheduler} ({why})") from None


def _check_stdin(name, conf, overrides, keep_text):
    """Standard input as one document: bytes (a ZIP is a .docx), at most VBCHECK_MAX_BYTES."""
    from ..config import settings_for
    from ..core import limits
    from ..engine import check_path_contained
    from ..engine.files import too_large

    limit = limits.get("VBCHECK_MAX_BYTES")
    stream = sys.stdin.buffer if sys.stdin is not None else None
    data = stream.read(limit + 1) if stream is not None else b""
    s = settings_for(name, conf, **overrides)
    opts = s.options(keep_text=keep_text)
    if len(data) > limit:
        from ..engine import FileResult

        res = FileResult(path=name or "-", error=too_large(len(data), limit).message(opts.lang))
    else:
        # The reader goes by the suffix: a nameless input is text unless it is a ZIP (.docx).
        reader_name = name if name else ("stdin.docx" if data[:2] == b"PK" else "stdin.txt")
        res = check_path_contained(reader_name, opts, data)
        res.path = name or "-"
    res.fail_on = s.fail_on
    return res, s
