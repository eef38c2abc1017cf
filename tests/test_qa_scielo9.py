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


def test_particles_among_initials_written_before_the_surname(tmp_path: Path) -> None:
    """IEA/OECD's and ACL's given names first, a Portuguese particle among the initials: "C. de H. V.
    Melo and M. de C. M. Kassar. (2023)", "C. da S. T. Agrelos, C. da C. Carvalho, and W. C. S. Nozu."
    (each read as no person: the entries fitted no citation)."""
    got = _check(
        tmp_path,
        "A judicialização cresce (Melo and Kassar, 2023; Agrelos, Carvalho and Nozu, 2021; Sison, 2016).",
        [
            "C. da S. T. Agrelos, C. da C. Carvalho and W. C. S. Nozu. (2021), “Direito à educação,” Revista "
            "Educação Especial, Vol. 34, pp. 1–20.",
            "C. de H. V. Melo and M. de C. M. Kassar. (2023), “Judicialização da Educação Especial,” Revista "
            "Diálogos, Vol. 10/2, pp. 93–106.",
            "A. J. G. Sison. (2016), “Revisiting the common good of the firm,” Journal of Business Ethics, "
            "Vol. 3, pp. 1–12.",
        ],
    )
    assert got == []


def test_a_method_named_in_title_case_with_its_year(tmp_path: Path) -> None:
    """ "combinação das metodologias CEM (2009) e Balanceamento por Entropia (2011)": a method's name
    in title case in the middle of a sentence, not "Results of Smith (2001)" at a sentence's start;
    and "Entropia (2011)" again later names the same method. Both were errors."""
    got = _check(
        tmp_path,
        "O trabalho capta o efeito por meio da combinação das metodologias de pareamento e Balanceamento "
        "por Entropia (2011), como antes (Sison, 2016).\n\nForam utilizadas três metodologias: "
        "pareamento, Entropia (2011) e quantis.",
        [_OTHER],
    )
    assert [(r, s) for r, s, _ in got] == [("missing-reference", "info")] * 2


def test_a_country_and_its_ministry_as_abnt_writes_the_author(tmp_path: Path) -> None:
    """Chicago's "Brasil. Ministério da Saúde. 1990. Lei Nº 8.080 ..." cited "(Brasil. Ministério da
    Saúde 1990)": the citation was read as "da Saúde" (a tail of "Organização Pan-Americana da
    Saúde", another entry: a year-mismatch) and the entry was left uncited; and the body's name was
    the entry's title, so two of its works of a year read as duplicates."""
    got = _check(
        tmp_path,
        "A lei orgânica (Brasil. Ministério da Saúde 1990a) criou o sistema, e a pandemia foi declarada "
        "(Organização Pan-Americana da Saúde 2020; Brasil. Ministério da Saúde 1990b).",
        [
            "Brasil. Ministério da Saúde. 1990a. Lei Nº 8.080, De 19 De Setembro De 1990. Diário Oficial "
            "da União.",
            "Brasil. Ministério da Saúde. 1990b. Lei Nº 8.142, De 28 De Dezembro De 1990. Diário Oficial "
            "da União.",
            "Organização Pan-Americana da Saúde. 2020. OMS Afirma Que COVID-19 É Agora Caracterizada Como "
            "Pandemia. OPAS.",
        ],
    )
    assert got == []


def test_a_comma_before_portuguese_e_opens_a_clause(tmp_path: Path) -> None:
    """ "nas encostas da Serra do Mar em Santo André, e Mantovani (1998) relata": Portuguese writes no
    comma before the "e" of a list of names; the citation was read as "André, e Mantovani (1998)"
    (missing, and the entry uncited)."""
    got = _check(
        tmp_path,
        "O estudo foi feito nas encostas da Serra do Mar em Santo André, e Mantovani (1998) relata que "
        "predominam espécies zoocóricas (Sison, 2016).",
        ["Mantovani, W. (1998). Dinâmica da Floresta Pluvial Atlântica. Anais do IV Simpósio.", _OTHER],
    )
    assert got == []


def test_an_organisation_with_its_country_or_acronym_in_brackets_before_a_bare_year(tmp_path: Path) -> None:
    """Chicago's and ACL's "Ministério da Saúde (BR). 2017.", "Empresa de Pesquisa ... (EPAGRI). 2001."
    and "Ministério da Saude (BR), Secretaria de Vigilância em Saúde, and Departamento de Vigilância.
    2009.": the bracket was read as the title and the entries left uncited (APA's "(2017)" was read)."""
    got = _check(
        tmp_path,
        "Chove muito (Empresa de Pesquisa Agropecuária e Extensão Rural de Santa Catarina (EPAGRI) 2001). "
        "A atenção ao recém-nascido (Sison 2016; Ministério da Saúde (BR) 2017) e os óbitos (Ministério "
        "da Saude (BR) et al. 2009).",
        [
            "Empresa de Pesquisa Agropecuária e Extensão Rural de Santa Catarina (EPAGRI). 2001. Dados e "
            "informações biofísicas. EPAGRI.",
            "Ministério da Saúde (BR). 2017. Atenção Humanizada Ao Recém-nascido. MS.",
            "Ministério da Saude (BR), Secretaria de Vigilância em Saúde, and Departamento de Vigilância. "
            "2009. Guia de Vigilância. MS.",
            "Sison, A. J. G. 2016. “Revisiting the Common Good of the Firm.” Journal of Business Ethics 3: "
            "1–12.",
        ],
    )
    assert got == []


def test_a_year_inside_a_group_author_s_name(tmp_path: Path) -> None:
    """ "..., Vos, T., & GBD 2015 Oral Health Collaborators. (2017).": the entry's year is 2017, not
    the 2015 of the collaboration's name (a year-mismatch on "(Kassebaum et al., 2017)")."""
    got = _check(
        tmp_path,
        "Tooth decay affects more than 2.5 billion people (Kassebaum et al., 2017; Sison, 2016).",
        [
            "Kassebaum, N. J., Smith, A. G. C., Bernabé, E., Fleming, T. D., Reynolds, A. E., Vos, T., & GBD "
            "2015 Oral Health Collaborators. (2017). Global, regional, and national prevalence of oral "
            "conditions. Journal of Dental Research, 96(4), 380–387.",
            _OTHER,
        ],
    )
    assert got == []


def test_a_catalan_double_surname_is_not_cut_to_its_last_word(tmp_path: Path) -> None:
    """ "(Cirujano, Corma and Llabrés i Xamena, 2015)" when the list has only the entry "Cirujano, F.G.,
    Corma, A. and Xamena, F.X.L.I. (2015)" and the cited work is missing: "Llabrés i Xamena" is one
    surname joined by Catalan "i", not a given name before "Xamena"."""
    got = _check(
        tmp_path,
        "The reaction was fast (Cirujano, Corma and Llabrés i Xamena, 2015; Sison, 2016) and clean "
        "(Cirujano, Corma and Xamena, 2015).",
        [
            "Cirujano, F.G., Corma, A. and Xamena, F.X.L.I. (2015) “Conversion of levulinic acid into "
            "chemicals,” Chem. Eng. J., 1, pp. 1–9.",
            _OTHER,
        ],
    )
    assert [r for r, _, _ in got] == ["missing-reference"]
