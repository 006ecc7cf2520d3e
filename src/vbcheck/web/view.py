"""The page's picture of one checked document: its paragraphs in reading order, grouped into
blocks (the header in its two columns, and the closing where the source sets Nơi nhận and
the signature side by side), each paragraph cut into pieces of text that carry the findings covering them.

Plain data (lists, dicts, strings), so that it crosses from a worker process as it is and the
page builds its DOM from it with text nodes only: no piece of document text is ever HTML here.
The columns are those of `vbcheck.engine.excerpts.line_texts` (the HTML report's), so a finding's
`column`/`end_column` index into a paragraph's text the same way as in every other output.
"""

from __future__ import annotations

from typing import Any

from ..catalogue import loader
from ..core.model import Document, Zone
from ..core.vocabulary import severity_rank
from ..engine.excerpts import line_texts
from ..engine import FileResult

# Zone pairs shown as two columns (left, right) when the source sets them side by side.
PAIRS = ((Zone.HEADER_LEFT, Zone.HEADER_RIGHT), (Zone.NOI_NHAN, Zone.SIGNATURE))


def document_view(doc: Document, result: FileResult) -> dict[str, Any]:
    """{"blocks": [...], "elsewhere": [finding ids], "findings": [...], "doc_type_name": …} for
    `result` of `doc` (the findings as in the JSON report, each with its `id` and the `seg` of the
    paragraph it is shown at, None for those not tied to a paragraph: they are `elsewhere`)."""
    lines = line_texts(doc)
    segs = []
    for p in doc.paragraphs:
        start = p.cols[0] if len(p.cols) else 0
        end = p.cols[len(p.text)] if len(p.cols) > len(p.text) else start + len(p.text)
        segs.append({"id": len(segs), "line": p.line, "zone": p.zone.value, "start": start,
                     "end": max(start, end), "gap": p.gap_before, "page": p.page,
                     "_table": p.table[0] if p.table else None, "_text": lines.get(p.line, "")})
    on_line: dict[int, list[dict]] = {}
    for s in segs:
        on_line.setdefault(s["line"], []).append(s)

    findings, elsewhere = [], []
    marks: dict[int, list[tuple[int, int, int]]] = {}
    for i, v in enumerate(result.violations):
        d = v.as_dict()
        d["id"] = i
        seg = _segment(on_line.get(v.line, ()), v.column - 1)
        d["seg"] = seg["id"] if seg is not None else None
        findings.append(d)
        if seg is None:
            elsewhere.append(i)
            continue
        a = min(max(v.column - 1, seg["start"]), seg["end"])
        b = seg["end"] if v.end_line > v.line else min(max(v.end_column - 1, a), seg["end"])
        marks.setdefault(seg["id"], []).append((a - seg["start"], b - seg["start"], i))

    sev = [v.severity for v in result.violations]
    for s in segs:
        text = s.pop("_text")[s["start"]:s["end"]]
        s["pieces"] = _pieces(text, marks.get(s["id"], []), sev)
    type_name = loader.doc_types().get(result.doc_type or "", {}).get("name")
    return {"blocks": _blocks(segs), "elsewhere": elsewhere, "findings": findings, "doc_type_name": type_name}


def _segment(candidates, col: int):
    """The paragraph of a line that holds source column `col` (0-based): the one whose columns
    cover it, else the last one starting before it, else the first of the line."""
    best = None
    for s in candidates:
        if s["start"] <= col <= s["end"]:
            return s
        if s["start"] <= col:
            best = s
    return best if best is not None else (candidates[0] if candidates else None)


def _pieces(text: str, marks: list[tuple[int, int, int]], sev: list[str]) -> list[dict[str, Any]]:
    """The text cut where a finding starts or ends: [{"t": text, "f": [ids], "s": severity}];
    a finding without text (a missing part) is a piece {"t": "", "gap": true} at its place."""
    spans = [(a, b, i) for a, b, i in marks if b > a]
    points = [(a, i) for a, b, i in marks if b <= a]
    cuts = sorted({0, len(text)} | {a for a, _, _ in spans} | {b for _, b, _ in spans} | {a for a, _ in points})
    out: list[dict[str, Any]] = []
    for k, a in enumerate(cuts):
        here = [i for p, i in points if p == a]
        if here:
            out.append({"t": "", "gap": True, "f": here, "s": _top(here, sev)})
        if k + 1 == len(cuts):
            break
        b = cuts[k + 1]
        cover = [i for sa, sb, i in spans if sa <= a and sb >= b]
        piece: dict[str, Any] = {"t": text[a:b]}
        if cover:
            piece.update(f=cover, s=_top(cover, sev))
        out.append(piece)
    return out


def _top(ids: list[int], sev: list[str]) -> str:
    return max((sev[i] for i in ids), key=severity_rank)


def _blocks(segs: list[dict]) -> list[dict[str, Any]]:
    """Consecutive paragraphs of a zone pair become one two-column block (`_side_by_side`);
    every other paragraph is a block of its own."""
    out: list[dict[str, Any]] = []
    i = 0
    while i < len(segs):
        pair = next((p for p in PAIRS if segs[i]["zone"] in (p[0].value, p[1].value)), None)
        j = i
        if pair is not None:
            zones = {pair[0].value, pair[1].value}
            while j < len(segs) and segs[j]["zone"] in zones:
                j += 1
            run = segs[i:j]
            if _side_by_side(run, pair):
                left = [s for s in run if s["zone"] == pair[0].value]
                right = [s for s in run if s["zone"] == pair[1].value]
                out.append({"columns": [[_clean(s) for s in left], [_clean(s) for s in right]],
                            "part": "header" if pair[0] is Zone.HEADER_LEFT else "closing"})
                i = j
                continue
        out.append({"para": _clean(segs[i])})
        i += 1
    return out


def _side_by_side(run: list[dict], pair) -> bool:
    """The header always has its two columns (NĐ 30 sets it so even when a text file stacks
    them); Nơi nhận and the signature only when the source puts them side by side."""
    left = [s for s in run if s["zone"] == pair[0].value]
    right = [s for s in run if s["zone"] == pair[1].value]
    if not left or not right:
        return False
    if pair[0] is Zone.HEADER_LEFT:
        return True
    tables = {s["_table"] for s in left} & {s["_table"] for s in right}
    if tables - {None}:
        return True
    return bool({s["line"] for s in left} & {s["line"] for s in right})


def _clean(seg: dict) -> dict:
    return {k: v for k, v in seg.items() if not k.startswith("_") and k not in ("start", "end")}
