"""JUnit XML: one test case per checked file, one failure per finding (CI test-report viewers)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from refcheck.pipeline import FileResult
from refcheck.reporters._common import items


def render(results: list[FileResult], **_: Any) -> str:
    by_path: dict[str, list[dict[str, Any]]] = {}
    for it in items(results):
        by_path.setdefault(it.result.path, []).append(it.record)
    failures = sum(len(v) for v in by_path.values())
    errors = sum(1 for r in results if r.error)
    counts = {"tests": str(len(results)), "failures": str(failures), "errors": str(errors)}
    root = ET.Element("testsuites", {"name": "refcheck", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "refcheck", "skipped": "0", **counts})
    for r in results:
        case = ET.SubElement(suite, "testcase", classname="refcheck", name=r.path, file=r.path)
        if r.error:
            ET.SubElement(case, "error", type="unreadable", message=r.error).text = r.error
            continue
        for rec in by_path.get(r.path, []):
            where = f"{rec['path']}:{rec['line'] or ''}:{rec['column'] or ''}".rstrip(":")
            body = f"{where}: {rec['severity']} {rec['rule']} {rec['message']}"
            if rec["suggestion"]:
                body += f"\nsuggestion: {rec['suggestion']}"
            failure = ET.SubElement(
                case, "failure", type=rec["rule"], message=f"{rec['severity']}: {rec['message']}"
            )
            failure.text = body
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
