"""Suppression comments in .txt/.md (issue 5, part 2): next line, this line, ranges, names and
prefixes; the comments themselves are not text (no findings, anatomy unchanged, line numbers
kept); unused ones are VB008."""

from __future__ import annotations

import vbcheck
from vbcheck.catalogue import loader as packs

from .conftest import check_text, codes

BASE = packs.example_base("ke-hoach")
LUU = "- Lưu: VT, VP."
BAD = BASE.replace(LUU, "- Lưu: VT,VP.")  # VB122 on line 27


def test_unsuppressed_finding():
    res = check_text(BAD)
    assert [(v.code, v.line) for v in res.violations] == [("VB122", 27)]


def test_disable_next_line_by_code_and_by_name():
    for sel in ("VB122", "noi-nhan-format", "VB12"):
        text = BASE.replace(LUU, f"<!-- vbcheck-disable-next-line {sel} -->\n- Lưu: VT,VP.")
        res = check_text(text, name="kh.md")
        assert codes(res) == [], (sel, [(v.code, v.message) for v in res.violations])


def test_disable_next_line_skips_blank_lines_and_only_that_line():
    text = BAD.replace("Nơi nhận:", "<!-- vbcheck-disable-next-line VB122 -->\n\nNơi nhận:")
    # The next line with text is "Nơi nhận:", not the Lưu line: VB122 stays, VB008 says so.
    res = check_text(text)
    assert [(v.code, v.line) for v in res.violations] == [("VB008", 24), ("VB122", 29)]


def test_disable_line_inline():
    text = BASE.replace(LUU, "- Lưu: VT,VP. <!-- vbcheck-disable-line VB122 -->")
    assert codes(check_text(text)) == []


def test_disable_enable_range_and_to_the_end():
    text = BAD.replace("Nơi nhận:", "<!-- vbcheck-disable VB122 -->\nNơi nhận:").replace(
        "KT. GIÁM ĐỐC", "<!-- vbcheck-enable VB122 -->\nKT. GIÁM ĐỐC")
    assert codes(check_text(text)) == []
    # Without enable: to the end of the document; without codes: every rule.
    text = BAD.replace("Nơi nhận:", "<!-- vbcheck-disable -->\nNơi nhận:")
    assert codes(check_text(text)) == []
    # A range that ends before the finding does not suppress it.
    text = BAD.replace("II. TỔ CHỨC", "<!-- vbcheck-disable VB122 -->\n<!-- vbcheck-enable VB122 -->\nII. TỔ CHỨC")
    assert codes(check_text(text)) == ["VB008", "VB122"]


def test_comments_are_not_text():
    # Between the Quốc hiệu and the Tiêu ngữ, in the header, in the body: no finding of any
    # rule, the parts are still recognised, later line numbers are the file's own.
    text = BAD.replace("Độc lập - Tự do", "<!-- vbcheck-disable-next-line VB1 -->\nĐộc lập - Tự do")
    res = check_text(text, name="kh.md")
    assert [(v.code, v.line) for v in res.violations] == [("VB008", 6), ("VB122", 28)]
    assert res.doc_type == "KH"
    col = check_text(BAD).violations[0].column
    text = BASE.replace(LUU, "- Lưu: <!-- vbcheck-disable-line VB205 --> VT,VP.")
    res = check_text(text)
    assert [(v.code, v.line) for v in res.violations] == [("VB008", 27), ("VB122", 27)]
    vb122 = res.violations[1]
    assert vb122.column > col  # columns are those of the file, after the comment
    assert text.splitlines()[26][vb122.column - 1 : vb122.end_column - 1] == vb122.text


def test_unused_suppression_vb008():
    text = BASE.replace("2. Bảo đảm", "<!-- vbcheck-disable-next-line VB116, VB999 -->\n2. Bảo đảm")
    res = check_text(text)
    msgs = [(v.code, v.line, v.column, v.severity) for v in res.violations]
    assert msgs == [("VB008", 18, 1, "info"), ("VB008", 18, 1, "info")]
    assert "VB116" in res.violations[0].message + res.violations[1].message
    assert any("VB999" in v.message for v in res.violations)


def test_vb008_only_for_rules_that_ran():
    text = BASE.replace("2. Bảo đảm", "<!-- vbcheck-disable-next-line VB116 VB301 -->\n2. Bảo đảm")
    # VB301 (formatting) is not evaluated on plain text: its suppression is not "unused".
    assert [v.message.count("VB116") for v in check_text(text).violations] == [1]
    # A rule switched off by --ignore/--select: not reported either; VB008 itself can be ignored.
    assert codes(check_text(text, ignore=["VB116"])) == []
    assert codes(check_text(text, ignore=["VB008"])) == []


def test_docx_has_no_comments_but_per_file_ignores(tmp_path):
    res = vbcheck.check("examples/ke-hoach-du-thao.docx", config={"per-file-ignores": {"*.docx": ["VB107"]}})
    assert "VB107" not in codes(res.files[0])
