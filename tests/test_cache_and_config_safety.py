"""Configuration and cache files are inputs too (issue 18): only regular files are opened, with a
size limit, so a FIFO or /dev/zero never blocks or fills memory; a configuration that is not
UTF-8 or nested 3,000 deep is a ConfigError naming the file; the cache writes only in a folder
it created or that carries its marker, never through a symbolic link, never over a user's file,
leaves no temporary file, and a damaged entry (wrong field types) is a miss."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

import vbcheck
from vbcheck.cli import main

POSIX = os.name == "posix"
DOC = "Số: 5/KH-UBND\nNội dung  văn bản.\n"


def run(*args, env=None):
    return CliRunner(env=env).invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def work(tmp_path, monkeypatch):
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VBCHECK_CACHE_DIR", raising=False)
    return tmp_path


# ----------------------------------------------------------------------------- configuration

@pytest.mark.parametrize("content,words", [
    ("select = ['VB1']\n# Lưu\n".encode("latin-1", "replace") + b"# \xe0\n", "not UTF-8"),
    (("a = " + "[" * 3000 + "]" * 3000 + "\n").encode(), "nested too deep"),
    (("a = " + "{b = " * 3000 + "1" + "}" * 3000 + "\n").encode(), "nested too deep"),
], ids=["cp1258", "arrays", "tables"])
def test_bad_configuration_files_are_config_errors_naming_the_file(work, content, words):
    (work / "bad.toml").write_bytes(content)
    with pytest.raises(vbcheck.ConfigError, match=words) as e:
        vbcheck.check("doc.txt", config="bad.toml")
    assert "bad.toml" in str(e.value)
    r = run("--config", "bad.toml", "doc.txt")
    assert r.exit_code == 2 and "bad.toml" in r.stderr and len(r.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(not POSIX, reason="FIFOs and /dev/zero")
def test_configuration_on_a_fifo_or_dev_zero_is_refused_unread(work):
    os.mkfifo(work / "fifo.toml")
    for cfg in ("fifo.toml", "/dev/zero"):
        r = run("--config", cfg, "doc.txt")  # would block, or read until memory runs out
        assert r.exit_code == 2 and "not a regular file" in r.stderr, r.output
        assert cfg in r.stderr


def test_configuration_over_the_size_limit_is_refused(work):
    (work / "big.toml").write_bytes(b"# " + b"x" * (5 << 20) + b"\n")
    r = run("--config", "big.toml", "doc.txt")
    assert r.exit_code == 2 and "big.toml" in r.stderr and "too large" in r.stderr


# ----------------------------------------------------------------------------- cache: where it writes

def _project(work: Path) -> Path:
    proj = work / "project"
    proj.mkdir()
    (proj / ".gitignore").write_text("build/\n*.pyc\n", encoding="utf-8")
    (proj / "notes.md").write_text("mine\n", encoding="utf-8")
    return proj


def _snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None for p in sorted(folder.rglob("*"))}


@pytest.mark.parametrize("how", ["--cache-dir", "VBCHECK_CACHE_DIR", "symlink"])
def test_cache_never_writes_in_a_folder_it_did_not_create(work, how):
    proj = _project(work)
    before = _snapshot(proj)
    if how == "--cache-dir":
        r = run("--cache", "--cache-dir", proj, "doc.txt")
    elif how == "VBCHECK_CACHE_DIR":
        r = run("--cache", "doc.txt", env={"VBCHECK_CACHE_DIR": str(proj)})
    else:
        os.symlink("project", work / ".vbcheck_cache")  # a committed .vbcheck_cache link
        r = run("--cache", "doc.txt")
    assert r.exit_code == 1 and "VB107" in r.stdout  # the run itself is unchanged
    assert "the cache is not used" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert _snapshot(proj) == before  # nothing replaced, nothing added


def test_cache_in_its_own_folder_and_in_an_empty_one(work):
    assert run("--cache", "--lang", "en", "doc.txt").exit_code == 1
    cache = work / ".vbcheck_cache"
    assert (cache / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert len(list(cache.rglob("*.json"))) == 1
    again = run("--cache", "--statistics", "--lang", "en", "doc.txt")
    assert "1 result(s) reused" in again.stdout
    (work / "empty").mkdir()
    assert run("--cache-dir", work / "empty", "doc.txt").exit_code == 1
    assert (work / "empty" / "CACHEDIR.TAG").is_file() and list((work / "empty").rglob("*.json"))
    assert not list(work.rglob("*.tmp"))


@pytest.mark.skipif(not POSIX, reason="symbolic links")
def test_cache_never_writes_through_a_symbolic_link_inside_it(work):
    assert run("--cache", "doc.txt").exit_code == 1
    cache = work / ".vbcheck_cache"
    (entry,) = cache.rglob("*.json")
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    shard = entry.parent
    for p in shard.iterdir():
        p.unlink()
    shard.rmdir()
    os.symlink(elsewhere, shard)  # the shard folder now points out of the cache
    (work / "doc.txt").write_text(DOC, encoding="utf-8")
    assert run("--cache", "doc.txt").exit_code == 1
    assert list(elsewhere.iterdir()) == []


@pytest.mark.skipif(not POSIX, reason="FIFOs and /dev/zero")
@pytest.mark.parametrize("what", ["fifo", "dev-zero"])
def test_a_cache_entry_that_is_no_regular_file_is_a_miss(work, what):
    assert run("--cache", "doc.txt").exit_code == 1
    (entry,) = (work / ".vbcheck_cache").rglob("*.json")
    entry.unlink()
    if what == "fifo":
        os.mkfifo(entry)
    else:
        os.symlink("/dev/zero", entry)
    r = run("--cache", "--statistics", "--lang", "en", "doc.txt")
    assert r.exit_code == 1 and "0 result(s) reused, 1 file(s) checked" in r.stdout
    assert not list(work.rglob("*.tmp"))


@pytest.mark.parametrize("damage", [
    lambda r: r["violations"][0].__setitem__("severity", 5),
    lambda r: r["violations"][0].__setitem__("line", "x"),
    lambda r: r["violations"][0].__setitem__("line", True),
    lambda r: r.__setitem__("path", 7),
    lambda r: r.__setitem__("violations", {"a": 1}),
    lambda r: r.__setitem__("not_evaluated", [5]),
    lambda r: r.__setitem__("lines", [["a", "b"]]),
], ids=["severity-int", "line-str", "line-bool", "path-int", "violations-dict", "not-evaluated", "lines"])
@pytest.mark.parametrize("fmt", ["text", "sarif"])
def test_a_damaged_cache_entry_is_a_miss(work, damage, fmt):
    plain = run("--format", fmt, "doc.txt").stdout
    assert run("--cache", "doc.txt").exit_code == 1
    (entry,) = (work / ".vbcheck_cache").rglob("*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    damage(data["result"])
    entry.write_text(json.dumps(data), encoding="utf-8")
    r = run("--cache", "--format", fmt, "doc.txt")
    assert r.exit_code == 1 and "internal error" not in r.output
    assert r.stdout == plain


def test_cache_write_failure_leaves_no_temporary_file(work, monkeypatch):
    from vbcheck.runs import cache as cache_mod

    real_replace = os.replace

    def failing_replace(a, b):
        if str(a).endswith(".tmp"):
            raise OSError(28, "No space left on device")
        return real_replace(a, b)

    monkeypatch.setattr(cache_mod.os, "replace", failing_replace)
    assert run("--cache", "doc.txt").exit_code == 1
    assert not list(work.rglob("*.tmp")) and not list(work.rglob("*.json"))
    assert stat.S_ISDIR(os.lstat(work / ".vbcheck_cache").st_mode)
