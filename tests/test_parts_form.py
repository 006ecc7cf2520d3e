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


# --------------------------------------------------------------------------- VB127

CANTHO = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ\nSố: 2533/QĐ-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
          "Độc lập - Tự do - Hạnh phúc\nCần Thơ, ngày 01 tháng 10 năm 2025\n\nQUYẾT ĐỊNH\n"
          "Về việc công bố thủ tục hành chính nội bộ\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ\n"
          # Quyết định 2533/QĐ-UBND (tvpl crawl): bases wrapped mid-sentence, the block closed by ",".
          "Căn cứ Luật Tổ chức Chính quyền địa phương ngày 16\ntháng 6 năm 2025;\n"
          "Căn cứ Quyết định số 1085/QĐ-TTg ngày 15 tháng 9 năm\n2022 của Thủ tướng Chính phủ ban hành Kế hoạch rà soát,"
          " đơn giản hóa thủ tục\nhành chính nội bộ trong hệ thống hành chính nhà nước giai đoạn 2022 - 2025;\n"
          "Xét đề nghị của Giám đốc Sở Tư pháp,\nQUYẾT ĐỊNH:\n"
          "Điều 1. Công bố kèm theo Quyết định này thủ tục hành chính nội bộ.\n"
          "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n")


def test_vb127_formal_block_on_corpus_text():
    an_res = check_text(CANTHO, "qd_2533.txt")
    [v] = hits(an_res, "VB127")
    assert (v.line, v.text, v.severity) == (line_of(CANTHO, "Xét đề nghị"), ",", "warning")
    fixed = CANTHO.replace("Sở Tư pháp,", "Sở Tư pháp.")
    assert hits(check_text(fixed, "qd_2533.txt"), "VB127") == []
    # A wrapped basis whose first line ends without ";" is one basis, not two.
    two = fixed.replace("năm 2025;\nCăn cứ Quyết định", "năm 2025; Căn cứ Quyết định")
    [v] = hits(check_text(two, "qd_2533.txt"), "VB127")
    assert (v.line, v.text) == (line_of(two, "tháng 6 năm 2025; Căn cứ"), "Căn cứ")


def test_vb127_block_ends_with_semicolons_and_after_body():
    text = edit("quyet-dinh", "ngày 16 tháng 6 năm 2025;", "ngày 16 tháng 6 năm 2025")
    [v] = hits(check_text(text, "qd.txt"), "VB127")
    assert v.line == 14 and v.text == "5"
    text = edit("quyet-dinh", "Điều 3. Quyết định", "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;\nĐiều 3. Quyết định")
    [v] = hits(check_text(text, "qd.txt"), "VB127")
    assert v.line == line_of(text, "Căn cứ Luật Ngân sách") and "QUYẾT ĐỊNH:" in v.message
    # A sentence starting "Căn cứ" in the body is no basis: it does not end with ";".
    text = edit("quyet-dinh", "Điều 3. Quyết định", "Căn cứ kết quả rà soát, các sở báo cáo trước ngày 30/11/2026.\nĐiều 3. Quyết định")
    assert hits(check_text(text, "qd.txt"), "VB127") == []


def test_vb127_preambles_and_cong_van():
    # A kế hoạch's opening bases end with ";" before "… ban hành Kế hoạch như sau:": only their
    # lines are judged, at info.
    text = edit("ke-hoach", "Thực hiện Kế hoạch số 25/KH-UBND ngày 20 tháng 01 năm 2026 của Ủy ban nhân dân tỉnh về cải cách hành chính,",
                "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;\n"
                "Căn cứ Kế hoạch số 25/KH-UBND ngày 20 tháng 01 năm 2026 của Ủy ban nhân dân tỉnh;\n")
    assert hits(check_text(text, "kh.txt"), "VB127") == []
    bad = text.replace("của Chính phủ;", "của Chính phủ")
    [v] = hits(check_text(bad, "kh.txt"), "VB127")
    assert v.severity == "info" and v.line == 12
    # A công văn's "Căn cứ" lines are its reasoning, not a block.
    cv = edit("cong-van", "Thực hiện chỉ đạo", "Căn cứ Nghị định số 30/2020/NĐ-CP\nCăn cứ chỉ đạo của tỉnh,\nThực hiện chỉ đạo")
    assert hits(check_text(cv, "cv.txt"), "VB127") == []


def test_vb127_party_guides():
    assert hits(check_text(base("dang-quyet-dinh"), "dqd.txt"), "VB127") == []
    hd05 = edit("dang-quyet-dinh", "ngày 10 tháng 3 năm 2026", "ngày 10 tháng 6 năm 2026")
    found = hits(check_text(hd05, "dqd.txt"), "VB127")
    # HD 05: the block ends with "." and each basis starts "- ".
    assert {v.line for v in found} == {12, 13} and any("\".\"" in v.message for v in found)
    good = hd05.replace("Căn cứ Điều lệ Đảng;\nCăn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh,",
                        "- Căn cứ Điều lệ Đảng;\n- Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh.")
    assert hits(check_text(good, "dqd.txt"), "VB127") == []


# --------------------------------------------------------------------------- VB128


def test_vb128_articles_and_points():
    assert hits(check_text(base("quyet-dinh"), "qd.txt"), "VB128") == []
    text = edit("quyet-dinh", "đ) Đề xuất", "e) Đề xuất")
    [v] = hits(check_text(text, "qd.txt"), "VB128")
    assert (v.line, v.column, v.text) == (29, 1, "e)") and '"đ)"' in v.message
    text = edit("quyet-dinh", "Điều 2. Nhiệm vụ", "Điều 2 - Nhiệm vụ")
    [v] = hits(check_text(text, "qd.txt"), "VB128")
    assert (v.line, v.text) == (22, "Điều 2 -")
    # An attached regulation restarts at Điều 1; a repeated number is reported.
    text = edit("quyet-dinh", "Điều 3. Quyết định", "Điều 2. Quyết định")
    [v] = hits(check_text(text, "qd.txt"), "VB128")
    assert v.line == 33 and "lặp lại" in v.message


def test_vb128_quotations_and_citations_are_not_structure():
    text = edit("quyet-dinh", "2. Báo cáo kết quả",
                "Sửa đổi khoản 3 như sau:\n“3. Tổ công tác họp định kỳ.\nc) Hằng tháng.”\n2. Báo cáo kết quả")
    assert hits(check_text(text, "qd.txt"), "VB128") == []


def test_vb128_on_corpus_text():
    # Chỉ thị 010/CT-UBND Đắk Lắk (tvpl crawl): "b)" twice in one khoản, each wrapped.
    text = edit("quyet-dinh", "a) Rà soát thủ tục hành chính thuộc thẩm quyền;\nb) Đề xuất phương án đơn giản hóa thủ tục hành chính;",
                "a) Chịu trách nhiệm tiếp\nnhận hồ sơ, kiểm tra tính đầy đủ và hợp lệ của hồ sơ;\n\nb) Tổ chức lấy ý kiến và\n"
                "xác định nội dung đề nghị có ý kiến phù hợp;\n\nb) Lập báo cáo thẩm định và trình cấp có thẩm\n"
                "quyền quyết định chấp thuận chủ trương đầu tư;")
    found = hits(check_text(text, "ct.txt"), "VB128")
    assert [(v.line, v.text) for v in found] == [(line_of(text, "b) Lập báo cáo"), "b)")]


def test_vb128_khoan_gap_in_a_corpus_docx():
    need_shared()
    import vbcheck

    res = vbcheck.check(str(CORPUS / "docx" / "vbai_tb_tb-ket-luan-hoi-nghi-cchc.docx"), select=("VB128",)).files[0]
    assert [(v.line, v.text) for v in res.violations] == [(43, "7.")]


# --------------------------------------------------------------------------- VB129


def test_vb129_marks_in_the_header_are_not_the_issuer():
    text = edit("ke-hoach", "Số: 15/KH-SNV", "Số: 15/KH-SNV\nHỎA TỐC HẸN GIỜ")
    res = check_text(text, "kh.txt")
    [v] = hits(res, "VB129")
    assert (v.line, v.text) == (4, "HỎA TỐC HẸN GIỜ")
    # Not an issuer line: no size, style or abbreviation finding on it.
    assert [x.code for x in res.violations if x.line == 4] == ["VB129"]
    for mark in ("MẬT", "TỐI MẬT", "TUYỆT MẬT", "THƯỢNG KHẨN", "HỎA TỐC", "XEM XONG TRẢ LẠI"):
        ok = edit("ke-hoach", "Số: 15/KH-SNV", "Số: 15/KH-SNV\n" + mark)
        assert hits(check_text(ok, "kh.txt"), "VB129") == [], mark


def test_vb129_a_heading_in_capitals_is_no_mark():
    # tvpl-tnt305 cd_224: "VỀ VIỆC KHẨN TRƯƠNG …" in a trích yếu is not a mark.
    text = edit("ke-hoach", "Tuyên truyền cải cách hành chính năm 2026", "Về việc khẩn trương triển khai")
    assert hits(check_text(text, "kh.txt"), "VB129") == []


# --------------------------------------------------------------------------- VB130


def test_vb130_references_and_numbering():
    assert hits(check_text(base("ke-hoach-phu-luc"), "pl.txt"), "VB130") == []
    text = edit("ke-hoach-phu-luc", "tại Phụ lục II kèm theo", "tại lịch kèm theo")
    [v] = hits(check_text(text, "pl.txt"), "VB130")
    assert (v.line, v.text) == (39, "Phụ lục II")
    generic = text.replace("Lịch kiểm tra tại lịch kèm theo", "Lịch kiểm tra tại các phụ lục kèm theo")
    assert hits(check_text(generic, "pl.txt"), "VB130") == []


def test_vb130_on_corpus_text_label_in_capitals_is_info():
    # Kế hoạch 980/KH-UBND Nghệ An (tvpl crawl): "PHỤ LỤC" in capitals, the reference line wrapped.
    text = edit("ke-hoach-phu-luc", "Phụ lục I\nDANH SÁCH ĐƠN VỊ ĐƯỢC KIỂM TRA\n(Kèm theo Kế hoạch số 15/KH-SNV ngày 05 tháng 3 năm 2026 của Sở Nội vụ)",
                "PHỤ LỤC I\nDANH SÁCH ĐƠN VỊ ĐƯỢC KIỂM TRA\n(Kèm theo Kế hoạch\nsố 15/KH-SNV ngày 05 tháng 3 năm 2026 của Sở Nội vụ)")
    [v] = hits(check_text(text, "pl.txt"), "VB130")
    assert (v.line, v.severity, v.text) == (32, "info", "PHỤ LỤC I") and '"Phụ lục I"' in v.message


def test_vb130_reference_closing_the_title_line_is_there():
    # QĐ 1766/QĐ-UBND Bình Thuận (congbot crawl): "DANH MỤC … (Ban hành kèm theo Quyết định số …)"
    # on one line; the reference is present, not missing.
    ref = "(Kèm theo Kế hoạch số 15/KH-SNV ngày 05 tháng 3 năm 2026 của Sở Nội vụ)"
    joined = edit("ke-hoach-phu-luc", "DANH SÁCH ĐƠN VỊ ĐƯỢC KIỂM TRA\n" + ref,
                  "DANH SÁCH ĐƠN VỊ ĐƯỢC KIỂM TRA " + ref.replace("(Kèm", "(Ban hành kèm"))
    assert hits(check_text(joined, "pl.txt"), "VB130") == []
    inline = edit("ke-hoach-phu-luc", "Phụ lục I\nDANH SÁCH ĐƠN VỊ ĐƯỢC KIỂM TRA\n" + ref,
                  "Phụ lục I\nDANH SÁCH ĐƠN VỊ ĐƯỢC KIỂM TRA\n1. Văn phòng Sở " + ref[1:-1])
    [v] = hits(check_text(inline, "pl.txt"), "VB130")  # a "kèm theo" inside a sentence is no reference
    assert (v.line, v.column, v.text) == (line_of(inline, "Phụ lục I\n"), 1, "Phụ lục I") and "(Kèm theo" in v.message
    missing = edit("ke-hoach-phu-luc", "DANH SÁCH ĐƠN VỊ ĐƯỢC KIỂM TRA\n" + ref, "DANH SÁCH ĐƠN VỊ ĐƯỢC KIỂM TRA")
    [v] = hits(check_text(missing, "pl.txt"), "VB130")
    assert (v.line, v.text) == (line_of(missing, "Phụ lục I\n"), "Phụ lục I")


# --------------------------------------------------------------------------- VB131


def test_vb131_copy_block_is_its_own_part():
    res = check_text(base("sao-y"), "sy.txt")
    assert res.violations == []  # the copy's Số, date, signature and Nơi nhận are not the document's
    text = edit("sao-y", "Số: 05/SY-UBND", "Số: 05/TrS-UBND")
    [v] = hits(check_text(text, "sy.txt"), "VB131")
    assert (v.line, v.column, v.text) == (29, 8, "TrS") and '"SY"' in v.message


def test_vb131_a_mention_is_no_copy_block():
    # HD 36's own font table names "SAO Y BẢN CHÍNH" in a cell with no copy parts around it.
    text = edit("ke-hoach", "II. TỔ CHỨC THỰC HIỆN", "Ghi hình thức bản sao như sau:\nSAO Y BẢN CHÍNH\nII. TỔ CHỨC THỰC HIỆN")
    assert hits(check_text(text, "kh.txt"), "VB131") == []


@pytest.mark.parametrize("run", [" " * 10_000, "\u00a0" * 10_000, "Ể" * 10_000, "7" * 10_000, "A " * 5_000])
def test_long_runs_in_every_part(run):
    # Every pattern of these rules is bounded or anchored: a 10,000-character run of spaces,
    # non-breaking spaces, capitals or digits in each part they read is checked like any line.
    text = base("quyet-dinh")
    for find in ("Về việc thành lập", "Căn cứ Luật", "Điều 2.", "1. Tham mưu", "c) Theo dõi"):
        text = text.replace(find, find + run, 1)
    text += "\n\nPhụ lục II." + run + "\n(Kèm theo" + run + "\n\nSAO Y" + run + "\nSố: 05/SY-" + run + "\n"
    res = check_text(text, "qd.txt", select=("VB124", "VB125", "VB126", "VB127", "VB128", "VB129", "VB130", "VB131"))
    assert res.error is None and not res.internal_errors
