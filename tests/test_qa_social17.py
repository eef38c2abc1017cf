"""False findings on real social-science, economics and policy projects of QA round 17 (qa17). Each
test is the smallest form of the pattern a public project uses, and failed before its fix."""

from __future__ import annotations

from pathlib import Path

from .projects import findings, write

# --- a raw TeX command under a Markdown "References" heading ----------------------------------------
# andrewheiss/Dissertation's comprehensive_exam.md (pandoc Markdown, cited by keys, its bibliography
# given on pandoc's command line) ends "# References" then "\hangstart", a raw TeX command that sets
# the hanging indent of the list pandoc writes after it. refcheck read "\hangstart" as the one entry
# of a list, and then each full note citation of a newspaper article ("Omar Halawa, "New draft law
# ...," *Egypt Independent*, February 14, 2013") was an error "not in the reference list". The list is
# built from the keys, from a bibliography not seen: nothing there to check a note against.

EXAM = (
    "---\ntitle: Who Controls Whom?\n---\n\nScholars such as @Blaydes:2011 argue this [@Stroup:2012]. The"
    ' law was tabled.^[Omar Halawa, "New draft law would limit the scope of work of NGOs," *Egypt'
    ' Independent*, February 14, 2013, <http://www.example.com/a>.] Groups objected.^[Human Rights'
    ' Watch, "Egypt: New Draft Law an Assault on Independent Groups," May 30, 2013.]\n\n'
    "# References\n\\hangstart\n"
)


def test_a_tex_command_under_the_references_heading_is_no_entry(tmp_path: Path) -> None:
    write(tmp_path, {"exam.md": EXAM})
    found = findings(tmp_path / "exam.md")
    assert [(r, s) for r, s, _ in found] == [("empty-document", "info")]
    for line in ("\\setlength{\\parindent}{-0.2in}", "\\noindent\\vspace{1em}"):
        write(tmp_path, {"exam.md": EXAM.replace("\\hangstart", line)})
        assert [(r, s) for r, s, _ in findings(tmp_path / "exam.md")] == [("empty-document", "info")]


def test_an_entry_in_tex_markup_is_still_an_entry(tmp_path: Path) -> None:
    listed = EXAM.replace(
        "\\hangstart",
        "\\hangstart\n\n\\textbf{Halawa, Omar}. 2013. “New draft law would limit the scope of work of NGOs.”"
        " *Egypt Independent*, February 14.\n",
    )
    write(tmp_path, {"exam.md": listed})
    rules = [(r, s) for r, s, m in findings(tmp_path / "exam.md") if "Halawa" in m]
    assert ("missing-reference", "error") not in rules
