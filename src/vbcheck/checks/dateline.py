"""VB110–VB112: địa danh và thời gian ban hành (NĐ 30 PL I mục II.4)."""

import re

from ..anatomy import View
from ..catalogue.loader import rule
from ..core.fix import Edit, Fix
from ..core.rule import check
from .header import first_paragraph
from .numbering import attached_document

_NUMERIC = re.compile(r"(?P<place>[^\W\d][^,\n]{1,50}?),?\s*+(?:ngày\s*+)?(?P<date>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})")


@check(rule("VB110"), rule("VB111"), rule("VB112"))
def dia_danh_thoi_gian(doc, ctx):
    an = ctx.anatomy
    hit = an.date_line
    if hit is None:
        if an.doc_type == "BB" or attached_document(an):
            return
        view = View(an.header) if an.header else None
        m = _NUMERIC.search(view.text) if view else None
        if m and not m.group("place").strip().startswith(("Số", "V/v")):
            yield ctx.at("VB111", view.hit(m, "date"), "numeric", text=m.group(0).strip())
            return
        where = an.header[-1] if an.header else first_paragraph(doc)
        yield ctx.missing("VB110", where, after=bool(an.header))
        return
    d, mth = hit.groups.get("d", "").strip(), hit.groups.get("m", "").strip()
    para = hit.para
    raw = hit.matched
    if not re.search(r"\d", d) or not re.search(r"\d", mth):
        yield ctx.at("VB112", hit, text=raw)
    if "," not in raw.split("ngày")[0] and "ngày" in raw:
        place = raw.split("ngày")[0].strip()
        i = para.text.find(place, hit.start)
        fix = Fix.safe(Edit.insert(para, i + len(place), ",")) if i >= 0 else None
        yield ctx.finding("VB111", para, i, i + len(place), "comma", place=place, fix=fix)
    if d.isdigit() and int(d) < 10 and not d.startswith("0"):
        yield _at_value(ctx, hit, "ngày", d, "day-zero", new=f"{int(d):02d}")
    if mth.isdigit():
        if int(mth) in (1, 2) and not mth.startswith("0"):
            yield _at_value(ctx, hit, "tháng", mth, "month-zero", new=f"{int(mth):02d}")
        elif 3 <= int(mth) <= 9 and mth.startswith("0"):
            yield _at_value(ctx, hit, "tháng", mth, "month-extra-zero", severity="info", value=int(mth),
                            new=str(int(mth)))
    y = hit.groups.get("y", "")
    if d.isdigit() and mth.isdigit() and y.isdigit():
        dd, mm, yy = int(d), int(mth), int(y)
        if not (1 <= mm <= 12) or not (1 <= dd <= days_in_month(yy, mm) if 1 <= mm <= 12 else False):
            yield ctx.at("VB111", hit, "invalid", text=raw)


def days_in_month(year: int, month: int) -> int:
    """`calendar.monthrange(year, month)[1]` for month 1-12, without importing calendar (and locale
    behind it) on every run (tests/test_fast_cli.py compares them)."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def _at_value(ctx, hit, word, raw, key, severity=None, new=None, **fmt):
    """Point at the number after `word` ("ngày 5"), which may sit on a wrapped line; `new`: what
    the number should read (the fix, made where the number was found)."""
    fmt.setdefault("value", raw)
    for para in (hit.para, hit.last):
        if para is None:
            continue
        m = re.search(rf"{word}\s+({re.escape(raw)})\b", para.text)
        if m:
            fix = Fix.safe(Edit.replace(para, m.start(1), m.end(1), new)) if new is not None else None
            return ctx.finding("VB111", para, m.start(1), m.end(1), key, severity=severity, fix=fix, **fmt)
    return ctx.at("VB111", hit, key, severity=severity, **fmt)
