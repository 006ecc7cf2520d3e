"""`vbcheck annotate`: a copy of the .docx with one Word comment per finding.

python-docx opens every copy (the built fixtures and all of corpus/docx); LibreOffice, when
installed, converts two of them (one fixture, one real document) and keeps every comment —
LibreOffice is slow to start, so the "opens everywhere" check over the whole corpus uses
python-docx and LibreOffice is run on a handful only. Without LibreOffice that test skips and
says why (CI installs it with .ci/install-libreoffice.sh where apt is available)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import unicodedata
import zipfile

import pytest
from click.testing import CliRunner
from lxml import etree

import vbcheck
from vbcheck.cli import main
from vbcheck.engine import Options
from vbcheck.writers import annotate as A

from . import docx_factory as F
from .conftest import corpus_files

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

docx = pytest.importorskip("docx", reason="python-docx (vbcheck[docx]) is needed to annotate")


def broken() -> F.Spec:
    """A kế hoạch with four formatting findings, one spanning three paragraphs."""
    spec = F.ke_hoach()
    spec.margins = {**spec.margins, "left": 1418}
    spec.part("quoc_hieu").runs[0].size = 14
    spec.default_size = 12
    spec.part("body2").runs[0].color = "FF0000"
    return spec


def comments_of(path) -> list[tuple[str, str]]:
    """(id, text) of the comments vbcheck wrote, in creation order."""
    d = docx.Document(str(path))
    return [(str(c.comment_id), c.text) for c in d.comments if c.author == "vbcheck"]


def anchored_text(path) -> dict[str, str]:
    """Comment id -> the text between its range start and end (NFC, spaces folded)."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    open_ids: set[str] = set()
    acc: dict[str, str] = {}
    for el in root.iter():
        if el.tag == f"{W}commentRangeStart":
            open_ids.add(el.get(f"{W}id"))
            acc[el.get(f"{W}id")] = ""
        elif el.tag == f"{W}commentRangeEnd":
            open_ids.discard(el.get(f"{W}id"))
        elif el.tag == f"{W}t":
            for i in open_ids:
                acc[i] += el.text or ""
    return {k: unicodedata.normalize("NFC", " ".join(v.split())) for k, v in acc.items()}


def footnote_paragraphs(src) -> set[int]:
    """Indices of the footnote paragraphs of a .docx as vbcheck reads it."""
    from vbcheck.engine.run import read

    doc = read(str(src), open(src, "rb").read())
    return {p.index for p in doc.paragraphs if p.kind == "footnote"}


def assert_matches_findings(src, out, violations) -> None:
    """One comment per finding, same order and text, each anchored on the finding's text (a
    finding in a footnote: on the paragraph holding the footnote reference, where Word and
    LibreOffice show comments; its text is not there)."""
    got = comments_of(out)
    assert [t for _i, t in got] == [f"{v.code} {v.message}" for v in violations]
    anchors = anchored_text(out)
    notes = footnote_paragraphs(src) if str(src).endswith(".docx") else set()
    for (cid, _t), v in zip(got, violations):
        assert cid in anchors, f"comment {cid} has no range"
        if v.paragraph in notes:
            assert anchors[cid], (v.code, v.line)
            continue
        want = unicodedata.normalize("NFC", " ".join(v.text.split()))
        assert want in anchors[cid], (v.code, v.line, want, anchors[cid])


def sha(path) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


# --------------------------------------------------------------------------- fixtures


def test_annotated_copy_has_one_comment_per_finding(tmp_path):
    src = tmp_path / "ke-hoach.docx"
    src.write_bytes(F.build(broken()))
    before = sha(src)
    result, out, n = A.annotate(str(src))
    assert out == str(tmp_path / "ke-hoach.vbcheck.docx") and n == len(result.violations) == 4
    assert sha(src) == before
    assert_matches_findings(src, out, result.violations)
    # The spanning finding (body in 12 pt, paragraphs body1..body3) covers all three.
    body = anchored_text(out)[comments_of(out)[[v.code for v in result.violations].index("VB304", 2)][0]]
    assert body.startswith("Thực hiện Kế hoạch") and body.endswith("để tổng hợp./.")
    assert not [f for f in os.listdir(tmp_path) if f.endswith(".tmp")]


def test_cli_matches_json_findings_and_keeps_input(tmp_path):
    src = tmp_path / "d.docx"
    src.write_bytes(F.build(broken()))
    before = sha(src)
    runner = CliRunner()
    js = json.loads(runner.invoke(main, ["--format", "json", str(src)]).output)
    out = tmp_path / "out.docx"
    r = runner.invoke(main, ["annotate", str(src), "-o", str(out)])
    assert r.exit_code == 0, r.output
    want = [f"{v['code']} {v['message']}" for v in js["files"][0]["violations"]]
    assert [t for _i, t in comments_of(out)] == want
    assert sha(src) == before


def test_refuses_to_overwrite_unless_forced(tmp_path):
    src = tmp_path / "d.docx"
    src.write_bytes(F.build(broken()))
    out = tmp_path / "d.vbcheck.docx"
    out.write_bytes(b"keep me")
    runner = CliRunner()
    r = runner.invoke(main, ["annotate", str(src)])
    assert r.exit_code == 2 and "--force" in r.output
    assert out.read_bytes() == b"keep me"
    r = runner.invoke(main, ["annotate", str(src), "--force"])
    assert r.exit_code == 0, r.output
    assert len(comments_of(out)) == 4


def test_never_writes_over_the_input(tmp_path):
    src = tmp_path / "d.docx"
    src.write_bytes(F.build(broken()))
    before = sha(src)
    r = CliRunner().invoke(main, ["annotate", str(src), "-o", str(src), "--force"])
    assert r.exit_code == 2
    assert sha(src) == before


def test_not_a_docx_and_unreadable_input(tmp_path):
    txt = tmp_path / "a.txt"
    txt.write_text("Số: 15/KH-UBND\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["annotate", str(txt)])
    assert r.exit_code == 2 and ".docx" in r.output
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really")
    r = CliRunner().invoke(main, ["annotate", str(bad)])
    assert r.exit_code == 2 and not (tmp_path / "bad.vbcheck.docx").exists()


def test_options_are_honoured(tmp_path):
    src = tmp_path / "d.docx"
    src.write_bytes(F.build(broken()))
    r = CliRunner().invoke(main, ["annotate", str(src), "--select", "VB302", "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert [t for _i, t in comments_of(tmp_path / "d.vbcheck.docx")] == [
        "VB302 Left margin 25 mm; expected 30–35 mm [NĐ 30, PL I, mục I.3; HD 36, mục II.4.3]"]


def test_missing_python_docx_says_how_to_install(tmp_path, monkeypatch):
    src = tmp_path / "d.docx"
    src.write_bytes(F.build(broken()))
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx -> ImportError
    with pytest.raises(A.AnnotateError) as e:
        A.annotate(str(src))
    assert "pip install python-docx" in str(e.value)  # a broken install: python-docx is a dependency
    assert not (tmp_path / "d.vbcheck.docx").exists()


def test_text_box_and_footnote_findings_anchor_to_their_host(tmp_path):
    spec = F.ke_hoach()
    box = ('<w:p><w:r><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
           'wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
           '<a:graphicData><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
           '<wps:txbx><w:txbxContent><w:p><w:r><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr>'
           '<w:t>KHẨN</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>'
           '</wp:anchor></w:drawing></w:r><w:r><w:t>Văn bản có dấu khẩn</w:t></w:r>'
           '<w:r><w:footnoteReference w:id="1"/></w:r></w:p>')
    spec.blocks.insert(-1, F.Raw(box, "box", ("Văn bản có dấu khẩn", "KHẨN")))
    spec.footnotes = ('<w:footnote w:id="1"><w:p><w:r><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>'
                      '</w:rPr><w:t>UBND - Ủy ban nhân dân</w:t></w:r></w:p></w:footnote>')
    src = tmp_path / "box.docx"
    src.write_bytes(F.build(spec))
    result, out, n = A.annotate(str(src), options=Options(select=("VB303",)))
    assert [v.code for v in result.violations] == ["VB303", "VB303"] and n == 2
    got = comments_of(out)
    assert len(got) == 2
    anchors = anchored_text(out)
    # The box: the run of the body paragraph that holds it (its text is the box's); the
    # footnote: the paragraph that holds the reference.
    assert [anchors[cid] for cid, _t in got] == ["KHẨN", "Văn bản có dấu khẩn"]
    # Ranges stay in the body paragraph: none inside the text box or the footnote.
    with zipfile.ZipFile(out) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    for start in root.iter(f"{W}commentRangeStart"):
        assert not any(a.tag == f"{W}txbxContent" for a in start.iterancestors())


# --------------------------------------------------------------------------- corpus


def test_every_corpus_docx_annotates_one_for_one(tmp_path):
    files = corpus_files("docx")
    if not files:
        pytest.skip("../shared/corpus/docx not found (set VBCHECK_SHARED)")
    for f in files:
        before = sha(f)
        out = tmp_path / (f.stem + ".vbcheck.docx")
        result, _out, n = A.annotate(str(f), str(out))
        assert sha(f) == before, f.name
        assert n == len(result.violations)
        assert_matches_findings(f, out, result.violations)
        # The same findings as a plain run (what `vbcheck --format json` prints).
        plain = vbcheck.check(str(f)).files[0]
        assert [(v.code, v.line, v.message) for v in plain.violations] == [
            (v.code, v.line, v.message) for v in result.violations]


# --------------------------------------------------------------------------- LibreOffice


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _libreoffice_comments(path, workdir) -> list[str]:
    """Convert with LibreOffice (headless) to PDF and to .docx; return the comment texts of the
    .docx LibreOffice wrote (it drops what it could not read)."""
    exe = _soffice()
    profile = f"-env:UserInstallation=file://{workdir}/lo-profile"
    for target in ("pdf", "docx:MS Word 2007 XML"):
        r = subprocess.run([exe, profile, "--headless", "--convert-to", target, "--outdir", str(workdir), str(path)],
                           capture_output=True, text=True, timeout=180)
        assert r.returncode == 0, r.stderr
    stem = os.path.splitext(os.path.basename(path))[0]
    assert os.path.getsize(os.path.join(workdir, stem + ".pdf")) > 1000
    with zipfile.ZipFile(os.path.join(workdir, stem + ".docx")) as z:
        root = etree.fromstring(z.read("word/comments.xml"))
    return ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in root.iter(f"{W}comment")
            if c.get(f"{W}author") == "vbcheck"]


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice not installed (apt-get install libreoffice-writer-nogui; "
                    "CI: .ci/install-libreoffice.sh)")
def test_libreoffice_opens_annotated_copies(tmp_path):
    src = tmp_path / "ke-hoach.docx"
    src.write_bytes(F.build(broken()))
    _result, out, _n = A.annotate(str(src))
    lo_dir = tmp_path / "lo"
    lo_dir.mkdir()
    assert sorted(_libreoffice_comments(out, lo_dir)) == sorted(t for _i, t in comments_of(out))
    real = [f for f in corpus_files("docx") if f.name.startswith("vbai_cv_2926")]
    for f in real:
        out = tmp_path / (f.stem + ".vbcheck.docx")
        A.annotate(str(f), str(out))
        assert sorted(_libreoffice_comments(out, lo_dir)) == sorted(t for _i, t in comments_of(out))
