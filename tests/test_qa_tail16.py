"""QA round 16: a working paper converted from PDF to Markdown (an NBER paper), whose figure and table
pages follow "# References" with no heading of their own. Their captions, axis labels and table
cells were read as entries of the list, each a false uncited-reference warning. Each test rebuilds
the shape in a small Markdown file."""

from __future__ import annotations

from pathlib import Path

from .projects import findings

_BODY = """# The Path of Productivity in Construction

Earlier work found a decline (Allen 1985; Domar 1961), and later work a rise in markups
(De Loecker, Eeckhout, and Unger 2020). Gordon (1968) measured structures.

# References

Allen, Steven G. 1985. “Why Construction Industry Productivity Is Declining.”
Review of Economics and Statistics, 67(4): 661-9.
De Loecker, Jan, Jan Eeckhout, and Gabriel Unger. 2020. “The Rise of Market
Power and the Macroeconomic Implications.” Quarterly Journal of
Economics, 135(2): 561-644.
Domar, Evsey D. 1961. “On the Measurement of Technological Change.”
Economic Journal, 71(284): 709-29.

21

Gordon, Robert J. 1968. “A New View of Real Investment in Structures.” Review
of Economics and Statistics, 50(4): 417-28.
"""

# the figure and table pages after the list: captions, axis numbers and labels, table cells
_FIGURES = """
22

Figure 1

Indexes of Value Added Per Worker, Overall U.S.
and Construction Sector (BEA Data)
300
250
200

Value Added per FTE GDP

TFP (Value Added) Construction

2019

2016

2013

Notes: Data from the Bureau of Economic Analysis, 1947-2019.

Table 1. Change in State’s Share of U.S. Construction Value

(1)
Change in state’s
share of U.S. net
construction, 1972-2017 (percent)
-2.92
(0.48)

Year FE
State FE

Yes
Yes
459
"""


def test_figure_pages_after_the_list_are_no_entries(tmp_path: Path) -> None:
    path = tmp_path / "paper.md"
    path.write_text(_BODY + _FIGURES, encoding="utf-8")
    found = findings(path)
    assert [f for f in found if f[0] in ("uncited-reference", "missing-reference")] == []
    assert not [f for f in found if f[1] != "info"], found


def test_a_hand_wrapped_list_is_not_cut_at_a_table_line(tmp_path: Path) -> None:
    """A line of a wrapped entry that opens with "Table 2" or "Figure 3" ends no list: entries that
    look like entries follow, and each cited entry still links (no missing-reference)."""
    text = """# Report

Earlier work (Allen 1985; Baker 2001; Carter 2010) describes the sector.

# References

Allen, Steven G. 1985. “Why Construction Industry Productivity Is Declining,
Table 2 Revisited.” Review of Economics and Statistics, 67(4): 661-9.

Baker, Ann. 2001. “Wages in the Census of Construction: Notes on
Figure 3 of the 1997 Census.” Monthly Labor Review, 12: 1-9.

Carter, Bo. 2010. “Measuring Productivity.” Journal of Economic
Perspectives, 31(2): 165-86.
"""
    path = tmp_path / "report.md"
    path.write_text(text, encoding="utf-8")
    assert not [f for f in findings(path) if f[1] != "info"]


def test_a_pdf_wrapped_list_stays_one_entry_an_entry(tmp_path: Path) -> None:
    """Entries wrapped at a width with no blank lines between them, two lines a PDF's conversion
    joined across a break running far past that width: each wrapped line continues its entry (not
    "Review of Economics and Statistics", a journal, as an uncited entry of its own); a journal's
    "January 2018: 1-33." continues one too, and "Orr, Scott. Forthcoming." opens one."""
    text = """# Productivity

Studies differ (Allen 1985; Brynjolfsson, Rock, and Syverson 2021; Chandra et al. 2016; Domar 1961;
Gordon 1968; Hulten 1992; Orr forthcoming; Sveikauskas et al. 2018; Syverson 2017).

# References

Allen, Steven G. 1985. “Why Construction Industry Productivity Is Declining.”
Review of Economics and Statistics, 67(4): 661-9.
Brynjolfsson, Erik, Daniel Rock, and Chad Syverson. 2021. “The Productivity JCurve: How Intangibles Complement General Purpose Technologies.”
American Economic Journal: Macroeconomics, 13(1): 333-72.
Chandra, Amitabh, Amy Finkelstein, Adam Sacarny, and Chad Syverson. 2016.
“Health Care Exceptionalism? Performance and Allocation in the US
Health Care Sector.” American Economic Review, 106(8): 2110-44.
Domar, Evsey D. 1961. “On the Measurement of Technological Change.”
Economic Journal, 71(284): 709-29.
Gordon, Robert J. 1968. “A New View of Real Investment in Structures, 19191966.” Review of Economics and Statistics, 50(4): 417-28.
Hulten, Charles R. 1992. “Growth Accounting When Technical Change is
Embodied in Capital.” American Economic Review, 82(4): 964-80.
Orr, Scott. Forthcoming. “Within-Firm Productivity Dispersion: Estimates and
Implications.” Journal of Political Economy.
Sveikauskas, Leo, Samuel Rowe, James Mildenberger, Jennifer Price, and
Arthur Young. 2018. “Measuring Productivity Growth in Construction.”
Monthly Labor Review, January 2018: 1-33.
Syverson, Chad. 2017. “Challenges to Mismeasurement Explanations for the
US Productivity Slowdown.” Journal of Economic Perspectives, 31(2): 16586.
"""
    path = tmp_path / "paper.md"
    path.write_text(text, encoding="utf-8")
    assert findings(path) == []


def test_an_index_base_year_is_no_citation(tmp_path: Path) -> None:
    """ "Capital Stocks (2012 = 100)" in a figure's title names an index's base year, no work."""
    text = """# Paper

The index of Capital Stocks (2012 = 100) rose, as Allen (1985) found; Figure 2 shows Materials
Productivity (1950=100) by year.

# References

Allen, Steven G. 1985. “Why Construction Productivity Is Declining.” Review of Economics, 67(4): 661-9.
"""
    path = tmp_path / "paper.md"
    path.write_text(text, encoding="utf-8")
    assert findings(path) == []
