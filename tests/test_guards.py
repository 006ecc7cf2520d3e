"""Every speed guard (src/vbcheck/text/guards.py) accepts all text its patterns match, so skipping
a search where the guard says no never drops a finding. Proved three ways: on strings generated
from each pattern itself (hypothesis.from_regex), on every paragraph of the corpus and the seeds,
and on the texts that sit at each guard's edge."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vbcheck
from vbcheck.text.guards import GUARDS

from .conftest import CORPUS, SEEDS, need_shared

# Import every module: each registers its guards when imported.
for _mod in pkgutil.walk_packages(vbcheck.__path__, "vbcheck."):
    if not _mod.name.endswith("__main__") and not _mod.name.startswith(("vbcheck.web", "vbcheck.runs.distributed")):
        importlib.import_module(_mod.name)

# Guards built from data register when the data is compiled (VB208: rules/capitalisation.toml).
importlib.import_module("vbcheck.checks.capitalisation").all_rules()

CASES = [(g, i) for g in GUARDS for i in range(len(g.patterns))]
IDS = [f"{g.name}-{i}" for g, i in CASES]


def test_guards_are_registered():
    names = {g.name for g in GUARDS}
    assert {"citation of a document number", "VB207 marks", "Markdown table row or rule",
            "VB001 Latin-1 letters Vietnamese never uses"} <= names
    assert len(names) == len(GUARDS), "two guards share a name"


@pytest.mark.parametrize("g,i", CASES, ids=IDS)
def test_guard_accepts_what_its_pattern_matches(g, i):
    pattern = g.patterns[i]

    @settings(max_examples=100, suppress_health_check=list(HealthCheck), deadline=None, derandomize=True)
    @given(st.from_regex(pattern))
    def prop(text):
        if pattern.search(text):
            assert g.may_match(text), (g.name, text)

    prop()


def test_guards_on_every_corpus_paragraph():
    need_shared()
    files = sorted((CORPUS / "text").glob("*.txt")) + sorted((CORPUS / "docx").glob("*.docx")) + sorted(SEEDS.glob("*"))
    from vbcheck.engine import read, read_file

    checked = 0
    for f in files:
        doc = read(str(f), read_file(str(f)))
        texts = [p.text for p in doc.paragraphs] + f.read_bytes().decode("utf-8", "replace").splitlines()
        for text in texts:
            for g in GUARDS:
                if any(p.search(text) for p in g.patterns):
                    checked += 1
                    assert g.may_match(text), (g.name, f.name, text[:120])
    assert checked > 1000  # the corpus exercises the guards


@pytest.mark.parametrize("name,text", [
    ("VB20x glossary label", "CÁC TỪ VIẾT TẮT:"),
    ("VB20x glossary title", "DANH MỤC CÁC TỪ VIẾT TẮT"),
    ("citation of a document number", "số 25-KH ngày"),
    ("citation of a document number", "Số: …/QĐ-UBND"),
    ("URL or e-mail address", "xem WWW.CHINHPHU.VN"),
    ("URL or e-mail address", "cổng thông tin sonv.lamdong.GOV.vn"),
    ("VB207 marks", "thiết thực , hiệu quả"),
    ("VB207 marks", "thiết thực,hiệu quả"),
    ("footnote reference", "Văn bản¹ ban hành"),
])
def test_guards_at_their_edges(name, text):
    (g,) = [g for g in GUARDS if g.name == name]
    assert any(p.search(text) for p in g.patterns), "the edge case must match its pattern"
    assert g.may_match(text)
