"""Two layout columns in one line, or several lines in one paragraph: split them apart.

`pdftotext -layout` writes the header's two table columns on one line ("BỘ NỘI VỤ      CỘNG
HOÀ XÃ HỘI …"), and some Word drafts do the same with tabs instead of a table ("Nơi nhận:\t\tTL.
CHỦ TỊCH"). A gap of a tab or three spaces between two stretches of text separates columns, except
where a draft leaves a blank to fill in ("Số:      /BTP-BTTP", "ngày    tháng 7"). Each column
becomes its own `Paragraph` with the same line (paragraph number) and its own columns, so every
check sees one column at a time and still reports the exact place. Lines a .docx paragraph
breaks with `w:br` ("KT. CHỦ TỊCH↵PHÓ CHỦ TỊCH") are split the same way.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..core.model import Document, Paragraph, Run

_GAP = re.compile(r"(?<=\S)(?: {3,}|[ \t]*\t[ \t]*)(?=\S)")
_NO_SPLIT_BEFORE = re.compile(r"(?:Số\s*:?|ngày|tháng|năm|[/\-…._])$", re.IGNORECASE)
_NO_SPLIT_AFTER = re.compile(r"^(?:[/\-…._]|tháng\b|năm\b)", re.IGNORECASE)
MIN_SIDE = 3  # "1.\tNội dung" is a numbered paragraph, not two columns


def column_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each column of `text`; one span when there is no column gap."""
    spans = []
    start = 0
    for m in _GAP.finditer(text):
        left = text[start : m.start()]
        if _NO_SPLIT_BEFORE.search(left) or _NO_SPLIT_AFTER.match(text[m.end() :]):
            continue
        if len(left.strip()) < MIN_SIDE or len(text[m.end() :].strip()) < MIN_SIDE:
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def slice_paragraph(p: Paragraph, start: int, end: int) -> Paragraph:
    runs = [Run(max(r.start, start) - start, min(r.end, end) - start, r.props)
            for r in p.runs if r.end > start and r.start < end]
    return replace(
        p,
        text=p.text[start:end],
        cols=p.cols[start : end + 1],
        runs=runs,
        footnote_refs=[(o - start, i) for o, i in p.footnote_refs if start <= o <= end],
        gap_before=p.gap_before if start == 0 else False,
    )


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Lines of a paragraph broken with Shift+Enter (w:br), then columns within each line."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        lead = len(line) - len(line.lstrip())
        body = line.strip()
        if body:
            base = pos + lead
            spans.extend((base + s, base + e) for s, e in column_spans(body))
        pos += len(line) + 1
    return spans


def split_columns(doc: Document) -> None:
    """Replace each multi-line or multi-column paragraph by one paragraph per piece (in place)."""
    out: list[Paragraph] = []
    changed = False
    for p in doc.paragraphs:
        t = p.text
        if p.kind == "footnote" or ("\t" not in t and "   " not in t and "\n" not in t) or len(t) > 2000:
            out.append(p)
            continue
        spans = _line_spans(t)
        if len(spans) == 1 and spans[0] == (0, len(t)):
            out.append(p)
            continue
        changed = True
        out.extend(slice_paragraph(p, s, e) for s, e in spans)
    if changed:
        for i, p in enumerate(out):
            p.index = i
        doc.paragraphs = out
