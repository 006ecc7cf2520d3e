"""vbcheck benchmark: a full check against the honest floor, as paired ratios.

    python bench/run.py [--corpus ../shared/corpus] [--rounds 9] [--quick]

Documents: the corpus .docx files as they are, and generated drafts of 2 to 1,000 pages made from
real corpus sentences on the package of a compliant model (styles, settings, header with the page
number: the parts a real draft has). Built in bench/out/, never in the corpus.

Measured in rounds. In each round every document is timed back to back in a rotating order:
- xml floor: open the zip and parse word/document.xml once with lxml;
- parts floor: open the zip, parse every part a full check reads once (document, styles,
  numbering, settings, theme, headers, footers, footnotes, comments, relationships) and pull each
  paragraph's text out with lxml in C: what any checker that reads all it must cannot go below;
- read: vbcheck's reader alone; full: the whole check (read, anatomy, every built-in rule);
- python-docx: `docx.Document(path)`, for comparison.
Each round gives ratios (full / parts floor, full / xml floor); the report gives the median of the
per-round ratios, which a busy machine moves far less than medians of separately timed loops.
Then: where the time of one check goes; time against size (the slope of log time on log pages,
20 to 1,000 pages: 1.0 is linear); peak memory of a full check of 500 pages against a process that
only parses its parts; cold starts as paired ratios to a bare `python -c pass` (bytecode cached)
with the heaviest imports from `-X importtime`; a batch over the corpus with -j 1 and -j N and a
re-run with --cache. Only vbcheck's built-in rules run (VBCHECK_LOAD_PLUGINS="").
"""

from __future__ import annotations

import argparse
import io
import math
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
MODEL = ROOT / "rules" / "examples" / "ke-hoach.docx"  # the package around a generated body

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


# --------------------------------------------------------------------------- documents


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
    """A kế hoạch of `pages` pages: header table, title, body, closing table, in the package of
    the compliant model (its styles, settings, header parts and relationships)."""
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
    sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rIdPg1"/><w:headerReference w:type="first" r:id="rIdPg2"/>'
            '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/>'
            "<w:titlePg/></w:sectPr>")
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="{R}">'
           f"<w:body>{header}{title}{body}{closing}{sect}</w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(MODEL) as model, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in model.infolist():
            z.writestr(info.filename, doc if info.filename == "word/document.xml" else model.read(info))
    return buf.getvalue()


# --------------------------------------------------------------------------- what is timed


def xml_floor(path: Path) -> None:
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        etree.fromstring(z.read("word/document.xml"))


def _read_parts(name: str) -> bool:
    """The parts a full check reads: every WordprocessingML part, the theme, the relationships."""
    return name.startswith("word/") and name.endswith((".xml", ".rels"))


def parts_floor(path: Path) -> None:
    from lxml import etree

    w = "{%s}" % W
    with zipfile.ZipFile(path) as z:
        roots = {n: etree.fromstring(z.read(n)) for n in z.namelist() if _read_parts(n)}
    for name in ("word/document.xml", "word/footnotes.xml"):
        if name in roots:
            [("".join(p.itertext(w + "t"))) for p in roots[name].iter(w + "p")]


def vbcheck_read(path: Path) -> None:
    from vbcheck.engine import read

    read(str(path), path.read_bytes())


def vbcheck_full(path: Path) -> None:
    import vbcheck

    r = vbcheck.check(path)
    assert r.files[0].error is None, r.files[0].error


def python_docx(path: Path) -> None:
    import docx

    docx.Document(str(path))


def _timed(fn, path: Path) -> float:
    t = time.perf_counter()
    fn(path)
    return time.perf_counter() - t


def rounds(docs: list[tuple[str, Path]], n: int, variants: dict) -> dict[str, dict[str, list[float]]]:
    """Seconds per document and variant, `n` rounds; in each round the documents come in a
    rotated order and each document's variants run back to back, also rotated."""
    times: dict[str, dict[str, list[float]]] = {label: {v: [] for v in variants} for label, _ in docs}
    names = list(variants)
    for r in range(n):
        order = docs[r % len(docs):] + docs[: r % len(docs)]
        for label, path in order:
            k = r % len(names)
            for v in names[k:] + names[:k]:
                times[label][v].append(_timed(variants[v], path))
    return times


def ratio(times: dict[str, list[float]], num: str, den: str) -> float:
    """Median over rounds of the per-round ratio num/den."""
    return statistics.median(a / b for a, b in zip(times[num], times[den]))


def ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


# --------------------------------------------------------------------------- reports


def per_document(docs: list[tuple[str, Path]], n: int, have_docx: bool) -> None:
    variants = {"xml": xml_floor, "parts": parts_floor, "read": vbcheck_read, "full": vbcheck_full}
    if have_docx:
        variants["python-docx"] = python_docx
    times = rounds(docs, n, variants)
    print(f"{'document':<42} {'KB':>5} {'xml ms':>7} {'parts ms':>8} {'read ms':>8} {'full ms':>8}"
          f" {'py-docx':>8} {'full/parts':>10} {'full/xml':>9}")
    corpus = []
    for label, path in docs:
        t = times[label]
        fp, fx = ratio(t, "full", "parts"), ratio(t, "full", "xml")
        if label.startswith("corpus"):
            corpus.append((fp, fx))
        pd = f"{ms(t['python-docx']):>8.1f}" if have_docx else f"{'-':>8}"
        print(f"{label:<42} {path.stat().st_size // 1024:>5} {ms(t['xml']):>7.1f} {ms(t['parts']):>8.1f}"
              f" {ms(t['read']):>8.1f} {ms(t['full']):>8.1f} {pd} {fp:>10.2f} {fx:>9.2f}")
    if corpus:
        print(f"{'corpus .docx median of ratios':<42} {'':>5} {'':>7} {'':>8} {'':>8} {'':>8} {'':>8}"
              f" {statistics.median(c[0] for c in corpus):>10.2f} {statistics.median(c[1] for c in corpus):>9.2f}"
              f"  (range {min(c[0] for c in corpus):.2f}–{max(c[0] for c in corpus):.2f} × parts)")


def slope(texts: list[str], n: int) -> None:
    """Time against size: least-squares slope of log(full check) on log(pages)."""
    sizes = [20, 50, 100, 200, 500, 1000]
    docs = []
    for pages in sizes:
        p = OUT / f"generated-{pages}p.docx"
        if not p.exists():
            p.write_bytes(make_docx(pages, texts))
        docs.append((f"{pages}", p))
    times = rounds(docs, max(3, n // 3), {"full": vbcheck_full})
    xs = [math.log(s) for s in sizes]
    ys = [math.log(statistics.median(times[str(s)]["full"])) for s in sizes]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    per_page = statistics.median(times["1000"]["full"]) / 1000 * 1000
    print(f"time against size, 20 to 1,000 pages: slope {b:.3f} (1.0 = linear); {per_page:.2f} ms per page at 1,000 pages")


def breakdown(path: Path, n: int) -> None:
    """Where the time of one full check goes: the reader, the anatomy and each check (medians;
    checks under 1 ms are summed as "other checks"), in units of the parts floor."""
    from vbcheck.anatomy import analyse
    from vbcheck.checks.context import Context
    from vbcheck.engine import Options, all_checks, all_rules, read

    data = path.read_bytes()
    opts = Options()
    parts: dict[str, list[float]] = {}

    def add(name: str, seconds: float) -> None:
        parts.setdefault(name, []).append(seconds * 1000)

    floor_ms = []
    for _ in range(n):
        floor_ms.append(_timed(parts_floor, path) * 1000)
        t = time.perf_counter()
        doc = read(str(path), data)
        add("reader", time.perf_counter() - t)
        t = time.perf_counter()
        anatomy = analyse(doc, opts.profile, str(path))
        add("anatomy", time.perf_counter() - t)
        ctx = Context(doc, anatomy, all_rules(), stage=opts.stage, lang=opts.lang, config=opts.config)
        for chk in all_checks():
            t = time.perf_counter()
            list(chk(doc, ctx) or ())
            add(f"check {chk.__module__.rsplit('.', 1)[-1]}.{chk.__name__}", time.perf_counter() - t)
    med = {k: statistics.median(v) for k, v in parts.items()}
    other = sum(v for k, v in med.items() if k.startswith("check") and v < 1.0)
    rows = sorted(((k, v) for k, v in med.items() if not (k.startswith("check") and v < 1.0)), key=lambda kv: -kv[1])
    if other:
        rows.append(("other checks", other))
    f = statistics.median(floor_ms)
    print(f"where the time goes on {path.name} (parts floor {f:.1f} ms):")
    for k, v in rows:
        print(f"  {k:<40} {v:>8.1f} ms {v / f:>7.2f} × parts floor")


def memory(texts: list[str]) -> None:
    """Peak resident memory of a full check of 500 pages against a process that parses its parts."""
    p = OUT / "generated-500p.docx"
    if not p.exists():
        p.write_bytes(make_docx(500, texts))
    # The child's own peak: VmHWM of its address space. ru_maxrss survives fork and exec on Linux,
    # so a child of this (large) process would report this process's peak instead.
    code = ("import resource, sys, runpy; sys.argv=['bench']; sys.path.insert(0, {here!r});"
            "import run; run.{fn}(__import__('pathlib').Path({path!r}));"
            "hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')] "
            "if sys.platform == 'linux' else [];"
            "print(hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = {}
    for fn in ("parts_floor", "vbcheck_full"):
        proc = subprocess.run([sys.executable, "-c", code.format(here=str(HERE), fn=fn, path=str(p))],
                              capture_output=True, text=True)
        out[fn] = int(proc.stdout.split()[-1]) / 1024 if proc.returncode == 0 else float("nan")
    print(f"peak memory, 500 pages: full check {out['vbcheck_full']:.0f} MB, parsing its parts {out['parts_floor']:.0f} MB"
          f" ({out['vbcheck_full'] / out['parts_floor']:.2f} ×)")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")  # bytecode cached, as after `pip install`
    return env


def cold_start(ones: list[Path], n: int) -> None:
    """Paired ratios of fresh processes to a bare `python -c pass`, bytecode cached (and with it
    what the command line keeps beside the bytecode: the parsed packs, the compiled patterns)."""
    env = _env()
    cmds = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "vbcheck --version": [sys.executable, "-m", "vbcheck", "--version"],
    }
    for one in ones:
        cmds[f"one-file run ({one.name[:30]})"] = [sys.executable, "-m", "vbcheck", "--fail-on", "never", str(one)]
    for cmd in cmds.values():  # write the bytecode cache
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(n):
        for k, cmd in cmds.items():
            t = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            times[k].append(time.perf_counter() - t)
    base = times["python -c pass"]
    for k, t in times.items():
        r = statistics.median(a / b for a, b in zip(t, base))
        print(f"cold start {k:<45} {ms(t):>7.0f} ms {r:>6.2f} × python -c pass")
    for label, cmd in list(cmds.items())[1:]:
        proc = subprocess.run([cmd[0], "-X", "importtime", *cmd[1:]], capture_output=True, text=True, env=env)
        rows = []
        for line in proc.stderr.splitlines():
            parts = line.split("|")
            if len(parts) == 3 and parts[1].strip().isdigit():
                rows.append((int(parts[1]), parts[2].strip()))
        top = sorted(rows, reverse=True)[:5]
        print(f"  -X importtime, {label}: " + ", ".join(f"{name} {us / 1000:.0f} ms" for us, name in top))


def batch(corpus: Path, n: int) -> None:
    import shutil

    env = _env()
    exe = [sys.executable, "-m", "vbcheck", "--fail-on", "never"]
    targets = [str(corpus / "docx"), str(corpus / "text")]
    count = len(list((corpus / "docx").glob("*.docx"))) + len(list((corpus / "text").glob("*.txt")))

    def timed(cmd: list[str]) -> float:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        out = []
        for _ in range(n):
            t = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            out.append(time.perf_counter() - t)
        return statistics.median(out)

    for jobs in ("1", str(os.cpu_count() or 2)):
        t = timed(exe + ["-j", jobs] + targets)
        print(f"batch of {count} files with -j {jobs}: {t:.2f} s ({count / t:.0f} files/s)")
    cache = OUT / "cache"
    shutil.rmtree(cache, ignore_errors=True)  # the first, untimed run fills it
    t = timed(exe + ["-j", "1", "--cache-dir", str(cache)] + targets)
    print(f"batch of {count} unchanged files re-run with --cache: {t:.2f} s ({count / t:.0f} files/s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--rounds", type=int, default=9)
    ap.add_argument("--quick", action="store_true", help="fewer sizes and rounds (smoke run)")
    args = ap.parse_args()
    # vbcheck's own rules only: a third-party plugin installed beside it is not vbcheck's cost.
    os.environ.setdefault("VBCHECK_LOAD_PLUGINS", "")
    # The 1,000-page draft of the slope holds about 2.6 million characters, past the default
    # VBCHECK_MAX_CHARS (2 million) a user's file is refused at: the bench measures, not refuses.
    os.environ.setdefault("VBCHECK_MAX_CHARS", "10000000")
    OUT.mkdir(exist_ok=True)
    texts = body_texts(args.corpus) if args.corpus.is_dir() else body_texts(ROOT)
    n = 3 if args.quick else args.rounds
    docs: list[tuple[str, Path]] = []
    for pages in ([2, 20] if args.quick else [2, 20, 200, 500]):
        p = OUT / f"generated-{pages}p.docx"
        p.write_bytes(make_docx(pages, texts))
        docs.append((f"{pages} pages", p))
    corpus_docx = sorted((args.corpus / "docx").glob("*.docx")) if args.corpus.is_dir() else []
    for p in corpus_docx:  # labels unique: two files may share their first characters
        label = f"corpus: {p.stem[:34]}"
        while any(label == d[0] for d in docs):
            label += "'"
        docs.append((label, p))

    import vbcheck  # warm imports: per-document figures exclude start-up

    vbcheck.check(docs[0][1])
    try:  # as the command line does after start-up (engine/gcpolicy.py)
        from vbcheck.engine.gcpolicy import freeze_startup
    except ImportError:  # an older vbcheck
        pass
    else:
        freeze_startup()
    try:
        python_docx(docs[0][1])
        have_docx = True
    except ImportError:
        have_docx = False
    print(f"vbcheck {vbcheck.__version__} benchmark — {n} rounds, medians of per-round ratios, "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print()
    per_document(docs, n, have_docx)
    print()
    big = next((p for label, p in docs if label == "200 pages"), docs[-1][1])
    try:
        breakdown(big, n)
    except ImportError as e:  # an older vbcheck (the pre-refactor checkout) has no such layers
        print(f"where the time goes: not available in this vbcheck ({e})")
    print()
    if not args.quick:
        slope(texts, n)
        memory(texts)
        print()
    # The first corpus file (the 55 KB NĐ 30 decree) and the first report (báo cáo) of the corpus.
    ones = corpus_docx[:1] + [p for p in corpus_docx if "_bc_" in p.name][:1] if corpus_docx else [docs[0][1]]
    cold_start(ones, n)
    if args.corpus.is_dir():
        print()
        batch(args.corpus, 1 if args.quick else 3)


if __name__ == "__main__":
    main()
