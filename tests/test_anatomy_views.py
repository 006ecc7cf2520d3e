"""`starts_with`'s first-letter test (anatomy/views.py `opening_letter`) answers as the plain
fold-and-match does, on every paragraph of the shipped example, the seeds and the corpus, and
on openings written to defeat it (a wrapped "Nơi" / "nhận:", capitals, letters that fold to
the same letter, a leading space)."""

from __future__ import annotations

import re

import pytest

from vbcheck.anatomy import views
from vbcheck.anatomy.patterns import F_KINH_GUI, F_NOI_NHAN, F_RULE_LINE, F_VV
from vbcheck.core.model import Paragraph
from vbcheck.engine import read

from .conftest import ROOT, SEEDS, corpus_files

PATTERNS = (F_NOI_NHAN, F_KINH_GUI, F_VV, F_RULE_LINE)


def _plain(paras, i, pattern, monkeypatch) -> bool:
    with monkeypatch.context() as m:
        m.setattr(views, "opening_letter", lambda p: None)
        return views.starts_with(paras, i, pattern)


def _same(paras, monkeypatch) -> int:
    hits = 0
    for pattern in PATTERNS:
        for i in range(len(paras)):
            fast = views.starts_with(paras, i, pattern)
            assert fast == _plain(paras, i, pattern, monkeypatch), (pattern.pattern, paras[i].text)
            hits += fast
    return hits


def _para(i: int, text: str, gap: bool = False) -> Paragraph:
    return Paragraph(index=i, text=text, line=i + 1, cols=range(len(text) + 1), gap_before=gap)


def test_opening_letter_reads_only_a_plain_anchored_letter():
    assert views.opening_letter(F_NOI_NHAN) == "n"
    assert views.opening_letter(F_KINH_GUI) == "k"
    assert views.opening_letter(F_RULE_LINE) is None
    for source in ("^a|b", "^a?b", "^[ab]c", "a", "^Ab", "^\\s*a"):
        assert views.opening_letter(re.compile(source)) is None, source
    assert views.opening_letter(re.compile("^ab", re.IGNORECASE)) is None


@pytest.mark.parametrize("texts", [
    ["Nơi nhận:", "- Như trên;"],
    ["NƠI NHẬN:", "- Lưu: VT."],
    ["Nơi", "nhận:"],
    ["Kính", "gửi: Ủy ban nhân dân tỉnh"],
    [" Nơi nhận:", "Ñoi nhan:"],
    ["Ńơi nhận:", "ǹoi nhan:"],
    ["Kính gửi:", "Kính trình:", "Kinh goi"],
    ["V/v: báo cáo", "----", "", "n", "k"],
])
def test_same_answers_on_written_openings(texts, monkeypatch):
    paras = [_para(i, t) for i, t in enumerate(texts)]
    assert _same(paras, monkeypatch) >= 1


def _documents():
    files = [ROOT / "examples" / "ke-hoach-du-thao.docx"]
    if SEEDS.is_dir():
        files += sorted(p for p in SEEDS.iterdir() if p.is_file())
    return files + corpus_files("docx") + corpus_files("text")


def test_same_answers_on_every_paragraph_of_real_documents(monkeypatch):
    hits = 0
    for path in _documents():
        try:
            doc = read(str(path), path.read_bytes())
        except Exception:  # noqa: BLE001 - a corpus file the reader refuses has no paragraphs
            continue
        hits += _same(doc.paragraphs, monkeypatch)
    assert hits >= 1  # the example's Nơi nhận at least
