"""Held-out set styles9 (Journal of Open Source Education papers in nine CSL styles): what refcheck
misread, rewritten as small cases."""

from __future__ import annotations

from refcheck.extract.reference_list import parse_entry
from refcheck.pipeline import check_text

# --- ACL's names written given name first, with a middle initial (JOSE 00173, 00090, 00198) --------------

_ACL = (
    "Regional sciences are quantitative (Fischer and Nijkamp, 2014). Climate damages are costly "
    "(Carleton and Hsiang, 2016), as floats show (Riser et al., 2016) and Bivand et al. (2021) "
    "review.\n\nReferences\n\n"
    "Roger Bivand, Giovanni Millo, and Gianfranco Piras. 2021. A review of software for spatial "
    "econometrics in R. Mathematics, 9(11).\n"
    "Tamma A Carleton and Solomon M Hsiang. 2016. Social and economic impacts of climate. Science, "
    "353(6304):aad9837.\n"
    "Manfred M. Fischer and Peter Nijkamp. 2014. Handbook of regional science. Springer.\n"
    "Stephen C. Riser, Howard J. Freeland, Dean Roemmich, Susan Wijffels, Ariel Troisi, et al. 2016. "
    "Fifteen years of ocean observations with the global Argo array. Nature Climate Change, "
    "6(2):145–153.\n"
)


def test_acl_names_given_first_with_a_middle_initial() -> None:
    # "Manfred M. Fischer and Peter Nijkamp. 2014." was read as one author "Manfred" with the initial
    # "M." (a surname and its initials, as Vancouver prints them): each citation was a missing-reference
    # error and each entry an uncited-reference warning
    doc = check_text(_ACL, "text", "a.txt")
    assert [f.rule for f in doc.findings] == []
    assert [r.authors for r in doc.references] == [
        ["Bivand", "Millo", "Piras"],
        ["Carleton", "Hsiang"],
        ["Fischer", "Nijkamp"],
        ["Riser", "Freeland", "Roemmich", "Wijffels", "Troisi"],
    ]


def test_acl_names_given_first_read_in_other_shapes() -> None:
    # two names joined by "and" with no comma ("Solomon Hsiang and Robert E Kopp", read "Solomon
    # Hsiang" and "Robert, E."), a second name with a middle initial after the first's comma, BibTeX's
    # "and others", a particle: each entry was cited by a surname refcheck had not read
    assert parse_entry("Solomon Hsiang and Robert E Kopp. 2018. An economist's guide. Science.").authors == [
        "Hsiang",
        "Kopp",
    ]
    assert parse_entry("Ricardo Baeza-Yates and Gaston H Gonnet. 1992. A new approach. CACM.").authors == [
        "Baeza-Yates",
        "Gonnet",
    ]
    assert parse_entry(
        "Max Franz, Christian T Lopes, Gerardo Huck, and others. 2016. Cytoscape.js. Bioinformatics."
    ).authors == ["Franz", "Lopes", "Huck"]
    assert parse_entry(
        "Michael C Dietze, Andrew Fox, Lindsay M Beck-Johnson, and others. 2018. Iterative. PNAS."
    ).authors == ["Dietze", "Fox", "Beck-Johnson"]
    assert parse_entry(
        "Rachel Kuzio de Naray, Stacy S. McGaugh, and W. J. G. de Blok. 2008. Mass models. ApJ."
    ).authors == ["de Naray", "McGaugh", "de Blok"]
    # an inverted first name (Chicago) stays so
    assert parse_entry("Hsiang, Solomon, and Robert E. Kopp. 2018. Title.").authors == ["Hsiang", "Kopp"]
    assert parse_entry("Franz, Max, Christian T. Lopes, and Gary D. Bader. 2016. Title.").authors == [
        "Franz",
        "Lopes",
        "Bader",
    ]
    assert parse_entry("García Márquez, Gabriel José. 1999. Title.").authors == ["García Márquez"]


def test_surnames_with_initials_stay_so() -> None:
    # a surname and its initials (Vancouver, Harvard) are no names written given first
    assert parse_entry("Smith JA, Jones KB. 2014. Title. J Foo.").authors == ["Smith", "Jones"]
    assert parse_entry("Smith J, Jones K. 2014. Title.").authors == ["Smith", "Jones"]
    assert parse_entry("Smith J. Jones K. 2014. Title of it.").authors[0] == "Smith"
    assert parse_entry("Manfred M. Fischer. 2014. Handbook of regional science.").authors == ["Fischer"]


# --- an event's name before its year (JOSE 00184: "Data Science Symposium 2021 Villano et al., 2021") -----

_EVENTS = (
    "Content was taught at symposiums (University of Colorado Denver: Data Science Symposium 2021 "
    "Villano et al., 2021, Research and Creative Activities Symposium 2020 Harris and Lee, 2020) with "
    "feedback.\n\nReferences\n\n"
    "Harris, J., & Lee, K. (2020). Title one. Journal, 1, 1-2.\n"
    "Villano, A. N., Bergfalk, J., & Smith, P. (2021). Title two. Journal, 2, 3-4.\n"
)


def test_an_event_named_before_its_year_is_no_citation() -> None:
    # "Symposium 2021" and "Research and Creative Activities Symposium 2020" were citations of works
    # the list lacks: two missing-reference errors
    doc = check_text(_EVENTS, "text", "a.txt")
    assert [f.rule for f in doc.findings] == []
    assert [c.text for c in doc.citations] == ["Villano et al., 2021", "Harris and Lee, 2020"]


def test_a_plural_acronym_before_the_authors_is_no_author() -> None:
    # "(e.g., 3 MADs, Tukey & McLaughlin, 1963)" (JOSE 00221) was read as a citation of "MADs, Tukey &
    # McLaughlin": a missing-reference error, the entry uncited; "MADs" is read as "PANAS" is
    text = (
        "Winsorization brings outliers back within limits (e.g., 3 MADs, Tukey & McLaughlin, 1963).\n\n"
        "References\n\n"
        "Tukey, J. W., & McLaughlin, D. H. (1963). Less vulnerable confidence and significance procedures "
        "for location based on a single sample. Sankhyā, 25(3), 331–352.\n"
    )
    doc = check_text(text, "text", "a.txt")
    assert [f.rule for f in doc.findings] == []
    assert [c.text for c in doc.citations] == ["Tukey & McLaughlin, 1963"]


# --- a list that writes every name given first (ACL), its entries read alike (JOSE 00239, 00185, 00309) ----

_ACL_LIST = (
    "Penguins (Horst et al., 2020), maps (Jordahl et al., 2021), neurons (de Vries et al., 2020), "
    "climate (Carleton and Hsiang, 2016; Hsiang, 2016) and regions (Fischer and Nijkamp, 2014).\n\n"
    "References\n\n"
    "Tamma A Carleton and Solomon M Hsiang. 2016. Social and economic impacts of climate. Science, 353.\n"
    "Saskia E. J. de Vries, Jerome A. Lecoq, Michael A. Buice, and others. 2020. A large-scale "
    "standardized physiological survey. Nature Neuroscience, 23(1):138–151.\n"
    "Manfred M. Fischer and Peter Nijkamp. 2014. Handbook of regional science. Springer.\n"
    "Allison Marie Horst, Alison Presmanes Hill, and Kristen B Gorman. 2020. palmerpenguins: Palmer "
    "Archipelago (Antarctica) penguin data.\n"
    "Solomon Hsiang. 2016. Climate econometrics. Annual Review of Resource Economics, 8:43–75.\n"
    "Kelsey Jordahl, Joris Van den Bossche, Martin Fleischmann, and et al. 2021. GeoPandas. Zenodo.\n"
)


def test_a_list_of_names_given_first_reads_every_entry_so() -> None:
    # "Allison Marie Horst, Alison Presmanes Hill, and ..." was read as an inverted name ("Allison Marie
    # Horst", given "Alison Presmanes Hill"), "Saskia E. J. de Vries, ..." as "Saskia": a
    # missing-reference error and an uncited-reference warning each
    doc = check_text(_ACL_LIST, "text", "a.txt")
    assert [f.rule for f in doc.findings] == []
    assert [r.authors[0] for r in doc.references] == [
        "Carleton",
        "de Vries",
        "Fischer",
        "Horst",
        "Hsiang",
        "Jordahl",
    ]


def test_an_inverted_list_keeps_its_names() -> None:
    # a Chicago list (first names inverted) reads a first name of several words as a surname still
    text = (
        "As told (García Márquez 1999; Smith and Jones 2001; Lee 2002).\n\nReferences\n\n"
        "García Márquez, Gabriel José. 1999. Title one. Bogotá: Norma.\n"
        "Lee, Mary. 2002. Title two. Chicago: Press.\n"
        "Smith, John, and Mary A. Jones. 2001. Title three. Chicago: Press.\n"
    )
    doc = check_text(text, "text", "a.txt")
    assert [f.rule for f in doc.findings] == []
    assert [r.authors for r in doc.references] == [["García Márquez"], ["Lee"], ["Smith", "Jones"]]


def test_a_proceedings_title_with_its_year_is_no_second_entry() -> None:
    # ACM's "Proceedings of the Fourth (2017) ACM Conference on Learning @ Scale" inside an APA entry
    # (JOSE 00303) was split off as an entry of its own, by an organisation: uncited-reference
    text = (
        "Gradescope grades handwritten work (Singh et al., 2017).\n\nReferences\n\n"
        "Singh, A., Karayev, S., Gutowski, K., & Abbeel, P. (2017). Gradescope: A fast, flexible, and fair "
        "system for scalable assessment of handwritten work. Proceedings of the Fourth (2017) ACM "
        "Conference on Learning @ Scale, 81–88. https://doi.org/10.1145/3051457.3051466\n"
    )
    doc = check_text(text, "text", "a.txt")
    assert [f.rule for f in doc.findings] == []
    assert len(doc.references) == 1


def test_a_surname_with_fitz_is_a_name_the_list_may_lack() -> None:
    # with FitzJohn's entry gone (JOSE 00300's injected missing-reference), "diversitree FitzJohn, 2012"
    # was read as a product's name ("HiSeq 2000") and the missing work went unreported
    text = (
        "Use functions from packages (e.g., ape Paradis and Schliep, 2019, diversitree FitzJohn, 2012).\n\n"
        "References\n\n"
        "Paradis, E. and Schliep, K. (2019) 'ape 5.0', Bioinformatics, 35(3), pp. 526–528.\n"
    )
    doc = check_text(text, "text", "a.txt")
    assert [(f.rule, f.severity.name) for f in doc.findings] == [("missing-reference", "ERROR")]


def test_names_after_a_plural_acronym_are_cited_when_the_list_lacks_them() -> None:
    # the same group with Tukey's entry gone (the injected missing-reference) said nothing
    text = (
        "Winsorization brings outliers back within limits (e.g., 3 MADs, Tukey & McLaughlin, 1963).\n\n"
        "References\n\n"
        "Leys, C., Ley, C., Klein, O., Bernard, P., & Licata, L. (2013). Detecting outliers. Journal of "
        "Experimental Social Psychology, 49(4), 764–766.\n"
    )
    doc = check_text(text, "text", "a.txt")
    assert [(f.rule, f.severity.name) for f in doc.findings] == [
        ("missing-reference", "ERROR"),
        ("uncited-reference", "WARNING"),
    ]
    assert [c.text for c in doc.citations] == ["Tukey & McLaughlin, 1963"]
