"""Output that cannot attack its reader, for any input (issues 14 and 18): SARIF URIs are RFC 3986
references (spaces, #, %, ?, :, Vietnamese letters, bytes that are not UTF-8) with a helpUri per
rule; control characters of a document or a file name are escaped in text, HTML and GitHub
output and JUnit stays valid XML; a file name with a newline cannot forge report lines; a file
name that is not UTF-8 is reported (with U+FFFD) and never stops the run, with --cache, -o, or
a strict UTF-8 stdout."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import urllib.parse
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from vbcheck.cli import main

from .cli_helpers import EXAMPLE, child_env, copy_example

POSIX = os.name == "posix"
FORMATS = ("text", "json", "sarif", "github", "junit", "html")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def work(tmp_path, monkeypatch):
    copy_example(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


# RFC 3986 path characters (unreserved, sub-delims, ":" "@", "/" and %XX escapes)
URI_PATH = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$")


def _sarif(cwd, *paths):
    os.chdir(cwd)
    r = run("--format", "sarif", *paths)
    assert r.exit_code in (0, 1), r.output
    return json.loads(r.stdout)["runs"][0]


@pytest.mark.parametrize("rel", ["văn bản/Kế hoạch #1 100% dự thảo.docx", "a:b/ghi chú?.docx"],
                         ids=["space-hash-percent", "colon-question"])
def test_sarif_relative_uris_are_percent_encoded(work, rel):
    if not POSIX and ":" in rel:
        pytest.skip("':' and '?' are not allowed in Windows file names")
    rel = unicodedata.normalize("NFC", rel)
    target = work / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(EXAMPLE, target)
    run_ = _sarif(work, rel)
    uris = [a["location"]["uri"] for a in run_["artifacts"]]
    uris += [loc["physicalLocation"]["artifactLocation"]["uri"] for res in run_["results"] for loc in res["locations"]]
    assert run_["results"], "the example has findings"
    for uri in uris:
        assert URI_PATH.match(uri), f"not an RFC 3986 relative reference: {uri!r}"
        parts = urllib.parse.urlsplit(uri)
        assert parts.scheme == "" and parts.query == "" and parts.fragment == "", uri
        assert urllib.parse.unquote(uri) == rel


def test_sarif_absolute_uris_are_file_uris(work, tmp_path_factory):
    """Guard (passes today): a file outside the current folder gets a percent-encoded file: URI."""
    other = tmp_path_factory.mktemp("khac") / "thư mục #2" / "kế hoạch 100%.docx"
    other.parent.mkdir(parents=True)
    shutil.copyfile(EXAMPLE, other)
    run_ = _sarif(work, str(other))
    uri = run_["artifacts"][0]["location"]["uri"]
    parts = urllib.parse.urlsplit(uri)
    assert parts.scheme == "file" and URI_PATH.match(parts.path), uri
    assert urllib.parse.unquote(parts.path) == str(other)
    base = run_["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert URI_PATH.match(urllib.parse.urlsplit(base).path), base


def test_sarif_rules_have_help_uri_and_help(work):
    run_ = _sarif(work, "examples/ke-hoach-du-thao.docx")
    rules = run_["tool"]["driver"]["rules"]
    used = {res["ruleId"] for res in run_["results"]}
    seen = set()
    for rule in rules:
        if rule["id"] not in used:
            continue
        seen.add(rule["id"])
        assert "helpUri" in rule, f"{rule['id']}: no helpUri"
        u = urllib.parse.urlsplit(rule["helpUri"])
        assert u.scheme in ("http", "https") and u.netloc, rule["helpUri"]
        assert rule["id"].lower() in rule["helpUri"].lower() or rule["name"] in rule["helpUri"], rule["helpUri"]
        assert rule["help"]["text"].startswith(rule["id"]), rule["help"]
    assert seen == used
    assert len({r["helpUri"] for r in rules if "helpUri" in r}) == len([r for r in rules if "helpUri" in r])


def test_sarif_uri_of_a_name_that_is_not_utf8(work):
    if not POSIX:
        pytest.skip("bytes file names")
    name = os.fsdecode(b"b\xe1o c\xe1o.txt")
    (work / name).write_text("Số: 5/KH-UBND\n", encoding="utf-8")
    run_ = _sarif(work, name)
    uri = run_["artifacts"][0]["location"]["uri"]
    assert uri == "b%E1o%20c%E1o.txt" and urllib.parse.unquote_to_bytes(uri) == b"b\xe1o c\xe1o.txt"


ESC = "\x1b]0;pwned\x07\x1b[2J"
ESC_DOC = ("UBND TỈNH HÀ NAM\nSỞ TÀI CHÍNH\nSố: 123/STC-NS\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
           "Độc lập - Tự do - Hạnh phúc\nHà Nam, ngày 05 tháng 3 năm 2024\n\nKẾ HOẠCH\nLập dự toán năm 2025\n\n"
           "Sở Tài chính đề nghị các đơn vị thực hiện./.\n\nNơi nhận:\n- Như trên;" + ESC + "\n- Lưu: VT,NS" + ESC +
           "\n\nGIÁM ĐỐC\n\nNguyễn Văn An\n")


def test_control_characters_never_reach_the_reader(work):
    (work / "doc.txt").write_text(ESC_DOC, encoding="utf-8")
    for fmt in ("text", "github", "html", "junit"):
        r = run("--format", fmt, "doc.txt")
        assert r.exit_code in (0, 1), r.output
        assert "\x1b" not in r.stdout and "\x07" not in r.stdout, fmt
        assert "VB122" in r.stdout, fmt  # the finding on that line is still reported
    ET.fromstring(run("--format", "junit", "doc.txt").stdout.encode("utf-8"))  # valid XML
    text = run("doc.txt").stdout
    assert "\\x1b]0;pwned\\x07" in text  # shown as an escape, not executed


@pytest.mark.skipif(not POSIX, reason="a newline in a file name")
def test_a_file_name_with_a_newline_cannot_forge_lines(work):
    name = "doc\nforged.txt:1:1: VB999 lỗi Giả mạo\n.txt"
    (work / name).write_text("Nội dung  văn bản.\n", encoding="utf-8")
    for fmt in ("text", "github", "junit"):
        r = run("--format", fmt, name)
        lines = r.stdout.splitlines()
        assert not [x for x in lines if x.startswith("forged") or x.startswith(".txt")], (fmt, lines)
        if fmt == "junit":
            ET.fromstring(r.stdout.encode("utf-8"))


@pytest.mark.skipif(not POSIX, reason="bytes file names")
def test_a_name_that_is_not_utf8_never_stops_the_run(work):
    (work / "good.txt").write_text("Số: 5/KH-UBND\n", encoding="utf-8")
    bad = os.fsdecode(b"b\xe1o c\xe1o.txt")
    (work / bad).write_text("Số: 5/KH-UBND\n", encoding="utf-8")
    for extra in ([], ["--cache"], *[["-o", f"{f}:r.{f}"] for f in FORMATS[1:]]):
        r = run(*extra, "-j", "1", "good.txt", bad)
        assert r.exit_code == 1, (extra, r.output)
        assert r.stdout.count("VB107") == 2 and "b\ufffdo c\ufffdo.txt:" in r.stdout, (extra, r.stdout)
        assert "internal error" not in r.output
    for f in FORMATS[1:]:
        (work / f"r.{f}").read_bytes().decode("utf-8")  # valid UTF-8
    json.loads((work / "r.json").read_text(encoding="utf-8"))
    assert not list(work.rglob("*.tmp"))
    # a strict UTF-8 stdout (PYTHONIOENCODING=utf-8:strict) too, in a real process
    r = subprocess.run([sys.executable, "-m", "vbcheck", "--format", "json", "-j", "1", "good.txt", bad],
                       cwd=work, env=child_env({"PYTHONIOENCODING": "utf-8:strict"}), capture_output=True, timeout=300)
    assert r.returncode == 1, r.stderr
    assert len(json.loads(r.stdout.decode("utf-8"))["files"]) == 2
