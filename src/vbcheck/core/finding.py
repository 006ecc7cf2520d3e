"""A finding: one violation of one rule at one place. Every reporter reads this model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class Finding:
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

    def as_dict(self) -> dict[str, Any]:
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
        }

    def sort_key(self) -> tuple:
        return (self.line, self.column, self.code)
