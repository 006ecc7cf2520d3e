"""Compliant .docx documents built in code from the NĐ 30 model forms (Phụ lục III, Mẫu 1.2,
1.4, 1.5) and the HD 36 layout, plus one-change variants for the formatting rules (VB3xx).

A document is a list of `Para`s (with their runs) and a `Package` of the parts around it
(styles, headers, settings, theme, comments). `build(spec)` turns a `Spec` into .docx bytes;
every formatting choice is explicit so that a broken variant changes exactly one thing:

    spec = ke_hoach()                       # Mẫu 1.4, compliant
    spec.part("quoc_hieu").runs[0].size = 14  # Quốc hiệu in 14 pt
    data = build(spec)

Layout of the compliant documents (NĐ 30, Phụ lục I): A4 portrait, margins 20/20/30/15 mm,
Times New Roman everywhere (document defaults), header as a borderless 2-column table, sizes
and styles of every part as in mục II, body justified with a 1 cm first-line indent, 6 pt
before each paragraph, single line spacing, the page number centred in the header with a
blank first-page header (`w:titlePg`).
"""

from __future__ import annotations

import copy
import io
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'

MM = 1440 / 25.4  # twips per millimetre


@dataclass
class R:
    """A run. `None` leaves a property to the styles (inherited)."""

    text: str
    size: float | None = None  # pt
    bold: bool | None = None
    italic: bool | None = None
    underline: bool = False
    font: str | None = None
    color: str | None = None
    caps: bool = False
    style: str | None = None  # character style id
    extra: str = ""  # raw rPr children

    def xml(self) -> str:
        pr = []
        if self.style:
            pr.append(f'<w:rStyle w:val="{self.style}"/>')
        if self.font:
            pr.append(f'<w:rFonts w:ascii="{self.font}" w:hAnsi="{self.font}" w:cs="{self.font}"/>')
        if self.bold is not None:
            pr.append("<w:b/>" if self.bold else '<w:b w:val="0"/>')
        if self.italic is not None:
            pr.append("<w:i/>" if self.italic else '<w:i w:val="0"/>')
        if self.caps:
            pr.append("<w:caps/>")
        if self.color:
            pr.append(f'<w:color w:val="{self.color}"/>')
        if self.size is not None:
            pr.append(f'<w:sz w:val="{int(round(self.size * 2))}"/><w:szCs w:val="{int(round(self.size * 2))}"/>')
        if self.underline:
            pr.append('<w:u w:val="single"/>')
        pr.append(self.extra)
        rpr = f"<w:rPr>{''.join(pr)}</w:rPr>" if any(pr) else ""
        return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(self.text)}</w:t></w:r>'


@dataclass
class Para:
    runs: list[R]
    jc: str | None = None
    first_line: int | None = None  # twips
    before: int | None = None  # twips
    after: int | None = None
    line: int | None = None
    line_rule: str = "auto"
    style: str | None = None
    name: str = ""  # the part it is, for variants: "quoc_hieu", "body1" …
    wrap: str = ""  # "ins" wraps the runs in a tracked insertion

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    def xml(self) -> str:
        pr = []
        if self.style:
            pr.append(f'<w:pStyle w:val="{self.style}"/>')
        sp = []
        if self.before is not None:
            sp.append(f'w:before="{self.before}"')
        if self.after is not None:
            sp.append(f'w:after="{self.after}"')
        if self.line is not None:
            sp.append(f'w:line="{self.line}" w:lineRule="{self.line_rule}"')
        if sp:
            pr.append(f"<w:spacing {' '.join(sp)}/>")
        if self.first_line is not None:
            pr.append(f'<w:ind w:firstLine="{self.first_line}"/>')
        if self.jc:
            pr.append(f'<w:jc w:val="{self.jc}"/>')
        ppr = f"<w:pPr>{''.join(pr)}</w:pPr>" if pr else ""
        runs = "".join(r.xml() for r in self.runs)
        if self.wrap == "ins":
            runs = f'<w:ins w:id="901" w:author="Chuyên viên" w:date="2026-03-01T08:00:00Z">{runs}</w:ins>'
        return f"<w:p>{ppr}{runs}</w:p>"


def _cell(paras: list[Para], width: int) -> str:
    inner = "".join(p.xml() for p in paras) or "<w:p/>"
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{inner}</w:tc>'


@dataclass
class Table:
    left: list[Para]
    right: list[Para]
    widths: tuple[int, int] = (3935, 5845)  # 6.94 cm / 10.31 cm as the NĐ 30 model

    def xml(self) -> str:
        borders = "".join(f'<w:{s} w:val="nil"/>' for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
        return (
            f'<w:tbl><w:tblPr><w:tblW w:w="{sum(self.widths)}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
            f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="{self.widths[0]}"/>'
            f'<w:gridCol w:w="{self.widths[1]}"/></w:tblGrid><w:tr>{_cell(self.left, self.widths[0])}'
            f"{_cell(self.right, self.widths[1])}</w:tr></w:tbl>"
        )

    def paras(self) -> list[Para]:
        return self.left + self.right


@dataclass
class Raw:
    """A block of raw WordprocessingML (a paragraph holding a text box, a footnote reference)."""

    body: str
    name: str = ""
    texts: tuple[str, ...] = ()  # the non-empty paragraphs it holds, in reading order

    def xml(self) -> str:
        return self.body

    def paras(self) -> list[Para]:
        return [Para([R(t)], name=f"{self.name}{k}" if k else self.name) for k, t in enumerate(self.texts)]


@dataclass
class Spec:
    """Everything that makes one .docx."""

    blocks: list  # Para | Table, in document order
    page: tuple[int, int] = (11906, 16838)  # twips
    landscape: bool = False
    margins: dict = field(default_factory=lambda: {"top": 1134, "bottom": 1134, "left": 1701, "right": 850})
    default_font: str = "Times New Roman"
    default_size: float = 14
    normal_rpr: str = ""  # extra rPr of the Normal style
    theme_font: str | None = None  # minor latin font of the theme; set → Normal uses minorHAnsi
    extra_styles: str = ""
    page_number: str = "header"  # "header", "footer", "none"
    page_jc: str = "center"
    title_pg: bool = True
    pages: int = 2
    comments: bool = False
    footnotes: str = ""  # w:footnote elements (ids from 1)

    def all_paras(self) -> list[Para]:
        out = []
        for b in self.blocks:
            out.extend(b.paras() if isinstance(b, (Table, Raw)) else [b])
        return out

    def part(self, name: str) -> Para:
        for p in self.all_paras():
            if p.name == name:
                return p
        raise KeyError(name)

    def line_of(self, name: str) -> int:
        """1-based paragraph number (reading order, empty paragraphs not counted)."""
        n = 0
        for p in self.all_paras():
            if p.text.strip():
                n += 1
            if p.name == name:
                return n
        raise KeyError(name)

    def copy(self) -> "Spec":
        return copy.deepcopy(self)


# --------------------------------------------------------------------------- parts


def _p(text: str = "", name: str = "", **kw) -> Para:
    run_kw = {k: kw.pop(k) for k in ("size", "bold", "italic", "underline", "font", "color", "caps") if k in kw}
    return Para([R(text, **run_kw)] if text else [], name=name, **kw)


def _center(text: str, name: str = "", **kw) -> Para:
    kw.setdefault("before", 0)
    kw.setdefault("after", 0)
    return _p(text, name, jc="center", **kw)


def _body(text: str, name: str = "", bold: bool | None = None) -> Para:
    return Para([R(text, bold=bold)], name=name, jc="both", first_line=567, before=120, after=0, line=240)


def _header_table(left_lines: list[Para], date: str, so: str, vv: list[str] | None = None,
                  rule: str = "________") -> Table:
    # The rules are typed underscores (0.5 em each): under the issuer 1/3 to 1/2 of its line,
    # under the Tiêu ngữ as long as it (VB309).
    left = left_lines + [_center(rule, "issuer_rule", size=13), _center(so, "so", size=13)]
    for k, line in enumerate(vv or []):
        left.append(_center(line, "vv" if k == 0 else f"vv{k}", size=12))
    right = [
        _center("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "quoc_hieu", size=13, bold=True),
        _center("Độc lập - Tự do - Hạnh phúc", "tieu_ngu", size=14, bold=True),
        _center("_________________________", "tieu_ngu_rule", size=14),
        _center(date, "date", size=14, italic=True),
    ]
    return Table(left, right)


def _closing(items: list[str], sig: list[str], name: str, label_size: float = 12, item_size: float = 11,
             sig_bold: list[bool] | None = None, label_kw: dict | None = None) -> Table:
    label_kw = label_kw if label_kw is not None else {"bold": True, "italic": True}
    left = [Para([R("Nơi nhận:", size=label_size, **label_kw)], name="noi_nhan_label", before=0, after=0)]
    for k, it in enumerate(items):
        left.append(Para([R(it, size=item_size)], name=f"item{k}", before=0, after=0))
    right = []
    sig_bold = sig_bold or [True] * len(sig)
    for k, (line, b) in enumerate(zip(sig, sig_bold)):
        right.append(_center(line, f"sig{k}", size=14, bold=b))
    right += [_center(""), _center(""), _center(name, "sig_name", size=14, bold=True)]
    return Table(left, right, widths=(4820, 4960))


LONG = (
    "Thực hiện Kế hoạch số 25/KH-UBND ngày 20 tháng 01 năm 2026 của Ủy ban nhân dân tỉnh về cải cách "
    "hành chính, Sở Nội vụ ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2026 như sau:"
)
BODY2 = (
    "Nâng cao nhận thức của cán bộ, công chức, viên chức và người dân về mục tiêu, nhiệm vụ cải cách "
    "hành chính; tạo sự đồng thuận của xã hội trong quá trình triển khai thực hiện."
)
BODY3 = (
    "Các phòng, đơn vị thuộc Sở căn cứ nội dung Kế hoạch này chủ động triển khai thực hiện; báo cáo "
    "kết quả về Văn phòng Sở trước ngày 30 tháng 11 năm 2026 để tổng hợp./."
)


def ke_hoach() -> Spec:
    """Mẫu 1.4 (văn bản có tên loại): a Sở's kế hoạch."""
    header = _header_table(
        [_center("UBND TỈNH LÂM ĐỒNG", "parent", size=13), _center("SỞ NỘI VỤ", "issuer", size=13, bold=True)],
        "Lâm Đồng, ngày 05 tháng 3 năm 2026", "Số: 15/KH-SNV", rule="____",
    )
    blocks = [
        header,
        _center("KẾ HOẠCH", "title", size=14, bold=True, before=240),
        _center("Tuyên truyền cải cách hành chính năm 2026", "trich_yeu", size=14, bold=True),
        _center("__________", size=14),
        _body(LONG, "body1"),
        _body("I. MỤC ĐÍCH, YÊU CẦU", "heading1", bold=True),
        _body(BODY2, "body2"),
        _body("II. TỔ CHỨC THỰC HIỆN", "heading2", bold=True),
        _body(BODY3, "body3"),
        _closing(["- UBND tỉnh (để báo cáo);", "- Các phòng, đơn vị thuộc Sở;", "- Lưu: VT, VP."],
                 ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Nguyễn Văn An"),
    ]
    return Spec(blocks)


def cong_van() -> Spec:
    """Mẫu 1.5 (công văn) from a UBND tỉnh; the issuer name wraps onto two bold lines."""
    header = _header_table(
        [_center("ỦY BAN NHÂN DÂN", "issuer", size=13, bold=True),
         _center("TỈNH BÌNH THUẬN", "issuer2", size=13, bold=True)],
        "Bình Thuận, ngày 12 tháng 02 năm 2026", "Số: 3083/UBND-NCKS",
        vv=["V/v triển khai nhiệm vụ cải cách", "hành chính năm 2026"],
    )
    blocks = [
        header,
        Para([R("Kính gửi:", size=14)], name="kinh_gui", first_line=1701, before=240, after=0),
        Para([R("- Các sở, ban, ngành tỉnh;", size=14)], name="kg1", first_line=2268, before=0, after=0),
        Para([R("- Ủy ban nhân dân các xã, phường.", size=14)], name="kg2", first_line=2268, before=0, after=0),
        _body("Thực hiện chỉ đạo của Chính phủ về cải cách hành chính, Ủy ban nhân dân tỉnh đề nghị các "
              "cơ quan, đơn vị triển khai thực hiện tốt các nhiệm vụ trọng tâm sau đây trong năm 2026:", "body1"),
        _body("1. Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết; công khai đầy đủ, "
              "kịp thời các thủ tục hành chính trên Cổng dịch vụ công của tỉnh.", "body2"),
        _body("2. Báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 15 tháng 12 năm 2026 để tổng hợp, báo "
              "cáo Ủy ban nhân dân tỉnh theo quy định./.", "body3"),
        _closing(["- Như trên;", "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;", "- Lưu: VT, NCKS."],
                 ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Trần Thị Bình"),
    ]
    return Spec(blocks)


def quyet_dinh() -> Spec:
    """Mẫu 1.2 (quyết định cá biệt quy định trực tiếp)."""
    header = _header_table(
        [_center("ỦY BAN NHÂN DÂN", "issuer", size=13, bold=True),
         _center("TỈNH LÂM ĐỒNG", "issuer2", size=13, bold=True)],
        "Lâm Đồng, ngày 10 tháng 3 năm 2026", "Số: 120/QĐ-UBND",
    )
    def cc(text, name):  # căn cứ: one basis per paragraph, in italics (PL I mục II.6.a)
        return Para([R(text, italic=True)], name=name, jc="both", first_line=567, before=120, after=0, line=240)

    def article(label, text, name):  # "Điều N." in bold (PL I mục II.6.đ)
        return Para([R(label, bold=True), R(text)], name=name, jc="both", first_line=567, before=120, after=0,
                    line=240)

    blocks = [
        header,
        _center("QUYẾT ĐỊNH", "title", size=14, bold=True, before=240),
        _center("Về việc thành lập Tổ công tác cải cách hành chính năm 2026", "trich_yeu", size=14, bold=True),
        _center("_______________", "trich_yeu_rule", size=14),
        _center("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "authority", size=14, bold=True, before=240),
        cc("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;", "can_cu"),
        cc("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;", "can_cu2"),
        cc("Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 01 tháng 3 năm 2026 về "
           "việc thành lập Tổ công tác cải cách hành chính năm 2026.", "body1"),
        _center("QUYẾT ĐỊNH:", "enact", size=14, bold=True, before=120),
        article("Điều 1. ", "Thành lập Tổ công tác cải cách hành chính năm 2026 gồm các thành viên có tên tại "
                "danh sách kèm theo Quyết định này; Tổ công tác tự giải thể sau khi hoàn thành nhiệm vụ.", "body2"),
        article("Điều 2. ", "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân tỉnh, "
                "Giám đốc Sở Nội vụ và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
                "body3"),
        _closing(["- Như Điều 2;", "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;", "- Lưu: VT, NC."],
                 ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Lê Văn Cường"),
    ]
    return Spec(blocks)


def dang_ke_hoach() -> Spec:
    """A Party kế hoạch laid out as HD 36-HD/VPTW (Phụ lục 3 sizes), profile `dang`."""
    left = [
        _center("ĐẢNG BỘ TỈNH LÂM ĐỒNG", "parent", size=14),
        _center("HUYỆN ỦY ĐỨC TRỌNG", "issuer", size=14, bold=True),
        _center("*", size=14),
        _center("Số 12-KH/HU", "so", size=14),
    ]
    right = [
        _center("ĐẢNG CỘNG SẢN VIỆT NAM", "party_title", size=15, bold=True),
        _center("_________________________", size=14),
        _center("Đức Trọng, ngày 05 tháng 3 năm 2025", "date", size=14, italic=True),
    ]

    def body(text, name):
        return Para([R(text, size=14)], name=name, jc="both", first_line=567, before=120, after=0,
                    line=360, line_rule="exact")

    blocks = [
        Table(left, right),
        _center("KẾ HOẠCH", "title", size=16, bold=True, before=240),
        _center("tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng", "trich_yeu", size=14, bold=True),
        _center("-----", size=14),
        body("Thực hiện Hướng dẫn số 125-HD/BTGTW của Ban Tuyên giáo Trung ương, Ban Thường vụ Huyện ủy "
             "xây dựng Kế hoạch tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng như sau:", "body1"),
        body("Các cấp ủy, tổ chức đảng trong Đảng bộ huyện tổ chức quán triệt, triển khai thực hiện nghiêm "
             "túc Kế hoạch này; báo cáo kết quả về Ban Tuyên giáo Huyện ủy trước ngày 20 tháng 3 năm 2025.",
             "body2"),
        _closing(["- Ban Tuyên giáo Tỉnh ủy,", "- Các chi, đảng bộ trực thuộc,", "- Lưu Văn phòng Huyện ủy."],
                 ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"], "Phạm Văn Dũng", label_size=14, item_size=12,
                 sig_bold=[True, False], label_kw={"underline": True}),
    ]
    spec = Spec(blocks, margins={"top": 1134, "bottom": 1134, "left": 1701, "right": 850})
    return spec


MODELS = {"ke-hoach": ke_hoach, "cong-van": cong_van, "quyet-dinh": quyet_dinh, "dang": dang_ke_hoach}


# --------------------------------------------------------------------------- package


def _styles(spec: Spec) -> str:
    if spec.theme_font:
        fonts = '<w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/>'
    else:
        f = spec.default_font
        fonts = f'<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>'
    sz = int(spec.default_size * 2)
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {NS}>'
        f'<w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>'
        '<w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        f'<w:rPr>{spec.normal_rpr}</w:rPr></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:tabs><w:tab w:val="center" w:pos="4680"/><w:tab w:val="right" w:pos="9360"/></w:tabs></w:pPr>'
        '</w:style>'
        '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/></w:style>'
        '<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/>'
        '<w:rPr><w:sz w:val="16"/></w:rPr></w:style>'
        f"{spec.extra_styles}</w:styles>"
    )


def _page_part(kind: str, jc: str, number: bool) -> str:
    root = "hdr" if kind == "header" else "ftr"
    style = "Header" if kind == "header" else "Footer"
    if not number:
        return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} {NS}><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr></w:p></w:{root}>'
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} {NS}><w:p><w:pPr>'
        f'<w:pStyle w:val="{style}"/><w:jc w:val="{jc}"/></w:pPr>'
        '<w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:instrText xml:space="preserve"> PAGE   \\* MERGEFORMAT </w:instrText></w:r>'
        '<w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:rPr><w:noProof/><w:sz w:val="28"/></w:rPr><w:t>2</w:t></w:r>'
        '<w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r>'
        f"</w:p></w:{root}>"
    )


THEME = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"><a:themeElements>
<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>
<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1>
<a:accent2><a:srgbClr val="ED7D31"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4>
<a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink>
<a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme>
<a:fontScheme name="Office"><a:majorFont><a:latin typeface="{major}"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>
<a:minorFont><a:latin typeface="{minor}"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>
<a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst>
<a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst>
<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>
<a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme>
</a:themeElements></a:theme>"""

COMMENTS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {NS}>'
    '<w:comment w:id="0" w:author="Trưởng phòng" w:initials="TP" w:date="2026-03-02T08:00:00Z">'
    "<w:p><w:r><w:t>Xem lại đoạn này.</w:t></w:r></w:p></w:comment></w:comments>"
)

CT = "application/vnd.openxmlformats-officedocument"


def build(spec: Spec) -> bytes:
    """The .docx bytes of `spec`."""
    rels = [("rIdStyles", "styles", "styles.xml"), ("rIdSettings", "settings", "settings.xml")]
    overrides = [("/word/document.xml", f"{CT}.wordprocessingml.document.main+xml"),
                 ("/word/styles.xml", f"{CT}.wordprocessingml.styles+xml"),
                 ("/word/settings.xml", f"{CT}.wordprocessingml.settings+xml"),
                 ("/docProps/app.xml", f"{CT}.extended-properties+xml")]
    parts: dict[str, str] = {}
    refs = ""
    if spec.page_number != "none":
        kind = spec.page_number
        parts[f"word/{kind}1.xml"] = _page_part(kind, spec.page_jc, True)
        parts[f"word/{kind}2.xml"] = _page_part(kind, spec.page_jc, False)
        rels += [("rIdPg1", kind, f"{kind}1.xml"), ("rIdPg2", kind, f"{kind}2.xml")]
        ct = "header" if kind == "header" else "footer"
        overrides += [(f"/word/{kind}1.xml", f"{CT}.wordprocessingml.{ct}+xml"),
                      (f"/word/{kind}2.xml", f"{CT}.wordprocessingml.{ct}+xml")]
        refs = f'<w:{kind}Reference w:type="default" r:id="rIdPg1"/>'
        if spec.title_pg:
            refs += f'<w:{kind}Reference w:type="first" r:id="rIdPg2"/>'
    # Every Word document has a theme (its colours and fonts); the styles name it only with
    # `theme_font` (then Normal takes the theme's minor font).
    theme_font = spec.theme_font or "Times New Roman"
    parts["word/theme/theme1.xml"] = THEME.replace("{major}", theme_font).replace("{minor}", theme_font)
    rels.append(("rIdTheme", "theme", "theme/theme1.xml"))
    overrides.append(("/word/theme/theme1.xml", f"{CT}.theme+xml"))
    body = "".join(b.xml() for b in spec.blocks)
    if spec.footnotes:
        sep = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
               '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>')
        parts["word/footnotes.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {NS}>'
                                       f"{sep}{spec.footnotes}</w:footnotes>")
        rels.append(("rIdFootnotes", "footnotes", "footnotes.xml"))
        overrides.append(("/word/footnotes.xml", f"{CT}.wordprocessingml.footnotes+xml"))
    if spec.comments:
        parts["word/comments.xml"] = COMMENTS
        rels.append(("rIdComments", "comments", "comments.xml"))
        overrides.append(("/word/comments.xml", f"{CT}.wordprocessingml.comments+xml"))
        # Anchor the reviewer's comment on the first body paragraph's run.
        first = spec.part("body1").xml()
        anchored = first.replace("<w:r>", '<w:commentRangeStart w:id="0"/><w:r>', 1).replace(
            "</w:p>", '<w:commentRangeEnd w:id="0"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
            '<w:commentReference w:id="0"/></w:r></w:p>')
        body = body.replace(first, anchored, 1)
    w, h = spec.page
    orient = ' w:orient="landscape"' if spec.landscape else ""
    m = spec.margins
    sect = (
        f"<w:sectPr>{refs}<w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/>"
        f'<w:pgMar w:top="{m["top"]}" w:right="{m["right"]}" w:bottom="{m["bottom"]}" w:left="{m["left"]}" '
        f'w:header="567" w:footer="567" w:gutter="0"/>{"<w:titlePg/>" if spec.title_pg else ""}</w:sectPr>'
    )
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}>'
                f"<w:body>{body}{sect}</w:body></w:document>")
    rel_xml = "".join(
        f'<Relationship Id="{i}" Type="{R_NS}/{t}" Target="{target}"/>' for i, t, target in rels)
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{n}" ContentType="{c}"/>' for n, c in overrides) + "</Types>"),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{R_NS}/officeDocument" Target="word/document.xml"/>'
            f'<Relationship Id="rId2" Type="{R_NS}/extended-properties" Target="docProps/app.xml"/>'
            "</Relationships>"),
        "docProps/app.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f"<Application>vbcheck tests</Application><Pages>{spec.pages}</Pages></Properties>"),
        "word/document.xml": document,
        "word/styles.xml": _styles(spec),
        "word/settings.xml": (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings {NS}>'
                              '<w:defaultTabStop w:val="720"/></w:settings>'),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rel_xml}'
            "</Relationships>"),
        **parts,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            # A fixed date: the same spec gives the same bytes (the shipped example bases).
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)
    return buf.getvalue()
