"""Views: consecutive paragraphs joined into one searchable string, and hits located back in
their paragraph and column.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..core.model import Paragraph
from ..text.letters import fold_same_length


@dataclass(slots=True)
class Hit:
    """A match located in the document: paragraph + start/end offsets in its text."""

    para: Paragraph
    start: int
    end: int
    groups: dict[str, str] = field(default_factory=dict)
    last: Paragraph | None = None  # the paragraph the match ends in, when it wraps
    matched: str = ""  # the whole matched text, wrapped lines joined by a space

    @property
    def text(self) -> str:
        return self.para.text[self.start : self.end]


class View:
    """Consecutive paragraphs joined by newlines, searchable as one string (patterns use \\s
    where a wrap may fall, and exclude \\n where a match must stay on one line)."""

    def __init__(self, paras: list[Paragraph]):
        self.paras = paras
        parts, self.starts = [], []
        pos = 0
        for p in paras:
            self.starts.append(pos)
            parts.append(p.text)
            pos += len(p.text) + 1
        self.text = "\n".join(parts)

    @cached_property
    def folded(self) -> str:
        """The text folded (`fold_same_length`), made on first use: not every reader needs it."""
        return fold_same_length(self.text)

    def locate(self, pos: int) -> tuple[Paragraph, int]:
        i = max(0, bisect.bisect_right(self.starts, pos) - 1)
        return self.paras[i], pos - self.starts[i]

    def hit(self, m: re.Match, group: int | str = 0) -> Hit:
        para, start = self.locate(m.start(group))
        end_para, end = self.locate(max(m.start(group), m.end(group) - 1))
        end = end + 1 if end_para is para else len(para.text)
        groups = {k: v for k, v in m.groupdict().items() if v is not None}
        matched = " ".join(self.text[m.start(group) : m.end(group)].split("\n"))
        return Hit(para, start, end, groups, end_para, matched)

    def search(self, pattern: re.Pattern, folded: bool = True) -> re.Match | None:
        return pattern.search(self.folded if folded else self.text)

    def original(self, m: re.Match, group: int | str = 0) -> str:
        return self.text[m.start(group) : m.end(group)]


def starts_with(paras: list[Paragraph], i: int, pattern: re.Pattern) -> bool:
    """Whether paragraph i opens with `pattern` (folded), also when a crawl wrapped the opening
    words onto the next line ("Nơi" / "nhận:", "Kính" / "gửi:").

    The openings are short: only the head of a long paragraph is folded (folding every body
    paragraph in full was most of the anatomy's time); a match that runs to the end of the head
    is confirmed on the whole text, since `$` may end it there."""
    text = paras[i].text
    letter = opening_letter(pattern)
    if letter is not None and fold_same_length(text[:1]) != letter:
        return False  # speed: see opening_letter
    f = fold_same_length(text[:_HEAD])
    m = pattern.match(f)
    if m and len(text) > _HEAD and m.end() == len(f):
        m = pattern.match(fold_same_length(text))
    if m:
        return True
    if len(text) <= _HEAD and len(f.split()) == 1 and i + 1 < len(paras) and not paras[i + 1].gap_before:
        return bool(pattern.match(f + " " + fold_same_length(paras[i + 1].text)))
    return False


_HEAD = 64  # characters of a paragraph `starts_with` folds


@lru_cache(maxsize=None)
def opening_letter(pattern: re.Pattern) -> str | None:
    """The one letter every match of an anchored pattern opens with ("^kinh\\s+…" → "k"), or
    None when the pattern does not say.

    Speed: `starts_with` is asked of every paragraph after the body starts (where is Nơi
    nhận?); folding each one's head was most of the anatomy's time on a long document. A
    paragraph whose first character does not fold to this letter cannot match, whichever
    branch of `starts_with` would try (each matches from the paragraph's first character);
    tests/test_anatomy_views.py checks both answers agree on every paragraph of the corpus."""
    if pattern.flags & re.IGNORECASE:
        return None
    from re import _constants as c, _parser

    items = list(_parser.parse(pattern.pattern, pattern.flags))
    if len(items) < 2 or items[0] != (c.AT, c.AT_BEGINNING) or items[1][0] is not c.LITERAL:
        return None
    letter = chr(items[1][1])
    return letter if letter.isascii() and letter.islower() else None
