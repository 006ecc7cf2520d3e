"""Readers: text/Markdown and .docx produce the same model with exact source locations."""

from __future__ import annotations

import unicodedata

import pytest

from vbcheck.anatomy.layout import split_columns
from vbcheck.core.errors import InputError
from vbcheck.engine import read

from . import docx_build as B


def paras(doc):
    split_columns(doc)
    return [(p.line, p.text) for p in doc.paragraphs]


# ---------------------------------------------------------------- text


def test_text_lines_columns_and_bom():
    doc = read("a.txt", "\ufeffSố: 15/KH-UBND\n\n  Nơi nhận:  \n".encode("utf-8"))
    assert [(p.line, p.text) for p in doc.paragraphs] == [(1, "Số: 15/KH-UBND"), (3, "Nơi nhận:")]
    assert doc.paragraphs[1].column(0) == 3 and doc.paragraphs[1].gap_before


def test_utf16_with_bom_is_decoded():
    doc = read("a.txt", "Kính gửi: Sở Nội vụ\n".encode("utf-16"))
    assert doc.paragraphs[0].text == "Kính gửi: Sở Nội vụ"


def test_not_utf8_is_a_clear_error():
    with pytest.raises(InputError) as e:
        read("a.txt", "Số".encode("utf-8") + b"\xff\xfe abc")
    assert "UTF-8" in str(e.value) and "\n" not in str(e.value)


def test_markdown_markers_removed_but_columns_kept():
    doc = read("a.md", "**TM. ỦY BAN NHÂN DÂN**\n### ***Nơi nhận:***\n*Nguyễn Văn A*\n".encode())
    texts = [p.text for p in doc.paragraphs]
    assert texts == ["TM. ỦY BAN NHÂN DÂN", "Nơi nhận:", "Nguyễn Văn A"]
    assert doc.paragraphs[0].column(0) == 3  # after "**"
    assert doc.paragraphs[1].column(0) == 8  # after "### ***"


def test_nfd_text_matches_as_nfc_with_original_columns():
    raw = unicodedata.normalize("NFD", "Độc lập - Tự do - Hạnh phúc X")
    doc = read("a.txt", raw.encode("utf-8"))
    p = doc.paragraphs[0]
    assert p.text == "Độc lập - Tự do - Hạnh phúc X"
    assert p.column(p.text.index("X")) == raw.index("X") + 1


def test_pdftotext_columns_split_with_source_columns():
    line = "Nơi nhận:                                  KT. BỘ TRƯỞNG\n- Như trên;                          THỨ TRƯỞNG\n"
    doc = read("a.txt", line.encode())
    assert paras(doc) == [(1, "Nơi nhận:"), (1, "KT. BỘ TRƯỞNG"), (2, "- Như trên;"), (2, "THỨ TRƯỞNG")]
    assert doc.paragraphs[1].column(0) == line.index("KT.") + 1


def test_blank_number_and_day_are_not_columns():
    doc = read("a.txt", "Số:      /BTP-BTTP          Hà Nội, ngày    tháng 7 năm 2025\n".encode())
    assert [t for _, t in paras(doc)] == ["Số:      /BTP-BTTP", "Hà Nội, ngày    tháng 7 năm 2025"]


def test_markdown_table_cells():
    doc = read("a.md", "| Nơi nhận: - Như trên; | CHỦ TỊCH Nguyễn Văn A |\n|---|---|\n".encode())
    assert [(p.text, p.table[2]) for p in doc.paragraphs] == [
        ("Nơi nhận: - Như trên;", 0), ("CHỦ TỊCH Nguyễn Văn A", 1)]


def test_footnote_lines_and_references():
    doc = read("a.txt", "Văn phòng thành phố¹ ban hành\n¹ Các từ viết tắt: UBND - Ủy ban nhân dân.\n".encode())
    body, note = doc.paragraphs
    assert body.footnote_refs == [(body.text.index("¹"), "1")]
    assert note.kind == "footnote" and note.footnote_id == "1"


def test_form_feed_counts_pages():
    doc = read("a.txt", "trang một\n\ftrang hai\n".encode())
    assert [p.page for p in doc.paragraphs] == [1, 2]


# ---------------------------------------------------------------- docx


def test_docx_reading_order_tables_and_footnotes():
    body = (
        B.table([B.p(B.r("ỦY BAN NHÂN DÂN")), B.p(B.r("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))],
                [B.p(B.r("Số: 15/KH-UBND")), B.p(B.r("Hà Nội, ngày 05 tháng 3 năm 2026"))])
        + B.p(B.r("Văn bản"), '<w:r><w:footnoteReference w:id="1"/></w:r>', B.r(" tiếp"))
    )
    notes = '<w:footnote w:id="1"><w:p><w:r><w:t>UBND - Ủy ban nhân dân</w:t></w:r></w:p></w:footnote>'
    doc = read("a.docx", B.build(body, notes))
    got = [(p.line, p.text, p.kind) for p in doc.paragraphs]
    assert got == [
        (1, "ỦY BAN NHÂN DÂN", "cell"), (2, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "cell"),
        (3, "Số: 15/KH-UBND", "cell"), (4, "Hà Nội, ngày 05 tháng 3 năm 2026", "cell"),
        (5, "Văn bản tiếp", "p"), (6, "UBND - Ủy ban nhân dân", "footnote"),
    ]
    assert doc.paragraphs[4].footnote_refs == [(7, "1")]
    assert doc.paragraphs[1].table == (1, 0, 1)


def test_docx_revisions_drawings_and_breaks():
    drawing = ('<w:r><w:drawing><wp:anchor><wp:positionH><wp:posOffset>123456</wp:posOffset></wp:positionH>'
               '<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>'
               + B.p(B.r("HỎA TỐC")) + '</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>'
               '</wp:anchor></w:drawing></w:r>')
    body = (
        B.p(B.r("Giữ "), '<w:del><w:r><w:delText>bỏ </w:delText></w:r></w:del>',
            '<w:ins><w:r><w:t>thêm</w:t></w:r></w:ins>', drawing)
        + B.p(B.r("KT. CHỦ TỊCH"), "<w:r><w:br/></w:r>", B.r("PHÓ CHỦ TỊCH"))
        + B.p('<w:r><w:lastRenderedPageBreak/><w:t>Trang hai</w:t></w:r>')
    )
    doc = read("a.docx", B.build(body))
    assert doc.meta["revisions"] == {"ins": 1, "del": 1}
    assert paras(doc) == [(1, "Giữ thêm"), (2, "HỎA TỐC"), (3, "KT. CHỦ TỊCH"), (3, "PHÓ CHỦ TỊCH"), (4, "Trang hai")]
    assert [p.page for p in doc.paragraphs] == [1, 1, 1, 1, 2]
    assert "123456" not in " ".join(p.text for p in doc.paragraphs)


def test_docx_tab_columns_keep_paragraph_number_and_offsets():
    doc = read("a.docx", B.build(B.p(B.r("Nơi nhận:"), "<w:r><w:tab/></w:r>", B.r("TL. CHỦ TỊCH"))))
    assert paras(doc) == [(1, "Nơi nhận:"), (1, "TL. CHỦ TỊCH")]
    assert doc.paragraphs[1].column(0) == len("Nơi nhận:\t") + 1


@pytest.mark.parametrize("data,words", [
    (b"PK\x03\x04garbage", "hỏng"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "mật khẩu"),
    (b"hello", "ZIP"),
])
def test_docx_bad_packages(data, words):
    with pytest.raises(InputError) as e:
        read("a.docx", data)
    assert words in str(e.value)


def test_docx_without_document_part():
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("x.xml", "<a/>")
    with pytest.raises(InputError, match="document.xml"):
        read("a.docx", buf.getvalue())


def test_docx_entity_declaration_refused():
    body = B.p(B.r("x"))
    data = B.build(body).replace(b"", b"")
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            content = src.read(item)
            if item.filename == "word/document.xml":
                content = content.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
            dst.writestr(item, content)
    with pytest.raises(InputError, match="DTD|ENTITY"):
        read("a.docx", buf.getvalue())


# ----------------------------------------------------------------------------- normalisation


def _walk(raw: str) -> tuple[str, list[int]]:
    """The per-character reference `clean` short-cuts on common lines: drop zero-width
    characters, fold spaces, NFC each cluster with its base's column."""
    from vbcheck.text.normalize import _DROP, _SPACES, nfc_with_map

    chars = [(" " if c in _SPACES else c, k) for k, c in enumerate(raw) if c not in _DROP]
    return nfc_with_map(chars, len(raw))


_ALPHABET = "aăâeêoôơuưyđAĐ hoá\u00a0\t\u200b\u00ad\u0301\u0323\u0309e\u2126\u2000가가-*/()"


def test_clean_fast_path_equals_the_character_walk():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from vbcheck.text.normalize import clean

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet=_ALPHABET, max_size=40))
    def same(raw):
        assert clean(raw) == _walk(raw)
        assert clean(unicodedata.normalize("NFD", raw)) == _walk(unicodedata.normalize("NFD", raw))

    same()
    # Lines that take the short cut keep one column per character.
    assert clean("Ủy ban\u00a0nhân dân", start_col=3) == ("Ủy ban nhân dân", list(range(3, 19)))


# ---------------------------------------------------------------- fast paths keep the model


def test_text_footnote_reference_found_after_cleaning():
    # The reference pattern runs on the cleaned line: a zero-width space inside "[^1]" is dropped
    # first, and CR line ends give the same lines as LF.
    for end in ("\n", "\r\n", "\r"):
        doc = read("a.txt", f"Văn bản[\u200b^1] ban hành{end}[^1]: Ghi chú.{end}".encode())
        body, note = doc.paragraphs
        assert body.footnote_refs == [(body.text.index("[^1]"), "1")] and note.footnote_id == "1"
        assert (body.line, note.line) == (1, 2)


