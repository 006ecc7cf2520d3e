"""The command line as users call it: formats, exit codes, selection, bad input, sub-commands."""

from __future__ import annotations

import json
import zipfile

from click.testing import CliRunner

from vbcheck.catalogue import loader as packs
from vbcheck.cli import main

EXAMPLE = "examples/ke-hoach-du-thao.docx"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_version():
    r = run("--version")
    assert r.exit_code == 0 and "vbcheck" in r.output


def test_example_text_output_and_exit_status():
    r = run(EXAMPLE)
    assert r.exit_code == 1  # the example has an error (VB107)
    lines = r.output.strip().splitlines()
    assert lines[0].startswith(f"{EXAMPLE}:3:5: VB107 lỗi ")
    assert lines[-1].startswith("1 tệp: ")
    assert "[NĐ 30" in lines[0]  # every message cites its clause


def test_english_messages():
    r = run("--lang", "en", EXAMPLE)
    assert " VB107 error " in r.output and "leading zero" in r.output


def test_json_contract(tmp_path):
    r = run("--format", "json", EXAMPLE)
    data = json.loads(r.output)
    assert set(data) >= {"vbcheck", "files", "summary"}
    f = data["files"][0]
    assert set(f) >= {"path", "profile", "stage", "doc_type", "violations", "not_evaluated"}
    v = f["violations"][0]
    assert set(v) >= {"code", "name", "severity", "message", "line", "column", "end_line",
                      "end_column", "page", "text"}
    assert data["summary"]["errors"] == 1


def test_fail_on_levels():
    assert run("--fail-on", "never", EXAMPLE).exit_code == 0
    assert run("--select", "VB104", EXAMPLE).exit_code == 0  # a warning only
    assert run("--select", "VB104", "--fail-on", "warning", EXAMPLE).exit_code == 1


def test_select_and_ignore_by_code_prefix_and_name():
    r = run("--format", "json", "--select", "VB12", "--ignore", "noi-nhan-format", EXAMPLE)
    codes = {v["code"] for v in json.loads(r.output)["files"][0]["violations"]}
    assert codes == set()
    r = run("--format", "json", "--select", "noi-nhan-format", EXAMPLE)
    codes = {v["code"] for v in json.loads(r.output)["files"][0]["violations"]}
    assert codes == {"VB122"}


def test_unknown_selector_is_a_usage_error():
    r = CliRunner().invoke(main, ["--select", "VB999", EXAMPLE])
    assert r.exit_code == 2 and "VB999" in r.output


def test_bad_inputs_one_line_each_and_others_still_checked(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(packs.example_base("ke-hoach"), encoding="utf-8")
    garbage = tmp_path / "garbage.docx"
    garbage.write_bytes(b"this is not a zip")
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(open(EXAMPLE, "rb").read()[:2000])
    nodoc = tmp_path / "nodoc.docx"
    with zipfile.ZipFile(nodoc, "w") as z:
        z.writestr("hello.txt", "x")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Số: 15/KH-UBND".encode("utf-8") + b"\xff\xfe\xfa abc")
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    missing = tmp_path / "missing.docx"
    r = CliRunner().invoke(main, [str(p) for p in (garbage, truncated, nodoc, latin, legacy, missing, good)])
    assert r.exit_code == 2
    assert "Traceback" not in r.output
    out = r.output.splitlines()
    for p in (garbage, truncated, nodoc, latin, legacy, missing):
        mine = [line for line in out if line.startswith(str(p) + ":")]
        assert len(mine) == 1, (p, out)
        assert "không" in mine[0] or "tệp" in mine[0]
    assert "good.txt" not in " ".join(l for l in out if "không đọc được" in l)
    assert out[-1].startswith("7 tệp") and "6 tệp không đọc được" in out[-1]


def test_directory_recursion(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text(packs.example_base("cong-van"), encoding="utf-8")
    (tmp_path / "a" / "y.md").write_text(packs.example_base("ke-hoach"), encoding="utf-8")
    (tmp_path / "a" / "ignored.pdf").write_bytes(b"%PDF")
    r = run("--format", "json", str(tmp_path))
    paths = [f["path"] for f in json.loads(r.output)["files"]]
    assert [p.split("/")[-1] for p in paths] == ["y.md", "x.txt"]


def test_rules_and_rule_explain():
    r = run("rules")
    assert r.exit_code == 0 and "VB122  noi-nhan-format" in r.output
    r = run("rule", "VB107")
    assert "Số: 15/KH/SNV" in r.output and "NĐ 30" in r.output  # its examples and clause
    r = run("rule", "noi-nhan-format", "--lang", "en")
    assert "Severity: warning" in r.output
