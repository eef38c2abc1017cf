"""Build small DOCX packages, and read their text as Word shows it with every change accepted or
rejected, for the tracked-changes tests."""

from __future__ import annotations

import io
import re
import zipfile

from refcheck.loaders.docx import load_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
STAMP = (2020, 1, 2, 3, 4, 6)
TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/footnotes.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'footnotes" Target="footnotes.xml"/>'
    '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'hyperlink" Target="https://example.org/x" TargetMode="External"/>'
    "</Relationships>"
)
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {W}>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    "</w:styles>"
)
FOOTNOTES_EMPTY = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def run(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    esc = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<w:r>{rpr}<w:t xml:space="preserve">{esc}</w:t></w:r>'


def para(*content: str) -> str:
    return "<w:p>" + "".join(content) + "</w:p>"


def package(body: str, footnotes: str = FOOTNOTES_EMPTY, extra: dict[str, bytes] | None = None) -> bytes:
    """A DOCX whose body is ``body`` (paragraphs), with styles, footnotes, a picture and ``extra``."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W} {R}>'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    )
    members: list[tuple[str, bytes, int]] = [
        ("[Content_Types].xml", TYPES.encode(), zipfile.ZIP_DEFLATED),
        ("_rels/.rels", ROOT_RELS.encode(), zipfile.ZIP_DEFLATED),
        ("word/document.xml", document.encode(), zipfile.ZIP_DEFLATED),
        ("word/_rels/document.xml.rels", DOC_RELS.encode(), zipfile.ZIP_DEFLATED),
        ("word/styles.xml", STYLES.encode(), zipfile.ZIP_DEFLATED),
        ("word/footnotes.xml", footnotes.encode(), zipfile.ZIP_DEFLATED),
        ("word/media/image1.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), zipfile.ZIP_STORED),
    ]
    for name, data in (extra or {}).items():
        members.append((name, data, zipfile.ZIP_DEFLATED))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data, method in members:
            z.writestr(zipfile.ZipInfo(name, STAMP), data, method)
    return out.getvalue()


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def infos(data: bytes) -> list[tuple[str, int, tuple[int, ...]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, i.compress_type, i.date_time) for i in z.infolist()]


def _replace_member(data: bytes, name: str, new: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, new if info.filename == name else zin.read(info))
    return out.getvalue()


_INS = re.compile(rb'<w:ins [^>]*w:author="refcheck"[^>]*>.*?</w:ins>', re.S)
_DEL = re.compile(rb'<w:del [^>]*w:author="refcheck"[^>]*>(.*?)</w:del>', re.S)


def rejected(data: bytes) -> bytes:
    """The package with refcheck's revisions rejected (its insertions dropped, its deletions kept)."""
    out = data
    for name in ("word/document.xml", "word/footnotes.xml"):
        part = members(out).get(name)
        if part is None:
            continue
        part = _INS.sub(b"", part)
        part = _DEL.sub(
            lambda m: m[1].replace(b"<w:delText", b"<w:t").replace(b"</w:delText>", b"</w:t>"), part
        )
        out = _replace_member(out, name, part)
    return out


def text(data: bytes) -> str:
    """The text refcheck reads: every insertion accepted, every deletion gone (Word's "accept all")."""
    return load_docx("x.docx", data).text
