"""Helpers of the tests that rebuild a real project's shape in a temporary directory (the QA rounds'
tests/test_qa_*.py): write its files, check one of them as a user would, read the findings."""

from __future__ import annotations

from pathlib import Path

from refcheck.model import Document
from refcheck.pipeline import CheckOptions, check_file


def findings(path: Path) -> list[tuple[str, str, str]]:
    """(rule, severity, message) of each finding on ``path``, checked without links or registries."""
    result = check_file(str(path), CheckOptions(links=False, verify=False))
    assert result.doc is not None, result.error
    return [(f.rule, f.severity.name.lower(), f.message) for f in result.doc.findings]


def write(root: Path, files: dict[str, str], git: bool = False) -> None:
    """The files (relative name: text) under ``root``; ``git``: ``root`` is the top of a Git checkout."""
    if git:
        (root / ".git").mkdir(exist_ok=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def checked(root: Path, name: str, text: str, files: dict[str, str] | None = None) -> Document:
    """The document ``name`` (``text``) written under ``root`` beside ``files``, checked without links."""
    write(root, {**(files or {}), name: text})
    result = check_file(str(root / name), CheckOptions(links=False))
    assert result.doc is not None
    return result.doc
