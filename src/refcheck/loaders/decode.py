"""Bytes to text: BOMs, UTF-8, UTF-16, a Windows-1252 fallback, and refusal of binary files."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from refcheck.errors import InputError

# Space characters folded to a plain space, one for one, so offsets and columns do not move.
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]")
# Every byte but the C0 controls a text file does not hold (tab, newline, form feed and CR are fine).
_NOT_CONTROL = b"\t\n\x0c\r" + bytes(range(32, 256))


@dataclass
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


def decode(data: bytes) -> Decoded:
    """Decode a text file; raise InputError for binary input. An empty file is an empty text (the
    ``empty-document`` rule says so)."""
    if not data or data.isspace():  # (``not data.strip()``, without a copy of the bytes)
        return Decoded(data.decode("ascii"), "utf-8")
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32")):
        if data.startswith(bom) and len(data) % 4 == 0:
            return Decoded(_strict(data, enc), enc)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(_strict(data, "utf-16"), "utf-16")
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(_strict(data[3:], "utf-8"), "utf-8-sig")
    sample = data[:65536]
    if b"\x00" in sample:
        raise InputError("binary file (it contains NUL bytes), not a text document")
    controls = len(sample.translate(None, _NOT_CONTROL))  # the bytes left are the control bytes
    if controls > len(sample) // 100 + 8:
        raise InputError("binary file (it is full of control characters), not a text document")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[bad]:02x} at offset {bad}) and not Windows-1252 either"
        ) from None
    return Decoded(
        text,
        "cp1252",
        f"not valid UTF-8 (byte 0x{data[bad]:02x} at offset {bad}); read as Windows-1252 — "
        "save the file as UTF-8 to be sure of its accents",
    )


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid {encoding.upper()} (offset {exc.start})") from None


def normalise(text: str) -> str:
    """Line breaks to "\\n" (CR before LF dropped, a lone CR becomes LF), Unicode spaces to " ".

    Dropping the CR of a CRLF moves no line and no column; every other change is one for one.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.lstrip("\ufeff")
    if text.isascii():
        return text  # no Unicode space to fold (str.isascii is told at once; the scan is not)
    return _SPACES.sub(" ", text)
