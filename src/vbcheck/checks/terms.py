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

import re
from collections import defaultdict
from functools import lru_cache

from ..anatomy import View
from ..letters import LOWER
from ..packs import rule
from ..rules import check
from . import langscope as ls

# Names are runs of words broken by punctuation but not by dashes ("Văn hoá – Xã hội"), and
# start with a capital. The scan visits only words that can start with one: every word but those
# starting with a small Latin letter, a digit or "_" (tone_normal keeps the case of the first
# letter, so none of those can start a name).
_CAP = rf"[^\W\d_{LOWER}]"
# Such a word, and the next word of the same run (only spaces and dashes in between) when that
# one can start with a capital too: a proper name is two capitalised words.
_CAP_WORD = re.compile(rf"(?P<word>{_CAP}(?<!\w.)\w*)(?=[\s\-–—]+(?P<next>{_CAP}\w*))?")
_WORD = re.compile(r"\w+")
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


@lru_cache(maxsize=None)
def _following(count: int) -> re.Pattern:
    """Up to `count` next words of the same run (only spaces and dashes in between)."""
    return re.compile(r"(?:[\s\-–—]+\w+){0,%d}" % count)


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
def _heads_by_first() -> dict[str, tuple[int, list[tuple[int, list[str]]]]]:
    """Heads of body names in lower case, by their first word: (how many words a look-up reads
    after that one: the longest head's others, 3 more and the next; [(length, head words)])."""
    by_first: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)
    for head in ls.name_heads():
        low = [x.lower() for x in head]
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


def _body_names(view: View, m: re.Match, first: str, heads, case_groups) -> None:
    """Record head + 1 to 3 words at a capitalised word `first` (match `m`) that starts a head of
    a body's name (`heads`: see _heads_by_first)."""
    reach, heads = heads
    text, pos = view.text, m.end("word")
    stop = _following(reach).match(text, pos).end()
    words = [first, *map(ls.tone_normal, _WORD.findall(text, pos, stop))]
    lower = [w.lower() for w in words]
    n = len(words)
    for h, head in heads:
        if h < n and lower[:h] == head:
            # a word in capitals (a heading) ends the names
            heading = [len(w) > 1 and w.isupper() for w in words]
            caps = heading.index(True) if True in heading else n
            for j in range(h + 1, h + 4):
                if j > n or caps < j:
                    break
                key = (j - h, " ".join(lower[:j]))
                nxt = lower[j] if j < n else None
                end = _following(j - 1).match(text, pos).end()  # of the name's last word
                case_groups[key].append(_Occ(" ".join(words[:j]), view, m.start(), end, nxt))
            break


def _scan(view: View, case_groups, name_groups) -> None:
    """Collect the body names and proper names of a run of paragraphs, at each capitalised word."""
    for m in _CAP_WORD.finditer(view.text):
        cap = _capitalised(m.group("word"))
        if cap is None:
            continue
        first, heads, title = cap
        # names of bodies: head + up to 3 words
        if heads:
            _body_names(view, m, first, heads, case_groups)
        # proper names: two capitalised syllables
        nxt = m.group("next")
        if title and nxt is not None and (cap2 := _capitalised(nxt)) and cap2[2]:
            second = cap2[0]
            key = _name_key(first) + " " + _name_key(second)
            name_groups[key].append(_Occ(first + " " + second, view, m.start(), m.end("next")))


@check(rule("VB205"))
def term_names(doc, ctx):
    paras = ls.use_paragraphs(doc, ctx.anatomy)
    canon = [" ".join(ls.tone_normal(w) for w in t.split()) for t in ls.canonical_terms(ctx)]
    case_groups: dict[tuple, list[_Occ]] = defaultdict(list)
    name_groups: dict[str, list[_Occ]] = defaultdict(list)
    for run in _groups(paras):
        view = View(run)
        _scan(view, case_groups, name_groups)
    reported: set[tuple[int, int]] = set()
    # Capitalisation of body names, shortest n-gram first.
    decided: set[tuple[int, int]] = set()  # names settled by a shorter n-gram
    for (k, key), occs in sorted(case_groups.items(), key=lambda kv: kv[0][0]):
        if len({o.spelling for o in occs}) < 2:
            continue  # one spelling (fewer still after the filter below)
        occs = [o for o in occs if o.pos not in decided]
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
    for key, occs in name_groups.items():
        spellings = {o.spelling for o in occs}
        if len(spellings) < 2:
            continue
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
