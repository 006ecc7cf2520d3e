"""Text normalisation for matching, with a column map back to the source.

Every pattern in vbcheck runs on NFC text with non-breaking spaces folded and Markdown markers
removed (sources.md §1). Reporting must still point at the original characters, so each function
here returns the clean text together with `cols`, where `cols[i]` is the source column of clean
character `i` (and `cols[len(text)]` the column just past the end).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Characters folded to a plain space: NBSP, figure/narrow spaces, tab, ideographic space.
_SPACES = {"\u00a0", "\u2007", "\u202f", "\t", "\u3000", "\u2002", "\u2003", "\u2009"}
# Characters dropped: zero-width and BOM, soft hyphen.
_DROP = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}

_SPACE_RE = re.compile("[" + "".join(sorted(_SPACES)) + "]")
_DROP_RE = re.compile("[" + "".join(sorted(_DROP)) + "]")
# Any character outside the blocks Vietnamese text is written in (Latin up to U+02FF, Latin
# Extended Additional, punctuation and symbols, private-use symbol fonts), none of which holds a
# combining mark: text without one has one column per character.
_MAY_COMBINE = re.compile("[^\x00-\u02ff\u1e00-\u1eff\u2000-\u20cf\u2100-\u2bff\ue000-\uf8ff]")

# Markdown emphasis delimiters touching a word (`**Nơi nhận:**`, `*Nguyễn Trung Dũng*`), heading
# markers and backslash escapes. A lone `*` surrounded by spaces (the Party star) is content.
_MD_EMPHASIS = re.compile(r"(?:(?<=\S)[*_]{1,3}(?=[\s.,;:)]|$))|(?:(?:^|(?<=[\s(]))[*_]{1,3}(?=\S))")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
# A line break inside a Markdown table cell ("Nơi nhận:<br>- Như trên;"): a new line, as a
# .docx w:br, which the layout pass splits into lines. Bounded: a tag is short.
_MD_BR = re.compile(r"<br\s{0,3}/?>", re.IGNORECASE)


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
    drops: list[tuple[int, int]] = []  # Markdown markers, as (start, end) stretches of `raw`
    if markdown and "<" in raw and _MD_BR.search(raw):
        # "<br>" becomes spaces and a line end, of the same length: columns stay, and the
        # emphasis around it ("**Nơi nhận:**<br>**KT. GIÁM ĐỐC**") sees white space.
        raw = _MD_BR.sub(lambda m: " " * (len(m.group()) - 1) + "\n", raw)
    if markdown:
        m = _MD_HEADING.match(raw)
        if m:
            drops.append(m.span())
        drops.extend(m.span() for m in _MD_EMPHASIS.finditer(raw))
        drops.extend((m.start(), m.start() + 1) for m in _MD_ESCAPE.finditer(raw))
    if not drops and not _DROP_RE.search(raw) and (
            raw.isascii() or (not _MAY_COMBINE.search(raw) and unicodedata.is_normalized("NFC", raw))):
        # The common line: nothing removed, no combining mark, nothing recomposed, so every
        # character keeps its own column and the per-character walk below is not needed
        # (spaces fold one for one).
        text = _SPACE_RE.sub(" ", raw) if _SPACE_RE.search(raw) else raw
        return text, list(range(start_col, start_col + len(raw) + 1))
    keep = [True] * len(raw)
    for a, b in drops:
        for k in range(a, b):
            keep[k] = False
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


def replace_with_blanks(pattern: re.Pattern[str], text: str, repl: Callable[[re.Match[str]], str]) -> str:
    r"""`text` with each match of `pattern`, and the blanks on both sides of it, replaced by
    `repl(match)`: what re.sub(r"\s*(?:PATTERN)\s*", ...) gives, without the leading "\s*",
    which reads a long blank run again from each of its positions (linear, issue 18)."""
    out, pos = [], 0
    for m in pattern.finditer(text):
        start, end = m.start(), m.end()
        while start > pos and text[start - 1].isspace():
            start -= 1
        while end < len(text) and text[end].isspace():
            end += 1
        out += [text[pos:start], repl(m)]
        pos = end
    return "".join(out) + text[pos:] if out else text
