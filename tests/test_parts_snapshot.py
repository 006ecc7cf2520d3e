"""Snapshot of every VB124–VB131 finding (the form of the parts) on the shared corpus, text and
.docx, seeds included.

Each finding in tests/snapshots/parts/corpus.jsonl was read against its document; findings judged
wrong were fixed in the rules, never in the snapshot (the reading is in the issue 13 notes). After a
deliberate change, regenerate with
    VBCHECK_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_parts_snapshot.py
and review the diff line by line before committing it.
"""

from __future__ import annotations

from pathlib import Path

import vbcheck

from .conftest import SEEDS, assert_snapshot, corpus_files, need_shared

SNAPSHOT = Path(__file__).parent / "snapshots" / "parts" / "corpus.jsonl"
CODES = tuple(f"VB{n}" for n in range(124, 132))


def current() -> list[list]:
    """One row per finding: [file, code, severity, line, column, text, message]."""
    out: list[list] = []
    seeds = sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".md")) if SEEDS.is_dir() else []
    for kind, paths in (("text", corpus_files("text")), ("docx", corpus_files("docx")), ("seeds", seeds)):
        for path in paths:
            res = vbcheck.check(str(path), select=CODES, lang="en").files[0]
            assert res.error is None and not res.internal_errors, (path.name, res.error, res.internal_errors)
            out += [[f"{kind}/{path.name}", v.code, v.severity, v.line, v.column, v.text[:60], v.message]
                    for v in res.violations]
    return out


def test_corpus_parts_snapshot():
    need_shared()
    assert_snapshot(SNAPSHOT, current())
