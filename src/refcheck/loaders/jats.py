"""JATS XML (.xml with a JATS ``<article>``): body text, notes, the structured reference list, xrefs.

* Text: the article title, abstract, body and back matter (acknowledgements, notes, appendices) with
  every piece anchored at its XML line/column; tables, formulas and sub-articles (decision letters)
  are left out. The reference list is rendered after the text (one entry per line) so that findings
  about entries point at the ``<ref>`` in the XML.
* References: ``<ref-list>/<ref>`` with ``<element-citation>`` or ``<mixed-citation>``: surnames
  (``<collab>`` as a corporate author), year, title, DOI, ``<ext-link>``/``<uri>``; unstructured
  entries are parsed from their text. ``Reference.key`` is the ``<ref id>``, the label its position.
* Citations: where the article has ``<xref ref-type="bibr" rid="...">`` those are the citations (the
  text is the xref's text, located at the xref element); ``[<xref>1</xref>-<xref>9</xref>]`` is one
  citation of entries 1 to 9. The visible text is compared with the entry it points at: a year or a
  first author that disagrees is a year or author mismatch. Without xrefs the text is searched.
* Notes: ``<fn>`` (label from ``<label>`` or the id); ``<xref ref-type="fn">`` are their markers.
* URLs: ``<ext-link>``, ``<uri>`` and ``<self-uri>`` with ``xlink:href``.
"""

from __future__ import annotations

import re

from refcheck.errors import InputError
from refcheck.extract.reference_list import parse_entry
from refcheck.loaders._build import TextBuilder, squash
from refcheck.loaders.xml import Chunk, Node, parse_xml
from refcheck.matching.names import fold
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
    ]
)
SKIP = frozenset(
    [
        "table",
        "tex-math",
        "math",
        "disp-formula-group",
        "alternatives",
        "sub-article",
        "response",
        "object-id",
        "graphic",
        "inline-graphic",
        "media",
        "supplementary-material",
        "ref-list",
    ]
)
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)([a-z])?(?!\d)")
_NUM = re.compile(r"^\s*\[?\s*\d{1,4}\s*\]?\s*$")
_DASH = re.compile(r"^\s*[-–—]\s*$")
_SURNAME = re.compile(
    r"^\W*([^\W\d_][\w'’\-]*(?:\s+(?:van|von|de|der|den|da|di|du|la|le|del|dos|ten)\s+[\w'’\-]+)?)"
)


class _Walker:
    def __init__(self) -> None:
        self.out = TextBuilder()
        self.xrefs: list[tuple[Node, int, int]] = []  # (xref, start, end) in the text
        self.notes: list[tuple[Node, int, int]] = []
        self.links: list[tuple[Node, int, int]] = []

    def walk(self, node: Node) -> None:
        if node.tag in SKIP:
            return
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
        if node.tag == "xref":
            self.xrefs.append((node, start, end))
        elif node.tag == "fn":
            self.notes.append((node, start, end))
        elif node.tag in ("ext-link", "uri", "self-uri"):
            self.links.append((node, start, end))
        if block:
            self.out.newline()
        if node.tag in ("label",) and node.parent is not None and node.parent.tag == "title":
            self.out.add(" ", node.line, node.column)


def load_jats(path: str, data: bytes) -> Document:
    root = parse_xml(data, "JATS XML")
    article = root.find("article")
    if article is None:
        raise InputError("not a JATS article (no <article> element)")
    walker = _Walker()
    front = article.find("front")
    if front is not None:
        for node in front.iter("article-title", "abstract", "trans-abstract"):
            if node.tag == "article-title" and (node.parent is None or node.parent.tag != "title-group"):
                continue
            walker.walk(node)
    for part in article.kids("body", "back"):
        walker.walk(part)
    # the reference list, rendered after the text
    refs: list[Reference] = []
    out = walker.out
    for ref_node in article.iter("ref"):
        if _inside(ref_node, "sub-article"):
            continue
        out.newline()
        start = out.length
        for k, chunk in enumerate(c for c in ref_node.chunks() if c.text):
            if k == 0:  # the entry is located at its <ref> element
                out.add(chunk.text[0], ref_node.line, ref_node.column)
                out.add(chunk.text[1:], chunk.line, chunk.column + 1)
            else:
                out.add(chunk.text, chunk.line, chunk.column)
        refs.append(_reference(ref_node, len(refs) + 1, start, out.length, out.text_from(start)))
    out.newline()
    text, smap = out.build()
    doc = Document(path=path, format="jats", text=text, source_map=smap, raw=data)
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
    # Table notes (<table-wrap-foot>) are keyed by symbols in the table, not by xrefs: not notes either.
    walker.notes = [
        (n, a, b)
        for n, a, b in walker.notes
        if n.attrs.get("id") in pointed or (_inside(n, "body") and not _inside(n, "table-wrap-foot"))
    ]
    notes: list[Footnote] = []
    for node, a, b in walker.notes:
        label_node = node.find("label")
        label = squash(label_node.text()) if label_node else ""
        label = label or node.attrs.get("id", str(len(notes) + 1))  # <label/> is empty
        body = text[a:b]
        lead = len(body) - len(body.lstrip())
        notes.append(Footnote(label, a, a + len(body.rstrip()), a + lead, squash(body)))
    doc.footnotes = notes
    note_ids = {n.attrs.get("id"): notes[i].label for i, (n, _, _) in enumerate(walker.notes)}
    doc.footnote_markers = [
        FootnoteMarker(note_ids[x.attrs["rid"]], a, b)
        for x, a, b in walker.xrefs
        if x.attrs.get("ref-type") == "fn" and x.attrs.get("rid") in note_ids
    ]
    for node, a, b in walker.links:
        href = node.attrs.get("href", "") or squash(text[a:b])
        if re.match(r"(?i)(https?|ftp)://", href):
            doc.urls.append(Url(url=href, start=a, end=b, footnote=_note_at(doc, a)))
    bibr = [(x, a, b) for x, a, b in walker.xrefs if x.attrs.get("ref-type") == "bibr"]
    if bibr:
        doc.citations = _citations(doc, bibr, refs)
        doc.citations_from_loader = True
        numeric = sum(1 for c in doc.citations if c.kind == "numeric" or not c.year)
        doc.style = "numeric" if numeric > len(doc.citations) / 2 else "author-date"
    return doc


def _inside(node: Node, tag: str) -> bool:
    p = node.parent
    while p is not None:
        if p.tag == tag:
            return True
        p = p.parent
    return False


def _note_at(doc: Document, offset: int) -> str | None:
    note = doc.footnote_at(offset)
    return note.label if note else None


def _reference(node: Node, position: int, start: int, end: int, raw: str) -> Reference:
    cit = node.find("element-citation", "mixed-citation", "citation", "nlm-citation")
    structured = cit is not None and cit.find("surname", "collab", "year") is not None
    text = squash(raw)
    if structured and cit is not None:
        ref = Reference(id="", text=text, start=start, end=end)
        group = cit.find("person-group")
        people = group if group is not None else cit
        for n in people.iter("name", "collab", "string-name"):
            if n.tag == "collab":
                ref.authors.append(squash(n.text()))
                ref.given.append("")
                ref.corporate = not ref.authors[:-1]
            else:
                sur = n.find("surname")
                giv = n.find("given-names")
                ref.authors.append(squash(sur.text()) if sur else squash(n.text()))
                ref.given.append(squash(giv.text()) if giv else "")
        ref.et_al = people.find("etal") is not None
        year = cit.find("year")
        if year is not None:
            m = _YEAR.search(year.text())
            ref.year = m.group(0) if m else squash(year.text()) or None
        title = cit.find("article-title", "chapter-title", "source")
        ref.title = squash(title.text()) if title is not None else None
    else:
        ref = parse_entry(text, start)
        ref.start, ref.end = start, end
    if cit is not None:
        for pid in cit.iter("pub-id"):
            if pid.attrs.get("pub-id-type") == "doi":
                ref.doi = squash(pid.text())
        for link in cit.iter("ext-link", "uri"):
            href = link.attrs.get("href") or squash(link.text())
            if href and href not in ref.urls:
                ref.urls.append(href)
    ref.id = node.attrs.get("id") or f"ref-{position}"
    ref.key = ref.id
    ref.label = str(position)
    return ref


def _citations(doc: Document, bibr: list[tuple[Node, int, int]], refs: list[Reference]) -> list[Citation]:
    pos = {r.key: i for i, r in enumerate(refs)}
    by_key = {r.key: r for r in refs}
    out: list[Citation] = []
    i = 0
    while i < len(bibr):
        node, a, b = bibr[i]
        rids = node.attrs.get("rid", "").split()
        visible = squash(doc.text[a:b])
        note = _note_at(doc, a)
        # [<xref>1</xref>-<xref>9</xref>]: one citation of the whole range
        if i + 1 < len(bibr) and _NUM.match(visible) and len(rids) == 1:
            n2, a2, b2 = bibr[i + 1]
            rid2 = n2.attrs.get("rid", "").split()
            between = doc.text[b:a2]
            if (
                _DASH.match(between)
                and len(rid2) == 1
                and _NUM.match(doc.text[a2:b2])
                and rids[0] in pos
                and rid2[0] in pos
                and pos[rids[0]] < pos[rid2[0]]
            ):
                lo, hi = pos[rids[0]] + 1, pos[rid2[0]] + 1
                out.append(
                    Citation(
                        text=squash(doc.text[a:b2]),
                        start=a,
                        end=b2,
                        kind="numeric",
                        numbers=list(range(lo, hi + 1)),
                        footnote=note,
                    )
                )
                i += 2
                continue
        for rid in rids or [""]:
            cit = Citation(text=visible or rid, start=a, end=max(b, a), kind="key", key=rid, footnote=note)
            if not _NUM.match(visible):
                _visible_author_year(cit, visible, by_key.get(rid))
            out.append(cit)
        i += 1
    return out


def _visible_author_year(cit: Citation, visible: str, ref: Reference | None) -> None:
    """The author and year the reader sees, for comparison with the entry the xref points at."""
    years = list(_YEAR.finditer(visible))
    if years:
        cit.year = years[-1].group(0)
    head = visible[: years[0].start()] if years else visible
    head = re.sub(r"(?i)^\W*(?:see(?: also)?|e\.g\.,?|cf\.|i\.e\.,?)\s+", "", head)
    cit.et_al = bool(re.search(r"\bet\.?\s*al", head))
    names = [n.strip(" ,;.()[]") for n in re.split(r"\bet\.?\s*al\.?|\s(?:and|&)\s|,|\(", head)]
    names = [n for n in names if n and _SURNAME.match(n)]
    if names:
        cit.authors = names[:2]
        if ref is not None and ref.authors and fold(ref.authors[0]) in fold(names[0]):
            cit.authors[0] = ref.authors[0]
    elif ref is not None and ref.authors:
        # "2006" after "Kessler and Baldwin, 2001,": the author is the entry's
        cit.authors = ref.authors[:1]
