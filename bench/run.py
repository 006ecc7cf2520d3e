"""vbcheck benchmark: the XML-parse floor, python-docx, and vbcheck, per document size.

    python bench/run.py [--corpus ../shared/corpus] [--repeat 5] [--quick]

Builds a benchmark set in bench/out/ (never in the corpus): the corpus .docx files as they are,
plus generated documents of 2, 20, 200 and 500 pages made from real corpus text (header table,
body paragraphs, closing table, as a clerk's draft would have). For each it reports medians of:
- floor: open the zip and parse word/document.xml once with lxml (the physical minimum);
- python-docx: `docx.Document(path)`;
- vbcheck: the full check (read, anatomy, every rule) through the library;
and the ratio of vbcheck to the floor ("+text": the floor plus pulling each paragraph's text out
with lxml, the least any text rule needs; "read": vbcheck's reader alone), where the time of one
full check goes on the 200-page document, with the cost of one pass of one pattern for scale.
Only vbcheck's built-in rules run (VBCHECK_LOAD_PLUGINS=""). Then cold start of
`vbcheck --version` and of a one-file run, and the throughput of a batch run over the corpus with
-j 1 and -j N, and of a re-run over unchanged files with --cache.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
PARAS_PER_PAGE = 9  # ~ justified 14 pt paragraphs of ~60 words on an A4 page

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _p(text: str, bold: bool = False, size: int = 28, jc: str = "both") -> str:
    rpr = f'<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/></w:rPr>'
    return f'<w:p><w:pPr><w:jc w:val="{jc}"/></w:pPr><w:r>{rpr}<w:t xml:space="preserve">{_esc(text)}</w:t></w:r></w:p>'


def _cell(*paras: str) -> str:
    return "<w:tc>" + "".join(paras) + "</w:tc>"


def body_texts(corpus: Path) -> list[str]:
    """Real body sentences from the corpus texts (long lines, no header material)."""
    out = []
    for f in sorted((corpus / "text").glob("*.txt")):
        for line in f.read_text("utf-8").splitlines():
            line = line.strip()
            if len(line) > 120 and "|" not in line and "   " not in line:
                out.append(line)
    return out or ["Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về cải cách hành chính năm 2026."]


def make_docx(pages: int, texts: list[str]) -> bytes:
    header = (
        "<w:tbl>"
        + "<w:tr>" + _cell(_p("ỦY BAN NHÂN DÂN", size=26, jc="center"), _p("TỈNH LÂM ĐỒNG", True, 26, "center"),
                           _p("Số: 15/KH-UBND", size=26, jc="center"))
        + _cell(_p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, 26, "center"),
                _p("Độc lập - Tự do - Hạnh phúc", True, 28, "center"),
                _p("Lâm Đồng, ngày 05 tháng 3 năm 2026", size=28, jc="center"))
        + "</w:tr></w:tbl>"
    )
    title = _p("KẾ HOẠCH", True, 28, "center") + _p("Tuyên truyền cải cách hành chính năm 2026", True, 28, "center")
    n = max(1, pages * PARAS_PER_PAGE)
    body = "".join(_p(texts[i % len(texts)]) for i in range(n - 1)) + _p("Trên đây là Kế hoạch của Ủy ban nhân dân tỉnh./.")
    closing = (
        "<w:tbl><w:tr>"
        + _cell(_p("Nơi nhận:", True, 24, "left"), _p("- Các sở, ngành;", size=22, jc="left"), _p("- Lưu: VT, NC.", size=22, jc="left"))
        + _cell(_p("TM. ỦY BAN NHÂN DÂN", True, 28, "center"), _p("CHỦ TỊCH", True, 28, "center"), _p("Nguyễn Văn An", True, 28, "center"))
        + "</w:tr></w:tbl>"
    )
    sect = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/></w:sectPr>'
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{header}{title}{body}{closing}{sect}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", doc)
    return buf.getvalue()


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def floor(path: Path) -> None:
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        etree.fromstring(z.read("word/document.xml"))


def text_floor(path: Path) -> None:
    """The floor plus the least any text rule needs: each paragraph's text, pulled out by lxml in
    C (`itertext`), with no model, no positions, no formatting and no rule."""
    from lxml import etree

    w = "{%s}" % W
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    [("".join(p.itertext(w + "t"))) for p in root.iter(w + "p")]


def vbcheck_read(path: Path) -> None:
    from vbcheck import engine

    engine.read(str(path), path.read_bytes())


def python_docx(path: Path) -> None:
    import docx

    docx.Document(str(path))


def vbcheck_full(path: Path) -> None:
    import vbcheck

    r = vbcheck.check(path)
    assert r.files[0].error is None, r.files[0].error


def breakdown(path: Path, repeat: int) -> None:
    """Where the time of one full check goes: the reader, the anatomy and each check (medians;
    checks under 1 ms are summed as "other checks")."""
    from vbcheck import engine
    from vbcheck.anatomy import analyse

    data = path.read_bytes()
    opts = engine.Options()
    parts: dict[str, list[float]] = {}

    def add(name: str, seconds: float) -> None:
        parts.setdefault(name, []).append(seconds * 1000)

    for _ in range(repeat):
        t = time.perf_counter()
        doc = engine.read(str(path), data)
        add("reader", time.perf_counter() - t)
        t = time.perf_counter()
        anatomy = analyse(doc, opts.profile, str(path))
        add("anatomy", time.perf_counter() - t)
        ctx = engine.Context(doc, anatomy, opts, engine.all_rules())
        for chk in engine.all_checks():
            t = time.perf_counter()
            list(chk(doc, ctx) or ())
            add(f"check {chk.__module__.rsplit('.', 1)[-1]}.{chk.__name__}", time.perf_counter() - t)
    med = {k: statistics.median(v) for k, v in parts.items()}
    other = sum(v for k, v in med.items() if k.startswith("check") and v < 1.0)
    rows = sorted(((k, v) for k, v in med.items() if not (k.startswith("check") and v < 1.0)), key=lambda kv: -kv[1])
    if other:
        rows.append(("other checks", other))
    f = median_time(lambda: floor(path), repeat) * 1000
    print(f"where the time goes on {path.name} (floor {f:.1f} ms):")
    for k, v in rows:
        print(f"  {k:<40} {v:>8.1f} ms {v / f:>7.2f} × floor")
    # For scale: what one pass of one simple compiled pattern over the same text costs in
    # Python's `re`, words collected in C (every text rule makes at least one such pass).
    import re

    text = "\n".join(p.text for p in doc.paragraphs)
    word = re.compile(r"[^\W\d_]+")
    one = median_time(lambda: word.findall(text), repeat) * 1000
    print(f"  for scale: one `re` pass over its {len(text):,} characters {one:>8.1f} ms {one / f:>7.2f} × floor")


def command_time(cmd: list[str], repeat: int) -> float:
    """Median wall time of a fresh process, with Python's bytecode cached as after `pip install`
    (some machines set PYTHONDONTWRITEBYTECODE, which would time compiling every module)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")  # kept out of the source tree

    def run() -> None:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)

    run()  # writes the bytecode cache
    return median_time(run, repeat)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="fewer sizes and repeats (smoke run)")
    args = ap.parse_args()
    # vbcheck's own rules only: a third-party plugin installed beside it (the test suite installs
    # an example one) is not vbcheck's cost. Child processes inherit this.
    os.environ.setdefault("VBCHECK_LOAD_PLUGINS", "")
    OUT.mkdir(exist_ok=True)
    texts = body_texts(args.corpus) if args.corpus.is_dir() else body_texts(ROOT)
    sizes = [2, 20] if args.quick else [2, 20, 200, 500]
    repeat = 2 if args.quick else args.repeat
    files: list[tuple[str, Path]] = []
    for pages in sizes:
        p = OUT / f"generated-{pages}p.docx"
        p.write_bytes(make_docx(pages, texts))
        files.append((f"{pages} pages", p))
    corpus_docx = sorted((args.corpus / "docx").glob("*.docx")) if args.corpus.is_dir() else []

    import vbcheck  # warm imports so that per-document figures exclude start-up

    vbcheck.check(files[0][1])
    try:
        python_docx(files[0][1])
        have_docx = True
    except ImportError:
        have_docx = False

    print(f"vbcheck {vbcheck.__version__} benchmark — medians of {repeat} runs, Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print()
    print(f"{'document':<42} {'KB':>6} {'floor ms':>9} {'+text ms':>9} {'python-docx':>12} {'read ms':>8}"
          f" {'vbcheck ms':>11} {'× floor':>8}")
    rows = []
    for label, path in files + [(f"corpus: {p.name[:34]}", p) for p in corpus_docx]:
        f = median_time(lambda: floor(path), repeat) * 1000
        t = median_time(lambda: text_floor(path), repeat) * 1000
        d = median_time(lambda: python_docx(path), repeat) * 1000 if have_docx else float("nan")
        r = median_time(lambda: vbcheck_read(path), repeat) * 1000
        v = median_time(lambda: vbcheck_full(path), repeat) * 1000
        rows.append((label, v / f))
        print(f"{label:<42} {path.stat().st_size // 1024:>6} {f:>9.1f} {t:>9.1f} {d:>12.1f} {r:>8.1f} {v:>11.1f} {v / f:>8.2f}")
    corpus_ratios = [r for label, r in rows if label.startswith("corpus")]
    if corpus_ratios:
        print(f"{'corpus .docx median ratio':<42} {'':>6} {'':>9} {'':>9} {'':>12} {'':>8} {'':>11}"
              f" {statistics.median(corpus_ratios):>8.2f}")
    print()
    big = next((p for label, p in files if label == "200 pages"), files[-1][1])
    breakdown(big, repeat)
    print()
    exe = [sys.executable, "-m", "vbcheck"]
    print(f"cold start `vbcheck --version`: {command_time(exe + ['--version'], repeat) * 1000:.0f} ms")
    one = corpus_docx[0] if corpus_docx else files[0][1]
    print(f"cold one-file run ({one.name}): {command_time(exe + ['--fail-on', 'never', str(one)], repeat) * 1000:.0f} ms")
    if args.corpus.is_dir():
        targets = [str(args.corpus / "docx"), str(args.corpus / "text")]
        n = len(corpus_docx) + len(list((args.corpus / "text").glob("*.txt")))
        for jobs in ("1", str(os.cpu_count() or 2)):
            t = command_time(exe + ["--fail-on", "never", "-j", jobs] + targets, 1 if args.quick else 3)
            print(f"batch of {n} files with -j {jobs}: {t:.2f} s ({n / t:.0f} files/s)")
        import shutil

        cache = OUT / "cache"
        shutil.rmtree(cache, ignore_errors=True)  # command_time's first run fills it
        t = command_time(exe + ["--fail-on", "never", "-j", "1", "--cache-dir", str(cache)] + targets,
                         1 if args.quick else 3)
        print(f"batch of {n} unchanged files re-run with --cache: {t:.2f} s ({n / t:.0f} files/s)")


if __name__ == "__main__":
    main()
