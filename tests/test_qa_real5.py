"""False alarms found by running refcheck on real documents of kinds not tried before (QA round 5:
bookdown and Quarto books with chapters in subdirectories, theses with a bibliography per chapter,
Jupyter Books, MyST sites, Manubot manuscripts, Markdown blogs): each test is the smallest form of a
pattern a public document uses, and failed before its fix. The source of each pattern is named beside
its test."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.pipeline import CheckOptions, check_file


def findings(path: Path) -> list[tuple[str, str, str]]:
    result = check_file(str(path), CheckOptions(links=False, verify=False))
    assert result.doc is not None, result.error
    return [(f.rule, f.severity.name.lower(), f.message) for f in result.doc.findings]


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# --- a bookdown book whose chapters are in subdirectories --------------------------------------------
# rafalab/dsbook and bweatherson/lda-bookdown: _bookdown.yml lists "dataviz/intro-dataviz.Rmd",
# "topic_comments/topic02.Rmd" ...; each such chapter was checked alone, without the book's
# bibliography, so its prose was read for author-date citations ("ER Tufte (1983) The visual display
# ...": 'the document has no reference list', an error) and its [@key]s were never checked.

BOOK = {
    "_bookdown.yml": 'book_filename: "book"\nrmd_files: [\n  "index.Rmd",\n  "dataviz/intro.Rmd",\n'
    '  #"dataviz/robust.Rmd",\n  "ml/trees.Rmd"\n]\n',
    "book.bib": "@book{tufte1983, author={Tufte, Edward R.}, title={The Visual Display of Quantitative"
    " Information}, publisher={Graphics Press}, year={1983}}\n",
    "index.Rmd": '---\ntitle: "A Book"\nbibliography: [book.bib]\n---\n\n# Preface {-}\n\nHello.\n',
    "dataviz/intro.Rmd": "# Data visualization\n\nGood displays [@tufte1983].\n\n"
    "* ER Tufte (1983) The visual display of quantitative information.\n",
    "ml/trees.Rmd": "# Trees\n\n(Source: Walton 2010 Informal Logic, Vol. 30.) A typo [@tufte1984].\n",
}


def test_bookdown_chapters_in_subdirectories_are_the_book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from refcheck.pipeline import expand_paths

    monkeypatch.chdir(tmp_path)
    write(tmp_path, BOOK)
    files, _ = expand_paths([str(tmp_path)])
    assert [Path(f).name for f in files] == ["index.Rmd"]
    found = findings(tmp_path / "index.Rmd")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")]
    assert "'tufte1984'" in found[0][2]
    # a chapter named alone is checked as the book, from its index.Rmd
    files, _ = expand_paths([str(tmp_path / "ml" / "trees.Rmd")])
    assert [Path(f).name for f in files] == ["index.Rmd"]


# --- an article in two parts: one title, other pages -------------------------------------------------
# bweatherson/lda-bookdown's idealism_articles_1925-1935.html lists "Abraham Edel, 1932, “A Study of a
# Philosophy of the Determinate,” Journal of Philosophy 29:29–41." and "... 29:57–69.": two parts of one
# paper. The last page before the full stop was not read as a number ("41." looked like a decimal), so
# the first entry's numbers were all among the second's: a duplicate-reference warning.


@pytest.mark.parametrize("end", [".", ""])
def test_one_title_on_other_pages_before_a_full_stop_is_no_duplicate(tmp_path: Path, end: str) -> None:
    text = (
        "Idealism was debated at length (Ewing 1925; Edel 1932).\n\nReferences\n\n"
        "A. C. Ewing, 1925, “The Relation Between Knowing and Its Object,” Mind 34:137–53.\n\n"
        f"Abraham Edel, 1932, “A Study of a Philosophy of the Determinate,” Journal of Philosophy 29:29–41{end}\n\n"
        f"Abraham Edel, 1932, “A Study of a Philosophy of the Determinate,” Journal of Philosophy 29:57–69{end}\n"
    )
    (tmp_path / "list.txt").write_text(text, encoding="utf-8")
    assert "duplicate-reference" not in [r for r, _, _ in findings(tmp_path / "list.txt")]


# --- "Why 1848 ...?" -----------------------------------------------------------------------------------
# bweatherson/lda-bookdown's 01-methodology-Word.Rmd: "...the Venetian Revolution.^[Why 1848 and not
# some other historical event? ...]" was the author-date citation "Why 1848" of a document with no
# reference list: an error. A question word is no author.


@pytest.mark.parametrize("question", ["Why 1848 and not some other event?", "How 2020 changed the survey."])
def test_a_question_word_before_a_year_is_no_citation(tmp_path: Path, question: str) -> None:
    (tmp_path / "chapter.md").write_text(
        f"# Method\n\nThe cut-off is the Five Days of Milan.^[{question} Well, dates matter.]\n", encoding="utf-8"
    )
    assert [r for r, s, _ in findings(tmp_path / "chapter.md") if s != "info"] == []
