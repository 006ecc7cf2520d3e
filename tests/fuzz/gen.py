"""Fuzz inputs for vbcheck: mutated corpus files and hypothesis-generated documents.

Shared by the long run (`python tests/fuzz/run.py --count 100000`) and the short sample in the
normal suite (tests/test_hostile_fuzz.py). Every input goes through `vbcheck.check(data,
name=…)`; the only acceptable outcomes are a result or a `FileResult.error` (an InputError's
one-line reason). See `run_one`.
"""

from __future__ import annotations

import io
import random
import time
import traceback
import unicodedata
import warnings
import zipfile
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')

# ----------------------------------------------------------------------------- running one


# Time fuzzing (issue 18, item 8). vbcheck's work is linear in what it reads, so a check is
# expected to cost about FIXED + PER_BYTE * size seconds of CPU, where size is the bytes of a text
# file or the declared uncompressed bytes of a .docx's XML parts (`work_size`). Calibrated on the
# corpus (2 cores, 2026-12): a median of 1.1 µs per byte, at most 3.3 µs on a 5 KB file, 0.16 s
# at most. An input costing more than SLOWER times its expected cost is a failure: a super-linear
# path outgrows any fixed multiple as its input grows, while a linear one never does (the
# issue's "Số:" + 1,000 NBSP, 2 KB, cost 1.7 s: 7 times the bound; now 0.01 s).
FIXED = 0.02
PER_BYTE = 2e-6
SLOWER = 10


def work_size(data: bytes, name: str) -> int:
    """What a check reads: the bytes of a text file; the declared size of a .docx's XML parts
    (capped at 64 MB, VBCHECK_MAX_PART_BYTES: a lying header is refused before any work)."""
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                return min(sum(i.file_size for i in z.infolist() if i.filename.endswith((".xml", ".rels"))),
                           64 << 20)
        except Exception:  # noqa: BLE001 - a broken package is refused by the reader
            return len(data)
    return len(data)


def expected_cost(size: int) -> float:
    return FIXED + PER_BYTE * size


def run_one(data: bytes, name: str) -> dict:
    """Check one input. Returns {"outcome": "ok"|"input-error"|"exception", "seconds", "cpu",
    "size", "too_slow", …}.

    "exception" means something escaped `vbcheck.check` (a bug); "internal" lists checks that
    crashed inside the engine (caught and reported as not evaluated: bugs too, counted apart);
    "too_slow" is set when the CPU time passed SLOWER times the expected cost of the input's size."""
    import vbcheck

    size = work_size(data, name)
    t, c = time.perf_counter(), time.process_time()

    def timing() -> dict:
        cpu = time.process_time() - c
        return {"seconds": time.perf_counter() - t, "cpu": cpu, "size": size,
                "too_slow": cpu > SLOWER * expected_cost(size)}

    try:
        rep = vbcheck.check(data, name=name)
    except BaseException as e:  # noqa: BLE001 - anything that escapes is what we look for
        if isinstance(e, KeyboardInterrupt):
            raise
        return {"outcome": "exception", **timing(), "error": f"{type(e).__name__}: {e}"[:300],
                "traceback": "".join(traceback.format_exception(e))[-3000:]}
    took = timing()
    f = rep.files[0]
    if f.error is not None:
        if "\n" in f.error or not f.error.strip():
            return {"outcome": "exception", **took, "error": f"bad error line: {f.error!r}"[:300]}
        return {"outcome": "input-error", **took, "error": f.error}
    return {"outcome": "ok", **took, "internal": list(f.internal_errors)}


def too_slow_again(data: bytes, name: str, tries: int = 3) -> float | None:
    """An input found too slow, measured again: the best CPU time of `tries` runs when that is
    still over the bound (a super-linear cost), None when one run is within it (noise: a shared
    machine only ever makes a run slower)."""
    best = None
    for _ in range(tries):
        res = run_one(data, name)
        if not res["too_slow"]:
            return None
        best = res["cpu"] if best is None else min(best, res["cpu"])
    return best


# Inputs that were too slow, kept as regression cases: tests/test_fuzz_sample.py checks each
# against the bound; the long run adds every new one here (`--regressions`).
REGRESSIONS = Path(__file__).resolve().parent / "regressions"


def regressions() -> list[tuple[str, bytes]]:
    if not REGRESSIONS.is_dir():
        return []
    return [(p.name, p.read_bytes()) for p in sorted(REGRESSIONS.iterdir()) if p.is_file() and p.suffix != ".md"]


# ----------------------------------------------------------------------------- corpus


def corpus(shared: Path | None = None) -> list[tuple[str, bytes]]:
    """(name, bytes) of the corpus .docx and text files, plus the example draft."""
    shared = shared or ROOT.parent / "shared"
    out = []
    for kind in ("docx", "text"):
        d = shared / "corpus" / kind
        if d.is_dir():
            out += [(p.name, p.read_bytes()) for p in sorted(d.iterdir()) if p.is_file()]
    ex = ROOT / "examples" / "ke-hoach-du-thao.docx"
    if ex.is_file():
        out.append((ex.name, ex.read_bytes()))
    return out


# ----------------------------------------------------------------------------- byte mutations

_NASTY = ["\u0000", "\ufeff", "\u200b", "\u202e", "\u00a0", "\u0301\u0301\u0301", "\f", "\r", "\u2028",
          "&amp;", "&#0;", "&#xD800;", "&lol;", "]]>", "<![CDATA[x]]>", "<!--", "-->", "<?pi x?>",
          "\U0001F600", "ǅ", "ﬃ", "İ", "ß", "Ⅻ", "¹²³", "…", "–", "—", "./.", "Số:", "/", "-", ":",
          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Nơi nhận:",
          "- Lưu: VT, VP.", "KT. CHỦ TỊCH", "ngày   tháng   năm 2025", "V/v", "Kính gửi:", "(1)",
          "Phụ lục I", "UBND", "Uû ban nh©n d©n", "UÛy ban nhaân daân", "1." * 40, "a" * 300, "|" * 20]


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(7)
        n = len(b)
        if op == 0 and n:  # bit flips
            for _ in range(rng.randint(1, 16)):
                i = rng.randrange(n)
                b[i] ^= 1 << rng.randrange(8)
        elif op == 1 and n:  # truncate
            del b[rng.randrange(n):]
        elif op == 2 and n:  # delete a chunk
            i = rng.randrange(n)
            del b[i:i + rng.randint(1, 4096)]
        elif op == 3 and n:  # duplicate a chunk
            i = rng.randrange(n)
            chunk = b[i:i + rng.randint(1, 4096)]
            j = rng.randrange(len(b) + 1)
            b[j:j] = chunk * rng.randint(1, 4)
        elif op == 4:  # random bytes
            j = rng.randrange(len(b) + 1)
            b[j:j] = rng.randbytes(rng.randint(1, 64))
        elif op == 5 and n:  # overwrite the start (magic numbers)
            b[0:rng.randint(1, 8)] = rng.choice([b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                                                  b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x00", b""])
        elif op == 6:  # a nasty string
            j = rng.randrange(len(b) + 1)
            b[j:j] = rng.choice(_NASTY).encode("utf-8")
    return bytes(b)


# ----------------------------------------------------------------------------- XML mutations


def mutate_xml(xml: bytes, rng: random.Random) -> bytes:
    s = xml.decode("utf-8", errors="replace")
    for _ in range(rng.randint(1, 4)):
        n = len(s)
        if not n:
            break
        op = rng.randrange(12)
        i = rng.randrange(n)
        if op == 0:  # delete a tag
            a = s.find("<", i)
            e = s.find(">", a)
            if a != -1 and e != -1:
                s = s[:a] + s[e + 1:]
        elif op == 1:  # duplicate an element-ish slice
            a = s.find("<w:", i)
            e = s.find("</w:", a)
            e2 = s.find(">", e)
            if a != -1 and e != -1 and e2 != -1:
                s = s[:e2 + 1] + s[a:e2 + 1] * rng.randint(1, 3) + s[e2 + 1:]
        elif op == 2:  # attribute values
            a = s.find('w:val="', i)
            if a != -1:
                e = s.find('"', a + 7)
                s = s[:a + 7] + rng.choice(["-1", "0", "99999999999999999999", "abc", "", "1e9", "NaN",
                                            "-0", "0x10", " 12 ", "٣", "true", "single", "auto"]) + s[e:]
        elif op == 3:  # nasty text
            a = s.find("<w:t", i)
            e = s.find(">", a)
            if a != -1 and e != -1:
                txt = rng.choice(_NASTY)
                txt = txt.replace("&", "&amp;").replace("<", "&lt;") if rng.random() < 0.8 else txt
                s = s[:e + 1] + txt + s[e + 1:]
        elif op == 4:  # deep nesting
            depth = rng.choice([5, 50, 120, 300])
            tag = rng.choice(["w:sdt><w:sdtContent", "w:tbl><w:tr><w:tc", "w:ins", "w:hyperlink", "w:p"])
            opens = "".join(f"<{t}>" for t in tag.split("><")) * depth
            closes = "".join(f"</{t}>" for t in reversed(tag.split("><"))) * depth
            a = s.find("<w:body>")
            if a != -1:
                s = s[:a + 8] + opens + "<w:p><w:r><w:t>x</w:t></w:r></w:p>" + closes + s[a + 8:]
        elif op == 5:  # swap two slices
            j = rng.randrange(n)
            a, b = sorted((i, j))
            k = rng.randint(1, 200)
            s = s[:a] + s[b:b + k] + s[a + k:b] + s[a:a + k] + s[b + k:]
        elif op == 6:  # truncate
            s = s[:i]
        elif op == 7:  # a DTD / entity
            s = rng.choice([
                '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
                '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
            ]) + s.split("?>", 1)[-1]
        elif op == 8:  # page breaks and footnote references
            a = s.find("<w:r>", i)
            if a != -1:
                s = s[:a + 5] + rng.choice(['<w:br w:type="page"/>', '<w:lastRenderedPageBreak/>',
                                            f'<w:footnoteReference w:id="{rng.randint(-3, 9)}"/>',
                                            '<w:tab/>', '<w:sym w:char="F0B7"/>', '<w:br/>',
                                            '<w:noBreakHyphen/>']) + s[a + 5:]
        elif op == 9:  # sections and styles
            a = s.find("<w:pPr>", i)
            if a != -1:
                s = s[:a + 7] + rng.choice([
                    '<w:sectPr><w:pgSz w:w="-5" w:h="x"/><w:pgMar w:top="abc" w:left=""/></w:sectPr>',
                    '<w:pStyle w:val="Heading1"/>', '<w:jc w:val="bogus"/>',
                    '<w:spacing w:line="-240" w:before="1e5"/>', '<w:ind w:firstLine="-99999999"/>',
                    '<w:numPr><w:numId w:val="999"/></w:numPr>']) + s[a + 7:]
        elif op == 10:  # run properties
            a = s.find("<w:r>", i)
            if a != -1:
                s = s[:a + 5] + rng.choice([
                    '<w:rPr><w:sz w:val="-4"/><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr>',
                    '<w:rPr><w:rFonts w:asciiTheme="minorHAnsi"/><w:b w:val="0"/><w:caps/></w:rPr>',
                    '<w:rPr><w:rStyle w:val="Nope"/><w:vanish/><w:sz w:val="x"/></w:rPr>',
                    '<w:rPr><w:rFonts w:ascii="VNI-Times"/><w:smallCaps w:val="maybe"/></w:rPr>']) + s[a + 5:]
        else:  # random unicode
            s = s[:i] + "".join(chr(rng.choice([rng.randrange(32, 0x250), rng.randrange(0x1E00, 0x1F00),
                                                rng.randrange(0x300, 0x370), rng.randrange(0xE000, 0xF900)]))
                                for _ in range(rng.randint(1, 20))) + s[i:]
    return s.encode("utf-8", errors="surrogatepass")


def mutate_docx(data: bytes, rng: random.Random) -> bytes:
    """Unzip, mutate XML parts (and sometimes the part list), zip again."""
    try:
        zin = zipfile.ZipFile(io.BytesIO(data))
        parts = [(i.filename, zin.read(i)) for i in zin.infolist()]
    except Exception:  # noqa: BLE001 - a package the mutation already broke: mutate bytes
        return mutate_bytes(data, rng)
    xml = [k for k, (n, _) in enumerate(parts) if n.endswith((".xml", ".rels"))]
    main = [k for k, (n, _) in enumerate(parts) if n == "word/document.xml"]
    for _ in range(rng.randint(1, 3)):
        if not parts:
            break
        r = rng.random()
        if r < 0.6 and main:
            k = main[0]
        elif xml:
            k = rng.choice(xml)
        else:
            k = rng.randrange(len(parts))
        n, d = parts[k]
        parts[k] = (n, mutate_xml(d, rng))
    if rng.random() < 0.1 and parts:  # drop a part
        parts.pop(rng.randrange(len(parts)))
        main = xml = []
    if rng.random() < 0.1:  # add styles with a basedOn cycle, or an odd part
        parts.append(rng.choice([
            ("word/styles.xml", f'<w:styles {W_NS}><w:style w:styleId="A"><w:basedOn w:val="B"/></w:style>'
                                f'<w:style w:styleId="B"><w:basedOn w:val="A"/></w:style></w:styles>'.encode()),
            ("word/theme/theme1.xml", b'<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"/>'),
            ("word/footnotes.xml", f'<w:footnotes {W_NS}><w:footnote w:id="1"><w:p><w:r><w:t>Fn</w:t></w:r></w:p>'
                                   f'</w:footnote></w:footnotes>'.encode()),
        ]))
    out = io.BytesIO()
    method = rng.choice([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", method) as z:
        warnings.simplefilter("ignore")  # duplicate part names are part of the fuzz
        for n, d in parts:
            z.writestr(n, d)
    return out.getvalue()


def mutate_text(data: bytes, rng: random.Random) -> bytes:
    try:
        s = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return mutate_bytes(data, rng)
    lines = s.splitlines(keepends=True)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        if op == 0 and lines:
            del lines[rng.randrange(len(lines))]
        elif op == 1:
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(_NASTY) + rng.choice(["\n", "\r\n", "\r", ""]))
        elif op == 2 and len(lines) > 1:
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3 and lines:
            i = rng.randrange(len(lines))
            lines[i] = unicodedata.normalize(rng.choice(["NFD", "NFKD", "NFKC"]), lines[i])
        elif op == 4 and lines:
            i = rng.randrange(len(lines))
            lines[i] = lines[i] * rng.randint(2, 30)
        elif op == 5 and lines:
            i = rng.randrange(len(lines))
            lines[i] = "| " + " | ".join(lines[i].split()) + " |\n"
    s = "".join(lines)
    enc = rng.choice(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1258", "latin-1"])
    return s.encode(enc, errors="replace") if enc in ("cp1258", "latin-1") else s.encode(enc, errors="surrogatepass")


def _replace_part(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, warnings.catch_warnings(), \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        warnings.simplefilter("ignore")
        for info in zin.infolist():
            z.writestr(info.filename, content if info.filename == name else zin.read(info))
    return out.getvalue()


def mutated(corpus_files: list[tuple[str, bytes]], seed: int) -> tuple[bytes, str]:
    """The mutated input number `seed` (deterministic)."""
    rng = random.Random(seed)
    name, data = corpus_files[rng.randrange(len(corpus_files))]
    is_docx = name.endswith(".docx")
    r = rng.random()
    if is_docx:
        data = mutate_docx(data, rng) if r < 0.75 else mutate_bytes(data, rng)
    else:
        data = mutate_text(data, rng) if r < 0.7 else mutate_bytes(data, rng)
    if rng.random() < 0.04:  # one long pathological run (catches super-linear patterns)
        run = rng.choice(["1.", "a", "A-", "…", "1", "a.", "x@", " ", "Đ", "(", "|", "ư\u0301", "-", "/",
                          "\u00a0", "VT,", "a  b", "(VB) ", "AB ", " TS", "<!-- vbcheck-disable "])
        # Half of them after what makes a part (the shapes issue 18 found: "Số:" + NBSP + a letter,
        # a glossary line + spaces + a letter, "- Lưu: " + "VT," many times).
        lead = rng.choice(["", "", "", "Số:", "Các từ viết tắt: ABC - x", "- Lưu: ", "Nơi nhận:", "KT. ",
                           "Kính gửi:", "Căn cứ ", "Phụ lục ", "Điều 1. "])
        piece = (lead + run * rng.randint(2000, 20000) + ("a" if lead else "")).encode("utf-8")
        if lead and not name.endswith(".docx"):
            piece = b"\n" + piece + b"\n"  # a line of its own, where the part is looked for
        if name.endswith(".docx"):
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as z:
                    doc = z.read("word/document.xml")
                i = doc.find(b"<w:t>")
                i = doc.find(b"<w:t ") if i == -1 else i
                j = doc.find(b">", i)
                if i != -1 and j != -1:
                    data = _replace_part(data, "word/document.xml", doc[:j + 1] + piece.replace(b"<", b"") + doc[j + 1:])
            except Exception:  # noqa: BLE001 - already broken by the mutation
                pass
        else:
            k = rng.randrange(len(data) + 1)
            data = data[:k] + piece + data[k:]
    if rng.random() < 0.03:  # the wrong reader for the bytes
        name = rng.choice(["x.txt", "x.docx", "x.md", "x.doc"])
    return data, name


# ----------------------------------------------------------------------------- hypothesis

_VI = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
_ALPHABET = st.sampled_from(list(_VI + _VI.upper() + "  0123456789.,;:/-–()\"'|*#_[]^\t\u00a0\u0301\u0300\u200b"
                                 "©¸¬ñö¹²" + "&<>"))
_LINES = st.sampled_from([
    "ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    "Số: 12/KH-UBND", "Số:    /QĐ-UBND", "Lâm Đồng, ngày 05 tháng 3 năm 2025", "KẾ HOẠCH", "QUYẾT ĐỊNH",
    "V/v triển khai", "Kính gửi: Sở Nội vụ", "Nơi nhận:", "- Như trên;", "- Lưu: VT, VP.", "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A", "./.", "Phụ lục I", "DỰ THẢO", "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Số 12-KH/TU", "Các từ viết tắt: UBND - Ủy ban nhân dân", "¹ Chú thích", "[^1]: ghi chú", "# Tiêu đề",
    "| a | b |", "|---|---|", "\f",
])
_LINE = st.one_of(_LINES, st.text(_ALPHABET, max_size=120), st.builds(lambda a, b: a + " " + b, _LINES,
                                                                        st.text(_ALPHABET, max_size=40)))


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_RPR = st.sampled_from(["", "<w:rPr><w:b/></w:rPr>", '<w:rPr><w:sz w:val="26"/></w:rPr>',
                        '<w:rPr><w:sz w:val="-3"/><w:caps/></w:rPr>',
                        '<w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr>',
                        '<w:rPr><w:rFonts w:asciiTheme="minorHAnsi"/><w:i w:val="0"/></w:rPr>',
                        '<w:rPr><w:rStyle w:val="X"/><w:vanish/></w:rPr>'])
_PPR = st.sampled_from(["", '<w:pPr><w:jc w:val="center"/></w:pPr>', '<w:pPr><w:pStyle w:val="A"/></w:pPr>',
                        '<w:pPr><w:spacing w:line="-1" w:before="x"/><w:ind w:firstLine="567"/></w:pPr>',
                        '<w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="x"/><w:pgMar w:top="-1"/></w:sectPr></w:pPr>'])
_EXTRA = st.sampled_from(["", '<w:r><w:br w:type="page"/></w:r>', '<w:r><w:footnoteReference w:id="1"/></w:r>',
                          '<w:r><w:tab/></w:r>', '<w:del><w:r><w:delText>xoá</w:delText></w:r></w:del>',
                          '<w:ins><w:r><w:t>thêm</w:t></w:r></w:ins>',
                          '<w:hyperlink><w:r><w:t>link</w:t></w:r></w:hyperlink>',
                          '<w:r><w:drawing><wp:inline><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>'
                          '<w:p><w:r><w:t>hộp</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData>'
                          '</a:graphic></wp:inline></w:drawing></w:r>'])


@st.composite
def _paragraph(draw) -> str:
    runs = "".join(f'<w:r>{draw(_RPR)}<w:t xml:space="preserve">{_esc(t)}</w:t></w:r>'
                   for t in draw(st.lists(_LINE, min_size=0, max_size=3)))
    return f"<w:p>{draw(_PPR)}{runs}{draw(_EXTRA)}</w:p>"


def _block(depth: int):
    if depth <= 0:
        return _paragraph()
    table = st.lists(st.lists(st.lists(_block(depth - 1), min_size=1, max_size=2), min_size=1, max_size=3),
                     min_size=1, max_size=3).map(
        lambda rows: "<w:tbl>" + "".join("<w:tr>" + "".join(f"<w:tc>{''.join(c)}</w:tc>" for c in row) + "</w:tr>"
                                         for row in rows) + "</w:tbl>")
    sdt = st.lists(_block(depth - 1), max_size=2).map(lambda b: f"<w:sdt><w:sdtContent>{''.join(b)}</w:sdtContent></w:sdt>")
    return st.one_of(_paragraph(), _paragraph(), table, sdt)


_STYLES = st.sampled_from([
    None,
    f'<w:styles {W_NS}><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="28"/></w:rPr></w:rPrDefault>'
    f'</w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"/></w:styles>',
    f'<w:styles {W_NS}><w:style w:styleId="A"><w:basedOn w:val="A"/></w:style></w:styles>',
    f'<w:styles {W_NS}><w:style w:styleId="A"><w:basedOn w:val="B"/></w:style>'
    f'<w:style w:styleId="B"><w:basedOn w:val="A"/><w:rPr><w:sz w:val="x"/></w:rPr></w:style></w:styles>',
    "<not-xml",
])


@st.composite
def docx_documents(draw) -> tuple[bytes, str]:
    body = "".join(draw(st.lists(_block(2), max_size=25)))
    body += draw(st.sampled_from(["", '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
                                      '<w:pgMar w:top="1134" w:left="1701" w:right="1134" w:bottom="1134"/></w:sectPr>',
                                  '<w:sectPr><w:headerReference w:type="default" r:id="rId9"/></w:sectPr>']))
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS}><w:body>{body}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", doc)
        styles = draw(_STYLES)
        if styles:
            z.writestr("word/styles.xml", styles)
        if draw(st.booleans()):
            fn = "".join(draw(st.lists(_paragraph(), max_size=3)))
            z.writestr("word/footnotes.xml", f'<w:footnotes {W_NS}><w:footnote w:id="1">{fn}</w:footnote></w:footnotes>')
    return out.getvalue(), draw(st.sampled_from(["doc.docx", "du thao.docx"]))


@st.composite
def text_documents(draw) -> tuple[bytes, str]:
    lines = draw(st.lists(_LINE, max_size=40))
    sep = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = sep.join(lines)
    enc = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1258"]))
    data = text.encode(enc, errors="replace")
    return data, draw(st.sampled_from(["doc.txt", "doc.md"]))


documents = st.one_of(docx_documents(), text_documents())
