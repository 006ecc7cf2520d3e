"""`vbcheck rule CODE` (issue 5, part 6) for every registered rule, built-in or plugin: purpose,
clause, severity and the very examples tests/test_catalogue_examples.py runs; by code or name."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from vbcheck.cli import main
from vbcheck.engine import all_rules

RULES = all_rules()


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("code", list(RULES))
def test_rule_explains_itself(code):
    rule = RULES[code]
    for key, lang in ((code, "vi"), (rule.name, "vi"), (code.lower(), "en")):
        r = run("rule", key, "--lang", lang)
        assert r.exit_code == 0, r.output
        out = r.output
        assert out.startswith(f"{code} ({rule.name})")
        assert (rule.summary_en if lang == "en" else rule.summary_vi) in out
        sev = rule.severity if rule.severity != "stage" else rule.draft_severity
        assert (("Severity: " if lang == "en" else "Mức độ: ") + sev) in out
        if rule.clause:
            assert rule.clause in out
        for ex in rule.examples:
            bad = ex.replace.replace("\n", " ⏎ ").strip()
            good = ex.find.replace("\n", " ⏎ ").strip()
            if bad:
                assert bad in out, (code, bad)
            assert good in out, (code, good)


def test_every_rule_is_listed_and_unknown_is_an_error():
    out = run("rules").output
    for code, rule in RULES.items():
        assert f"{code}  {rule.name}" in out
    r = CliRunner().invoke(main, ["rule", "VB999"])
    assert r.exit_code == 2 and "VB999" in r.output


def test_vb008_and_language_rules_are_explained():
    out = run("rule", "VB008").output
    assert "unused-suppression" in out and "vbcheck-disable-next-line VB116" in out
    assert "Mức độ: info" in out
    out = run("rule", "VB205").output
    assert out.startswith("VB205 (") and "Căn cứ: " in out


def test_vb208_explains_each_clause_of_phu_luc_ii_with_examples():
    """`vbcheck rule VB208`: the Phụ lục II clause of every rule it runs (rules/capitalisation.toml,
    the catalogue's `data`) with a sentence reported and one accepted; a dropped rule is not shown;
    the catalogue's examples say which clause makes the good form right."""
    from vbcheck.catalogue.loader import load

    out = run("rule", "VB208", "--lang", "en").output
    assert "Clause: NĐ 30, Phụ lục II" in out
    assert "V.3: theo chỉ đạo của thủ tướng Chính phủ → theo chỉ đạo của Thủ tướng Chính phủ" in out
    assert '(PL II V.3: a title tied to a body is capitalised: "Thủ tướng Chính phủ")' in out
    data = load("capitalisation.toml")["rule"]
    for r in data:
        line = f"{r['section']}{' [info]' if r['status'] == 'info' else ''}: {r['wrong'][0]}"
        assert (line in out) == (r["status"] != "drop"), r["id"]
    vi = run("rule", "VB208").output
    assert "Từng quy định được kiểm tra" in vi and "PL II mục V.3" in vi
