"""Text from documents made inert for whoever reads refcheck's output: one escaping for every output.

Text taken from a document or a file name (citations, entries, URLs, paths, messages that quote
them) is untrusted. Before it reaches a terminal, a CI log, stderr or an XML/HTML page, every
character that could act on the reader is shown as a visible backslash escape instead: C0 and C1
controls (so ESC, and with it every ANSI/CSI/OSC sequence), DEL, lone surrogates (a byte of a file
name that is not UTF-8 shows as ``\\xff``), line and paragraph separators, bidirectional embeddings,
overrides and isolates, and the non-characters U+FFFE/U+FFFF.

``clean`` is for report text (a newline shows as ``\\n`` unless the caller keeps it); ``one_line``
is for error lines and notes (runs of white space folded to one space first, so a message is always
one line). Both use the same character set and the same escapes. This module imports nothing from
refcheck, so the errors module and the reporters can both use it.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, surrogates, U+2028/2029, bidi embeddings/overrides/isolates, U+FFFE/FFFF.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": " "}


def escape_char(ch: str) -> str:
    """The visible form of one unsafe character."""
    code = ord(ch)
    if ch in _SHORT:
        return _SHORT[ch]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape (file names)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(s: object, keep: str = "") -> str:
    """``s`` with every character that could act on a terminal, a CI log or an XML parser made
    visible (ESC as ``\\x1b``, a newline as ``\\n``, a tab as a space); characters in ``keep``
    (``"\\n"``, ``"\\t"``) are left as they are."""
    text = str(s)
    if not UNSAFE.search(text):
        return text
    return UNSAFE.sub(lambda m: m.group(0) if m.group(0) in keep else escape_char(m.group(0)), text)


def one_line(text: object) -> str:
    """``text`` on one line: runs of white space folded to one space, then ``clean``ed, so that a
    message quoting a file name or a document can never start a new output line or act on a
    terminal."""
    return clean(" ".join(str(text).split()))
