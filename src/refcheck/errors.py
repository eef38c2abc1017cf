"""Errors that are not findings. Each is reported in one line naming what and why, exit status 2.

``InputError`` ends the checking of one input file (the other files are still checked);
``UsageError`` (bad options, configuration or baseline) and ``OutputError`` (a report or baseline
that cannot be written) concern the whole run.
"""


class InputError(Exception):
    """A file that cannot be read or understood: the message names the reason, the CLI adds the path."""


class UsageError(Exception):
    """Bad options or configuration."""


class OutputError(Exception):
    """A report or baseline file that cannot be written: the message names the file and the reason."""


def one_line(text: str) -> str:
    """``text`` on one line: runs of whitespace folded, control characters shown as escapes, so that a
    message quoting a file name or a document can never start a new output line."""
    out = []
    for ch in " ".join(text.split()):
        code = ord(ch)
        if code < 0x20 or 0x7F <= code < 0xA0 or ch in "\u2028\u2029":
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        elif 0xD800 <= code < 0xE000:  # a lone surrogate: an undecodable byte of a file name
            out.append(f"\\x{code - 0xDC00:02x}" if code >= 0xDC80 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)
