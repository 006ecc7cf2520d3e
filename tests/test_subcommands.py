"""The command line as a click group (issue 14): every sub-command is listed and has --help,
`vbcheck PATH...` is `vbcheck check PATH...`, every sub-command parses its own options
(`--lang=en`, `rules --format json`), user mistakes are one-line usage errors (exit 2)."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from vbcheck.cli import main

from .cli_helpers import EXAMPLE_NAME, copy_example

SUBCOMMANDS = ("check", "rules", "rule", "annotate", "config", "plugins", "serve")
EXAMPLE = f"examples/{EXAMPLE_NAME}"


def run(*args, **kw):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, **kw)


@pytest.fixture
def work(tmp_path, monkeypatch):
    copy_example(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_help_lists_the_subcommands():
    r = run("--help")
    assert r.exit_code == 0
    commands = r.stdout.split("Commands:", 1)[1]
    for name in SUBCOMMANDS:
        assert re.search(rf"(?m)^\s+{name}\b", commands), f"{name} missing from:\n{r.stdout}"


@pytest.mark.parametrize("sub", SUBCOMMANDS)
def test_every_subcommand_has_help(sub):
    r = run(sub, "--help")
    assert r.exit_code == 0, r.output
    usage = r.stdout.split("\n", 1)[0]
    assert usage.startswith("Usage:") and re.search(rf"vbcheck {sub}\b", usage), r.stdout[:500]
    assert "unknown rule" not in r.output


def test_default_command_still_checks_paths(work):
    a, b = run(EXAMPLE), run("check", EXAMPLE)
    assert a.exit_code == b.exit_code == 1
    assert a.stdout == b.stdout and "VB107" in a.stdout


def test_default_command_takes_options_before_paths(work):
    r = run("--select", "VB107", "--format", "json", EXAMPLE)
    assert r.exit_code == 1
    assert [v["code"] for v in json.loads(r.stdout)["files"][0]["violations"]] == ["VB107"]


def test_a_file_named_like_a_subcommand_is_checked_with_check(work):
    (work / "rules").write_bytes((work / EXAMPLE).read_bytes())
    r = run("check", "--format", "json", "rules")
    assert r.exit_code == 2 and json.loads(r.stdout)["files"][0]["path"] == "rules"  # no suffix: unsupported
    assert "VB101" in run("rules").stdout  # the sub-command wins when named first


@pytest.mark.parametrize("args", [["rules", "--lang", "en"], ["rules", "--lang=en"]], ids=["space", "equals"])
def test_rules_lang_en(args):
    vi = run("rules").stdout
    r = run(*args)
    assert r.exit_code == 0 and r.stdout != vi
    line = next(x for x in r.stdout.splitlines() if x.startswith("VB101"))
    assert "missing" in line.lower() and "Thiếu" not in r.stdout


def test_rule_lang_equals_en():
    r = run("rule", "VB101", "--lang=en")
    assert r.exit_code == 0 and "missing" in r.stdout and "Thiếu Quốc hiệu" not in r.stdout


def test_rules_format_json():
    r = run("rules", "--format", "json")
    assert r.exit_code == 0
    rules = json.loads(r.stdout)
    assert isinstance(rules, list) and rules
    for item in rules:
        assert {"code", "name", "severity", "summary"} <= set(item), item
    assert [x["code"] for x in rules] == [x.split()[0] for x in run("rules").stdout.splitlines() if x.strip()]
    en = {x["code"]: x["summary"] for x in json.loads(run("rules", "--format", "json", "--lang", "en").stdout)}
    assert en["VB101"] != {x["code"]: x["summary"] for x in rules}["VB101"]


def test_unknown_rule_is_a_one_line_usage_error():
    r = run("rule", "VB999")
    assert r.exit_code == 2 and r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and "VB999" in r.stderr


@pytest.mark.parametrize("args", [["--color", "sometimes", EXAMPLE], ["--jobs", "many", EXAMPLE],
                                  ["--format", "yaml", EXAMPLE], ["-o", "pdf:x.pdf", EXAMPLE],
                                  ["--select", "VB999", EXAMPLE], ["annotate", "kh.txt"], ["check"]],
                         ids=["color", "jobs", "format", "output", "select", "annotate", "no-path"])
def test_user_mistakes_are_one_line_usage_errors(work, args):
    (work / "kh.txt").write_text("x\n", encoding="utf-8")
    r = run(*args)
    assert r.exit_code == 2, r.output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("vbcheck: "), r.stderr
    assert "internal error" not in r.stderr and "Traceback" not in r.stderr
    assert r.stdout == ""
