"""A plugin that fails to load (issues 14 and 18): an import error, an exception or `sys.exit()`
in its module is that plugin's one-line error naming it and its distribution, exit 2, never
"internal error" nor the plugin's own exit status; `vbcheck plugins` lists it as broken beside
the others; `--version`, `--help` and VBCHECK_LOAD_PLUGINS="" keep working. The plugin is a
temporary distribution on PYTHONPATH: nothing is installed."""

from __future__ import annotations

import pytest

from .cli_helpers import fake_plugin, nonempty_lines
from .cli_helpers import vbcheck as run

BROKEN = {
    "import-error": "import khong_co_goi_nay_14  # noqa\n",
    "runtime-error": "raise RuntimeError('plugin hỏng 14')\n",
    "sys-exit": "import sys\nsys.exit(3)\n",
}


@pytest.fixture
def work(tmp_path):
    (tmp_path / "kh.md").write_text("Số: 5/KH-UBND\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("kind,args", [("import-error", ["kh.md"]), ("runtime-error", ["kh.md"]),
                                       ("sys-exit", ["kh.md"]), ("runtime-error", ["rules"]),
                                       ("sys-exit", ["rule", "VB107"])],
                         ids=["check-import", "check-raise", "check-exit", "rules-raise", "rule-exit"])
def test_broken_plugin_is_a_named_one_line_error(work, tmp_path, kind, args):
    env = fake_plugin(tmp_path / "site", BROKEN[kind])
    r = run(*args, cwd=work, env=env)
    assert r.returncode == 2, (r.returncode, r.stdout[-500:], r.stderr[-2000:])
    (line,) = nonempty_lines(r.stderr)
    assert "hong14" in line and "vbcheck-plugin-hong14 0.1" in line, line
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr and r.stdout == ""
    assert {"import-error": "khong_co_goi_nay_14", "runtime-error": "plugin hỏng 14",
            "sys-exit": "SystemExit: 3"}[kind] in line


@pytest.mark.parametrize("kind", list(BROKEN))
def test_plugins_lists_a_broken_plugin(work, tmp_path, kind):
    env = fake_plugin(tmp_path / "site", BROKEN[kind])
    r = run("plugins", cwd=work, env=env)
    assert "internal error" not in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert r.returncode == 2
    lines = r.stdout.splitlines()
    assert any(x.startswith("vbcheck.checks") for x in lines), r.stdout  # the others still listed
    (broken,) = [x for x in lines if x.startswith("hong14")]
    assert "broken" in broken and "vbcheck-plugin-hong14" in broken
    if kind == "import-error":
        assert "khong_co_goi_nay_14" in broken


def test_broken_plugin_can_be_switched_off_and_help_still_works(work, tmp_path):
    env = fake_plugin(tmp_path / "site", BROKEN["import-error"])
    r = run("kh.md", cwd=work, env={**env, "VBCHECK_LOAD_PLUGINS": ""})
    assert r.returncode == 1 and "VB107" in r.stdout, r.stderr
    assert run("--version", cwd=work, env=env).returncode == 0
    assert run("--help", cwd=work, env=env).returncode == 0
    assert run("check", "--help", cwd=work, env=env).returncode == 0


def test_library_raises_plugin_error(tmp_path):
    import subprocess
    import sys

    from .cli_helpers import child_env

    env = fake_plugin(tmp_path / "site", BROKEN["sys-exit"])
    code = ("import vbcheck\ntry:\n    vbcheck.check_text('x')\nexcept vbcheck.PluginError as e:\n"
            "    print('PluginError', e)\n")
    r = subprocess.run([sys.executable, "-c", code], env=child_env(env), capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and r.stdout.startswith("PluginError plugin 'hong14'"), r.stdout + r.stderr
