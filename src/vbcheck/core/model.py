"""The document model every reader produces and every check reads.

A `Document` is an ordered list of `Paragraph`s in reading order. Each paragraph carries its text
normalised for matching (NFC, Markdown markers removed, non-breaking spaces folded) and a column
map back to the source, so a check can match on clean text and still report the exact place in
the file: line and column for text files, paragraph number (and page where Word recorded it) for
.docx. The anatomy pass (`vbcheck.anatomy`) fills in `zone` once; checks never re-detect parts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Zone(str, Enum):
    """What part of an official document a paragraph belongs to (sources.md §3.3)."""

    HEADER_LEFT = "header-left"  # chủ quản, issuing body, Số, V/v
    HEADER_RIGHT = "header-right"  # Quốc hiệu, Tiêu ngữ, place and date
    TITLE = "title"  # tên loại and trích yếu
    KINH_GUI = "kinh-gui"
    BODY = "body"
    SIGNATURE = "signature"  # authority prefix, position, name
    NOI_NHAN = "noi-nhan"
    APPENDIX = "appendix"  # material after the signature (phụ lục, tables)
    FOOTNOTE = "footnote"
    UNKNOWN = "unknown"


class SourceKind(str, Enum):
    TEXT = "text"
    MARKDOWN = "markdown"
    DOCX = "docx"


@dataclass(slots=True)
class Run:
    """A stretch of a .docx paragraph with its own formatting (start/end are text offsets)."""

    start: int
    end: int
    props: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Paragraph:
    """One unit of reading order.

    For text input a paragraph is one source line, or one segment of a line when the line holds
    two layout columns (pdftotext -layout) or Markdown table cells. For .docx it is a `w:p`.
    """

    index: int  # position in Document.paragraphs (0-based)
    text: str  # normalised text used for matching
    line: int  # 1-based: source line (text) or paragraph number in reading order (.docx)
    # cols[i] = 0-based source column of text[i]; len(cols) == len(text) + 1. A list for text
    # input; for .docx, where columns are offsets in the paragraph's own text, a read-only range
    # (slicing gives a range again): use list(p.cols) before changing or concatenating it.
    cols: Sequence[int]
    page: int | None = None
    zone: Zone = Zone.UNKNOWN
    kind: str = "p"  # "p", "cell", "footnote"
    gap_before: bool = False  # an empty line/paragraph precedes it in the source
    table: tuple[int, int, int] | None = None  # (table number, row, cell) for table-cell paragraphs
    footnote_refs: list[tuple[int, str]] = field(default_factory=list)  # (offset, footnote id)
    footnote_id: str | None = None  # for kind == "footnote"
    runs: list[Run] = field(default_factory=list)
    props: dict[str, Any] = field(default_factory=dict)  # paragraph formatting (.docx)

    def column(self, offset: int) -> int:
        """1-based source column of a text offset."""
        offset = max(0, min(offset, len(self.text)))
        return self.cols[offset] + 1

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass(slots=True, weakref_slot=True)  # weakly referenced by vbcheck.ooxml.styles
class Document:
    """A document as read: its paragraphs and what its reader knows of the package."""

    path: str
    kind: SourceKind
    paragraphs: list[Paragraph]
    # Facts a reader knows about the package (revisions, comments, sections, styles ...).
    meta: dict[str, Any] = field(default_factory=dict)
    # Set by the anatomy pass.
    anatomy: Any = None

    def zone(self, *zones: Zone) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.zone in zones]
