"""The annotated copy (issues 14 and 18): honours the umask, covers exactly the offending
characters (runs split, text unchanged), and `--force` replaces only a regular file."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from vbcheck.cli import main

from .cli_helpers import EXAMPLE_NAME, copy_example

POSIX = os.name == "posix"
EXAMPLE = f"examples/{EXAMPLE_NAME}"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def work(tmp_path, monkeypatch):
    copy_example(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.skipif(not POSIX, reason="POSIX file modes")
@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002], ids=["022", "027", "002"])
def test_annotated_copy_honours_the_umask(work, umask):
    old = os.umask(umask)
    try:
        r = run("annotate", EXAMPLE, "-o", "out.docx")
    finally:
        os.umask(old)
    assert r.exit_code == 0, r.output
    assert stat.S_IMODE((work / "out.docx").stat().st_mode) == 0o666 & ~umask
    os.chmod(work / "out.docx", 0o600)  # replaced with --force: keeps its mode
    assert run("annotate", EXAMPLE, "-o", "out.docx", "--force").exit_code == 0
    assert stat.S_IMODE((work / "out.docx").stat().st_mode) == 0o600
    assert not [p for p in work.iterdir() if p.name.endswith(".tmp")]


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraphs_and_ranges(docx: Path):
    """Paragraph texts in document order (1-based list, numbered as vbcheck numbers them: a
    paragraph without text, such as one holding only a drawn rule line, has no number) and, per
    comment id, (paragraph number, start offset, commented text)."""
    with zipfile.ZipFile(docx) as z:
        body = ET.fromstring(z.read("word/document.xml")).find(f"{W}body")
        comments = ET.fromstring(z.read("word/comments.xml")) if "word/comments.xml" in z.namelist() else None
    paras, ranges = [], {}
    for p in body.iter(f"{W}p"):
        if not "".join(t.text or "" for t in p.iter(f"{W}t")).strip():
            continue
        n = len(paras) + 1
        text, open_ = [], {}
        for el in p.iter():
            if el.tag == f"{W}commentRangeStart":
                open_[el.get(f"{W}id")] = (len("".join(text)), [])
            elif el.tag == f"{W}commentRangeEnd":
                cid = el.get(f"{W}id")
                if cid in open_:
                    start, got = open_.pop(cid)
                    ranges[cid] = (n, start, "".join(got))
            elif el.tag in (f"{W}t", f"{W}tab"):
                s = (el.text or "") if el.tag == f"{W}t" else "\t"
                text.append(s)
                for _, got in open_.values():
                    got.append(s)
        paras.append("".join(text))
    codes = {}
    if comments is not None:
        for c in comments.iter(f"{W}comment"):
            codes[c.get(f"{W}id")] = "".join(t.text or "" for t in c.iter(f"{W}t")).split()[0]
    return paras, {cid: (codes.get(cid), *rng) for cid, rng in ranges.items()}


def test_word_comments_cover_the_offending_text(work):
    """Each comment of a finding with a column range spans exactly those characters (the run
    is split), not the whole run or paragraph."""
    findings = json.loads(run("--format", "json", EXAMPLE).stdout)["files"][0]["violations"]
    assert run("annotate", EXAMPLE, "-o", "annotated.docx").exit_code == 0
    paras, ranges = _paragraphs_and_ranges(work / "annotated.docx")
    orig_paras, _ = _paragraphs_and_ranges(work / EXAMPLE)
    assert paras == orig_paras  # the text is unchanged
    have = {(code, n, start, txt) for code, n, start, txt in ranges.values()}
    spans = [v for v in findings if v["line"] == v["end_line"] and v["end_column"] > v["column"]]
    assert spans
    for v in spans:
        want_text = paras[v["line"] - 1][v["column"] - 1 : v["end_column"] - 1]
        want = (v["code"], v["line"], v["column"] - 1, want_text)
        assert want in have, f"{v['code']} {v['line']}:{v['column']}: want {want_text!r}, comments: " + repr(
            sorted(x for x in have if x[0] == v["code"]))


@pytest.mark.skipif(not POSIX, reason="FIFOs, symbolic links and device nodes")
@pytest.mark.parametrize("what", ["FIFO", "symlink", "device"])
def test_force_replaces_only_a_regular_file(work, what):
    out = work / "out.docx"
    if what == "FIFO":
        os.mkfifo(out)
    elif what == "symlink":
        (work / "target.docx").write_bytes(b"keep me")
        os.symlink("target.docx", out)
    else:
        try:
            os.mknod(out, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("creating a device node needs root")
    before = os.lstat(out)
    r = run("annotate", "--force", "-o", out, EXAMPLE)
    assert r.exit_code == 2 and "not a regular file" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    after = os.lstat(out)
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode) and after.st_ino == before.st_ino
    if what == "symlink":
        assert (work / "target.docx").read_bytes() == b"keep me"
    assert not [p for p in work.iterdir() if p.name.endswith(".tmp")]
