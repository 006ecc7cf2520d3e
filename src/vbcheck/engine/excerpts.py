"""What reporters need from a document after the run, kept on the FileResult: a stable
fingerprint of every finding (SARIF) and, when asked, the text of every line (HTML report).

A fingerprint does not depend on line numbers, which shift when a paragraph is added above: it
hashes the rule, the normalised text of the paragraph the finding sits in, the excerpt and the
occurrence of that triple in the document. GitHub code scanning would otherwise hash "line N" of
the file as UTF-8 text, which means nothing for a .docx (a ZIP archive).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# Speed trick, in one place: CPython's own SHA-256 (the same digests as hashlib's; a test compares
# them) without hashlib, whose import loads OpenSSL: some 3 ms of a one-file run.
try:
    from _sha256 import sha256  # Python 3.11
except ImportError:  # pragma: no cover - another Python
    try:
        from _sha2 import sha256  # Python 3.12+
    except ImportError:
        from hashlib import sha256

from ..core.finding import Finding
from ..core.model import Document

_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def fingerprint(findings: list[Finding], doc: Document) -> None:
    """Set `Finding.fingerprint` on each finding (in place).

    The hash of "code, paragraph, excerpt, occurrence" (the fields normalised, joined by \\x1f).
    Each paragraph is normalised once, and hashed once per rule (the hash state copied for each
    finding), not once per finding: 50,000 findings in one long paragraph re-read it 50,000 times."""
    seen: dict[tuple[str, str, str], int] = {}
    paras = doc.paragraphs
    normed: dict[int | None, str] = {}
    texts: dict[str, str] = {}  # one object per distinct text: keys compare by identity
    heads: dict[tuple[str, int | None], Any] = {}
    for f in findings:
        idx = f.paragraph if f.paragraph is not None and 0 <= f.paragraph < len(paras) else None
        ptext = normed.get(idx)
        if ptext is None:
            ptext = _norm(paras[idx].text) if idx is not None else ""
            ptext = normed[idx] = texts.setdefault(ptext, ptext)
        excerpt = _norm(f.text)
        key = (f.code, ptext, excerpt)
        n = seen.get(key, 0)
        seen[key] = n + 1
        head = heads.get((f.code, idx))
        if head is None:
            head = heads[(f.code, idx)] = sha256(f"{f.code}\x1f{ptext}\x1f".encode("utf-8"))
        h = head.copy()
        h.update(f"{excerpt}\x1f{n}".encode("utf-8"))
        f.fingerprint = h.hexdigest()[:32]


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
