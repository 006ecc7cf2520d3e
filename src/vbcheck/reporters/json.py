"""The JSON contract of spec/output.md: keys may be added, never renamed or removed."""

from __future__ import annotations

import json

from ..engine import Report


def render(report: Report) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n"
