"""Every rule's own examples (rules/catalogue/*.toml) are run: the compliant base must not
trigger the rule, the edited base must (unless the example says it stays compliant), on the
edited line or paragraph. `vbcheck rule CODE` prints the same examples, so the documentation
cannot drift from the behaviour. Text examples edit rules/examples/*.txt; the formatting rules'
examples edit the formatting of the compliant .docx models in rules/examples/*.docx."""

from __future__ import annotations

from pathlib import Path

import pytest

import vbcheck
from vbcheck.catalogue import loader as packs
from vbcheck.catalogue.explain import describe, explain
from vbcheck.engine import all_rules
from vbcheck.writers import examples as X

from . import docx_factory as F
from .conftest import check_text

RULES = all_rules()
EXAMPLES = [(code, i, ex) for code, r in RULES.items() for i, ex in enumerate(r.examples)]


def _check(data: bytes, ex) -> vbcheck.FileResult:
    res = vbcheck.check(data, name=X.base_name(ex), profile=ex.profile, stage=ex.stage).files[0]
    assert res.error is None, res.error
    return res


def test_every_rule_has_an_example_that_is_reported():
    # Rules that judge one document on its own; VB008 (unused suppression) and VB009 (scope) are
    # about the run, and have their own tests.
    missing = [c for c, r in RULES.items() if c.startswith("VB") and c not in ("VB008",)
               and not any(ex.reported for ex in r.examples)]
    assert missing == []


@pytest.mark.parametrize("code,i,ex", EXAMPLES, ids=[f"{c}-{i}" for c, i, _ in EXAMPLES])
def test_example(code, i, ex):
    good = _check(X.base_bytes(ex), ex)
    assert not [v for v in good.violations if v.code == code], f"{code} fires on the compliant base"
    bad = _check(X.edited_bytes(ex), ex)
    hits = [v for v in bad.violations if v.code == code]
    if not ex.reported:
        assert hits == [], f"{code} example {i} is compliant but reported: {[v.message for v in hits]}"
        return
    assert hits, f"{code} example {i} not reported"
    if ex.is_docx or ex.replace.strip():
        lines = X.edited_lines(ex)
        assert any(v.line in lines for v in hits), (lines, [(v.line, v.message) for v in hits])


@pytest.mark.parametrize("code", sorted(c for c, r in RULES.items() if r.examples))
def test_rule_explanation_shows_every_example(code):
    rule = RULES[code]
    for lang in ("vi", "en"):
        text = explain(rule, lang)
        for ex in rule.examples:
            bad, good = describe(ex, lang)
            assert good in text
            if ex.reported:
                assert bad in text


def test_bases_are_clean_of_required_part_findings():
    for base in ("ke-hoach", "cong-van", "quyet-dinh", "ke-hoach-phu-luc", "sao-y"):
        res = check_text(packs.example_base(base), name=f"{base}.txt")
        assert res.profile == "nd30"
        assert [v.code for v in res.violations if v.code.startswith("VB1")] == [], base
    for base in ("dang", "dang-quyet-dinh"):
        res = check_text(packs.example_base(base), name=f"{base}.txt")
        assert res.profile == "dang"
        assert [v.code for v in res.violations if v.code.startswith("VB1")] == [], base


@pytest.mark.parametrize("model", sorted(F.MODELS))
def test_shipped_docx_bases_are_the_models_and_clean(model):
    shipped = Path(packs.rules_dir()) / "examples" / f"{model}.docx"
    assert shipped.read_bytes() == F.build(F.MODELS[model]()), "run scripts/build_example_docx.py"
    res = vbcheck.check(shipped).files[0]
    assert res.violations == [] and res.error is None
