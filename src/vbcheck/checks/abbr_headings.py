"""VB209: abbreviations in the tên loại, the trích yếu, the headings of Phần/Chương/Mục/Điều and
the issuing body's name (NĐ 30 PL I mục II.2.a; NĐ 78/2025 Điều 60.4 by analogy; HD 36 mục
II.1.6.1). Tokens are the language rules' (`langscope.abbreviation_tokens`: citations of other
documents' numbers and words of a heading in capitals are not abbreviations); the known list and
the user's `known_abbreviations` are exempt, as for VB201."""

from __future__ import annotations

import re

from ..anatomy.structure import LABELS, SECTION_KINDS
from ..catalogue.loader import rule
from ..core.rule import check
from . import langscope as ls

_ARTICLE_END = re.compile(r"[.:;,]\s*$")
_LABEL_WORDS = {"phan": ("phần", "part"), "chuong": ("chương", "chapter"), "muc": ("mục", "section"),
                "tieu_muc": ("tiểu mục", "subsection")}


def _tokens(p, known, start: int = 0):
    for tok in ls.abbreviation_tokens(p):
        if tok.start >= start and tok.text not in known:
            yield tok


def titled_article(h) -> bool:
    """An article with a title of its own ("Điều 2. Nhiệm vụ của Tổ công tác"), not one that
    carries its operative sentence ("Điều 2. Quyết định này có hiệu lực …")."""
    rest = h.rest.strip()
    return bool(rest) and len(rest) <= 120 and not _ARTICLE_END.search(rest)


def _heading_name(h, lang: str) -> str:
    if h.kind == "dieu":
        return f"Điều {h.number}"
    word = _LABEL_WORDS[h.kind][1 if lang == "en" else 0]
    n = h.number
    return f"{word} {n.upper() if not n.isdigit() else n}"


# Fix: a suggestion only (the full phrase, from the document's own definition where it has one;
# the heading's case and grammar need a person).
@check(rule("VB209"))
def abbr_in_headings(doc, ctx):
    an = ctx.anatomy
    known = ls.known_abbreviations(ctx)
    if not an.is_appendix:
        named = an.title is not None and an.doc_type not in (None, "CV")
        if an.title is not None:
            for tok in _tokens(an.title, known):
                yield ctx.finding("VB209", tok.para, tok.start, tok.end, "title", text=tok.text)
        if named:
            for p in an.trich_yeu:
                if p is an.authority or p is an.title or p.props.get("textbox"):
                    continue  # a boxed note anchored in the title paragraph is no summary
                for tok in _tokens(p, known):
                    yield ctx.finding("VB209", p, tok.start, tok.end, "trich-yeu", text=tok.text)
        elif an.is_cong_van and not an.vv_written_out:
            for k, p in enumerate(an.vv):
                start = an.vv_hit.start if k == 0 and an.vv_hit is not None else 0
                for tok in _tokens(p, known, start):
                    if tok.text.upper() == "V/V":
                        continue
                    yield ctx.finding("VB209", p, tok.start, tok.end, "vv", severity="info", text=tok.text)
        yield from _issuer(an, ctx, known)
    for h in an.outline:
        if h.kind in SECTION_KINDS:
            if h.title is not None:
                paras, start = h.title.paras, 0
            elif h.rest.strip():
                paras, start = [h.para], h.label_end
            else:
                continue
        elif h.kind == "dieu" and titled_article(h):
            paras, start = [h.para], h.label_end
        else:
            continue
        name = _heading_name(h, ctx.lang)
        for k, p in enumerate(paras):
            for tok in _tokens(p, known, start if k == 0 else 0):
                yield ctx.finding("VB209", p, tok.start, tok.end, "heading", text=tok.text, heading=name)


def _issuer(an, ctx, known):
    """The issuing body's lines above the Số line (a capitalised line under it is a wrapped V/v),
    except the first of two or more: the parent body, which NĐ 30 lets abbreviate ("UBND TỈNH …")."""
    lines = list(an.issuer)
    if an.so is not None:
        so = an.so.para
        lines = [p for p in lines if p.line < so.line or (p.line == so.line and p.index < so.index)]
    for p in lines[1:] if len(lines) >= 2 else lines:
        for tok in _tokens(p, known):
            yield ctx.finding("VB209", p, tok.start, tok.end, "issuer", text=tok.text)
