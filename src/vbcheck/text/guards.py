"""Speed trick, in one place: a pattern searched only where a cheap test says it may match.

Most paragraphs hold nothing a given rule looks for, and a literal test (`"(" in text`) runs in C
many times faster than a regex search that tries every position. A `Guard` pairs a pattern (or
several) with such a test, `may_match(text)`, which must be true for every text the pattern can
match: skipping the search where it is false then changes no finding. Every guard is registered
here, and tests/test_guards.py proves each one on strings generated from its own patterns, on
adversarial strings and on every paragraph of the corpus and seeds.

    _PAREN = re.compile(r"\\((?P<abbr>…)\\)")
    PAREN = guard("abbreviation in parentheses", _PAREN, lambda t: "(" in t)
    for m in PAREN.finditer(text): …         # searches only when "(" is in text
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

GUARDS: list["Guard"] = []
_NOTHING: Iterator = iter(())  # an exhausted iterator: shared, it stays empty


@dataclass(frozen=True)
class Guard:
    """`patterns` can match a text only where `may_match(text)` is true."""

    name: str
    source: tuple[re.Pattern, ...] | Callable[[], tuple[re.Pattern, ...]]
    may_match: Callable[[str], bool]

    @property
    def patterns(self) -> tuple[re.Pattern, ...]:
        """The patterns; compiled when asked where given as a function (the patterns as written
        of VB208's rules, which search their rewritten form: text/leading.py)."""
        return self.source() if callable(self.source) else self.source

    @property
    def pattern(self) -> re.Pattern:
        s = self.source  # (one look-up: searches ask for it on every paragraph)
        return s[0] if type(s) is tuple else s()[0]

    # search, match and finditer run on every paragraph: where the test says no (most of them)
    # they return before looking up the pattern, and they read it without the property call.
    def search(self, text: str, pos: int = 0) -> re.Match | None:
        if not self.may_match(text):
            return None
        s = self.source
        return (s[0] if type(s) is tuple else s()[0]).search(text, pos)

    def match(self, text: str, pos: int = 0) -> re.Match | None:
        if not self.may_match(text):
            return None
        s = self.source
        return (s[0] if type(s) is tuple else s()[0]).match(text, pos)

    def finditer(self, text: str) -> Iterator[re.Match]:
        if not self.may_match(text):
            return _NOTHING
        s = self.source
        return (s[0] if type(s) is tuple else s()[0]).finditer(text)


def guard(name: str, patterns: re.Pattern | tuple[re.Pattern, ...] | Callable[[], tuple[re.Pattern, ...]],
          may_match: Callable[[str], bool]) -> Guard:
    """Register and return a guard (at import time of the module that uses it)."""
    g = Guard(name, patterns if isinstance(patterns, tuple) or callable(patterns) else (patterns,), may_match)
    GUARDS.append(g)
    return g
