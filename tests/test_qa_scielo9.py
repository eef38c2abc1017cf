"""QA round 15, SciELO articles (Portuguese, Spanish, English) rendered in author-date CSL styles: the
shapes refcheck misread on the held-out set of 38 articles (styles7). Each test rebuilds the shape in
a small text document."""

from __future__ import annotations

from pathlib import Path

from .projects import findings


def _check(tmp_path: Path, body: str, entries: list[str]) -> list[tuple[str, str, str]]:
    path = tmp_path / "article.txt"
    path.write_text(body + "\n\nReferências\n\n" + "\n\n".join(entries) + "\n", encoding="utf-8")
    return findings(path)


_OTHER = (
    "Sison, A. J. G. (2016). Revisiting the common good of the firm. Journal of Business Ethics, 3, 1-12."
)


def test_given_names_of_five_initials_or_with_a_particle_inside(tmp_path: Path) -> None:
    """APA's initials of a Brazilian author's many given names ("Ames, M. C. F. D. C."), and a
    particle among them ("Melo, C. de H. V.", "Kassar, M. de C. M."): given names, not an author of
    their own. The entries were read as one author each: a missing-reference and an uncited entry."""
    got = _check(
        tmp_path,
        "Prudence is the virtue of the means (Ames & Serafim, 2019; Sison, 2016). The courts decide "
        "(Melo & Kassar, 2023).",
        [
            "Ames, M. C. F. D. C., & Serafim, M. C. (2019). Teaching-learning practical wisdom. Revista de "
            "Administração, 53(2), 1-20.",
            "Melo, C. de H. V., & Kassar, M. de C. M. (2023). Judicialização da Educação Especial. Revista "
            "Diálogos, 10(2), 93-106.",
            _OTHER,
        ],
    )
    assert got == []


def test_the_writers_in_portuguese_or_spanish_are_no_work(tmp_path: Path) -> None:
    """A figure's "(Fonte: Autores, 2022)", "(Fuente: los autores, 2021)": the document's own writers,
    as "(Source: Author, 2012)" is (info), not a work the list lacks (an error before)."""
    got = _check(
        tmp_path,
        "Figura 1. Publicações por ano (Fonte: Autores, 2022). Os cursos mudaram (Sison, 2016).",
        [_OTHER],
    )
    assert [(r, s) for r, s, _ in got] == [("missing-reference", "info")]


def test_portuguese_e_de_before_a_second_name_with_its_given_name(tmp_path: Path) -> None:
    """ "a deixa de Robert Russett e de Cecile Starr (1976)": Portuguese "e de" ("and of") before the
    second author's given name and surname; the second author was read as "de Cecile Starr", and the
    citation fitted no entry (a missing-reference and an uncited entry)."""
    got = _check(
        tmp_path,
        "Nem a deixa de Robert Russett e de Cecile Starr (1976), que deram a Reynaud uma frase. Outros "
        "o citam (Sison, 2016).",
        ["RUSSETT, R., & STARR, C. (1976). Experimental Animation. Da Capo Press.", _OTHER],
    )
    assert got == []
