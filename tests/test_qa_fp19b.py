"""QA round fp19b: false alarms left by this session's rounds. Each test rebuilds the shape of a real
case in a small file and failed before its fix."""

from __future__ import annotations

from pathlib import Path

from .projects import findings, manubot_cite, manubot_entry, manubot_page, write

LIST = """

## References

- Smith, J. (2010). Climate diplomacy. Journal of Things, 3, 1-10.
- Jones, K. (2012). Treaties and targets. Journal of Things, 5, 11-20.
"""


def _severities(path: Path) -> list[tuple[str, str]]:
    return [(rule, severity) for rule, severity, _ in findings(path)]


def test_a_reading_list_item_in_emphasis_gives_its_work_in_full(tmp_path: Path) -> None:
    """A literature review's numbered, annotated list of works ("8. **Kuhn (1962/1970)** — *The
    Structure of Scientific Revolutions*. University of Chicago Press.", "13. **Foxon (2002)** —
    "Technological lock-in ..." ICCEPT Working Paper.") beside a short list of other works: each item
    gives its work in full where it stands, as "- Chambers (2008). *Software for Data Analysis*,
    Springer" does, but each was a missing-reference error (7 on the real page). Info."""
    text = (
        "# Review\n\nAs Smith (2010) says, and Jones (2012).\n\n"
        "8. **Kuhn (1962/1970)** \u2014 *The Structure of Scientific Revolutions*. University of Chicago "
        "Press.\n   - Normal science as puzzle-solving.\n\n"
        '13. **Foxon (2002)** \u2014 "Technological and institutional lock-in as a barrier to sustainable '
        'innovation." ICCEPT Working Paper, Imperial College London.\n\n'
        '22. **Caliskan & Callon (2009, 2010)** \u2014 "Economization" Parts 1 and 2. *Economy and '
        "Society*.\n\n- Chambers (2008). *Software for Data Analysis*, Springer.\n" + LIST
    )
    write(tmp_path, {"review.md": text})
    found = findings(tmp_path / "review.md")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "info")] * 5
    assert all("gives the work in full where it stands" in m for _, _, m in found), found


def test_a_cited_name_in_a_list_item_stays_an_error(tmp_path: Path) -> None:
    """Controls: a list item whose sentence cites a work ("- Brown (2015) showed that *all* rates
    rose.", "- Green (2014): *all* of them") gives no work in full, nor does a citation after the
    item's first words ("- As White (2013) wrote, *The Structure* ..."): errors, as before."""
    text = (
        "# Notes\n\nAs Smith (2010) says, and Jones (2012).\n\n"
        "- Brown (2015) showed that *all* rates rose.\n"
        "- Green (2014): *all* of them rose.\n"
        "- As White (2013) wrote, *The Structure of Things* is a classic.\n" + LIST
    )
    write(tmp_path, {"notes.md": text})
    assert _severities(tmp_path / "notes.md") == [("missing-reference", "error")] * 3


PT_LIST = """

Referências

SILVA, J. Química no Brasil. Rio de Janeiro: Editora, 2010.
SOUZA, M. A reforma. São Paulo: Ed., 2012.
"""


def test_a_title_place_and_year_in_brackets_is_no_author(tmp_path: Path) -> None:
    """A SciELO article on animation, rendered in nine styles: "os primeiros shows animados
    (Pantomimes lumineuses, Paris, 1892)" gives a work's title, place and year, read as the author
    Paris: an error on each of 18 renderings. A title (a capitalised word, then lowercase ones) before
    the name in the same bracket: info. A prefix there ("(Por exemplo, Paris, 1892)") or a
    group ("(Silva, 2010; Paris, 1892)") stays a citation."""
    text = (
        "Como diz Silva (2010), os primeiros shows animados (Pantomimes lumineuses, Paris, 1892) foram os "
        "de Reynaud. Souza (2012) concorda." + PT_LIST
    )
    write(tmp_path, {"a.txt": text})
    found = findings(tmp_path / "a.txt")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "info")]
    assert "place of publication" in found[0][2]
    controls = (
        "Como diz Silva (2010), isto vale (Por exemplo, Lopes, 1892) e (Souza, 2012; Paris, 1892)." + PT_LIST
    )
    write(tmp_path, {"b.txt": controls})
    assert _severities(tmp_path / "b.txt") == [("missing-reference", "error")] * 2


def test_an_institution_after_a_preposition_is_no_author(tmp_path: Path) -> None:
    """A SciELO history of chemistry, rendered in nine styles: "a famigerada reforma da Universidade de
    Coimbra (1772)" and "professor ... na Universidade de Coimbra (1801)" dated the institution's
    events, read as the author "de Coimbra": 2 errors on each of 18 renderings. The last words of an
    institution's name after a preposition (English "the reform of the University of Coimbra (1772)"
    alike): info. After a determiner ("o Conselho Nacional de Justiça (2015)") or "segundo a" it
    names its work: an error, as before."""
    text = (
        "Como diz Silva (2010), a reforma da Universidade de Coimbra (1772) foi famosa; ele foi professor "
        "na Universidade de Coimbra (1801). Souza (2012) concorda." + PT_LIST
    )
    write(tmp_path, {"a.txt": text})
    found = findings(tmp_path / "a.txt")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "info")] * 2
    assert all("institution after a preposition" in m for _, _, m in found)
    english = (
        "As Smith (2010) says, the reform of the University of Coimbra (1772) was famous.\n\n"
        "References\n\nSmith, J. (2010). Climate diplomacy. Journal of Things, 3, 1-10.\n"
    )
    write(tmp_path, {"e.txt": english})
    assert _severities(tmp_path / "e.txt") == [("missing-reference", "info")]
    controls = (
        "Como diz Silva (2010), o Conselho Nacional de Justiça (2015) publicou, e segundo a Universidade "
        "de Coimbra (2016) também. Souza (2012) concorda." + PT_LIST
    )
    write(tmp_path, {"b.txt": controls})
    assert _severities(tmp_path / "b.txt") == [("missing-reference", "error")] * 2


def test_a_manubot_entry_s_title_is_no_author(tmp_path: Path) -> None:
    """A Manubot dissertation's HTML (greenelab/ben_heil_dissertation, output branch) lists a preprint
    and its journal version with one DOI; the duplicate-reference warning is true but read the
    earlier entry's title as its author: 'Quantifying 2017, "and suppressing ranking bias…"'. Manubot's
    title comes first, in a block before its authors': the entry is read so, "Vaccario et al. 2017"."""
    doi = "10.1016/j.joi.2017.05.014"
    title = "Quantifying and suppressing ranking bias in a large citation network"
    authors = "Giacomo Vaccario, Matus Medo, Nicolas Wider, Manuel Sebastian Mariani"
    entries = [
        ("a1", title, authors, "arXiv", "2017-08-30", doi),
        ("b2", "Tradition and Innovation in Scientists\u2019 Research Strategies",
         "Jacob G Foster, Andrey Rzhetsky, James A Evans", "American Sociological Review", "2015-10",
         "10.1177/0003122415601618"),
        ("c3", title, authors, "Journal of Informetrics", "2017-08", doi),
    ]  # fmt: skip
    cites = ",".join(manubot_cite(e[0], i) for i, e in enumerate(entries, 1))
    html = manubot_page(
        f'Rankings <span class="citation" data-cites="x">[{cites}]</span>.',
        "".join(manubot_entry(e[0], i, *e[1:]) for i, e in enumerate(entries, start=1)),
    )
    write(tmp_path, {"manuscript.html": html})
    found = findings(tmp_path / "manuscript.html")
    assert [(r, s) for r, s, _ in found] == [("duplicate-reference", "warning")], found
    assert "Vaccario et al. 2017" in found[0][2] and "Quantifying 2017" not in found[0][2], found


def test_a_manubot_author_list_with_its_middle_elided_is_read(tmp_path: Path) -> None:
    """The same dissertation: Manubot elides the middle of a long author list ("..., Emily M
    Martersteck, … Steven A McCarroll"); the block was no list of persons, so the entry was read from
    its joined text, its title's words as its author (20 of its 210 entries). The ellipsis parts two
    names."""
    from refcheck.pipeline import CheckOptions, check_file

    many = ", ".join(f"Person{chr(65 + k)} Q Name{chr(65 + k)}" for k in range(10))
    entries = [
        ("a1", "Highly Parallel Genome-wide Expression Profiling of Individual Cells", many + ", \u2026 Steven A McCarroll",
         "Cell", "2015-05", "10.1016/j.cell.2015.05.002"),
        ("b2", "Tradition and Innovation in Scientists\u2019 Research Strategies",
         "Jacob G Foster, Andrey Rzhetsky, James A Evans", "American Sociological Review", "2015-10",
         "10.1177/0003122415601618"),
    ]  # fmt: skip
    cites = ",".join(manubot_cite(e[0], i) for i, e in enumerate(entries, 1))
    html = manubot_page(
        f'Cells <span class="citation" data-cites="x">[{cites}]</span>.',
        "".join(manubot_entry(e[0], i, *e[1:]) for i, e in enumerate(entries, start=1)),
    )
    write(tmp_path, {"manuscript.html": html})
    doc = check_file(str(tmp_path / "manuscript.html"), CheckOptions(links=False, verify=False)).doc
    assert doc is not None and doc.references
    first = doc.references[0]
    assert first.authors[0] == "NameA" and first.authors[-1] == "McCarroll", first.authors
    assert first.title == "Highly Parallel Genome-wide Expression Profiling of Individual Cells"
