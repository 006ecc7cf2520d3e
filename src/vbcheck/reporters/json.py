"""The JSON contract of spec/output.md: keys may be added, never renamed or removed."""

from __future__ import annotations

import json

from ..engine import Report
from .neutral import no_surrogates


def render(report: Report, lang: str = "vi") -> str:
    # A file name that is not UTF-8 (surrogate escapes) is shown with U+FFFD: valid UTF-8 JSON.
    return no_surrogates(json.dumps(report.as_dict(lang), ensure_ascii=False, indent=2)) + "\n"
