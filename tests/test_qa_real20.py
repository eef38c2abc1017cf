"""QA round 20: real projects not seen before (bookdown and Quarto theses, DOCX manuscripts, Jupyter
Books, biblatex theses), their misreadings rewritten as small cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.extract.names import read_names
from refcheck.pipeline import check_text

# --- Springer Basic: the particle of a surname after its initials ("Walden F von") ------------------

_SPRINGER = (
    "Mariappan MM, DSouza K, Kasinath BS (2011) Regulation of ribosome biogenesis. Am J Physiol "
    "300:C1–C9\n"
    "Walden F von (2019) Ribosome biogenesis in skeletal muscle. J Appl Physiol 127:591–598\n"
    "Walden F von, Casagrande V, Östlund Farrants A-K, Nader GA (2012) Mechanical loading induces a "
    "Pol I regulon. Am J Physiol Cell Physiol 302:C1523–C1530\n"
)


@pytest.mark.parametrize(
    "sentence",
    [
        # the CSL style drops the particle in the citation, or keeps it in front
        "Levels rose in cell cultures (Mariappan et al. 2011; Walden et al. 2012; Walden 2019).",
        "Levels rose in cell cultures (Mariappan et al. 2011; von Walden et al. 2012; von Walden 2019).",
    ],
)
def test_springer_particle_after_the_initials_is_part_of_the_surname(sentence: str) -> None:
    doc = check_text(f"Introduction\n\n{sentence}\n\nReferences\n\n{_SPRINGER}")
    assert [(f.rule, f.citation) for f in doc.findings] == []
    loading = next(r for r in doc.references if r.year == "2012" and "Walden" in r.authors[0])
    assert loading.authors[:2] == ["von Walden", "Casagrande"]


def test_particles_after_vancouver_initials_are_read_as_the_surnames() -> None:
    names = read_names("Gennip Y van, Berg P van der, Smith J (2019) Title")
    assert names.persons == [("van Gennip", "Y"), ("van der Berg", "P"), ("Smith", "J")]
    # (a lower-case word after the initials that is no particle ends the list as before)
    assert read_names("Smith JA, Jones K. Title of it").persons == [("Smith", "JA"), ("Jones", "K")]


# --- Zotero's Chicago author-date: given names with bare initials ("Christopher AR Sainsbury") ------


def test_chicago_given_name_with_bare_initials_keeps_the_co_authors() -> None:
    entry = (
        "Leighton, Emma, Christopher AR Sainsbury, and Gregory C Jones. 2017. “A Practical Review of "
        "c-Peptide Testing in Diabetes.” Diabetes Therapy 8: 475–87.\n"
    )
    doc = check_text(
        "Introduction\n\nC-peptide stays in the blood longer than insulin (Leighton, Sainsbury, and Jones "
        f"2017).\n\nReferences\n\n{entry}"
    )
    assert [(f.rule, f.citation) for f in doc.findings] == []
    assert doc.references[0].authors == ["Leighton", "Sainsbury", "Jones"]


# --- LaTeX: a bibliography style and no .bib named (a package not in the project names it) ---------
# econ-ark/method-of-moderation's content/source/moderation.tex sets \bibliographystyle{econark} and ends
# with \econarkmultibib{\texname}, a command of econark-multibib.sty (not in the repository) that names
# the .bib files: each of its 11 citations was a missing-reference error "no bibliography entry has
# that key", keys its project's references.bib holds.

_STYLE_ONLY = (
    "\\documentclass{article}\n\\usepackage{econark-multibib}\n\\bibliographystyle{econark}\n"
    "\\begin{document}\nAs in \\cite{BufferStockTheory} and \\cite{carrollEGM}; see \\cite{BufferStockTheory}.\n"
    "\\econarkmultibib{\\texname}\n\\end{document}\n"
)


def test_a_style_without_a_named_bibliography_is_one_warning(tmp_path: Path) -> None:
    from .projects import findings, write

    write(tmp_path, {"paper.tex": _STYLE_ONLY})
    found = [f[:2] for f in findings(tmp_path / "paper.tex")]
    assert found == [("missing-reference", "warning")]


def test_no_bibliography_and_no_style_stays_one_error(tmp_path: Path) -> None:
    from .projects import findings, write

    write(tmp_path, {"paper.tex": _STYLE_ONLY.replace("\\bibliographystyle{econark}\n", "")})
    assert [f[:2] for f in findings(tmp_path / "paper.tex")] == [("missing-reference", "error")]
