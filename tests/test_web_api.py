"""The JSON API under `vbcheck serve` (issue 16), through Starlette's test client: check,
annotate and rules give what the command line gives; bad uploads (not a document, too big, a
corrupt or bombed zip, a malformed form) get one clear line; concurrent requests get the right
answers, and a slow check does not hold up the others."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from starlette.testclient import TestClient

import vbcheck
from vbcheck.catalogue import loader as packs
from vbcheck.catalogue.explain import explain
from vbcheck.engine import all_rules
from vbcheck.web import jobs
from vbcheck.web.app import create_app

from .test_hostile import _bomb

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ke-hoach-du-thao.docx"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BASE = packs.example_base("ke-hoach")
BAD_TEXT = BASE.replace("Số: 15/KH-SNV", "Số: 5/KH-SNV").replace("- Lưu: VT, VP.", "- Lưu: VT,VP.")


@pytest.fixture(scope="module")
def client():
    # The real thing: a pool of two worker processes.
    with TestClient(create_app(workers=2)) as c:
        yield c


def upload(name: str, data: bytes, ctype: str = "application/octet-stream"):
    return {"file": (name, data, ctype)}


def expected(data: bytes, name: str, **kw) -> dict:
    """What the library (and so `vbcheck --format json`) says about the same bytes."""
    return vbcheck.check(data, name=name, **kw).as_dict()


def comments_of(docx_bytes: bytes) -> list[str]:
    from docx.oxml.ns import qn
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        root = etree.fromstring(z.read("word/comments.xml"))
    return ["".join(t.text or "" for t in c.iter(qn("w:t"))) for c in root.iter(qn("w:comment"))]


# --------------------------------------------------------------------------- check


def test_check_gives_the_json_report_of_the_command_line(client):
    data = EXAMPLE.read_bytes()
    r = client.post("/api/check", files=upload(EXAMPLE.name, data))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    assert r.json() == expected(data, EXAMPLE.name)
    codes = [v["code"] for v in r.json()["files"][0]["violations"]]
    assert "VB107" in codes and "VB122" in codes


def test_check_several_files_in_one_request(client):
    files = [("file", (EXAMPLE.name, EXAMPLE.read_bytes(), DOCX)),
             ("file", ("ke-hoach.txt", BAD_TEXT.encode(), "text/plain"))]
    body = client.post("/api/check", files=files).json()
    assert [f["path"] for f in body["files"]] == [EXAMPLE.name, "ke-hoach.txt"]
    assert body["files"][1] == expected(BAD_TEXT.encode(), "ke-hoach.txt")["files"][0]
    assert body["summary"]["files"] == 2


def test_check_options_profile_stage_lang_select(client):
    data = BAD_TEXT.encode()
    for fields in ({"stage": "final"}, {"profile": "dang"}, {"lang": "en"}, {"select": "VB107,VB122"},
                   {"ignore": "VB1"}):
        r = client.post("/api/check", files=upload("kh.txt", data), data=fields)
        assert r.status_code == 200, r.text
        kw = {k: (v.split(",") if k in ("select", "ignore") else v) for k, v in fields.items()}
        assert r.json() == expected(data, "kh.txt", **kw), fields


@pytest.mark.parametrize("fields, words", [
    ({"profile": "army"}, "unknown profile 'army'"),
    ({"stage": "late"}, "unknown stage 'late'"),
    ({"select": "VB9999"}, "no rule matches 'VB9999'"),
    ({"format": "pdf"}, "unknown format 'pdf'"),
])
def test_check_refuses_bad_options_in_one_line(client, fields, words):
    r = client.post("/api/check", files=upload("kh.txt", b"x"), data={**fields, "lang": "en"})
    assert r.status_code == 400
    assert r.json()["error"].startswith(words)


def test_check_view_places_every_finding_on_its_paragraph(client):
    data = EXAMPLE.read_bytes()
    body = client.post("/api/check", files=upload(EXAMPLE.name, data), data={"view": "1"}).json()
    f = body["files"][0]
    view = f.pop("view")
    assert body == expected(data, EXAMPLE.name)  # the view is added, nothing else changes
    assert view["doc_type_name"] == "Kế hoạch"
    # The header in its two columns: the issuing body and number left, the motto and date right.
    header = view["blocks"][0]
    assert header["part"] == "header"
    left, right = header["columns"]
    assert [p["line"] for p in left] == [1, 2, 3] and [p["line"] for p in right] == [4, 5, 6]
    # Nơi nhận left, the signature right.
    closing = [b for b in view["blocks"] if b.get("part") == "closing"]
    assert closing and closing[0]["columns"][0][0]["pieces"][0]["t"] == "Nơi nhận:"
    paras = {p["id"]: p for b in view["blocks"] for p in (b["columns"][0] + b["columns"][1] if "columns" in b else [b["para"]])}
    assert len(paras) == 21  # every paragraph, once
    for v in view["findings"]:
        assert v["seg"] is not None, v
        para = paras[v["seg"]]
        assert para["line"] == v["line"]
        covered = "".join(p["t"] for p in para["pieces"] if v["id"] in p.get("f", ()))
        if v["text"]:
            assert covered == v["text"][: len(covered)] and covered, (v, para)
        else:  # a missing part: a marker at its place
            assert any(p.get("gap") and v["id"] in p["f"] for p in para["pieces"])
    # Line 3 "Số: 5/KH-UBND": the "5" is the error piece, the rest plain text around it.
    line3 = next(p for p in paras.values() if p["line"] == 3)
    assert [(p["t"], p.get("s")) for p in line3["pieces"]] == [("Số: ", None), ("5", "error"), ("/KH-UBND", None)]
    assert view["elsewhere"] == []


def test_check_view_of_text_keeps_markup_as_text(client):
    text = BASE.replace("2. Bảo đảm thiết thực", "2. Bảo đảm <script>alert(1)</script> <b>thiết</b> thực")
    body = client.post("/api/check", files=upload("kh.txt", text.encode()), data={"view": "1"}).json()
    pieces = "".join(p["t"] for b in body["files"][0]["view"]["blocks"] if "para" in b for p in b["para"]["pieces"])
    assert "<script>alert(1)</script> <b>thiết</b>" in pieces
    html = client.post("/api/check", files=upload("kh.txt", text.encode()), data={"format": "html"}).text
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("fmt, ctype, check", [
    ("sarif", "application/sarif+json", lambda t: json.loads(t)["version"] == "2.1.0"),
    ("json", "application/json", lambda t: json.loads(t)["summary"]["files"] == 1),
    ("html", "text/html; charset=utf-8", lambda t: '<mark class="f sev-error" data-code="VB107"' in t),
    ("junit", "application/xml", lambda t: t.startswith("<?xml")),
    ("text", "text/plain; charset=utf-8", lambda t: "VB107" in t),
])
def test_check_reports_as_downloads(client, fmt, ctype, check):
    r = client.post("/api/check", files=upload("Kế hoạch 1.docx", EXAMPLE.read_bytes()), data={"format": fmt})
    assert r.status_code == 200
    assert r.headers["content-type"] == ctype
    ext = {"junit": "junit.xml", "text": "txt"}.get(fmt, fmt)
    cd = r.headers["content-disposition"]
    assert cd.startswith("attachment;") and f"filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%201.vbcheck.{ext}" in cd
    assert check(r.text)


# --------------------------------------------------------------------------- annotate


def test_annotate_gives_the_copy_with_one_comment_per_finding(client):
    data = EXAMPLE.read_bytes()
    r = client.post("/api/annotate", files=upload(EXAMPLE.name, data, DOCX))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == DOCX
    assert 'filename="ke-hoach-du-thao.vbcheck.docx"' in r.headers["content-disposition"]
    findings = expected(data, EXAMPLE.name)["files"][0]["violations"]
    comments = comments_of(r.content)
    assert int(r.headers["x-vbcheck-comments"]) == len(comments) == len(findings)
    assert comments == [f"{v['code']} {v['message']}" for v in findings]
    # The copy is the same document: the same findings, and VB003 now that it holds comments.
    again = [v["code"] for v in expected(r.content, "copy.docx")["files"][0]["violations"]]
    assert "VB003" in again and [c for c in again if c != "VB003"] == [v["code"] for v in findings]


def test_annotate_follows_the_options(client):
    r = client.post("/api/annotate", files=upload(EXAMPLE.name, EXAMPLE.read_bytes(), DOCX),
                    data={"select": "VB107", "lang": "en"})
    assert r.status_code == 200
    (comment,) = comments_of(r.content)
    assert comment.startswith('VB107 Number "5" below 10 needs a leading zero')


def test_annotate_refuses_what_it_cannot_annotate(client):
    r = client.post("/api/annotate", files=upload("kh.txt", BAD_TEXT.encode()), data={"lang": "en"})
    assert r.status_code == 422 and r.json() == {"error": "only .docx files can be annotated"}
    two = [("file", (EXAMPLE.name, EXAMPLE.read_bytes(), DOCX))] * 2
    r = client.post("/api/annotate", files=two, data={"lang": "en"})
    assert r.status_code == 400 and r.json() == {"error": "send exactly one .docx file"}


# --------------------------------------------------------------------------- rules


def test_rules_list_the_catalogue_with_the_explanation_of_vbcheck_rule(client):
    rules = all_rules()
    body = client.get("/api/rules").json()
    assert [r["code"] for r in body] == list(rules)
    for r in body:
        assert r["explain"] == explain(rules[r["code"]], "vi")
        assert r["summary"] == rules[r["code"]].summary_vi
    en = {r["code"]: r for r in client.get("/api/rules?lang=en").json()}
    assert en["VB107"]["explain"] == explain(rules["VB107"], "en")
    # The same text the command line prints.
    cli = subprocess.run([sys.executable, "-m", "vbcheck", "rule", "VB107"], capture_output=True, text=True,
                         encoding="utf-8", timeout=120)
    assert cli.stdout.rstrip("\n") == body[list(rules).index("VB107")]["explain"]


def test_one_rule_by_code_or_name(client):
    by_code = client.get("/api/rules/vb107").json()
    assert by_code["code"] == "VB107"
    assert client.get(f"/api/rules/{by_code['name']}").json() == by_code
    r = client.get("/api/rules/VB000?lang=en")
    assert r.status_code == 404 and r.json() == {"error": "unknown rule 'VB000'"}


def test_info_says_the_limits_and_choices(client):
    info = client.get("/api/info").json()
    assert info["profiles"] == ["auto", "nd30", "dang", "congdoan"] and info["stages"] == ["draft", "final"]
    assert info["max_bytes"] == 100 * 1024 * 1024 and info["vbcheck"] == vbcheck.__version__


# --------------------------------------------------------------------------- bad uploads


@pytest.mark.parametrize("name, data, words", [
    ("anh.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "unsupported file type (supported: .docx, .txt, .md)"),
    ("ban-scan.pdf", b"%PDF-1.7\n" + b"\x00" * 300, "unsupported file type"),
    ("garbage.docx", bytes((i * 7919 + 13) % 256 for i in range(5000)), "not a .docx file (not a ZIP package)"),
    ("garbage.txt", bytes((i * 7919 + 13) % 256 for i in range(5000)), "binary file, not text"),
    ("cut.docx", EXAMPLE.read_bytes()[: 20000], "corrupt"),
    ("bomb.docx", _bomb(80 << 20), "possible zip bomb"),
    ("cu.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 600, "legacy Word .doc is not supported"),
])
def test_a_file_that_is_not_a_readable_document_gets_its_reason(client, name, data, words):
    r = client.post("/api/check", files=upload(name, data), data={"lang": "en"})
    assert r.status_code == 200
    (f,) = r.json()["files"]
    assert words in f["error"] and "\n" not in f["error"] and f["violations"] == []
    assert f["error"] == vbcheck.check(data, name=name, lang="en").files[0].error
    if name.endswith(".docx"):
        r = client.post("/api/annotate", files=upload(name, data), data={"lang": "en"})
        assert r.status_code == 422 and r.json()["error"] == f["error"]


def test_too_big_refused_before_reading_the_rest(client, monkeypatch):
    monkeypatch.setenv("VBCHECK_MAX_BYTES", "64K")
    big = b"a" * (2 << 20)  # over the file limit plus the form's 1 MB
    r = client.post("/api/check?lang=en", files=upload("to.txt", big))
    assert r.status_code == 413
    assert r.json()["error"].startswith("file too large (") and r.json()["error"].endswith("> 64 KB, VBCHECK_MAX_BYTES)")
    # Sent without a length (chunked): cut while it arrives.
    def chunks():
        boundary = b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"to.txt\"\r\n\r\n"
        yield boundary
        for _ in range(64):
            yield b"a" * 65536
        yield b"\r\n--b--\r\n"
    r = client.post("/api/check", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"})
    assert r.status_code == 413 and "VBCHECK_MAX_BYTES" in r.json()["error"]


def test_too_big_file_within_the_form_allowance_is_the_files_error(monkeypatch):
    # The limit as the command line applies it, to a file just over it (in the worker).
    monkeypatch.setenv("VBCHECK_MAX_BYTES", "64K")
    with ThreadPoolExecutor(1) as ex, TestClient(create_app(executor=ex)) as c:
        r = c.post("/api/check", files=upload("to.txt", b"a" * (100 << 10)), data={"lang": "en"})
    assert r.status_code == 200
    assert r.json()["files"][0]["error"] == "file too large (100 KB > 64 KB, VBCHECK_MAX_BYTES)"


def test_malformed_requests(client):
    r = client.post("/api/check", data={"lang": "en"}, files={"other": ("x.txt", b"x")})
    assert r.status_code == 400 and r.json() == {"error": "no file sent (field 'file')"}
    r = client.post("/api/check?lang=en", content=b"{}", headers={"content-type": "application/json"})
    assert r.status_code == 415 and "multipart/form-data" in r.json()["error"]
    r = client.post("/api/check?lang=en", content=b"--b\r\nnonsense", headers={"content-type": "multipart/form-data; boundary=b"})
    assert r.status_code in (200, 400)
    if r.status_code == 400:
        assert r.json()["error"].startswith("malformed upload") or r.json()["error"].startswith("no file sent")
    assert client.get("/api/check").status_code == 405
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/static/secret.txt").status_code == 404


def test_upload_names_keep_no_folder_and_no_control_characters():
    assert jobs.safe_name("C:\\Users\\vt\\Dự thảo.docx") == "Dự thảo.docx"
    assert jobs.safe_name("../../etc/passwd.txt") == "passwd.txt"
    assert jobs.safe_name("a\x00b\nc.txt") == "abc.txt"
    assert jobs.safe_name("") == "document.txt" and jobs.safe_name(None) == "document.txt"
    long = jobs.safe_name("x" * 500 + ".docx")
    assert len(long) <= 200 and long.endswith(".docx")


# --------------------------------------------------------------------------- safety


def test_page_and_api_carry_the_safety_headers(client):
    r = client.get("/")
    assert r.status_code == 200 and "<title>" in r.text
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'self'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    # Nothing on the page comes from elsewhere.
    for name in ("index.html", "app.js", "app.css"):
        text = (ROOT / "src" / "vbcheck" / "web" / "static" / name).read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "//" + "cdn" not in text, name
        if name != "index.html":
            assert client.get(f"/static/{name}").status_code == 200


def test_host_check_when_serving_on_loopback():
    app = create_app(executor=ThreadPoolExecutor(1), allowed_hosts=["localhost", "127.0.0.1", "::1"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/info").status_code == 200
        assert c.get("/api/info", headers={"host": "localhost:8000"}).status_code == 200
        assert c.get("/api/info", headers={"host": "[::1]:8000"}).status_code == 200
        r = c.get("/api/info", headers={"host": "attacker.example:8000"})
        assert r.status_code == 400 and "Host" in r.json()["error"]


# --------------------------------------------------------------------------- concurrency


def test_concurrent_requests_each_get_their_own_answer(client):
    docs = [(EXAMPLE.name, EXAMPLE.read_bytes())]
    for i, name in enumerate(("ke-hoach", "cong-van", "quyet-dinh")):
        try:
            base = packs.example_base(name)
        except FileNotFoundError:
            continue
        docs.append((f"{name}.txt", base.encode()))
        docs.append((f"{name}-bad-{i}.txt", base.replace("Số: ", "Số: 5").encode()))
    want = {name: expected(data, name) for name, data in docs}
    jobs_ = docs * 2

    def post(item):
        name, data = item
        return name, client.post("/api/check", files=upload(name, data))

    with ThreadPoolExecutor(6) as ex:
        answers = list(ex.map(post, jobs_))
    assert len(answers) == len(jobs_) >= 6
    for name, r in answers:
        assert r.status_code == 200
        assert r.json() == want[name], name


def test_a_slow_check_does_not_hold_up_the_others(monkeypatch):
    """While one huge file is being checked, another user's small file is answered. The huge
    check is held on an event (no timing): the small one must finish while it is still held."""
    started, release = threading.Event(), threading.Event()
    real = jobs.check_upload

    def held(name, data, opts, **kw):
        if name == "huge.txt":
            started.set()
            assert release.wait(120)
        return real(name, data, opts, **kw)

    monkeypatch.setattr(jobs, "check_upload", held)
    with ThreadPoolExecutor(2) as ex, TestClient(create_app(executor=ex)) as c, ThreadPoolExecutor(1) as caller:
        huge = caller.submit(c.post, "/api/check", files=upload("huge.txt", BAD_TEXT.encode()))
        assert started.wait(120)
        small = c.post("/api/check", files=upload("small.txt", BAD_TEXT.encode()))
        assert small.status_code == 200 and not huge.done()
        release.set()
        assert huge.result(120).status_code == 200
    assert huge.result().json()["files"][0]["violations"] == small.json()["files"][0]["violations"]


def test_requests_past_the_waiting_bound_are_refused_not_queued(monkeypatch):
    started, release = threading.Event(), threading.Event()

    def held(name, data, opts, **kw):
        started.set()
        assert release.wait(120)
        return jobs.FileResult(path=name), None

    monkeypatch.setattr(jobs, "check_upload", held)
    with ThreadPoolExecutor(1) as ex, TestClient(create_app(executor=ex, max_pending=1)) as c, \
            ThreadPoolExecutor(1) as caller:
        first = caller.submit(c.post, "/api/check", files=upload("a.txt", b"x"))
        assert started.wait(120)
        r = c.post("/api/check", files=upload("b.txt", b"x"), data={"lang": "en"})
        assert r.status_code == 503 and r.json() == {"error": "the server is busy, try again in a few minutes"}
        release.set()
        assert first.result(120).status_code == 200


def test_view_of_a_text_file_with_two_columns_on_one_line():
    """pdftotext -layout puts the header's two columns on one line: each half is its own
    paragraph, and a finding lands in the half that holds its columns."""
    from vbcheck.engine import Options, check_document, read
    from vbcheck.web.view import document_view

    text = ("UBND TỈNH LÂM ĐỒNG                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "    SỞ NỘI VỤ                          Độc lập - Tự do - Hạnh phúc\n"
            "Số: 5/KH-SNV                       Lâm Đồng, ngày 5 tháng 3 năm 2026\n\n"
            "                      KẾ HOẠCH\n          Triển khai công tác năm 2026\nNội dung kế hoạch như sau.\n")
    doc = read("layout.txt", text.encode())
    result = check_document(doc, Options())
    view = document_view(doc, result)
    left, right = view["blocks"][0]["columns"]
    as_text = [["".join(p["t"] for p in para["pieces"]) for para in col] for col in (left, right)]
    assert as_text == [["UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ", "Số: 5/KH-SNV"],
                       ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                        "Lâm Đồng, ngày 5 tháng 3 năm 2026"]]
    by_code = {v["code"]: v for v in view["findings"]}
    assert by_code["VB107"]["seg"] == left[2]["id"] and by_code["VB111"]["seg"] == right[2]["id"]
    assert [(p["t"], p.get("s")) for p in right[2]["pieces"]] == \
        [("Lâm Đồng, ngày ", None), ("5", "warning"), (" tháng 3 năm 2026", None)]
    # A stacked header (one column after the other in the file) is still shown in two columns.
    stacked = read("kh.txt", BAD_TEXT.encode())
    v2 = document_view(stacked, check_document(stacked, Options()))
    assert v2["blocks"][0]["part"] == "header" and len(v2["blocks"][0]["columns"][1]) == 3


# --------------------------------------------------------------------------- fix


def test_fix_gives_the_fixed_docx_with_tracked_changes(client):
    data = EXAMPLE.read_bytes()
    want = vbcheck.fix(data, name=EXAMPLE.name)
    assert want.fixed > 0
    r = client.post("/api/fix", files=upload(EXAMPLE.name, data, DOCX))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == DOCX
    assert 'filename="ke-hoach-du-thao.fixed.docx"' in r.headers["content-disposition"]
    assert int(r.headers["x-vbcheck-fixed"]) == want.fixed
    assert int(r.headers["x-vbcheck-remaining"]) == len(want.remaining)
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert xml.count('w:author="vbcheck"') >= want.fixed and "<w:ins " in xml
    # The copy, checked again, has what the library says remains (plus VB003: tracked changes).
    again = [v["code"] for v in expected(r.content, "copy.docx")["files"][0]["violations"]]
    assert [c for c in again if c != "VB003"] == [f.code for f in want.remaining if f.code != "VB003"]
    # Applied directly, without tracking.
    r = client.post("/api/fix", files=upload(EXAMPLE.name, data, DOCX), data={"track": "0"})
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        assert "<w:ins " not in z.read("word/document.xml").decode("utf-8")


def test_fix_text_is_the_librarys_fix_and_json_says_what_was_done(client):
    data = BAD_TEXT.encode()
    want = vbcheck.fix(data, name="kh.txt")
    r = client.post("/api/fix", files=upload("kh.txt", data))
    assert r.status_code == 200 and r.content == want.data and r.content != data
    assert 'filename="kh.fixed.txt"' in r.headers["content-disposition"]
    body = client.post("/api/fix", files=upload("kh.txt", data), data={"format": "json"}).json()
    assert body["fixed"] == want.fixed and body["changed"] is True
    assert [v["code"] for v in body["applied"]] == [f.code for f in want.applied]
    assert [v["code"] for v in body["remaining"]] == [f.code for f in want.remaining]
    assert body["diff"] == want.diff() and "-Số: 5/KH-SNV" in body["diff"]
    unsafe = vbcheck.fix(data, name="kh.txt", unsafe_fixes=True)
    r = client.post("/api/fix", files=upload("kh.txt", data), data={"unsafe": "1"})
    assert r.content == unsafe.data


def test_fix_refuses_what_it_cannot_read(client):
    bad = EXAMPLE.read_bytes()[:20000]
    r = client.post("/api/fix", files=upload("cut.docx", bad), data={"lang": "en"})
    assert r.status_code == 422 and r.json()["error"] == vbcheck.check(bad, name="cut.docx", lang="en").files[0].error
    r = client.post("/api/fix", files=upload("kh.txt", b"x"), data={"track": "maybe", "lang": "en"})
    assert r.status_code == 400 and r.json() == {"error": "invalid value 'maybe' (1 or 0)"}
