"""Third-party rules (issue 5, part 3): the example plugin package in tests/plugin_example is
discovered through the `vbcheck` entry-point group, listed by `vbcheck plugins`, reports its rule
and feeds known abbreviations; VBCHECK_LOAD_PLUGINS switches it off. Nothing is installed: the
plugin is a temporary distribution (a *.dist-info folder beside its source) on PYTHONPATH of the
CLI subprocesses, which build their plugin manager once per process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from vbcheck.catalogue import loader as packs

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "tests" / "plugin_example"
DOC = (packs.example_base("ke-hoach")
       .replace("Tuyên truyền cải cách hành chính năm 2026", "Tuyên truyền cải cách hành chính năm 2026 (BẢN NHÁP)")
       .replace("2. Bảo đảm thiết thực", "2. PKHXY bảo đảm thiết thực"))


@pytest.fixture(scope="session")
def example_plugin(tmp_path_factory):
    """The example plugin as a distribution on PYTHONPATH: its metadata and entry points in a
    temporary *.dist-info folder, its module from tests/plugin_example/src (never installed)."""
    import tomllib

    meta = tomllib.loads((PLUGIN / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    site = tmp_path_factory.mktemp("plugin-site")
    info = site / f"{meta['name'].replace('-', '_')}-{meta['version']}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {meta['name']}\nVersion: {meta['version']}\n",
                                   encoding="utf-8")
    eps = "".join(f"{k} = {v}\n" for k, v in meta["entry-points"]["vbcheck"].items())
    (info / "entry_points.txt").write_text(f"[vbcheck]\n{eps}", encoding="utf-8")
    (info / "RECORD").write_text("", encoding="utf-8")
    PLUGIN_PATH[:] = [str(site), str(PLUGIN / "src")]
    return PLUGIN


PLUGIN_PATH: list[str] = []  # set by the example_plugin fixture


def plugin_env() -> dict:
    """This environment with the example plugin's temporary distribution on PYTHONPATH."""
    e = dict(os.environ)
    e.pop("VBCHECK_LOAD_PLUGINS", None)
    e["PYTHONPATH"] = os.pathsep.join([*PLUGIN_PATH, *filter(None, [e.get("PYTHONPATH")])])
    return e


def vbcheck(*args, env=None, cwd=None):
    e = plugin_env()
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "vbcheck", *args], capture_output=True, text=True,
                          env=e, cwd=cwd, timeout=300)


@pytest.fixture
def doc(tmp_path):
    p = tmp_path / "kh.txt"
    p.write_text(DOC, encoding="utf-8")
    return str(p)


def test_plugins_lists_the_example(example_plugin):
    r = vbcheck("plugins")
    assert r.returncode == 0
    line = next(x for x in r.stdout.splitlines() if x.startswith("example "))
    assert "vbcheck-plugin-example 0.1.0" in line and "XY001" in line
    assert "vbcheck_known_abbreviations" in line
    assert any(x.startswith("vbcheck.checks ") and "built-in" in x for x in r.stdout.splitlines())


def test_plugin_rule_is_reported_and_its_abbreviations_known(example_plugin, doc):
    r = vbcheck("--select", "XY001,VB201", doc)
    assert f"{doc}:10:44: XY001" in r.stdout and " XY001 cảnh báo " in r.stdout
    assert "PKHXY" not in r.stdout  # known through the plugin's vbcheck_known_abbreviations
    r = vbcheck("rule", "XY001")
    assert r.returncode == 0 and "ban-nhap-watermark" in r.stdout and "(bản nháp)" in r.stdout


def test_load_plugins_env(example_plugin, doc):
    r = vbcheck(doc, env={"VBCHECK_LOAD_PLUGINS": ""})
    assert "XY001" not in r.stdout and "VB201" in r.stdout and "PKHXY" in r.stdout
    assert "example" not in vbcheck("plugins", env={"VBCHECK_LOAD_PLUGINS": ""}).stdout
    # --select of a rule that is not loaded is a usage error naming it
    r = vbcheck("--select", "XY001", doc, env={"VBCHECK_LOAD_PLUGINS": ""})
    assert r.returncode == 2 and "XY001" in r.stderr
    r = vbcheck("--select", "XY001", doc, env={"VBCHECK_LOAD_PLUGINS": "example"})
    assert " XY001 " in r.stdout


def test_config_may_select_plugin_rules(example_plugin, doc, tmp_path):
    (tmp_path / "vbcheck.toml").write_text('select = ["XY"]\n', encoding="utf-8")
    r = vbcheck(doc, cwd=tmp_path)
    assert [ln.split()[1] for ln in r.stdout.splitlines()[:-1]] == ["XY001"]
    r = vbcheck(doc, cwd=tmp_path, env={"VBCHECK_LOAD_PLUGINS": ""})
    assert r.returncode == 2 and "'XY'" in r.stderr  # the config names a rule that is not there


def test_register_a_plugin_in_process():
    """The hook contract without installing anything: register a module, check, unregister."""
    import types

    import vbcheck as vb
    from vbcheck.engine.plugins import manager
    from vbcheck.hookspecs import Rule, check, hookimpl

    rule = Rule(code="ZZ001", name="no-lorem", severity="info", summary_vi="lorem", summary_en="lorem")

    @check(rule)
    def no_lorem(doc, ctx):
        for p in doc.paragraphs:
            if "lorem" in p.text:
                yield ctx.finding("ZZ001", p, p.text.index("lorem"), p.text.index("lorem") + 5)

    mod = types.ModuleType("zz_plugin")
    mod.vbcheck_checks = hookimpl(lambda: [no_lorem])
    pm = manager()
    pm.register(mod, name="zz")
    try:
        res = vb.check_text(DOC.replace("2. PKHXY", "2. lorem"), select=["ZZ001"]).files[0]
        assert [(v.code, v.line, v.column) for v in res.violations] == [("ZZ001", 18, 4)]
    finally:
        pm.unregister(mod)


def test_a_plugin_rule_attaches_a_fix(example_plugin, doc):
    """The plugin contract's fix: XY001's safe fix deletes " (BẢN NHÁP)" and nothing else."""
    code = ("import json, sys, vbcheck\n"
            "r = vbcheck.fix(sys.argv[1], select=['XY001'])\n"
            "print(json.dumps([r.data.decode(), [f.fix.as_dict() for f in r.applied]], ensure_ascii=False))")
    r = subprocess.run([sys.executable, "-c", code, doc], capture_output=True, text=True, timeout=300,
                       env=plugin_env())
    assert r.returncode == 0, r.stderr
    import json

    data, fixes = json.loads(r.stdout)
    assert data == DOC.replace(" (BẢN NHÁP)", "")
    assert fixes == [{"applicability": "safe", "message": '" (BẢN NHÁP)" → ""',
                      "edits": [{"line": 10, "column": 42, "end_line": 10, "end_column": 53,
                                 "old": " (BẢN NHÁP)", "new": ""}]}]
