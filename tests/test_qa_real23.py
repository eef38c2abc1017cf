"""False alarms found by running refcheck on real projects not tried before (QA round 23): each test
is the smallest form of a pattern a public project uses, and failed before its fix. The source of each
pattern is named beside its test."""

from __future__ import annotations

from pathlib import Path

from .projects import findings, write


def _loud(path: Path) -> list[tuple[str, str, str]]:
    return [f for f in findings(path) if f[1] != "info"]


# --- an author-date citation whose names are written as Vancouver writes them -------------------------
# A bioRxiv preprint in stencila/encoda's JATS fixtures (Protoxin-II variants) cites a patent as
# "(Flinspach M, Neff R, Liu Y, & al., 2015; Neff & Wickenden, 2021)": each surname is followed by
# its bare initials, as the entry writes them. The initials were read as part of each surname, and
# "Flinspach M" matched no author: an error author-mismatch ("did you mean Flinspach et al. 2015?")
# on a citation that names the entry's three authors.

_VANCOUVER_NAMES = (
    "# Toxins\n\nW30L improved selectivity ({cite}; Neff & Wickenden, 2021).\n\n## References\n\n"
    "Flinspach M, Neff R, Liu Y, et al. (2015). Protoxin-II variants and methods of use. Patent No. "
    "US20150099705.\n\nNeff, R. A., & Wickenden, A. D. (2021). Selective targeting of Nav1.7 with "
    "engineered peptides. Toxins, 13, 1-20.\n"
)


def test_initials_after_each_surname_of_a_citation_are_no_part_of_the_surnames(tmp_path: Path) -> None:
    for cite in ("Flinspach M, Neff R, Liu Y, & al., 2015", "Flinspach M, Neff R, Liu Y, et al., 2015"):
        write(tmp_path, {"paper.md": _VANCOUVER_NAMES.format(cite=cite)})
        assert _loud(tmp_path / "paper.md") == [], cite


def test_a_wrong_surname_written_with_initials_is_still_found(tmp_path: Path) -> None:
    write(tmp_path, {"paper.md": _VANCOUVER_NAMES.format(cite="Flinspach M, Neff R, Lee Y, et al., 2015")})
    assert [f[0] for f in _loud(tmp_path / "paper.md")] != []
