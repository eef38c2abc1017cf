"""JATS XML (.xml with a JATS ``<article>``): body text, notes, the structured reference list, xrefs.

Read as publishers write it (PMC, PLOS, BMC, eLife, SciELO, PeerJ, OUP, MDPI, Frontiers ...):

* Text: the article title, abstract, body and back matter (acknowledgements, notes, appendices),
  tables (each cell a line) and figure captions included (also in a ``<floats-group>``), with every piece anchored at its XML
  line/column; formulas and sub-articles (decision letters, author responses) are left out of it. The
  reference list is rendered after the text (one entry per line) so that findings about entries
  point at the ``<ref>`` in the XML.
* References: every ``<ref>`` of the article (in ``<back>``, a ``<sec>``, nested ``<ref-list>``s).
  When an entry holds several citations (``<element-citation>`` and ``<mixed-citation>``, or
  ``<citation-alternatives>``; SciELO puts the mixed one first), the structured one is read: authors
  from ``<person-group person-group-type="author">`` (or names outside any group; editors only when
  there are no authors), ``<name>``, ``<string-name>``, ``<collab>`` (a corporate author),
  ``<etal/>``; the year from ``<year>`` or a ``<date-in-citation>`` that is no access date, never from
  pages, volumes or titles; title, DOI, ``<ext-link>``/``<uri>``, the access date. An entry with no
  structure is parsed from its text. ``Reference.key`` is the ``<ref id>``; the label is the
  ``<label>`` number, else the position.
* Citations: ``<xref ref-type="bibr" rid="...">`` (the text is the xref's text, located at the xref
  element); ``[<xref>1</xref>-<xref>9</xref>]`` is one citation of entries 1 to 9. The visible text
  is compared with the entry it points at: a year or a first author that disagrees is a year or
  author mismatch. Citations written without an xref ("Smith et al. (2004)" in plain text) are read
  from the prose outside the xrefs like text, in the article's style. Without any xref the text is
  searched as for any document.
* Several articles: the other ``<article>``s of a ``<pmc-articleset>``, and each sub-article with a
  reference list of its own (a referee report), are checked each on its own (``Document.parts``);
  their findings are reported with the file's, naming the article. A sub-article without a list
  (a decision letter, an author response) is not checked.
* An xref that shows only its year ("Wolf and Trillmich <xref>2007</xref>") is compared with its
  entry for that year, and for the names before it when the prose there names an entry's author.
* Notes: ``<fn>`` (label from ``<label>`` or the id); ``<xref ref-type="fn">`` are their markers.
* URLs: ``<ext-link>``, ``<uri>`` and ``<self-uri>`` with ``xlink:href``.
* BITS books (``<book>``, ``<book-part-wrapper>``): each ``<book-part>`` with a reference list of its
  own is checked as a sub-article is, the book's own list with the text of the other parts.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Iterator

from refcheck.errors import InputError
from refcheck.extract.author_date import KnownAuthors, extract_author_date
from refcheck.extract.numeric import RangeBudget, extract_numeric, widen_ranges
from refcheck.extract.patterns import EVENT_PREPOSITION
from refcheck.extract.reference_list import parse_entry
from refcheck.extract.urls import parse_access_date
from refcheck.loaders._build import (
    EXPONENT_LOOKBACK,
    NUMERIC_SUP,
    TextBuilder,
    exponent_after,
    squash,
    unresolved_keys,
)
from refcheck.loaders.xml import Chunk, Node, parse_xml
from refcheck.matching.names import PARTICLES, core_key, fold, name_key
from refcheck.model import Citation, Document, Footnote, FootnoteMarker, Reference, Url

BLOCK = frozenset(
    [
        "p",
        "title",
        "sec",
        "fn",
        "ref",
        "list-item",
        "caption",
        "label",
        "article-title",
        "abstract",
        "ack",
        "app",
        "boxed-text",
        "disp-quote",
        "def-item",
        "term",
        "def",
        "fig",
        "fn-group",
        "notes",
        "statement",
        "verse-line",
        "table-wrap",
        "table-wrap-foot",
        "tr",
        "td",
        "th",
        "attrib",
        "supplementary-material",  # its label and caption are read: captions cite too
    ]
)
SKIP = frozenset(
    [
        "tex-math",
        "math",
        "disp-formula-group",
        "sub-article",
        "response",
        "object-id",
        "graphic",
        "inline-graphic",
        "media",
        "ref-list",
    ]
)
CITATIONS = ("element-citation", "nlm-citation", "mixed-citation", "citation")
_NAMES = ("name", "string-name", "collab", "collab-alternatives", "name-alternatives")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)([a-z])?(?![\d])")
_NUM = re.compile(r"^\s*\[?\s*\d{1,4}\s*\]?\s*$")
# a year's letters, "2010b", "2010 b", "2010b, c", "2010 b, c" (then the end, a comma or a bracket:
# not "2010 a study"), matched from the year's fifth character
_YEAR_LETTERS = re.compile(r"[ \u00a0]?[a-z](?:\s*,\s*[a-z])*(?=\s*(?:[,;)\]]|$))")
_DASH = re.compile(r"^\s*[-–—]\s*$")
# the dash between two xrefs of a range, in the brackets each number stands in: SciELO's superscript
# "(9)-(16)", "<xref>9</xref><sup>)-(</sup><xref>16</xref>"
_BRACKETED_DASH = re.compile(r"^\s*(?:\)\s*[-–—]\s*\(|\]\s*[-–—]\s*\[|[-–—])\s*$")
# "14–16", "6,9,11", "2, 5–7", "50 138 139" (BMJ's superscripts in PMC) in one xref
_RANGE = re.compile(
    r"^\s*\[?\s*\d{1,4}(?:\s*[-–—]\s*\d{1,4})?(?:(?:\s*,\s*|\s+)\d{1,4}(?:\s*[-–—]\s*\d{1,4})?)*\s*\]?\s*$"
)
_PIECE = re.compile(r"(\d{1,4})(?:\s*[-–—]\s*(\d{1,4}))?")
_LABEL_NUMBER = re.compile(r"^\W*(\d{1,4})\W*$")
# a part of a numbered entry ("[4a]", "[4b]": bioRxiv's split of a chemistry list's "[4] a) ...; b) ...")
_LABEL_PART = re.compile(r"^\W*(\d{1,4})([a-z])\W*$")
_SURNAME = re.compile(
    r"^\W*([^\W\d_][\w'’\-]*(?:\s+(?:van|von|de|der|den|da|di|du|la|le|del|dos|ten)\s+[\w'’\-]+)?)"
)
_EVENT_YEAR_BEFORE = re.compile(EVENT_PREPOSITION + r"\s*$")
# names in visible citation text are joined by "and" in many languages
_JOIN = re.compile(r"\bet\.?\s*al\.?|\s(?:and|&|e|y|et(?!\s*al\b)|und|en|og|och)\s|[,;]|\(")
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,4}$")
# initials written with a dot or a hyphen ("P-Y", "J.A."), or one letter: never a surname
_SWAPPED_INITIALS = re.compile(r"^(?:[A-Z](?:\.-?|-)){1,3}[A-Z]?\.?$|^[A-Z]\.?$")
_SURNAME_WORD = re.compile(r"^[^\W\d_][^\W\d_A-Z]{2,}(?:-[^\W\d_][^\W\d_A-Z]+)?$")


class _Walker:
    def __init__(self, apart: frozenset[int] = frozenset()) -> None:
        self.apart = apart  # ids of the nodes checked apart (a book's chapters with lists of their own)
        self.out = TextBuilder()
        self.xrefs: list[tuple[Node, int, int]] = []  # (xref, start, end) in the text
        self.notes: list[tuple[Node, int, int]] = []
        self.links: list[tuple[Node, int, int]] = []
        self.bold: list[tuple[int, int]] = []  # (pandoc's unresolved keys are bold: "(**smith2020?**)")
        # (start, end, bold) of each <italic> and <bold>, in the order they close (Document.emphasis)
        self.emphasis: list[tuple[int, int, bool]] = []
        self.taxa: list[int] = []  # where a taxon's name ends in the text (its authority may follow)
        # the spans of Darwin Core name fields (a specimen record's "scientificName: <named-content
        # content-type="dwc:scientificName">Astrodoras asterifrons (Kner, 1853)</named-content>"): the
        # name with its authority, or the authority alone; no citation in them
        self.names: list[tuple[int, int]] = []
        # a supplementary material's caption lists "References" among what it holds (Science's "This
        # PDF file includes: Figs. S1 to S7 / References"): it cites entries of the list
        self.supplement_cites = False
        self.supplement = False  # the article has supplementary material
        self.sups: list[tuple[int, int]] = []  # (start, end) of each <sup> in the text

    def walk(self, node: Node) -> None:
        if node.tag in SKIP or id(node) in self.apart:
            return
        if node.tag == "label" and node.parent is not None and node.parent.tag == "disp-formula":
            # an equation's number, "<label>[1]</label>" (PNAS): no citation, and apart from the text
            self.out.newline()
            return
        if node.tag == "supplementary-material":
            self.supplement = True
        block = node.tag in BLOCK
        if block:
            self.out.newline()
        start = self.out.length
        first = node.tag == "xref"
        for child in node.children:
            if isinstance(child, Chunk):
                if first and child.text:
                    # the citation is located at its <xref> element
                    self.out.add(child.text[0], node.line, node.column)
                    self.out.add(child.text[1:], child.line, child.column + 1)
                    first = False
                else:
                    self.out.add(child.text, child.line, child.column)
            else:
                self.walk(child)
        end = self.out.length
        if node.tag in _EMPHASIS and end > start:
            self.emphasis.append((start, end, node.tag == "bold"))
        if node.tag == "sup" and end > start:
            self.sups.append((start, end))
        if node.tag == "xref":
            self.xrefs.append((node, start, end))
        elif node.tag == "fn":
            self.notes.append((node, start, end))
        elif node.tag in ("ext-link", "uri", "self-uri"):
            self.links.append((node, start, end))
        elif node.tag == "bold" and 2 < end - start < 120:
            self.bold.append((start, end))
        elif node.tag == "taxon-name":  # TaxPub's <tp:taxon-name>
            self.taxa.append(end)
            # (a name may hold its authority: "<tp:taxon-name-part>kauffeldi Feinberg &amp; al., 2014")
            self.names.append((start, end))
        elif node.tag == "named-content" and _DWC_NAME.fullmatch(node.attrs.get("content-type", "")):
            self.names.append((start, end))
        elif (
            node.tag == "caption" and node.parent is not None and node.parent.tag == "supplementary-material"
        ):
            self.supplement_cites = self.supplement_cites or any(
                _SUPPLEMENT_REFERENCES.fullmatch(squash(p.text())) for p in node.kids("p")
            )
        if block:
            self.out.newline()
        if node.tag in ("label",) and node.parent is not None and node.parent.tag == "title":
            self.out.add(" ", node.line, node.column)


# the elements that set text in emphasis (Document.emphasis), as HTML's <em> and <strong>
_EMPHASIS = frozenset(["italic", "bold"])

# what a supplement's caption lists when it cites works: "References", "References (62 to 66)"
_SUPPLEMENT_REFERENCES = re.compile(r"(?i)(?:supplementary\s+)?references?(?:\s*\([^()]*\))?\s*\.?")

# Darwin Core's fields of a taxon's name (Pensoft's material citations): "dwc:scientificName",
# "dwc:scientificNameAuthorship", "dwc:acceptedNameUsage", "dwc:originalNameUsage" ...
_DWC_NAME = re.compile(r"(?i)dwc:(?:scientificName\w*|\w*NameUsage)")

# the ref-types of xrefs to what is no entry of the reference list (a note, a figure, an affiliation)
_OTHER_XREFS = frozenset(
    [
        "aff",
        "app",
        "author-notes",
        "award",
        "bio",
        "boxed-text",
        "chem",
        "contrib",
        "corresp",
        "disp-formula",
        "fig",
        "fn",
        "kwd",
        "list",
        "plate",
        "scheme",
        "sec",
        "statement",
        "supplementary-material",
        "table",
        "table-fn",
    ]
)

_ARTICLES = ("article", "sub-article", "response", "book", "book-part", "book-part-wrapper")


def load_jats(path: str, data: bytes) -> Document:
    root = parse_xml(data, "JATS XML")
    article = root.find("article")
    if article is None:
        book = root.find("book-part-wrapper") or root.find("book")
        if book is None or not book.kids("book-meta", "book-part-meta", "body", "book-back"):
            raise InputError("not a JATS article or BITS book (no <article>, <book> or <book-part-wrapper>)")
        return _book_document(path, data, book)
    doc, used = _article_document(path, data, article)
    # The other articles of a <pmc-articleset>, and the sub-articles (peer reviews, decision letters,
    # author responses) that have reference lists of their own, are checked each on its own: a
    # citation in one never links to an entry of another, nor is an entry uncited for want of them.
    articles = [a for a in root.iter("article") if not a.inside("article")]
    listed: frozenset[str] | None = None
    for n, other in enumerate(articles, 1):
        host = doc
        if other is not article:
            part, _ = _article_document(path, data, other)
            part.part = f"article {n} of {len(articles)}"
            doc.parts.append(part)
            host = part
        for sub in other.iter("sub-article", "response"):
            kind = sub.attrs.get("article-type") or sub.attrs.get("response-type") or sub.tag
            name = f"{kind} {sub.attrs.get('id') or ''}".strip()
            if sub is used:
                continue
            own = {r.attrs.get("id") for r in sub.iter("ref") if _owner(r) is sub}
            # the ids of the file's entries: of the article's list, which the sub-article may cite too,
            # and of other sub-articles' lists (an xref to any of them resolves in the file)
            if listed is None:
                listed = frozenset(i for r in root.iter("ref") if (i := r.attrs.get("id")))
            outer = listed | {r.key for r in host.references or () if r.key}
            if own:
                part, _ = _article_document(path, data, sub, outer=outer)
                part.part = name
                doc.parts.append(part)
            elif _broken_xrefs(sub, outer):
                # a sub-article citing the article's list, with an xref to an id in neither list: its
                # broken xrefs are checked on their own, as the article's are (the rest of its text, its
                # notes and links, is not: they were never read)
                part, _ = _article_document(path, data, sub, outer=outer)
                part.part = name
                part.citations = [c for c in part.citations if c.kind == "key" and c.key not in outer]
                part.footnotes, part.footnote_markers, part.urls = [], [], []
                doc.parts.append(part)
            if other is article:
                # a translation or an author response citing the article's own list (beside its own
                # list, if it has one: eLife's "we now cite <xref rid="bib3">" in a response whose
                # list holds the works it alone cites)
                for x in sub.iter("xref"):
                    if x.attrs.get("ref-type") == "bibr":
                        for rid in (x.attrs.get("rid") or "").split():
                            if rid not in own:
                                doc.cited_elsewhere.setdefault(rid, name)
    return doc


def _broken_xrefs(sub: Node, outer: frozenset[str]) -> bool:
    """Whether a sub-article with no list of its own has an xref to a bibliography entry ("bibr") whose
    id no entry of the file has."""
    return any(
        x.attrs.get("ref-type") == "bibr"
        and (rids := (x.attrs.get("rid") or "").split())
        and not any(r in outer for r in rids)
        for x in sub.iter("xref")
    )


def _owner(node: Node) -> Node | None:
    """The article or sub-article ``node`` belongs to (or the book, or the book part)."""
    return next((a for a in node.ancestors() if a.tag in _ARTICLES), None)


def _book_document(path: str, data: bytes, book: Node) -> Document:
    """A BITS book (<book>, or one chapter in a <book-part-wrapper>): each part with a reference list
    of its own (a chapter) is checked on its own, as a sub-article is; the book's own list with the
    text of the parts that have none. The first of them is the document, the others its parts."""
    units = [p for p in book.iter("book-part") if any(_owner(r) is p for r in p.iter("ref"))]
    apart = frozenset(id(p) for p in units)
    if not units or any(_owner(r) is book for r in book.iter("ref")):
        units.insert(0, book)
    docs: list[Document] = []
    for unit in units:
        doc, _ = _article_document(path, data, unit, apart - {id(unit)})
        if len(units) > 1:
            title = squash(next(iter(unit.iter("title", "book-title")), unit).text())[:60]
            kind = unit.attrs.get("book-part-type") or ("book" if unit is book else "part")
            doc.part = f"{kind} {unit.attrs.get('id') or title}".strip()
        docs.append(doc)
    first = docs[0]
    first.parts.extend(docs[1:])
    return first


def _article_document(
    path: str,
    data: bytes,
    article: Node,
    apart: frozenset[int] = frozenset(),
    outer: frozenset[str] = frozenset(),
) -> tuple[Document, Node | None]:
    """One article (an <article>, a <sub-article>, a BITS book or book part) as a document: its text,
    its own reference list (not its sub-articles'), its citations; and the translation read in its
    place, if any. ``apart``: the nodes of parts checked on their own, left out of its text; ``outer``:
    the ids of the file's entries, for a sub-article (its xrefs to the article's are the article's
    citations, those to none are broken)."""
    walker = _Walker(apart)
    front = next(iter(article.kids("front", "front-stub", "book-meta", "book-part-meta")), None)
    if front is not None:
        for node in front.iter("article-title", "book-title", "title", "abstract", "trans-abstract"):
            if node.tag != "abstract" and node.tag != "trans-abstract":
                group = node.parent.tag if node.parent is not None else ""
                if group not in ("title-group", "book-title-group"):
                    continue
            walker.walk(node)
    # PMC (MDPI, Frontiers ...) may move the tables and figures out of the body into a <floats-group>
    # after <back>: their captions and cells cite like the body's
    for part in article.kids("body", "back", "floats-group"):
        walker.walk(part)
    translation = None
    if not any(x.attrs.get("ref-type") == "bibr" for x, _, _ in walker.xrefs):
        # SciELO may give the full text only in a translation (<sub-article article-type="translation">)
        # that cites the main article's list: then that text is the article's
        translation = next(
            (
                sub
                for sub in article.kids("sub-article")
                if sub.attrs.get("article-type") == "translation"
                and any(x.attrs.get("ref-type") == "bibr" for x in sub.iter("xref"))
            ),
            None,
        )
        if translation is not None:
            for part in translation.kids("body", "back"):
                walker.walk(part)
    # the reference list, rendered after the text
    refs: list[Reference] = []
    out = walker.out
    own = [r for r in article.iter("ref") if _owner(r) is article]
    if not own and translation is not None:
        own = list(translation.iter("ref"))
    lists: list[Node | None] = []  # the <ref-list> of each entry
    cited_as: dict[str, str] = {}  # the id of a citation inside an entry -> the entry's id
    for ref_node in own:
        out.newline()
        start = out.length
        first = True
        for chunk in _shown_chunks(ref_node):
            if first:  # the entry is located at its <ref> element
                out.add(chunk.text[0], ref_node.line, ref_node.column)
                out.add(chunk.text[1:], chunk.line, chunk.column + 1)
                first = False
            else:
                out.add(chunk.text, chunk.line, chunk.column)
        if first:  # an empty <ref/>
            continue
        refs.append(_reference(ref_node, len(refs) + 1, start, out.length, out.text_from(start)))
        lists.append(next((a for a in ref_node.ancestors() if a.tag == "ref-list"), None))
        for cit_node in _citation_nodes(ref_node):
            if (cid := cit_node.attrs.get("id")) and cid != refs[-1].key and refs[-1].key:
                cited_as[cid] = refs[-1].key
    out.newline()
    if cited_as:
        # ACS: '<ref id="cit4"><element-citation id="cit4a">...<element-citation id="cit4b">' cited
        # '<xref rid="cit4a" ref-type="bibr"/>': an xref to one of an entry's citations cites the entry
        for x, _, _ in walker.xrefs:
            rids = x.attrs.get("rid", "").split()
            if any(r in cited_as for r in rids):
                x.attrs["rid"] = " ".join(dict.fromkeys(cited_as.get(r, r) for r in rids))
    text, smap = out.build()
    doc = Document(path=path, format="jats", text=text, source_map=smap, raw=data)
    doc.article_type = article.attrs.get("article-type") or None
    # (sorted by start, a span before those inside it, as the HTML loader lists them)
    doc.emphasis = sorted(walker.emphasis, key=lambda e: (e[0], -e[1]))
    doc.supplement_cites = walker.supplement_cites
    doc.supplement = walker.supplement
    if refs and not any(squash(b.text()) for b in article.kids("body")) and translation is None:
        # PMC's record of an article whose publisher does not let it give the full text, an OJS
        # metadata export (<body/>): the front matter and the reference list, nothing that cites
        doc.unchecked = "the file holds no text of the article (its <body> is missing or empty)"
    doc.references = refs
    if refs:
        doc.reference_region = (refs[0].start, refs[-1].end)
    # Back-matter <fn>s nobody points at (author contributions, competing interests) are statements,
    # not notes; a note in the body, or one an <xref ref-type="fn"> points at, is a note.
    pointed = {
        rid
        for x, _, _ in walker.xrefs
        if x.attrs.get("ref-type") == "fn"
        for rid in x.attrs.get("rid", "").split()
    }
    # the notes the front matter points at in a group with the text's notes (an author's note, "Lars
    # Vilhuber<xref ref-type="fn" rid="fn1">1</xref>", that pandoc numbers and lists with them): notes,
    # used there (not eLife's author contributions, a group the text never points at)
    from_front = {
        rid
        for x in (front.iter("xref") if front is not None else ())
        if x.attrs.get("ref-type") == "fn"
        for rid in x.attrs.get("rid", "").split()
    }
    if from_front:
        from_front = {
            rid
            for n, _, _ in walker.notes
            if (rid := n.attrs.get("id", "")) in from_front
            and n.parent is not None
            and n.parent.tag == "fn-group"
            and any(k.attrs.get("id") in pointed for k in n.parent.kids("fn"))
        }
        pointed |= from_front
    # Table notes (<table-wrap-foot>) are keyed by symbols in the table, not by xrefs: not notes either;
    # nor are the back matter's notes that PMC moves into the body (<sec sec-type="fn-group">: "Handling
    # Editor: ...", "Funding: ..."), nor a group of notes none of which is pointed at.
    walker.notes = [
        (n, a, b)
        for n, a, b in walker.notes
        if n.attrs.get("id") in pointed or (n.inside("body") and not _statement(n, pointed))
    ]
    notes: list[Footnote] = []
    for node, a, b in walker.notes:
        if notes and a < notes[-1].end:
            continue  # a note inside a note: read with it
        label_node = node.find("label")
        label = squash(label_node.text()) if label_node else ""
        label = label or node.attrs.get("id", str(len(notes) + 1))  # <label/> is empty
        body = text[a:b]
        lead = len(body) - len(body.lstrip())
        shown = squash(label_node.text()) if label_node else ""
        if shown and body.startswith(shown, lead):  # the note's own text begins after its <label>
            lead += len(shown)
            lead += len(body) - lead - len(body[lead:].lstrip())
        notes.append(Footnote(label, a, a + len(body.rstrip()), a + lead, squash(body)))
    doc.footnotes = notes
    note_ids = {
        n.attrs.get("id"): notes[i].label for i, (n, _, _) in enumerate(walker.notes) if i < len(notes)
    }
    doc.footnote_markers = [
        FootnoteMarker(note_ids[x.attrs["rid"]], a, b, floating=x.inside("fig", "table-wrap"))
        for x, a, b in walker.xrefs
        if x.attrs.get("ref-type") == "fn" and x.attrs.get("rid") in note_ids
    ]
    # (placed with the front matter, which is not read: not a place in the notes' order)
    doc.footnote_markers += [
        FootnoteMarker(note_ids[rid], 0, 0, floating=True) for rid in from_front if rid in note_ids
    ]
    # a note written where it is anchored, "package <fn><p>https://...</p></fn>, at the wiki" (JATS's
    # Article Authoring tag set has no other; pandoc's jats_articleauthoring writes them so): its place
    # is its marker
    labels = {n.start: n.label for n in notes}
    for node, a, _ in walker.notes:
        if (
            a in labels
            and node.attrs.get("id") not in pointed
            and node.inside("p")
            and not node.inside("fn-group")
        ):
            floating = node.inside("fig", "table-wrap")
            doc.footnote_markers.append(FootnoteMarker(labels[a], a, a, floating=floating))
    doc.footnote_markers.sort(key=lambda m: m.start)
    for node, a, b in walker.links:
        href = node.attrs.get("href", "") or squash(text[a:b])
        if re.match(r"(?i)(https?|ftp)://", href):
            doc.urls.append(Url(url=href, start=a, end=b, footnote=_note_at(doc, a)))
    # (pandoc's JATS names its entries "ref-" and the key)
    doc.unresolved = unresolved_keys(text, walker.bold, any(r.key and r.key.startswith("ref-") for r in refs))
    # an xref to an entry is a citation, whatever its ref-type says: none ('<xref rid="B1">1</xref>', as
    # some converters write), or one of no other kind ("ref", "bib", "other")
    ids = {r.key for r in refs if r.key}
    bibr = [
        (x, a, b)
        for x, a, b in walker.xrefs
        if x.attrs.get("ref-type") == "bibr"
        or (
            x.attrs.get("ref-type", "") not in _OTHER_XREFS
            and (rids := x.attrs.get("rid", "").split())
            and all(rid in ids for rid in rids)
        )
    ]
    if article.tag != "article":
        # a review's xrefs to the main article's list are that article's citations, checked with it;
        # an xref to an id in neither list is broken, and reported here (as the article's are)
        keys = {r.key for r in refs}
        bibr = [
            t
            for t in bibr
            if keys.intersection(rids := t[0].attrs.get("rid", "").split())
            or (outer and rids and not outer.intersection(rids))
        ]
    if bibr:
        doc.citations = _citations(doc, bibr, refs)
        doc.citations_from_loader = True
        if doc.unresolved:
            # pandoc with link-citations: '<xref rid="ref-smith2020"><bold>smith2020?</bold></xref>', an
            # xref to no entry; one finding, which says what pandoc printed
            kept = []
            listed = {r.key for r in refs}
            for u in doc.unresolved:
                over = next(
                    (c for c in doc.citations if c.kind == "key" and c.start <= u.start < c.end), None
                )
                if over is None:
                    kept.append(u)
                elif over.key and over.key not in listed:
                    over.key, over.detail = u.key, u.detail
            doc.unresolved = kept
        numeric = sum(1 for c in doc.citations if c.kind == "numeric" or not c.year)
        doc.style = "numeric" if numeric > len(doc.citations) / 2 else "author-date"
        xrefs = [(a, b) for _, a, b in walker.xrefs]
        doc.citations.extend(_plain_citations(doc, xrefs, refs, walker.taxa, walker.names))
        if doc.style == "numeric":
            doc.citations.extend(_bare_superscripts(doc, xrefs, walker.sups, refs))
        doc.citations.sort(key=lambda c: c.start)
        _lists_apart(refs, lists, {rid for x, _, _ in bibr for rid in x.attrs.get("rid", "").split()})
    return doc, translation


def _statement(note: Node, pointed: set[str]) -> bool:
    """A body's <fn> no xref points at that is a statement rather than a note: a table's note, a
    note of PMC's back-matter section, or one of a group of notes none of which is pointed at."""
    if note.inside("table-wrap-foot"):
        return True
    if any(a.tag == "sec" and a.attrs.get("sec-type") == "fn-group" for a in note.ancestors()):
        return True
    group = note.parent if note.parent is not None and note.parent.tag == "fn-group" else None
    return group is not None and not any(n.attrs.get("id") in pointed for n in group.kids("fn"))


def _lists_apart(refs: list[Reference], lists: list[Node | None], pointed: set[str]) -> None:
    """Mark the entries of a reference list no xref points at, when another list is cited: a list of
    web resources, software or data ("Internet Resources") that the text names rather than cites, or
    a supplement's references, which bioRxiv appends to the article's in one <ref-list>, numbered
    from 1 again."""
    keys: list[tuple[int, int] | None] = []
    part, last, node_before = 0, 0, None
    for ref, node in zip(refs, lists, strict=True):
        if node is not node_before:
            part, last, node_before = 0, 0, node
        number = int(ref.label) if ref.label and ref.label.isdigit() else None
        if number == 1 and last > 1:
            part += 1  # the numbering starts again: another list
        last = number or last
        keys.append(None if node is None else (id(node), part))
    cited = {k for r, k in zip(refs, keys, strict=True) if r.id in pointed}
    if not cited:
        return
    for ref, key in zip(refs, keys, strict=True):
        if key is not None and key not in cited:
            ref.apart = True


def _note_at(doc: Document, offset: int) -> str | None:
    note = doc.footnote_at(offset)
    return note.label if note else None


# --- the reference list ----------------------------------------------------------------------------


def _citation_nodes(ref: Node) -> list[Node]:
    """The citations of an entry, in order (those in <citation-alternatives> too), not nested ones."""
    out: list[Node] = []
    stack: list[Node] = list(reversed(ref.kids()))
    while stack:
        node = stack.pop()
        if node.tag in CITATIONS:
            out.append(node)
        else:
            stack.extend(reversed(node.kids()))
    return out


def _structured(cit: Node) -> bool:
    return cit.find("surname", "collab", "string-name", "year") is not None


def _read_and_shown(ref: Node) -> tuple[Node | None, Node | None]:
    """The citation whose fields are read (a structured one, <element-citation> first) and the one
    shown as the entry's text (a <mixed-citation>, which has the publisher's punctuation)."""
    cits = _citation_nodes(ref)
    if not cits:
        return None, None
    rank = {tag: i for i, tag in enumerate(CITATIONS)}
    structured = [c for c in cits if _structured(c)]
    read = min(structured, key=lambda c: rank[c.tag]) if structured else cits[0]
    shown = next((c for c in cits if c.tag == "mixed-citation"), read)
    return read, shown


def _shown_chunks(ref: Node) -> Iterator[Chunk]:
    """The text of an entry as shown: its <label>, then the citation shown (or, in an entry with no
    citation element, all its text)."""
    _, shown = _read_and_shown(ref)
    parts: list[Node] = [ref]
    if shown is not None:
        labels = ref.kids("label")
        # "<label>2.</label><mixed-citation>2. Brasil ...": the label once
        if labels and not squash(shown.text()).startswith(squash(labels[0].text())):
            parts = [labels[0], shown]
        else:
            parts = [shown]
    for k, part in enumerate(parts):
        if k:
            yield Chunk(" ", part.line, part.column)
        # An <element-citation> has no punctuation of its own: its fields written back to back
        # ("<surname>Kuhlemeier</surname><given-names>C</given-names><year>2007</year>") are
        # spaced, so the entry reads "Kuhlemeier C 2007 Phyllotaxis ..." rather than one word.
        # (nor has a <mixed-citation> that holds no text of its own, only fields: BMC's older lists,
        # "<mixed-citation><name>...</name><article-title>...</article-title><source>...")
        spaced = part.tag not in ("mixed-citation", "ref") or (part.tag == "mixed-citation" and _bare(part))
        # A <mixed-citation> that writes its fields back to back, "<name><surname>Tan</surname>
        # <given-names>DSH</given-names></name><name><surname>Ang</surname>..." (Pensoft, PLOS): one
        # space between two fields, so the entry reads "Tan DSH Ang Y", not "TanDSHAngY"
        joined = set() if spaced else _joined_fields(part)
        last = " "
        for chunk in part.chunks():
            if not chunk.text:
                continue
            if (
                (spaced or id(chunk) in joined)
                and not last[-1].isspace()
                and not chunk.text[0].isspace()
                and chunk.text[0] not in ",.;:)]"
            ):
                yield Chunk(" ", chunk.line, chunk.column)
            yield chunk
            last = chunk.text


def _bare(cit: Node) -> bool:
    """A citation none of whose own text (nor its person groups') is more than white space."""
    for node in (cit, *cit.kids("person-group")):
        if any(isinstance(c, Chunk) and c.text.strip() for c in node.children):
            return False
    return True


def _joined_fields(part: Node) -> set[int]:
    """The first text chunks (their ids) of the fields that follow another field with no text between:
    names ("<name>...</name><name>..."), a name's parts ("<surname>McCain</surname><given-names>KW"),
    and the citation's own fields ("<source>Chem Commun</source><volume>47</volume>",
    "<lpage>5168</lpage><pub-id>21384024</pub-id>"). Formatting ("<italic>K</italic><sub>d</sub>")
    and the insides of titles are never split."""
    out: set[int] = set()
    stack = [part]
    while stack:
        node = stack.pop()
        kids = [k for k in node.children if not (isinstance(k, Chunk) and not k.text)]
        for prev, cur in itertools.pairwise(kids):
            if (
                isinstance(prev, Node)
                and isinstance(cur, Node)
                and prev.tag not in _FORMATTING
                and cur.tag not in _FORMATTING
            ):
                first = next((c for c in cur.chunks() if c.text), None)
                if first is not None:
                    out.add(id(first))
        stack.extend(k for k in kids if isinstance(k, Node) and k.tag in _FIELD_GROUPS)
    return out


_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)
_DOI_IN_TEXT = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+")
# elements whose child elements are separate fields of a citation, and formatting that never is one
_FIELD_GROUPS = frozenset({"person-group", "name", "string-name", "name-alternatives", "collab-alternatives"})
_FORMATTING = frozenset(
    {"italic", "bold", "sup", "sub", "sc", "underline", "monospace", "roman", "sans-serif", "overline"}
    | {"strike", "inline-formula", "styled-content", "named-content", "x", "break", "inline-graphic"}
)


def _reference(node: Node, position: int, start: int, end: int, raw: str) -> Reference:
    read, _ = _read_and_shown(node)
    text = squash(raw)
    if read is not None and _structured(read):
        ref = Reference(id="", text=text, start=start, end=end)
        people, et_al = _people(read)
        for person in people:
            if person.tag in ("collab", "collab-alternatives"):
                name = _collab_name(person)
                ref.authors.append(name)
                ref.given.append("")
                ref.corporate = not ref.authors[:-1]
                ref.aliases.extend(a for a in _collab_aliases(name) if a not in ref.aliases)
            else:
                surname, given = _person_name(person)
                listed = _listed_names(surname) if not given else None
                if listed:
                    # "<surname>Bellesi M, De Vivo L, Chini M</surname>" (bioRxiv): the whole list of
                    # names in one surname, each printed "Surname Initials"
                    ref.authors.extend(s for s, _ in listed)
                    ref.given.extend(g for _, g in listed)
                elif surname:
                    ref.authors.append(surname)
                    ref.given.append(given)
                    if len(ref.authors) == 1 and _organisation(surname, given):
                        ref.corporate = True  # "Instituto Brasileiro ... (IBAMA)" written as a surname
        ref.et_al = et_al
        parsed: Reference | None = None  # the entry read from its printed text, when needed
        if not people and read.tag in ("mixed-citation", "citation"):
            # "<mixed-citation>Putt ED. <year>1940</year>. <article-title>...": the year tagged, the
            # names not; they are read from the text as printed
            parsed = parse_entry(squash(read.text()))
            ref.authors, ref.given, ref.et_al = parsed.authors, parsed.given, parsed.et_al
            ref.corporate, ref.aliases = parsed.corporate, parsed.aliases
        ref.year = _year(read)
        if ref.year is None and read.tag in ("mixed-citation", "citation") and read.find("year") is None:
            ref.year = (parsed or parse_entry(squash(read.text()))).year  # the year as the text gives it
        ref.title = _title(read)
        ref.container, ref.container_kind = _container(read)
    else:
        ref = parse_entry(squash(read.text()) if read is not None else text, start)
        ref.start, ref.end, ref.text = start, end, text
    for pid in node.iter("pub-id", "ext-link"):
        if pid.attrs.get("pub-id-type") == "doi" or (
            pid.tag == "ext-link" and pid.attrs.get("ext-link-type") == "doi"
        ):
            shown = _DOI_PREFIX.sub("", squash(pid.text()))
            doi = shown or _DOI_PREFIX.sub("", pid.attrs.get("href", ""))
            if shown and not shown.startswith("10."):
                # "<pub-id pub-id-type="doi">DOI</pub-id> 10.1037/h0071444" (a bioRxiv list): the
                # element holds the word, the DOI is its link's, follows it in the text, or is nowhere
                href = _DOI_PREFIX.sub("", pid.attrs.get("href", ""))
                found = _DOI_IN_TEXT.search(text)
                doi = href if href.startswith("10.") else found.group(0).rstrip(".,;:)]") if found else ""
            ref.doi = doi or ref.doi
    for link in node.iter("ext-link", "uri"):
        href = link.attrs.get("href") or squash(link.text())
        if href and re.match(r"(?i)(https?|ftp)://", href) and href not in ref.urls:
            ref.urls.append(href)
    accessed = _accessed(read) if read is not None else None
    ref.accessed = accessed or ref.accessed
    ref.id = node.attrs.get("id") or f"ref-{position}"
    ref.key = ref.id
    label = node.kids("label")
    shown = squash(label[0].text()) if label else ""
    number = _LABEL_NUMBER.match(shown) or _LABEL_PART.match(shown)
    ref.label = "".join(g for g in number.groups() if g) if number else str(position)
    return ref


def _title(cit: Node) -> str | None:
    """The work's title; a book or a report known only by its <source> (a series, a newspaper) with
    what tells its items apart (volume, issue, edition, pages, comment), so that two bulletins of one
    series are not one work."""
    title = cit.find("article-title", "chapter-title", "data-title", "part-title")
    if title is not None:
        return squash(title.text()) or None
    source = cit.find("source")
    if source is None:
        return None
    extra = [
        squash(n.text())
        for n in cit.kids(
            "volume", "issue", "edition", "fpage", "elocation-id", "comment", "date-in-citation"
        )
        if not (n.tag == "date-in-citation" and _access_date(n))
    ]
    return squash(" ".join([source.text(), *[e for e in extra if e]])) or None


def _container(cit: Node) -> tuple[str | None, str | None]:
    """The journal (or book, proceedings) a work is in: the citation's ``<source>`` when it also
    has the work's own title; "journal" when its publication-type says so (or, without one, an
    ``<article-title>`` with a ``<volume>``), else "book"."""
    title = cit.find("article-title", "chapter-title")
    source = cit.find("source")
    if title is None or source is None:
        return None, None
    name = squash(source.text()).strip(" .,;") or None
    kind = (cit.attrs.get("publication-type") or cit.attrs.get("citation-type") or "").lower()
    journal = kind == "journal" or (
        not kind and title.tag == "article-title" and cit.find("volume") is not None
    )
    return name, "journal" if journal else "book"


def _people(cit: Node) -> tuple[list[Node], bool]:
    """The entry's authors (name-like nodes) and whether their list ends in et al.: the author groups,
    else names outside any group, else the first other group (the editors of an edited book)."""
    groups = [g for g in cit.iter("person-group") if g is not cit]
    authors = [g for g in groups if g.attrs.get("person-group-type", "author").lower() in ("author", "")]
    loose = list(_names_in(cit, skip_groups=True))
    if authors:
        chosen = authors
    elif loose:
        return loose, cit.find("etal") is not None and not any(
            e.inside("person-group") for e in cit.iter("etal")
        )
    elif groups:
        chosen = groups[:1]
    else:
        return [], False
    people = [n for g in chosen for n in _names_in(g, skip_groups=False)]
    et_al = any(g.find("etal") is not None or re.search(r"\bet\.?\s*al\b", _own_text(g)) for g in chosen)
    return people, et_al


def _names_in(node: Node, skip_groups: bool) -> Iterator[Node]:
    stack: list[Node] = list(reversed(node.kids()))
    while stack:
        n = stack.pop()
        if n.tag in _NAMES:
            yield n
        elif skip_groups and n.tag == "person-group":
            continue
        elif n.tag not in ("xref", "contrib-group"):
            stack.extend(reversed(n.kids()))


def _own_text(node: Node) -> str:
    return "".join(c.text for c in node.children if isinstance(c, Chunk))


def _collab_name(node: Node) -> str:
    """The organisation's name, without the member list a <collab> may hold."""
    if node.tag == "collab-alternatives":
        first = node.find("collab")
        node = first if first is not None else node
    parts: list[str] = []
    stack: list[Node | Chunk] = list(reversed(node.children))
    while stack:
        item = stack.pop()
        if isinstance(item, Chunk):
            parts.append(item.text)
        elif item.tag not in ("contrib-group", "contrib", "xref", "address", "email"):
            stack.extend(reversed(item.children))
    return squash("".join(parts)).strip(" ,;.")


def _collab_aliases(name: str) -> list[str]:
    """Shorter names an organisation is cited by: "BRASIL. Ministério da Educação" as "BRASIL",
    "Instituto Brasileiro do Meio Ambiente (IBAMA)" as "IBAMA"."""
    out = re.findall(r"\(([^()]{2,40})\)", name)
    plain = re.sub(r"\([^()]*\)", " ", name)
    out += [p.strip() for p in re.split(r"\.\s+|[,;:]\s*|\s+[-–—]\s+", plain)]
    return [a for a in dict.fromkeys(out) if a and a != name and a[:1].isupper()]


def _person_name(node: Node) -> tuple[str, str]:
    """(surname, given names) of a <name> or <string-name> (also one written as plain text)."""
    if node.tag == "name-alternatives":
        first = node.find("name", "string-name")
        if first is None:
            return squash(node.text()), ""
        node = first
    sur = node.find("surname")
    giv = node.find("given-names")
    if sur is not None:
        surname, given = squash(sur.text()), squash(giv.text()) if giv is not None else ""
        if _SWAPPED_INITIALS.match(surname) and _SURNAME_WORD.match(given):
            # "<given-names>Plaçais</given-names> <surname>P-Y</surname>": the two fields swapped in
            # the markup (the entry prints "Plaçais P-Y" as its other names are printed)
            return given, surname
        tail = surname.rsplit(" ", 1)
        if (
            len(tail) == 2
            and _INITIALS.match(tail[1])
            and _SURNAME_WORD.match(given)
            and giv is not None
            and (giv.line, giv.column) < (sur.line, sur.column)
        ):
            # "<given-names>Faustino</given-names> <surname>Martins JM</surname>" (bioRxiv): printed
            # "Faustino Martins JM" as the list prints "Fischer C", the surname's first word tagged as
            # a given name and its initials inside the surname
            return f"{given} {tail[0]}", tail[1]
        return surname, given
    # "Smith JA", "J. A. Smith", "Smith, J. A."
    plain = squash(node.text()).strip(" ,;.")
    if "," in plain:
        surname, given = (x.strip() for x in plain.split(",", 1))
        return surname, given
    words = plain.split()
    if len(words) >= 2 and _INITIALS.match(words[-1].replace(".", "")) and not _INITIALS.match(words[0]):
        return " ".join(words[:-1]), words[-1]
    if len(words) >= 2 and all(_INITIALS.match(w.replace(".", "")) for w in words[:-1]):
        return words[-1], " ".join(words[:-1])
    return plain, ""


def _listed_names(text: str) -> list[tuple[str, str]] | None:
    """(surname, initials) of each name of a list written in one field, "Bellesi M, De Vivo L, Chini
    M"; None unless every part between the commas is a name followed by its initials."""
    if ", " not in text:
        return None
    out = []
    for part in text.split(", "):
        words = part.split()
        if len(words) < 2 or not _INITIALS.match(words[-1]) or _INITIALS.match(words[0]):
            return None
        out.append((" ".join(words[:-1]), words[-1]))
    return out


def _organisation(surname: str, given: str) -> bool:
    """A "surname" that is an organisation or a document: three words or more with no given names, or
    digits or parentheses ("Lei n° 13.146", "Nota Técnica nº 4/2014")."""
    words = [w for w in surname.split() if w.lower() not in PARTICLES]
    return (len(words) >= 3 and not given) or bool(re.search(r"[\d()]", surname))


def _year(cit: Node) -> str | None:
    """The year of publication: a <year> (not one of an access date), else a <date-in-citation> that
    is no access date, a <conf-date> or a <string-date>. Never a number from pages, volumes or titles."""
    for year in cit.iter("year"):
        holder = next((p for p in year.ancestors() if p.tag == "date-in-citation"), None)
        if holder is not None and _access_date(holder):
            continue
        value = squash(year.text())
        m = _YEAR.search(value)
        if m:
            return m.group(0)
        if value:
            return _no_date(value) or value
    for date in cit.iter("date-in-citation", "conf-date", "string-date"):
        if _access_date(date):
            continue
        m = _YEAR.search(date.attrs.get("iso-8601-date", "") + " " + squash(date.text()))
        if m:
            return m.group(0)
    return None


def _no_date(value: str) -> str | None:
    v = value.lower().replace(" ", "")
    if v in ("n.d.", "nd", "s.d.", "sd", "s/d", "o.j.", "n.d"):
        return "n.d."
    if v.startswith("inpress") or v in ("forthcoming", "inpreparation"):
        return "in press"
    return None


def _access_date(node: Node) -> bool:
    kind = (node.attrs.get("content-type", "") + " " + node.attrs.get("date-type", "")).lower()
    return any(w in kind for w in ("access", "cited", "update", "retriev"))


def _accessed(cit: Node) -> str | None:
    for date in cit.iter("date-in-citation"):
        if not _access_date(date) and date.attrs.get("content-type"):
            continue
        iso = date.attrs.get("iso-8601-date", "")
        if re.match(r"^\d{4}-\d\d-\d\d$", iso):
            return iso
        found = parse_access_date("accessed " + squash(date.text()))
        if found:
            return found
    return None


# --- citations -------------------------------------------------------------------------------------


def _citations(doc: Document, bibr: list[tuple[Node, int, int]], refs: list[Reference]) -> list[Citation]:
    pos = {r.key: i for i, r in enumerate(refs)}
    budget = RangeBudget(len(refs))
    by_key = {r.key: r for r in refs}
    by_label = {r.label: r for r in refs if r.label}
    by_year: dict[tuple[str, str], Reference] | None = None  # (made when a year's letters are listed)
    # the parts of a numbered entry ("[4a]", "[4b]"): each part's key -> [its number, the parts' keys]
    parts_of: dict[str, list[str]] = {}
    for r in refs:
        if r.key and r.label and r.label[-1].isalpha() and r.label[:-1].isdigit():
            parts_of.setdefault(r.label[:-1], [r.label[:-1]]).append(r.key)
    parts_of = {key: group for group in parts_of.values() for key in group[1:]}
    out: list[Citation] = []
    i = 0
    while i < len(bibr):
        node, a, b = bibr[i]
        rids = node.attrs.get("rid", "").split()
        visible = squash(doc.text[a:b])
        note = _note_at(doc, a)
        # <xref>12</xref><xref>-</xref><xref>17</xref> (PMC's ranges of some publishers: the dash an
        # xref of its own, pointing at entry 13): one citation of the whole range
        if i + 2 < len(bibr) and _NUM.match(visible) and len(rids) == 1:
            (_, a1, b1), (n2, a2, b2) = bibr[i + 1], bibr[i + 2]
            spanned_to = _range_to(doc.text, rids[0], n2, a2, b2, pos, budget)
            if (
                spanned_to is not None
                and _DASH.match(doc.text[a1:b1])
                and not doc.text[b:a1].strip()
                and not doc.text[b1:a2].strip()
            ):
                out.append(_range(doc.text, a, b2, refs[pos[rids[0]] : spanned_to + 1], note))
                i += 3
                continue
        # [<xref>1</xref>-<xref>9</xref>]: one citation of the whole range; so is "<xref>1</xref><xref>3
        # </xref>" with nothing at all between, a pair glued to no other xref (PMC dropped the dash of
        # BMJ's superscript "1–3"; a longer run of glued numbers is a list that lost its commas)
        if i + 1 < len(bibr) and _NUM.match(visible) and len(rids) == 1:
            n2, a2, b2 = bibr[i + 1]
            spanned_to = _range_to(doc.text, rids[0], n2, a2, b2, pos, budget)
            glued = (
                a2 == b
                and spanned_to is not None
                and spanned_to > pos[rids[0]] + 1  # (9 and 10 glued: two citations, the same entries)
                and (i == 0 or bibr[i - 1][2] != a)
                and (i + 2 >= len(bibr) or bibr[i + 2][1] != b2)
            )
            if spanned_to is not None and (glued or _BRACKETED_DASH.match(doc.text[b:a2])):
                out.append(_range(doc.text, a, b2, refs[pos[rids[0]] : spanned_to + 1], note))
                i += 2
                continue
        spanned = _range_in_one(visible, rids, by_key, by_label)
        if spanned:
            # <xref rid="b014">14–16</xref>, <xref rid="B6">6,9,11</xref>: one xref for the range or
            # the list, pointing at its first entry
            numbers = tuple(int(r.label or 0) for r in spanned)
            out.append(Citation(text=visible, start=a, end=b, kind="numeric", numbers=numbers, footnote=note))
            i += 1
            continue
        parts = [p for p in visible.split(";") if p.strip()]
        group = parts_of.get(rids[0]) if parts_of and len(rids) == 1 else None
        if group is not None and visible.strip(" []()") == group[0]:
            # "[<xref rid="c7a">7</xref>]" of a list whose entry 7 has parts 7a, 7b: it cites them all
            rids = group[1:]
        for k, rid in enumerate(rids or [""]):
            cit = Citation(text=visible or rid, start=a, end=max(b, a), kind="key", key=rid, footnote=note)
            ref = by_key.get(rid)
            if len(rids) > 1:
                # "Hyder and Ghaffar, 2004; McMahon and Ward, 2006" in one xref of two entries: each entry
                # is compared with the part that names it (or holds its place), or with nothing
                named = [
                    p for p in parts if ref is not None and ref.authors and _names_first(p, ref.authors[0])
                ]
                part = named[0] if named else (parts[k] if len(parts) == len(rids) else "")
            else:
                part = visible
            if part and (not _NUM.match(part) or _year_only(part, ref)):
                _visible_author_year(cit, part, ref, _lead_in(doc.text, a) if k == 0 else "")
            out.append(cit)
            if len(rids) == 1 and ref is not None and cit.year and cit.year == ref.year and "," in part:
                # "<xref rid="b30">Nguyen et al. 2010 b, c</xref>": one xref for the works of the
                # year's letters it lists, each listed entry cited by it
                if by_year is None:
                    by_year = {(name_key(r.authors[0]), r.year): r for r in refs if r.authors and r.year}
                for other in _other_letters(part, ref, by_year):
                    out.append(dataclasses.replace(cit, key=other.key, year=other.year))
        i += 1
    return out


def _other_letters(
    visible: str, ref: Reference, by_year: dict[tuple[str, str], Reference]
) -> list[Reference]:
    """The entries of ``ref``'s first author dated with the other letters of its year that
    ``visible`` lists ("2010 b, c" of the 2010b entry: the 2010c entry)."""
    if not ref.authors or not ref.year or len(ref.year) != 5:
        return []
    base = ref.year[:4]
    listed = None
    for m in _YEAR.finditer(visible):
        if m.group(1) == base:
            listed = _YEAR_LETTERS.match(visible, m.start() + 4)
            break
    if listed is None:
        return []
    first = name_key(ref.authors[0])
    found = [by_year.get((first, base + x)) for x in dict.fromkeys(re.findall(r"[a-z]", listed.group(0)))]
    return [r for r in found if r is not None and r is not ref]


def _year_only(visible: str, ref: Reference | None) -> bool:
    """An xref that shows only a year ("Wolf and Trillmich <xref>2007</xref>"), not an entry's
    number: the text is a year, and the entry it points at is dated and not numbered so."""
    number = visible.strip(" []()")
    return ref is not None and bool(ref.year) and ref.label != number and _YEAR.fullmatch(number) is not None


def _range_to(
    text: str,
    first: str,
    last: Node,
    start: int,
    end: int,
    pos: dict[str | None, int],
    budget: RangeBudget,
) -> int | None:
    """The list position of the entry that ``last`` (the xref at ``start:end``, a number) closes a
    range with, opened by the xref of entry ``first``; None when it closes none (two ids, another
    text, an entry before the first, a range wider than ``numeric.MAX_RANGE`` that the document's
    ``budget`` does not allow)."""
    rid = last.attrs.get("rid", "").split()
    if len(rid) != 1 or not _NUM.match(text[start:end]) or first not in pos or rid[0] not in pos:
        return None
    to = pos[rid[0]]
    return to if pos[first] < to and budget.allows(pos[first] + 1, to + 1) else None


def _range(text: str, start: int, end: int, spanned: list[Reference], note: str | None) -> Citation:
    """One citation of the entries of a range written as xrefs of its first and last numbers."""
    return Citation(
        text=squash(text[start:end]),
        start=start,
        end=end,
        kind="numeric",
        numbers=tuple(int(r.label) if r.label and r.label.isdigit() else 0 for r in spanned),
        footnote=note,
    )


def _range_in_one(
    visible: str, rids: list[str], by_key: dict[str | None, Reference], by_label: dict[str, Reference]
) -> list[Reference]:
    """The entries of "14–16" or "6,9,11" written in one xref that points at its first entry (14, 6:
    PMC's conversion of some publishers' superscripts), or [] if it is no such range or list."""
    first = by_key.get(rids[0]) if len(rids) == 1 else None
    if first is None or _NUM.match(visible) or not _RANGE.match(visible):
        return []
    numbers: list[int] = []
    for m in _PIECE.finditer(visible):
        lo = int(m.group(1))
        hi = int(m.group(2) or lo)
        if not lo <= hi <= lo + 50:
            return []
        numbers.extend(range(lo, hi + 1))
    if first.label != str(numbers[0]):
        return []
    spanned = [by_label.get(str(n)) for n in numbers]
    return [r for r in spanned if r is not None] if all(spanned) else []


def _names_first(text: str, surname: str) -> bool:
    key = name_key(surname)
    return bool(key) and name_key(re.sub(r"(?i)^\W*(?:see(?: also)?|e\.g\.,?|cf\.)\s+", "", text)).startswith(
        key
    )


def _lead_in(text: str, at: int) -> str:
    """The names written before an xref in the same citation: "Hühn, Habisch, " of "(...; Hühn,
    Habisch, <xref>Hartmann, & Sison, 2020</xref>)", where the xref holds only the last names. The text
    back to the bracket or semicolon that opens the citation, if it is names and commas only."""
    before = text[max(0, at - 120) : at]
    cut = max(before.rfind(c) for c in "([;\n")
    if cut < 0:
        return ""
    lead = before[cut + 1 :]
    if not lead.rstrip().endswith(",") or not re.fullmatch(
        r"[^\W\d_](?:[^\W\d_]|['’.\- ])*(?:,\s*[^\W\d_](?:[^\W\d_]|['’.\- ])*)*,\s*", lead.lstrip()
    ):
        return ""
    return lead.lstrip()


def _visible_author_year(cit: Citation, visible: str, ref: Reference | None, lead: str = "") -> None:
    """The author and year the reader sees, for comparison with the entry the xref points at. Text
    that shows no name (a year's letter "b", a title "Cinismo y pasión") is compared for its year only.
    ``lead`` is the citation's text before the xref (names and commas): when the xref's own names are
    not the entry's first author but the lead-in begins with it, the citation is read whole."""
    if re.fullmatch(r"\W*[a-z](?:\W+[a-z])*\W*", visible):
        # "2010a, b, c": the letters alone; one letter, of an entry whose year is lettered, is that
        # year's letter ("<xref>c</xref>" at the 2010b entry cites another work than it points at)
        letter = visible.strip(" ,;.()[]")
        if (
            len(letter) == 1
            and ref is not None
            and ref.year
            and len(ref.year) == 5
            and ref.year[:4].isdigit()
        ):
            cit.year = ref.year[:4] + letter
            cit.authors = ref.authors[:1]  # (the names before it, which are the entry's as far as it goes)
            cit.et_al = len(ref.authors) > 2 or ref.et_al
        return
    years = list(_YEAR.finditer(visible))
    if years:
        # "2011 [1979]", "1988/1975": the entry's year where the reader sees it, else the first
        base = ref.year_base if ref is not None else None
        fitting = [m for m in years if ref is not None and (m.group(0) == ref.year or m.group(1) == base)]
        outside = [m for m in years if not _bracketed(visible, m.start())]
        chosen = (fitting or outside or years)[0]
        cit.year = chosen.group(0)
        listed = _YEAR_LETTERS.match(visible, chosen.start() + 4)
        if listed is not None:
            # "Nguyen et al. 2010 b, c", "2010b, c": the year's letters (spaced or not), of which the
            # entry's, when it is one of them
            letters = re.findall(r"[a-z]", listed.group(0))
            mine = ref.year[4:] if ref is not None and ref.year and ref.year[:4] == chosen.group(1) else ""
            cit.year = chosen.group(1) + (mine if mine in letters else letters[0])
        if not fitting and ref is not None and ref.year and cit.year[:4] in _edition_years(ref):
            # "Glucksmann (1982)" for "GLUCKSMANN 1981 ... (Trad. cast. ... 1982)": the edition read
            cit.year = ref.year
    head = visible[: years[0].start()] if years else visible
    head = re.sub(r"(?i)^\W*(?:see(?: also)?|e\.g\.,?|cf\.|i\.e\.,?)\s+", "", head)
    # "Wittgenstein, em 1953", "Frege, in 1918": the preposition of a date the prose tells (when
    # the work first appeared), no second author's name ("did you mean Wittgenstein and em 2010?")
    head = _EVENT_YEAR_BEFORE.sub("", head)
    if lead and head.strip(" ,;.([") and ref is not None and ref.authors:
        first = name_key(ref.authors[0])
        if not name_key(head.strip(" ,;.([")).startswith(first) and name_key(lead).startswith(first):
            head = lead + head
    cit.et_al = bool(re.search(r"\bet\.?\s*al", head))
    if ref is not None and ref.authors and ref.given and len(ref.given[0].split()) >= 2:
        # an organisation's name the markup cut into name parts ("<surname>Committee</surname>
        # <given-names>Camera and Imaging Products Association Standardization</given-names>"),
        # cited whole, word for word: the entry's first author
        shown = [name_key(w) for w in head.split()]
        given, surname = ref.given[0], ref.authors[0]
        for a, b in ((given, surname), (surname, given)):
            whole = [name_key(w) for w in f"{a} {b}".split()]
            if shown[: len(whole)] == whole:
                cit.authors = [surname]
                return
    if (
        ref is not None
        and ref.authors
        and name_key(head.strip(" ,;.([")).startswith(name_key(ref.authors[0]))
    ):
        # "Costa e Silva", "Acosta-Pereira": the entry's first author as written in the entry
        named = [n.strip(" ,;.()[]") for n in _JOIN.split(head)]
        cit.authors = [ref.authors[0], *[n for n in named[1:] if n and _SURNAME.match(n)][:1]]
        return
    names = [n.strip(" ,;.()[]") for n in _JOIN.split(head)]
    names = [n for n in names if n and _SURNAME.match(n)]
    if any(_not_a_name(n) for n in names):
        return  # a title or a phrase in the xref, not the authors' names
    title = name_key(ref.title or "") if ref is not None else ""
    if names and len(name_key(head)) >= 3 and title.startswith(name_key(head)):
        return  # "Xds, 2010" for Kabsch W (2010) "Xds": the work named by its title
    if names and ref is not None and _joined_acronyms(names[0], ref.authors):
        # "IBAMA-MMA, 2004" for "<collab>Instituto Brasileiro do Meio Ambiente ... (IBAMA)</collab>
        # <collab>Ministério do Meio Ambiente (MMA)</collab>": the organisations' acronyms joined
        cit.authors = list(ref.authors[: names[0].count("-") + 1])
        return
    if names:
        cit.authors = names[:2]
        if (
            ref is not None
            and ref.authors
            and (fold(ref.authors[0]) in fold(names[0]) or _acronym_of(ref.authors[0], names[0]))
        ):
            cit.authors[0] = ref.authors[0]
    elif ref is not None and ref.authors:
        # "2006" after "Kessler and Baldwin, 2001,": the author is the entry's
        cit.authors = ref.authors[:1]


def _interval(text: str, cit: Citation, size: int) -> bool:
    """A bracket of several numbers, one beyond the list: a range of values ("[5, 80] cells"), not
    references (in a marked-up article a citation of several entries is rarely left unmarked)."""
    lb, rb = text.rfind("[", 0, cit.start + 1), text.find("]", max(cit.end - 1, 0))
    if lb < 0 or rb < 0 or rb - lb > 60:
        return False
    numbers = [int(n) for n in re.findall(r"\d+", text[lb + 1 : rb])]
    return len(numbers) > 1 and max(numbers) > size


_AUTHORITY_GAP = re.compile(r"\s*(?:\([^()\n]{1,80}\)\s*)?\(?\s*")
# what follows a taxon's name to the end of its authority: " Woodland, 1934", " (Kreis, 1930)"
_AUTHORITY_AFTER = re.compile(r"\s*(?:\([^()\n]{1,80}\)\s*)?\(?\s*[^\W\d_][^()\n]{0,80}?\)?")
_VALUE_BEFORE = re.compile(r"(?<![\w.])\d(?:[\d.,]*\d)?\s*%?\s*$")  # (not "ABN11829 [4]")


def _after_value(text: str, cit: Citation) -> bool:
    """A bracketed number after another number: a statistic ("157 [113] (113)", a table's median
    [IQR] (n)), not a citation left unmarked, which follows a word; or glued to a digit, the argument
    of a function ("log<sub>2</sub>[5604]" of a bioRxiv preprint: log2[5604])."""
    lb = text.rfind("[", max(0, cit.start - 1), cit.start + 1)
    if lb < 1:
        return False
    return text[lb - 1].isdigit() or _VALUE_BEFORE.search(text, max(0, lb - 20), lb) is not None


def _joined_acronyms(name: str, authors: list[str]) -> bool:
    """Whether ``name`` is the acronyms of the entry's first authors joined by hyphens, each its
    author's, in order: "IBAMA-MMA" for "... Renováveis (IBAMA)" and "Ministério do Meio Ambiente
    (MMA)", "WHO-UNICEF" for "World Health Organization" and "United Nations Children's Fund (UNICEF)"."""
    parts = name.split("-")
    if len(parts) < 2 or len(parts) > len(authors):
        return False
    return all(
        part.isupper()
        and 2 <= len(part) <= 10
        and (_acronym_of(part, author) or re.search(rf"\({re.escape(part)}\)", author) is not None)
        for part, author in zip(parts, authors, strict=False)
    )


def _acronym_of(a: str, b: str) -> bool:
    """One name is the other's acronym: "WHO" and "World Health Organization"."""
    short, long_ = sorted((a.strip(), b.strip()), key=len)
    initials = "".join(w[0] for w in long_.split() if w[:1].isupper())
    return short.isupper() and 2 <= len(short) <= 8 and short == initials


def _not_a_name(piece: str) -> bool:
    """A word in lower case that is no particle ("Cinismo y pasión", "Antología del humor negro")."""
    return any(w[:1].islower() and w.lower().strip(".’'") not in PARTICLES for w in piece.split())


def _edition_years(ref: Reference) -> set[str]:
    """Other years an entry gives for the same work: its translation, reprint or original edition
    ("1981 (Trad. cast. ..., 1982)", "2011 [1979]"), not a page range or a volume."""
    text = re.sub(r"\b\d+\s*[-–]\s*\d+\b", " ", ref.text)  # page ranges out
    return {m.group(1) for m in _YEAR.finditer(text)}


def _bracketed(text: str, at: int) -> bool:
    return text.rfind("[", 0, at) > text.rfind("]", 0, at)


def _plain_citations(
    doc: Document,
    xrefs: list[tuple[int, int]],
    refs: list[Reference],
    taxa: list[int],
    names: list[tuple[int, int]] | None = None,
) -> list[Citation]:
    """Citations written without an xref, read from the prose (not the reference list) in the
    article's style; what the reader finds over an xref is the xref's, so that none counts twice.
    The prose is read whole, not cut at the xrefs: "(Anache 2014; Brasil 2005a, 2006, <xref>Cabral
    2017</xref>)" is one group."""
    end = doc.reference_region[0] if doc.reference_region else len(doc.text)
    spans = sorted((a, b) for a, b in xrefs if b > a)
    starts = [a for a, _ in spans]
    known = KnownAuthors.of(refs)
    if doc.style == "numeric":
        found = extract_numeric(doc.text, 0, end, list_size=len(refs))
        widen_ranges(found, RangeBudget(len(refs)))
    else:
        found = extract_author_date(doc.text, 0, end, known)

    if doc.style != "numeric":
        _names_before_years(doc, found)

    def over_xref(c: Citation) -> bool:
        k = bisect.bisect_left(starts, c.end) - 1  # the last xref that starts before the citation ends
        return k >= 0 and spans[k][1] > c.start  # (xrefs never overlap one another)

    # Where the publisher marked the citations up, a plain "Name (year)" is taken for a citation only
    # when it names the first author of an entry ("Gmelin, 1788" after a species is its authority,
    # "McIntosh (1967)" in a supplementary table cites that table's own list, "Porro (2009)" is the
    # end of "Iacus, King e Porro (2009)" read short). A plain "[n]" is read as in any numbered text.
    firsts = {k for r in refs for a in [*r.authors[:1], *r.aliases] for k in (name_key(a), core_key(a)) if k}

    def authority(c: Citation) -> bool:
        # "<tp:taxon-name>Eukerria saltensis</tp:taxon-name> (Beddard, 1895)": who named the species,
        # and when, not a citation checked as one; the namer's work, when listed, is named by it
        # "<tp:taxon-name>M. mesonyctius</tp:taxon-name> (Kreis, 1930) Andrássy, 1959": the original
        # authority in parentheses, then who moved the species to its genus
        k = bisect.bisect_right(zone_starts, c.start) - 1
        if k >= 0 and zones[k][1] >= c.end:
            return True  # in a name: "(Kner, 1853)" of a Darwin Core "Astrodoras asterifrons (Kner, 1853)"
        k = bisect.bisect_right(taxa, c.start) - 1
        if k >= 0 and _AUTHORITY_GAP.fullmatch(doc.text, taxa[k], c.start) is not None:
            return True
        # "Neotropical <tp:taxon-name>Megathylacus</tp:taxon-name> Woodland, 1934": the names read
        # back from the year ran into the taxon's; its authority follows it
        k = bisect.bisect_left(taxa, c.end) - 1
        return (
            k >= 0 and taxa[k] > c.start and _AUTHORITY_AFTER.fullmatch(doc.text, taxa[k], c.end) is not None
        )

    zones = sorted(names or [])
    zone_starts = [a for a, _ in zones]
    named = [c for c in found if (taxa or zones) and c.kind != "numeric" and c.authors and authority(c)]
    doc.mentions = [
        Citation(text=c.text, start=-1, end=-1, kind="mention", authors=c.authors[:1], year=c.year)
        for c in named
    ]
    skip = {id(c) for c in named}
    kept = [
        c
        for c in found
        if not over_xref(c)
        and id(c) not in skip
        and (
            (
                c.kind == "numeric"
                and bool(c.numbers)
                and not _interval(doc.text, c, len(refs))
                and not _after_value(doc.text, c)
            )
            or (
                c.kind != "numeric"
                and c.authors
                and {name_key(c.authors[0]), core_key(c.authors[0])} & firsts
            )
        )
    ]
    # "Fleming et al. 2014a" written without an xref, of a list that gives no suffixes (two Fleming et
    # al. 2014), where the publisher's xrefs show "Fleming et al. 2014a" pointing at one entry: that one
    shown: dict[tuple[str, str, bool], set[str]] = {}
    for x in doc.citations:
        if x.kind == "key" and x.key and x.authors and x.year and x.year[-1:].isalpha():
            shown.setdefault((name_key(x.authors[0]), x.year, x.et_al), set()).add(x.key)
    for cit in kept:
        cit.footnote = _note_at(doc, cit.start)
        if shown and cit.kind == "author-date" and cit.authors and cit.year and cit.year[-1:].isalpha():
            rids = shown.get((name_key(cit.authors[0]), cit.year, cit.et_al))
            if rids is not None and len(rids) == 1:
                cit.kind, cit.key = "key", next(iter(rids))
    return kept


def _bare_superscripts(
    doc: Document, xrefs: list[tuple[int, int]], sups: list[tuple[int, int]], refs: list[Reference]
) -> list[Citation]:
    """Numbers in a <sup> without an xref, in an article whose xrefs to its entries are superscripts
    too: "cardiovascular risk<sup>27-31</sup>", where the rest of the article writes "<sup><xref
    rid="c27">27</xref>, <xref rid="c29">29</xref></sup>" (bioRxiv): the reader sees a citation of
    entries 27 to 31, which the markup left unlinked. Only numbers that are all labels of entries
    are read (no exponent, "10<sup>6</sup>", and no other mark, a table's note "<sup>3</sup>", is
    taken for a citation of a missing entry); the extractor's text has no brackets around them."""
    spans = sorted((a, b) for a, b in xrefs if b > a)
    if not spans or not sups:
        return []
    starts = [a for a, _ in spans]

    def over_xref(a: int, b: int) -> bool:
        k = bisect.bisect_left(starts, b) - 1
        return k >= 0 and spans[k][1] > a

    if not any(over_xref(a, b) for a, b in sups):
        return []  # the article's citations are not superscripts: a <sup> is something else
    labels = {r.label for r in refs if r.label}
    end = doc.reference_region[0] if doc.reference_region else len(doc.text)
    budget = RangeBudget(len(refs))
    out: list[Citation] = []
    for a, b in sups:
        visible = doc.text[a:b]
        if b > end or over_xref(a, b) or not NUMERIC_SUP.match(visible):
            continue
        if exponent_after(doc.text[max(0, a - EXPONENT_LOOKBACK) : a]) or not doc.text[a - 1 : a].strip():
            continue  # 10<sup>6</sup>, m<sup>2</sup>; a mark opening its line or standing apart
        numbers: list[int] = []
        for m in _PIECE.finditer(visible):
            lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
            if not lo <= hi or not budget.allows(lo, hi):
                break
            numbers.extend(range(lo, hi + 1))
        else:
            if numbers and all(str(n) in labels for n in numbers):
                note = _note_at(doc, a)
                out.append(
                    Citation(
                        text=squash(visible),
                        start=a,
                        end=b,
                        kind="numeric",
                        numbers=tuple(numbers),
                        footnote=note,
                    )
                )
    return out


def _names_before_years(doc: Document, found: list[Citation]) -> None:
    """The names written before an xref that shows only its year ("Wolf and Trillmich
    <xref>2007</xref>"): those of the citation read from the prose there, when it ends in the xref and
    its year is the xref's (the prose names an entry's author: see ``KnownAuthors``), so that the
    citation is compared with its entry whole. Without one the xref is compared for its year."""
    years = {
        c.start: c
        for c in doc.citations
        if c.kind == "key" and c.year and _YEAR.fullmatch(c.text.strip(" []()"))
    }
    if not years:
        return
    starts = sorted(years)
    by_key = {r.key: r for r in doc.references or []}
    named: dict[int, Citation] = {}  # the xrefs given the names written before them
    for c in found:
        if not c.authors or not c.year:
            continue
        k = bisect.bisect_right(starts, c.start)  # the first xref after the citation's start
        if k < len(starts) and starts[k] < c.end:
            xref = years[starts[k]]
            # (the citation may end at the bracket after the xref: "Romé (<xref>2024</xref>)")
            if xref.year == c.year and (
                c.end <= xref.end or (c.end == xref.end + 1 and _CLOSES(doc.text, xref.end))
            ):
                xref.authors, xref.et_al = list(c.authors[:2]), c.et_al
                begin = c.start
                ref = by_key.get(xref.key)
                lead = _names_lead(doc.text, c.start)
                if (
                    ref is not None
                    and ref.authors
                    and lead is not None
                    and not _names_first(c.authors[0], ref.authors[0])
                    and _names_first(doc.text[lead : c.start], ref.authors[0])
                ):
                    # "(Wang, Shen, Liu, Jian, Zhai et al. <xref>2008</xref>)": the names read were
                    # the list's last; it begins with the entry's first author
                    begin = lead
                    xref.authors, xref.et_al = [ref.authors[0]], True
                shown = squash(doc.text[begin : xref.end])
                if shown.count("(") > shown.count(")") and doc.text.startswith(")", xref.end):
                    shown += ")"  # "Rode et al. (<xref>2014</xref>)"
                xref.text = shown
                named[xref.start] = xref
    # the years that follow a named one ("Zanchettin et al. <xref>2022</xref> and <xref>2023</xref>",
    # "Harvey et al. <xref>2014</xref>, <xref>2015</xref>") are the same authors' works
    for a, b in itertools.pairwise(starts):
        first, then = named.get(a), years[b]
        if first is not None and b not in named and _SAME_AUTHORS.fullmatch(doc.text, first.end, then.start):
            then.authors, then.et_al = list(first.authors), first.et_al
            named[b] = then


_SAME_AUTHORS = re.compile(r"\s*(?:,\s*(?:and\s+|&\s*)?|and\s+|&\s*)")


def _CLOSES(text: str, at: int) -> bool:
    return text.startswith((")", "]"), at)


_NAME_WORD = r"[^\W\d_](?:[^\W\d_]|['’.\-])*"
_NAMES_LEAD = re.compile(rf"(?:{_NAME_WORD}(?:\s+{_NAME_WORD})?,?\s+(?:(?:and|&)\s+)?)+$")


def _names_lead(text: str, at: int) -> int | None:
    """Where the list of names that ends at ``at`` begins, back to the bracket or semicolon that opens
    the citation ("Wang, Shen, Liu, Jian, " before "Zhai et al. 2008"); None when the text there is not
    names, commas and "and"s only."""
    before = text[max(0, at - 160) : at]
    cut = max(before.rfind(c) for c in "([;\n")
    if cut < 0:
        return None
    m = _NAMES_LEAD.fullmatch(before, cut + 1)
    if m is None:
        m = _NAMES_LEAD.fullmatch(before, cut + 2)  # after "; "
    return at - len(before) + m.start() if m is not None else None
