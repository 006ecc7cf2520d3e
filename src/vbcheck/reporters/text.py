"""Human-readable output: `path:line:col: CODE severity message`, then a one-line summary.

Colour (`color=True`, decided by the CLI) only decorates: without the escape sequences the
output is byte-identical. `quiet=True` keeps findings of severity error and unreadable files,
without the summary. File names, messages and excerpts go through `neutral.printable`, so a
document cannot write escape sequences or extra lines to the terminal.
"""

from __future__ import annotations

from ..engine import Report
from .neutral import printable

_SEV = {
    "vi": {"error": "lỗi", "warning": "cảnh báo", "info": "gợi ý"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
_SEV_COLOUR = {"error": "red", "warning": "yellow", "info": "cyan"}


def _plain(s: str, **_style) -> str:
    return s


def render(report: Report, lang: str = "vi", show_not_evaluated: bool = False, *,
           color: bool = False, quiet: bool = False) -> str:
    if color:
        from click import style
    else:
        style = _plain
    sev = _SEV[lang]
    out: list[str] = []
    for f in report.files:
        path = printable(f.path)
        if f.error is not None:
            label = "không đọc được" if lang == "vi" else "cannot read"
            out.append(f"{style(path, bold=True)}: {style(label, fg='red', bold=True)}: {printable(f.error)}")
            continue
        for v in f.violations:
            if quiet and v.severity != "error":
                continue
            where = f"{path}:{v.line}:{v.column}:"
            page = (f" (trang {v.page})" if lang == "vi" else f" (page {v.page})") if v.page else ""
            excerpt = f' «{printable(v.text)}»' if v.text and v.text not in v.message else ""
            out.append(f"{style(where, bold=True)} {style(v.code, bold=True)} "
                       f"{style(sev[v.severity], fg=_SEV_COLOUR[v.severity])} {printable(v.message)}{excerpt}{page}")
        if show_not_evaluated and f.not_evaluated and not quiet:
            codes = ", ".join(n["code"] for n in f.not_evaluated)
            label = "không đánh giá" if lang == "vi" else "not evaluated"
            out.append(f"{path}: {label}: {codes}")
    if quiet:
        return "".join(line + "\n" for line in out)
    s = report.summary
    if lang == "vi":
        line = (f"{s['files']} tệp: {s['errors']} lỗi, {s['warnings']} cảnh báo, {s['infos']} gợi ý"
                + (f", {s['unreadable']} tệp không đọc được" if s["unreadable"] else ""))
    else:
        line = (f"{s['files']} file(s): {s['errors']} error(s), {s['warnings']} warning(s), {s['infos']} info"
                + (f", {s['unreadable']} unreadable" if s["unreadable"] else ""))
    out.append(style(line, bold=True))
    return "\n".join(out) + "\n"
