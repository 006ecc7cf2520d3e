"""Anatomy: parts, type, profile, draft status and scope, on small documents and the seeds."""

from __future__ import annotations

import pytest

import vbcheck
from vbcheck.anatomy import analyse
from vbcheck.catalogue import loader as packs
from vbcheck.core.model import Zone
from vbcheck.engine import read

from .conftest import SEEDS, check_text, need_shared


def anatomy_of(text: str, name: str = "a.txt", profile: str = "auto"):
    doc = read(name, text.encode("utf-8"))
    return analyse(doc, profile, name), doc


def test_base_documents_are_labelled():
    an, doc = anatomy_of(packs.example_base("ke-hoach"))
    assert an.doc_type == "KH" and an.doc_type_source == "title" and an.profile == "nd30"
    assert [p.text for p in an.issuer] == ["UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"]
    assert an.so.text == "Số: 15/KH-SNV" and an.date_line.matched == "Lâm Đồng, ngày 05 tháng 3 năm 2026"
    assert [p.text for p in an.trich_yeu] == ["Tuyên truyền cải cách hành chính năm 2026"]
    assert [p.text for p in an.sig_prefixes] == ["KT. GIÁM ĐỐC"] and an.sig_name.text == "Nguyễn Văn An"
    assert len(an.noi_nhan_items) == 3
    zones = {p.text: p.zone for p in doc.paragraphs}
    assert zones["Nơi nhận:"] == Zone.NOI_NHAN and zones["PHÓ GIÁM ĐỐC"] == Zone.SIGNATURE
    assert zones["2. Bảo đảm thiết thực, hiệu quả, tiết kiệm."] == Zone.BODY


def test_cong_van_type_from_vv():
    an, _ = anatomy_of(packs.example_base("cong-van"))
    assert an.doc_type == "CV" and [p.text for p in an.vv] == ["V/v triển khai nhiệm vụ cải cách", "hành chính năm 2026"]
    assert len(an.kinh_gui) == 3


def test_party_profile_and_guide_by_date():
    an, _ = anatomy_of(packs.example_base("dang"))
    assert an.profile == "dang" and an.party_guide == "HD05"
    old = packs.example_base("dang").replace("ngày 10 tháng 6 năm 2026", "ngày 10 tháng 6 năm 2025")
    assert anatomy_of(old)[0].party_guide == "HD36"


def test_union_profile_from_issuer():
    text = packs.example_base("cong-van").replace("ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN", "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM\nLIÊN ĐOÀN LAO ĐỘNG TỈNH BÌNH THUẬN")
    assert anatomy_of(text)[0].profile == "congdoan"


def test_explicit_profile_wins():
    assert anatomy_of(packs.example_base("dang"), profile="nd30")[0].profile == "nd30"


@pytest.mark.parametrize("edit,reason", [
    (("Số: 15/KH-SNV", "Số:     /KH-SNV"), "blank-number"),
    (("ngày 05 tháng 3", "ngày    tháng 3"), "blank-date"),
    (("KẾ HOẠCH\n", "DỰ THẢO\nKẾ HOẠCH\n"), "marker"),
])
def test_draft_detection(edit, reason):
    an, _ = anatomy_of(packs.example_base("ke-hoach").replace(*edit))
    assert reason in an.draft_reasons


def test_draft_by_file_name():
    an, _ = anatomy_of(packs.example_base("ke-hoach"), name="ke-hoach-du-thao.txt")
    assert an.draft_reasons == ["file-name"]


def test_legal_normative_is_out_of_scope_and_said():
    res = check_text(packs.example_base("ke-hoach").replace("Số: 15/KH-SNV", "Số: 12/2026/QĐ-UBND"))
    assert [v.code for v in res.violations if v.code == "VB009"] == ["VB009"]
    assert any(n["code"] == "VB107" for n in res.not_evaluated)  # said, not silently passed


def test_appendix_has_no_parts_of_its_own():
    res = check_text("Phụ lục I\nDANH MỤC THỦ TỤC\n(Kèm theo Quyết định số 12/QĐ-UBND)\n1. Thủ tục A\n")
    assert [v.code for v in res.violations if v.code.startswith("VB1")] == []
    assert {n["code"] for n in res.not_evaluated} >= {"VB101", "VB120"}


def test_wrapped_crawl_lines():
    text = ("BỘ NỘI VỤ\n--------\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 10989/BNV-TCBC\nV/v\nđề xuất biên chế\nHà Nội, ngày 21 tháng\n11 năm 2025\nKính\ngửi:\n"
            "- Các bộ;\n- Các tỉnh.\nĐề nghị các bộ thực hiện./.\nNơi\nnhận:\n- Như trên;\n- Lưu: VT, TCBC.\n"
            "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nVũ\nChiến Thắng\n")
    res = check_text(text)
    assert [v.code for v in res.violations if v.code.startswith("VB1")] == []
    an, _ = anatomy_of(text)
    assert an.quoc_hieu.last is not an.quoc_hieu.para and an.date_line.groups["m"] == "11"


def test_not_evaluated_formatting_rules_on_text_are_listed():
    res = check_text(packs.example_base("ke-hoach"))
    assert res.error is None
    assert all("reason" in n for n in res.not_evaluated)


def test_seed_000_zones():
    need_shared()
    doc = read("s.txt", (SEEDS / "000_29c3dfc1a2e23f90.txt").read_bytes())
    an = analyse(doc)
    assert an.title.line == 3 and [p.line for p in an.trich_yeu] == [4, 5]
    assert an.noi_nhan_label.line == 85 and an.sig_titles[0].text == "CHÁNH VĂN PHÒNG"
    footnote = [p for p in doc.paragraphs if p.kind == "footnote"][0]
    assert footnote.line == 21 and footnote.zone == Zone.FOOTNOTE


def test_library_accepts_path_bytes_and_text(tmp_path):
    text = packs.example_base("ke-hoach")
    f = tmp_path / "kh.txt"
    f.write_text(text, encoding="utf-8")
    a = vbcheck.check(f).files[0]
    b = vbcheck.check(text.encode("utf-8"), name="kh.txt").files[0]
    c = vbcheck.check_text(text).files[0]
    assert [v.as_dict() for v in a.violations] == [v.as_dict() for v in b.violations] == [v.as_dict() for v in c.violations]
    assert vbcheck.check(b"not a docx", name="x.docx").files[0].error
