"""Every rule's own examples (rules/catalogue/*.toml) are run: the compliant base must not
trigger the rule, the edited base must, on the edited line. `vbcheck rule CODE` prints the same
examples, so the documentation cannot drift from the behaviour."""

from __future__ import annotations

import pytest

from vbcheck.catalogue import loader as packs
from vbcheck.engine import all_rules

from .conftest import check_text

RULES = all_rules()
EXAMPLES = [(code, i, ex) for code, r in RULES.items() for i, ex in enumerate(r.examples)]


def test_every_text_rule_has_an_example():
    missing = [c for c, r in RULES.items() if r.needs == "text" and not r.examples and r.code.startswith("VB1")]
    assert missing == []


@pytest.mark.parametrize("code,i,ex", EXAMPLES, ids=[f"{c}-{i}" for c, i, _ in EXAMPLES])
def test_example(code, i, ex):
    base = packs.example_base(ex.base)
    assert ex.find in base, f"{code} example {i}: '{ex.find}' not in base {ex.base}"
    good = check_text(base, name=f"{ex.base}.txt", profile=ex.profile, stage=ex.stage)
    assert not [v for v in good.violations if v.code == code], f"{code} fires on the compliant base"
    bad_text = base.replace(ex.find, ex.replace, 1)
    bad = check_text(bad_text, name=f"{ex.base}.txt", profile=ex.profile, stage=ex.stage)
    hits = [v for v in bad.violations if v.code == code]
    assert hits, f"{code} example {i} not reported: {ex.replace!r}"
    if ex.replace.strip():
        # The finding sits on the edited line.
        line = base[: base.index(ex.find)].count("\n") + 1
        lines = set(range(line, line + ex.replace.count("\n") + 1))
        assert any(v.line in lines for v in hits), [(v.line, v.message) for v in hits]


def test_bases_are_clean_of_required_part_findings():
    for base in ("ke-hoach", "cong-van"):
        res = check_text(packs.example_base(base), name=f"{base}.txt")
        assert [v.code for v in res.violations if v.code.startswith("VB1")] == []
    res = check_text(packs.example_base("dang"), name="dang.txt")
    assert res.profile == "dang"
    assert [v.code for v in res.violations if v.code.startswith("VB1")] == []
