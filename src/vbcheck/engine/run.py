"""The engine: read a source, label it, run the selected checks, rank and filter the findings.

A rule that is selected but cannot be judged on an input (a formatting rule on plain text, a rule
of another profile, most rules on an out-of-scope document) is listed in `not_evaluated` with its
reason; a clean result never hides a rule that did not run.
"""

from __future__ import annotations

from typing import Any

from ..anatomy import analyse
from ..catalogue import loader as packs
from ..checks.context import Context
from ..core import budget, limits
from ..core.errors import InputError
from ..core.model import Document, SourceKind
from ..core.rule import Rule
from ..core.selectors import selected
from .collect import Collector
from .files import read_file, too_large
from .options import Options
from .results import FileResult


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
        raise too_large(len(data), max_bytes)
    doc = manager().hook.vbcheck_read(path=path, data=data)
    if doc is None:
        raise InputError(
            "không nhận dạng được loại tệp (hỗ trợ .docx, .txt, .md)",
            "unsupported file type (supported: .docx, .txt, .md)",
        )
    return doc


def more_text(lang: str, **fmt: Any) -> str:
    """The message of the finding that stands for a rule's findings beyond the limit."""
    msg = packs.load("messages.toml")["findings"]["more"]
    return msg.get(lang, msg["vi"]).format(**fmt)


def reason_text(key: str, lang: str, **fmt: Any) -> str:
    reasons = packs.load("messages.toml")["not_evaluated"]
    return reasons[key].get(lang, reasons[key]["vi"]).format(**fmt)


def _applies_under_other_rules(rule: Rule, scope_key: str) -> bool:
    """Whether a rule still applies to a document under other rules (VB009): the catalogue's
    `other_rules` says so for every such document ("all") or for all but internal forms ("parts")."""
    return rule.other_rules == "all" or (rule.other_rules == "parts" and scope_key != "internal")


def check_document(doc: Document, options: Options) -> FileResult:
    from ..checks import suppressions
    from . import excerpts

    directives = suppressions.extract(doc)  # <!-- vbcheck-disable… --> comments are not text
    budget.check()
    anatomy = analyse(doc, options.profile, doc.path)
    budget.check()
    result = FileResult(
        path=doc.path, profile=anatomy.profile, stage=options.stage, doc_type=anatomy.doc_type,
        draft=anatomy.is_draft, draft_reasons=anatomy.draft_reasons, source_kind=doc.kind.value,
    )
    rules = all_rules()
    ctx = Context(doc, anatomy, rules, stage=options.stage, lang=options.lang, config=options.config)
    runnable: set[str] = set()
    # A file that is not an official document (VB010): the other rules are not evaluated, unless
    # VB010 itself is not selected (`--select VB122` on a fragment, `--ignore VB010`).
    not_document = anatomy.not_document and "VB010" in rules and selected(rules["VB010"], options.select, options.ignore)
    for code, rule in rules.items():
        if not selected(rule, options.select, options.ignore):
            continue
        if rule.needs == "docx" and doc.kind != SourceKind.DOCX:
            result.not_evaluated.append({"code": code, "reason": reason_text("needs-docx", options.lang)})
        elif anatomy.profile not in rule.profiles:
            result.not_evaluated.append(
                {"code": code, "reason": reason_text("profile", options.lang, profile=anatomy.profile)})
        elif not_document and not rule.non_documents:
            result.not_evaluated.append({"code": code, "reason": reason_text("not-document", options.lang)})
        elif anatomy.type_conflict and rule.needs_type:
            result.not_evaluated.append({"code": code, "reason": reason_text(
                "type-conflict", options.lang, names=", ".join(anatomy.type_conflict))})
        elif anatomy.is_appendix and not rule.in_appendix:
            result.not_evaluated.append({"code": code, "reason": reason_text("appendix", options.lang)})
        elif anatomy.is_attachment and not rule.in_appendix:
            result.not_evaluated.append({"code": code, "reason": reason_text("attachment", options.lang)})
        elif anatomy.out_of_scope_key and not _applies_under_other_rules(rule, anatomy.out_of_scope_key):
            result.not_evaluated.append(
                {"code": code, "reason": reason_text(f"scope-{anatomy.out_of_scope_key}", options.lang)})
        else:
            runnable.add(code)
    # Suppressed findings dropped, duplicates dropped, at most VBCHECK_MAX_FINDINGS per rule,
    # as the checks yield them: memory stays bounded whatever the document holds.
    sup = suppressions.Suppressor(directives) if directives else None
    found = Collector(limits.get("VBCHECK_MAX_FINDINGS"),
                      lambda count, limit: more_text(options.lang, count=count, limit=limit))
    for chk in all_checks():
        codes = {r.code for r in chk.rules}
        if not codes & runnable:
            continue
        budget.check()  # between checks: each is linear in a bounded document
        try:
            found.extend(f for f in chk(doc, ctx) or ()
                         if f.code in runnable and not (sup is not None and sup.suppressed(f)))
        except budget.OverBudget:
            raise  # the file's budget, not this check's
        except InputError as e:
            # A part read lazily by a check is broken (a corrupt styles.xml for the formatting
            # rules): those rules cannot be judged, for that reason; it is not a vbcheck bug.
            for code in sorted(codes & runnable):
                result.not_evaluated.append({"code": code, "reason": e.message(options.lang)})
        except MemoryError:
            raise  # the file's memory budget, not a faulty check
        except Exception as e:  # noqa: BLE001 - a faulty check must not stop the run
            # Said, never hidden: the rules of a crashed check are listed as not evaluated.
            reason = reason_text("internal", options.lang, check=getattr(chk, "__name__", "?"),
                                 error=f"{type(e).__name__}: {e}")
            result.internal_errors.append(reason)
            for code in sorted(codes & runnable):
                result.not_evaluated.append({"code": code, "reason": reason})
    result.not_evaluated.extend(s for s in ctx.skipped if s["code"] in runnable)
    if sup is not None and "VB008" in runnable:
        found.extend(sup.unused(ctx, runnable), dedupe=False)
    result.violations = found.findings()
    excerpts.fingerprint(result.violations, doc)
    if options.keep_text:
        result.lines = excerpts.line_texts(doc)
    return result


def check_path(path: str, options: Options, data: bytes | None = None) -> FileResult:
    try:
        with budget.deadline(budget.seconds(options.time_budget)):
            if data is None:
                data = read_file(path)
            doc = read(path, data)
            budget.check()
            return check_document(doc, options)
    except InputError as e:
        return FileResult(path=path, error=e.message(options.lang))


def check_path_contained(path: str, options: Options, data: bytes | None = None) -> FileResult:
    """`check_path` for runs over many files (the CLI): an unexpected exception, which is a
    vbcheck bug, becomes this file's one-line error instead of ending the run; the other files
    are still checked and the run exits 2. The library's `check_path` lets it through."""
    try:
        return check_path(path, options, data)
    except MemoryError:  # past the memory budget of a worker process (runs/supervise.py)
        return FileResult(path=path, error=budget.over_memory(budget.cap(options.memory_budget)).message(options.lang))
    except Exception as e:  # noqa: BLE001 - last resort, reported, never hidden
        what = f"{type(e).__name__}: {' '.join(str(e).split())[:200]}"
        vi = f"lỗi nội bộ của vbcheck khi đọc tệp ({what}); xin báo lỗi kèm tệp này"
        en = f"vbcheck internal error while reading the file ({what}); please report it with this file"
        return FileResult(path=path, error=en if options.lang == "en" else vi, internal_errors=[en])
