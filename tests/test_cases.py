"""Cases of tests/cases: each document is checked and compared with its `.expected` sidecar
(format: tests/cases/README.md): what must be reported, on which line and text; the traps that
must stay silent; the codes a case judges (any other finding of them is a false alarm)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import vbcheck
from vbcheck.engine.run import all_rules

CASES = Path(__file__).parent / "cases"
_ENTRY = re.compile(r'^(?P<kind>REPORT|NOT)\s+(?P<code>\S+)\s+(?P<line>\d+|\*)\s+"(?P<text>[^"]*)"\s*(?:—\s*(?P<why>.*))?$')
# Rules another issue builds (issue 13): their REPORT lines are checked once the rule exists.
OTHER_ISSUE = {"VB131", "VB209"}


def parse(path: Path) -> dict:
    spec = {"profile": "auto", "judge": set(), "report": [], "not": [], "only": None, "not_evaluated": []}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("profile "):
            spec["profile"] = line.split()[1]
        elif line.startswith("judge "):
            spec["judge"] = set(line.split()[1:])
        elif line.startswith("ONLY "):
            spec["only"] = line.split()[1]
        elif line.startswith("NOT_EVALUATED "):
            spec["not_evaluated"].append(line.split()[1])
        else:
            m = _ENTRY.match(line)
            assert m, f"{path.name}: cannot read {raw!r}"
            spec["report" if m["kind"] == "REPORT" else "not"].append(m.groupdict())
    return spec


def _within(short: str, long: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long) is not None


def text_ok(want: str, got: str) -> bool:
    return not want or _within(want, got) or (bool(got) and _within(got.strip(), want))


def cases() -> list[Path]:
    return sorted(p for p in CASES.iterdir()
                  if p.suffix in (".txt", ".md", ".docx") and p.with_suffix(".expected").exists())


def differences(case: Path) -> list[str]:
    """What differs between vbcheck's result on `case` and its sidecar (empty: the case passes)."""
    spec = parse(case.with_suffix(".expected"))
    res = vbcheck.check(str(case), lang="en").files[0]
    assert not res.internal_errors and not res.error, (res.internal_errors, res.error)
    found = res.violations
    rules = all_rules()
    out = []
    if spec["profile"] != "auto" and res.profile != spec["profile"]:
        out.append(f"profile {res.profile}, want {spec['profile']}")
    used = set()
    for r in spec["report"]:
        codes = r["code"].split("|")
        if not any(c in rules for c in codes) and set(codes) <= OTHER_ISSUE:
            continue
        hit = [i for i, f in enumerate(found) if f.code in codes and str(f.line) == r["line"]
               and text_ok(r["text"], f.text)]
        used.update(hit)
        if not hit:
            out.append(f"missed {r['code']} {r['line']} {r['text']!r}: {r['why']}")
    def trapped(f) -> bool:
        return any(f.code in n["code"].split("|") and n["line"] in ("*", str(f.line)) and text_ok(n["text"], f.text)
                   for n in spec["not"])
    for i, f in enumerate(found):
        if i in used:
            continue  # a finding a REPORT line asks for (a trap of the same text elsewhere on the line is another finding)
        if trapped(f):
            out.append(f"false alarm {f.code} {f.line} {f.text[:40]!r} (a trap)")
        elif i not in used and f.code in spec["judge"]:
            out.append(f"extra {f.code} {f.line} {f.text[:40]!r}: {f.message[:80]}")
    if spec["only"]:
        mine = [f for f in found if f.code in spec["only"].split("|")]
        others = sorted({f.code for f in found} - set(spec["only"].split("|")))
        if len(mine) != 1 or others:
            out.append(f"want exactly one {spec['only']} and nothing else, got {[f.code for f in found]}")
    listed = {x["code"] for x in res.not_evaluated}
    out += [f"{c} not under not_evaluated" for c in spec["not_evaluated"] if c not in listed]
    return out


@pytest.mark.parametrize("case", cases(), ids=lambda p: p.name)
def test_case(case):
    diff = differences(case)
    assert not diff, "\n".join(diff)
