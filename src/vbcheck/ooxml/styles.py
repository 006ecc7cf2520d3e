"""Effective formatting of a .docx: what Word shows, not only what a run says.

The reader keeps each run's and paragraph's *direct* properties (`Run.props`, `Paragraph.props`)
and each section's page setup (`doc.meta["sections"]`). This module resolves the rest, lazily
and once per document (`of(doc)`), the first time a formatting rule asks:

    direct run properties
      > character style (`w:rStyle`, following `w:basedOn`)
      > paragraph style (`w:pStyle` chain, or the default paragraph style)
      > table style (text in table cells)
      > document defaults (`w:docDefaults`)
      > Word's built-in defaults (Times New Roman, 10 pt, black)

Fonts are resolved per slot (`ascii` for ASCII characters, `hAnsi` for the other Latin letters,
which is where Vietnamese letters with diacritics fall); a theme slot (`w:asciiTheme=
"minorHAnsi"`) is looked up in `word/theme/theme1.xml`. `w:b`, `w:i`, `w:caps`, `w:smallCaps` and
`w:vanish` are toggle properties: direct formatting sets them outright; in styles, the values of
the table, paragraph and character styles are combined by exclusive or (ECMA-376 §17.7.3), so
an italic character style inside an italic paragraph style gives upright text, as in Word.

Units: the XML stores lengths in twips (1/20 pt) and font sizes in half-points; this module
returns points and millimetres (`mm()`, `pt()`).
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..core.model import Document, Paragraph, Run
from .package import package_part
from .props import child_val, para_props, run_props, signature
from .xml import W_, W, parse_xml

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"

TOGGLES = ("b", "i", "caps", "smallCaps", "vanish", "strike")
SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
DEFAULT_FONT = "Times New Roman"  # Word's own default when no font is named anywhere
DEFAULT_SIZE = 10.0  # pt, Word's default when neither styles nor defaults give w:sz

TWIPS_PER_MM = 1440 / 25.4


def mm(twips: float) -> float:
    return twips / TWIPS_PER_MM


def pt(twips: float) -> float:
    return twips / 20.0


def on(v: Any) -> bool:
    """The value of an OOXML boolean attribute (`w:b`, `w:b w:val="0"`, `w:val="false"` …)."""
    if v is None:
        return False
    if v is True:
        return True
    return str(v).strip().lower() not in ("0", "false", "off", "none")


def num(v: Any, default: float | None = None) -> float | None:
    try:
        return float(v)
    except (TypeError, ValueError):
        return default


# --------------------------------------------------------------------------- results


@dataclass(slots=True, frozen=True)  # shared by every run formatted alike
class RunFormat:
    """Effective formatting of one run."""

    font_ascii: str
    font_hansi: str
    font_east: str
    size: float  # pt
    bold: bool
    italic: bool
    caps: bool
    small_caps: bool
    hidden: bool
    underline: bool
    color: str  # "AUTO" or RRGGBB, upper case: what Word shows (a theme colour resolved)
    color_theme: tuple[str, str | None, str | None] | None = None  # (theme colour, tint, shade) it came from
    script: bool = False  # w:vertAlign superscript or subscript: Word draws it smaller (SCRIPT_SCALE)

    def font_for(self, text: str) -> list[str]:
        """The font names Word uses for the characters of `text` (whitespace ignored)."""
        out = []
        if _ASCII_VISIBLE.search(text):
            out.append(self.font_ascii)
        if not text.isascii() and _NON_ASCII_VISIBLE.search(text):
            out.append(self.font_hansi)
        return out


# Characters Word draws in the ascii / hAnsi font slot (whitespace has no visible font).
_ASCII_VISIBLE = re.compile(r"[\x00-\x08\x0e-\x1b!-\x7f]")  # ASCII but str.isspace()
_NON_ASCII_VISIBLE = re.compile(r"[^\s\x00-\x7f]")


@dataclass(slots=True, frozen=True)  # shared by every paragraph formatted alike
class ParaFormat:
    """Effective formatting of one paragraph (lengths in twips, as stored)."""

    style: str | None
    jc: str  # "left", "center", "right", "both", "distribute"
    first_line: float  # twips; negative for a hanging indent
    left: float
    before: float
    after: float
    line: float | None  # 240ths of a line (auto) or twips (exact/atLeast)
    line_rule: str  # "auto", "exact", "atLeast"
    contextual: bool
    numbered: bool
    first_line_chars: float | None = None  # hundredths of a character width, when set


# --------------------------------------------------------------------------- merging


def _merge_rpr(base: dict, over: dict) -> dict:
    """Lay `over` (more specific) on `base`, slot by slot for fonts."""
    if not over:
        return base
    out = dict(base)
    for k, v in over.items():
        if k == "rFonts":
            fonts = dict(out.get("rFonts", {}))
            for slot in SLOTS:
                if slot in v or slot + "Theme" in v:
                    fonts.pop(slot, None)
                    fonts.pop(slot + "Theme", None)
                    for key in (slot, slot + "Theme"):
                        if key in v:
                            fonts[key] = v[key]
            if "hint" in v:
                fonts["hint"] = v["hint"]
            out["rFonts"] = fonts
        else:
            out[k] = v
    return out


_IND_PAIRS = (("firstLine", "hanging"), ("firstLineChars", "hangingChars"))


def _merge_ppr(base: dict, over: dict) -> dict:
    if not over:
        return base
    out = dict(base)
    for k, v in over.items():
        if k in ("spacing", "ind") and isinstance(v, dict):
            merged = dict(out.get(k, {}))
            if k == "ind":
                for a, b in _IND_PAIRS:
                    if a in v or b in v:
                        merged.pop(a, None)
                        merged.pop(b, None)
                if "start" in v or "left" in v:
                    merged.pop("start", None)
                    merged.pop("left", None)
            merged.update(v)
            out[k] = merged
        else:
            out[k] = v
    return out


# --------------------------------------------------------------------------- the resolver


class Formatting:
    """Styles, defaults, theme and header parts of one .docx, parsed once."""

    def __init__(self, doc: Document):
        # A weak reference: the document keeps its resolver in `doc.meta`, and a strong
        # reference back would make every checked document cyclic garbage that only a full
        # garbage collection frees (a pause the next document pays for).
        self._doc = weakref.ref(doc)
        self.zf = doc.meta.get("zip")
        self._styles: dict[str, Any] = {}
        self._style_r: dict[str, dict] = {}
        self._style_p: dict[str, dict] = {}
        self._combo: dict[tuple, tuple[dict, dict]] = {}
        self._pcombo: dict[tuple, dict] = {}  # (paragraph style, table style) -> merged pPr
        self._para_cache: dict[int, ParaFormat] = {}
        # Several rules read the same runs: each distinct formatting is resolved once (_format),
        # and the visible runs of a whole paragraph, and those with letters or digits, are listed
        # once (keyed by object id; the document outlives the cache).
        self._runs_cache: dict[int, list] = {}
        self._by_props: dict[tuple, RunFormat] = {}
        self._signatures: dict[int, tuple[dict, tuple]] = {}
        # (paragraph style, table style) -> {id(run properties dict): RunFormat}: see _format.
        self._by_dict: dict[tuple, dict[int, RunFormat]] = {}
        self._judged: dict[int, list] = {}  # id(paragraph) -> judged(paragraph)
        self._para_by_props: dict[tuple, ParaFormat] = {}
        self._rels: dict[str, str] | None = None
        self._parts: dict[str, Any] = {}
        self._page_fields: dict[str, list] = {}
        self.default_pstyle: str | None = None
        self.default_rstyle: str | None = None
        self.default_tstyle: str | None = None
        self.doc_r: dict = {}
        self.doc_p: dict = {}
        self.theme: dict[str, str] = {}
        self.scheme: dict[str, str] = {}  # theme colour scheme: "dk1", "accent1" … -> RRGGBB
        self._scheme_map: dict[str, str] | None = None  # w:clrSchemeMapping, read on first use
        self._load_styles()
        self._load_theme()

    @property
    def doc(self) -> Document:
        doc = self._doc()
        assert doc is not None, "the document this resolver was built for is gone"
        return doc

    # ---- parts

    def part(self, name: str):
        """The parsed XML root of a package part (cached), or None."""
        if name not in self._parts:
            data = package_part(self.doc.meta, name)
            self._parts[name] = parse_xml(data, name) if data else None
        return self._parts[name]

    def _load_styles(self) -> None:
        root = self.part("word/styles.xml")
        if root is None:
            return
        dd = root.find(f"{W_}docDefaults")
        if dd is not None:
            rd = dd.find(f"{W_}rPrDefault")
            pd = dd.find(f"{W_}pPrDefault")
            self.doc_r = run_props(rd) if rd is not None else {}
            self.doc_p = para_props(pd) if pd is not None else {}
        for st in root.findall(f"{W_}style"):
            sid = st.get(f"{W_}styleId")
            if not sid:
                continue
            self._styles[sid] = st
            if on(st.get(f"{W_}default")):
                kind = st.get(f"{W_}type")
                if kind == "paragraph":
                    self.default_pstyle = sid
                elif kind == "character":
                    self.default_rstyle = sid
                elif kind == "table":
                    self.default_tstyle = sid

    def _load_theme(self) -> None:
        rels = self.rels()
        target = next((t for t in rels.values() if t.startswith("word/theme/")), "word/theme/theme1.xml")
        root = self.part(target)
        if root is None:
            return
        for major in ("major", "minor"):
            el = root.find(f".//{{{A}}}{major}Font")
            if el is None:
                continue
            for tag, slot in (("latin", "HAnsi"), ("ea", "EastAsia"), ("cs", "Bidi")):
                f = el.find(f"{{{A}}}{tag}")
                if f is not None and f.get("typeface"):
                    self.theme[major + slot] = f.get("typeface")
            if major + "HAnsi" in self.theme:
                self.theme[major + "Ascii"] = self.theme[major + "HAnsi"]
        scheme = root.find(f".//{{{A}}}clrScheme")
        for el in scheme if scheme is not None else ():
            if not isinstance(el.tag, str):
                continue
            slot = el.tag.rsplit("}", 1)[-1]
            rgb = el.find(f"{{{A}}}srgbClr")
            if rgb is not None and _HEX6.fullmatch(rgb.get("val") or ""):
                self.scheme[slot] = rgb.get("val").upper()
                continue
            sys_ = el.find(f"{{{A}}}sysClr")
            if sys_ is not None:
                last = sys_.get("lastClr") or ""
                if _HEX6.fullmatch(last):
                    self.scheme[slot] = last.upper()
                elif sys_.get("val") in _SYSTEM_COLOURS:
                    self.scheme[slot] = _SYSTEM_COLOURS[sys_.get("val")]

    def theme_color(self, name: str, tint: str | None, shade: str | None) -> str | None:
        """RRGGBB of a theme colour as Word shows it (ECMA-376 §17.3.2.6): the slot the settings'
        w:clrSchemeMapping (or Word's default mapping) names, its tint or shade applied to the
        luminance; None when the theme does not say (then the cached w:val stands)."""
        if self._scheme_map is None:
            self._scheme_map = dict(_DEFAULT_SCHEME_MAP)
            settings = self.part("word/settings.xml") if self.zf is not None else None
            mapping = settings.find(f"{W_}clrSchemeMapping") if settings is not None else None
            for k, v in (mapping.attrib.items() if mapping is not None else ()):
                key = _MAPPING_KEYS.get(k.rsplit("}", 1)[-1])
                if key:
                    self._scheme_map[key] = _SCHEME_SLOTS.get(v, v)
        slot = self._scheme_map.get(name, _SCHEME_SLOTS.get(name, name))
        base = self.scheme.get(slot)
        return None if base is None else tinted(base, tint, shade)

    def rels(self) -> dict[str, str]:
        """document.xml relationship id -> part name."""
        if self._rels is None:
            self._rels = {}
            root = self.part("word/_rels/document.xml.rels")
            if root is not None:
                for rel in root.findall(f"{{{PKG_REL}}}Relationship"):
                    target = rel.get("Target") or ""
                    if rel.get("TargetMode") == "External":
                        continue
                    target = target.lstrip("/")
                    if not target.startswith("word/"):
                        target = "word/" + target
                    self._rels[rel.get("Id") or ""] = target
        return self._rels

    # ---- styles

    def _chain(self, sid: str | None, kind: str, depth: int = 0) -> dict:
        """A style's own properties merged over its `basedOn` ancestors (cached)."""
        cache = self._style_r if kind == "r" else self._style_p
        if sid is None or depth > 64:  # Word itself stops far earlier; a longer chain is hostile
            return {}
        if sid in cache:
            return cache[sid]
        cache[sid] = {}  # guards against basedOn cycles
        st = self._styles.get(sid)
        if st is None:
            return {}
        base_id = st.find(f"{W_}basedOn")
        base = self._chain(base_id.get(f"{W_}val") if base_id is not None else None, kind, depth + 1)
        own = run_props(st) if kind == "r" else para_props(st)
        own.pop("_revised", None)
        if kind == "p":
            # A paragraph style's numbering (w:numPr with numId 0 switches it off).
            ppr = st.find(f"{W_}pPr")
            np_ = ppr.find(f"{W_}numPr") if ppr is not None else None
            if np_ is not None:
                nid = np_.find(f"{W_}numId")
                if nid is not None and nid.get(f"{W_}val") == "0":
                    own["numbered"] = False
        merged = _merge_rpr(base, own) if kind == "r" else _merge_ppr(base, own)
        cache[sid] = merged
        return merged

    def style_name(self, sid: str | None) -> str | None:
        st = self._styles.get(sid or "")
        if st is None:
            return sid
        n = st.find(f"{W_}name")
        return n.get(f"{W_}val") if n is not None else sid

    def _pstyle(self, para: Paragraph) -> str | None:
        sid = para.props.get("pStyle")
        return sid if sid in self._styles else self.default_pstyle

    def _tstyle(self, para: Paragraph) -> str | None:
        if para.table is None:
            return None
        sid = para.props.get("tblStyle")
        return sid if sid in self._styles else self.default_tstyle

    # ---- runs

    def run(self, para: Paragraph, run: Run) -> RunFormat:
        return self._format(run.props, (self._pstyle(para), self._tstyle(para)), para, run)

    def _format(self, props: dict, para_styles: tuple[str | None, str | None], para: Paragraph, run: Run) -> RunFormat:
        """`run()`, its paragraph's (paragraph style, table style) given.

        Speed trick, in one place: most runs of a document repeat a few formattings, and the
        reader shares one properties dict among runs formatted alike (ooxml/walk.py); so a
        format is looked up by the identity of that dict within the paragraph's styles (one
        dict lookup a run), and only a dict not seen yet is keyed by its signature and, if that
        is new too, resolved. `_run_signature` keeps every dict seen alive, so that its id is
        never another's. tests/test_reader_tricks.py proves every run gets the format an
        unshared copy of its properties gets."""
        table = self._by_dict.get(para_styles)
        if table is None:
            table = self._by_dict[para_styles] = {}
        cached = table.get(id(props))
        if cached is None:
            key = (*para_styles, self._run_signature(props))
            cached = self._by_props.get(key)
            if cached is None:
                cached = self._by_props[key] = self._resolve_run(para, run)
            table[id(props)] = cached
        return cached

    def _run_signature(self, props: dict) -> tuple:
        # The reader shares one dict among runs formatted alike (ooxml/walk.py): its signature is
        # computed once. The dict is kept with it, so that its id is never another's.
        entry = self._signatures.get(id(props))
        if entry is None or entry[0] is not props:
            entry = self._signatures[id(props)] = (props, signature(props))
        return entry[1]

    def _resolve_run(self, para: Paragraph, run: Run) -> RunFormat:
        pstyle, tstyle = self._pstyle(para), self._tstyle(para)
        rstyle = run.props.get("rStyle")
        if rstyle not in self._styles:
            rstyle = self.default_rstyle
        key = (pstyle, tstyle, rstyle)
        combo = self._combo.get(key)
        if combo is None:
            t, p, c = self._chain(tstyle, "r"), self._chain(pstyle, "r"), self._chain(rstyle, "r")
            plain = _merge_rpr(_merge_rpr(_merge_rpr(self.doc_r, t), p), c)
            toggles = {}
            for name in TOGGLES:
                given = [on(x[name]) for x in (t, p, c) if name in x]
                if given:
                    v = False
                    for g in given:
                        v ^= g
                    toggles[name] = v
                else:
                    toggles[name] = on(self.doc_r.get(name))
            combo = (plain, toggles)
            self._combo[key] = combo
        plain, toggles = combo
        direct = run.props
        eff = _merge_rpr(plain, {k: v for k, v in direct.items() if k != "rStyle"})

        def tog(name: str) -> bool:
            return on(direct[name]) if name in direct else toggles[name]

        fonts = eff.get("rFonts", {})
        size = num(eff.get("sz"))
        u = eff.get("u")
        color = eff.get("color")
        theme = None
        if isinstance(color, tuple):  # (w:val, w:themeColor, w:themeTint, w:themeShade)
            val, name, tint, shade = color
            shown = self.theme_color(name, tint, shade)
            if shown is not None:
                theme = (name, tint, shade)
            color = shown or val
        return RunFormat(
            font_ascii=self._font(fonts, "ascii"),
            font_hansi=self._font(fonts, "hAnsi"),
            font_east=self._font(fonts, "eastAsia"),
            size=size / 2 if size is not None else DEFAULT_SIZE,
            bold=tog("b"), italic=tog("i"), caps=tog("caps"), small_caps=tog("smallCaps"),
            hidden=tog("vanish"),
            underline=u is True or (u is not None and str(u) not in ("none", "0", "false")),
            color=(str(color).upper() if isinstance(color, str) else "AUTO"), color_theme=theme,
            script=eff.get("vertAlign") in ("superscript", "subscript"),
        )

    def _font(self, fonts: dict, slot: str) -> str:
        theme = fonts.get(slot + "Theme")
        if theme:
            name = self.theme.get(theme)
            if name:
                return name
        return fonts.get(slot) or (self._font(fonts, "ascii") if slot == "hAnsi" and fonts.get("ascii") else DEFAULT_FONT)

    def runs(self, para: Paragraph, start: int = 0, end: int | None = None):
        """(run, format, text) for the visible, non-blank runs overlapping [start, end)."""
        if start <= 0 and (end is None or end >= len(para.text)):
            whole = self._runs_cache.get(id(para))
            if whole is None:
                whole = self._runs_cache[id(para)] = self._whole(para)
            return whole
        return self._runs(para, start, len(para.text) if end is None else end)

    def judged(self, para: Paragraph, start: int = 0, end: int | None = None):
        """`runs()` with a letter or digit in their text: the runs a size, font or style rule
        judges. Speed trick, in one place: for a whole paragraph the list is built once for every
        formatting rule, which would each search every run's text again;
        tests/test_reader_tricks.py proves it is `runs()` filtered."""
        if start <= 0 and (end is None or end >= len(para.text)):
            known = self._judged.get(id(para))
            if known is None:
                known = self._judged[id(para)] = [x for x in self.runs(para) if _ALNUM.search(x[2])]
            return known
        return [x for x in self.runs(para, start, end) if _ALNUM.search(x[2])]

    def measurable(self, para: Paragraph) -> bool:
        """Whether the paragraph has a visible run with a letter or digit (something a size or
        font rule can judge)."""
        return bool(self.judged(para))

    def _runs(self, para: Paragraph, start: int, end: int):
        for r in para.runs:
            if r.end <= start or r.start >= end:
                continue
            text = para.text[max(r.start, start) : min(r.end, end)]
            if not text or text.isspace():  # `not text.strip()`, without making a copy
                continue
            f = self.run(para, r)
            if f.hidden:
                continue
            yield r, f, text

    def _whole(self, para: Paragraph) -> list:
        """`list(self._runs(para, 0, len(para.text)))`, built once per paragraph for every
        formatting rule (`runs()`): speed trick, in one place, as every run of the document
        passes here; the paragraph's styles are looked up once for all its runs.
        tests/test_reader_tricks.py proves it gives the same list."""
        text = para.text
        n = len(text)
        out = []
        table = None  # {id(run properties): RunFormat} for this paragraph's styles (see _format)
        for r in para.runs:
            s, e = r.start, r.end
            if e <= 0 or s >= n:
                continue
            t = text[s if s > 0 else 0 : e if e < n else n]  # clamped as _runs clamps, without max/min calls
            if not t or t.isspace():
                continue
            props = r.props
            if table is None:
                para_styles = (self._pstyle(para), self._tstyle(para))
                table = self._by_dict.get(para_styles)
                if table is None:
                    table = self._by_dict[para_styles] = {}
            f = table.get(id(props))
            if f is None:
                f = self._format(props, para_styles, para, r)
            if not f.hidden:
                out.append((r, f, t))
        return out

    # ---- paragraphs

    def para(self, para: Paragraph) -> ParaFormat:
        cached = self._para_cache.get(id(para))
        if cached is None:
            # Paragraphs repeat a few formattings too: each distinct one is resolved once.
            key = (self._pstyle(para), self._tstyle(para), signature(para.props))
            cached = self._para_by_props.get(key)
            if cached is None:
                cached = self._para_by_props[key] = self._resolve_para(para)
            self._para_cache[id(para)] = cached
        return cached

    def _resolve_para(self, para: Paragraph) -> ParaFormat:
        pstyle, tstyle = self._pstyle(para), self._tstyle(para)
        styled = self._pcombo.get((pstyle, tstyle))
        if styled is None:
            styled = _merge_ppr(_merge_ppr(self.doc_p, self._chain(tstyle, "p")), self._chain(pstyle, "p"))
            self._pcombo[(pstyle, tstyle)] = styled
        eff = _merge_ppr(styled, para.props)
        sp = eff.get("spacing", {})
        ind = eff.get("ind", {})
        first = num(ind.get("firstLine"), 0.0) or 0.0
        if "hanging" in ind:
            first = -(num(ind.get("hanging"), 0.0) or 0.0)
        chars = num(ind.get("firstLineChars"))
        if chars is None and "hangingChars" in ind:
            chars = -(num(ind.get("hangingChars"), 0.0) or 0.0)
        jc = str(eff.get("jc") or "left")
        jc = {"start": "left", "end": "right", "justify": "both"}.get(jc, jc)
        before = 280.0 if on(sp.get("beforeAutospacing")) else num(sp.get("before"), 0.0)
        after = 280.0 if on(sp.get("afterAutospacing")) else num(sp.get("after"), 0.0)
        out = ParaFormat(
            style=pstyle, jc=jc, first_line=first, left=num(ind.get("left", ind.get("start")), 0.0) or 0.0,
            before=before or 0.0, after=after or 0.0,
            line=num(sp.get("line")), line_rule=str(sp.get("lineRule") or "auto"),
            contextual=on(eff.get("contextualSpacing")), numbered=bool(eff.get("numbered")),
            first_line_chars=chars if chars else None,
        )
        return out

    def dominant_size(self, para: Paragraph) -> float:
        sizes: dict[float, int] = {}
        for r, f, text in self.runs(para):
            sizes[f.size] = sizes.get(f.size, 0) + len(text)
        if not sizes:
            return DEFAULT_SIZE
        return max(sizes.items(), key=lambda kv: kv[1])[0]

    def first_line_twips(self, para: Paragraph) -> float:
        pf = self.para(para)
        if pf.first_line_chars is not None:
            return pf.first_line_chars / 100 * self.dominant_size(para) * 20
        return pf.first_line

    # ---- sections, headers and page numbers

    def sections(self) -> list[dict]:
        return self.doc.meta.get("sections") or []

    def section_refs(self) -> list[dict]:
        """Header/footer references of each section; a section that names no header (footer) of
        a type inherits the previous section's, as Word does."""
        out: list[dict] = []
        prev: dict = {}
        for s in self.sections():
            refs = dict(prev)
            refs.update(s["refs"])
            out.append(refs)
            prev = refs
        return out

    def page_fields(self, rid: str | None) -> list:
        """The paragraphs (lxml elements) of a header/footer part that hold a PAGE field (once
        per part: thousands of sections may name the same one)."""
        if not rid:
            return []
        if rid not in self._page_fields:
            self._page_fields[rid] = self._find_page_fields(rid)
        return self._page_fields[rid]

    def _find_page_fields(self, rid: str) -> list:
        name = self.rels().get(rid)
        root = self.part(name) if name else None
        if root is None:
            return []
        out = []
        for p in root.iter(f"{W_}p"):
            instr = " ".join(
                [e.get(f"{W_}instr") or "" for e in p.iter(f"{W_}fldSimple")]
                + [e.text or "" for e in p.iter(f"{W_}instrText")]
            )
            if _PAGE_FIELD.search(instr):
                out.append(p)
        return out

    def page_alignment(self, p_el, width: float | None = None) -> str | None:
        """"center", "left", "right" for a header paragraph holding a PAGE field; None when the
        position cannot be told (a text box, a frame, a table). `width` is the text width in
        twips, to tell where a tab stop falls."""
        anc = p_el.getparent()
        while anc is not None:
            if anc.tag in (f"{W_}txbxContent", f"{W_}tc"):
                return None
            anc = anc.getparent()
        if p_el.find(f"{W_}pPr/{W_}framePr") is not None:
            return None
        ppr = para_props(p_el)
        sid = ppr.get("pStyle") if ppr.get("pStyle") in self._styles else self.default_pstyle
        eff = _merge_ppr(_merge_ppr(self.doc_p, self._chain(sid, "p")), ppr)
        jc = str(eff.get("jc") or "left")
        jc = {"start": "left", "end": "right", "both": "left", "distribute": "left"}.get(jc, jc)
        if jc != "left":
            return jc
        # "<tab><tab>PAGE": the field sits at the tab stop the last tab reaches.
        tabs = 0
        for r in p_el.iter(f"{W_}r"):
            if r.find(f"{W_}fldChar") is not None or r.find(f"{W_}instrText") is not None:
                break
            for c in r:
                if c.tag == f"{W_}tab":
                    tabs += 1
                elif c.tag == f"{W_}t" and (c.text or "").strip():
                    return jc  # text before the number: cannot tell
        if p_el.find(f"{W_}fldSimple") is not None and tabs == 0:
            return jc
        if not tabs:
            return jc
        stops = self._tab_stops(p_el, sid)
        if len(stops) < tabs:
            return jc
        pos, kind = stops[tabs - 1]
        if kind == "center" and (width is None or abs(pos - width / 2) <= width * 0.15):
            return "center"
        return "right" if kind == "right" else jc

    def _tab_stops(self, p_el, sid: str | None) -> list[tuple[float, str]]:
        chain = []
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            st = self._styles.get(sid)
            if st is None:
                break
            chain.append(st.find(f"{W_}pPr"))
            b = st.find(f"{W_}basedOn")
            sid = b.get(f"{W_}val") if b is not None else None
        stops: dict[float, str] = {}
        for el in list(reversed(chain)) + [p_el.find(f"{W_}pPr")]:
            tabs = el.find(f"{W_}tabs") if el is not None else None
            if tabs is None:
                continue
            for tab in tabs.findall(f"{W_}tab"):
                pos = num(tab.get(f"{W_}pos"))
                if pos is None:
                    continue
                kind = tab.get(f"{W_}val") or "left"
                if kind == "clear":
                    stops.pop(pos, None)
                else:
                    stops[pos] = kind
        return sorted(stops.items())

    def page_count(self) -> tuple[int | None, str]:
        """(pages, how known): Word's rendered page breaks, docProps/app.xml, or None."""
        pages = [p.page for p in self.doc.paragraphs if p.page]
        if pages and max(pages) > 1:
            return max(pages), "rendered"
        app = self.part("docProps/app.xml") if self.zf is not None and "docProps/app.xml" in self.zf.namelist() else None
        if app is not None:
            for el in app.iter():
                if isinstance(el.tag, str) and el.tag.endswith("}Pages") and (el.text or "").strip().isdigit():
                    n = int(el.text.strip())
                    if n > 0:
                        return n, "app.xml"
        if pages:
            return max(pages), "rendered"
        return None, ""

    def setting(self, name: str) -> Any:
        root = self.part("word/settings.xml")
        return None if root is None else child_val(root, name)


_ALNUM = re.compile(r"\w")
_PAGE_FIELD = re.compile(r"(?<![A-Z])PAGE(?![A-Z])")


def of(doc: Document) -> Formatting:
    """The document's resolver, built on first use and kept in `doc.meta`."""
    f = doc.meta.get("_formatting")
    if f is None:
        f = Formatting(doc)
        doc.meta["_formatting"] = f
    return f


def rendered(text: str, f: RunFormat) -> str:
    """Text as displayed: `w:caps` and `w:smallCaps` show capitals."""
    return text.upper() if (f.caps or f.small_caps) else text


_HEX6 = re.compile(r"[0-9A-Fa-f]{6}")
_SYSTEM_COLOURS = {"windowText": "000000", "window": "FFFFFF"}
# w:clrSchemeMapping's attributes and Word's default mapping (text1 = dark 1 …).
_MAPPING_KEYS = {"bg1": "background1", "t1": "text1", "bg2": "background2", "t2": "text2",
                 **{f"accent{i}": f"accent{i}" for i in range(1, 7)},
                 "hyperlink": "hyperlink", "followedHyperlink": "followedHyperlink"}
_SCHEME_SLOTS = {"dark1": "dk1", "light1": "lt1", "dark2": "dk2", "light2": "lt2", "hyperlink": "hlink",
                 "followedHyperlink": "folHlink"}
_DEFAULT_SCHEME_MAP = {"text1": "dk1", "background1": "lt1", "text2": "dk2", "background2": "lt2",
                       **{f"accent{i}": f"accent{i}" for i in range(1, 7)},
                       "hyperlink": "hlink", "followedHyperlink": "folHlink"}


def tinted(rgb: str, tint: str | None, shade: str | None) -> str:
    """w:themeTint / w:themeShade (a byte in hex, as a fraction of 255) applied to the HSL
    luminance L, as Word does: shade L·s, tint L·t + (1 − t). Word's cached w:val agrees within 1
    per channel (54 of 58 theme colours with a tint or shade in the corpus exactly)."""
    import colorsys

    def frac(b: str | None) -> float | None:
        try:
            return max(0, min(255, int(b, 16))) / 255 if b else None
        except ValueError:
            return None

    t, sh = frac(tint), frac(shade)
    if t is None and sh is None:
        return rgb.upper()
    r, g, b = (int(rgb[i: i + 2], 16) / 255 for i in (0, 2, 4))
    h, lum, sat = colorsys.rgb_to_hls(r, g, b)
    if sh is not None:
        lum = lum * sh
    if t is not None:
        lum = lum * t + (1 - t)
    r, g, b = colorsys.hls_to_rgb(h, lum, sat)
    return "".join(f"{min(255, int(x * 255 + 1e-9)):02X}" for x in (r, g, b))


@lru_cache(maxsize=1024)  # a document shows a handful of colours; every run asks
def is_black(color: str) -> bool:
    if color in ("AUTO", "", "NONE"):
        return True
    if not re.fullmatch(r"[0-9A-F]{6}", color):
        return True  # unknown notation: do not guess
    return max(int(color[i : i + 2], 16) for i in (0, 2, 4)) <= 0x20


__all__ = ["Formatting", "ParaFormat", "RunFormat", "W", "is_black", "mm", "num", "of", "on", "pt", "rendered"]
