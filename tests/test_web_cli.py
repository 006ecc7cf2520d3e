"""`vbcheck serve` on the command line (issue 16): it says where it listens, refuses a taken port
in one line, warns when it is reachable from other machines, and stays optional: without the
`web` extra it prints one line saying what to install, and vbcheck never imports the framework
unless asked to serve."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import vbcheck
from vbcheck.web.server import is_loopback, url_of

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ke-hoach-du-thao.docx"


# No proxy from the environment for a server on this machine.
OPEN = urllib.request.build_opener(urllib.request.ProxyHandler({})).open


def first_line(stream, wait: float = 120.0) -> str:
    out: list[str] = []
    t = threading.Thread(target=lambda: out.append(stream.readline()), daemon=True)
    t.start()
    t.join(wait)
    return out[0] if out else ""


@contextmanager
def serving(*args: str):
    """`vbcheck serve ARGS` in a child process; yields (process, its first line of stdout)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    p = subprocess.Popen([sys.executable, "-m", "vbcheck", "serve", *args], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env)
    try:
        yield p, first_line(p.stdout)
    finally:
        p.terminate()
        try:
            p.wait(30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(30)


def test_serve_says_where_and_answers(tmp_path):
    with serving("--port", "0", "-j", "1") as (p, line):
        assert line.startswith("vbcheck serve: http://127.0.0.1:"), (line, p.stderr.read() if p.poll() is not None else "")
        url = line.split()[2]
        with OPEN(url + "api/info", timeout=60) as r:
            assert json.load(r)["profiles"][0] == "auto"
        with OPEN(url, timeout=60) as r:
            assert "vbcheck" in r.read().decode("utf-8")
    assert p.returncode is not None


def test_serve_on_a_taken_port_is_one_line_and_exit_2():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "vbcheck", "serve", "--port", str(port)], capture_output=True,
                           text=True, encoding="utf-8", timeout=120)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and f"127.0.0.1:{port}" in r.stderr and "--port" in r.stderr
    assert "Traceback" not in r.stderr


def test_serve_warns_when_reachable_from_the_network():
    with serving("--host", "0.0.0.0", "--port", "0", "-j", "1") as (p, line):
        assert line.startswith("vbcheck serve: http://127.0.0.1:")
        p.terminate()
        p.wait(30)
        err = p.stderr.read()
    assert "warning: listening on 0.0.0.0:" in err and "no login" in err


def test_loopback_names():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1") and is_loopback("127.0.0.2")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("intranet")
    assert url_of("::1", 80) == "http://[::1]:80/" and url_of("0.0.0.0", 8000) == "http://127.0.0.1:8000/"


# A Python that cannot import the web extra (as after `pip install vbcheck` without [web]).
NO_WEB = """
import sys
class NoWeb:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("starlette", "uvicorn", "python_multipart", "multipart"):
            raise ModuleNotFoundError(f"No module named {name!r}")
        return None
sys.meta_path.insert(0, NoWeb())
sys.argv = ["vbcheck", *sys.argv[1:]]
from vbcheck.cli import main
main()
"""


def test_serve_without_the_extra_says_what_to_install():
    r = subprocess.run([sys.executable, "-c", NO_WEB, "serve"], capture_output=True, text=True, encoding="utf-8",
                       timeout=120)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "pip install 'vbcheck[web]'" in r.stderr and "Traceback" not in r.stderr
    # Everything else works as before without it.
    r = subprocess.run([sys.executable, "-c", NO_WEB, str(EXAMPLE)], capture_output=True, text=True,
                       encoding="utf-8", timeout=120)
    assert r.returncode == 1 and "VB107" in r.stdout


def test_vbcheck_never_imports_the_framework_unless_serving():
    code = ("import sys, vbcheck; from vbcheck.cli import main\n"
            "vbcheck.check(sys.argv[1])\n"
            "try:\n    main([sys.argv[1]])\nexcept SystemExit:\n    pass\n"
            "import vbcheck.web\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn', 'python_multipart')))")
    r = subprocess.run([sys.executable, "-c", code, str(EXAMPLE)], capture_output=True, text=True,
                       encoding="utf-8", timeout=120)
    assert r.stdout.strip().splitlines()[-1] == "[]", r.stdout + r.stderr


def test_serve_help():
    r = subprocess.run([sys.executable, "-m", "vbcheck", "serve", "--help"], capture_output=True, text=True,
                       encoding="utf-8", timeout=120)
    assert r.returncode == 0
    for opt in ("--host", "--port", "--open", "--jobs"):
        assert opt in r.stdout


# --------------------------------------------------------------------------- the README


README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("\n## The page for the clerk (`vbcheck serve`)\n", 1)[1].split("\n## ", 1)[0]


def test_readme_quick_start_and_screenshot():
    quick = README.split("\n## Quick start\n", 1)[1].split("\n## ", 1)[0]
    assert "pip install '.[web]' && vbcheck serve --open" in quick
    assert "](docs/vbcheck-serve.png)" in SECTION
    from PIL import Image

    with Image.open(ROOT / "docs" / "vbcheck-serve.png") as img:
        assert img.size == (1366, 768)


def test_readme_api_examples_run(tmp_path):
    import re
    import shutil
    import zipfile

    block = re.search(r"```sh\n(.*?)```", SECTION, re.S).group(1)
    commands = [c for c in block.splitlines() if c.startswith("curl ")]
    assert len(commands) == 5
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    with serving("--port", "0", "-j", "1") as (p, line):
        url = line.split()[2]
        outs = []
        for c in commands:
            # --noproxy: a proxy from the environment must not see a request to this machine.
            c = c.replace("http://127.0.0.1:8000/", url).replace("curl -s", "curl -s --noproxy '*' --fail-with-body")
            r = subprocess.run(["bash", "-e", "-c", c], cwd=tmp_path, capture_output=True, text=True,
                               encoding="utf-8", timeout=120)
            assert r.returncode == 0, (c, r.stdout, r.stderr)
            outs.append(r.stdout)
    assert json.loads(outs[0])["files"][0]["stage"] == "final"
    assert json.loads((tmp_path / "vbcheck.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    with zipfile.ZipFile(tmp_path / "ke-hoach.vbcheck.docx") as z:
        assert z.read("word/comments.xml").count(b"<w:comment ") == \
            len(vbcheck.check(str(EXAMPLE)).files[0].violations)
    with zipfile.ZipFile(tmp_path / "ke-hoach.fixed.docx") as z:
        assert "<w:ins " in z.read("word/document.xml").decode("utf-8")
    assert json.loads(outs[4])["code"] == "VB107" and json.loads(outs[4])["summary"].startswith("Number and")
