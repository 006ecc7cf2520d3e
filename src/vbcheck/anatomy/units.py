"""Logical units: the source paragraphs of a text whose lines a conversion wrapped.

A web crawl or `pdftotext` breaks a paragraph into lines mid-sentence; a basis of a căn cứ block
or a recipient after "Kính gửi:" may run over two or three of them. A *unit* is one or more
consecutive paragraphs that form one source paragraph, so that the rules about a paragraph's
start (a heading label, a dash) read its first line and the rules about its end (";", ".") read
its last. In a .docx every `w:p` is its own unit (Word does not wrap into paragraphs).

A line continues the unit before it when no blank line separates them, the unit does not end a
sentence (`.`, `;`, `:`, `!`, `?`, `…`), the line does not open a paragraph of its own (a dash, "Căn
cứ", "Điều 2", "1.", "a)", "II.", "Phần", "Chương", "Mục 1", "Phụ lục") and neither line is a line
in capitals (a heading or a title). Page numbers and signing-stamp lines between two lines of one
paragraph are left out. A unit holds at most 60 lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.model import Paragraph, SourceKind
from ..text.letters import is_upper
from .patterns import STAMP_LINE

# Openings of a paragraph of its own (original text). Bounded repetitions only.
STARTER = re.compile(
    r"^(?:[-–+•]\s|Căn\s{1,3}cứ|Theo\s{1,3}đề\s{1,3}nghị|Xét\s{1,3}đề\s{1,3}nghị|Điều\s{1,3}\d|ĐIỀU\s{1,3}\d"
    r"|\d{1,2}\.\s|\d{1,2}\.\d|[a-zđ]\)\s|[IVXLC]{1,6}[.\-–]\s|Phần\s|PHẦN\s|Chương\s{1,3}[IVXLC\d]|CHƯƠNG\s"
    r"|Mục\s{1,3}\d|Phụ\s{1,3}lục|PHỤ\s{1,3}LỤC)"
)
_LETTER = re.compile(r"[A-Za-zÀ-ỹĐđ]")
_PAGE_NUMBER = re.compile(r"^\d{1,3}$|^-\s{0,2}\d{1,3}\s{0,2}-$")
TERMINAL = frozenset(".;:!?…")
MAX_LINES = 60


@dataclass(slots=True)
class Unit:
    """One source paragraph: its lines (paragraphs of the model) and their text joined by spaces."""

    paras: list[Paragraph]
    text: str

    @property
    def first(self) -> Paragraph:
        return self.paras[0]

    @property
    def last(self) -> Paragraph:
        return self.paras[-1]


def caps_line(text: str) -> bool:
    """A line in capitals with at least six letters (a heading or a title; "87/2025/QH15;" is not
    one)."""
    return is_upper(text) and len(_LETTER.findall(text)) >= 6


def ends_sentence(text: str) -> bool:
    t = text.rstrip()
    return bool(t) and t[-1] in TERMINAL


def is_noise(p: Paragraph) -> bool:
    """A page number or a line of a digital signature's stamp between two lines of a paragraph."""
    t = p.text.strip()
    return bool(_PAGE_NUMBER.match(t)) or bool(STAMP_LINE.match(t))


def join_units(paras: list[Paragraph], kind: SourceKind) -> list[Unit]:
    out: list[Unit] = []
    for p in paras:
        t = p.text.strip()
        if not t:
            continue
        if kind == SourceKind.DOCX or not out or p.gap_before:
            out.append(Unit([p], t))
            continue
        if is_noise(p):
            continue
        prev = out[-1]
        if (len(prev.paras) < MAX_LINES and not ends_sentence(prev.text) and not STARTER.match(t)
                and not caps_line(t) and not caps_line(prev.last.text)):
            prev.paras.append(p)
            prev.text = prev.text + " " + t
        else:
            out.append(Unit([p], t))
    return out
