"""Worst-case cost of every pattern in src/ (issue 18): collect them, build adversarial strings
from each pattern's own characters, and time them in a worker process that a hung measurement
cannot take down with it. Shared by tests/test_linear.py and `python -m tests.linearity` (an
audit that prints every pattern's worst input).

Collection (`collect`): every `re.Pattern` a vbcheck module holds at module level (also inside
tuples, lists, dicts and speed guards), and every call `re.compile/search/match/…` in the source
whose pattern is a literal or an expression of module-level names. A call whose pattern is built
from local values must be named in `BUILT` with a function that returns the patterns it builds;
`uncovered()` lists the calls that are in neither, so a new pattern the test does not cover
fails it.

Adversarial strings (`candidates`): for every unbounded repetition in the pattern, the shortest
text that reaches it, then a run of each character it repeats, then a character that fails (the
shape of "Số:" + 5,000 NBSP + a letter, or "ABC - x" + spaces + a letter); plus runs of single
characters and pairs drawn from the pattern's classes and the separators of real documents
(spaces, NBSP, capitals, digits, "-", "/", ",", ".").

Timing is relative, never against a wall-clock threshold: each string is timed at two sizes
(best of several runs, the two sizes interleaved), and the cost must grow about as the size
does. On a noisy shared machine a best-of time only ever errs upwards, so a generous ratio bound
(`RATIO`, where linear is 10 and quadratic 100) and a floor under which any cost passes keep the
verdict stable.
"""

from __future__ import annotations

import ast
import importlib
import itertools
import multiprocessing as mp
import os
import pkgutil
import re
import re._constants as C
import re._parser as P
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

SRC = Path(importlib.import_module("vbcheck").__file__).resolve().parent  # the package under test
RE_FUNCS = {"compile", "search", "match", "fullmatch", "sub", "subn", "finditer", "findall", "split"}
# Characters real documents repeat: spaces, NBSP, tabs, capitals, digits, separators.
SEPARATORS = [" ", "\u00a0", "\t", "A", "Đ", "a", "ư", "1", "-", "/", ",", ".", ":", ";", "(", ")", "\n"]
FAILS = ["!", "a"]  # what ends a pumped run (one of them fails any pattern's tail)
RATIO = 40.0  # t(10 n) / t(n): linear is 10, quadratic 100
FLOOR = 0.010  # seconds at the larger size under which any cost passes (≤ 100 ns a character)


# ----------------------------------------------------------------------------- collection


@dataclass
class Entry:
    pattern: str
    flags: int
    where: list[str] = field(default_factory=list)
    ops: set[str] = field(default_factory=set)  # "search" (any position), "match", "fullmatch"

    @property
    def compiled(self) -> re.Pattern:
        return re.compile(self.pattern, self.flags)


def _modules():
    import vbcheck

    mods = [vbcheck]
    for info in pkgutil.walk_packages(vbcheck.__path__, "vbcheck."):
        if info.name.endswith("__main__"):
            continue
        try:
            mods.append(importlib.import_module(info.name))
        except ImportError:  # an optional extra (dask) that is not installed
            continue
    return mods


def _patterns_in(value, depth: int = 0):
    if isinstance(value, re.Pattern):
        yield value
    elif depth < 2 and isinstance(value, (tuple, list, set, frozenset)):
        for v in value:
            yield from _patterns_in(v, depth + 1)
    elif depth < 2 and isinstance(value, dict):
        for v in value.values():
            yield from _patterns_in(v, depth + 1)
    elif depth < 1 and type(value).__module__.startswith("vbcheck.") and hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:  # a speed guard holds its patterns
            yield from _patterns_in(getattr(value, name, None), depth + 1)


def _call_sites(mod):
    """(line, function name, call node, module source path) of each `re.X(...)` call."""
    path = Path(mod.__file__)
    tree = ast.parse(path.read_text("utf-8"))
    owner: dict[int, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            name = getattr(node, "name", "<lambda>")
            for sub in ast.walk(node):
                owner.setdefault(id(sub), name)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                and node.func.attr in RE_FUNCS and node.args):
            yield node.lineno, owner.get(id(node), "<module>"), node, path


def _flags_of(node: ast.Call, env: dict) -> int:
    pos = {"compile": 1, "search": 2, "match": 2, "fullmatch": 2, "finditer": 2, "findall": 2,
           "split": 3, "sub": 4, "subn": 4}[node.func.attr]
    expr = next((k.value for k in node.keywords if k.arg == "flags"), None)
    if expr is None and len(node.args) > pos:
        expr = node.args[pos]
    return 0 if expr is None else int(eval(compile(ast.Expression(expr), "<flags>", "eval"), env))


def _site_key(path: Path, func: str) -> str:
    return f"{path.relative_to(SRC.parent).as_posix()}:{func}"


def collect() -> tuple[dict[tuple[str, int], Entry], list[str]]:
    """Every pattern in src/ ({(pattern, flags): Entry}) and the call sites with a pattern
    built from local values that BUILT does not cover ("file:line function")."""
    found: dict[tuple[str, int], Entry] = {}

    def add(pattern: str, flags: int, where: str, ops: set[str]) -> None:
        flags &= ~re.UNICODE  # str patterns carry it implicitly
        e = found.setdefault((pattern, flags), Entry(pattern, flags))
        if where not in e.where:
            e.where.append(where)
        e.ops |= ops

    mods = _modules()
    uses = _uses(mods)
    uncovered = []
    for mod in mods:
        rel = Path(mod.__file__).relative_to(SRC.parent).as_posix()
        for name, value in vars(mod).items():
            for pat in _patterns_in(value):
                if isinstance(pat.pattern, str):
                    add(pat.pattern, pat.flags, f"{rel} {name}", uses.get(name, {"search"}))
        env = vars(mod)
        for line, func, node, path in _call_sites(mod):
            where = f"{rel}:{line} {func}"
            try:
                value = eval(compile(ast.Expression(node.args[0]), "<pattern>", "eval"), dict(env))
                flags = _flags_of(node, env)
            except Exception:  # noqa: BLE001 - built from local values: BUILT must cover it
                value = None
            if isinstance(value, re.Pattern):
                value, flags = value.pattern, value.flags
            if isinstance(value, str):
                # A module-level re.compile is judged by how its name is used (`_uses`).
                ops = set() if node.func.attr == "compile" and func == "<module>" else \
                    {_CALL_OPS.get(node.func.attr, "search")}
                add(value, flags, where, ops)
                continue
            key = _site_key(path, func)
            if key not in BUILT:
                uncovered.append(where)
    for key, build in BUILT.items():
        for pat, ops in build():
            add(pat.pattern, pat.flags, f"{key} (built)", ops)
    return found, uncovered


_CALL_OPS = {"match": "match", "fullmatch": "fullmatch"}  # any other call searches every position
_METHODS = RE_FUNCS - {"compile"}


def _uses(mods) -> dict[str, set[str]]:
    """How each module-level name is used anywhere in src/: {"match"} when only ever called as
    NAME.match(...), and so on; "search" for a search, a sub, or any other use (passed on,
    wrapped in a guard), which may search at every position."""
    uses: dict[str, set[str]] = {}
    for mod in mods:
        tree = ast.parse(Path(mod.__file__).read_text("utf-8"))
        parent = {id(c): n for n in ast.walk(tree) for c in ast.iter_child_nodes(n)}
        for node in ast.walk(tree):
            name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
            if name is None or not isinstance(getattr(node, "ctx", None), ast.Load):
                continue
            up = parent.get(id(node))
            if isinstance(up, ast.Attribute) and up.attr in _METHODS and isinstance(parent.get(id(up)), ast.Call):
                op = _CALL_OPS.get(up.attr, "search")
            elif isinstance(up, ast.Attribute):
                continue  # NAME.pattern, NAME.flags, module.NAME (judged at the outer node)
            else:
                op = "search"
            uses.setdefault(name, set()).add(op)
    return uses


def uncovered() -> list[str]:
    return collect()[1]


# Call sites whose pattern is built at run time from local values: each with the patterns it
# builds (from inputs as hostile as a user can give them) and how they are used.
def _terms():
    from vbcheck.checks import terms

    # _name_starts is searched; _words_after(k) is matched right after a word.
    return [(terms._name_starts(), {"search"})] + [(terms._words_after(k), {"match"}) for k in range(1, 6)]


def _small_heads():
    from vbcheck.checks import terms

    return [(terms._small_heads(), {"search"}), (terms._small_heads_reversed(), {"search"})]


def _capitalisation():
    """VB208's patterns, built from rules/capitalisation.toml: each rule's regex (in small letters
    and under IGNORECASE), its names' literal alternation, and the patterns it reads before and
    after a match."""
    from vbcheck.checks import capitalisation as cap

    out = []
    for r in cap.all_rules():
        pats = [r.rx, r.low, getattr(r, "literal_rx", None), r.unless_after, r.unless_before]
        if getattr(r, "_rx_source", None):
            pats.append(re.compile(r._rx_source, re.IGNORECASE))
        if getattr(r, "plain", None):  # as written (the guards are proved on it)
            pats.append(re.compile(r.plain))
        out += [(p, {"search"}) for p in pats if p is not None]
    return out


def _appendix_ref():
    """attachments.appendix: "phụ lục (số) N" for an appendix's number N (folded text)."""
    return [(re.compile(r"\bphu\s{1,3}luc\s{1,3}(?:so\s{1,3})?" + re.escape(n) + r"(?![a-z0-9])"), {"search"})
            for n in ("1", "ii", "12")]


def _renumbered():
    """attachments._renumbered: "Phụ lục (số) N" in the text, for an appendix's number N."""
    return [(re.compile(r"(?<![\w])phụ lục\s{1,3}(?:số\s{1,3})?(" + re.escape(n) + r")(?![\w])", re.I), {"search"})
            for n in ("I", "2")]


def _escaped():
    """`re.escape(x) + …`: the escaped literal is data."""
    return [(re.compile(re.escape("xyz") + r"\s*\([^()]*\)$"), {"search"})]


def _dateline():
    return [(re.compile(rf"{w}\s+({re.escape(v)})\b"), {"search"}) for w in ("ngày", "tháng") for v in ("05", "1")]


BUILT: dict[str, Callable[[], list[tuple[re.Pattern, set[str]]]]] = {
    "vbcheck/checks/terms.py:_name_starts": _terms,
    "vbcheck/checks/terms.py:_words_after": _terms,
    "vbcheck/checks/terms.py:_small_heads": _small_heads,
    "vbcheck/checks/terms.py:_small_heads_reversed": _small_heads,
    "vbcheck/checks/capitalisation.py:__init__": _capitalisation,
    "vbcheck/checks/capitalisation.py:matches": _capitalisation,
    "vbcheck/checks/capitalisation.py:_plain_patterns": _capitalisation,
    "vbcheck/checks/capitalisation.py:_compiled": _capitalisation,
    "vbcheck/checks/noi_nhan.py:_ends_with": _escaped,
    "vbcheck/checks/attachments.py:appendix": _appendix_ref,
    "vbcheck/checks/attachments.py:_renumbered": _renumbered,
    "vbcheck/checks/dateline.py:_at_value": _dateline,
}


# ----------------------------------------------------------------------------- adversarial strings

_CAT = {C.CATEGORY_DIGIT: "1", C.CATEGORY_SPACE: " \u00a0\t\n", C.CATEGORY_WORD: "aAĐư1_",
        C.CATEGORY_NOT_DIGIT: "a ", C.CATEGORY_NOT_SPACE: "a-A", C.CATEGORY_NOT_WORD: " -/.",
        C.CATEGORY_LINEBREAK: "\n", C.CATEGORY_NOT_LINEBREAK: "a "}
_PROBE = " \u00a0\taAĐư1-/,.:;()\n!"


def _members(av) -> str:
    """Sample characters of an IN set."""
    neg = any(o is C.NEGATE for o, _ in av)
    chars = []
    for o, a in av:
        if o is C.LITERAL:
            chars.append(chr(a))
        elif o is C.RANGE:
            lo, hi = a
            chars += [chr(lo), chr(hi), chr((lo + hi) // 2)]
        elif o is C.CATEGORY:
            chars += list(_CAT.get(a, ""))
    if not neg:
        return "".join(dict.fromkeys(chars))
    return "".join(c for c in _PROBE if c not in chars)


def _chars(node) -> str:
    """Characters one item can consume (first characters, for a sequence)."""
    op, av = node
    if op is C.LITERAL:
        return chr(av)
    if op is C.NOT_LITERAL:
        return "".join(c for c in _PROBE if ord(c) != av)
    if op is C.ANY:
        return "a ."
    if op is C.IN:
        return _members(av)
    if op is C.CATEGORY:
        return _CAT.get(av, "")
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        return "".join(_chars(n) for n in av[2][:1])
    if op is C.SUBPATTERN:
        return "".join(_chars(n) for n in av[-1][:1])
    if op is C.ATOMIC_GROUP:
        return "".join(_chars(n) for n in av[:1])
    if op is C.BRANCH:
        return "".join(_chars(n) for b in av[1] for n in b[:1])
    return ""


def _shortest(seq, groups: dict) -> str:
    """A short text matching the sequence (heuristic: assertions are skipped)."""
    out = []
    for op, av in seq:
        if op is C.LITERAL:
            out.append(chr(av))
        elif op in (C.NOT_LITERAL, C.ANY, C.IN, C.CATEGORY):
            cs = _chars((op, av))
            out.append(cs[0] if cs else "a")
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            out.append(_shortest(av[2], groups) * av[0])
        elif op is C.SUBPATTERN:
            s = _shortest(av[-1], groups)
            if av[0]:
                groups[av[0]] = s
            out.append(s)
        elif op is C.ATOMIC_GROUP:
            out.append(_shortest(av, groups))
        elif op is C.BRANCH:
            out.append(min((_shortest(b, groups) for b in av[1]), key=len))
        elif op is C.GROUPREF:
            out.append(groups.get(av, ""))
        elif op is C.GROUPREF_EXISTS:
            out.append(_shortest(av[1], groups))
    return "".join(out)


def _pumps(seq, before: str, groups: dict):
    """(prefix, unit) for every unbounded repetition inside `seq`: the text before it, and
    what it repeats."""
    for k, (op, av) in enumerate(seq):
        prefix = before + _shortest(seq[:k], dict(groups))
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, hi, item = av
            if hi is C.MAXREPEAT or hi >= 20:
                for ch in _chars_of_seq(item):
                    yield prefix, ch
                unit = _shortest(item, dict(groups))
                if len(unit) > 1:
                    yield prefix, unit
            yield from _pumps(item, prefix, groups)
        elif op is C.SUBPATTERN:
            yield from _pumps(av[-1], prefix, groups)
        elif op is C.ATOMIC_GROUP:
            yield from _pumps(av, prefix, groups)
        elif op is C.BRANCH:
            for b in av[1]:
                yield from _pumps(b, prefix, groups)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            yield from _pumps(av[1], prefix, groups)
        elif op is C.GROUPREF_EXISTS:
            yield from _pumps(av[1], prefix, groups)


def _chars_of_seq(seq) -> str:
    out = []
    for node in seq:
        out += list(_chars(node))
    return "".join(dict.fromkeys(out))[:6]


def _alphabet(seq) -> list[str]:
    out: list[str] = []

    def walk(s):
        for op, av in s:
            if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN, C.CATEGORY):
                out.extend(_chars((op, av)))
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
                walk(av[2])
            elif op is C.SUBPATTERN:
                walk(av[-1])
            elif op is C.ATOMIC_GROUP:
                walk(av)
            elif op is C.BRANCH:
                for b in av[1]:
                    walk(b)
            elif op in (C.ASSERT, C.ASSERT_NOT):
                walk(av[1])
            elif op is C.GROUPREF_EXISTS:
                walk(av[1])
                if av[2]:
                    walk(av[2])

    walk(seq)
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class Candidate:
    """prefix + unit repeated + tail, cut or padded to n characters."""

    prefix: str
    unit: str
    tail: str = ""

    def make(self, n: int) -> str:
        body = max(1, n - len(self.prefix) - len(self.tail))
        return self.prefix + (self.unit * (body // len(self.unit) + 1))[:body] + self.tail

    def label(self) -> str:
        u = self.unit if len(self.unit) < 12 else self.unit[:12] + "…"
        return f"{self.prefix[:30]!r} + {u!r}*n + {self.tail!r}"


def candidates(pattern: str, flags: int, limit: int = 64) -> list[Candidate]:
    """Adversarial strings for a pattern: pumped repetitions first (taken in turn from each
    repetition, so a long pattern's last ones are not crowded out), then plain runs."""
    seq = list(P.parse(pattern, flags))
    sites: dict[str, list[Candidate]] = {}
    for prefix, unit in _pumps(seq, "", {}):
        site = sites.setdefault(prefix, [])
        site.append(Candidate(prefix, unit, "!"))
        if flags & re.I == 0 and prefix != prefix.upper():
            site.append(Candidate(prefix.upper(), unit, "!"))
        site.append(Candidate(prefix, unit, "a"))
    out: list[Candidate] = []
    for row in itertools.zip_longest(*sites.values()):
        out += [c for c in row if c is not None]
    alpha = _alphabet(seq)
    plain = [Candidate("", ch, "!") for ch in dict.fromkeys(SEPARATORS + alpha[:12])]
    plain += [Candidate("", u) for u in ("A ", "AB ", "a  ", "1.", "1/", "A-", "VT,", "(VB) ", "a  b", " \u00a0")]
    uniq = list(dict.fromkeys(out))
    room = max(limit - len(plain), limit // 2)
    return list(dict.fromkeys(uniq[:room] + plain))


# ----------------------------------------------------------------------------- timing


def _measure(rx: re.Pattern, s: str, op: str) -> float:
    t = _clock()
    if op == "search":
        for _m in rx.finditer(s):
            pass
    elif op == "match":
        rx.match(s)
    else:
        rx.fullmatch(s)
    return _clock() - t


# CPU time of this process: time the machine spent on other work (other people's jobs on a shared
# machine) does not count, where wall time would grow with the length of the run.
_clock = time.process_time


def _worker(conn) -> None:
    compiled: dict = {}
    while True:
        msg = conn.recv()
        if msg is None:
            return
        kind = msg[0]
        if kind == "pattern":  # (candidate, op) pairs at one size: the best of `reps` runs of each
            _, pattern, flags, pairs, n, reps = msg
            rx = compiled.get((pattern, flags)) or compiled.setdefault((pattern, flags), re.compile(pattern, flags))
            out = []
            for cand, op in pairs:
                s = cand.make(n)
                out.append(min(_measure(rx, s, op) for _ in range(reps)))
            conn.send(out)
        elif kind == "glob":
            _, pattern, unit, n, reps = msg
            from vbcheck.config.globs import glob_match

            path = (unit * (n // len(unit) + 1))[:n]
            best = None
            for _ in range(reps):
                t = _clock()
                glob_match(pattern, path)
                d = _clock() - t
                best = d if best is None else min(best, d)
            conn.send(best)
        elif kind == "annotate":  # an annotated copy of .docx bytes, under extra environment
            _, data, reps, env, *kw = msg
            import os
            import tempfile

            from vbcheck.writers.annotate import annotate

            old = {k: os.environ.get(k) for k in env}
            os.environ.update(env)
            try:
                with tempfile.TemporaryDirectory() as d:
                    src = os.path.join(d, "in.docx")
                    with open(src, "wb") as fh:
                        fh.write(data)
                    best = n = None
                    for _ in range(reps):
                        t = _clock()
                        from vbcheck.engine import Options

                        _, _, n = annotate(src, os.path.join(d, "out.docx"), force=True,
                                           options=Options(**(kw[0] if kw else {})))
                        dt = _clock() - t
                        best = dt if best is None else min(best, dt)
            finally:
                for k, v in old.items():
                    if v is None:
                        os.environ.pop(k, None)
                    else:
                        os.environ[k] = v
            conn.send((best, n))
        elif kind == "check":
            _, data, name, reps, kw = msg
            import vbcheck

            best = None
            for _ in range(reps):
                t = _clock()
                rep = vbcheck.check(data, name=name, **kw)
                d = _clock() - t
                best = d if best is None else min(best, d)
            f = rep.files[0]
            conn.send((best, f.error, len(f.violations)))


def _cpu_of(pid: int) -> float | None:
    """CPU seconds (user + system) a process has spent, from /proc; None where there is none."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


class Timer:
    """A worker process that times one thing at a time; a measurement past its timeout kills
    it (CPython's regex engine cannot be interrupted) and counts as None."""

    def __init__(self):
        self.proc = None
        self.conn = None
        self._warm = False

    def _start(self) -> None:
        ctx = mp.get_context("spawn")
        a, b = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(b,), daemon=True)
        self.proc.start()
        self.conn = a

    def ask(self, msg: tuple, timeout: float):
        """The worker's answer, or None when it spent more than `timeout` seconds of CPU (or, where
        its CPU time cannot be read, of wall time) on it: a loaded machine slows the wall clock,
        not the CPU time a hung regex spends. A worker that gets no CPU at all is still stopped
        after twenty times the timeout of wall time."""
        if self.proc is None or not self.proc.is_alive():
            self._start()
            self._warm = False
        budget = timeout + (0.0 if self._warm else 10.0)  # the first answer imports vbcheck
        self.conn.send(msg)
        cpu0, wall0 = _cpu_of(self.proc.pid), time.monotonic()
        while not self.conn.poll(0.2):
            wall = time.monotonic() - wall0
            cpu = _cpu_of(self.proc.pid)
            spent = wall if cpu is None or cpu0 is None else cpu - cpu0
            if spent > budget or wall > 20 * budget or not self.proc.is_alive():
                self.proc.kill()
                self.proc.join()
                self.proc = None
                return None
        try:
            answer = self.conn.recv()
        except (EOFError, OSError):  # the worker died (out of memory, a crash): no answer
            self.proc.kill()
            self.proc.join()
            self.proc = None
            return None
        self._warm = True
        return answer

    def close(self) -> None:
        if self.proc is not None and self.proc.is_alive():
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.proc.join(5)
            if self.proc.is_alive():
                self.proc.kill()
        self.proc = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


@dataclass
class Verdict:
    entry: Entry
    worst: str = ""
    times: dict = field(default_factory=dict)  # n -> seconds of the worst candidate
    failure: str | None = None


def _still(batch, cand, op, n1: int, n2: int) -> bool:
    """A super-linear verdict measured again, best of 5 at both sizes: a pause of a shared
    machine inflates one measurement, never the best of five."""
    again = [batch([(cand, op)], n, 5, 120.0) for n in (n1, n2)]
    if None in again:
        return True
    a, b = again[0][0], again[1][0]
    return b > FLOOR / 2 and b > RATIO * a


def judge_pattern(timer: Timer, entry: Entry, small: int = 10_000, large: int = 100_000,
                  promote: int = 2) -> Verdict:
    """Time every candidate at `small // 10` and `small` (the screening: a cost that grows by
    more than RATIO fails here), then the worst ones at `large`. A batch that does not finish
    far beyond any linear cost (timeouts only catch what hangs) fails too."""
    v = Verdict(entry)
    pairs = [(c, op) for c in candidates(entry.pattern, entry.flags) for op in sorted(entry.ops or {"search"})]

    def batch(subset, n, reps, timeout):
        return timer.ask(("pattern", entry.pattern, entry.flags, subset, n, reps), timeout)

    # One run at the larger sizes: noise only ever inflates a time, and a super-linear verdict is
    # measured again (best of five, `_still`) before it fails; this keeps the whole test short.
    t1 = batch(pairs, small // 10, 2, 20.0)
    t2 = None if t1 is None else batch(pairs, small, 1, max(20.0, 2 * 10 * RATIO * sum(t1)))
    if t1 is None or t2 is None:
        v.failure = f"timed out at {small // 10 if t1 is None else small} characters (run python -m tests.linearity)"
        return v
    rows = list(zip(pairs, t1, t2))
    for (cand, op), a, b in rows:
        if b > FLOOR / 2 and b > RATIO * a and _still(batch, cand, op, small // 10, small):
            v.failure = (f"{cand.label()} ({op}): {small // 10}: {a * 1000:.2f} ms, {small}: {b * 1000:.1f} ms "
                         f"(× {b / max(a, 1e-9):.0f} for × 10)")
            v.worst, v.times = f"{cand.label()} ({op})", {small // 10: a, small: b}
            return v
    worst = sorted(rows, key=lambda r: -r[2])[:promote] + sorted(rows, key=lambda r: -(r[2] / max(r[1], 1e-7)))[:promote]
    worst = list(dict.fromkeys((pair, b) for pair, _a, b in worst))
    t3 = batch([pair for pair, _ in worst], large, 1, min(120.0, max(20.0, 2 * 10 * RATIO * sum(b for _, b in worst))))
    if t3 is None:
        v.failure = f"timed out at {large} characters (run python -m tests.linearity)"
        return v
    for ((cand, op), b), c in zip(worst, t3):
        if not v.times or c > v.times[large]:
            v.worst, v.times = f"{cand.label()} ({op})", {small: b, large: c}
        if c > FLOOR and c > RATIO * b and _still(batch, cand, op, small, large):
            v.failure = (f"{cand.label()} ({op}): {small}: {b * 1000:.2f} ms, {large}: {c * 1000:.1f} ms "
                         f"(× {c / max(b, 1e-9):.0f} for × {large // small})")
            return v
    return v


if __name__ == "__main__":  # python -m tests.linearity [SUBSTRING]: audit, worst input per pattern
    import sys

    entries, missing = collect()
    only = sys.argv[1] if len(sys.argv) > 1 else ""
    for w in missing:
        print("UNCOVERED", w)
    with Timer() as timer:
        for k, e in enumerate(entries.values(), 1):
            if only and not any(only in w for w in e.where):
                continue
            t0 = time.perf_counter()
            v = judge_pattern(timer, e)
            mark = "FAIL" if v.failure else "ok  "
            times = " ".join(f"{n}:{'TIMEOUT' if t is None else f'{t * 1000:.2f}ms'}" for n, t in v.times.items())
            print(f"[{k}/{len(entries)}] {mark} {e.where[0][:70]} {times} {v.failure or v.worst} "
                  f"({time.perf_counter() - t0:.1f}s)", flush=True)
