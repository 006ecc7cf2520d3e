"""Command line: `vbcheck [OPTIONS] PATH...`, `vbcheck rules`, `vbcheck rule CODE`.

No logic lives here that the library lacks: the CLI parses options, expands paths, calls the
engine and hands the report to a reporter.
"""

from __future__ import annotations

import os
import sys

import click

from .._version import __version__
from ..core.vocabulary import FAIL_ON, LANGS, PROFILE_CHOICES, STAGES

SUFFIXES = (".docx", ".txt", ".md")
_SUBCOMMANDS = ("rules", "rule", "annotate", "config", "plugins")


def expand(paths: tuple[str, ...]) -> list[str]:
    """Files as given; directories recursed (sorted) into .docx, .txt and .md files.

    Symbolic links to directories are not followed, so a link cycle cannot loop; links to files
    are checked (a broken or looping link gets its one-line error). A subdirectory that cannot
    be listed is kept as an entry, so that it is reported as unreadable instead of skipped."""
    out: list[str] = []
    seen: set[str] = set()

    def unlistable(err: OSError) -> None:
        where = err.filename or ""
        if where and where not in seen:
            seen.add(where)
            out.append(where)

    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p, followlinks=False, onerror=unlistable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.lower().endswith(SUFFIXES) and not f.startswith(("~$", ".")):
                        full = os.path.join(root, f)
                        if full not in seen:
                            seen.add(full)
                            out.append(full)
        elif p not in seen:
            seen.add(p)
            out.append(p)
    return out


class _Main(click.Command):
    """`vbcheck PATH...` with `rules`/`rule CODE` as sub-commands when named first."""

    def invoke(self, ctx):
        # Last resort: a vbcheck bug ends the run with one line and exit 2, not a traceback
        # (VBCHECK_DEBUG=1 shows it). Unreadable files never get here: they are per-file errors.
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:  # output piped into `head`: stop quietly
            try:
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the final flush
            except OSError:
                pass
            raise click.exceptions.Exit(2) from None
        except Exception as e:  # noqa: BLE001
            if os.environ.get("VBCHECK_DEBUG"):
                raise
            what = f"{type(e).__name__}: {' '.join(str(e).split())[:200]}"
            click.echo(f"vbcheck: lỗi nội bộ / internal error ({what}); VBCHECK_DEBUG=1 để xem chi tiết / "
                       "for details", err=True)
            raise click.exceptions.Exit(2) from None

    def parse_args(self, ctx, args):
        if args and args[0] in _SUBCOMMANDS:
            sub = args[0]
            ctx.meta["vbcheck.sub"] = (sub, args[1:])
            return super().parse_args(ctx, ["--_sub"])
        return super().parse_args(ctx, args)


@click.command(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github", "junit", "html"]),
              default=None, help="Output format on standard output [default: text].")
@click.option("-o", "--output", "outputs", multiple=True, metavar="FORMAT[:FILE]",
              help="Also write FORMAT to FILE (repeatable; no FILE or '-' is standard output).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Use this configuration file instead of searching for vbcheck.toml/pyproject.toml.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--profile", type=click.Choice(PROFILE_CHOICES), default=None,
              help="Rule profile: nd30 (state), dang (Party), congdoan (trade union) [default: auto].")
@click.option("--stage", type=click.Choice(STAGES), default=None,
              help="draft allows a blank number and day; final requires them [default: draft].")
@click.option("--select", multiple=True, help="Only these rules (codes, code prefixes or names; comma list).")
@click.option("--ignore", multiple=True, help="Skip these rules (codes, code prefixes or names).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit 1 when a finding at or above this level is reported [default: error].")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Language of messages [default: vi].")
@click.option("--show-not-evaluated", is_flag=True, help="List rules that could not be judged.")
@click.option("-j", "--jobs", default="auto", show_default=True, metavar="N|auto",
              help="Worker processes for many files (auto: all cores when there are more files than cores; 1 under pre-commit).")
@click.option("--statistics", is_flag=True, help="After the findings, print counts per rule and per document type.")
@click.option("--dask-scheduler", metavar="ADDRESS",
              help="Run the checks on a Dask cluster (tcp://HOST:PORT); needs vbcheck[dask].")
@click.option("--cache", "use_cache", is_flag=True,
              help="Reuse results of unchanged files from an earlier run (content-hash cache, for archives).")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, metavar="DIR",
              help="Folder of the --cache results [default: .vbcheck_cache, or VBCHECK_CACHE_DIR].")
@click.option("--_sub", is_flag=True, hidden=True)
@click.version_option(__version__, "--version", prog_name="vbcheck")
@click.pass_context
def main(ctx, paths, fmt, outputs, config_file, isolated, profile, stage, select, ignore, fail_on, lang,
         show_not_evaluated, jobs, statistics, dask_scheduler, use_cache, cache_dir, _sub):
    """Kiểm tra thể thức văn bản hành chính (NĐ 30/2020/NĐ-CP) — check Vietnamese official documents.

    PATH may be .docx, .txt or .md files or directories (searched recursively).
    Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage error or unreadable input.
    """
    if "vbcheck.sub" in ctx.meta:
        sub, rest = ctx.meta["vbcheck.sub"]
        return _run_sub(sub, rest, lang or "vi")
    if not paths:
        raise click.UsageError("cần ít nhất một PATH / at least one PATH is required")
    from .. import config as cfg
    from ..core.errors import ConfigError
    from ..core.selectors import split_selectors
    from ..engine import all_rules
    from ..reporters import parse_output, render
    from ..runs.many import run as run_many

    select_c, ignore_c = split_selectors(select), split_selectors(ignore)
    _validate_selectors(select_c + ignore_c, all_rules())
    try:
        targets = [parse_output(o) for o in outputs]
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="-o/--output") from None
    if fmt or not any(t == "-" for _, t in targets):
        targets.insert(0, (fmt or "text", "-"))
    fmt = targets[0][0]
    conf = None if isolated else (config_file or cfg.AUTO)
    overrides = dict(profile=profile, stage=stage, select=select_c, ignore=ignore_c, fail_on=fail_on, lang=lang)
    files = expand(paths)
    from ..runs.batch import check_files, resolve_jobs

    try:
        n_jobs = resolve_jobs(jobs, len(files))
    except ValueError:
        raise click.BadParameter(f"'{jobs}' (số nguyên hoặc auto / an integer or auto)", param_hint="--jobs") from None
    keep_text = any(f == "html" for f, _ in targets)
    cache = None
    try:
        if dask_scheduler:
            from ..runs.distributed import check_paths

            try:
                report, settings = run_many(files, conf, keep_text=keep_text, **overrides,
                                           runner=lambda ps, o: check_paths(ps, o, scheduler=dask_scheduler).files)
            except OSError as e:
                raise click.UsageError(f"không kết nối được Dask scheduler {dask_scheduler} / cannot reach it ({e})") from None
        else:
            if use_cache or cache_dir:
                from ..runs.cache import ResultCache

                cache = ResultCache(cache_dir)
            with _progress(len(files)) as tick:
                done = [0]

                def runner(ps, opts):
                    base = done[0]
                    out = check_files(ps, opts, n_jobs, (lambda k: tick(base + k)) if tick else None, cache)
                    done[0] += len(ps)
                    return out

                report, settings = run_many(files, conf, keep_text=keep_text, runner=runner, **overrides)
    except ConfigError as e:
        click.echo(f"vbcheck: {e}", err=True)
        ctx.exit(2)
    lang = lang or (settings[0].lang if settings else "vi")
    for out_fmt, target in targets:
        text = render(out_fmt, report, lang, show_not_evaluated)
        if target == "-":
            sys.stdout.write(text)
        else:
            with open(target, "w", encoding="utf-8") as fh:
                fh.write(text)
    if statistics:
        from ..reporters.statistics import render as render_stats

        reused = (cache.hits, cache.misses) if cache is not None else None
        (sys.stderr if fmt != "text" else sys.stdout).write(render_stats(report, lang, reused))
    for f in report.files:
        if f.error is not None and fmt == "json":
            click.echo(f"vbcheck: {f.path}: {f.error}", err=True)
    ctx.exit(report.exit_code())


class _progress:
    """A progress bar on stderr for long runs on a terminal (rich), a no-op otherwise."""

    MIN_FILES = 20

    def __init__(self, total: int):
        self.total = total
        self.bar = None

    def __enter__(self):
        if self.total < self.MIN_FILES or not sys.stderr.isatty():
            return None
        try:
            from rich.progress import Progress
        except ImportError:
            return None
        self.bar = Progress(transient=True, console=None)
        self.bar.start()
        task = self.bar.add_task("vbcheck", total=self.total)
        return lambda k: self.bar.update(task, completed=k)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False


def _validate_selectors(selectors, rules) -> None:
    from ..core.selectors import unknown_selector

    bad = unknown_selector(selectors, rules)
    if bad is not None:
        raise click.BadParameter(f"không có quy tắc nào khớp '{bad}' / no rule matches '{bad}'",
                                 param_hint="--select/--ignore")


def _run_sub(sub: str, rest: list[str], lang: str) -> None:
    from ..engine import all_rules

    if "--lang" in rest:
        i = rest.index("--lang")
        lang = rest[i + 1] if i + 1 < len(rest) else lang
        rest = rest[:i] + rest[i + 2 :]
    if sub == "annotate":  # the annotated .docx copy (cli/annotate.py)
        from .annotate import main as annotate_main

        return annotate_main(rest, lang)
    if sub == "config":
        return _config_sub(rest)
    if sub == "plugins":
        from ..engine.plugins import describe

        click.echo(describe(), nl=False)
        return
    rules = all_rules()
    if sub == "rules":
        for code, r in rules.items():
            summary = r.summary_en if lang == "en" else r.summary_vi
            click.echo(f"{code}  {r.name:<30} {r.severity:<8} {summary}")
        return
    if not rest:
        raise click.UsageError("vbcheck rule CODE")
    key = rest[0]
    match = [r for c, r in rules.items() if c == key.upper() or r.name == key.lower()]
    if not match:
        raise click.UsageError(f"không có quy tắc '{key}' / unknown rule '{key}'")
    from ..catalogue.explain import explain

    click.echo(explain(match[0], lang))


def _config_sub(rest: list[str]) -> None:
    """`vbcheck config --show [PATH] [--config FILE] [--format json]`: the effective settings."""
    import json

    from .. import config as cfg
    from ..core.errors import ConfigError

    @click.command("config")
    @click.option("--show", is_flag=True, required=True, help="Print the effective settings for PATH.")
    @click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None)
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
    @click.argument("path", required=False, default=".", type=click.Path())
    def show(show, config_file, fmt, path):
        try:
            s = cfg.settings_for(os.path.join(path, "_") if os.path.isdir(path) else path,
                                 config_file or cfg.AUTO)
        except ConfigError as e:
            click.echo(f"vbcheck: {e}", err=True)
            sys.exit(2)
        click.echo(json.dumps(s.as_dict(), ensure_ascii=False, indent=2) if fmt == "json" else s.show(), nl=fmt == "json")

    show.main(rest, prog_name="vbcheck config", standalone_mode=True)
