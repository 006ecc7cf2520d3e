"""Outputs (issue 5, part 4): SARIF 2.1.0 validated against the OASIS schema, with rule metadata,
levels and fingerprints that survive line shifts; GitHub workflow commands; JUnit XML; several
formats in one run with -o FORMAT:FILE; the HTML report's content (its rendering is tested in
Chromium by test_html_report.py)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import vbcheck
from vbcheck.catalogue import loader as packs
from vbcheck.cli import main
from vbcheck.reporters import html as html_rep
from vbcheck.reporters import sarif

HERE = Path(__file__).resolve().parent
SCHEMA = json.loads((HERE / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
EXAMPLE = "examples/ke-hoach-du-thao.docx"
BASE = packs.example_base("ke-hoach")
BAD = BASE.replace("- Lưu: VT, VP.", "- Lưu: VT,VP.").replace("./.\n", ".\n").replace(
    "2. Bảo đảm thiết thực", "2. Phối hợp với MTTQ <b>&amp;</b> thiết thực")


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def validate(doc):
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    jsonschema.Draft4Validator(SCHEMA).validate(doc)


def test_sarif_is_valid_and_complete():
    r = run("--format", "sarif", EXAMPLE, "rules/examples/ke-hoach.txt")
    doc = json.loads(r.output)
    validate(doc)
    assert r.exit_code == 1
    run_ = doc["runs"][0]
    assert doc["version"] == "2.1.0" and run_["columnKind"] == "unicodeCodePoints"
    rules = run_["tool"]["driver"]["rules"]
    ids = [x["id"] for x in rules]
    assert "VB107" in ids and "VB122" in ids and len(ids) == len(set(ids))
    vb107 = rules[ids.index("VB107")]
    assert vb107["name"] == "so-ky-hieu-malformed"
    assert vb107["defaultConfiguration"]["level"] == "error"
    assert "NĐ 30" in vb107["properties"]["clause"] and vb107["help"]["text"].startswith("VB107")
    res = run_["results"]
    first = res[0]
    assert first["ruleId"] == "VB107" and ids[first["ruleIndex"]] == "VB107"
    assert first["level"] == "error"
    loc = first["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": EXAMPLE, "uriBaseId": "%SRCROOT%", "index": 0}
    assert loc["region"]["startLine"] == 3 and loc["region"]["startColumn"] == 5
    levels = {x["level"] for x in res}
    assert levels <= {"error", "warning", "note"} and "warning" in levels
    assert all(x["partialFingerprints"]["vbcheckFingerprint/v1"] for x in res)
    fps = [x["partialFingerprints"]["vbcheckFingerprint/v1"] for x in res]
    assert len(fps) == len(set(fps))


def test_sarif_info_is_note_and_unreadable_is_a_notification(tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip")
    text = BASE.replace("2. Bảo đảm", "<!-- vbcheck-disable-next-line VB116 -->\n2. Bảo đảm")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    doc = json.loads(run("--format", "sarif", str(bad), str(tmp_path / "a.md")).output)
    validate(doc)
    inv = doc["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert "broken.docx" in inv["toolExecutionNotifications"][0]["message"]["text"]
    assert [x["level"] for x in doc["runs"][0]["results"]] == ["note"]  # VB008 is info


def _fingerprints(text):
    rep = vbcheck.check_text(text, name="kh.txt")
    return {(v.code, v.text): v.fingerprint for v in rep.files[0].violations}, rep


def test_fingerprints_survive_a_shift_of_lines():
    before, rep1 = _fingerprints(BAD)
    after, rep2 = _fingerprints(BAD.replace("I. MỤC ĐÍCH", "Một đoạn mới.\n\nI. MỤC ĐÍCH"))
    assert before and before == after
    assert [v.line for v in rep1.files[0].violations] != [v.line for v in rep2.files[0].violations]
    # The same defect twice: two fingerprints.
    rep = vbcheck.check_text(BAD.replace("1. Nâng cao", "Phối hợp với MTTQ.\n\n1. Nâng cao"), name="kh.txt")
    fps = [v.fingerprint for v in rep.files[0].violations]
    assert len(fps) == len(set(fps))


def test_sarif_docx_fingerprints_and_page():
    doc = sarif.build(vbcheck.check(EXAMPLE))
    validate(doc)
    for r in doc["runs"][0]["results"]:
        assert r["partialFingerprints"]["primaryLocationLineHash"]  # GitHub must not hash a ZIP
        assert r["properties"]["paragraph"] >= 1


def test_github_annotations():
    r = run("--format", "github", EXAMPLE)
    lines = r.output.splitlines()
    assert lines[0].startswith("::error file=examples/ke-hoach-du-thao.docx,line=3,col=5,")
    assert "title=VB107 so-ky-hieu-malformed::" in lines[0]
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert r.exit_code == 1


def test_github_escaping():
    from vbcheck.reporters.github import _data, _prop

    assert _data("a%b\nc") == "a%25b%0Ac"
    assert _prop("a:b,c") == "a%3Ab%2Cc"


def test_junit():
    r = run("--format", "junit", EXAMPLE, "rules/examples/ke-hoach.txt")
    root = ET.fromstring(r.output.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [EXAMPLE, "rules/examples/ke-hoach.txt"]
    fails = suites[0].findall("testcase/failure")
    assert fails and fails[0].get("type") == "error" and "VB107" in fails[0].text
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites) >= len(fails)


def test_several_outputs_at_once(tmp_path, monkeypatch):
    out = {f: tmp_path / f"r.{f}" for f in ("json", "sarif", "junit", "html", "github")}
    args = [f"-o{f}:{p}" for f, p in out.items()]
    r = run(*args, EXAMPLE)
    assert r.output.splitlines()[-1].startswith("1 tệp: ")  # text still on stdout
    assert json.loads(out["json"].read_text(encoding="utf-8"))["summary"]["errors"] == 1
    validate(json.loads(out["sarif"].read_text(encoding="utf-8")))
    ET.fromstring(out["junit"].read_bytes())
    assert "<mark" in out["html"].read_text(encoding="utf-8")
    assert out["github"].read_text(encoding="utf-8").startswith("::error ")
    # -o FORMAT alone (or FORMAT:-) replaces the text on standard output
    r = run("-o", "json", EXAMPLE)
    assert json.loads(r.output)["summary"]["errors"] == 1
    r = CliRunner().invoke(main, ["-o", "pdf:x.pdf", EXAMPLE])
    assert r.exit_code == 2 and "pdf" in r.output


def test_html_report_content(tmp_path):
    (tmp_path / "kh.txt").write_text(BAD, encoding="utf-8")
    rep = vbcheck.check(str(tmp_path / "kh.txt"), keep_text=True)
    page = html_rep.render(rep)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="vi">' in page
    assert "Báo cáo kiểm tra thể thức văn bản" in page and "Tổng hợp" in page
    # Document text is escaped, never markup.
    assert "<b>" not in page and "&lt;b&gt;&amp;amp;&lt;/b&gt;" in page
    # Each finding with a text excerpt is highlighted in place on its line.
    for v in rep.files[0].violations:
        assert f'data-code="{v.code}"' in page
    assert '<mark class="f sev-warning" data-code="VB122"' in page
    assert 'id="doc-0-l27"' in page
    # Self-contained: no external resource.
    for needle in ("<script", "<link", "src=", "url(", "@import", "http://", "https://"):
        assert needle not in page, needle


def test_html_without_text_lists_findings():
    page = html_rep.render(vbcheck.check(EXAMPLE))
    assert "VB107" in page and "--format html" in page


def test_cli_html_keeps_text():
    r = run("--format", "html", EXAMPLE)
    assert r.exit_code == 1 and 'class="line"' in r.output and "KẾ HOẠCH" in r.output


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "html"])
def test_every_format_handles_an_unreadable_file(tmp_path, fmt):
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    r = run("--format", fmt, str(bad))
    assert r.exit_code == 2 and r.output
