"""File discovery like ruff's (issue 14): folders are searched skipping virtualenvs (by name and
by their pyvenv.cfg), version control, node_modules and build folders, the repository files that
are never documents, and what .gitignore ignores; `exclude` replaces the default list,
`extend-exclude` adds to it; paths named are always checked unless --force-exclude (which the
pre-commit hook passes); `-` reads standard input, named by --stdin-filename."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from vbcheck.cli import main

from .cli_helpers import EXAMPLE, ROOT, child_env, copy_example
from .test_library_api import DOC


def run(*args, cwd: Path, input=None):
    """The CLI in this process, in folder `cwd` (returns the click Result)."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)
    finally:
        os.chdir(old)


def checked_paths(stdout: str) -> set[str]:
    return {os.path.normpath(f["path"]) for f in json.loads(stdout)["files"]}


def codes_of(stdout: str) -> list[str]:
    return [v["code"] for f in json.loads(stdout)["files"] for v in f["violations"]]


@pytest.fixture
def work(tmp_path):
    copy_example(tmp_path)
    (tmp_path / "kh.md").write_text(DOC, encoding="utf-8")
    return tmp_path


def _git_init(root: Path) -> None:
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(root)], check=True, env=child_env({"GIT_CONFIG_GLOBAL": os.devnull}))
    else:
        (root / ".git").mkdir()


def _put(root: Path, rel: str, text: str = DOC) -> None:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path):
    """A repository of documents with the usual clutter around them."""
    root = tmp_path / "repo"
    root.mkdir()
    _git_init(root)
    _put(root, "docs/ke-hoach.md")
    shutil.copyfile(EXAMPLE, root / "docs" / "ke-hoach.docx")
    # repository files that are not official documents
    _put(root, "README.md", "# Văn bản của phòng\n\nKho lưu các dự thảo.\n")
    _put(root, "CHANGELOG.md", "# Changelog\n\n- 0.1: first\n")
    _put(root, "LICENSE.txt", "MIT License\n")
    _put(root, "requirements.txt", "vbcheck>=0.1\n")
    _put(root, "requirements-dev.txt", "pytest\n")
    # virtual environments: by the usual name, and by their pyvenv.cfg under any name
    for venv in ("venv", "moi-truong"):
        _put(root, f"{venv}/pyvenv.cfg", "home = /usr/bin\nversion = 3.11.7\n")
        sp = f"{venv}/lib/python3.11/site-packages"
        _put(root, f"{sp}/click-8.1.0.dist-info/entry_points.txt", "[console_scripts]\n")
        _put(root, f"{sp}/click-8.1.0.dist-info/LICENSE.txt", "BSD\n")
        _put(root, f"{sp}/pkg/README.md", "# pkg\n")
    # build and tool folders
    _put(root, "node_modules/left-pad/README.md", "# left-pad\n")
    _put(root, "build/ban-in.txt")
    _put(root, "dist/ban-in.txt")
    _put(root, ".git/ghi-chu.txt")
    return root


def _discover(root: Path, *args: str) -> set[str]:
    r = run("--format", "json", *args, cwd=root)
    assert r.exit_code in (0, 1), r.output
    return checked_paths(r.stdout)


def test_walk_skips_virtualenvs(repo):
    got = _discover(repo, ".")
    assert not {p for p in got if p.startswith(("venv", "moi-truong"))}, sorted(got)
    assert {"docs/ke-hoach.md", "docs/ke-hoach.docx"} <= got


def test_walk_skips_vcs_node_modules_and_build_folders(repo):
    got = _discover(repo, ".")
    assert not {p for p in got if p.split(os.sep)[0] in (".git", "node_modules", "build", "dist")}, sorted(got)
    assert "docs/ke-hoach.md" in got


def test_walk_skips_repository_files_that_are_not_documents(repo):
    got = _discover(repo, ".")
    meta = {"README.md", "CHANGELOG.md", "LICENSE.txt", "requirements.txt", "requirements-dev.txt"}
    assert not (got & meta), sorted(got & meta)
    assert "docs/ke-hoach.md" in got


def test_walk_respects_gitignore(repo):
    _put(repo, ".gitignore", "brouillons/\n*.nhap.md\n!giu-lai.nhap.md\n")
    _put(repo, "docs/.gitignore", "rieng/\n")
    for rel in ("brouillons/a.md", "docs/x.nhap.md", "docs/giu-lai.nhap.md", "docs/rieng/b.md"):
        _put(repo, rel)
    got = _discover(repo, ".")
    assert not (got & {"brouillons/a.md", "docs/x.nhap.md", "docs/rieng/b.md"}), sorted(got)
    assert {"docs/giu-lai.nhap.md", "docs/ke-hoach.md"} <= got  # negation, and the rest


def test_config_extend_exclude_adds_to_the_defaults(repo):
    _put(repo, "vbcheck.toml", 'extend-exclude = ["luu-tru/", "*.cu.md"]\n')
    _put(repo, "luu-tru/2019.md")
    _put(repo, "docs/ban.cu.md")
    got = _discover(repo, ".")
    assert not (got & {"luu-tru/2019.md", "docs/ban.cu.md"}), sorted(got)
    assert not {p for p in got if p.startswith(("venv", "node_modules", "build"))}, sorted(got)
    assert "docs/ke-hoach.md" in got


def test_config_exclude_replaces_the_defaults(repo):
    """ruff's semantics: `exclude` replaces the default list (so build/ is walked again),
    `extend-exclude` adds to it."""
    _put(repo, "pyproject.toml", '[project]\nname = "x"\n\n[tool.vbcheck]\nexclude = ["luu-tru/"]\n')
    _put(repo, "luu-tru/2019.md")
    got = _discover(repo, ".")
    assert "luu-tru/2019.md" not in got
    assert "build/ban-in.txt" in got, sorted(got)


def test_explicit_paths_are_always_checked(repo):
    """Guard (passes today): a path named on the command line is checked even if excluded
    (ruff's default); a folder named explicitly is walked."""
    _put(repo, ".gitignore", "brouillons/\n")
    _put(repo, "brouillons/a.md")
    named = ["README.md", "requirements.txt", "brouillons/a.md",
             "venv/lib/python3.11/site-packages/pkg/README.md", "build"]
    got = _discover(repo, *named)
    assert got == {"README.md", "requirements.txt", "brouillons/a.md",
                   "venv/lib/python3.11/site-packages/pkg/README.md", "build/ban-in.txt"}


def test_force_exclude_applies_exclusions_to_named_paths(repo):
    """`--force-exclude` (for pre-commit, which names every staged file) applies the
    exclusions to paths named on the command line too."""
    _put(repo, ".gitignore", "brouillons/\n")
    _put(repo, "brouillons/a.md")
    got = _discover(repo, "--force-exclude", "README.md", "requirements.txt", "brouillons/a.md",
                    "venv/lib/python3.11/site-packages/pkg/README.md", "docs/ke-hoach.md")
    assert got == {"docs/ke-hoach.md"}


def test_precommit_hook_does_not_check_repository_files(repo, tmp_path):
    """The hook as declared in .pre-commit-hooks.yaml (files/exclude/types/entry/args),
    run by pre-commit as a local `system` hook so nothing is installed: README.md,
    requirements.txt and files in a committed virtualenv are not checked; documents are."""
    yaml = pytest.importorskip("yaml")
    pytest.importorskip("pre_commit")
    if not shutil.which("git"):
        pytest.skip("git not installed")
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "vbcheck")
    local = {k: v for k, v in hook.items() if k in (
        "id", "name", "entry", "args", "files", "exclude", "types", "types_or", "exclude_types",
        "pass_filenames", "require_serial", "always_run")}
    local["language"] = "system"
    (repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}, allow_unicode=True), encoding="utf-8")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "vbcheck").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m vbcheck "$@"\n', encoding="utf-8")
    (bindir / "vbcheck").chmod(0o755)
    env = child_env({
        "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"})
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    r = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--verbose"],
                       cwd=repo, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300)
    out = r.stdout + r.stderr
    assert "docs/ke-hoach" in out, out  # the documents were checked
    for rel in ("README.md:", "CHANGELOG.md:", "requirements.txt:", "requirements-dev.txt:",
                "LICENSE.txt:", "venv/", "moi-truong/", "node_modules/", "build/", "dist/"):
        assert not re.search(rf"(?m)^{re.escape(rel)}", out), f"{rel} was checked:\n{out}"


def test_stdin_with_stdin_filename(work):
    """`-` reads the document from standard input; --stdin-filename names it (the reader, the
    configuration and per-file-ignores go by that name)."""
    (work / "docs").mkdir()
    (work / "docs" / "kh.md").write_text(DOC, encoding="utf-8")
    from_file = run("--format", "json", "docs/kh.md", cwd=work)
    r = run("--format", "json", "-", "--stdin-filename", "docs/kh.md", cwd=work, input=DOC)
    assert r.exit_code == 1, r.output
    (f,) = json.loads(r.stdout)["files"]
    assert os.path.normpath(f["path"]) == "docs/kh.md"
    assert f["violations"] == json.loads(from_file.stdout)["files"][0]["violations"]


def test_stdin_docx_bytes(work):
    data = EXAMPLE.read_bytes()
    from_file = run("--format", "json", "examples/ke-hoach-du-thao.docx", cwd=work)
    r = run("--format", "json", "-", "--stdin-filename", "du-thao.docx", cwd=work, input=data)
    assert r.exit_code == 1, r.output
    (f,) = json.loads(r.stdout)["files"]
    assert f["path"] == "du-thao.docx"
    assert f["violations"] == json.loads(from_file.stdout)["files"][0]["violations"]


def test_stdin_without_filename_is_read_as_text(work):
    r = run("--format", "json", "-", cwd=work, input=DOC)
    assert r.exit_code == 1, r.output
    (f,) = json.loads(r.stdout)["files"]
    assert f.get("error") is None and "VB107" in {v["code"] for v in f["violations"]}


def test_stdin_filename_selects_per_file_ignores(work):
    (work / "vbcheck.toml").write_text('[per-file-ignores]\n"docs/*.md" = ["VB104"]\n', encoding="utf-8")
    r = run("--format", "json", "-", "--stdin-filename", "docs/kh.md", cwd=work, input=DOC)
    assert r.exit_code == 1, r.output
    assert "VB104" not in codes_of(r.stdout) and "VB107" in codes_of(r.stdout)


def test_show_files_lists_what_would_be_checked(repo):
    r = run("--show-files", ".", cwd=repo)
    assert r.exit_code == 0
    assert sorted(r.stdout.split()) == ["./docs/ke-hoach.docx", "./docs/ke-hoach.md"]


def test_no_respect_gitignore(repo):
    _put(repo, ".gitignore", "brouillons/\n")
    _put(repo, "brouillons/a.md")
    assert "brouillons/a.md" in _discover(repo, "--no-respect-gitignore", ".")
    _put(repo, "vbcheck.toml", "respect-gitignore = false\n")
    assert "brouillons/a.md" in _discover(repo, ".")


def test_exclusions_are_relative_to_the_search_not_the_folders_above(tmp_path):
    """A checkout under a folder named like an exclusion (…/build/…) is still searched."""
    root = tmp_path / "build" / "van-ban"
    _put(root, "kh.md")
    assert _discover(root, ".") == {"kh.md"}
    assert _discover(tmp_path, str(root)) == {str(root / "kh.md")}
