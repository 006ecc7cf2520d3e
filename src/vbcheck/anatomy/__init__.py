"""Anatomy: label the parts of an official document once, for every check to read.

The input may be a .docx (header and closing block in 2-column tables), a Markdown conversion,
a web crawl whose table cells became lines and whose lines wrap mid-sentence, or `pdftotext
-layout` output where the two header columns share a line. So detection works on *views*:
runs of consecutive paragraphs joined with spaces, searched with diacritic-folded patterns, with
every match mapped back to its paragraph and column. A part is "missing" only when no view finds
it; a part that is found but differs from the regulation's literal is a malformation, reported
by the check that owns it.

Reading order of the result (sources.md §3.3): header (left and right columns), title (tên loại
and trích yếu), kính gửi, body, closing (nơi nhận and signature), appendix; footnotes apart.
"""

from __future__ import annotations

from ..core.model import Document, SourceKind, Zone
from ..text.letters import fold_same_length
from .attachments import read_appendices, read_copy_blocks, read_marks, read_top_copy
from .classify import detect_document, detect_draft, detect_profile, detect_scope, detect_type, ky_hieu_groups
from .closing import attached_copies, read_closing
from .header import find_header_end, read_header
from .layout import split_columns
from .parts import Anatomy
from .patterns import F_APPENDIX, F_KINH_GUI, F_RULE_LINE
from .structure import read_can_cu, read_outline
from .title import match_heading, read_kinh_gui, read_trich_yeu, title_code
from .units import join_units
from .views import Hit, View, starts_with

__all__ = ["Anatomy", "Hit", "View", "analyse", "ky_hieu_groups", "match_heading", "starts_with"]


def analyse(doc: Document, profile: str = "auto", path_hint: str = "") -> Anatomy:
    split_columns(doc)
    an = Anatomy()
    paras = [p for p in doc.paragraphs if p.kind != "footnote"]
    if not paras:
        doc.anatomy = an
        return an

    # 0. An appendix document ("Phụ lục I" first) has no header, signature or Nơi nhận of its own.
    an.is_appendix = bool(F_APPENDIX.match(fold_same_length(paras[0].text.strip())))

    # 0b. A copy form above the copied document (a "SAO Y BẢN CHÍNH" stamp, a copy block put
    # first) is neither its tên loại nor its header: the header is read under it (VB131 says where
    # NĐ 30 puts the copy form).
    top = 0
    if not an.is_appendix:
        an.copy_stamp, top = read_top_copy(paras)
        for p in paras[:top]:
            p.zone = Zone.HEADER_LEFT

    # 1. Header: everything before the title, Kính gửi or the first body-like paragraph.
    head_end = 0 if an.is_appendix else top + find_header_end(paras[top:])
    an.header = paras[top:head_end]
    read_header(an, an.header)

    # 2. Title block.
    pos = head_end
    if pos < len(paras):
        code = title_code(paras[pos])
        if code:
            an.title = paras[pos]
            an.doc_type, an.doc_type_source = code, "title"
            pos = read_trich_yeu(an, paras, pos + 1)
    # Kính gửi (with its list).
    if pos < len(paras) and starts_with(paras, pos, F_KINH_GUI):
        pos = read_kinh_gui(an, paras, pos, wrapped=doc.kind != SourceKind.DOCX)

    # 3. Closing: nơi nhận and signature, then anything after it is appendix.
    body_start = pos
    close_start, close_end = read_closing(an, paras, body_start)
    an.body = [p for p in paras[body_start:close_start] if not F_RULE_LINE.match(p.text)]
    # Kính gửi written after the title in a body-first layout.
    if not an.kinh_gui:
        for i, p in enumerate(an.body[:3]):
            if F_KINH_GUI.match(fold_same_length(p.text)):
                an.kinh_gui = [p]
                an.kinh_gui_label = p
                an.body = an.body[i + 1 :]
                break
    an.appendix = paras[close_end:]

    # 4. Labels.
    for p in an.header:
        p.zone = Zone.HEADER_LEFT
    for hit in (an.quoc_hieu, an.tieu_ngu, an.date_line, an.party_title):
        if hit:
            hit.para.zone = Zone.HEADER_RIGHT
    for p in ([an.title] if an.title else []) + an.trich_yeu + ([an.authority] if an.authority else []):
        p.zone = Zone.TITLE
    for p in an.kinh_gui:
        p.zone = Zone.KINH_GUI
    for p in an.body:
        p.zone = Zone.BODY
    if an.noi_nhan_label:
        an.noi_nhan_label.zone = Zone.NOI_NHAN
    for h in an.noi_nhan_items:
        h.para.zone = Zone.NOI_NHAN
    for p in an.signature:
        p.zone = Zone.SIGNATURE
    for p in an.appendix:
        if p.zone == Zone.UNKNOWN:
            p.zone = Zone.APPENDIX
    for p in paras[close_start:close_end]:
        if p.zone == Zone.UNKNOWN:
            p.zone = Zone.SIGNATURE

    # 5. Type, profile, draft status, scope.
    detect_type(an)
    detect_profile(an, profile)
    detect_draft(an, doc, path_hint)
    detect_scope(an)
    detect_document(an, doc, profile)

    # 6. The body's structure, marks, appendices and copy blocks.
    an.units = join_units(an.body, doc.kind)
    an.can_cu, an.can_cu_kind, an.enacting, an.after_enacting = read_can_cu(an.units)
    an.outline = read_outline(an.units)
    read_marks(an, paras, an.units)
    read_appendices(an, paras)
    read_copy_blocks(an, paras)
    # Another document's text after the closing: an attached copy, a copy block.
    an.attached = attached_copies(an.appendix, [b.rule or b.issuer or b.marker for b in an.copy_blocks])
    doc.anatomy = an
    return an
