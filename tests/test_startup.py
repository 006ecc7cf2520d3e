"""Start-up speed tricks give what the plain path gives (speed itself is measured in bench/run.py).

- `vbcheck --version` is answered before click is imported, with click's own answer;
- `import vbcheck` imports only the version; the API loads on first use, annotations resolve;
- the rule packs' parse is cached with marshal (catalogue/loader.py), equal to tomllib's parse,
  and a changed pack, a corrupt cache or another key is parsed again.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib

from click.testing import CliRunner

from vbcheck.catalogue import loader
from vbcheck.cli import main


def _python(code: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)


def test_version_fast_path_answers_as_click_does_and_imports_no_click():
    plain = CliRunner().invoke(main, ["--version"])
    assert plain.exit_code == 0
    code = ("import sys\nfrom vbcheck.__main__ import run\nsys.argv = ['vbcheck', '--version']\n"
            "try:\n    run()\nexcept SystemExit as e:\n    status = e.code\n"
            "print(status, sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'vbcheck')),"
            " file=sys.stderr)\n")
    proc = _python(code)
    assert proc.stdout == plain.output == "vbcheck, version " + __import__("vbcheck").__version__ + "\n"
    assert proc.stderr.strip() == "0 ['vbcheck', 'vbcheck.__main__', 'vbcheck._version']"
    # As a command: `python -m vbcheck --version`, and any other argument goes to click.
    assert subprocess.run([sys.executable, "-m", "vbcheck", "--version"], capture_output=True,
                          text=True).stdout == plain.output
    helped = subprocess.run([sys.executable, "-m", "vbcheck", "--version", "--help"], capture_output=True, text=True)
    assert helped.returncode == 0 and helped.stdout == plain.output  # click's eager --version


def test_import_vbcheck_loads_only_the_version_and_the_api_on_first_use():
    proc = _python("import sys, typing, vbcheck\n"
                   "print(sorted(m for m in sys.modules if m.startswith('vbcheck')))\n"
                   "print(typing.get_type_hints(vbcheck.check)['return'] is vbcheck.Report)\n"
                   "from vbcheck import Finding, check_text\n"
                   "print(vbcheck.check.__module__, Finding.__module__, type(check_text('x')).__name__)\n")
    lines = proc.stdout.splitlines()
    assert proc.returncode == 0, proc.stderr
    assert lines[0] == "['vbcheck', 'vbcheck._version']"
    assert lines[1:] == ["True", "vbcheck.api vbcheck.core.finding Report"]
    import vbcheck

    assert set(dir(vbcheck)) == set(vbcheck.__all__)
    for name in vbcheck.__all__:
        assert getattr(vbcheck, name) is not None
    try:
        vbcheck.no_such_name  # noqa: B018
    except AttributeError as e:
        assert "no_such_name" in str(e)
    else:
        raise AssertionError("an unknown attribute must raise AttributeError")


def _packs() -> list[str]:
    root = loader.rules_dir()
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.toml"))


def test_pack_cache_gives_tomllib_parse(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "pack_cache_dir", lambda: tmp_path)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    names = _packs()
    assert len(names) >= 9
    for name in names:
        raw = (loader.rules_dir() / name).read_bytes()
        plain = tomllib.loads(raw.decode("utf-8"))
        assert loader._parsed(name, raw) == plain  # parsed, cache written
        assert (tmp_path / f"rules-{name.replace('/', '-')}.marshal").is_file()
        assert loader._parsed(name, raw) == plain  # read back from the cache
    # A changed pack is parsed again, never served from the old entry.
    name = "messages.toml"
    raw = (loader.rules_dir() / name).read_bytes()
    changed = raw + b'\n[speed_test]\nkey = "value"\n'
    assert loader._parsed(name, changed)["speed_test"] == {"key": "value"}
    assert "speed_test" not in loader._parsed(name, raw)
    # A corrupt or truncated cache file is ignored and rewritten.
    cache = tmp_path / "rules-messages.toml.marshal"
    for junk in (b"", b"\x00garbage", cache.read_bytes()[:20]):
        cache.write_bytes(junk)
        assert loader._parsed(name, raw) == tomllib.loads(raw.decode("utf-8"))


def test_pack_cache_not_written_without_bytecode(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "pack_cache_dir", lambda: tmp_path / "pycache")
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    raw = (loader.rules_dir() / "terms.toml").read_bytes()
    assert loader._parsed("terms.toml", raw) == tomllib.loads(raw.decode("utf-8"))
    assert not (tmp_path / "pycache").exists()
    # A read-only place: parsed, nothing raised.
    (tmp_path / "file").write_text("x")
    monkeypatch.setattr(loader, "pack_cache_dir", lambda: tmp_path / "file" / "below")
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    assert loader._parsed("terms.toml", raw) == tomllib.loads(raw.decode("utf-8"))


def test_freeze_after_startup_same_findings_and_only_in_the_command_line():
    """engine/gcpolicy.py: the command line freezes its start-up objects; the library never does;
    the findings are the same before and after the freeze."""
    from .conftest import CORPUS, SEEDS, need_shared

    need_shared()
    files = sorted((CORPUS / "docx").glob("*.docx"))[:6] + sorted(SEEDS.glob("*"))[:6]
    code = ("import gc, json, sys, vbcheck\n"
            "from vbcheck.engine.gcpolicy import freeze_startup\n"
            "def run():\n"
            "    return [json.dumps([f.as_dict() for f in vbcheck.check(p).files[0].violations], default=str,"
            " sort_keys=True) for p in sys.argv[1:]]\n"
            "plain = run()\n"
            "library_froze = gc.get_freeze_count()\n"
            "freeze_startup()\n"
            "print(library_froze, gc.get_freeze_count() > 0, run() == plain, sum(len(x) for x in plain))\n")
    proc = _python(code, *map(str, files))
    assert proc.returncode == 0, proc.stderr
    library_froze, froze, same, size = proc.stdout.split()
    assert (library_froze, froze, same) == ("0", "True", "True")
    assert int(size) > 1000  # findings were compared, not empty lists
    cli = ("import gc, sys\nfrom vbcheck.cli import main\n"
           "try:\n    main(['--fail-on', 'never', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
           "print(gc.get_freeze_count() > 0, file=sys.stderr)\n")
    proc = _python(cli, str(files[0]))
    assert proc.stderr.strip().splitlines()[-1] == "True"


_IMPORT_ALL = """
import importlib, json, pkgutil, re, sys
from pathlib import Path
from vbcheck.text import compiled
plain = re._compiler.compile
compiled.cache_path = lambda: Path(sys.argv[1])
if sys.argv[2] == "install":
    assert compiled.install()
import vbcheck
for m in pkgutil.walk_packages(vbcheck.__path__, "vbcheck."):
    if not m.name.endswith("__main__") and not m.name.startswith(("vbcheck.web", "vbcheck.runs.distributed")):
        importlib.import_module(m.name)
importlib.import_module("vbcheck.checks.capitalisation").all_rules()
"""


def test_compiled_pattern_cache_gives_what_re_compile_gives(tmp_path):
    """text/compiled.py: every pattern vbcheck compiles, read back from the table a first run
    wrote, is equal (pattern, flags, code) to re's own compile; findings are the same."""
    from .conftest import CORPUS, SEEDS, need_shared

    need_shared()
    table = tmp_path / "patterns.marshal"
    first = _python(_IMPORT_ALL + "sys.dont_write_bytecode = False  # the table is written at exit\n",
                    str(table), "install")
    assert first.returncode == 0, first.stderr
    assert table.is_file()
    compare = _IMPORT_ALL + (
        "import marshal\n"
        "key, entries = marshal.loads(Path(sys.argv[1]).read_bytes())\n"
        "bad = [p for (p, f) in entries if re._compiler.compile(p, f) != plain(p, f)\n"
        "       or re._compiler.compile(p, f).groupindex != plain(p, f).groupindex]\n"
        "print(len(entries), bad[:3])\n")
    proc = _python(compare, str(table), "install")
    assert proc.returncode == 0, proc.stderr
    count, bad = proc.stdout.split(" ", 1)
    assert int(count) > 200 and bad.strip() == "[]"  # ~245 since VB208's guards compile none
    files = sorted((CORPUS / "docx").glob("*.docx"))[:4] + sorted(SEEDS.glob("*"))[:4]
    findings = _IMPORT_ALL + (
        "print(json.dumps([[f.as_dict() for f in vbcheck.check(p).files[0].violations] for p in sys.argv[3:]],"
        " sort_keys=True))\n")
    cached = _python(findings, str(table), "install", *map(str, files))
    fresh = _python(findings, str(tmp_path / "none.marshal"), "plain", *map(str, files))
    assert cached.returncode == 0 and fresh.returncode == 0, cached.stderr + fresh.stderr
    assert cached.stdout == fresh.stdout and len(cached.stdout) > 1000
    # A corrupt table, or one another Python build wrote (another key), is not used.
    import marshal

    probe = _IMPORT_ALL + "print(re.compile('x(?P<g>a+)b') == plain('x(?P<g>a+)b'), compiled.install())\n"
    for junk in (b"\x00garbage", marshal.dumps(("another build", {("x(?P<g>a+)b", 0): (0, [1], 0, {}, ())}))):
        table.write_bytes(junk)
        proc = _python(probe, str(table), "install")
        assert proc.stdout.strip() == "True True", proc.stderr


def test_compiled_pattern_cache_leaves_errors_and_other_internals_to_re(tmp_path):
    """A bad pattern raises re.error as without the cache; where the cache's copy of re's steps
    fails (here re's code generator refusing the cache's call, as another Python's internals
    might), the pattern is re's own compiler's, never a crash."""
    code = (
        "import re, sys\nfrom pathlib import Path\n"
        "real = re._compiler._code\n"
        "def picky(p, flags):\n"
        "    if sys._getframe(1).f_code.co_filename.endswith('compiled.py'):\n"
        "        raise AttributeError('internals changed')\n"
        "    return real(p, flags)\n"
        "re._compiler._code = picky\n"
        "from vbcheck.text import compiled\n"
        "compiled.cache_path = lambda: Path(sys.argv[1])\n"
        "assert compiled.install()\n"
        "try:\n    re.compile('a(b')\nexcept re.error as e:\n    print('error', e.pos)\n"
        "print(re.compile('x(?P<g>y+)z').match('xyyz').group('g'))\n")
    proc = _python(code, str(tmp_path / "patterns.marshal"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:2] == ["error 1", "yy"]


def test_patterns_a_forked_worker_compiles_are_kept_too(tmp_path):
    """The command line checks each file in a forked worker (runs/supervise.py), which ends
    without exit handlers: the patterns its check compiles are written by the worker itself
    (compiled.flush), so after one run the table holds every pattern a check compiles in
    process, and the parent's own write at exit keeps them."""
    import os

    from .conftest import ROOT

    example = str(ROOT / "examples" / "ke-hoach-du-thao.docx")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "prefix")
    run = subprocess.run([sys.executable, "-m", "vbcheck", "-j", "1", example], env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    tables = list((tmp_path / "prefix").rglob("patterns.marshal"))
    assert len(tables) == 1
    import marshal

    _key, cli = marshal.loads(tables[0].read_bytes())
    code = ("import sys\nfrom pathlib import Path\nfrom vbcheck.text import compiled\n"
            "compiled.cache_path = lambda: Path(sys.argv[1])\nassert compiled.install()\n"
            "import vbcheck\nvbcheck.check(sys.argv[2])\n")
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "in-process.marshal"), example],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    _key, direct = marshal.loads((tmp_path / "in-process.marshal").read_bytes())
    check_time = set(direct) - set(cli)
    # every pattern a check compiles is in the command line's table (the in-process run
    # compiles at most a couple the command line never needs: its own import path)
    assert len(check_time) <= 3, sorted(p for p, _f in check_time)[:5]


_TABLE_RUN = (
    "import marshal, re, sys\nfrom pathlib import Path\nfrom vbcheck.text import compiled\n"
    "compiled.cache_path = lambda: Path(sys.argv[1])\ncompiled._MAX = int(sys.argv[2])\n"
    "sys.dont_write_bytecode = False\nplain = re._compiler.compile\nassert compiled.install()\n"
    "print(all(re.compile(p) == plain(p) and re.compile(p).groupindex == plain(p).groupindex\n"
    "          for p in sys.argv[3:]))\n"
    "compiled.flush()\n")


def test_compiled_pattern_table_entries_read_on_use_and_the_latest_kept(tmp_path):
    """text/compiled.py keeps each entry as its own blob, read when its pattern is asked for: a
    damaged entry costs only its own compile (the pattern is still re's own), one no run asks for
    costs nothing; a full table makes room by dropping what no recent run used."""
    import marshal

    table = tmp_path / "patterns.marshal"
    a, b, c, d = (f"vbq{i}(?P<g>a+)b" for i in "abcd")

    def run(limit: int, *patterns: str) -> dict:
        proc = _python(_TABLE_RUN, str(table), str(limit), *patterns)
        assert proc.returncode == 0 and proc.stdout.strip() == "True", proc.stderr
        key, entries = marshal.loads(table.read_bytes())
        return entries

    entries = run(3, a, b, c)
    assert set(entries) == {(a, 0), (b, 0), (c, 0)} and all(isinstance(v, bytes) for v in entries.values())
    assert set(run(3, a, d)) == {(c, 0), (a, 0), (d, 0)}  # b, the least recently used, made room
    key, entries = marshal.loads(table.read_bytes())
    entries[(a, 0)] = marshal.dumps(("not", "an entry"))
    entries[(c, 0)] = b"\x00 damaged"
    table.write_bytes(marshal.dumps((key, entries)))
    # a (damaged) is re's own compile, c (damaged, not asked for) is the one dropped for b
    assert set(run(3, a, b, d)) == {(a, 0), (d, 0), (b, 0)}


def _dist(site, name: str, version: str, eps: dict[str, str]):
    """A distribution folder as pip leaves one: METADATA and entry_points.txt."""
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[vbcheck]\n" + "".join(f"{k} = {v}\n" for k, v in eps.items()),
                                           encoding="utf-8")
    return info


def _settle(*paths) -> None:
    """Date paths a minute back: the entry-point table keeps only stamps a few seconds old."""
    import os
    import time

    for p in paths:
        os.utime(p, ns=(time.time_ns() - 60 * 10**9,) * 2)


def test_entry_point_cache_gives_importlib_metadata_and_sees_a_new_distribution(tmp_path, monkeypatch):
    """engine/entrypoints.py: the `vbcheck` entry points read back from the table equal what
    importlib.metadata finds (names, values, distributions, loaded objects); installing or
    removing a distribution, or a damaged table, is seen at once."""
    import importlib
    import importlib.metadata
    import os
    from importlib.machinery import PathFinder

    from vbcheck.engine import entrypoints

    site = tmp_path / "site"
    site.mkdir()
    (site / "ep_probe_mod").mkdir()  # a package: its bytecode goes inside it, not into the site
    (site / "ep_probe_mod" / "__init__.py").write_text("class Hooks:\n    class inner:\n        pass\n",
                                                       encoding="utf-8")
    first = _dist(site, "ep-probe", "1.2", {"probe": "ep_probe_mod", "inner": "ep_probe_mod:Hooks.inner",
                                            "extras": "ep_probe_mod:Hooks [x]"})
    _settle(first / "entry_points.txt", first, site)
    # Only the temporary site and the standard library: no folder that another process may touch;
    # and no other finder of distributions (importlib_metadata, once imported, adds one).
    monkeypatch.setattr(sys, "path", [str(site), os.path.dirname(os.__file__)])
    foreign = [f for f in sys.meta_path if f is not PathFinder and hasattr(f, "find_distributions")]
    monkeypatch.setattr(sys, "meta_path", [f for f in sys.meta_path if f not in foreign])
    if not hasattr(PathFinder, "find_distributions"):  # importlib_metadata took it away: back
        monkeypatch.setattr(PathFinder, "find_distributions",
                            staticmethod(importlib.metadata.MetadataPathFinder.find_distributions), raising=False)
    importlib.invalidate_caches()
    monkeypatch.setattr(entrypoints, "cache_path", lambda: str(tmp_path / "entrypoints.marshal"))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    plain_calls = []
    real_plain = entrypoints._plain
    monkeypatch.setattr(entrypoints, "_plain", lambda g: plain_calls.append(g) or real_plain(g))

    def expected():
        return [(ep.name, ep.value, (ep.dist.name, ep.dist.version), ep.load())
                for ep in importlib.metadata.entry_points(group="vbcheck")]

    def found():
        return [(ep.name, ep.value, ep.dist, ep.load()) for ep in entrypoints.find("vbcheck")]

    assert found() == expected()  # looked up with importlib.metadata, table written
    assert len(plain_calls) == 1 and (tmp_path / "entrypoints.marshal").is_file()
    cached = found()
    assert len(plain_calls) == 1  # read back from the table ...
    assert cached == expected()  # ... equal, loaded objects included
    assert {"probe", "inner", "extras"} <= {name for name, *_ in cached}
    # A new distribution (pip install) changes the folder: seen at once.
    _dist(site, "ep-probe-two", "0.3", {"second": "ep_probe_mod:Hooks"})
    assert ("second", "ep_probe_mod:Hooks", ("ep-probe-two", "0.3"), expected()[-1][3]) in found()
    assert len(plain_calls) == 2 and found() == expected()
    # Uninstalled: gone at once.
    import shutil

    shutil.rmtree(first)
    assert [n for n, *_ in found()] == [n for n, *_ in expected()] and "probe" not in [n for n, *_ in found()]
    # A damaged table is ignored and rewritten.
    for p in (site, *site.glob("*.dist-info"), *site.glob("*.dist-info/entry_points.txt")):
        _settle(p)
    for junk in (b"", b"\x00garbage", b"\xe9" * 9):
        (tmp_path / "entrypoints.marshal").write_bytes(junk)
        assert found() == expected()
    # Under PYTHONDONTWRITEBYTECODE nothing is written; a folder changed seconds ago is not kept.
    os.unlink(tmp_path / "entrypoints.marshal")
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert found() == expected() and not (tmp_path / "entrypoints.marshal").exists()
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    (site / "touched").write_text("")
    assert found() == expected() and not (tmp_path / "entrypoints.marshal").exists()
    # Another finder of distributions on sys.meta_path: importlib.metadata's answer, nothing kept.
    _settle(site)

    class OtherFinder:
        @staticmethod
        def find_distributions(*args, **kwargs):
            return iter(())

    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, OtherFinder])
    calls = len(plain_calls)
    assert found() == expected() and not (tmp_path / "entrypoints.marshal").exists()
    assert len(plain_calls) == calls + 1


def test_entry_point_cache_spares_importlib_metadata_and_keeps_plugins_as_they_were(tmp_path):
    """A command line that finds the table imports no importlib.metadata, and `vbcheck plugins`
    says the same with and without it (the example plugin and its distribution)."""
    import os

    from .conftest import ROOT

    site, cwd = tmp_path / "site", tmp_path / "cwd"
    site.mkdir()
    cwd.mkdir()
    info = _dist(site, "vbcheck-plugin-example", "0.1.0", {"example": "vbcheck_plugin_example"})
    _settle(info / "entry_points.txt", info, site, cwd)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "VBCHECK_LOAD_PLUGINS")}
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT / "tests" / "plugin_example" / "src")])
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "prefix")
    code = ("import sys\nfrom vbcheck.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print('importlib.metadata' in sys.modules, file=sys.stderr)\n")
    runs = [subprocess.run([sys.executable, "-c", code, "plugins"], env=env, cwd=cwd, capture_output=True,
                           text=True, timeout=300) for _ in range(2)]
    assert [r.stderr.strip().splitlines()[-1] for r in runs] == ["True", "False"]
    assert runs[0].stdout == runs[1].stdout
    assert "example  (vbcheck_plugin_example; vbcheck-plugin-example 0.1.0)" in runs[1].stdout
    assert len(list((tmp_path / "prefix").rglob("entrypoints.marshal"))) == 1


def test_fingerprints_hash_as_hashlib_does():
    """engine/excerpts.py hashes with CPython's own SHA-256 rather than hashlib's OpenSSL: the same
    digests, copies included (the SARIF fingerprints of tests/test_outputs.py are unchanged too)."""
    import hashlib

    from vbcheck.engine import excerpts

    for data in (b"", b"VB101\x1fso: 12/kh-ubnd\x1f", "Hà Nội, ngày".encode() * 300):
        ours, theirs = excerpts.sha256(data), hashlib.sha256(data)
        assert ours.hexdigest() == theirs.hexdigest()
        a, b = ours.copy(), theirs.copy()
        a.update(b"x\x1f3")
        b.update(b"x\x1f3")
        assert a.hexdigest() == b.hexdigest() != ours.hexdigest()


def test_freeze_without_collection_keeps_little_garbage():
    """engine/gcpolicy.py freezes without a full collection first: what a collection would have
    freed at that point (and the frozen generation keeps instead) is a few dozen objects."""
    code = ("import gc\nfrom vbcheck.engine.run import all_rules\nall_rules()\n"
            "print(gc.collect(), len(gc.get_objects()))\n")
    proc = _python(code)
    assert proc.returncode == 0, proc.stderr
    garbage, alive = map(int, proc.stdout.split())
    assert garbage < 1000 and alive > 10 * garbage, (garbage, alive)


def test_a_check_imports_no_other_command():
    """cli/__init__.py imports a sub-command's module when it runs: a check loads only `check`'s;
    `--help` still lists every command (tests/test_subcommands.py)."""
    from .conftest import ROOT

    code = ("import sys\nfrom vbcheck.cli import COMMANDS, main\n"
            "try:\n    main(['--fail-on', 'never', sys.argv[1]])\nexcept SystemExit as e:\n    status = e.code\n"
            "mods = {m for m, _ in COMMANDS.values()}\n"
            "print(status, sorted(m for m in mods if f'vbcheck.cli.{m}' in sys.modules), file=sys.stderr)\n")
    proc = _python(code, str(ROOT / "examples" / "ke-hoach-du-thao.docx"))
    assert proc.stderr.strip().splitlines()[-1] == "0 ['check']", proc.stderr


def test_the_command_line_holds_the_collector_only_while_it_starts():
    """engine/gcpolicy.py: `python -m vbcheck` starts with the collector off; a check turns it on
    again when it freezes its start-up, every other command (and a Dask run) as it begins."""
    from .conftest import ROOT

    code = ("import gc, sys\nfrom vbcheck.engine import gcpolicy\nfrom vbcheck.__main__ import run\n"
            "seen = []\nreal = gcpolicy.release\n"
            "def release():\n    seen.append(gc.isenabled())\n    real()\n"
            "gcpolicy.release = release\n"
            "sys.argv = ['vbcheck', *sys.argv[1:]]\n"
            "try:\n    run()\nexcept SystemExit:\n    pass\n"
            "print(seen[:1], gc.isenabled(), gc.get_freeze_count() > 0, file=sys.stderr)\n")
    example = str(ROOT / "examples" / "ke-hoach-du-thao.docx")
    for args, frozen in ((["--fail-on", "never", example], True), (["rules"], False),
                         (["--dask-scheduler", "nowhere", example], False)):
        proc = _python(code, *args)
        assert proc.stderr.strip().splitlines()[-1] == f"[False] True {frozen}", (args, proc.stderr)


def test_every_pattern_is_the_same_string_in_every_process(tmp_path):
    """text/compiled.py finds a pattern by its text: a pattern built from a set (whose order
    changes with PYTHONHASHSEED) would be new to the table in every process, compiled again
    each run and kept until the table is full. Two processes with different hash seeds compile
    the same patterns on the same documents."""
    import os

    from .conftest import ROOT, SEEDS

    files = [str(ROOT / "examples" / "ke-hoach-du-thao.docx")]
    files += [str(p) for p in sorted(SEEDS.glob("*"))[:4]] if SEEDS.is_dir() else []
    code = ("import sys\nfrom pathlib import Path\nfrom vbcheck.text import compiled\n"
            "compiled.cache_path = lambda: Path(sys.argv[1])\nsys.dont_write_bytecode = False\n"
            "assert compiled.install()\nimport vbcheck\n"
            "for p in sys.argv[2:]:\n    vbcheck.check(p)\ncompiled.flush()\n")
    # The caches kept beside the bytecode (parsed rule packs, derived tables, dataclass code) are
    # kept under this test's own folder and filled by a first run: a process that builds them
    # compiles patterns one that reads them does not (tomllib's), which is not what is compared.
    prefix = tmp_path / "pycache"
    tables = []
    for seed in ("0", "1", "2"):
        table = tmp_path / f"patterns-{seed}.marshal"
        env = {**os.environ, "PYTHONHASHSEED": seed, "VBCHECK_LOAD_PLUGINS": "", "PYTHONPYCACHEPREFIX": str(prefix)}
        proc = subprocess.run([sys.executable, "-c", code, str(table), *files], env=env, capture_output=True,
                              text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        import marshal

        tables.append(set(marshal.loads(table.read_bytes())[1]))
    tables = tables[1:]  # the first run filled the caches
    assert len(tables[0]) > 200
    assert sorted(p[:120] for p, _f in tables[0] ^ tables[1]) == []


_DATACLASS_METHODS = """
import dataclasses, importlib, inspect, json, pkgutil, sys
from vbcheck.text import dataclass_code
if sys.argv[1] != "plain":
    dataclass_code.cache_path = lambda: sys.argv[1]
    sys.dont_write_bytecode = False
    assert dataclass_code.install()
import vbcheck
for m in pkgutil.walk_packages(vbcheck.__path__, "vbcheck."):
    if not m.name.endswith("__main__") and not m.name.startswith(("vbcheck.web", "vbcheck.runs.distributed")):
        importlib.import_module(m.name)
def sig(c):
    return [c.co_code.hex(), [sig(k) if inspect.iscode(k) else repr(k) for k in c.co_consts], c.co_names,
            c.co_varnames, c.co_flags, c.co_filename, c.co_qualname, c.co_firstlineno, c.co_linetable.hex()]
out = {}
for name, mod in sorted(sys.modules.items()):
    if name.startswith("vbcheck"):
        for cls in vars(mod).values():
            if inspect.isclass(cls) and dataclasses.is_dataclass(cls) and cls.__module__ == name:
                out[cls.__qualname__] = {k: sig(inspect.unwrap(f).__code__) for k, f in sorted(vars(cls).items())
                                         if k.startswith("__") and hasattr(inspect.unwrap(f), "__code__")}
print(json.dumps(out, sort_keys=True))
"""


def test_dataclass_code_cache_gives_what_exec_compiles(tmp_path):
    """text/dataclass_code.py: the methods of every vbcheck dataclass, from code read back from the
    table a first run wrote, are the code `dataclasses` compiles itself (bytecode, constants,
    names, flags, file, line table)."""
    import os

    table = tmp_path / "dataclass-code.marshal"
    first = _python(_DATACLASS_METHODS, str(table))
    assert first.returncode == 0, first.stderr
    assert table.is_file()
    written = os.stat(table).st_mtime_ns
    cached = _python(_DATACLASS_METHODS, str(table))
    plain = _python(_DATACLASS_METHODS, "plain")
    assert cached.returncode == 0 and plain.returncode == 0, cached.stderr + plain.stderr
    assert os.stat(table).st_mtime_ns == written  # everything came from the table
    import json

    methods = json.loads(plain.stdout)
    assert len(methods) >= 30 and "__init__" in methods["Finding"]
    assert cached.stdout == first.stdout == plain.stdout
    # A damaged table, or one another Python build wrote, is not used.
    import marshal

    for junk in (b"\x00garbage", marshal.dumps(("another build", {"x = 1": compile("x = 2", "<string>", "exec")}))):
        table.write_bytes(junk)
        proc = _python(_DATACLASS_METHODS, str(table))
        assert proc.stdout == plain.stdout, proc.stderr


def _rule_state(r) -> dict:
    """Everything a VB208 rule holds, its guard by name (the guard's test is the rule's own), its
    patterns compiled when first used included."""
    r.unless_after, r.unless_before, r.literal_rx  # noqa: B018 - compiled on first use
    return {k: (v.name if k == "guard" else v) for k, v in vars(r).items()}


def test_derived_pack_data_cache_gives_what_is_built(tmp_path, monkeypatch):
    """catalogue/derived.py: VB208's rules built from the data an earlier run kept hold exactly
    what rules built from the pack hold (patterns, names, indexes); a damaged cache is built again."""
    from vbcheck.checks import capitalisation as C
    from vbcheck.text import guards

    monkeypatch.setattr(loader, "pack_cache_dir", lambda: tmp_path)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(guards, "GUARDS", [])  # (the rules built here register their guards)
    data = loader.load("capitalisation.toml")
    plain = C.derived_data(data, cached=False)
    assert C.derived_data(data) == plain  # built, written
    cache = tmp_path / "derived-capitalisation.marshal"
    assert cache.is_file()
    real = C._derive
    monkeypatch.setattr(C, "_derive", lambda *a: 1 / 0)
    cached = C.derived_data(data)  # read back: nothing built
    assert cached == plain
    built = [_rule_state(C.CapRule(d, x)) for d, x in zip(data["rule"], plain["rules"])]
    assert [_rule_state(C.CapRule(d, x)) for d, x in zip(data["rule"], cached["rules"])] == built
    assert C._Dispatch(*cached["dispatch"]) == C._Dispatch(*plain["dispatch"])
    assert sum(1 for r in built if r["low"] is not None) >= 3 and sum(1 for r in built if r["names"] is None) >= 15
    assert sum(1 for r in built if r["unless_after"] is not None) >= 3 and sum(1 for r in built if r["literal_rx"]) >= 5
    # A damaged file (truncated, garbage, one byte changed in the data) is ignored and rewritten.
    monkeypatch.setattr(C, "_derive", real)
    good = cache.read_bytes()
    flipped = bytearray(good)
    flipped[good.rindex(b"(?P<name>") + 4] ^= 0x01  # "(?P<oame>": still a well-formed marshal
    for junk in (b"", b"\x00garbage", good[:40], bytes(flipped)):
        cache.write_bytes(junk)
        assert C.derived_data(data) == plain
        assert cache.read_bytes() == good or junk == b""  # rewritten (a set's order may differ)


def test_derived_terms_data_cache_gives_what_is_built(tmp_path, monkeypatch):
    """VB205's tables and pattern sources from the heads of bodies' names (rules/terms.toml): read
    back from the cache, they equal what is built, and a damaged cache is built again."""
    from vbcheck.checks import terms

    monkeypatch.setattr(loader, "pack_cache_dir", lambda: tmp_path)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    plain = terms._build_from_heads()
    assert set(plain) == terms._FROM_HEADS and len(plain["heads_by_first"]) >= 10
    terms._from_heads.cache_clear()
    try:
        assert terms._from_heads() == plain  # built, written
        terms._from_heads.cache_clear()
        monkeypatch.setattr(terms, "_build_from_heads", lambda: 1 / 0)
        assert terms._from_heads() == plain  # read back: nothing built
        cache = tmp_path / "derived-terms-heads.marshal"
        cache.write_bytes(cache.read_bytes()[:-3])
        monkeypatch.undo()
        monkeypatch.setattr(loader, "pack_cache_dir", lambda: tmp_path)
        terms._from_heads.cache_clear()
        assert terms._from_heads() == plain  # damaged: built again
    finally:
        terms._from_heads.cache_clear()
    assert terms._small_heads().pattern == plain["small_heads"]
    assert terms._small_heads().pattern != terms._small_heads_source()  # (first_char_first rewrote it)


def test_derived_pack_data_rebuilt_when_pack_or_code_changes(tmp_path, monkeypatch):
    """The key: a changed pack, or a changed module whose code derives the data, is built again;
    nothing is written under PYTHONDONTWRITEBYTECODE."""
    import os
    import types

    from vbcheck.catalogue import derived

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "p.toml").write_bytes(b"a = 1\n")
    source = tmp_path / "m.py"
    source.write_text("x = 1\n")
    module = types.ModuleType("m")
    module.__file__ = str(source)
    monkeypatch.setattr(loader, "rules_dir", lambda: rules)
    monkeypatch.setattr(loader, "pack_cache_dir", lambda: tmp_path / "cache")
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    builds = []

    def build():
        builds.append(1)
        return {"n": len(builds), "s": frozenset({"a", "b"}), "t": ("x", None, [1, 2])}

    assert derived.derived("t", "p.toml", (module,), build)["n"] == 1
    assert derived.derived("t", "p.toml", (module,), build)["n"] == 1  # cached
    (rules / "p.toml").write_bytes(b"a = 2\n")
    assert derived.derived("t", "p.toml", (module,), build)["n"] == 2  # the pack changed
    assert derived.derived("t", "p.toml", (module,), build)["n"] == 2
    source.write_text("x = 22\n")
    assert derived.derived("t", "p.toml", (module,), build)["n"] == 3  # the module changed
    st = os.stat(source)
    os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert derived.derived("t", "p.toml", (module,), build)["n"] == 4  # touched
    assert derived.derived("t", "p.toml", (module,), build) == {"n": 4, "s": frozenset({"a", "b"}), "t": ("x", None, [1, 2])}
    # Not plain data: returned, never stored. Without bytecode: nothing written.
    assert derived.derived("code", "p.toml", (module,), lambda: {"f": build}) == {"f": build}
    assert not (tmp_path / "cache" / "derived-code.marshal").exists()
    monkeypatch.setattr(loader, "pack_cache_dir", lambda: tmp_path / "cache2")
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert derived.derived("t", "p.toml", (module,), build)["n"] == 5
    assert not (tmp_path / "cache2").exists()


def test_every_dataclass_a_check_defines_has_its_own_docstring():
    """`@dataclass` gives a class without a docstring one built from `inspect.signature` (some
    80 µs a class, about 1.5 ms of a one-file run for the 18 that had none): every vbcheck
    dataclass a check imports has its own."""
    import dataclasses
    import importlib
    import inspect
    import pkgutil

    import vbcheck

    missing = []
    for m in pkgutil.walk_packages(vbcheck.__path__, "vbcheck."):
        if m.name.endswith("__main__") or m.name.startswith(("vbcheck.web", "vbcheck.runs.distributed")):
            continue
        mod = importlib.import_module(m.name)
        for cls in vars(mod).values():
            if inspect.isclass(cls) and dataclasses.is_dataclass(cls) and cls.__module__ == m.name:
                if "__doc__" not in vars(cls) or cls.__doc__ is None or cls.__doc__.startswith(cls.__name__ + "("):
                    missing.append(f"{m.name}.{cls.__qualname__}")
    assert sorted(set(missing)) == []
