"""Reading WordprocessingML properties: a property element's value, a run's and a paragraph's
direct properties (`w:rPr`, `w:pPr`) as plain dicts, a section's page setup. The reader keeps
these raw on the model; `vbcheck.ooxml.styles` resolves them into what Word shows."""

from __future__ import annotations

from ..core import limits
from ..core.errors import InputError
from .xml import PPR, RPR, SECTPR, TYPE, VAL, W_


def first_child(el, tag: str):
    """`el.find(tag)` (the first child with that tag) without ElementPath's cost. Word writes
    w:pPr and w:rPr first, and a w:pPr has few children: a Python loop settles those quicker than
    lxml's tag-filtered iterator, which pays off only over many children."""
    if len(el) > 8:
        first = el[0]
        return first if first.tag == tag else next(el.iterchildren(tag), None)
    for child in el:
        if child.tag == tag:
            return child
    return None


def on_value(el):
    """A property element's w:val, or True when it has none (`<w:b/>`)."""
    v = el.get(VAL)
    return True if v is None else v


def child_val(el, name: str):
    if el is None:
        return None
    child = first_child(el, W_ + name)
    return None if child is None else on_value(child)


class _LocalNames(dict):
    """Local names of qualified attribute names ("{ns}ascii" -> "ascii"), split once each; None
    for a name without a namespace (`<w:rFonts ascii="Arial"/>`), which is no WordprocessingML
    attribute: Word's schema does not know it, and it is not read."""

    def __missing__(self, key: str) -> str | None:
        name = key[key.index("}") + 1 :] if key[:1] == "{" else None
        if len(self) < 4096:  # attribute names are few; a hostile package cannot grow this without end
            self[key] = name
        return name


_LOCAL = _LocalNames()
_FEW = 32  # attributes read with el.items(); lxml's items() costs the square of their number


def attrs(el) -> dict:
    """An element's attributes by local name (those in a namespace). Linear in their number:
    above _FEW through XPath (lxml's items() took 43 s for one element with 150,000), and
    refused above VBCHECK_MAX_ATTRIBUTES."""
    if el is None:
        return {}
    n = len(el.attrib)  # a count in C, linear
    if n <= _FEW:
        pairs = el.items()
    else:
        limit = limits.get("VBCHECK_MAX_ATTRIBUTES")
        if n > limit:
            raise InputError(
                f"tệp .docx bị từ chối: phần tử {_LOCAL[el.tag] or el.tag[:40]} có {n} thuộc tính "
                f"(tối đa {limit}, VBCHECK_MAX_ATTRIBUTES)",
                f".docx refused: element {_LOCAL[el.tag] or el.tag[:40]} has {n} attributes "
                f"(limit {limit}, VBCHECK_MAX_ATTRIBUTES)")
        pairs = [(s.attrname, str(s)) for s in el.xpath("@*")]
    out = {}
    for k, v in pairs:
        name = _LOCAL[k]
        if name is not None:
            out[name] = v
    return out


# Run properties kept raw in Run.props: the value of the first child of each kind, rFonts as
# its attributes, and _revised for a tracked formatting change (formatting merges them; checks
# read them by key, never by order).
_RPR_VALUES = {W_ + n: n for n in ("b", "i", "caps", "smallCaps", "u", "sz", "color", "rStyle", "strike",
                                   "vertAlign", "vanish")}
_RPR_FONTS, _RPR_CHANGE, _RPR_COLOR = W_ + "rFonts", W_ + "rPrChange", W_ + "color"
_THEME_COLOR, _THEME_TINT, _THEME_SHADE = W_ + "themeColor", W_ + "themeTint", W_ + "themeShade"


def run_props(r) -> dict:
    """The direct properties of a run (or of an element holding w:rPr, such as a style)."""
    rpr = first_child(r, RPR)
    return {} if rpr is None else run_props_of(rpr)


def run_props_of(rpr) -> dict:
    """The properties a w:rPr sets, in one pass over its children."""
    found = {}
    for child in rpr[:]:
        tag = child.tag
        name = _RPR_VALUES.get(tag)
        if name is not None:
            if name not in found:
                v = child.get(VAL)  # on_value(child), inlined: runs are the most numerous elements
                found[name] = True if v is None else v
                if tag == _RPR_COLOR and child.get(_THEME_COLOR) is not None:
                    # A theme colour is what Word shows (w:val is only a cache): kept with the value
                    # as one property, so that a colour laid over it replaces both.
                    found[name] = (v, child.get(_THEME_COLOR), child.get(_THEME_TINT), child.get(_THEME_SHADE))
        elif tag == _RPR_FONTS:
            if "rFonts" not in found:
                found["rFonts"] = attrs(child)
        elif tag == _RPR_CHANGE:
            found["_revised"] = True
    return found


def signature(props: dict) -> tuple:
    """A hashable copy of raw properties (nested attribute dicts and lists as tuples): equal
    properties have equal signatures, and resolve to equal formatting."""
    if not props:
        return ()
    # A list made first: tuple() over a generator costs a third more, and every run passes here.
    return tuple([(k, tuple(v.items()) if isinstance(v, dict) else tuple(v) if isinstance(v, list) else v)
                  for k, v in props.items()])


# Paragraph properties kept raw in Paragraph.props: name and reader of each (None: the w:val
# value); w:numPr as "numbered" (its numId and ilvl).
def _numbering(el) -> dict:
    """w:numPr as {"numId": …, "ilvl": …} (truthy: the paragraph is numbered by Word)."""
    out = {"numbered": True}
    for c in el:
        if c.tag in (W_ + "numId", W_ + "ilvl"):
            out[c.tag[len(W_):]] = c.get(VAL)
    return {} if out.get("numId") == "0" else out  # numId 0 switches a style's numbering off


_PPR_PROPS = {W_ + tag: (n, read)
              for tag, n, read in (("pStyle", "pStyle", None), ("jc", "jc", None), ("spacing", "spacing", attrs),
                                   ("ind", "ind", attrs), ("numPr", "numbered", _numbering),
                                   ("contextualSpacing", "contextualSpacing", None))}


def para_props(p) -> dict:
    """The direct properties of a paragraph (or of an element holding w:pPr)."""
    ppr = first_child(p, PPR)
    return {} if ppr is None else para_props_of(ppr)


def para_props_of(ppr) -> dict:
    """The properties a w:pPr sets."""
    return para_props_scan(ppr)[0]


def para_props_scan(ppr) -> tuple[dict, object]:
    """The properties a w:pPr sets and its first w:sectPr child (None without one), in one pass
    over its children."""
    found = {}
    sect = None
    for child in ppr[:]:
        tag = child.tag
        prop = _PPR_PROPS.get(tag)
        if prop is not None:
            name, read = prop
            if name not in found:
                if read is None:  # on_value(child), inlined
                    v = child.get(VAL)
                    found[name] = True if v is None else v
                else:
                    found[name] = read(child)
        elif tag == SECTPR and sect is None:
            sect = child
    return found, sect


def section_props(sect, start: int, end: int) -> dict:
    """A section's page setup as raw attributes (twips); paragraphs [start, end) belong to it."""
    refs = {}
    for kind in ("header", "footer"):
        for ref in sect.findall(f"{W_}{kind}Reference"):
            refs[(kind, ref.get(TYPE) or "default")] = ref.get(
                "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    return {
        "start": start, "end": end,
        "pgSz": attrs(first_child(sect, W_ + "pgSz")), "pgMar": attrs(first_child(sect, W_ + "pgMar")),
        "titlePg": child_val(sect, "titlePg"), "type": child_val(sect, "type"), "refs": refs,
    }
