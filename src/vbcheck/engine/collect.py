"""The findings of one document, gathered as the checks yield them: duplicates dropped (the first
kept), and at most `limit` findings of one rule kept: the first by place, then one finding that
counts the others ("… and K more"). Output and memory stay bounded whatever the document holds
(a "- Lưu: VT," line with 50,000 commas gave 50,000 findings, each carried through every
reporter); a document under the limit gets exactly what an unbounded list would give.

Ordered as `Finding.sort_key`, ties in the order the checks yielded them.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Iterable

from ..core import budget
from ..core.finding import Finding


@dataclass
class _Rule:
    """One rule's findings: the `limit + 1` first by place (a heap whose top is the last of
    them), the keys of those, and hashes of the keys of all the others (to count them once)."""

    heap: list = field(default_factory=list)
    keys: set = field(default_factory=set)
    others: set = field(default_factory=set)


class Collector:
    def __init__(self, limit: int, more_message):
        self.limit = limit
        self.more_message = more_message  # (count, limit) -> the message of the "and K more" finding
        self.rules: dict[str, _Rule] = {}
        self.seq = 0

    def add(self, f: Finding, dedupe: bool = True) -> None:
        self.seq += 1
        st = self.rules.get(f.code)
        if st is None:
            st = self.rules[f.code] = _Rule()
        key = (f.code, f.line, f.column, f.end_column, f.message) if dedupe else (self.seq,)
        if key in st.keys or hash(key) in st.others:
            return  # the same finding again (two checks, or one check twice): the first stays
        entry = (-f.line, -f.column, -self.seq, key, f)  # heapq's smallest: the last by place
        if len(st.heap) <= self.limit:
            heapq.heappush(st.heap, entry)
            st.keys.add(key)
        elif entry[:3] > st.heap[0][:3]:
            out = heapq.heapreplace(st.heap, entry)
            st.keys.discard(out[3])
            st.others.add(hash(out[3]))
            st.keys.add(key)
        else:
            st.others.add(hash(key))

    def extend(self, findings: Iterable[Finding], dedupe: bool = True) -> None:
        for k, f in enumerate(findings):
            if not k & 1023:  # a check that yields a finding per space of a long line: its time
                budget.check()
            self.add(f, dedupe)

    def findings(self) -> list[Finding]:
        rows = []
        for st in self.rules.values():
            kept = sorted(st.heap, reverse=True)  # by place, then yield order
            total = len(kept) + len(st.others)
            if total <= self.limit:
                rows += kept
                continue
            rows += kept[: self.limit]
            nxt = kept[self.limit]
            rows.append(nxt[:3] + (None, _more(nxt[4], self.more_message(total - self.limit, self.limit))))
        rows.sort(key=lambda r: (-r[0], -r[1], r[4].code, -r[2]))
        return [r[4] for r in rows]


def _more(f: Finding, message: str) -> Finding:
    """The finding that stands for the ones not listed, at the first of them."""
    return Finding(code=f.code, name=f.name, severity=f.severity, message=message, line=f.line,
                   column=f.column, end_line=f.line, end_column=f.column, page=f.page, text="",
                   paragraph=f.paragraph)
