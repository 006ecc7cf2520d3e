"""The web page and its JSON API (`vbcheck serve`), on Starlette.

    GET  /                 the page (static/index.html, app.js, app.css: served from the package)
    GET  /api/info         version, limits, choices of profile and stage, output formats
    GET  /api/rules        every rule: code, name, severity, summary, clause, its explanation
    GET  /api/rules/{code} one rule
    POST /api/check        one or more files → the JSON report (`vbcheck --format json`), or with
                           format=sarif|html|junit|text|github that report as a download
    POST /api/annotate     one .docx → its copy with one Word comment per finding
    POST /api/fix          one file → its fixed copy (`vbcheck fix`: a .docx with tracked changes),
                           or with format=json what was fixed, what could not be and what remains

Uploads are multipart/form-data (`file`, and the fields `profile`, `stage`, `lang`, `select`,
`ignore`, `format`, `view`; for /api/fix `unsafe` and `track`). Safe by default: a request body is cut at VBCHECK_MAX_BYTES plus
1 MB of form overhead and refused with 413 past it (the command line's file limit; the zip
limits apply inside the reader as on the command line); an upload is held in memory up to 1 MB
and beyond that in an unnamed temporary file that the system deletes when it is closed, which is
when the response has been sent; nothing is stored. Checks run in a pool of worker processes, so
a huge file occupies one worker and never the server; past `max_pending` waiting jobs a request
is refused with 503 instead of queueing without bound. Every error is one JSON line
`{"error": …}`, never a traceback.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from functools import partial
from importlib import resources
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .._version import __version__
from ..core import limits
from ..core.selectors import split_selectors, unknown_selector
from ..core.vocabulary import LANGS, PROFILE_CHOICES, STAGES
from ..engine import Report, all_rules
from ..reporters import FORMATS, render
from . import jobs

# Form overhead allowed above the file limit (boundaries, part headers, the option fields).
FORM_OVERHEAD = 1024 * 1024
MAX_FILES = 20
STATIC = ("index.html", "app.js", "app.css")
TYPES = {"html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8",
         "css": "text/css; charset=utf-8"}
REPORT_TYPES = {"json": ("application/json", "json"), "sarif": ("application/sarif+json", "sarif"),
                "html": ("text/html; charset=utf-8", "html"), "junit": ("application/xml", "junit.xml"),
                "text": ("text/plain; charset=utf-8", "txt"), "github": ("text/plain; charset=utf-8", "txt")}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FIXED_TYPES = {"docx": DOCX_TYPE, "docm": "application/vnd.ms-word.document.macroEnabled.12",
               "md": "text/markdown; charset=utf-8"}
# The page loads nothing from elsewhere and runs no inline script: even a bug that let document
# text reach the DOM as markup could not run it.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class Refused(Exception):
    """A request answered with one JSON line and a status."""

    def __init__(self, status: int, vi: str, en: str):
        super().__init__(vi)
        self.status, self.vi, self.en = status, vi, en


class _TooLarge(Exception):
    pass


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def _pool(workers: int, memory: int | None = None) -> ProcessPoolExecutor:
    # forkserver (spawn where there is none): a worker never inherits the server's threads and
    # event loop; the server process only imports what it needs, the workers vbcheck's engine.
    # Each worker's address space is capped at the memory budget (VBCHECK_MEMORY_BUDGET; Linux):
    # an upload past it gets its one-line error (web/jobs.py) instead of the machine's memory.
    from ..core import budget

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_limit_worker,
                               initargs=(budget.memory(memory),))


def _limit_worker(memory: int) -> None:
    from ..runs.supervise import _limit_memory

    _limit_memory(memory)


class Pool:
    """The worker pool with a bound on waiting jobs; a pool broken by a worker that died (killed
    for memory) is replaced, and only the request that was running there fails."""

    def __init__(self, workers: int, executor: Executor | None = None, max_pending: int | None = None):
        self.workers = workers
        self.own = executor is None
        self.executor = executor or _pool(workers)
        self.max_pending = max_pending if max_pending is not None else 8 * workers
        self.pending = 0

    async def run(self, fn, *args, **kwargs):
        if self.pending >= self.max_pending:
            raise Refused(503, "máy chủ đang bận, hãy thử lại sau ít phút",
                          "the server is busy, try again in a few minutes")
        self.pending += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self.executor, partial(fn, *args, **kwargs))
        except BrokenProcessPool:
            if self.own:
                self.executor.shutdown(wait=False, cancel_futures=True)
                self.executor = _pool(self.workers)
            raise Refused(500, "tiến trình kiểm tra dừng đột ngột (tệp quá nặng so với bộ nhớ?)",
                          "the checking process stopped unexpectedly (file too heavy for the memory?)") from None
        finally:
            self.pending -= 1

    def close(self) -> None:
        if self.own:
            self.executor.shutdown(wait=True, cancel_futures=True)


def create_app(*, workers: int | None = None, executor: Executor | None = None,
               max_pending: int | None = None, allowed_hosts: list[str] | None = None) -> Starlette:
    """The application. `executor` replaces the process pool (tests); `allowed_hosts` limits the
    Host header (`vbcheck serve` on a loopback address allows only loopback names, so a page on
    another site cannot reach it through DNS rebinding)."""
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(app):
        state["pool"] = Pool(workers or default_workers(), executor, max_pending)
        try:
            yield
        finally:
            state.pop("pool").close()

    def pool() -> Pool:
        if "pool" not in state:  # used without its lifespan (a bare ASGI call): start lazily
            state["pool"] = Pool(workers or default_workers(), executor, max_pending)
        return state["pool"]

    async def page(request: Request) -> Response:
        return _static("index.html")

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            return _error(404, "không có tệp này", "not found", "vi")
        return _static(name)

    async def info(request: Request) -> Response:
        return JSONResponse({
            "vbcheck": __version__, "max_bytes": limits.get("VBCHECK_MAX_BYTES"), "max_files": MAX_FILES,
            "profiles": list(PROFILE_CHOICES), "stages": list(STAGES), "langs": list(LANGS),
            "formats": [f for f in FORMATS if f in REPORT_TYPES], "fix": True,
        })

    async def rules(request: Request) -> Response:
        lang = _lang(request.query_params.get("lang"))
        return JSONResponse([_rule_dict(r, lang) for r in all_rules().values()])

    async def rule(request: Request) -> Response:
        lang = _lang(request.query_params.get("lang"))
        key = request.path_params["code"]
        for code, r in all_rules().items():
            if code == key.upper() or r.name == key.lower():
                return JSONResponse(_rule_dict(r, lang))
        return _error(404, f"không có quy tắc '{key}'", f"unknown rule '{key}'", lang)

    async def check(request: Request) -> Response:
        lang = _lang(request.query_params.get("lang"))
        try:
            async with _form(request) as form:
                lang = _lang(_field(form, request, "lang"))
                opts = _options(form, request, lang)
                fmt = _field(form, request, "format")
                if fmt is not None and fmt not in REPORT_TYPES:
                    raise Refused(400, f"định dạng không hợp lệ '{fmt}' ({', '.join(REPORT_TYPES)})",
                                  f"unknown format '{fmt}' ({', '.join(REPORT_TYPES)})")
                view = _flag(_field(form, request, "view"), False)
                uploads = await _uploads(form, lang)
            outs = await asyncio.gather(*(pool().run(jobs.check_upload, name, data, opts, view=view,
                                                     keep_text=fmt == "html") for name, data in uploads))
        except Refused as e:
            return _error(e.status, e.vi, e.en, lang)
        report = Report([r for r, _ in outs])
        if fmt is None:
            body = report.as_dict()
            if view:
                for d, (_r, v) in zip(body["files"], outs):
                    if v is not None:
                        d["view"] = v
            return JSONResponse(body, headers={"Cache-Control": "no-store"})
        text = await asyncio.to_thread(render, fmt, report, lang)
        media, ext = REPORT_TYPES[fmt]
        stem = _stem(uploads[0][0]) if len(uploads) == 1 else "vbcheck"
        return Response(text, media_type=media, headers=_attachment(f"{stem}.vbcheck.{ext}"))

    async def annotate(request: Request) -> Response:
        lang = _lang(request.query_params.get("lang"))
        try:
            async with _form(request) as form:
                lang = _lang(_field(form, request, "lang"))
                opts = _options(form, request, lang)
                uploads = await _uploads(form, lang)
            if len(uploads) != 1:
                raise Refused(400, "gửi đúng một tệp .docx", "send exactly one .docx file")
            name, data = uploads[0]
            try:
                out, n, result = await pool().run(jobs.annotate_upload, name, data, opts)
            except jobs.UploadError as e:
                raise Refused(422, e.message("vi"), e.message("en")) from None
        except Refused as e:
            return _error(e.status, e.vi, e.en, lang)
        headers = _attachment(f"{_stem(name)}.vbcheck.docx")
        headers.update({"X-Vbcheck-Comments": str(n), "X-Vbcheck-Findings": str(len(result.violations))})
        return Response(out, media_type=DOCX_TYPE, headers=headers)

    async def fix(request: Request) -> Response:
        lang = _lang(request.query_params.get("lang"))
        try:
            async with _form(request) as form:
                lang = _lang(_field(form, request, "lang"))
                opts = _options(form, request, lang)
                fmt = _field(form, request, "format")
                if fmt not in (None, "json"):
                    raise Refused(400, f"định dạng không hợp lệ '{fmt}' (json)", f"unknown format '{fmt}' (json)")
                unsafe = _flag(_field(form, request, "unsafe"), False)
                track = _flag(_field(form, request, "track"), True)
                uploads = await _uploads(form, lang)
            if len(uploads) != 1:
                raise Refused(400, "gửi đúng một tệp", "send exactly one file")
            name, data = uploads[0]
            try:
                out, summary = await pool().run(jobs.fix_upload, name, data, opts, unsafe=unsafe, track=track)
            except jobs.UploadError as e:
                raise Refused(422, e.message("vi"), e.message("en")) from None
        except Refused as e:
            return _error(e.status, e.vi, e.en, lang)
        if fmt == "json":
            return JSONResponse(summary, headers={"Cache-Control": "no-store"})
        suffix = name.rsplit(".", 1)[1].lower() if "." in name else "txt"
        headers = _attachment(f"{_stem(name)}.fixed.{suffix}")
        headers.update({"X-Vbcheck-Fixed": str(summary["fixed"]),
                        "X-Vbcheck-Remaining": str(len(summary["remaining"])),
                        "X-Vbcheck-Failed": str(len(summary["failed"]))})
        return Response(out, media_type=FIXED_TYPES.get(suffix, "text/plain; charset=utf-8"), headers=headers)

    async def failed(request: Request, exc: Exception) -> Response:
        # A vbcheck bug: one line for the user, the traceback in the server's log.
        import logging

        logging.getLogger("vbcheck.web").exception("internal error on %s", request.url.path)
        what = f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
        return _error(500, f"lỗi nội bộ ({what})", f"internal error ({what})",
                      _lang(request.query_params.get("lang")))

    routes = [
        Route("/", page),
        Route("/static/{name}", static),
        Route("/api/info", info),
        Route("/api/rules", rules),
        Route("/api/rules/{code}", rule),
        Route("/api/check", check, methods=["POST"]),
        Route("/api/annotate", annotate, methods=["POST"]),
        Route("/api/fix", fix, methods=["POST"]),
    ]
    middleware = [Middleware(_Headers)]
    if allowed_hosts:
        middleware.insert(0, Middleware(_HostCheck, allowed=frozenset(h.lower() for h in allowed_hosts)))
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                     exception_handlers={Exception: failed})


# --------------------------------------------------------------------------- helpers


class _Headers:
    """Security headers on every response (pure ASGI, so streaming bodies pass untouched)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


class _HostCheck:
    """Refuse a Host header outside `allowed` (names without port; IPv6 without brackets)."""

    def __init__(self, app, allowed: frozenset[str]):
        self.app, self.allowed = app, allowed

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            host = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1").lower()
            name = host[1:].split("]", 1)[0] if host.startswith("[") else host.rsplit(":", 1)[0] \
                if host.count(":") == 1 else host
            if name not in self.allowed:
                return await _error(400, "tên máy (Host) không được phép", "host not allowed", "vi")(scope, receive, send)
        return await self.app(scope, receive, send)


def _static(name: str) -> Response:
    data = resources.files("vbcheck.web").joinpath("static", name).read_bytes()
    return Response(data, media_type=TYPES[name.rsplit(".", 1)[1]], headers={"Cache-Control": "no-cache"})


def _lang(value: str | None) -> str:
    return value if value in LANGS else "vi"


def _error(status: int, vi: str, en: str, lang: str) -> JSONResponse:
    return JSONResponse({"error": en if lang == "en" else vi}, status_code=status,
                        headers={"Cache-Control": "no-store"})


def _field(form, request: Request, key: str) -> str | None:
    value = form.get(key) if form is not None else None
    if value is None or not isinstance(value, str):
        value = request.query_params.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _options(form, request: Request, lang: str) -> dict[str, Any]:
    profile = _field(form, request, "profile") or "auto"
    stage = _field(form, request, "stage") or "draft"
    if profile not in PROFILE_CHOICES:
        raise Refused(400, f"hồ sơ không hợp lệ '{profile}' ({', '.join(PROFILE_CHOICES)})",
                      f"unknown profile '{profile}' ({', '.join(PROFILE_CHOICES)})")
    if stage not in STAGES:
        raise Refused(400, f"giai đoạn không hợp lệ '{stage}' ({', '.join(STAGES)})",
                      f"unknown stage '{stage}' ({', '.join(STAGES)})")
    select = split_selectors(_many(form, request, "select"))
    ignore = split_selectors(_many(form, request, "ignore"))
    bad = unknown_selector(select + ignore, all_rules())
    if bad is not None:
        raise Refused(400, f"không có quy tắc nào khớp '{bad}'", f"no rule matches '{bad}'")
    return {"profile": profile, "stage": stage, "select": select, "ignore": ignore, "lang": lang}


def _flag(value: str | None, default: bool) -> bool:
    if value is None:
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise Refused(400, f"giá trị không hợp lệ '{value}' (1 hoặc 0)", f"invalid value '{value}' (1 or 0)")


def _many(form, request: Request, key: str) -> list[str]:
    values = [v for v in form.getlist(key) if isinstance(v, str)] if form is not None else []
    return values + request.query_params.getlist(key)


class _form:
    """The request's form, read with the body cut at the file limit plus the form's overhead;
    its uploads (spooled files) are closed on the way out, whatever happens."""

    def __init__(self, request: Request):
        self.request = request
        self.form = None

    async def __aenter__(self):
        request = self.request
        limit = limits.get("VBCHECK_MAX_BYTES")
        cap = limit + FORM_OVERHEAD
        ctype = request.headers.get("content-type", "")
        if not ctype.startswith("multipart/form-data"):
            raise Refused(415, "gửi tệp dạng multipart/form-data (trường 'file')",
                          "send the files as multipart/form-data (field 'file')")
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > cap:
            raise _too_large(int(length), limit)
        seen = 0
        receive = request.receive

        async def capped():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > cap:
                raise _TooLarge
            return message

        limited = Request(request.scope, capped)
        try:
            self.form = await limited.form(max_files=MAX_FILES, max_fields=50, max_part_size=64 * 1024)
        except _TooLarge:
            raise _too_large(seen, limit) from None
        except Exception as e:  # noqa: BLE001 - a malformed body (HTTPException 400 from the parser)
            detail = getattr(e, "detail", None) or str(e) or type(e).__name__
            raise Refused(400, f"biểu mẫu gửi lên không hợp lệ ({detail})", f"malformed upload ({detail})") from None
        return self.form

    async def __aexit__(self, *exc):
        if self.form is not None:
            await self.form.close()
        return False


def _too_large(size: int, limit: int) -> Refused:
    # The command line's words for a file over VBCHECK_MAX_BYTES.
    return Refused(413, f"tệp quá lớn ({limits.mb(size)} > {limits.mb(limit)}, VBCHECK_MAX_BYTES)",
                   f"file too large ({limits.mb(size)} > {limits.mb(limit)}, VBCHECK_MAX_BYTES)")


async def _uploads(form, lang: str) -> list[tuple[str, bytes]]:
    files = [f for f in form.getlist("file") if not isinstance(f, str)]
    if not files:
        raise Refused(400, "chưa có tệp nào (trường 'file')", "no file sent (field 'file')")
    return [(jobs.safe_name(f.filename), await f.read()) for f in files]


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name else name


def _attachment(filename: str) -> dict[str, str]:
    ascii_name = "".join(c if c.isascii() and c.isprintable() and c not in '"\\;' else "_" for c in filename)
    return {"Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}",
            "Cache-Control": "no-store"}


def _rule_dict(r, lang: str) -> dict[str, Any]:
    from ..catalogue.explain import explain, severity_text

    return {"code": r.code, "name": r.name, "severity": r.severity, "severity_text": severity_text(r),
            "summary": r.summary_en if lang == "en" else r.summary_vi, "clause": r.clause,
            "profiles": sorted(r.profiles), "needs": r.needs, "explain": explain(r, lang)}
