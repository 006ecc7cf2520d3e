"""The closing parts as real documents lay them out (issue 12, item 5): Nơi nhận after the
signature in one column, an item continued by a manual line break, a missing space after a comma
inside an item, a rank before the signer's name, a mass organisation's deputy under "TM. BAN
THƯỜNG TRỰC". Constructed and corpus cases with locations are in tests/cases (c5…, d5a, r5…)."""

from __future__ import annotations

from vbcheck.catalogue import loader as packs

from .conftest import check_text

BASE = packs.example_base("cong-van")
CLOSING = """Nơi nhận:
- Như trên;
- Chủ tịch, các Phó Chủ tịch UBND tỉnh;
- Lưu: VT, NCKS.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Trần Thị Bình"""
assert CLOSING in BASE


def run(text: str):
    r = check_text(text, select=("VB1",))
    assert not r.internal_errors, r.internal_errors
    return r.violations


def codes(vs) -> list[str]:
    return [v.code for v in vs]


def line_of(text: str, needle: str) -> int:
    return next(i for i, t in enumerate(text.splitlines(), 1) if needle in t)


def test_base_closing_is_clean():
    assert not [v for v in run(BASE) if v.code >= "VB116"]


def test_one_column_noi_nhan_after_the_signature():
    text = BASE.replace(CLOSING, """TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Trần Thị Bình

Nơi nhận:
- Như trên;
- Chủ tịch, các Phó Chủ tịch UBND tỉnh;
- Lưu: VT, NCKS.""")
    assert not [c for c in codes(run(text)) if c >= "VB116"]
    # without its Lưu line: VB121 where the items end, not VB120
    text = text.replace("\n- Lưu: VT, NCKS.", "")
    vs = [v for v in run(text) if v.code in ("VB120", "VB121")]
    assert [(v.code, v.line) for v in vs] == [("VB121", line_of(text, "- Chủ tịch, các Phó"))]


def test_rank_before_the_name_is_the_name():
    text = BASE.replace("Trần Thị Bình", "Đại tá Trần Quốc Bảo")
    assert not [c for c in codes(run(text)) if c in ("VB117", "VB118", "VB123")]
    text = BASE.replace("Trần Thị Bình", "Thiếu tướng TS. Nguyễn Văn Long")
    vs = [v for v in run(text) if v.code in ("VB118", "VB123")]
    assert [(v.code, v.line, v.text) for v in vs] == [("VB123", line_of(text, "Thiếu tướng"), "TS.")]  # the academic title, not the rank
    # a rank and no name: the name is missing, said where the signing block is
    text = BASE.replace("Trần Thị Bình", "Đại tá")
    vs = [v for v in run(text) if v.code in ("VB117", "VB118", "VB123")]
    assert [(v.code, v.line) for v in vs] == [("VB118", line_of(text, "PHÓ CHỦ TỊCH"))]


def test_item_continued_by_a_line_break_is_one_item():
    text = BASE.replace("- Như trên;\n", "- Như trên;\n- Bộ Công an (Cục An ninh nội địa,\nCục Cảnh sát hình sự) để báo cáo;\n")
    assert "VB122" not in codes(run(text))
    # the item's end still counts: no ";" after the continued item is reported on its last line
    text = BASE.replace("- Như trên;\n", "- Như trên;\n- Bộ Công an (Cục An ninh nội địa,\nCục Cảnh sát hình sự) để báo cáo\n")
    vs = [v for v in run(text) if v.code == "VB122"]
    assert [(v.line, v.text) for v in vs] == [(line_of(text, "Cục Cảnh sát hình sự"), "để báo cáo")]
    # a line after a finished item ("…;") is a new item without its dash
    text = BASE.replace("- Như trên;\n", "- Như trên;\nBộ Công an;\n")
    vs = [v for v in run(text) if v.code == "VB122"]
    assert [(v.line, v.text) for v in vs] == [(line_of(text, "Bộ Công an;"), "Bộ Công an;")]


def test_missing_space_after_a_comma_inside_an_item_is_one_vb122():
    text = BASE.replace("- Như trên;", "- Như trên;\n- Phòng Tham mưu,Phòng Chính trị,Phòng Hậu cần;")
    vs = check_text(text, select=("VB1", "VB2")).violations
    got = [(v.code, v.line) for v in vs if v.code in ("VB122", "VB207")]
    assert got == [("VB122", line_of(text, "Phòng Tham mưu"))]
    edit = next(v for v in vs if v.code == "VB122").fix.edits[0]
    assert (edit.old, edit.new) == ("mưu,", "mưu, ")


def test_mass_organisation_deputy_under_tm_ban_thuong_truc():
    mttq = BASE.replace("ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN", "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM\nTỈNH BÌNH THUẬN")
    mttq = mttq.replace("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "TM. BAN THƯỜNG TRỰC\nPHÓ CHỦ TỊCH")
    assert "VB119" not in codes(run(mttq))
    # a state body's steering committee keeps the rule
    state = BASE.replace("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "TM. BAN CHỈ ĐẠO\nPHÓ TRƯỞNG BAN")
    vs = [v for v in run(state) if v.code == "VB119"]
    assert [v.line for v in vs] == [line_of(state, "PHÓ TRƯỞNG BAN")]


def test_lưu_without_colon_or_vt_is_vb122_not_vb121():
    text = BASE.replace("- Lưu: VT, NCKS.", "- Lưu Văn phòng.")
    vs = [v for v in run(text) if v.code in ("VB121", "VB122")]
    assert {v.code for v in vs} == {"VB122"} and len(vs) == 2
