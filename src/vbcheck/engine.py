"""The engine: read a source, label it, run the selected checks, rank and filter the findings.

A rule that is selected but cannot be judged on an input (a formatting rule on plain text, a rule
of another profile, most rules on an out-of-scope document) is listed in `not_evaluated` with its
reason; a clean result never hides a rule that did not run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Iterable

from . import limits, packs
from ._version import __version__
from .anatomy import Anatomy, Hit, analyse
from .errors import InputError
from .model import Document, Paragraph, SourceKind
from .rules import Finding, Rule, severity_rank

PROFILES = ("auto", "nd30", "dang", "congdoan")
STAGES = ("draft", "final")
# Limits that keep a hostile file from exhausting the machine: `vbcheck.limits` (README).

# Parts an appendix ("Phụ lục I …" issued with a document) does not have of its own.
NOT_IN_APPENDIX = {
    "VB101", "VB102", "VB103", "VB104", "VB105", "VB106", "VB107", "VB108", "VB109", "VB110",
    "VB111", "VB112", "VB113", "VB114", "VB115", "VB116", "VB117", "VB118", "VB119", "VB120",
    "VB121", "VB122", "VB123",
}
# Rules shared with NĐ 30 that still apply to out-of-scope documents (rules.md, VB009).
SHARED_WITH_OTHER_RULES = {
    "VB001", "VB002", "VB003", "VB009", "VB101", "VB103", "VB105", "VB106", "VB110",
    "VB117", "VB118", "VB120",
}


@dataclass
class Options:
    profile: str = "auto"
    stage: str = "draft"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    lang: str = "vi"
    extend_select: tuple[str, ...] = ()
    # User configuration by section (e.g. config["language"]["known_abbreviations"]); checks
    # read their own section and ignore the rest.
    config: dict[str, Any] = field(default_factory=dict)
    # Keep the text of every line on the FileResult (the HTML report shows it).
    keep_text: bool = False


@dataclass
class FileResult:
    path: str
    profile: str | None = None
    stage: str | None = None
    doc_type: str | None = None
    violations: list[Finding] = field(default_factory=list)
    not_evaluated: list[dict[str, str]] = field(default_factory=list)
    error: str | None = None
    draft: bool = False
    draft_reasons: list[str] = field(default_factory=list)
    source_kind: str | None = None
    internal_errors: list[str] = field(default_factory=list)
    fail_on: str | None = None  # this file's own --fail-on (from its configuration)
    lines: dict[int, str] | None = None  # line -> text, with Options.keep_text (vbcheck.excerpts)

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"path": self.path}
        if self.error is not None:
            d["error"] = self.error
            d["violations"] = []
            return d
        d.update(
            profile=self.profile,
            stage=self.stage,
            doc_type=self.doc_type,
            draft=self.draft,
            violations=[v.as_dict() for v in self.violations],
            not_evaluated=self.not_evaluated,
        )
        return d


@dataclass
class Report:
    files: list[FileResult]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.files for v in f.violations if v.severity == severity)

    @property
    def summary(self) -> dict[str, int]:
        return {
            "files": len(self.files),
            "errors": self.count("error"),
            "warnings": self.count("warning"),
            "infos": self.count("info"),
            "unreadable": sum(1 for f in self.files if f.error is not None),
        }

    def exit_code(self, fail_on: str | None = None) -> int:
        """2 for an unreadable file; 1 for a finding at or above `fail_on` (when None, each
        file's own `fail_on` from its configuration, else "error"); otherwise 0."""
        if any(f.error is not None for f in self.files):
            return 2
        for f in self.files:
            level = fail_on or f.fail_on or "error"
            if level != "never" and any(severity_rank(v.severity) >= severity_rank(level) for v in f.violations):
                return 1
        return 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "vbcheck": __version__,
            "files": [f.as_dict() for f in self.files],
            "summary": self.summary,
        }


class Context:
    """What a check receives beside the document: the anatomy, options and a finding factory."""

    def __init__(self, doc: Document, anatomy: Anatomy, options: Options, rules: dict[str, Rule]):
        self.doc = doc
        self.anatomy = anatomy
        self.options = options
        self.rules = rules
        self.profile = anatomy.profile
        self.stage = options.stage
        self.lang = options.lang

    def message(self, code: str, key: str = "default", **fmt: Any) -> str:
        rule = self.rules[code]
        msg = rule.message(key, self.lang, **fmt)
        return f"{msg} [{rule.clause}]" if rule.clause else msg

    def finding(
        self, code: str, para: Paragraph, start: int, end: int, key: str = "default",
        severity: str | None = None, **fmt: Any,
    ) -> Finding:
        rule = self.rules[code]
        start = max(0, min(start, len(para.text)))
        end = max(start, min(end, len(para.text)))
        return Finding(
            code=code,
            name=rule.name,
            severity=severity or rule.severity_for(self.stage),
            message=self.message(code, key, **fmt),
            line=para.line,
            column=para.column(start),
            end_line=para.line,
            end_column=para.column(end),
            page=para.page,
            text=para.text[start:end],
            paragraph=para.index,
        )

    def at(self, code: str, hit: Hit, key: str = "default", severity: str | None = None, **fmt: Any) -> Finding:
        return self.finding(code, hit.para, hit.start, hit.end, key, severity, **fmt)

    def missing(self, code: str, where: Paragraph | None, key: str = "default",
                severity: str | None = None, after: bool = False, **fmt: Any) -> Finding:
        """A part that is absent, reported where it should be (empty `text`)."""
        rule = self.rules[code]
        if where is None:
            line = col = 1
            page = None
            index = None
        else:
            line, page, index = where.line, where.page, where.index
            col = where.column(len(where.text)) if after else where.column(0)
        return Finding(
            code=code, name=rule.name, severity=severity or rule.severity_for(self.stage),
            message=self.message(code, key, **fmt), line=line, column=col, end_line=line,
            end_column=col, page=page, text="", paragraph=index,
        )


# --------------------------------------------------------------------------- selection


def selected(rule: Rule, select: Iterable[str], ignore: Iterable[str]) -> bool:
    def hits(sel: str) -> bool:
        sel = sel.strip()
        return bool(sel) and (rule.code.startswith(sel.upper()) or rule.name == sel.lower() or sel.upper() == "ALL")

    select = tuple(select)
    if select and not any(hits(s) for s in select):
        return False
    return not any(hits(s) for s in ignore)


def all_checks() -> list:
    from .plugins import manager

    out = []
    for group in manager().hook.vbcheck_checks():
        out.extend(group or ())
    return out


def all_rules() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for chk in all_checks():
        for r in chk.rules:
            rules[r.code] = r
    return dict(sorted(rules.items()))


# --------------------------------------------------------------------------- running


def read(path: str, data: bytes) -> Document:
    from .plugins import manager

    max_bytes = limits.get("VBCHECK_MAX_BYTES")
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    doc = manager().hook.vbcheck_read(path=path, data=data)
    if doc is None:
        raise InputError(
            "không nhận dạng được loại tệp (hỗ trợ .docx, .txt, .md)",
            "unsupported file type (supported: .docx, .txt, .md)",
        )
    return doc


def reason_text(key: str, lang: str, **fmt: Any) -> str:
    reasons = packs.load("messages.toml")["not_evaluated"]
    return reasons[key].get(lang, reasons[key]["vi"]).format(**fmt)


def _shared(code: str, scope_key: str) -> bool:
    """Whether a rule still applies to a document under other rules (VB009)."""
    if code.startswith(("VB0", "VB2")):
        return True
    return scope_key != "internal" and code in SHARED_WITH_OTHER_RULES


def check_document(doc: Document, options: Options) -> FileResult:
    from . import excerpts, suppressions

    directives = suppressions.extract(doc)  # <!-- vbcheck-disable… --> comments are not text
    anatomy = analyse(doc, options.profile, doc.path)
    result = FileResult(
        path=doc.path, profile=anatomy.profile, stage=options.stage, doc_type=anatomy.doc_type,
        draft=anatomy.is_draft, draft_reasons=anatomy.draft_reasons, source_kind=doc.kind.value,
    )
    rules = all_rules()
    ctx = Context(doc, anatomy, options, rules)
    runnable: set[str] = set()
    for code, rule in rules.items():
        if not selected(rule, options.select, options.ignore):
            continue
        if rule.needs == "docx" and doc.kind != SourceKind.DOCX:
            result.not_evaluated.append({"code": code, "reason": reason_text("needs-docx", options.lang)})
        elif anatomy.profile not in rule.profiles:
            result.not_evaluated.append(
                {"code": code, "reason": reason_text("profile", options.lang, profile=anatomy.profile)})
        elif anatomy.is_appendix and code in NOT_IN_APPENDIX:
            result.not_evaluated.append({"code": code, "reason": reason_text("appendix", options.lang)})
        elif anatomy.out_of_scope_key and not _shared(code, anatomy.out_of_scope_key):
            result.not_evaluated.append(
                {"code": code, "reason": reason_text(f"scope-{anatomy.out_of_scope_key}", options.lang)})
        else:
            runnable.add(code)
    findings: list[Finding] = []
    for chk in all_checks():
        codes = {r.code for r in chk.rules}
        if not codes & runnable:
            continue
        try:
            findings.extend(f for f in chk(doc, ctx) or () if f.code in runnable)
        except InputError as e:
            # A part read lazily by a check is broken (a corrupt styles.xml for the formatting
            # rules): those rules cannot be judged, for that reason; it is not a vbcheck bug.
            for code in sorted(codes & runnable):
                result.not_evaluated.append({"code": code, "reason": e.message(options.lang)})
        except Exception as e:  # noqa: BLE001 - a faulty check must not stop the run
            # Said, never hidden: the rules of a crashed check are listed as not evaluated.
            reason = reason_text("internal", options.lang, check=getattr(chk, "__name__", "?"),
                                 error=f"{type(e).__name__}: {e}")
            result.internal_errors.append(reason)
            for code in sorted(codes & runnable):
                result.not_evaluated.append({"code": code, "reason": reason})
    findings.sort(key=Finding.sort_key)
    result.violations = suppressions.apply(directives, _dedupe(findings), ctx, runnable)
    excerpts.fingerprint(result.violations, doc)
    if options.keep_text:
        result.lines = excerpts.line_texts(doc)
    return result


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen = set()
    out = []
    for f in findings:
        key = (f.code, f.line, f.column, f.end_column, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def check_path(path: str, options: Options, data: bytes | None = None) -> FileResult:
    try:
        if data is None:
            data = _read_bytes(path)
        doc = read(path, data)
        return check_document(doc, options)
    except InputError as e:
        return FileResult(path=path, error=e.message(options.lang))


def check_path_contained(path: str, options: Options, data: bytes | None = None) -> FileResult:
    """`check_path` for runs over many files (the CLI): an unexpected exception, which is a
    vbcheck bug, becomes this file's one-line error instead of ending the run; the other files
    are still checked and the run exits 2. The library's `check_path` lets it through."""
    try:
        return check_path(path, options, data)
    except Exception as e:  # noqa: BLE001 - last resort, reported, never hidden
        what = f"{type(e).__name__}: {' '.join(str(e).split())[:200]}"
        vi = f"lỗi nội bộ của vbcheck khi đọc tệp ({what}); xin báo lỗi kèm tệp này"
        en = f"vbcheck internal error while reading the file ({what}); please report it with this file"
        return FileResult(path=path, error=en if options.lang == "en" else vi, internal_errors=[en])


def _too_large(size: int, limit: int) -> InputError:
    return InputError(f"tệp quá lớn ({limits.mb(size)} > {limits.mb(limit)}, VBCHECK_MAX_BYTES)",
                      f"file too large ({limits.mb(size)} > {limits.mb(limit)}, VBCHECK_MAX_BYTES)")


def _read_bytes(path: str) -> bytes:
    """The bytes of a regular file, read-only and at most VBCHECK_MAX_BYTES of them; every
    failure is an InputError with a one-line reason (the file is never opened for writing)."""
    import errno
    import stat

    limit = limits.get("VBCHECK_MAX_BYTES")
    try:
        # O_NONBLOCK: a FIFO swapped in after the check below must not block the run.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError("liên kết tượng trưng bị hỏng (đích không tồn tại)",
                             "broken symbolic link (its target does not exist)") from None
        raise InputError("không tìm thấy tệp", "file not found") from None
    except IsADirectoryError:
        raise InputError("là một thư mục, không phải tệp", "is a directory, not a file") from None
    except PermissionError:
        if os.path.isdir(path):
            raise InputError("không có quyền đọc thư mục", "permission denied (directory)") from None
        raise InputError("không có quyền đọc tệp", "permission denied") from None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise InputError("vòng lặp liên kết tượng trưng", "symbolic link loop") from None
        raise InputError(f"không đọc được tệp ({e.strerror})", f"cannot read file ({e.strerror})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            try:  # a folder the CLI could not search is said as such
                os.scandir(path).close()
            except OSError as e:
                raise InputError(f"không liệt kê được thư mục ({e.strerror})",
                                 f"cannot list the directory ({e.strerror})") from None
            raise InputError("là một thư mục, không phải tệp", "is a directory, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise InputError("không phải tệp thông thường (thiết bị, FIFO hoặc socket)",
                             "not a regular file (device, FIFO or socket)")
        if st.st_size > limit:
            raise _too_large(st.st_size, limit)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)  # a file that grew since fstat is still cut at the limit
        if len(data) > limit:
            raise _too_large(len(data), limit)
        return data
    except PermissionError:
        raise InputError("không có quyền đọc tệp", "permission denied") from None
    except OSError as e:
        raise InputError(f"không đọc được tệp ({e.strerror})", f"cannot read file ({e.strerror})") from None
    finally:
        os.close(fd)
