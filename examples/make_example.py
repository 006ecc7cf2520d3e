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
Regenerate with `python examples/make_example.py` (needs python-docx).
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
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

    para(doc, "KẾ HOẠCH", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "Triển khai phong trào “Bình dân học vụ số” năm 2026", bold=True,
         align=WD_ALIGN_PARAGRAPH.CENTER)
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
