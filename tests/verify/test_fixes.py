"""Suggested fixes from a registry's record: the entry's year (reference-mismatch) and its DOI
(doi-not-found), offered only when the record is surely the entry's work, made only with
--unsafe-fixes (``fix.plan(doc, unsafe=True)``)."""

from __future__ import annotations

from pathlib import Path

from refcheck import fix
from tests.conftest import cli
from tests.verify.scripted import Scripted, crossref

BODY = "Oil funds matter (Bayramov 2005).\n\nReferences\n\n"
TITLE = "Oil funds and fiscal policy in resource-rich Azerbaijan"
DOI = "10.1016/j.enpol.2008.01.012"
AUTHORS = [("Vugar", "Bayramov")]
RECORD = crossref(DOI, TITLE, AUTHORS, 2008, **{"container-title": ["Energy Policy"]})
YEAR_ENTRY = f"Bayramov, V. (2005) {TITLE}. Energy Policy 36: 1-9. doi:{DOI}"


def fixes(doc, unsafe: bool) -> list[tuple[str, str, str]]:
    return [(e.finding.rule, e.old, e.new) for e in fix.plan(doc, unsafe).edits]


def test_the_registrys_year_is_a_suggested_fix() -> None:
    with Scripted(dois={DOI: RECORD}) as reg:
        doc = reg.verify(BODY + YEAR_ENTRY + "\n")
    [finding] = [f for f in doc.findings if f.rule == "reference-mismatch"]
    assert finding.fix is not None and finding.fix_unsafe
    assert fixes(doc, unsafe=False) == []  # not a safe fix
    assert fix.fixable(doc) == set()  # reports do not offer it as fixable
    assert fixes(doc, unsafe=True) == [("reference-mismatch", "2005", "2008")]
    new = fix.apply_text(doc.text, fix.plan(doc, unsafe=True).edits)
    assert "Bayramov, V. (2008) Oil funds" in new and DOI in new  # the DOI's "2008" untouched


def test_no_year_fix_when_the_year_stands_twice() -> None:
    entry = YEAR_ENTRY.replace("resource-rich Azerbaijan", "Azerbaijan after 2005")
    record = crossref(DOI, TITLE.replace("resource-rich Azerbaijan", "Azerbaijan after 2005"), AUTHORS, 2008)
    with Scripted(dois={DOI: record}) as reg:
        doc = reg.verify(BODY + entry + "\n")
    [finding] = [f for f in doc.findings if f.rule == "reference-mismatch"]
    assert finding.suggestion == "2008" and finding.fix is None


BAD = "10.1016/j.enpol.2008.99.999"
DOI_ENTRY = f"Bayramov, V. (2008) {TITLE}. Energy Policy 36: 1-9. https://doi.org/{BAD}"
DOI_BODY = BODY.replace("2005", "2008")


def test_the_matching_records_doi_is_a_suggested_fix() -> None:
    with Scripted(dois={DOI: RECORD}, search=[RECORD]) as reg:
        doc = reg.verify(DOI_BODY + DOI_ENTRY + "\n")
    [finding] = [f for f in doc.findings if f.rule == "doi-not-found"]
    assert finding.suggestion == DOI and finding.fix_unsafe
    assert fixes(doc, unsafe=False) == []
    assert fixes(doc, unsafe=True) == [("doi-not-found", BAD, DOI)]


def test_no_doi_fix_when_two_works_fit() -> None:
    reprint = crossref("10.5555/reprint.1", TITLE, AUTHORS, 2008)
    with Scripted(dois={DOI: RECORD}, search=[RECORD, reprint]) as reg:
        doc = reg.verify(DOI_BODY + DOI_ENTRY + "\n")
    [finding] = [f for f in doc.findings if f.rule == "doi-not-found"]
    assert finding.suggestion == DOI and finding.fix is None


def test_no_doi_fix_from_a_loose_match() -> None:
    """A record whose title the entry gives only in part (a score under 0.9) is suggested, not fixed."""
    loose = crossref(DOI, TITLE + " and Kazakhstan compared", AUTHORS, 2008)
    with Scripted(search=[loose]) as reg:
        doc = reg.verify(DOI_BODY + DOI_ENTRY + "\n")
    found = [f for f in doc.findings if f.rule == "doi-not-found"]
    assert found and all(f.fix is None for f in found)


def test_fix_command_makes_suggested_fixes_only_with_unsafe_fixes(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_text(BODY + YEAR_ENTRY + "\n", encoding="utf-8")
    with Scripted(dois={DOI: RECORD}) as reg:
        args = ["fix", "--verify", "--no-links", "--no-cache", *reg.cli_args()]
        res = cli(*args, "--write", str(path))
        assert "suggested fix (reference-mismatch), made only with --unsafe-fixes: 2008" in res.stderr
        assert path.read_text(encoding="utf-8") == BODY + YEAR_ENTRY + "\n"
        res = cli(*args, "--unsafe-fixes", "--write", str(path))
        assert "-Bayramov, V. (2005)" in res.stdout and "+Bayramov, V. (2008)" in res.stdout
    assert "Bayramov, V. (2008) Oil funds" in path.read_text(encoding="utf-8")
