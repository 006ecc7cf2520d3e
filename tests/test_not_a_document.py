"""Files that are not an official document (VB010) and documents whose type cannot be decided
(issue 12, item 6). A README, a list of packages, a form, a meeting note: one info finding and
every other rule not evaluated, unless the user names the profile. The corpus and seed documents
stay documents, including those whose header a conversion lost. Constructed cases: tests/cases/c6…"""

from __future__ import annotations

from pathlib import Path

import vbcheck
from vbcheck.catalogue import loader as packs
from vbcheck.engine import all_rules

from .conftest import CORPUS, SEEDS, check_text, need_shared

ROOT = Path(__file__).resolve().parent.parent


def test_the_projects_own_readme_is_not_a_document():
    r = vbcheck.check(str(ROOT / "README.md"), lang="en").files[0]
    assert [(v.code, v.line, v.severity) for v in r.violations] == [("VB010", 1, "info")]
    assert "Markdown" in r.violations[0].message
    listed = {x["code"] for x in r.not_evaluated}
    assert set(all_rules()) - {"VB010"} <= listed


def test_a_named_profile_checks_it_as_a_document():
    r = vbcheck.check(str(ROOT / "README.md"), profile="nd30").files[0]
    codes = {v.code for v in r.violations}
    assert "VB010" not in codes and "VB101" in codes


def test_requirements_form_and_note():
    cases = {
        "requirements.txt": ("click>=8.1\nlxml>=5.0\npython-docx==1.1.2\n", "packages"),
        "phieu.txt": ("PHIẾU ĐĂNG KÝ THAM DỰ HỘI NGHỊ\nHọ và tên: ....................\n"
                      "Chức vụ: ....................\nNGƯỜI ĐĂNG KÝ\n(Ký, ghi rõ họ tên)\n", "form"),
        "ghi-chep.txt": ("Ghi chép họp giao ban sáng thứ Hai\nThành phần: đ/c Hùng, đ/c Lan.\n"
                         "- Đ/c Lan: xong dự thảo KH tuyên truyền CCHC.\nKết luận: hoàn thành đúng hạn.\n", "note"),
    }
    for name, (text, key) in cases.items():
        r = check_text(text, name=name, lang="en")
        assert [v.code for v in r.violations] == ["VB010"], name
        want = packs.rule("VB010").message(key, "en")
        assert r.violations[0].message.startswith(want.split("{")[0][:40]), (name, r.violations[0].message)


def test_real_text_a_meeting_arrangement_cut_from_a_cong_dien_is_a_note():
    """Công điện 58/CĐ-VPCP (pdftotext), cut to its arrangements ("Thời gian:", "Thành phần:" and
    the lists): without its header, number and signature it is a note, one VB010 at line 1; the
    whole công điện, with the same "Thành phần:" lines, is a document (no VB010)."""
    need_shared()
    lines = (CORPUS / "text" / "vbai-pdf_cd_58-cd-vpcp.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, t in enumerate(lines) if "I. Thời gian:" in t)
    cut = "\n".join(lines[start: start + 21]) + "\n"
    assert "Thành phần:" in cut and "Số:" not in cut
    r = check_text(cut, name="ghi-chep.txt", lang="en")
    indent = len(lines[start]) - len(lines[start].lstrip())
    assert [(v.code, v.line, v.column, v.severity) for v in r.violations] == [("VB010", 1, indent + 1, "info")]
    assert r.violations[0].message.startswith("This file is a note")
    whole = vbcheck.check(str(CORPUS / "text" / "vbai-pdf_cd_58-cd-vpcp.txt")).files[0]
    assert "VB010" not in {v.code for v in whole.violations} and "VB010" not in {x["code"] for x in whole.not_evaluated}


def test_real_text_the_projects_dependencies_as_requirements_txt():
    """The project's own dependency list written as a requirements.txt: a package list."""
    import tomllib
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    r = check_text("\n".join(deps) + "\n", name="requirements.txt", lang="en")
    assert [(v.code, v.line) for v in r.violations] == [("VB010", 1)]
    assert "software packages" in r.violations[0].message
    assert len(r.not_evaluated) == len(all_rules()) - 1


def test_corpus_and_seeds_stay_documents():
    """Every corpus document and seed is a văn bản: none is told it is not one, and no corpus
    document has two competing type names (its type rules all run)."""
    need_shared()
    found, conflicts = [], []
    for f in sorted((CORPUS / "text").glob("*.txt")) + sorted((CORPUS / "docx").glob("*.docx")) + sorted(SEEDS.glob("*.txt")):
        r = vbcheck.check(str(f), lang="en").files[0]
        if any(v.code == "VB010" for v in r.violations):
            found.append(f.name)
        if any("two type names" in x["reason"] for x in r.not_evaluated):
            conflicts.append(f.name)
    assert found == [] and conflicts == []


def test_a_programme_sent_with_another_document_is_an_attachment():
    """The conference programme attached to a công điện (corpus docx): a type name, a text and
    "BAN TỔ CHỨC", nothing else. A văn bản, not VB010; its header and closing are not asked for
    (it got VB101, VB103, VB105, VB106, VB110, VB116, VB118, VB120 before)."""
    need_shared()
    r = vbcheck.check(str(CORPUS / "docx" / "vbai_ctr_chuong-trinh-hoi-nghi-ctmtqg.docx"), lang="en").files[0]
    codes = {v.code for v in r.violations}
    assert "VB010" not in codes and not codes & {"VB101", "VB103", "VB105", "VB106", "VB110", "VB116", "VB118", "VB120"}
    reasons = {x["code"]: x["reason"] for x in r.not_evaluated}
    assert reasons["VB101"].startswith("a paper sent with another document") and "VB120" in reasons
    assert r.doc_type == "CTr"
    # the same text with its own closing (Nơi nhận) is a document that lost its header
    text = "CHƯƠNG TRÌNH\nHội nghị triển khai công tác năm 2026\n\n1. Khai mạc.\n2. Tổng kết.\n\nNơi nhận:\n- Các sở;\n- Lưu: VT.\n\nBAN TỔ CHỨC\n"
    r2 = check_text(text, lang="en")
    assert "VB101" in {v.code for v in r2.violations}


def test_a_document_that_lost_its_header_is_still_one():
    base = packs.example_base("ke-hoach")
    body = base.split("KẾ HOẠCH\n", 1)[1]  # no header at all: trích yếu, body, Nơi nhận, signature
    r = check_text("KẾ HOẠCH\n" + body)
    codes = {v.code for v in r.violations}
    assert "VB010" not in codes and "VB101" in codes


def test_competing_type_names_leave_the_type_rules_not_evaluated():
    base = packs.example_base("ke-hoach")
    text = base.replace("KẾ HOẠCH\n", "KẾ HOẠCH\nTHÔNG BÁO\n", 1)
    r = check_text(text, lang="en")
    reasons = {x["code"]: x["reason"] for x in r.not_evaluated}
    for code in ("VB109", "VB113", "VB114", "VB115", "VB124", "VB125"):
        assert "KẾ HOẠCH, THÔNG BÁO" in reasons[code], code
    assert not [v for v in r.violations if v.code in reasons]
    # one type name: they run
    assert not {x["code"] for x in check_text(base).not_evaluated} & {"VB109", "VB113", "VB114"}


def test_a_capital_trich_yeu_that_starts_with_a_type_name_is_no_conflict():
    """Only a line that is a type name and nothing else competes: "HƯỚNG DẪN THỰC HIỆN …" under
    "KẾ HOẠCH" is its trích yếu, and "KẾT LUẬN" under "THÔNG BÁO" is a notice of conclusions."""
    base = packs.example_base("ke-hoach")
    for second in ("HƯỚNG DẪN THỰC HIỆN CẢI CÁCH HÀNH CHÍNH", "Quyết định"):
        r = check_text(base.replace("KẾ HOẠCH\n", f"KẾ HOẠCH\n{second}\n", 1), lang="en")
        assert not any("two type names" in x["reason"] for x in r.not_evaluated), second
    tb = packs.example_base("thong-bao").replace("THÔNG BÁO\n", "THÔNG BÁO\nKẾT LUẬN\n", 1)
    r = check_text(tb, lang="en")
    assert not any("two type names" in x["reason"] for x in r.not_evaluated)


def test_competing_type_names_case_reports_where():
    """tests/cases/c6f: "TỜ TRÌNH" then "QUYẾT ĐỊNH" (lines 11-12): the reason names both."""
    r = vbcheck.check(str(ROOT / "tests" / "cases" / "c6f-hai-ten-loai.txt"), lang="en").files[0]
    reasons = {x["code"]: x["reason"] for x in r.not_evaluated}
    assert reasons["VB113"] == "two type names (TỜ TRÌNH, QUYẾT ĐỊNH): the document type cannot be decided"
    assert not {v.code for v in r.violations} & {"VB109", "VB113", "VB114", "VB115", "VB124", "VB125"}


# --------------------------------------------------------------------------- copy forms

_HEADER_RULES = {"VB101", "VB102", "VB103", "VB104", "VB105", "VB106", "VB107", "VB108", "VB109", "VB110",
                 "VB111", "VB112", "VB113", "VB114", "VB115"}


def _header_findings(r, shift=0):
    return sorted((v.code, v.line - shift, v.text) for v in r.violations if v.code in _HEADER_RULES)


def test_a_copy_stamp_on_top_of_a_real_document_is_no_broken_header():
    """Công văn 2873/SXD-QLN (pdftotext of the signed PDF, cut to header, body and closing) with
    a copy form above its header: a stamp as offices stamp paper copies (alone, or under the
    copying body with the copy's number), or a whole copy block put first and closed by a rule.
    The header reads as without it (same type, same header findings, lower by the form's lines)
    and the form is one VB131 info at its mark (before: the mark was taken for the tên loại "SAO
    Y" and the header for missing)."""
    need_shared()
    text = (CORPUS / "text" / "vbai-pdf_cv_2873-sxd-qln-lamdong.txt").read_text(encoding="utf-8")
    text = text[: text.index("Hồ Ngọc Phong Hải") + len("Hồ Ngọc Phong Hải")] + "\n"
    plain = check_text(text, lang="en")
    block = ("SỞ NỘI VỤ TỈNH LÂM ĐỒNG\nSố: 31/SY-SNV\n\nSAO Y\nLâm Đồng, ngày 20 tháng 4 năm 2026\n\nNơi nhận:\n"
             "- Phòng Tổ chức biên chế;\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nTrần Văn Bình\n" + "_" * 70)
    for stamp, mark in (("SAO Y BẢN CHÍNH", "SAO Y BẢN CHÍNH"), ("                                   SAO Y", "SAO Y"),
                        ("TRÍCH SAO", "TRÍCH SAO"), ("UBND XÃ ĐAM RÔNG\nSAO Y BẢN CHÍNH\nSố: 05/SY-UBND", "SAO Y BẢN CHÍNH"),
                        (block, "SAO Y")):
        r = check_text(stamp + "\n" + text, lang="en")
        shift = stamp.count("\n") + 1
        assert r.doc_type == plain.doc_type == "CV", stamp
        assert _header_findings(r, shift=shift) == _header_findings(plain), stamp
        [v] = [v for v in r.violations if v.code == "VB131"]
        line = next(i for i, t in enumerate(stamp.splitlines(), 1) if t.strip() == mark)
        col = stamp.splitlines()[line - 1].index(mark) + 1
        assert (v.line, v.column, v.severity, v.text) == (line, col, "info", mark), stamp
        assert "copy stamp" in v.message
        # the copy's own Nơi nhận and signature are not the công văn's
        assert not [f for f in r.violations if f.code not in {x.code for x in plain.violations} | {"VB131"}], stamp


def test_a_copy_block_after_a_real_document_keeps_its_closing_apart():
    """The same công văn followed by a SAO Y block (NĐ 30 Mẫu 3.1, under a full-width rule): the
    copy's Số, date, Nơi nhận and signature are the copy's, the công văn's closing findings are
    the same as without the block, and a complete block gives nothing; without its date, VB131
    says so at "SAO Y"."""
    need_shared()
    text = (CORPUS / "text" / "vbai-pdf_cv_2873-sxd-qln-lamdong.txt").read_text(encoding="utf-8")
    text = text[: text.index("Hồ Ngọc Phong Hải") + len("Hồ Ngọc Phong Hải")] + "\n"
    block = ("_" * 70 + "\nSỞ NỘI VỤ TỈNH LÂM ĐỒNG\nSố: 31/SY-SNV\n\nSAO Y\nLâm Đồng, ngày 20 tháng 4 năm 2026\n\n"
             "Nơi nhận:\n- Phòng Tổ chức biên chế;\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nTrần Văn Bình\n")
    plain = check_text(text, lang="en")
    r = check_text(text + block, lang="en")
    assert sorted((v.code, v.line) for v in r.violations) == sorted((v.code, v.line) for v in plain.violations)
    r = check_text(text + block.replace("Lâm Đồng, ngày 20 tháng 4 năm 2026\n", ""), lang="en")
    line = (text + block).splitlines().index("SAO Y") + 1
    [v] = [v for v in r.violations if v.code == "VB131"]
    assert (v.line, v.text) == (line, "SAO Y") and "place and date" in v.message
    assert not {v.code for v in r.violations} & (_HEADER_RULES | {"VB117", "VB118", "VB119", "VB120", "VB121", "VB122"}) \
        - {v.code for v in plain.violations}


def test_a_copy_mark_in_the_body_is_no_stamp():
    """Only the first line of the file is read as a stamp: "SAO Y" inside a body is a mention."""
    base = packs.example_base("ke-hoach")
    r = check_text(base.replace("II. TỔ CHỨC THỰC HIỆN", "SAO Y\nII. TỔ CHỨC THỰC HIỆN", 1), lang="en")
    assert not [v for v in r.violations if v.code == "VB131"]
    assert not [v for v in check_text(base, lang="en").violations if v.code in _HEADER_RULES]


def test_long_runs_in_a_file_that_is_no_document():
    """The detector's patterns are bounded: 10,000-character runs of what they look for (dots,
    pins, fences, spaces, label words) give a result, never an error."""
    for run in ("." * 10_000, "a==" * 3_000, "`" * 10_000, " " * 10_000, "Thành phần " * 1_000, "(Ký " * 2_500):
        r = check_text(f"{run}\n{run}\nKết luận: {run}\n", name="x.txt")
        assert r.error is None and not r.internal_errors


def test_real_text_a_to_trinh_with_a_second_type_name():
    """Tờ trình 202/TTr-SNV (pdftotext of the signed PDF, cut to its header, title and first
    lines) with "QUYẾT ĐỊNH" added under "TỜ TRÌNH", centred as pdftotext lays it out: the type
    rules are listed under not_evaluated with both names and none reports; the same text without
    the second name has them all evaluated."""
    need_shared()
    lines = (CORPUS / "text" / "vbai-pdf_ttr_202-ttr-snv-lamdong.txt").read_text(encoding="utf-8").splitlines()
    cut = "\n".join(lines[:24]) + "\n"
    i = next(k for k, t in enumerate(lines) if t.strip() == "TỜ TRÌNH")
    two = "\n".join(lines[: i + 1] + ["                               QUYẾT ĐỊNH"] + lines[i + 1: 24]) + "\n"
    r = check_text(two, lang="en")
    reasons = {x["code"]: x["reason"] for x in r.not_evaluated}
    for code in ("VB109", "VB113", "VB114", "VB115", "VB124", "VB125"):
        assert reasons.get(code) == "two type names (TỜ TRÌNH, QUYẾT ĐỊNH): the document type cannot be decided", code
    assert not {v.code for v in r.violations} & set(reasons)
    plain = check_text(cut, lang="en")
    assert not any("two type names" in x["reason"] for x in plain.not_evaluated)
