"""SourceMap.locator (a report's many look-ups in a row) answers as SourceMap.locate, whatever the
order of the offsets asked."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from refcheck.model import SourceMap


@given(
    st.text(alphabet="ab \n", max_size=60),
    st.lists(st.integers(min_value=-2, max_value=70), max_size=30),
)
def test_locator_answers_as_locate(text: str, offsets: list[int]) -> None:
    source = SourceMap.identity(text)
    locate = source.locator()
    in_order = sorted(offsets)
    assert [locate(o) for o in offsets + in_order] == [source.locate(o) for o in offsets + in_order]


def test_locator_on_one_line_and_the_next() -> None:
    source = SourceMap.identity("ab\ncd\n\nef")
    locate = source.locator()
    assert [locate(o) for o in (0, 1, 2, 3, 4, 3, 8, 6, 7, 1)] == [
        (1, 1),
        (1, 2),
        (1, 3),
        (2, 1),
        (2, 2),
        (2, 1),
        (4, 2),
        (3, 1),
        (4, 1),
        (1, 2),
    ]
