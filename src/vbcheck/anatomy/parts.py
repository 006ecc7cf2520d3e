"""The parts of a document as the anatomy pass found them: what every check reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ..core.model import Paragraph
from .views import Hit

if TYPE_CHECKING:
    from .attachments import AppendixBlock, CopyBlock, Mark
    from .structure import Heading
    from .units import Unit


@dataclass
class Anatomy:
    """The parts of a document found by the anatomy: header, title, body, signature, Nơi nhận…"""

    header: list[Paragraph] = field(default_factory=list)
    quoc_hieu: Hit | None = None
    tieu_ngu: Hit | None = None
    party_title: Hit | None = None
    issuer: list[Paragraph] = field(default_factory=list)
    so: Hit | None = None  # from "Số" to the end of the ký hiệu
    date_line: Hit | None = None
    vv: list[Paragraph] = field(default_factory=list)
    vv_hit: Hit | None = None
    vv_written_out: bool = False  # "Về …" where a công văn writes "V/v …"
    title: Paragraph | None = None  # tên loại line
    authority: Paragraph | None = None  # "CHỦ TỊCH ỦY BAN NHÂN DÂN …" under a decision's title
    trich_yeu: list[Paragraph] = field(default_factory=list)
    kinh_gui: list[Paragraph] = field(default_factory=list)
    kinh_gui_label: Paragraph | None = None  # the "Kính gửi:" line
    kinh_gui_items: list[list[Paragraph]] = field(default_factory=list)  # recipients listed below it, wrapped lines joined
    body: list[Paragraph] = field(default_factory=list)
    noi_nhan_label: Paragraph | None = None
    noi_nhan_items: list[Hit] = field(default_factory=list)
    signature: list[Paragraph] = field(default_factory=list)
    sig_prefixes: list[Paragraph] = field(default_factory=list)
    sig_titles: list[Paragraph] = field(default_factory=list)
    sig_name: Hit | None = None
    sig_flat: bool = False  # the whole block in one paragraph (a flattened table cell)
    appendix: list[Paragraph] = field(default_factory=list)
    # Appendix paragraphs that are another document's: an attached copy with its own header, or
    # a copy block (SAO Y, SAO LỤC, TRÍCH SAO); not read as this document's text.
    attached: list[Paragraph] = field(default_factory=list)
    doc_type: str | None = None  # type code, "CV" for công văn, None if unknown
    doc_type_source: str = ""
    type_code: str | None = None  # the type code written in the ký hiệu
    profile: str = "nd30"
    profile_reason: str = ""
    party_guide: str | None = None  # "HD36" or "HD05" for the dang profile
    issued: date | None = None
    draft_reasons: list[str] = field(default_factory=list)
    out_of_scope: str | None = None  # reason, when the document is under other rules
    out_of_scope_key: str | None = None
    is_appendix: bool = False  # a "Phụ lục" issued with another document: no parts of its own
    # A programme or list sent with another document (a type name, a text, perhaps a signing line;
    # no Quốc hiệu, number or Nơi nhận): its header and closing are not evaluated, as an appendix's.
    is_attachment: bool = False
    # Not an official document at all (a README, a list of packages, a form, a meeting note): the
    # reason key ("markdown", "packages", "form", "note", "parts"), None for a văn bản.
    not_document: str | None = None
    # Two type names in the title block ("TỜ TRÌNH" then "QUYẾT ĐỊNH"): the type cannot be
    # decided; the rules that depend on it are not evaluated.
    type_conflict: list[str] = field(default_factory=list)
    # The body's structure (anatomy.structure), on logical units (anatomy.units).
    units: list[Unit] = field(default_factory=list)  # the body's source paragraphs, wrapped lines joined
    can_cu: list[Unit] = field(default_factory=list)  # the căn cứ block
    can_cu_kind: str = ""  # "formal" (the enacting line follows it), "preamble", or ""
    enacting: Unit | None = None  # "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:" …
    after_enacting: list[Unit] = field(default_factory=list)
    outline: list[Heading] = field(default_factory=list)  # Phần … Điều, "I.", khoản, điểm, in order
    marks: list[Mark] = field(default_factory=list)  # MẬT, KHẨN, XEM XONG TRẢ LẠI, DỰ THẢO …
    appendices: list[AppendixBlock] = field(default_factory=list)
    copy_blocks: list[CopyBlock] = field(default_factory=list)
    # A copy mark on the first line, above the copied document's header (a stamp): not its title.
    copy_stamp: Paragraph | None = None

    @property
    def is_draft(self) -> bool:
        return bool(self.draft_reasons)

    @property
    def is_cong_van(self) -> bool:
        return self.doc_type == "CV"

    @property
    def end(self) -> Paragraph | None:
        """The paragraph a missing closing part would follow."""
        return self.body[-1] if self.body else None
