"""Small JATS articles for the QA rounds' tests (test_qa_jats3, test_qa_jats4, ...): an article around a
body and a reference list, read and analysed as refcheck reads a file, and its alarms; the pieces the
tests build them of (an xref, a numbered list, an entry as <element-citation>)."""

from __future__ import annotations

from collections.abc import Callable

from refcheck.loaders.jats import load_jats
from refcheck.model import Document, Severity
from refcheck.pipeline import CheckOptions, analyse


def article(body: str, refs: str, extra: str = "", back: str = "") -> str:
    """A research article: ``body`` its one paragraph, ``refs`` its <ref>s, ``back`` more back
    matter before the list, ``extra`` what follows <back> (sub-articles, a <floats-group>)."""
    return (
        '<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article"><front>'
        "<article-meta><title-group><article-title>A paper</article-title></title-group></article-meta>"
        f"</front><body><p>{body}</p></body><back>{back}<ref-list>{refs}</ref-list></back>{extra}</article>"
    )


def check(xml: str) -> Document:
    return analyse(load_jats("a.xml", xml.encode()), CheckOptions())


def alarms(doc: Document) -> list[str]:
    """The warnings and errors, as "rule: message"."""
    return [f"{f.rule}: {f.message}" for f in doc.findings if f.severity >= Severity.WARNING]


def xref(rid: str, shown: str) -> str:
    """A citation of the entry ``rid`` that shows ``shown``."""
    return f'<xref ref-type="bibr" rid="{rid}">{shown}</xref>'


def vancouver(i: int) -> str:
    """The text of the ``i``-th entry of a Vancouver list, as PMC gives one: "AuthorA A. Title 1. J. 1991;1:1."."""
    return f"Author{chr(64 + i % 26)} A. Title {i}. J. {1990 + i};{i}:1."


def numbered(n: int, text: Callable[[int], str] = vancouver, prefix: str = "B", kind: str = "") -> str:
    """``n`` numbered entries, ids ``prefix``1..n, each a <mixed-citation> (of ``kind``, the
    publication-type, if given) holding ``text(i)``."""
    typed = f' publication-type="{kind}"' if kind else ""
    return "".join(
        f'<ref id="{prefix}{i}"><label>{i}</label><mixed-citation{typed}>{text(i)}</mixed-citation></ref>'
        for i in range(1, n + 1)
    )


def element_ref(
    rid: str,
    year: str,
    *names: str | tuple[str, str],
    title: str | None = None,
    volume: str | None = None,
) -> str:
    """A journal article's entry as <element-citation>: its authors (a surname, given "K", or a surname
    and its given names), its title ("T <rid>" unless given), the journal "J", its year and volume."""
    people = "".join(
        f"<name><surname>{n}</surname><given-names>K</given-names></name>"
        if isinstance(n, str)
        else f"<name><surname>{n[0]}</surname><given-names>{n[1]}</given-names></name>"
        for n in names
    )
    return (
        f'<ref id="{rid}"><element-citation publication-type="journal"><person-group person-group-type="author">'
        f"{people}</person-group><article-title>{title or f'T {rid}'}</article-title><source>J</source>"
        f"<year>{year}</year>"
        + (f"<volume>{volume}</volume>" if volume else "")
        + "</element-citation></ref>"
    )
