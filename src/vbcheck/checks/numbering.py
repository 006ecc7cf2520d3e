"""VB106–VB109: số và ký hiệu (NĐ 30 PL I mục II.3; HD 36 for the Party form)."""

import re

from ..anatomy import ky_hieu_groups
from ..catalogue import loader as packs
from ..catalogue.loader import rule
from ..core.fix import Edit, Fix
from ..core.rule import check
from ..text.normalize import replace_with_blanks
from .header import first_paragraph

# Official mixed-case codes (PL III) and the Prime Minister's issuer code.
MIXED_CASE = {"TTr", "CTr", "QyĐ", "TrS", "TTg", "QĐi", "TTrg"}
# A space before or after "/" or "-" in the number line, with the tokens it separates.
# Tokens bounded to 60 characters (a ký hiệu group is far shorter): unbounded, a number line
# followed by a long run of dashes took quadratic time.
_SPACED = re.compile(r"[^\s:]{1,60}\s+[/\-]\s*[^\s/\-]*|[^\s:]{1,60}[/\-]\s+[^\s/\-]+")
# What the fix removes: the blanks around each "/" and "-" (`_close_up`).
_SEP_MARK = re.compile(r"[/\-]")
# The number never ends in a blank (the blanks after it are "\s*+"'s): tried only where it ends
# in a character, each blank run is read once.
_NUM = re.compile(r"^Số\s*+(?P<colon>:?)\s*+(?P<num>[^/\-\s](?:[^/]*?[^/\s])??|)\s*+(?P<sep>[/\-])")
# "(…/…)" on a line: its first "(", the first "/" after it and the first ")" after that.
_SLASH_IN_PARENS = re.compile(r"(?m)^[^(\n]*+\([^/\n]*+/[^)\n]*+\)")


def attached_document(an) -> bool:
    """A document issued with a decision ("ban hành kèm theo Quyết định") has no number of its own."""
    for p in an.trich_yeu + an.header[-3:] + an.body[:2]:
        # "(ban hành) kèm theo": only its last words decide; a long paragraph is not that line.
        if len(p.text) < 250 and re.search(r"kèm theo\s", p.text, re.I):
            return True
    return False


@check(rule("VB106"), rule("VB107"), rule("VB108"), rule("VB109"))
def so_ky_hieu(doc, ctx):
    an = ctx.anatomy
    if an.so is None:
        if not attached_document(an):
            where = an.issuer[-1] if an.issuer else first_paragraph(doc)
            yield ctx.missing("VB106", where, after=bool(an.issuer))
        return
    hit = an.so
    text = hit.text
    m = _NUM.match(text)
    number = (m.group("num") if m else "").strip()
    blank = not re.search(r"\d", number)
    if blank:
        yield ctx.at("VB108", hit, text=text)
    if an.out_of_scope_key == "legal":
        return
    if ctx.profile == "dang":
        yield from _party_form(ctx, hit, m)
    else:
        yield from _state_form(ctx, hit, m, number, blank)
    yield from _type_match(ctx, an)


def _state_form(ctx, hit, m, number, blank):
    text = hit.text
    para, base = hit.para, hit.start
    if m and not m.group("colon"):
        colon = ":" if text[2:3].isspace() else ": "
        yield ctx.finding("VB107", para, base, base + 3, "colon", fix=Fix.safe(Edit.insert(para, base + 2, colon)))
    rest = text[text.find("/") + 1 :] if "/" in text else ""
    # Wrong separators: "15-QĐ-BNV" (hyphen for the slash) or "15/QĐ/BNV" (slash between groups).
    if m and m.group("sep") == "-" and not blank:
        yield ctx.at("VB107", hit, "separator", text=text)
        return
    if "/" in rest and not _SLASH_IN_PARENS.search(rest):
        yield ctx.at("VB107", hit, "separator", text=text)
        return
    if not blank and number.isdigit():
        value = int(number)
        if value < 10 and not number.startswith("0"):
            s = base + text.find(number)
            yield ctx.finding("VB107", para, s, s + len(number), "zero", text=number,
                              fix=Fix.safe(Edit.replace(para, s, s + len(number), f"{value:02d}")))
        elif value >= 10 and number.startswith("0"):
            s = base + text.find(number)
            yield ctx.finding("VB107", para, s, s + len(number), "extra-zero", severity="warning", text=number,
                              fix=Fix.safe(Edit.replace(para, s, s + len(number), str(value))))
    # Spaces around "/" or "-" (a number stamped into a fixed-width field): warning.
    for sm in _SPACED.finditer(text):
        snippet = sm.group(0)
        if blank and snippet.startswith(":"):
            continue
        s = base + sm.start()
        # A blank number ("Số:    /UBND") keeps its spaces: they are the place to write it.
        fix = None if blank else Fix.safe(Edit.replace(para, s, s + len(snippet), _close_up(snippet)))
        yield ctx.finding("VB107", para, s, s + len(snippet), "space", severity="warning", text=snippet, fix=fix)
    # Lower case beyond the official mixed-case codes.
    for g in ky_hieu_groups(hit):
        core = _without_parens(g)
        if core in MIXED_CASE or core.upper() == core:
            continue
        s = base + text.find(g)
        # Capitals are likely but not certain (an unlisted official mixed-case code).
        yield ctx.finding("VB107", para, s, s + len(g), "case", text=g,
                          fix=Fix.unsafe(Edit.replace(para, s, s + len(g), g.upper())))


def _party_form(ctx, hit, m):
    text = hit.text
    colon = re.match(r"^Số(\s*:)", text)
    if colon:
        gap = "" if text[colon.end() : colon.end() + 1].isspace() else " "
        fix = Fix.safe(Edit.replace(hit.para, hit.start + 2, hit.start + colon.end(), gap))
        yield ctx.finding("VB107", hit.para, hit.start, hit.start + 4, "party-colon", severity="warning", fix=fix)
    if not re.match(r"^Số\s*+:?\s*+[\d…._ ]*+-[^/\s]++/\S", text):
        yield ctx.at("VB107", hit, "party-form", text=text)


def _close_up(snippet: str) -> str:
    """The snippet with the blanks around each "/" and "-" removed."""
    return replace_with_blanks(_SEP_MARK, snippet, lambda m: m.group())


def _without_parens(g: str) -> str:
    r"""re.sub(r"\(.*\)", "", g) on each line: from its first "(" to its last ")" removed. The
    regex read the rest of the line again from every "(" that has no ")" after it."""
    lines = []
    for line in g.split("\n"):
        i, j = line.find("("), line.rfind(")")
        lines.append(line[:i] + line[j + 1 :] if 0 <= i < j else line)
    return "\n".join(lines)


def _type_match(ctx, an):
    if an.so is None:
        return
    codes = packs.doc_types()
    legacy = packs.load("doc-types.toml")["legacy"]
    code = an.type_code
    groups = ky_hieu_groups(an.so)
    first = groups[0] if groups else None
    if ctx.profile == "dang":
        first = code
    if first in legacy and (an.title or first not in codes):
        yield _on_code(ctx, an, first, "legacy", type_code=first, new=legacy[first])
        return
    if an.title is not None and an.doc_type_source == "title":
        expected = an.doc_type
        heading = codes[expected]["heading"][0] if codes[expected]["heading"] else expected
        if first == expected or first is None:
            return
        # QĐ and quy định share "QĐ" in HD 05; Party QĐi is quy định in HD 36.
        if ctx.profile == "dang" and {first, expected} <= {"QĐ", "QyĐ", "QĐi"}:
            return
        if first in codes:
            yield _on_code(ctx, an, first, "default", text=an.so.text, title=heading, expected=expected)
        elif len(groups) >= 2 and ctx.profile != "dang":
            yield _on_code(ctx, an, first, "no-code", text=an.so.text, title=heading, expected=expected)
    elif an.doc_type == "CV" and an.doc_type_source == "v/v" and first in codes and len(groups) >= 2:
        if ctx.profile != "dang":
            yield _on_code(ctx, an, first, "cong-van", type_code=first)


def _on_code(ctx, an, code, key, **fmt):
    text = an.so.text
    i = text.find(code, text.find("/") if ctx.profile != "dang" else 0)
    if i < 0:
        return ctx.at("VB109", an.so, key, **fmt)
    s = an.so.start + i
    return ctx.finding("VB109", an.so.para, s, s + len(code), key, **fmt)
