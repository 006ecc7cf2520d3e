"""The seed documents against the careful reviewer's expectations (spec/seeds-expected.toml),
scored exactly as ../shared/tools/score-seeds does, through the CLI entry point."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib

import pytest

from .conftest import SEEDS, SHARED, need_shared


def _run(profile, path):
    out = subprocess.run([sys.executable, "-m", "vbcheck", "--format", "json", "--profile", profile, str(path)],
                         capture_output=True, text=True)
    return [v for f in json.loads(out.stdout)["files"] for v in f["violations"]]


def _hit(v, item):
    if item["rule"] not in (v["code"], v["name"]):
        return False
    if "line" in item and v["line"] != item["line"]:
        return False
    return "text" not in item or item["text"] in (v["text"] or "") + " " + v["message"]


def _cases():
    if not SHARED.is_dir():
        return []
    spec = tomllib.loads((SHARED / "spec" / "seeds-expected.toml").read_text("utf-8"))
    return spec["seed"]


# The language rules (VB2xx) are scored by their own issue's tests once they land.
PREFIXES = ("VB0", "VB1", "VB2")  # all rule families of the seeds file


@pytest.mark.parametrize("seed", _cases(), ids=lambda s: s["file"][:3])
def test_seed(seed):
    need_shared()
    vs = _run(seed["profile"], SEEDS / seed["file"])
    missing = [i for i in seed["must"] if i["rule"].startswith(PREFIXES) and not any(_hit(v, i) for v in vs)]
    wrong = [i for i in seed["must_not"] if i["rule"].startswith(PREFIXES) and any(_hit(v, i) for v in vs)]
    assert missing == [] and wrong == []
