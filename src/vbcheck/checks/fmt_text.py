"""Run- and paragraph-level formatting checks: VB303 (font family), VB304 (font size per part),
VB305 (case, bold, italic per part), VB306 (body paragraphs), VB308 (colour).

Each size and style check reads the part the anatomy labelled (the Quốc hiệu's own range, not
the whole header cell; the body's paragraphs, not the header's) and the *effective* formatting
from `vbcheck.ooxml.styles`. Whitespace-only and hidden runs are ignored. Deviations on consecutive
paragraphs merge into one finding that names the last paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..anatomy.patterns import F_NOI_NHAN
from ..catalogue.loader import rule
from ..core.fix import Edit
from ..core.model import Paragraph, Zone
from ..core.rule import check
from ..ooxml import styles
from ..text.letters import fold_same_length, is_upper
from .fmt_common import Spans, fmt_num, fmt_range, outside, profile_table, run_edits, settings, tol, word

_ALNUM = re.compile(r"\w")
_VISIBLE = re.compile(r"\S")


# --------------------------------------------------------------------------- parts


def _hit_ranges(hit) -> list[tuple[Paragraph, int, int]]:
    """(paragraph, start, end) pieces of a Hit that may wrap onto following paragraphs."""
    if hit is None:
        return []
    out = [(hit.para, hit.start, hit.end)]
    if hit.last is not None and hit.last is not hit.para:
        out.append((hit.last, 0, len(hit.last.text)))
    return out


def _is_parent_pair(first: str, nxt: str) -> bool:
    cfg = settings()["parent"]
    a, b = first.strip().upper(), nxt.strip().upper()
    return any(a.startswith(x) for x in cfg["first"]) and any(b.startswith(x) for x in cfg["next"])


def parts(doc, ctx, fm) -> list[tuple[str, Paragraph, int, int]]:
    """(part key, paragraph, start, end) for every labelled part, in reading order."""
    an = ctx.anatomy
    out: list[tuple[str, Paragraph, int, int]] = []

    def add_hit(key, hit):
        out.extend((key, p, s, e) for p, s, e in _hit_ranges(hit))

    add_hit("quoc_hieu", an.quoc_hieu)
    add_hit("tieu_ngu", an.tieu_ngu)
    add_hit("party_title", an.party_title)
    lines = list(an.issuer)
    for k, p in enumerate(lines):
        key = "issuer"
        if k < len(lines) - 1:
            bold = _all(fm, p, 0, len(p.text), lambda f: f.bold)
            if bold is False or _is_parent_pair(p.text, lines[k + 1].text):
                key = "parent"
        out.append((key, p, 0, len(p.text)))
    add_hit("so", an.so)
    add_hit("date", an.date_line)
    if an.vv:
        start = an.vv_hit.start if an.vv_hit is not None else 0
        for k, p in enumerate(an.vv):
            out.append(("vv", p, start if k == 0 else 0, len(p.text)))
    if an.title is not None:
        out.append(("title", an.title, 0, len(an.title.text)))
    for p in an.trich_yeu:
        out.append(("vv" if an.is_cong_van else "trich_yeu", p, 0, len(p.text)))
    for p in an.kinh_gui:
        out.append(("kinh_gui", p, 0, len(p.text)))
    for p in an.body:
        if p.zone == Zone.BODY and p.table is None and p.kind == "p":
            out.append(("body", p, 0, len(p.text)))
    name = an.sig_name
    for p in an.sig_prefixes:
        if name is not None and name.para is p:
            out.append(("sig_prefix", p, 0, name.start))
        else:
            out.append(("sig_prefix", p, 0, len(p.text)))
    for p in an.sig_titles:
        if p in an.sig_prefixes:
            continue
        end = name.start if name is not None and name.para is p else len(p.text)
        out.append(("sig_title", p, 0, end))
    add_hit("sig_name", name)
    if an.noi_nhan_label is not None:
        p = an.noi_nhan_label
        m = F_NOI_NHAN.match(fold_same_length(p.text))
        end = m.end() if m else len(p.text)
        out.append(("noi_nhan_label", p, 0, end))
    for h in an.noi_nhan_items:
        out.append(("noi_nhan_items", h.para, h.start, h.end))
    return [x for x in out if x[3] > x[2]]


def _all(fm, p, start, end, pred) -> bool | None:
    """True/False when every / not every visible run with letters or digits satisfies `pred`;
    None when there is no such run."""
    judged = fm.judged(p, start, end)
    if not judged:
        return None
    for _r, f, _text in judged:
        if not pred(f):
            return False
    return True


def _offenders(fm, p, start, end, bad, seen=_ALNUM) -> tuple[int, int, list] | None:
    """The stretch [first bad run start, last bad run end) and the bad formats, or None; runs
    without a character `seen` matches are not judged."""
    s = e = None
    found = []
    # The runs with a letter or digit are listed once per paragraph (styles.Formatting.judged).
    runs = fm.judged(p, start, end) if seen is _ALNUM else [x for x in fm.runs(p, start, end) if seen.search(x[2])]
    for r, f, text in runs:
        if bad(f):
            rs, re_ = max(r.start, start), min(r.end, end)
            s = rs if s is None else s
            e = re_
            found.append((f, len(text)))
    if s is None:
        return None
    return s, e, found


# --------------------------------------------------------------------------- VB303, VB308


_TNR = re.compile(r"^\s*times\s*new\s*roman\b", re.I)
TNR = "Times New Roman"
_LEGACY = re.compile(r"^\s*(?:\.vn|vni)", re.I)  # TCVN3 and VNI fonts (VB001)


@lru_cache(maxsize=256)  # a document names a handful of fonts
def _is_tnr(name: str) -> bool:
    return bool(_TNR.match(name or ""))


def _both_allowed(f, symbols: set[str], known: dict) -> bool:
    """Whether both fonts font_for() can name for a run (ascii, hAnsi) are allowed.

    Speed trick, in one place: a run whose two fonts are allowed has no wrong font whatever its
    text, so VB303 does not search its text; the verdict on a pair is kept in `known` (a document
    names a handful). tests/test_reader_tricks.py proves the findings are those of VB303 testing
    every run's text (this function always False)."""
    pair = (f.font_ascii, f.font_hansi)
    ok = known.get(pair)
    if ok is None:
        ok = known[pair] = all(_is_tnr(x) or x.lower() in symbols for x in pair)
    return ok


@check(rule("VB303"))
def font_family(doc, ctx):
    fm = ctx.formatting
    symbols = {s.lower() for s in settings()["fonts"]["symbol"]}
    spans = Spans(ctx, "VB303")
    allowed: dict[tuple[str, str], bool] = {}  # _both_allowed's verdicts, for this document
    for p in doc.paragraphs:
        if not fm.measurable(p):
            continue
        spans.checked(p)
        counts: Counter | None = None  # made for the few paragraphs with a wrong font
        s = e = None
        bad = []
        for r, f, text in fm.runs(p):
            if _both_allowed(f, symbols, allowed):
                continue
            wrong = [x for x in f.font_for(text) if not _is_tnr(x) and x.lower() not in symbols]
            if wrong:
                if counts is None:
                    counts = Counter()
                counts[wrong[0]] += len(text)
                s = r.start if s is None else s
                e = r.end
                if not any(_LEGACY.match(x) for x in wrong):  # VB001's fix converts those first
                    bad.append((r.start, r.end))
        if counts:
            font = counts.most_common(1)[0][0]
            # Unsafe: the font may be a house choice or a legacy font whose text needs VB001's
            # conversion first.
            spans.add(p, s, e, group=font, font=font, edits=run_edits(p, bad, font=TNR) if bad else ())
    yield from spans.findings()


def _label(key: str, lang: str) -> str:
    return word("parts", key, lang)


@check(rule("VB304"))
def font_size(doc, ctx):
    fm = ctx.formatting
    sizes = profile_table(ctx)["sizes"]
    slack = tol("size_pt")
    spans = Spans(ctx, "VB304")
    for key, p, start, end in parts(doc, ctx, fm):
        if key not in sizes:
            continue
        lo, hi = sizes[key]
        if _all(fm, p, start, end, lambda f: True) is None:
            continue  # nothing measurable ("*", a rule of dashes)
        spans.checked(p)
        hit = _offenders(fm, p, start, end, lambda f: outside(f.size, lo, hi, slack))
        if not hit:
            continue
        s, e, found = hit
        by_size: Counter = Counter()
        for f, n in found:
            by_size[round(f.size * 2) / 2] += n
        value = by_size.most_common(1)[0][0]
        # Unsafe: each offending run to the nearest size the part allows.
        edits = []
        for r, f, _text in fm.judged(p, start, end):
            if outside(f.size, lo, hi, slack):
                edits += run_edits(p, [(max(r.start, start), min(r.end, end))], size=lo if f.size < lo else hi)
        spans.add(p, s, e, group=(key, value), part=_label(key, ctx.lang), value=fmt_num(value, ctx.lang, 1),
                  expected=fmt_range(lo, hi, ctx.lang), edits=edits)
    yield from spans.findings()


# --------------------------------------------------------------------------- VB305


@check(rule("VB305"))
def font_style(doc, ctx):
    fm = ctx.formatting
    part_styles = profile_table(ctx)["styles"]
    spans = Spans(ctx, "VB305")
    for key, p, start, end in parts(doc, ctx, fm):
        want = part_styles.get(key)
        if not want or _all(fm, p, start, end, lambda f: True) is None:
            continue
        spans.checked(p)
        checks = []
        if want.get("upper") and key != "quoc_hieu":  # VB102 owns the Quốc hiệu's letters
            checks.append(("not_upper", None))
        for attr, yes, no in (("bold", "not_bold", "bold"), ("italic", "not_italic", "italic"),
                              ("underline", "not_underlined", None)):
            if attr in want:
                if want[attr]:
                    checks.append((yes, lambda f, a=attr: not _has(f, a)))
                elif no:
                    checks.append((no, lambda f, a=attr: getattr(f, a)))
        for problem, bad in checks:
            if problem == "not_upper":
                shown = "".join(styles.rendered(t, f) for _r, f, t in fm.runs(p, start, end))
                if shown and any(c.isalpha() for c in shown) and not is_upper(shown):
                    spans.add(p, start, end, problem, group=key, part=_label(key, ctx.lang),
                              text=_excerpt(p.text[start:end]))
                continue
            hit = _offenders(fm, p, start, end, bad)
            if hit:
                s, e, _found = hit
                spans.add(p, s, e, problem, group=key, part=_label(key, ctx.lang),
                          text=_excerpt(p.text[start:end]), edits=_style_edits(fm, p, start, end, problem, bad))
    yield from spans.findings()


# The direct formatting that settles each VB305 problem (capitals have none: typing them is a
# text change, and All Caps would hide the real letters).
_STYLE_FIX = {"not_bold": {"bold": True}, "bold": {"bold": False}, "not_italic": {"italic": True},
              "italic": {"italic": False}, "not_underlined": {"underline": True}}


def _style_edits(fm, p, start, end, problem, bad) -> list:
    fmt = _STYLE_FIX.get(problem)
    if fmt is None:
        return []
    ranges = [(max(r.start, start), min(r.end, end)) for r, f, text in fm.judged(p, start, end) if bad(f)]
    return run_edits(p, ranges, **fmt)


def _has(f, attr: str) -> bool:
    """Bold or italic, counting a face that carries it in its name ("Times New Roman Bold",
    which Word writes for text made bold through the font list)."""
    if getattr(f, attr):
        return True
    word_ = {"bold": "bold", "italic": "italic"}.get(attr)
    return bool(word_) and any(word_ in (name or "").lower() for name in (f.font_ascii, f.font_hansi))


def _excerpt(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


# --------------------------------------------------------------------------- VB306


def _line_value(pf, size: float, single: float) -> tuple[float | None, float | None]:
    """(in lines, in points) of a paragraph's line spacing."""
    if pf.line is None:
        return 1.0, single * size
    if pf.line_rule == "auto":
        lines = pf.line / 240
        return lines, lines * single * size
    return None, pf.line / 20


def _line_shown(pf, lang: str) -> str:
    """A paragraph's line spacing as the message shows it ("1,5 dòng", "chính xác 17 pt")."""
    if pf.line is None:
        return f"1 {word('line_rule', 'lines', lang)}"
    if pf.line_rule == "auto":
        return f"{fmt_num(pf.line / 240, lang)} {word('line_rule', 'lines', lang)}"
    label = word("line_rule", "exact" if pf.line_rule == "exact" else "at_least", lang)
    return f"{label} {fmt_num(pf.line / 20, lang, 1)} pt"


@check(rule("VB306"))
def body_paragraph(doc, ctx):
    fm = ctx.formatting
    cfg = profile_table(ctx)["body"]
    lang = ctx.lang
    # Prose paragraphs: body text outside tables, not centred or right-aligned (headings, the
    # lines of an appendix title), with something to measure.
    # A paragraph the anatomy split at line breaks (w:br) or tab columns is judged once, by its
    # first piece, with the length of all its pieces.
    body: list[Paragraph] = []
    formats = []  # fm.para() of each paragraph of `body`, looked up once
    length: dict[int, int] = {}
    for p in ctx.anatomy.body:
        if p.zone != Zone.BODY or p.table is not None or p.kind != "p":
            continue
        if body and body[-1].line == p.line:
            length[id(body[-1])] += len(p.text)
            continue
        pf = fm.para(p)
        if pf.jc in ("center", "right") or not fm.measurable(p):
            continue
        body.append(p)
        formats.append(pf)
        length[id(p)] = len(p.text)
    min_chars = int(cfg.get("justify_min_chars", 100))
    single = float(cfg.get("single_line", 1.15))
    ratio_slack = tol("line_ratio")
    # One merger per aspect, so that a short heading between two long paragraphs (not judged for
    # alignment) does not split a run of left-aligned paragraphs into two findings.
    justify, indent, spacing, line = (Spans(ctx, "VB306") for _ in range(4))
    # Thresholds and their wording, the same for every paragraph.
    indent_lo, indent_hi = cfg["indent_cm"]
    indent_slack, indent_range = tol("indent_cm"), fmt_range(indent_lo, indent_hi, lang)
    minimum = float(cfg["spacing_min_pt"])
    spacing_slack, minimum_shown = tol("spacing_pt"), fmt_num(minimum, lang)
    for k, p in enumerate(body):
        pf = formats[k]
        prose = length[id(p)] >= min_chars and not pf.numbered
        # Alignment and first-line indent: paragraphs long enough to wrap, not numbered lists.
        if prose:
            justify.checked(p)
            if pf.jc == "left":
                justify.add(p, 0, 0, "justify", group="left", align=word("align", "left", lang),
                            edits=[Edit.format_paragraph(p, jc="both")])
            indent.checked(p)
            cm = fm.first_line_twips(p) / 567
            if outside(cm, indent_lo, indent_hi, indent_slack):
                shown = fmt_num(cm, lang)
                target = int(round((indent_lo if cm < indent_lo else indent_hi) * 567))
                indent.add(p, 0, 0, "indent", group=shown, value=shown, expected=indent_range,
                           edits=[Edit.format_paragraph(p, first_line=target)])
        # Space to the next body paragraph (after + next before; contextual spacing honoured;
        # an empty paragraph between them is a blank line, enough).
        nxt = body[k + 1] if k + 1 < len(body) else None
        if nxt is not None and nxt.line == p.line + 1 and not nxt.gap_before:
            spacing.checked(p)
            nf = formats[k + 1]
            same = pf.style == nf.style
            after = 0.0 if (pf.contextual and same) else pf.after
            before = 0.0 if (nf.contextual and same) else nf.before
            gap = styles.pt(after + before)
            if gap < minimum - spacing_slack:
                shown = fmt_num(gap, lang, 1)
                spacing.add(p, 0, 0, "spacing", group=shown, value=shown, expected=minimum_shown)
        # Line spacing.
        line.checked(p)
        size = fm.dominant_size(p)
        lines, points = _line_value(pf, size, single)
        if "line_pt" in cfg:
            lo, hi = cfg["line_pt"]
            if points is not None and pf.line_rule == "atLeast":
                points = max(points, single * size)
            if points is not None and outside(points, lo, hi, tol("spacing_pt")):
                shown = _line_shown(pf, lang)
                line.add(p, 0, 0, "line_pt", group=shown, value=shown, expected=fmt_range(lo, hi, lang))
        else:
            lo, hi = cfg["line"]
            if lines is None and points is not None:
                lines = points / (single * size)
                if pf.line_rule == "atLeast":
                    lines = max(lines, 1.0)
            if lines is not None and (lines < lo * (1 - ratio_slack) or lines > hi * (1 + ratio_slack)):
                shown = _line_shown(pf, lang)
                line.add(p, 0, 0, "line", group=shown, value=shown)
    for sp in (justify, indent, spacing, line):
        yield from sp.findings()


def _tint_words(theme, lang: str) -> str:
    """", 40% lighter" from w:themeTint 99, ", 25% darker" from w:themeShade BF (as Word's colour
    picker names them)."""
    _name, tint, shade = theme
    out = ""
    for byte, vi, en in ((tint, "sáng hơn", "lighter"), (shade, "tối hơn", "darker")):
        try:
            pct = round((1 - int(byte, 16) / 255) * 100) if byte else 0
        except ValueError:
            pct = 0
        if pct:
            out += f", {vi} {pct}%" if lang != "en" else f", {pct}% {en}"
    return out


@check(rule("VB308"))
def font_color(doc, ctx):
    fm = ctx.formatting
    spans = Spans(ctx, "VB308")
    for p in doc.paragraphs:
        if not fm.measurable(p):
            continue
        spans.checked(p)
        # Any visible character counts: a red full stop in a black sentence shows red (a size or a
        # font is judged on letters only).
        hit = _offenders(fm, p, 0, len(p.text), lambda f: not styles.is_black(f.color), seen=_VISIBLE)
        if hit:
            s, e, found = hit
            color, theme = Counter((f.color, f.color_theme) for f, _n in found).most_common(1)[0][0]
            ranges = [(r.start, r.end) for r, f, text in fm.runs(p) if _VISIBLE.search(text) and not styles.is_black(f.color)]
            edits = run_edits(p, ranges, color="000000")
            if theme is None:
                spans.add(p, s, e, group=color, color=color, edits=edits)
            else:  # a theme colour: what Word shows, whatever the cached w:val says
                spans.add(p, s, e, "theme", group=(color, theme), color=color, theme=theme[0],
                          shade=_tint_words(theme, ctx.lang), edits=edits)
    yield from spans.findings()


# --------------------------------------------------------------------------- VB304
