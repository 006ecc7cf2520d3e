"""VB208 (capitalisation, NĐ 30 Phụ lục II): every rule of rules/capitalisation.toml against its
own sentences (`wrong` must be reported by that rule, `ok` must not), the data's conventions, and
the rule on documents (the catalogue examples run in test_catalogue_examples.py; constructed and
corpus cases in tests/cases)."""

from __future__ import annotations

import pytest

from vbcheck.catalogue import loader as packs
from vbcheck.checks import capitalisation as C

from .conftest import check_text

RULES = C.all_rules()


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.id)
def test_rule_reports_its_wrong_sentences_and_not_its_ok_ones(r):
    assert r.wrong and r.ok, f"{r.id} needs wrong and ok sentences"
    for s in r.wrong:
        t = C.tone_text(s)
        got = list(r.findings(t, C._title_line(t)))
        assert got, f"{r.id} misses {s!r}"
    for s in r.ok:
        t = C.tone_text(s)
        assert not list(r.findings(t, C._title_line(t))), f"{r.id} reports {s!r}"


def test_every_rule_names_its_phu_luc_ii_section_and_a_right_form():
    data = packs.load("capitalisation.toml")
    for d in data["rule"]:
        assert d.get("section") and d.get("status") in ("keep", "info", "drop"), d["id"]
        assert d.get("right") or d.get("names"), d["id"]
    dropped = [d["id"] for d in data["rule"] if d["status"] == "drop"]
    assert dropped == ["cap-tet-word"] and "cap-tet-word" not in {r.id for r in C.rules()}


def test_one_finding_per_stretch_and_the_right_form():
    found = C.paragraph_findings("Tham gia Ủy ban Mặt trận Tổ Quốc Việt Nam tỉnh.")
    assert [(f.rule.id, f.text, f.right) for f in found] == [
        ("cap-fixed-name", "Ủy ban Mặt trận Tổ Quốc", "Ủy ban Mặt trận Tổ quốc")]


def test_tone_placement_is_not_vb208s_business():
    assert not C.paragraph_findings("Phối hợp với Ủy ban nhân dân và Sở Văn hoá, Thể thao và Du lịch.")
    assert C.tone_text("Uỷ ban hoá") == "Ủy ban hóa"


def test_location_severity_and_message_in_a_document():
    base = packs.example_base("ke-hoach")
    text = base.replace("báo cáo kết quả về Văn phòng Sở", "báo cáo kết quả về Văn phòng Sở, ngân sách Nhà nước và Sở Tài Chính")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "Sở Tài Chính" in t)
    vs = [v for v in check_text(text, select=("VB208",)).violations]
    got = [(v.line, v.text, v.severity) for v in vs]
    assert got == [(line, "ngân sách Nhà nước", "info"), (line, "Tài Chính", "warning")]
    assert '"Tài chính"' in vs[1].message and "IV.1.a" in vs[1].message


def test_not_in_the_header_the_signature_or_a_heading_in_capitals():
    base = packs.example_base("ke-hoach")
    text = base.replace("PHÓ GIÁM ĐỐC", "PHÓ GIÁM ĐỐC SỞ TÀI CHÍNH").replace("Nguyễn Văn An", "Nguyễn văn An")
    assert not check_text(text, select=("VB208",)).violations


def test_wrong_form_for_vb205():
    assert C.wrong_form("Sở Tài Chính") and not C.wrong_form("Sở Tài chính")
    assert C.wrong_form("Mặt trận Tổ Quốc Việt Nam") and not C.wrong_form("Mặt trận Tổ quốc Việt Nam")
    assert C.wrong_form("Ban chỉ đạo") and not C.wrong_form("Ban Chỉ đạo")


def test_catalogue_lists_what_cannot_be_decided():
    r = packs.rule("VB208")
    sections = " ".join(x["section"] for x in r.not_evaluated)
    for s in ("II.1", "III.1.d", "IV.1.a", "V.4", "V.8.c"):
        assert s in sections
    assert all(x["vi"] and x["en"] for x in r.not_evaluated)


def test_speed_path_gives_the_same_findings_as_the_plain_one(monkeypatch):
    """The guards (a rule runs only where a word it needs is), the names searched in small
    letters and the patterns with their first character first are speed tricks: on every paragraph VB208 reads in the corpus and the seeds, and on
    every rule's sentences, the findings equal those of every rule run plainly."""
    import re

    from vbcheck.engine.run import read
    from vbcheck.anatomy import analyse

    from .conftest import CORPUS, SEEDS, need_shared

    need_shared()
    texts = [s for r in C.all_rules() for s in r.wrong + r.ok]
    for f in sorted((CORPUS / "text").glob("*.txt")) + sorted((CORPUS / "docx").glob("*.docx")) + sorted(SEEDS.glob("*.txt")):
        doc = read(str(f), f.read_bytes())
        texts += [p.text for p in C.scope(doc, analyse(doc))]
    fast = [[(x.rule.id, x.start, x.end, x.right) for x in C.paragraph_findings(t)] for t in texts]
    for r in C.rules():
        if r.low is not None:
            monkeypatch.setattr(r, "low", None)
            monkeypatch.setattr(r, "rx", re.compile(r._rx_source, re.IGNORECASE))
        else:  # as written, not with its first character first (text/leading.py)
            monkeypatch.setattr(r, "rx", re.compile(r.plain))
    monkeypatch.setattr(C.CapRule, "may_match", lambda self, *a: True)
    monkeypatch.setattr(C, "passing", lambda p: list(C.rules()))  # (every rule, no dispatch)
    plain = [[(x.rule.id, x.start, x.end, x.right) for x in C.paragraph_findings(t)] for t in texts]
    assert fast == plain
    assert sum(map(len, fast)) > 60  # the corpus has findings: the comparison is not empty


def _dispatch_texts() -> list[str]:
    """Every paragraph VB208 reads in the corpus and the seeds, every rule's sentences, and
    sentences built from the data file: each name and each need, as written, in small letters
    and in capitals, alone, inside a sentence, glued to punctuation and inside a longer word."""
    from vbcheck.anatomy import analyse
    from vbcheck.engine.run import read

    from .conftest import CORPUS, SEEDS, need_shared

    need_shared()
    texts = [s for r in C.all_rules() for s in r.wrong + r.ok]
    for f in sorted((CORPUS / "text").glob("*.txt")) + sorted((CORPUS / "docx").glob("*.docx")) + sorted(SEEDS.glob("*.txt")):
        doc = read(str(f), f.read_bytes())
        texts += [p.text for p in C.scope(doc, analyse(doc))]
    pieces = [x for r in C.all_rules() for x in (r.names or []) + list(r.need_words) + list(r.need_strings) + list(r.need_written)]
    for x in pieces:
        for y in (x, x.lower(), x.upper(), x[:1].upper() + x[1:]):
            texts += [y, f"Gửi {y} và các đơn vị.", f"({y}),{y}.", f"x{y}x", f"{y} số 12/2025/NĐ-CP, Khoản 2"]
    # text that does not fold as it lowers (ß, final sigma, the Kelvin sign): every rule is asked
    texts += ["Straße tỉnh quảng ngãi", "ΟΔΟΣ tỉnh quảng ngãi", "\u212a tỉnh quảng ngãi", "İ thủ đô hà nội"]
    return texts


def test_dispatch_passes_exactly_the_rules_whose_guard_passes():
    """_Dispatch (passing) gives, in the data file's order, exactly the rules that run whose
    may_match is true, on every text VB208 reads in the corpus and the seeds and on sentences
    built from the data file; Prepared.words, which keeps only the words some guard reads,
    gives every guard the answer the paragraph's whole word set gives."""
    texts = _dispatch_texts()
    passed = 0
    for text in texts:
        t = C.tone_text(text)
        p = C.prepare(t)
        want = [r.id for r in C.rules() if r.may_match(p)]
        assert [r.id for r in C.passing(p)] == want, text
        passed += len(want)
        folded = t.casefold().translate(C._FOLD_EXTRA)
        whole = p._replace(words=frozenset(C._FOLDED_WORD.findall(folded)))
        assert p.words <= whole.words and p.folded == folded
        assert [r.id for r in C.all_rules() if r.may_match(whole)] == [r.id for r in C.all_rules() if r.may_match(p)]
    assert passed > 5000  # the texts wake the rules: the comparison is not empty
    assert C._dispatch().indexed


def test_guard_word_tests_rest_on_lower_keeping_word_characters():
    """CapRule.may_match reads a name's words among the paragraph's folded words where the text
    folds as it lowers: sound because lower() never makes a word character of a non-word one or
    the reverse (every code point whose small form is one character), and because every names
    rule gets its word index, and the pattern rules their `needs_written`, from the data."""
    import re
    import sys

    w = re.compile(r"\w")
    bad = [c for c in map(chr, range(sys.maxunicode + 1))
           if len(c.lower()) == 1 and bool(w.match(c)) != bool(w.match(c.lower()))]
    assert bad == []
    names = [r for r in C.all_rules() if r.names]
    assert names and all(r.name_words for r in names)
    assert sum(1 for r in C.all_rules() if r.need_written) >= 15
    # a paragraph with none of a rule's words is skipped; one with them is searched
    place = next(r for r in names if r.id == "cap-place-name")
    assert not place.may_match(C.prepare("Gửi các đơn vị."))
    assert place.may_match(C.prepare("Gửi tỉnh quảng ngãi."))
    assert [f.right for f in C.paragraph_findings("Gửi tỉnh quảng ngãi.")] == ["Quảng Ngãi"]


def test_sentence_start_pattern_matches_as_its_plain_form():
    """cap-sentence-start's pattern puts the mark first so that sre skips to it (a speed trick in
    rules/capitalisation.toml): on generated strings its group x gives the same spans as the
    plain form's group 1 (a lookbehind before the word)."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    (r,) = [r for r in C.all_rules() if r.id == "cap-sentence-start"]
    data = packs.load("capitalisation.toml")["data"]
    plain = re.compile(C._expand(r"""(?<=[{LC}\d)”"][.?!]\s)({L}+)""", data))

    @settings(max_examples=400, deadline=None, derandomize=True)
    @given(st.text(alphabet="aàĐđB1).?! \n\t\u00a0”\"-", max_size=40))
    def same(text):
        assert [m.span("x") for m in r.rx.finditer(text)] == [m.span(1) for m in plain.finditer(text)]

    same()
    text = "Xong ngày 15/12. đề nghị. B. c! d?\te 1. f) . g"
    assert [m.span("x") for m in r.rx.finditer(text)] == [m.span(1) for m in plain.finditer(text)] != []


def test_fix_gives_the_right_capitals_and_keeps_the_letters():
    base = packs.example_base("ke-hoach")
    text = base.replace("báo cáo kết quả về Văn phòng Sở", "báo cáo kết quả về Văn phòng Sở, Uỷ Ban nhân dân và Sở Tài Chính")
    vs = check_text(text, select=("VB208",)).violations
    edits = [(v.fix.applicability, v.fix.edits[0].old, v.fix.edits[0].new) for v in vs]
    assert edits == [("unsafe", "Uỷ Ban", "Uỷ ban"), ("unsafe", "Tài Chính", "Tài chính")]
