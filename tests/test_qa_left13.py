"""Defects earlier QA rounds found on real documents and left open (QA round 13, qa-left13): each
test is a small document shaped like the real one, and failed before its fix."""

from __future__ import annotations

import pytest

from refcheck.model import Severity
from refcheck.pipeline import check_text

from .jats_docs import alarms as jalarms
from .jats_docs import article as jarticle
from .jats_docs import check as jcheck
from .jats_docs import element_ref as _jref
from .jats_docs import xref as _x


def _findings(text: str, fmt: str = "text") -> list[str]:
    ext = {"text": "txt", "markdown": "md", "html": "html"}[fmt]
    doc = check_text(text, fmt, f"a.{ext}")
    return [f"{f.rule}:{f.severity.name.lower()}: {f.message}" for f in doc.findings]


def _alarms(text: str, fmt: str = "text") -> list[str]:
    ext = {"text": "txt", "markdown": "md", "html": "html"}[fmt]
    doc = check_text(text, fmt, f"a.{ext}")
    return [f"{f.rule}: {f.message}" for f in doc.findings if f.severity >= Severity.WARNING]


# --- 1. a given name or a later author cited as if the first author's surname ------------------------

_OTHER = "Smith, J. (2010). A study. Journal 1: 1-2.\n"


def test_given_name_of_the_first_author_cited_as_a_surname_is_an_author_mismatch() -> None:
    # "(Kenton, 2017)" for "Lee, Kenton (2017)": linked silently before (the name was found in the
    # entry's text after its start, as a publisher's would be)
    text = f"Models help (Kenton, 2017). Also (Smith 2010).\n\nReferences\n\nLee, Kenton (2017). Coreference. EMNLP.\n{_OTHER}"
    assert _alarms(text) == [
        "author-mismatch: \"Kenton, 2017\" names an author's given name, not the entry's first author's "
        "surname (did you mean Lee 2017?)"
    ]


def test_given_name_opening_an_acl_entry_is_no_title_cited() -> None:
    # ACL's "Kenton Lee, Luheng He, ... 2017.": "(Kenton, 2017)" was linked as a work cited by the
    # first words of its entry (a title's), silently
    entry = (
        "Kenton Lee, Luheng He, Mike Lewis, and Luke Zettlemoyer. 2017. End-to-end coreference. In EMNLP.\n"
    )
    text = f"Models help (Kenton, 2017). Also (Smith 2010).\n\nReferences\n\n{entry}{_OTHER}"
    assert _alarms(text) == [
        "author-mismatch: \"Kenton, 2017\" names an author's given name, not the entry's first author's "
        "surname (did you mean Lee et al. 2017?)"
    ]
    # a work with no author cited by its first words still is ("Google Code Search n.d.")
    text = "Search (Google Code Search n.d.). Also (Smith 2010).\n\nReferences\n\n"
    text += f"Google Code Search. n.d. https://example.org/search.\n{_OTHER}"
    assert _alarms(text) == []


def test_later_author_cited_as_if_first_is_one_author_mismatch() -> None:
    # "(Kenton, 2019)" for "Devlin, J., Chang, M., Lee, K., and Kenton, L. (2019)": missing-reference
    # and uncited-reference before
    entry = "Devlin, J., Chang, M., Lee, K., and Kenton, L. (2019). BERT. NAACL.\n"
    text = f"Models help (Kenton, 2019). Also (Smith 2010).\n\nReferences\n\n{entry}{_OTHER}"
    assert _alarms(text) == [
        'author-mismatch: "Kenton, 2019" names a co-author of the entry, not its first author '
        "(did you mean Devlin et al. 2019?)"
    ]
    # the entry cited by its first author elsewhere: a slip, or a work the list lacks; missing, saying so
    text = (
        f"Models help (Kenton, 2019). Also (Smith 2010; Devlin et al. 2019).\n\nReferences\n\n{entry}{_OTHER}"
    )
    assert _alarms(text) == [
        'missing-reference: "Kenton, 2019" is cited but not in the reference list (no entry by that author '
        "dated 2019; Kenton is a co-author of the entry Devlin et al. 2019, which the text cites as such "
        "elsewhere); add the entry to the reference list or correct the citation"
    ]
    # a later author of no entry of the year cited stays missing
    text = (
        f"Models help (Kenton, 2018). Also (Smith 2010; Devlin et al. 2019).\n\nReferences\n\n{entry}{_OTHER}"
    )
    assert [a.split(":")[0] for a in _alarms(text)] == ["missing-reference"]


# --- 2. names cited in full against an entry cut short that the text cites as "et al." ---------------


def _doc(body: str, entries: list[str], fmt: str) -> str:
    if fmt == "html":
        items = "".join(f"<p>{e}</p>" for e in entries)
        return f"<html><body><p>{body}</p><h2>References</h2>{items}</body></html>"
    return f"{body}\n\n{'## ' if fmt == 'markdown' else ''}References\n\n" + "\n".join(entries) + "\n"


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize(
    "names",
    ["Janjua, Smith and Clark", "Janjua, Smith & Clark", "Janjua and Smith", "Janjua, Smith, Clark and Lee"],
)
def test_names_cited_in_full_are_not_of_an_entry_cited_as_et_al(fmt: str, names: str) -> None:
    # Harvard (Cite Them Right) lists "Janjua, A. et al. (2018)" for four authors and more, cited
    # "Janjua et al., 2018", and prints three names in full; with "Janjua, A., Smith, P. and Clark,
    # T.J. (2018)" deleted, its citation "Janjua, Smith and Clark, 2018" fitted the cut entry and
    # nothing was said
    full = "Brown, A., Smith, P., Clark, T. and Lee, K. (2010) A study. Journal 1: 1-2."
    cut = "Janjua, A. et al. (2018) Cost analysis. BMJ Open 8: 1."
    for body in (
        f"A (Janjua et al., 2018). B ({names}, 2018). C (Brown et al. 2010).",
        f"B ({names}, 2018). A (Janjua et al., 2018). C (Brown et al. 2010).",
    ):
        [found] = _alarms(_doc(body, [full, cut], fmt), fmt)
        assert found.startswith(
            f'missing-reference: "{names}, 2018" is cited but not in the reference list (the entry Janjua et al. '
            "2018 prints none"
        )
        # with the entry cited by its names only, they are its authors the list does not print
        assert _alarms(_doc(body.replace("A (Janjua et al., 2018).", ""), [full, cut], fmt), fmt) == []
        # a list that prints no entry of as many names in full may cut before them: the names may be a
        # first citation in full (IEA, APA 6: "Almeida et al. (2013)" in the prose, then "(Almeida,
        # Fidelis, Barata and Poppi, 2013)")
        one = "Brown, A. (2010) A study. Journal 1: 1-2."
        assert _alarms(_doc(body.replace("Brown et al. 2010", "Brown 2010"), [one, cut], fmt), fmt) == []


# --- 3. exponents after a bracket of algebra read as superscript citations -----------------------------

_NUMERIC_LIST = [
    "Smith, J. A study. Journal 1: 1-2 (2010).",
    "Jones, K. Another. J 2: 3 (2011).",
    "Lee, K. Third. J 4: 5 (2012).",
]


def _numeric_doc(body: str, fmt: str) -> str:
    if fmt == "html":
        items = "".join(f"<li>{e}</li>" for e in _NUMERIC_LIST)
        return f"<html><body><p>{body}</p><h2>References</h2><ol>{items}</ol></body></html>"
    items = "\n".join(f"{k}. {e}" for k, e in enumerate(_NUMERIC_LIST, 1))
    return f"{body}\n\n## References\n\n{items}\n"


@pytest.mark.parametrize("fmt", ["html", "markdown"])
@pytest.mark.parametrize(
    "maths", ["(a+b)", "(x + y)", "(n - 1)", "f(2)", "g(x, y)", "(2\u00b7\u03c0)", "(a \u2212 b)"]
)
def test_exponent_after_a_bracket_of_algebra_is_no_citation(fmt: str, maths: str) -> None:
    # "(a+b)<sup>3</sup>" read as a citation of reference 3 (or of a number the list lacks)
    body = f"Cells grow<sup>1</sup>, others agree<sup>2</sup> and<sup>3</sup>. We expand {maths}<sup>4</sup> here."
    doc = check_text(_numeric_doc(body, fmt), fmt, "a.html" if fmt == "html" else "a.md")
    assert (
        [c.text for c in doc.citations if c.kind == "numeric"] == ["[1]", "[2]", "[3]"]
        if fmt == "html"
        else [
            "<sup>1</sup>",
            "<sup>2</sup>",
            "<sup>3</sup>",
        ]
    )
    assert _alarms(_numeric_doc(body, fmt), fmt) == []


@pytest.mark.parametrize("fmt", ["html", "markdown"])
@pytest.mark.parametrize("before", ["(n = 12)", "(p < 0.05)", "(reviewed in Smith)", "(Fig. 2)", "(CD4+CD8)"])
def test_superscript_after_other_brackets_still_cites(fmt: str, before: str) -> None:
    body = f"Cells grow<sup>1</sup>, others agree<sup>2</sup>. Mice {before}<sup>3</sup> here."
    doc = check_text(_numeric_doc(body, fmt), fmt, "a.html" if fmt == "html" else "a.md")
    assert len([c for c in doc.citations if c.kind == "numeric"]) == 3
    assert _alarms(_numeric_doc(body, fmt), fmt) == []


# --- 4. JATS: an xref holding a later author, the earlier ones written before it -----------------------


@pytest.mark.parametrize(
    "before",
    ["As shown by Sharkey and ", "As shown by Sharkey &amp; ", "(Sharkey, Lee and ", "(Sharkey, Lee, &amp; "],
)
def test_xref_holding_a_later_author_after_the_earlier_names_is_linked(before: str) -> None:
    # "Sharkey and <xref>Wharton (1997)</xref>" (the xref holds only the second author): an
    # author-mismatch error "did you mean Sharkey 1997?" before
    three = "Lee" in before
    names = ("Sharkey", "Lee", "Wharton") if three else ("Sharkey", "Wharton")
    refs = _jref("r1", "1997", *names) + _jref("r2", "2000", "Brown")
    body = f"{before}{_x('r1', 'Wharton (1997)' if not three else 'Wharton, 1997')}{')' if three else ''}. Also {_x('r2', 'Brown (2000)')}."
    doc = jcheck(jarticle(body, refs))
    assert jalarms(doc) == []
    assert [c.references for c in doc.citations] == [("r1",), ("r2",)]


def test_xref_holding_a_later_author_after_other_names_is_still_a_mismatch() -> None:
    refs = _jref("r1", "1997", "Sharkey", "Wharton") + _jref("r2", "2000", "Brown")
    body = f"As shown by Jones and {_x('r1', 'Wharton (1997)')}. Also {_x('r2', 'Brown (2000)')}."
    assert [a.split(":")[0] for a in jalarms(jcheck(jarticle(body, refs)))] == ["author-mismatch"]


# --- 5. ACL initials with one full stop: "AY. Wang. 2011." -------------------------------------------


def test_acl_initials_without_inner_dots_are_given_names() -> None:
    # the held-out ACL set (a nephrology article): "AY. Wang. 2011." read as the surname "AY", so
    # "(Wang, 2011)" was missing and the entry uncited; "P. S. Parfrey and RN. Foley. 1999." the same
    text = (
        "Inflammation (Wang, 2011) and disease (Parfrey and Foley, 1999). Also Kim et al. (2015).\n\n"
        "References\n\n"
        "JH. Kim, SY. Park, and KM. Lee. 2015. A cohort. J Am Soc Nephrol, 26:1-9.\n"
        "P. S. Parfrey and RN. Foley. 1999. The clinical epidemiology. J Am Soc Nephrol, 10:1606-1615.\n"
        "AY. Wang. 2011. Consequences of chronic inflammation. Semin Nephrol, 31:159-171.\n"
    )
    doc = check_text(text, "text", "a.txt")
    assert [r.authors for r in doc.references] == [["Kim", "Park", "Lee"], ["Parfrey", "Foley"], ["Wang"]]
    assert _alarms(text) == []


def test_an_acronym_before_a_title_word_is_no_person() -> None:
    from refcheck.extract.names import read_names

    for text in ("WHO. Obesity. Geneva: WHO; 2000.", "FAO. Fisheries. Rome.", "UN. 2015. Report."):
        assert read_names(text).persons[0][1] == "", text


# --- 6. surnames with particles and prefixes ---------------------------------------------------------


def test_arabic_article_capitalised_or_not_is_the_same_name() -> None:
    # "(al-Farsi, 2016)" for "Al-Farsi, A. (2016)" (and the converse, at a sentence start): an info
    # "other accents or case" before, as "de Gaulle" for "De Gaulle" is not
    for cited, listed in (("al-Farsi", "Al-Farsi"), ("Al-Farsi", "al-Farsi"), ("el-Sayed", "El-Sayed")):
        text = f"Found ({cited}, 2016). Also (Brown 2010).\n\nReferences\n\n{listed}, A. (2016). T. J 5.\n"
        text += "Brown, A. (2010). A study. J 1.\n"
        assert _findings(text) == [], cited


# --- 7. notes-bibliography JATS whose notes cite some works through an xref ---------------------------


def test_jats_notes_citing_works_in_words_beside_an_xref_are_read() -> None:
    # a history article in JATS: notes cite works in words (Chicago), one of them through a bibr xref;
    # the xref made the article read as keyed, and the works its notes name were "never cited" warnings
    def fn(k: int, text: str) -> str:
        return f'<fn id="fn{k}"><label>{k}</label><p>{text}</p></fn>'

    def book(rid: str, surname: str, given: str, title: str, year: int) -> str:
        return (
            f'<ref id="{rid}"><element-citation publication-type="book"><person-group person-group-type="author">'
            f"<name><surname>{surname}</surname><given-names>{given}</given-names></name></person-group>"
            f"<source>{title}</source><publisher-name>P</publisher-name><year>{year}</year></element-citation></ref>"
        )

    notes = [
        "Karl A. Wittfogel, <italic>Oriental Despotism</italic> (New Haven: Yale University Press, 1957), 22.",
        'Douglass C. North, <xref ref-type="bibr" rid="r2"><italic>Institutions and Change</italic></xref> '
        "(Cambridge: Cambridge University Press, 1990), 3.",
        "Wittfogel, <italic>Oriental Despotism</italic>, 45.",
        "Ibid., 50.",
        "Marc Bloch, <italic>Feudal Society</italic> (London: Routledge, 1961), 7.",
    ]
    body = " ".join(f'S{k}<xref ref-type="fn" rid="fn{k}">{k}</xref>.' for k in range(1, 6))
    back = "<fn-group>" + "".join(fn(k, t) for k, t in enumerate(notes, 1)) + "</fn-group>"
    refs = book("r1", "Wittfogel", "Karl A.", "Oriental Despotism", 1957)
    refs += book("r2", "North", "Douglass C.", "Institutions and Change", 1990)
    refs += book("r3", "Braudel", "Fernand", "The Mediterranean", 1972)
    doc = jcheck(jarticle(body, refs, back=back))
    assert doc.style == "notes-bibliography"
    assert [c.references for c in doc.citations] == [("r1",), ("r2",), ("r1",), ("r1",), ()]
    assert [a.split(":")[0] for a in jalarms(doc)] == ["missing-reference"]  # Bloch's Feudal Society


# --- 4b. JATS: a year's letters spaced and listed, "Nguyen et al. 2010 b, c" --------------------------


def _nguyen(body: str) -> list[str]:
    refs = "".join(
        _jref(f"r{k}", f"2010{x}", "Nguyen", "Ali", "Bose") for k, x in ((1, "b"), (2, "c"), (3, "a"))
    )
    return jalarms(jcheck(jarticle(body, refs)))


def test_spaced_and_listed_year_letters_name_their_entries() -> None:
    # the letters read as the year's: each xref checked against the letter it shows
    assert (
        _nguyen(
            f"Seen ({_x('r1', 'Nguyen et al. 2010 b')}, {_x('r2', 'c')}). Also ({_x('r3', 'Nguyen et al. 2010 a')})."
        )
        == []
    )
    # one xref listing two letters cites both entries (an "uncited" 2010c before)
    assert (
        _nguyen(f"Seen ({_x('r1', 'Nguyen et al. 2010 b, c')}). Also ({_x('r3', 'Nguyen et al. 2010 a')}).")
        == []
    )
    assert (
        _nguyen(
            f"Seen ({_x('r1 r2', 'Nguyen et al. 2010 b, c')}). Also ({_x('r3', 'Nguyen et al. 2010 a')})."
        )
        == []
    )
    # a spaced letter at another entry's xref: a wrong link (silent before: the letter was not read)
    assert _nguyen(
        f"Seen ({_x('r1', 'Nguyen et al. 2010 a')}, {_x('r2', 'c')}). Also ({_x('r3', 'Nguyen et al. 2010 b')})."
    ) == [
        'year-mismatch: "Nguyen et al. 2010 a" is linked to Nguyen et al. 2010b, not to the entry it names '
        "(Nguyen et al. 2010a); point it there",
        'year-mismatch: "Nguyen et al. 2010 b" is linked to Nguyen et al. 2010a, not to the entry it names '
        "(Nguyen et al. 2010b); point it there",
    ]
    # a letter alone at another entry's xref: one wrong link (a year-mismatch "did you mean 2010b?" and
    # an uncited 2010c would be two findings for it)
    assert _nguyen(
        f"Seen ({_x('r1', 'Nguyen et al. 2010 b')}, {_x('r1', 'c')}). Also ({_x('r3', 'Nguyen et al. 2010 a')})."
    ) == [
        'year-mismatch: "c" is linked to Nguyen et al. 2010b, not to the entry it names (Nguyen et al. 2010c); '
        "point it there"
    ]
