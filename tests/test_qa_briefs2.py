"""False alarms and misses found by running refcheck on students' history papers (one course template,
Chicago notes) and policy briefs (QA round 12, second pass): each test is the smallest form of a
pattern a public document uses, and failed before its fix. The source of each pattern is named beside
its test."""

from __future__ import annotations

from pathlib import Path

from .projects import findings, write

# --- footnote definitions indented as code -------------------------------------------------------------
# A history paper of a course template (the "analysis" page): every "[^n]:" definition indented four
# spaces after a blank line, so a Markdown site renders them as an indented code block. Each marker was
# reported "has no footnote" (21 errors) for one cause; one of the notes is also written "[^3}:", a
# defect of its own.

INDENTED_NOTES = """# Turning Points

The Germans used lightning warfare.[^1] The evacuation saved the army.[^2] Losses were heavy.[^3]
The rearguard held.[^4]

    [^1]: "The German Lightning War Strategy," Imperial War Museums, accessed November 15, 2024.
    [^2]: A.D. Divine, Dunkirk (New York: E.P. Dutton, 1948), 39.
    [^3}: Basil Liddell Hart, The Other Side of the Hill (London: Pan Books, 1983), 188.
    [^4]: Ibid., 42.
"""


def test_notes_indented_as_code_are_one_finding(tmp_path: Path) -> None:
    write(tmp_path, {"analysis.md": INDENTED_NOTES})
    found = findings(tmp_path / "analysis.md")
    loud = [(r, m) for r, s, m in found if s != "info"]
    indented = [m for r, m in loud if "indented" in m]
    assert len(indented) == 1 and "code" in indented[0] and "[^1]" in indented[0], found
    # the marker whose note is written "[^3}:" has no note at all: said on its own
    undefined = [m for r, m in loud if r == "footnote-undefined" and "indented" not in m]
    assert len(undefined) == 1 and "[3]" in undefined[0], found
    assert len(loud) == 2, found


def test_indented_code_showing_a_note_is_still_code(tmp_path: Path) -> None:
    # a page that shows Markdown's syntax: no marker in the prose names the note, nothing to say
    write(
        tmp_path,
        {"howto.md": "# Notes\n\nWrite a note like this:\n\n    Text.[^a]\n\n    [^a]: The note.\n\nDone.\n"},
    )
    assert not [f for f in findings(tmp_path / "howto.md") if f[1] != "info"]
