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

import bisect
import itertools
import re
from collections.abc import Callable, Iterator

from refcheck.extract.numeric import group_after_symbol
from refcheck.extract.organisations import ORGANISATION_WORDS
from refcheck.extract.species import species_authority
from refcheck.matching.names import PARTICLES, core_key, fold
from refcheck.model import Citation, Document, Finding, LinkStatus, Severity
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
        plain = [c for c in unlisted if not (_links_to_work(doc, c) or _written_in_place(doc.text, c))]
        if doc.unseen_key:
            yield _no_list(unlisted, keys=doc.unseen_key, resolved=doc.unseen_resolved)
        elif doc.unread_bibliographies:
            yield _no_list(unlisted, unread=", ".join(doc.unread_bibliographies))
        elif page := _list_page(doc):
            yield _no_list(unlisted, elsewhere=page)
        elif plain and _further_reading(doc.text):
            yield _no_list(plain, further=True)
        elif plain and _reply_to_reviewers(doc.text):
            yield _no_list(plain, reply=True)
        elif plain and doc.format == "markdown" and all(_in_passing(doc, c) for c in plain):
            # a blog post or a notebook that names works in its own sentences, "I read the Myung and Pitt
            # (1997) paper on model selection", cites in no style that promises a list
            yield _no_list(plain, passing=True)
        elif plain and not (works := [c for c in plain if not _a_thing(doc, c, cited)]):
            # "the Paris (2015) agreement", "at Bali (2007)": places and events with their years
            yield _no_list(plain, things=True)
        elif (
            plain
            and (people := sum(1 for c in plain if _given_named(c))) >= 3
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
                counted=[c for c in works if not (_in_a_title(doc.text, c) or _title_in_emphasis(doc, c))],
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
    lookalikes = _lookalikes(doc)
    # a list found with no heading over it that no citation cites: maybe no reference list at all (a
    # research note's last section, "## Offene Punkte", a bulleted to-do list naming works and years)
    guessed = not doc.reference_list_headed and not any(c.cited_ids for c in doc.citations)
    examples: list[bool] = []  # (whether the document quotes citations as examples: once, when asked)

    def quotes_examples() -> bool:
        if not examples:
            examples.append(
                doc.format == "markdown"
                and any(c.kind == "author-date" and _in_block_quote(doc, c) for c in doc.citations)
            )
        return examples[0]

    from refcheck.matching.linker import EDITED_VOLUME

    titles = _titles(doc)
    cut = _cut_after(doc)
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
        if cut is not None and cit.kind == "author-date" and _sorts_after(cit, cut[0]):
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


# what may stand after a reference list that a page of figures or tables interrupted (a PDF's text)
_FIGURE_PAGE = re.compile(r"(?m)^\W{0,4}(?:Fig(?:ure)?s?\.?|Tables?|Supplementary)\s+S?\d")
_CUT_MISSING = 2  # distinct first authors missing after the last entry, at least, for a cut list


def _sort_key(name: str) -> str:
    return core_key(name) or fold(name)


def _sorts_after(cit: Citation, last: str) -> bool:
    return bool(cit.authors) and not cit.detail and _sort_key(cit.authors[0]) > last


def _cut_after(doc: Document) -> tuple[str, str] | None:
    """(the sort key, the name) of the last entry of a reference list that looks cut short: read from
    the text (not a database), in alphabetical order, ending the document or followed by a page of
    figures or tables only, and with works by two authors or more cited that sort after its last
    entry and have none (a PDF's text whose last page was lost, a figure page inside the list). The
    works cited after it are then likely in the part not read. One missing work there is no sign: it
    is as likely a work the list lacks."""
    refs = doc.references or []
    if len(refs) < 5 or doc.format not in ("text", "markdown", "html", "docx"):
        return None
    if any(r.source is not None or r.start < 0 or not r.authors for r in refs[-5:]):
        return None
    missing = LinkStatus.MISSING
    if sum(1 for c in doc.citations if c.status is missing and c.kind == "author-date") < _CUT_MISSING:
        return None
    keys = [_sort_key(r.authors[0]) for r in refs if r.authors]
    if len(keys) < 5 or sum(a > b for a, b in itertools.pairwise(keys)) > len(keys) // 20:
        return None  # (not in alphabetical order: a numbered or unordered list says nothing)
    last = max(keys)
    after = {
        _sort_key(c.authors[0])
        for c in doc.citations
        if c.status is missing
        and c.kind == "author-date"
        and c.confidence == "high"
        and _sorts_after(c, last)
    }
    if len(after) < _CUT_MISSING:
        return None
    rest = doc.text[refs[-1].end :]
    if rest.strip() and _FIGURE_PAGE.search(rest) is None:
        return None  # (the list is followed by more of the document: it ended there)
    return last, refs[-1].authors[0]


_LOOKALIKES = 2  # at most this many author-date readings, none fitting a list that no citation cites


def _lookalikes(doc: Document) -> bool:
    """Whether the document's few author-date readings that fit nothing are the only author-date
    citations of a document that cites no entry of its list at all (a policy paper's "Sources" it
    cites by naming them, "SB 253", and a table's "Limited (2026), reasonable (2030)"): dates in the
    prose, most likely, not citations (uncited-reference says once that the list was not checked)."""
    refs = doc.references or []
    if len(refs) < 3 or doc.format not in ("text", "markdown", "html", "docx"):
        return False
    if any(c.cited_ids for c in doc.citations):
        return False
    read = [c for c in doc.citations if c.kind == "author-date" and c.confidence == "high"]
    return 0 < len(read) <= _LOOKALIKES and all(c.narrative for c in read)


def _titles(doc: Document) -> set[tuple[tuple[str, ...], str | None]]:
    """The names and years of the author-date citations no entry fits that end a title somewhere in
    the document ("as metodologias CEM (2009) e Balanceamento por Entropia (2011)"): the same name and
    year elsewhere ("CEM (2009), Entropia (2011) e EQT (2007)") names the same thing."""
    if not doc.references:
        return set()
    missing = LinkStatus.MISSING
    return {
        (tuple(c.authors), c.year)
        for c in doc.citations
        if c.status is missing
        and c.kind == "author-date"
        and not c.detail
        and (_in_a_title(doc.text, c) or _title_in_emphasis(doc, c))
    }


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
    if _links_to_work(doc, cit):  # a blog's "[Cho et al., 2014](https://...)": the link finds the work
        return "it links to the work, so readers can find it; "
    if _given_in_full(doc.text, cit):  # "Bioinformatics, 2017, 33(19), 3036–3042": the work in full
        return "it gives the work in full where it stands; "
    # a reading list's "8. **Kuhn (1962)** — *The Structure ...*", in HTML "<li><strong>Kuhn
    # (1962)</strong> — <em>The Structure ...</em>"
    if _listed_in_full(doc.text, cit) or (doc.emphasis and _listed_in_emphasis(doc, cit)):
        return "it opens a list item that gives the work in full where it stands (a reading list); if the list should give it too, "
    if _attribution(doc.text, cit):  # an epigraph's "— Leslie Kish (1965)": its source need not be listed
        return "it names a quotation's source under it; if it is a work the text cites, "
    if _in_block_quote(doc, cit):  # a quoted passage's own citations: works of the quoted author's list
        return "it stands in a quoted passage, which may cite works of its own source's list; "
    if quotes_examples is not None and _about_citing(doc.text, cit) and quotes_examples():
        # a style guide's "Cite papers with two authors using both names (Aho and Ullman, 1972)"
        return "it stands in a sentence that tells how to cite, in a document that quotes citations as examples (a style guide); if it cites a work, "
    if _secondary(doc.text, cit):  # APA's "(Shih, 2005, as cited in Yan & Islam, 2011)"
        return "it is the original work of a secondary citation (as cited in another), which the list need not give; if it should, "
    if _the_writer(cit):  # a figure's "(Source: Author, 2012)", a self-citation anonymised for review
        return "'Author' names the document's own writer (a figure of one's own, or a self-citation anonymised for review); if it cites a work, "
    if species_authority(doc.text, cit):
        return "if it is a citation and not the species' authority, "
    if _in_a_title(doc.text, cit):  # a bio box's "Foundations of Social Evolution (1998)"
        return "the name reads as the end of a title, not an author's; if it is a citation, "
    if _title_in_emphasis(doc, cit):  # an HTML page's "Films like <em>Harry Potter</em> (2001)"
        return "the name ends a title in italics just before its year (a book's, a film's), not an author's; if it is a citation, "
    if titles and not cit.detail and (tuple(cit.authors), cit.year) in titles:
        return "the same name and year end a title elsewhere in the document; if it is a citation, "
    if not cit.detail and not cit.et_al and len(cit.authors) == 1 and _used_software(doc.text, cit):
        # a README's "(Tested with Tex Live 2013)": a program and its version, not a work's author
        return "it follows words that name a program and its version (tested with, compiled with), not a work; if it cites one, "
    if (
        not cit.detail
        and cit.year
        and (_SPAN.search(cit.year) or _academic_year(cit.year))
        and len(cit.authors) == 1
        and not cit.et_al
        and (cit.narrative or ("," not in cit.text and doc.text.startswith(")", cit.end)))
    ):
        # "The Premier League (2010-11)", "La Liga (2011–2012)", "Mayor Smith (1998–2002)", "the title
        # (Premier League 2010-11)": a name no entry has and a span of years, a season or a term of
        # office as often as a work of years (a span after its comma, "(Lee, 2010-11)", is cited)
        return "a name no entry has with a span of years may date a season or a term the prose names; if it is a citation, "
    if not cit.detail and _imprint(doc.text, cit):
        # "(Pantomimes lumineuses, Paris, 1892)": a work's title, its place and year, not an author
        return "a title stands before it in the brackets, so the name reads as a place of publication, not an author; if it is a citation, "
    if not (cit.narrative and len(cit.authors) == 1 and not cit.et_al):
        return ""  # ("(Aslan et al., 2025; Meta, 2024)" reads as a citation for sure)
    if not cit.detail and _institution_cut(doc.text, cit):
        # "a reforma da Universidade de Coimbra (1772)", "the reform of the University of Coimbra (1772)"
        return "it ends the name of an institution after a preposition, which the prose names with a date; if the institution is cited, "
    if not cit.detail and (how := _a_thing(doc, cit, cited)):
        # "the Paris (2015) agreement", "at Bali (2007)", a slide's "**Paris (2015)**:": a place or an
        # event and its year, as often as a work's author, when no entry and no other citation has it
        return how
    if doc.style == "notes-bibliography" and cit.footnote is None and not cit.detail:
        return "the document cites its works in notes and no entry has that name, so this may date what the prose names; if it is a citation, "
    if lookalikes:
        return "no citation of the document cites an entry of its list, so this may be a date, not a citation; if it is one, "
    return ""


# the words in a bracket before "Name, Year)": a title, its first word capitalised, then lowercase words,
# and a comma ("(Pantomimes lumineuses, Paris, 1892)"); not a prefix ("(see also, Paris, 1892)", "(e.g.,")
_TITLE_IN_BRACKET = re.compile(
    r"\([ \t]*[*_]{0,2}[A-Z\u00C0-\u00DE][\w'\u2019-]+(?:[ \t]+[\w'\u2019-]+){1,8}[*_]{0,2},[ \t]*$"
)
# prefixes of a citation, as the bracket's first words ("Ver, por exemplo,", "For example,")
_BRACKET_PREFIX = re.compile(
    r"\([ \t]*(?i:see|ver|veja|vide|voir|siehe|cf|e\.?g|i\.?e|for|por|par|zum|z\.|in|em|en|dans|apud|also|as|like)\b"
)


def _imprint(text: str, cit: Citation) -> bool:
    """Whether a bracketed citation of one name and a year follows a title in the same bracket, "(Pantomimes
    lumineuses, Paris, 1892)": a work's title, its place of publication and its year, not an author."""
    if cit.narrative or len(cit.authors) != 1 or cit.et_al or " " in cit.authors[0]:
        return False
    if not cit.text[:1].isupper():
        return False
    m = _TITLE_IN_BRACKET.search(text, max(0, cit.start - 120), cit.start)
    if m is None or _BRACKET_PREFIX.match(m.group()) is not None:
        return False
    words = m.group().strip("(*_, \t").split()
    return any(w[:1].islower() for w in words[1:])


# an institution's name after a preposition, cut by the reading before its last words: "reforma da
# Universidade " before "de Coimbra (1772)", "reform of the University of " before "Coimbra (1772)"
_INSTITUTION_BEFORE = re.compile(
    r"(?:^|[\s(])(?:of|in|at|on|da|do|das|dos|na|no|nas|nos|em|de|del|della|di|du|des|au|aux|\u00e0|en)"
    r"(?:[ \t]+(?:the|la|el|le|les|l['\u2019]))?[ \t]+((?:[A-Z\u00C0-\u00DE][\w'\u2019-]*[ \t]+){1,4})"
    r"(of|de|da|do|das|dos|del|di|du|des)?[ \t]*$"
)


def _institution_cut(text: str, cit: Citation) -> bool:
    """Whether a narrative citation's name is the last words of an institution's name after a preposition
    ("a reforma da Universidade de Coimbra (1772)", read as "de Coimbra"; "the reform of the University of
    Coimbra (1772)"): a date the prose gives the institution's event, more often than its work cited
    ("o Conselho Nacional de Justiça (2015)", after a determiner, stays an error)."""
    m = _INSTITUTION_BEFORE.search(text, max(0, cit.start - 120), cit.start)
    if m is None or (m.group(2) is None) == (not cit.text[:1].islower()):
        return False
    return any(w.lower() in ORGANISATION_WORDS for w in m.group(1).split())


# a span of years ("2010-11", "2011–2012"), not one year ("2011/2013" is either year, "1985" one)
_SPAN = re.compile(r"\d[\u2010-\u2015\u2212-]\d")
_SLASHED = re.compile(r"^(\d{4})/(\d{2}|\d{4})$")


def _academic_year(year: str) -> bool:
    """Whether ``year`` is two years in a row joined by "/" ("2020/2021", "2020/21"), as an academic
    year or a season is written ("(Transform 2020/2021)", a hackathon): a span, not a reprint's two
    years ("1867/1990")."""
    m = _SLASHED.match(year)
    if m is None:
        return False
    first, second = m.group(1), m.group(2)
    return int(second) == (int(first) + 1) % (100 if len(second) == 2 else 10_000)


# what a program used is named after ("tested with Tex Live 2013", "compiled under MiKTeX 2019", "built
# on Ubuntu 2004"): the verb, its preposition, and capitalised words of the program's name
_USED_WITH = re.compile(
    r"(?i:\b(?:tested|compiled|built|typeset|run|ran|installed|checked|verified|rendered)\s+"
    r"(?:with|on|under|using|in|against))\s+(?:[A-Z][\w.+-]*\s+){0,3}$"
)


def _used_software(text: str, cit: Citation) -> bool:
    """Whether the name and year follow a verb of use and its preposition in the same sentence, as a
    program and its version do ("(Tested with Tex Live 2013)", read as "Live 2013"). A version follows
    the program's name as it is: a year in brackets or after a comma is cited ("as tested with Smith
    (2010)", "(checked against Jones, 2012)")."""
    if cit.narrative or "," in cit.text:
        return False
    start = max(0, cit.start - 80)
    before = text[start : cit.start]
    cut = max(before.rfind(c) for c in ".;:!?\n")
    return _USED_WITH.search(before, cut + 1) is not None


# The capitalised words before a narrative citation's name, joined by lower-case small words, as a
# title runs: "Foundations of Social " before "Evolution (1998)", "Dynamics of Cancer: " before
# "Incidence, Inheritance, and Evolution (2007)". (No comma inside: "In Foundations, Frank (1998)".)
# The small words of other languages too ("Balanceamento por Entropia (2011)", "Der Mut zum Sein
# (1953)"), not those that join surnames ("de", "da", "dos", "e", "y", "la": "Castro e Silva").
# Or a determiner before the capitalised words: "foi utilizado o Censo Demográfico (2010)", "art. 1
# da Declaração Universal dos Direitos Humanos (1948)", "the Human Development Report (2010)".
_SMALL_WORDS = [
    "of", "in", "on", "for", "the", "to", "and", "a", "an", "por", "para", "em", "no", "na", "nos",
    "nas", "pelo", "pela", "sobre", "el", "los", "las", "les", "et", "sur", "zum", "zur", "und",
    "\u00fcber", "im", "vom", "mit", "f\u00fcr", "die",
]  # fmt: skip
_SMALL_ALTERNATIVES = "|".join(_SMALL_WORDS)
_CAPITAL = r"[A-Z\u00C0-\u00DE]"
_TITLE_RUN = re.compile(
    rf"(?:^|[^\w'\u2019-])((?:{_CAPITAL}[\w'\u2019-]*:?[ \t]+(?:(?:{_SMALL_ALTERNATIVES})[ \t]+)*)+)$"
)
_SMALL = frozenset(_SMALL_WORDS) - {"and", "a", "an"}
_DETERMINED = re.compile(
    r"(?:^|[^\w'\u2019-])(?:the|o|os|a|el|los|las|le|les|der|die|das|dem|den|il|do|da|dos|del|al"
    rf"|du|au|zum|zur|im|vom|pelo|pela|no|na|nos|nas)[ \t]+(?:{_CAPITAL}[\w'\u2019-]*[ \t]+)+$"
)
# a person's title before the name ("o Professor Almeida (2018)", "the late Dr Smith (1990)")
_HONORIFICS = frozenset({
    "professor", "professora", "prof", "dr", "dra", "drs", "doutor", "doutora", "doctor", "doctora",
    "mestre", "maestro", "padre", "frei", "dom", "dona", "don", "doña", "sr", "sra", "señor",
    "señora", "senhor", "senhora", "herr", "frau", "mr", "mrs", "ms", "monsieur", "madame", "sir",
})  # fmt: skip


def _in_a_title(text: str, cit: Citation) -> bool:
    """Whether a narrative citation's name ends a title written in title case ("Professor Frank has
    published three books: Foundations of Social Evolution (1998), ..."): the capitalised words
    before it are joined by "of", "in", "the" ... and end in a capitalised word, and none is an
    organisation's ("Department of Health (2009)", "Bank of England (2010)" and "Results of Smith
    (2001)" stay citations)."""
    if not cit.narrative:
        return False
    m = _TITLE_RUN.search(text, max(0, cit.start - 120), cit.start)
    if m is None:
        return False
    run = [w.strip(":").lower() for w in m.group(1).split()]
    if (run[-1] in _SMALL and not _mid_sentence(text, m.start(1))) or run[-1] in ("and", "a", "an"):
        # "Results of Smith (2001)": a sentence's words, then the author; not a capitalised word in
        # the middle of a sentence ("as metodologias CEM (2009) e Balanceamento por Entropia (2011)")
        return False
    if run[-1].rstrip(".") in _HONORIFICS:
        return False  # "como afirma o Professor Almeida (2018)": a person's title, then the author
    words = run + [w.lower() for a in cit.authors for w in a.split()]
    if any(w in ORGANISATION_WORDS for w in words):
        return False
    if any(w in _SMALL for w in run):
        return True
    # "o Censo Demográfico (2010)": a determiner, then capitalised words and the name, one author
    return (
        len(cit.authors) == 1
        and not cit.et_al
        and _DETERMINED.search(text, max(0, cit.start - 120), cit.start) is not None
    )


def _mid_sentence(text: str, at: int) -> bool:
    """Whether a word at ``at`` follows a lower-case word of its sentence (a capital there is no
    sentence's)."""
    before = text[max(0, at - 40) : at].rstrip()
    return before[-1:].isalpha() and before[-1:].islower()


# before a name: "the" (with capitalised words or codes between: "the COP21 Paris (2015)"), or a
# preposition of place or time that no author's name takes ("at Bali (2007)", "around Copenhagen
# (2009)", "during Rio (1992)"); and what may follow the year after "the" ("the Paris (2015)
# agreement": a noun)
_PLACE_PREPOSITION = r"[Aa]t|[Aa]round|[Nn]ear|[Dd]uring|[Aa]cross|[Tt]hroughout|[Bb]eyond|[Oo]utside"
_THE_NAME = re.compile(
    rf"(?:^|[^\w'\u2019-])(?:([Tt]he)|{_PLACE_PREPOSITION})[ \t]+(?:[A-Z0-9][\w+\u2010-]*[ \t]+){{0,3}}$"
)
# a name joined by "and", "or", "not" ... to one such a preposition marks, "around Copenhagen (2009),
# not Paris (2015)", "at Bali (2007) and Durban (2011)": the same kind of thing
_JOINED_TO_PLACE = re.compile(
    rf"(?:^|[^\w'\u2019-])(?:{_PLACE_PREPOSITION})[ \t]+(?:[A-Z0-9][\w+\u2010-]*[ \t]+){{1,4}}"
    r"\((?:1[5-9]|20)\d\d\)[,;]?[ \t]+(?:and|or|nor|not|but not|than|to|versus|vs\.)[ \t]+$"
)
_NOUN_AFTER = re.compile(r"[ \t]+[a-z]")
# a numbered event's code, "COP-17", "COP21", "SDG13": capitals, then its number
_EVENT_CODE = re.compile(r"[A-Z]{2,}[-\u2010]?\d{1,3}[ \t]")
_CODE_BEFORE = re.compile(r"(?:^|[^\w-])[A-Z]{2,}[-\u2010]?\d{1,3}[ \t]+$")
# a citation alone in Markdown emphasis, as a slide's or a list's label: "- **Paris (2015)**: ..."
_TITLE_AFTER = re.compile(r"[ \t]*[:.,\u2013\u2014-]?[ \t]*[*_\"\u201c\[]")
_EMPHASIS_OPEN = re.compile(r"(?:^|[ \t(\[])(\*\*|__|\*|_)$")


def _given_named(cit: Citation) -> bool:
    """Whether a citation of one person names them by a given name before the surname ("Nitin Sukhija
    (2022)", "(Rene Gassmoeller, 2019)"): a word of capital and lower-case letters just before the
    surname, no particle ("Van Dijk") and no organisation's word ("World Bank")."""
    if len(cit.authors) != 1 or cit.et_al or cit.locator or not cit.name_run:
        return False
    words = cit.name_run.split()
    surname = cit.authors[0].split()
    if len(words) < 2 or len(surname) > 2 or words[-len(surname) :] != surname:
        return False
    given = words[-2] if len(surname) == 1 else surname[0]  # ("Rene Gassmoeller" read as one name)
    return (
        given[:1].isupper()
        and given[1:].isalpha()
        and given[1:].islower()
        and given.lower() not in PARTICLES
        and not any(w.lower().strip(",.") in ORGANISATION_WORDS for w in [*surname, given])
    )


def _a_thing(doc: Document, cit: Citation, cited: Callable[[], frozenset[str]] | None) -> str:
    """:func:`_names_a_thing` for one narrative name and a year, with no page, that no citation in
    brackets and none that cites an entry has (``cited``): one word, not in capitals (an acronym, "the
    IPCC (2014) report", is an organisation's) and no organisation's."""
    if len(cit.authors) != 1 or cit.et_al or cit.locator:
        return ""
    name = cit.authors[0]
    text = doc.text
    # a numbered event's code before the name, or opening it: "COP-17 Durban (2011)", "(COP-28 Dubai 2023)"
    code = _EVENT_CODE.match(name) is not None or _CODE_BEFORE.search(text, max(0, cit.start - 20), cit.start)
    if not (cit.narrative or code) or name.isupper() or name.lower() in ORGANISATION_WORDS:
        return ""  # ("the IPCC (2014) report": an organisation's acronym)
    if code:
        how = "a numbered event's code stands before the name (a conference and its place), and no entry has it; if it is a citation, "
    elif " " in name:
        return ""  # ("the World Health Organization (2019) reported": an organisation, an author)
    else:
        how = _names_a_thing(doc, cit)
    if code:
        return how  # (its code says so, whether or not the name is cited in brackets: "(COP-28 Dubai 2023)")
    return how if how and (cited is None or fold(cit.authors[0]) not in cited()) else ""


def _names_a_thing(doc: Document, cit: Citation) -> str:
    """Why a narrative citation's name may name a place or an event with its year rather than a work's
    author ("" if nothing says so): the name comes after "the" and the year before a noun ("the Paris
    (2015) agreement", "the COP21 Paris (2015) meeting"), or after a preposition of place or time ("at
    Bali (2007) the parties agreed", "around Copenhagen (2009)"), or is joined by "and", "or", "not"
    to a name after one ("around Copenhagen (2009), not Paris (2015)"), or the citation stands alone
    in emphasis ("**Paris (2015)**: the agreement", a slide's label). A surname takes neither "the"
    nor those before it ("Smith (2010) argued", "in Smith (2010)", "since Maury (1917)"); the caller
    asks that no entry and no citation in brackets has the name."""
    text = doc.text
    start = max(0, cit.start - 60)
    m = _THE_NAME.search(text, start, cit.start)
    if (
        m is not None and (m.group(1) is None or _NOUN_AFTER.match(text, cit.end))
    ) or _JOINED_TO_PLACE.search(text, max(0, cit.start - 120), cit.start):
        return 'the name stands after "the" or "at" (or another preposition of place or time: "around", "during"), as a place\'s or an event\'s does with its year, and no entry has it; if it is a citation, '
    e = _EMPHASIS_OPEN.search(text, start, cit.start)
    close = cit.end + len(e.group(1)) if e is not None else cit.end
    if e is not None and text.startswith(e.group(1), cit.end) and not _TITLE_AFTER.match(text, close):
        # (not a reading list's "**Kuhn (1962)** — *The Structure of ...*": a work and its title)
        return _ALONE_IN_EMPHASIS
    if doc.emphasis and _label_in_emphasis(doc, cit):  # an HTML slide's "<strong>Paris (2015)</strong>:"
        return _ALONE_IN_EMPHASIS
    return ""


_ALONE_IN_EMPHASIS = (
    "it stands alone in emphasis, as a label does (a place or an event and its year), and no entry has "
    "the name; if it is a citation, "
)


_NESTED = 32  # emphasis spans looked back over for one around a place (those inside it, its siblings')


def _emphasis_around(doc: Document, start: int, end: int) -> tuple[int, int, bool] | None:
    """The innermost span of ``Document.emphasis`` (HTML's ``<em>``, ``<strong>`` ...) that holds the
    text from ``start`` to ``end``, if any."""
    spans = doc.emphasis
    k = bisect.bisect_right(spans, (start, len(doc.text) + 1, True))
    for i in range(k - 1, max(-1, k - 1 - _NESTED), -1):
        span = spans[i]
        if span[1] >= end:  # (its start is at ``start`` or before: bisected)
            return span
    return None


def _title_in_emphasis(doc: Document, cit: Citation) -> bool:
    """Whether a narrative citation's name ends an italic span of an HTML page (``<em>``, ``<i>``,
    ``<cite>``) just before its year's bracket, the span holding the whole name: a title ("Films like
    <em>Harry Potter</em> (2001)"), as Markdown's "*Harry Potter* (2001)" is, which is no citation
    unless the list has the name. Not a citation inside an italic sentence ("<em>as Brown (2003)
    argued</em>": the span goes on past the year)."""
    if not doc.emphasis or not cit.narrative:
        return False
    text = doc.text
    paren = text.find("(", cit.start, cit.end)
    if paren < 0:
        return False
    named = paren
    while named > cit.start and text[named - 1].isspace():
        named -= 1
    span = _emphasis_around(doc, cit.start, named)
    return span is not None and not span[2] and span[1] <= paren


# what may stand between a label in emphasis and a title after it: "<strong>Kuhn (1962)</strong> —
# <em>The Structure ...</em>" (a reading list's work and its title), as _TITLE_AFTER reads Markdown
_LABEL_GAP = re.compile(r"[ \t]*[:.,\u2013\u2014-]?[ \t]*")


def _label_in_emphasis(doc: Document, cit: Citation) -> bool:
    """Whether an HTML page's citation stands alone in an emphasis span ("<strong>Paris
    (2015)</strong>: the agreement", a slide's label), as Markdown's "**Paris (2015)**" does, and no
    title follows it (in emphasis or quotes: a reading list's "<strong>Kuhn (1962)</strong> —
    <em>The Structure ...</em>" gives a work)."""
    span = _emphasis_around(doc, cit.start, cit.end)
    if span is None:
        return False
    text = doc.text
    start, end = span[0], span[1]
    if text[start : cit.start].strip() or text[cit.end : end].strip():
        return False
    gap = _LABEL_GAP.match(text, end)  # (it always matches, if only nothing)
    after = gap.end() if gap is not None else end
    if text[after : after + 1] in ('"', "\u201c", "["):
        return False
    k = bisect.bisect_left(doc.emphasis, (after, -1, False))
    return not (k < len(doc.emphasis) and doc.emphasis[k][0] == after and after < len(text))


# a word of citing ("Cite papers with two authors ...", "Citations within the text appear in ..."); not
# "cited", which "as cited in" (a secondary citation) and prose about a work's reception use
_CITING = re.compile(r"\b[Cc]it(?:e|es|ing|ation|ations)\b")
_SENTENCE_END = re.compile(r"[.!?][ \t]+(?=[A-Z])|\n")


def _about_citing(text: str, cit: Citation) -> bool:
    """Whether the sentence before the citation speaks of citing ("Collapse multiple citations into a
    single pair of parentheses (Gusfield, 1997; Aho and Ullman, 1972)")."""
    before = text[max(0, cit.start - 300) : cit.start]
    cut = 0
    for m in _SENTENCE_END.finditer(before):  # (not "et al." nor "e.g." inside it)
        cut = m.end()
    return _CITING.search(before, cut) is not None


def _in_block_quote(doc: Document, cit: Citation) -> bool:
    """Whether a Markdown citation stands in a block quote: a paragraph opening with ">" (its later
    lines may go without one), as a blog quotes a book's passage with the book's own citations ("> "...
    layout might harm an expert's ability to read a program (Shell 1981, Soloway and Ehrlich 1984)")."""
    if doc.format != "markdown":
        return False
    text = doc.text
    blank = max(text.rfind("\n\n", 0, cit.start), text.rfind("\n \n", 0, cit.start))
    start = blank + 2 if blank >= 0 else 0
    while start < cit.start and text[start] in " \t\n":
        start += 1
    return text.startswith(">", start) and "\n\n" not in text[start : cit.start]


# the end of a Markdown link's text and its target: "[Cho et al., 2014](http://...)"
_LINK_TARGET = re.compile(r"\]\(<?(?:https?://|doi:|www\.)", re.I)


# a Markdown link to a web address, then the work's authors ("by Wes McKinney"), ending where a
# citation's parenthesis opens: '[*Python for Data Analysis*](http://shop.oreilly.com/...) by Wes
# McKinney (OReilly, 2012)' gives the publisher and year of the work the link names (jakevdp's Python
# Data Science Handbook, two notebooks: errors)
_NAME = r"[A-Z][\w'\u2019.-]*"
_AFTER_LINK = re.compile(
    r"\]\((?:https?://|doi:|www\.)[^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)"
    rf"(?:,?[ \t]+by[ \t]+{_NAME}(?:[ \t]+{_NAME}){{0,3}}(?:[ \t]+(?:and|&)[ \t]+{_NAME}(?:[ \t]+{_NAME}){{0,3}})?)?"
    # (the publisher's other words before the one read as the citation's name: "(Princeton University
    # Press, 2014)")
    rf"[ \t]*(?:\([ \t]*(?:{_NAME}[ \t]+){{0,4}})?\Z"
)


# links to the work after the year, within the citation's parentheses: "(Cetinkaya-Rundel & Lowndes,
# 2022: [slides](https://...), [video](https://...))" (betterscientificsoftware/bssw.io's blog)
_LINKS_FOLLOW = re.compile(r"[ \t]*[:;,][ \t]*\[[^\[\]\n]{1,80}\]\(<?(?:https?://|doi:|www\.)", re.I)


def _links_to_work(doc: Document, cit: Citation) -> bool:
    """Whether a Markdown citation is (in) the text of a link to a web address: a blog's
    "([Sutskever et al., 2014](https://papers.nips.cc/...))", MyST's "[Cockett, 2022](https://doi.org/
    ...)" (which MyST makes a citation and a reference list entry): the link takes readers to the work;
    or gives the publisher and year of the work a link just before names ("[*Python for Data
    Analysis*](http://...) by Wes McKinney (OReilly, 2012)"); or is followed within its parentheses
    by links to the work ("(Cetinkaya-Rundel & Lowndes, 2022: [slides](https://...))")."""
    if doc.format != "markdown":
        return False
    text = doc.text
    line = text.rfind("\n", 0, cit.start) + 1
    if _AFTER_LINK.search(text, max(line, cit.start - 300), cit.start):
        return True
    if _in_html_link(text, cit):
        return True
    if _LINKS_FOLLOW.match(text, cit.end):
        return True
    opened = text.rfind("[", line, cit.start)
    if opened < 0 or "]" in text[opened + 1 : cit.start] or text[opened - 1 : opened] == "!":
        return False
    closed = text.find("]", cit.end, cit.end + 120)
    if closed < 0 or "[" in text[cit.end : closed] or "\n\n" in text[cit.end : closed]:
        return False
    return _LINK_TARGET.match(text, closed) is not None


_HTML_LINK = re.compile(r"<a\s[^<>]*href=[\"']?(?:https?:|www\.)[^<>]*>", re.I)


def _in_html_link(text: str, cit: Citation) -> bool:
    """Whether a Markdown citation is in the text of an HTML link to a web address, as a README
    writes a figure's caption: '<a href="https://jcheminf.biomedcentral.com/...">(D. Sydow <i>et
    al.</i>, J. Cheminformatics, 2019)</a>'."""
    opened = text.rfind("<a", max(0, cit.start - 300), cit.start)
    if opened < 0 or "</a>" in text[opened : cit.start] or not _HTML_LINK.match(text, opened):
        return False
    closed = text.find("</a>", cit.end, cit.end + 120)
    return closed >= 0 and "<a" not in text[cit.end : closed] and "\n\n" not in text[opened:closed]


# the start of a line or list item, a label ("Reference:"), then the names before the cited ones:
# given names, initials, other authors ("S. Messner, L. Anselin, ..., R. Baller (2000)"), the words of an
# organisation's name ("Office for National Statistics (2011)")
_ENTRY_HEAD = re.compile(
    r"(?:^|\n)[ \t]*(?:(?:[-*+\u2022]|\d{1,3}[.)])[ \t]+)?(?:[A-Z][a-z]+:[ \t]+)?(?:\*\*|__)?"
    r"(?:(?:(?:[A-Z]\.){2,4}|[A-Z][\w'\u2019-]*\.?|and|&|of|for|the|de|van|von|der)(?:[ \t]*,)?[ \t]+){0,16}$"
)
# after "Names (Year)": a title in italics, quotes or a link's text ('. *Software for Data Analysis*',
# an annotated list's bold name and a dash, '** — *The Structure of Scientific Revolutions*'),
# or a sentence then more of the entry ('. 2011 Census: boundary data ... [data collection]. UK Data',
# "M.A. Heroux et al. (2020) Lightweight Software Process Improvement ... (PSIP). In: Juckeland G.")
_ENTRY_TAIL = re.compile(
    r"[.,:]?(?:\*\*|__)?[.,:]?(?:[ \t]+(?:\u2014|\u2013|-{1,3}))?[ \t]+(?:\*|_|\"|\u201c|\[)\S|\.[ \t]+[A-Z0-9][^\n]{8,200}?[.,][ \t]*\n?[ \t]*[A-Z\d(<\[]"
    r"|[ \t]+[A-Z][^\n]{8,200}?\.[ \t]+[A-Z][\w.]*:?[ \t]"
)


# the attribution line of a quotation: "~ Dune (1965)", "— Ostrom (1990)", "> — Leslie Kish (1965)"
# (not an en dash or "-", which open list items), the given names before the cited one
_ATTRIBUTION = re.compile(r"(?:^|\n)[ \t>]*(?:~|\u2014|\u2015)[ \t]*(?:[A-Z][\w'\u2019-]*\.?[ \t]+){0,3}$")


# after the original work's year: ", as cited in", " cited in", "; quoted in" (APA 7 8.6, Harvard):
# the list gives the secondary source, which the reader used, not the original. Without "as", the
# source's name must follow: "Jones (2010), cited by many later studies," is a work the list lacks
# So do Latin "apud" (ABNT: "(FREIRE, 1987 apud SILVA, 2010)") and "citado por/em/en", "cité par/dans",
# "zit. nach" before the source's name.
_SECONDARY = re.compile(
    r"[ \t]*\)?[ \t]*[,;]?[ \t]*(?:as[ \t]+(?:cited|quoted)[ \t]+(?:in|by)\b"
    r"|(?:(?:cited|quoted)[ \t]+(?:in|by)|apud|citad[oa]s?[ \t]+(?:por|em|en)|cit\u00e9e?s?[ \t]+(?:par|dans)"
    r"|zit\.?[ \t]+nach)[ \t]+(?-i:[A-Z\u00C0-\u00DE]))",
    re.I,
)


def _secondary(text: str, cit: Citation) -> bool:
    """Whether an author-date citation names the original work of a secondary citation, "(Shih, 2005,
    as cited in Yan & Islam, 2011)", "Shih (2005, cited in Yan, 2011)", "(FREIRE, 1987 apud SILVA,
    2010)": the list need not give it."""
    return _SECONDARY.match(text, cit.end, min(len(text), cit.end + 40)) is not None


# (and in Portuguese, Spanish, French, German: a Brazilian figure's "(Fonte: Autores, 2022)")
_WRITER = frozenset((
    "author", "authors", "the author", "the authors", "autor", "autora", "autores", "autoras",
    "auteur", "auteurs", "autrice", "autorin", "autoren",
))  # fmt: skip


def _the_writer(cit: Citation) -> bool:
    """Whether an author-date citation names "Author" alone: the writer of the document (a figure's
    "(Source: Author, 2012)", a blind manuscript's "(Author, 2019)" for a work of its own)."""
    return len(cit.authors) == 1 and cit.authors[0].lower() in _WRITER


def _attribution(text: str, cit: Citation) -> bool:
    """Whether a narrative citation names a quotation's source on the line under it (an epigraph's
    "— Leslie Kish (1965)", a blockquote's footer), where a work need not be in the list."""
    return cit.narrative and _ATTRIBUTION.search(text, max(0, cit.start - 60), cit.start) is not None


# a year, then the volume, issue and pages of a journal: "Bioinformatics, 2017, 33(19), 3036–3042",
# "Genome Informatics, 2004, 15(2): 31–41", ACS's "(Cell 2012, 150, 673–684)" (no issue, a page
# range): a work given in full where it stands, not cited. Not a list of years ending in a range,
# "(Brown, 2008, 2010, 2011–2013)": a volume and pages that read as years are the citation's years
_VOLUME_PAGES = re.compile(
    r"(?:1[89]|20)\d\d[a-z]?,[ \t]*(?:\d{1,4}[ \t]*\(\w{1,8}\)[ \t]*[,:][ \t]*\w?\d{1,6}[ \t]*[-\u2013]"
    r"|(?!(?:1[89]|20)\d\d[a-z]?[ \t]*,[ \t]*(?:1[89]|20)\d\d[a-z]?[ \t]*[-\u2013])"
    r"\d{1,4}[ \t]*,[ \t]*\d{1,6}[ \t]*[-\u2013][ \t]*\d{1,6}(?![\d,]))"
)


def _given_in_full(text: str, cit: Citation) -> bool:
    """Whether an author-date citation's year is followed by a journal's volume, issue and pages, as a
    tutorial gives a work in parentheses where it names it ("[DeepSite](https://doi.org/...) by Jiménez
    *et al.*, Bioinformatics, 2017, 33(19), 3036–3042)"): the reader has the work there."""
    if not cit.year or not cit.year[:4].isdigit():
        return False
    at = text.find(cit.year[:4], cit.start, cit.end + 1)
    return at >= 0 and _VOLUME_PAGES.match(text, at, min(len(text), cit.end + 40)) is not None


def _written_in_place(text: str, cit: Citation) -> bool:
    """Whether an author-date citation opens a line or list item that goes on to give the work in full:
    a reading list's "- Chambers (2008). *Software for Data Analysis*, Springer", a suggested citation
    "Office for National Statistics (2011). 2011 Census: boundary data ... UK Data Service.", or
    names a quotation's source under it ("~ Dune (1965)"): the line gives the work where it stands."""
    if _given_in_full(text, cit):
        return True
    if not cit.narrative:
        return False
    if _attribution(text, cit):
        return True  # a quotation's source, named under it
    return (
        _ENTRY_HEAD.search(text, max(0, cit.start - 160), cit.start) is not None
        and _ENTRY_TAIL.match(text, _bracket_closed(text, cit)) is not None
    )


# the rest of a group's bracket after one of its years: ", 2010)" of "Caliskan & Callon (2009, 2010)"
_GROUP_REST = re.compile(r"[^()\n]{0,60}\)")


def _bracket_closed(text: str, cit: Citation) -> int:
    """Where the bracket of a narrative citation closes: its end, or past the group's later years when
    it is one year of several ("Caliskan & Callon (2009" of "(2009, 2010)")."""
    if cit.text.count("(") <= cit.text.count(")"):
        return cit.end
    m = _GROUP_REST.match(text, cit.end)
    return m.end() if m else cit.end


# a list item's marker ("- ", "8. ") and a bold name's "**", before the names of the work it gives
# (or, before a later year of a group, the names and the group's first years: "**Caliskan & Callon (2009, ")
# (a group's names and first years before a later year of it: "Caliskan & Callon (2009, " before "2010)")
_GROUP_HEAD = r"[^\n()]{1,120}\([^\n()]{0,60}"
_ITEM_MARK = re.compile(rf"(?:^|\n)[ \t]*(?:[-*+\u2022]|\d{{1,3}}[.)])[ \t]+(?:\*\*|__)?(?:{_GROUP_HEAD})?$")
# after the names and year of a list item: its title in italics or quotes, of two words or more, or of
# one word with more of the entry marked after it ('"Economization" Parts 1 and 2. *Economy and Society*')
# (the gap before a title, "— " or " "; a title in quotes of two words or more)
_DASH_GAP = r"(?:[ \t]+(?:\u2014|\u2013|-{1,3}))?[ \t]+"
_QUOTED = r"[\"\u201c][^\"\u201c\u201d\n]*?\w[ \t]+\w[^\"\u201d\n]*[\"\u201d]"
_ITEM_TITLE = re.compile(
    rf"[.,:]?(?:\*\*|__)?[.,:]?{_DASH_GAP}"
    r"(?:(?:\*|_)[^*_\n]*?\w[ \t]+\w[^*_\n]*(?:\*|_)"
    rf"|{_QUOTED}"
    r"|(?:\*|_|[\"\u201c])\w[^\n]*?[ \t](?:\*|_|[\"\u201c])\w)"
)


def _listed_in_full(text: str, cit: Citation) -> bool:
    """Whether a narrative citation opens a list item that gives its work in full, in a document with
    a list of its own: a literature review's annotated "8. **Kuhn (1962/1970)** — *The Structure
    of Scientific Revolutions*. University of Chicago Press.", a syllabus's "- Chambers (2008).
    *Software for Data Analysis*, Springer". Only the names of the work may stand between the item's
    marker and the year; a title of one word needs more of the entry marked after it ("- Brown
    (2015): *all* rates rose" is a sentence)."""
    if not cit.narrative:
        return False
    return (
        _ITEM_MARK.search(text, max(0, cit.start - 200), cit.start) is not None
        and _ITEM_TITLE.match(text, _bracket_closed(text, cit)) is not None
    )


# HTML: after the names and year that open a list item, what comes before its title ("— ", ". ");
# then its title in quotes, of two words or more (or in italics: Document.emphasis)
_ITEM_GAP = re.compile(rf"[.,:]?{_DASH_GAP}")
_GROUP_BEFORE = re.compile(_GROUP_HEAD)
_QUOTED_TITLE = re.compile(_QUOTED)


def _listed_in_emphasis(doc: Document, cit: Citation) -> bool:
    """:func:`_listed_in_full` for an HTML page, whose list items' markers and emphasis are no part of
    its text: a narrative citation opens its line, alone or in a bold span ("<li><strong>Kuhn
    (1962/1970)</strong> — <em>The Structure of Scientific Revolutions</em>. University of Chicago
    Press."), and its work's title follows in an italic span or quotes, of two words or more
    ("Brown (2015): <em>all</em> rates rose" is a sentence)."""
    if not cit.narrative:
        return False
    text = doc.text
    line = text.rfind("\n", 0, cit.start) + 1
    span = _emphasis_around(doc, cit.start, cit.end)
    opens = span[0] if span is not None else cit.start
    if text[line:opens].strip():
        return False
    if text[opens : cit.start].strip() and _GROUP_BEFORE.fullmatch(text, opens, cit.start) is None:
        return False  # (only a group's names and first years before a later year of it)
    end = _bracket_closed(text, cit)
    if span is not None and span[1] >= end and not text[end : span[1]].strip():
        end = span[1]
    gap = _ITEM_GAP.match(text, end)
    if gap is None:
        return False
    at = gap.end()
    if _QUOTED_TITLE.match(text, at) is not None:
        return True
    k = bisect.bisect_left(doc.emphasis, (at, -1, False))
    if k == len(doc.emphasis) or doc.emphasis[k][0] != at or doc.emphasis[k][2]:
        return False
    title = text[at : doc.emphasis[k][1]].split()
    return len(title) >= 2


def _in_passing(doc: Document, cit: Citation) -> bool:
    """Whether a Markdown citation names its work in the prose's own sentence, outside brackets ("I
    read the Myung and Pitt (1997) paper", "comes from Ferguson 1973 paper"), or stands in a block
    quote (the quoted passage's own): no citation of a style that promises a reference list."""
    if _in_block_quote(doc, cit):
        return True
    text = doc.text
    line = text.rfind("\n", 0, cit.start) + 1
    opening = text.rfind("(", line, cit.start + 1)
    if opening > text.rfind(")", line, cit.start):
        # "(IOER Monitor 2025)", "(see Smith 2020)"; but a title in quotes just before it names the
        # work in the sentence: '"Is Growth Exogenous?" (Bernanke and Gürkaynak 2001)'
        return re.compile(_TITLE_BEFORE).search(text, max(line, opening - 300), opening) is not None
    opened = text.rfind("[", line, cit.start + 1)
    # (an inline note, "^[...]", is no bracket of a citation)
    return opened <= text.rfind("]", line, cit.start) or text[opened - 1 : opened] == "^"


# a quoted title of three words or more that ends just before an opening bracket (compiled on first
# use: a rare path, a Markdown document with no list)
_TITLE_BEFORE = r"[\"\u201c](?:[^\"\u201c\u201d\n]+?\s){2,}[^\"\u201c\u201d\n]*[\"\u201d][ \t]*\Z"


def _further_reading(text: str) -> bool:
    """Whether the document has a "Further reading" (or "Suggested reading", "Works consulted")
    section: a blog post's works cited in passing are often given there, or in the paper it names."""
    from refcheck.extract.reference_list import further_reading_heading

    return further_reading_heading(text) is not None


def _reply_to_reviewers(text: str) -> bool:
    """Whether the document is a reply to reviewers ("Response to Reviewers", a "Reviewer #1" or
    "Referee 2:" line, "point-by-point"): its citations are the manuscript's, whose list it does not
    repeat (a repository's response letter beside the paper)."""
    return _REPLY.search(text) is not None


# a reply's heading or label ("Response to Reviewers", "# Authors' response to the referees", "Reviewer
# #1", "REFEREE 2:", "**Reviewer 1** (Remarks to the Author)", "Reviewer 2 comments"), a line of its own
# or one its colon ends; not the prose of a line that opens with the words ("Reviewer 2 is a running
# joke ...", "Responses to reviewers were coded by two raters ...")
_REPLY = re.compile(
    r"(?im)^[\W_]*(?:(?:authors?['\u2019]?\s+)?(?:responses?|repl(?:y|ies)|answers?|rebuttal)\b[^\n]{0,40}?"
    r"\b(?:reviewers?|referees?)\b[^\n.!?:]{0,60}(?:$|:)"
    r"|(?:reviewer|referee)\s*(?:#|no\.?\s*)?\s*\d+\b(?:['\u2019]s)?[*_ \t]*"
    r"(?:$|[:(\-\u2013\u2014]|(?:comments?|remarks?|reports?|concerns?|points?)\b))"
    r"|\bpoint[- ]by[- ]point\s+(?:response|reply)"
)


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


# a page that holds a book's or site's reference list, by its file name: "references.md",
# "1_9.0_References.md", "bibliography.html", "99-literature.qmd", "works-cited.md": the name is the
# list's word alone, with only a number around it ("literature-review-methods.md" is a chapter that
# discusses the literature, "sources-of-error.md" another)
_LIST_PAGE = re.compile(
    r"[\W_\d]*(?:references?|bibliography|bibliografia|literature|literatur|works[-_ ]cited|sources)"
    r"[\W_\d]*",
    re.I,
)
_PAGE_SUFFIXES = (".md", ".markdown", ".rmd", ".qmd", ".ipynb", ".rst", ".html", ".htm")


def _list_page(doc: Document) -> str:
    """The page beside a page of a book or site (in its directory, or the one above) that holds the
    list by its name, "1_9.0_References.md" beside "1_1.0_Background.md": a Jupyter Book, Sphinx or
    MkDocs site gives its list a page of its own, and the pages cite it by author and year. "" when
    there is none, or the document is no page (a DOCX, a LaTeX file, standard input)."""
    import os

    if doc.format not in ("markdown", "html", "rst", "notebook") or not doc.path or doc.path == "-":
        return ""
    here = os.path.abspath(doc.path)
    directory = os.path.dirname(here)
    for where in (directory, os.path.dirname(directory)):
        try:
            names = sorted(os.listdir(where))
        except OSError:
            continue
        for name in names:
            stem, suffix = os.path.splitext(name)
            if suffix.lower() in _PAGE_SUFFIXES and _LIST_PAGE.fullmatch(stem):
                page = os.path.join(where, name)
                if page != here and os.path.isfile(page):
                    return os.path.relpath(page, directory)
    return ""


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
