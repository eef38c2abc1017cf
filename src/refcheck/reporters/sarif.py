"""SARIF 2.1.0: for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import Any
from urllib.parse import quote

from refcheck import __version__, rules
from refcheck.baseline import fingerprint
from refcheck.model import Severity
from refcheck.pipeline import FileResult
from refcheck.reporters._common import dumps, items

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/refcheck/refcheck"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    """A URI reference for ``path``: relative to the working directory when it is inside it (as code
    scanning expects), percent-encoded (spaces, non-ASCII and bytes of non-UTF-8 names)."""
    p = Path(path)
    rel: str | None
    try:
        rel = p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        rel = None if p.is_absolute() else p.as_posix()
    if rel is None:
        return p.resolve().as_uri()
    try:
        raw = os.fsencode(rel)
    except UnicodeEncodeError:  # a lone surrogate no file system name decodes to: keep its bytes
        raw = rel.encode("utf-8", "surrogatepass")
    return quote(raw, safe="/")


def rule_descriptor(name: str) -> dict[str, Any]:
    mod = rules.BY_NAME.get(name)
    if mod is None:  # a finding raised outside the registry (the loader's input-encoding)
        return {"id": name, "name": name, "shortDescription": {"text": name}}
    doc = textwrap.dedent((mod.__doc__ or "").split("\n", 1)[-1]).strip()
    return {
        "id": mod.NAME,
        "name": mod.NAME,
        "shortDescription": {"text": mod.SUMMARY},
        "fullDescription": {"text": doc or mod.SUMMARY},
        "help": {"text": doc or mod.SUMMARY, "markdown": f"**{mod.NAME}**: {mod.SUMMARY}\n\n```\n{doc}\n```"},
        "defaultConfiguration": {"level": LEVELS[mod.SEVERITY]},
        "helpUri": f"{INFORMATION_URI}#{mod.NAME}",
    }


def render(results: list[FileResult], **_: Any) -> str:
    descriptors = [rule_descriptor(r.NAME) for r in rules.ALL]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    out: list[dict[str, Any]] = []
    # a path's URI and fingerprint path resolved once, not once per finding (file system calls)
    uris: dict[str, str] = {}
    paths: dict[str, str] = {}
    for it in items(results):
        rec, f = it.record, it.finding
        if rec["rule"] not in index:
            index[rec["rule"]] = len(descriptors)
            descriptors.append(rule_descriptor(rec["rule"]))
        uri = uris.get(rec["path"])
        if uri is None:
            uri = uris[rec["path"]] = _uri(rec["path"])
        location: dict[str, Any] = {"artifactLocation": {"uri": uri}}
        if rec["line"]:
            location["region"] = {"startLine": rec["line"], "startColumn": rec["column"] or 1}
        message = rec["message"]
        if rec["suggestion"] and rec["suggestion"] not in message:
            message += f" (suggestion: {rec['suggestion']})"
        result: dict[str, Any] = {
            "ruleId": rec["rule"],
            "ruleIndex": index[rec["rule"]],
            "level": LEVELS[f.severity],
            "message": {"text": message},
            "locations": [{"physicalLocation": location}],
            "partialFingerprints": {"refcheckFingerprint/v1": fingerprint(f, it.result.path, paths=paths)},
        }
        out.append(result)
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{r.path}: {r.error}"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(r.path)}}}],
        }
        for r in results
        if r.error
    ]
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "refcheck",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": descriptors,
                    }
                },
                "invocations": [
                    {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
                ],
                "results": out,
            }
        ],
    }
    return dumps(log) + "\n"
