"""Fixes (issue 15): the fix model, the writers for text files and .docx, `vbcheck.fix()`, and the
promises that hold on every real document: fixing and checking again reports no finding with a
safe fix; fixing twice changes nothing the second time; text outside the edits is byte-identical
(text files) or paragraph-identical (.docx); a fixed .docx's tracked changes are vbcheck's, and
accepting them gives the text `track=False` writes."""

from __future__ import annotations

import io
import unicodedata
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import vbcheck
from vbcheck.core.fix import Edit, Fix, describe, refine
from vbcheck.core.model import Paragraph
from vbcheck.engine import Options, read
from vbcheck.ooxml import revise
from vbcheck.ooxml.walk import ParagraphWalker, text_pieces, walk_parts
from vbcheck.ooxml.xml import W_, parse_xml
from vbcheck.writers.fix import fix_data, is_docx

from .conftest import ROOT, SEEDS, corpus_files, need_shared
from .docx_factory import R, build, ke_hoach

EXAMPLE = ROOT / "examples" / "ke-hoach-du-thao.docx"
DATE = "2026-04-01T08:00:00Z"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# --------------------------------------------------------------------------- the model


@pytest.mark.parametrize("old,new,want", [
    ("5", "05", [(0, 0, "0")]),
    ("Độc lập – Tự do – Hạnh phúc", "Độc lập - Tự do - Hạnh phúc", [(8, 9, "-"), (16, 17, "-")]),
    ("Cộng hòa xã hội", "CỘNG HÒA XÃ HỘI", [(0, 4, "CỘNG"), (5, 8, "HÒA"), (9, 11, "XÃ"), (12, 15, "HỘI")]),
    ("VT,VP", "VT, VP", [(3, 3, " ")]),
    (" ,", ",", [(0, 1, "")]),
    ("hoá", "hóa", [(0, 3, "hóa")]),
    ("same", "same", []),
])
def test_refine_gives_the_smallest_word_level_changes(old, new, want):
    got = refine(old, new)
    assert got == want
    # applying them right to left gives the new text
    text = old
    for a, b, rep in reversed(got):
        text = text[:a] + rep + text[b:]
    assert text == new


def test_an_insertion_is_stored_on_its_neighbour_character():
    p = Paragraph(index=0, text="Trân trọng.", line=7, cols=range(12))
    e = Edit.insert(p, len(p.text), "/.")
    assert (e.line, e.column, e.end_column, e.old, e.new) == (7, 6, 12, "trọng.", "trọng./.")
    e = Edit.insert(p, 0, "- ")
    assert (e.column, e.end_column, e.old, e.new) == (1, 5, "Trân", "- Trân")
    e = Edit.insert(p, 5, "(")  # after a space: the word that follows
    assert (e.column, e.end_column, e.old, e.new) == (6, 12, "trọng.", "(trọng.")
    assert describe(Fix.safe(Edit.replace(p, 0, 4, "Trân")), "en") == 'write "Trân" again in composed Unicode (NFC)'
    assert describe(Fix.safe(Edit.insert(p, 10, "/"))) == '"trọng" → "trọng/"'
    with pytest.raises(ValueError):
        Edit.replace(p, 0, 1, "a\nb")
    with pytest.raises(ValueError):
        Edit.format_run(p, 0, 4, colour="red")
    with pytest.raises(ValueError):
        Fix("maybe", (e,))


def test_json_carries_each_findings_fix_and_null_without_one():
    from vbcheck.reporters import render

    report = vbcheck.check(str(EXAMPLE))
    d = json.loads(render("json", report, "vi"))
    vs = d["files"][0]["violations"]
    by_code = {v["code"]: v for v in vs}
    assert by_code["VB107"]["fix"] == {
        "applicability": "safe", "message": '"5" → "05"',
        "edits": [{"line": 3, "column": 5, "end_line": 3, "end_column": 6, "old": "5", "new": "05"}]}
    assert by_code["VB201"]["fix"] is None  # the full phrase of an abbreviation is not known
    # every key of the contract is still there (keys are added, never renamed)
    for v in vs:
        assert {"code", "name", "severity", "message", "line", "column", "end_line", "end_column", "page",
                "text", "fix"} <= set(v)
    en = json.loads(render("json", report, "en"))["files"][0]["violations"]
    assert all(a["fix"] == b["fix"] for a, b in zip(vs, en) if a["fix"] and "format" not in json.dumps(a["fix"]))


def test_the_cache_keeps_fixes(tmp_path):
    from vbcheck.runs.cache import _result_from, _result_to

    result = vbcheck.check(str(EXAMPLE)).files[0]
    stored = json.loads(json.dumps(_result_to(result), ensure_ascii=False))
    back = _result_from(stored)
    assert [v.fix for v in back.violations] == [v.fix for v in result.violations]
    assert any(v.fix is not None for v in back.violations)


# --------------------------------------------------------------------------- text files

DRAFT = (
    "ỦY BAN NHÂN DÂN\r\n"
    "XÃ KRÔNG Á\r\n"
    "Số: 5/KH-UBND\r\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\r\n"
    "Độc lập – Tự do – Hạnh phúc\r\n"
    "Krông Á ngày 5 tháng 3 năm 2026\r\n"
    "KẾ HOẠCH\r\n"
    "Triển khai phong trào \u201cBình dân học vụ số\u201d năm 2026\r\n"
    "Thực hiện Kế hoạch số 76/KH-UBND ngày 13/3/2026 của Ủy ban nhân dân tỉnh ,\u00a0Ủy ban nhân dân xã ban hành"
    " Kế hoạch như sau:\r\n"
    "I. MỤC ĐÍCH, YÊU CẦU\r\n"
    "1. Phổ cập kỹ năng số cho cán bộ, công chức và người dân; đẩy mạnh chuyển đổi số.\r\n"
    "2. Phát huy vai trò của các Tổ công nghệ số cộng đồng\r\n"
    "Nơi nhận:\r\n"
    "- UBND tỉnh (để báo cáo)\r\n"
    "- Lưu: VT,VP\r\n"
    "TM. ỦY BAN NHÂN DÂN\r\n"
    "CHỦ TỊCH\r\n"
    "Trần Mạnh Quân\r\n"
)
FIXED = (DRAFT.replace("Số: 5/", "Số: 05/").replace("Độc lập – Tự do – Hạnh phúc", "Độc lập - Tự do - Hạnh phúc")
         .replace("Krông Á ngày 5", "Krông Á, ngày 05").replace("tỉnh ,\u00a0", "tỉnh,\u00a0")
         .replace("cộng đồng\r\n", "cộng đồng./.\r\n").replace("(để báo cáo)\r\n", "(để báo cáo);\r\n")
         .replace("VT,VP", "VT, VP."))


@pytest.mark.parametrize("bom,encoding", [(b"", "utf-8"), (b"\xef\xbb\xbf", "utf-8"),
                                          (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le")])
def test_a_text_file_keeps_its_encoding_line_endings_and_untouched_bytes(bom, encoding):
    data = bom + DRAFT.encode(encoding)
    r = vbcheck.fix(data, name="ke-hoach.txt")
    assert r.error is None and not r.failed
    assert r.data == bom + FIXED.encode(encoding)
    assert sorted({f.code for f in r.applied}) == ["VB104", "VB107", "VB111", "VB116", "VB122", "VB207"]
    assert not [v for v in r.remaining if v.fix is not None and v.fix.is_safe]
    assert vbcheck.fix(r.data, name="ke-hoach.txt").data == r.data  # a second run changes nothing


def test_markdown_markers_and_decomposed_letters_around_an_edit_are_kept():
    md = ("**Nơi nhận:**\n- UBND tỉnh;\n- Lưu: VT,VP\n\nTrong đo\u0301, **Phòng Văn hoá** và Phòng Văn hoá.\n")
    r = vbcheck.fix(md.encode(), name="a.md", select=["VB122"])
    assert r.data.decode() == md.replace("VT,VP", "VT, VP.")
    # VB002: the words written decomposed become NFC, nothing else moves
    r = vbcheck.fix(md.encode(), name="a.md", select=["VB002"])
    assert r.data.decode() == md.replace("đo\u0301", "đó")


def test_a_fix_whose_place_changed_is_not_written():
    from vbcheck.writers.fix_text import TextTarget

    doc = read("a.txt", "Số: 5/KH-UBND\n".encode())
    p = doc.paragraphs[0]
    t = TextTarget("Số: 7/KH-UBND\n".encode())
    assert t.apply(Fix.safe(Edit.replace(p, 4, 5, "05"))) == "the text at this place has changed"
    assert t.data() == "Số: 7/KH-UBND\n".encode()
    # a Windows-1258 file is written back in Windows-1258; a letter the code page lacks (it
    # writes tone marks apart) is refused, not mangled
    data = _cp1258("Số: 5/KH-UBND\nKế hoạch triển khai công tác năm học mới của trường\n")
    t = TextTarget(data)
    p = read("a.txt", data).paragraphs[0]
    assert t.codec == "cp1258" and p.text == "Số: 5/KH-UBND" and p.column(4) == 6
    assert "cp1258" in t.apply(Fix.safe(Edit.replace(p, 4, 5, "ộ")))
    assert t.apply(Fix.safe(Edit.replace(p, 4, 5, "05"))) is None
    assert t.data() == data.replace(b" 5/", b" 05/")


def _cp1258(text: str) -> bytes:
    """Text as Windows-1258 writes it: shape marks composed (ô, ơ, ă, ư), tone marks apart."""
    import unicodedata

    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in d if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


# --------------------------------------------------------------------------- .docx


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _accepted(data: bytes, author: str | None = None) -> bytes:
    """Our own "Accept All": the package with every tracked change (of `author`) accepted."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as z:
        for info in zin.infolist():
            b = zin.read(info.filename)
            if info.filename in ("word/document.xml", "word/footnotes.xml"):
                root = parse_xml(b, info.filename, keep_comments=True)
                revise.accept_all(root, author)
                b = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            z.writestr(info, b)
    return out.getvalue()


def _texts(path: str, data: bytes) -> list[tuple[int, str]]:
    return [(p.line, p.text) for p in read(path, data).paragraphs]


def test_the_example_fixed_as_tracked_changes_by_vbcheck():
    data = EXAMPLE.read_bytes()
    r = vbcheck.fix(data, name="ke-hoach.docx", date=DATE)
    assert r.error is None and not r.failed and r.fixed == 7
    root = etree.fromstring(_parts(r.data)["word/document.xml"])
    marks = root.findall(f".//{W}ins") + root.findall(f".//{W}del")
    assert marks and all(m.get(f"{W}author") == "vbcheck" and m.get(f"{W}date") == DATE for m in marks)
    ids = [m.get(f"{W}id") for m in marks]
    assert len(ids) == len(set(ids))
    # deleted text is in w:delText, never w:t
    assert all(el.tag != f"{W}t" for d in root.iter(f"{W}del") for el in d.iter())
    # every other part is the input's, byte for byte
    before, after = _parts(data), _parts(r.data)
    assert before.keys() == after.keys()
    assert all(before[n] == after[n] for n in before if n != "word/document.xml")
    # accepting every change gives the text written directly (track=False)
    direct = vbcheck.fix(data, name="ke-hoach.docx", track=False)
    assert not etree.fromstring(_parts(direct.data)["word/document.xml"]).findall(f".//{W}ins")
    assert _texts("a.docx", _accepted(r.data)) == _texts("a.docx", direct.data) == _texts("a.docx", r.data)
    # the fixed copy opens in python-docx, and a second run changes nothing
    import docx

    assert "Số: 05/KH-UBND" in [p.text for c in docx.Document(io.BytesIO(direct.data)).tables[0]._cells
                                for p in c.paragraphs]
    assert vbcheck.fix(r.data, name="ke-hoach.docx", date=DATE).data == r.data
    # what the check finds in the tracked copy: no safe fix, and the tracked changes themselves
    left = {v.code for v in r.remaining}
    assert "VB003" in left and not [v for v in r.remaining if v.fix and v.fix.is_safe]
    assert "VB003" not in {v.code for v in direct.remaining}


def _run_props(data: bytes, text: str) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) of the visible runs of the paragraph holding `text`."""
    root = etree.fromstring(_parts(data)["word/document.xml"])
    for p in root.iter(f"{W}p"):
        pieces = text_pieces(p)
        if text in "".join(pc.text for pc in pieces):
            out = []
            for pc in pieces:
                rpr = pc.run.find(f"{W}rPr")
                b = rpr is not None and rpr.find(f"{W}b") is not None and rpr.find(f"{W}b").get(f"{W}val") != "0"
                i = rpr is not None and rpr.find(f"{W}i") is not None and rpr.find(f"{W}i").get(f"{W}val") != "0"
                out.append((pc.text, b, i))
            return out
    raise AssertionError(text)


def test_an_edit_across_runs_keeps_the_formatting_of_each_run():
    spec = ke_hoach()
    spec.part("tieu_ngu").runs = [R("Độc lập –", bold=True), R(" Tự ", bold=True, italic=True),
                                  R("do –  Hạnh phúc", bold=True)]
    data = build(spec)
    r = vbcheck.fix(data, name="kh.docx", track=False, select=["VB104"])
    assert r.fixed == 1
    runs = _run_props(r.data, "Hạnh phúc")
    assert "".join(t for t, _b, _i in runs) == "Độc lập - Tự do - Hạnh phúc"
    assert ("Tự", True, True) in [(t.strip(), b, i) for t, b, i in runs]  # the italic run kept its look
    assert all(b for _t, b, _i in runs)
    # tracked: only the dashes (and the double space beside one) are deleted and inserted
    r = vbcheck.fix(data, name="kh.docx", select=["VB104"], date=DATE)
    root = etree.fromstring(_parts(r.data)["word/document.xml"])
    assert sorted("".join(d.itertext()) for d in root.iter(f"{W}del")) == ["–", "–  "]
    assert sorted("".join(i.itertext()) for i in root.iter(f"{W}ins")) == ["-", "- "]


def test_a_footnote_reference_inside_an_edit_refuses_it_whole():
    from vbcheck.writers.fix import DocxTarget

    spec = ke_hoach()
    data = build(spec)
    doc = read("kh.docx", data)
    p = next(p for p in doc.paragraphs if p.text.startswith("Độc lập"))
    t = DocxTarget(data, DATE)
    root = t.pkg.roots["word/document.xml"]
    p_el = t.pkg.elements[p.line - 1]
    run = p_el.find(f"{W}r")
    run.append(run.makeelement(f"{W}footnoteReference", {f"{W}id": "1"}))
    run.append(run.makeelement(f"{W}t", {}))
    run[-1].text = " tail"
    t.pkg.paragraphs[p.line - 1].text = "".join(pc.text for pc in text_pieces(p_el)).strip()
    before = etree.tostring(root)
    q = Paragraph(index=0, text=t.pkg.paragraphs[p.line - 1].text, line=p.line, cols=range(200))
    assert q.text == "Độc lập - Tự do - Hạnh phúc tail"
    # "phúc¹ tail" → "X" would delete the reference: refused
    assert "footnoteReference" in t.apply(Fix.safe(Edit.replace(q, 0, len(q.text), "Độc lập - Tự do - Hạnh X")))
    assert etree.tostring(root) == before  # nothing written, not even a split run
    # " tail" alone goes; the reference before it stays
    assert t.apply(Fix.safe(Edit.replace(q, 0, len(q.text), "Độc lập - Tự do - Hạnh phúc"))) is None
    assert len(list(p_el.iter(f"{W}footnoteReference"))) == 1
    assert ["".join(d.itertext()) for d in p_el.iter(f"{W}del")] == [" tail"]


def test_text_pieces_give_the_walkers_text_on_every_corpus_document():
    need_shared()
    docs = corpus_files("docx")
    assert docs
    for path in docs:
        data = path.read_bytes()
        pkg = revise.EditablePackage(data)
        for k, (p_el, para) in enumerate(zip(pkg.elements, pkg.paragraphs)):
            raw = "".join(pc.text for pc in text_pieces(p_el))
            assert revise.ParagraphEditor(p_el, None).text == para.text, (path.name, k + 1, raw[:60])


# --------------------------------------------------------------------------- the promises, on real documents


def _promises(path: Path, unsafe: bool) -> None:
    data = path.read_bytes()
    name = str(path)
    r = fix_data(name, data, Options(), unsafe=unsafe, date=DATE)
    assert r.error is None, r.error
    assert not r.failed, [(f.code, f.line, why) for f, why in r.failed]
    left = [v for v in r.remaining if v.fix is not None and (unsafe or v.fix.is_safe)]
    assert not left, [(v.code, v.line, v.column, v.fix.edits[0]) for v in left]
    again = fix_data(name, r.data, Options(), unsafe=unsafe, date=DATE)
    assert again.data == r.data, [(f.code, f.line) for f in again.applied]
    edited = {e.line for e in r.edits if e.target == "text"}
    before, after = _texts(name, data), _texts(name, r.data)
    assert [ln for ln, _ in before] == [ln for ln, _ in after]
    assert [x for x, y in zip(before, after) if x != y and x[0] not in edited] == []
    if is_docx(name):
        direct = fix_data(name, data, Options(), unsafe=unsafe, track=False)
        # accepting vbcheck's changes gives the package written directly, part for part (both
        # serialised alike: the direct copy has no change of vbcheck's to accept)
        accepted, plain = _parts(_accepted(r.data, "vbcheck")), _parts(_accepted(direct.data, "vbcheck"))
        assert [n for n in plain if accepted[n] != plain[n]] == []
        assert direct.data == fix_data(name, direct.data, Options(), unsafe=unsafe, track=False).data
    else:
        a, b = data.splitlines(keepends=True), r.data.splitlines(keepends=True)
        assert len(a) == len(b)
        assert [k + 1 for k, (x, y) in enumerate(zip(a, b)) if x != y and k + 1 not in edited] == []


def _real_documents() -> list[Path]:
    out = [EXAMPLE, *sorted((ROOT / "rules" / "examples").glob("*.txt")),
           *sorted((ROOT / "rules" / "examples").glob("*.docx"))]
    if SEEDS.is_dir():
        out += sorted(p for p in SEEDS.iterdir() if p.is_file())
    return out + corpus_files("docx") + corpus_files("text")


@pytest.mark.parametrize("path", _real_documents(), ids=lambda p: p.name)
def test_fixing_keeps_its_promises_on_real_documents(path):
    _promises(path, unsafe=False)


def test_unsafe_fixes_keep_the_same_promises():
    need_shared()
    for path in [EXAMPLE, *corpus_files("docx")[:10], *corpus_files("text")[:20]]:
        _promises(path, unsafe=True)


# --------------------------------------------------------------------------- LibreOffice


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def test_a_fixed_docx_opens_in_libreoffice(tmp_path):
    soffice = _soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed (.ci/install-libreoffice.sh installs it)")
    r = vbcheck.fix(EXAMPLE.read_bytes(), name="ke-hoach.docx", date=DATE)
    src = tmp_path / "fixed.docx"
    src.write_bytes(r.data)
    profile = tmp_path / "profile"
    run = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                          "--outdir", str(tmp_path), str(src)], capture_output=True, text=True, timeout=300)
    pdf = tmp_path / "fixed.pdf"
    assert run.returncode == 0 and pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), run.stderr


# LibreOffice's "Accept All" (.uno:AcceptAllTrackedChanges) run by a Basic macro in a profile of
# the test's own, then the document saved as UTF-8 text.
_ACCEPT_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub AcceptAll(src As String, dst As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), &quot;_blank&quot;, 0, args())
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  helper.executeDispatch(doc.getCurrentController().getFrame(), &quot;.uno:AcceptAllTrackedChanges&quot;, &quot;&quot;, 0, Array())
  Dim out(1) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot;
  out(0).Value = &quot;Text (encoded)&quot;
  out(1).Name = &quot;FilterOptions&quot;
  out(1).Value = &quot;UTF8&quot;
  doc.storeToURL(ConvertToURL(dst), out())
  doc.close(True)
End Sub
</script:module>
"""


def test_libreoffice_accepting_every_change_gives_the_direct_text(tmp_path):
    soffice = _soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed (.ci/install-libreoffice.sh installs it)")
    profile = tmp_path / "profile"
    env = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    subprocess.run([*env, "--terminate_after_init"], capture_output=True, timeout=300)
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    if not module.is_file():
        pytest.skip("LibreOffice made no Basic library in its profile")
    module.write_text(_ACCEPT_MACRO, encoding="utf-8")
    data = EXAMPLE.read_bytes()
    tracked, direct = tmp_path / "tracked.docx", tmp_path / "direct.docx"
    tracked.write_bytes(vbcheck.fix(data, name="kh.docx", date=DATE).data)
    direct.write_bytes(vbcheck.fix(data, name="kh.docx", track=False).data)
    accepted = tmp_path / "accepted.txt"
    run = subprocess.run([*env, f'macro:///Standard.Module1.AcceptAll("{tracked}","{accepted}")'],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and accepted.is_file(), run.stderr
    run = subprocess.run([*env, "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp_path), str(direct)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    got = accepted.read_text(encoding="utf-8-sig")
    assert got == (tmp_path / "direct.txt").read_text(encoding="utf-8-sig")
    assert "Số: 05/KH-UBND" in got and "–" not in got and "Phong trào./." in got


# --------------------------------------------------------------------------- the library


def test_fix_takes_a_path_bytes_or_text_and_never_writes(tmp_path):
    src = tmp_path / "kh.txt"
    src.write_bytes(DRAFT.encode())
    r = vbcheck.fix(src)
    assert r.data == FIXED.encode() and src.read_bytes() == DRAFT.encode()
    assert r.path == str(src) and r.changed and r.fixed == len(r.applied) == 9
    assert [e.new for e in r.edits][:2] == ["05", "Độc lập - Tự do - Hạnh phúc"]
    assert vbcheck.fix(DRAFT.encode(), name="kh.txt").data == FIXED.encode()
    with pytest.raises(TypeError):
        vbcheck.fix(12)
    with pytest.raises(TypeError):
        vbcheck.fix(DRAFT.encode(), name="kh.txt", track="no")
    assert "\n-Số: 5/KH-UBND\r\n+Số: 05/KH-UBND\r\n" in r.diff()
    assert r.diff().startswith(f"--- {src}\n+++ {src}\n")
    # selection as for checking
    only = vbcheck.fix(DRAFT.encode(), name="kh.txt", select=["VB107"])
    assert [f.code for f in only.applied] == ["VB107"]
    bad = vbcheck.fix(b"PK\x03\x04 not a zip", name="x.docx")
    assert bad.error and bad.data == bad.original and bad.result is None
    missing = vbcheck.fix(tmp_path / "nope.txt")
    assert "không tìm thấy" in missing.error


# --------------------------------------------------------------------------- the command line


def _cli(*args, cwd):
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if k != "VBCHECK_LOAD_PLUGINS"}
    env["VBCHECK_LOAD_PLUGINS"] = ""
    return subprocess.run([sys.executable, "-m", "vbcheck", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=300)


def test_cli_fixes_a_text_file_in_place_and_reports_what_remains(tmp_path):
    draft, fixed = (x.replace("cán bộ, công chức", "CBCCVC") for x in (DRAFT, FIXED))
    (tmp_path / "kh.txt").write_bytes(draft.encode())
    r = _cli("fix", "--diff", "kh.txt", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "\n-Số: 5/KH-UBND\n+Số: 05/KH-UBND\n" in r.stdout and r.stderr == "Sẽ sửa 9, còn 1.\n"
    assert (tmp_path / "kh.txt").read_bytes() == draft.encode()  # --diff writes nothing
    r = _cli("fix", "kh.txt", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "kh.txt").read_bytes() == fixed.encode()
    assert r.stdout.startswith("kh.txt: đã sửa 9\n") and r.stdout.rstrip().endswith("Đã sửa 9, còn 1.")
    assert "VB201" in r.stdout  # what no fix can settle is reported as a check reports it
    assert [p.name for p in tmp_path.iterdir()] == ["kh.txt"]  # no temporary file left
    r = _cli("fix", "kh.txt", "--lang", "en", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.rstrip().endswith("Fixed 0, 1 remaining.")


def test_cli_writes_a_docx_copy_and_never_the_input_unless_asked(tmp_path):
    src = tmp_path / "kh.docx"
    src.write_bytes(EXAMPLE.read_bytes())
    r = _cli("fix", "kh.docx", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert src.read_bytes() == EXAMPLE.read_bytes()
    copy_ = tmp_path / "kh.fixed.docx"
    assert copy_.is_file() and "kh.docx: đã sửa 7 → kh.fixed.docx" in r.stdout
    assert "kh.fixed.docx:3:1: VB003" in r.stdout  # the tracked changes themselves, for the clerk
    # an existing copy is kept unless --force
    r = _cli("fix", "kh.docx", cwd=tmp_path)
    assert r.returncode == 2 and "--force" in r.stderr
    r = _cli("fix", "kh.docx", "--force", "--no-track", "--select", "VB107", cwd=tmp_path)
    assert r.returncode == 0 and "đã sửa 1" in r.stdout
    assert not etree.fromstring(_parts(copy_.read_bytes())["word/document.xml"]).findall(f".//{W}ins")
    r = _cli("fix", "kh.docx", "-o", "out/x.docx", cwd=tmp_path)
    assert r.returncode == 2 and "folder does not exist" in r.stderr
    r = _cli("fix", "kh.docx", "--in-place", cwd=tmp_path)
    assert r.returncode == 0 and src.read_bytes() != EXAMPLE.read_bytes()
    assert "Số: 05/KH-UBND" in [t for _ln, t in _texts("kh.docx", src.read_bytes())]
    # a folder: the copies an earlier run wrote are not fixed again; unreadable input exits 2
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 broken")
    r = _cli("fix", "--diff", ".", cwd=tmp_path)
    assert r.returncode == 2 and "fixed.docx" not in r.stdout + r.stderr
    assert "vbcheck: ./bad.docx: tệp .docx hỏng" in r.stderr


def test_an_interrupted_write_leaves_the_input_as_it_was(tmp_path, monkeypatch):
    import os

    from vbcheck.engine import files as writer

    src = tmp_path / "kh.txt"
    src.write_bytes(DRAFT.encode())
    src.chmod(0o640)

    def boom(a, b):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        writer.write_atomic(str(src), FIXED.encode())
    assert src.read_bytes() == DRAFT.encode() and [p.name for p in tmp_path.iterdir()] == ["kh.txt"]
    monkeypatch.undo()
    writer.write_atomic(str(src), FIXED.encode())
    assert src.read_bytes() == FIXED.encode() and (src.stat().st_mode & 0o777) == 0o640
    # a symbolic link stays a link; its target gets the data
    link = tmp_path / "link.txt"
    link.symlink_to(src)
    writer.write_atomic(str(link), DRAFT.encode())
    assert link.is_symlink() and src.read_bytes() == DRAFT.encode()


# --------------------------------------------------------------------------- everywhere findings go


def test_sarif_carries_fixes_that_validate():
    import jsonschema

    from vbcheck.reporters import render

    report = vbcheck.check(str(EXAMPLE))
    doc = json.loads(render("sarif", report, "vi"))
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(doc)
    results = doc["runs"][0]["results"]
    by_rule = {r["ruleId"]: r for r in results}
    fix = by_rule["VB107"]["fixes"][0]
    assert fix["properties"] == {"applicability": "safe"} and fix["description"]["text"] == '"5" → "05"'
    change = fix["artifactChanges"][0]
    assert change["artifactLocation"]["uri"].endswith("examples/ke-hoach-du-thao.docx")
    assert change["replacements"] == [{"deletedRegion": {"startLine": 3, "startColumn": 5, "endLine": 3,
                                                         "endColumn": 6}, "insertedContent": {"text": "05"}}]
    assert "fixes" not in by_rule["VB201"]


def test_the_html_report_shows_the_proposed_text():
    from vbcheck.reporters import render

    html = render("html", vbcheck.check(str(EXAMPLE), keep_text=True), "vi")
    assert ('<span class="fix">Đề xuất sửa (an toàn: vbcheck fix): <q>&quot;5&quot; → &quot;05&quot;</q></span>'
            in html)
    assert html.count('<span class="fix">') == sum(1 for v in vbcheck.check(str(EXAMPLE)).files[0].violations if v.fix)
    en = render("html", vbcheck.check(str(EXAMPLE), keep_text=True, lang="en"), "en")
    assert "Proposed fix (safe: vbcheck fix)" in en


def test_annotate_can_add_the_proposed_text_to_each_comment(tmp_path):
    import docx

    from vbcheck.writers.annotate import annotate

    out = tmp_path / "a.docx"
    annotate(str(EXAMPLE), str(out), options=Options(), fixes=True)
    texts = [c.text for c in docx.Document(str(out)).comments]
    assert any(t.startswith("VB107 ") and t.endswith('\nĐề xuất sửa (an toàn): "5" → "05"') for t in texts)
    assert any(t.startswith("VB201 ") and "Đề xuất" not in t for t in texts)  # no fix, nothing added
    plain = tmp_path / "b.docx"
    annotate(str(EXAMPLE), str(plain), options=Options())
    assert not any("Đề xuất" in c.text for c in docx.Document(str(plain)).comments)


# --------------------------------------------------------------------------- formatting fixes


def test_formatting_fixes_are_unsafe_tracked_property_changes():
    spec = ke_hoach()
    body = spec.part("body2")
    body.runs = [R(body.runs[0].text[:40], font="Arial"), R(body.runs[0].text[40:], size=12)]
    spec.margins = dict(spec.margins, left=1000, top=700)  # 17.6 mm and 12.3 mm
    spec.page = (12240, 15840)  # Letter
    long_ = spec.part("body1")
    long_.jc, long_.first_line = "left", 0
    spec.part("sig_name").runs[0].bold = False
    spec.part("body3").runs[0].color = "C00000"
    data = build(spec)
    codes = ("VB301", "VB302", "VB303", "VB304", "VB305", "VB306", "VB308")
    found = {v.code: v for v in vbcheck.check(data, name="kh.docx").files[0].violations}
    assert set(codes) <= set(found)
    assert all(found[c].fix is not None and not found[c].fix.is_safe for c in codes)
    assert not vbcheck.fix(data, name="kh.docx", select=["VB3"]).changed  # safe fixes only: none here
    r = vbcheck.fix(data, name="kh.docx", select=["VB3"], unsafe_fixes=True, date=DATE)
    assert r.error is None and not r.failed
    assert set(codes).isdisjoint({v.code for v in r.remaining})
    root = etree.fromstring(_parts(r.data)["word/document.xml"])
    changes = root.findall(f".//{W}rPrChange")
    assert changes and all(c.get(f"{W}author") == "vbcheck" and c.get(f"{W}date") == DATE for c in changes)
    # the record holds the run's properties before the change: Arial, 12 pt
    olds = [c.find(f"{W}rPr") for c in changes]
    assert any(o.find(f"{W}rFonts") is not None and o.find(f"{W}rFonts").get(f"{W}ascii") == "Arial" for o in olds)
    assert any(o.find(f"{W}sz") is not None and o.find(f"{W}sz").get(f"{W}val") == "24" for o in olds)
    sect = root.find(f"{W}body/{W}sectPr")
    record = sect.find(f"{W}sectPrChange/{W}sectPr")
    assert record.find(f"{W}pgSz").get(f"{W}w") == "12240" and record.find(f"{W}pgMar").get(f"{W}left") == "1000"
    assert record.find(f"{W}headerReference") is None  # CT_SectPrBase holds no references
    assert (sect.find(f"{W}pgSz").get(f"{W}w"), sect.find(f"{W}pgSz").get(f"{W}h")) == ("11906", "16838")
    assert sect.find(f"{W}pgMar").get(f"{W}left") == "1701" and sect.find(f"{W}pgMar").get(f"{W}top") == "1134"
    # a paragraph's layout: w:pPrChange holds the old w:pPr (without its w:rPr or w:sectPr)
    p_changes = root.findall(f".//{W}pPrChange")
    assert len(p_changes) == 1 and p_changes[0].get(f"{W}author") == "vbcheck"
    old = p_changes[0].find(f"{W}pPr")
    assert old.find(f"{W}jc").get(f"{W}val") == "left" and old.find(f"{W}ind").get(f"{W}firstLine") == "0"
    ppr = p_changes[0].getparent()
    assert ppr.find(f"{W}jc").get(f"{W}val") == "both" and ppr.find(f"{W}ind").get(f"{W}firstLine") == "567"
    assert list(ppr)[-1] is p_changes[0]  # last, as the schema wants
    # the text is the same, the formatting is what the regulation asks
    assert _texts("kh.docx", r.data) == _texts("kh.docx", data)
    runs = [pc.run for pc in text_pieces(next(p for p in root.iter(f"{W}p")
                                               if "".join(pc.text for pc in text_pieces(p)).startswith(body.runs[0].text[:20])))]
    sizes = {r.find(f"{W}rPr/{W}sz").get(f"{W}val") for r in runs if r.find(f"{W}rPr/{W}sz") is not None}
    assert sizes <= {"26", "28"}


# --------------------------------------------------------------------------- each rule's fix restores the model


def _base(name: str) -> str:
    from vbcheck.catalogue import loader as packs

    return packs.example_base(name)


# (rule, base, compliant text, the same text broken, applicability): fixing the broken base with
# that rule's fix gives back the compliant base, byte for byte.
RESTORES = [
    ("VB107", "ke-hoach", "Số: 15/KH-SNV", "Số 15/KH-SNV", "safe"),
    ("VB107", "ke-hoach", "Số: 15/KH-SNV", "Số: 15 / KH - SNV", "safe"),
    ("VB107", "ke-hoach", "Số: 15/KH-SNV", "Số: 015/KH-SNV", "safe"),
    ("VB107", "ke-hoach", "Số: 15/KH-SNV", "Số: 15/KH-Snv", "unsafe"),
    ("VB107", "dang", "Số 12-KH/TU", "Số: 12-KH/TU", "safe"),
    ("VB111", "ke-hoach", "Lâm Đồng, ngày 05 tháng 3", "Lâm Đồng ngày 5 tháng 3", "safe"),
    ("VB111", "ke-hoach", "ngày 05 tháng 3 năm 2026\n", "ngày 05 tháng 03 năm 2026\n", "safe"),
    ("VB102", "ke-hoach", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Cộng hòa xã hội chủ nghĩa Việt Nam", "safe"),
    ("VB102", "ke-hoach", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT", "safe"),
    ("VB104", "ke-hoach", "Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc.", "safe"),
    ("VB116", "ke-hoach", "30/11/2026./.", "30/11/2026.", "safe"),
    ("VB116", "ke-hoach", "30/11/2026./.", "30/11/2026", "safe"),
    ("VB119", "ke-hoach", "KT. GIÁM ĐỐC", "KT GIÁM ĐỐC", "safe"),
    ("VB119", "ke-hoach", "KT. GIÁM ĐỐC", "K.T. GIÁM ĐỐC", "safe"),
    ("VB119", "dang", "T/M BAN THƯỜNG VỤ", "TM. BAN THƯỜNG VỤ", "safe"),
    ("VB122", "ke-hoach", "Nơi nhận:", "NƠI NHẬN", "safe"),
    ("VB122", "ke-hoach", "- UBND tỉnh (để báo cáo);", "- UBND tỉnh (để báo cáo)", "safe"),
    ("VB122", "ke-hoach", "- UBND tỉnh (để báo cáo);", "+ UBND tỉnh (để báo cáo);", "safe"),
    ("VB122", "ke-hoach", "- Các phòng, đơn vị thuộc Sở;", "- Các phòng, đơn vị thuộc Sở.", "safe"),
    ("VB122", "ke-hoach", "- Lưu: VT, VP.", "- Lưu VT; VP", "safe"),
    ("VB122", "ke-hoach", "- Lưu: VT, VP.", "- Lưu: VT,VP", "safe"),
    ("VB207", "ke-hoach", "hiệu quả, tiết kiệm", "hiệu quả , tiết kiệm", "safe"),
    ("VB207", "ke-hoach", "hiệu quả, tiết kiệm", "hiệu quả,tiết kiệm", "safe"),
    ("VB207", "ke-hoach", "thuộc Sở triển khai", "thuộc Sở  triển khai", "safe"),
    ("VB206", "ke-hoach", "Phòng Văn hóa và Phòng Y tế. Sở Văn hóa, Sở Hòa Bình.",
     "Phòng Văn hoá và Phòng Y tế. Sở Văn hóa, Sở Hòa Bình.", "safe"),
    ("VB205", "ke-hoach", "về Văn phòng Sở trước", "về Văn Phòng Sở trước", "unsafe"),
    ("VB124", "cong-van", "V/v triển khai", "V/V triển khai", "safe"),
    ("VB124", "cong-van", "V/v triển khai", "V/v: triển khai", "safe"),
    ("VB124", "cong-van", "hành chính năm 2026\n", "hành chính năm 2026.\n", "safe"),
    ("VB124", "quyet-dinh", "Về việc thành lập", "V/v thành lập", "safe"),
    ("VB125", "ke-hoach", "Tuyên truyền cải cách hành chính năm 2026\n",
     "Tuyên truyền cải cách hành chính năm 2026.\n", "safe"),
    ("VB125", "ke-hoach", "Tuyên truyền cải cách", "tuyên truyền cải cách", "safe"),
    ("VB125", "dang", "triển khai học tập", "Triển khai học tập", "safe"),
    ("VB126", "cong-van", "Kính gửi:\n- Các sở", "Kính gửi\n- Các sở", "safe"),
    ("VB126", "cong-van", "Kính gửi:\n- Các sở", "KÍNH GỬI:\n- Các sở", "safe"),
    ("VB126", "cong-van", "- Các sở, ban, ngành tỉnh;", "- Các sở, ban, ngành tỉnh,", "safe"),
    ("VB126", "cong-van", "- Ủy ban nhân dân các xã, phường.", "- Ủy ban nhân dân các xã, phường", "safe"),
    ("VB126", "cong-van", "- Các sở, ban, ngành tỉnh;", "+ Các sở, ban, ngành tỉnh;", "safe"),
    ("VB131", "sao-y", "SAO Y\n", "Sao y\n", "safe"),
]


# (rule, base, text found in the base, what an example puts there, what the fix makes of it):
# the fix of an edit that also adds lines (a mark, a chapter) corrects the part it names.
FIXES_TO = [
    ("VB127", "quyet-dinh", "năm 2025;\nCăn cứ", "năm 2025\nCăn cứ", "năm 2025;\nCăn cứ", "safe"),
    ("VB127", "quyet-dinh", "năm 2025;\nCăn cứ", "năm 2025,\nCăn cứ", "năm 2025;\nCăn cứ", "safe"),
    ("VB128", "quyet-dinh", "Điều 1. Thành lập", "Chương 1\nQUY ĐỊNH CHUNG\nĐiều 1. Thành lập",
     "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Thành lập", "safe"),
    ("VB128", "quyet-dinh", "Điều 1. Thành lập", "CHƯƠNG I\nQUY ĐỊNH CHUNG\nĐiều 1. Thành lập",
     "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Thành lập", "safe"),
    ("VB128", "quyet-dinh", "Điều 1. Thành lập", "ĐIỀU 1: Thành lập", "Điều 1. Thành lập", "safe"),
    ("VB129", "ke-hoach", "Số: 15/KH-SNV\n", "Số: 15/KH-SNV\nKhẩn\n", "Số: 15/KH-SNV\nKHẨN\n", "safe"),
    ("VB129", "ke-hoach", "Số: 15/KH-SNV\n", "Số: 15/KH-SNV\nMật\n", "Số: 15/KH-SNV\nMẬT\n", "safe"),
    ("VB129", "ke-hoach", "Số: 15/KH-SNV\n", "Số: 15/KH-SNV\nHỎA TỐC HẸN GIỜ\n", "Số: 15/KH-SNV\nHỎA TỐC\n",
     "unsafe"),
    ("VB131", "sao-y", "SAO Y\n", "SAO Y BẢN CHÍNH\n", "SAO Y\n", "safe"),
]


@pytest.mark.parametrize("code,base,find,bad,fixed,applicability", FIXES_TO,
                         ids=[f"{c}:{b[-24:]}" for c, _base_, _f, b, _x, _a in FIXES_TO])
def test_each_fix_corrects_the_part_it_names(code, base, find, bad, fixed, applicability):
    text = _base(base)
    assert find in text
    broken = text.replace(find, bad, 1)
    found = [v for v in vbcheck.check_text(broken, name="a.txt").files[0].violations if v.code == code]
    assert found and {v.fix.applicability for v in found if v.fix} == {applicability}
    r = vbcheck.fix(broken.encode(), name="a.txt", select=[code], unsafe_fixes=applicability == "unsafe")
    assert r.data.decode() == text.replace(find, fixed, 1)


@pytest.mark.parametrize("code,base,good,bad,applicability", RESTORES,
                         ids=[f"{c}:{b[:18]}" for c, _base_, _g, b, _a in RESTORES])
def test_each_fix_restores_the_model_text(code, base, good, bad, applicability):
    text = _base(base)
    if code == "VB206":  # the base has no word of the kind: add a paragraph that has several
        text = text.replace("2. Bảo đảm thiết thực", f"2. {good} Bảo đảm thiết thực")
    if code == "VB205":  # a majority to follow: the name written the same way once more
        text = text.replace("2. Bảo đảm thiết thực", "2. Gửi Văn phòng Sở trước ngày 15. Bảo đảm thiết thực")
    assert good in text
    broken = text.replace(good, bad, 1)
    assert code not in {v.code for v in vbcheck.check_text(text, name="a.txt").files[0].violations}
    found = [v for v in vbcheck.check_text(broken, name="a.txt").files[0].violations if v.code == code]
    assert found and all(v.fix is not None for v in found), [(v.message, v.fix) for v in found]
    assert {v.fix.applicability for v in found} == {applicability}
    r = vbcheck.fix(broken.encode(), name="a.txt", select=[code], unsafe_fixes=applicability == "unsafe")
    assert r.data.decode() == text
    assert code not in {v.code for v in r.remaining}


def test_an_appendix_renumbered_with_its_references():
    text = _base("ke-hoach-phu-luc")
    broken = text.replace("Phụ lục II", "Phụ lục 2")
    assert broken.count("Phụ lục 2") == 2
    r = vbcheck.fix(broken.encode(), name="a.txt", select=["VB130"])
    assert r.data.decode() == text and [f.fix.edits[0].new for f in r.applied] == ["II"]
    assert len(r.applied[0].fix.edits) == 2  # the label and the body's reference


def test_legacy_tcvn3_runs_become_unicode_in_times_new_roman():
    """VB001's unsafe fix: a run in .VnTime holding TCVN3 bytes is read with the TCVN3 table and
    set in Times New Roman (the run's other properties kept)."""
    from vbcheck.text.legacy import decode_tcvn3

    spec = ke_hoach()
    legacy = "Uû ban nh©n d©n tØnh ®· ban hµnh kÕ ho¹ch"
    body = spec.part("body2")
    body.runs = [R("1. ", size=14), R(legacy, size=14, font=".VnTime", bold=True)]
    data = build(spec)
    v = next(v for v in vbcheck.check(data, name="kh.docx").files[0].violations if v.code == "VB001")
    assert v.fix is not None and not v.fix.is_safe
    assert not vbcheck.fix(data, name="kh.docx", select=["VB001"]).changed  # unsafe only
    r = vbcheck.fix(data, name="kh.docx", select=["VB001"], unsafe_fixes=True, track=False)
    reading = unicodedata.normalize("NFC", decode_tcvn3(legacy))
    assert reading.startswith("Uỷ ban nhân dân tỉnh đã ban hành")
    assert f"1. {reading}" in [t for _ln, t in _texts("kh.docx", r.data)]
    runs = _run_props(r.data, reading[:10])
    assert ("1. ", False, False) in runs and (reading, True, False) in runs  # bold kept
    root = etree.fromstring(_parts(r.data)["word/document.xml"])
    fonts = {f.get(f"{W}ascii") for f in root.iter(f"{W}rFonts")}
    assert ".VnTime" not in fonts and "Times New Roman" in fonts
    assert "VB001" not in {x.code for x in r.remaining}


def test_the_catalogue_says_which_fixes_each_rule_has():
    """`fix` in a rule's catalogue entry lists the applicabilities its findings' fixes have:
    every fix seen on the real documents and the cases above is of a kind its rule declares, and
    every kind a rule declares is seen. `vbcheck rule` and SARIF say it."""
    need_shared()  # some kinds are seen only on corpus documents
    from vbcheck.catalogue.explain import explain
    from vbcheck.catalogue.loader import catalogue

    rules = catalogue()
    seen: dict[str, set[str]] = {}
    texts = [(_base(b).replace(g, x, 1), "a.txt") for _c, b, g, x, _a in RESTORES]
    texts += [(_base(b).replace(f, x, 1), "a.txt") for _c, b, f, x, _y, _a in FIXES_TO]
    texts.append((_base("ke-hoach-phu-luc").replace("Phụ lục II", "Phụ lục 2"), "a.txt"))
    # an item without its dash: unsafe (Word may number the list)
    texts.append((_base("ke-hoach").replace("- Các phòng, đơn vị", "Các phòng, đơn vị"), "a.txt"))
    for text, name in texts:
        for v in vbcheck.check_text(text, name=name).files[0].violations:
            if v.fix is not None:
                seen.setdefault(v.code, set()).add(v.fix.applicability)
    docs = [p for p in _real_documents() if p.suffix == ".docx"][:12]
    for path in docs:
        for v in vbcheck.check(path).files[0].violations:
            if v.fix is not None:
                seen.setdefault(v.code, set()).add(v.fix.applicability)
    for code, kinds in seen.items():
        assert kinds <= set(rules[code].fix), (code, kinds, rules[code].fix)
    declared = {c: set(r.fix) for c, r in rules.items() if r.fix}
    unseen = {c: k - seen.get(c, set()) for c, k in declared.items() if k - seen.get(c, set())}
    # shown by their own tests above (a legacy font, the paper, the formatting test's bold and colour)
    assert set(unseen) <= {"VB001", "VB301", "VB305", "VB308"}, unseen
    assert "Sửa tự động: vbcheck fix (an toàn)" in explain(rules["VB116"], "vi")
    assert "Fix: vbcheck fix --unsafe-fixes (to review)" in explain(rules["VB303"], "en")
    assert "Sửa tự động" not in explain(rules["VB201"], "vi")


def test_a_fix_with_several_edits_in_one_paragraph_is_written_whole():
    """VB001 converts every legacy run of a paragraph in one fix; each run keeps its look."""
    from vbcheck.text.legacy import decode_tcvn3

    spec = ke_hoach()
    parts = ["Uû ban nh©n d©n ", "tØnh ", "®· ban hµnh kÕ ho¹ch"]
    spec.part("body2").runs = [R(parts[0], font=".VnTime"), R(parts[1], font=".VnTime", italic=True),
                               R(parts[2], font=".VnTime", bold=True)]
    data = build(spec)
    for track in (True, False):
        r = vbcheck.fix(data, name="kh.docx", select=["VB001"], unsafe_fixes=True, track=track, date=DATE)
        assert r.fixed == 1 and not r.failed, r.failed
        assert len(r.applied[0].fix.edits) == 3
        want = [unicodedata.normalize("NFC", decode_tcvn3(x)) for x in parts]
        assert "".join(want).strip() in [t for _ln, t in _texts("kh.docx", r.data)]
        runs = [(t, b, i) for t, b, i in _run_props(_accepted(r.data) if track else r.data, want[2][:6])]
        assert runs == [(want[0], False, False), (want[1], False, True), (want[2], True, False)]


def test_the_diff_says_the_formatting_it_cannot_show(tmp_path):
    spec = ke_hoach()
    spec.part("body2").runs[0].font = "Arial"
    (tmp_path / "kh.docx").write_bytes(build(spec))
    r = _cli("fix", "--diff", "--unsafe-fixes", "--select", "VB303", "kh.docx", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout == ""  # the text does not change
    line = spec.line_of("body2")
    assert f"kh.docx:{line}:1: VB303 sẽ định dạng: phông chữ: Times New Roman\n" in r.stderr
    assert r.stderr.endswith("Sẽ sửa 1, còn 0.\n")
