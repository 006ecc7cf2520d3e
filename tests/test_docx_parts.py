"""VB308 theme colours, VB309 rule lines, VB310 part styles on .docx documents built from the NĐ 30
models (tests/docx_factory.py) with one change each, and on corpus files: passing, failing and the
paragraph of each finding."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

import vbcheck
from vbcheck.ooxml import rulelines, styles

from . import docx_factory as F
from .conftest import CORPUS, need_shared


def findings(data: bytes, code: str, name: str = "doc.docx", **kw):
    res = vbcheck.check(data, name=name, select=(code,), **kw).files[0]
    assert res.error is None and not res.internal_errors, (res.error, res.internal_errors)
    return res.violations, res.not_evaluated


def replace_part(data: bytes, name: str, old: str, new: str, regex: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            content = zin.read(info)
            if info.filename == name:
                text = content.decode("utf-8")
                if regex:
                    text, n = re.subn(old, lambda _m: new, text, count=1)
                    assert n == 1, (name, old)
                else:
                    assert old in text, (name, old)
                    text = text.replace(old, new, 1)
                content = text.encode("utf-8")
            zout.writestr(info, content)
    return out.getvalue()


# --------------------------------------------------------------------------- VB308


def _coloured(extra: str) -> F.Spec:
    spec = F.ke_hoach()
    spec.part("body2").runs[0].extra = extra
    return spec


@pytest.mark.parametrize("attrs,shown,words", [
    ('w:themeColor="accent1"', "4472C4", '"accent1"'),
    ('w:themeColor="text1" w:themeTint="99"', "666666", "sáng hơn 40%"),
    ('w:themeColor="accent1" w:themeShade="BF"', "2F5496", "tối hơn 25%"),
])
def test_vb308_theme_colour_is_what_word_shows(attrs, shown, words):
    spec = _coloured(f'<w:color w:val="000000" {attrs}/>')
    [v], _ = findings(F.build(spec), "VB308")
    assert v.line == spec.line_of("body2") and f"#{shown}" in v.message and words in v.message


def test_vb308_theme_black_and_a_colour_laid_over_a_theme():
    assert findings(F.build(_coloured('<w:color w:val="FF0000" w:themeColor="text1"/>')), "VB308")[0] == []
    # A style carrying a theme colour (Heading 1: accent1, shade BF) colours its paragraphs …
    spec = F.ke_hoach()
    spec.extra_styles = ('<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
                         '<w:basedOn w:val="Normal"/><w:rPr><w:color w:val="2F5496" w:themeColor="accent1" '
                         'w:themeShade="BF"/></w:rPr></w:style>')
    spec.part("heading1").style = "Heading1"
    [v], _ = findings(F.build(spec), "VB308")
    assert v.line == spec.line_of("heading1") and '"accent1"' in v.message
    # … unless the run sets a plain colour of its own, which replaces the theme colour.
    spec.part("heading1").runs[0].extra = '<w:color w:val="000000"/>'
    assert findings(F.build(spec), "VB308")[0] == []


def test_vb308_a_red_full_stop():
    # QĐ kiện toàn Đội ứng cứu sự cố (corpus draft), line 21: the sentence black, its final "." red.
    spec = F.ke_hoach()
    text = spec.part("body2").runs[0].text.rstrip(".")
    spec.part("body2").runs = [F.R(text), F.R(".", color="000000")]
    assert findings(F.build(spec), "VB308")[0] == []
    spec.part("body2").runs[1].color = "FF0000"
    [v], _ = findings(F.build(spec), "VB308")
    assert (v.line, v.column, v.text) == (spec.line_of("body2"), len(text) + 1, ".") and "#FF0000" in v.message
    need_shared()
    found, _ = findings((CORPUS / "docx" / "vbai_qd_qd-kien-toan-doi-ucsc-draft.docx").read_bytes(), "VB308",
                        name="qd.docx")
    assert [(v.line, v.text) for v in found] == [(21, ".")]


def test_vb308_theme_part_and_settings_mapping():
    spec = _coloured('<w:color w:val="000000" w:themeColor="text1"/>')
    data = F.build(spec)
    assert findings(data, "VB308")[0] == []
    # The theme's dark 1 is navy: text1 shows navy although w:val caches 000000.
    navy = replace_part(data, "word/theme/theme1.xml", '<a:sysClr val="windowText" lastClr="000000"/>',
                        '<a:srgbClr val="1F3864"/>')
    [v], _ = findings(navy, "VB308")
    assert "#1F3864" in v.message
    # The settings map text1 to dark 2 (44546A).
    mapped = replace_part(data, "word/settings.xml", "</w:settings>",
                          '<w:clrSchemeMapping w:bg1="light1" w:t1="dark2" w:bg2="light2" w:t2="dark2" '
                          'w:accent1="accent1" w:accent2="accent2" w:accent3="accent3" w:accent4="accent4" '
                          'w:accent5="accent5" w:accent6="accent6" w:hyperlink="hyperlink" '
                          'w:followedHyperlink="followedHyperlink"/></w:settings>')
    [v], _ = findings(mapped, "VB308")
    assert "#44546A" in v.message


def test_tint_and_shade_match_words_cache():
    # Word's own cached values for the Office theme (corpus styles): shade BF of 4472C4 = 2F5496,
    # tint 99 of 000000 = 666666; within 1 per channel.
    for base, tint, shade, word in (("4472C4", None, "BF", "2F5496"), ("000000", "99", None, "666666"),
                                    ("ED7D31", "66", None, "F7CAAC")):
        got = styles.tinted(base, tint, shade)
        assert all(abs(int(got[i:i + 2], 16) - int(word[i:i + 2], 16)) <= 1 for i in (0, 2, 4)), (got, word)


# --------------------------------------------------------------------------- VB309


def _line(cm: float, offset_cm: float | None = None, v_twips: int = 40) -> str:
    cx = int(cm * 360000)
    pos = "<wp:align>center</wp:align>" if offset_cm is None else f"<wp:posOffset>{int(offset_cm * 360000)}</wp:posOffset>"
    return ('<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
            'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="column">{pos}</wp:positionH><wp:positionV relativeFrom="paragraph">'
            f'<wp:posOffset>{v_twips * 635}</wp:posOffset></wp:positionV><wp:extent cx="{cx}" cy="0"/><wp:wrapNone/>'
            '<wp:docPr id="5" name="Line"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
            f'wordprocessingShape"><wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/>'
            '</a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData>'
            '</a:graphic></wp:anchor></w:drawing></w:r>')


def _picture(cm: float) -> str:
    return (f'<w:r><w:drawing><wp:inline><wp:extent cx="{int(cm * 360000)}" cy="12700"/><wp:docPr id="6" name="Pic"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
            '<pic:blipFill/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')


def _vml(cm: float) -> str:
    return f'<w:r><w:pict><v:line from="0,3pt" to="{cm / 2.54 * 72:.1f}pt,3pt"/></w:pict></w:r>'


NS = ('xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"')


MARK_RUN = r"<w:r>(?:(?!</w:r>).){0,300}?\u2060MARK\u2060</w:t></w:r>"


def _with_rule(name: str, runs: str, spec: F.Spec | None = None) -> bytes:
    """The ke-hoach model with the typed rule paragraph `name` replaced by `runs` (drawings)."""
    spec = spec or F.ke_hoach()
    para = spec.part(name)
    para.runs = [F.R("\u2060MARK\u2060")]
    data = F.build(spec)
    data = replace_part(data, "word/document.xml", "<w:document ", f"<w:document {NS} ")
    return replace_part(data, "word/document.xml", MARK_RUN, runs, regex=True)


def test_vb309_drawn_lines_measured():
    spec = F.ke_hoach()
    ok = _with_rule("issuer_rule", _line(1.0), spec)
    assert findings(ok, "VB309")[0] == []
    [v], _ = findings(_with_rule("issuer_rule", _line(1.9)), "VB309")
    assert v.line == spec.line_of("issuer") and "1,9 cm" in v.message and "1/3" in v.message
    [v], _ = findings(_with_rule("issuer_rule", _line(1.0, offset_cm=0)), "VB309")
    assert v.line == spec.line_of("issuer") and "lệch" in v.message
    # VML only (Word 2003), measured from its end points.
    assert findings(_with_rule("issuer_rule", _vml(1.0)), "VB309")[0] == []
    [v], _ = findings(_with_rule("tieu_ngu_rule", _vml(3.0)), "VB309")
    assert v.line == spec.line_of("tieu_ngu") and "3 cm" in v.message


def test_vb309_missing_and_a_picture():
    spec = F.ke_hoach()
    [v], _ = findings(_with_rule("tieu_ngu_rule", ""), "VB309")
    assert v.line == spec.line_of("tieu_ngu") and "Thiếu" in v.message and v.severity == "info"
    found, not_evaluated = findings(_with_rule("tieu_ngu_rule", _picture(6.0)), "VB309")
    assert found == [] and any("hình ảnh" in n["reason"] for n in not_evaluated if n["code"] == "VB309")


def test_vb309_underscores_raised_as_superscript_are_drawn_smaller():
    # NĐ 30's own header (nd30_nd-30-2020-nd-cp.docx): 40 "_" at 14 pt in superscript under the
    # Tiêu ngữ, 7 at 13 pt under "CHÍNH PHỦ". Word draws them at about 2/3 of the size: 6.4 cm
    # under a line of about 6.7 cm, not 9.9 cm.
    sup = '<w:vertAlign w:val="superscript"/>'
    spec = F.ke_hoach()
    spec.part("tieu_ngu_rule").runs = [F.R("_" * 16, size=14, extra=sup), F.R("_" * 24, size=14, extra=sup)]
    assert findings(F.build(spec), "VB309")[0] == []
    spec.part("tieu_ngu_rule").runs = [F.R("_" * 40, size=14)]
    [v], _ = findings(F.build(spec), "VB309")
    assert (v.line, v.text) == (spec.line_of("tieu_ngu"), "Độc lập - Tự do - Hạnh phúc") and "dài 9,9 cm" in v.message
    spec = F.ke_hoach()
    spec.part("issuer_rule").runs = [F.R("_" * 7, size=13, extra=sup)]  # 1 cm: 1/2 of "SỞ NỘI VỤ" (2 cm)
    assert findings(F.build(spec), "VB309")[0] == []
    spec.part("issuer_rule").runs = [F.R("_" * 7, size=13)]  # 1.6 cm
    [v], _ = findings(F.build(spec), "VB309")
    assert v.line == spec.line_of("issuer") and "dài 1,6 cm" in v.message


def test_vb309_paragraph_border():
    spec = F.ke_hoach()
    data = _with_rule("tieu_ngu_rule", "", spec)
    border = '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'
    # Across the whole cell (10 cm for a 6.7 cm line): too long; indented to the text: right.
    wide = replace_part(data, "word/document.xml", "<w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/>"
                        "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">Độc lập",
                        f"{border}<w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val=\"28\"/>"
                        "<w:szCs w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">Độc lập")
    [v], _ = findings(wide, "VB309")
    assert v.line == spec.line_of("tieu_ngu") and "dài 9,9 cm" in v.message
    narrow = replace_part(wide, "word/document.xml", border, border + '<w:ind w:left="1500" w:right="1500"/>')
    assert findings(narrow, "VB309")[0] == []


def test_vb309_header_in_a_text_box_is_not_evaluated():
    spec = F.ke_hoach()
    issuer = spec.part("issuer")
    box = ('<w:r><w:pict><v:shape style="width:150pt;height:40pt"><v:textbox><w:txbxContent>'
           '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>SỞ NỘI VỤ</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
    issuer.runs = [F.R("\u2060MARK\u2060")]
    data = F.build(spec)
    data = replace_part(data, "word/document.xml", "<w:document ", f"<w:document {NS} ")
    data = replace_part(data, "word/document.xml", MARK_RUN, box, regex=True)
    found, not_evaluated = findings(data, "VB309")
    assert not [v for v in found if "cơ quan" in v.message]
    assert any("khung văn bản" in n["reason"] for n in not_evaluated if n["code"] == "VB309")


def test_vb309_party_forms():
    spec = F.dang_ke_hoach()
    assert findings(F.build(spec), "VB309")[0] == []
    spec.blocks[3].runs = [F.R("", size=14)]  # the "-----" under the trích yếu
    [v], _ = findings(F.build(spec), "VB309")
    assert v.line == spec.line_of("trich_yeu") and '"-----"' in v.message
    state = F.ke_hoach()
    state.part("issuer_rule").runs = [F.R("*", size=13)]
    [v], _ = findings(F.build(state), "VB309")
    assert v.line == state.line_of("issuer") and '"*"' in v.message


def test_text_width_metrics():
    # Times New Roman bold 14 pt: "Độc lập - Tự do - Hạnh phúc" is about 6 cm.
    assert 5.5 < rulelines.cm(rulelines.text_width("Độc lập - Tự do - Hạnh phúc", 14, True)) < 7.0


def test_vb309_on_the_corpus():
    need_shared()
    found, _ = findings((CORPUS / "docx" / "vbai_qd_qd-kien-toan-doi-ucsc-draft.docx").read_bytes(), "VB309",
                        name="qd.docx")
    assert [(v.line, v.text) for v in found] == [(2, "TỈNH LÂM ĐỒNG"), (4, "Độc lập – Tự do – Hạnh phúc")]
    ok, _ = findings((CORPUS / "docx" / "vbai_kh_kh-tuyen-truyen-cchc-2026-final.docx").read_bytes(), "VB309",
                     name="kh.docx")
    assert ok == []


# --------------------------------------------------------------------------- VB310


def _qd() -> F.Spec:
    return F.quyet_dinh()


def test_vb310_can_cu_and_articles():
    spec = _qd()
    assert findings(F.build(spec), "VB310")[0] == []
    spec.part("can_cu").runs[0].italic = False
    spec.part("can_cu2").runs[0].italic = False
    [v], _ = findings(F.build(spec), "VB310")
    assert (v.line, v.end_line, v.severity) == (spec.line_of("can_cu"), spec.line_of("can_cu2"), "warning")
    spec = _qd()
    spec.part("body2").runs[0].bold = False
    [v], _ = findings(F.build(spec), "VB310")
    assert v.line == spec.line_of("body2") and v.text == "Điều 1."


def _with_body(spec: F.Spec, paras: list[F.Para]) -> F.Spec:
    i = next(k for k, b in enumerate(spec.blocks) if isinstance(b, F.Para) and b.name == "enact")
    spec.blocks[i + 1:i + 1] = paras
    return spec


def test_vb310_chapter_labels_and_titles():
    good = [F.Para([F.R("Chương I", bold=True)], jc="center", name="label"),
            F.Para([F.R("QUY ĐỊNH CHUNG", bold=True)], jc="center", name="ctitle")]
    spec = _with_body(_qd(), good)
    assert findings(F.build(spec), "VB310")[0] == []
    bad = [F.Para([F.R("Chương I")], jc="left", name="label"),
           F.Para([F.R("QUY ĐỊNH CHUNG")], jc="center", name="ctitle")]
    spec = _with_body(_qd(), bad)
    got = sorted((v.line, v.message.split("[")[0]) for v in findings(F.build(spec), "VB310")[0])
    label, title = spec.line_of("label"), spec.line_of("ctitle")
    assert [line for line, _ in got] == [label, label, title]
    assert "đậm" in got[2][1]


def test_vb310_appendix():
    tail = [F.Para([F.R("Phụ lục", bold=True)], jc="center", name="pl"),
            F.Para([F.R("DANH SÁCH THÀNH VIÊN", bold=True)], jc="center", name="pltitle"),
            F.Para([F.R("(Kèm theo Quyết định số 120/QĐ-UBND ngày 10 tháng 3 năm 2026 của Ủy ban nhân dân tỉnh)",
                        italic=True)], jc="center", name="plref"),
            F.Para([F.R("1. Ông Nguyễn Văn A, Tổ trưởng.")], jc="both", name="pl1")]
    spec = _qd()
    spec.blocks += tail
    assert findings(F.build(spec), "VB310")[0] == []
    spec.part("plref").runs[0].italic = False
    spec.part("pl").jc = "left"
    got = sorted((v.line, "nghiêng" in v.message) for v in findings(F.build(spec), "VB310")[0])
    assert got == [(spec.line_of("pl"), False), (spec.line_of("plref"), True)]


def test_vb310_appendix_title_holding_its_reference():
    # The title and "(Ban hành kèm theo …)" on one line (QĐ 1766/QĐ-UBND Bình Thuận): the title
    # part is judged as a title, the parenthesis as the reference line.
    ref = "(Ban hành kèm theo Quyết định số 120/QĐ-UBND ngày 10 tháng 3 năm 2026 của Ủy ban nhân dân tỉnh)"
    tail = [F.Para([F.R("Phụ lục", bold=True)], jc="center", name="pl"),
            F.Para([F.R("DANH SÁCH THÀNH VIÊN ", bold=True), F.R(ref, italic=True)], jc="center", name="pltitle"),
            F.Para([F.R("1. Ông Nguyễn Văn A, Tổ trưởng.")], jc="both", name="pl1")]
    spec = _qd()
    spec.blocks += tail
    assert findings(F.build(spec), "VB310")[0] == []
    assert not [v for v in findings(F.build(spec), "VB130")[0] if "(Kèm theo" in v.message]  # reference there
    spec.part("pltitle").runs[1].italic = False
    [v], _ = findings(F.build(spec), "VB310")
    assert (v.line, v.column, v.text) == (spec.line_of("pltitle"), len("DANH SÁCH THÀNH VIÊN ") + 1, ref)
    assert "nghiêng" in v.message


def test_vb310_marks():
    def with_mark(bold: bool) -> F.Spec:
        spec = F.ke_hoach()
        spec.blocks.insert(spec.blocks.index(spec.part("title")), F.Para([F.R("KHẨN", size=13, bold=bold)], name="mark"))
        return spec

    assert findings(F.build(with_mark(True)), "VB310")[0] == []
    spec = with_mark(False)
    [v], _ = findings(F.build(spec), "VB310")
    assert (v.line, v.column, v.text, v.severity) == (spec.line_of("mark"), 1, "KHẨN", "warning") and "đậm" in v.message


def test_vb310_titled_articles():
    # A regulation of titled articles: "Điều 2. Đối tượng áp dụng" with its title not bold (info).
    def titled(title_bold: bool) -> F.Spec:
        spec = _qd()
        i = spec.blocks.index(spec.part("body2"))
        arts = []
        for n, (title, body) in enumerate((
                ("Phạm vi điều chỉnh", "Quy chế này quy định việc tổ chức và hoạt động của Tổ công tác."),
                ("Đối tượng áp dụng", "Quy chế này áp dụng đối với các thành viên Tổ công tác."),
                ("Hiệu lực thi hành", "Quyết định này có hiệu lực kể từ ngày ký./.")), 1):
            arts.append(F.Para([F.R(f"Điều {n}. ", bold=True), F.R(title, bold=title_bold or n != 2)], name=f"art{n}",
                               jc="both", first_line=567, before=120))
            arts.append(F.Para([F.R(body)], jc="both", first_line=567, before=120))
        spec.blocks[i:i + 2] = arts
        return spec

    assert findings(F.build(titled(True)), "VB310")[0] == []
    spec = titled(False)
    [v], _ = findings(F.build(spec), "VB310")
    assert (v.line, v.column, v.text, v.severity) == (spec.line_of("art2"), 9, "Đối tượng áp dụng", "info")


def test_vb310_on_the_corpus():
    need_shared()
    found, _ = findings((CORPUS / "docx" / "vbai_kh_kh-phat-dong-thi-dua-cchc-2026.docx").read_bytes(), "VB310",
                        name="kh.docx")
    # Five upright bases opening a kế hoạch: one finding over them, at info.
    assert [(v.line, v.end_line, v.severity) for v in found] == [(10, 14, "info")]


# --------------------------------------------------------------------------- VB128 on Word lists


NUMBERING = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering '
             'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
             '<w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>'
             '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/>'
             '</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
             '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>')


def _with_numbering(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
        zout.writestr("word/numbering.xml", NUMBERING)
    return out.getvalue()


@pytest.mark.parametrize("num_id,reported", [("1", True), ("2", False)])
def test_vb128_word_lettered_points(num_id, reported):
    spec = F.quyet_dinh()
    points = [F.Para([F.R(t)], jc="both", name=f"pt{k}") for k, t in enumerate(("Rà soát thủ tục;", "Báo cáo kết quả."))]
    i = next(k for k, b in enumerate(spec.blocks) if isinstance(b, F.Para) and b.name == "body2")
    spec.blocks[i + 1:i + 1] = points
    data = F.build(spec)
    marker = '<w:jc w:val="both"/></w:pPr><w:r><w:t xml:space="preserve">Rà soát'
    data = replace_part(data, "word/document.xml", marker,
                        f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>' + marker)
    found, not_evaluated = findings(_with_numbering(data), "VB128")
    if reported:
        [v] = found
        assert v.line == spec.line_of("pt0") and v.severity == "info" and '"đ"' in v.message
        assert any("Word" in n["reason"] for n in not_evaluated if n["code"] == "VB128")
    else:
        assert found == [] and not [n for n in not_evaluated if n["code"] == "VB128"]
