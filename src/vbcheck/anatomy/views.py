"""Views: consecutive paragraphs joined into one searchable string, and hits located back in
their paragraph and column.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

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
