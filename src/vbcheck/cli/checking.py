"""The body of `vbcheck check` (cli/check.py holds its click options): check documents, write the
reports, return the exit status.

Speed: nothing here imports click until something goes wrong or a run writes to stderr beyond its
reports (a one-file run from `python -m vbcheck` or the `vbcheck` script parses its options in
cli/fast.py and calls `run` without click; cli/check.py calls it with what click parsed).
"""

from __future__ import annotations

import sys

FORMATS = ("text", "json", "sarif", "github", "junit", "html")
STDIN = "-"


def _click():
    """click, imported on the way to a usage error or to stderr beyond the reports."""
    import click

    return click


def run(paths, fmt, outputs, config_file, isolated, profile, stage, select, extend_select, ignore,
        fail_on, lang, show_not_evaluated, quiet, color, stdin_filename, force_exclude, respect_gitignore,
        show_files, jobs, statistics, dask_scheduler, use_cache, cache_dir, time_budget, memory_budget) -> int:
    """`vbcheck check` with its options as click gives them; the exit status."""
    from .. import config as cfg
    from ..core.selectors import split_selectors
    from ..engine import Report
    from ..reporters import parse_output, render
    from . import streams
    from .discover import discover

    if not paths:
        raise _click().UsageError("cần ít nhất một PATH / at least one PATH is required")
    if stdin_filename is not None and STDIN not in paths:
        raise _click().UsageError("--stdin-filename chỉ dùng với '-' / --stdin-filename needs '-' among the paths")
    select_c, ignore_c, extend_c = split_selectors(select), split_selectors(ignore), split_selectors(extend_select)
    _validate_selectors(select_c + ignore_c + extend_c)
    targets = _targets(outputs, fmt, parse_output)
    fmt = targets[0][0]
    conf = None if isolated else (config_file or cfg.AUTO)
    if memory_budget is not None:
        from ..core.limits import parse

        memory_budget = parse(memory_budget)
        if memory_budget is None:
            raise _click().BadParameter("một kích thước dương như 512M, 2G / a positive size such as 512M, 2G",
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
                raise _click().BadParameter(f"{out_fmt}:{target}: {why}", param_hint="-o/--output")
    from ..runs.batch import resolve_jobs

    try:
        n_jobs = resolve_jobs(jobs, len(files))
    except ValueError:
        raise _click().BadParameter(f"'{jobs}' (số nguyên hoặc auto / an integer or auto)", param_hint="--jobs") from None
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
            _click().echo(text, err=True, nl=False)
    if fmt == "json":  # the reasons are in the report too, but people read stderr
        from ..reporters.neutral import printable

        for f in report.files:
            if f.error is not None:
                _click().echo(printable(f"vbcheck: {f.path}: {f.error}"), err=True)
    assert isinstance(report, Report)
    return report.exit_code()


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
        raise _click().BadParameter(str(e), param_hint="-o/--output") from None
    on_stdout = [t for t in targets if t[1] == "-"]
    if len(on_stdout) > 1 or (fmt and on_stdout):
        shown = ([f"--format {fmt}"] if fmt else []) + [f"-o {f}" for f, _ in on_stdout]
        raise _click().UsageError(f"chỉ một báo cáo ra đầu ra chuẩn / only one report can go to standard "
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
        raise _click().BadParameter(f"không có quy tắc nào khớp '{bad}' / no rule matches '{bad}'",
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
        raise _click().BadParameter(f"'{scheduler}': cần địa chỉ dạng / needs an address like tcp://HOST:PORT",
                                 param_hint="--dask-scheduler")
    try:
        from ..runs.distributed import check_paths
    except ImportError:
        raise _click().UsageError("--dask-scheduler cần / needs: pip install 'vbcheck[dask]'") from None
    try:
        return run_many(files, conf, keep_text=keep_text, **overrides,
                        runner=lambda ps, o: check_paths(ps, o, scheduler=scheduler).files)
    except (OSError, ValueError, TypeError) as e:
        why = " ".join(str(e).split())[:160]
        raise _click().UsageError(f"không kết nối được Dask scheduler / cannot reach the Dask scheduler "
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
