"""Worst case, not average case (issue 18): every pattern in src/ and every rule end to end cost
time linear in their input, measured on adversarial input built from their own characters.

Never against a wall-clock threshold (timed tests are forbidden, and the machine is shared): each
input is timed at two sizes, ten times apart, in CPU time of a worker process (best of a few
runs), and the cost may grow at most RATIO times (linear: 10, quadratic: 100). A measurement that
hangs is killed and fails. See tests/linearity.py; `python -m tests.linearity [SUBSTRING]` prints
every pattern's worst input.
"""

from __future__ import annotations

import itertools

import pytest

from . import docx_build as B
from . import linearity as L

ENTRIES, UNCOVERED = L.collect()


@pytest.fixture(scope="module")
def timer():
    with L.Timer() as t:
        yield t


def test_every_pattern_in_src_is_collected():
    """A pattern built from local values must be named in tests/linearity.py BUILT (with inputs
    as hostile as a user can give it); otherwise this test cannot time it."""
    assert not UNCOVERED, f"patterns built at run time that BUILT does not cover: {UNCOVERED}"
    # The collection reaches every layer: anatomy, checks, readers, ooxml, engine, and the
    # patterns built at run time.
    where = " ".join(w for e in ENTRIES.values() for w in e.where)
    for part in ("anatomy/patterns.py", "checks/abbreviations.py", "readers/plaintext.py", "ooxml/styles.py",
                 "engine/excerpts.py", "checks/terms.py:_name_starts (built)", "checks/suppressions.py"):
        assert part in where, part
    assert len(ENTRIES) > 120


def test_the_timing_catches_a_quadratic_pattern(timer):
    """The measurement itself: the patterns issue 18 found fail it, their fixed forms pass."""
    for bad in (r"\s*x", r"\s*\((?P<phrase>[^()]{3,90})\)"):  # _PHRASE_IN_PARENS before
        assert L.judge_pattern(timer, L.Entry(bad, 0, ["test"], {"search"}), 3_000, 30_000).failure
    good = L.judge_pattern(timer, L.Entry(r"(?<!\s)\s*+\((?P<phrase>[^()]{3,90})\)", 0, ["test"], {"search"}),
                           3_000, 30_000)
    assert good.failure is None, good.failure


@pytest.mark.parametrize("key", list(ENTRIES), ids=[e.where[0] for e in ENTRIES.values()])
def test_pattern_is_linear(timer, key):
    v = L.judge_pattern(timer, ENTRIES[key])
    assert v.failure is None, f"{v.entry.where}: {v.failure}\n  pattern: {v.entry.pattern[:300]}"


# ----------------------------------------------------------------------------- globs


@pytest.mark.parametrize("glob", ["*a*a*a*a*a*a*a*a*a*a*a*a*b", "**/a/**/b/**/c*", "?*?*?*?*x", "a**b**c**d"])
def test_glob_is_linear(timer, glob):
    """A per-file-ignores glob is matched without backtracking (a repository can ship any glob)."""
    for unit in ("a", "a/", "ab"):
        t = [timer.ask(("glob", glob, unit, n, 3), 20.0) for n in (10_000, 100_000)]
        assert None not in t, (glob, unit, t)
        assert t[1] < L.FLOOR or t[1] < L.RATIO * t[0], (glob, unit, t)


# ----------------------------------------------------------------------------- rules end to end

# A document with every part a rule looks at; {R} is where a run goes.
SKELETON = [
    "ỦY BAN NHÂN DÂN{R}", "TỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM{R}", "Độc lập - Tự do{R} - Hạnh phúc",
    "Số:{R}12/KH-UBND", "Lâm Đồng, ngày{R}05 tháng 3 năm 2025", "KẾ HOẠCH", "Về việc{R}triển khai",
    "Kính gửi:{R}Sở Nội vụ", "Căn cứ Luật{R}Tổ chức chính quyền địa phương.",
    "Các từ viết tắt: ABC - x{R}a", "Nội dung{R}văn bản (VB) của UBND tỉnh.", "1. Mục đích{R}yêu cầu.",
    "Nơi nhận:{R}", "- Như trên;{R}", "- Lưu: VT,{R}VP.", "KT. CHỦ TỊCH{R}", "PHÓ CHỦ TỊCH", "Nguyễn Văn{R}An",
]
PARTS = {"header": range(0, 6), "title and body": range(6, 13), "closing": range(13, 19)}


def _abbreviations(n: int) -> str:
    """Distinct undefined abbreviations ("BCDG BCDH …"), n characters."""
    toks = ("".join(t) for t in itertools.product("BCDGHKLMNPQRSTVX", repeat=4))
    return " ".join(itertools.islice(toks, n // 5 + 1))[:n]


UNITS = [" ", "\u00a0", "\t", "A", "AB ", "1", "1.", "-", "/", ",", "VT,", "a  b", "(VB) ", "Đ", "ư", "…",
         "Sở Tài chính và Sở Tài Chính, ", "<!-- vbcheck-disable ", "**", "|", None]  # None: abbreviations


def _document(unit: str | None, part: str, n: int) -> str:
    slots = [i for i, line in enumerate(SKELETON) if "{R}" in line and (part == "all" or i in PARTS[part])]
    per = n // len(slots)
    run = _abbreviations(per) if unit is None else (unit * (per // len(unit) + 1))[:per]
    return "\n".join(line.replace("{R}", run if i in slots else " ") for i, line in enumerate(SKELETON)) + "\n"


def _cases():
    for unit in UNITS:
        for part in PARTS:  # each part on its own: a run in one part changes how the others are read
            yield unit, part


def _check_grows_linearly(timer, make, name: str) -> None:
    """make(n) -> document bytes of about n characters, checked at 100,000 then 10,000
    characters. A check under 20 * FLOOR at the large size passes (cheap whatever its growth);
    above it, the cost may grow at most RATIO times, measured again (best of three) before it
    fails."""

    def cost(n: int, reps: int) -> float:
        # The profile named: a document whose header holds a long run may not look like one
        # (VB010); named, every rule runs on it.
        res = timer.ask(("check", make(n), name, reps, {"profile": "nd30"}), 120.0)
        assert res is not None, f"{n} characters: more than 120 s of CPU"
        assert res[1] is None, res  # checked, not refused
        return res[0]

    large = cost(100_000, 1)
    if large < 20 * L.FLOOR:
        return
    small = cost(10_000, 2)
    if large > L.RATIO * small:
        small, large = cost(10_000, 3), cost(100_000, 3)
    assert large < 20 * L.FLOOR or large < L.RATIO * small, (small, large)


@pytest.mark.parametrize("unit,part", list(_cases()), ids=[f"{u!r}-{p}" for u, p in _cases()])
def test_rules_are_linear_end_to_end(timer, unit, part):
    """Every rule (all selected) on a document whose parts hold a long run: 10,000 then 100,000
    characters. The cost of the whole check grows linearly, so no rule's does."""
    name = "doc.md" if unit and "<!--" in unit else "doc.txt"
    _check_grows_linearly(timer, lambda n: _document(unit, part, n).encode("utf-8"), name)


@pytest.mark.parametrize("unit", [" ", "\u00a0", "a  b", "VT,", "(VB) ", None])
def test_docx_is_linear_end_to_end(timer, unit):
    """The same through the .docx reader and the formatting rules (a run in every paragraph)."""

    def make(n: int) -> bytes:
        per = n // len(SKELETON)
        run = _abbreviations(per) if unit is None else (unit * (per // len(unit) + 1))[:per]
        return B.build("".join(B.p(B.r(line.replace("{R}", run))) for line in SKELETON))

    _check_grows_linearly(timer, make, "doc.docx")
