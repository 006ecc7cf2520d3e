"""A small sample of the fuzz run (tests/fuzz/run.py runs 100,000 inputs; README "Limits against
hostile input"): hypothesis-generated documents and mutated corpus files through
`vbcheck.check`. Nothing may escape but the documented input errors, no check may crash, and no
input may take more than a few seconds."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from .conftest import need_shared
from .fuzz import gen

SLOW = 5.0  # seconds; the inputs here are small, a slow one means super-linear work


def _assert_fine(res: dict, what: str) -> None:
    assert res["outcome"] != "exception", (what, res.get("error"), res.get("traceback"))
    assert not res.get("internal"), (what, res["internal"])
    assert res["seconds"] < SLOW, (what, res["seconds"])


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(gen.documents)
def test_generated_documents(doc):
    data, name = doc
    _assert_fine(gen.run_one(data, name), name)


def test_mutated_corpus_files():
    need_shared()
    files = gen.corpus()
    if not files:
        pytest.skip("no corpus files")
    outcomes = {"ok": 0, "input-error": 0}
    for seed in range(250):
        data, name = gen.mutated(files, seed)
        res = gen.run_one(data, name)
        _assert_fine(res, f"mutated input {seed} ({name}); replay: python tests/fuzz/run.py --replay {seed}")
        outcomes[res["outcome"]] += 1
    # The mutations must reach the checks, not only the readers' refusals.
    assert outcomes["ok"] > 80 and outcomes["input-error"] > 40, outcomes
