"""Vietnamese letter classes for regular expressions.

Ranges such as `à-ỹ` are wrong for Vietnamese: Latin Extended Additional interleaves capitals and
small letters (Ạ ạ Ả ả …), so a range mixes cases. These classes are built from Unicode
properties instead, once, at import.
"""

from __future__ import annotations

_LATIN = [chr(i) for i in (*range(0x41, 0x250), *range(0x1E00, 0x1F00)) if chr(i).isalpha()]
UPPER = "".join(c for c in _LATIN if c.isupper())
LOWER = "".join(c for c in _LATIN if c.islower())
LETTER = UPPER + LOWER


def is_upper(s: str) -> bool:
    """At least one letter and no small letter."""
    has = False
    for c in s:
        if c.islower():
            return False
        if c.isalpha():
            has = True
    return has


def is_title_word(w: str) -> bool:
    """A syllable written with an initial capital: "Nguyễn", "Đắk"."""
    return len(w) >= 1 and w[0].isupper() and w[1:].islower() if len(w) > 1 else w.isupper()
