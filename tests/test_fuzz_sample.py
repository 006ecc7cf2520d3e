"""A small sample of the fuzz run (tests/fuzz/run.py runs 100,000 inputs; README "Limits against
hostile input"): hypothesis-generated documents and mutated corpus files through
`vbcheck.check`. Nothing may escape but the documented input errors, no check may crash, and no
input may cost more than gen.SLOWER times the expected CPU time of its size (measured again,
three times, before it fails: a shared machine only makes a run slower), nor more than a few
seconds. The inputs the fuzzing found too slow are kept in tests/fuzz/regressions and held to the
same bound."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from .conftest import need_shared
from .fuzz import gen

ROOT = gen.ROOT

SLOW = 5.0  # seconds; the inputs here are small, a slow one means super-linear work


def _assert_fine(res: dict, what: str, data: bytes, name: str) -> None:
    assert res["outcome"] != "exception", (what, res.get("error"), res.get("traceback"))
    assert not res.get("internal"), (what, res["internal"])
    if res["too_slow"]:
        again = gen.too_slow_again(data, name)
        bound = gen.SLOWER * gen.expected_cost(res["size"])
        assert again is None, f"{what}: {again:.2f} s of CPU for {res['size']} bytes (bound {bound:.2f} s)"
    assert res["seconds"] < SLOW or res["cpu"] < SLOW, (what, res["seconds"])


@pytest.fixture(autouse=True, scope="module")
def _warm():
    """The first check of a process loads the catalogue and the readers: not the input's cost."""
    gen.run_one("Số: 1/KH\n".encode(), "w.txt")
    gen.run_one((ROOT / "examples" / "ke-hoach-du-thao.docx").read_bytes(), "w.docx")


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(gen.documents)
def test_generated_documents(doc):
    data, name = doc
    _assert_fine(gen.run_one(data, name), name, data, name)


def test_mutated_corpus_files():
    need_shared()
    files = gen.corpus()
    if not files:
        pytest.skip("no corpus files")
    outcomes = {"ok": 0, "input-error": 0}
    for seed in range(250):
        data, name = gen.mutated(files, seed)
        res = gen.run_one(data, name)
        _assert_fine(res, f"mutated input {seed} ({name}); replay: python tests/fuzz/run.py --replay {seed}", data, name)
        outcomes[res["outcome"]] += 1
    # The mutations must reach the checks, not only the readers' refusals.
    assert outcomes["ok"] > 80 and outcomes["input-error"] > 40, outcomes


@pytest.mark.parametrize("name", [n for n, _ in gen.regressions()])
def test_regression_cases_cost_what_their_size_does(name):
    """Every input kept by the time fuzzing (the first ones: issue 18's shapes, 1 to 6 s on the
    code before, 4 to 12 times the bound) costs at most gen.SLOWER times its expected cost."""
    data = (gen.REGRESSIONS / name).read_bytes()
    res = gen.run_one(data, name)
    assert res["outcome"] == "ok", res
    _assert_fine(res, name, data, name)


def test_the_time_fuzzing_catches_a_super_linear_cost(monkeypatch):
    """The bound itself: a check whose cost grows as the cube of its input (issue 18's "Số:" +
    NBSP: two runs of spaces side by side, searched at every start) passes it at 100 characters
    and fails it at 1,000 (about 1 s against a bound of 0.22 s, on this machine)."""
    import re

    import vbcheck

    cubic = re.compile(r"\s*\s*x")

    def fake_check(data, name=None):
        cubic.search(data.decode("utf-8"))
        return vbcheck.check_text("Số: 1/KH\n")

    monkeypatch.setattr(vbcheck, "check", fake_check)
    small, large = b" " * 100, b" " * 1_000
    assert not gen.run_one(small, "s.txt")["too_slow"]
    res = gen.run_one(large, "l.txt")
    assert res["too_slow"] and gen.too_slow_again(large, "l.txt", tries=2) is not None, res
