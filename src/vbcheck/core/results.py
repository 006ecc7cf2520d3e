"""What a run returns: one `FileResult` per file (findings, rules not evaluated, the type and
profile found, or the one-line reason it could not be read) and the `Report` over all files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .._version import __version__
from .finding import Finding
from .vocabulary import severity_rank


@dataclass
class FileResult:
    """What a check found in one file (or why it could not be checked)."""

    path: str
    profile: str | None = None
    stage: str | None = None
    doc_type: str | None = None
    violations: list[Finding] = field(default_factory=list)
    not_evaluated: list[dict[str, str]] = field(default_factory=list)
    error: str | None = None
    draft: bool = False
    draft_reasons: list[str] = field(default_factory=list)
    source_kind: str | None = None
    internal_errors: list[str] = field(default_factory=list)
    fail_on: str | None = None  # this file's own --fail-on (from its configuration)
    lines: dict[int, str] | None = None  # line -> text, with Options.keep_text (vbcheck.excerpts)

    def as_dict(self, lang: str = "vi") -> dict[str, Any]:
        d: dict[str, Any] = {"path": self.path}
        if self.error is not None:
            d["error"] = self.error
            d["violations"] = []
            return d
        d.update(
            profile=self.profile,
            stage=self.stage,
            doc_type=self.doc_type,
            draft=self.draft,
            violations=[v.as_dict(lang) for v in self.violations],
            not_evaluated=self.not_evaluated,
        )
        return d


@dataclass
class Report:
    """The results of a run: one FileResult per file."""

    files: list[FileResult]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.files for v in f.violations if v.severity == severity)

    @property
    def summary(self) -> dict[str, int]:
        return {
            "files": len(self.files),
            "errors": self.count("error"),
            "warnings": self.count("warning"),
            "infos": self.count("info"),
            "unreadable": sum(1 for f in self.files if f.error is not None),
        }

    def exit_code(self, fail_on: str | None = None) -> int:
        """2 for an unreadable file; 1 for a finding at or above `fail_on` (when None, each
        file's own `fail_on` from its configuration, else "error"); otherwise 0."""
        if any(f.error is not None for f in self.files):
            return 2
        for f in self.files:
            level = fail_on or f.fail_on or "error"
            if level != "never" and any(severity_rank(v.severity) >= severity_rank(level) for v in f.violations):
                return 1
        return 0

    def as_dict(self, lang: str = "vi") -> dict[str, Any]:
        return {
            "vbcheck": __version__,
            "files": [f.as_dict(lang) for f in self.files],
            "summary": self.summary,
        }
