"""VB124–VB131: the form of the parts (V/v, trích yếu, Kính gửi, căn cứ, structure, marks,
appendices, copy blocks). Each rule: a passing case, a failing case and the place of the finding,
on small documents of our own and on text cut from the corpus (../shared/corpus)."""

from __future__ import annotations

import pytest

from vbcheck.catalogue import loader as packs

from .conftest import CORPUS, check_text, need_shared


def hits(res, code: str, key_word: str = "") -> list:
    return [v for v in res.violations if v.code == code and key_word in v.message]


def base(name: str) -> str:
    return packs.example_base(name)


def edit(name: str, find: str, replace: str) -> str:
    text = base(name)
    assert find in text, find
    return text.replace(find, replace, 1)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# --------------------------------------------------------------------------- VB124


def test_vb124_named_type_writes_ve_viec():
    assert hits(check_text(base("quyet-dinh"), "qd.txt"), "VB124") == []
    text = edit("quyet-dinh", "Về việc thành lập", "V/v thành lập")
    [v] = hits(check_text(text, "qd.txt"), "VB124")
    assert (v.line, v.column, v.text) == (line_of(text, "V/v thành lập"), 1, "V/v")
    assert "quyết định" in v.message and "Về việc" in v.message


@pytest.mark.parametrize("prefix,shown", [("V/V ", "V/V"), ("V/v: ", "V/v:"), ("v/v ", "v/v"), ("V.v ", "V.v"),
                                          ("V/v. ", "V/v.")])
def test_vb124_prefix(prefix, shown):
    text = edit("cong-van", "V/v triển khai", prefix + "triển khai")
    [v] = hits(check_text(text, "cv.txt"), "VB124")
    assert (v.line, v.column, v.text) == (4, 1, shown)


def test_vb124_period_on_the_last_vv_line_only():
    text = edit("cong-van", "hành chính năm 2026\n", "hành chính năm 2026.\n")
    [v] = hits(check_text(text, "cv.txt"), "VB124")
    assert (v.line, v.text) == (5, ".") and v.column == len("hành chính năm 2026.")
    # A placeholder ("…") or "./." is not a final full stop.
    assert hits(check_text(edit("cong-van", "năm 2026\n", "năm 2026 …\n"), "cv.txt"), "VB124") == []


def test_vb124_party_cong_van_has_no_vv():
    text = ("TỈNH ỦY LÂM ĐỒNG\n*\nSố 15-CV/TU\nV/v chuẩn bị hội nghị\n\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Lâm Đồng, ngày 10 tháng 6 năm 2026\n\nKính gửi: Các đảng ủy trực thuộc.\n\n"
            "Ban Thường vụ Tỉnh ủy đề nghị các đảng ủy chuẩn bị hội nghị.\n\nNơi nhận:\n- Như trên,\n"
            "- Lưu Văn phòng Tỉnh ủy.\n\nT/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\n\nLê Văn Cường\n")
    res = check_text(text, "cv-dang.txt")
    assert res.profile == "dang"
    [v] = hits(res, "VB124")
    assert (v.line, v.text) == (4, "V/v ") and "Đảng" in v.message


def test_vb124_on_corpus_text():
    # VPCP công văn 11298/VPCP-KTTH (tvpl crawl): "V/v:" with a colon.
    text = ("VĂN PHÒNG CHÍNH PHỦ\n--------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "---------------\n\nSố: 11298/VPCP-KTTH\nV/v: động lực tăng\ntrưởng kinh tế trong những tháng cuối năm 2025\n\n"
            "Hà Nội, ngày 17 tháng 11 năm 2025\n\nKính gửi: Bộ trưởng, Thủ trưởng các cơ quan ngang Bộ\n\n"
            "Văn phòng Chính phủ thông báo ý kiến chỉ đạo như sau./.\n")
    [v] = hits(check_text(text, "cv_11298.txt"), "VB124")
    assert (v.line, v.column, v.text) == (9, 1, "V/v:")


# --------------------------------------------------------------------------- VB125


def test_vb125_period_first_letter_and_place():
    assert hits(check_text(base("ke-hoach"), "kh.txt"), "VB125") == []
    text = edit("ke-hoach", "Tuyên truyền cải cách hành chính năm 2026", "tuyên truyền cải cách hành chính năm 2026.")
    found = hits(check_text(text, "kh.txt"), "VB125")
    assert {(v.line, v.text) for v in found} == {(10, "."), (10, "tuyên")}
    assert all(v.severity == "info" for v in found)


def test_vb125_party_summary_starts_small():
    assert hits(check_text(base("dang"), "dang.txt"), "VB125") == []
    text = edit("dang", "triển khai học tập", "Triển khai học tập")
    [v] = hits(check_text(text, "dang.txt"), "VB125")
    assert (v.line, v.text) == (line_of(text, "Triển khai học tập"), "Triển")


def test_vb125_capitals_not_judged_on_text():
    # A web crawl capitalises every title block: on text the capitals prove nothing.
    text = edit("ke-hoach", "Tuyên truyền cải cách hành chính năm 2026", "TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2026")
    assert hits(check_text(text, "kh.txt"), "VB125") == []


def test_vb125_on_corpus_text():
    # Công điện 58/CĐ-VPCP (signed PDF): the trích yếu ends with a full stop.
    text = ("VĂN PHÒNG CHÍNH PHỦ\nSố: 58/CĐ-VPCP\n\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Hà Nội, ngày 10 tháng 01 năm 2026\n\nCÔNG ĐIỆN\nPhiên họp lần thứ nhất Ban Chỉ đạo quốc gia về dữ liệu.\n"
            "_________________\nVĂN PHÒNG CHÍNH PHỦ điện:\n- Các đồng chí thành viên Ban Chỉ đạo quốc gia về dữ liệu.\n")
    [v] = hits(check_text(text, "cd_58.txt"), "VB125")
    assert (v.line, v.text) == (line_of(text, "Phiên họp"), ".")


# --------------------------------------------------------------------------- VB126


def test_vb126_list_form():
    assert hits(check_text(base("cong-van"), "cv.txt"), "VB126") == []
    text = edit("cong-van", "- Các sở, ban, ngành tỉnh;\n- Ủy ban nhân dân các xã, phường.",
                "* Các sở, ban, ngành tỉnh\n- Ủy ban nhân dân các xã, phường")
    found = {(v.line, v.column, v.text) for v in hits(check_text(text, "cv.txt"), "VB126")}
    assert found == {(12, 1, "*"), (12, 25, "h"), (13, 32, "g")}


def test_vb126_one_recipient_on_the_label_line_is_right():
    text = edit("cong-van", "Kính gửi:\n- Các sở, ban, ngành tỉnh;\n- Ủy ban nhân dân các xã, phường.",
                "Kính gửi: Ủy ban nhân dân các xã, phường")
    assert hits(check_text(text, "cv.txt"), "VB126") == []
    text = edit("cong-van", "Kính gửi:\n- Các sở, ban, ngành tỉnh;\n- Ủy ban nhân dân các xã, phường.",
                "Kính gửi:\n- Ủy ban nhân dân các xã, phường.")
    [v] = hits(check_text(text, "cv.txt"), "VB126")
    assert v.line == 12 and "Kính gửi: Ủy ban nhân dân các xã, phường" in v.message


def test_vb126_party_hd36_separates_with_commas():
    text = ("TỈNH ỦY LÂM ĐỒNG\n*\nSố 15-CV/TU\nchuẩn bị hội nghị\n\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Lâm Đồng, ngày 10 tháng 3 năm 2026\n\nKính gửi:\n- Các đảng ủy trực thuộc,\n- Các ban đảng Tỉnh ủy.\n\n"
            "Ban Thường vụ Tỉnh ủy đề nghị các đảng ủy chuẩn bị hội nghị.\n")
    res = check_text(text, "cv-dang.txt")
    assert res.profile == "dang" and hits(res, "VB126") == []
    [v] = hits(check_text(text.replace("trực thuộc,", "trực thuộc;"), "cv-dang.txt"), "VB126")
    assert v.line == 10 and '","' in v.message


def test_vb126_on_corpus_text_wrapped_items():
    # Công văn 1468/STP-BTTP (pdftotext): items wrap onto a second line; the first ends with ",".
    text = ("UBND TỈNH LÂM ĐỒNG\nSỞ TƯ PHÁP\nSố: 1468 /STP-BTTP\nV/v Tổ chức Đại hội Hội công chứng\n\n"
            "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày 13 tháng 11 năm 2025\n\n"
            "Kính gửi:\n- Ban Chủ nhiệm các Đoàn Luật sư tỉnh Đắk Nông, tỉnh\nBình Thuận và tỉnh Lâm Đồng (cũ),\n"
            "- Ban chấp hành lâm thời Hội công chứng viên tỉnh Lâm\nĐồng.\n\n"
            "Thực hiện Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội.\n")
    [v] = hits(check_text(text, "cv_1468.txt"), "VB126")
    assert (v.line, v.text) == (12, ",") and '";"' in v.message
    fixed = text.replace("(cũ),", "(cũ);")
    assert hits(check_text(fixed, "cv_1468.txt"), "VB126") == []


def test_vb124_to_vb126_counts_on_the_corpus():
    need_shared()
    import vbcheck

    found = {}
    for path in sorted((CORPUS / "text").iterdir()) + sorted((CORPUS / "docx").iterdir()):
        res = vbcheck.check(str(path), select=("VB124", "VB125", "VB126")).files[0]
        for v in res.violations:
            found.setdefault(v.code, []).append((path.name, v.line, v.text))
    assert found == {
        "VB124": [("tvpl-tnt305_cv_11298-vpcp-ktth.txt", 11, "V/v:"), ("vbai-pdf_cv_1925-stc-htdn-binhthuan.txt", 7, ".")],
        "VB125": [("vbai-pdf_cd_58-cd-vpcp.txt", 10, ".")],
        "VB126": [("vbai-pdf_cv_1468-stp-bttp-lamdong.txt", 16, ",")],
    }
