"""The reference list's heading in other languages and with section numbers, in a document whose
paragraphs follow each other with no blank line (as a DOCX's do): the list is found after it, so the
citations are checked (a year mismatch is found), and the heading is no entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import checked

HEADINGS = [
    "References",
    "VII. REFERENCES",
    "A. References",
    "Notes and References",
    "References cited",
    "Bibliographical references",
    "List of references",
    "Références",
    "RÉFÉRENCES BIBLIOGRAPHIQUES",
    "Referencias bibliográficas",
    "Referências",
    "Bibliografia",
    "Riferimenti bibliografici",
    "Literaturverzeichnis",
    "Quellen",
    "Literatuur",
    "Litteratur",
    "Kaynakça",
    "Список литературы",
]


@pytest.mark.parametrize("heading", HEADINGS)
def test_heading(tmp_path: Path, heading: str) -> None:
    doc = checked(
        tmp_path / "brief.txt",
        "Energy partners\n"
        "Missions doubled (Vaisman 2008). Cut back (Millán 2001).\n"
        f"{heading}\n"
        "Millán, J. (2001) La política exterior. México: FCE.\n"
        "Vaisman, D. (2007) Azerbaijan diplomacy. Baku: ADA.\n",
    )
    assert [r.authors for r in doc.references or []] == [["Millán"], ["Vaisman"]]
    assert [f.rule for f in doc.findings] == ["year-mismatch"]


def test_further_reading_is_no_reference_list(tmp_path: Path) -> None:
    """A list of further reading need not be cited: its heading does not start the reference list."""
    doc = checked(
        tmp_path / "brief.txt",
        "Missions doubled (Vaisman 2007).\n\nReferences\n\nVaisman, D. (2007) Azerbaijan diplomacy. Baku: ADA.\n\n"
        "Further reading\n\nMillán, J. (2001) La política exterior. México: FCE.\n",
    )
    assert not [f for f in doc.findings if f.severity != "info"]


def test_appendix_after_the_list_is_prose(tmp_path: Path) -> None:
    """An appendix after the reference list is no entry; its citations are checked."""
    doc = checked(
        tmp_path / "brief.txt",
        "Missions doubled (Vaisman 2007).\nReferences\nMillán, J. (2001) La política exterior. México: FCE.\n"
        "Vaisman, D. (2007) Azerbaijan diplomacy. Baku: ADA.\nAppendix A\nThe budget (Millán 2002).\n",
    )
    assert len(doc.references or []) == 2
    assert [f.rule for f in doc.findings] == ["year-mismatch"]


def test_notes_after_the_list_are_prose(tmp_path: Path) -> None:
    """A notes section after the reference list ("Notes" alone on its line, as a DOCX with notes
    typed by hand has it) is no part of the list: its lines are not entries reported uncited, and
    its citations are checked."""
    doc = checked(
        tmp_path / "brief.txt",
        "Missions doubled (Vaisman 2007).1 Cut back (Millán 2001).2\nReferences\n"
        "Millán, J. (2001) La política exterior. México: FCE.\n"
        "Vaisman, D. (2007) Azerbaijan diplomacy. Baku: ADA.\nNotes\n1. The ministry says so.\n"
        "2. See also the embassy (Millán 2002).\n",
    )
    assert len(doc.references or []) == 2
    assert [f.rule for f in doc.findings] == ["year-mismatch"]
