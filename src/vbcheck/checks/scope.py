"""VB009: documents under other rules are detected and said, not flagged. VB010: a file that is
not an official document at all (anatomy.classify.detect_document) is said once; the engine lists
every other rule as not evaluated."""

from ..anatomy.classify import document_signals
from ..catalogue.loader import rule
from ..core.rule import check


@check(rule("VB009"))
def out_of_scope(doc, ctx):
    an = ctx.anatomy
    if not an.out_of_scope_key:
        return
    where = an.so.para if an.so else (an.header[0] if an.header else doc.paragraphs[0])
    if an.so:
        yield ctx.at("VB009", an.so, an.out_of_scope_key, text=an.out_of_scope)
    else:
        yield ctx.finding("VB009", where, 0, 0, an.out_of_scope_key, text=an.out_of_scope)


_PART_NAMES = {
    "vi": {"title": "tên loại hoặc V/v", "kinh-gui": "Kính gửi", "end": "dấu \"./.\" cuối nội dung",
           "noi-nhan": "Nơi nhận", "authority": "chức vụ người ký", "name": "họ tên người ký", "date": "địa danh, ngày tháng"},
    "en": {"title": "a type name or V/v", "kinh-gui": "Kính gửi", "end": "a body ending \"./.\"",
           "noi-nhan": "Nơi nhận", "authority": "a signing position", "name": "a signer's name", "date": "place and date"},
}


@check(rule("VB010"))
def not_a_document(doc, ctx):
    an = ctx.anatomy
    if not an.not_document:
        return
    first = next((p for p in doc.paragraphs if p.kind != "footnote"), None)
    if first is None:
        return
    names = _PART_NAMES["en" if ctx.lang == "en" else "vi"]
    found = [names[k] for k, v in document_signals(an, doc).items() if v and k in names]
    none = "none" if ctx.lang == "en" else "không"
    yield ctx.finding("VB010", first, 0, 0, an.not_document, found=", ".join(found) or none)
