"""Output neutral for its reader: document text, messages and file names never carry terminal
escape sequences, line breaks that forge report lines, bidi overrides or bytes a format cannot
hold.

- `printable(s)`: control characters (C0 but tab, DEL, C1), bidi embedding/override/isolate
  characters and the non-characters U+FFFE/U+FFFF become visible escapes (`\\x1b`, `\\n`,
  `\\u202e`); a lone surrogate (a file name that is not UTF-8, decoded with surrogateescape)
  becomes U+FFFD. For text, HTML, GitHub and JUnit (XML 1.0 cannot hold C0 characters at all).
- `no_surrogates(s)`: only the last step, for JSON and SARIF, whose encoder escapes the rest.

Each is one search with one character class (linear), and returns its input when clean.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(m: re.Match) -> str:
    c = m.group()
    if "\ud800" <= c <= "\udfff":
        return "\ufffd"
    if c in _NAMED:
        return _NAMED[c]
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def printable(s: str) -> str:
    return _UNSAFE.sub(_escape, s) if _UNSAFE.search(s) else s


def no_surrogates(s: str) -> str:
    return _SURROGATE.sub("\ufffd", s) if _SURROGATE.search(s) else s
