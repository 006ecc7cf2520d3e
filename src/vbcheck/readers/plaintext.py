"""Plain text and Markdown reader.

One paragraph per non-empty source line, except that a Markdown table row gives one paragraph
per cell (kind "cell", like a .docx table cell), all with the same line number and their own
columns. Two layout columns on one line (pdftotext -layout) are split later by
`vbcheck.layout`, for every reader alike; joining lines that a conversion wrapped mid-sentence is
the anatomy's job.

Footnotes: a line starting with a superscript number ("¹ Các từ viết tắt: …") or a Markdown
footnote definition ("[^1]: …") is a footnote paragraph; a superscript number or "[^1]" inside
another line is a reference to it. A form feed (pdftotext's page break) advances the page.
"""

from __future__ import annotations

import re
import unicodedata

from ..core import limits
from ..core.errors import InputError
from ..core.markers import hookimpl
from ..core.model import Document, Paragraph, SourceKind, Zone
from ..text.guards import guard
from ..text.legacy import decode_tcvn3, decode_vni
from ..text.letters import is_vietnamese_syllable
from ..text.normalize import clean

SUFFIXES = (".txt", ".md", ".markdown", ".text")

_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = str.maketrans(_SUPERSCRIPT, "0123456789")
_FOOTNOTE_LINE = re.compile(rf"^\s*(?:([{_SUPERSCRIPT}]+)|\[\^(\w+)\]:)\s*")
_FOOTNOTE_REF = re.compile(rf"(?<=\S)([{_SUPERSCRIPT}]+)|\[\^(\w+)\](?!:)")
_LINE_END = re.compile(r"\r\n|\r|\n")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|[\s:|-]+\|\s*$")
# Whether it matches anywhere (blanks within the line: "^\s*" read all the blank lines below
# each line start again).
_MD_HINT = re.compile(r"\*\*\S|^\s{0,3}#{1,6} \S|^[^\S\n]*+\|.*\|[^\S\n]*+$", re.MULTILINE)
# A footnote reference needs a superscript digit or "[": lines without either skip _FOOTNOTE_REF
# (one character class, which the regex engine scans for quickly).
_FOOTNOTE_REF_HINT = re.compile(f"[{_SUPERSCRIPT}[]")
# Speed (text/guards.py): the literals each pattern needs, looked for before it runs.
FOOTNOTE_REF = guard("footnote reference", _FOOTNOTE_REF, lambda t: _FOOTNOTE_REF_HINT.search(t) is not None)
TABLE_LINE = guard("Markdown table row or rule", (_TABLE_ROW, _TABLE_RULE), lambda t: "|" in t)
MD_HINT = guard("Markdown marks", _MD_HINT, lambda t: "**" in t or "#" in t or "|" in t)


def decode(data: bytes) -> str:
    """The text of a file (see `decode_text`)."""
    return decode_text(data)[0]


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a text file, or InputError with a one-line reason.

    UTF-8 (with or without BOM), UTF-16 and UTF-32 with a BOM, UTF-16 without a BOM when every
    other byte is zero, and Windows-1258 (the Vietnamese ANSI code page, detected: see
    `_legacy`) are decoded. TCVN3 (ABC) and VNI 8-bit files are refused with the encoding named
    and a sample of the text read in it; anything else that is not UTF-8 is refused. The text
    is returned as stored: the caller normalises it to NFC (and records where it was not)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    else:
        for bom, enc in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
            if data.startswith(bom):
                try:
                    return data.decode(enc), enc
                except UnicodeDecodeError as e:
                    raise InputError(f"tệp {enc.upper()} bị hỏng (byte lỗi ở vị trí {e.start})",
                                     f"corrupt {enc.upper()} text (bad byte at offset {e.start})") from None
        enc16 = _utf16_without_bom(data)
        if enc16:
            return data.decode(enc16), enc16
    if b"\x00" in data[:4096]:
        raise InputError("tệp nhị phân, không phải văn bản", "binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        bad = e.start
    legacy = None if _mostly_utf8(data) else _legacy(data)
    if legacy and legacy[0] == "cp1258":
        return legacy[1], "cp1258"
    if legacy:
        name = "TCVN3 (ABC)" if legacy[0] == "tcvn3" else "VNI"
        sample, reading = legacy[1], legacy[2]
        raise InputError(
            f"tệp văn bản dùng bảng mã cũ {name}, không phải Unicode (\"{sample}\" đọc là \"{reading}\"): "
            "hãy chuyển mã sang Unicode (ví dụ Unikey > Công cụ chuyển mã) rồi lưu dạng UTF-8",
            f"text file in the legacy {name} encoding, not Unicode (\"{sample}\" reads \"{reading}\"): "
            "convert it to Unicode (e.g. Unikey's converter) and save it as UTF-8",
        )
    raise InputError(
        f"không đọc được bảng mã: tệp không phải UTF-8 (byte lỗi ở vị trí {bad}); hãy lưu lại dạng UTF-8",
        f"unreadable encoding: not UTF-8 (bad byte at offset {bad}); save the file as UTF-8",
    )


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few damaged bytes (a cut, a bad copy): most non-ASCII sequences decode.
    Such a file is said to be broken UTF-8, never guessed as a legacy encoding."""
    u = data[:200_000].decode("utf-8", errors="replace")
    bad = u.count("\ufffd")
    good = sum(1 for c in u if c > "\x7f") - bad
    return good > 4 * bad


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" for BOM-less UTF-16 text: zero high bytes on one side only."""
    head = data[:4096]
    if len(head) < 8 or len(data) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    for enc, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.3 * len(zeros) and other.count(0) == 0:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                return None
            if not any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
                return enc
    return None


# A Vietnamese syllable, for judging a candidate decoding: onset, vowel nucleus (with its shape
# marks: ă â ê ô ơ ư), coda, and at most one tone mark. A wrong decoding scatters ©, ¸, ¬, Ñ,
# impossible vowel clusters ("aõ" + n) or two tone marks in one word.
_WORDS = re.compile(r"[^\W\d_]+")


def _vietnamese_share(text: str) -> tuple[int, int]:
    """(Vietnamese syllables, words) among the words with a non-ASCII letter."""
    words = good = 0
    for w in _WORDS.findall(unicodedata.normalize("NFC", text)):
        if w.isascii():
            continue
        words += 1
        good += is_vietnamese_syllable(w)
    return good, words


def _legacy(data: bytes):
    """The Vietnamese 8-bit encoding of `data`, judged on evidence, or None.

    Each candidate decoding (Windows-1258; TCVN3 and VNI, whose bytes a Latin-1 reading turns
    into mojibake) is scored by the share of its accented words that are Vietnamese syllables
    made of Vietnamese letters; a wrong decoding scatters ©, ¸, ¬, Ñ or impossible tone and
    vowel pairs. The best candidate must have at least 3 accented words, 80 % of them
    Vietnamese, and beat the others. Returns ("cp1258", text) or (name, sample, reading)."""

    sample = data[:200_000]
    cands = []
    try:
        cands.append(("cp1258", sample.decode("cp1258")))
    except UnicodeDecodeError:
        pass
    latin = sample.decode("latin-1")
    cands.append(("tcvn3", decode_tcvn3(latin)))
    cands.append(("vni", decode_vni(sample.decode("cp1252", errors="replace"))))
    scored = []
    for name, text in cands:
        good, words = _vietnamese_share(text)
        scored.append((good / words if words else 0.0, good, name, text))
    scored.sort(key=lambda x: (x[0], x[1]), reverse=True)
    share, good, name, text = scored[0]
    if good < 3 or share < 0.8 or (len(scored) > 1 and scored[1][0] >= share and scored[1][1] >= good):
        return None
    # Text that already reads as Vietnamese in plain Latin-1 (a UTF-8 file damaged by a Latin-1
    # round trip keeps "Thành", "Hà") is no legacy encoding: a table must explain much more.
    if name != "cp1258":
        plain_good, plain_words = _vietnamese_share(latin)
        if plain_words and (plain_good / plain_words >= share - 0.2 or plain_good >= good):
            return None
    if name == "cp1258":
        try:
            return ("cp1258", data.decode("cp1258"))
        except UnicodeDecodeError:
            return None
    src = latin if name == "tcvn3" else sample.decode("cp1252", errors="replace")
    for w in _WORDS.findall(src):
        if not w.isascii():
            reading = decode_tcvn3(w) if name == "tcvn3" else decode_vni(w)
            if reading != w:
                return (name, w[:30], unicodedata.normalize("NFC", reading)[:30])
    return (name, "", "")


def _segments(raw: str, is_row: bool | None = None) -> list[tuple[int, str]]:
    """Split a Markdown table row into (start column, text) cells; other lines are one segment.
    `is_row`: whether `raw` matches _TABLE_ROW, when the caller knows it already."""
    if is_row if is_row is not None else _TABLE_ROW.match(raw):
        if _TABLE_RULE.match(raw):
            return []
        out = []
        pos = raw.index("|") + 1
        end = raw.rindex("|")
        while pos < end:
            nxt = raw.find("|", pos)
            if nxt == -1 or nxt > end:
                nxt = end
            out.append((pos, raw[pos:nxt]))
            pos = nxt + 1
        return out
    return [(0, raw)]


def _too_much_text(max_chars: int) -> InputError:
    return InputError(f"tệp bị từ chối: văn bản dài hơn {max_chars} ký tự (VBCHECK_MAX_CHARS)",
                      f"file refused: more than {max_chars} characters of text (VBCHECK_MAX_CHARS)")


def read_text(data: bytes, path: str) -> Document:
    max_chars = limits.get("VBCHECK_MAX_CHARS")
    if len(data) > 4 * max_chars + 4:  # more characters than the limit in any encoding
        raise _too_much_text(max_chars)
    src, encoding = decode_text(data)
    if len(src) > max_chars:
        raise _too_much_text(max_chars)
    markdown = path.lower().endswith((".md", ".markdown")) or bool(MD_HINT.search(src))
    paragraphs: list[Paragraph] = []
    has_pages = "\f" in src
    page = 1
    gap = False
    table_no, row, prev_table_line = 0, -1, -2
    # Split on line ends only: str.splitlines() would also split on form feeds and other
    # separators that editors do not count as lines, and line numbers would drift.
    lines = _LINE_END.split(src) if "\r" in src else src.split("\n")  # the same lines, quicker
    for lineno, raw in enumerate(lines, start=1):
        if "\f" in raw:
            page += raw.count("\f")
            raw = raw.replace("\f", " ")
        bar = TABLE_LINE.may_match(raw)
        if not raw.strip() or (bar and _TABLE_RULE.match(raw)):
            gap = True
            continue
        fn = _FOOTNOTE_LINE.match(raw)
        is_row = bar and bool(_TABLE_ROW.match(raw))
        if is_row:
            if prev_table_line < lineno - 2:
                table_no, row = table_no + 1, -1
            row += 1
            prev_table_line = lineno
        for cell, (start, seg) in enumerate(_segments(raw, is_row) if is_row else ((0, raw),)):
            not_nfc: list[tuple[int, int]] = []
            text, cols = clean(seg, markdown=markdown, start_col=start, changed=not_nfc)
            # Trim surrounding spaces but keep the column map aligned.
            text2 = text.strip()
            if not text2:
                continue
            # Source columns of characters that were not NFC in the file (VB002).
            not_nfc_cols = [cols[a] for a, _ in not_nfc] if not_nfc else None
            if len(text2) != len(text):  # else cols (a new list from clean) is already aligned
                lead = len(text) - len(text.lstrip())
                cols = cols[lead : lead + len(text2) + 1]
            para = Paragraph(index=len(paragraphs), text=text2, line=lineno, cols=cols,
                             page=page if has_pages else None, gap_before=gap)
            gap = False
            if not_nfc_cols:
                para.props["not_nfc_cols"] = not_nfc_cols
            if is_row:  # a Markdown table cell, like a .docx table cell
                para.kind, para.table = "cell", (table_no, row, cell)
            if fn and start == 0:
                para.kind = "footnote"
                para.zone = Zone.FOOTNOTE
                para.footnote_id = (fn.group(1) or "").translate(_SUP_TO_DIGIT) or fn.group(2)
            for m in FOOTNOTE_REF.finditer(text2):
                if para.kind == "footnote" and m.start() == 0:
                    continue
                ident = (m.group(1) or "").translate(_SUP_TO_DIGIT) or m.group(2)
                para.footnote_refs.append((m.start(), ident))
            paragraphs.append(para)
    kind = SourceKind.MARKDOWN if markdown else SourceKind.TEXT
    return Document(path=path, kind=kind, paragraphs=paragraphs, meta={"markdown": markdown, "encoding": encoding})


@hookimpl
def vbcheck_read(path: str, data: bytes):
    if path.lower().endswith(SUFFIXES):
        return read_text(data, path)
    return None
