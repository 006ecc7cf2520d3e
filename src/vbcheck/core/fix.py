"""Fixes: what a check proposes to change so that a finding goes away.

A `Fix` is one or more `Edit`s and an applicability (ruff's word):
- `safe`: certain and meaning-preserving ("5" → "05" in the number, the Tiêu ngữ's dashes, the
  "./." that ends the body); `vbcheck fix` applies these by default;
- `unsafe`: likely but a person should look (a term variant to the form the document uses most,
  legacy TCVN3 text to Unicode, a font or a margin); applied with `--unsafe-fixes`.
A check proposes no fix where the right text is unknown (the full phrase of an undefined
abbreviation, a missing signature).

An edit is placed the way findings are: the paragraph's `line` and 1-based `column`/`end_column`
(source columns for text files, offsets in the paragraph's text for a .docx), together with the
normalised text it replaces (`old`), so a writer can check that the place still holds that text
before it changes anything. `new` is the replacement (None for a formatting-only edit); `format`
sets run properties on the new text or on the range (`font`, `size`, `bold`, `italic`), or
paragraph or section properties (`target` "paragraph" / "section"; `section` is its index).

Build edits from a paragraph with `Edit.replace`, `Edit.insert`, `Edit.format_run`,
`Edit.format_paragraph` and `Edit.format_section`, and attach them with
`ctx.finding(..., fix=Fix.safe(edit, ...))` (see `vbcheck.hookspecs`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .model import Paragraph

SAFE = "safe"
UNSAFE = "unsafe"
APPLICABILITIES = (SAFE, UNSAFE)
TARGETS = ("text", "paragraph", "section")
# Formatting keys a writer knows, by target (units: points for sizes, twips for lengths).
FORMAT_KEYS = {
    "text": frozenset({"font", "size", "bold", "italic", "underline", "caps", "color"}),
    "paragraph": frozenset({"jc", "first_line", "before", "after", "line", "line_rule"}),
    "section": frozenset({"page", "orient", "margins"}),
}


@dataclass(frozen=True, slots=True)
class Edit:
    """One change at one place (see the module's docstring for the coordinates)."""

    line: int
    column: int  # 1-based, like Finding.column
    end_column: int
    old: str  # the normalised text at [column, end_column) when the check ran
    new: str | None  # replacement text; None: formatting only
    format: Mapping[str, Any] = field(default_factory=dict)
    target: str = "text"
    section: int | None = None  # for target "section": index in Document.meta["sections"]

    # ------------------------------------------------------------------ builders

    @classmethod
    def replace(cls, para: Paragraph, start: int, end: int, new: str, **fmt: Any) -> "Edit":
        """Replace `para.text[start:end]` by `new` (`fmt`: run properties of the new text)."""
        if "\n" in new or "\r" in new:
            raise ValueError("an edit never adds a line break")
        start, end = _clamp(para, start, end)
        if start == end:
            return cls.insert(para, start, new, **fmt)
        return cls(para.line, para.column(start), para.column(end), para.text[start:end], new, _fmt("text", fmt))

    @classmethod
    def insert(cls, para: Paragraph, at: int, text: str, **fmt: Any) -> "Edit":
        """Insert `text` at offset `at`. Stored as a replacement of the word it touches (the one
        before, else the one after; at most 30 characters), so that the place is text a writer
        can verify and a reader of the fix can recognise, and the new text takes that text's
        formatting. Writers still change only what differs."""
        if "\n" in text or "\r" in text:
            raise ValueError("an edit never adds a line break")
        t = para.text
        at = max(0, min(at, len(t)))
        a = at
        while a > 0 and at - a < 30 and not t[a - 1].isspace():
            a -= 1
        if a < at:
            return cls(para.line, para.column(a), para.column(at), t[a:at], t[a:at] + text, _fmt("text", fmt))
        b = at
        while b < len(t) and b - at < 30 and (b == at or not t[b].isspace()):
            b += 1
        if b > at:
            return cls(para.line, para.column(at), para.column(b), t[at:b], text + t[at:b], _fmt("text", fmt))
        raise ValueError("cannot insert into an empty paragraph")

    @classmethod
    def format_run(cls, para: Paragraph, start: int, end: int, **fmt: Any) -> "Edit":
        """Set run properties (font, size, bold, italic, underline, caps, color) on a range."""
        start, end = _clamp(para, start, end)
        return cls(para.line, para.column(start), para.column(end), para.text[start:end], None, _fmt("text", fmt))

    @classmethod
    def format_paragraph(cls, para: Paragraph, **fmt: Any) -> "Edit":
        """Set paragraph properties (jc, first_line, before, after, line, line_rule; twips)."""
        return cls(para.line, para.column(0), para.column(len(para.text)), para.text, None,
                   _fmt("paragraph", fmt), "paragraph")

    @classmethod
    def format_section(cls, para: Paragraph, section: int, **fmt: Any) -> "Edit":
        """Set page setup on section `section` (page=(w, h) and margins={side: twips})."""
        return cls(para.line, para.column(0), para.column(0), "", None, _fmt("section", fmt), "section", section)

    # ------------------------------------------------------------------ reading

    @property
    def is_text(self) -> bool:
        return self.new is not None

    def span(self) -> tuple[int, int]:
        """(start, end) offsets of the edit in the paragraph's source text (0-based)."""
        return self.column - 1, self.end_column - 1

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"line": self.line, "column": self.column, "end_line": self.line,
                             "end_column": self.end_column, "old": self.old, "new": self.new}
        if self.format:
            d["format"] = {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.format.items()}
        if self.target != "text":
            d["target"] = self.target
        if self.section is not None:
            d["section"] = self.section
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Edit":
        fmt = dict(d.get("format") or {})
        if isinstance(fmt.get("page"), list):
            fmt["page"] = tuple(fmt["page"])
        return cls(int(d["line"]), int(d["column"]), int(d["end_column"]), d.get("old", ""), d.get("new"),
                   fmt, d.get("target", "text"), d.get("section"))


@dataclass(frozen=True, slots=True)
class Fix:
    """The edits that make a finding go away, all applied or none, and how certain they are."""

    applicability: str
    edits: tuple[Edit, ...]

    def __post_init__(self):
        if self.applicability not in APPLICABILITIES:
            raise ValueError(f"applicability must be one of {APPLICABILITIES}, not {self.applicability!r}")
        if not self.edits:
            raise ValueError("a fix needs at least one edit")

    @classmethod
    def safe(cls, *edits: Edit) -> "Fix":
        return cls(SAFE, tuple(edits))

    @classmethod
    def unsafe(cls, *edits: Edit) -> "Fix":
        return cls(UNSAFE, tuple(edits))

    @property
    def is_safe(self) -> bool:
        return self.applicability == SAFE

    def as_dict(self, lang: str = "vi") -> dict[str, Any]:
        return {"applicability": self.applicability, "message": describe(self, lang),
                "edits": [e.as_dict() for e in self.edits]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Fix":
        return cls(d["applicability"], tuple(Edit.from_dict(e) for e in d["edits"]))


def _clamp(para: Paragraph, start: int, end: int) -> tuple[int, int]:
    start = max(0, min(start, len(para.text)))
    return start, max(start, min(end, len(para.text)))


def _fmt(target: str, fmt: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(fmt) - FORMAT_KEYS[target]
    if unknown:
        raise ValueError(f"unknown {target} format keys: {sorted(unknown)}")
    return {k: v for k, v in fmt.items() if v is not None}


# --------------------------------------------------------------------------- wording

_WORDS = {
    "vi": {"font": "phông chữ", "size": "cỡ chữ", "bold": "chữ đậm", "italic": "chữ nghiêng",
           "underline": "gạch chân", "caps": "chữ hoa", "color": "màu chữ", "jc": "căn lề",
           "first_line": "thụt đầu dòng", "before": "cách đoạn trên", "after": "cách đoạn dưới",
           "line": "cách dòng", "line_rule": "kiểu cách dòng", "page": "khổ giấy", "orient": "hướng giấy",
           "margins": "lề", "top": "trên", "bottom": "dưới", "left": "trái", "right": "phải",
           "delete": "xóa", "insert": "thêm", "yes": "có", "no": "không",
           "nfc": "viết lại \"{text}\" bằng Unicode dựng sẵn (NFC)",
           "both": "đều hai bên", "center": "giữa", "left": "trái", "right": "phải", "000000": "đen"},
    "en": {"font": "font", "size": "size", "bold": "bold", "italic": "italic", "underline": "underline",
           "caps": "capitals", "color": "colour", "jc": "alignment", "first_line": "first-line indent",
           "before": "space before", "after": "space after", "line": "line spacing",
           "line_rule": "line rule", "page": "paper", "orient": "orientation", "margins": "margins",
           "top": "top", "bottom": "bottom", "left": "left", "right": "right",
           "delete": "delete", "insert": "insert", "yes": "yes", "no": "no",
           "nfc": "write \"{text}\" again in composed Unicode (NFC)",
           "both": "justified", "center": "centred", "left": "left", "right": "right", "000000": "black"},
}


def _value(key: str, v: Any, w: Mapping[str, str]) -> str:
    if isinstance(v, bool):
        return w["yes"] if v else w["no"]
    if key == "size":
        return f"{v:g} pt"
    if key == "page" and isinstance(v, (tuple, list)) and len(v) == 2:
        return f"{round(v[0] / 56.7)} × {round(v[1] / 56.7)} mm"
    if key == "margins" and isinstance(v, Mapping):
        return ", ".join(f"{w.get(s, s)} {round(t / 56.7)} mm" for s, t in v.items())
    if key in ("first_line", "before", "after") and isinstance(v, (int, float)):
        return f"{v / 567:.2f}".rstrip("0").rstrip(".") + " cm" if key == "first_line" else f"{v / 20:g} pt"
    if key in ("jc", "color") and isinstance(v, str):
        return w.get(v, v)
    return str(v)


def describe(fix: Fix, lang: str = "vi") -> str:
    """One line saying what the fix writes: `"5" → "05"`, `"." → "./."`, `phông chữ: Times New
    Roman`. Text edits are shown by the words they change (at most three places per edit)."""
    w = _WORDS.get(lang, _WORDS["vi"])
    parts = []
    for e in fix.edits:
        if e.new is not None and e.new == e.old:  # the same text, written again in NFC (VB002)
            parts.append(w["nfc"].format(text=e.old))
        elif e.new is not None:
            pieces = refine(e.old, e.new) or [(0, len(e.old), e.new)]
            for a, b, new in pieces[:3]:
                # widened to the words around the change, so an insertion shows its place
                wa, wb = a, b
                while wa > 0 and not e.old[wa - 1].isspace():
                    wa -= 1
                while wb < len(e.old) and not e.old[wb].isspace():
                    wb += 1
                before, after = e.old[wa:wb], e.old[wa:a] + new + e.old[b:wb]
                if len(before) > 60 or len(after) > 60:
                    before, after = e.old[a:b], new
                parts.append(f"\"{before}\" → \"{after}\"")
            if len(pieces) > 3:
                parts.append("…")
        if e.format:
            parts.append("; ".join(f"{w.get(k, k)}: {_value(k, v, w)}" for k, v in e.format.items()))
    seen = []
    for p in parts:  # the same change at several places is said once
        if p not in seen:
            seen.append(p)
    return "; ".join(seen)


# --------------------------------------------------------------------------- smallest edits

# Tokens for comparing an old and a new text: words, runs of spaces, any other single character.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def refine(old: str, new: str) -> list[tuple[int, int, str]]:
    """The smallest word-level changes that turn `old` into `new`: (start, end, replacement) in
    `old`, left to right. A tracked change then shows "–" → "-", not the whole Tiêu ngữ; a word
    whose case changes is replaced whole ("hòa" → "HÒA"), never letter by letter."""
    if old == new:
        return []
    # Common prefix and suffix first: most fixes touch one place of a short text.
    p = 0
    n = min(len(old), len(new))
    while p < n and old[p] == new[p]:
        p += 1
    s = 0
    while s < n - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
        s += 1
    o_mid, n_mid = old[p : len(old) - s], new[p : len(new) - s]
    if not o_mid or not n_mid or (len(o_mid) <= 1 and len(n_mid) <= 3):
        # A pure insertion or deletion, or one character replaced: as small as it gets (the
        # text is NFC, so a character is a whole letter).
        return [(p, len(old) - s, new[p : len(new) - s])]
    from difflib import SequenceMatcher

    a = [m.group(0) for m in _TOKEN.finditer(old)]
    b = [m.group(0) for m in _TOKEN.finditer(new)]
    starts_a = _starts(a)
    starts_b = _starts(b)
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        out.append((starts_a[i1], starts_a[i2], new[starts_b[j1] : starts_b[j2]]))
    return out


def _starts(tokens: list[str]) -> list[int]:
    out = [0]
    for t in tokens:
        out.append(out[-1] + len(t))
    return out

