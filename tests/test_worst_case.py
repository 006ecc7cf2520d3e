"""Issue 18's reproductions, each a test (inputs generated at run time: tests/hostile_inputs.py).

Item 1, every cost that was not linear: each input at the size the issue reported and at a tenth
(or ten times) of it costs time linear in its size (CPU time in a worker process, the ratio of the
two sizes, never a wall-clock threshold), and at the reported size stays under 500 MB resident
(a fresh process each) or is refused by a documented limit with a one-line reason. Item 4: an
attribute without its namespace prefix no longer raises out of `vbcheck.check()`. The findings
cap and the .docx limits on sections and attributes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import vbcheck

from . import docx_build as B
from . import linearity as L
from .hostile_inputs import CASES

ROOT = Path(__file__).resolve().parent.parent
MEMORY_MB = 500
# The profile named: these inputs are fragments, which vbcheck would otherwise take for no
# document at all (VB010) and judge with no other rule; named, every rule runs on them.
NAMED = {"profile": "nd30"}


@pytest.fixture(scope="module")
def timer():
    with L.Timer() as t:
        yield t


# The issue's size and a second size, ten times apart; the larger one for small inputs.
SIZES = {
    "so_nbsp": (5_000, 50_000), "glossary": (5_000, 50_000), "glossary_docx": (3_000, 30_000),
    "luu": (5_000, 50_000), "double_spaces": (2_400, 24_000), "abbreviations": (2_000, 20_000),
    "sections": (1_000, 10_000),  # 40,000 (the issue's) is refused: test_docx_limits
    "attributes": (100, 1_000),  # 150,000 is refused: test_docx_limits
}


@pytest.mark.parametrize("case", list(SIZES))
def test_issue_input_costs_linear_time(timer, case):
    fn, _ = CASES[case]
    times = []
    for n in SIZES[case]:
        data, name = fn(n)
        res = timer.ask(("check", data, name, 2, NAMED), 120.0)
        assert res is not None, f"{case} at {n}: timed out"
        assert res[1] is None, (case, n, res[1])  # checked, not refused
        times.append(res[0])
    assert times[1] < 20 * L.FLOOR or times[1] < L.RATIO * times[0], (case, times)


def test_annotate_costs_linear_time_in_its_comments(timer):
    """8,000 comments: python-docx's add_comment looked for a free id among all the others."""
    fn, _ = CASES["comments"]
    times = []
    for n in (800, 8_000):
        res = timer.ask(("annotate", fn(n)[0], 1, {"VBCHECK_MAX_FINDINGS": "100000"}, NAMED), 300.0)
        assert res is not None, f"{n} comments: timed out"
        assert res[1] >= n, res  # a comment per finding: one per paragraph and a few more
        times.append(res[0])
    assert times[1] < 20 * L.FLOOR or times[1] < L.RATIO * times[0], times


@pytest.mark.parametrize("case", list(CASES))
def test_issue_input_stays_under_500_mb(case):
    """At the issue's size, in a fresh process: checked, or refused by a documented limit."""
    _, size = CASES[case]
    code = ("import resource, sys, vbcheck\n"
            "from tests.hostile_inputs import CASES\n"
            f"fn, size = CASES[{case!r}]\n"
            "data, name = fn(size)\n"
            "f = vbcheck.check(data, name=name, profile='nd30').files[0]\n"
            "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "print(peak // (1 << 20) if sys.platform == 'darwin' else peak // 1024)\n"
            "print(f.error or '')\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    peak, error = out.stdout.split("\n", 1)
    assert int(peak) < MEMORY_MB, (case, size, f"{peak} MB")
    error = error.strip()
    if case in ("sections", "attributes"):
        assert "\n" not in error and "VBCHECK_MAX_" in error, error
    else:
        assert not error, error


# ----------------------------------------------------------------------------- .docx limits


def test_docx_limits_on_sections_and_attributes(monkeypatch):
    f = vbcheck.check(CASES["sections"][0](40_000)[0], name="s.docx").files[0]
    assert f.error and "VBCHECK_MAX_SECTIONS" in f.error and "10000" in f.error
    f = vbcheck.check(CASES["attributes"][0](150_000)[0], name="a.docx").files[0]
    assert f.error and "VBCHECK_MAX_ATTRIBUTES" in f.error and "150000" in f.error
    # Under the limits: read; the limits come from the environment.
    assert vbcheck.check(CASES["sections"][0](50)[0], name="s.docx").files[0].error is None
    monkeypatch.setenv("VBCHECK_MAX_SECTIONS", "20")
    assert "VBCHECK_MAX_SECTIONS" in vbcheck.check(CASES["sections"][0](50)[0], name="s.docx").files[0].error
    assert vbcheck.check(CASES["attributes"][0](999)[0], name="a.docx").files[0].error is None
    monkeypatch.setenv("VBCHECK_MAX_ATTRIBUTES", "500")
    assert "VBCHECK_MAX_ATTRIBUTES" in vbcheck.check(CASES["attributes"][0](999)[0], name="a.docx").files[0].error


def test_many_attributes_read_like_few():
    """Above 32 attributes an element is read through XPath (linear): same values as items()."""
    from lxml import etree

    from vbcheck.ooxml.props import attrs

    names = [f"a{i}" for i in range(100)] + ["ascii"]
    xml = ('<w:rFonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           + " ".join(f'w:{n}="v{n}"' for n in names) + ' hAnsi="no-namespace"/>')
    got = attrs(etree.fromstring(xml))
    assert got == {n: f"v{n}" for n in names}  # the attribute without a namespace is not read


@pytest.mark.parametrize("ppr,rpr,sect", [
    ("", '<w:rFonts ascii="Arial"/>', ""),
    ('<w:spacing after="120"/>', "", ""),
    ('<w:ind left="720"/>', "", ""),
    ("", "", '<w:pgSz w="11906" h="16838"/>'),
    ("", "", '<w:pgMar top="1134"/>'),
])
def test_attribute_without_its_prefix_is_not_an_exception(ppr, rpr, sect):
    """Issue 18 item 4: `<w:rFonts ascii="Arial"/>` raised IndexError out of vbcheck.check()."""
    sect = f"<w:sectPr>{sect}</w:sectPr>" if sect else ""
    body = f"<w:p><w:pPr>{ppr}{sect}</w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t>Nội dung</w:t></w:r></w:p>"
    f = vbcheck.check(B.build(body), name="a.docx", profile="nd30").files[0]
    assert f.error is None and not f.internal_errors, (f.error, f.internal_errors)
    assert any(v.code == "VB101" for v in f.violations)  # checked like any document
    if rpr:  # not read as w:ascii: Word's schema does not know it
        from vbcheck.ooxml.walk import read_document

        assert "ascii" not in read_document(B.build(body), "a.docx").paragraphs[0].runs[0].props.get("rFonts", {})


# ----------------------------------------------------------------------------- findings cap


def _doubles(n: int) -> str:
    """n lines with a space before a comma (VB207), one finding each."""
    return "".join(f"Dòng {i} , của văn bản.\n" for i in range(n))


def test_at_most_n_findings_of_one_rule_then_one_that_counts_the_rest(monkeypatch):
    f = vbcheck.check_text(_doubles(150), name="d.txt", select=["VB207"]).files[0]
    assert len(f.violations) == 101
    listed, more = f.violations[:100], f.violations[100]
    assert [v.line for v in listed] == list(range(1, 101))
    assert (more.code, more.line, more.column, more.text) == ("VB207", 101, len("Dòng 100") + 1, "")  # the 101st
    assert "50" in more.message and "VBCHECK_MAX_FINDINGS" in more.message
    assert "50 more" in vbcheck.check_text(_doubles(150), name="d.txt", select=["VB207"], lang="en").files[0].violations[100].message
    # Under the cap: every finding, no summary.
    f = vbcheck.check_text(_doubles(100), name="d.txt", select=["VB207"]).files[0]
    assert len(f.violations) == 100 and all(v.text == " ," for v in f.violations)
    monkeypatch.setenv("VBCHECK_MAX_FINDINGS", "10")
    f = vbcheck.check_text(_doubles(150), name="d.txt", select=["VB207"]).files[0]
    assert len(f.violations) == 11 and "140" in f.violations[10].message


def test_findings_cap_counts_after_suppressions_and_duplicates(monkeypatch):
    """Suppressed findings do not count (a document over the limit only by its suppressed
    findings lists them all), and an unused suppression is still reported."""
    text = "<!-- vbcheck-disable VB207 -->\n" + _doubles(60) + "<!-- vbcheck-enable VB207 -->\n" + _doubles(100)
    f = vbcheck.check_text(text, name="d.md", select=["VB207", "VB008"]).files[0]
    assert len(f.violations) == 100 and not any("VBCHECK_MAX_FINDINGS" in v.message for v in f.violations)
    text = "<!-- vbcheck-disable-line VB999 -->\n" + _doubles(3)
    f = vbcheck.check_text(text, name="d.md", select=["VB207", "VB008"]).files[0]
    assert [v.code for v in f.violations] == ["VB008", "VB207", "VB207", "VB207"]


def test_citation_tail_found_once_gives_what_a_search_per_token_gave():
    """langscope.abbreviation_tokens finds the leftmost citation tail once per paragraph (a
    search of the text before each token was quadratic: tests/fuzz/regressions/m3802.txt, 4.6 s);
    the answer for every token is the old one, on random strings of the pattern's characters."""
    import random

    from vbcheck.checks.langscope import _CITATION_TAIL, _tail_ends_at

    rng = random.Random(18)
    for _ in range(3000):
        t = "".join(rng.choice("1 /AB\tx-Đ") for _ in range(rng.randint(1, 30)))
        first = _CITATION_TAIL.search(t)
        for s in range(len(t) + 1):
            old = (m := _CITATION_TAIL.search(t, 0, s)) is not None and m.end() == s
            assert old == (first is not None and first.start() < s and _tail_ends_at(t, first, s)), (t, s)
