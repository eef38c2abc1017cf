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


# --- a Manubot manuscript whose citations are all by identifier ------------------------------------------
# Benjamin-Lee/deep-rules content/: every citation is "[@doi:...]", "[@arxiv:...]", "[@url:...]", which
# Manubot resolves from the identifier, beside a manual-references.json of four items. refcheck said "no
# citations of any known style were found" of a manuscript with 128. And one item, "id":
# "url:https://christophm.github.io/interpretable-ml-book/", is cited "[@url:https://christophm.github.io/
# interpretable-ml-book/]": pandoc ends a key before its final '/' (its manual: only internal punctuation
# is part of a key, braces keep the rest), so Manubot looks up the URL without it and fetches its
# metadata (the output branch's references.json: "standard_id: url:https://christophm.github.io/
# interpretable-ml-book", not loaded from the manual references). That entry is not used, and why.

MANUBOT = {
    "content/metadata.yaml": 'title: "Ten tips"\nlang: en-US\n',
    "content/01.intro.md": (
        "## Introduction\n\nDeep learning [@doi:10.1038/nature14539; @arxiv:1404.7828] is popular "
        "[@pmid:26017442].\nRead a textbook [@url:https://christophm.github.io/interpretable-ml-book/].\n"
    ),
    "content/manual-references.json": (
        '[\n{"id": "url:https://github.com/manubot/rootstock", "type": "webpage",\n'
        ' "title": "manubot/rootstock GitHub repository", "issued": {"date-parts": [[2019]]},\n'
        ' "author": [{"given": "Daniel", "family": "Himmelstein"}]},\n'
        '{"id": "url:https://christophm.github.io/interpretable-ml-book/", "type": "book",\n'
        ' "title": "Interpretable Machine Learning", "URL": "https://christophm.github.io/interpretable-ml-book/",\n'
        ' "issued": {"date-parts": [[2019]]}, "author": [{"given": "Christoph", "family": "Molnar"}]}\n]\n'
    ),
}


def test_a_manubot_manuscript_cited_by_identifiers_is_said_so(tmp_path: Path) -> None:
    write(tmp_path, MANUBOT, git=True)
    found = findings(tmp_path / "content" / "01.intro.md")
    assert all(s == "info" for _, s, _ in found)
    messages = [m for r, _, m in found if r == "uncited-reference"]
    assert len(found) == len(messages) == 2
    assert "its 4 citation(s) are by persistent identifier" in messages[0]
    assert "no citations of any known style" not in messages[0]
    assert "the entry of manual-references.json" in messages[0]  # (the other is said on its own)
    near = messages[1]
    assert near.startswith(
        "url:https://christophm.github.io/interpretable-ml-book/ in manual-references.json"
    )
    assert (
        "before its final '/'" in near
        and "[@{url:https://christophm.github.io/interpretable-ml-book/}]" in near
    )


def test_a_manubot_key_braced_with_its_slash_cites_the_manual_reference(tmp_path: Path) -> None:
    files = dict(MANUBOT)
    files["content/01.intro.md"] = files["content/01.intro.md"].replace(
        "[@url:https://christophm.github.io/interpretable-ml-book/]",
        "[@{url:https://christophm.github.io/interpretable-ml-book/}]",
    )
    write(tmp_path, files, git=True)
    found = findings(tmp_path / "content" / "01.intro.md")
    assert [(r, s) for r, s, _ in found] == [("uncited-reference", "info")]
    assert found[0][2].startswith(
        "url:https://github.com/manubot/rootstock in manual-references.json is never cited"
    )


def test_a_manual_reference_without_id_is_cited_by_its_standard_citation(tmp_path: Path) -> None:
    # deep-rules' manual references give two items no "id", only "standard_citation":
    # "url:https://github.com/Benjamin-Lee/deep-rules"; Manubot keys them by it (CSL_Item.infer_id) and
    # its output loads them "from a manual reference file". refcheck dropped them (no id).
    files = dict(MANUBOT)
    files["content/manual-references.json"] = files["content/manual-references.json"].replace(
        "[\n",
        '[\n{"type": "webpage", "standard_citation": "url:https://github.com/Benjamin-Lee/deep-rules",\n'
        ' "title": "Benjamin-Lee/deep-rules GitHub repository", "issued": {"date-parts": [[2018]]},\n'
        ' "author": [{"given": "Benjamin", "family": "Lee"}]},\n',
        1,
    )
    files["content/01.intro.md"] += "Written on GitHub [@url:https://github.com/Benjamin-Lee/deep-rules].\n"
    write(tmp_path, files, git=True)
    found = findings(tmp_path / "content" / "01.intro.md")
    assert [(r, s) for r, s, _ in found] == [("uncited-reference", "info")] * 2
    assert found[0][2].startswith(
        "url:https://github.com/manubot/rootstock in manual-references.json is never"
    )
    assert found[1][2].startswith(
        "url:https://christophm.github.io/interpretable-ml-book/ in manual-references"
    )


def test_a_csl_item_without_id_is_no_entry_for_pandoc(tmp_path: Path) -> None:
    refs = (
        '[{"id": "lee2018", "type": "book", "title": "A book", "issued": {"date-parts": [[2018]]},\n'
        '  "author": [{"given": "B", "family": "Lee"}]},\n'
        ' {"type": "webpage", "standard_citation": "url:https://example.org/x", "title": "X",\n'
        '  "issued": {"date-parts": [[2019]]}, "author": [{"given": "C", "family": "Molnar"}]}]\n'
    )
    paper = "---\nbibliography: refs.json\n---\n\nAs shown [@lee2018].\n"
    write(tmp_path, {"paper.md": paper, "refs.json": refs})
    assert findings(tmp_path / "paper.md") == []


def test_a_front_matter_csl_item_without_id_is_no_entry_for_pandoc(tmp_path: Path) -> None:
    # (the same as a bibliography file's: read_named and inline_references leave it out alike)
    paper = (
        "---\nreferences:\n- id: lee2018\n  type: book\n  title: A book\n  issued: 2018\n"
        "  author:\n  - family: Lee\n    given: B\n"
        "- type: webpage\n  standard_citation: url:https://example.org/x\n  title: X\n  issued: 2019\n"
        "---\n\nAs shown [@lee2018].\n"
    )
    write(tmp_path, {"paper.md": paper})
    assert findings(tmp_path / "paper.md") == []
