"""Vietnamese letters: classes for regular expressions, case tests, and diacritic folding.

Ranges such as `à-ỹ` are wrong for Vietnamese: Latin Extended Additional interleaves capitals and
small letters (Ạ ạ Ả ả …), so a range mixes cases. These classes are built from Unicode
properties instead, once, at import.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LATIN = [chr(i) for i in (*range(0x41, 0x250), *range(0x1E00, 0x1F00)) if chr(i).isalpha()]
UPPER = "".join(c for c in _LATIN if c.isupper())
LOWER = "".join(c for c in _LATIN if c.islower())
LETTER = UPPER + LOWER
_UPPER_SET = frozenset(UPPER)
_LOWER_SET = frozenset(LOWER)


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


def _fold_table() -> dict[int, str]:
    """One folded char per char: lower case without diacritics, Đ/đ → d (Latin range only)."""

    table: dict[int, str] = {}
    # Basic Latin to Latin Extended-B, and Latin Extended Additional (where Vietnamese lives).
    for cp in [*range(0x41, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(cp)
        if ch in "Đđ":
            table[cp] = "d"
            continue
        base = unicodedata.normalize("NFD", ch)[:1].lower()
        if len(base) == 1 and base != ch:
            table[cp] = base
    return table


_FOLD_TABLE = _fold_table()


def fold_same_length(s: str) -> str:
    """Lower-case, strip diacritics, one output char per input char (offsets stay valid)."""
    return s.translate(_FOLD_TABLE)


# A Vietnamese syllable, diacritics folded ("KINH", "HOA", "TRONG" in an all-caps heading).
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
    r"(?:[aeiouy]{1,3})(?:ch|ng|nh|[cmnpt])?"
)


def fold(s: str) -> str:
    """Lower case, no diacritics, Đ → d (loose comparison only)."""
    s = s.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=1 << 14)
def is_syllable(word: str) -> bool:
    return bool(_SYLLABLE.fullmatch(fold(word)))


@lru_cache(maxsize=1 << 14)
def has_vowel_mark(word: str) -> bool:
    """A vowel with a tone or shape mark (ă â ê ô ơ ư, any tone): a syllable, not an acronym."""
    for c in unicodedata.normalize("NFD", word):
        if unicodedata.combining(c):
            return True
    return False


def upper_count(s: str) -> int:
    return sum(1 for c in s if c in _UPPER_SET)


def lower_count(s: str) -> int:
    return sum(1 for c in s if c in _LOWER_SET)


# Old/new placement of the tone mark on oa, oe, uy: normalise to the first-vowel form so that
# spellings are compared without VB206's business ("hoá" = "hóa").
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


@lru_cache(maxsize=1 << 16)  # words repeat: a document has a few thousand distinct ones
def tone_normal(word: str) -> str:
    d = unicodedata.normalize("NFD", word)
    low = d.lower()
    for pair in ("oa", "oe", "uy"):
        i = low.find(pair)
        # pattern: o a + tone (second-vowel style) at word end -> move tone after o
        if i >= 0 and i + 3 <= len(d) and d[i + 2 : i + 3] in TONES and i + 3 == len(d):
            if not (i > 0 and low[i - 1] == "q"):
                d = d[: i + 1] + d[i + 2] + d[i + 1] + d[i + 3 :]
            break
    return unicodedata.normalize("NFC", d)


def is_upper_word(w: str) -> bool:
    return upper_count(w) >= 1 and lower_count(w) == 0


# A Vietnamese syllable spelled exactly (with its diacritics), for telling Vietnamese text from
# a wrong decoding of its bytes.
_OPEN = ("ai ao au ay âu ây eo êu ia iu oi ôi ơi ui ưa ưi ưu ua oai oay oeo uây uôi ươi ươu uya "
         "uyu yêu iêu").split()  # nuclei that take no final consonant
_CLOSED = "a ă â e ê i o ô ơ u ư y iê oa oă oe oo uâ uê uô uơ ươ uy uyê yê".split()
_SYLLABLE_VI = re.compile(
    "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    "(?:(?:" + "|".join(sorted(_OPEN, key=len, reverse=True)) + ")"
    "|(?:" + "|".join(sorted(_CLOSED, key=len, reverse=True)) + ")(?:ch|ng|nh|[ckmnpt])?)"
)


def is_vietnamese_syllable(word: str) -> bool:
    """A word that is one Vietnamese syllable, with at most one tone mark."""
    d = unicodedata.normalize("NFD", word.lower())
    if sum(1 for c in d if c in TONES) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
    if bare.startswith("gi") and len(bare) > 2 and bare[2] in "aăâeêoôơuư":
        bare = "g" + bare[1:]  # "gia", "giữ": the i belongs to the onset
    return bool(_SYLLABLE_VI.fullmatch(bare))
