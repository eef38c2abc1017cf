"""EndNote citations not yet formatted ("{Vaisman, 2007 #12}"), as a manuscript holds them when
EndNote's instant formatting is off or they were converted to unformatted citations: read as the
citations they are, so that their entries are not reported uncited."""

from __future__ import annotations

from pathlib import Path

from refcheck.pipeline import CheckOptions, check_file

REFS = (
    "\n\nReferences\n\nVaisman, D. (2007) Azerbaijan diplomacy. Baku: ADA.\n\n"
    "Millán, J. (2001) La política exterior. México: FCE.\n\nHyde, S. (2002) Pseudo-democrats. Ithaca: Cornell.\n"
)


def _check(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    path = tmp_path / "brief.txt"
    path.write_text(text + REFS, encoding="utf-8")
    doc = check_file(str(path), CheckOptions()).doc
    assert doc is not None
    return [(f.rule, f.message.split(" ")[0]) for f in doc.findings]


def test_unformatted_citations_cite(tmp_path: Path) -> None:
    text = "Missions doubled {Vaisman, 2007 #12}. Cut back {Millán, 2001 #3@p. 4; Hyde, 2002 #7}."
    assert _check(tmp_path, text) == []


def test_unformatted_citations_are_checked(tmp_path: Path) -> None:
    text = "Missions doubled {Vaisman, 2008 #12}. Cut back {Millán, 2001 #3; Hyde, 2002 #7; Smith, 1999 #9}."
    assert _check(tmp_path, text) == [("year-mismatch", '"Vaisman,'), ("missing-reference", '"Smith,')]


def test_other_braces_are_no_citations(tmp_path: Path) -> None:
    """Braces without a record number are not EndNote's: "{Vaisman, 2007}" is no citation."""
    text = "Missions doubled {Vaisman, 2007} (Millán 2001; Hyde 2002)."
    assert _check(tmp_path, text) == [("uncited-reference", "Vaisman")]
