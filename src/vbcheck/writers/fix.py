"""`vbcheck fix` and `vbcheck.fix()`: apply the fixes that checks attach to their findings.

A run works in passes, as ruff does: check the document, take the fixes that apply (safe ones,
and unsafe ones when asked; `--select`/`--ignore` as for checking), write those that do not
overlap one another, and check the result again; stop when a pass writes nothing (at most
`MAX_PASSES`). A fix is written whole or not at all; one whose place no longer holds the text
its check saw is skipped with the reason. The result is checked once more: its findings are
what remains, and its exit status is that of a check.

- Text and Markdown (`fix_text.TextTarget`): the file's own encoding, BOM and line endings, and
  every byte outside the edits, are kept.
- .docx (`DocxTarget`, through `vbcheck.ooxml.revise`): each edit is a tracked change by
  "vbcheck" (w:ins/w:del, w:rPrChange, w:pPrChange, w:sectPrChange) that Word's Review pane lists
  for accepting or rejecting, or applied directly (`track=False`). Runs keep their properties;
  paragraphs without edits are left as they are.

Writing the file is `engine.files.write_atomic`'s (a temporary file in the same folder and a
rename: an interrupted run leaves the target as it was).
"""

from __future__ import annotations

import copy
import difflib
import os
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.errors import InputError
from ..core.finding import Finding
from ..core.fix import Edit, Fix, refine
from ..core.results import FileResult

if TYPE_CHECKING:
    from ..engine import Options

MAX_PASSES = 8


@dataclass
class FixResult:
    """What fixing one file did: the fixed bytes, the findings whose fixes were written (in the
    order written), the fixes that could not be written with the reason, and a check of the
    fixed file (`result`: its `violations` are what remains)."""

    path: str
    original: bytes
    data: bytes
    applied: list[Finding] = field(default_factory=list)
    failed: list[tuple[Finding, str]] = field(default_factory=list)
    result: FileResult | None = None
    passes: int = 0
    error: str | None = None

    @property
    def changed(self) -> bool:
        return self.data != self.original

    @property
    def fixed(self) -> int:
        return len(self.applied)

    @property
    def edits(self) -> list[Edit]:
        """The edits written, fix by fix (the coordinates of the pass that wrote each)."""
        return [e for f in self.applied if f.fix is not None for e in f.fix.edits]

    @property
    def remaining(self) -> list[Finding]:
        return self.result.violations if self.result is not None else []

    def diff(self) -> str:
        """A unified diff of the text: the file's lines, or a .docx's paragraphs (one line each,
        numbered as vbcheck numbers them; tracked changes shown accepted)."""
        if not self.changed:
            return ""
        before, after = _lines(self.path, self.original), _lines(self.path, self.data)
        return "".join(difflib.unified_diff(before, after, self.path, self.path, n=1))


def is_docx(path: str) -> bool:
    return path.lower().endswith((".docx", ".docm", ".dotx"))


def fix_data(path: str, data: bytes, options: Options, *, unsafe: bool = False, track: bool = True,
             date: str | None = None) -> FixResult:
    """Fix the document `data` (named `path`, whose suffix picks the reader) and return the
    result; nothing is written to disk. `date` (ISO 8601) stamps the tracked changes (default:
    now, or SOURCE_DATE_EPOCH when set)."""
    from ..engine import check_document, read

    out = FixResult(path=path, original=data, data=data)
    date = date or _now()
    failed: dict[tuple, tuple[Finding, str]] = {}
    try:
        for n in range(MAX_PASSES):
            doc = read(path, out.data)
            result = check_document(doc, options)
            wanted = [f for f in result.violations if f.fix is not None and (unsafe or f.fix.is_safe)]
            if not wanted:
                break
            target = DocxTarget(out.data, date if track else None) if is_docx(path) else _text_target(out.data)
            taken: list[tuple] = []
            written = 0
            for f in sorted(wanted, key=lambda f: _first_place(f.fix)):
                places = [_place(e) for e in f.fix.edits]
                if any(_overlap(p, q) for p in places for q in taken):
                    continue  # the next pass takes it up again, on the text this pass wrote
                reason = target.apply(f.fix)
                if reason is None:
                    taken.extend(places)
                    out.applied.append(f)
                    written += 1
                else:
                    failed[(f.code, f.line, f.column, f.message)] = (f, reason)
            out.passes = n + 1
            if not written:
                break
            out.data = target.data()
        out.result = check_document(read(path, out.data), options)
    except InputError as e:
        out.error = e.message(options.lang)
        return out
    # a fix that failed once but was written in a later pass is not a failure
    done = {(f.code, f.line, f.column, f.message) for f in out.applied}
    out.failed = [v for k, v in failed.items() if k not in done]
    return out


def _text_target(data: bytes):
    from .fix_text import TextTarget  # imported when used: `import vbcheck` stays light

    return TextTarget(data)


def _now() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    t = int(epoch) if epoch and epoch.isdigit() else int(time.time())
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def _place(e: Edit) -> tuple:
    if e.target == "section":  # one place per property: two margins of a section do not collide
        keys = [f"margin:{s}" for s in e.format.get("margins", {})] + [k for k in e.format if k != "margins"]
        return ("section", e.section, tuple(keys))
    if e.target == "paragraph":
        return ("paragraph", e.line)
    return ("text", e.line, e.column, max(e.end_column, e.column + 1))


def _first_place(fix: Fix) -> tuple:
    e = fix.edits[0]
    return (e.line, e.column)


def _overlap(p: tuple, q: tuple) -> bool:
    if p[0] != q[0]:
        # text and the paragraph's own properties never collide; a paragraph's format is one place
        return False
    if p[0] == "section":
        return p[1] == q[1] and bool(set(p[2]) & set(q[2]))
    if p[0] == "paragraph":
        return p[1] == q[1]
    return p[1] == q[1] and p[2] < q[3] and q[2] < p[3]


def _lines(path: str, data: bytes) -> list[str]:
    if is_docx(path):
        from ..engine import read

        return [f"{p.text}\n" for p in read(path, data).paragraphs]
    from ..readers.plaintext import decode

    text = decode(data)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n"
    return lines


# --------------------------------------------------------------------------- .docx


class DocxTarget:
    """A .docx being fixed: `apply(fix)` edits the parsed parts (all edits of the fix or none),
    `data()` gives the package. `date` None applies edits without tracking them."""

    def __init__(self, data: bytes, date: str | None):
        from ..ooxml.revise import EditablePackage, Revision

        self.pkg = EditablePackage(data)
        self.rev = Revision(date, self.pkg.max_id() + 1) if date is not None else None
        self.shifts: dict[int, list[tuple[int, int]]] = {}  # line -> (end, delta) applied

    def apply(self, fix: Fix) -> str | None:
        from ..ooxml.revise import CannotEdit

        try:
            self._run(fix, dry=True)  # on copies: a fix is written whole or not at all
        except CannotEdit as e:
            return str(e)
        self._run(fix, dry=False)
        return None

    def _run(self, fix: Fix, dry: bool) -> None:
        from ..ooxml import revise

        rev = copy.copy(self.rev) if dry and self.rev is not None else self.rev
        copies: dict[int, object] = {}
        touched: set[int] = set()  # lines an earlier edit of this fix changed already
        deltas: list[tuple[int, int, int]] = []
        for e in sorted(fix.edits, key=lambda e: (e.line, e.column), reverse=True):
            if e.target == "section":
                sect = self.pkg.section(e.section)
                revise.format_section(copy.deepcopy(sect) if dry else sect, dict(e.format), rev)
                continue
            if dry and e.line not in copies:
                copies[e.line] = self.pkg.copy_of(e.line)
            ed = self.pkg.editor(e.line, rev, copies.get(e.line) if dry else None, verify=e.line not in touched)
            touched.add(e.line)
            if e.target == "paragraph":
                ed.format_paragraph(dict(e.format))
                continue
            start = e.column - 1 + self._shift(e.line, e.column - 1)
            cols = ed.source_span(start, e.old)
            if e.new is None:
                ed.format_runs(cols[0], cols[-1], dict(e.format))
                continue
            pieces = [] if e.format else refine(e.old, e.new)
            if not pieces:
                if ed.raw[cols[0] : cols[-1]] == e.new and not e.format:
                    continue
                pieces = [(0, len(e.old), e.new)]
            for a, b, new in reversed(pieces):
                ed.replace(cols[a], cols[b], new, dict(e.format) or None)
            deltas.append((e.line, e.end_column - 1, len(e.new) - len(e.old)))
        if not dry:
            for line, end, delta in deltas:
                self.shifts.setdefault(line, []).append((end, delta))
            if rev is not None:
                self.rev = rev

    def _shift(self, line: int, col: int) -> int:
        return sum(d for end, d in self.shifts.get(line, ()) if end <= col)

    def data(self) -> bytes:
        return self.pkg.save()


# --------------------------------------------------------------------------- files


def default_output(path: str) -> str:
    """NAME.fixed.docx beside the input."""
    root, ext = os.path.splitext(path)
    return f"{root}.fixed{ext}"
