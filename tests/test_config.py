"""Configuration (issue 5, part 1): discovery from the checked file upwards, precedence
CLI > nearest config > defaults, validation that names the bad key or rule, per-file-ignores,
the language keys the language rules read, data packs, and `vbcheck config --show`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import vbcheck
from vbcheck import config as cfg
from vbcheck.catalogue import loader as packs
from vbcheck.cli import main
from vbcheck.core.errors import ConfigError

BASE = packs.example_base("ke-hoach")
# One warning (VB122) on line 27 and nothing else in the compliant base.
BAD_LUU = BASE.replace("- Lưu: VT, VP.", "- Lưu: VT,VP.")
# VB201 for the undefined MTTQ and VB206 for the mixed tone marks, on line 18.
LANG = BASE.replace("2. Bảo đảm thiết thực, hiệu quả, tiết kiệm.",
                    "2. Phối hợp với MTTQ tỉnh. Hóa đơn, hoá chất, hóa học.")


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def codes(path_or_text, **kw):
    """Codes for a path (given as str(path)) or the text of a document (containing a line break)."""
    fn = vbcheck.check_text if "\n" in path_or_text else vbcheck.check
    return [v.code for v in fn(path_or_text, **kw).files[0].violations]


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A throwaway project: a git root with drafts/ inside."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "kh.txt").write_text(BAD_LUU, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_vbcheck_toml_found_from_the_file_upwards(project):
    (project / "vbcheck.toml").write_text('ignore = ["VB122"]\n', encoding="utf-8")
    r = run("drafts/kh.txt")
    assert r.exit_code == 0 and "VB122" not in r.output
    r = run("--isolated", "drafts/kh.txt")
    assert "VB122" in r.output


def test_pyproject_counts_only_with_tool_vbcheck(project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert cfg.find_config(project / "drafts" / "kh.txt") is None
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.vbcheck]\nignore = ["VB122"]\n',
                                            encoding="utf-8")
    assert cfg.find_config(project / "drafts" / "kh.txt") == project / "pyproject.toml"
    assert "VB122" not in run("drafts/kh.txt").output


def test_nearest_config_wins_and_search_stops_at_git(project):
    (project / "vbcheck.toml").write_text('ignore = ["VB122"]\n', encoding="utf-8")
    (project / "drafts" / "vbcheck.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    r = run("drafts/kh.txt")  # the nearer file has no ignore: VB122 reported, and fails
    assert "VB122" in r.output and r.exit_code == 1
    # A config above the .git folder is not found.
    inner = project / "repo"
    (inner / ".git").mkdir(parents=True)
    (inner / "kh.txt").write_text(BAD_LUU, encoding="utf-8")
    assert cfg.find_config(inner / "kh.txt") is None


def test_precedence_cli_over_config_over_defaults(project):
    (project / "vbcheck.toml").write_text('fail-on = "warning"\nlang = "en"\n', encoding="utf-8")
    r = run("drafts/kh.txt")
    assert r.exit_code == 1 and " VB122 warning " in r.output  # config: fail-on and lang
    r = run("--fail-on", "error", "--lang", "vi", "drafts/kh.txt")
    assert r.exit_code == 0 and " VB122 cảnh báo " in r.output  # the CLI wins
    s = cfg.settings_for("drafts/kh.txt", stage="final")
    assert (s.stage, s.sources["stage"]) == ("final", "cli")
    assert (s.fail_on, s.sources["fail-on"]) == ("warning", "config")
    assert (s.profile, s.sources["profile"]) == ("auto", "default")


@pytest.mark.parametrize("text,named", [
    ('slect = ["VB1"]\n', "slect"),
    ('select = ["VB999"]\n', "VB999"),
    ('[per-file-ignores]\n"*.txt" = ["no-such-rule"]\n', "no-such-rule"),
    ('[language]\nknown_abbrevs = ["X"]\n', "known_abbrevs"),
    ('profile = "bogus"\n', "bogus"),
    ('language = "en"\n', "lang"),
])
def test_unknown_key_or_rule_is_an_error_naming_it(project, text, named):
    (project / "vbcheck.toml").write_text(text, encoding="utf-8")
    r = CliRunner().invoke(main, ["drafts/kh.txt"])
    assert r.exit_code == 2
    assert named in r.output and "vbcheck.toml" in r.output


def test_per_file_ignores_relative_to_the_config(project):
    (project / "vbcheck.toml").write_text('[per-file-ignores]\n"drafts/*.txt" = ["noi-nhan-format"]\n',
                                          encoding="utf-8")
    (project / "other.txt").write_text(BAD_LUU, encoding="utf-8")
    data = json.loads(run("--format", "json", "drafts/kh.txt", "other.txt").output)
    got = {f["path"]: [v["code"] for v in f["violations"]] for f in data["files"]}
    assert got == {"drafts/kh.txt": [], "other.txt": ["VB122"]}


def test_per_file_ignores_for_docx(project):
    import shutil
    from pathlib import Path

    src = Path(__file__).resolve().parent.parent / "examples" / "ke-hoach-du-thao.docx"
    shutil.copy(src, project / "drafts" / "kh.docx")
    assert "VB107" in codes(str(project / "drafts" / "kh.docx"), config="auto")
    (project / "vbcheck.toml").write_text('[per-file-ignores]\n"*.docx" = ["VB107"]\n', encoding="utf-8")
    assert "VB107" not in codes(str(project / "drafts" / "kh.docx"), config="auto")


def test_language_keys_reach_the_language_rules():
    assert codes(LANG) == ["VB201", "VB206"]
    assert codes(LANG, config={"language": {"known_abbreviations": ["MTTQ"]}}) == ["VB206"]
    # House style "second" (hoá): the two "hóa" are the ones reported.
    res = vbcheck.check_text(LANG, config={"language": {"tone_style": "second"}}).files[0]
    assert {"Hóa", "hóa"} <= {v.text for v in res.violations if v.code == "VB206"}
    # kebab-case keys are accepted too
    assert codes(LANG, config={"language": {"known-abbreviations": ["MTTQ"]}}) == ["VB206"]


def test_data_packs_from_config_paths(project):
    (project / "rules").mkdir()
    (project / "rules" / "so-noi-vu.toml").write_text('issuer_codes = ["MTTQ"]\nterms = ["Sở Nội vụ"]\n',
                                                       encoding="utf-8")
    (project / "drafts" / "kh.txt").write_text(LANG, encoding="utf-8")
    assert "VB201" in codes(str(project / "drafts" / "kh.txt"), config="auto")
    (project / "vbcheck.toml").write_text('packs = ["rules"]\n', encoding="utf-8")
    assert "VB201" not in codes(str(project / "drafts" / "kh.txt"), config="auto")
    s = cfg.settings_for(project / "drafts" / "kh.txt")
    assert "MTTQ" in s.language["known_abbreviations"] and "Sở Nội vụ" in s.language["terms"]
    (project / "rules" / "bad.toml").write_text('issuers = ["X"]\n', encoding="utf-8")
    cfg.files._load_cached.cache_clear()
    with pytest.raises(ConfigError, match="issuers"):
        cfg.settings_for(project / "drafts" / "kh.txt")


def test_config_show(project):
    (project / "pyproject.toml").write_text(
        '[tool.vbcheck]\nstage = "final"\n[tool.vbcheck.per-file-ignores]\n"*.txt" = ["VB122"]\n'
        '[tool.vbcheck.language]\ntone_style = "first"\n', encoding="utf-8")
    r = run("config", "--show", "drafts/kh.txt")
    assert r.exit_code == 0
    assert "pyproject.toml [tool.vbcheck]" in r.output
    assert 'stage = "final"  # config' in r.output
    assert 'profile = "auto"  # default' in r.output
    assert 'per-file-ignores = ["VB122"]' in r.output
    assert 'tone_style = "first"' in r.output
    data = json.loads(run("config", "--show", "--format", "json", "drafts/kh.txt").output)
    assert data["stage"] == "final" and data["config"].endswith("pyproject.toml")


def test_library_config_argument_and_explicit_arguments_win():
    assert codes(BAD_LUU, config={"ignore": ["VB122"]}) == []
    assert codes(BAD_LUU, config={"ignore": ["VB122"]}, ignore=["VB1"]) == []
    # ruff's resolution: an `ignore` argument adds to the configuration's, a `select` argument
    # starts afresh (the configuration's ignore no longer applies).
    assert codes(BAD_LUU, config={"ignore": ["VB122"]}, ignore=["VB2"]) == []
    assert codes(BAD_LUU, config={"ignore": ["VB122"]}, select=["VB122"]) == ["VB122"]
    assert codes(BAD_LUU, config={"select": ["VB2"]}, extend_select=["VB122"]) == ["VB122"]
    with pytest.raises(ConfigError, match="wrong-key"):
        vbcheck.check_text(BAD_LUU, config={"wrong-key": 1})
    rep = vbcheck.check_text(BAD_LUU, config={"fail-on": "warning"})
    assert rep.exit_code() == 1 and vbcheck.check_text(BAD_LUU).exit_code() == 0


def test_glob_match():
    assert cfg.glob_match("drafts/*.docx", "drafts/a.docx")
    assert not cfg.glob_match("drafts/*.docx", "drafts/x/a.docx")
    assert cfg.glob_match("drafts/**/*.docx", "drafts/x/y/a.docx")
    assert cfg.glob_match("**/*.docx", "a.docx")
    assert cfg.glob_match("*.md", "deep/down/a.md")  # no '/': the file name anywhere
