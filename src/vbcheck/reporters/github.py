"""GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…::message` line per
finding, shown as annotations on the run and, for text files, on the diff."""

from __future__ import annotations

from ..engine import Report
from .neutral import printable

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    # No escape sequence of a document reaches the log; a line break is GitHub's own %0A.
    s = "\n".join(printable(part) for part in s.split("\n"))
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, lang: str = "vi") -> str:
    out: list[str] = []
    for f in report.files:
        if f.error is not None:
            out.append(f"::error file={_prop(f.path)},title=vbcheck::{_data(f.error)}")
            continue
        for v in f.violations:
            props = [f"file={_prop(f.path)}", f"line={v.line}", f"col={v.column}"]
            if v.end_line == v.line and v.end_column > v.column:
                props += [f"endLine={v.end_line}", f"endColumn={v.end_column}"]
            props.append(f"title={_prop(f'{v.code} {v.name}')}")
            page = ((f" (trang {v.page})" if lang != "en" else f" (page {v.page})") if v.page else "")
            out.append(f"::{LEVEL.get(v.severity, 'warning')} {','.join(props)}::{_data(v.message + page)}")
    return "".join(line + "\n" for line in out)
