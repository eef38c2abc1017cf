"""False alarms found by running refcheck on real documents from public repositories (QA round on
Manubot manuscripts, R Markdown/bookdown and rticles projects, JATS from several publishers): each
test is the smallest form of a pattern those documents use, and failed before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.loaders.jats import load_jats
from refcheck.model import Document, Severity
from refcheck.pipeline import CheckOptions, analyse, check_file


def findings(path: Path) -> list[tuple[str, str, str]]:
    result = check_file(str(path), CheckOptions(links=False))
    assert result.doc is not None, result.error
    return [(f.rule, f.severity.name.lower(), f.message) for f in result.doc.findings]


def write(directory: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


# --- Manubot (manubot/rootstock's content/02.delete-me.md) ------------------------------------------


def test_manubot_pmc_pubmed_curie_keys_and_aliases_are_resolved_by_manubot(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "content/metadata.yaml": "title: T\ncitekey-aliases:\n  meta-review: doi:10.1000/meta\n",
            "content/manual-references.json": '[{"id": "field-notes", "title": "Field notebooks",'
            ' "author": [{"family": "Roe", "given": "R"}], "issued": {"date-parts": [[2020]]}}]',
            "content/01.main.md": (
                "## Citations\n\nBy PMC ID [@pmc:PMC6103790], by PubMed ID [@pubmed:30718888],\n"
                "a trial [@clinicaltrials:NCT04280705], an alias [@deep-review] and [@meta-review],\n"
                "an entry [@field-notes] and a typo [@field-note].\n\n"
                "[@deep-review]: doi:10.1098/rsif.2017.0387\n"
            ),
        },
    )
    found = findings(tmp_path / "content" / "01.main.md")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")]
    assert "'field-note'" in found[0][2]


# --- JATS: compound surnames (JATS4R-Participant-Hub sample-xml/63543879003.xml, Redalyc) ----------


def jats(body: str, refs: str, front: str = "") -> Document:
    xml = (
        f'<article xmlns:xlink="http://www.w3.org/1999/xlink" {front}><body>{body}</body>'
        f"<back><ref-list>{refs}</ref-list></back></article>"
    )
    return analyse(load_jats("a.xml", xml.encode()), CheckOptions(links=False))


def person(rid: str, surnames: list[str], year: str) -> str:
    names = "".join(f"<name><surname>{s}</surname><given-names>S.</given-names></name>" for s in surnames)
    return (
        f'<ref id="{rid}"><element-citation><person-group person-group-type="author">{names}'
        f"</person-group><source>Title of {rid}</source><year>{year}</year></element-citation></ref>"
    )


def test_a_compound_surname_is_cited_by_its_first_surname() -> None:
    refs = person("r1", ["DÁVILA ESPINOSA"], "2000") + person(
        "r2", ["HERNÁNDEZ SAMPIERI", "FERNÁNDEZ COLLADO", "BAPTISTA LUCIO"], "2010"
    )
    doc = jats(
        '<p>Una secuencia (<xref ref-type="bibr" rid="r1">Dávila, 2000</xref>; <xref ref-type="bibr" '
        'rid="r2">Hernández, Fernández y Baptista, 2010, p. 319</xref>).</p>',
        refs,
    )
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == []
    # another surname is still a mismatch
    doc = jats(
        '<p>(<xref ref-type="bibr" rid="r1">Espinosa, 2000</xref>)</p>',
        person("r1", ["DÁVILA ESPINOSA"], "2000"),
    )
    assert [f.rule for f in doc.findings] == ["author-mismatch"]


# --- JATS: a correction notice lists the article it corrects (PLOS allofplos journal.pone.0097541) -


def test_the_article_a_correction_notice_concerns_is_listed_not_cited() -> None:
    body = "<p>This article was republished to correct errors in number symbols.</p>"
    refs = person("r1", ["Qiu"], "2014")
    notice = jats(body, refs, 'article-type="correction"')
    assert [(f.rule, f.severity) for f in notice.findings] == [("uncited-reference", Severity.INFO)]
    # an article that cites by xrefs and not this entry: uncited (one with no xref at all whose prose
    # cites nothing refcheck reads says so once at info, as a text does: tests/test_qa_jats3.py)
    cites = '<p>As shown (<xref ref-type="bibr" rid="r2">Li, 2013</xref>).</p>'
    article = jats(cites, refs + person("r2", ["Li"], "2013"), 'article-type="research-article"')
    assert [(f.rule, f.severity) for f in article.findings] == [("uncited-reference", Severity.WARNING)]


# --- R Markdown: rticles' skeletons name the bibliography without its extension --------------------


def test_a_bibliography_named_without_its_extension_is_the_bib_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "bibfile.bib": "@book{Taylor1937, author={Taylor, G. I.}, title={Flow}, publisher={P}, year={1937}}\n",
            "skeleton.Rmd": "---\ntitle: T\nbibliography: bibfile\n---\n\nAs shown [@Taylor1937].\n",
        },
    )
    assert findings(tmp_path / "skeleton.Rmd") == []


# --- bookdown: index.Rmd names the packages.bib its own chunk writes (rstudio/bookdown-demo) --------


def test_a_bibliography_the_document_writes_when_built_is_not_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "book.bib": "@book{xie2015, author={Xie, Yihui}, title={Dynamic Documents}, publisher={CRC},"
            " year={2015}}\n",
            "index.Rmd": "---\ntitle: A Book\nbibliography: [book.bib, packages.bib]\n---\n\n"
            "Written with knitr [@xie2015] and **bookdown** [@R-bookdown].\n\n"
            "```{r include=FALSE}\nknitr::write_bib(c(\n  .packages(), 'bookdown', 'knitr'\n), 'packages.bib')\n```\n",
        },
    )
    found = findings(tmp_path / "index.Rmd")
    assert [(r, s) for r, s, _ in found] == [("input-bibliography", "info"), ("missing-reference", "info")]
    assert "packages.bib could not be read" in found[1][2]


def test_a_citation_whose_bibliography_is_missing_is_one_defect(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"a.md": "---\nbibliography: nowhere.bib\n---\n\nAs shown [@smith2019].\n"})
    found = findings(tmp_path / "a.md")
    assert [(r, s) for r, s, _ in found] == [("input-bibliography", "error"), ("missing-reference", "info")]


def test_a_bibliography_another_chapter_writes_is_not_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # rstudio/rmarkdown-book: index.Rmd names packages.bib, 20-references.Rmd writes it
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "index.Rmd": "---\ntitle: A Book\nbibliography: [packages.bib]\n---\n\nWith knitr [@R-knitr].\n",
            "20-references.Rmd": '# References\n\n```{r}\nbib = knitr::write_bib(c("knitr"), "packages.bib")\n```\n',
        },
    )
    assert [(r, s) for r, s, _ in findings(tmp_path / "index.Rmd")] == [
        ("input-bibliography", "info"),
        ("missing-reference", "info"),
    ]


# --- R Markdown with raw LaTeX (rticles' springer skeleton) ----------------------------------------


def test_a_raw_latex_column_spec_is_no_braced_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "refs.bib": "@book{knuth1984, author={Knuth, Donald}, title={The TeXbook}, publisher={AW}, year={1984}}\n",
            "paper.Rmd": "---\nbibliography: refs.bib\n---\n\nTables [@knuth1984].\n\n"
            "\\begin{table}\n\\begin{tabular*}{\\textwidth}{@{\\extracolsep\\fill}lcc@{\\extracolsep\\fill}}\n"
            "a & b & c\\\\\n\\end{tabular*}\n\\end{table}\n\nA braced key @{knuth1984} still counts.\n",
        },
    )
    assert findings(tmp_path / "paper.Rmd") == []


def test_papaja_r_references_written_by_r_refs_is_not_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # crsh/papaja's apa6 skeleton: bibliography "r-references.bib", written by r_refs() in a chunk
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "paper.Rmd": '---\ntitle: T\nbibliography: "r-references.bib"\n---\n\n'
            '```{r setup}\nlibrary("papaja")\nr_refs()\n```\n\nWe used R [@R-base].\n',
        },
    )
    assert [(r, s) for r, s, _ in findings(tmp_path / "paper.Rmd")] == [
        ("input-bibliography", "info"),
        ("missing-reference", "info"),
    ]


# --- Chicago author-date, pandoc's and Quarto's default style, with full given names ---------------
# (LukasWallrich/ideological-innocence-revisited, manuscript/manuscript.html, rendered by Quarto)

CHICAGO = [
    "American National Election Studies. 2021. “ANES 2020 Time Series Study.” July 19, 2021 version.",
    "———. 2025. “ANES 2024 Time Series Study.” August 8, 2025 version.",
    "Barber, Michael, and Jeremy C. Pope. 2019. “Does Party Trump Ideology?” American Political Science"
    " Review 113 (1): 38–54.",
    "Clifford, Scott, Ryan M. Jewell, and Philip D. Waggoner. 2015. “Are Samples Drawn from Mechanical Turk"
    " Valid?” Research &amp; Politics 2 (4).",
]
CITING = (
    "Party and ideology (Barber and Pope 2019; Clifford, Jewell, and Waggoner 2015; American National"
    " Election Studies 2021, 2025)."
)


def test_chicago_entries_with_middle_initials_and_repeated_authors(tmp_path: Path) -> None:
    text = CITING + "\n\nReferences\n\n" + "\n".join(CHICAGO).replace("&amp;", "&") + "\n"
    (tmp_path / "paper.txt").write_text(text, encoding="utf-8")
    assert findings(tmp_path / "paper.txt") == []


def test_quarto_html_csl_entries_are_the_reference_list(tmp_path: Path) -> None:
    entries = "".join(
        f'<div id="ref-{k}" class="csl-entry" role="listitem">{e}</div>' for k, e in enumerate(CHICAGO)
    )
    html = (
        f"<html><body><main><p>{CITING}</p></main>"
        '<div id="quarto-appendix"><section class="quarto-appendix-contents" role="doc-bibliography"'
        ' id="quarto-bibliography"><h2 class="anchored quarto-appendix-heading">References</h2>'
        f'<div id="refs" class="references csl-bib-body hanging-indent" role="list">{entries}</div></section></div>'
        '<div class="modal"><pre class="sourceCode markdown"><code>## References\n\nRscript R/01.R\n'
        "Rscript R/02.R\n</code></pre></div></body></html>"
    )
    (tmp_path / "paper.html").write_text(html, encoding="utf-8")
    assert findings(tmp_path / "paper.html") == []


# --- LaTeX: a bibliography named by a macro; pandoc templates (ReScience/template, rstudio/rticles) --

BIBTEX = "@article{rougier2017, author={Rougier, Nicolas}, title={Sustainable}, journal={J}, year={2017}}\n"


def test_a_bibliography_named_by_a_macro_the_document_defines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "refs.bib": BIBTEX,
            "article.tex": "\\documentclass{article}\\usepackage{biblatex}\n\\def \\articleBIBLIOGRAPHY{refs.bib}\n"
            "\\addbibresource{\\articleBIBLIOGRAPHY}\n\\begin{document}\nAs shown \\cite{rougier2017}.\n"
            "\\printbibliography\n\\end{document}\n",
        },
    )
    assert findings(tmp_path / "article.tex") == []


def test_a_bibliography_named_by_a_macro_refcheck_cannot_expand_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ReScience's class: \addbibresource{\articleBIBLIOGRAPHY}, defined in a file the class reads
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "article.tex": "\\documentclass{article}\n\\begin{document}\nAs shown \\cite{rougier2017}.\n"
            "\\addbibresource{\\articleBIBLIOGRAPHY}\n\\end{document}\n",
        },
    )
    assert sorted((r, s) for r, s, _ in findings(tmp_path / "article.tex")) == [
        ("input-bibliography", "info"),
        ("missing-reference", "info"),
    ]


def test_a_pandoc_latex_template_is_no_document(tmp_path: Path) -> None:
    (tmp_path / "template.tex").write_text(
        "\\documentclass{article}\n$if(natbib)$\\usepackage{natbib}$endif$\n\\begin{document}\n$body$\n"
        "$if(natbib)$\\bibliography{$for(bibliography)$$bibliography$$sep$,$endfor$}$endif$\n"
        '\\input{"$appendix$"}\n\\end{document}\n',
        encoding="utf-8",
    )
    found = findings(tmp_path / "template.tex")
    assert [(r, s) for r, s, _ in found] == [("empty-document", "info")]
    assert "pandoc template" in found[0][2]


# --- an appendix after the reference list (StefanVermeent/liss_wm_profiles_2023 manuscript.docx) ---


def test_the_reference_list_ends_at_an_appendix_heading(tmp_path: Path) -> None:
    text = (
        "As shown (Hardy 1968).\n\nReferences\n\n"
        "Hardy, Michael (1968) Modern Diplomatic Law. Manchester University Press.\n\n"
        "Appendix I: Study Design Plan\n\n"
        "We asked every respondent the same twelve questions about their work.\n\n"
        "Acknowledgements\n\nWe thank the respondents.\n"
    )
    (tmp_path / "paper.txt").write_text(text, encoding="utf-8")
    assert findings(tmp_path / "paper.txt") == []
    # an entry that begins with such a word has a year: still an entry
    (tmp_path / "b.txt").write_text(
        "As shown (Hardy 1968).\n\nReferences\n\nHardy, Michael (1968) Modern Diplomatic Law.\n"
        "Funding Council (2001) Annual report.\n",
        encoding="utf-8",
    )
    assert [r for r, _, _ in findings(tmp_path / "b.txt")] == ["uncited-reference"]


# --- Markdown footnotes and fences as hadley/adv-r writes them --------------------------------------


def test_a_footnote_marker_before_a_colon_and_a_note_in_a_list_item(tmp_path: Path) -> None:
    text = (
        "# Functions\n\nMost functions exit in one of two ways[^esoterica]: they return or they fail.\n\n"
        "[^esoterica]: Functions can exit in other more esoteric ways.\n\n"
        "*   `env_poke()`[^poke] takes a name and a value:\n\n"
        '    ```{r}\n    env_poke(e3, "a", 100)\n    POSIXct(2020, 1, 1)\n    ```\n\n'
        "    [^poke]: You might wonder why rlang has `env_poke()`.\n\n"
        "A marker with no note[^none].\n"
    )
    (tmp_path / "chapter.Rmd").write_text(text, encoding="utf-8")
    found = findings(tmp_path / "chapter.Rmd")
    assert [(r, s) for r, s, _ in found] == [("footnote-undefined", "error")]
    assert "[none]" in found[0][2]


# --- bookdown: the chapters are one book, whose index.Rmd names the bibliography --------------------


def test_a_bookdown_book_is_one_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from refcheck.pipeline import expand_paths

    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "_bookdown.yml": 'book_filename: "demo"\nrmd_files: ["index.Rmd", "01-intro.Rmd", "02-methods.Rmd"]\n',
            "book.bib": "@book{xie2015, author={Xie, Yihui}, title={Dynamic Documents}, publisher={CRC}, year={2015}}\n",
            "index.Rmd": '---\ntitle: "A Book"\nbibliography: [book.bib]\n---\n\n# Preface {-}\n\nHello.\n',
            "01-intro.Rmd": "# Introduction\n\nWritten with knitr [@xie2015]. See Chapter \\@ref(methods).\n"
            "He won the Statistical Computing Award (2011).^[See Section \\@ref(methods) for more.]\n",
            "02-methods.Rmd": "# Methods {#methods}\n\nA typo [@xie2016].\\index{knitr!chunk@\\texttt{chunk}}\n",
        },
    )
    files, _ = expand_paths([str(tmp_path)])
    assert [Path(f).name for f in files] == ["index.Rmd"]
    found = findings(tmp_path / "index.Rmd")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")]
    assert "'xie2016'" in found[0][2]


# --- a Word owner file beside the manuscript; authorless web entries (deep-review's CSL-JSON) -------


def test_an_office_owner_file_is_not_a_document(tmp_path: Path) -> None:
    from refcheck.pipeline import expand_paths

    (tmp_path / "notes.md").write_text("# Notes\n\nNothing cited.\n", encoding="utf-8")
    (tmp_path / "~$nuscript.docx").write_bytes(b"\x0bJohn Smith" + b"\x00" * 150)  # Word's lock file
    files, errors = expand_paths([str(tmp_path)])
    assert [Path(f).name for f in files] == ["notes.md"] and not errors


def test_a_web_page_or_software_entry_without_an_author_is_info(tmp_path: Path) -> None:
    refs = (
        '[{"id": "cameo", "type": "webpage", "title": "CAMEO - Continuous Automated Model Evaluation",'
        ' "URL": "https://www.cameo3d.org/", "issued": {"date-parts": [[2017]]}},'
        ' {"id": "paper", "type": "article-journal", "title": "A paper", "issued": {"date-parts": [[2017]]}}]'
    )
    write(
        tmp_path,
        {
            "refs.json": refs,
            "a.md": "---\nbibliography: refs.json\n---\n\nModels were scored [@cameo; @paper].\n",
        },
    )
    found = findings(tmp_path / "a.md")
    assert sorted((r, s, "cameo" in m) for r, s, m in found) == [
        ("incomplete-reference", "info", True),
        ("incomplete-reference", "warning", False),
    ]


def test_a_bibliography_read_with_a_warning_about_one_entry_still_has_missing_keys(tmp_path: Path) -> None:
    """Review: 'could not be read' was guessed from any input-bibliography finding, so a warning about
    one entry (a field given twice) made every missing key info, 'refs.bib could not be read'."""
    write(
        tmp_path,
        {
            "paper.md": "---\nbibliography: refs.bib\n---\n\nAs shown [@a] and [@missing].\n",
            "refs.bib": "@article{a, author = {Roe, Ann}, title = {T}, title = {U}, journal = {J}, year = 2001}\n",
        },
    )
    found = findings(tmp_path / "paper.md")
    assert ("missing-reference", "error") in {(r, s) for r, s, _ in found}, found
