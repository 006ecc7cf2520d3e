"""One self-contained HTML file (inline CSS, no script, no external asset): a summary table, then
each document's text with its findings highlighted in place, in Vietnamese (`--lang en` for
English labels). Built from the Report like every other format; the text of the lines comes from
`FileResult.lines` (Options.keep_text). Every piece of document text is escaped."""

from __future__ import annotations

from collections import Counter
from html import escape as _html_escape

from .._version import __version__
from ..core.fix import describe
from ..core.vocabulary import severity_rank
from ..engine import FileResult, Report
from .neutral import printable


def escape(s: str) -> str:
    """HTML-escaped, control characters and bidi overrides of the document shown as escapes."""
    return _html_escape(printable(s))

L = {
    "vi": {
        "title": "Báo cáo kiểm tra thể thức văn bản", "files": "tệp", "file": "Tệp", "type": "Loại",
        "profile": "Hồ sơ", "error": "lỗi", "warning": "cảnh báo", "info": "gợi ý",
        "Error": "Lỗi", "Warning": "Cảnh báo", "Info": "Gợi ý", "summary": "Tổng hợp",
        "by_rule": "Theo quy tắc", "rule": "Quy tắc", "count": "Số lần", "unreadable": "không đọc được",
        "clean": "Không có vi phạm.", "line": "dòng", "col": "cột", "page": "trang",
        "no_text": "Không có nội dung văn bản trong báo cáo (chạy với --format html để kèm nội dung).",
        "elsewhere": "Phát hiện không gắn với dòng nào của văn bản", "missing": "thiếu",
        "not_evaluated": "Quy tắc không đánh giá được", "findings": "Phát hiện",
        "fix": "Đề xuất sửa", "safe": "an toàn: vbcheck fix", "unsafe": "cần xem lại: vbcheck fix --unsafe-fixes",
    },
    "en": {
        "title": "Official document check report", "files": "file(s)", "file": "File", "type": "Type",
        "profile": "Profile", "error": "error", "warning": "warning", "info": "info",
        "Error": "Errors", "Warning": "Warnings", "Info": "Info", "summary": "Summary",
        "by_rule": "By rule", "rule": "Rule", "count": "Count", "unreadable": "unreadable",
        "clean": "No findings.", "line": "line", "col": "col", "page": "page",
        "no_text": "The report holds no document text (run with --format html to include it).",
        "elsewhere": "Findings not tied to a line of the text", "missing": "missing",
        "not_evaluated": "Rules not evaluated", "findings": "Findings",
        "fix": "Proposed fix", "safe": "safe: vbcheck fix", "unsafe": "to review: vbcheck fix --unsafe-fixes",
    },
}

CSS = """
body{font-family:"Times New Roman",Times,serif;margin:2rem auto;padding:0 1rem;max-width:70rem;color:#111;background:#fff;line-height:1.45}
h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:2px solid #333}
.meta{color:#444;margin:0 0 1rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-family:Arial,Helvetica,sans-serif;font-size:.9rem}
th,td{border:1px solid #999;padding:.25rem .6rem;text-align:left}th{background:#e8e8e8}
td.n{text-align:right}
.doc{margin-bottom:2.5rem}
.text{border:1px solid #bbb;padding:.5rem 0;background:#fcfcfc}
.line{display:flex;white-space:pre-wrap;font-size:1.05rem}
.ln{flex:0 0 3.5rem;text-align:right;padding-right:.8rem;color:#888;font-family:monospace;font-size:.85rem;user-select:none}
.src{flex:1;padding-right:.5rem}
mark{padding:0 1px;border-radius:2px;color:#000}
mark.sev-error{background:#ff8a8a;border-bottom:3px solid #c00000}
mark.sev-warning{background:#ffd866;border-bottom:3px solid #b07800}
mark.sev-info{background:#9fd0ff;border-bottom:3px solid #1a5fb4}
mark.gap{display:inline-block;min-width:.8em;text-align:center;font-weight:bold}
.notes{margin:.1rem 0 .4rem 3.5rem;padding:0 0 0 1.2rem;font-family:Arial,Helvetica,sans-serif;font-size:.85rem}
.notes li{margin:.1rem 0}
.badge{display:inline-block;font-weight:bold;padding:0 .3rem;border-radius:3px;margin-right:.3rem}
.badge.sev-error{background:#c00000;color:#fff}.badge.sev-warning{background:#b07800;color:#fff}
.badge.sev-info{background:#1a5fb4;color:#fff}
.err{color:#c00000;font-weight:bold}
.fix{display:block;color:#1d5e20}.fix q{font-family:"Times New Roman",Times,serif;background:#e3f4e3;quotes:none}
"""


def render(report: Report, lang: str = "vi") -> str:
    t = L["en" if lang == "en" else "vi"]
    s = report.summary
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if lang == "en" else "vi"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(t['title'])}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(t['title'])}</h1>",
        f'<p class="meta">vbcheck {escape(__version__)} · {s["files"]} {t["files"]} · '
        f'<span id="total-errors">{s["errors"]}</span> {t["error"]}, '
        f'<span id="total-warnings">{s["warnings"]}</span> {t["warning"]}, '
        f'<span id="total-infos">{s["infos"]}</span> {t["info"]}</p>',
        f"<h2>{escape(t['summary'])}</h2>",
        _summary_table(report, t),
    ]
    rules = Counter((v.code, v.name) for f in report.files for v in f.violations)
    if rules:
        out.append(f"<h2>{escape(t['by_rule'])}</h2>")
        out.append(f"<table class=\"rules\"><thead><tr><th>{t['rule']}</th><th></th><th>{t['count']}</th></tr></thead><tbody>")
        for (code, name), n in sorted(rules.items()):
            out.append(f"<tr><td>{escape(code)}</td><td>{escape(name)}</td><td class=\"n\">{n}</td></tr>")
        out.append("</tbody></table>")
    for i, f in enumerate(report.files):
        out.append(_document(i, f, t, "en" if lang == "en" else "vi"))
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _counts(f: FileResult) -> Counter:
    return Counter(v.severity for v in f.violations)


def _summary_table(report: Report, t: dict) -> str:
    rows = [f"<table class=\"summary\"><thead><tr><th>{t['file']}</th><th>{t['type']}</th><th>{t['profile']}</th>"
            f"<th>{t['Error']}</th><th>{t['Warning']}</th><th>{t['Info']}</th></tr></thead><tbody>"]
    for i, f in enumerate(report.files):
        link = f'<a href="#doc-{i}">{escape(f.path)}</a>'
        if f.error is not None:
            rows.append(f'<tr><td>{link}</td><td colspan="5" class="err">{escape(t["unreadable"])}: {escape(f.error)}</td></tr>')
            continue
        c = _counts(f)
        rows.append(f"<tr><td>{link}</td><td>{escape(f.doc_type or '—')}</td><td>{escape(f.profile or '—')}</td>"
                    f"<td class=\"n\">{c['error']}</td><td class=\"n\">{c['warning']}</td><td class=\"n\">{c['info']}</td></tr>")
    rows.append("</tbody></table>")
    return "\n".join(rows)


def _label(v, t: dict) -> str:
    return f"{v.code} {t[v.severity]}: {v.message}"


def _note(v, t: dict, lang: str) -> str:
    page = f", {t['page']} {v.page}" if v.page else ""
    fix = ""
    if v.fix is not None:
        fix = (f'<span class="fix">{escape(t["fix"])} ({escape(t[v.fix.applicability])}): '
               f"<q>{escape(describe(v.fix, lang))}</q></span>")
    return (f'<li><span class="badge sev-{v.severity}">{escape(v.code)}</span>'
            f"{escape(t[v.severity])} ({t['line']} {v.line}, {t['col']} {v.column}{page}): "
            f"{escape(v.message)}{fix}</li>")


def _document(i: int, f: FileResult, t: dict, lang: str) -> str:
    out = [f'<section class="doc" id="doc-{i}"><h2>{escape(f.path)}</h2>']
    if f.error is not None:
        out.append(f'<p class="err">{escape(t["unreadable"])}: {escape(f.error)}</p></section>')
        return "\n".join(out)
    if not f.violations:
        out.append(f"<p>{escape(t['clean'])}</p>")
    lines = f.lines or {}
    by_line: dict[int, list] = {}
    elsewhere = []
    for v in f.violations:
        if v.line in lines:
            by_line.setdefault(v.line, []).append(v)
        else:
            elsewhere.append(v)
    if lines:
        out.append('<div class="text">')
        for ln, text in lines.items():
            here = by_line.get(ln, [])
            out.append(f'<div class="line" id="doc-{i}-l{ln}"><span class="ln">{ln}</span>'
                       f'<span class="src">{_highlight(text, here, t)}</span></div>')
            if here:
                out.append('<ul class="notes">' + "".join(_note(v, t, lang) for v in here) + "</ul>")
        out.append("</div>")
    elif f.violations:
        out.append(f"<p>{escape(t['no_text'])}</p>")
    if elsewhere:
        out.append(f"<h3>{escape(t['elsewhere'] if lines else t['findings'])}</h3>")
        out.append('<ul class="notes">' + "".join(_note(v, t, lang) for v in elsewhere) + "</ul>")
    if f.not_evaluated:
        out.append(f"<details><summary>{escape(t['not_evaluated'])} ({len(f.not_evaluated)})</summary><ul>")
        out.extend(f"<li>{escape(n['code'])}: {escape(n['reason'])}</li>" for n in f.not_evaluated)
        out.append("</ul></details>")
    out.append("</section>")
    return "\n".join(out)


def _highlight(text: str, findings: list, t: dict) -> str:
    """The line's text with each finding's columns wrapped in <mark>; a missing part (empty
    range) is a small marker at its place."""
    spans, points = [], []
    for v in findings:
        a = max(0, min(len(text), v.column - 1))
        b = len(text) if v.end_line > v.line else max(a, min(len(text), v.end_column - 1))
        (spans if b > a else points).append((a, b, v))
    cuts = sorted({0, len(text)} | {a for a, _, _ in spans} | {b for _, b, _ in spans} | {a for a, _, _ in points})
    html = []
    for k, a in enumerate(cuts):
        for pa, _, v in points:
            if pa == a:
                html.append(f'<mark class="f gap sev-{v.severity}" data-code="{escape(v.code)}" '
                            f'title="{escape(_label(v, t))}">⌃</mark>')
        if k + 1 == len(cuts):
            break
        b = cuts[k + 1]
        seg = escape(text[a:b])
        cover = [v for sa, sb, v in spans if sa <= a and sb >= b]
        if cover:
            top = max(cover, key=lambda v: severity_rank(v.severity))
            codes = " ".join(sorted({v.code for v in cover}))
            title = "&#10;".join(escape(_label(v, t)) for v in cover)  # a line per finding
            html.append(f'<mark class="f sev-{top.severity}" data-code="{escape(codes)}" '
                        f'title="{title}">{seg}</mark>')
        else:
            html.append(seg)
    return "".join(html)
