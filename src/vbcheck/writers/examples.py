"""A rule's examples made into documents: the compliant base and the edited one, for the tests
that run every example (`vbcheck rule CODE` prints the same examples in words).

Text examples edit `rules/examples/<base>.txt` (find → replace). .docx examples edit the
formatting of `rules/examples/<base>.docx`, compliant models built from the NĐ 30 forms
(`scripts/build_example_docx.py`), with the setters of `vbcheck.ooxml.edit`.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from ..catalogue import loader
from ..core.rule import Example

# Keys of Example.changes, by what they edit.
RUN_KEYS = ("size", "bold", "italic", "underline", "caps", "font", "color", "theme_color", "theme_tint")
PARAGRAPH_KEYS = ("jc", "first_line", "before", "after", "line", "line_rule")
SECTION_KEYS = ("page", "orient", "margins", "no_page_numbers", "comments")
# The rule line under the paragraph `at` (VB309): redrawn `rule_cm` long (0: none), `rule_offset_cm`
# from the column's left edge (else centred), or `rule_border`: a bottom border on `at` instead.
RULE_KEYS = ("rule_cm", "rule_offset_cm", "rule_border")


def base_name(example: Example) -> str:
    """The file name of the example's base document."""
    return example.base if example.is_docx else f"{example.base}.txt"


def base_bytes(example: Example) -> bytes:
    return (loader.rules_dir() / "examples" / base_name(example)).read_bytes()


def edited_bytes(example: Example) -> bytes:
    """The base with the example's edit applied."""
    if not example.is_docx:
        text = loader.example_base(example.base)
        if example.find not in text:
            raise ValueError(f"example text {example.find!r} is not in base {example.base}")
        return text.replace(example.find, example.replace, 1).encode("utf-8")
    return _edit_docx(base_bytes(example), example)


def edited_lines(example: Example) -> set[int]:
    """The lines (text) or paragraph numbers (.docx) the edit touches: where its finding must
    be. Section-level .docx edits are reported at the first paragraph."""
    if not example.is_docx:
        base = loader.example_base(example.base)
        line = base[: base.index(example.find)].count("\n") + 1
        return set(range(line, line + max(1, example.replace.count("\n") + 1)))
    if not example.at:
        return {1}
    from ..engine import read

    doc = read(example.base, base_bytes(example))
    return {p.line for p in doc.paragraphs if example.at in p.text}


def _edit_docx(data: bytes, example: Example) -> bytes:
    from ..ooxml import edit
    from ..ooxml.xml import W_, parse_xml

    changes: dict[str, Any] = dict(example.changes)
    unknown = set(changes) - set(RUN_KEYS) - set(PARAGRAPH_KEYS) - set(SECTION_KEYS) - set(RULE_KEYS) - {"tracked"}
    if unknown:
        raise ValueError(f"unknown change keys {sorted(unknown)} in an example of {example.base}")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    root = parse_xml(parts["word/document.xml"], "word/document.xml")
    if example.at:
        paras = [p for p in root.iter(W_ + "p")
                 if example.at in "".join(t.text or "" for t in p.iter(W_ + "t"))]
        if not paras:
            raise ValueError(f"no paragraph holds {example.at!r} in {example.base}")
        for p in paras:
            run_changes = {k: v for k, v in changes.items() if k in RUN_KEYS}
            if run_changes:
                for r in p.iter(W_ + "r"):
                    edit.set_run(r, **run_changes)
            para_changes = {k: v for k, v in changes.items() if k in PARAGRAPH_KEYS}
            if para_changes:
                edit.set_paragraph(p, **para_changes)
            if any(k in changes for k in RULE_KEYS):
                edit.set_rule_under(p, cm=changes.get("rule_cm"), offset_cm=changes.get("rule_offset_cm"),
                                    border=bool(changes.get("rule_border")))
            if changes.get("tracked") == "ins":
                edit.wrap_runs(p, "ins", {"id": 901, "author": "Chuyên viên", "date": "2026-03-01T08:00:00Z"})
    else:
        sect = root.find(f"{W_}body/{W_}sectPr")
        if "page" in changes or "orient" in changes or "margins" in changes:
            edit.set_section(sect, page=tuple(changes["page"]) if "page" in changes else None,
                             orient=changes.get("orient"), margins=changes.get("margins"))
        if changes.get("no_page_numbers"):
            edit.remove_references(sect, "header")
            edit.remove_references(sect, "footer")
        if changes.get("comments"):
            _add_comment(parts, root)
    from lxml import etree

    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in parts.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _add_comment(parts: dict[str, bytes], root) -> None:
    """A reviewer's comment on the first body paragraph (comments part, relationship, anchor)."""
    from ..ooxml.xml import W_

    parts["word/comments.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{_W_NS}">'
        '<w:comment w:id="0" w:author="Chuyên viên" w:date="2026-03-01T08:00:00Z"><w:p><w:r>'
        "<w:t>Xem lại đoạn này.</w:t></w:r></w:p></w:comment></w:comments>").encode("utf-8")
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", f'<Relationship Id="rIdComments" Type="{_R}/comments" Target="comments.xml"/>'
        "</Relationships>").encode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    parts["[Content_Types].xml"] = types.replace(
        "</Types>", '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.comments+xml"/></Types>').encode("utf-8")
    body = root.find(W_ + "body")
    first = next(p for p in body.iter(W_ + "p") if p.find(W_ + "r") is not None)
    start = first.makeelement(W_ + "commentRangeStart", {W_ + "id": "0"})
    end = first.makeelement(W_ + "commentRangeEnd", {W_ + "id": "0"})
    first.find(W_ + "r").addprevious(start)
    first.append(end)
    ref_run = first.makeelement(W_ + "r", {})
    ref_run.append(ref_run.makeelement(W_ + "commentReference", {W_ + "id": "0"}))
    first.append(ref_run)
