"""VB113–VB115: tên loại, trích yếu, V/v and Kính gửi (NĐ 30 PL I mục II.5, II.9.a); VB124–VB126:
their form (V/v only in công văn, the trích yếu's case and final stop, the Kính gửi list)."""

import re

from ..catalogue import loader as packs
from ..anatomy import Hit
from ..catalogue.loader import rule
from ..core.fix import Edit, Fix
from ..core.model import SourceKind
from ..core.rule import check
from ..ooxml import styles
from ..text.letters import fold_same_length, is_upper
from .header import first_paragraph
from .noi_nhan import item_dash_fix, item_end_fix
from .numbering import attached_document

# Types whose model forms have no trích yếu (Mẫu 1.8, 1.10).
NO_TRICH_YEU = {"GGT", "GNP", "SY", "TrS", "SL"}


def _where_title(an, doc):
    if an.body:
        return an.body[0], False
    if an.header:
        return an.header[-1], True
    return first_paragraph(doc), False


@check(rule("VB113"), rule("VB114"))
def ten_loai_trich_yeu(doc, ctx):
    an = ctx.anatomy
    types = packs.doc_types()
    if an.title is None:
        if an.doc_type and an.doc_type != "CV" and an.doc_type_source == "ky-hieu":
            t = types[an.doc_type]
            if t.get("heading"):
                where, after = _where_title(an, doc)
                yield ctx.missing("VB113", where, after=after, heading=t["heading"][0],
                                  type_code=an.doc_type, name=t["name"].lower())
        elif an.doc_type == "CV" and not an.vv and ctx.profile != "dang" and not attached_document(an):
            where = an.so.para if an.so else first_paragraph(doc)
            yield ctx.missing("VB114", where, "vv", after=an.so is not None)
        elif an.doc_type == "CV" and an.vv_written_out and ctx.profile != "dang":
            word = an.vv_hit.text.split()[0]
            yield ctx.finding("VB114", an.vv_hit.para, 0, len(word), "vv-form", severity="warning", text=word)
        return
    if an.doc_type in NO_TRICH_YEU:
        return
    if not an.trich_yeu:
        heading = an.title.text.split("\n")[0].strip()
        yield ctx.missing("VB114", an.title, after=True, heading=heading)


@check(rule("VB115"))
def kinh_gui(doc, ctx):
    an = ctx.anatomy
    if an.kinh_gui:
        return
    where, after = _where_title(an, doc)
    if an.doc_type == "CV":
        yield ctx.missing("VB115", where, after=after)
    elif an.doc_type in ("TTr", "BC") and an.doc_type_source == "title":
        name = packs.doc_types()[an.doc_type]["name"]
        yield ctx.missing("VB115", where, "upward", severity="info", after=after, name=name)


# --------------------------------------------------------------------------- VB124–VB126

_VV_FOLDED = re.compile(r"^v\s{0,2}[/.\\]?\s{0,2}v\b")
_VV_PREFIX = re.compile(r"^[Vv]\s{0,2}[/.\\]?\s{0,2}[vV]\s{0,2}[:.]?\s{0,3}")
_FIRST_WORD = re.compile(r"\S+")
_LETTER = re.compile(r"[^\W\d_]")
_KINH_GUI = re.compile(r"^kinh\s{1,3}(?:gui|goi|trinh)\b")
_DASH_ITEM = re.compile(r"^-\s")
_WRONG_DASH = re.compile(r"^(?:[–+•*]|-(?=\S))")
_INLINE_DASHES = re.compile(r"(?:^|\s)-\s{1,3}\S")
_SEMICOLON_SPLIT = re.compile(r";\s{0,3}(?=\S)")
_JOINED_LIST = re.compile(r";\s{0,3}-\s")
_COLON = re.compile(r"\s{0,3}(:?)\s{0,3}")


def _ends_with_period(text: str) -> int | None:
    """Offset of a final full stop ("…." placeholders and "./." excluded), or None."""
    t = text.rstrip()
    if t.endswith(".") and not t.endswith("..") and not t.endswith("./.") and not t.endswith("…."):
        return len(t) - 1
    return None


def _summary(an) -> list:
    """The trích yếu of a named type, without the authority line."""
    if an.title is None or an.doc_type in (None, "CV"):
        return []
    # A text box anchored in the title paragraph (a boxed note) is read after it, but is no summary.
    return [p for p in an.trich_yeu if p is not an.authority and p is not an.title and not p.props.get("textbox")]


def _type_name(an) -> str:
    return str(packs.doc_types().get(an.doc_type or "", {}).get("name", "")).lower()


# Fixes: named-type (replace "V/v" by "Về việc"), prefix (replace by "V/v "), period (delete the
# final "."), party (delete "V/v ") are certain: one mechanical edit, right whatever the text says.
@check(rule("VB124"))
def vv_only_cong_van(doc, ctx):
    an = ctx.anatomy
    summary = _summary(an)
    if summary:
        p = summary[0]
        t = p.text
        lead = len(t) - len(t.lstrip())
        if _VV_FOLDED.match(fold_same_length(t[lead:lead + 12])):
            w = _FIRST_WORD.match(t, lead)
            yield ctx.finding("VB124", p, w.start(), w.end(), "named-type", name=_type_name(an),
                              fix=_about(ctx, p, lead))
            return
    if an.title is not None and an.doc_type not in (None, "CV") and not summary and an.vv_hit is not None \
            and not an.vv_written_out:
        h = an.vv_hit
        w = _FIRST_WORD.match(h.para.text, h.start)
        yield ctx.finding("VB124", h.para, w.start(), w.end(), "named-type", name=_type_name(an),
                          fix=_about(ctx, h.para, h.start))
        return
    if not an.is_cong_van or an.vv_hit is None or an.vv_written_out:
        return
    h = an.vv_hit
    if ctx.profile == "dang":
        m = _VV_PREFIX.match(h.para.text, h.start)
        end = m.end() if m else h.start + 3
        # "V/v " deleted: the summary itself stays under the number
        fix = Fix.safe(Edit.replace(h.para, h.start, m.end(), "")) if m and m.end() < len(h.para.text) else None
        yield ctx.finding("VB124", h.para, h.start, end, "party", fix=fix)
        return
    m = _VV_PREFIX.match(h.para.text, h.start)
    if m and m.group(0).rstrip() != "V/v":
        shown = m.group(0).rstrip()
        # "V/V", "V/v:", "V.v" → "V/v " (certain: the prefix is read, the words after it kept)
        fix = Fix.safe(Edit.replace(h.para, m.start(), m.end(), "V/v ")) if m.end() < len(h.para.text) else None
        yield ctx.finding("VB124", h.para, m.start(), m.start() + len(shown), "prefix", text=shown, fix=fix)
    last = an.vv[-1] if an.vv else h.para
    dot = _ends_with_period(last.text)
    if dot is not None:
        yield ctx.finding("VB124", last, dot, dot + 1, "period", fix=Fix.safe(Edit.replace(last, dot, dot + 1, "")))


# Fixes (safe): period (the final "." deleted), first-letter and party-first-letter (one letter's
# case); caps has none (sentence case would lower proper names).
@check(rule("VB125"))
def trich_yeu_format(doc, ctx):
    an = ctx.anatomy
    summary = _summary(an)
    if not summary or an.doc_type in NO_TRICH_YEU:
        return
    last = summary[-1]
    dot = _ends_with_period(last.text)
    if dot is not None:
        yield ctx.finding("VB125", last, dot, dot + 1, "period", text=_clip(" ".join(p.text.strip() for p in summary)),
                          fix=Fix.safe(Edit.replace(last, dot, dot + 1, "")))
    first = summary[0]
    t = first.text
    letter = _LETTER.search(t)
    if letter is None:
        return
    w = _FIRST_WORD.match(t, len(t) - len(t.lstrip()))
    if ctx.profile == "dang":
        text = " ".join(p.text for p in summary)
        if letter.group().isupper() and not is_upper(text) and not re.match(r"(?:CỦA|Của)\s", t.lstrip()):
            yield ctx.finding("VB125", first, w.start(), w.end(), "party-first-letter", text=w.group(),
                              fix=_first_letter(first, letter, str.lower))
        return
    if doc.kind == SourceKind.DOCX:
        # Judged on .docx only (a crawl's capitals prove nothing): typed capitals, or small letters
        # a run shows as capitals with direct w:caps (read from the run itself, so that a rule on
        # the text does not resolve the styles).
        shown = "".join(_shown(p) for p in summary)
        if len(_LETTER.findall(shown)) >= 12 and is_upper(shown):
            yield ctx.finding("VB125", first, 0, len(t), "caps")
            return
    if letter.group().islower():
        yield ctx.finding("VB125", first, w.start(), w.end(), "first-letter", text=w.group(),
                          fix=_first_letter(first, letter, str.upper))


def _first_letter(p, letter: re.Match, case) -> Fix | None:
    """The summary's first letter in the other case (one letter: certain)."""
    new = case(letter.group())
    if len(new) != 1 or new == letter.group():
        return None
    return Fix.safe(Edit.replace(p, letter.start(), letter.end(), new))


def _about(ctx, p, at: int) -> Fix | None:
    """"V/v …" in the summary of a named type written out: "Về việc …" ("về việc" for the
    Party, whose summaries start in lower case)."""
    m = _VV_PREFIX.match(p.text, at)
    if not m or m.end() >= len(p.text):
        return None
    return Fix.safe(Edit.replace(p, m.start(), m.end(), "về việc " if ctx.profile == "dang" else "Về việc "))


def _shown(p) -> str:
    if not any(styles.on(r.props.get("caps")) or styles.on(r.props.get("smallCaps")) for r in p.runs):
        return p.text
    out, pos = [], 0
    for r in p.runs:
        out.append(p.text[pos:r.start])
        piece = p.text[r.start:r.end]
        caps = styles.on(r.props.get("caps")) or styles.on(r.props.get("smallCaps"))
        out.append(piece.upper() if caps else piece)
        pos = r.end
    out.append(p.text[pos:])
    return "".join(out)


def _clip(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else "…" + text[-(n - 1):]


# Fixes (safe): the label rewritten, ":" inserted, a wrong dash made "- ", the final mark replaced
# or added. A single recipient to join onto the label line and several to split into lines have
# none: an edit never adds or removes a line.
@check(rule("VB126"))
def kinh_gui_format(doc, ctx):
    an = ctx.anatomy
    label = an.kinh_gui_label
    if label is None:
        return
    t = label.text
    lead = len(t) - len(t.lstrip())
    fm = _KINH_GUI.match(fold_same_length(t[lead:lead + 20]))
    if not fm:
        return
    start, end = lead, lead + fm.end()
    word = t[start:end]
    if word != "Kính gửi" and word != "Kính trình":
        right = "Kính trình" if fm.group(0).endswith("trinh") else "Kính gửi"
        yield ctx.finding("VB126", label, start, end, "label", text=word,
                          fix=Fix.safe(Edit.replace(label, start, end, right)))
    m = _COLON.match(t, end)
    if not m.group(1):
        yield ctx.finding("VB126", label, start, end, "colon", fix=Fix.safe(Edit.insert(label, end, ":")))
    rest = t[m.end():].strip()
    want = "," if ctx.profile == "dang" and an.party_guide == "HD36" else ";"
    if rest:
        parts = [s for s in _SEMICOLON_SPLIT.split(rest) if s.strip()]
        if len(parts) >= 2 or len(_INLINE_DASHES.findall(rest)) >= 2:
            s = t.index(rest, m.end())
            yield ctx.finding("VB126", label, s, s + len(rest), "several-one-line", want=want)
        return
    items = an.kinh_gui_items
    if not items:
        return
    if len(items) == 1:
        joined = " ".join(p.text.strip() for p in items[0])
        if _JOINED_LIST.search(joined):
            return  # "- A; - B." in one line: a conversion joined the list (a Markdown cell)
        p = items[0][0]
        name = re.sub(r"^[-–+•*]\s*", "", joined).rstrip(";.,")
        yield ctx.finding("VB126", p, 0, len(p.text), "single", name=name)
        return
    for k, item in enumerate(items):
        first, last = item[0], item[-1]
        head = first.text.lstrip()
        s0 = len(first.text) - len(head)
        if not _DASH_ITEM.match(head):
            d = _WRONG_DASH.match(head)
            # the same dashes and endings as a Nơi nhận item (checks/noi_nhan.py)
            yield ctx.finding("VB126", first, s0, s0 + (len(d.group()) if d else 1), "dash",
                              text=_clip(head, 40),
                              fix=item_dash_fix(ctx, Hit(first, 0, len(first.text))) if d else None)
        lt = last.text.rstrip()
        end_mark = lt[-1:]
        text = _clip(" ".join(p.text.strip() for p in item), 50)
        if k < len(items) - 1:
            if end_mark != want:
                yield ctx.finding("VB126", last, max(0, len(lt) - 1), len(lt), "item-end", text=text, want=want,
                                  fix=item_end_fix(last, len(lt), want))
        elif end_mark != ".":
            yield ctx.finding("VB126", last, max(0, len(lt) - 1), len(lt), "last-end", text=text,
                              fix=item_end_fix(last, len(lt), "."))
