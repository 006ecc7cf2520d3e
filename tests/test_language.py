"""Language rules VB001, VB002, VB201–VB207: a passing case, a failing case and the location of
each, on a small compliant document edited per test."""

from __future__ import annotations

import unicodedata

import pytest

import vbcheck
from vbcheck.catalogue import loader as packs
from vbcheck.checks.encoding import best_reading
from vbcheck.checks.tone import move_tone

from .conftest import check_text

BASE = packs.example_base("ke-hoach")  # the compliant base the catalogue examples edit
LINE2 = "2. Bảo đảm thiết thực, hiệu quả, tiết kiệm."
LINE2_NO = BASE.splitlines().index(LINE2) + 1


def run(text: str, select: tuple = ("VB0", "VB2"), **kw):
    r = check_text(text, select=select, **kw)
    assert not r.internal_errors, r.internal_errors
    return r.violations


def only(vs, code):
    return [v for v in vs if v.code == code]


def edit(line: str) -> str:
    return BASE.replace(LINE2, line)


def test_base_is_clean():
    assert run(BASE) == []


# ----------------------------------------------------------------- VB001


def test_vb001_tcvn3_with_reading_and_location():
    vs = only(run(edit("2. B¶o ®¶m thiÕt thùc, hiÖu qu¶, tiÕt kiÖm.")), "VB001")
    assert len(vs) == 1
    v = vs[0]
    assert (v.line, v.column) == (LINE2_NO, 4) and v.severity == "error"
    assert "Bảo đảm thiết thực" in v.message and "TCVN3" in v.message


def test_vb001_vni():
    vs = only(run(edit("2. Baûo ñaûm thieát thöïc, hieäu quaû, tieát kieäm.")), "VB001")
    assert len(vs) == 1 and "VNI" in vs[0].message and "Bảo đảm thiết thực" in vs[0].message


def test_vb001_decoders():
    assert best_reading("Uû ban nh©n d©n") == ("tcvn3", "Uỷ ban nhân dân")
    assert best_reading("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")[1] == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert best_reading("Hanoi") is None


def test_vb001_not_on_latin1_symbols():
    assert not only(run(edit("2. Nhiệt độ 25°C, giá © 2026 « trích dẫn ».")), "VB001")


# ----------------------------------------------------------------- VB002


def test_vb002_mixed_paragraph_location():
    line = "2. " + unicodedata.normalize("NFD", "Bảo đảm") + " thiết thực, hiệu quả, tiết kiệm."
    vs = only(run(edit(line)), "VB002")
    assert len(vs) == 1
    assert vs[0].line == LINE2_NO and vs[0].column == 4 and vs[0].text == "Bảo"


def test_vb002_whole_document_once():
    vs = run(unicodedata.normalize("NFD", BASE))
    assert [v.code for v in vs] == ["VB002"]


# ----------------------------------------------------------------- VB201–VB204


def test_vb201_undefined_first_use():
    vs = only(run(edit("2. Phối hợp với MTTQ tỉnh; MTTQ các xã.")), "VB201")
    assert len(vs) == 1 and vs[0].text == "MTTQ" and (vs[0].line, vs[0].column) == (LINE2_NO, 17)
    assert "MTTQ" in vs[0].message


def test_vb201_not_for_known_citations_units_roman_noi_nhan():
    text = edit("2. Theo Kết luận số 80-KL/TW, Quyết định 1252/QĐ-TTg; UBND tỉnh; công suất 5 MW; mục IV; xem https://abc.gov.vn/QD-UB.")
    assert not only(run(text), "VB201")


def test_vb201_configured_known():
    text = edit("2. Phối hợp với MTTQ tỉnh.")
    r = vbcheck.check_text(text, select=["VB201"])
    assert r.files[0].violations
    from vbcheck.engine import Options, check_path

    res = check_path("doc.txt", Options(select=("VB201",), config={"language": {"known_abbreviations": ["MTTQ"]}}),
                     data=text.encode())
    assert not res.violations


def test_vb202_use_in_trich_yeu_before_definition():
    text = BASE.replace("Tuyên truyền cải cách hành chính năm 2026", "Tuyên truyền CCHC năm 2026")
    vs = only(run(text), "VB202")
    assert len(vs) == 1 and (vs[0].line, vs[0].column) == (10, 14)


def test_vb202_footnote_marker_defines():
    text = edit("2. Bảo đảm thiết thực¹, hiệu quả; phối hợp với MTTQ.") + "\n¹ Các từ viết tắt: MTTQ - Mặt trận Tổ quốc; CBCC - cán bộ, công chức.\n"
    vs = run(text)
    assert not only(vs, "VB201") and not only(vs, "VB202")
    unused = only(vs, "VB203")
    assert [v.text for v in unused] == ["CBCC"]


def test_vb203_defined_unused():
    text = BASE.replace("1. Nâng cao nhận thức của cán bộ, công chức, viên chức về CCHC.",
                        "1. Nâng cao nhận thức của cán bộ, công chức, viên chức.")
    vs = only(run(text), "VB203")
    assert len(vs) == 1 and vs[0].text == "CCHC" and vs[0].line == 12 and vs[0].severity == "info"


def test_vb203_not_for_foreign_acronym():
    assert not only(run(edit("2. Phối hợp với Chương trình Phát triển Liên hợp quốc (UNDP).")), "VB203")


def test_vb204_two_phrases():
    text = edit("2. Nâng cao chất lượng công chức hành chính (CCHC) thiết thực.")
    vs = only(run(text), "VB204")
    assert len(vs) == 1 and vs[0].line == LINE2_NO and vs[0].text == "CCHC"


def test_vb204_same_phrase_twice_is_fine():
    assert not only(run(edit("2. Công tác cải cách hành chính (CCHC) thiết thực.")), "VB204")


# ----------------------------------------------------------------- VB205


def test_vb205_abbreviation_variant_of_defined():
    vs = run(edit("2. Phổ biến, giáo dục pháp luật (PBGDPL); tăng cường PBGDPL và PBGDPLL."))
    v205 = only(vs, "VB205")
    assert len(v205) == 1 and v205[0].text == "PBGDPLL" and '"PBGDPL"' in v205[0].message
    assert not only(vs, "VB201")


def test_vb205_distinct_defined_abbreviations_not_grouped():
    text = edit("2. Cải cách hành chính công chức (CCHCC) và CCHCC; cải cách hành chính (CCHC).")
    assert not only(run(text), "VB205")


def test_vb205_case_variant_of_body_name():
    text = BASE.replace("báo cáo kết quả về Văn phòng Sở trước", "báo cáo về Văn phòng Sở, Văn Phòng Sở và Văn phòng Sở trước")
    vs = only(run(text), "VB205")
    assert [v.text for v in vs] == ["Văn Phòng Sở"]


def test_vb205_ordinary_words_not_grouped():
    text = edit("2. Tổ chức hội nghị; Báo cáo Kết quả. Báo cáo kết quả. Ban hành Kế hoạch; Ban hành kế hoạch.")
    assert not only(run(text), "VB205")


def test_vb205_kc_spelling_and_not_real_tones():
    text = edit("2. Tỉnh Đắk Lắk, xã Ea Kao, tỉnh Đắk Lắk; Đắc Lắc số; Phú Yên và Phù Yên.")
    vs = only(run(text), "VB205")
    assert [v.text for v in vs] == ["Đắc Lắc"] and "Đắk Lắk" in vs[0].message


# ----------------------------------------------------------------- VB206


def test_vb206_minority_style_reported():
    vs = only(run(edit("2. Văn hóa, thủy lợi, ủy quyền, hòa giải; xã hội hoá.")), "VB206")
    assert len(vs) == 1 and vs[0].text == "hoá" and "hóa" in vs[0].message
    assert "nguyên âm thứ hai" in vs[0].message


def test_vb206_qu_gi_not_counted():
    assert not only(run(edit("2. Quý I, quỳ, giá cả; thủy lợi, hóa chất.")), "VB206")


def test_vb206_house_style():
    from vbcheck.engine import Options, check_path

    text = edit("2. Văn hóa, thủy lợi, ủy quyền; xã hội hoá.")
    res = check_path("doc.txt", Options(select=("VB206",), config={"language": {"tone_style": "second"}}),
                     data=text.encode())
    assert sorted(v.text for v in res.violations) == ["hóa", "thủy", "Ủy", "ủy"]  # "Ủy ban" too


def test_move_tone():
    assert move_tone("hoá", "first") == "hóa" and move_tone("Ủy", "second") == "Uỷ"


# ----------------------------------------------------------------- VB207


def test_vb207_space_before_comma():
    vs = only(run(edit("2. Bảo đảm thiết thực , hiệu quả,tiết kiệm.")), "VB207")
    assert [(v.line, v.column) for v in vs] == [(LINE2_NO, 22), (LINE2_NO, 33)]
    assert all(v.severity == "info" for v in vs)


def test_vb207_numbers_ellipsis_and_end_mark_ok():
    assert not only(run(edit("2. Tỷ lệ 10,5%; 1.000 người; v.v... hiệu quả.")), "VB207")


def test_english_messages_name_the_rule():
    r = check_text(edit("2. Phối hợp với MTTQ tỉnh."), select=["VB201"], lang="en")
    assert "never defined" in r.violations[0].message and r.violations[0].name == "abbr-undefined"


@pytest.mark.parametrize("name", ["000_29c3dfc1a2e23f90.txt", "002_2c4eb1bd99decabc.txt"])
def test_seeds_no_internal_errors(shared, name):
    r = vbcheck.check(str(shared / "seeds" / name)).files[0]
    assert not r.internal_errors


def test_vb001_docx_run_in_vntime_font(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("Kế hoạch tuyên truyền.")
    run = d.add_paragraph().add_run("Uû ban nh©n d©n tØnh")
    run.font.name = ".VnTime"
    path = tmp_path / "legacy.docx"
    d.save(path)
    res = vbcheck.check(str(path), select=["VB001"]).files[0]
    assert not res.internal_errors
    assert len(res.violations) == 1
    v = res.violations[0]
    assert v.line == 2 and ".VnTime" in v.message and "Uỷ ban nhân dân tỉnh" in v.message


def test_vb205_both_scans_find_the_same_names(monkeypatch):
    """VB205 scans a short document at every capitalised word and a long one with its name-start
    pattern (a speed trick); both scans must report exactly the same findings."""
    from vbcheck.checks import terms

    from .conftest import CORPUS, SEEDS, need_shared

    need_shared()
    files = sorted((CORPUS / "text").glob("*.txt")) + sorted((CORPUS / "docx").glob("*.docx"))
    files += sorted(SEEDS.glob("*"))

    def vb205(long_document):
        monkeypatch.setattr(terms, "LONG_DOCUMENT", long_document)
        out = []
        for f in files:
            r = vbcheck.check(str(f), select=["VB205"]).files[0]
            out.append([(v.line, v.column, v.end_column, v.message) for v in r.violations])
        return out

    every_word, by_pattern = vb205(float("inf")), vb205(0)
    assert every_word == by_pattern
    assert sum(map(len, by_pattern)) >= 10  # the corpus has names written two ways
