"""Small JATS articles for the QA rounds' tests (test_qa_jats3, test_qa_jats4): an article around a
body and a reference list, read and analysed as refcheck reads a file, and its alarms."""

from __future__ import annotations

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
