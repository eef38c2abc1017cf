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


# --- a short note refers to the work of the full note before it ---------------------------------------
# A history paper (Chicago notes) lists two editions of one work under one title, the 1848 printing and
# a 1955 web edition; a full note of the 1848 edition is followed by short notes "Marx and Engels, The
# Communist Manifesto, 16". Each short note was an error, "fits 2 entries ... give the entries a/b".

TWO_EDITIONS = """# Communism

The Manifesto spread slowly.[^1] It attacked the bourgeoisie.[^2] It foresaw a revolution.[^3]
Later readers took it up again.[^4] They read it differently.[^5] Marx had left Germany.[^6] His
critics were many.[^7]

[^1]: Karl Marx and Friedrich Engels, The Communist Manifesto, (Charles H. Kerr & Company, 1848), 21-22.
[^2]: Marx and Engels, The Communist Manifesto, 16.
[^3]: Marx and Engels, The Communist Manifesto, 43.
[^4]: Karl Marx and Friedrich Engels, The Communist Manifesto, 1955, Bard.edu, xxvii.
[^5]: Marx and Engels, The Communist Manifesto, xxviii.
[^6]: Andrew Rowcroft, *Karl Marx* (Newgen Publishing UK, 2021), 35.
[^7]: Roger Paden, “Marx's Critique of the Utopian Socialists,” *Utopian Studies* 13, no. 2 (2002).

## Bibliography

Marx, Karl, and Friedrich Engels. *The Communist Manifesto.* Charles H. Kerr & Company, 1848.

Marx, Karl, and Friedrich Engels. “The Communist Manifesto.” Bard.edu, 1955.

Paden, Roger. “Marx's Critique of the Utopian Socialists.” *Utopian Studies* 13, no. 2 (2002).

Rowcroft, Andrew. *Karl Marx.* Newgen Publishing UK, 2021.
"""


def test_a_short_note_cites_the_work_of_the_full_note_before_it(tmp_path: Path) -> None:
    write(tmp_path, {"essay.md": TWO_EDITIONS})
    found = findings(tmp_path / "essay.md")
    assert not [f for f in found if f[1] != "info"], found


def test_a_short_note_of_two_editions_with_no_full_note_before_stays_ambiguous(tmp_path: Path) -> None:
    text = TWO_EDITIONS.replace(
        "[^1]: Karl Marx and Friedrich Engels, The Communist Manifesto, (Charles H. Kerr & Company, 1848), 21-22.",
        "[^1]: Marx and Engels, The Communist Manifesto, 21.",
    )
    text = text.replace(
        "[^4]: Karl Marx and Friedrich Engels, The Communist Manifesto, 1955, Bard.edu, xxvii.",
        "[^4]: Marx and Engels, The Communist Manifesto, 1955, xxvii.",
    )
    write(tmp_path, {"essay.md": text})
    found = findings(tmp_path / "essay.md")
    assert [r for r, s, _ in found if s == "error"] == ["ambiguous-citation"] * 3, found


# --- years in parentheses that date what the prose names -----------------------------------------------
# A history paper in Chicago notes: "one overlooked event: the Holodomor (1932-1933) was a Ukrainian
# genocide" read as an author-date citation of "Holodomor", an error. A GSF policy paper citing its
# "Sources" by naming them: a table cell "Limited (2026), reasonable (2030)" was its only author-date
# reading, an error, while no citation of the paper cites an entry of its list.

HOLODOMOR = """# Nationalities

One overlooked event: the Holodomor (1932-1933) was a genocide under the guise of famine.[^1] The
state deported whole peoples.[^2]

[^1]: Nicolas Werth, *The Great Ukrainian Famine of 1932-33* (Paris: Sciences Po, 2008), 4.
[^2]: Pavel Polian, *Against Their Will* (Budapest: Central European University Press, 2004), 12.

## Bibliography

Polian, Pavel. *Against Their Will*. Budapest: Central European University Press, 2004.

Werth, Nicolas. *The Great Ukrainian Famine of 1932-33*. Paris: Sciences Po, 2008.
"""

DISCLOSURE = """# Climate Disclosure Laws

SB 253 requires emissions reporting; SB 261 requires a climate risk report.

| Regime | Assurance |
|---|---|
| SB 253 | Limited (2026), reasonable (2030) |
| CSRD | Limited, then reasonable |

## Sources

California Legislature. 2023. *Senate Bill 253: Climate Corporate Data Accountability Act*.

California Legislature. 2023. *Senate Bill 261: Greenhouse Gases: Climate-Related Financial Risk*.

Green Software Foundation. 2024. *Software Carbon Intensity (SCI) Specification*.

European Commission. 2023. *Corporate Sustainability Reporting Directive*.
"""


def test_a_year_the_prose_of_a_notes_paper_gives_is_no_error(tmp_path: Path) -> None:
    write(tmp_path, {"analysis.md": HOLODOMOR})
    found = findings(tmp_path / "analysis.md")
    assert not [f for f in found if f[1] != "info"], found


def test_a_tables_year_in_a_paper_citing_its_sources_by_name_is_no_error(tmp_path: Path) -> None:
    write(tmp_path, {"laws.md": DISCLOSURE})
    found = findings(tmp_path / "laws.md")
    assert not [f for f in found if f[1] != "info"], found
    # the same reading where the paper cites its list by author and year stays an error
    cited = DISCLOSURE.replace("SB 261 requires", "SB 261 (European Commission 2023) requires")
    write(tmp_path, {"cited.md": cited})
    assert [r for r, s, _ in findings(tmp_path / "cited.md") if s == "error"] == ["missing-reference"]


# --- entries that begin with their title in quotation marks ---------------------------------------------
# History papers list works with no author by their title, in quotation marks: "“Marco Polo Bridge
# Incident Sino-Japanese War, 1937, Beijing Britannica.” November 25, 2024." took its year from the
# title (a note of the page was a year-mismatch against "1937", an error) and its "authors" from
# the title's pieces; "“The Code Napoleon: or, the French Civil Code,” ... (London: William Benning,
# 1827)" was dated 1804 (a year the subtitle names) with six "authors".


def test_an_entry_that_begins_with_its_title_takes_no_year_from_it() -> None:
    from refcheck.extract.reference_list import parse_entry

    marco = parse_entry(
        "“Marco Polo Bridge Incident  Sino-Japanese War, 1937, Beijing  Britannica.” November 25, 2024. "
        "https://www.britannica.com/event/Marco-Polo-Bridge-Incident."
    )
    assert (
        marco.year == "2024"
        and marco.title == "Marco Polo Bridge Incident Sino-Japanese War, 1937, Beijing Britannica"
    )
    code = parse_entry(
        "“The Code Napoleon: or, the French Civil Code,” Literally translated from the original and official "
        "edition, published at Paris, in 1804. By a Barrister of the Inner Temple (London: William Benning, "
        "1827). https://oll.libertyfund.org/titles/code-napoleon"
    )
    assert code.year == "1827" and code.title == "The Code Napoleon: or, the French Civil Code", code
    assert len(code.authors) <= 1, code.authors


TITLE_FIRST = """# The Road to War

Japan moved on Beijing in July.[^1] The incident began a long war.[^2] Manchuria was held.[^3]

[^1]: “Marco Polo Bridge Incident  Sino-Japanese War, 1937, Beijing Britannica,” November 25, 2024. https://www.britannica.com/event/Marco-Polo-Bridge-Incident.
[^2]: Rana Mitter, *Forgotten Ally: China's World War II* (Boston: Houghton Mifflin Harcourt, 2013), 79.
[^3]: Louise Young, *Japan's Total Empire* (Berkeley: University of California Press, 1998), 21.

## Bibliography

“Marco Polo Bridge Incident  Sino-Japanese War, 1937, Beijing  Britannica.” November 25, 2024. https://www.britannica.com/event/Marco-Polo-Bridge-Incident.

Mitter, Rana. *Forgotten Ally: China's World War II*. Boston: Houghton Mifflin Harcourt, 2013.

Young, Louise. *Japan's Total Empire*. Berkeley: University of California Press, 1998.
"""


def test_a_note_of_a_title_first_entry_fits_it(tmp_path: Path) -> None:
    write(tmp_path, {"analysis.md": TITLE_FIRST})
    found = findings(tmp_path / "analysis.md")
    assert not [f for f in found if f[1] != "info"], found


# --- a note's second work, after ";", in HTML ------------------------------------------------------------
# A policy brief converted to HTML by pandoc (no reference list: its works are cited in notes): "see
# European Parliament, ..., <em>Sargentini Report</em> (2018); Cato Institute, <em>How Viktor Orban’s
# Hungary Eroded the Rule of Law and Free Markets</em> (2024)." The HTML's text keeps the source's line
# breaks, and a name wrapped over two lines ("Cato\nInstitute") was no name: the second work was not read
# and the title's last words were an author-date citation, "Law and Free Markets (2024)", an error
# saying the document has no reference list. The Markdown and Word versions of the brief gave nothing.

BRIEF_HTML = """<!DOCTYPE html>
<html><head><title>Accountability Acts</title></head><body>
<h1>Accountability Acts</h1>
<p>The appointment pattern has precedents abroad.<a href="#fn1" class="footnote-ref" id="fnref1"
role="doc-noteref"><sup>1</sup></a> The courts have said so.<a href="#fn2" class="footnote-ref"
id="fnref2" role="doc-noteref"><sup>2</sup></a></p>
<section id="footnotes" class="footnotes footnotes-end-of-document" role="doc-endnotes">
<hr />
<ol>
<li id="fn1"><p>For documentation of the appointment-pattern
referenced, see European Parliament, Committee on Civil Liberties,
Justice and Home Affairs, <em>Sargentini Report</em> (2018); Cato
Institute, <em>How Viktor Orban’s Hungary Eroded the Rule of Law and
Free Markets</em> (2024). The brief’s reference is to a structural
pattern.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
<li id="fn2"><p><em>R. v. Wigglesworth</em>, [1987] 2 SCR 541.<a href="#fnref2"
class="footnote-back" role="doc-backlink">↩︎</a></p></li>
</ol>
</section>
</body></html>
"""


def test_a_notes_second_work_in_html_is_no_author_date_citation(tmp_path: Path) -> None:
    write(tmp_path, {"brief.html": BRIEF_HTML})
    found = findings(tmp_path / "brief.html")
    assert not [f for f in found if f[1] != "info"], found


# --- notes written in the bibliography's form -----------------------------------------------------------
# History papers whose notes copy the bibliography's entry, surname first: "Roscoe, Thomas, The London
# and Birmingham Railway, (1838), 51-54" (not in the bibliography: a real defect, reported "no entry by
# Roscoe titled 'Thomas'"), "Jordan, Thomas M. “Battle Command ...” Military Review 80, no. 2 (2000)",
# "King, Martin. The Battle of the Bulge ... 2019." (read as titled "Thomas M. “Battle Command ...", and
# "Martin").

INVERTED_NOTES = """# Railways and Battles

The line opened in 1838.[^1] Command was shared.[^2] The Allies held.[^3]

[^1]: Roscoe, Thomas, The London and Birmingham Railway, (1838), 51-54
[^2]: Jordan, Thomas M. “Battle Command: Bradley and Ridgway in the Battle of the Bulge.” Military Review 80, no. 2 (2000): 95-.
[^3]: King, Martin. The Battle of the Bulge: The Allies' Greatest Conflict on the Western Front. United Kingdom: Arcturus Publishing, 2019.

## Bibliography

Jordan, Thomas M. “Battle Command: Bradley and Ridgway in the Battle of the Bulge.” *Military Review* 80, no. 2 (2000): 95-.

King, Martin. *The Battle of the Bulge: The Allies' Greatest Conflict on the Western Front*. United Kingdom: Arcturus Publishing, 2019.
"""


def test_a_note_in_the_bibliographys_form_names_its_title(tmp_path: Path) -> None:
    write(tmp_path, {"analysis.md": INVERTED_NOTES})
    found = findings(tmp_path / "analysis.md")
    loud = [(r, m) for r, s, m in found if s != "info"]
    assert len(loud) == 1 and loud[0][0] == "missing-reference", found
    assert "titled 'The London and Birmingham Railway'" in loud[0][1], found


def test_a_full_note_is_not_held_to_a_year_read_from_its_entrys_title(tmp_path: Path) -> None:
    # a history paper as text: the note is read in full (1976); the entry, cut after its title, was
    # dated by the title's "1777-1783": a year-mismatch error for a note that cites it right
    text = INVERTED_NOTES.replace(
        "[^3]: King,",
        "[^3]: Harris, Robert D. “French Finances and the American War, 1777-1783.” The Journal of Modern "
        "History 48, no. 2 (1976): 233–58.\n[^4]: King,",
    ).replace("The Allies held.[^3]", "Finances failed.[^3] The Allies held.[^4]")
    text += "\nHarris, Robert D. “French Finances and the American War, 1777-1783.” The\n"
    write(tmp_path, {"analysis.md": text})
    found = findings(tmp_path / "analysis.md")
    assert not [f for f in found if f[0] == "year-mismatch"], found


# --- a bibliography whose entries are written as full notes ------------------------------------------
# A history paper's bibliography copies its notes, given names first: "A.D. Divine, Dunkirk (E.P.
# Dutton & Company, Inc., 1948), 39." was read as by "Divine" and "Dunkirk" (so the heading "# The
# Battle of Dunkirk (1940)" cited a listed "author"), "Federic F. Clairmont, "Stalingrad: Hitler's
# Nemesis", ... (2003)" as by "Federic" (the note "Frederic F. Clairmont, “Stalingrad: Hitler’s
# Nemesis” ..." was missing from the list, an error).

NOTES_AS_ENTRIES = """# The Battle of Dunkirk (1940)

The evacuation saved the army.[^1] Stalingrad broke it.[^2] The Bulge ended it.[^3]

[^1]: A.D. Divine, Dunkirk (E.P. Dutton & Company, Inc., 1948), 39.
[^2]: Frederic F. Clairmont, “Stalingrad: Hitler’s Nemesis”, Economic and Political Weekly Vol. 38, No. 27 (2003), pp. 2821.
[^3]: Toll, Seymour I. "Remembering the Battle of the Bulge." Sewanee Review 122, no. 2 (2014): 270-282.

## Bibliography

A.D. Divine, Dunkirk (E.P. Dutton & Company, Inc., 1948), 39.

Federic F. Clairmont, "Stalingrad: Hitler's Nemesis", Economic and Political Weekly Vol. 38, No. 27 (2003), pp2820-2821

Toll, Seymour I. "Remembering the Battle of the Bulge." Sewanee Review 122, no. 2 (2014): 270-282.
"""


def test_entries_written_as_full_notes_are_read_as_notes(tmp_path: Path) -> None:
    write(tmp_path, {"analysis.md": NOTES_AS_ENTRIES})
    found = findings(tmp_path / "analysis.md")
    assert not [f for f in found if f[1] != "info"], found
    assert not [m for r, _, m in found if "Dunkirk (1940)" in m], found  # (no entry by "Dunkirk")
