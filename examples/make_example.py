"""Build examples/ke-hoach-du-thao.docx: a realistic draft kế hoạch with several defects.

The content follows the seeds (a UBND xã plan) and the layout follows NĐ 30's model form
Mẫu 1.4: a borderless 2-column header table, the title block, the body, and a 2-column closing
table (Nơi nhận left, signature right). Defects a clerk would make, on purpose:
- Tiêu ngữ typed with en dashes ("Độc lập – Tự do – Hạnh phúc");
- "Số: 5/KH-UBND" (a number below 10 without its leading zero);
- "ngày 5 tháng 3" (a day below 10 without its leading zero);
- the body does not end with "./.";
- "- Lưu: VT,VP" (no space after the comma, no final full stop);
- CHỦ TỊCH signs a UBND plan without "TM. ỦY BAN NHÂN DÂN";
- "MTTQ" used without being written out first; "hoá" beside "hóa".
The rule lines under the issuer, the Tiêu ngữ and the trích yếu are drawn as Word draws them
(a straight-line shape in an empty paragraph), of the lengths NĐ 30 gives.
Regenerate with `python examples/make_example.py` (needs python-docx).
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.shared import Mm, Pt

FONT = "Times New Roman"


def para(container, text, size=14, bold=False, italic=False, align=None, first_line=None):
    p = container.add_paragraph()
    run = p.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    if align is not None:
        p.alignment = align
    if first_line is not None:
        p.paragraph_format.first_line_indent = Mm(first_line)
    p.paragraph_format.space_after = Pt(6)
    return p


def cell_text(cell, lines):
    cell.paragraphs[0].text = ""
    first = True
    for text, size, bold, italic in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        run = p.add_run(text)
        run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


LINE = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:drawing>'
    '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="{id}" '
    'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="column"><wp:align>center</wp:align></wp:positionH>'
    '<wp:positionV relativeFrom="paragraph"><wp:posOffset>25400</wp:posOffset></wp:positionV>'
    '<wp:extent cx="{cx}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
    '<wp:docPr id="{id}" name="Straight Connector {id}"/><wp:cNvGraphicFramePr/><a:graphic>'
    '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
    '<wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>'
    '<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/>'
    '</a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
    '</w:drawing></w:r>'
)


def rule_after(paragraph, cm: float, shape_id: int) -> None:
    """An empty paragraph after `paragraph` holding a centred straight line `cm` long."""
    new = paragraph.insert_paragraph_before("")
    paragraph._p.addnext(new._p)  # move it after
    new.alignment = WD_ALIGN_PARAGRAPH.CENTER
    new._p.append(parse_xml(LINE.replace("{cx}", str(int(cm * 360000))).replace("{id}", str(shape_id))))


def build(path: Path) -> None:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(20), Mm(20)
    sec.left_margin, sec.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)

    header = doc.add_table(rows=1, cols=2)
    cell_text(header.cell(0, 0), [
        ("ỦY BAN NHÂN DÂN", 13, False, False),
        ("XÃ KRÔNG Á", 13, True, False),
        ("Số: 5/KH-UBND", 13, False, False),
    ])
    cell_text(header.cell(0, 1), [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, False),
        ("Độc lập – Tự do – Hạnh phúc", 14, True, False),
        ("Krông Á, ngày 5 tháng 3 năm 2026", 14, False, True),
    ])

    rule_after(header.cell(0, 0).paragraphs[1], 1.2, 1)  # 1/3–1/2 of "XÃ KRÔNG Á"
    rule_after(header.cell(0, 1).paragraphs[1], 6.0, 2)  # as long as the Tiêu ngữ

    para(doc, "KẾ HOẠCH", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    trich_yeu = para(doc, "Triển khai phong trào “Bình dân học vụ số” năm 2026", bold=True,
                     align=WD_ALIGN_PARAGRAPH.CENTER)
    rule_after(trich_yeu, 4.0, 3)
    body = [
        "Thực hiện Kế hoạch số 76/KH-UBND ngày 13/3/2026 của Ủy ban nhân dân tỉnh về triển khai "
        "Phong trào “Bình dân học vụ số”, Ủy ban nhân dân xã ban hành Kế hoạch như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Phổ cập kỹ năng số cho cán bộ, công chức, viên chức (CBCCVC) và người dân; đẩy mạnh "
        "chuyển đổi số, số hóa hồ sơ thủ tục hành chính.",
        "2. Phát huy vai trò của các Tổ công nghệ số cộng đồng; lan tỏa tinh thần tự học.",
        "II. TỔ CHỨC THỰC HIỆN",
        "1. Phòng Văn hoá - Xã hội chủ trì, phối hợp với các đơn vị triển khai Kế hoạch này đến "
        "toàn thể CBCCVC.",
        "2. Đề nghị Ủy ban MTTQ xã phối hợp tuyên truyền, vận động Nhân dân tham gia Phong trào.",
    ]
    for text in body:
        para(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line=10)

    closing = doc.add_table(rows=1, cols=2)
    cell_text(closing.cell(0, 0), [
        ("Nơi nhận:", 12, True, True),
        ("- UBND tỉnh (để báo cáo);", 11, False, False),
        ("- Các phòng, ban thuộc xã;", 11, False, False),
        ("- Lưu: VT,VP", 11, False, False),
    ])
    for p in closing.cell(0, 0).paragraphs:
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    cell_text(closing.cell(0, 1), [
        ("CHỦ TỊCH", 14, True, False),
        ("", 14, False, False),
        ("Trần Mạnh Quân", 14, True, False),
    ])
    doc.save(path)


if __name__ == "__main__":
    build(Path(__file__).with_name("ke-hoach-du-thao.docx"))
