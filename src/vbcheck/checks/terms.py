"""VB205 for names: one proper name written two ways in one document.

Two kinds, both chosen for precision over recall (a term rule people mute is worthless):
- capitalisation of the name of a body or unit, only after a head word from rules/terms.toml
  ("Sở Công thương" / "Sở Công Thương", "Phòng Văn hoá – xã hội" / "– Xã hội"), and only when
  the word after the head is capitalised in at least one spelling (so "Tổ chức", "Báo cáo",
  "Ban hành" never start a name);
- spelling of a proper name (a run of capitalised syllables) that differs only by lost diacritics
  ("Dak Lak") or by the k/c swap of old spellings ("Đắc Lắc" / "Đắk Lắk"). Names that differ by a
  real tone ("Phú Yên" / "Phù Yên" are two places) are never grouped.
Tone-mark placement is VB206's business, so spellings are compared after moving every tone mark
to one place. The majority spelling wins; a canonical spelling (rules/terms.toml or the
configuration) wins a tie; otherwise the spelling that appears second is the minority.
Wrapped lines are joined (a line starting with a small letter continues the previous one).
"""

from __future__ import annotations

import bisect
import itertools
import re
import sys
import unicodedata
from collections import defaultdict
from functools import lru_cache
from typing import Container, NamedTuple

from ..anatomy import View
from ..catalogue.derived import derived
from ..catalogue.loader import rule
from ..core.fix import Edit, Fix
from ..core.rule import check
from ..text.leading import first_char_first
from ..text.letters import LOWER, UPPER, fold, tone_normal, upper_count
from . import capitalisation
from . import langscope as ls
from .tone import move_tone

# Names are runs of words broken by punctuation but not by dashes ("Văn hoá – Xã hội"), and
# start with a capital: a word starting with anything but a small Latin letter, a digit or "_"
# (tone_normal keeps the case of the first letter, so none of those can start a name).
_CAP = rf"[^\W\d_{LOWER}]"
# Between the words of a name. Possessive: a word follows, which cannot start with a separator
# (the regex engine gives nothing back).
_SEP = r"[\s\-–—]++"
# Such a word, and the next word of the same run when that one can start with a capital too.
# (Group "head" is set where a head of a body's name may start: here, at every word.)
_CAP_WORD = re.compile(rf"(?P<word>{_CAP}(?<!\w.)(?P<head>)\w*)(?={_SEP}(?P<next>{_CAP}\w*))?")
# A class of plain characters, which the regex engine tests at each position several times
# faster than _CAP (a Unicode category test): anything but a small Latin letter, a digit, a
# space or common punctuation.
_MAY_CAP = rf"[^{LOWER}0-9_ \n.,;:()\-–—/\"“”'…%]"
_KC = re.compile(r"k\b")


def _title(w: str) -> bool:
    return w[:1].isupper() and (len(w) == 1 or w[1:].islower())


def _kc(folded: str) -> str:
    return _KC.sub("c", folded)


@lru_cache(maxsize=1 << 14)  # words repeat
def _name_key(word: str) -> str:
    return _kc(fold(word))


def _variant_word(a: str, b: str) -> bool:
    """b is a slip of a: diacritics lost, or final k/c swapped with the same marks."""
    if a.lower() == b.lower():
        return True
    if _kc(fold(a)) != _kc(fold(b)):
        return False
    la, lb = a.lower(), b.lower()
    return len(la) == len(lb) and la[:-1] == lb[:-1] and {la[-1], lb[-1]} == {"k", "c"}


class _Occ:
    __slots__ = ("spelling", "view", "start", "end", "nxt", "_pos", "full")

    def __init__(self, spelling, view, start, end, nxt=None, full=None):
        self.spelling, self.view, self.start, self.end = spelling, view, start, end
        self.nxt = nxt  # the next word, lower case (None at the end of a clause)
        self._pos = None
        self.full = full or spelling  # the name as far as it was read (a head and up to 3 words)

    @property
    def pos(self) -> tuple[int, int]:
        """(paragraph index, offset) of the start; located when first asked (most names have one
        spelling and never are)."""
        if self._pos is None:
            p, off = self.view.locate(self.start)
            self._pos = (p.index, off)
        return self._pos

    @property
    def original(self) -> str:
        return " ".join(self.view.text[self.start : self.end].split())


def _wrong(spellings: list[_Occ]) -> bool:
    """Whether Phụ lục II (VB208) rejects this spelling of a name: a rule breaks inside its
    words, read on the name as far as it goes ("Ban chỉ" is judged on "Ban chỉ đạo")."""
    return any(capitalisation.wrong_form(full, len(spellings[0].spelling)) for full in {o.full for o in spellings})


def _choose(occs: list[_Occ], canon: list[str]):
    """Yield (minority occurrence, majority spelling, majority count) for one name. The spelling
    kept is the one Phụ lục II accepts (VB208), a head in capitals before one in small letters,
    then a canonical one, then the majority, then the first written."""
    by: dict[str, list[_Occ]] = defaultdict(list)
    for o in occs:
        by[o.spelling].append(o)
    if len(by) < 2:
        return
    wrong = {s: _wrong(by[s]) for s in by}
    ranked = sorted(by, key=lambda s: (wrong[s], s[:1].islower(), not any(c in s for c in canon), -len(by[s]),
                                       by[s][0].pos))
    major = ranked[0]
    nexts = {o.nxt for o in by[major]}
    for s in ranked[1:]:
        for o in by[s]:
            # the same name, not a longer different one ("Ủy ban Nhân quyền" is not
            # "Ủy ban nhân dân"): the next word agrees, or one of them ends the clause
            if o.nxt is None or None in nexts or o.nxt in nexts:
                yield o, by[major][0], len(by[major])


def _overlaps(spans: list[tuple[int, int]] | None, start: int, end: int) -> bool:
    """Whether [start, end) meets one of `spans` (apart, in order): only the last one starting
    before `end` can."""
    if not spans:
        return False
    k = bisect.bisect_left(spans, (end, -1)) - 1
    return k >= 0 and spans[k][1] > start


def _sentence_start(o: "_Occ") -> bool:
    """Nothing but blanks, line breaks and "*" between the sentence's end (or the text's
    start) and the occurrence; read back from it, not by copying the text before it."""
    text, k = o.view.text, o.start
    while k and text[k - 1] in " \n*":
        k -= 1
    return not k or text[k - 1] in ".:;!?-–+)•"


@lru_cache(maxsize=1)
def _heads_by_first() -> dict[str, tuple[int, list[tuple[int, tuple[str, ...]]]]]:
    """Heads of body names in lower case, by their first word: (how many words a look-up reads
    after that one: the longest head's others, 3 more and the next; [(length, head words)])."""
    return _from_heads()["heads_by_first"]


def _build_heads_by_first() -> dict[str, tuple[int, list[tuple[int, tuple[str, ...]]]]]:
    by_first: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    for head in ls.name_heads():
        low = tuple(x.lower() for x in head)
        by_first[low[0]].append((len(low), low))
    return {w: (max(h for h, _ in hs) + 3, hs) for w, hs in by_first.items()}


@lru_cache(maxsize=1 << 14)  # words repeat
def _capitalised(raw: str) -> tuple[str, tuple | None, bool] | None:
    """For a word whose tone-normal form starts with a capital: (that form, the heads of body
    names it starts, whether it is in title case); None for other words."""
    w = tone_normal(raw)
    if not w[:1].isupper():
        return None
    return w, _heads_by_first().get(w.lower()), _title(w)


class _Body(NamedTuple):
    """What _names_at records where a head of a body's name is followed by 1 to 3 words."""

    words: tuple[str, ...]  # the words read from the head on, tone-normal
    lower: tuple[str, ...]  # the same in lower case
    h: int  # the head's length, in words
    count: int  # how many names there are: the head and 1, 2 or 3 more words
    view: View
    start: int  # of the head, in view.text
    after: re.Match  # the words after the first, a group each, where first read (see _names_at)
    shift: int  # from there to here


def _occurrence(body: _Body, k: int) -> _Occ:
    """The name of the head and `k` more words."""
    words, lower, h, count, view, start, after, shift = body
    nxt = lower[h + k] if h + k < len(lower) else None
    end = after.end(h + k - 1) + shift
    return _Occ(" ".join(words[: h + k]), view, start, end, nxt, " ".join(words[: h + count]))


def _body_name_groups(bodies: list[_Body]) -> list[tuple[int, list[_Occ]]]:
    """(k, occurrences) for each body name (a head and k more words) written two ways or more
    (the others have nothing to report): shortest names first, then in the order they first
    appear."""
    # Speed: the bodies read from one entry of _names_at's memo share their words (and so all
    # but their places): the groups are made of the first body of each entry, standing for all
    # of them (the same name, written the same), and the others are put back in the groups
    # found, in their order. With a memo that keeps nothing each body is its own entry: the
    # plain way (tests/test_language.py compares both).
    places: dict[int, list[tuple[int, _Body]]] = {}  # id of the words -> (place in the scan, body)
    for seq, b in enumerate(bodies):
        same = places.get(id(b.words))
        if same is None:
            places[id(b.words)] = [(seq, b)]
        else:
            same.append((seq, b))
    by_first: dict[tuple, list[tuple[int, _Body]]] = defaultdict(list)
    for same in places.values():
        seq, b = same[0]
        by_first[b.lower[: b.h + 1]].append((seq, b))  # the head and one more word, lower case
    found: list = []
    for names in by_first.values():
        _written_two_ways(names, 1, found)
    found.sort(key=lambda f: f[:2])
    out = []
    for k, _, names in found:
        every = sorted(itertools.chain.from_iterable(places[id(b.words)] for _, b in names))
        out.append((k, [_occurrence(b, k) for _, b in every]))
    return out


def _written_two_ways(names: list[tuple[int, _Body]], k: int, found: list) -> None:
    """Add (k, first place, names) if `names` (a head and k words, the same in lower case, each
    with its place in the scan) are written two ways; then the same for their longer names."""
    if len({b.words[: b.h + b.count] for _, b in names}) < 2:
        return  # their longest names written alike: so are all their names
    if len({b.words[: b.h + k] for _, b in names}) > 1:
        found.append((k, names[0][0], names))
    if k < 3:
        by_next: dict[str, list[tuple[int, _Body]]] = defaultdict(list)
        for seq, b in names:
            if b.count > k:  # it has a longer name
                by_next[b.lower[b.h + k]].append((seq, b))  # the next word, lower case
        for same in by_next.values():
            _written_two_ways(same, k + 1, found)


@lru_cache(maxsize=1)
def _name_starts() -> re.Pattern:
    """_name_starts_source, compiled."""
    return re.compile(_from_heads()["name_starts"])


def _name_starts_source() -> str:
    """The matches of _CAP_WORD where a name may start, in NFC text (readers make it so; `_starts`
    checks): the scan leaves the other capitalised words to the regex engine, in C, instead of
    handing each to Python. Group "head" is set where the word and the next spell a head of a
    body's name (in any case, either tone placement; the first letter is not matched against
    the rest, a few more than needed) and a word follows; other matches are followed by another
    word, both maybe in title case (no capital after the first letter): where a proper name may
    start. `_scan` still decides at each."""
    tree: dict = {}  # the heads after their first letter, a letter at a time
    for head in ls.name_heads():
        for words in itertools.product(*(_spellings(w.lower()) for w in head)):
            node = tree
            for c in " ".join(words)[1:]:
                node = node.setdefault(c, {})
            node[""] = {}  # a head ends here
    head = rf"(?={_letters(tree, top=True)}(?!\w){_SEP}\w)(?P<head>)"
    # possessive runs: giving back a word character never lets what follows match
    pair = rf"(?=[^\W{UPPER}]*+{_SEP}{_CAP}[^\W{UPPER}]*+(?!\w))"
    # _MAY_CAP then a word character that is not a digit: _CAP
    return (rf"(?P<word>{_MAY_CAP}(?<!\w.)(?<=[^\W\d])(?:{head}|{pair})\w*)"
            rf"(?={_SEP}(?P<next>{_CAP}\w*))?")


def _letters(node: dict, top: bool = False) -> str:
    """The regex of a tree of letters (see _name_starts): a space stands for _SEP, a letter for
    either of its cases. Under the top, (?i) matches the case (it also takes "ſ" for "s", and
    the like: _scan decides). At the top, each case starts a branch with a plain character,
    which the regex engine checks without entering the branch (under (?i) it would enter)."""
    ways = []
    for c, child in sorted(node.items()):
        rest = f"(?i:{_letters(child)})" if top else _letters(child)
        if c == " ":
            ways.append(_SEP + rest)
        elif not c:
            ways.append("")  # the end of a head
        else:
            ways += [re.escape(x) + rest for x in (sorted({c, c.upper()}) if top else [c])]
    return ways[0] if len(ways) == 1 else "(?:" + "|".join(ways) + ")"


def _spellings(word: str) -> tuple[str, ...]:
    """The words (in lower case) that tone_normal turns into `word`: itself and its final oa, oe
    or uy with the tone mark on the second vowel ("ủy": "ủy", "uỷ"; "uỷ": none)."""
    forms = {word, move_tone(word, "second")}
    return tuple(sorted(w for w in forms if tone_normal(w) == word))


@lru_cache(maxsize=None)
def _words_after(count: int) -> re.Pattern:
    """Up to `count` next words of the same run, one group each (spaces and dashes between).
    Possessive: a word is whole, and is taken whenever it is there."""
    pattern = ""
    for _ in range(count):
        pattern = rf"(?:{_SEP}(\w++){pattern})?+"
    return re.compile(pattern)


@lru_cache(maxsize=1 << 14)  # words repeat
def _forms(raw: str) -> tuple[str, str, bool]:
    """A word's tone-normal form, that in lower case, and whether it is in capitals."""
    w = tone_normal(raw)
    return w, w.lower(), len(w) > 1 and w.isupper()


def _names_at(view: View, text: str, base: int, start: int, end: int, word: str, heads,
              bodies: list, memo: dict) -> None:
    """At a word (text[start:end], `text` holding view.text from `base` on) that may start a head
    of a body's name (`heads`: see _heads_by_first), record the names there (head + 1 to 3
    words) in `bodies`: see _Body.

    Speed: what is found depends only on the text from the word to the last word read (the same
    name is written many times in a document), so it is kept in `memo` (one per document) under
    that text: reading it again costs the match of the words after and a look-up.
    tests/test_language.py compares with a memo that never keeps anything."""
    after = _words_after(heads[0]).match(text, end)
    key = text[start : after.end()]
    found = memo.get(key, memo)
    if found is memo:
        found = memo[key] = _names_read(word, heads[1], after, start)
    if found is not None:
        words, lower, h, count, first_after, first_start = found
        here = start - base
        bodies.append(_Body(words, lower, h, count, view, here, first_after, here - first_start))


def _names_read(word: str, heads, after: re.Match, start: int):
    """(words, lower, h, count, after, start) of a _Body at `word` (`after`: the words after it,
    `start`: where it starts), or None."""
    # each word's tone-normal form, that in lower case, whether it is in capitals
    words, lower, heading = zip(_forms(word), *map(_forms, filter(None, after.groups())))
    n = len(words)
    for h, head in heads:
        if h < n and lower[:h] == head:
            count = min(3, n - h)
            if True in heading[: h + count]:
                count = heading.index(True) - h  # a word in capitals (a heading) ends the names
            if count > 0:
                return words, lower, h, count, after, start
            return None
    return None


@lru_cache(maxsize=1)
def _small_heads() -> re.Pattern:
    """_small_heads_source, with the first letter first (text/leading.py)."""
    return re.compile(_from_heads()["small_heads"])


def _small_heads_source() -> str:
    """The first word of a head of a body's name in small letters (either tone placement), at
    every place it is written: the plain search, which _small_places must equal."""
    # Longest first; then in letter order, not a set's (which changes with each process's hash
    # seed): the same pattern text in every process, which text/compiled.py keeps between runs.
    ways = [re.escape(first) for first in sorted(_small_spellings(), key=lambda w: (-len(w), w))]
    return rf"(?<!\w)(?:{'|'.join(ways)})(?!\w)"


def _small_spellings() -> set[str]:
    """The first words of the heads in small letters, either tone placement."""
    return {w for head in ls.name_heads() for w in _spellings(head[0].lower())}


@lru_cache(maxsize=1)
def _small_heads_reversed() -> re.Pattern:
    """_small_heads_reversed_source, compiled."""
    return re.compile(_from_heads()["small_heads_reversed"])


def _small_heads_reversed_source(heads_by_first: dict) -> str:
    """The search of _small_places, in the text reversed: at the first letter of a word that may
    start with a capital (_CAP, read as _MAY_CAP then a word character that is not a digit) and
    is the word right after a head in small letters (h words, its first word a literal below,
    words and _SEP between); group "hH" is, in the reversed text, the first word of such a head
    of H words. Each tone placement of each first word is a literal, in a tree of letters."""
    by_h: dict[int, set[str]] = defaultdict(set)
    for first in _small_spellings():
        for h, _ in heads_by_first.get(tone_normal(first).lower(), (0, ()))[1]:
            by_h[h].add(first[::-1])

    def between(h: int) -> str:  # the h - 1 words of a head after its first, reversed
        return rf"(?:\w++{_SEP}){{{h - 1}}}" if h > 1 else ""

    heads = [rf"(?=(?:{_SEP}{between(h)}(?P<h{h}>{_letters(_tree(by_h[h]))})(?!\w))?)"
             for h in sorted(by_h)]
    # any head at all, tested first (most capitals follow none), reading each word once: the
    # first word of a head of 1 word, or a word and then that of a head of 2 words, or …
    gate = ""
    for h in range(max(by_h, default=1), 0, -1):
        here = rf"{_letters(_tree(by_h[h]))}(?!\w)" if by_h.get(h) else "(?!)"
        gate = rf"(?:{here}|\w++{_SEP}{gate})" if gate else here
    # the letter tested first: a run of blanks (some are _MAY_CAP) is then read only from the
    # word before it, not from each of its blanks (quadratic)
    return rf"{_MAY_CAP}(?<=[^\W\d])(?={_SEP}{gate}){''.join(heads)}"


def _build_from_heads() -> dict:
    """The plain data built from the heads of bodies' names (rules/terms.toml): _heads_by_first
    and the sources of the patterns that find them."""
    by_first = _build_heads_by_first()
    return {"heads_by_first": by_first, "name_starts": _name_starts_source(),
            "small_heads": first_char_first(_small_heads_source()),
            "small_heads_reversed": _small_heads_reversed_source(by_first)}


@lru_cache(maxsize=2)
def _from_heads(cached: bool = True) -> dict:
    """_build_from_heads, kept between runs of the command line (catalogue/derived.py: some 2 ms
    of string work in a one-file run); built here where `cached` is false."""
    if not cached:
        return _build_from_heads()
    from ..text import leading, letters
    from . import tone

    out = derived("terms-heads", "terms.toml", (sys.modules[__name__], ls, tone, letters, leading), _build_from_heads)
    return out if isinstance(out, dict) and set(out) == _FROM_HEADS else _build_from_heads()


_FROM_HEADS = {"heads_by_first", "name_starts", "small_heads", "small_heads_reversed"}


def _tree(words) -> dict:
    """The words in a tree of letters, as _letters reads it (no space in them)."""
    tree: dict = {}
    for w in words:
        node = tree
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}
    return tree


def _small_places(views: list[View],
                  joined: str | None = None) -> list[tuple[View, int, int]]:
    """(view, start, end) of each first word of a head in small letters that _small_bodies may
    keep, in the order of the text: where, after the head, comes a word that may start with a
    capital, as _small_bodies requires ("phòng Tư pháp", not "các phòng chuyên môn", "ban
    hành", "tổ chức").

    Speed: searched forward, the first words ("ban", "công", "tổ" …) start at most small letters
    and the engine tries the pattern at every one; a capital after a separator is rare. So the
    search runs over the views joined (_joined) and reversed, from the capital, and reads the
    head backwards (_small_heads_reversed): about half the time of the search forward on 200
    pages. A head is found wherever _small_heads finds it and the word after it may start with
    a capital; tests/test_language.py compares with `_small_places_plain`."""
    rx = _small_heads_reversed()
    rev = (_joined(views) if joined is None else joined)[::-1]
    n = len(rev)
    found: dict[int, int] = {}  # start -> end, in the text joined
    for m in rx.finditer(rev):
        for s, e in m.regs[1:]:
            if e >= 0:
                found[n - e] = n - s
    out = []
    i, base, limit = -1, 0, 0  # the view of the last place, where it starts, where the next does
    for pos in sorted(found):
        while pos >= limit:
            i += 1
            base = limit
            limit = base + len(views[i].text) + 1
        out.append((views[i], pos - base, found[pos] - base))
    return out


def _small_places_plain(views: list[View],
                        joined: str | None = None) -> list[tuple[View, int, int]]:
    """_small_places, plain: every first word of a head in small letters (`joined`: unused, as
    _small_places is called)."""
    return [(v, m.start(), m.end()) for v in views for m in _small_heads().finditer(v.text)]


def _small_firsts(names: dict[tuple, list[_Body]]) -> Container[str]:
    """Speed: _small_bodies keeps a name found at a head in small letters only if its words up
    to one past the head are a key of `names`, so a head whose first word starts no key is
    skipped before any work (most heads in small letters are common nouns: "ban", "phòng",
    "sở" …): the same test, made first. tests/test_language.py compares with no skipping."""
    return frozenset(k[0] for k in names)


def _small_bodies(views: list[View], bodies: list[_Body], memo: dict | None = None,
                  joined: str | None = None) -> list[_Body]:
    """Names whose head is written in small letters ("phòng An ninh chính trị nội bộ") where the
    document also writes the name with its head in capitals. Precision first: the head is a word
    of its own (not the end of "cơ sở", "cán bộ", "Hiệp hội", nor "ban" after "Trưởng"); the word
    after it is capitalised (a name, not the common noun: "các phòng chuyên môn"); and the words
    read after the head agree, in any case, with a name written with a capital head, as far as
    the shorter of the two goes (a generic "ban chấp hành đảng bộ" is not "Ban Chấp hành Trung
    ương")."""
    names: dict[tuple, list[_Body]] = defaultdict(list)
    for b in bodies:
        names[b.lower[: b.h + 1]].append(b)
    if not names:
        return []
    if memo is None:
        memo = {}
    compounds = frozenset(ls.head_compounds())
    firsts = _small_firsts(names)
    agree: dict[tuple, set] = {}  # see _agreeing
    out: list[_Body] = []
    for view, start, end in _small_places(views, joined):
        text = view.text
        word = text[start:end]
        low = _forms(word)[1]
        if low not in firsts:
            continue
        if _word_before(text, start) in compounds:
            continue
        found: list[_Body] = []
        _names_at(view, text, 0, start, end, word, _heads_by_first().get(low, (0, ())), found, memo)
        for b in found:
            key = b.lower[: b.h + 1]
            if not b.words[b.h][:1].isupper() or key not in names:
                continue
            if key not in agree:
                agree[key] = _agreeing(names[key])
            if any((b.count, b.lower[b.h : b.h + k]) in agree[key] for k in range(1, b.count + 1)):
                out.append(b)
    return out


def _agreeing(names: list[_Body]) -> set[tuple[int, tuple[str, ...]]]:
    """Speed: _small_bodies keeps a name `b` if some name `c` of `names` (a head in capitals and
    the same next word) has c.lower[c.h : c.h + m] == b.lower[b.h : b.h + m], m the smaller of
    their counts; comparing `b` with each `c` was quadratic in a name written many times. So
    each (count of b, words of c) that such a `b` may meet, looked up for each b (m is at most
    b's count): the same test. tests/test_language.py compares with `_small_places_plain`,
    and _agreeing with the pairwise test."""
    return {(n, c.lower[c.h : c.h + min(c.count, n)]) for c in names for n in (1, 2, 3)}


def _word_before(text: str, start: int) -> str:
    """The word before `start` within 40 characters, tone-normal, in small letters ("" at the
    start): re.search(r"(\\w+)[\\s\\-–]*$") on that window, read back from its end (the regex
    tried every position of a long word)."""
    lo = max(0, start - 40)
    k = start
    while k > lo and (text[k - 1].isspace() or text[k - 1] in "-–"):
        k -= 1
    j = k
    while j > lo and (text[j - 1].isalnum() or text[j - 1] == "_"):
        j -= 1
    return tone_normal(text[j:k]).lower() if j < k else ""
# A name that labels an abbreviation in a list ("Đảng uỷ công an: ĐUCA"): a class of bodies, not
# one body's name; its case is not compared. Bounded: the rest of the name is 3 words at most.
_LABEL = re.compile(rf"(?:[ \t]{{1,3}}\w{{1,20}}){{0,3}}[ \t]{{0,3}}:[ \t]{{0,3}}[{UPPER}]{{2,}}(?!\w)")


# Speed: _name_starts takes about 2.5 ms to build (once per process, then cached); on 100,000
# characters the scan it finds saves about 1.4 ms. So a long document scans with it and a short
# one at every capitalised word: the choice depends on the document alone, and both scans give
# the same findings (tests/test_language.py runs both on the corpus).
LONG_DOCUMENT = 200_000  # characters


def _starts(text: str) -> re.Pattern:
    """The pattern of the places to scan in a document (`text`: its paragraphs joined)."""
    if len(text) < LONG_DOCUMENT or not unicodedata.is_normalized("NFC", text):
        return _CAP_WORD  # and _name_starts needs NFC text (the readers make it)
    return _name_starts()


def _joined(views: list[View]) -> str:
    """The views' texts joined by NUL, which neither a word character nor a separator (_SEP)
    matches: a search of this text finds what searches of each view find. Made once per
    document, for _starts, _scan and _small_places."""
    return "\0".join(v.text for v in views)


def _scan(views: list[View], starts: re.Pattern, bodies: list, name_groups,
          memo: dict | None = None, joined: str | None = None) -> None:
    """Collect the body names and proper names of runs of paragraphs (`joined`: _joined), at the
    capitalised words where one may start (`starts`: _name_starts or _CAP_WORD, see _starts);
    `memo`: see _names_at."""
    if memo is None:
        memo = {}
    text = _joined(views) if joined is None else joined
    i, base, limit = -1, 0, 0  # the view of the last match, where it starts, where the next does
    for m in starts.finditer(text):
        start = m.start()
        while start >= limit:
            i += 1
            base = limit
            limit = base + len(views[i].text) + 1
        word, head, nxt = m.group("word", "head", "next")
        cap = _capitalised(word)
        if cap is None:
            continue
        first, heads, title = cap
        # names of bodies: head + up to 3 words
        if heads and head is not None:
            _names_at(views[i], text, base, start, m.end(), word, heads, bodies, memo)
        # proper names: two capitalised syllables
        if title and nxt is not None and (cap2 := _capitalised(nxt)) and cap2[2]:
            second = cap2[0]
            key = _name_key(first) + " " + _name_key(second)
            place = (views[i], start - base, m.end("next") - base)
            name_groups[key].append((first + " " + second, *place))


@lru_cache(maxsize=8)  # the same terms (rules/terms.toml and a configuration's) for every document
def _canonical(terms: tuple[str, ...]) -> tuple[str, ...]:
    """The canonical spellings of terms, each word tone-normal."""
    return tuple(" ".join(tone_normal(w) for w in t.split()) for t in terms)


@check(rule("VB205"))
def term_names(doc, ctx):
    paras = ls.use_paragraphs(doc, ctx.anatomy)
    canon = _canonical(tuple(ls.canonical_terms(ctx)))
    bodies: list[_Body] = []
    # proper name -> its occurrences as _Occ arguments (made _Occ if it is spelt two ways)
    name_groups: dict[str, list[tuple]] = defaultdict(list)
    views = [View(run) for run in ls.wrapped_runs(paras)]
    joined = _joined(views)  # as long as the paragraphs joined, and as normal (NFC or not)
    memo: dict = {}  # see _names_at
    _scan(views, _starts(joined), bodies, name_groups, memo, joined)
    bodies += _small_bodies(views, bodies, memo, joined)
    reported: set[tuple[int, int]] = set()
    # Reported stretches of text, by view: apart, in order (a look-up by bisection; comparing
    # each occurrence with every stretch reported was quadratic in a long list of names).
    spans: dict[int, list[tuple[int, int]]] = {}
    # Capitalisation of body names, shortest n-gram first.
    decided: set[tuple[int, int]] = set()  # names settled by a shorter n-gram
    for k, occs in _body_name_groups(bodies):
        if len({o.spelling for o in occs}) < 2:
            continue  # one spelling (fewer still after the filter below)
        occs = [o for o in occs if o.pos not in decided and not _LABEL.match(o.view.text, o.end)]
        spellings = {o.spelling for o in occs}
        if len(spellings) < 2:
            continue
        # the word right after the head must be capitalised in at least one spelling, or the
        # head itself written two ways past its first letter ("Ban chỉ đạo" / "Ban Chỉ đạo")
        first_after = set()
        head_forms = set()
        for s in spellings:
            ws = s.split()
            first_after.add(ws[len(ws) - k][:1].isupper())
            head_forms.add(" ".join(ws[: len(ws) - k])[1:])
        if True not in first_after and len(head_forms) < 2:
            continue
        settled: set[str] = set()  # majority spellings of this group already settled
        for o, major, count in _choose(occs, canon):
            if o.pos in reported or _overlaps(spans.get(id(o.view)), o.start, o.end):
                continue  # one finding per stretch of a name ("Ủy ban Mặt trận tổ quốc" once)
            if _sentence_start(o) and upper_count(o.spelling) < upper_count(major.spelling):
                continue  # "Ban quản lý …" opening a sentence may be the common noun
            reported.add(o.pos)
            bisect.insort(spans.setdefault(id(o.view), []), (o.start, o.end))
            # the majority spelling of this name is settled: a longer n-gram must not turn it
            # into a minority ("Sở Công Thương tỉnh" after "Sở Công thương tỉnh"); once per
            # spelling, not once per occurrence reported (quadratic in a long list of them)
            if major.spelling not in settled:
                settled.add(major.spelling)
                decided.update(x.pos for x in occs if x.spelling == major.spelling)
            p, s = o.view.locate(o.start)
            pe, e = o.view.locate(o.end - 1)
            if pe is not p:
                e = len(p.text) - 1
            yield ctx.finding("VB205", p, s, min(len(p.text), e + 1), "case", text=o.original,
                              form=major.original, count=count,
                              fix=_respelled(p, s, e + 1, pe, major.original, case_only=True))
    # Spelling of proper names.
    for key, found in name_groups.items():
        if len({f[0] for f in found}) < 2:
            continue
        occs = [_Occ(*f) for f in found]
        for o, major, count in _choose(occs, canon):
            if o.pos in reported:
                continue
            mw, ow = major.spelling.split(), o.spelling.split()
            lost = o.spelling.isascii() != major.spelling.isascii()  # "Dak Lak" for "Đắk Lắk"
            if mw == ow or not (lost or all(_variant_word(a, b) for a, b in zip(mw, ow))):
                continue
            if all(a.lower() == b.lower() for a, b in zip(mw, ow)):
                continue  # case only: not this kind
            reported.add(o.pos)
            p, s = o.view.locate(o.start)
            pe, e = o.view.locate(o.end - 1)
            if pe is not p:
                e = len(p.text) - 1
            yield ctx.finding("VB205", p, s, min(len(p.text), e + 1), "spelling", text=o.original,
                              form=major.original, count=count,
                              fix=_respelled(p, s, e + 1, pe, major.original, case_only=False))


_WORD = re.compile(r"\w+")


def _respelled(p, s: int, e: int, pe, form: str, case_only: bool):
    """An unsafe fix writing the name as the document mostly does (`form`), word for word,
    keeping the separators between the words and, for a difference in case only, the letters
    (and so the tone-mark placement, VB206's business) of the place itself. None for a name
    that wraps onto the next line or whose words do not pair up."""
    if pe is not p:
        return None
    old = p.text[s:e]
    words = list(_WORD.finditer(old))
    wanted = _WORD.findall(form)
    if len(words) != len(wanted):
        return None
    out, pos = [], 0
    for m, w in zip(words, wanted):
        out.append(old[pos : m.start()])
        o = m.group(0)
        if case_only:
            if len(o) != len(w):
                return None
            out.append("".join(a.upper() if b.isupper() else a.lower() for a, b in zip(o, w)))
        else:
            out.append(w)
        pos = m.end()
    out.append(old[pos:])
    new = "".join(out)
    return Fix.unsafe(Edit.replace(p, s, e, new)) if new != old else None
