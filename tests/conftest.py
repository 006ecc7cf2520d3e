"""Shared fixtures. Tests may read ../shared (seeds, corpus) beside the checkout; the package
itself never does. Tests that need it skip clearly when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import vbcheck

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("VBCHECK_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"


def pytest_configure(config):
    config.addinivalue_line("markers", "network: needs the package registry (PyPI); skipped when unreachable")
    config.addinivalue_line("markers", "slow: takes a minute or more (a fresh virtualenv and pip install)")


def need_shared():
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED} (set VBCHECK_SHARED)")


@pytest.fixture
def shared():
    need_shared()
    return SHARED


def check_text(text: str, name: str = "doc.txt", **kw):
    """Check a text document given as a string; return its FileResult."""
    return vbcheck.check_text(text, name=name, **kw).files[0]


def codes(result) -> list[str]:
    return [v.code for v in result.violations]


def corpus_files(kind: str) -> list[Path]:
    if not (CORPUS / kind).is_dir():
        return []
    return sorted(p for p in (CORPUS / kind).iterdir() if p.is_file())


def assert_snapshot(path: Path, rows: list[list]) -> None:
    """Compare `rows` with a reviewed snapshot stored one row (one finding) per line, so that a
    change shows as a one-line diff. VBCHECK_UPDATE_SNAPSHOTS=1 rewrites it (then review the
    diff); a missing snapshot is a failure, never silently created."""
    import json

    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if os.environ.get("VBCHECK_UPDATE_SNAPSHOTS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"snapshot {path} missing: run with VBCHECK_UPDATE_SNAPSHOTS=1 and review it"
    want = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert rows == want
