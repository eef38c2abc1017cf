"""Markdown (and the DOCX notes and HTML anchors issue 13.3 names) in time linear in the input.

Each input of tests/hostile_markup.py used to take minutes (a scan to the end of the text from every
backtick, comment or note definition, every citation tested against every code span, every entry
of one author compared with every other); each must now be checked well inside the 5 s of issue 9
on an idle machine. The bound here is generous (the test machine is shared): a quadratic path takes
far longer than it. bench/adversarial_markup.py prints the times.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from refcheck.pipeline import CheckOptions, check_file

from . import hostile_markup as hostile

BOUND = 30.0  # seconds of CPU; before the fixes most of these took more than 100 s

MARKDOWN = [name for name in hostile.INPUTS if name.startswith("md-")]


def run(tmp_path: Path, name: str) -> tuple[float, object]:
    filename, data = hostile.INPUTS[name]()
    path = tmp_path / filename
    path.write_bytes(data)
    for side, content in hostile.SIDE_FILES.get(name, {}).items():
        (tmp_path / side).write_bytes(content)
    start = time.process_time()
    result = check_file(str(path), CheckOptions(links=False))
    return time.process_time() - start, result


@pytest.mark.parametrize("name", MARKDOWN)
def test_hostile_markdown_is_linear(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    seconds, result = run(tmp_path, name)
    assert result.doc is not None, result.error  # type: ignore[attr-defined]
    assert seconds < BOUND, f"{name}: {seconds:.1f} s"


def test_ten_thousand_docx_footnotes(tmp_path: Path) -> None:
    seconds, result = run(tmp_path, "docx-footnotes")
    assert result.doc is not None  # type: ignore[attr-defined]
    assert len(result.doc.footnotes or []) == 10_000  # type: ignore[attr-defined]
    assert seconds < BOUND, f"{seconds:.1f} s"


def test_many_anchors_in_html(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"<p>x</p>" + b"<a>" * 330_000)
    start = time.process_time()
    assert check_file(str(tmp_path / "a.html"), CheckOptions(links=False)).doc is not None
    assert time.process_time() - start < BOUND


def test_one_author_year_with_thousands_of_titles_is_linear() -> None:
    """duplicate-reference compared every entry of one author and year with every other."""
    import random

    from refcheck.model import Document, Reference, SourceMap
    from refcheck.rules.duplicate_reference import duplicates

    rnd = random.Random(5)
    words = ["soil", "water", "nitrate", "crop", "yield", "river", "basin", "model", "trade", "policy"] * 3
    titles = sorted({" ".join(rnd.sample(words, 6)) for _ in range(30_000)})[:5_000]
    refs = [
        Reference(id=f"r{i}", text="", start=-1, end=-1, authors=["Claim"], title=t)
        for i, t in enumerate(titles)
    ]
    refs.append(
        Reference(id="dup", text="", start=-1, end=-1, authors=["Claim"], title=titles[-1] + " revised")
    )
    doc = Document(path="x", format="text", text="", source_map=SourceMap.identity(""), references=refs)
    start = time.process_time()
    found = duplicates(doc)
    assert time.process_time() - start < BOUND
    assert ("dup", refs[-2].id) in [(a.id, b.id) for a, b, _ in found]
