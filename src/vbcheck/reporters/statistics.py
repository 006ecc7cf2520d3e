"""`--statistics`: counts per rule and per document type, for reviewers of whole archives."""

from __future__ import annotations

from collections import Counter

from ..engine import Report


def render(report: Report, lang: str = "vi", cache: tuple[int, int] | None = None) -> str:
    """`cache`: (results reused, files checked) of a --cache run."""
    by_rule: Counter[tuple[str, str]] = Counter()
    by_type: Counter[str] = Counter()
    files_by_type: Counter[str] = Counter()
    for f in report.files:
        if f.error is not None:
            continue
        kind = f.doc_type or "?"
        files_by_type[kind] += 1
        for v in f.violations:
            by_rule[(v.code, v.name)] += 1
            by_type[kind] += 1
    vi = lang != "en"
    out = ["", "Thống kê theo quy tắc:" if vi else "Findings per rule:"]
    for (code, name), n in sorted(by_rule.items(), key=lambda x: (-x[1], x[0])):
        out.append(f"  {n:>6}  {code}  {name}")
    out.append("Thống kê theo loại văn bản (số tệp / số vi phạm):" if vi else "Per document type (files / findings):")
    for kind, n in sorted(files_by_type.items(), key=lambda x: (-x[1], x[0])):
        out.append(f"  {kind:<8} {n:>6} / {by_type[kind]}")
    if cache is not None:
        hits, misses = cache
        out.append(f"Bộ nhớ đệm (--cache): dùng lại kết quả của {hits} tệp, kiểm tra {misses} tệp" if vi
                   else f"Cache (--cache): {hits} result(s) reused, {misses} file(s) checked")
    return "\n".join(out) + "\n"
