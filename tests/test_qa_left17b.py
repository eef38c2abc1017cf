"""Misreadings left by the styles10 round (Glossa, a linguistics journal, in ACL style), rewritten as
small cases."""

from __future__ import annotations

from refcheck.extract.reference_list import parse_entry
from refcheck.matching.names import fold, name_key
from refcheck.pipeline import check_text

# --- an organisation of one word as a later author of a list written given name first (glossa 5745) ---

_ACL_ORG = (
    "Word order differs in embedded clauses (see Uribe-Etxebarria and Euskaltzaindia, 2003; "
    "Euskaltzaindia, 1999), as Laka and Lakarra (1991) note.\n\nReferences\n\n"
    "Euskaltzaindia. 1999. Euskal Gramatika. Lehen Urratsak V. Euskaltzaindia, Bilbao.\n"
    "Itziar Laka and Joseba Lakarra. 1991. Euskal gramatika. Anuario del Seminario, 25:1–20.\n"
    "Myriam Uribe-Etxebarria and Euskaltzaindia. 2003. Euskararen eta hizkuntza erromanikoen foko "
    "egituren arteko zenbait paralelotasunez. In Euskal gramatikari eta literaturari buruzko "
    "jardunaldiak, pages 437–457. Euskaltzaindia, Bilbao.\n"
)


def test_acl_a_one_word_organisation_after_a_person_given_first() -> None:
    # "Myriam Uribe-Etxebarria and Euskaltzaindia. 2003." (a person and the Basque academy) was read
    # as the surname "Myriam Uribe-Etxebarria": the citation was a missing-reference error and the
    # entry an uncited-reference warning
    ref = parse_entry(
        "Myriam Uribe-Etxebarria and Euskaltzaindia. 2003. Euskararen eta. In Euskal gramatikari, "
        "pages 437–457. Euskaltzaindia, Bilbao."
    )
    assert ref.authors == ["Uribe-Etxebarria", "Euskaltzaindia"]
    assert ref.given == ["Myriam", ""]
    doc = check_text(_ACL_ORG, "text", "a.txt")
    assert [f.rule for f in doc.findings] == []


def test_acl_an_organisation_of_several_words_after_persons_given_first() -> None:
    # (a list that writes its names given name first: three entries so, at least)
    text = (
        "As shown (Jones et al., 2010; Laka and Lakarra, 1991; Irurtzun, 2007; Umbach, 2004).\n\n"
        "References\n\n"
        "Aritz Irurtzun. 2007. The grammar of focus at the interfaces. Ph.D. thesis.\n"
        "Mary Ann Jones, Peter Smith, and European Commission. 2010. A report. Brussels.\n"
        "Itziar Laka and Joseba Lakarra. 1991. Euskal gramatika. Anuario, 25:1–20.\n"
        "Carla Umbach. 2004. On the notion of contrast. Journal of Semantics, 21:155–175.\n"
    )
    doc = check_text(text, "text", "a.txt")
    assert [f.rule for f in doc.findings] == []
    assert doc.references[1].authors == ["Jones", "Smith", "European Commission"]


def test_an_inverted_list_with_one_word_pieces_stays_inverted() -> None:
    # the one-word organisation is taken only after a name written given first: an inverted first
    # name ("Hsiang, Solomon, and ...") is the names parser's still
    assert parse_entry("Hsiang, Solomon, and Robert E. Kopp. 2018. Title.").authors == ["Hsiang", "Kopp"]
    assert parse_entry("Laka, Itziar, and Euskaltzaindia. 2003. Title.").authors == ["Laka", "Euskaltzaindia"]
    assert parse_entry("Euskaltzaindia and Myriam Uribe-Etxebarria. 2003. Title.").authors[0] != "Myriam"


# --- a spacing diacritic of a PDF copy inside a name ("J˛edrzejowski", U+02DB OGONEK) (glossa 5745) ---

_ACL_OGONEK = (
    "The particle marks force (Irurtzun et al., 2022; Irurtzun and J\u02dbedrzejowski, 2020).\n\n"
    "References\n\n"
    "Aritz Irurtzun and \u0141ukasz J\u02dbedrzejowski. 2020. Basque nola. Linguistics, 3:1–9.\n"
    "Aritz Irurtzun, \u0141ukasz J\u02dbedrzejowski, and Carla Umbach. 2022. Basque non-interrogative "
    "nola as a factive complementizer. In Non-interrogative Subordinate Wh-clauses, page xx–xx. "
    "Oxford University Press, Oxford.\n"
)


def test_acl_a_name_broken_by_a_spacing_ogonek() -> None:
    # "Łukasz J˛edrzejowski" (a PDF's ogonek standing alone before its letter) was no person's name, so
    # the list was not read given first: "Aritz Irurtzun" was taken for a surname and "Irurtzun et al.,
    # 2022" was a missing-reference error, the entry an uncited-reference warning
    ref = parse_entry(_ACL_OGONEK.split("\n")[-2])
    assert ref.authors == ["Irurtzun", "J\u02dbedrzejowski", "Umbach"]  # (shown as written)
    doc = check_text(_ACL_OGONEK, "text", "a.txt")
    assert [f.rule for f in doc.findings] == []


def test_spacing_diacritics_fold_as_their_letters() -> None:
    # compared, "J˛edrzejowski" is "Jędrzejowski" (the mark dropped, as the combining one is), not
    # two words "j edrzejowski"
    assert fold("J\u02dbedrzejowski") == fold("J\u0119drzejowski") == "jedrzejowski"
    assert fold("Mu\u00a8ller") == fold("M\u00fcller") == "muller"
    assert name_key("J\u02dbedrzejowski") == name_key("Jędrzejowski")


# --- a DOCX made from Markdown without --citeproc: pandoc's keys as written, an empty reference list ---


def test_docx_with_pandoc_keys_never_processed_is_said_so() -> None:
    # it was an info "nothing in this document could be checked: no citations and no reference list
    # were found", which hid that its readers see "[@meier2022; @valkenburg2022]" and no references
    from refcheck.loaders.docx import load_docx
    from refcheck.pipeline import analyse

    from .test_glued_entries import _docx, _run

    paragraphs = [
        "Screen time has small effects [@meier2022; @valkenburg2022].",
        "Others disagree [@orben2019, p. 3], as mail to a@b.org says.",
        "References",
    ]
    doc = analyse(load_docx("a.docx", _docx([_run(p) for p in paragraphs])))
    assert [(f.rule, f.severity.name.lower(), f.line) for f in doc.findings] == [
        ("unrendered-citation", "warning", 1)
    ]
    assert "3 pandoc citation keys" in doc.findings[0].message
    assert "[@meier2022], [@valkenburg2022], [@orben2019]" in doc.findings[0].message


def test_markdown_source_with_keys_and_no_bibliography_is_unchanged() -> None:
    # (a source, not a rendered document: the empty-document rule says which bibliography is missing)
    doc = check_text("Ties grew [@hardy1968; @hyde2002].\n", "markdown", "a.md")
    assert [f.rule for f in doc.findings] == ["empty-document"]
    assert "names no bibliography" in doc.findings[0].message


# --- an organisation as the author of a note (Chicago notes and bibliography) ---------------------

_NOTES = (
    "Egypt passed a law on NGOs.[^1] It was criticised.[^2] Clinics closed.[^3] Others agreed.[^4]\n\n"
    "[^1]: Human Rights Watch, “Egypt: New Law Keeps Civil Society Under Threat,” June 2, 2017, "
    "https://www.hrw.org/news/2017/06/02/egypt.\n"
    "[^2]: Jane Smith, *Civil Society in Egypt* (Cairo: AUC Press, 2015), 12.\n"
    "[^3]: Médecins Sans Frontières, “Closing Clinics in Cairo,” March 3, 2018.\n"
    "[^4]: Human Rights Watch, “Egypt: New Law,” 3.\n\n"
    "## Bibliography\n\n"
    "Human Rights Watch. “Egypt: New Law Keeps Civil Society Under Threat.” June 2, 2017. "
    "https://www.hrw.org/news/2017/06/02/egypt.\n\n"
    "Médecins Sans Frontières. “Closing Clinics in Cairo.” March 3, 2018.\n\n"
    "Smith, Jane. *Civil Society in Egypt*. Cairo: AUC Press, 2015.\n"
)


def test_an_organisation_author_of_a_note_is_named_whole() -> None:
    # "Human Rights Watch, “Egypt: ...,” June 2, 2017." was read given name first: the author "Watch"
    # (the note linked by its title, but JSON and messages named "Watch"); so was "Frontières"
    doc = check_text(_NOTES, "markdown", "a.md")
    assert [f.rule for f in doc.findings] == []
    assert [c.authors for c in doc.citations] == [
        ["Human Rights Watch"],
        ["Smith"],
        ["Médecins Sans Frontières"],
        ["Human Rights Watch"],
    ]
    assert all(c.references for c in doc.citations)


def test_a_note_by_a_body_with_no_bibliography_names_it_whole() -> None:
    # (no list to learn the name from: a body's noun last, "Watch", "Team", makes it an organisation's)
    from refcheck.extract.notes import note_citations
    from refcheck.model import Footnote

    text = "Human Rights Watch, “Egypt: New Law,” June 2, 2017.\nR Core Team, *R: A Language*, 2023."
    cut = text.index("\n")
    notes = [
        Footnote(label="1", start=0, end=cut, text=text[:cut], text_start=0),
        Footnote(label="2", start=cut + 1, end=len(text), text=text[cut + 1 :], text_start=cut + 1),
    ]
    read = note_citations(text, notes)
    assert [c.authors for _, cits in read for c in cits] == [["Human Rights Watch"], ["R Core Team"]]
