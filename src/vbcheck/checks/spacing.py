"""VB207: spacing around punctuation (info).

A space before , ; : . ; no space after , ; between two letters; two spaces inside a line. Only in
the running text (trích yếu, V/v, Kính gửi, body, appendix): punctuation inside Nơi nhận is
VB122's, the header and the signature are laid out. Not reported on text a PDF conversion laid
out (pdftotext -layout pads lines with spaces; two columns on one line mark such a file), and
never for "./.", an ellipsis, numbers ("1.000", "10,5"), or addresses and URLs.
"""

from __future__ import annotations

import re

from ..anatomy import View
from ..catalogue.loader import rule
from ..core.fix import Edit, Fix
from ..core.model import SourceKind, Zone
from ..core.rule import check
from ..text.guards import guard
from . import langscope as ls

_ZONES = {Zone.TITLE, Zone.KINH_GUI, Zone.BODY, Zone.APPENDIX}
# Each pattern starts with the character it looks for and only then looks behind: the regex
# engine then skips to the candidates in C instead of trying every position.
BEFORE = re.compile(r" (?<=[\w)”\"] ) *(?P<mark>[,;:.])(?=\s|$)(?!\s*/)")
AFTER = re.compile(r"(?P<mark>[,;])(?<=[^\W\d_][,;])(?=[^\W\d_])")
_SPACE_MARK = re.compile(r" [,;:.]")  # what BEFORE needs; cheaper to look for first in a paragraph
DOUBLE = re.compile(r"  (?<=[^\s/]  )(?=[^\s/])")  # exactly two: three or more is a blank left to fill or layout
# What BEFORE and AFTER need, a pattern for each mark: a space before it, or a letter after
# "," and ";". A class at the start (as in AFTER) makes the regex engine test every character,
# a space (as in _SPACE_MARK) stop at each of the many spaces; a plain mark it looks for far
# faster.
_MARK_NEEDS = [re.compile(r",(?:(?<= ,)|(?=[^\W\d_]))"), re.compile(r";(?:(?<= ;)|(?=[^\W\d_]))"),
               re.compile(r":(?<= :)"), re.compile(r"\.(?<= \.)")]
_TWO_SPACES = re.compile("  ")  # what DOUBLE needs
# Speed (text/guards.py): what each pattern needs, looked for first.
SPACE_MARK = guard("VB207 space before a mark", BEFORE, lambda t: _SPACE_MARK.search(t) is not None)
MARKS = guard("VB207 marks", (BEFORE, AFTER), lambda t: any(p.search(t) for p in _MARK_NEEDS))
DOUBLES = guard("VB207 double spaces", DOUBLE, lambda t: _TWO_SPACES.search(t) is not None)


def _laid_out(doc) -> bool:
    """pdftotext -layout output: lines split into columns, or many lines padded with spaces."""
    if doc.kind == SourceKind.DOCX:
        return False
    lines = {}
    for p in doc.paragraphs:
        lines.setdefault(p.line, 0)
        lines[p.line] += 1
    split = sum(1 for n in lines.values() if n > 1)
    padded = sum(1 for p in doc.paragraphs if "  " in p.text)
    return split >= 3 or padded >= max(5, len(doc.paragraphs) // 10)


def _may_report(paras: list, laid_out: bool) -> list:
    """The paragraphs that hold what BEFORE, AFTER or DOUBLE (unless `laid_out`) need to match,
    found by searching their joined text once: most hold none."""
    view = View(paras)
    patterns = _MARK_NEEDS + ([] if laid_out else [_TWO_SPACES])
    found = {id(view.locate(m.start())[0]) for pat in patterns for m in pat.finditer(view.text)}
    return [p for p in paras if id(p) in found]


@check(rule("VB207"))
def spacing(doc, ctx):
    vv = {id(p) for p in (ctx.anatomy.vv or ())}
    laid_out = _laid_out(doc)
    paras = [p for p in doc.paragraphs if (p.zone in _ZONES or id(p) in vv)
             and not (p.table is not None and p.kind == "cell")]  # cells are laid out by hand
    for p in _may_report(paras, laid_out):
        text = p.text
        before = list(SPACE_MARK.finditer(text))
        after = list(AFTER.finditer(text))
        spans = ls.excluded_spans(text) if before or after else []
        for m in before:
            s, e = m.span()
            mark = m.group("mark")
            if mark == "." and (text[e:e + 2] == ".." or text[s - 1:s] == "."):
                continue
            if ls.inside(spans, s, e):
                continue
            yield ctx.finding("VB207", p, s, e, "before", mark=mark, fix=Fix.safe(Edit.replace(p, s, e, mark)))
        for m in after:
            s = m.start()
            if ls.inside(spans, s, s + 1):
                continue
            a = max(0, text.rfind(" ", 0, s) + 1)
            b = text.find(" ", s)
            b = len(text) if b < 0 else b
            yield ctx.finding("VB207", p, s, s + 1, "after", mark=m.group("mark"), text=text[a:b][:40],
                              fix=Fix.safe(Edit.insert(p, s + 1, " ")))
        if not laid_out:
            for m in DOUBLE.finditer(text):
                yield ctx.finding("VB207", p, m.start(), m.end(), "double",
                                  fix=Fix.safe(Edit.replace(p, m.start(), m.end(), " ")))
