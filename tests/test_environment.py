"""The test suite never installs into, or changes, the environment it runs in (issue 14): the
example plugin comes from a temporary distribution on PYTHONPATH, and a run of the plugin tests
with `pip` replaced by a recorder records no install into this environment."""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys

import pytest

from .cli_helpers import ROOT, child_env

FAKE_PIP = '''import json, os, sys
def _record():
    with open(os.environ["ISSUE14_PIP_LOG"], "a", encoding="utf-8") as f:
        f.write(json.dumps({"prefix": sys.prefix, "argv": sys.argv[1:]}) + "\\n")
'''


def test_suite_never_installs_into_its_environment(tmp_path):
    """Run the project's plugin tests with pip replaced by a recorder (on PYTHONPATH and
    PATH): no `pip install` may target this environment (sys.prefix). The project's example
    plugin comes from a temporary distribution on sys.path."""
    root = ROOT
    try:
        importlib.metadata.distribution("vbcheck-plugin-example")
        pytest.skip("vbcheck-plugin-example is already installed here: the suite would not try to install it")
    except importlib.metadata.PackageNotFoundError:
        pass
    fake = tmp_path / "fakepip"
    for sub in ("pip", "pip/_internal", "pip/_internal/cli"):
        (fake / sub).mkdir(parents=True)
        (fake / sub / "__init__.py").write_text("", encoding="utf-8")
    (fake / "pip" / "_rec.py").write_text(FAKE_PIP, encoding="utf-8")
    (fake / "pip" / "__main__.py").write_text("from pip._rec import _record\n_record()\nraise SystemExit(1)\n",
                                               encoding="utf-8")
    (fake / "pip" / "_internal" / "cli" / "main.py").write_text(
        "from pip._rec import _record\ndef main(args=None):\n    _record()\n    return 1\n", encoding="utf-8")
    bindir = fake / "bin"
    bindir.mkdir()
    for name in ("pip", "pip3"):
        (bindir / name).write_text(f'#!/bin/sh\nexec "{sys.executable}" -m pip "$@"\n', encoding="utf-8")
        (bindir / name).chmod(0o755)
    log = tmp_path / "pip.log"
    log.touch()
    tests = root / "tests" / "test_plugins.py"
    env = child_env({"PYTHONPATH": str(fake), "ISSUE14_PIP_LOG": str(log),
                     "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}"})
    # One test that uses the example_plugin fixture is enough: the fixture is what used to install.
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(root),
                        "-k", "test_plugins_lists_the_example", str(tests)], cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8",
                       timeout=900)
    calls = [json.loads(x) for x in log.read_text(encoding="utf-8").splitlines() if x.strip()]
    here = [c for c in calls if "install" in c["argv"] and os.path.realpath(c["prefix"]) == os.path.realpath(sys.prefix)
            and not {"--target", "-t", "--prefix", "--root"} & set(c["argv"])]
    assert not here, f"the test suite ran pip install into {sys.prefix}: {here}\n{r.stdout[-1500:]}"
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]  # and the plugin tests pass without it
