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
        assert out.strip().endswith("0 gợi ý") and "MTTQ" not in out and "VB122" not in out
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
