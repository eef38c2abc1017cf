"""input-encoding: the file is not valid UTF-8 and was read as Windows-1252.

What it does
    Reported by the loader (this rule only documents it): a text file whose bytes are not valid
    UTF-8 is read as Windows-1252 so that it can still be checked, and this warning says so.

Why is this bad
    Accented names may then be read wrongly ("MillÃ¡n"), which breaks matching and publishing.

Example (fails)
    A file saved as Windows-1252 holding "Millán" (byte 0xE1).

Use instead
    The same file saved as UTF-8.
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity

NAME = "input-encoding"
SEVERITY = Severity.WARNING
SUMMARY = "The file is not valid UTF-8 and was read as Windows-1252."


def check(doc: Document) -> Iterator[Finding]:
    return iter(())  # the loader adds this finding; see loaders/decode.py
