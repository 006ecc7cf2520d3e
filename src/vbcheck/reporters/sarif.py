"""SARIF 2.1.0 for code scanning (GitHub upload-sarif and other SARIF viewers).

- Rule metadata in `tool.driver.rules`: id, name, descriptions, help (the text of `vbcheck rule`),
  default level, the clause and profiles as properties.
- Levels: error → error, warning → warning, info → note.
- Locations: `artifactLocation.uri` relative to the current folder (`%SRCROOT%`): an RFC 3986
  relative reference, `/` separators and every other byte of the name's UTF-8 (or, for a name
  that is not UTF-8, its bytes) percent-encoded, so that spaces, `#`, `%`, `?`, `:` and
  Vietnamese letters survive (`unquote(uri)` is the path); a file elsewhere gets its `file:`
  URI. `helpUri` is the rule's entry in the documentation (`catalogue.explain.help_uri`).
  `region` 1-based with `columnKind` unicodeCodePoints. For a .docx, "line" is the
  paragraph number in reading order (README, Locations) and `properties.page` the page.
- `partialFingerprints` are vbcheck's own (`vbcheck.excerpts`): a .docx has no text lines for
  GitHub to hash, and line numbers shift when a paragraph is added above a finding.
- A file that could not be read is a tool execution notification (level error), and the
  invocation is marked unsuccessful.
- A finding with a fix carries `fixes`: its text edits as region replacements, and the
  applicability (safe or unsafe) in the fix's properties.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .._version import __version__
from ..catalogue.explain import explain, help_uri
from ..core.fix import describe
from ..engine import Report, all_rules
from .neutral import no_surrogates

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "vbcheckFingerprint/v1"


def _uri(path: str, root: Path) -> tuple[str, str | None]:
    from urllib.parse import quote

    p = Path(path)
    try:
        rel = p.resolve().relative_to(root)
        return quote(os.fsencode(rel.as_posix()), safe="/"), "%SRCROOT%"
    except (ValueError, OSError):
        if p.is_absolute() or p.exists():
            return p.resolve().as_uri(), None
        return quote(os.fsencode(p.as_posix()), safe="/"), None


def build(report: Report, lang: str = "vi", root: str | os.PathLike[str] | None = None) -> dict:
    root_p = Path(root or os.getcwd()).resolve()
    vi = lang != "en"
    rules = all_rules()
    used = sorted({v.code for f in report.files for v in f.violations})
    # Every rule of the run is described, the ones reported first (their index is ruleIndex).
    order = used + [c for c in rules if c not in used]
    index = {c: i for i, c in enumerate(order)}
    stage = next((f.stage for f in report.files if f.stage), "draft")
    driver_rules = []
    for code in order:
        r = rules.get(code)
        if r is None:  # a finding of a rule no longer registered: still describe it
            driver_rules.append({"id": code})
            continue
        summary = r.summary_vi if vi else r.summary_en
        full = f"{summary} [{r.clause}]" if r.clause else summary
        props = {"tags": ["vbcheck", code[:3]], "profiles": sorted(r.profiles), "needs": r.needs}
        if r.fix:
            props["fix"] = list(r.fix)
        if r.clause:
            props["clause"] = r.clause
        driver_rules.append({
            "id": code,
            "name": r.name,
            "shortDescription": {"text": summary},
            "fullDescription": {"text": full},
            "helpUri": help_uri(r),
            "help": {"text": explain(r, lang)},
            "defaultConfiguration": {"level": LEVEL[r.severity_for(stage)]},
            "properties": props,
        })
    results = []
    artifacts: list[dict] = []
    art_index: dict[str, int] = {}
    notifications = []
    for f in report.files:
        uri, base = _uri(f.path, root_p)
        loc = {"uri": uri}
        if base:
            loc["uriBaseId"] = base
        if f.path not in art_index:
            art_index[f.path] = len(artifacts)
            artifacts.append({"location": dict(loc)})
        loc["index"] = art_index[f.path]
        if f.error is not None:
            notifications.append({
                "level": "error",
                "message": {"text": no_surrogates(f"{f.path}: {f.error}")},
                "locations": [{"physicalLocation": {"artifactLocation": dict(loc)}}],
            })
            continue
        for v in f.violations:
            region = {
                "startLine": max(1, v.line), "startColumn": max(1, v.column),
                "endLine": max(v.line, v.end_line), "endColumn": max(1, v.end_column),
            }
            if region["endLine"] == region["startLine"] and region["endColumn"] < region["startColumn"]:
                region["endColumn"] = region["startColumn"]
            if v.text:
                region["snippet"] = {"text": v.text}
            props = {"severity": v.severity, "profile": f.profile, "docType": f.doc_type}
            if v.page is not None:
                props["page"] = v.page
            if v.paragraph is not None:
                props["paragraph"] = v.paragraph + 1
            res = {
                "ruleId": v.code,
                "ruleIndex": index[v.code],
                "level": LEVEL.get(v.severity, "warning"),
                "message": {"text": v.message},
                "locations": [{"physicalLocation": {"artifactLocation": dict(loc), "region": region}}],
                "properties": props,
            }
            fixes = _fixes(v, dict(loc), lang)
            if fixes:
                res["fixes"] = fixes
            if v.fingerprint:
                res["partialFingerprints"] = {
                    FINGERPRINT_KEY: v.fingerprint,
                    # Present, so upload-sarif does not hash "line N" of a ZIP archive.
                    "primaryLocationLineHash": v.fingerprint,
                }
            results.append(res)
    invocation = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {
        "tool": {"driver": {
            "name": "vbcheck",
            "version": __version__,
            "semanticVersion": __version__,
            "language": "vi" if vi else "en",
            "rules": driver_rules,
        }},
        "invocations": [invocation],
        "originalUriBaseIds": {"%SRCROOT%": {"uri": root_p.as_uri() + "/"}},
        "artifacts": artifacts,
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _fixes(v, loc: dict, lang: str) -> list[dict]:
    """A finding's fix as a SARIF `fix`: its text edits as replacements of regions (same lines
    and columns as the result's location: for a .docx, paragraph and offset). Formatting edits
    have no SARIF form; a fix that is only formatting is left out. Applicability in properties."""
    if v.fix is None:
        return []
    replacements = []
    for e in v.fix.edits:
        if e.new is None or e.target != "text":
            continue
        replacements.append({
            "deletedRegion": {"startLine": max(1, e.line), "startColumn": max(1, e.column),
                              "endLine": max(1, e.line), "endColumn": max(e.column, e.end_column)},
            "insertedContent": {"text": e.new},
        })
    if not replacements:
        return []
    return [{"description": {"text": describe(v.fix, lang)},
             "artifactChanges": [{"artifactLocation": loc, "replacements": replacements}],
             "properties": {"applicability": v.fix.applicability}}]


def render(report: Report, lang: str = "vi") -> str:
    return no_surrogates(json.dumps(build(report, lang), ensure_ascii=False, indent=2)) + "\n"
