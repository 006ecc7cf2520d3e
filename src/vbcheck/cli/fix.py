"""`vbcheck fix [OPTIONS] PATH...`: write the fixes that checks attach to their findings.

ruff's conventions: safe fixes by default, `--unsafe-fixes` for the others, `--select`/`--ignore`
as for checking, `--diff` to see the changes without writing anything; the findings that remain
are reported as `vbcheck check` reports them, and the exit status is that of a check of the
fixed files. A text file is fixed in place; a .docx gets a copy (NAME.fixed.docx, or `-o`) with
each fix a tracked change, unless `--in-place` / `--no-track`.
"""

from __future__ import annotations

import os

import click

from ..core.vocabulary import FAIL_ON, LANGS, PROFILE_CHOICES, STAGES


@click.command("fix", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(), metavar="PATH...")
@click.option("--unsafe-fixes", is_flag=True,
              help="Also apply the fixes a person should look at (term variants, legacy fonts, formatting).")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print what would change as a unified diff (.docx: one line per paragraph); write nothing.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Where the fixed file goes (one PATH only) [default: text files in place, "
                   ".docx beside the input as NAME.fixed.docx].")
@click.option("--in-place", is_flag=True, help=".docx: replace the input itself instead of writing NAME.fixed.docx.")
@click.option("--no-track", is_flag=True,
              help=".docx: apply the fixes directly instead of as tracked changes to accept or reject.")
@click.option("--force", is_flag=True, help="Overwrite an existing NAME.fixed.docx or -o file.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Format of the report of what remains.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Use this configuration file instead of searching for vbcheck.toml/pyproject.toml.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--profile", type=click.Choice(PROFILE_CHOICES), default=None, help="Rule profile [default: auto].")
@click.option("--stage", type=click.Choice(STAGES), default=None, help="draft or final [default: draft].")
@click.option("--select", multiple=True, help="Only the fixes of these rules (codes, prefixes or names).")
@click.option("--extend-select", multiple=True, help="These rules too, on top of the selection.")
@click.option("--ignore", multiple=True, help="Not the fixes of these rules.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Exit 1 when a finding at or above this level remains [default: error].")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Language of messages [default: vi].")
@click.option("--force-exclude", is_flag=True, help="Apply exclude settings to paths named on the command line too.")
@click.option("--respect-gitignore/--no-respect-gitignore", default=None,
              help="Skip what .gitignore files ignore when searching folders [default: respect].")
@click.pass_context
def fix(ctx, paths, unsafe_fixes, show_diff, output, in_place, no_track, force, fmt, config_file, isolated,
        profile, stage, select, extend_select, ignore, fail_on, lang, force_exclude, respect_gitignore):
    """Sửa tự động các lỗi có cách sửa chắc chắn — apply the fixes of the findings.

    Text files are fixed in place; a .docx gets a copy with every fix as a tracked change (Word's
    Review pane lists them for accepting or rejecting). Exit status: as for a check of the fixed
    files (0 clean, 1 findings at or above --fail-on remain, 2 usage error or unreadable input).
    """
    from .. import config as cfg
    from ..core.results import Report
    from ..core.selectors import split_selectors
    from ..reporters import render
    from ..writers.fix import default_output, fix_data, is_docx
    from . import streams
    from .check import _validate_selectors
    from .discover import discover

    if not paths:
        raise click.UsageError("cần ít nhất một PATH / at least one PATH is required")
    if "-" in paths:
        raise click.UsageError("fix không đọc đầu vào chuẩn / fix does not read standard input ('-')")
    if show_diff and (output or in_place):
        raise click.UsageError("--diff không ghi gì; bỏ -o/--in-place / --diff writes nothing: drop -o/--in-place")
    select_c, ignore_c, extend_c = split_selectors(select), split_selectors(ignore), split_selectors(extend_select)
    _validate_selectors(select_c + ignore_c + extend_c)
    conf = None if isolated else (config_file or cfg.AUTO)
    overrides = dict(profile=profile, stage=stage, select=select_c, ignore=ignore_c, extend_select=extend_c,
                     fail_on=fail_on, lang=lang)
    named = {os.path.normpath(p) for p in paths}
    # Copies an earlier run wrote (NAME.fixed.docx) are not fixed again when a folder is searched.
    files = [f for f in discover(paths, conf, force_exclude=force_exclude, respect_gitignore=respect_gitignore)
             if os.path.normpath(f) in named or not f.lower().endswith(".fixed.docx")]
    if output and len(files) != 1:
        raise click.UsageError("-o chỉ dùng với một tệp / -o needs exactly one file")
    plan = [(f, _target(f, output, in_place, is_docx(f), default_output)) for f in files]
    if not show_diff:
        for f, target in plan:
            why = _refuse(f, target, force)
            if why:
                raise click.BadParameter(f"{target}: {why}", param_hint="-o/--output" if output else "PATH")
    results = []
    fixed = 0
    lines_out: list[str] = []
    diffs: list[str] = []
    for f, target in plan:
        s = cfg.settings_for(f, conf, **overrides)
        options = s.options()
        lang = lang or s.lang
        out = _fix_one(f, options, unsafe_fixes, not no_track, fix_data)
        if out.error is not None:
            from ..core.results import FileResult

            results.append(FileResult(path=f, error=out.error))
            continue
        out.result.fail_on = s.fail_on
        fixed += out.fixed
        if show_diff:
            diffs.append(out.diff())
            out.result.path = f
            # what a text diff cannot show: formatting (said on stderr, one line per fix)
            lines_out.extend(_formatting(f, x, lang) for x in out.applied
                             if not any(e.new is not None for e in x.fix.edits))
        elif out.changed:
            try:
                from ..engine.files import write_atomic

                write_atomic(target, out.data)
            except OSError as e:
                raise streams.Failure(f"{target}: không ghi được / cannot write ({streams.reason(e)})") from None
            out.result.path = target
            lines_out.append(_said(f, target, out, lang))
        for f_, why in out.failed:
            lines_out.append(_failed(f, f_, why, lang))
        results.append(out.result)
    report = Report(results)
    if show_diff or fmt == "json":  # stdout holds the diff or the report: the rest goes to stderr
        from ..reporters.neutral import printable

        streams.write_stdout("".join(diffs) if show_diff else render("json", report, lang))
        errors = "".join(printable(f"vbcheck: {r.path}: {r.error}") + "\n" for r in results if r.error)
        click.echo(errors + "".join(lines_out) + _summary(fixed, report, lang, would=show_diff), err=True)
    else:
        streams.write_stdout("".join(lines_out) + render("text", report, lang) + _summary(fixed, report, lang) + "\n")
    ctx.exit(report.exit_code())


def _target(path: str, output: str | None, in_place: bool, docx: bool, default_output) -> str:
    if output:
        return output
    if not docx or in_place:
        return path
    return default_output(path)


def _refuse(path: str, target: str, force: bool) -> str | None:
    """Why the fixed file cannot go to `target` (one line), checked before anything is fixed."""
    folder = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(folder):
        return "thư mục không tồn tại / the folder does not exist"
    if os.path.isdir(target):
        return "là một thư mục / is a directory"
    if os.path.exists(target) and not os.path.isfile(target):
        return "không phải tệp thông thường / is not a regular file"
    try:
        same = os.path.exists(target) and os.path.samefile(path, target)
    except OSError:
        same = False
    if os.path.exists(target) and not same and not force:
        return "đã có; dùng --force để ghi đè / exists; use --force to overwrite it"
    return None


def _fix_one(path, options, unsafe, track, fix_data):
    """Fix one file; an unreadable one is its FixResult's error (the others are still fixed)."""
    from ..core.errors import InputError
    from ..engine.files import read_file
    from ..writers.fix import FixResult

    try:
        data = read_file(path)
    except InputError as e:
        return FixResult(path=path, original=b"", data=b"", error=e.message(options.lang))
    return fix_data(path, data, options, unsafe=unsafe, track=track)


def _said(path: str, target: str, out, lang: str) -> str:
    from ..reporters.neutral import printable

    where = "" if target == path else (f" → {printable(target)}")
    if lang == "en":
        return f"{printable(path)}: fixed {out.fixed}{where}\n"
    return f"{printable(path)}: đã sửa {out.fixed}{where}\n"


def _formatting(path: str, finding, lang: str) -> str:
    from ..core.fix import describe
    from ..reporters.neutral import printable

    label = "would format" if lang == "en" else "sẽ định dạng"
    return f"{printable(path)}:{finding.line}:{finding.column}: {finding.code} {label}: {describe(finding.fix, lang)}\n"


def _failed(path: str, finding, why: str, lang: str) -> str:
    from ..reporters.neutral import printable

    label = "could not fix" if lang == "en" else "không sửa được"
    return f"{printable(path)}:{finding.line}:{finding.column}: {finding.code} {label}: {why}\n"


def _summary(fixed: int, report, lang: str, would: bool = False) -> str:
    left = sum(len(f.violations) for f in report.files)
    can = sum(1 for f in report.files for v in f.violations if v.fix is not None and not v.fix.is_safe)
    if lang == "en":
        head = f"Would fix {fixed}" if would else f"Fixed {fixed}"
        tail = f", {left} remaining" + (f" ({can} with an unsafe fix: --unsafe-fixes)" if can else "")
        return head + tail + "."
    head = f"Sẽ sửa {fixed}" if would else f"Đã sửa {fixed}"
    tail = f", còn {left}" + (f" ({can} có cách sửa cần xem lại: --unsafe-fixes)" if can else "")
    return head + tail + "."
