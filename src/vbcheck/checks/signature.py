"""VB117–VB119, VB123: the signature block (NĐ 30 Điều 13; PL I mục II.7)."""

import re

from ..anatomy.patterns import SIG_PREFIX, SIG_PREFIX_LOOSE
from ..catalogue.loader import rule
from ..core.fix import Edit, Fix
from ..core.rule import check
from ..text.letters import fold_same_length
from .numbering import attached_document

STATE_PREFIX = re.compile(r"^(?P<p>TM|KT|TL|TUQ|Q)\. \S")
PARTY_PREFIX = re.compile(r"^(?:(?P<p>T/M|K/T|T/L) |Q\. )\S")
_PARTY_OF = {"TM": "T/M", "KT": "K/T", "TL": "T/L", "TUQ": "T/L", "Q": "Q."}
_STATE_OF = {"T/M": "TM.", "K/T": "KT.", "T/L": "TL."}
# Collective bodies that issue in their own name and sign "TM." (sources.md §4.11).
COLLECTIVE = re.compile(r"^(?:UBND|HĐND|BTV|BCH|UBKT|BCĐ|HĐ)$")
_BODY_NAME = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân"}


@check(rule("VB117"), rule("VB118"), rule("VB119"), rule("VB123"))
def signature(doc, ctx):
    an = ctx.anatomy
    if attached_document(an):
        return
    end = an.signature[-1] if an.signature else (an.noi_nhan_items[-1].para if an.noi_nhan_items else an.end)
    if end is None:
        return
    last_prefix = an.sig_prefixes[-1].text if an.sig_prefixes else ""
    acting = bool(re.match(r"^Q\.", last_prefix))
    if not an.sig_titles and not acting:
        where = an.sig_prefixes[-1] if an.sig_prefixes else (an.sig_name.para if an.sig_name else end)
        yield ctx.missing("VB117", where, after=bool(an.sig_prefixes) or where is end)
    if an.sig_name is None:
        draft = ctx.stage == "draft" and an.is_draft
        yield ctx.missing("VB118", end, after=True, severity="info" if draft else None)
    elif an.sig_name.groups.get("acad"):
        acad = an.sig_name.groups["acad"].strip()
        at = an.sig_name.para.text.find(acad, an.sig_name.start)  # after a rank, if any
        at = an.sig_name.start if at < 0 else at
        yield ctx.finding("VB123", an.sig_name.para, at, at + len(acad), acad=acad)
    yield from _prefix_style(ctx, an)
    yield from _authority(ctx, an)


def _prefix_style(ctx, an):
    for p in an.sig_prefixes:
        t = p.text.strip()
        m = SIG_PREFIX.match(t)
        if ctx.profile == "dang":
            if PARTY_PREFIX.match(t):
                continue
            key = m.group("p").replace(".", "") if m else ""
            prefix = _PARTY_OF.get(key, "T/M")
            rest = m.group("rest").strip() if m else ""
            shown = " ".join(t.split()[:3])
            # The Party form of a state prefix is certain; a prefix not read is not guessed.
            fix = _prefix_fix(p, m.start("rest"), prefix) if m and key in _PARTY_OF and t == p.text else None
            yield ctx.finding("VB119", p, 0, len(shown), "party-prefix", text=shown,
                              expected=f"{prefix} {rest}".strip(), fix=fix)
        else:
            if STATE_PREFIX.match(t):
                continue
            loose = SIG_PREFIX_LOOSE.match(t)
            cut = loose.end() if loose else len(t.split()[0])
            letters = re.sub(r"[^A-Za-z]", "", t[:cut]).upper()
            known = {"TM": "TM.", "KT": "KT.", "TL": "TL.", "TUQ": "TUQ.", "Q": "Q."}
            prefix = known.get(letters, "TM.")
            rest = t[cut:].strip()
            shown = " ".join(t.split()[:3])
            # "TM ", "T.M.", "KT:" → "TM.", "KT.": certain when the letters are a prefix's.
            fix = _prefix_fix(p, cut, prefix) if loose and letters in known and rest and t == p.text else None
            yield ctx.finding("VB119", p, 0, len(shown), "prefix", text=shown,
                              expected=f"{prefix} {rest}".strip(), fix=fix)


def _prefix_fix(p, cut: int, prefix: str):
    """Rewrite the prefix p.text[:cut] (with the spaces after it) as `prefix` and one space."""
    end = cut
    while end < len(p.text) and p.text[end] == " ":
        end += 1
    if end >= len(p.text):
        return None
    return Fix.safe(Edit.replace(p, 0, end, prefix + " "))


def _authority(ctx, an):
    """Collective issuer without TM.; deputy under TM. without KT.; KT. followed by the head."""
    if not an.sig_titles:
        return
    prefixes = [SIG_PREFIX.match(p.text.strip()) for p in an.sig_prefixes]
    kinds = [m.group("p").rstrip(".") for m in prefixes if m]
    title_p = an.sig_titles[0]  # the position under the prefixes; later lines are concurrent posts
    title = title_p.text.strip()
    deputy = title.startswith("PHÓ ") or title in ("THỨ TRƯỞNG",)
    # KT. X followed by X itself.
    for p, m in zip(an.sig_prefixes, prefixes):
        if m and m.group("p") in ("KT", "K/T") and m.group("rest").strip() == title:
            yield ctx.finding("VB119", title_p, 0, len(title), "kt-same", text=p.text.strip(), head=title)
            return
    if ctx.profile == "dang":
        return
    if "TM" in kinds and deputy and "KT" not in kinds and ctx.profile == "nd30" and not _mass_organisation(an, prefixes):
        head = title[4:] if title.startswith("PHÓ ") else "BỘ TRƯỞNG"
        yield ctx.finding("VB119", title_p, 0, len(title), "deputy", title=title, head=head)
        return
    if kinds:
        return
    issuer = _collective_issuer(an)
    if not issuer:
        return
    body = _BODY_NAME.get(issuer, issuer)
    fmt = dict(body=body, body_upper=body.upper(), title=title)
    if an.doc_type == "CV":
        yield ctx.finding("VB119", title_p, 0, len(title), "collective-info", severity="info", **fmt)
    elif an.doc_type and not _issued_by_head(an):
        yield ctx.finding("VB119", title_p, 0, len(title), "collective", **fmt)


# Mặt trận Tổ quốc, its member organisations and associations: a deputy signs directly under
# "TM. BAN THƯỜNG TRỰC" (their charters, as the union profile's QĐ 933), not under "KT.".
_MASS_ISSUER = re.compile(
    r"mat\s+tran\s+to\s+quoc|hoi\s+nong\s+dan|hoi\s+lien\s+hiep\s+phu\s+nu|hoi\s+cuu\s+chien\s+binh"
    r"|doan\s+thanh\s+nien|(?:^|\s)hiep\s+hoi|^hoi\s|lien\s+hiep\s+cac\s+hoi|hoi\s+chu\s+thap\s+do")
_STANDING_BODY = re.compile(r"^ban\s+thuong\s+(?:truc|vu)\b|^ban\s+chap\s+hanh\b|^doan\s+chu\s+tich\b")


def _mass_organisation(an, prefixes) -> bool:
    """A mass organisation's document signed on behalf of its standing body."""
    bodies = [fold_same_length(m.group("rest").strip()) for m in prefixes if m and m.group("p") in ("TM", "T/M")]
    if not any(_STANDING_BODY.match(b) for b in bodies):
        return False
    issuer = " ".join(fold_same_length(p.text.strip()) for p in an.issuer)
    return bool(_MASS_ISSUER.search(issuer))


def _collective_issuer(an):
    groups = [g for g in re.split(r"[-/]", an.so.text.split("/", 1)[1]) if g.strip()] if an.so and "/" in an.so.text else []
    for g in groups[1:] if an.doc_type != "CV" else groups[:1]:
        g = g.strip()
        if COLLECTIVE.match(g):
            return g
    return None


def _issued_by_head(an):
    """A decision issued by the head in his own right (authority line "CHỦ TỊCH ỦY BAN NHÂN
    DÂN …", or an issuer code such as CTUBND) is signed without TM."""
    if an.authority is not None:
        return not fold_same_length(an.authority.text).startswith(("uy ban", "hoi dong"))
    return False
