"""The .docx formatting layer (VB003, VB301–VB308): compliant documents built from the NĐ 30
model forms give no finding; each one-change variant gives exactly its finding, at its paragraph."""

from __future__ import annotations

import pytest

import vbcheck
from vbcheck.engine import Options, check_document, read
from vbcheck.ooxml import styles as formatting

from . import docx_factory as F

FMT = ("VB3", "VB003")


def fmt_findings(data: bytes, name: str = "doc.docx", **kw):
    res = vbcheck.check(data, name=name, **kw).files[0]
    assert res.error is None, res.error
    return [v for v in res.violations if v.code.startswith(FMT)]


def got(data: bytes, **kw) -> list[tuple[str, int]]:
    return sorted((v.code, v.line) for v in fmt_findings(data, **kw))


# --------------------------------------------------------------------------- compliant


@pytest.mark.parametrize("model", sorted(F.MODELS))
def test_compliant_models_give_no_formatting_finding(model):
    spec = F.MODELS[model]()
    res = vbcheck.check(F.build(spec), name=f"{model}.docx").files[0]
    assert res.error is None
    assert [(v.code, v.line, v.message) for v in res.violations if v.code.startswith(FMT)] == []
    assert not [n for n in res.not_evaluated if n["code"].startswith("VB3")], res.not_evaluated


def test_compliant_models_are_clean_for_every_rule():
    # The fixtures are real documents: the text rules accept them too.
    for model, make in F.MODELS.items():
        res = vbcheck.check(F.build(make()), name=f"{model}.docx").files[0]
        assert [(v.code, v.line) for v in res.violations] == [], model


def test_parts_are_resolved_as_laid_out():
    spec = F.ke_hoach()
    doc = read("k.docx", F.build(spec))
    check_document(doc, Options(select=("VB3",)))
    fm = formatting.of(doc)
    by_line = {p.line: p for p in doc.paragraphs}
    qh = by_line[spec.line_of("quoc_hieu")]
    f = fm.run(qh, qh.runs[0])
    assert (f.font_ascii, f.font_hansi, f.size, f.bold, f.italic) == ("Times New Roman", "Times New Roman", 13, True, False)
    body = by_line[spec.line_of("body1")]
    f = fm.run(body, body.runs[0])
    assert (f.size, f.bold) == (14, False)  # from w:docDefaults
    pf = fm.para(body)
    assert (pf.jc, pf.first_line, pf.before, pf.line, pf.line_rule) == ("both", 567, 120, 240, "auto")


# --------------------------------------------------------------------------- variants


def _set(name, **attrs):
    def change(spec):
        for r in spec.part(name).runs:
            for k, v in attrs.items():
                setattr(r, k, v)
    return change


def _para(name, **attrs):
    def change(spec):
        for k, v in attrs.items():
            setattr(spec.part(name), k, v)
    return change


def _spec(**attrs):
    def change(spec):
        for k, v in attrs.items():
            setattr(spec, k, v)
    return change


def _all_body(**attrs):
    def change(spec):
        for p in spec.all_paras():
            if p.name.startswith(("body", "heading")):
                for k, v in attrs.items():
                    setattr(p, k, v)
    return change


def _items(**attrs):
    def change(spec):
        for p in spec.all_paras():
            if p.name.startswith("item"):
                for r in p.runs:
                    for k, v in attrs.items():
                        setattr(r, k, v)
    return change


def _toggle(char_bold: bool):
    """Quốc hiệu bold only through styles: a bold paragraph style and, when `char_bold`, a bold
    character style too — two toggles cancel out (ECMA-376 §17.7.3), so the text is upright."""
    def change(spec):
        spec.extra_styles += (
            '<w:style w:type="paragraph" w:styleId="QH"><w:name w:val="QH"/><w:basedOn w:val="Normal"/>'
            '<w:rPr><w:b/></w:rPr></w:style>'
            '<w:style w:type="character" w:styleId="Dam"><w:name w:val="Dam"/><w:rPr><w:b/></w:rPr></w:style>'
        )
        p = spec.part("quoc_hieu")
        p.style = "QH"
        for r in p.runs:
            r.bold = None
            r.style = "Dam" if char_bold else None
    return change


def _margin(side, twips):
    def change(spec):
        spec.margins = {**spec.margins, side: twips}
    return change


# (id, model, change, expected findings as (code, part name or line number))
VARIANTS = [
    # VB301 paper
    ("letter", "ke-hoach", _spec(page=(12240, 15840)), [("VB301", 1)]),
    ("landscape-body", "ke-hoach", _spec(page=(16838, 11906), landscape=True), [("VB301", 1)]),
    ("word-legacy-a4", "ke-hoach", _spec(page=(11907, 16840)), []),
    # VB302 margins
    ("margin-left-25", "ke-hoach", _margin("left", 1418), [("VB302", 1)]),
    ("margin-bottom-15", "cong-van", _margin("bottom", 851), [("VB302", 1)]),
    ("margin-right-851", "ke-hoach", _margin("right", 851), []),
    ("margin-top-25", "ke-hoach", _margin("top", 1418), []),
    # VB303 font family
    ("body-arial", "ke-hoach", _set("body2", font="Arial"), [("VB303", "body2")]),
    ("theme-calibri", "ke-hoach", _spec(theme_font="Calibri"), [("VB303", 1)]),
    ("theme-tnr", "ke-hoach", _spec(theme_font="Times New Roman"), []),
    ("tnr-bold-face", "ke-hoach", _set("quoc_hieu", font="Times New Roman Bold", bold=None), []),
    ("no-font-anywhere", "ke-hoach", _spec(default_font=""), []),
    # VB304 sizes
    ("quoc-hieu-14", "ke-hoach", _set("quoc_hieu", size=14), [("VB304", "quoc_hieu")]),
    ("tieu-ngu-12", "cong-van", _set("tieu_ngu", size=12), [("VB304", "tieu_ngu")]),
    ("so-14", "ke-hoach", _set("so", size=14), [("VB304", "so")]),
    ("vv-14", "cong-van", _set("vv", size=14), [("VB304", "vv")]),
    ("body-12-from-defaults", "ke-hoach", _spec(default_size=12), [("VB304", "body1")]),
    ("body-13.5", "ke-hoach", lambda s: [_set(n, size=13.5)(s) for n in ("body1", "body2", "body3")], []),
    ("title-16", "quyet-dinh", _set("title", size=16), [("VB304", "title")]),
    ("label-11", "ke-hoach", _set("noi_nhan_label", size=11), [("VB304", "noi_nhan_label")]),
    ("items-12", "cong-van", _items(size=12), [("VB304", "item0")]),
    ("name-12", "quyet-dinh", _set("sig_name", size=12), [("VB304", "sig_name")]),
    # VB305 styles
    ("issuer-not-bold", "ke-hoach", _set("issuer", bold=False), [("VB305", "issuer")]),
    ("parent-bold", "ke-hoach", _set("parent", bold=True), [("VB305", "parent")]),
    ("date-upright", "ke-hoach", _set("date", italic=False), [("VB305", "date")]),
    ("title-not-bold", "ke-hoach", _set("title", bold=False), [("VB305", "title")]),
    ("title-lower-with-caps", "ke-hoach", lambda s: (_set("title", text="Kế hoạch", caps=True)(s)), []),
    ("trich-yeu-not-bold", "quyet-dinh", _set("trich_yeu", bold=False), [("VB305", "trich_yeu")]),
    ("quoc-hieu-toggles-cancel", "ke-hoach", _toggle(True), [("VB305", "quoc_hieu")]),
    ("quoc-hieu-bold-by-style", "ke-hoach", _toggle(False), []),
    ("label-not-italic", "cong-van", _set("noi_nhan_label", italic=False), [("VB305", "noi_nhan_label")]),
    ("position-not-bold", "ke-hoach", _set("sig1", bold=False), [("VB305", "sig1")]),
    ("name-not-bold", "cong-van", _set("sig_name", bold=False), [("VB305", "sig_name")]),
    # VB306 body paragraphs
    ("body-left", "ke-hoach", _para("body1", jc="left"), [("VB306", "body1")]),
    ("body-no-indent", "ke-hoach", _para("body2", first_line=0), [("VB306", "body2")]),
    ("body-indent-1.27", "ke-hoach", _all_body(first_line=720), []),
    ("body-no-spacing", "ke-hoach", _all_body(before=0), [("VB306", "body1")]),
    ("body-double-spacing", "ke-hoach", _para("body2", line=480), [("VB306", "body2")]),
    ("body-exact-17pt", "ke-hoach", _para("body2", line=340, line_rule="exact"), []),
    # VB307 page numbers
    ("no-page-number", "ke-hoach", _spec(page_number="none"), [("VB307", 1)]),
    ("one-page-no-number", "ke-hoach", _spec(page_number="none", pages=1), []),
    ("page-number-footer", "ke-hoach", _spec(page_number="footer"), [("VB307", 1)]),
    ("page-number-on-page-1", "ke-hoach", _spec(title_pg=False), [("VB307", 1)]),
    ("page-number-right", "ke-hoach", _spec(page_jc="right"), [("VB307", 1)]),
    # VB308 colour
    ("red-text", "ke-hoach", _set("body2", color="FF0000"), [("VB308", "body2")]),
    ("near-black", "ke-hoach", _set("body2", color="0D0D0D"), []),
    # VB003 tracked changes and comments
    ("tracked-insert", "ke-hoach", _para("body2", wrap="ins"), [("VB003", "body2")]),
    ("reviewer-comment", "ke-hoach", _spec(comments=True), [("VB003", 1)]),
    # Party profile (HD 36 sizes, margins and styles)
    ("dang-label-bold-italic", "dang", _set("noi_nhan_label", underline=False, bold=True, italic=True),
     [("VB305", "noi_nhan_label")]),
    ("dang-body-13", "dang", lambda s: [_set(n, size=13)(s) for n in ("body1", "body2")], [("VB304", "body1")]),
    ("dang-left-35", "dang", _margin("left", 1985), [("VB302", 1)]),
    ("dang-line-single", "dang", lambda s: [_para(n, line=240, line_rule="auto")(s) for n in ("body1", "body2")],
     [("VB306", "body1")]),
]


@pytest.mark.parametrize("vid,model,change,expected", VARIANTS, ids=[v[0] for v in VARIANTS])
def test_variant(vid, model, change, expected):
    spec = F.MODELS[model]()
    change(spec)
    want = sorted((code, where if isinstance(where, int) else spec.line_of(where)) for code, where in expected)
    assert got(F.build(spec)) == want


def test_messages_give_measured_and_expected_values():
    spec = F.ke_hoach()
    _margin("left", 1418)(spec)
    _set("quoc_hieu", size=14)(spec)
    msgs = {v.code: v.message for v in fmt_findings(F.build(spec))}
    assert msgs["VB302"].startswith("Lề trái 25 mm, quy định 30–35 mm")
    assert msgs["VB304"].startswith("Quốc hiệu: cỡ chữ 14 pt, quy định 12–13 pt")
    en = {v.code: v.message for v in fmt_findings(F.build(spec), lang="en")}
    assert en["VB302"].startswith("Left margin 25 mm; expected 30–35 mm")


def test_merged_finding_spans_its_paragraphs():
    spec = F.ke_hoach()
    spec.default_size = 12
    (f,) = fmt_findings(F.build(spec))
    assert (f.code, f.line, f.end_line) == ("VB304", spec.line_of("body1"), spec.line_of("body3"))
    assert f"đến đoạn {spec.line_of('body3')}" in f.message


def test_severities_and_stage():
    spec = F.ke_hoach()
    _para("body2", wrap="ins")(spec)
    spec.page = (16838, 11906)
    spec.landscape = True
    data = F.build(spec)
    sev = {v.code: v.severity for v in fmt_findings(data)}
    assert sev == {"VB003": "warning", "VB301": "warning"}  # landscape body: warning, not error
    sev = {v.code: v.severity for v in fmt_findings(data, stage="final")}
    assert sev["VB003"] == "error"
    spec = F.ke_hoach()
    spec.page = (12240, 15840)
    assert {v.code: v.severity for v in fmt_findings(F.build(spec))} == {"VB301": "error"}


def test_text_input_lists_formatting_rules_as_not_evaluated():
    res = vbcheck.check_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n").files[0]
    codes = {n["code"] for n in res.not_evaluated}
    assert {"VB003", "VB301", "VB302", "VB303", "VB304", "VB305", "VB306", "VB307", "VB308"} <= codes


def test_formatting_is_resolved_only_when_a_formatting_rule_runs():
    data = F.build(F.ke_hoach())
    doc = read("k.docx", data)
    check_document(doc, Options(select=("VB1",)))
    assert "_formatting" not in doc.meta
    doc = read("k.docx", data)
    check_document(doc, Options(select=("VB303",)))
    assert "_formatting" in doc.meta


def test_toggle_semantics_and_units():
    assert formatting.on(True) and not formatting.on("0") and not formatting.on("false") and formatting.on("1")
    assert round(formatting.mm(1701)) == 30 and round(formatting.mm(850)) == 15
    assert formatting.is_black("AUTO") and formatting.is_black("000000") and not formatting.is_black("FF0000")


def test_style_cycles_and_deep_chains_do_not_crash():
    spec = F.ke_hoach()
    chain = "".join(
        f'<w:style w:type="paragraph" w:styleId="S{i}"><w:name w:val="S{i}"/><w:basedOn w:val="S{i + 1}"/></w:style>'
        for i in range(200))
    spec.extra_styles += (
        '<w:style w:type="paragraph" w:styleId="A"><w:name w:val="A"/><w:basedOn w:val="B"/><w:rPr><w:b/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="B"><w:name w:val="B"/><w:basedOn w:val="A"/></w:style>' + chain)
    spec.part("body1").style = "A"
    spec.part("body2").style = "S0"
    res = vbcheck.check(F.build(spec), name="k.docx", select=FMT).files[0]
    assert res.error is None and not res.internal_errors
    assert not [n for n in res.not_evaluated if n["code"].startswith("VB3")]
