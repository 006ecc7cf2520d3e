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

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..core.finding import Finding
from ..core.markers import hookimpl
from ..core.model import Document, Paragraph, SourceKind
from ..core.rule import check
from ..core.selectors import matches

# The codes stop at the comment's end and never run into another comment: ".*?" alone read the
# rest of the line from every unclosed "<!-- vbcheck-disable" (quadratic on a line of them).
_DIRECTIVE = re.compile(
    r"<!--\s*+vbcheck-(?P<kind>disable-next-line|disable-line|disable|enable)\b(?P<codes>(?:(?!<!--).)*?)-->")


@dataclass
class Directive:
    """A `vbcheck-disable…` comment: what it disables and where it stands."""

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
        spans = []
        for m in _DIRECTIVE.finditer(p.text):
            codes = tuple(c for c in re.split(r"[\s,]+", m.group("codes").strip()) if c)
            found.append(Directive(m.group("kind"), codes, p.line, p.column(m.start()),
                                   p.column(m.end()), m.group(0)))
            spans.append(m.span())
        if spans:
            _cut(p, spans)
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


def _cut(p: Paragraph, spans: list[tuple[int, int]]) -> None:
    """Delete the (start, end) spans (in order, apart) from a paragraph in one pass, keeping the
    column map, then trim spaces (one copy of the text, not one per comment)."""
    text, cols = p.text, p.cols
    pieces, col_pieces, pos = [], [], 0
    for start, end in spans:
        pieces.append(text[pos:start])
        col_pieces.append(cols[pos:start])
        pos = end
    pieces.append(text[pos:])
    col_pieces.append(cols[pos:])
    removed = [0]  # characters removed up to and with each span
    for start, end in spans:
        removed.append(removed[-1] + end - start)
    refs = []
    for o, ident in p.footnote_refs:
        k = bisect.bisect_right(spans, (o, float("inf"))) - 1  # the last span starting at or before o
        if k >= 0 and o < spans[k][1]:
            continue  # inside a comment
        refs.append((o - removed[k + 1], ident))
    p.text = "".join(pieces)
    p.cols = [c for piece in col_pieces for c in piece]
    p.footnote_refs = refs
    lead = len(p.text) - len(p.text.lstrip())
    stripped = p.text.strip()
    p.cols = p.cols[lead : lead + len(stripped)] + [p.cols[lead + len(stripped)]]
    p.footnote_refs = [(o - lead, ident) for o, ident in p.footnote_refs]
    p.text = stripped


def _cover(directives: list[Directive], lines: list[int]) -> None:
    """Set the lines each directive covers (`directives` sorted by place, `lines` ascending): the
    next line with text, or up to the first later "enable" that names one of its rules (or
    any); found by bisection, not by a scan of every directive for each one."""
    last_line = max(lines + [d.line for d in directives])
    enables_any: list[int] = []  # indices of "enable" naming no rule (it ends every range)
    enables: dict[str, list[int]] = defaultdict(list)  # rule named -> indices of "enable" naming it
    for i, e in enumerate(directives):
        if e.kind == "enable":
            if e.codes:
                for c in set(e.codes):
                    enables[c].append(i)
            else:
                enables_any.append(i)
    all_enables = sorted(enables_any + [i for ix in enables.values() for i in ix])

    def first_after(ix: list[int], i: int) -> int | None:
        k = bisect.bisect_right(ix, i)
        return ix[k] if k < len(ix) else None

    for i, d in enumerate(directives):
        if d.kind == "disable-line":
            d.first = d.last = d.line
        elif d.kind == "disable-next-line":
            k = bisect.bisect_right(lines, d.line)
            d.first = d.last = lines[k] if k < len(lines) else d.line + 1
        elif d.kind == "disable":
            if d.codes:
                ends = [first_after(enables_any, i)] + [first_after(enables.get(c, []), i) for c in set(d.codes)]
            else:
                ends = [first_after(all_enables, i)]
            ends = [j for j in ends if j is not None]
            d.first, d.last = d.line, directives[min(ends)].line if ends else last_line


class Suppressor:
    """Drops suppressed findings one at a time, as the checks yield them, and reports the
    suppressions that suppressed nothing (VB008) at the end.

    Worked out per rule (a selector names a rule, so it names all its findings or none): the
    lines each rule's directives cover, merged, searched by bisection; comparing each finding
    with each directive cost findings × directives."""

    def __init__(self, directives: list[Directive]):
        self.directives = directives
        self.ranges = [d for d in directives if d.kind != "enable"]
        self.covered: dict[tuple[str, str], list[tuple[int, int]]] = {}
        self.lines: dict[tuple[str, str], list[int]] = defaultdict(list)  # of suppressed findings

    def _spans(self, key: tuple[str, str]) -> list[tuple[int, int]]:
        r = _Named(*key)
        spans = sorted((d.first, d.last) for d in self.ranges if not d.codes or any(matches(c, r) for c in d.codes))
        merged: list[tuple[int, int]] = []
        for a, b in spans:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], b))
            else:
                merged.append((a, b))
        return merged

    def suppressed(self, f: Finding) -> bool:
        key = (f.code, f.name)
        spans = self.covered.get(key)
        if spans is None:
            spans = self.covered[key] = self._spans(key)
        k = bisect.bisect_right(spans, (f.line, float("inf"))) - 1
        if k >= 0 and spans[k][0] <= f.line <= spans[k][1]:
            self.lines[key].append(f.line)
            return True
        return False

    def unused(self, ctx, runnable: set[str]) -> list[Finding]:
        """VB008 for each suppression (or rule it names) that suppressed nothing: no suppressed
        finding of a rule it names lies within its lines."""
        for ls in self.lines.values():
            ls.sort()
        all_lines = sorted(ln for ls in self.lines.values() for ln in ls)

        def any_within(ls: list[int], d: Directive) -> bool:
            k = bisect.bisect_left(ls, d.first)
            return k < len(ls) and ls[k] <= d.last

        named: dict[str, list[tuple[str, str]]] = {}
        for d in self.ranges:
            if not d.codes:
                if any_within(all_lines, d):
                    d.used.add("*")
                continue
            for c in d.codes:
                if c not in named:
                    named[c] = [key for key in self.lines if matches(c, _Named(*key))]
                if any(any_within(self.lines[key], d) for key in named[c]):
                    d.used.add(c)
        return list(_unused(self.directives, ctx, runnable))


def apply(directives: list[Directive], findings: list[Finding], ctx, runnable: set[str]) -> list[Finding]:
    """Drop suppressed findings; add VB008 for suppressions that suppressed nothing."""
    if not directives:
        return findings
    sup = Suppressor(directives)
    out = [f for f in findings if not sup.suppressed(f)]
    if "VB008" in runnable:
        out.extend(sup.unused(ctx, runnable))
        out.sort(key=Finding.sort_key)
    return out


@dataclass(frozen=True)
class _Named:
    """A rule's code and name (what VB008 reports of a rule it names)."""

    code: str
    name: str


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
