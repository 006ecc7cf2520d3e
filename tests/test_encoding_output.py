"""Output is UTF-8 whatever the code page (issue 14): under PYTHONIOENCODING=cp1258 (a
Vietnamese Windows) or cp1252 (CI runners), stdout, stderr and `-o` files are the very bytes of
a run with a UTF-8 stdout. Real subprocesses: the code page is the interpreter's."""

from __future__ import annotations

import json

import pytest

from .cli_helpers import EXAMPLE_NAME, copy_example
from .cli_helpers import vbcheck as run

FORMATS = ("text", "json", "sarif", "github", "junit", "html")
EXAMPLE = f"examples/{EXAMPLE_NAME}"


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    d = tmp_path_factory.mktemp("codepage")
    copy_example(d)
    (d / "kh.md").write_text("Số: 5/KH-UBND\n", encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def reference(work):
    """Each format's stdout with a UTF-8 stdout: what every code page must get."""
    out = {}
    for fmt in FORMATS:
        r = run("--format", fmt, EXAMPLE, cwd=work, text=False, env={"PYTHONIOENCODING": "utf-8"})
        assert r.returncode == 1, r.stderr
        out[fmt] = r.stdout
    return out


@pytest.mark.parametrize("codepage", ["cp1258", "cp1252"])
def test_stdout_is_utf8_whatever_the_code_page(work, reference, codepage):
    for fmt in FORMATS:
        r = run("--format", fmt, EXAMPLE, cwd=work, text=False, env={"PYTHONIOENCODING": codepage})
        assert b"UnicodeEncodeError" not in r.stderr, r.stderr.decode("utf-8", "replace")
        assert r.returncode == 1, (fmt, r.stderr.decode("utf-8", "replace"))
        assert r.stdout == reference[fmt], fmt


def test_output_files_are_utf8_whatever_the_code_page(work, reference):
    """`-o FMT:FILE` writes UTF-8 and the run goes on to the end."""
    args = [a for fmt in FORMATS[1:] for a in ("-o", f"{fmt}:out.{fmt}")]
    r = run(*args, EXAMPLE, cwd=work, text=False, env={"PYTHONIOENCODING": "cp1258"})
    assert r.returncode == 1, r.stderr.decode("utf-8", "replace")
    assert r.stdout == reference["text"]
    for fmt in FORMATS[1:]:
        assert (work / f"out.{fmt}").read_bytes() == reference[fmt], fmt


def test_stderr_messages_are_utf8_whatever_the_code_page(work):
    r = run("--format", "json", "nope.docx", cwd=work, text=False, env={"PYTHONIOENCODING": "cp1258"})
    assert r.returncode == 2
    err = r.stderr.decode("utf-8")  # raises if not UTF-8
    assert "không tìm thấy tệp" in err and "\\u" not in err, err
    json.loads(r.stdout.decode("utf-8"))


@pytest.mark.parametrize("args", [["rules"], ["rule", "VB107"], ["config", "--show", "kh.md"]],
                         ids=["rules", "rule", "config"])
def test_subcommands_print_utf8_whatever_the_code_page(work, args):
    ref = run(*args, cwd=work, text=False, env={"PYTHONIOENCODING": "utf-8"})
    r = run(*args, cwd=work, text=False, env={"PYTHONIOENCODING": "cp1258"})
    assert r.returncode == ref.returncode == 0, r.stderr.decode("utf-8", "replace")
    assert r.stdout == ref.stdout
