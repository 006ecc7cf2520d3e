"""Snapshot of every VB003/VB3xx finding on shared/corpus/docx.

Each finding in tests/snapshots/formatting/corpus.json was reviewed against the document's XML
(effective fonts, sizes, spacing, sections, header parts); findings judged wrong were fixed in
the rules, never in the snapshot. A document where the formatting rules were not evaluated (out
of scope: a legal normative document, an internal form) is recorded with the reason, so that a
change of scope shows up here too. After a deliberate change, regenerate with
    VBCHECK_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_formatting_snapshot.py
and review the diff line by line before committing it.
"""

from __future__ import annotations

from pathlib import Path

import vbcheck

from .conftest import assert_snapshot, corpus_files, need_shared

SNAPSHOT = Path(__file__).parent / "snapshots" / "formatting" / "corpus.jsonl"
SELECT = ("VB003", "VB3")


def current() -> list[list]:
    """Per file one row [file, "profile", profile], one per reason a rule was not evaluated,
    and one per finding: [file, code, severity, line, end_line, text, message]."""
    out: list[list] = []
    for path in corpus_files("docx"):
        res = vbcheck.check(str(path), select=SELECT).files[0]
        assert res.error is None and not res.internal_errors, (path.name, res.error, res.internal_errors)
        out.append([path.name, "profile", res.profile])
        out += [[path.name, "not_evaluated", reason]
                for reason in sorted({n["reason"] for n in res.not_evaluated if n["code"].startswith("VB3")})]
        out += [[path.name, v.code, v.severity, v.line, v.end_line, v.text[:60], v.message] for v in res.violations]
    return out


def test_corpus_formatting_snapshot():
    need_shared()
    assert_snapshot(SNAPSHOT, current())
