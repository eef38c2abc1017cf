"""False findings on real projects of QA round 16 (qa16b). Each test is the smallest form of the
pattern a public project uses, and failed before its fix."""

from __future__ import annotations

from pathlib import Path

from .projects import findings, write

# --- "%@article{key," in a .bib: a live entry for BibTeX -------------------------------------------------
# saundersmtt/Dissertation-V2 CH2/refs.bib: one entry's first line is "%@article{pronk:2013," and its
# fields follow uncommented. BibTeX has no comments in a .bib (btxdoc: anything outside an entry is
# ignored, an '@' starts an entry wherever it stands), so it reads the entry (pybtex too). refcheck
# skipped the line, then warned that the fields after the entry before it "look like part of an entry
# (an extra '}'?)", and a \cite of the key was "not in the reference list". biber (btparse) skips a '%'
# line between entries: there the entry is off, and its fields are no lost piece of another entry.

BIB = """@article{essmann:1995,
  title={A smooth particle mesh Ewald method},
  author={Essmann, Ulrich and Perera, Lalith},
  journal={The Journal of Chemical Physics},
  year={1995}
}
%@article{pronk:2013,
  title={GROMACS 4.5: a high-throughput molecular simulation toolkit},
  author={Pronk, Sander and Pall, Szilard},
  journal={Bioinformatics},
  year={2013}
}
@book{oren:1998,
  title={Microbiology of hypersaline environments},
  author={Oren, Aharon},
  publisher={CRC Press},
  year={1998}
}
"""
BIBTEX = (
    "\\documentclass{article}\n\\begin{document}\nMD \\cite{essmann:1995,pronk:2013} in brine "
    "\\cite{oren:1998}.\n\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n"
)
BIBER = (
    "\\documentclass{article}\n\\usepackage{biblatex}\n\\addbibresource{refs.bib}\n\\begin{document}\n"
    "MD \\cite{essmann:1995} in brine \\cite{oren:1998}.\n\\printbibliography\n\\end{document}\n"
)


def test_an_entry_after_a_percent_sign_is_read_as_bibtex_reads_it(tmp_path: Path) -> None:
    write(tmp_path, {"thesis.tex": BIBTEX, "refs.bib": BIB})
    assert findings(tmp_path / "thesis.tex") == []


def test_an_entry_after_a_percent_sign_is_off_for_biber_and_said_nothing_of(tmp_path: Path) -> None:
    write(tmp_path, {"thesis.tex": BIBER, "refs.bib": BIB})
    assert findings(tmp_path / "thesis.tex") == []


def test_an_entry_commented_out_line_by_line_stays_off(tmp_path: Path) -> None:
    # BibTeX reads "%@article{pronk:2013," then stops at "%  title" with an error and an empty entry;
    # the author meant the entry off: refcheck keeps it out, and a field after it is still a lost piece
    off = BIB.replace("\n  title={GROMACS", "\n%  title={GROMACS").replace(
        "\n  author={Pronk", "\n%  author={Pronk"
    )
    off = off.replace("\n  journal={Bioinf", "\n%  journal={Bioinf").replace(
        "\n  year={2013}\n}", "\n%  year={2013}\n%}"
    )
    tex = BIBTEX.replace("essmann:1995,pronk:2013", "essmann:1995")
    write(tmp_path, {"thesis.tex": tex, "refs.bib": off})
    assert findings(tmp_path / "thesis.tex") == []
    write(tmp_path, {"refs.bib": off.replace("%}\n", "%}\n  note={lost}\n")})
    assert [(r, s) for r, s, _ in findings(tmp_path / "thesis.tex")] == [("input-bibliography", "warning")]
