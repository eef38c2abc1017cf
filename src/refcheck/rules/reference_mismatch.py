"""reference-mismatch: the registry's record of the entry's work says something else.

What it does
    With verification on, compares the entry with the record its DOI names (or the record its
    metadata match). An error when the DOI names another work: its title, and its first author,
    are not the entry's (the DOI was copied from another entry, or made up). A warning when only
    the title differs and the record's first author and year are the entry's (a translated or
    retitled edition is as likely as another work), when the work is the entry's but its year is
    off by more than one (a year apart is online-first against print, and is accepted), and when
    the entry names a journal (BibTeX ``journal``, JATS ``<source>``, CSL-JSON ``container-title``)
    that is clearly not the record's (Crossref ``container-title``/``short-container-title``,
    OpenAlex ``primary_location.source``): an abbreviation, "The", "&", a subtitle or another of the
    record's names is the same journal, and a name that shares a word with the record's is doubtful
    and not reported; info when the record found by the entry's metadata is another version
    of the work that may rightly be dated otherwise (the publication of a cited preprint, a book's
    other edition). Names the field, both values, and the registry's value as the suggestion.

Why is this bad
    A reader who follows the DOI finds another work; a wrong year sends them to the wrong volume
    and breaks the author-date citation's link to the work.

Example (fails)
    Bayramov, V. (2008) Oil funds and fiscal policy. Energy Policy 36: 1-9. doi:10.1016/j.enpol.2008.01.012
    -- where 10.1016/j.enpol.2008.01.012 is "Wind power in Denmark" (2008) by Hansen.

Use instead
    The DOI of the work cited (or the year the registry gives, when the entry's is the slip).
    ``refcheck fix --unsafe-fixes`` writes the registry's year in the entry when the record is
    surely the entry's work (its DOI, or the one work a search found, with the title almost word for
    word) and the year stands once in the entry; the citations of the entry are left to the user.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity
from refcheck.rules._verify import entry_finding, entry_fix, name, quoted, sure, verified

NAME = "reference-mismatch"
SEVERITY = Severity.ERROR
SUMMARY = (
    "The registry's record of the entry's work has another title or first author (error),"
    " or year or journal (warning)."
)


def check(doc: Document) -> Iterator[Finding]:
    for ref, v in verified(doc):
        if v.status not in ("mismatch", "retracted") or not v.problems or v.record is None:
            continue
        rec = v.record
        errors = [p for p in v.problems if p[3] == "error"]
        if errors:
            who = (rec.get("authors") or ["?"])[0]
            message = (
                f"{v.doi} is {quoted(rec.get('title'))} ({rec.get('year') or 'n.d.'}) by {who}, "
                f"not {quoted(ref.title or ref.text[:80])} ({ref.year or 'n.d.'})"
            )
            fields = ", ".join(p[0] for p in errors)
            yield entry_finding(
                ref, NAME, Severity.ERROR, f'"{name(ref)}": {message} ({fields} differ) [{v.source}]'
            )
            continue
        for field, ours, theirs, level in v.problems:
            where = f"{v.doi}" if v.doi else f"the {v.source} record"
            message = f'"{name(ref)}" gives {field} {ours}; {where} ({quoted(rec.get("title"), 60)}) gives {theirs} [{v.source}]'
            severity = Severity.INFO if level == "info" else Severity.WARNING
            if severity is Severity.INFO:
                message += " (another version of the work, which may rightly be dated otherwise)"
            fix = None
            if (
                field == "year"
                and severity is Severity.WARNING
                and sure(v)
                and ours.isdigit()
                and theirs.isdigit()
            ):
                # the entry's year, once in its text (not in a URL or DOI): a suggested fix
                fix = entry_fix(
                    doc, ref, re.compile(rf"(?<![\w/.-]){ours}(?=[a-z]?\b)"), theirs, mask_links=True
                )
            yield entry_finding(ref, NAME, severity, message, suggestion=theirs, fix=fix, fix_unsafe=True)
