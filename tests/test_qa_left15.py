"""Round left15: the leftovers of the last QA rounds (formats and command line). Each test failed
before its fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import cli

BINARY = b"\x00\x01\x02\xff\xfe binary junk \x00"
GOOD_BIB = "@article{smith2020, author = {Smith, Jane}, title = {Oil}, journal = {J}, year = 2020}\n" + (
    "@article{brown2012, author = {Brown, Bob}, title = {Gas}, journal = {J}, year = 2012}\n"
)

# a document naming two bibliographies, good.bib (Smith, cited; Brown, never cited) and a bad one
_DOCS = {
    "paper.tex": (
        "\\documentclass{article}\n\\begin{document}\nOil pays \\citep{smith2020}.\n"
        "\\bibliography{good,{bad}}\n\\end{document}\n"
    ),
    "paper.md": "---\nbibliography: [good.bib, {bad}]\n---\n\nOil pays [@smith2020].\n",
    "paper.rst": "Title\n=====\n\nOil pays :cite:`smith2020`.\n\n.. bibliography:: good.bib {bad}\n",
    "paper.typ": 'Oil pays @smith2020.\n\n#bibliography(("good.bib", "{bad}"))\n',
}
_BAD = {
    "binary .bib": ("bad.bib", BINARY, "binary file"),
    "CSL-JSON": ("bad.json", b'[{"id": "smith2020", "title": \n', "not valid JSON"),
    "Hayagriva": ("bad.yml", b"smith2020:\n  type: article\n  title: [unclosed\n", "not valid YAML"),
}


# (BibTeX reads .bib files only: a LaTeX document is tried with the binary .bib)
_CASES = [(d, b) for d in sorted(_DOCS) for b in sorted(_BAD) if d != "paper.tex" or _BAD[b][0] == "bad.bib"]


@pytest.mark.parametrize(("doc", "bad"), _CASES)
def test_an_unreadable_bibliography_is_an_input_error_not_a_finding(
    tmp_path: Path, doc: str, bad: str
) -> None:
    """A bibliography the document names that cannot be read (binary, not valid JSON or YAML) was an
    input-bibliography finding: an error for LaTeX (exit 1, as a defect of the document) and a warning
    elsewhere (exit 0: a CI gate passed). It is an input file that cannot be read: one line naming it
    and why, exit 2, and the document's other checks still run (Brown is still uncited)."""
    name, data, why = _BAD[bad]
    (tmp_path / "good.bib").write_text(GOOD_BIB, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    stem = name if doc != "paper.tex" else "bad"
    (tmp_path / doc).write_text(_DOCS[doc].replace("{bad}", stem), encoding="utf-8")
    res = cli("check", "--no-links", "--no-verify", "--format", "concise", str(tmp_path / doc))
    out = res.stdout + res.stderr
    assert "Traceback" not in out
    assert res.exit_code == 2, out
    lines = [ln for ln in out.splitlines() if name in ln]
    assert len(lines) == 1, out
    assert lines[0].startswith(f"{tmp_path / name}: error: "), out
    assert why in lines[0], out
    assert "input-bibliography" not in out, out
    assert "uncited-reference" in out and "brown2012" in out, out  # the document's other checks ran


def test_an_unreadable_bibliography_named_by_many_pages_is_said_once(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_bytes(BINARY)
    for page in ("a", "b", "c"):
        (tmp_path / f"{page}.md").write_text(
            "---\nbibliography: refs.bib\n---\n\nOil pays [@smith2020].\n", encoding="utf-8"
        )
    res = cli("check", "--no-links", "--no-verify", "--format", "json", str(tmp_path))
    assert res.exit_code == 2, res.stdout + res.stderr
    report = json.loads(res.stdout)
    errors = [f for f in report["files"] if f.get("error")]
    assert [Path(f["path"]).name for f in errors] == ["refs.bib"], errors
    assert "binary file" in errors[0]["error"]
    assert len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert sum(1 for f in report["files"] if f["path"].endswith(".md")) == 3


def test_a_missing_bibliography_is_still_a_finding(tmp_path: Path) -> None:
    """Not to be confused: a bibliography that does not exist is a defect of the document that names
    it (an error finding at the line naming it), not a file that could not be read."""
    (tmp_path / "paper.md").write_text(
        "---\nbibliography: nowhere.bib\n---\n\nOil pays [@smith2020].\n", encoding="utf-8"
    )
    res = cli("check", "--no-links", "--no-verify", "--format", "concise", str(tmp_path / "paper.md"))
    assert res.exit_code == 1, res.stdout + res.stderr
    assert "input-bibliography" in res.stdout and "does not exist" in res.stdout


# --- refcheck fix - ------------------------------------------------------------------------------------
_SLIP = "Oil pays (Martinez 2008).\n\nReferences\n\nMartinez, L. (2007) Mexico's Economic Challenges. IMF.\n"


def _fix(args: list[str], data: str) -> tuple[int, str, str]:
    from click.testing import CliRunner

    from refcheck.cli import main

    res = CliRunner().invoke(main, ["fix", "--no-links", "--no-verify", *args], input=data.encode())
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    return res.exit_code, res.stdout, res.stderr


def test_fix_reads_standard_input_and_shows_the_diff() -> None:
    """``refcheck fix -`` was refused ("name the file"), so an editor could not pipe a buffer through
    it. As ``check -`` reads standard input, ``fix -`` does: without --write the diff is shown,
    named after --stdin-filename (or "-"), and the exit status says fixes are left."""
    code, out, err = _fix(["-"], _SLIP)
    assert code == 1, err
    assert "-Oil pays (Martinez 2008)." in out and "+Oil pays (Martinez 2007)." in out, out
    assert "would be fixed" in err


def test_fix_write_of_standard_input_prints_the_fixed_document() -> None:
    """With --write, the only place to write is standard output: the whole fixed document, nothing
    else (the summary on stderr), so ``refcheck fix --write -`` is a filter."""
    code, out, err = _fix(["--write", "--stdin-filename", "brief.txt", "-"], _SLIP)
    assert code == 0, err
    assert out == _SLIP.replace("2008", "2007")
    assert "1 file fixed" in err


def test_fix_write_of_standard_input_with_nothing_to_fix_prints_it_unchanged() -> None:
    text = _SLIP.replace("2008", "2007")
    code, out, err = _fix(["--write", "-"], text)
    assert (code, out) == (0, text), err


def test_fix_of_standard_input_with_other_files_is_a_usage_error(tmp_path: Path) -> None:
    other = tmp_path / "a.txt"
    other.write_text(_SLIP, encoding="utf-8")
    code, out, err = _fix(["--write", "-", str(other)], _SLIP)
    assert code == 2 and out == "", out
    assert err.count("\n") == 1 and "'-'" in err and "alone" in err, err
    assert other.read_text(encoding="utf-8") == _SLIP


# --- reStructuredText .. include:: -----------------------------------------------------------------------
def _rst(
    tmp_path: Path, files: dict[str, str], page: str = "index.rst"
) -> list[tuple[str, str, str | None, int | None]]:
    from refcheck.pipeline import CheckOptions, check_file

    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = check_file(str(tmp_path / page), CheckOptions(links=False, verify=False))
    assert result.doc is not None, result.error
    return [
        (f.rule, f.severity.name.lower(), Path(f.path).name if f.path else None, f.line)
        for f in result.doc.findings
    ]


def test_an_included_page_s_notes_and_entries_belong_to_the_including_page(tmp_path: Path) -> None:
    """docutils reads ``.. include::`` as the included text in place: a note or a citation defined
    there is defined for the page. refcheck read no included file, so the page's "[1]_" and
    "[Smith2010]_" were left unchecked (low confidence), and a broken one went unseen."""
    found = _rst(
        tmp_path,
        {
            "index.rst": (
                "Title\n=====\n\nOil pays [1]_ as [Smith2010]_ said, and [Jones2011]_ and [2]_.\n\n"
                ".. include:: notes.rst\n"
            ),
            "notes.rst": (
                ".. [1] A note.\n\n.. [Smith2010] Smith, J. (2010). Oil. Journal of Oil, 1, 2-3.\n\n"
                ".. [Brown2012] Brown, B. (2012). Gas. Journal of Gas, 4, 5-6.\n"
            ),
        },
    )
    rules = {(r, p, line) for r, _, p, line in found}
    assert ("missing-reference", None, 4) in rules, found  # [Jones2011]_ is nowhere
    assert ("footnote-undefined", None, 4) in rules, found  # [2]_ is nowhere
    assert ("uncited-reference", "notes.rst", 5) in rules, found  # in the included file, at its line
    assert len(found) == 3, found


def test_a_citation_in_an_included_page_cites_the_including_page_s_entry(tmp_path: Path) -> None:
    found = _rst(
        tmp_path,
        {
            "index.rst": (
                "Title\n=====\n\n.. include:: parts/body.rst\n\n"
                ".. [Smith2010] Smith, J. (2010). Oil. Journal of Oil, 1, 2-3.\n"
            ),
            "parts/body.rst": "Oil pays [Smith2010]_.\n",
        },
    )
    assert found == [], found


def test_a_literalinclude_and_a_literal_include_are_not_prose(tmp_path: Path) -> None:
    """``.. literalinclude::`` and ``.. include:: x :literal:`` show a file as code: "[Jones2011]_" in
    it is no citation."""
    found = _rst(
        tmp_path,
        {
            "index.rst": (
                "Title\n=====\n\nText.\n\n.. literalinclude:: example.rst\n\n"
                ".. include:: example.rst\n   :literal:\n\n.. include:: <isonum.txt>\n"
            ),
            "example.rst": "Oil pays [Jones2011]_ and [3]_.\n",
        },
    )
    assert [r for r in found if r[0] != "empty-document"] == [], found


def test_a_missing_or_circular_include_is_one_finding(tmp_path: Path) -> None:
    found = _rst(
        tmp_path,
        {
            "index.rst": "Title\n=====\n\nOil pays [1]_.\n\n.. include:: nowhere.rst\n\n.. include:: a.rst\n",
            "a.rst": ".. include:: b.rst\n",
            "b.rst": ".. include:: a.rst\n\n.. [1] A note.\n",
        },
    )
    assert sorted(found, key=str) == [
        ("missing-input", "warning", "b.rst", 1),
        ("missing-input", "warning", None, 6),
    ], found


def test_a_directory_check_reads_an_included_file_through_its_page_only(tmp_path: Path) -> None:
    """Checked on its own, an included file of notes gave "never referenced" and "never cited" for
    each of its notes and entries (they are the including page's)."""
    (tmp_path / "index.rst").write_text(
        "Title\n=====\n\nOil pays [1]_ as [Smith2010]_ said.\n\n.. include:: notes.txt\n", encoding="utf-8"
    )
    (tmp_path / "notes.txt").write_text(
        ".. [1] A note.\n\n.. [Smith2010] Smith, J. (2010). Oil. Journal of Oil, 1, 2-3.\n", encoding="utf-8"
    )
    res = cli("check", "--no-links", "--no-verify", "--format", "concise", str(tmp_path))
    assert res.exit_code == 0, res.stdout + res.stderr
    assert "1 file checked" in res.stdout and "0 errors, 0 warnings" in res.stdout, res.stdout


def test_an_absolute_include_in_a_sphinx_project_is_read_from_its_source_directory(tmp_path: Path) -> None:
    """Sphinx reads ``.. include:: /snippets/notes.rst`` from the source directory (conf.py's)."""
    (tmp_path / ".git").mkdir()
    found = _rst(
        tmp_path,
        {
            "docs/conf.py": "project = 'x'\n",
            "docs/guide/page.rst": "Page\n====\n\nOil pays [1]_.\n\n.. include:: /snippets/notes.rst\n",
            "docs/snippets/notes.rst": ".. [1] A note.\n",
        },
        page="docs/guide/page.rst",
    )
    assert found == [], found


# --- empty-document on a Sphinx project's pages of directives ----------------------------------------------
def test_a_page_of_toctrees_and_directives_is_no_empty_document(tmp_path: Path) -> None:
    """A Sphinx project's index (a title, a toctree, links to the indices) and an API page (one
    automodule) hold no prose at all: each got an empty-document info, on every page of every
    project. A page with prose and no citation keeps it (it may be a manuscript missing its list)."""
    (tmp_path / "conf.py").write_text("project = 'x'\n", encoding="utf-8")
    index = (
        "=======\nWelcome\n=======\n\n.. toctree::\n   :maxdepth: 2\n\n   intro\n   api\n\n"
        "Indices\n-------\n\n* :ref:`genindex`\n* :ref:`modindex`\n\n.. _top:\n"
    )
    assert _rst(tmp_path, {"index.rst": index}) == []
    assert _rst(tmp_path, {"api.rst": "API\n===\n\n.. automodule:: foo\n   :members:\n"}, "api.rst") == []
    prose = _rst(tmp_path, {"intro.rst": "Intro\n=====\n\nWords about the tool, no citation.\n"}, "intro.rst")
    assert [r[0] for r in prose] == ["empty-document"]


# --- Quarto's and knitr's *_files directories ----------------------------------------------------------------
def test_the_support_files_of_a_rendered_page_are_no_documents(tmp_path: Path) -> None:
    """Quarto renders slides.qmd to slides.html and slides_files/ (libs/revealjs with its plugins'
    README.md and demo pages, figure-revealjs/); knitr writes paper_files/figure-html/. A directory
    check read every one of those library files as a document."""
    (tmp_path / "slides.qmd").write_text(
        "---\ntitle: S\n---\n\nAs Smith (2010) said.\n\n## References\n\nSmith, J. (2010). Oil. Journal of Oil, 1, 2-3.\n",
        encoding="utf-8",
    )
    plugin = tmp_path / "slides_files" / "libs" / "revealjs" / "plugin" / "notes"
    plugin.mkdir(parents=True)
    (plugin / "README.md").write_text("# Notes\n\nSee Hakim (2020) for the speaker view.\n", encoding="utf-8")
    (plugin / "speaker-view.html").write_text(
        "<html><body><p>Speaker view by Jones (2019).</p></body></html>", encoding="utf-8"
    )
    figures = tmp_path / "paper_files" / "figure-html"
    figures.mkdir(parents=True)
    (figures / "notes.md").write_text("Plot made as in Brown (2012).\n", encoding="utf-8")
    (tmp_path / "paper.Rmd").write_text(
        "As Smith (2010) said.\n\n## References\n\nSmith, J. (2010). Oil. Journal of Oil, 1, 2-3.\n",
        encoding="utf-8",
    )
    from refcheck.discovery import discover_files

    assert [Path(p).name for p in discover_files(tmp_path)] == ["paper.Rmd", "slides.qmd"]


def test_a_directory_named_like_files_of_a_page_but_holding_documents_is_searched(tmp_path: Path) -> None:
    (tmp_path / "grant.md").write_text("As Smith (2010) said.\n", encoding="utf-8")
    (tmp_path / "grant_files").mkdir()
    (tmp_path / "grant_files" / "letter.md").write_text("As Smith (2010) said.\n", encoding="utf-8")
    from refcheck.discovery import discover_files

    assert [Path(p).name for p in discover_files(tmp_path)] == ["grant.md", "letter.md"]


# --- Hayagriva fields Typst ignores ----------------------------------------------------------------------------
_HAYA = """smith2020:
  type: article
  title: Oil and gas
  authors: Smith, Jane
  date: 2020
brown2012:
  type: book
  title: Gas
  author: Brown, Bob
  date: 2012
  publsher: Penguin
  keywords: [gas, oil]
nodate:
  type: web
  title: A page
  url: https://example.org
"""


def _typst(tmp_path: Path, bib: str) -> list[tuple[str, str, int | None, str]]:
    from refcheck.pipeline import CheckOptions, check_file

    (tmp_path / "refs.yml").write_text(bib, encoding="utf-8")
    (tmp_path / "paper.typ").write_text(
        'Oil @smith2020, gas @brown2012, a page @nodate.\n\n#bibliography("refs.yml")\n', encoding="utf-8"
    )
    doc = check_file(str(tmp_path / "paper.typ"), CheckOptions(links=False, verify=False)).doc
    assert doc is not None
    return [(f.rule, f.severity.name.lower(), f.line, f.message) for f in doc.findings]


def test_a_misspelt_hayagriva_field_is_named_as_the_cause(tmp_path: Path) -> None:
    """Typst ignores a field Hayagriva does not know: "authors:" prints the entry without its author.
    refcheck said "has no author or editor", and the user looked at an entry that has one. The
    finding names the field and the one meant; a misspelt field that leaves nothing missing
    ("publsher") is an info; a field of the user's own ("keywords") is nobody's business; an entry
    without a date (a web page) is no error."""
    found = _typst(tmp_path, _HAYA)
    assert [(r, s, line) for r, s, line, _ in found] == [
        ("incomplete-reference", "warning", 1),
        ("input-bibliography", "info", 11),
        ("incomplete-reference", "info", 13),
    ], found
    assert "'authors'" in found[0][3] and "'author'" in found[0][3], found[0][3]
    assert "'publsher'" in found[1][3] and "'publisher'" in found[1][3], found[1][3]
    assert "keywords" not in " ".join(m for *_, m in found)


# --- a style guide's example citations ---------------------------------------------------------------------
_GUIDE = """# Formatting instructions

Self-references that reveal the author's identity, e.g.,

> We previously showed (Gusfield, 1997)...

must be avoided. Instead, use citations such as

> Gusfield (1997) previously showed...

## Citations

Citations within the text appear in parentheses (Gusfield, 1997), or, if the author's name appears in the text itself: Gusfield (1997).
Cite papers with two authors using both authors' names (Aho and Ullman, 1972), but cite papers with more than two authors by the first author's name and et al. (Chandra et al., 1981).

## References

Ando, R. K. and Zhang, T. (2005). A framework for learning predictive structures. Journal of Machine Learning Research, 6, 1817-1853.
"""


def test_a_style_guide_s_example_citations_are_info() -> None:
    """A conference's formatting guide (acl-style-files' formatting.md) tells how to cite, with
    example citations in its sentences and in quoted examples: the quoted ones were info, the ones
    in "Citations within the text appear in parentheses (Gusfield, 1997)" four missing-reference
    errors. In a document that quotes citations as examples, a citation in a sentence that speaks
    of citing is said at info."""
    from refcheck.pipeline import check_text

    doc = check_text(_GUIDE, fmt="markdown", path="formatting.md")
    errors = [(f.rule, f.line) for f in doc.findings if f.severity.name == "ERROR"]
    assert errors == [], errors
    missing = [f for f in doc.findings if f.rule == "missing-reference"]
    assert len(missing) == 6, missing


def test_a_citation_in_a_sentence_about_citations_of_a_paper_stays_an_error() -> None:
    """Without quoted examples the document is no style guide: a bibliometrics paper's "citation
    counts follow a power law (Price, 1965)" with Price missing is an error."""
    from refcheck.pipeline import check_text

    text = (
        "# Paper\n\nCitation counts follow a power law (Price, 1965), as Smith (2010) found.\n\n"
        "## References\n\nSmith, J. (2010). Oil. Journal of Oil, 1, 2-3.\n"
    )
    doc = check_text(text, fmt="markdown", path="paper.md")
    assert [(f.rule, f.severity.name) for f in doc.findings] == [("missing-reference", "ERROR")]
