"""VB101–VB105: Quốc hiệu, Tiêu ngữ and the issuing body."""

import re

from ..catalogue.loader import rule
from ..core.fix import Edit, Fix
from ..core.rule import check

QUOC_HIEU = re.compile(r"^CỘNG H(?:ÒA|OÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM$")
TIEU_NGU = re.compile(r"^Độc lập - Tự do - Hạnh phúc$")


def first_paragraph(doc):
    paras = [p for p in doc.paragraphs if p.kind != "footnote"]
    return paras[0] if paras else None


@check(rule("VB101"), rule("VB102"))
def quoc_hieu(doc, ctx):
    an = ctx.anatomy
    if an.quoc_hieu is None:
        yield ctx.missing("VB101", first_paragraph(doc))
        return
    text = " ".join(an.quoc_hieu.matched.split())
    if not QUOC_HIEU.match(text):
        # The literal, keeping the document's "HÒA" or "HOÀ" (both are right).
        right = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" if "oà" in text.lower() else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        yield ctx.at("VB102", an.quoc_hieu, text=text, fix=_whole(an.quoc_hieu, right))


@check(rule("VB103"), rule("VB104"))
def tieu_ngu(doc, ctx):
    an = ctx.anatomy
    if an.tieu_ngu is None:
        qh = an.quoc_hieu
        where = (qh.last or qh.para) if qh else first_paragraph(doc)
        yield ctx.missing("VB103", where, after=qh is not None)
        return
    text = an.tieu_ngu.matched.strip()
    if not TIEU_NGU.match(text):
        yield ctx.at("VB104", an.tieu_ngu, text=text, fix=_whole(an.tieu_ngu, "Độc lập - Tự do - Hạnh phúc"))


@check(rule("VB105"))
def co_quan(doc, ctx):
    if not ctx.anatomy.issuer:
        yield ctx.missing("VB105", first_paragraph(doc))


def _whole(hit, right: str):
    """A safe fix that writes the literal over a part found on one line (a part wrapped over two
    lines is left to the clerk: which line should hold which words is a layout choice)."""
    if hit.last is not None and hit.last is not hit.para:
        return None
    return Fix.safe(Edit.replace(hit.para, hit.start, hit.end, right))
