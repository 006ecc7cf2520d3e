"""`vbcheck rule CODE`: a rule's purpose, clause, severity and examples (the ones tests run)."""

from __future__ import annotations

import os
from typing import Iterable

from ..core.rule import Example, Rule

# Where the rules are documented (the README's rule table, which the package's page shows);
# VBCHECK_DOCS_URL points SARIF viewers at an organisation's own copy instead.
DOCS_URL = "https://pypi.org/project/vbcheck/"


def help_uri(rule: Rule) -> str:
    """The address of `rule`'s documentation, one per rule (SARIF `helpUri`)."""
    base = os.environ.get("VBCHECK_DOCS_URL") or DOCS_URL
    return f"{base.split('#', 1)[0]}#{rule.code.lower()}"


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
    if rule.fix:
        lines.append(fix_text(rule, lang))
    if rule.data:
        lines += [""] + data_clauses(rule, lang)
    if rule.not_evaluated:
        lines.append("")
        lines.append("Không kiểm tra được từ văn bản (cần người đọc):" if vi else "Not decided from the text (a reader must judge):")
        for item in rule.not_evaluated:
            where = item.get("section", "")
            lines.append(f"  - {where + ': ' if where else ''}{item.get('vi' if vi else 'en') or item.get('vi', '')}")
    if rule.examples:
        lines.append("")
        lines.append("Ví dụ (sai → vi phạm; đúng → không vi phạm):" if vi else "Examples (bad → reported; good → not):")
        for ex in rule.examples:
            bad, good = describe(ex, lang)
            if ex.reported:
                lines.append(f"  {'Sai' if vi else 'Bad'}:  {bad}")
            elif not ex.is_docx:
                lines.append(f"  {'Đúng' if vi else 'Good'}: {bad}")  # an edit that stays compliant
            lines.append(f"  {'Đúng' if vi else 'Good'}: {good}")
            if ex.good and not ex.is_docx:  # a text example's `good`: why the good form is right
                lines.append(f"        ({ex.good.get(lang) or ex.good.get('vi', '')})")
    return "\n".join(lines)


def data_clauses(rule: Rule, lang: str = "vi") -> list[str]:
    """The clauses a data-driven rule decides (rules/<data>: each [[rule]] with its `section`, a
    sentence it reports and one it accepts); measured-and-dropped ones are not shown."""
    from .loader import load

    vi = lang != "en"
    lines = ["Từng quy định được kiểm tra (mục của căn cứ: sai → đúng):" if vi
             else "Checked clause by clause (section of the clause: reported → accepted):"]
    for r in load(rule.data).get("rule", []):
        if r.get("status") == "drop" or not r.get("wrong"):
            continue
        level = " [info]" if r.get("status") == "info" else ""
        ok = f" → {r['ok'][0]}" if r.get("ok") else ""
        lines.append(f"  - {r.get('section', '?')}{level}: {r['wrong'][0]}{ok}")
    return lines


def describe(example: Example, lang: str) -> tuple[str, str]:
    """(bad, good) in words: the text before and after a text example's edit, or the words a
    .docx example gives for the edited and the compliant formatting."""
    if example.is_docx:
        return (example.bad.get(lang) or example.bad.get("vi", ""),
                example.good.get(lang) or example.good.get("vi", ""))
    good = example.find.replace("\n", " ⏎ ").strip()
    bad = example.replace.replace("\n", " ⏎ ").strip() or ("(bỏ trống)" if lang != "en" else "(removed)")
    return bad, good


def fix_text(rule: Rule, lang: str = "vi") -> str:
    """What `vbcheck fix` does for the rule, in one line."""
    vi = lang != "en"
    if rule.fix == ("safe",):
        return ("Sửa tự động: vbcheck fix (an toàn)" if vi else "Fix: vbcheck fix (safe)")
    if rule.fix == ("unsafe",):
        return ("Sửa tự động: vbcheck fix --unsafe-fixes (cần xem lại)" if vi
                else "Fix: vbcheck fix --unsafe-fixes (to review)")
    return ("Sửa tự động: vbcheck fix (trường hợp chắc chắn), --unsafe-fixes (trường hợp cần xem lại)" if vi
            else "Fix: vbcheck fix (certain cases), --unsafe-fixes (cases to review)")


def severity_text(rule: Rule) -> str:
    """The default severity in words: "warning", or "info (draft) / error (final)"."""
    if rule.severity == "stage":
        return f"{rule.draft_severity} (draft) / {rule.final_severity} (final)"
    return rule.severity


def rules_table(rules: "Iterable[Rule]", lang: str = "en") -> str:
    """A Markdown table of the rules: code, name, default severity, summary (the README's)."""
    rows = ["| code | name | default | what |", "|---|---|---|---|"]
    for r in rules:
        summary = (r.summary_en if lang == "en" else r.summary_vi).replace("|", "\\|")
        rows.append(f"| {r.code} | {r.name} | {severity_text(r)} | {summary} |")
    return "\n".join(rows) + "\n"
