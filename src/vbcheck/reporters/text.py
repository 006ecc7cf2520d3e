"""Human-readable output: `path:line:col: CODE severity message`, then a one-line summary."""

from __future__ import annotations

from ..engine import Report

_SEV = {
    "vi": {"error": "lỗi", "warning": "cảnh báo", "info": "gợi ý"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


def render(report: Report, lang: str = "vi", show_not_evaluated: bool = False) -> str:
    sev = _SEV[lang]
    out: list[str] = []
    for f in report.files:
        if f.error is not None:
            label = "không đọc được" if lang == "vi" else "cannot read"
            out.append(f"{f.path}: {label}: {f.error}")
            continue
        for v in f.violations:
            where = f"{f.path}:{v.line}:{v.column}:"
            page = (f" (trang {v.page})" if lang == "vi" else f" (page {v.page})") if v.page else ""
            excerpt = f' «{v.text}»' if v.text and v.text not in v.message else ""
            out.append(f"{where} {v.code} {sev[v.severity]} {v.message}{excerpt}{page}")
        if show_not_evaluated and f.not_evaluated:
            codes = ", ".join(n["code"] for n in f.not_evaluated)
            label = "không đánh giá" if lang == "vi" else "not evaluated"
            out.append(f"{f.path}: {label}: {codes}")
    s = report.summary
    if lang == "vi":
        line = (f"{s['files']} tệp: {s['errors']} lỗi, {s['warnings']} cảnh báo, {s['infos']} gợi ý"
                + (f", {s['unreadable']} tệp không đọc được" if s["unreadable"] else ""))
    else:
        line = (f"{s['files']} file(s): {s['errors']} error(s), {s['warnings']} warning(s), {s['infos']} info"
                + (f", {s['unreadable']} unreadable" if s["unreadable"] else ""))
    out.append(line)
    return "\n".join(out) + "\n"
