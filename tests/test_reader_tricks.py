"""Speed and memory tricks of the .docx reader give what the plain path gives: the streamed walk
(ooxml/walk.py `_walk_streamed`, used for a document.xml above STREAM_FROM) the document the walk
over the whole tree (`walk_parts`) gives, and a check the same findings, on every corpus .docx, the
shipped example and the odd shapes a body can have; run properties shared among runs formatted
alike are each run's own and resolve as an unshared copy does."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

import vbcheck
from vbcheck.ooxml import walk
from vbcheck.ooxml.package import open_package, refuse_dtd_parts
from vbcheck.ooxml.walk import ParagraphWalker, walk_parts
from vbcheck.ooxml.xml import parse_xml

from . import docx_build as B
from .conftest import ROOT, corpus_files

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _document_xml(data: bytes) -> bytes:
    return refuse_dtd_parts(open_package(data), keep=("word/document.xml",))["word/document.xml"]


def _model(b: ParagraphWalker, n_body: int):
    paras = [(p.index, p.text, p.line, list(p.cols), p.page, p.kind, p.gap_before, p.table, p.footnote_refs,
              [(r.start, r.end, r.props) for r in p.runs], p.props) for p in b.paragraphs]
    return paras, b.sections, b.revisions, b.page, b.saw_page_marks, n_body


def _same_walk(xml: bytes) -> None:
    tree = ParagraphWalker()
    n = walk_parts(tree, parse_xml(xml, "word/document.xml"), None)
    streamed, m, top = walk._walk_streamed(xml)
    assert _model(streamed, m) == _model(tree, n)
    kept, k, tree_top = walk._walk_tree(xml)
    assert _model(kept, k) == _model(tree, n)
    assert [c.tag for c in top.children] == [c.tag for c in tree_top.children] and top.whole == tree_top.whole


def _inputs() -> list[Path]:
    return [ROOT / "examples" / "ke-hoach-du-thao.docx", *corpus_files("docx")]


@pytest.mark.parametrize("path", _inputs(), ids=lambda p: p.name[:40])
def test_streamed_walk_is_the_tree_walk(path):
    _same_walk(_document_xml(path.read_bytes()))


ODD_BODIES = {
    "body-level deletion, content control and nested table": (
        B.p(B.r("Một")) + f'<w:del w:id="1" w:author="a" w:date="2026-01-01T00:00:00Z">{B.p(B.r("xoá"))}</w:del>'
        + f"<w:sdt><w:sdtContent>{B.p(B.r('Hai'))}</w:sdtContent></w:sdt>"
        + B.table([B.p(B.r("ô")) + B.table([B.p(B.r("lồng"))]), B.p(B.r("ba"))])
        + '<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:pPr></w:p>'
        + B.p(B.r("Bốn")) + '<w:sectPr><w:pgSz w:w="16838" w:h="11906"/></w:sectPr>'),
    "no final section": B.p(B.r("Chỉ một đoạn")),
    "empty body": "",
}


@pytest.mark.parametrize("body", ODD_BODIES.values(), ids=ODD_BODIES.keys())
def test_streamed_walk_on_odd_bodies(body):
    _same_walk(_document_xml(B.build(body)))


@pytest.mark.parametrize("xml", [
    # Paragraphs outside the document element's first w:body: the tree walk reads none of them.
    f'<w:body xmlns:w="{W}"><w:p><w:r><w:t>gốc là body</w:t></w:r></w:p></w:body>',
    f'<w:document xmlns:w="{W}"><w:body/><w:body><w:p><w:r><w:t>thân thứ hai</w:t></w:r></w:p></w:body></w:document>',
    f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>một</w:t></w:r></w:p></w:body>'
    f'<w:body><w:p><w:r><w:t>hai</w:t></w:r></w:p></w:body></w:document>',
    f'<w:document xmlns:w="{W}"><w:x><w:body><w:p><w:r><w:t>sâu</w:t></w:r></w:p></w:body></w:x></w:document>',
], ids=["root-body", "second-body", "two-bodies", "nested-body"])
def test_streamed_walk_outside_the_first_body(xml):
    _same_walk(xml.encode())


def test_check_findings_the_same_streamed(monkeypatch):
    """A whole check of the shipped example and a long table-laid document, streamed from the
    first byte on, reports what the tree walk reports."""
    paths = [ROOT / "examples" / "ke-hoach-du-thao.docx", *corpus_files("docx")[:3]]

    def run():
        return [[(v.code, v.line, v.column, v.end_line, v.end_column, v.message)
                 for v in vbcheck.check(p).files[0].violations] for p in paths]

    plain = run()
    monkeypatch.setattr(walk, "STREAM_FROM", 0)
    assert run() == plain


def test_streamed_walk_refuses_what_the_parse_refuses(monkeypatch):
    """A document.xml cut short is refused with the parse's one-line reason."""
    monkeypatch.setattr(walk, "STREAM_FROM", 0)
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(B.build(B.p(B.r("đoạn"))))) as src, zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info.filename, data[:-30] if info.filename == "word/document.xml" else data)
    result = vbcheck.check(buf.getvalue(), name="x.docx").files[0]
    assert result.error.startswith("tệp .docx hỏng: word/document.xml không phải XML hợp lệ (")


@pytest.mark.parametrize("path", _inputs()[:8], ids=lambda p: p.name[:40])
def test_shared_run_properties_are_each_runs_own(path):
    """Runs formatted alike share one properties dict (ooxml/walk.py), and each holds what its
    own w:rPr says; the style resolver gives every run the format an unshared copy gets."""
    import copy

    from vbcheck.engine import read
    from vbcheck.ooxml import styles
    from vbcheck.ooxml.props import run_props, signature

    xml = _document_xml(path.read_bytes())
    b = ParagraphWalker()
    b.elements = []
    walk_parts(b, parse_xml(xml, "word/document.xml"), None)
    for para, (_p_el, run_els) in zip(b.paragraphs, b.elements):
        for run, r_el in zip(para.runs, run_els):
            own = run_props(r_el)
            own.pop("_revised", None)
            assert run.props == own
    runs = [r for p in b.paragraphs for r in p.runs]
    assert len({id(r.props) for r in runs}) == len({signature(r.props) for r in runs})

    doc = read(str(path), path.read_bytes())
    shared = [styles.of(doc).run(p, r) for p in doc.paragraphs for r in p.runs]
    alone = read(str(path), path.read_bytes())
    for p in alone.paragraphs:
        for r in p.runs:
            r.props = copy.deepcopy(r.props)
    assert [styles.of(alone).run(p, r) for p in alone.paragraphs for r in p.runs] == shared


@pytest.mark.parametrize("path", _inputs()[:8], ids=lambda p: p.name[:40])
def test_parts_kept_from_the_scan_are_the_packages(path):
    """The parts the reader keeps from its scan (ooxml/walk.py KEEP_PART) are the package's own
    bytes, and the style resolver parses the same parts from them as from the package."""
    from lxml import etree

    from vbcheck.engine import read
    from vbcheck.ooxml import styles
    from vbcheck.ooxml.package import read_part

    doc = read(str(path), path.read_bytes())
    kept = doc.meta["part_data"]
    assert "word/styles.xml" in kept and "word/document.xml" not in kept
    assert all(data == read_part(doc.meta["zip"], name) for name, data in kept.items())
    names = ["word/styles.xml", "word/settings.xml", *styles.of(doc).rels().values()]
    names = [n for n in names if n.endswith(".xml")]
    fast = [styles.of(doc).part(n) for n in names]
    plain_doc = read(str(path), path.read_bytes())
    plain_doc.meta["part_data"] = {}
    plain = [styles.of(plain_doc).part(n) for n in names]
    assert [etree.tostring(x) if x is not None else None for x in fast] == \
        [etree.tostring(x) if x is not None else None for x in plain]


@pytest.mark.parametrize("path", _inputs()[:8], ids=lambda p: p.name[:40])
def test_whole_paragraph_runs_are_the_plain_ones(path):
    """The visible runs of a whole paragraph, built once for every formatting rule
    (ooxml/styles.py `_whole`), are those the general walk over a range gives."""
    from vbcheck.engine import read
    from vbcheck.ooxml import styles

    doc = read(str(path), path.read_bytes())
    fast = [styles.of(doc).runs(p) for p in doc.paragraphs]
    plain_doc = read(str(path), path.read_bytes())
    fm = styles.of(plain_doc)
    plain = [list(fm._runs(p, 0, len(p.text))) for p in plain_doc.paragraphs]
    assert [[(r.start, r.end, f, t) for r, f, t in x] for x in fast] == \
        [[(r.start, r.end, f, t) for r, f, t in x] for x in plain]
    assert any(fast)


def _rows(doc, upto):
    from vbcheck.ooxml import rulelines

    return [(r.line, r.text, r.column and r.column[1:], r.width, r.cell_width, r.jc, r.in_textbox,
             [(o.kind, o.length, o.h_rel, o.h_offset, o.h_align, o.v_offset, o.inline) for o in r.objects])
            for r in rulelines.rows(doc, upto)]


@pytest.mark.parametrize("path", _inputs(), ids=lambda p: p.name[:40])
@pytest.mark.parametrize("stream", [False, True], ids=["tree", "streamed"])
def test_rule_line_rows_from_the_kept_top(path, stream, monkeypatch):
    """The header's rule lines read from the paragraphs the reader's walk visited in the top
    (walk.ParagraphWalker.visits) and from the top the reader kept (walk.Top) are those read from
    document.xml parsed again, near the top, at the edge of what was visited and past it."""
    from vbcheck.engine import read

    if stream:
        monkeypatch.setattr(walk, "STREAM_FROM", 0)
    for upto in (12, walk.TOP - 3, walk.TOP - 2, walk.TOP + 40):
        doc = read(str(path), path.read_bytes())
        plain = read(str(path), path.read_bytes())
        plain.meta["top"] = plain.meta["top_visits"] = None
        assert _rows(doc, upto) == _rows(plain, upto)
        kept = read(str(path), path.read_bytes())
        kept.meta["top_visits"] = None  # the top's children walked again
        assert _rows(kept, upto) == _rows(plain, upto)


def _fonts_body() -> bytes:
    """A compliant kế hoạch whose body runs are in allowed, symbol, wrong and legacy fonts, alone
    and mixed in a paragraph, with ASCII-only and Vietnamese text (font_for names the ascii slot,
    the hAnsi slot or both)."""
    from . import docx_factory as F

    spec = F.ke_hoach()
    spec.part("body1").runs = [F.R("Sai phông ", font="Arial"), F.R("và đúng phông chữ.", font="Times New Roman")]
    spec.part("body2").runs = [F.R("•", font="Symbol"), F.R(" ASCII only text", font="Arial"),
                               F.R(" chữ Việt", extra='<w:rFonts w:ascii="Times New Roman" w:hAnsi="Arial"/>')]
    spec.part("body3").runs = [F.R("Cò chữ TCVN3", font=".VnTime"), F.R(" rồi 2026", font="Calibri"),
                               F.R(" ASCII", extra='<w:rFonts w:ascii="Arial" w:hAnsi="Times New Roman"/>')]
    return F.build(spec)


def _findings(sources) -> list:
    return [[(v.code, v.line, v.column, v.end_line, v.end_column, v.message, repr(v.fix))
             for v in vbcheck.check(data, name="x.docx").files[0].violations] for data in sources]


def _formatting_sources() -> list[bytes]:
    return [_fonts_body(), *(p.read_bytes() for p in _inputs())]


def test_font_family_skips_only_runs_it_would_pass(monkeypatch):
    """VB303 passes a run whose ascii and hAnsi fonts are both allowed without looking at its
    text (checks/fmt_text.py `_both_allowed`): the findings are those of testing every run."""
    from vbcheck.checks import fmt_text

    sources = _formatting_sources()
    fast = _findings(sources)
    assert any(row[0] == "VB303" for row in fast[0])
    monkeypatch.setattr(fmt_text, "_both_allowed", lambda f, symbols, known: False)
    assert _findings(sources) == fast


@pytest.mark.parametrize("path", _inputs()[:8], ids=lambda p: p.name[:40])
def test_judged_runs_are_the_runs_with_letters(path):
    """The runs a size, font or style rule judges, listed once per paragraph
    (ooxml/styles.py `judged`), are the visible runs with a letter or digit, for a whole
    paragraph and for a part of one."""
    import re

    from vbcheck.engine import read
    from vbcheck.ooxml import styles

    doc = read(str(path), path.read_bytes())
    fm = styles.of(doc)
    alnum = re.compile(r"\w")
    seen = False
    for p in doc.paragraphs:
        n = len(p.text)
        for start, end in ((0, None), (0, n), (1, n), (0, n // 2), (n // 3, n - 1)):
            plain = [x for x in fm.runs(p, start, end) if alnum.search(x[2])]
            assert fm.judged(p, start, end) == plain
            seen = seen or bool(plain)
        assert fm.measurable(p) == bool(fm.judged(p))
    assert seen


def test_checks_the_same_without_the_judged_runs_list(monkeypatch):
    """The formatting rules find the same with `judged` filtering `runs()` afresh at every call
    (no list kept per paragraph) and every run resolved on its own (no lookup by its shared
    properties dict), on every corpus .docx."""
    import re

    from vbcheck.ooxml import styles

    sources = _formatting_sources()
    fast = _findings(sources)
    alnum = re.compile(r"\w")
    monkeypatch.setattr(styles.Formatting, "judged",
                        lambda self, p, start=0, end=None: [x for x in self._runs(p, start, len(p.text) if end is None else end)
                                                            if alnum.search(x[2])])
    monkeypatch.setattr(styles.Formatting, "_format",
                        lambda self, props, para_styles, para, run: self._resolve_run(para, run))
    assert _findings(sources) == fast


@pytest.mark.parametrize("path", _inputs(), ids=lambda p: p.name[:40])
def test_rule_line_rows_without_run_properties(path, monkeypatch):
    """The header's rows are walked without reading run properties (rulelines._RowWalker,
    walk.ParagraphWalker.read_run_props): the walk gives the same paragraphs but for their run
    properties, and the rows are those of a walk that reads them."""
    from vbcheck.engine import read
    from vbcheck.ooxml import rulelines

    xml = _document_xml(path.read_bytes())
    plain, bare = ParagraphWalker(), ParagraphWalker()
    bare.read_run_props = False
    walk_parts(plain, parse_xml(xml, "word/document.xml"), None)
    walk_parts(bare, parse_xml(xml, "word/document.xml"), None)
    assert [(p.text, p.line, p.page, p.table, [(r.start, r.end) for r in p.runs]) for p in bare.paragraphs] == \
        [(p.text, p.line, p.page, p.table, [(r.start, r.end) for r in p.runs]) for p in plain.paragraphs]
    assert all(r.props == {} for p in bare.paragraphs for r in p.runs)
    def rows():
        doc = read(str(path), path.read_bytes())
        doc.meta["top_visits"] = None  # walked again, by rulelines._RowWalker
        return _rows(doc, walk.TOP + 40)

    fast = rows()
    monkeypatch.setattr(rulelines._RowWalker, "read_run_props", True)
    assert rows() == fast
