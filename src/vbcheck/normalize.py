"""Text normalisation for matching, with a column map back to the source.

Every pattern in vbcheck runs on NFC text with non-breaking spaces folded and Markdown markers
removed (sources.md §1). Reporting must still point at the original characters, so each function
here returns the clean text together with `cols`, where `cols[i]` is the source column of clean
character `i` (and `cols[len(text)]` the column just past the end).
"""

from __future__ import annotations

import re
import unicodedata

# Characters folded to a plain space: NBSP, figure/narrow spaces, tab, ideographic space.
_SPACES = {"\u00a0", "\u2007", "\u202f", "\t", "\u3000", "\u2002", "\u2003", "\u2009"}
# Characters dropped: zero-width and BOM, soft hyphen.
_DROP = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}

# Markdown emphasis delimiters touching a word (`**Nơi nhận:**`, `*Nguyễn Trung Dũng*`), heading
# markers and backslash escapes. A lone `*` surrounded by spaces (the Party star) is content.
_MD_EMPHASIS = re.compile(r"(?:(?<=\S)[*_]{1,3}(?=[\s.,;:)]|$))|(?:(?:^|(?<=[\s(]))[*_]{1,3}(?=\S))")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")


def _is_combining(ch: str) -> bool:
    return unicodedata.combining(ch) != 0


def nfc_with_map(
    chars: list[tuple[str, int]], end_col: int, changed: list[tuple[int, int]] | None = None,
) -> tuple[str, list[int]]:
    """NFC-normalise (char, col) pairs, keeping each output char's source column.

    If `changed` is a list, the (start, end) output offsets of clusters that were not in NFC in
    the source (decomposed or mixed) are appended to it (VB002 reads them)."""
    out: list[str] = []
    cols: list[int] = []
    i = 0
    n = len(chars)
    pos = 0  # length of the output so far
    while i < n:
        j = i + 1
        while j < n and _is_combining(chars[j][0]):
            j += 1
        cluster = "".join(c for c, _ in chars[i:j])
        if j - i == 1 and cluster.isascii():
            out.append(cluster)
            cols.append(chars[i][1])
            pos += 1
        else:
            norm = unicodedata.normalize("NFC", cluster)
            if changed is not None and norm != cluster:
                changed.append((pos, pos + len(norm)))
            out.append(norm)
            pos += len(norm)
            cols.extend([chars[i][1]] * len(norm))
        i = j
    cols.append(end_col)
    return "".join(out), cols


def clean(
    raw: str, *, markdown: bool = False, start_col: int = 0, changed: list[tuple[int, int]] | None = None,
) -> tuple[str, list[int]]:
    """Return (text, cols) for one line or paragraph of source text (`changed`: see nfc_with_map)."""
    keep = [True] * len(raw)
    if markdown:
        m = _MD_HEADING.match(raw)
        if m:
            for k in range(m.start(), m.end()):
                keep[k] = False
        for m in _MD_EMPHASIS.finditer(raw):
            for k in range(m.start(), m.end()):
                keep[k] = False
        for m in _MD_ESCAPE.finditer(raw):
            keep[m.start()] = False
    chars: list[tuple[str, int]] = []
    for k, ch in enumerate(raw):
        if not keep[k] or ch in _DROP:
            continue
        if ch in _SPACES:
            ch = " "
        chars.append((ch, start_col + k))
    return nfc_with_map(chars, start_col + len(raw), changed)


def is_nfc(s: str) -> bool:
    return unicodedata.is_normalized("NFC", s)


def fold(s: str) -> str:
    """Lower-case and strip diacritics (Đ → d): for loose comparisons only, never for reporting."""
    s = s.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", s)
    return "".join(c for c in decomposed if not _is_combining(c)).lower()
