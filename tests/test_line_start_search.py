"""``AtLineStart`` (refcheck.extract.lines) against the expressions it searches: every line-anchored
expression the extractors search with it finds, from any start and to any end, the very matches of
the expression's own ``search`` and ``finditer``; and the program's entry point (``cli.run``) ends
the process with the exit status and the output of an ordinary exit."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refcheck.extract import footnotes, reference_list
from refcheck.extract.lines import AtLineStart

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "000_bc11b8a9853f7d3f.txt"

# Every AtLineStart the extractors keep, by name
SEARCHERS = {
    f"{mod.__name__}.{name}": value
    for mod in (footnotes, reference_list)
    for name, value in vars(mod).items()
    if isinstance(value, AtLineStart)
}

# Lines of every kind the expressions tell apart: headings of lists, notes, back matter, further
# reading (numbered, in Markdown, in bold, with a colon), entries that begin like them, prose
LINES = st.sampled_from(
    [
        "References", "REFERENCES", "## References", "7. References", "VII. BIBLIOGRAPHY", "**References**",
        "References:", "  References  ", "Notes", "## Notes", "Endnotes", "1. Notes", "End notes", "Footnotes",
        "Appendix A: Survey instrument", "Acknowledgements", "**Funding**", "Tables", "Figure legends",
        "tables. Working paper no. ESA/P/WP.227.", "Appendix 2004", "Further reading", "Works consulted",
        "Smith, J. (2004) Notes on trade.", "1. A note.", "Références bibliographiques", "Références",
        "bibliographiques", "", " ", "\t", "Some prose about References in a sentence.", "#", "# ",
    ]
)  # fmt: skip
ENDS = st.sampled_from(["\n", "\n", "\n\n", "\r\n", " \n", ""])


@st.composite
def texts(draw: st.DrawFn) -> str:
    return "".join(line + draw(ENDS) for line in draw(st.lists(LINES, max_size=12)))


def test_every_searcher_is_found() -> None:
    assert len(SEARCHERS) >= 5, sorted(SEARCHERS)


@settings(max_examples=300, deadline=None)
@given(texts(), st.integers(-2, 120), st.one_of(st.none(), st.integers(-1, 130)))
def test_searches_find_the_expressions_own_matches(text: str, pos: int, endpos: int | None) -> None:
    for name, searcher in SEARCHERS.items():
        pattern = searcher.pattern
        if endpos is None:
            own, found = pattern.search(text, pos), searcher.search(text, pos)
            own_all, found_all = list(pattern.finditer(text, pos)), list(searcher.finditer(text, pos))
        else:
            own, found = pattern.search(text, pos, endpos), searcher.search(text, pos, endpos)
            own_all = list(pattern.finditer(text, pos, endpos))
            found_all = list(searcher.finditer(text, pos, endpos))
        assert (found and (found.span(), found.groups())) == (own and (own.span(), own.groups())), name
        assert [(m.span(), m.groups()) for m in found_all] == [(m.span(), m.groups()) for m in own_all], name


def test_a_match_is_the_expressions_own() -> None:
    searcher = AtLineStart(re.compile(r"^(\w+):$", re.M))
    m = searcher.search("intro\nkey:\nmore:")
    assert m is not None and m.re is searcher.pattern and m.group(1) == "key"
    assert [m.group(1) for m in searcher.finditer("a:\nb\nc:")] == ["a", "c"]
    assert searcher.search("x\nkey:", 1) is not None  # a line starts after the search's start
    assert searcher.search("x\nkey:", 3) is None
    assert searcher.search("xkey:", 1) is None  # "^" holds at a line's start, not the search's


@pytest.mark.parametrize("pattern", [re.compile(r"\w+:$", re.M), re.compile(r"^\w+:$")])
def test_only_line_anchored_expressions(pattern: re.Pattern[str]) -> None:
    with pytest.raises(ValueError):
        AtLineStart(pattern)


def _program(*args: str, code: str = "from refcheck.cli import run; run()") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "REFCHECK_DEBUG"}
    env["PYTHONPATH"] = str(ROOT / "src")
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_the_program_ends_with_the_runs_status_and_whole_output() -> None:
    proc = _program("check", "--no-links", "--no-verify", "--format", "json", str(SEED))
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.endswith("}\n") and '"errors": 1' in proc.stdout
    proc = _program("check", "--no-links", "--no-verify", str(ROOT / "no-such-file.txt"))
    assert proc.returncode == 2 and "no such file" in proc.stdout + proc.stderr
    assert _program("--version").returncode == 0


def test_the_program_runs_exit_handlers_and_joins_threads() -> None:
    """What an ordinary exit does first is done: atexit handlers run (once), a thread still working
    is waited for, and what they print is flushed."""
    code = (
        "import atexit, sys, threading, time\n"
        "atexit.register(lambda: print('handler', flush=False))\n"
        "threading.Thread(target=lambda: (time.sleep(0.2), print('thread'))).start()\n"
        "from refcheck.cli import run\n"
        "sys.argv = ['refcheck', '--version']\n"
        "run()\n"
    )
    proc = _program(code=code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-2:] == ["thread", "handler"], proc.stdout
