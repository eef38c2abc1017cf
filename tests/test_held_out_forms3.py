"""Citation forms of published articles outside the dev corpus (rendered as ../shared/corpus/README.md
describes; PLOS, CC-BY), each sentence the article's own, the reference entries shortened.

- "corrected for potential nitrate interferences (see 40)" (pone.0070598): a document citing "[4]"
  wrote one citation without its brackets, after "see"; the entry was said uncited;
- "Penn Treebank [Internet]. University of Pennsylvania..." and "CLiPS Penn Treebank [Internet].
  Computational Linguistics ..." (pone.0126470): two web resources in NLM's form, each one's name
  read as its author and "[Internet]" as its title, were said to be one work listed twice;
- "National Center for Biotechnology Information (U.S.) (2001)" (pbio.0020334, there after "Riddle
  and"), "World Health Organization (WHO) (2010)": an organisation's country or acronym between its
  name and the year; the narrative citation went unread and its entry was said uncited.
"""

from __future__ import annotations

from refcheck.pipeline import check_text

NUMBERED = "".join(
    f"{i}. Author{chr(65 + i % 26)} J (2001) A study of lake water {i}. Water Res 1: 1-2.\n"
    for i in range(1, 43)
)


def test_a_cued_number_in_parentheses_in_a_bracket_document() -> None:
    doc = check_text(
        "Lake water browning [1]-[39], [41], [42].\n\nAll spectra were corrected for potential nitrate "
        "interferences (see 40). All absorbance intensities at a particular wavelength are expressed "
        "here as m-1.\n\nReferences\n\n" + NUMBERED
    )
    assert [c.numbers for c in doc.citations][-1] == (40,)
    assert [f.rule for f in doc.findings if f.rule == "uncited-reference"] == []


def test_a_cued_number_past_the_list_is_no_citation_there() -> None:
    doc = check_text(
        "Lake water browning [1]-[42].\n\nAll spectra were corrected (see 60).\n\nReferences\n\n" + NUMBERED
    )
    assert [c.text for c in doc.citations] == ["[1]-[42]"]
    assert doc.findings == []


def test_a_thousands_number_after_a_cue_is_no_citation() -> None:
    # pmed.0020124: "(e.g., 30,000 genes tested, of which 30 may be the true culprits) [30,31]"
    doc = check_text(
        "Lake water browning [1]-[29].\n\nIn research with massive testing, where tested relationships exceed "
        "true ones 1,000-fold (e.g., 30,000 genes tested, of which 30 may be the true culprits) [30,31], "
        "PPV is low.\n\nReferences\n\n" + NUMBERED.split("32. ")[0]
    )
    thirty = [c.start for c in doc.citations if 30 in c.numbers]
    assert thirty == [doc.text.index("[30,31]") + 1]


def test_two_web_resources_titled_only_internet_are_two_works() -> None:
    entries = (
        "1. Penn Treebank [Internet]. University of Pennsylvania—Penn Treebank; c2014 May. Available from: "
        "http://www.cis.upenn.edu/~treebank/.\n"
        "2. CLiPS Penn Treebank [Internet]. Computational Linguistics & Psycholinguistics Research Center; "
        "c2014 May. Available from: http://www.clips.ua.ac.be/pages/mbsp-tags.\n"
    )
    text = "The tags follow the Penn Treebank [1, 2].\n\nReferences\n\n"
    assert check_text(text + entries).findings == []
    # the same entry twice is still a duplicate
    again = entries + "3." + entries.split("\n")[0][2:] + "\n"
    doc = check_text(text.replace("[1, 2]", "[1-3]") + again)
    assert [f.rule for f in doc.findings] == ["duplicate-reference"]


def test_an_organisations_acronym_before_the_year() -> None:
    entries = (
        "National Center for Biotechnology Information (2005) GenBank. Bethesda, MD.\n"
        "World Health Organization (2010) Global status report on noncommunicable diseases. Geneva: WHO.\n"
    )
    doc = check_text(
        "The sequences were taken from National Center for Biotechnology Information (U.S.) (2005). As the "
        "World Health Organization (WHO) (2010) reports, the burden grows; The Lancet (UK) (2011) agrees."
        "\n\nReferences\n\n" + entries
    )
    assert [c.text for c in doc.citations] == [
        "National Center for Biotechnology Information (U.S.) (2005)",
        "World Health Organization (WHO) (2010)",
    ]
    assert doc.findings == []


def test_chicago_later_authors_given_names_first_are_matched_by_surname() -> None:
    # A pandoc-made paper in Chicago author-date (BonnieMcLean's wordstyles.docx, found by the web QA):
    # later authors are given names first, "J. Scott Mackie", "Márton Sóskuthy", read as initials and
    # the surname "Scott Mackie", or as the surname "Márton Sóskuthy"; "(Hall, Mackie, and Lo 2019)"
    # was a missing-reference error and its entry uncited. The cited surname is a word of theirs.
    doc = check_text(
        "Speech varies (Hall, Mackie, and Lo 2019). Sound is iconic (Winter, Sóskuthy, and Lo 2017).\n\n"
        "References\n\n"
        "Hall, Kathleen Currie, J. Scott Mackie, and Roger Yu-Hsiang Lo. 2019. “Cross-Linguistic "
        "Differences in Speech.” Journal of Phonetics 73: 1–20.\n"
        "Winter, Bodo, Márton Sóskuthy, and Roger Lo. 2017. “Trying to Be Sound.” Language and "
        "Cognition 9 (3): 1–25.\n"
    )
    assert [(c.text, c.status.value) for c in doc.citations] == [
        ("Hall, Mackie, and Lo 2019", "linked"),
        ("Winter, Sóskuthy, and Lo 2017", "linked"),
    ]
    assert doc.findings == []


def test_names_written_twice_before_a_year_cite_the_entry() -> None:
    # Frontiers in Psychology (fpsyg-05-01582, CC-BY) links the year alone, "Hare and Tomasello,
    # <xref>2005</xref>"; rendered in a CSL style, the names come twice: "(Hare and Tomasello, Hare &
    # Tomasello, 2005)", "(Miklósi and Topál, Miklósi, and Topál, 2013)".
    # They were read as "Tomasello, Hare & Tomasello, 2005": 47 errors and 28 warnings in one article.
    doc = check_text(
        "Dogs are a model (Miklósi et al., Miklósi et al., 2004; Hare and Tomasello, Hare & Tomasello, "
        "2005). They cooperate (Topál et al., Topál et al., 2009; Miklósi and Topál, Miklósi, and Topál, "
        "2013). Korean teams publish too (Kim, Lee & Kim, 2011).\n\nReferences\n\n"
        "Hare, B., & Tomasello, M. (2005). Human-like social skills in dogs? Trends Cogn Sci, 9, 439–444.\n"
        "Kim, J., Lee, S., & Kim, H. (2011). Dogs in Seoul. Anim Cogn, 14, 1–9.\n"
        "Miklósi, Á., Topál, J., & Csányi, V. (2004). Comparative social cognition. Anim Behav, 67, 995–1004.\n"
        "Miklósi, Á., & Topál, J. (2013). What does it take to become best friends? Trends Cogn Sci, 17, 287.\n"
        "Topál, J., Miklósi, Á., & Csányi, V. (2009). Dog-human relationship. Adv Study Behav, 39, 71–116.\n"
    )
    assert [f.rule for f in doc.findings] == []
    assert all(c.status.value == "linked" for c in doc.citations), [(c.text, c.status) for c in doc.citations]


def test_names_kept_before_reference_numbers_in_parentheses() -> None:
    # The same Frontiers article in NLM/Vancouver: the names before the linked year are kept and the
    # number follows them, "(Miklósi et al., 1; Hare and Tomasello, 2; Fitch et al., 3)". After "et
    # al." the number went unread: 53 of its 58 entries were said uncited.
    doc = check_text(
        "Dogs are a model of human social cognition (Miklósi et al., 1; Hare and Tomasello, 2; Fitch et "
        "al., 3). They cooperate (4).\n\nReferences\n\n"
        "1. Miklósi A, Topál J, Csányi V. Comparative social cognition. Anim Behav. 2004;67:995–1004.\n"
        "2. Hare B, Tomasello M. Human-like social skills in dogs? Trends Cogn Sci. 2005;9:439–44.\n"
        "3. Fitch WT, Huber L, Bugnyar T. Social cognition and language. Neuron. 2010;65:795–814.\n"
        "4. Range F, Virányi Z. Wolves and dogs. Anim Cogn. 2014;17:1–10.\n"
    )
    assert sorted(n for c in doc.citations for n in c.numbers) == [1, 2, 3, 4]
    assert [f.rule for f in doc.findings] == []


def test_names_read_once_are_not_linked_without_their_first_name() -> None:
    # QA of the reading above: a citation of three names whose first and last name are one, with nothing
    # written before it, was linked without its first name whenever that fitted an entry. "(Wang, Li, &
    # Wang, 2015)" of a work not in the list linked to "Li & Wang 2015" (no finding at all), and "(Kim,
    # Lee, & Kim, 2010)" for the entry of 2012 to "Lee & Kim 2010" (its year slip only an uncited entry).
    # The names must be written twice, as "(Hare and Tomasello, Hare & Tomasello, 2005)"; a slip in the
    # copy, "(Snowdon and Boe, Sonwdon & Boe, 2003)", is still tried, and its slip reported.
    doc = check_text(
        "Leadership matters (Wang, Li, & Wang, 2015; Kim, Lee, & Kim, 2010). Principals (Li & Wang, 2015;"
        " Lee & Kim, 2010). Monkeys (Snowdon and Boe, Sonwdon & Boe, 2003).\n\nReferences\n\n"
        "Kim, J., Lee, S., & Kim, H. (2012). Learning communities. Asia Pac Educ Rev, 13, 201–212.\n"
        "Lee, S., & Kim, H. (2010). Principal leadership. Korean J Educ Admin, 28, 1–24.\n"
        "Li, Q., & Wang, Y. (2015). School leaders in China. Educ Manag Adm Lead, 43, 5–22.\n"
        "Snowdon, C. T., & Boe, C. Y. (2003). Social communication in tamarins. Behav Ecol, 14, 1–9.\n"
    )
    assert [(c.text, c.status.value) for c in doc.citations] == [
        ("Wang, Li, & Wang, 2015", "missing"),
        ("Kim, Lee, & Kim, 2010", "year-mismatch"),
        ("Li & Wang, 2015", "linked"),
        ("Lee & Kim, 2010", "linked"),
        ("Boe, Sonwdon & Boe, 2003", "author-mismatch"),
    ]
    assert [f.rule for f in doc.findings] == ["missing-reference", "year-mismatch", "author-mismatch"]
