"""Expressions that match only where a line begins, searched only there.

Python's engine tries an expression that begins with "^" (``re.M``) at every character of the text:
it has no first character to skip to. Over a long document each such search of the whole text
costs about as much as reading its reference list's headings. ``AtLineStart`` finds the same
matches by searching for the line break before each line (a literal first character, which the
engine skips to at once) and then matching the expression itself there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


class AtLineStart:
    """``pattern`` (``re.M``, beginning with "^" that holds for the whole of it: no "|" at its top
    level; never matching the empty string) with its ``search`` and ``finditer``, which give the
    very matches the pattern's own give (its own ``re.Match`` objects), found several times sooner."""

    __slots__ = ("_after_break", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        if not pattern.pattern.startswith("^") or not pattern.flags & re.M:
            raise ValueError(f"not a pattern anchored at line starts: {pattern.pattern!r}")
        self.pattern = pattern
        # the line break before a line, then the pattern after its "^" (which holds after a break)
        self._after_break = re.compile("\n(?:" + pattern.pattern[1:] + ")", pattern.flags)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """``self.pattern.search(text, pos, endpos)``."""
        end = len(text) if endpos is None else min(endpos, len(text))
        pos = max(pos, 0)
        # "^" holds at the text's start and after a line break, wherever the search starts
        if pos == 0 or (pos <= end and text[pos - 1] == "\n"):
            m = self.pattern.match(text, pos, end)
            if m is not None:
                return m
        while (brk := self._after_break.search(text, pos, end)) is not None:
            m = self.pattern.match(text, brk.start() + 1, end)  # (the pattern's own match object)
            if m is not None:
                return m
            pos = brk.start() + 1  # pragma: no cover (the same expression there: it matches)
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """``self.pattern.finditer(text, pos, endpos)`` (for a pattern that never matches empty)."""
        while (m := self.search(text, pos, endpos)) is not None:
            yield m
            pos = m.end() if m.end() > m.start() else m.end() + 1
