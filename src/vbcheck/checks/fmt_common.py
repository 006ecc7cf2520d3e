"""Shared helpers of the .docx formatting checks (VB003, VB3xx): thresholds, number formatting,
and merging one finding per paragraph into one finding per stretch of paragraphs."""

from __future__ import annotations

from typing import Any

from ..catalogue import loader as packs
from ..core.finding import Finding
from ..core.fix import Edit, Fix
from ..core.model import Paragraph


def settings() -> dict[str, Any]:
    return packs.load("formatting.toml")


def profile_table(ctx) -> dict[str, Any]:
    profiles = settings()["profile"]
    return profiles.get(ctx.profile) or profiles["nd30"]


def tol(name: str) -> float:
    return float(settings()["tolerance"][name])


def word(table: str, key: str, lang: str) -> str:
    entry = settings()[table][key]
    return entry.get(lang) or entry["vi"]


def fmt_num(x: float, lang: str, digits: int = 2) -> str:
    """12.0 -> "12", 1.27 -> "1,27" (vi) / "1.27" (en)."""
    s = f"{x:.{digits}f}".rstrip("0").rstrip(".")
    if s in ("-0", ""):
        s = "0"
    return s.replace(".", ",") if lang == "vi" else s


def fmt_range(lo: float, hi: float, lang: str, digits: int = 2) -> str:
    if abs(lo - hi) < 1e-9:
        return fmt_num(lo, lang, digits)
    return f"{fmt_num(lo, lang, digits)}–{fmt_num(hi, lang, digits)}"


def outside(value: float, lo: float, hi: float, slack: float) -> bool:
    return value < lo - slack or value > hi + slack


def container(p: Paragraph):
    """Paragraphs merge into one finding only inside one container (the body, one table cell)."""
    return (p.kind, p.table)


class Spans:
    """Per-paragraph observations of one rule, merged over consecutive checked paragraphs.

    `checked(p)` records that a paragraph was examined; `add(p, start, end, key, group, **fmt)`
    records a deviation, with the edits that would correct it (`edits=`: a merged finding's
    unsafe fix holds the edits of all its paragraphs). Deviations with the same key and group on paragraphs that follow each
    other among the checked ones become one finding from the first to the
    last, whose message ends with "(từ đoạn này đến đoạn N)". The annotated copy anchors such a
    finding from the first paragraph to the last where both share a container (the body, one
    table cell), else to the first.
    """

    def __init__(self, ctx, code: str):
        self.ctx = ctx
        self.code = code
        self.order: dict[int, int] = {}
        self.items: list[tuple] = []

    def checked(self, p: Paragraph) -> None:
        self.order.setdefault(id(p), len(self.order))  # its place among the checked, set once

    def add(self, p: Paragraph, start: int, end: int, key: str = "default", group: Any = None,
            severity: str | None = None, edits: list[Edit] | tuple[Edit, ...] = (), **fmt: Any) -> None:
        self.checked(p)
        self.items.append((p, start, end, key, group, severity, fmt, tuple(edits)))

    def findings(self) -> list[Finding]:
        buckets: dict[tuple, list[tuple]] = {}
        for item in self.items:
            buckets.setdefault((item[3], repr(item[4])), []).append(item)
        out: list[Finding] = []
        for items in buckets.values():
            i = 0
            while i < len(items):
                p, start, end, key, _group, sev, fmt, _edits = items[i]
                j = i
                while j + 1 < len(items):
                    q, last = items[j + 1][0], items[j][0]
                    if self.order[id(q)] == self.order[id(last)] + 1:
                        j += 1
                    else:
                        break
                last_p, last_end = items[j][0], items[j][2]
                span = ""
                if last_p.line != p.line:
                    spans = settings()["span"]
                    span = spans.get(self.ctx.lang, spans["vi"]).format(last=last_p.line)
                edits = [e for item in items[i : j + 1] for e in item[7]]
                fix = Fix.unsafe(*edits) if edits else None
                f = self.ctx.finding(self.code, p, start, end, key, severity=sev, span=span, fix=fix, **fmt)
                if last_p is not p:
                    f.end_line = last_p.line
                    f.end_column = last_p.column(last_end)
                out.append(f)
                i = j + 1
        return out


def run_edits(p: Paragraph, ranges: list[tuple[int, int]], **fmt: Any) -> list[Edit]:
    """Formatting edits for stretches of a paragraph's text, touching stretches joined (one
    edit per run of offending runs, not one per run)."""
    out: list[Edit] = []
    last: tuple[int, int] | None = None
    for a, b in sorted(ranges):
        if b <= a:
            continue
        if last is not None and a <= last[1]:
            last = (last[0], max(last[1], b))
        else:
            if last is not None:
                out.append(Edit.format_run(p, *last, **fmt))
            last = (a, b)
    if last is not None:
        out.append(Edit.format_run(p, *last, **fmt))
    return out


def twips(mm: float) -> int:
    return int(round(mm * 1440 / 25.4))
