"""JUnit XML: one test case per file and rule (CI test-report viewers).

A file with findings has one test case per rule that found something there, listing every finding
of that rule in that file: it fails when the worst of them is at or above the file's ``--fail-on``
(so the report agrees with the exit status), and passes with the findings in ``system-out``
otherwise; a file without findings has one passing test case; an unreadable file one test case with
an error. So failures never exceed tests, and a rule that
fires fifty times in one file is one failed test, not fifty. Findings that stand in another file
than the document checked (a .bib entry) are counted under that file.

Text from documents goes through ``clean`` (newlines kept in the failure text): no character XML
1.0 forbids reaches the output, so every viewer can parse it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

from refcheck.pipeline import FileResult
from refcheck.reporters._common import clean, items, plural


def _x(s: object, newlines: bool = False) -> str:
    return clean(s, keep="\n" if newlines else "")


_RANK = ("info", "warning", "error")


def _fails(worst: str, fail_on: str) -> bool:
    return fail_on != "never" and _RANK.index(worst) >= _RANK.index(fail_on)


def render(results: list[FileResult], fail_on: Mapping[str, str] | str = "error", **_: Any) -> str:
    """``fail_on``: the run's threshold, or each file's (path -> threshold, as configs set it)."""

    def threshold(r: FileResult) -> str:
        return fail_on if isinstance(fail_on, str) else fail_on.get(r.path, "error")

    # (result, path, rule) -> the records of those findings, in order
    cases: dict[tuple[int, str, str], list[dict[str, Any]]] = {}
    for it in items(results):
        cases.setdefault((id(it.result), it.record["path"], it.record["rule"]), []).append(it.record)
    with_findings = {key[0] for key in cases}
    tests = len(cases) + sum(1 for r in results if id(r) not in with_findings)
    by_id = {id(r): r for r in results}
    failing = {key for key, found in cases.items() if _fails(_worst(found), threshold(by_id[key[0]]))}
    counts = {
        "tests": str(tests),
        "failures": str(len(failing)),
        "errors": str(sum(1 for r in results if r.error)),
    }
    root = ET.Element("testsuites", {"name": "refcheck", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "refcheck", "skipped": "0", **counts})
    for r in results:
        if r.error:
            case = ET.SubElement(suite, "testcase", classname=_x(r.path), name="readable", file=_x(r.path))
            ET.SubElement(case, "error", type="unreadable", message=_x(r.error)).text = _x(r.error)
        elif id(r) not in with_findings:
            ET.SubElement(suite, "testcase", classname=_x(r.path), name="all rules", file=_x(r.path))
        for (owner, path, rule), found in cases.items():
            if owner == id(r):
                _case(suite, path, rule, found, (owner, path, rule) in failing)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _worst(found: list[dict[str, Any]]) -> str:
    return str(max((rec["severity"] for rec in found), key=_RANK.index))


def _case(suite: ET.Element, path: str, rule: str, found: list[dict[str, Any]], fails: bool) -> None:
    case = ET.SubElement(suite, "testcase", classname=_x(path), name=_x(rule), file=_x(path))
    lines = []
    for rec in found:
        where = f"{rec['path']}:{rec['line'] or ''}:{rec['column'] or ''}".rstrip(":")
        line = f"{where}: {rec['severity']} {rec['message']}"
        if rec["suggestion"]:
            line += f" (suggestion: {rec['suggestion']})"
        lines.append(line)
    if not fails:  # below --fail-on: shown, not failed
        ET.SubElement(case, "system-out").text = _x("\n".join(lines), newlines=True)
        return
    worst = max(found, key=lambda rec: _RANK.index(rec["severity"]))
    message = f"{plural(len(found), 'finding')}, worst {worst['severity']}: {worst['message']}"
    failure = ET.SubElement(case, "failure", type=_x(rule), message=_x(message))
    failure.text = _x("\n".join(lines), newlines=True)
