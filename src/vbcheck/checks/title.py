"""VB113–VB115: tên loại, trích yếu, V/v and Kính gửi (NĐ 30 PL I mục II.5, II.9.a)."""

from ..catalogue import loader as packs
from ..catalogue.loader import rule
from ..core.rule import check
from .header import first_paragraph
from .numbering import attached_document

# Types whose model forms have no trích yếu (Mẫu 1.8, 1.10).
NO_TRICH_YEU = {"GGT", "GNP", "SY", "TrS", "SL"}


def _where_title(an, doc):
    if an.body:
        return an.body[0], False
    if an.header:
        return an.header[-1], True
    return first_paragraph(doc), False


@check(rule("VB113"), rule("VB114"))
def ten_loai_trich_yeu(doc, ctx):
    an = ctx.anatomy
    types = packs.doc_types()
    if an.title is None:
        if an.doc_type and an.doc_type != "CV" and an.doc_type_source == "ky-hieu":
            t = types[an.doc_type]
            if t.get("heading"):
                where, after = _where_title(an, doc)
                yield ctx.missing("VB113", where, after=after, heading=t["heading"][0],
                                  type_code=an.doc_type, name=t["name"].lower())
        elif an.doc_type == "CV" and not an.vv and ctx.profile != "dang" and not attached_document(an):
            where = an.so.para if an.so else first_paragraph(doc)
            yield ctx.missing("VB114", where, "vv", after=an.so is not None)
        elif an.doc_type == "CV" and an.vv_written_out and ctx.profile != "dang":
            word = an.vv_hit.text.split()[0]
            yield ctx.finding("VB114", an.vv_hit.para, 0, len(word), "vv-form", severity="warning", text=word)
        return
    if an.doc_type in NO_TRICH_YEU:
        return
    if not an.trich_yeu:
        heading = an.title.text.split("\n")[0].strip()
        yield ctx.missing("VB114", an.title, after=True, heading=heading)


@check(rule("VB115"))
def kinh_gui(doc, ctx):
    an = ctx.anatomy
    if an.kinh_gui:
        return
    where, after = _where_title(an, doc)
    if an.doc_type == "CV":
        yield ctx.missing("VB115", where, after=after)
    elif an.doc_type in ("TTr", "BC") and an.doc_type_source == "title":
        name = packs.doc_types()[an.doc_type]["name"]
        yield ctx.missing("VB115", where, "upward", severity="info", after=after, name=name)
