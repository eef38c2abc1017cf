"""The linker's indexes answer as the scans they replace (a hostile list made the scans quadratic)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from refcheck.matching.linker import Index, _closest_year, _ClosestYear, _year_fits
from refcheck.model import Citation, Reference

YEARS = st.one_of(
    st.none(),
    st.sampled_from(["n.d.", "n.d.a", "N.D.", "nd", "forthcoming", "in press", "1999/2000", "20a", "abcd"]),
    st.builds(lambda y, s: f"{y}{s}", st.integers(1500, 2099), st.sampled_from(["", "", "a", "b", "c"])),
    st.integers(0, 9999).map(str),
)


def _refs(years: list[str | None]) -> list[Reference]:
    return [
        Reference(id=f"ref-{k}", text="", start=0, end=0, authors=["Smith"], given=["J."], year=y)
        for k, y in enumerate(years)
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(YEARS, max_size=40), YEARS)
def test_closest_year_by_bisection_is_the_scan(years: list[str | None], cited: str | None) -> None:
    refs = _refs(years)
    if refs:
        assert _ClosestYear(refs).closest(cited) is _closest_year(cited, refs)


@settings(max_examples=300, deadline=None)
@given(st.lists(YEARS, max_size=40), YEARS)
def test_year_pool_holds_every_entry_whose_year_fits_in_list_order(
    years: list[str | None], cited: str | None
) -> None:
    refs = _refs(years)
    pool = Index(refs).year_pool("Smith", cited)
    assert [r for r in refs if _year_fits(cited, r)] == [r for r in pool if _year_fits(cited, r)]
    assert pool == [r for r in refs if r in pool]


def test_same_authors_are_remembered_per_cited_author_list() -> None:
    joint = Reference(
        id="ref-x", text="", start=0, end=0, authors=["Smith", "Jones"], given=["J.", "K."], year="2002"
    )
    refs = [*_refs(["2001", "2003"]), joint]
    index = Index(refs)
    one = Citation(text="Smith 2002", start=0, end=0, kind="author-date", authors=["Smith"], year="2002")
    two = Citation(
        text="Smith and Jones 2009",
        start=0,
        end=0,
        kind="author-date",
        authors=["Smith", "Jones"],
        year="2009",
    )
    assert [r.id for r in index.same_authors(one).refs] == ["ref-0", "ref-1", "ref-x"]
    assert [r.id for r in index.same_authors(two).refs] == ["ref-x"]
    assert index.same_authors(two).closest("2009").id == "ref-x"
