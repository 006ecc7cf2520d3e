"""VB209: abbreviations in the tên loại, trích yếu, headings and the issuing body's name: passing,
failing and the place of each finding, on our own documents and on corpus text."""

from __future__ import annotations

from vbcheck.catalogue import loader as packs

from .conftest import check_text


def vb209(text: str, name: str = "a.txt", **kw) -> list:
    return [v for v in check_text(text, name, **kw).violations if v.code == "VB209"]


def edit(base: str, find: str, replace: str) -> str:
    text = packs.example_base(base)
    assert find in text
    return text.replace(find, replace, 1)


def test_bases_are_clean():
    for base in ("ke-hoach", "cong-van", "quyet-dinh", "ke-hoach-phu-luc", "sao-y", "dang", "dang-quyet-dinh"):
        assert vb209(packs.example_base(base), f"{base}.txt") == [], base


def test_trich_yeu_and_place():
    [v] = vb209(edit("ke-hoach", "Tuyên truyền cải cách hành chính", "Tuyên truyền CCHC"), "kh.txt")
    assert (v.line, v.column, v.text, v.severity) == (10, 14, "CCHC", "warning")


def test_citations_known_and_configured_abbreviations_are_not_reported():
    text = edit("ke-hoach", "Tuyên truyền cải cách hành chính năm 2026",
                "Triển khai Kế hoạch số 25/KH-UBND và Quyết định số 30/2020/NĐ-CP của UBND tỉnh")
    assert vb209(text, "kh.txt") == []
    text = edit("ke-hoach", "Tuyên truyền cải cách hành chính", "Tuyên truyền CCHC")
    assert vb209(text, "kh.txt", config={"language": {"known_abbreviations": ["CCHC"]}}) == []


def test_headings_titled_articles_and_sections():
    text = edit("quyet-dinh", "Điều 1. Thành lập", "Chương I\nQUY ĐỊNH CHUNG VỀ TCT\nĐiều 1. Thành lập")
    [v] = vb209(text, "qd.txt")
    assert (v.line, v.text) == (21, "TCT") and "chương I" in v.message
    [v] = vb209(edit("quyet-dinh", "Điều 2. Nhiệm vụ của Tổ công tác", "Điều 2. Nhiệm vụ của TCT"), "qd.txt")
    assert (v.line, v.text) == (22, "TCT") and "Điều 2" in v.message
    # An article that carries its operative sentence has no title: its abbreviations are VB201's.
    text = edit("quyet-dinh", "Điều 1. Thành lập Tổ công tác cải cách hành chính năm 2026 của tỉnh Lâm Đồng.",
                "Điều 1. Thành lập Tổ công tác CCHC năm 2026 của tỉnh Lâm Đồng.")
    assert vb209(text, "qd.txt") == []


def test_issuer_but_not_the_parent_body():
    [v] = vb209(edit("ke-hoach", "SỞ NỘI VỤ", "SỞ NV"), "kh.txt")
    assert (v.line, v.column, v.text) == (2, 4, "NV")
    # "UBND TỈNH …" as the parent body is NĐ 30's own form; a single issuer line is the body itself.
    single = edit("ke-hoach", "UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ\n", "SỞ NV LÂM ĐỒNG\n")
    assert [v.text for v in vb209(single, "kh.txt")] == ["NV"]


def test_vv_is_advice_and_corpus_text():
    # Công văn 3917/BTP-BTTP (signed PDF): "TCXH-NN" in the V/v, at info.
    text = edit("cong-van", "V/v triển khai nhiệm vụ cải cách\nhành chính năm 2026",
                "V/v hợp nhất TCXH-NN của công chứng\nviên tại địa phương")
    [v] = vb209(text, "cv.txt")
    assert (v.line, v.column, v.text, v.severity) == (4, 14, "TCXH-NN", "info")


def test_issuer_on_corpus_text():
    # Tờ trình 95/TTr-HĐTĐ (signed PDF): "CCHC" in the issuing council's own name.
    text = ("UBND TỈNH LÂM ĐỒNG\nHỘI ĐỒNG THẨM ĐỊNH,\nĐÁNH GIÁ CHỈ SỐ CCHC\nSố: 95/TTr-HĐTĐ\n\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày 03 tháng 02 năm 2026\n\n"
            "TỜ TRÌNH\nVề kết quả thẩm định chỉ số cải cách hành chính năm 2025\n\n"
            "Kính gửi: Ủy ban nhân dân tỉnh Lâm Đồng\n\nHội đồng trình Ủy ban nhân dân tỉnh xem xét./.\n")
    [v] = vb209(text, "ttr_95.txt")
    assert (v.line, v.text) == (3, "CCHC")
