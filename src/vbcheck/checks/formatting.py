"""Formatting rules for .docx (VB003, VB3xx): the checks live in `fmt_page` (package and
section level: tracked changes, paper, margins, page numbers) and `fmt_text` (runs and
paragraphs: font, size, style, body paragraphs, colour). Effective formatting comes from
`vbcheck.ooxml.styles`, resolved lazily when one of these rules runs; thresholds from
rules/formatting.toml."""

from .fmt_page import CHECKS as _PAGE
from .fmt_text import CHECKS as _TEXT

CHECKS: list = [*_PAGE, *_TEXT]
