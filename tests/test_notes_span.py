"""``model.notes_span``: the one reading of ``Document.notes_region`` every loader and the pipeline use."""

from refcheck.model import Footnote, notes_span


def note(start: int, end: int, *, inline: bool = False) -> Footnote:
    return Footnote(label=str(start), start=start, end=end, text_start=start + 1, text="", inline=inline)


def test_the_span_runs_from_the_first_definition_to_the_end_of_the_last_in_any_order() -> None:
    # (a loader may give the notes by number, not by place: an HTML page's endnotes list)
    assert notes_span([note(500, 540), note(100, 130), note(300, 320)]) == (100, 540)


def test_an_inline_note_stands_in_the_prose_and_is_not_part_of_the_span() -> None:
    assert notes_span([note(10, 40, inline=True), note(200, 230), note(900, 950, inline=True)]) == (200, 230)


def test_no_definitions_no_span() -> None:
    assert notes_span(None) is None
    assert notes_span([]) is None
    assert notes_span([note(10, 40, inline=True)]) is None
