"""Plain text and Markdown reader.

One paragraph per non-empty source line, except that a Markdown table row gives one paragraph
per cell (kind "cell", like a .docx table cell), all with the same line number and their own
columns. Two layout columns on one line (pdftotext -layout) are split later by
`vbcheck.layout`, for every reader alike; joining lines that a conversion wrapped mid-sentence is
the anatomy's job.

Footnotes: a line starting with a superscript number ("¹ Các từ viết tắt: …") or a Markdown
footnote definition ("[^1]: …") is a footnote paragraph; a superscript number or "[^1]" inside
another line is a reference to it. A form feed (pdftotext's page break) advances the page.
"""

from __future__ import annotations

import re

from ..errors import InputError
from ..hookspecs import hookimpl
from ..model import Document, Paragraph, SourceKind, Zone
from ..normalize import clean

SUFFIXES = (".txt", ".md", ".markdown", ".text")

_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = str.maketrans(_SUPERSCRIPT, "0123456789")
_FOOTNOTE_LINE = re.compile(rf"^\s*(?:([{_SUPERSCRIPT}]+)|\[\^(\w+)\]:)\s*")
_FOOTNOTE_REF = re.compile(rf"(?<=\S)([{_SUPERSCRIPT}]+)|\[\^(\w+)\](?!:)")
_LINE_END = re.compile(r"\r\n|\r|\n")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|[\s:|-]+\|\s*$")
_MD_HINT = re.compile(r"\*\*\S|^\s{0,3}#{1,6} \S|^\s*\|.*\|\s*$", re.MULTILINE)


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse anything else."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError("tệp UTF-16 bị hỏng", "corrupt UTF-16 text") from e
    if b"\x00" in data[:4096]:
        raise InputError("tệp nhị phân, không phải văn bản", "binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(
            f"không đọc được bảng mã: tệp không phải UTF-8 (byte lỗi ở vị trí {e.start})",
            f"unreadable encoding: not UTF-8 (bad byte at offset {e.start})",
        ) from e


def _segments(raw: str) -> list[tuple[int, str]]:
    """Split a Markdown table row into (start column, text) cells; other lines are one segment."""
    if _TABLE_ROW.match(raw):
        if _TABLE_RULE.match(raw):
            return []
        out = []
        pos = raw.index("|") + 1
        end = raw.rindex("|")
        while pos < end:
            nxt = raw.find("|", pos)
            if nxt == -1 or nxt > end:
                nxt = end
            out.append((pos, raw[pos:nxt]))
            pos = nxt + 1
        return out
    return [(0, raw)]


def read_text(data: bytes, path: str) -> Document:
    src = decode(data)
    markdown = path.lower().endswith((".md", ".markdown")) or bool(_MD_HINT.search(src))
    paragraphs: list[Paragraph] = []
    has_pages = "\f" in src
    page = 1
    gap = False
    table_no, row, prev_table_line = 0, -1, -2
    # Split on line ends only: str.splitlines() would also split on form feeds and other
    # separators that editors do not count as lines, and line numbers would drift.
    for lineno, raw in enumerate(_LINE_END.split(src), start=1):
        if "\f" in raw:
            page += raw.count("\f")
            raw = raw.replace("\f", " ")
        if not raw.strip() or _TABLE_RULE.match(raw):
            gap = True
            continue
        fn = _FOOTNOTE_LINE.match(raw)
        is_row = bool(_TABLE_ROW.match(raw))
        if is_row:
            if prev_table_line < lineno - 2:
                table_no, row = table_no + 1, -1
            row += 1
            prev_table_line = lineno
        for cell, (start, seg) in enumerate(_segments(raw)):
            not_nfc: list[tuple[int, int]] = []
            text, cols = clean(seg, markdown=markdown, start_col=start, changed=not_nfc)
            # Source columns of characters that were not NFC in the file (VB002).
            not_nfc_cols = [cols[a] for a, _ in not_nfc]
            # Trim surrounding spaces but keep the column map aligned.
            lead = len(text) - len(text.lstrip())
            text2 = text.strip()
            if not text2:
                continue
            cols = cols[lead : lead + len(text2)] + [cols[lead + len(text2)]]
            para = Paragraph(
                index=len(paragraphs), text=text2, line=lineno, cols=cols,
                page=page if has_pages else None, gap_before=gap,
            )
            gap = False
            if not_nfc_cols:
                para.props["not_nfc_cols"] = not_nfc_cols
            if is_row:  # a Markdown table cell, like a .docx table cell
                para.kind, para.table = "cell", (table_no, row, cell)
            if fn and start == 0:
                para.kind = "footnote"
                para.zone = Zone.FOOTNOTE
                para.footnote_id = (fn.group(1) or "").translate(_SUP_TO_DIGIT) or fn.group(2)
            for m in _FOOTNOTE_REF.finditer(text2):
                if para.kind == "footnote" and m.start() == 0:
                    continue
                ident = (m.group(1) or "").translate(_SUP_TO_DIGIT) or m.group(2)
                para.footnote_refs.append((m.start(), ident))
            paragraphs.append(para)
    kind = SourceKind.MARKDOWN if markdown else SourceKind.TEXT
    return Document(path=path, kind=kind, paragraphs=paragraphs, meta={"markdown": markdown})


@hookimpl
def vbcheck_read(path: str, data: bytes):
    if path.lower().endswith(SUFFIXES):
        return read_text(data, path)
    return None
