"""Loading: encodings, line endings, Unicode spaces and dashes, and exact source positions."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from refcheck.errors import InputError
from refcheck.loaders.decode import decode, normalise
from refcheck.model import Document
from refcheck.pipeline import check_file

from .conftest import SEED

DOC = (
    "Title line\n"
    "\n"
    "Ties matter (Hardy 1968, p. 14) and trade (Millán 2001).[1]\n"
    "Bohorquez (2005) argues, see http://example.org/a.\n"
    "\n"
    "[1] See Millán 2001, accessed 16 September 2009 at http://example.org/note.\n"
    "\n"
    "References\n"
    "\n"
    "Bohorquez, Tysha (2005) Soft Power. UCLA.\n"
    "Hardy, Michael (1968) Modern Diplomatic Law. Manchester University Press.\n"
    "Millán, Daniel (2001) Critica SRE. Reforma, http://example.org/m (accessed September 19, 2009).\n"
)


def load(tmp_path: Path, data: bytes, name: str = "doc.txt") -> Document:
    p = tmp_path / name
    p.write_bytes(data)
    res = check_file(str(p))
    assert res.doc is not None, res.error
    return res.doc


def positions(doc: Document) -> dict[str, list[tuple[int, int]]]:
    return {
        "citations": [doc.locate(c.start) for c in doc.citations],
        "footnotes": [doc.locate(n.start) for n in doc.footnotes or []],
        "entries": [doc.locate(r.start) for r in doc.references or []],
        "urls": [doc.locate(u.start) for u in doc.urls],
    }


def naive_positions(text: str, needles: list[str]) -> list[tuple[int, int]]:
    out = []
    lines = text.split("\n")
    for needle in needles:
        for i, line in enumerate(lines, start=1):
            col = line.find(needle)
            if col >= 0:
                out.append((i, col + 1))
                break
    return out


def test_positions_exact_utf8(tmp_path: Path) -> None:
    doc = load(tmp_path, DOC.encode())
    got = positions(doc)
    assert got["citations"] == [(3, 14), (3, 44), (4, 1), (6, 9)]
    assert got["footnotes"] == [(6, 1)]
    assert got["entries"] == [(10, 1), (11, 1), (12, 1)]
    assert got["urls"] == naive_positions(
        DOC, ["http://example.org/a", "http://example.org/note", "http://example.org/m"]
    )


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_same_positions_in_every_encoding_and_line_ending(
    tmp_path: Path, encoding: str, prefix: bytes, newline: str
) -> None:
    base = positions(load(tmp_path, DOC.encode(), "base.txt"))
    doc = load(tmp_path, prefix + DOC.replace("\n", newline).encode(encoding))
    assert positions(doc) == base
    assert [c.text for c in doc.citations][:2] == ["Hardy 1968, p. 14", "Millán 2001"]
    assert not [f for f in doc.findings if f.rule == "input-encoding"]


def test_cr_only_line_endings(tmp_path: Path) -> None:
    base = positions(load(tmp_path, DOC.encode(), "base.txt"))
    assert positions(load(tmp_path, DOC.replace("\n", "\r").encode())) == base


def test_seed_as_crlf_gives_the_same_findings(tmp_path: Path) -> None:
    raw = SEED.read_bytes()
    doc = load(tmp_path, raw.replace(b"\n", b"\r\n"))
    assert [(f.rule, f.line, f.column) for f in doc.findings] == [
        ("year-mismatch", 16, 297),
        ("uncited-reference", 47, 1),
    ]


def test_cp1252_fallback_is_a_warning(tmp_path: Path) -> None:
    doc = load(tmp_path, DOC.encode("cp1252"))
    assert doc.encoding == "cp1252"
    assert [c.text for c in doc.citations][1] == "Millán 2001"
    warnings = [f for f in doc.findings if f.rule == "input-encoding"]
    assert len(warnings) == 1 and str(warnings[0].severity) == "warning"
    assert "Windows-1252" in warnings[0].message


def test_nbsp_and_unicode_spaces(tmp_path: Path) -> None:
    spaced = DOC.replace("(Hardy 1968, p. 14)", "(Hardy\u00a01968,\u202fp.\u200914)").replace(
        "(Millán 2001)", "(Millán\u20072001)"
    )
    doc = load(tmp_path, spaced.encode())
    assert positions(doc) == positions(load(tmp_path, DOC.encode(), "base.txt"))
    assert [c.year for c in doc.citations] == ["1968", "2001", "2005", "2001"]
    assert doc.findings == []


@pytest.mark.parametrize("dash", ["\u2010", "\u2011", "\u2013", "\u2014", "\u2212"])
def test_unicode_hyphens_in_names_and_ranges(dash: str) -> None:
    from .conftest import check

    text = (
        f"Oil pays (Martínez{dash}Díaz 2007, pp. 3{dash}5).\n\nReferences\n\n"
        f"Martínez{dash}Díaz, Leonardo (2007) Mexico's Economic Challenges. Brookings.\n"
    )
    doc = check(text)
    assert [(c.authors, c.year) for c in doc.citations] == [([f"Martínez{dash}Díaz"], "2007")]
    assert doc.findings == []


def test_hyphen_variants_link_to_each_other() -> None:
    from .conftest import check

    text = (
        "Oil pays (Martínez\u2010Díaz 2007).\n\nReferences\n\n"
        "Martínez-Díaz, Leonardo (2007) Mexico's Economic Challenges. Brookings.\n"
    )
    doc = check(text)
    assert [f.rule for f in doc.findings if str(f.severity) != "info"] == []
    assert doc.citations[0].references == ("ref-1",)


def test_decode_refuses_binary_but_not_empty() -> None:
    assert decode(b"  \n ").text == "  \n "  # the empty-document rule reports it
    assert decode(b"").text == ""
    with pytest.raises(InputError, match="binary"):
        decode(b"abc\x00def" * 10)


def test_normalise_keeps_offsets_one_for_one() -> None:
    text = "a\u00a0b\u3000c\u2009d"
    assert normalise(text) == "a b c d"
    assert normalise("a\r\nb\rc") == "a\nb\nc"


def test_markdown_positions(tmp_path: Path) -> None:
    md = (
        "# Brief\n\n"
        "Ties matter (Hardy 1968, p. 14).[^1] Trade too (Millán 2001).[^note]\n\n"
        "[^1]: See the embassy's note,\n"
        "    which runs over two lines.\n"
        "[^note]: Banco de México data.\n\n"
        "## References\n\n"
        "- Hardy, Michael (1968) Modern Diplomatic Law. Manchester University Press.\n"
        "- Millán, Daniel (2001) Critica SRE. Reforma.\n"
    )
    doc = load(tmp_path, md.encode(), "doc.md")
    assert [(c.text, doc.locate(c.start)) for c in doc.citations] == [
        ("Hardy 1968, p. 14", (3, 14)),
        ("Millán 2001", (3, 49)),
    ]
    assert [(n.label, doc.locate(n.start)[0]) for n in doc.footnotes or []] == [("1", 5), ("note", 7)]
    assert (doc.footnotes or [])[0].text == "See the embassy's note, which runs over two lines."
    assert [doc.locate(r.start) for r in doc.references or []] == [(11, 1), (12, 1)]
    assert doc.findings == []
    crlf = load(tmp_path, md.replace("\n", "\r\n").encode("utf-8-sig"), "crlf.md")
    assert positions(crlf) == positions(doc)


@pytest.mark.parametrize(
    "data",
    [
        "Trade (Millán 2001).\n".encode(),
        b"Trade (Smith 2001).\r\nMore.\n",  # CRLF: the text is normalised
        "Trade\u00a0(Smith 2001).\n".encode(),  # a no-break space: the text is normalised
        codecs.BOM_UTF8 + b"Trade (Smith 2001).\n",
        "Trade (Millán 2001).\n".encode("cp1252"),
        "Trade (Millán 2001).\n".encode("utf-16"),
    ],
)
def test_raw_bytes_are_the_file_whether_kept_or_made_from_the_text(data: bytes) -> None:
    """A plain UTF-8 text file's bytes are not kept beside its text (they are made from it when
    asked for); every other file's are kept. Either way ``raw`` is the file's bytes."""
    from refcheck.loaders.text import load_text

    doc = load_text("a.txt", data)
    assert doc.raw == data
    kept = doc.__dict__["_raw"]
    assert (kept is None) == (data == "Trade (Millán 2001).\n".encode())
    assert Document(path="b", format="text", text="", source_map=doc.source_map).raw == b""
