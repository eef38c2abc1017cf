"""Round left20b: what the HTML loader's emphasis (``Document.emphasis``, test_qa_html19) tells, told
in DOCX and JATS too. Word's italic and bold runs and JATS's <italic> and <bold> were dropped with
their markup, so "Films like *Harry Potter* (2001)" (a title before its year), a bold label "**Paris
(2015)**" and a reading list's "**Kuhn (1962)** — *The Structure ...*" were missing-reference errors
there that are info in Markdown and HTML. Each test failed before its fix."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from refcheck.loaders.docx import emphasis_styles, load_docx
from refcheck.model import Document, Severity
from tests.conftest import checked
from tests.fixes.docx_util import STYLES, W, package, para, run
from tests.jats_docs import article, check, element_ref, xref

ITALIC = "<w:i/>"
BOLD = "<w:b/>"

LIST = (
    para(run("References"))
    + para(run("Smith, J. (2010). Climate diplomacy. Journal of Things, 3, 1-10."))
    + para(run("Jones, K. (2005). Treaties and targets. Journal of Things, 5, 11-20."))
)


def _severities(doc: Document) -> list[tuple[str, str]]:
    return [(f.rule, f.severity.name.lower()) for f in doc.findings if f.severity >= Severity.INFO]


def _spans(doc: Document) -> list[tuple[str, bool]]:
    return [(doc.text[a:b], strong) for a, b, strong in doc.emphasis]


# DOCX


def test_the_docx_loader_keeps_the_spans_of_emphasis() -> None:
    """Italic and bold runs, joined across the runs Word splits a phrase into, a run's "w:val=0"
    (off), a note's mark inside the span and a footnote's emphasis."""
    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W}>'
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
        + run(" See ")
        + run("Arcane", ITALIC)
        + run(" (2021).")
        + "</w:p></w:footnote></w:footnotes>"
    )
    body = para(
        run("Films like "),
        run("Harry ", ITALIC),
        run("Potter", "<w:i/><w:b w:val='0'/>"),
        run(" (2001), "),
        run("Paris (2015)", BOLD),
        '<w:r><w:footnoteReference w:id="1"/></w:r>',
        run(" and "),
        run("Bali", '<w:i w:val="false"/>'),
        run("."),
    )
    doc = load_docx("a.docx", package(body, footnotes=notes))
    assert _spans(doc) == [("Harry Potter", False), ("Paris (2015)", True), ("Arcane", False)]
    assert load_docx("b.docx", package(para(run("No emphasis here.")))).emphasis == []


def test_a_character_style_gives_its_emphasis() -> None:
    """Word's "Emphasis" character style sets italics, "Strong" bold (and a style based on one its
    emphasis); a run's own w:i="0" turns its style's off."""
    styles = STYLES.replace(
        "</w:styles>",
        '<w:style w:type="character" w:styleId="Emphasis"><w:name w:val="Emphasis"/><w:rPr><w:i/></w:rPr>'
        '</w:style><w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/>'
        '</w:rPr></w:style><w:style w:type="character" w:styleId="BookTitle"><w:basedOn w:val="Emphasis"/>'
        '</w:style><w:style w:type="character" w:styleId="Plain"><w:name w:val="Plain"/></w:style>'
        "</w:styles>",
    )
    assert emphasis_styles(styles.encode()) == {"Emphasis": 1, "Strong": 2, "BookTitle": 1}
    body = para(
        run("Films like "),
        run("Harry Potter", '<w:rStyle w:val="BookTitle"/>'),
        run(" (2001), "),
        run("Paris", '<w:rStyle w:val="Strong"/>'),
        run(" and "),
        run("Bali", '<w:rStyle w:val="Emphasis"/><w:i w:val="0"/>'),
        run("."),
    )
    data = _with_styles(package(body), styles)
    assert _spans(load_docx("a.docx", data)) == [("Harry Potter", False), ("Paris", True)]


def _with_styles(data: bytes, styles: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, styles.encode() if info.filename == "word/styles.xml" else src.read(info))
    return out.getvalue()


def test_a_title_in_italics_before_its_year_is_no_author_in_docx(tmp_path: Path) -> None:
    """A Word essay's "Films like *Harry Potter* (2001) and shows such as *Arcane* (2021)" beside a
    list of Smith 2010 and Jones 2005: two errors "not in the reference list", info in HTML. Info now;
    in roman type they stay errors, and so does a citation inside an italic sentence."""
    prose = [
        ("Films like ", ""),
        ("Harry Potter", ITALIC),
        (" (2001) and shows such as ", ""),
        ("Arcane", ITALIC),
        (" (2021) reach new audiences, as Smith (2010) and Jones (2005) say.", ""),
    ]
    doc = checked(tmp_path / "e.docx", package(para(*(run(t, p) for t, p in prose)) + LIST))
    assert _severities(doc) == [("missing-reference", "info")] * 2
    assert "italics" in doc.findings[0].message
    roman = checked(tmp_path / "r.docx", package(para(*(run(t) for t, _ in prose)) + LIST))
    assert _severities(roman) == [("missing-reference", "error")] * 2
    # a citation inside an italic sentence is read: its name does not end the span before the year
    italic = para(run("As Brown (2003) argued, and Smith (2010) and Jones (2005) agreed.", ITALIC))
    assert _severities(checked(tmp_path / "i.docx", package(italic + LIST))) == [
        ("missing-reference", "error")
    ]
    # a name in italics that the list has still links
    listed = para(run("As "), run("Smith", ITALIC), run(" (2010) showed, and Jones (2005)."))
    doc = checked(tmp_path / "s.docx", package(listed + LIST))
    assert [(c.authors, c.status.name) for c in doc.citations] == [
        (["Smith"], "LINKED"),
        (["Jones"], "LINKED"),
    ]
    assert doc.findings == []


def test_a_bold_label_and_a_reading_list_item_in_docx(tmp_path: Path) -> None:
    """Slides' notes in Word: a bold "Paris (2015)" alone is a label (info, as Markdown's
    "**Paris (2015)**"); a bold "Kuhn (1962)" then its title in italics gives its work (info); a bold
    name cited in brackets elsewhere stays an error."""
    body = (
        para(run("Paris (2015)", BOLD), run(": the agreement"))
        + para(run("Brown (2009)", BOLD), run(": the critique (Brown, 2009)"))
        + para(
            run("Kuhn (1962)", BOLD), run(" \u2014 "), run("The Structure of Scientific Revolutions", ITALIC)
        )
        + para(run("As Smith (2010) and Jones (2005) say."))
    )
    doc = checked(tmp_path / "s.docx", package(body + LIST))
    assert _severities(doc) == [("missing-reference", "info")] + [("missing-reference", "error")] * 2 + [
        ("missing-reference", "info")
    ]
    assert "alone in emphasis" in doc.findings[0].message
    assert "gives the work in full" in doc.findings[3].message


# JATS

REFS = element_ref("B1", "2010", "Smith") + element_ref("B2", "2005", "Jones")


def test_the_jats_loader_keeps_the_spans_of_emphasis() -> None:
    body = "Films like <italic>Harry <bold>Potter</bold></italic> (2001), <bold>Paris (2015)</bold>."
    doc = check(article(body, REFS))
    assert _spans(doc) == [("Harry Potter", False), ("Potter", True), ("Paris (2015)", True)]


def test_a_title_in_italics_before_its_year_is_no_author_in_jats() -> None:
    """A JATS article whose citations are plain text (no xrefs: a converter's, an OJS journal's):
    "<italic>Harry Potter</italic> (2001)" was an error "not in the reference list"; info now, as in
    HTML. Roman type and a citation in an italic sentence stay errors; "<italic>Smith</italic>
    (2010)" of a listed entry links."""
    body = (
        "Films like <italic>Harry Potter</italic> (2001) and shows such as <italic>Arcane</italic> (2021) "
        "reach new audiences, as Smith (2010) and Jones (2005) say."
    )
    doc = check(article(body, REFS))
    assert _severities(doc) == [("missing-reference", "info")] * 2
    assert "italics" in doc.findings[0].message
    roman = check(article(body.replace("<italic>", "").replace("</italic>", ""), REFS))
    assert _severities(roman) == [("missing-reference", "error")] * 2
    italic = "<italic>As Brown (2003) argued</italic>, and Smith (2010) and Jones (2005) agreed."
    assert _severities(check(article(italic, REFS))) == [("missing-reference", "error")]
    listed = check(article("As <italic>Smith</italic> (2010) showed, and Jones (2005).", REFS))
    assert [(c.authors, c.status.name) for c in listed.citations] == [
        (["Smith"], "LINKED"),
        (["Jones"], "LINKED"),
    ]
    assert listed.findings == []
    # with xrefs: a plain "<italic>Smith</italic> (2010)" of a listed entry still cites it
    marked = f"As <italic>Smith</italic> (2010) showed, and {xref('B2', 'Jones (2005)')}."
    assert [c.status.name for c in check(article(marked, REFS)).citations] == ["LINKED", "LINKED"]


def test_a_bold_label_and_a_reading_list_item_in_jats() -> None:
    body = (
        "<bold>Paris (2015)</bold>: the agreement.</p><list><list-item><p><bold>Kuhn (1962)</bold> \u2014 "
        "<italic>The Structure of Scientific Revolutions</italic>. University of Chicago Press.</p>"
        "</list-item></list><p>As Smith (2010) and Jones (2005) say."
    )
    doc = check(article(body, REFS))
    assert _severities(doc) == [("missing-reference", "info")] * 2
    assert "alone in emphasis" in doc.findings[0].message
    assert "gives the work in full" in doc.findings[1].message


# LaTeX: a committed .bbl holding keys the .bib lacks

BIBLATEX_TEX = r"""\documentclass{article}
\usepackage[style=authoryear]{biblatex}
\addbibresource{refs.bib}
\begin{document}
As \textcite{smith2020} and \textcite{jones2021} showed, and \textcite{brown2019} denied.
\printbibliography
\end{document}
"""
BIB = "@article{smith2020, author = {Smith, Alice}, title = {A test}, journal = {J}, year = {2020}}\n"
BIBLATEX_BBL = r"""\refsection{0}
  \datalist[entry]{nyt/global//global/global}
    \entry{smith2020}{article}{}
      \name{author}{1}{}{{{hash=a}{family={Smith}, given={Alice}}}}
      \field{title}{A test}
      \field{year}{2020}
    \endentry
    \entry{jones2021}{article}{}
      \name{author}{1}{}{{{hash=b}{family={Jones}, given={Bob}}}}
      \field{title}{Multi authors}
      \field{journaltitle}{Journal of Testing}
      \field{year}{2021}
    \endentry
  \enddatalist
\endrefsection
"""


def test_a_bbl_built_from_another_bibliography_holds_real_entries(tmp_path: Path) -> None:
    """ccr-journal/latex-jats: citations.tex cites three keys of an empty bibliography.bib, and the
    committed citations.bbl (biber's, built from a bibliography not in the repository) holds all three:
    13 missing-reference errors. The .bbl's entries are real (the PDF built from it shows them), but a
    new build from the .bib drops them: one warning, and the citations link to the .bbl's entries. A key
    neither has stays an error; without the .bbl nothing changes."""
    from tests.projects import findings, write

    write(tmp_path, {"main.tex": BIBLATEX_TEX, "refs.bib": BIB, "main.bbl": BIBLATEX_BBL})
    doc = checked(tmp_path / "main.tex", BIBLATEX_TEX.encode())
    assert {c.key: c.status.name for c in doc.citations} == {
        "smith2020": "LINKED",
        "jones2021": "LINKED",
        "brown2019": "MISSING",
    }
    found = findings(tmp_path / "main.tex")
    assert [(r, s) for r, s, _ in found] == [
        ("input-bibliography", "warning"),
        ("missing-reference", "error"),
    ]
    assert "(jones2021)" in found[0][2] and "refs.bib" in found[0][2] and "main.bbl" in found[0][2]
    assert "brown2019" in found[1][2]
    (tmp_path / "main.bbl").unlink()
    assert [(r, s) for r, s, _ in findings(tmp_path / "main.tex")] == [("missing-reference", "error")] * 2


def test_a_bibtex_bbl_built_from_another_bibliography(tmp_path: Path) -> None:
    """The same with BibTeX (natbib): the .bbl's thebibliography holds the key the .bib lacks; an
    entry the .bib has and its .bbl copy are one entry, and all cited keys in the .bib: no warning."""
    from tests.projects import findings, write

    tex = (
        BIBLATEX_TEX.replace("\\usepackage[style=authoryear]{biblatex}\n\\addbibresource{refs.bib}\n", "")
        .replace("\\printbibliography", "\\bibliographystyle{plainnat}\n\\bibliography{refs}")
        .replace("\\textcite", "\\citet")
    )
    bbl = (
        "\\begin{thebibliography}{2}\n\\bibitem[Smith(2020)]{smith2020}\nAlice Smith.\n\\newblock A test.\n"
        "\\newblock \\emph{J}, 2020.\n\n\\bibitem[Jones(2021)]{jones2021}\nBob Jones.\n\\newblock Multi "
        "authors.\n\\newblock \\emph{Journal of Testing}, 2021.\n\n\\end{thebibliography}\n"
    )
    write(tmp_path, {"main.tex": tex, "refs.bib": BIB, "main.bbl": bbl})
    found = findings(tmp_path / "main.tex")
    assert sorted((r, s) for r, s, _ in found) == [
        ("input-bibliography", "warning"),
        ("missing-reference", "error"),
    ]
    warning = next(m for r, _, m in found if r == "input-bibliography")
    assert "(jones2021)" in warning and "refs.bib" in warning
    write(
        tmp_path,
        {"main.tex": tex.replace(" and \\citet{brown2019} denied", "").replace("jones2021", "smith2020")},
    )
    assert findings(tmp_path / "main.tex") == []


# JATS sub-articles


def test_an_entry_cited_only_in_a_sub_article_with_a_list_of_its_own() -> None:
    """eLife's author response has a list of its own for the works it alone cites, and cites the
    article's list too ("we now cite <xref rid="bib3">Brown (2001)</xref>"): Brown 2001, cited only
    there, was "listed but never cited" (a warning), where a response with no list of its own makes
    it info (test_qa_jats18). Info now, naming the response; the response's own citations link to its
    own list, and the article's are checked with the article."""
    refs = (
        element_ref("bib1", "2010", "Smith")
        + element_ref("bib2", "2005", "Jones")
        + element_ref("bib3", "2001", "Brown")
    )
    sub = (
        '<sub-article article-type="author-comment" id="sa2"><front-stub><title-group><article-title>Author '
        f"response</article-title></title-group></front-stub><body><p>We now cite {xref('bib3', 'Brown (2001)')}"
        f" and {xref('sa2bib1', 'White (2019)')}.</p></body><back><ref-list>"
        f"{element_ref('sa2bib1', '2019', 'White')}</ref-list></back></sub-article>"
    )
    body = f"As {xref('bib1', 'Smith (2010)')} and {xref('bib2', 'Jones (2005)')} showed."
    doc = check(article(body, refs, extra=sub))
    assert [(f.rule, f.severity.name) for f in doc.findings] == [("uncited-reference", "INFO")]
    assert "only in its author-comment sa2" in doc.findings[0].message
    [part] = doc.parts
    assert [(c.cited_ids, c.status.name) for c in part.citations] == [(("sa2bib1",), "LINKED")]
    assert part.findings == []


# R Markdown / Quarto: front matter after a code chunk

RMD = """```{r setup, include=FALSE}
# placed before the YAML header, so that the abstract can report sample sizes
library(papaja)
r_refs("r-references.bib")
```

---
title: "A paper"
bibliography: ["refs.bib"]
---

# Introduction

As @smith2020 showed [@jones2021; @brown2019].
"""
REFS_BIB = (
    "@article{smith2020, author = {Smith, A}, title = {T}, journal = {J}, year = {2020}}\n"
    "@article{jones2021, author = {Jones, B}, title = {U}, journal = {J}, year = {2021}}\n"
)


def test_front_matter_after_a_knitr_chunk(tmp_path: Path) -> None:
    """A papaja manuscript whose setup chunk comes before its YAML header (pandoc reads the header
    anywhere; FlorianPargent/gold-standard-items does so "so sample sizes can be reported in the
    abstract"): its bibliography was not found, "names no bibliography" (info) and none of its
    citations checked. The header is read after leading chunks, blank lines and comments: the
    citations are checked (one missing key, an error). Prose before a "---" block is no front matter."""
    from tests.projects import findings, write

    write(tmp_path, {"paper.Rmd": RMD, "refs.bib": REFS_BIB})
    doc = checked(tmp_path / "paper.Rmd", RMD.encode())
    assert [(c.key, c.status.name) for c in doc.citations] == [
        ("smith2020", "LINKED"),
        ("jones2021", "LINKED"),
        ("brown2019", "MISSING"),
    ]
    assert [(r, s) for r, s, _ in findings(tmp_path / "paper.Rmd")] == [("missing-reference", "error")]
    prose = RMD.replace("```{r setup, include=FALSE}", "Some prose first.\n\n```{r setup, include=FALSE}")
    write(tmp_path, {"prose.Rmd": prose})
    assert [(r, s) for r, s, _ in findings(tmp_path / "prose.Rmd")] == [("empty-document", "info")]


def test_cite_r_cites_every_package_of_its_file(tmp_path: Path) -> None:
    """papaja's "`r cite_r(file = "r-references.bib")`" writes, when the document is built, a sentence
    citing every package in the file r_refs() wrote: FlorianPargent/gold-standard-items (read with
    its front matter after the setup chunk) had each R-* entry "never cited" (18 info). They count as
    cited; the entries of another file do not."""
    from tests.projects import findings, write

    r_bib = (
        "@Manual{R-base, title = {R: A Language and Environment}, author = {{R Core Team}}, year = {2024}}\n"
        "@Manual{R-dplyr, title = {dplyr: A Grammar of Data Manipulation}, author = {Hadley Wickham}, "
        "year = {2023}}\n"
    )
    text = (
        RMD.replace('["refs.bib"]', '["refs.bib", "r-references.bib"]').replace("; @brown2019]", "]")
        + '\nWe used `r papaja::cite_r(file = "r-references.bib")` for all analyses.\n'
    )
    bib = REFS_BIB + "@article{white2000, author = {White, C}, title = {V}, journal = {J}, year = {2000}}\n"
    write(tmp_path, {"paper.Rmd": text, "refs.bib": bib, "r-references.bib": r_bib})
    found = findings(tmp_path / "paper.Rmd")
    assert [(r, s) for r, s, _ in found] == [("uncited-reference", "info")]
    assert "white2000" in found[0][2]
