"""`vbcheck rule CODE`: a rule's purpose, clause, severity and examples (the ones tests run)."""

from __future__ import annotations

from ..core.rule import Rule


def explain(rule: Rule, lang: str = "vi") -> str:
    vi = lang != "en"
    lines = [f"{rule.code} ({rule.name})", ""]
    lines.append(rule.summary_vi if vi else rule.summary_en)
    lines.append("")
    sev = rule.severity
    if sev == "stage":
        sev = f"{rule.draft_severity} (--stage draft) / {rule.final_severity} (--stage final)"
    lines.append(("Mức độ: " if vi else "Severity: ") + sev)
    if rule.clause:
        lines.append(("Căn cứ: " if vi else "Clause: ") + rule.clause)
    lines.append(("Áp dụng cho hồ sơ: " if vi else "Profiles: ") + ", ".join(sorted(rule.profiles)))
    if rule.needs == "docx":
        lines.append("Chỉ với tệp .docx" if vi else "Only for .docx files")
    if rule.examples:
        lines.append("")
        lines.append("Ví dụ (sai → vi phạm; đúng → không vi phạm):" if vi else "Examples (bad → reported; good → not):")
        for ex in rule.examples:
            good = ex.find.replace("\n", " ⏎ ").strip()
            bad = ex.replace.replace("\n", " ⏎ ").strip() or ("(bỏ trống)" if vi else "(removed)")
            lines.append(f"  {'Sai' if vi else 'Bad'}:  {bad}")
            lines.append(f"  {'Đúng' if vi else 'Good'}: {good}")
    return "\n".join(lines)
