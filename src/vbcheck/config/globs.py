"""Glob patterns of per-file-ignores (and exclusions), matched against a path relative to the
configuration's folder."""

from __future__ import annotations

import re
from functools import lru_cache


def glob_match(pattern: str, rel: str) -> bool:
    """`*` and `?` stay within a folder, `**/` spans folders; a pattern without `/` matches the
    file name anywhere below the configuration's folder."""
    if "/" not in pattern:
        rel = rel.rsplit("/", 1)[-1]
    return re.fullmatch(_glob_re(pattern), rel) is not None


@lru_cache(maxsize=256)
def _glob_re(pattern: str) -> str:
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append(r"(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(r".*")
            i += 2
        elif pattern[i] == "*":
            out.append(r"[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append(r"[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "".join(out)
