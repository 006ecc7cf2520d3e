"""Writing fixes into a text or Markdown file: only the characters an edit names change.

The file is decoded as the reader decodes it (UTF-8 with or without a BOM, UTF-16/32, Windows-
1258), each edit is placed by its line and source column, the text there is checked against
what the check saw (after the same normalisation: NFC, spaces folded, zero-width characters
dropped), and the file is encoded again in its own encoding with its own BOM. Line endings
are never touched (an edit never adds or removes one), and every byte outside the edits is the
same, because these encodings map each character to its bytes on its own.
"""

from __future__ import annotations

import re
import unicodedata

from ..core.fix import Edit, Fix, refine
from ..readers.plaintext import decode_text
from ..text.normalize import clean

_LINE_END = re.compile(r"\r\n|\r|\n")
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


class TextTarget:
    """A text file being fixed: `apply(fix)` edits it in memory (all edits of the fix or none),
    `data()` gives the bytes."""

    def __init__(self, data: bytes):
        text, encoding = decode_text(data)
        self.bom = b""
        self.codec = encoding
        for bom, codec in _BOMS:
            if data.startswith(bom):
                self.bom, self.codec = bom, codec
                break
        if self.codec in ("utf-16", "utf-32"):  # decode_text's name for a BOM it consumed
            self.codec += "-le"
        self.src = text
        self.shifts: dict[int, list[tuple[int, int]]] = {}  # line -> (source end, delta) applied

    def _lines(self) -> list[int]:
        starts = [0]
        starts.extend(m.end() for m in _LINE_END.finditer(self.src))
        return starts

    def apply(self, fix: Fix) -> str | None:
        """Write every text edit of `fix` (formatting has no place in a text file); None when
        done, else the reason nothing was written."""
        starts = self._lines()
        splices: list[tuple[int, int, str, int, int]] = []  # (start, end, new, line, col end)
        for e in fix.edits:
            if e.new is None or e.target != "text":
                continue
            if not 1 <= e.line <= len(starts):
                return "no such line"
            ls = starts[e.line - 1]
            le = starts[e.line] if e.line < len(starts) else len(self.src)
            line = self.src[ls:le].rstrip("\r\n")
            col = e.column - 1 + self._shift(e.line, e.column - 1)
            cols = _span(line, col, e.old)
            if cols is None:
                return "the text at this place has changed"
            pieces = [] if e.format else refine(e.old, e.new)
            if not pieces:
                source = line[cols[0] : cols[-1]]
                if source == e.new:
                    continue
                pieces = [(0, len(e.old), e.new)]
            for a, b, new in pieces:
                splices.append((ls + cols[a], ls + cols[b], new, e.line, e.end_column - 1))
        for _s, _e, new, _l, _c in splices:
            try:
                new.encode(self.codec)
            except UnicodeEncodeError:
                return f"the new text cannot be written in {self.codec}"
        splices.sort(key=lambda x: x[0])
        for (_s1, e1, *_), (s2, *_rest) in zip(splices, splices[1:]):
            if s2 < e1:
                return "the edits overlap"
        for s, e, new, line, col_end in reversed(splices):
            self.src = self.src[:s] + new + self.src[e:]
            self.shifts.setdefault(line, []).append((col_end, len(new) - (e - s)))
        return None

    def _shift(self, line: int, col: int) -> int:
        """How far the text at source column `col` moved with the edits applied in this pass."""
        return sum(d for end, d in self.shifts.get(line, ()) if end <= col)

    def data(self) -> bytes:
        return self.bom + self.src.encode(self.codec)


def _span(line: str, col: int, old: str) -> list[int] | None:
    """Source columns of each character of `old` found at `col` of `line` (and of its end), or
    None when the line does not hold `old` there. Markdown markers inside the stretch are not
    dropped, so an edit never removes one it did not name."""
    if not 0 <= col <= len(line):
        return None
    reach = min(len(line), col + 4 * len(old) + 8)
    while reach < len(line) and unicodedata.combining(line[reach]):
        reach += 1  # never cut a letter from its marks
    seg = line[col:reach].replace("\f", " ")
    text, cols = clean(seg, start_col=col)
    if not text.startswith(old):
        return None
    return cols[: len(old) + 1]


def place(edit: Edit) -> tuple[int, int, int]:
    """(line, start, end) of an edit, for telling which edits overlap."""
    return edit.line, edit.column - 1, edit.end_column - 1
