"""The library's contract (issues 14 and 18): a `str` is a path, text goes through
`check_text()`, contents may be bytes, bytearray or memoryview, a missing path is that file's
error, a wrong type of argument is a `TypeError` that says what is expected, and the package is
typed (py.typed, annotations that resolve, a user's script passes `mypy --strict`)."""

from __future__ import annotations

import importlib.resources
import os
import subprocess
import sys
import typing
from pathlib import Path

import pytest

import vbcheck

from .cli_helpers import EXAMPLE, child_env

DOC = """UBND XÃ KRÔNG Á
Số: 5/KH-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập – Tự do – Hạnh phúc
Krông Á, ngày 05 tháng 3 năm 2026

KẾ HOẠCH
Triển khai phong trào học tập năm 2026

Ủy ban nhân dân xã ban hành Kế hoạch như sau./.

Nơi nhận:
- UBND huyện;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn An
"""


def key(v):
    return (v.code, v.line, v.column, v.end_line, v.end_column, v.message)


def test_check_missing_path_reports_file_not_found(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = vbcheck.check("examples/nope.docx")
    (res,) = report.files
    assert res.error == "không tìm thấy tệp" and res.violations == []
    assert res.path == "examples/nope.docx" and report.exit_code() == 2
    (en,) = vbcheck.check("examples/nope.docx", lang="en").files
    assert en.error == "file not found"
    (p,) = vbcheck.check(Path("examples/nope.docx"), lang="en").files
    assert p.error == "file not found"


def test_check_never_takes_a_str_as_document_text(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (res,) = vbcheck.check(DOC, lang="en").files
    assert res.violations == [] and res.error is not None


def test_check_text_is_public_and_equals_the_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kh.md").write_text(DOC, encoding="utf-8")
    assert "check_text" in vbcheck.__all__
    (res,) = vbcheck.check_text(DOC, name="kh.md").files
    assert res.error is None and res.path == "kh.md"
    assert [key(v) for v in res.violations] == [key(v) for v in vbcheck.check("kh.md").files[0].violations]
    assert {v.code for v in res.violations} >= {"VB107", "VB104"}
    (en,) = vbcheck.check_text(DOC, name="kh.md", select=["VB107"], lang="en").files
    (vi,) = vbcheck.check_text(DOC, name="kh.md", select=["VB107"]).files
    assert [v.code for v in en.violations] == [v.code for v in vi.violations] == ["VB107"]
    assert en.violations[0].message != vi.violations[0].message


@pytest.mark.parametrize("wrap", [bytes, bytearray, memoryview], ids=["bytes", "bytearray", "memoryview"])
def test_contents_as_any_bytes_like(wrap):
    data = EXAMPLE.read_bytes()
    (res,) = vbcheck.check(wrap(data), name="x.docx").files
    assert res.error is None and "VB107" in {v.code for v in res.violations}
    (txt,) = vbcheck.check(wrap(DOC.encode()), name="kh.txt").files
    assert [key(v) for v in txt.violations] == [key(v) for v in vbcheck.check_text(DOC, name="kh.txt").files[0].violations]


@pytest.mark.parametrize("call,words", [
    (lambda: vbcheck.check(None), "source must be a path"),
    (lambda: vbcheck.check(123), "not int"),
    (lambda: vbcheck.check(EXAMPLE, select=[None]), "select must hold str"),
    (lambda: vbcheck.check(EXAMPLE, ignore=5), "ignore must be an iterable of str"),
    (lambda: vbcheck.check(EXAMPLE, config=123), "config must be None"),
    (lambda: vbcheck.check(EXAMPLE, profile=1), "profile must be a str"),
    (lambda: vbcheck.check(b"x", name=3), "name must be a str"),
    (lambda: vbcheck.check_text(b"x"), "text must be a str"),
], ids=["None", "int", "select-None", "ignore-int", "config-int", "profile-int", "name-int", "text-bytes"])
def test_wrong_argument_types_are_clear_type_errors(call, words):
    with pytest.raises(TypeError, match=words):
        call()


def test_package_is_marked_typed():
    assert importlib.resources.files("vbcheck").joinpath("py.typed").is_file()


def test_type_hints_resolve():
    hints = typing.get_type_hints(vbcheck.check)
    assert hints["return"] is vbcheck.Report
    hints = typing.get_type_hints(vbcheck.check_text)
    assert hints["return"] is vbcheck.Report and hints["text"] is str
    assert typing.get_type_hints(vbcheck.FileResult)["violations"] == list[vbcheck.Finding]


USER_SCRIPT = '''\
from pathlib import Path

import vbcheck


def count_errors(path: Path) -> int:
    report: vbcheck.Report = vbcheck.check(path, profile="auto", select=["VB1"])
    result: vbcheck.FileResult = report.files[0]
    if result.error is not None:
        return -1
    findings: list[vbcheck.Finding] = result.violations
    return sum(1 for f in findings if f.severity == "error") + report.exit_code()


def from_text(text: str) -> list[str]:
    return [f.code for f in vbcheck.check_text(text, name="kh.md").files[0].violations]


print(count_errors(Path("x.docx")), from_text("Số: 5"), vbcheck.check(b"PK", name="a.docx").summary)
'''


def test_mypy_strict_accepts_a_users_script(tmp_path):
    pytest.importorskip("mypy")
    (tmp_path / "user.py").write_text(USER_SCRIPT, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-error-summary",
                        "--cache-dir", str(tmp_path / ".mypy_cache"), "user.py"],
                       cwd=tmp_path, env=child_env(), capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    bad = USER_SCRIPT.replace('select=["VB1"]', "select=[1]")
    (tmp_path / "user.py").write_text(bad, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-error-summary",
                        "--cache-dir", str(tmp_path / ".mypy_cache"), "user.py"],
                       cwd=tmp_path, env=child_env(), capture_output=True, text=True, timeout=600)
    assert r.returncode == 1 and "user.py:7:" in r.stdout and "expected \"str\"" in r.stdout, r.stdout  # hints bite
    assert os.path.exists(tmp_path / ".mypy_cache")


def test_checking_imports_no_writer_library():
    """python-docx is a dependency for writing only: a check never imports it (nor click's
    progress or colour code paths beyond click itself)."""
    code = ("import sys, vbcheck; vbcheck.check(sys.argv[1]); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'rich')))")
    r = subprocess.run([sys.executable, "-c", code, str(EXAMPLE)], env=child_env(), capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0 and r.stdout.strip() == "[]", r.stdout + r.stderr
