"""reStructuredText and Typst documents: what each reads, and what it leaves alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from refcheck.loaders.bibtex import read_bibliography
from refcheck.loaders.typst import scan
from refcheck.pipeline import CheckOptions, check_file, expand_paths

BIB = """@article{allison1994, author = {Allison, G. B. and Gee, G. W.}, title = {Vadose-zone techniques},
  journal = {SSSA Journal}, year = {1994}}
@article{healy2002, author = {Healy, Richard W. and Cook, Peter G.}, title = {Using groundwater levels},
  journal = {Hydrogeology Journal}, year = {2002}}
@book{rushton2003, author = {Rushton, Ken}, title = {Groundwater Hydrology}, publisher = {Wiley}, year = {2003}}
"""


def _check(path: Path) -> tuple[list[tuple[str, int | None, str]], list[str]]:
    result = check_file(str(path), CheckOptions(links=False))
    assert result.doc is not None, result.error
    findings = [(f.rule, f.line, f.severity.name.lower()) for f in result.doc.findings]
    return findings, [c.key or "" for c in result.doc.citations if c.start > 0]


def _git(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the project root: configuration above it is not read


# --- reStructuredText ------------------------------------------------------------------------------


def test_rst_citations_footnotes_and_what_is_code(tmp_path: Path) -> None:
    _git(tmp_path)
    page = tmp_path / "paper.rst"
    page.write_text(
        "Title\n=====\n\n"
        "Recharge varies [Scanlon2006]_ and [Missing1999]_ [#]_ [3]_ [#]_.\n\n"
        "Run it::\n\n    tool --cite [Code2020]_ [#]_\n\n"
        ".. code-block:: python\n\n   x = '[Block2020]_'\n\n"
        "..\n   a comment [Hidden2001]_\n\n"
        "Inline ``[Inline2020]_`` is literal.\n\n"
        ">>> print('[Doctest2020]_')\n\n"
        ".. [#] First note.\n"
        ".. [3] A note written by hand.\n\n"
        ".. [Scanlon2006] Scanlon, B. R. (2006) Global synthesis of recharge. *Hydrological Processes* 20.\n"
        ".. [Wood1995] Wood, W. W. (1995) Chemical methods for recharge. *Ground Water* 33.\n",
        encoding="utf-8",
    )
    findings, keys = _check(page)
    assert keys == ["Scanlon2006", "Missing1999"]
    assert findings == [
        ("missing-reference", 4, "error"),
        ("footnote-undefined", 4, "error"),  # the second [#]_: one auto-numbered note only
        ("uncited-reference", 25, "warning"),
    ]


def test_rst_citations_of_a_sphinx_project_are_global(tmp_path: Path) -> None:
    """Sphinx resolves [Label]_ across pages: a label another page defines or cites is no defect."""
    _git(tmp_path)
    (tmp_path / "conf.py").write_text('project = "x"\n', encoding="utf-8")
    (tmp_path / "refs.rst").write_text(
        "References\n==========\n\n.. [Smith2010] Smith, J. (2010) A study. *J* 1.\n"
        ".. [Doe2011] Doe, J. (2011) Another. *J* 2.\n",
        encoding="utf-8",
    )
    (tmp_path / "intro.rst").write_text(
        "Intro\n=====\n\nAs shown [Smith2010]_ and [Nowhere2000]_.\n", encoding="utf-8"
    )
    intro, _ = _check(tmp_path / "intro.rst")
    assert intro == [("missing-reference", 4, "error")]  # Nowhere2000 is defined on no page
    refs, _ = _check(tmp_path / "refs.rst")
    assert refs == [("uncited-reference", 5, "warning")]  # Doe2011: cited on no page (Smith2010 is)


def test_sphinxcontrib_bibtex_roles_read_conf_py_bibfiles(tmp_path: Path) -> None:
    _git(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "conf.py").write_text(
        'extensions = ["sphinxcontrib.bibtex"]\nbibtex_bibfiles = ["refs.bib"]\n', encoding="utf-8"
    )
    (docs / "refs.bib").write_text(BIB, encoding="utf-8")
    (docs / "page.rst").write_text(
        "Page\n====\n\n"
        "Balance :cite:p:`allison1994` and :cite:t:`healy2002,rushton2003` and "
        ":cite:p:`{see}healy2002{p. 3}` and :footcite:`alison1994`.\n\n"
        "Write ``:cite:p:`key``` to cite.\n\n"
        ".. code-block:: rst\n\n   :cite:p:`example2020`\n\n"
        ".. footbibliography::\n\n.. bibliography::\n",
        encoding="utf-8",
    )
    findings, keys = _check(docs / "page.rst")
    assert keys == ["allison1994", "healy2002", "rushton2003", "healy2002", "alison1994"]
    assert findings == [("missing-reference", 4, "error")]
    result = check_file(str(docs / "page.rst"), CheckOptions(links=False))
    assert result.doc is not None
    assert result.doc.findings[0].suggestion == "allison1994"
    # the site's bibliography serves every page: a page's entries are those it cites, none uncited
    assert sorted(r.key or "" for r in result.doc.references or []) == [
        "allison1994",
        "healy2002",
        "rushton2003",
    ]


def test_rst_roles_with_no_bibliography_known_say_so_once(tmp_path: Path) -> None:
    _git(tmp_path)
    page = tmp_path / "page.rst"
    page.write_text("Page\n====\n\nAs :cite:p:`a2000` and :cite:t:`b2001` show.\n", encoding="utf-8")
    findings, _ = _check(page)
    assert findings == [("empty-document", None, "info")]


def test_rst_bibliography_all_prints_every_entry(tmp_path: Path) -> None:
    """sphinxcontrib-bibtex 1's form, ".. bibliography:: refs.bib" with ":all:": every entry is printed
    (as \\nocite{*}), so none is reported as never cited."""
    _git(tmp_path)
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    page = tmp_path / "page.rst"
    page.write_text("Page\n====\n\nAs :cite:`allison1994`.\n\n.. bibliography:: refs.bib\n", encoding="utf-8")
    findings, _ = _check(page)
    assert [f[0] for f in findings] == ["uncited-reference", "uncited-reference"]  # (info: not printed)
    page.write_text(
        "Page\n====\n\nAs :cite:`allison1994`.\n\n.. bibliography:: refs.bib\n   :all:\n", encoding="utf-8"
    )
    findings, _ = _check(page)
    assert findings == []


# --- Typst -------------------------------------------------------------------------------------------


def test_typst_markup_and_code_are_told_apart() -> None:
    text = (
        "#show: doc => conf(title: [About @inside], doc)\n"
        "Text @a and #cite(<b>) // @c\n"
        '/* @d */ `@e` $@f$ #footnote[note @g #link("https://x.org")[x]] <lab>\n'
        '#include "ch.typ"\n'
    )
    found = scan(text)
    code = [text[a:b] for a, b in found.excluded]
    assert "// @c" in code and "/* @d */" in code and "`@e`" in code and "$@f$" in code
    assert any(c.startswith("#cite(") for c in code)
    assert not any("@a" in c or "@g" in c or "@inside" in c for c in code)  # markup, in content blocks too
    assert [n for n, _ in found.markup_labels] == ["lab"]


def test_typst_document(tmp_path: Path) -> None:
    _git(tmp_path)
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "more.yml").write_text(
        'cook1996:\n  type: article\n  title: Tracers\n  author: ["Cook, P. G."]\n  date: 1996-03\n',
        encoding="utf-8",
    )
    (tmp_path / "main.typ").write_text(
        '#import "@preview/glossarium:0.5.1": *\n'
        '#register-glossary(((key: "cmb", short: "CMB"),))\n'
        "= Intro <intro>\n"
        "As @allison1994[p. 3] and #cite(<healy2002>) show, @cmb works @cook1996.\n"
        "See @intro and @fig:wells; @alison1994 is a typo. // @commented\n"
        "Mail hydro\\@example.org.\n"
        '#include "ch.typ"\n'
        '#bibliography(("refs.bib", "more.yml"))\n',
        encoding="utf-8",
    )
    (tmp_path / "ch.typ").write_text('= Methods\nFollowing #cite(label("rushton2003")).\n', encoding="utf-8")
    findings, keys = _check(tmp_path / "main.typ")
    assert keys == ["allison1994", "healy2002", "cook1996", "alison1994", "rushton2003"]
    assert findings == [("missing-reference", 5, "error")]
    # the chapter is checked through the file that includes it
    files, errors = expand_paths([str(tmp_path)])
    assert [Path(f).name for f in files] == ["main.typ"] and not errors


def test_typst_full_bibliography_and_template_argument(tmp_path: Path) -> None:
    _git(tmp_path)
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    main = tmp_path / "main.typ"
    main.write_text('#bibliography("refs.bib", full: true)\nAs @healy2002.\n', encoding="utf-8")
    assert _check(main)[0] == []  # full: true prints every entry
    # a template given the file ("bibliography-file: ..."), whose own bibliography() reads it
    main.write_text(
        '#import "template.typ": paper\n#show: paper.with(bibliography-file: "refs.bib")\nAs @healy2002.\n'
    )
    findings, keys = _check(main)
    assert keys == ["healy2002"]
    assert {f[0] for f in findings} == {"uncited-reference"}  # (info: not printed)


def test_hayagriva_entries(tmp_path: Path) -> None:
    path = tmp_path / "refs.yml"
    path.write_text(
        "smith:\n  type: article\n  title: {value: A study, short: Study}\n"
        '  author: ["Smith, John", {name: Doe, given-name: Jane}]\n  date: 2020-05-01\n'
        "  url: {value: https://example.org/a, date: 2024-01-01}\n  serial-number: {doi: 10.1000/xyz}\n"
        "  parent: {type: periodical, title: Journal of Things}\n"
        "law:\n  type: legislation\n  title: Water Act\n  date: 1991\n",
        encoding="utf-8",
    )
    refs, findings = read_bibliography(str(path))
    assert not findings
    smith, law = refs
    assert (smith.key, smith.authors, smith.given, smith.year) == (
        "smith",
        ["Smith", "Doe"],
        ["John", "Jane"],
        "2020",
    )
    assert (smith.title, smith.urls, smith.doi, smith.container) == (
        "A study",
        ["https://example.org/a"],
        "10.1000/xyz",
        "Journal of Things",
    )
    assert smith.source == (str(path), 1) and law.source == (str(path), 9)
    assert law.web  # a law has no author as a rule


def test_new_loaders_load_only_when_such_a_file_is_read(tmp_path: Path) -> None:
    brief = tmp_path / "brief.txt"
    brief.write_text("As shown (Smith 2010).\n\nReferences\n\nSmith, J. (2010) A study.\n", encoding="utf-8")
    code = (
        "import sys\nfrom refcheck.cli import main\n"
        f"try:\n    main(['check', '--no-links', {str(brief)!r}])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m in ('refcheck.loaders.rst', 'refcheck.loaders.typst')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False).stdout
    assert out.strip().endswith("[]")


def test_typst_label_given_to_a_function_is_a_target(tmp_path: Path) -> None:
    """A package's function given a label ("#ex-label(<pex>)", a linguistic example) makes the target
    "@pex" refers to: no citation (guilhermegarcia/typst_tutorial)."""
    _git(tmp_path)
    (tmp_path / "refs.yml").write_text(
        "lin2023:\n  type: article\n  title:\n    title-case: Pruning Strategies\n  author: Lin, Lo\n  date: 2023\n",
        encoding="utf-8",
    )
    main = tmp_path / "main.typ"
    main.write_text(
        'See example @pex and @lin2023.\n#example[+ one #ex-label(<pex>)]\n#bibliography("refs.yml")\n',
        encoding="utf-8",
    )
    findings, keys = _check(main)
    assert keys == ["lin2023"] and findings == []
    refs, _ = read_bibliography(str(tmp_path / "refs.yml"))
    assert refs[0].title == "Pruning Strategies"


def test_rst_page_including_a_file_may_find_its_notes_there(tmp_path: Path) -> None:
    _git(tmp_path)
    page = tmp_path / "page.rst"
    page.write_text(
        "Page\n====\n\nAs noted [#n]_ and cited [Smith2010]_.\n\n.. include:: notes.inc\n", encoding="utf-8"
    )
    findings, _ = _check(page)
    # (said at info: the included file may define it; that it does not exist is the one defect, left15)
    assert sorted(findings) == [("missing-input", 6, "warning"), ("missing-reference", 4, "info")]


def test_rst_entries_no_page_cites_are_each_uncited(tmp_path: Path) -> None:
    """A citation is markup in reStructuredText ("[Label]_"): entries none refers to are each
    reported (Sphinx warns "citation not referenced"), not one "no citations found" at info."""
    _git(tmp_path)
    page = tmp_path / "page.rst"
    page.write_text(
        "Page\n====\n\nText.\n\n.. [Smith2010] Smith, J. (2010) A study. *J* 1.\n"
        ".. [Doe2011] Doe, J. (2011) Another. *J* 2.\n",
        encoding="utf-8",
    )
    findings, _ = _check(page)
    assert findings == [("uncited-reference", 6, "warning"), ("uncited-reference", 7, "warning")]


def test_rst_as_python_peps_write_it(tmp_path: Path) -> None:
    """Real PEPs: labels match whatever their case ("[#conda]_" and ".. [#Conda]"), a project's own
    directive holds prose (".. rejected::"), a literal block after a list item ends at the item's
    next line, and hand-numbered notes cited out of order are a numbered list of references."""
    _git(tmp_path)
    page = tmp_path / "pep-9999.rst"
    page.write_text(
        "PEP\n===\n\n"
        ".. rejected::\n\n   See the discussion [1]_.\n\n"
        "As packaged by conda [#conda]_, see [3]_ and [2]_.\n\n"
        "* exposing it via ``@property``::\n\n    class Foo:\n        pass\n\n"
        "  - Overriding is limited. [#overriding_property]_\n\n"
        ".. [1] The python-dev thread.\n"
        ".. [2] Another thread.\n"
        ".. [3] A third.\n"
        ".. [#Conda] Conda (https://conda.io)\n"
        ".. [#overriding_property] Only with a property.\n",
        encoding="utf-8",
    )
    assert _check(page)[0] == []


def test_typst_template_module_names_the_bibliography_and_labels(tmp_path: Path) -> None:
    """A local template the document imports may call bibliography("refs.bib") itself and give its
    own headings labels the text refers to."""
    _git(tmp_path)
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "template.typ").write_text(
        '#let paper(body) = {\n  body\n  [= Appendix <appendix>]\n  bibliography("refs.bib")\n}\n',
        encoding="utf-8",
    )
    main = tmp_path / "main.typ"
    main.write_text(
        '#import "template.typ": paper\n#show: paper\nAs @healy2002 shows (see @appendix), @nobody2000 too.\n',
        encoding="utf-8",
    )
    findings, keys = _check(main)
    assert keys == ["healy2002", "nobody2000"]
    assert [f[:2] for f in findings if f[2] != "info"] == [("missing-reference", 3)]
