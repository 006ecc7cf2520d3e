"""Language rules VB001, VB002, VB201–VB207: a passing case, a failing case and the location of
each, on a small compliant document edited per test."""

from __future__ import annotations

import collections

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


# ----------------------------------------------------------------- issue 12: the known list, definitions


def test_known_list_states_its_evidence():
    data = packs.load("abbreviations.toml")
    evidence = data["evidence"]
    for a in data["known"]:
        assert evidence.get(a, {}).get("decision") == "keep", a
    removed = {a for a, e in evidence.items() if e["decision"] == "remove"}
    assert removed and not removed & set(data["known"])
    assert {"PAPI", "PCI", "SIPAS", "PAR", "AI", "IoT", "TV", "BS"} <= removed
    for a, e in evidence.items():
        assert {"defined", "bare", "uses", "reason"} <= set(e), a


def test_vb202_a_known_abbreviation_the_document_defines():
    # the document's own definition outranks the known list
    text = edit("2. Phối hợp với UBND các xã; Ủy ban nhân dân (UBND) tỉnh chỉ đạo.")
    vs = only(run(text), "VB202")
    assert [(v.text, v.line, v.column) for v in vs] == [("UBND", LINE2_NO, 17)]
    assert not only(run(edit("2. Phối hợp với UBND các xã.")), "VB201")  # never defined: known


def test_vb201_index_names_are_not_universal_and_mixed_case_is_an_abbreviation():
    vs = only(run(edit("2. Nâng cao các chỉ số SIPAS, PAPI; lắp thiết bị IoT; dùng VNeID và mã QR.")), "VB201")
    assert [v.text for v in vs] == ["SIPAS", "PAPI", "IoT"]


def test_definition_of_an_index_with_a_word_or_a_number_after_it():
    text = edit("2. Chỉ số cải cách hành chính (PAR Index) và Chỉ số năng lực cạnh tranh (PCI 2024); "
                "PAR Index, PCI tăng.")
    vs = run(text)
    assert not only(vs, "VB201") and not only(vs, "VB202")
    # "(TP Vinh)" names a place: not a definition of TP
    assert only(run(edit("2. Phối hợp với Sở Xây dựng (ĐTN Vinh) và ĐTN các xã.")), "VB201")


def test_definition_without_parentheses():
    text = edit('2. Ký hiệu bản sao ghi chung chữ viết tắt là "BS"; bản BS gửi các phòng.')
    vs = run(text)
    assert not only(vs, "VB201") and not only(vs, "VB202")


def test_definition_whose_parenthesis_a_conversion_put_on_the_next_line():
    text = edit("2. Đẩy mạnh công tác cải cách hành chính\n(CCHC) nhằm nâng cao hiệu quả; CCHC là nhiệm vụ trọng tâm.")
    assert not only(run(text), "VB201")


def test_vb205_slips_of_a_defined_or_known_abbreviation():
    text = edit("2. Chỉ số năng lực cạnh tranh cấp sở, ngành (DDCI); các chỉ tiêu của Chỉ số DCCI; "
                "dự thảo của Chủ tịch UBDN tỉnh; UBND các xã; UBND các phường.")
    vs = run(text)
    assert [(v.text, v.line) for v in only(vs, "VB205")] == [("DCCI", LINE2_NO), ("UBDN", LINE2_NO)]
    assert not only(vs, "VB201")
    # another abbreviation, not a slip: one letter changed without repeating its neighbour
    text = edit("2. Cải cách hành chính (CCHC); công chức viên chức (CCVC); CCHC và CCVC.")
    assert not only(run(text), "VB205")


def test_slip_of():
    from vbcheck.checks.abbreviations import slip_of

    assert slip_of("DCCI", "DDCI") and slip_of("UBDN", "UBND")
    assert not slip_of("CCVC", "CCHC") and not slip_of("HĐ", "ĐH") and not slip_of("BHYT", "BHXH")


NOTE_TABLE = """| STT | Khu vực | Số HTX | Số THT | Số LH HTX |
|---|---|---|---|---|
| 1 | Các xã phía Bắc | 210 | 95 | 14 |

Ghi chú: THT - tổ hợp tác; LH HTX - liên hiệp hợp tác xã.
"""


def test_glossary_note_under_a_table_with_a_two_word_entry():
    text = BASE.replace("Nguyễn Văn An", "Nguyễn Văn An\n\nPHỤ LỤC\n\n" + NOTE_TABLE)
    vs = run(text, name="doc.md")
    assert not [v for v in vs if v.code in ("VB201", "VB202", "VB203")], vs


# ----------------------------------------------------------------- issue 12: every part of the body


def test_vb201_in_the_documents_own_list_after_the_signature():
    text = BASE.replace("Nguyễn Văn An", "Nguyễn Văn An\n\nDANH SÁCH\nThành viên tổ tuyên truyền\n"
                        "(Kèm theo Kế hoạch số 15/KH-SNV ngày 05/3/2026 của Sở Nội vụ)\n"
                        "1. Bà Nguyễn Thị Hoa - Chủ tịch UB MTTQ xã\n")
    vs = only(run(text), "VB201")
    line = text.splitlines().index("1. Bà Nguyễn Thị Hoa - Chủ tịch UB MTTQ xã") + 1
    assert [(v.text, v.line) for v in vs] == [("UB", line), ("MTTQ", line)]


ATTACHED = """
ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
Số: 120/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lâm Đồng, ngày 02 tháng 3 năm 2026
KẾ HOẠCH
Chuyển đổi số năm 2026
Giao Sở KH&CN chủ trì triển khai./.
Nơi nhận:
- Lưu: VT, KGVX.
"""


def test_attached_copy_of_another_document_is_not_read_as_uses():
    text = BASE.replace("Nguyễn Văn An", "Nguyễn Văn An\n" + ATTACHED)
    vs = run(text, select=("VB",))
    assert not only(vs, "VB201") and not only(vs, "VB101") and not only(vs, "VB121")


def test_table_cells_a_lone_abbreviation_counts_a_column_heading_does_not():
    table = "| STT | Họ và tên | Chức vụ | Nhiệm vụ |\n|---|---|---|---|\n| 1 | Ông Trần Văn A | CVP | Thành viên |\n"
    text = BASE.replace("II. TỔ CHỨC THỰC HIỆN", table + "\nII. TỔ CHỨC THỰC HIỆN")
    vs = only(run(text, name="doc.md"), "VB201")
    assert [(v.text, v.line) for v in vs] == [("CVP", text.splitlines().index(table.splitlines()[2]) + 1)]


def test_markdown_table_cell_lines_split_at_br():
    text = BASE.replace("Nơi nhận:\n- UBND tỉnh (để báo cáo);\n- Các phòng, đơn vị thuộc Sở;\n- Lưu: VT, VP.\n\n"
                        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn Văn An",
                        "| **Nơi nhận:**<br>- UBND tỉnh (để báo cáo);<br>- Lưu: VT, VP. | **KT. GIÁM ĐỐC**<br>"
                        "**PHÓ GIÁM ĐỐC**<br><br>**Nguyễn Văn An** |\n|---|---|")
    assert "<br>" in text
    assert not [v for v in run(text, name="doc.md", select=("VB1",)) if v.code in ("VB117", "VB118", "VB120", "VB121")]


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


def test_vb205_head_in_small_letters_beside_the_name():
    text = edit("2. Phòng An ninh chính trị nội bộ chủ trì; phối hợp với phòng An ninh chính trị nội bộ.")
    vs = only(run(text), "VB205")
    assert [(v.text, v.line, v.column) for v in vs] == [("phòng An", LINE2_NO, 57)]
    assert '"Phòng An"' in vs[0].message


def test_vb205_small_head_traps_compounds_titles_and_common_nouns():
    text = edit("2. Sở Giáo dục và Đào tạo, các cơ sở Giáo dục; Vụ Tài chính và nghĩa vụ Tài chính; "
                "Ban Vì sự tiến bộ phụ nữ, Trưởng ban Vì sự tiến bộ phụ nữ; các phòng, ban chuyên môn.")
    assert not only(run(text), "VB205")


def test_vb205_keeps_the_form_phu_luc_ii_accepts_on_a_tie_and_against_the_majority():
    # a 1-1 tie: "Sở Tài Chính" (written first) breaks PL II, "Sở Tài chính" is kept
    vs = only(run(edit("2. Gửi Sở Tài Chính tỉnh; Sở Tài chính tỉnh tổng hợp.")), "VB205")
    assert [v.text for v in vs] == ["Sở Tài Chính"] and '"Sở Tài chính"' in vs[0].message
    # the majority breaks PL II: the single right spelling is kept
    text = edit("2. Báo cáo Mặt trận Tổ Quốc Việt Nam xã, Mặt trận Tổ Quốc Việt Nam huyện và Mặt trận Tổ quốc Việt Nam tỉnh.")
    vs = only(run(text), "VB205")
    assert [v.text for v in vs] == ["Tổ Quốc", "Tổ Quốc"] and all('"Tổ quốc"' in v.message for v in vs)


def test_vb205_new_heads_associations_and_congresses():
    text = edit("2. Hiệp hội Bất động sản tỉnh, Hiệp Hội Bất động sản tỉnh; Đại hội đại biểu lần thứ nhất, "
                "Đại hội Đại biểu lần thứ nhất.")
    vs = only(run(text), "VB205")
    assert [v.text for v in vs] == ["Hiệp Hội Bất", "Đại hội Đại"]


def test_vb205_a_label_of_an_abbreviation_names_a_class_of_bodies():
    text = edit("2. Đảng uỷ công an: ĐUCA; Đảng uỷ Công an Trung ương chỉ đạo.")
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


def test_vb206_gi_read_only_after_an_i_gives_the_same_findings(monkeypatch):
    """VB206 reads back the word of a first-vowel cluster (for "giúy") only when the letter
    before the cluster is one (?i)i matches (tone._MAYBE_GI, a speed trick): reading every word
    gives the same findings on the corpus, the seeds and a text made of gi + uy in every case."""
    import re
    import sys

    from vbcheck.checks import tone
    from vbcheck.engine import Options, check_path

    from .conftest import CORPUS, SEEDS, need_shared

    assert [c for c in map(chr, range(sys.maxunicode + 1)) if re.fullmatch("(?i)i", c)] == sorted(tone._MAYBE_GI)
    need_shared()
    files = sorted((CORPUS / "text").glob("*.txt")) + sorted((CORPUS / "docx").glob("*.docx")) + sorted(SEEDS.glob("*"))
    made = edit("2. giủy, Giủy, GIỦY, gıủy, gİủy, giúy ủy, thủy, xgiủy, hoá, hòa, khoẻ; giủy.")
    inputs = [(str(f), None) for f in files] + [("made.txt", made.encode())]

    class Every:
        def __contains__(self, c):
            return True

    def vb206():
        out = []
        for name, data in inputs:
            r = check_path(name, Options(select=("VB206",)), data=data)
            out.append([(v.line, v.column, v.end_column, v.message) for v in r.violations])
        return out

    fast = vb206()
    monkeypatch.setattr(tone, "_MAYBE_GI", Every())
    assert vb206() == fast
    assert fast[-1] and sum(map(len, fast)) >= 3


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


def test_vb205_small_heads_skip_gives_the_same_findings(monkeypatch):
    """VB205 skips a head in small letters whose first word starts no name written with a
    capital head (terms._small_firsts, a speed trick): with no skipping, the same findings."""
    from vbcheck.checks import terms

    from .conftest import CORPUS, SEEDS, need_shared

    need_shared()
    files = sorted((CORPUS / "text").glob("*.txt")) + sorted((CORPUS / "docx").glob("*.docx"))
    files += sorted(SEEDS.glob("*"))

    class Everything:
        def __contains__(self, word):
            return True

    def vb205():
        return [[(v.line, v.column, v.end_column, v.message) for v in vbcheck.check(str(f), select=["VB205"]).files[0].violations]
                for f in files]

    fast = vb205()
    monkeypatch.setattr(terms, "_small_firsts", lambda names: Everything())
    plain = vb205()
    assert fast == plain
    assert sum(map(len, fast)) >= 10


def test_vb205_small_heads_found_backwards_give_the_same_names(monkeypatch):
    """terms._small_places finds the heads in small letters followed, after the head, by a word
    that may start with a capital, searching the text reversed from that capital (a speed trick):
    on every corpus and seed document, and on a text made for it, _small_bodies finds the same
    names as with every head in small letters (_small_places_plain)."""
    from vbcheck.anatomy import View, analyse
    from vbcheck.checks import langscope as ls
    from vbcheck.checks import terms
    from vbcheck.engine import read, read_file

    from .conftest import CORPUS, SEEDS, need_shared

    need_shared()
    files = sorted((CORPUS / "text").glob("*.txt")) + sorted((CORPUS / "docx").glob("*.docx"))
    files += sorted(SEEDS.glob("*"))
    # and a text with heads in small letters before a capital and not, one-, two- and
    # three-word heads, either tone placement, separators and line ends between the words, a
    # head at the end of a view and a capital at the start of the next, a head at the very start
    made = ("kho bạc Nhà nước Hà Nội báo cáo. Giao kho bạc Nhà nước Hà Nội thực hiện.\n"
            "Sở Tư pháp chủ trì; phối hợp với sở Tư pháp và các phòng chuyên môn, cơ sở Y tế.\n"
            "Phòng Văn hóa – Thông tin huyện và phòng Văn hoá – thông tin; Bộ Nội vụ, bộ Nội vụ.\n"
            "Ủy ban Nhân dân tỉnh; uỷ ban Nhân dân tỉnh; ủy ban nhân dân; Ban Chỉ đạo tỉnh, ban\n"
            "Chỉ đạo tỉnh, ban hành, tổ chức, Trưởng ban Chỉ đạo; Trung tâm Y tế, trung tâm Y tế.\n"
            "Tổng công ty Điện lực; tổng công ty Điện lực; tổng  công - ty —Điện lực, xphòng Tư pháp.\n"
            "Giao cho sở\n\nTư pháp; Hội đồng Nhân dân, hội đồng Nhân dân, hội\tđồng\u00a0Nhân dân.\n")
    inputs = [(str(f), read_file(str(f))) for f in files] + [("made.txt", made.encode())]
    heads = total = 0
    for name, data in inputs:
        doc = read(name, data)
        views = [View(run) for run in ls.wrapped_runs(ls.use_paragraphs(doc, analyse(doc)))]
        text = "\n".join(v.text for v in views)
        bodies: list = []
        groups: dict = collections.defaultdict(list)
        terms._scan(views, terms._starts(text), bodies, groups)

        def small():
            return [(id(b.view), b.start, b.words, b.h, b.count) for b in terms._small_bodies(views, bodies)]

        fast = small()
        places = {(id(v), s, e) for v, s, e in terms._small_places(views)}
        plain_places = {(id(v), s, e) for v, s, e in terms._small_places_plain(views)}
        assert places <= plain_places, name
        with monkeypatch.context() as m:
            m.setattr(terms, "_small_places", terms._small_places_plain)
            assert small() == fast, name
        total += len(fast)
        heads += len(plain_places)
        if name == "made.txt":
            assert len(fast) >= 8 and len(places) < len(plain_places)
    assert total >= 5 and heads > 1000  # names found so, among many heads in small letters


def test_vb205_names_read_once_give_the_same_findings(monkeypatch):
    """terms._names_at keeps what it read at a head in a memo, per document, and
    _body_name_groups groups one body per entry of it (speed tricks): with a memo that keeps
    nothing (each body its own entry), the same findings on every corpus and seed document."""
    from vbcheck.checks import terms

    from .conftest import CORPUS, SEEDS, need_shared

    need_shared()
    files = sorted((CORPUS / "text").glob("*.txt")) + sorted((CORPUS / "docx").glob("*.docx"))
    files += sorted(SEEDS.glob("*"))

    class Forgetful(dict):
        def __setitem__(self, key, value):
            pass

    def vb205():
        return [[(v.line, v.column, v.end_column, v.message) for v in vbcheck.check(str(f), select=["VB205"]).files[0].violations]
                for f in files]

    fast = vb205()
    names_at = terms._names_at
    monkeypatch.setattr(terms, "_names_at", lambda *args: names_at(*args[:-1], Forgetful()))
    plain = vb205()
    assert fast == plain
    assert sum(map(len, fast)) >= 10


def test_vb205_agreeing_names_looked_up_as_compared_pairwise():
    """terms._agreeing (a speed trick) answers, for a name b, whether some name c of a list has
    the same words after the head as far as the shorter of the two goes, by a look-up: the same
    answer as comparing b with each c, on the names of every corpus and seed document and on
    names made to differ in count and words."""
    from vbcheck.anatomy import View, analyse
    from vbcheck.checks import langscope as ls
    from vbcheck.checks import terms
    from vbcheck.engine import read, read_file

    from .conftest import CORPUS, SEEDS, need_shared

    def pairwise(b, cs):
        return any(c.lower[c.h : c.h + min(c.count, b.count)] == b.lower[b.h : b.h + min(c.count, b.count)] for c in cs)

    def looked_up(b, cs):
        agree = terms._agreeing(cs)
        return any((b.count, b.lower[b.h : b.h + k]) in agree for k in range(1, b.count + 1))

    def body(words, h, count):
        return terms._Body(tuple(words), tuple(words), h, count, None, 0, None, 0)

    made = [body(["ban", "x", "y", "z"], 1, c) for c in (1, 2, 3)] + \
        [body(["ban", "x", "y", "w"], 1, 3), body(["ban", "x", "q", "z"], 1, 3), body(["ủy", "ban", "x", "y", "z"], 2, 2)]
    checked = 0
    for b in made:
        for k in range(len(made) + 1):
            for cs in (made[:k], made[k:], made[k:k + 1]):
                assert looked_up(b, cs) == pairwise(b, cs)
                checked += 1
    need_shared()
    files = sorted((CORPUS / "text").glob("*.txt")) + sorted((CORPUS / "docx").glob("*.docx")) + sorted(SEEDS.glob("*"))
    agreeing = 0
    for f in files:
        doc = read(str(f), read_file(str(f)))
        views = [View(run) for run in ls.wrapped_runs(ls.use_paragraphs(doc, analyse(doc)))]
        bodies: list = []
        terms._scan(views, terms._starts(terms._joined(views)), bodies, collections.defaultdict(list))
        by_key = collections.defaultdict(list)
        for b in bodies:
            by_key[b.lower[: b.h + 1]].append(b)
        for cs in by_key.values():
            for b in cs:
                for others in (cs, [c for c in cs if c is not b]):
                    answer = looked_up(b, others)
                    assert answer == pairwise(b, others), f
                    agreeing += answer
                    checked += 1
    assert checked > 1000 and 0 < agreeing < checked
