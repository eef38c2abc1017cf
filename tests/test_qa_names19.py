"""Author lists written given names first whose initials have no full stops (names19): "A M Lohrer,
J. E. Hewitt, and S. F. Thrush. 2006." (an ACL list, PeerJ 3360 in the held-out styles set) was read
as the one author "A" with the initial "M". The first test failed before its fix; the others held
before and after it (the readings that must not change)."""

from __future__ import annotations

from refcheck.extract.names import read_names
from refcheck.extract.reference_list import parse_entry
from refcheck.model import Severity
from refcheck.pipeline import check_text

from . import names_reference
from .projects import manubot_cite, manubot_entry, manubot_page


def _alarms(text: str) -> list[str]:
    doc = check_text(text, "text", "a.txt")
    return [f"{f.rule}: {f.message}" for f in doc.findings if f.severity >= Severity.WARNING]


def _persons(text: str) -> list[list[tuple[str, str]]]:
    return [reader(text).persons for reader in (read_names, names_reference.read_names)]


def test_initials_without_full_stops_open_a_list_written_given_names_first() -> None:
    for text, want in (
        (
            "A M Lohrer, J. E. Hewitt, and S. F. Thrush. 2006. Assessing far-field effects. Marine "
            "Ecology Progress Series, 315:13–18.",
            [("Lohrer", "A M"), ("Hewitt", "J. E."), ("Thrush", "S. F.")],
        ),
        (
            "A M Lohrer, J E Hewitt and S F Thrush (2006) Assessing far-field effects. MEPS 315:13–18.",
            [("Lohrer", "A M"), ("Hewitt", "J E"), ("Thrush", "S F")],
        ),
        ("A M Lohrer. 2006. Assessing far-field effects. MEPS 315:13–18.", [("Lohrer", "A M")]),
        ("J Smith and K Jones. 2006. A title. Journal 3.", [("Smith", "J"), ("Jones", "K")]),
    ):
        for persons in _persons(text):
            assert persons == want, text
    entry = "A M Lohrer, J. E. Hewitt, and S. F. Thrush. 2006. Assessing far-field effects. MEPS, 315:13–18."
    ref = parse_entry(entry)
    assert (ref.authors, ref.year) == (["Lohrer", "Hewitt", "Thrush"], "2006")
    doc = (
        "Intro\n\nWaves may suspend fine sediments (Lohrer et al., 2006), as storms do "
        "(Rodil et al., 2011).\n\nReferences\n\n"
        f"{entry}\n\n"
        "I. F. Rodil, A. M. Lohrer, and J. E. Hewitt. 2011. Disturbance of sandflats. Ecological "
        "Applications, 21:416–426.\n"
    )
    assert _alarms(doc) == []


def test_surname_first_lists_keep_their_reading() -> None:
    # Vancouver's surname and bare initials, and a surname with its initial and a full stop, are not
    # read given names first (a surname is never one letter)
    for text, want in (
        ("Smith JA, Jones K. A title. J Clin Invest. 2014;3:1-4.", [("Smith", "JA"), ("Jones", "K")]),
        ("Smith J. Jones K. 2014. A title. Journal.", [("Smith", "J"), ("Jones", "K")]),
        (
            "Smith JA, Jones K, Lee M. 2014. A title. Journal.",
            [("Smith", "JA"), ("Jones", "K"), ("Lee", "M")],
        ),
        ("R Core Team (2012) R: a language and environment. Vienna.", [("R Core Team", "")]),
        ("E WJ, Zhang Y. A title. Journal. 2014;3:1-4.", [("E", "WJ"), ("Zhang", "Y")]),
        (
            "Lebedev M. A, Nicolelis M. A. L (2006) A title. Journal.",
            [("Lebedev", "MA"), ("Nicolelis", "MAL")],
        ),
    ):
        for persons in _persons(text):
            assert persons == want, text
    for text, authors in (
        ("Smith JA, Jones K. A title. J Clin Invest. 2014;3:1-4.", ["Smith", "Jones"]),
        ("Smith J. Jones K. 2014. A title. Journal.", ["Smith", "Jones"]),
    ):
        ref = parse_entry(text)
        assert (ref.authors, ref.year) == (authors, "2014"), text
    # a title that opens with "A" stays a title, and an entry a title of one letter and a word opens
    # without a year after it is no person
    for text in ("A Study of Things, 2006. Publisher.", "A B Testing primer. Publisher, 2006."):
        for persons in _persons(text):
            assert persons != [("Study", "A")] and persons[:1] != [("Testing", "A B")], text


# --- a Manubot entry with no title: its authors' block, then the journal --------------------------------
# greenelab/ben_heil_dissertation (manuscript.html of the output branch), entries 15 and 47: Manubot
# could not fetch the title, so the authors' <div class="csl-block"> is the entry's first block and
# the journal follows it; the two were read as one text, "Trevor Hastie, Robert Tibshirani, ...,
# Patrick Brown Genome Biology (2000)", the authors as whole names ("Trevor Hastie") and the last one
# run on into the journal ("Patrick Brown Genome Biology").


def test_a_manubot_entry_with_no_title_reads_its_authors_block() -> None:
    entries = [
        ("a1", "", "Trevor Hastie, Robert Tibshirani, Michael B Eisen, Patrick Brown", "Genome Biology", "2000"),
        ("a2", "", "Igor Kononenko, Edvard Šimec, Marko Robnik-Šikonja", "Applied Intelligence", "1997"),
        ("a3", "Auto-Encoding Variational Bayes", "Diederik P Kingma, Max Welling", "arXiv",
         "2014-05-02"),
    ]  # fmt: skip
    html = manubot_page(
        f'Shrunken centroids <span class="citation">[{manubot_cite("a1", 1)}]</span>, ReliefF '
        f'<span class="citation">[{manubot_cite("a2", 2)}]</span> and VAEs '
        f'<span class="citation">[{manubot_cite("a3", 3)}]</span>.',
        "".join(manubot_entry(e[0], i, *e[1:]) for i, e in enumerate(entries, start=1)),
    )
    doc = check_text(html, "html", "manuscript.html")
    read = [(r.authors, r.year, r.title) for r in doc.references]
    assert read[:2] == [
        (["Hastie", "Tibshirani", "Eisen", "Brown"], "2000", None),
        (["Kononenko", "Šimec", "Robnik-Šikonja"], "1997", None),
    ]
    assert read[2][1] == "2014"  # (a title that reads as names stays the entry's first block)
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == []
