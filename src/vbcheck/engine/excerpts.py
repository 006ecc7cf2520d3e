"""What reporters need from a document after the run, kept on the FileResult: a stable
fingerprint of every finding (SARIF) and, when asked, the text of every line (HTML report).

A fingerprint does not depend on line numbers, which shift when a paragraph is added above: it
hashes the rule, the normalised text of the paragraph the finding sits in, the excerpt and the
occurrence of that triple in the document. GitHub code scanning would otherwise hash "line N" of
the file as UTF-8 text, which means nothing for a .docx (a ZIP archive).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..core.finding import Finding
from ..core.model import Document

_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def fingerprint(findings: list[Finding], doc: Document) -> None:
    """Set `Finding.fingerprint` on each finding (in place)."""
    seen: dict[str, int] = {}
    paras = doc.paragraphs
    for f in findings:
        ptext = ""
        if f.paragraph is not None and 0 <= f.paragraph < len(paras):
            ptext = paras[f.paragraph].text
        key = "\x1f".join((f.code, _norm(ptext), _norm(f.text)))
        n = seen.get(key, 0)
        seen[key] = n + 1
        f.fingerprint = hashlib.sha256(f"{key}\x1f{n}".encode("utf-8")).hexdigest()[:32]


def line_texts(doc: Document) -> dict[int, str]:
    """Line number -> its text, each paragraph placed at its source columns (Markdown markers and
    removed comments show as spaces), so that a finding's columns index into it."""
    lines: dict[int, list[str]] = {}
    for p in doc.paragraphs:
        buf = lines.setdefault(p.line, [])
        for ch, col in zip(p.text, p.cols):
            if col >= len(buf):
                buf.extend(" " * (col + 1 - len(buf)))
            buf[col] = ch
    return {ln: "".join(buf).rstrip() for ln, buf in sorted(lines.items())}
