"""`--cache`: a re-run reuses results of unchanged files and gives exactly the same report; any
change to the file, its path or the options is checked afresh; damaged entries, unreadable files
and a cache folder that cannot be written never change the outcome."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from vbcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = [ROOT / "examples" / "ke-hoach-du-thao.docx", *sorted((ROOT / "rules" / "examples").glob("*.txt"))]


def run(*args) -> str:
    r = CliRunner().invoke(main, ["--format", "json", "--fail-on", "never", "-j", "1", *map(str, args)])
    assert r.exit_code == 0, r.output
    return r.stdout


@pytest.fixture
def docs(tmp_path):
    out = []
    for prefix in ("", "ban-sao-"):  # eight files: every kind of damage below is tried
        for p in SHIPPED:
            shutil.copy(p, tmp_path / (prefix + p.name))
            out.append(tmp_path / (prefix + p.name))
    return out


def entries(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.json"))


def test_rerun_is_served_from_the_cache_and_identical(docs, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    plain = run(*docs)
    first = run("--cache-dir", cache, *docs)
    assert first == plain
    assert len(entries(cache)) == len(docs)
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"

    from vbcheck import engine

    def no_check(*a, **kw):
        raise AssertionError("a cached file was checked again")

    monkeypatch.setattr(engine, "check_document", no_check)
    assert run("--cache", "--cache-dir", cache, *docs) == plain
    # SARIF needs the fingerprints: they are kept too.
    monkeypatch.undo()
    sarif = CliRunner().invoke(main, ["--format", "sarif", "--fail-on", "never", *map(str, docs)]).output
    monkeypatch.setattr(engine, "check_document", no_check)
    cached = CliRunner().invoke(main, ["--format", "sarif", "--fail-on", "never", "--cache-dir", str(cache),
                                       *map(str, docs)]).output
    assert cached == sarif


def test_changed_content_path_or_options_is_checked_again(docs, tmp_path):
    cache = tmp_path / "cache"
    txt = next(p for p in docs if p.suffix == ".txt")
    run("--cache-dir", cache, txt)
    # New content: an undefined abbreviation appears in the body.
    text = txt.read_text(encoding="utf-8")
    para = next(line for line in text.splitlines() if len(line) > 80 and "(" not in line)
    changed = text.replace(para, para + " Giao QLDA-XYZ thực hiện.", 1)
    txt.write_text(changed, encoding="utf-8")
    after = json.loads(run("--cache-dir", cache, txt))
    assert after == json.loads(run(txt))
    assert any(v["code"] == "VB201" and v["text"] == "QLDA-XYZ" for v in after["files"][0]["violations"])
    # Other options: another entry, and the report of those options.
    only = json.loads(run("--cache-dir", cache, "--select", "VB2", txt))
    assert only == json.loads(run("--select", "VB2", txt))
    assert {v["code"][:3] for v in only["files"][0]["violations"]} == {"VB2"}
    # Another path with the same bytes: its own entry, naming its own path.
    twin = tmp_path / "twin.txt"
    twin.write_text(changed, encoding="utf-8")
    got = json.loads(run("--cache-dir", cache, twin))
    assert got["files"][0]["path"] == str(twin)
    assert len(entries(cache)) == 4  # txt before and after the change, with VB2 only, twin


def test_damaged_entries_are_ignored(docs, tmp_path):
    cache = tmp_path / "cache"
    plain = run(*docs)
    run("--cache-dir", cache, *docs)
    stored = [json.loads(e.read_text()) for e in entries(cache)]
    for i, e in enumerate(entries(cache)):
        good, other = stored[i], stored[(i + 1) % len(stored)]
        e.write_text([
            "{not json", "[]", '{"key": 1}',
            json.dumps({"key": good["key"], "result": {"path": "x"}}),  # fields missing
            json.dumps({"key": good["key"], "result": {**good["result"], "violations": [{"code": 1}]}}),
            json.dumps({"key": other["key"], "result": other["result"]}),  # another file's entry
        ][i % 6])
    assert run("--cache-dir", cache, *docs) == plain
    # ... and were rewritten whole.
    assert all(json.loads(e.read_text())["result"]["path"] for e in entries(cache))


def test_unreadable_files_are_not_stored_and_an_unwritable_cache_is_harmless(tmp_path):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    cache = tmp_path / "cache"
    r = CliRunner().invoke(main, ["--format", "json", "--cache-dir", str(cache), str(bad)])
    assert r.exit_code == 2 and "hong.docx" in r.output
    assert entries(cache) == []
    blocker = tmp_path / "file"
    blocker.write_text("x")
    good = SHIPPED[0]
    assert run("--cache-dir", blocker / "cache", good) == run(good)
    r = CliRunner().invoke(main, ["--cache-dir", str(blocker / "cache2"), str(good)])
    assert r.stderr.count("\n") == 1 and "the cache is not used" in r.stderr  # said, in one line


def test_statistics_say_how_many_results_were_reused(docs, tmp_path):
    cache = tmp_path / "cache"
    args = ["--fail-on", "never", "--statistics", "--lang", "en", "--cache-dir", str(cache), *map(str, docs)]
    first = CliRunner().invoke(main, args).output
    assert f"Cache (--cache): 0 result(s) reused, {len(docs)} file(s) checked" in first
    again = CliRunner().invoke(main, args).output
    assert f"Cache (--cache): {len(docs)} result(s) reused, 0 file(s) checked" in again
    assert "Cache" not in CliRunner().invoke(main, args[:5] + list(map(str, docs))).output
