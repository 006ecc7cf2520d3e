"""Helpers for tests that run vbcheck as a user does: `python -m vbcheck` in a subprocess (with
its own environment, code page or terminal), temporary plugin distributions on PYTHONPATH
(nothing is ever installed), and reading the README's fenced blocks."""

from __future__ import annotations

import os
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_NAME = "ke-hoach-du-thao.docx"
EXAMPLE = ROOT / "examples" / EXAMPLE_NAME
ANSI_SGR = re.compile(rb"\x1b\[[0-9;]*m")
# Environment variables that change vbcheck's output; removed from every child environment.
_DROP = ("NO_COLOR", "FORCE_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "PYTHONIOENCODING", "PYTHONUTF8",
         "PRE_COMMIT", "COLUMNS", "TERM")


def child_env(extra: dict | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VBCHECK_") and k not in _DROP}
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # never write __pycache__ into the checkout
    env.update(extra or {})
    return {k: v for k, v in env.items() if v is not None}


def vbcheck(*args, cwd=None, env=None, input=None, text=True, timeout=300, **kw):
    """Run `python -m vbcheck ARGS` and return the CompletedProcess."""
    return subprocess.run([sys.executable, "-m", "vbcheck", *map(str, args)], cwd=cwd,
                          env=child_env(env), input=input, capture_output=True, text=text,
                          timeout=timeout, **({"encoding": "utf-8"} if text else {}), **kw)


def run_in_pty(argv, *, cwd=None, env=None, stdout_tty=True, stderr_tty=False, timeout=120):
    """Run argv with stdout and/or stderr on a pseudo-terminal. Returns
    (returncode, stdout bytes, stderr bytes); a pty's output has \\r\\n line ends."""
    import pty

    master, slave = pty.openpty()
    out_pipe = None if stdout_tty else subprocess.PIPE
    err_pipe = None if stderr_tty else subprocess.PIPE
    p = subprocess.Popen(argv, cwd=cwd, env=child_env(env), stdin=subprocess.DEVNULL,
                         stdout=slave if stdout_tty else out_pipe,
                         stderr=slave if stderr_tty else err_pipe)
    os.close(slave)
    tty_bytes = bytearray()
    pipes = [x for x in (p.stdout, p.stderr) if x is not None]
    pipe_bytes = {id(x): bytearray() for x in pipes}
    fds = [master, *pipes]
    import time

    end = time.monotonic() + timeout
    while fds and time.monotonic() < end:
        ready, _, _ = select.select(fds, [], [], 0.5)
        for r in ready:
            if r is master:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    chunk = b""
                if chunk:
                    tty_bytes += chunk
                else:
                    fds.remove(master)
            else:
                chunk = os.read(r.fileno(), 65536)
                if chunk:
                    pipe_bytes[id(r)] += chunk
                else:
                    fds.remove(r)
        if not ready and p.poll() is not None and master not in fds:
            break
    rc = p.wait(timeout=max(1, end - time.monotonic()))
    os.close(master)
    out = bytes(tty_bytes) if stdout_tty else bytes(pipe_bytes[id(p.stdout)])
    err = bytes(tty_bytes) if stderr_tty and not stdout_tty else (
        bytes(pipe_bytes[id(p.stderr)]) if p.stderr is not None else b"")
    return rc, out, err


def copy_example(dest: Path) -> Path:
    """dest/examples/ke-hoach-du-thao.docx, as the README's commands expect."""
    (dest / "examples").mkdir(parents=True, exist_ok=True)
    target = dest / "examples" / EXAMPLE_NAME
    shutil.copyfile(EXAMPLE, target)
    return target


def checked_paths(json_stdout: str) -> set[str]:
    import json

    return {os.path.normpath(f["path"]) for f in json.loads(json_stdout)["files"]}


# ---- README ---------------------------------------------------------------------------------

FENCE = re.compile(r"^```([\w-]*)([^\n]*)\n(.*?)^```[ \t]*$", re.S | re.M)


def readme_text() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def fences(text: str) -> list[tuple[str, str, str, int]]:
    """(language, info after the language, body, offset) of every fenced block."""
    return [(m.group(1), m.group(2).strip(), m.group(3), m.start()) for m in FENCE.finditer(text)]


def section(text: str, heading: str) -> str:
    """The text of the section whose heading line is `heading` (e.g. '## Quick start'), up to the
    next heading of the same or a higher level."""
    level = len(heading) - len(heading.lstrip("#"))
    m = re.search(rf"(?m)^{re.escape(heading)}[ \t]*$", text)
    if not m:
        return ""
    rest = text[m.end():]
    nxt = re.search(rf"(?m)^#{{1,{level}}} ", rest)
    return rest[: nxt.start()] if nxt else rest


def sample_matches(sample: list[str], actual: list[str]) -> str | None:
    """Compare a README sample (lines; '…' alone = any number of lines; a line ending in '…' =
    a prefix) with actual output lines, in order. Returns None, or a description of the first
    mismatch."""
    i = 0
    for k, s in enumerate(sample):
        if s.strip() == "…":
            nxt = sample[k + 1] if k + 1 < len(sample) else None
            if nxt is None:
                return None
            # skip ahead to the next line matching the following sample line
            while i < len(actual) and not _line_ok(nxt, actual[i]):
                i += 1
            continue
        if i >= len(actual):
            return f"sample line {s!r} has no counterpart (output ended)"
        if not _line_ok(s, actual[i]):
            return f"sample line {s!r} != actual {actual[i]!r}"
        i += 1
    return None if i == len(actual) else f"output has more lines than the sample: {actual[i:]!r}"


def _line_ok(sample_line: str, actual: str) -> bool:
    if sample_line.endswith("…"):
        return actual.startswith(sample_line[:-1])
    return actual == sample_line


# ---- a plugin distribution on PYTHONPATH (never installed) -----------------------------------

def fake_plugin(root: Path, module_source: str, *, ep_name: str = "hong14",
                dist: str = "vbcheck-plugin-hong14", module: str = "vbcheck_plugin_hong14") -> dict:
    """A distribution made of a *.dist-info folder and a module, declaring `ep_name = module`
    in the `vbcheck` entry-point group. Put root on PYTHONPATH to make importlib.metadata see
    it; nothing is installed. Returns the child environment to use."""
    root.mkdir(parents=True, exist_ok=True)
    info = root / f"{dist.replace('-', '_')}-0.1.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[vbcheck]\n{ep_name} = {module}\n", encoding="utf-8")
    (info / "RECORD").write_text("", encoding="utf-8")
    (root / f"{module}.py").write_text(module_source, encoding="utf-8")
    return {"PYTHONPATH": os.pathsep.join([str(root), *filter(None, [os.environ.get("PYTHONPATH")])])}


def nonempty_lines(s: str) -> list[str]:
    return [x for x in s.splitlines() if x.strip()]
