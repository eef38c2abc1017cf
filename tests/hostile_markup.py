"""Hostile markup inputs (JATS/XML, DOCX, HTML, Markdown), built in memory: one builder per attack.

Shared by the tests (tests/formats/test_hostile_markup.py, which bound time and memory) and the
benchmark (bench/adversarial_markup.py, which prints time and peak memory per input). Each builder
returns the file's name (its suffix picks the loader) and its bytes; every input is at most about
1 MB, the size below which refcheck must stay under 5 s and 1 GB (issue 9).
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable

W_NS = (
    b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
JATS_HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n<article>'


def docx(document: bytes, extra: dict[str, bytes] | None = None, *, level: int = 9) -> bytes:
    """A minimal DOCX: ``document`` is the body XML inside ``<w:document><w:body>``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr(
            "word/document.xml", b"<w:document " + W_NS + b"><w:body>" + document + b"</w:body></w:document>"
        )
        for name, content in (extra or {}).items():
            z.writestr(name, content)
    return buf.getvalue()


def _sparse(size: int, filler: bytes, seed: int = 1) -> bytes:
    """``size`` bytes of ``filler`` broken by a random letter every 20-400 bytes: compresses about
    75 to 1, under any zip-bomb ratio limit, yet expands a small archive into megabytes."""
    rnd = random.Random(seed)
    parts, total = [], 0
    while total < size:
        k = rnd.randint(20, 400)
        parts.append(filler * k + bytes([rnd.choice(b"abcdefghijklmnopqrstuvwxyz")]))
        total += k + 1
    return b"".join(parts)


# --- XML: JATS and DOCX ----------------------------------------------------------------------------


def docx_newlines(size: int = 2_600_000) -> tuple[str, bytes]:
    """A ~35 KB DOCX whose one paragraph is megabytes of newlines (issue 13.1: 1 GB and 11 s)."""
    return "newlines.docx", docx(b"<w:p><w:r><w:t>" + _sparse(size, b"\n") + b"</w:t></w:r></w:p>")


def docx_newlines_1mb() -> tuple[str, bytes]:
    """The same, ~800 KB of archive unpacking to 60 MB of text: refused past the text limit."""
    return "newlines-1mb.docx", docx(b"<w:p><w:r><w:t>" + _sparse(60_000_000, b"\n") + b"</w:t></w:r></w:p>")


def docx_elements() -> tuple[str, bytes]:
    """A ~1 MB DOCX that unpacks to 14 MB of tiny elements (millions of nodes)."""
    rnd = random.Random(2)
    pieces = [b"<w:p/>", b"<w:r/>", b"<w:b/>", b"<w:i/>", b"<w:t>x</w:t>", b"<w:tab/>"]
    out, total = [], 0
    while total < 14_000_000:
        p = rnd.choice(pieces)
        out.append(p)
        total += len(p)
    return "elements.docx", docx(b"<w:p>" + b"".join(out) + b"</w:p>", level=9)


def docx_footnotes(n: int = 10_000) -> tuple[str, bytes]:
    """10,000 footnotes, each with a citation and a URL (issue 13.3)."""
    paras = b"".join(
        b'<w:p><w:r><w:t>Claim %d.</w:t></w:r><w:r><w:footnoteReference w:id="%d"/></w:r></w:p>' % (i, i)
        for i in range(1, n + 1)
    )
    notes = b"".join(
        b'<w:footnote w:id="%d"><w:p><w:r><w:t>See http://example.org/%d (Jones %d).</w:t></w:r></w:p>'
        b"</w:footnote>" % (i, i, 1900 + i % 100)
        for i in range(1, n + 1)
    )
    footnotes = b"<w:footnotes " + W_NS + b">" + notes + b"</w:footnotes>"
    return "footnotes.docx", docx(paras, {"word/footnotes.xml": footnotes})


def docx_deep(depth: int = 990) -> tuple[str, bytes]:
    return "deep.docx", docx(b"<w:p>" * depth + b"</w:p>" * depth)


def jats_newlines(size: int = 1_000_000) -> tuple[str, bytes]:
    """1 MB of newlines in a JATS paragraph (issue 13.1)."""
    return "newlines.xml", JATS_HEAD + b"<body><p>" + b"\n" * size + b"</p></body></article>"


def jats_entities(n: int = 200_000) -> tuple[str, bytes]:
    """1 MB of ``&amp;``: every one a piece of text of its own."""
    return "entities.xml", JATS_HEAD + b"<body><p>" + b"&amp;" * n + b"</p></body></article>"


def jats_deep(depth: int = 990) -> tuple[str, bytes]:
    return "deep.xml", JATS_HEAD + b"<body>" + b"<p>" * depth + b"x" + b"</p>" * depth + b"</body></article>"


def jats_refs(n: int = 4_500) -> tuple[str, bytes]:
    """A reference list of 4,500 entries, each cited once (about 1 MB)."""
    body = b"".join(
        b'<p>Text <xref ref-type="bibr" rid="r%d">A%d 2001</xref>.</p>' % (i, i) for i in range(n)
    )
    refs = b"".join(
        b'<ref id="r%d"><element-citation><person-group><name><surname>A%d</surname></name>'
        b"</person-group><year>2001</year><source>J</source></element-citation></ref>" % (i, i)
        for i in range(n)
    )
    return (
        "refs.xml",
        JATS_HEAD + b"<body>" + body + b"</body><back><ref-list>" + refs + b"</ref-list></back></article>",
    )


# --- HTML ------------------------------------------------------------------------------------------


def html_many_a(n: int = 20_000) -> tuple[str, bytes]:
    """``<a `` repeated and never closed: html.parser rescans to the end from each one (issue 13.3)."""
    return "many-a.html", b"<p>x</p>" + b"<a " * n


def html_many_comments(n: int = 100_000) -> tuple[str, bytes]:
    """``<!--`` never closed, with ``>`` between them."""
    return "comments.html", b"<p>x</p>" + b"<!--x>" * n


def html_many_end_tags(n: int = 100_000) -> tuple[str, bytes]:
    """Open elements 500 deep, then 100,000 end tags of an element that is not open."""
    return "end-tags.html", b"<span>" * 500 + b"</b>" * n


def html_deep(depth: int = 100_000) -> tuple[str, bytes]:
    """Elements nested 100,000 deep."""
    return "deep.html", b"<div>" * depth + b"x" + b"</div>" * depth


def html_unclosed(n: int = 100_000) -> tuple[str, bytes]:
    """Thousands of inline elements never closed."""
    return "unclosed.html", b"<p>" + b"<b>x " * n + b"</p>"


def html_unclosed_cells(n: int = 50_000) -> tuple[str, bytes]:
    """A table whose cells and rows are never closed (valid HTML: those end tags are optional)."""
    return "cells.html", b"<table>" + b"<tr><td>a<td>b" * n + b"</table>"


def html_sups(n: int = 40_000) -> tuple[str, bytes]:
    """Tens of thousands of numeric ``<sup>`` citations, each rewritten as "[n]"."""
    refs = b"".join(b"<li>Author%d A (2001) Title. J 1: 2.</li>" % i for i in range(1, 51))
    return "sups.html", b"<p>" + b"".join(
        b"Text<sup>%d</sup> " % (i % 50 + 1) for i in range(n)
    ) + b"</p><h2>References</h2><ol>" + refs + b"</ol>"


def html_charrefs(n: int = 200_000) -> tuple[str, bytes]:
    """``&#`` that is no character reference, many times, then a ";"."""
    return "charrefs.html", b"<p>" + b"&#x" * n + b";</p>"


def html_marked_sections(n: int = 100_000) -> tuple[str, bytes]:
    """``<![`` never closed."""
    return "marked.html", b"<p>x</p>" + b"<![a " * n


def html_quoted(n: int = 20_000) -> tuple[str, bytes]:
    """Start tags whose quoted values hold ">" and never close: html.parser's tag pattern runs to the
    end of the document from each one."""
    return "quoted.html", b"<p>x</p>" + b"<a b='>'" * n


def html_whitespace(n: int = 1_000_000) -> tuple[str, bytes]:
    """Elements separated by white space only."""
    return "whitespace.html", b"<p>x</p>" + b"<i> </i>\n" * (n // 9)


# --- Markdown --------------------------------------------------------------------------------------

MD_FRONT = b"---\nbibliography: refs.bib\n---\n\n"
MD_BIB = b"@article{a, author = {Smith, J}, title = {A study of soils}, year = {2000}}\n"


def md_backticks(n: int = 250_000) -> tuple[str, bytes]:
    """Backtick runs that never close (issue 13.3): each used to scan to the end of the text."""
    return "backticks.md", b"x " + b"` a " * n


def md_code_spans_and_keys(n: int = 110_000) -> tuple[str, bytes]:
    """Thousands of code spans and thousands of pandoc keys (each key tested against every span)."""
    return "spans-keys.md", MD_FRONT + b"`@a` @a " * n


def md_groups(n: int = 40_000) -> tuple[str, bytes]:
    """Citation groups with locators among code spans."""
    return "groups.md", MD_FRONT + b"[see @a; @a, p. 3] `x` " * n


def md_unclosed_comments(n: int = 140_000) -> tuple[str, bytes]:
    """``<!--`` never closed: each used to scan to the end."""
    return "comments.md", b"<!-- x " * n


def md_footnote_definitions(n: int = 90_000) -> tuple[str, bytes]:
    """90,000 ``[^1]:`` definitions: each used to split the rest of the text into lines."""
    return "footnote-defs.md", b"[^1]: note\n" * n + b"text[^1]\n"


def md_notes_with_keys(n: int = 60_000) -> tuple[str, bytes]:
    """60,000 notes, each citing a key."""
    return "notes-keys.md", MD_FRONT + b"[^1]\n\n[^1]: x @a\n" * n


def md_nested_blockquotes(depth: int = 300_000) -> tuple[str, bytes]:
    return "blockquotes.md", b"> " * depth + b"x (Smith 2000)\n"


def md_nested_lists(depth: int = 900) -> tuple[str, bytes]:
    return "lists.md", b"".join(b"  " * i + b"- item (Smith 2000)\n" for i in range(depth))


def md_brackets(n: int = 1_000_000) -> tuple[str, bytes]:
    return "brackets.md", MD_FRONT + b"[" * n


INPUTS: dict[str, Callable[[], tuple[str, bytes]]] = {
    "docx-newlines": docx_newlines,
    "docx-newlines-1mb": docx_newlines_1mb,
    "docx-elements": docx_elements,
    "docx-footnotes": docx_footnotes,
    "docx-deep": docx_deep,
    "jats-newlines": jats_newlines,
    "jats-entities": jats_entities,
    "jats-deep": jats_deep,
    "jats-refs": jats_refs,
    "html-many-a": html_many_a,
    "html-comments": html_many_comments,
    "html-end-tags": html_many_end_tags,
    "html-deep": html_deep,
    "html-unclosed": html_unclosed,
    "html-unclosed-cells": html_unclosed_cells,
    "html-sups": html_sups,
    "html-charrefs": html_charrefs,
    "html-marked-sections": html_marked_sections,
    "html-quoted": html_quoted,
    "html-whitespace": html_whitespace,
    "md-backticks": md_backticks,
    "md-spans-keys": md_code_spans_and_keys,
    "md-groups": md_groups,
    "md-comments": md_unclosed_comments,
    "md-footnote-defs": md_footnote_definitions,
    "md-notes-keys": md_notes_with_keys,
    "md-blockquotes": md_nested_blockquotes,
    "md-lists": md_nested_lists,
    "md-brackets": md_brackets,
}

# Files an input needs beside it (a bibliography its front matter names).
SIDE_FILES: dict[str, dict[str, bytes]] = {
    name: {"refs.bib": MD_BIB} for name in ("md-spans-keys", "md-groups", "md-notes-keys", "md-brackets")
}
