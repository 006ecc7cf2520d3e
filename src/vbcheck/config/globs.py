"""Glob patterns of per-file-ignores (and exclusions), matched against a path relative to the
configuration's folder.

`*` and `?` stay within a folder, `**/` spans folders (zero or more), `**` spans anything; every
other character is itself. A glob comes from a configuration file a repository ships, so it is
hostile input: translated to a regex, "*a*a*a*a*a*a*a*a*a*a*a*a*b" backtracked for minutes on a
long name. It is matched instead as a set of positions in the pattern advanced one character at
a time (no backtracking: linear in the path), with the sets met so far remembered per glob.
"""

from __future__ import annotations

from functools import lru_cache

_MEMO = 4096  # remembered steps per glob (a hostile glob could otherwise grow it without end)


def glob_match(pattern: str, rel: str) -> bool:
    """`*` and `?` stay within a folder, `**/` spans folders, `**` spans anything; a pattern
    without `/` matches the file name anywhere below the configuration's folder."""
    if "/" not in pattern:
        rel = rel.rsplit("/", 1)[-1]
    return _glob(pattern).fullmatch(rel)


class _Glob:
    """A glob as tokens: ("lit", c), ("one",) for `?`, ("star",) for `*` (no "/"), ("any",) for
    `**`; `**/` is ("opt",), which reads nothing and may skip to after the next two, ("any",)
    and ("lit", "/")."""

    def __init__(self, pattern: str):
        tokens: list[tuple] = []
        skips: dict[int, int] = {}  # token -> where it may be skipped to, beyond the next
        i = 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                skips[len(tokens)] = len(tokens) + 3  # "(?:.*/)?": taken, or skipped whole
                tokens += [("opt",), ("any",), ("lit", "/")]
                i += 3
            elif pattern.startswith("**", i):
                tokens.append(("any",))
                i += 2
            elif pattern[i] == "*":
                tokens.append(("star",))
                i += 1
            elif pattern[i] == "?":
                tokens.append(("one",))
                i += 1
            else:
                tokens.append(("lit", pattern[i]))
                i += 1
        self.tokens = tokens
        self.skips = skips
        self.chars = frozenset(t[1] for t in tokens if t[0] == "lit") | {"/"}
        self.memo: dict[tuple[frozenset, str], frozenset] = {}
        self.start = self._closure({0})

    def _closure(self, states) -> frozenset:
        """The states reachable without reading: past a `*`/`**` that takes nothing, past `**/`."""
        out = set(states)
        todo = list(states)
        while todo:
            i = todo.pop()
            if i >= len(self.tokens):
                continue
            nxt = []
            if self.tokens[i][0] in ("star", "any", "opt"):
                nxt.append(i + 1)
            if i in self.skips:
                nxt.append(self.skips[i])
            for j in nxt:
                if j not in out:
                    out.add(j)
                    todo.append(j)
        return frozenset(out)

    def _step(self, states: frozenset, c: str) -> frozenset:
        nxt = set()
        for i in states:
            if i >= len(self.tokens):
                continue
            tok = self.tokens[i]
            kind = tok[0]
            if kind == "lit":
                if c == tok[1]:
                    nxt.add(i + 1)
            elif kind == "one":
                if c != "/":
                    nxt.add(i + 1)
            elif kind == "star":
                if c != "/":
                    nxt.add(i)
            elif kind == "any":
                nxt.add(i)
        return self._closure(nxt)

    def fullmatch(self, text: str) -> bool:
        states = self.start
        memo = self.memo
        for c in text:
            key = (states, c if c in self.chars else "")  # characters the glob never names act alike
            nxt = memo.get(key)
            if nxt is None:
                nxt = self._step(states, c)
                if len(memo) < _MEMO:
                    memo[key] = nxt
            if not nxt:
                return False
            states = nxt
        return len(self.tokens) in states


@lru_cache(maxsize=256)
def _glob(pattern: str) -> _Glob:
    return _Glob(pattern)
