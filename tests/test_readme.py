"""The README's integration examples run as written (issue 5): under "## Integrations", each
"### " section runs in a fresh folder holding a copy of examples/; a block tagged `file=PATH`
is written there, a block tagged `sh test [exit=N]` is run with bash -e and must exit N
(default 0). The shell's PATH starts with a virtualenv that sees this environment's packages,
so `pip install` in an example does not touch the environment the tests run in."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```\s*$", re.S | re.M)


def sections() -> dict[str, list[tuple[str, str, str]]]:
    body = README.split("\n## Integrations\n", 1)[1].split("\n## ", 1)[0]
    out = {}
    for part in body.split("\n### ")[1:]:
        title, _, text = part.partition("\n")
        out[title.strip()] = [(m.group(1), m.group(2).strip(), m.group(3)) for m in FENCE.finditer(text)]
    return out


SECTIONS = sections()


def test_readme_has_the_integration_sections():
    assert list(SECTIONS) == ["Configuration", "Suppressions", "Plugins", "Outputs", "Fixes", "pre-commit"]
    for title, blocks in SECTIONS.items():
        assert any(info.startswith("test") for _, info, _ in blocks), f"{title}: no tested example"


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    d = tmp_path_factory.mktemp("readme-venv")
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(d)], check=True, timeout=300)
    py = d / "bin" / "python"
    # --system-site-packages sees the base interpreter's packages, not those of a venv the tests
    # run in (CI's .venv): add this environment's site folders (processing their .pth files).
    import site
    import sysconfig

    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    dirs = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"], *site.getsitepackages()]
    lines = "".join(f"import site; site.addsitedir({x!r})\n" for x in dict.fromkeys(dirs))
    Path(purelib, "_vbcheck_parent_env.pth").write_text(lines, encoding="utf-8")
    # `vbcheck` from this venv (the system script would not see packages installed into it).
    (d / "bin" / "vbcheck").write_text(f'#!/bin/sh\nexec "{py}" -m vbcheck "$@"\n')
    (d / "bin" / "vbcheck").chmod(0o755)
    return d


@pytest.mark.parametrize("title", list(SECTIONS))
def test_readme_section_examples_run(title, tmp_path, venv):
    if title == "pre-commit" and shutil.which("git") is None:
        pytest.skip("git not installed")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = {k: v for k, v in os.environ.items() if k != "VBCHECK_LOAD_PLUGINS"}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{os.path.dirname(sys.executable)}{os.pathsep}{env.get('PATH', '')}"
    env["PRE_COMMIT_HOME"] = str(tmp_path / ".pre-commit-home")
    env.update({"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
                "GIT_COMMITTER_EMAIL": "t@example.invalid", "GIT_CONFIG_GLOBAL": os.devnull})
    ran = 0
    for lang, info, text in SECTIONS[title]:
        m = re.match(r"file=(\S+)", info)
        if m:
            dest = tmp_path / m.group(1)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(text, encoding="utf-8")
        elif info.startswith("test"):
            want = int(re.search(r"exit=(\d+)", info).group(1)) if "exit=" in info else 0
            r = subprocess.run(["bash", "-e", "-c", text], cwd=tmp_path, env=env, capture_output=True,
                               text=True, timeout=900)
            assert r.returncode == want, f"{title}: exit {r.returncode} != {want}\n{text}\n{r.stdout}\n{r.stderr}"
            ran += 1
            check_output(title, tmp_path, r.stdout)
    assert ran


def check_output(title: str, d: Path, out: str) -> None:
    """What each section's example is meant to show."""
    if title == "Configuration":
        assert "vbcheck.toml" in out and 'select = ["VB"]  # config' in out
        assert '"CCHC"' in out and '"SNV"' in out  # the data pack reached the language rules
        assert out.count(": VB104 ") == 1  # per-file-ignores hid it; --isolated shows it
    elif title == "Suppressions":
        assert out.strip().endswith("0 gợi ý") and "BCĐ" not in out and "VB122" not in out
    elif title == "Plugins":
        assert "xy-rules" in out and "XY002 (khong-dung-vv)" in out
    elif title == "Outputs":
        import json

        assert out.startswith("::error file=examples/ke-hoach-du-thao.docx,line=3,col=5")
        assert json.loads((d / "vbcheck.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
        assert (d / "junit.xml").read_text(encoding="utf-8").startswith("<?xml")
        assert "<mark" in (d / "bao-cao.html").read_text(encoding="utf-8")
    elif title == "Fixes" and out.startswith("--- "):
        # the diff shown in the README is the one `vbcheck fix --diff` prints, to the byte
        shown = next(text for lang, info, text in SECTIONS["Fixes"] if lang == "text")
        assert out == shown
        assert not (d / "examples" / "ke-hoach-du-thao.fixed.docx").exists()  # --diff wrote nothing
    elif title == "Fixes":
        assert out.startswith("examples/ke-hoach-du-thao.docx: đã sửa 7 → examples/ke-hoach-du-thao.fixed.docx\n")
        assert "Đã sửa 7, còn 3." in out
        assert ": VB107 " not in out and ": VB104 " not in out  # the fixed copy has the zero and the dashes
        assert (d / "examples" / "ke-hoach-du-thao.fixed.docx").is_file()
    elif title == "pre-commit":
        assert "VB107" in out and "Failed" in out


def test_readme_rule_table_is_the_catalogue():
    """The README's rule table is generated from rules/catalogue (scripts/readme_rules.py):
    a rule added, renamed or re-described in the catalogue fails here until it is regenerated."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("readme_rules", ROOT / "scripts" / "readme_rules.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert mod.current(text) == mod.generated(), "run: python scripts/readme_rules.py"
    assert "| VB308 | font-color |" in mod.current(text)


# ----------------------------------------------------------------------------- a new user's README
# (issue 14): every command and sample output of the README is what vbcheck does today.

import json  # noqa: E402

from .cli_helpers import (  # noqa: E402
    child_env,
    copy_example,
    fences,
    readme_text,
    sample_matches,
    section,
)
from .cli_helpers import vbcheck as run  # noqa: E402

EXAMPLE_NAME = "ke-hoach-du-thao.docx"


@pytest.fixture
def work(tmp_path):
    copy_example(tmp_path)
    return tmp_path


def test_readme_sample_output_is_current(work):
    text = readme_text()
    block = next((b for lang, _, b, _ in fences(text) if b.startswith(f"$ vbcheck examples/{EXAMPLE_NAME}\n")), None)
    assert block, "README: no sample output block"
    cmd, *sample = block.rstrip("\n").split("\n")
    r = run(*cmd[2:].split()[1:], cwd=work)
    problem = sample_matches(sample, r.stdout.rstrip("\n").split("\n"))
    assert problem is None, f"README sample is stale: {problem}\n--- actual:\n{r.stdout}"


def test_readme_json_sample_is_current(work):
    """The JSON contract's sample: its summary and the finding it shows are the example's."""
    text = readme_text()
    block = next(b for lang, _, b, _ in fences(text) if lang == "json" and '"summary"' in b)
    actual = json.loads(run("--format", "json", f"examples/{EXAMPLE_NAME}", cwd=work).stdout)
    summary = json.loads(re.search(r'"summary":\s*(\{[^}]*\})', block).group(1))
    assert summary == actual["summary"]
    shown = json.loads(re.search(r'"violations":\s*\[(\{.*?\})\]', block, re.S).group(1))
    fixed = {k: v for k, v in shown.items() if v != "…"}
    assert any(all(v.get(k) == x for k, x in fixed.items()) for v in actual["files"][0]["violations"]), fixed


def test_readme_library_example_prints_what_it_says(work):
    """Guard (passes today): the Library block's `# comments` are what it prints."""
    text = readme_text()
    block = next(b for lang, _, b, _ in fences(text) if lang == "python" and "vbcheck.check(" in b)
    r = subprocess.run([sys.executable, "-c", block], cwd=work, env=child_env(), capture_output=True, text=True,
                       encoding="utf-8", timeout=300)
    assert r.returncode == 0, r.stderr
    for line in block.splitlines():
        m = re.search(r"print\(.*#\s*(.+)$", line)
        if m:
            assert m.group(1).strip() in r.stdout.splitlines(), (m.group(1), r.stdout)


def test_readme_precommit_rev_exists(tmp_path):
    root = ROOT
    if not shutil.which("git") or subprocess.run(["git", "-C", str(root), "rev-parse", "--git-dir"],
                                                 capture_output=True).returncode:
        pytest.skip("the checkout is not a git work tree")
    revs = re.findall(r"(?m)^\s*rev:\s*['\"]?([^\s'\"#]+)", readme_text())
    assert revs, "README: no pre-commit rev"
    for rev in revs:
        r = subprocess.run(["git", "-C", str(root), "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
                           capture_output=True, text=True)
        if r.returncode and rev == "main" and subprocess.run(
                ["git", "-C", str(root), "rev-parse", "--verify", "--quiet", "origin/main^{commit}"],
                capture_output=True).returncode == 0:
            continue  # a clone whose main is only the remote's
        assert r.returncode == 0, f"README pre-commit snippet: rev {rev!r} is no branch, tag or commit here"


def test_readme_github_actions_snippet_installs_vbcheck():
    text = readme_text()
    block = next((b for lang, _, b, _ in fences(text) if "upload-sarif" in b), None)
    assert block, "README: no GitHub Actions snippet"
    run_at = re.search(r"(?m)^\s*(?:-\s*)?(?:run:\s*)?vbcheck\s", block)
    install_at = re.search(r"(?m)(pip|pipx|uv pip|uv tool) install\b[^\n]*vbcheck", block)
    assert install_at and run_at and install_at.start() < run_at.start(), f"no install step before the run:\n{block}"
    assert "actions/checkout" in block and "security-events: write" in block, block


def test_readme_has_windows_instructions():
    text = readme_text()
    prose = re.sub(r"(?ms)^```.*?^```", "", text)
    assert "Windows" in prose
    assert any(re.search(r"Scripts[\\/]+activate", b, re.I) for _, _, b, _ in fences(text)), \
        "no Windows virtualenv activation (.venv\\Scripts\\activate) in a code block"
    assert re.search(r"(?i)utf-8", section_of_windows(text)), "nothing about the console code page / UTF-8 output"


def section_of_windows(text: str) -> str:
    m = re.search(r"(?m)^#+ .*Windows.*$", text)
    if not m:
        return ""
    return text[m.start(): m.start() + 4000]


def _readme_blocks_until(text: str, heading: str):
    """Every `file=` and `sh test` block from the start of the README up to the end of the
    section `heading`, in order."""
    end = text.index(heading)
    nxt = re.search(r"(?m)^#{1,3} ", text[end + len(heading):])
    stop = end + len(heading) + (nxt.start() if nxt else len(text))
    return [(lang, info, body) for lang, info, body, at in fences(text) if at < stop]


def _run_readme_sh(block: str, cwd: Path) -> subprocess.CompletedProcess:
    bindir = cwd.parent / "bin"
    bindir.mkdir(exist_ok=True)
    (bindir / "vbcheck").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m vbcheck "$@"\n', encoding="utf-8")
    (bindir / "vbcheck").chmod(0o755)
    env = child_env({"PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}"})
    return subprocess.run(["bash", "-c", block], cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


def test_readme_suppressions_example_passes_when_followed_in_order(tmp_path):
    """A reader who follows the README from the top in one folder (vbcheck.toml and the data
    pack of "Configuration" written, then ke-hoach.md) runs the Suppressions command: it must
    exit as the block says (0)."""
    text = readme_text()
    d = tmp_path / "follow"
    d.mkdir()
    copy_example(d)
    last = None
    for lang, info, body in _readme_blocks_until(text, "### Suppressions"):
        m = re.match(r"file=(\S+)", info)
        if m:
            p = d / m.group(1)
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(body, encoding="utf-8")
        elif info.startswith("test"):
            last = (info, body)
    assert last and "ke-hoach.md" in last[1], last
    info, body = last
    want = int(re.search(r"exit=(\d+)", info).group(1)) if "exit=" in info else 0
    r = _run_readme_sh(body, d)
    assert r.returncode == want, f"exit {r.returncode}, README says {want}:\n{r.stdout}{r.stderr}"


def test_readme_suppressions_example_passes_alone(tmp_path):
    """Guard (passes today): in an empty folder."""
    text = readme_text()
    sup = section(text, "### Suppressions")
    d = tmp_path / "alone"
    d.mkdir()
    for lang, info, body, _ in fences(sup):
        if info.startswith("file="):
            (d / info.split("=", 1)[1].split()[0]).write_text(body, encoding="utf-8")
    body = next(b for _, info, b, _ in fences(sup) if info.startswith("test"))
    r = _run_readme_sh(body, d)
    assert r.returncode == 0, r.stdout + r.stderr
