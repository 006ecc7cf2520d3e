"""A finding: one violation of one rule at one place. Every reporter reads this model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .fix import Fix


@dataclass(slots=True)
class Finding:
    """One finding: a rule broken at a place of the document, with its message and fix."""

    code: str
    name: str
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    page: int | None = None
    text: str = ""
    paragraph: int | None = None  # index in Document.paragraphs, for annotating
    fingerprint: str = ""  # stable across line shifts (vbcheck.excerpts), for SARIF
    fix: Fix | None = None  # what would make the finding go away (vbcheck.core.fix)

    def as_dict(self, lang: str = "vi") -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "page": self.page,
            "text": self.text,
            "fix": self.fix.as_dict(lang) if self.fix is not None else None,
        }

    def sort_key(self) -> tuple:
        return (self.line, self.column, self.code)
