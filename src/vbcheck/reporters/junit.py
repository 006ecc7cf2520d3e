"""JUnit XML for CI test-report viewers: one test suite per document, one failed test case per
finding (its type is the severity), a passing case for a clean document and an error for a
document that could not be read."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..engine import Report
from .neutral import printable as _p


def render(report: Report, lang: str = "vi") -> str:
    root = ET.Element("testsuites", name="vbcheck")
    total = failures = errors = 0
    for f in report.files:
        path = _p(f.path)  # XML 1.0 holds no C0 character: escaped, so the report is valid for any input
        suite = ET.SubElement(root, "testsuite", name=path)
        cases = failed = errored = 0
        if f.error is not None:
            case = ET.SubElement(suite, "testcase", classname=path, name="read")
            ET.SubElement(case, "error", message=_p(f.error), type="unreadable").text = _p(f.error)
            cases, errored = 1, 1
        elif not f.violations:
            ET.SubElement(suite, "testcase", classname=path, name="vbcheck")
            cases = 1
        for v in f.violations:
            name = f"{v.code} {v.name} ({v.line}:{v.column})"
            case = ET.SubElement(suite, "testcase", classname=path, name=name, file=path, line=str(v.line))
            fail = ET.SubElement(case, "failure", message=_p(v.message), type=v.severity)
            where = f"{path}:{v.line}:{v.column}" + (f" (trang {v.page})" if v.page else "")
            fail.text = _p(f"{where}: {v.code} {v.severity} {v.message}" + (f" «{v.text}»" if v.text else ""))
            cases += 1
            failed += 1
        suite.set("tests", str(cases))
        suite.set("failures", str(failed))
        suite.set("errors", str(errored))
        total, failures, errors = total + cases, failures + failed, errors + errored
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
