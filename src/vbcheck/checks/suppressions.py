"""Suppression comments in .txt and .md documents, and VB008 for the ones that suppress nothing.

    <!-- vbcheck-disable-next-line VB205 -->     the next line that has text
    văn bản … <!-- vbcheck-disable-line VB122 -->   this line
    <!-- vbcheck-disable VB2 -->  …  <!-- vbcheck-enable VB2 -->   a range (to the end without enable)

Rules are named as everywhere else: a code, a code prefix or a name, several separated by spaces
or commas; none means every rule. The comments are removed from the document before it is read
(they are not text of the document and never produce findings of their own), keeping the line
numbers and columns of everything else. A .docx has no markup to hide comments in: use
`per-file-ignores` in the configuration.

A suppression that suppresses nothing is reported as VB008 (unused-suppression, info), but only
for rules that actually ran on the file: a rule switched off by --select/--ignore or not evaluated
(e.g. a formatting rule on plain text) does not make its suppression "unused".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.finding import Finding
from ..core.markers import hookimpl
from ..core.model import Document, Paragraph, SourceKind
from ..core.rule import check
from ..core.selectors import matches

_DIRECTIVE = re.compile(
    r"<!--\s*vbcheck-(?P<kind>disable-next-line|disable-line|disable|enable)\b(?P<codes>.*?)-->")


@dataclass
class Directive:
    kind: str  # "disable-next-line" | "disable-line" | "disable" | "enable"
    codes: tuple[str, ...]  # empty: every rule
    line: int  # where the comment is
    column: int  # 1-based source column of "<!--"
    end_column: int
    text: str
    first: int = 0  # lines it covers (inclusive)
    last: int = 0
    used: set[str] = field(default_factory=set)  # selectors that suppressed something ("*" for all)


def extract(doc: Document) -> list[Directive]:
    """Remove vbcheck comments from a text/Markdown document; return them with the lines they
    cover. Paragraphs that held only a comment are dropped (indices renumbered)."""
    if doc.kind not in (SourceKind.TEXT, SourceKind.MARKDOWN):
        return []
    found: list[Directive] = []
    kept: list[Paragraph] = []
    carry_gap = False
    for p in doc.paragraphs:
        if "vbcheck-" not in p.text:
            if carry_gap:
                p.gap_before, carry_gap = True, False
            kept.append(p)
            continue
        for m in reversed(list(_DIRECTIVE.finditer(p.text))):
            codes = tuple(c for c in re.split(r"[\s,]+", m.group("codes").strip()) if c)
            found.append(Directive(m.group("kind"), codes, p.line, p.column(m.start()),
                                   p.column(m.end()), m.group(0)))
            _cut(p, m.start(), m.end())
        if p.text.strip():
            if carry_gap:
                p.gap_before, carry_gap = True, False
            kept.append(p)
        else:
            carry_gap = carry_gap or p.gap_before
    if not found:
        return []
    for i, p in enumerate(kept):
        p.index = i
    doc.paragraphs[:] = kept
    found.sort(key=lambda d: (d.line, d.column))
    _cover(found, [p.line for p in kept])
    return found


def _cut(p: Paragraph, start: int, end: int) -> None:
    """Delete text[start:end] from a paragraph, keeping the column map, then trim spaces."""
    n = end - start
    p.text = p.text[:start] + p.text[end:]
    p.cols = p.cols[:start] + p.cols[end:]
    p.footnote_refs = [(o - n if o >= end else o, ident) for o, ident in p.footnote_refs if not start <= o < end]
    lead = len(p.text) - len(p.text.lstrip())
    stripped = p.text.strip()
    p.cols = p.cols[lead : lead + len(stripped)] + [p.cols[lead + len(stripped)]]
    p.footnote_refs = [(o - lead, ident) for o, ident in p.footnote_refs]
    p.text = stripped


def _cover(directives: list[Directive], lines: list[int]) -> None:
    last_line = max(lines + [d.line for d in directives])
    for d in directives:
        if d.kind == "disable-line":
            d.first = d.last = d.line
        elif d.kind == "disable-next-line":
            nxt = next((ln for ln in lines if ln > d.line), d.line + 1)
            d.first = d.last = nxt
        elif d.kind == "disable":
            d.first, d.last = d.line, last_line
            for e in directives:
                if e.kind == "enable" and e.line >= d.line and (e.line, e.column) > (d.line, d.column) and (
                    not e.codes or not d.codes or set(e.codes) & set(d.codes)
                ):
                    d.last = e.line
                    break


def apply(directives: list[Directive], findings: list[Finding], ctx, runnable: set[str]) -> list[Finding]:
    """Drop suppressed findings; add VB008 for suppressions that suppressed nothing."""
    if not directives:
        return findings
    out: list[Finding] = []
    for f in findings:
        hit = False
        for d in directives:
            if d.kind == "enable" or not d.first <= f.line <= d.last:
                continue
            if not d.codes:
                d.used.add("*")
                hit = True
            for c in d.codes:
                if matches(c, f):
                    d.used.add(c)
                    hit = True
        if not hit:
            out.append(f)
    if "VB008" in runnable:
        out.extend(_unused(directives, ctx, runnable))
        out.sort(key=Finding.sort_key)
    return out


def _unused(directives: list[Directive], ctx, runnable: set[str]):
    rules = ctx.rules
    for d in directives:
        if d.kind == "enable":
            continue
        if not d.codes:
            if not d.used:
                yield _finding(ctx, d, "all", d.text)
            continue
        for c in d.codes:
            if c in d.used:
                continue
            matching = [code for code, r in rules.items()
                        if c.upper() == "ALL" or code.startswith(c.upper()) or r.name == c.lower()]
            if not matching:
                yield _finding(ctx, d, "unknown", c)
            elif any(code in runnable for code in matching):
                yield _finding(ctx, d, "default", c)


def _finding(ctx, d: Directive, key: str, code: str) -> Finding:
    rule = ctx.rules["VB008"]
    return Finding(
        code="VB008", name=rule.name, severity=rule.severity_for(ctx.stage),
        message=ctx.message("VB008", key, rule=code, kind=d.kind), line=d.line, column=d.column,
        end_line=d.line, end_column=d.end_column, text=d.text,
    )


# --------------------------------------------------------------------------- registration


def _rule():
    from ..catalogue.loader import rule

    return rule("VB008")


@check(_rule())
def unused_suppressions(doc, ctx):
    """VB008 is reported by the engine after every check has run (see `apply`)."""
    return ()


@hookimpl
def vbcheck_checks():
    return [unused_suppressions]
