"""The pre-commit hook (issue 5, part 5): `pre-commit try-repo` against a throwaway git repository
holding a failing and a passing document, and the README's `.pre-commit-config.yaml` run as is.

SLOW (about a minute): pre-commit builds a virtualenv and pip-installs vbcheck from a committed
copy of this working tree (its dependencies come from PyPI). Set VBCHECK_SKIP_PRECOMMIT=1 to skip
locally; CI runs it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vbcheck.catalogue import loader as packs

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(bool(os.environ.get("VBCHECK_SKIP_PRECOMMIT")),
                                reason="VBCHECK_SKIP_PRECOMMIT is set")
GOOD = packs.example_base("ke-hoach")
BAD = GOOD.replace("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n", "")  # VB101 quoc-hieu-missing, an error
ENV_GIT = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def sh(*args, cwd, env=None, check=True, timeout=900):
    e = {**os.environ, **ENV_GIT, **(env or {})}
    e.pop("VBCHECK_LOAD_PLUGINS", None)
    r = subprocess.run(list(args), cwd=cwd, env=e, capture_output=True, text=True, timeout=timeout)
    if check and r.returncode != 0:
        raise AssertionError(f"{args} failed ({r.returncode}):\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
    return r


def pre_commit(*args, cwd, home):
    return sh(sys.executable, "-m", "pre_commit", *args, cwd=cwd, env={"PRE_COMMIT_HOME": str(home)},
              check=False)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """A committed copy of this working tree (tracked and new files, not ignored ones)."""
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    pytest.importorskip("pre_commit", reason="pre-commit not installed (pip install -e '.[test]')")
    dst = tmp_path_factory.mktemp("hook-repo")
    files = sh("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).stdout
    for rel in filter(None, files.split("\0")):
        src = ROOT / rel
        if src.is_file() and not rel.startswith(("tests/", "examples/", "bench/")):
            (dst / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst / rel)
    sh("git", "init", "-q", cwd=dst)
    sh("git", "add", "-A", cwd=dst)
    sh("git", "commit", "-q", "-m", "hook repo", cwd=dst)
    rev = sh("git", "rev-parse", "HEAD", cwd=dst).stdout.strip()
    return dst, rev, tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def docs_repo(tmp_path):
    repo = tmp_path / "van-ban"
    repo.mkdir()
    sh("git", "init", "-q", cwd=repo)
    (repo / "bad.txt").write_text(BAD, encoding="utf-8")
    (repo / "good.md").write_text(GOOD, encoding="utf-8")
    (repo / "notes.py").write_text("x = 1\n", encoding="utf-8")  # not selected by files:
    sh("git", "add", "-A", cwd=repo)
    return repo


def test_manifest_selects_documents_by_files_regex():
    import yaml  # pre-commit depends on PyYAML

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "vbcheck")
    assert hook["language"] == "python" and hook["entry"] == "vbcheck --force-exclude"
    rx = re.compile(hook["files"])
    assert all(rx.search(f) for f in ("a.docx", "b/c.md", "d.txt", "e.markdown"))
    assert not any(rx.search(f) for f in ("a.doc", "x.py", "docx.json", "m.md.bak"))


def test_try_repo_fails_on_a_bad_document_and_passes_a_good_one(hook_repo, docs_repo):
    repo, rev, home = hook_repo
    r = pre_commit("try-repo", str(repo), "vbcheck", "--all-files", cwd=docs_repo, home=home)
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "bad.txt:" in out and "VB101" in out
    assert "good.md:" not in out and "notes.py" not in out
    r = pre_commit("try-repo", str(repo), "vbcheck", "--files", "good.md", cwd=docs_repo, home=home)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Passed" in r.stdout


def readme_precommit_config() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"```yaml file=\.pre-commit-config\.yaml\n(.*?)```", text, re.S)
    assert m, "README has no ```yaml file=.pre-commit-config.yaml block"
    return m.group(1)


def test_readme_pre_commit_config_runs(hook_repo, docs_repo):
    repo, rev, home = hook_repo
    config = readme_precommit_config()
    assert "id: vbcheck" in config
    # The README points at the published repository and a release; use the local copy here.
    config = re.sub(r"repo: \S+", f"repo: {repo.as_posix()}", config)
    config = re.sub(r"rev: \S+", f"rev: {rev}", config)
    (docs_repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    r = pre_commit("run", "--all-files", cwd=docs_repo, home=home)
    out = r.stdout + r.stderr
    assert r.returncode == 1 and "bad.txt:" in out and "VB101" in out, out
    (docs_repo / "bad.txt").write_text(GOOD, encoding="utf-8")
    r = pre_commit("run", "--all-files", cwd=docs_repo, home=home)
    assert r.returncode == 0, r.stdout + r.stderr
