"""Speed trick, in one place: a pattern's leading tests of what comes before a match moved after
its first character.

A search skips in C to the positions where a match can start only when the pattern starts with a
literal, or with a group each of whose alternatives starts with one (sre's literal or charset
prefix). A pattern that starts with a test of the text before the match (`\\b`, `(?<!\\w)`,
`(?<=khoản \\d )`) is tried at every position instead, several times slower on long paragraphs.
`first_char_first` rewrites `LEAD(a…|b…)REST` as `(a LEAD'…|b LEAD'…)REST`, LEAD' being LEAD
read one character later, which that character cannot change:
- `(?<!X)` → `(?<!(?:X)a)`, `(?<=X)` → `(?<=(?:X)a)` (the same characters before the match);
- `\\b` → `(?<!\\wa)` before a word character `a`, `(?<=\\wa)` before any other;
- `(?:Z|Z…)` of such tests → the same of the moved tests.
Alternatives that start with the same character then share it (a branch per first character,
each keeping its alternatives in order). No group is added or removed and the alternatives that
can start at a place keep their order, so every search finds the same matches with the same groups (tests/test_leading.py compares both forms on strings generated
from each pattern it rewrites and on the corpus). A pattern of any other shape is left as it is.
"""

from __future__ import annotations

import re

_SPECIAL = frozenset(".^$*+?{}[]\\|()")
_QUANTIFIER = frozenset("*+?{")
_WORD_CHAR = re.compile(r"\w")
_GROUP = re.compile(r"\((?!\?)|\(\?P<")  # a capturing group opens


def _class_end(p: str, i: int) -> int:
    """The index after the character class opening at p[i] ("[")."""
    j = i + 1
    if j < len(p) and p[j] == "^":
        j += 1
    if j < len(p) and p[j] == "]":
        j += 1
    while j < len(p):
        if p[j] == "\\":
            j += 2
        elif p[j] == "]":
            return j + 1
        else:
            j += 1
    raise ValueError("unterminated class")


def _syntax(p: str, i: int):
    """(index, character, group depth before it) of each character of p from p[i] on outside
    escapes and character classes, which are skipped whole: the one scan both callers need."""
    depth, j = 0, i
    while j < len(p):
        c = p[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(p, j)
            continue
        yield j, c, depth
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        j += 1


def _group_end(p: str, i: int) -> int:
    """The index after the group opening at p[i] ("(")."""
    for j, c, depth in _syntax(p, i):
        if c == ")" and depth == 1:
            return j + 1
    raise ValueError("unterminated group")


def _alternatives(body: str) -> list[str]:
    """`body` split at its top-level "|"."""
    out, start = [], 0
    for j, c, depth in _syntax(body, 0):
        if c == "|" and depth == 0:
            out.append(body[start:j])
            start = j + 1
    out.append(body[start:])
    return out


def _lead(p: str, i: int = 0) -> tuple[list[str], int]:
    """The zero-width tests of what comes before, from p[i] on: `\\b`, lookbehinds, and
    non-capturing groups of alternatives of those; and the index after them."""
    tokens: list[str] = []
    while i < len(p):
        if p.startswith("\\b", i):
            e = i + 2
        elif p.startswith(("(?<!", "(?<="), i):
            e = _group_end(p, i)
        elif p.startswith("(?:", i):
            e = _group_end(p, i)
            alts = _alternatives(p[i + 3 : e - 1])
            if not all(a and _lead(a)[1] == len(a) for a in alts):
                break
        else:
            break
        if e < len(p) and p[e] in _QUANTIFIER:
            raise ValueError("a quantified test")
        tokens.append(p[i:e])
        i = e
    return tokens, i


def _moved(token: str, c: str) -> str:
    """`token`, a test before a character `c`, as the same test after it."""
    if token == "\\b":
        return f"(?<!\\w{re.escape(c)})" if _WORD_CHAR.match(c) else f"(?<=\\w{re.escape(c)})"
    if token.startswith(("(?<!", "(?<=")):
        return f"{token[:4]}(?:{token[4:-1]}){re.escape(c)})"
    alts = _alternatives(token[3:-1])
    return "(?:" + "|".join("".join(_moved(t, c) for t in _lead(a)[0]) for a in alts) + ")"


def _insert(body: str, lead: list[str]) -> str | None:
    """`body` with `lead` moved after its first character (in each alternative of its first
    group), or None where that character is not a plain literal."""
    if not body:
        return None
    c = body[0]
    if c == "(":
        e = _group_end(body, 0)
        if e < len(body) and body[e] in _QUANTIFIER:
            return None
        if body.startswith("(?:"):
            head = "(?:"
        elif body.startswith("(?P<"):
            head = body[: body.index(">") + 1]
        elif body.startswith("(?"):
            return None
        else:
            head = "("
        alts = _alternatives(body[len(head) : e - 1])
        if all(_plain_first(a) for a in alts):
            # alternatives that start with the same character share it and its moved tests
            # (only one character can be there): a branch per first character
            by_first: dict[str, list[str]] = {}
            for a in alts:
                by_first.setdefault(a[0], []).append(a[1:])
            ways = [c + "".join(_moved(t, c) for t in lead) + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
                    for c, rests in by_first.items()]
        else:
            ways = [_insert(a, lead) for a in alts]  # type: ignore[misc]
            if None in ways:
                return None
        return head + "|".join(ways) + ")" + body[e:]
    if not _plain_first(body):
        return None
    return c + "".join(_moved(t, c) for t in lead) + body[1:]


def _plain_first(s: str) -> bool:
    """Whether `s` starts with a plain character, matched once."""
    return bool(s) and s[0] not in _SPECIAL and not (len(s) > 1 and s[1] in _QUANTIFIER)


def first_char_first(pattern: str) -> str:
    """`pattern` with its leading tests of the text before moved after its first character
    (module docstring); the pattern itself where it has none or another shape."""
    try:
        lead, i = _lead(pattern)
        if not lead or _GROUP.search("".join(lead)):
            return pattern  # nothing to move, or a group (or what may be one) that moving would copy
        new = _insert(pattern[i:], lead)
    except (ValueError, IndexError):
        return pattern
    # (not compiled here: the caller compiles it, and a one-file run compiles nothing twice;
    # tests/test_leading.py compiles both forms of every pattern rewritten and compares them)
    return pattern if new is None else new
