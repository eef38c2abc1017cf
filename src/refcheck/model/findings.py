"""Findings: one defect, one finding."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None


@dataclass(slots=True)  # slots: smaller, and no ad-hoc attributes
class Finding:
    """A problem a rule found. ``offset`` is into Document.text; line/column are filled at the edge."""

    rule: str
    severity: Severity
    message: str
    offset: int | None = None
    citation: str | None = None  # the citation's text
    reference: str | None = None  # the entry's text
    reference_id: str | None = None
    suggestion: str | None = None
    line: int | None = None
    column: int | None = None
    end_offset: int | None = None
    # For findings in another file (a .bib entry): the path they stand in.
    path: str | None = None
    fix: tuple[int, int, str] | None = None  # a safe fix: replace text[start:end] with the string
    # The fix is a suggestion, not safe: ``refcheck fix`` shows it and makes it only with
    # --unsafe-fixes (a year or DOI taken from a registry's record: the registry may be the one wrong)
    fix_unsafe: bool = False
    # Whether ``refcheck fix`` would change it, when decided away from the document model (a worker
    # that sends back only findings, a report merged from records); None: ask the fix planner.
    fixable: bool | None = None
