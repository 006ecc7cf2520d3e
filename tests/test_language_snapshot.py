"""Snapshot of every VB0xx/VB2xx finding on the shared corpus (text and .docx).

Each finding in tests/snapshots/language/corpus.json was read by a reviewer; findings judged
wrong were fixed in the rules, never in the snapshot. After a deliberate change, regenerate with
    VBCHECK_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_language_snapshot.py
and review the diff line by line before committing it.
"""

from __future__ import annotations

from pathlib import Path

import vbcheck

from .conftest import assert_snapshot, corpus_files, need_shared

SNAPSHOT = Path(__file__).parent / "snapshots" / "language" / "corpus.jsonl"


def current() -> list[list]:
    """One row per finding: [file, code, line, column, text]."""
    out: list[list] = []
    for kind in ("text", "docx"):
        for path in corpus_files(kind):
            res = vbcheck.check(str(path), select=("VB0", "VB2")).files[0]
            assert not res.internal_errors, (path.name, res.internal_errors)
            out += [[f"{kind}/{path.name}", v.code, v.line, v.column, v.text]
                    for v in res.violations if v.code != "VB009"]
    return out


def test_corpus_language_snapshot():
    need_shared()
    assert_snapshot(SNAPSHOT, current())
