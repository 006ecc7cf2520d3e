"""JUnit XML for CI test-report viewers: one test suite per document, one failed test case per
finding (its type is the severity), a passing case for a clean document and an error for a
document that could not be read."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..engine import Report


def render(report: Report, lang: str = "vi") -> str:
    root = ET.Element("testsuites", name="vbcheck")
    total = failures = errors = 0
    for f in report.files:
        suite = ET.SubElement(root, "testsuite", name=f.path)
        cases = failed = errored = 0
        if f.error is not None:
            case = ET.SubElement(suite, "testcase", classname=f.path, name="read")
            ET.SubElement(case, "error", message=f.error, type="unreadable").text = f.error
            cases, errored = 1, 1
        elif not f.violations:
            ET.SubElement(suite, "testcase", classname=f.path, name="vbcheck")
            cases = 1
        for v in f.violations:
            name = f"{v.code} {v.name} ({v.line}:{v.column})"
            case = ET.SubElement(suite, "testcase", classname=f.path, name=name, file=f.path, line=str(v.line))
            fail = ET.SubElement(case, "failure", message=v.message, type=v.severity)
            where = f"{f.path}:{v.line}:{v.column}" + (f" (trang {v.page})" if v.page else "")
            fail.text = f"{where}: {v.code} {v.severity} {v.message}" + (f" «{v.text}»" if v.text else "")
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
