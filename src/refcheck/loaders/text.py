"""Plain text (.txt): the text is the document; line and column map one to one."""

from __future__ import annotations

from refcheck.loaders.decode import decode, normalise
from refcheck.model import Document, Finding, Severity, SourceMap


def load_text(path: str, data: bytes, fmt: str = "text") -> Document:
    decoded = decode(data)
    text = normalise(decoded.text)
    # the bytes are the text's own UTF-8 (nothing normalised): not kept twice (model.SourceBytes)
    same = decoded.encoding == "utf-8" and text is decoded.text
    doc = Document(
        path=path, format=fmt, text=text, source_map=SourceMap.identity(text), raw=None if same else data
    )
    doc.encoding = decoded.encoding
    if decoded.warning:
        doc.findings.append(
            Finding(rule="input-encoding", severity=Severity.WARNING, message=decoded.warning)
        )
    return doc
