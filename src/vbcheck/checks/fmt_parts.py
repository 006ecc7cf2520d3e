"""VB310: how the parts of the body are set (NĐ 30 PL I mục II.6.a, II.6.đ, III.1.b-c, III.2.b-c,
mục V; HD 36 Phụ lục 3): căn cứ in italics; Phần/Chương/Mục labels and titles bold and centred (a
title not in capitals is no title: VB128); "Điều N." bold (and an article's title, in a document of titled articles);
marks bold; the appendix label bold and centred, its title in bold capitals, "(Kèm theo …)" in
italics. Read from the formatting Word shows (`ctx.formatting`), on the parts the anatomy found.
Sizes stay VB304's, the header's parts VB305's. Deviations on consecutive paragraphs of one part
merge into one finding."""

from __future__ import annotations

import re

from ..anatomy.attachments import APPENDIX_REF_AT_END
from ..anatomy.structure import SECTION_KINDS
from ..catalogue.loader import rule
from ..core.rule import check
from ..ooxml import styles
from ..text.letters import fold_same_length, is_upper
from .abbr_headings import titled_article
from .fmt_common import Spans
from .structure import judged_block

_ALNUM = re.compile(r"\w")


def _runs(fm, p, start=0, end=None):
    return [(f, t) for _r, f, t in fm.runs(p, start, len(p.text) if end is None else end) if _ALNUM.search(t)]


def _bold(f) -> bool:
    # A face that carries the weight in its name ("Times New Roman Bold") is bold too.
    return f.bold or "bold" in (f.font_hansi or "").lower() or "bold" in (f.font_ascii or "").lower()


def _italic(f) -> bool:
    return f.italic or "italic" in (f.font_hansi or "").lower()


def _every(fm, p, pred, start=0, end=None) -> bool | None:
    runs = _runs(fm, p, start, end)
    return None if not runs else all(pred(f) for f, _t in runs)


def _upper(fm, p, start=0, end=None) -> bool | None:
    shown = "".join(styles.rendered(t, f) for f, t in _runs(fm, p, start, end))
    return None if not shown else is_upper(shown)


def _clip(text: str, n: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


# Fix: certain for every key (set italic, bold, centring or capitals on the part's runs or
# paragraph: a tracked w:rPrChange / w:pPrChange).
@check(rule("VB310"))
def part_style(doc, ctx):
    an = ctx.anatomy
    fm = ctx.formatting
    party = ctx.profile == "dang"
    spans = Spans(ctx, "VB310")

    def style(p, key, bad, severity=None, start=0, end=None, **fmt):
        spans.checked(p)
        if bad:
            spans.add(p, start, len(p.text) if end is None else end, key, group=key, severity=severity,
                      text=_clip(p.text[start:end]), **fmt)

    if not party and an.can_cu and judged_block(an):
        sev = None if an.can_cu_kind == "formal" else "info"
        for u in an.can_cu:
            for p in u.paras:
                style(p, "can-cu-italic", _every(fm, p, _italic) is False, sev)
    yield from spans.findings()
    spans = Spans(ctx, "VB310")

    articles = [h for h in an.outline if h.kind == "dieu"]
    titled_doc = len(articles) >= 3 and 2 * sum(1 for h in articles if titled_article(h)) >= len(articles)
    for h in an.outline:
        p = h.para
        if h.kind in SECTION_KINDS:
            style(p, "label-bold", _every(fm, p, _bold) is False)
            style(p, "label-centre", fm.para(p).jc != "center")
            if h.title is not None:
                for q in h.title.paras:
                    style(q, "title-bold", _every(fm, q, _bold) is False)
                    style(q, "title-centre", fm.para(q).jc != "center")
        elif h.kind == "dieu":
            lead = len(p.text) - len(p.text.lstrip())
            style(p, "dieu-bold", _every(fm, p, _bold, lead, h.label_end) is False, start=lead, end=h.label_end)
            if titled_doc and titled_article(h):
                ts = len(p.text) - len(p.text[h.label_end:].lstrip())  # the title, not the space before it
                style(p, "dieu-title-bold", _every(fm, p, _bold, ts) is False, "info", start=ts)
    for m in an.marks:
        if m.kind in ("sec", "urg", "circ"):
            style(m.para, "mark-bold", _every(fm, m.para, _bold) is False)
    for a in an.appendices:
        p = a.label
        if not party:
            style(p, "appendix-label-bold", _every(fm, p, _bold) is False)
        style(p, "appendix-label-centre", fm.para(p).jc != "center")
        if a.title is not None and not a.sep:
            t = a.title
            # A "(Kèm theo …)" closing the title's line is judged as the reference, not as title.
            joined = APPENDIX_REF_AT_END.search(fold_same_length(t.text.rstrip())) if a.ref_in_title else None
            end = joined.start() if joined else None
            # Bold is a State rule: HD 36's own appendices set their titles upright, not bold.
            bad = ((not party and _every(fm, t, _bold, 0, end) is False) or fm.para(t).jc != "center"
                   or _upper(fm, t, 0, end) is False)
            style(t, "appendix-title", bad, end=end)
            if joined and not party:
                style(t, "appendix-ref-italic", _every(fm, t, _italic, joined.start()) is False, start=joined.start())
        if a.ref is not None and not party:
            style(a.ref, "appendix-ref-italic", _every(fm, a.ref, _italic) is False)
    yield from spans.findings()
