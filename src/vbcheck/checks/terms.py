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

import itertools
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

from ..anatomy import View
from ..letters import LOWER, UPPER
from ..packs import rule
from ..rules import check
from . import langscope as ls
from .tone import move_tone

# Names are runs of words broken by punctuation but not by dashes ("Văn hoá – Xã hội"), and
# start with a capital: a word starting with anything but a small Latin letter, a digit or "_"
# (tone_normal keeps the case of the first letter, so none of those can start a name).
_CAP = rf"[^\W\d_{LOWER}]"
_SEP = r"[\s\-–—]+"  # between the words of a name
# Such a word, and the next word of the same run when that one can start with a capital too.
_CAP_WORD = re.compile(rf"(?P<word>{_CAP}(?<!\w.)\w*)(?={_SEP}(?P<next>{_CAP}\w*))?")
# The scan needs only some of those words (`_head_words`, `_PAIR`): patterns that find just
# those leave the other capitalised words to the regex engine, in C. They assume NFC text, as
# the readers make it (`_scan` checks).
# A class of plain characters, which the engine tests at each position several times faster
# than _CAP (a Unicode category test): anything but a small Latin letter, a digit, a space or
# common punctuation.
_MAY_CAP = rf"[^{LOWER}0-9_ \n.,;:()\-–—/\"“”'…%]"
# A word followed by another, both maybe in title case (no capital after the first letter): the
# words where a proper name of two syllables can start.
_TITLE_ISH = rf"{_CAP}[^\W{UPPER}]*"
_PAIR = re.compile(rf"(?P<word>{_MAY_CAP}(?<={_CAP})(?<!\w.)[^\W{UPPER}]*)"
                   rf"(?={_SEP}(?P<next>{_TITLE_ISH})(?!\w))")
_KC = re.compile(r"k\b")


def _groups(paras):
    """Runs of paragraphs that are one wrapped sentence (next starts with a small letter)."""
    run = []
    for p in paras:
        if run and p.text[:1].islower() and p.kind == run[-1].kind:
            run.append(p)
        else:
            if run:
                yield run
            run = [p]
    if run:
        yield run


def _title(w: str) -> bool:
    return w[:1].isupper() and (len(w) == 1 or w[1:].islower())


def _kc(folded: str) -> str:
    return _KC.sub("c", folded)


@lru_cache(maxsize=1 << 14)  # words repeat
def _name_key(word: str) -> str:
    return _kc(ls.fold(word))


def _variant_word(a: str, b: str) -> bool:
    """b is a slip of a: diacritics lost, or final k/c swapped with the same marks."""
    if a.lower() == b.lower():
        return True
    if _kc(ls.fold(a)) != _kc(ls.fold(b)):
        return False
    la, lb = a.lower(), b.lower()
    return len(la) == len(lb) and la[:-1] == lb[:-1] and {la[-1], lb[-1]} == {"k", "c"}


class _Occ:
    __slots__ = ("spelling", "view", "start", "end", "nxt", "_pos")

    def __init__(self, spelling, view, start, end, nxt=None):
        self.spelling, self.view, self.start, self.end = spelling, view, start, end
        self.nxt = nxt  # the next word, lower case (None at the end of a clause)
        self._pos = None

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


def _choose(groups: dict, canon: list[str], prefer_fewer_caps: bool = False):
    """Yield (minority occurrence, majority spelling, majority count) for every group."""
    for occs in groups.values():
        by: dict[str, list[_Occ]] = defaultdict(list)
        for o in occs:
            by[o.spelling].append(o)
        if len(by) < 2:
            continue
        ranked = sorted(by, key=lambda s: (not any(c in s for c in canon), -len(by[s]),
                                           by[s][0].pos))
        major = ranked[0]
        nexts = {o.nxt for o in by[major]}
        for s in ranked[1:]:
            for o in by[s]:
                # the same name, not a longer different one ("Ủy ban Nhân quyền" is not
                # "Ủy ban nhân dân"): the next word agrees, or one of them ends the clause
                if o.nxt is None or None in nexts or o.nxt in nexts:
                    yield o, by[major][0], len(by[major])


def _sentence_start(o: "_Occ") -> bool:
    before = o.view.text[: o.start].rstrip(" \n*")
    return not before or before[-1] in ".:;!?-–+)•" or before.endswith("\n")


@lru_cache(maxsize=1)
def _heads_by_first() -> dict[str, tuple[int, list[tuple[int, tuple[str, ...]]]]]:
    """Heads of body names in lower case, by their first word: (how many words a look-up reads
    after that one: the longest head's others, 3 more and the next; [(length, head words)])."""
    by_first: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    for head in ls.name_heads():
        low = tuple(x.lower() for x in head)
        by_first[low[0]].append((len(low), low))
    return {w: (max(h for h, _ in hs) + 3, hs) for w, hs in by_first.items()}


@lru_cache(maxsize=1 << 14)  # words repeat
def _capitalised(raw: str) -> tuple[str, tuple | None, bool] | None:
    """For a word whose tone-normal form starts with a capital: (that form, the heads of body
    names it starts, whether it is in title case); None for other words."""
    w = ls.tone_normal(raw)
    if not w[:1].isupper():
        return None
    return w, _heads_by_first().get(w.lower()), _title(w)


@lru_cache(maxsize=1)
def _head_words() -> re.Pattern:
    """The capitalised words that can start a head of a body's name followed by one more word:
    with the words after them they spell a head (any case; a tone mark in either place, as
    tone_normal reads it), then a word follows. Where `_body_names` may record a name (it still
    decides). The heads are a tree of letters: at each letter the regex engine tries only the
    letters that may follow, each written as a class of its two cases (not under (?i), so the
    engine skips a branch that does not start so without entering it)."""
    tree: dict = {}
    for head in ls.name_heads():
        for words in itertools.product(*(_spellings(w.lower()) for w in head)):
            node = tree.setdefault(words[0][0].upper(), {})  # tone_normal(word) starts so
            for c in " ".join(words)[1:]:
                node = node.setdefault(c, {})
            node[""] = {}  # a head ends here
    tail = rf"(?!\w){_SEP}\w"  # a word ends the head, another follows
    starts = [rf"{re.escape(c)}(?<!\w.)(?={_letters(node)}{tail})" for c, node in sorted(tree.items())]
    return re.compile(rf"(?P<word>(?:{'|'.join(starts)})\w*)")


def _letters(node: dict) -> str:
    """The regex of a tree of letters (see _head_words): a space stands for _SEP."""
    ways = []
    for c, child in sorted(node.items()):
        if c == " ":
            ways.append(_SEP + _letters(child))
        elif c:
            ways.append((f"[{c}{c.upper()}]" if c.upper() != c else re.escape(c)) + _letters(child))
        else:
            ways.append("")
    return ways[0] if len(ways) == 1 else "(?:" + "|".join(ways) + ")"


def _spellings(word: str) -> tuple[str, ...]:
    """The words (in lower case) that tone_normal turns into `word`: itself and its final oa, oe
    or uy with the tone mark on the second vowel ("ủy": "ủy", "uỷ"; "uỷ": none)."""
    return tuple(sorted({w for w in (word, move_tone(word, "second")) if ls.tone_normal(w) == word}))


@lru_cache(maxsize=None)
def _words_after(count: int) -> re.Pattern:
    """Up to `count` next words of the same run, one group each (spaces and dashes between)."""
    pattern = ""
    for _ in range(count):
        pattern = rf"(?:{_SEP}(\w+){pattern})?"
    return re.compile(pattern)


@lru_cache(maxsize=1 << 14)  # words repeat
def _forms(raw: str) -> tuple[str, str, bool]:
    """A word's tone-normal form, that in lower case, and whether it is in capitals."""
    w = ls.tone_normal(raw)
    return w, w.lower(), len(w) > 1 and w.isupper()


def _body_names(view: View, m: re.Match, heads, case_groups) -> None:
    """Record head + 1 to 3 words at a capitalised word (match `m`) that starts a head of a
    body's name (`heads`: see _heads_by_first)."""
    reach, heads = heads
    after = _words_after(reach).match(view.text, m.end())
    # each word's tone-normal form, that in lower case, whether it is in capitals
    words, lower, heading = zip(_forms(m.group("word")), *map(_forms, filter(None, after.groups())))
    n = len(words)
    for h, head in heads:
        if h < n and lower[:h] == head:
            if True in heading[:h]:
                break  # a word in capitals (a heading) ends the names
            name, spelling = " ".join(lower[:h]), " ".join(words[:h])
            for i in range(h, min(h + 3, n)):  # the name's last word
                if heading[i]:
                    break
                name += " " + lower[i]
                spelling += " " + words[i]
                nxt = lower[i + 1] if i + 1 < n else None
                case_groups[(i + 1 - h, name)].append((spelling, view, m.start(), after.end(i), nxt))
            break


def _scan(view: View, case_groups, name_groups) -> None:
    """Collect the body names and proper names of a run of paragraphs, at the capitalised words
    that can start one (at each capitalised word in text that is not NFC)."""
    text = view.text
    nfc = unicodedata.is_normalized("NFC", text)
    # names of bodies: head + up to 3 words
    for m in (_head_words() if nfc else _CAP_WORD).finditer(text):
        cap = _capitalised(m.group("word"))
        if cap is not None and cap[1]:
            _body_names(view, m, cap[1], case_groups)
    # proper names: two capitalised syllables
    for m in (_PAIR if nfc else _CAP_WORD).finditer(text):
        cap, nxt = _capitalised(m.group("word")), m.group("next")
        if cap and cap[2] and nxt is not None and (cap2 := _capitalised(nxt)) and cap2[2]:
            first, second = cap[0], cap2[0]
            key = _name_key(first) + " " + _name_key(second)
            name_groups[key].append((first + " " + second, view, m.start(), m.end("next")))


@check(rule("VB205"))
def term_names(doc, ctx):
    paras = ls.use_paragraphs(doc, ctx.anatomy)
    canon = [" ".join(ls.tone_normal(w) for w in t.split()) for t in ls.canonical_terms(ctx)]
    # name -> its occurrences as _Occ arguments (made _Occ only for names spelt two ways)
    case_groups: dict[tuple, list[tuple]] = defaultdict(list)
    name_groups: dict[str, list[tuple]] = defaultdict(list)
    for run in _groups(paras):
        view = View(run)
        _scan(view, case_groups, name_groups)
    reported: set[tuple[int, int]] = set()
    # Capitalisation of body names, shortest n-gram first.
    decided: set[tuple[int, int]] = set()  # names settled by a shorter n-gram
    for (k, key), found in sorted(case_groups.items(), key=lambda kv: kv[0][0]):
        if len({f[0] for f in found}) < 2:
            continue  # one spelling (fewer still after the filter below)
        occs = [o for o in (_Occ(*f) for f in found) if o.pos not in decided]
        spellings = {o.spelling for o in occs}
        if len(spellings) < 2:
            continue
        # the word right after the head must be capitalised in at least one spelling
        first_after = set()
        for s in spellings:
            ws = s.split()
            first_after.add(ws[len(ws) - k][:1].isupper())
        if True not in first_after:
            continue
        for o, major, count in _choose({key: occs}, canon, prefer_fewer_caps=True):
            if o.pos in reported:
                continue
            if _sentence_start(o) and ls.upper_count(o.spelling) < ls.upper_count(major.spelling):
                continue  # "Ban quản lý …" opening a sentence may be the common noun
            reported.add(o.pos)
            # the majority spelling of this name is settled: a longer n-gram must not turn it
            # into a minority ("Sở Công Thương tỉnh" after "Sở Công thương tỉnh")
            decided.update(x.pos for x in occs if x.spelling == major.spelling)
            p, s = o.view.locate(o.start)
            pe, e = o.view.locate(o.end - 1)
            if pe is not p:
                e = len(p.text) - 1
            yield ctx.finding("VB205", p, s, min(len(p.text), e + 1), "case", text=o.original,
                              form=major.original, count=count)
    # Spelling of proper names.
    for key, found in name_groups.items():
        if len({f[0] for f in found}) < 2:
            continue
        occs = [_Occ(*f) for f in found]
        for o, major, count in _choose({key: occs}, canon):
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
                              form=major.original, count=count)


CHECKS = [term_names]
