"""missing-reference: a citation points at no entry of the reference list.

What it does
    Reports an in-text citation (author-date, number, key, or a note's work in the
    notes-bibliography style) that no reference entry fits, not even with another year or a
    near-miss spelling of the author. Manubot's persistent-identifier keys
    (``[@doi:...]``, ``[@pmid:...]``, ``[@pmc:...]``, ``[@arxiv:...]``, ``[@url:...]``) and citation
    aliases (``[@alias]: doi:...``) need no entry: Manubot fetches their metadata itself.

    A document with author-date citations and no reference list at all gets one finding, at its
    first citation, not one per citation: the list is missing (or was not found), one defect. So
    does a LaTeX document that cites keys and names no bibliography at all (no ``\\bibliography``,
    ``\\addbibresource`` or ``thebibliography``: commented out, or never written); a warning when it
    sets a style all the same (``\\bibliographystyle{econark}``), as a package or class refcheck does
    not read may name the .bib (econark-multibib's ``\\econarkmultibib{\\texname}``).
    It is info on a page of a book or site whose list is a page of its own beside it (a Jupyter Book's
    "1_9.0_References.md" beside "1_1.0_Background.md", by its file name: the pages are checked one
    by one, so a page's citations are not checked against that list), and when each such citation is a
    Markdown link to its work ("[Cho et al.,
    2014](https://...)") or opens a line that gives the work in full (a reading list's "- Chambers
    (2008). *Software for Data Analysis*, Springer"), and when the document also cites pandoc keys
    whose bibliography refcheck did not find (its list is built from them), and when the document
    has a "Further reading" section (a blog post citing in passing), and when a Markdown document
    (a blog post, a notebook) names each work only in its own sentences ("I read the Myung and Pitt
    (1997) paper"), none in parentheses; a citation that links to its work, or whose year is
    followed by the work's volume, issue and pages ("Bioinformatics, 2017, 33(19), 3036–3042", or
    a volume and a page range, as ACS's spotlights write "(Cell 2012, 150, 673–684)"), gives its
    work where it stands: info, with no list as beside one. So does a name and a year that open a
    list item and are followed by the work's title in italics or quotes (a literature review's
    annotated "8. **Kuhn (1962/1970)** — *The Structure of Scientific Revolutions*. University of
    Chicago Press.", a syllabus's "- Chambers (2008). *Software for Data Analysis*", an HTML page's
    "<li><strong>Kuhn (1962/1970)</strong> — <em>The Structure ...</em>"): info beside a
    list that lacks it. So is the original work of a secondary
    citation ("(Shih, 2005, as cited in Yan & Islam, 2011)": APA lists only the source read; ABNT's
    "(FREIRE, 1987 apud SILVA, 2010)", "citado por", "cité par", "zit. nach" alike), and a
    citation of "Author" alone (a thesis figure's "(Source: Author, 2012)", a Brazilian one's "(Fonte:
    Autores, 2022)", a self-citation anonymised for review).
    A citation in a Markdown block quote that no entry fits is the quoted passage's own (a blog
    quoting a book's sentence with the book's citations): info.
    A name and a year before 1900 in brackets after a species' name ("Lamna nasus (Bonnaterre,
    1788)"), or after it in the brackets ("(Mentha spicata Linnaeus 1753)"), that no entry's author
    fits is most likely the species' authority, not a citation: it is reported at info. In a paper
    that writes two authorities with no bracket after the species' name ("Conus ritae Petuch, 1995")
    or names its types and new taxa ("holotype", "sp. nov."), such authorities, and those in brackets
    after a species' name, are no citations at all: no finding. So is a citation that names a quotation's source on its attribution line (an
    epigraph's "— Leslie Kish (1965)", a blockquote's footer): such a source need not be listed.
    So is a name and a year that end a title written in title case ("has published three books:
    Foundations of Social Evolution (1998), ..."), capitalised words joined by "of", "in", "the"
    and naming no organisation ("Department of Health (2009)" stays an error), in Portuguese,
    Spanish, French or German too, or after a determiner ("o Censo Demográfico (2010)"; "o Conselho
    Nacional de Justiça (2015)" stays an error), or in the middle of a sentence ("as metodologias
    CEM (2009) e Balanceamento por Entropia (2011)"), and the same name and year anywhere else in
    the document ("CEM (2009), Entropia (2011) e EQT (2007)"). So is a name that ends a title in
    italics just before its year in an HTML page ("Films like <em>Harry Potter</em> (2001)", as
    Markdown's "*Harry Potter* (2001)", which is read only when the list has the name); with no
    list, such titles count as no works. So is a name and a year
    of the prose of a notes-bibliography document that no entry's author has ("the Holodomor
    (1932-1933)"), and a name and a year, one of at most two such readings of a document none of
    whose citations cites an entry of its list (a policy paper citing its sources by naming them,
    a table's "Limited (2026)"): a date more likely than a citation. So is a name and a year after a
    verb of use ("(Tested with Tex Live 2013)", "compiled under MiKTeX 2019"): a program and its
    version, not a work. So is a one-word name in brackets after a title there, its first word
    capitalised and then lowercase words ("(Pantomimes lumineuses, Paris, 1892)": a title, its place
    of publication and year), and the last words of an institution's name after a preposition ("a
    reforma da Universidade de Coimbra (1772)", "the reform of the University of Coimbra (1772)": the
    date of its event; "o Conselho Nacional de Justiça (2015)" stays an error). So is a one-word name that no entry and no citation in brackets has, after
    "the" and before a noun ("the Paris (2015) agreement", "the COP21 Paris (2015) meeting"), after
    a preposition of place or time that no author's name takes ("at Bali (2007) the parties agreed",
    "around Copenhagen (2009)", "during Rio (1992)") or joined by "and", "or", "not" to a name after
    one ("around Copenhagen (2009), not Paris (2015)"), or alone in emphasis (a slide's "**Paris
    (2015)**: the agreement", an HTML page's "<strong>Paris (2015)</strong>", not a reading list's
    "**Kuhn (1962)** — *The Structure ...*"): a place or
    an event and its year as often as a work; so is a name after a numbered event's code ("COP-17
    Durban (2011)", "(COP-28 Dubai 2023)"). In a document with no list, such names count as no works
    (one info when all its readings are such). So is a name no entry has before a span of years in brackets ("The Premier
    League (2010-11)", "La Liga (2011–2012)"), or with it alone in brackets ("(Premier League
    2010-11)", an academic year "(Transform 2020/2021)"): a season or a term of office as often as a work (a span cited of an author the list
    has, or after a comma, "(Lee, 2010-11)", stays an error).
    In a document that cites numbers in parentheses ("(1)", "(2–4)"), a number past the list right
    after a symbol or an abbreviation in capitals ("Here NI (36) and n (24) are the numbers of
    nucleotides"), or a group of them all past the list ("NI (36, 37)"), is a value as often as a
    citation: info ("[36]" past the list, or "(36, 37)" after a word, stays an error). A reference
    list read from the text that looks cut short (its entries in alphabetical order, the list ending
    the document or followed by a page of figures or tables only, and works by two authors or more
    cited that sort after its last entry and have none: a PDF's text whose last page was lost) is
    said so, and the citations that sort after its last entry are info (one such work missing
    stays an error).
    A citation of an edited volume whose list gives only chapters of it ("(Hunold & Singelnstein,
    2022)" beside "Espín Grau, H., & Klaus, L. (2022). Rassismus in der Polizei (D. Hunold & T.
    Singelnstein, eds.; pp. 359–383)", or "In D. Hunold & T. Singelnstein (Eds.), ...") is a warning
    that names the chapters: the volume is not listed, but their entries give its editors, title and
    publisher; they count as cited. In JATS, an xref whose id no entry has is reported by its text
    and id, in a sub-article (a peer review, an author response) as in the article, with the
    sub-article's name (an id of any list of the file resolves).

Why is this bad
    The reader cannot find the work cited.

Example (fails)
    ... as shown before (Hardy 1968). ...

    References
    Millán, Daniel (2001) Critica SRE cierre de embajadas.

Use instead
    ... as shown before (Hardy 1968). ...

    References
    Hardy, Michael (1968) Modern Diplomatic Law.
    Millán, Daniel (2001) Critica SRE cierre de embajadas.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from refcheck.extract.numeric import group_after_symbol
from refcheck.extract.species import species_authority
from refcheck.matching.names import fold
from refcheck.model import Citation, Document, Finding, LinkStatus, Severity
from refcheck.rules._missing.given import (
    attribution,
    given_in_full,
    links_to_work,
    listed_in_emphasis,
    listed_in_full,
    written_in_place,
)
from refcheck.rules._missing.list_shape import cut_after, few_lookalikes, sorts_after
from refcheck.rules._missing.no_list import further_reading, in_passing, list_page, reply_to_reviewers
from refcheck.rules._missing.not_a_work import (
    a_span,
    a_thing,
    given_named,
    imprint,
    in_a_title,
    institution_cut,
    the_writer,
    title_in_emphasis,
    title_names,
    used_software,
)
from refcheck.rules._missing.quoted import about_citing, secondary
from refcheck.rules._missing.where import in_block_quote
from refcheck.rules.base import at_citation, quoted

NAME = "missing-reference"
SEVERITY = Severity.ERROR
SUMMARY = "A citation points at no entry of the reference list."


# Manubot's persistent-identifier citation keys ("[@doi:10.1000/x]", "[@pmid:123]"): Manubot fetches
# their metadata itself, so they need no bibliography entry
_PERSISTENT_KEY = re.compile(
    # ("doi.org/10...": a DOI link without its scheme, as pandoc's doi2cite filter takes it)
    r"(?:doi|shortdoi|pmid|pubmed|pmcid|pmc|arxiv|isbn|url|https?|wikidata):\S|(?:dx\.)?doi\.org/10\.",
    re.I,
)


def check(doc: Document) -> Iterator[Finding]:
    refs = doc.references or []
    missing = LinkStatus.MISSING  # (an Enum member read once, not per citation)
    unlisted = [] if refs else [c for c in doc.citations if c.status is missing and c.kind == "author-date"]
    names: list[frozenset[str]] = []  # (the names cited in brackets or citing an entry: once, when asked)

    def cited() -> frozenset[str]:
        if not names:
            names.append(
                frozenset(
                    fold(c.authors[0])
                    for c in doc.citations
                    if c.kind == "author-date" and c.authors and (not c.narrative or c.cited_ids)
                )
            )
        return names[0]

    if unlisted:
        plain = [c for c in unlisted if not (links_to_work(doc, c) or written_in_place(doc.text, c))]
        if doc.unseen_key:
            yield _no_list(unlisted, keys=doc.unseen_key, resolved=doc.unseen_resolved)
        elif doc.unread_bibliographies:
            yield _no_list(unlisted, unread=", ".join(doc.unread_bibliographies))
        elif page := list_page(doc):
            yield _no_list(unlisted, elsewhere=page)
        elif plain and further_reading(doc.text):
            yield _no_list(plain, further=True)
        elif plain and reply_to_reviewers(doc.text):
            yield _no_list(plain, reply=True)
        elif plain and doc.format == "markdown" and all(in_passing(doc, c) for c in plain):
            # a blog post or a notebook that names works in its own sentences, "I read the Myung and Pitt
            # (1997) paper on model selection", cites in no style that promises a list
            yield _no_list(plain, passing=True)
        elif plain and not (works := [c for c in plain if not a_thing(doc, c, cited)]):
            # "the Paris (2015) agreement", "at Bali (2007)": places and events with their years
            yield _no_list(plain, things=True)
        elif (
            plain
            and (people := sum(1 for c in plain if given_named(c))) >= 3
            and 3 * people >= 2 * len(plain)
        ):
            # "Former BSSw Fellows Nitin Sukhija (2022) and Damian Rouson (2020)", "(Rene Gassmoeller,
            # 2019)": people named as prose names them, a year of theirs (a cohort's), no authors; three
            # at least (two may be titles in roman type, "Harry Potter (2001), Spirited Away (2001)"),
            # and two in three of the citations (a note on one, "Brigitta Sipőcz (2025 BSSw Fellow,
            # 2023 BSSw Honorable Mention)", reads as a citation of "BSSw Fellow, 2023")
            yield _no_list(plain, people=True)
        elif plain:
            # (places and events count as no works: slides' "**Bali (2007)**" beside one "(Gieryn 1983)";
            # nor does a title's last word before its year, "Films like The Wizard of Oz (1939)", or
            # a title in italics, an HTML page's "<em>Harry Potter</em> (2001)")
            yield _no_list(
                plain,
                counted=[c for c in works if not (in_a_title(doc.text, c) or title_in_emphasis(doc, c))],
            )
        else:
            yield _no_list(unlisted, linked=True)
    unnamed = [] if refs or not doc.no_bibliography else [c for c in doc.citations if c.status is missing]
    if unnamed:
        yield _no_bibliography(unnamed, doc.fragment, doc.style_without_bibliography)
        return
    # (the citations reported below, found once: a document that has none does not read what their
    # messages would say, three more passes over its citations)
    pending = [c for c in doc.citations if c.status is missing]
    if not pending:
        return
    lookalikes = few_lookalikes(doc)
    # a list found with no heading over it that no citation cites: maybe no reference list at all (a
    # research note's last section, "## Offene Punkte", a bulleted to-do list naming works and years)
    guessed = not doc.reference_list_headed and not any(c.cited_ids for c in doc.citations)
    examples: list[bool] = []  # (whether the document quotes citations as examples: once, when asked)

    def quotes_examples() -> bool:
        if not examples:
            examples.append(
                doc.format == "markdown"
                and any(c.kind == "author-date" and in_block_quote(doc, c) for c in doc.citations)
            )
        return examples[0]

    from refcheck.matching.linker import EDITED_VOLUME

    titles = title_names(doc)
    cut = cut_after(doc)
    by_id = {r.id: r for r in refs}
    for cit in pending:
        if cit.kind == "key" and cit.key and _PERSISTENT_KEY.match(cit.key):
            continue
        if cit.kind == "author-date" and not refs:
            continue  # (said once: _no_list)
        if cit.kind == "numeric":
            what = "reference " + (cit.text if cit.text.startswith(("[", "(", "^", "<")) else f"[{cit.text}]")
            where = f"the list has {len(refs)} entries" if refs else "there is no reference list"
            if cit.confidence != "high" and group_after_symbol(doc.text, cit.start):
                # "NI (36)", "NI (33, 34)"
                where += "; after a symbol or an abbreviation it may be a value, not a citation"
            elif cit.confidence != "high" and cit.text.startswith("("):
                # ("in (32)" of a paper whose examples run on past its list, "sqrt(2)")
                where += "; in parentheses past the list it may number an example or an equation, not a work"
            fix = "correct the number or add the entry"
        elif cit.kind == "key" and doc.format == "jats" and not cit.detail:
            # an <xref> whose rid no <ref> has: named by its text, which the editor sees, and its rid
            shown = f'"{cit.text}" ' if cit.text and cit.text != cit.key else ""
            yield at_citation(
                NAME,
                SEVERITY if cit.confidence == "high" else Severity.INFO,
                cit,
                f"{shown}(xref rid {cit.key!r}) is cited but no entry of the reference list has that id; "
                "point the xref's rid at the entry meant, or add the entry",
            )
            continue
        elif cit.kind == "key" and cit.detail and cit.key and _rendered_crossref(cit.key, cit.detail):
            # a rendered page's "apx-3?": Quarto printed a cross-reference it could not resolve as
            # pandoc prints a key no entry has; the reader sees "apx-3?", but no work is missing
            what = f"key {cit.key!r}"
            where = cit.detail
            fix = (
                "the key is a cross-reference label (a section, figure, table or appendix), not a work: "
                'label its target so ("{#' + cit.key + '}") or correct the reference, and render again'
            )
        elif cit.kind == "key":
            what = f"key {cit.key!r}"
            where = cit.detail or "no bibliography entry has that key"
            fix = "correct the key or add the entry to the bibliography"
            if (
                cit.suggestion
                and cit.key
                and cit.suggestion != cit.key
                and cit.suggestion.casefold() == cit.key.casefold()
            ):
                # pandoc and biber match keys case-sensitively (BibTeX does not: those are linked)
                where += f"; keys are case-sensitive, and the entry {cit.suggestion!r} differs only in case"
        else:
            what = quoted(cit)
            where = "no entry by that author" + (f" dated {cit.year}" if cit.year else "")
            fix = "add the entry to the reference list or correct the citation"
        if cit.detail and cit.kind in ("author-date", "note"):
            where = cit.detail  # "entries by Hardy exist, none with the co-authors and year cited"
        severity = SEVERITY if cit.confidence == "high" else Severity.INFO
        if cit.detail and cit.kind == "author-date" and cit.detail.startswith(EDITED_VOLUME):
            # "(Hunold & Singelnstein, 2022)" beside a chapter of their volume: the volume is not listed,
            # but the chapter's entry gives its editors, title and publisher (the reader can find it)
            where = cit.detail[len(EDITED_VOLUME) :].strip()
            fix = "add the volume's entry, or cite the chapter if it is the work meant"
            yield at_citation(
                NAME,
                min(severity, Severity.WARNING),
                cit,
                f"{what} is cited but not in the reference list ({where}); {fix}",
                by_id.get(cit.candidates[0]) if cit.candidates else None,
            )
            continue
        if cut is not None and cit.kind == "author-date" and sorts_after(cit, cut[0]):
            severity = Severity.INFO
            fix = (
                f"the reference list looks cut short: its entries run in alphabetical order and stop at "
                f"{cut[1]}, before this name, and other works cited after it are missing too; if the "
                "list is whole, " + fix
            )
        elif severity is SEVERITY and cit.kind == "author-date" and guessed:
            severity = Severity.INFO
            fix = (
                "the list read as the reference list has no heading and no citation cites an entry of "
                "it, so it may be no reference list (a section's own list: to-dos, notes); if this is "
                "a citation, " + fix
            )
        elif (
            severity is SEVERITY
            and cit.kind == "author-date"
            and (why := _maybe_no_defect(doc, cit, lookalikes, titles, quotes_examples, cited))
        ):
            severity = Severity.INFO
            fix = why + fix
        yield at_citation(
            NAME, severity, cit, f"{what} is cited but not in the reference list ({where}); {fix}"
        )


def _rendered_crossref(key: str, detail: str) -> bool:
    """Whether ``key``, printed unresolved on a rendered page ("apx-3?", "fig-map?"), is shaped as a
    Quarto or pandoc-crossref label rather than a citation key."""
    if "printed" not in detail:
        return False
    from refcheck.loaders.pandoc import cross_reference

    return cross_reference(key)


def _maybe_no_defect(
    doc: Document,
    cit: Citation,
    lookalikes: bool = False,
    titles: set[tuple[tuple[str, ...], str | None]] | None = None,
    quotes_examples: Callable[[], bool] | None = None,
    cited: Callable[[], frozenset[str]] | None = None,
) -> str:
    """Why an author-date citation that no entry fits may be no defect of this document, as the start
    of the finding's advice ("" when nothing says so): it links to its work, names a quotation's source,
    stands in a quoted passage, is a species' authority, ends a title, stands in the prose of a
    document that cites its works in notes (by a name no entry has: "the Holodomor (1932-1933)"), or
    is one of a few lookalikes in a document none of whose citations cites its list, or stands in a
    sentence that tells how to cite in a document that quotes citations as examples (a style guide,
    a template's instructions: ``quotes_examples``), or is a name no entry has, used as a place's or
    an event's ("the Paris (2015) agreement", "at Bali (2007)", a slide's bold "**Paris (2015)**") and
    cited nowhere else in brackets (``cited``: the names the document cites so, or that cite an entry)."""
    if links_to_work(doc, cit):  # a blog's "[Cho et al., 2014](https://...)": the link finds the work
        return "it links to the work, so readers can find it; "
    if given_in_full(doc.text, cit):  # "Bioinformatics, 2017, 33(19), 3036–3042": the work in full
        return "it gives the work in full where it stands; "
    # a reading list's "8. **Kuhn (1962)** — *The Structure ...*", in HTML "<li><strong>Kuhn
    # (1962)</strong> — <em>The Structure ...</em>"
    if listed_in_full(doc.text, cit) or (doc.emphasis and listed_in_emphasis(doc, cit)):
        return "it opens a list item that gives the work in full where it stands (a reading list); if the list should give it too, "
    if attribution(doc.text, cit):  # an epigraph's "— Leslie Kish (1965)": its source need not be listed
        return "it names a quotation's source under it; if it is a work the text cites, "
    if in_block_quote(doc, cit):  # a quoted passage's own citations: works of the quoted author's list
        return "it stands in a quoted passage, which may cite works of its own source's list; "
    if quotes_examples is not None and about_citing(doc.text, cit) and quotes_examples():
        # a style guide's "Cite papers with two authors using both names (Aho and Ullman, 1972)"
        return "it stands in a sentence that tells how to cite, in a document that quotes citations as examples (a style guide); if it cites a work, "
    if secondary(doc.text, cit):  # APA's "(Shih, 2005, as cited in Yan & Islam, 2011)"
        return "it is the original work of a secondary citation (as cited in another), which the list need not give; if it should, "
    if the_writer(cit):  # a figure's "(Source: Author, 2012)", a self-citation anonymised for review
        return "'Author' names the document's own writer (a figure of one's own, or a self-citation anonymised for review); if it cites a work, "
    if species_authority(doc.text, cit):
        return "if it is a citation and not the species' authority, "
    if in_a_title(doc.text, cit):  # a bio box's "Foundations of Social Evolution (1998)"
        return "the name reads as the end of a title, not an author's; if it is a citation, "
    if title_in_emphasis(doc, cit):  # an HTML page's "Films like <em>Harry Potter</em> (2001)"
        return "the name ends a title in italics just before its year (a book's, a film's), not an author's; if it is a citation, "
    if titles and not cit.detail and (tuple(cit.authors), cit.year) in titles:
        return "the same name and year end a title elsewhere in the document; if it is a citation, "
    if not cit.detail and not cit.et_al and len(cit.authors) == 1 and used_software(doc.text, cit):
        # a README's "(Tested with Tex Live 2013)": a program and its version, not a work's author
        return "it follows words that name a program and its version (tested with, compiled with), not a work; if it cites one, "
    if (
        not cit.detail
        and cit.year
        and a_span(cit.year)
        and len(cit.authors) == 1
        and not cit.et_al
        and (cit.narrative or ("," not in cit.text and doc.text.startswith(")", cit.end)))
    ):
        # "The Premier League (2010-11)", "La Liga (2011–2012)", "Mayor Smith (1998–2002)", "the title
        # (Premier League 2010-11)": a name no entry has and a span of years, a season or a term of
        # office as often as a work of years (a span after its comma, "(Lee, 2010-11)", is cited)
        return "a name no entry has with a span of years may date a season or a term the prose names; if it is a citation, "
    if not cit.detail and imprint(doc.text, cit):
        # "(Pantomimes lumineuses, Paris, 1892)": a work's title, its place and year, not an author
        return "a title stands before it in the brackets, so the name reads as a place of publication, not an author; if it is a citation, "
    if not (cit.narrative and len(cit.authors) == 1 and not cit.et_al):
        return ""  # ("(Aslan et al., 2025; Meta, 2024)" reads as a citation for sure)
    if not cit.detail and institution_cut(doc.text, cit):
        # "a reforma da Universidade de Coimbra (1772)", "the reform of the University of Coimbra (1772)"
        return "it ends the name of an institution after a preposition, which the prose names with a date; if the institution is cited, "
    if not cit.detail and (how := a_thing(doc, cit, cited)):
        # "the Paris (2015) agreement", "at Bali (2007)", a slide's "**Paris (2015)**:": a place or an
        # event and its year, as often as a work's author, when no entry and no other citation has it
        return how
    if doc.style == "notes-bibliography" and cit.footnote is None and not cit.detail:
        return "the document cites its works in notes and no entry has that name, so this may date what the prose names; if it is a citation, "
    if lookalikes:
        return "no citation of the document cites an entry of its list, so this may be a date, not a citation; if it is one, "
    return ""


def _scholarly(citations: list[Citation], works: int) -> bool:
    """Whether a document's author-date citations show themselves as such without a list to
    confirm them: three works or more, or one citation with co-authors, "et al." or a page."""
    return works >= 3 or any(c.et_al or len(c.authors) > 1 or c.locator for c in citations)


def _no_bibliography(citations: list[Citation], fragment: bool = False, style_only: bool = False) -> Finding:
    """One finding for the keys of a LaTeX document that names no bibliography at all: the
    bibliography is missing (its ``\\bibliography`` commented out, or never written), one defect, not
    one per key (a toolbox's manual citing 32 keys got 32 errors saying the same). A ``fragment``
    that no main file inputs (a paper's sections/frontmatter.tex left beside main.tex, which holds its
    text) names none of its own: its main file's, if it has one, is not known, so info."""
    first = citations[0]
    keys = len({c.key for c in citations})
    severity = SEVERITY if any(c.confidence == "high" for c in citations) else Severity.INFO
    if fragment:
        return at_citation(
            NAME,
            Severity.INFO,
            first,
            f"{len(citations)} citation(s) of {keys} key(s), such as {first.key!r}, not checked: the file is "
            "a fragment (no \\documentclass) that no main file inputs, so its bibliography is not known; "
            "check the main file that inputs it, or input it from one",
        )
    if style_only:
        # "\\bibliographystyle{econark}" and no \\bibliography: a package or class not in the project
        # (econark-multibib's \\econarkmultibib) may name the .bib, or it was forgotten (LaTeX's [?])
        return at_citation(
            NAME,
            min(severity, Severity.WARNING),
            first,
            f"{len(citations)} citation(s) of {keys} key(s), such as {first.key!r}, not checked: the document "
            "sets a bibliography style but names no .bib file (no \\bibliography{...} or \\addbibresource{...}"
            "; a package or class not in the project may name it, or it is missing); name the .bib file, "
            "or give it with --bib",
        )
    return at_citation(
        NAME,
        severity,
        first,
        f"{len(citations)} citation(s) of {keys} key(s), such as {first.key!r}, but the document names no "
        "bibliography: no \\bibliography{...}, \\addbibresource{...} or thebibliography (commented out?); "
        "name the .bib file the keys are in",
    )


def _no_list(
    citations: list[Citation],
    linked: bool = False,
    keys: str | None = None,
    further: bool = False,
    reply: bool = False,
    resolved: bool = False,
    passing: bool = False,
    unread: str = "",
    things: bool = False,
    people: bool = False,
    counted: list[Citation] | None = None,
    elsewhere: str = "",
) -> Finding:
    """One finding for the author-date citations of a document with no reference list: the list is
    missing, or refcheck did not find it (164 errors, one per citation, said the same thing). When
    each is a link to its work (``linked``), readers find the works: info; and when the document's
    list is built from pandoc ``keys`` whose bibliography refcheck did not see (or, ``resolved``,
    DOIs the page's builder fetches: a MyST page's "[@10.25080/NKVC9349]"), and when the
    document has a further-reading section (``further``), where its works may stand, is a reply to
    reviewers (``reply``), citing the manuscript's list, or names them
    only in its own sentences (``passing``: "the Myung and Pitt (1997) paper", as a blog post does), or
    names places or events with their years (``things``: "the Paris (2015) agreement", "at Bali (2007)";
    with other citations, ``counted`` are those that count as works), or
    when its list is printed from a bibliography it names that could not be read (``unread``), or is a
    page of a book or site whose list is a page of its own beside it (``elsewhere``: a Jupyter Book's
    "9.0 References" chapter)."""
    first = citations[0]
    works = len({(tuple(c.authors), c.year) for c in citations})
    severity = SEVERITY if any(c.confidence == "high" for c in citations) else Severity.INFO
    fix = "add the list, under a heading such as References"
    # (``counted``: the citations that count as works, places and events left out)
    if counted is None:
        scholarly = _scholarly(citations, works)
    else:
        scholarly = _scholarly(counted, len({(tuple(c.authors), c.year) for c in counted}))
    if keys:  # the list is built from the document's pandoc keys, from a bibliography not seen
        severity = Severity.INFO
        fix = (
            f"it also cites pandoc keys ({keys} ...), whose list is built from a bibliography refcheck "
            "did not find; name it (bibliography: in the front matter, or --bib) to check them"
            if not resolved
            else f"it also cites DOIs as keys ({keys} ...), whose works the page's list is built from "
            "when it is built; refcheck does not fetch them"
        )
    elif unread:  # the list is printed from a bibliography named that refcheck could not read
        severity = Severity.INFO
        fix = (
            f"its list is printed from the bibliography it names ({unread}), which could not be read "
            "(see input-bibliography); make it readable to check them"
        )
    elif elsewhere:
        severity = Severity.INFO
        fix = (
            f"its list is presumably the page {elsewhere} beside it, which is checked on its own; the "
            "citations of one page are not checked against another's list"
        )
    elif further:
        severity = Severity.INFO
        fix = "its further-reading section may give them; a reference list would say which work each is"
    elif reply:
        severity = Severity.INFO
        fix = "it answers reviewers, whose manuscript's list gives the works; if it stands alone, " + fix
    elif passing:
        severity = Severity.INFO
        fix = (
            "each names its work in the prose's own sentence, as a blog post or notes may without a list; "
            "a list would say which work each is"
        )
    elif things:
        severity = Severity.INFO
        fix = (
            'each name stands after "the" or "at" (or "around", "during"), after a numbered event\'s code ("COP-17 Durban (2011)") '
            'or alone in emphasis, as places and events do with their years ("the Paris (2015) agreement"); '
            "if these are citations, " + fix
        )
    elif people:
        severity = Severity.INFO
        fix = (
            "each names a person by given name and surname, as prose names people with a year of theirs "
            "(a fellowship's cohort, an award), where a citation names its authors by surname; if these are "
            "citations, " + fix
        )
    elif linked:
        severity = Severity.INFO
        fix = (
            "each links to its work or gives it in full where it stands, so readers can find it; a list "
            "would still give the details"
        )
    elif severity is SEVERITY and not scholarly:
        # one or two names and years and nothing more, in a document with no list: a blog's "(TeX
        # Live 2013)" or "Priya Sukhija (2022) won the fellowship" reads so as well as a citation
        severity = Severity.INFO
        fix = "if these are citations, " + fix
    return at_citation(
        NAME,
        severity,
        first,
        f'{len(citations)} author-date citation(s) of {works} work(s), such as "{first.text}", but the '
        f"document has no reference list (none was found); {fix}",
    )
