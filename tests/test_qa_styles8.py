"""Held-out set styles8 (PLOS articles in nine CSL styles): what refcheck misread, rewritten as small cases."""

from __future__ import annotations

from refcheck.model import Severity
from refcheck.pipeline import check_text


def _found(text: str) -> list[tuple[str, str, Severity]]:
    doc = check_text(text, "text", "a.txt")
    return [(f.rule, f.message.split('"')[1], f.severity) for f in doc.findings if '"' in f.message]


# --- species' authorities in a taxonomic paper (PLOS ONE on fossil cone snails, on Eocene primates) ----

_SHELLS = (
    "Subgenus Atlanticonus Petuch and Sargent, 2012\n\n"
    "Conus franklinae resembles Conus ritae Petuch, 1995, and C. cuna Petuch, 1998, of the subgenus "
    "Lindaconus Petuch, 2002 (not of Röding, a junior synonym of C. generalis Linnaeus, 1767; see "
    "Puillandre et al., 2014). It is the sister species of C. perplexa (Sowerby II, 1857) and near C. "
    "puncticulata (Hwass in Bruguière, 1792) and Conus (Stephanoconus) mappa [Lightfoot, 1786]. The "
    "lemur Europolemur klatti (Weigelt, 1933) and E. klatti Weigelt, 1933, as Godinotia neglecta "
    "(Thalmann, Haubold & Martin, 1989), lack "
    "it (Petuch, 1987; Sowerby, 1850).\n\nReferences\n\n"
    "Petuch, E. J. (1987). New Caribbean molluscan faunas. The Coastal Education Foundation.\n"
    "Puillandre, N., Duda, T. F., Meyer, C., Olivera, B. M., & Bouchet, P. (2014). One, four or 100 "
    "genera? Journal of Molluscan Studies, 81, 1–23.\n"
    "Sowerby, G. B. (1850). Descriptions of new species of fossil shells. Quarterly Journal of the "
    "Geological Society, 6, 44–53.\n"
)


def test_species_authorities_in_a_taxonomic_paper_are_no_citations() -> None:
    # each authority ("Conus ritae Petuch, 1995", "C. perplexa (Sowerby II, 1857)") was read as a
    # citation: year-mismatch errors against the describer's own listed work, missing-reference errors
    # for describers the list does not have; the one true citation links
    doc = check_text(_SHELLS, "text", "a.txt")
    assert [f.rule for f in doc.findings] == []
    assert [c.text for c in doc.citations] == ["Puillandre et al., 2014", "Petuch, 1987", "Sowerby, 1850"]
    assert {m.text for m in doc.mentions} == {
        "Petuch and Sargent, 2012",
        "Petuch, 1995",
        "Petuch, 1998",
        "Petuch, 2002",
        "Linnaeus, 1767",
        "Sowerby II, 1857",
        "Bruguière, 1792",
        "Lightfoot, 1786",
        "Weigelt, 1933",
        "Thalmann, Haubold & Martin, 1989",
    }


def test_a_species_authority_the_list_has_still_names_its_entry() -> None:
    # the describing work listed: the authority links it (no uncited entry), as a JATS taxon's does
    text = _SHELLS.replace("Petuch, 1987; ", "").replace("Petuch, E. J. (1987)", "Petuch, E. J. (1995)")
    doc = check_text(text, "text", "a.txt")
    assert [f.rule for f in doc.findings] == []
    assert "Petuch, 1995" in [c.text for c in doc.citations]


def test_a_modern_name_and_year_after_a_species_in_an_ordinary_paper_stays_an_error() -> None:
    # no authority elsewhere in the document: "E. coli (Jones, 2010)" is a citation of a missing work,
    # and a sentence's capitalised word and a noun is no binomial ("The results (Jones, 1880)")
    text = (
        "Methods\n\nStrains of Escherichia coli (Jones, 2010) grew as described (Adams, 2001). The results "
        "(Brown, 1880) and a review by Petuch, 1995 agree; Wages rose Adams (2002). Livestock diseases (e.g. "
        "Bluetongue virus Saegerman et al., 2008) spread.\n\nReferences\n\n"
        "Adams, J. (2001). A paper. Journal of Things, 1(2), 3-4.\n"
        "Petuch, E. J. (1987). New Caribbean molluscan faunas. The Coastal Education Foundation.\n"
    )
    found = _found(text)
    assert ("missing-reference", "Jones, 2010", Severity.ERROR) in found
    assert ("missing-reference", "Brown, 1880", Severity.ERROR) in found
    assert ("year-mismatch", "Petuch, 1995", Severity.ERROR) in found
    assert ("year-mismatch", "Adams (2002)", Severity.ERROR) in found  # narrative: no authority
    # a virus's name and one citation after it, in a paper that describes no taxa (PLOS Comp Biol)
    assert ("missing-reference", "Saegerman et al., 2008", Severity.ERROR) in found


def test_bracketed_authorities_of_a_paper_naming_its_types_are_no_citations() -> None:
    # PLOS ONE on an Eocene primate: every authority in brackets, the holotype named; Weigelt and
    # Thalmann have no entry (missing-reference errors); without such words they stay errors (above)
    text = (
        "Systematic paleontology\n\nEuropolemur klatti (Weigelt, 1933), part of the holotype, resembles "
        "Godinotia neglecta (Thalmann, Haubold & Martin, 1989) (Franzen, 2000).\n\nReferences\n\n"
        "Franzen, J. L. (2000). Europolemur kelleri n. sp. von Messel. Senckenbergiana lethaea, 80, 289–294.\n"
    )
    doc = check_text(text, "text", "a.txt")
    assert [f.rule for f in doc.findings] == []
    assert [c.text for c in doc.citations] == ["Franzen, 2000"]
    text = text.replace(", part of the holotype,", "")
    assert [f.severity for f in check_text(text, "text", "a.txt").findings] == [Severity.ERROR] * 2


# --- court cases of one year, told apart by their names (PLOS Medicine on off-label marketing) ---------


def test_cases_of_one_plaintiff_and_year_link_each_to_its_own_entry() -> None:
    # the first case's link was copied to every later citation read with the same name and year: the
    # second case linked the first's entry, and its own was 'listed but never cited'
    text = (
        "Results\n\nOne firm settled (US, et al. ex rel. Gobble v. Forest Laboratories Inc., Forest "
        "Pharmaceuticals, Inc, 2010); another "
        "(US, et al. ex rel. Sandler and Paris v. Wyeth Pharmaceuticals, Inc. and Pfizer Inc, 2010).\n\n"
        "References\n\n"
        "US, et al. ex rel. Gobble v. Forest Laboratories Inc., Forest Pharmaceuticals, Inc. (2010). Civil "
        "Action 03-CV-10395-NMG.\n"
        "US, et al. ex rel. Sandler and Paris v. Wyeth Pharmaceuticals, Inc. and Pfizer Inc. (2010). Civil "
        "Action 2:05-CV-06609-JP.\n"
    )
    doc = check_text(text, "text", "a.txt")
    assert [f.rule for f in doc.findings] == []
    assert [c.references for c in doc.citations] == [(r.id,) for r in doc.references or []]


# --- a Spanish "de las" inside a list of authors (PLOS Pathogens, in the IEA/OECD style) ---------------


def test_de_las_in_a_list_of_authors_is_part_of_the_name() -> None:
    # "de la Heras" was read whole, "de las Heras" was cut at "las": "Heras and Fan, 1999", a
    # missing-reference error, and the entry "never cited"
    for cite in (
        "(Palmarini, Sharp, de las Heras and Fan, 1999)",
        "Palmarini, Sharp, de los Heras and Fan (1999)",
    ):
        entry = "de los Heras" if "los" in cite else "de las Heras"
        text = (
            f"Cells were prepared as described {cite}.\n\nReferences\n\n"
            f"Palmarini, M., Sharp, J. M., {entry}, M., & Fan, H. (1999). Jaagsiekte sheep retrovirus. J "
            "Virol, 73, 6964–6972.\n"
        )
        doc = check_text(text, "text", "a.txt")
        assert [f.rule for f in doc.findings] == []
        assert [c.authors[2] for c in doc.citations] == [entry]
