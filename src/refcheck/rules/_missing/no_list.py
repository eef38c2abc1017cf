"""Why a document with author-date citations and no reference list may need none here
(rules/missing_reference's one finding for such a document is then info): its list is a page of its
own beside it (a Jupyter Book's "References.md"), it has a further-reading section, it answers
reviewers (the manuscript's list gives the works), or, in Markdown, it names each work only in its
own sentences ("I read the Myung and Pitt (1997) paper") or in a block quote.
"""

from __future__ import annotations

import re

from refcheck.model import Citation, Document
from refcheck.rules._missing.where import in_block_quote


def in_passing(doc: Document, cit: Citation) -> bool:
    """Whether a Markdown citation names its work in the prose's own sentence, outside brackets ("I
    read the Myung and Pitt (1997) paper", "comes from Ferguson 1973 paper"), or stands in a block
    quote (the quoted passage's own): no citation of a style that promises a reference list."""
    if in_block_quote(doc, cit):
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


def further_reading(text: str) -> bool:
    """Whether the document has a "Further reading" (or "Suggested reading", "Works consulted")
    section: a blog post's works cited in passing are often given there, or in the paper it names."""
    from refcheck.extract.reference_list import further_reading_heading

    return further_reading_heading(text) is not None


def reply_to_reviewers(text: str) -> bool:
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


def list_page(doc: Document) -> str:
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
