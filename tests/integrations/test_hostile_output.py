"""Output is never turned against its reader: hostile text from documents (control characters, ANSI
and OSC sequences, newlines, workflow commands, markup, lone surrogates, characters XML forbids) goes
into every reporter, and each output is checked the way its reader reads it."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refcheck.model import Document, Finding, Severity, SourceMap
from refcheck.pipeline import FileResult, analyse
from refcheck.reporters import REPORTERS
from refcheck.reporters.html_assets import JS

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json").read_text())

SNIPPETS = [
    "\x1b[31m",  # colour
    "\x1b[2J\x1b[H",  # clear the screen
    "\x1b]0;owned\x07",  # OSC: window title
    "\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x9b31m",  # C1 CSI
    "\x90evil\x9c",  # C1 DCS ... ST
    "\x07\x08\x00\x7f",
    "\r",
    "\n",
    "\r\n::error::forged",
    "\n::stop-commands::token\n",
    "\n::add-mask::secret",
    "::error file=x::y",
    "%0A::warning::z",
    "\u2028\u2029\u0085",
    "\u202e\u2066",  # bidi override and isolate
    "\ud800",
    "\udcff",  # a byte of a file name that is not UTF-8
    "\ufffe\uffff",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "]]>",
    "&amp;&lt;",
    "|`*_[x](javascript:alert(1))",
]

hostile = st.lists(
    st.one_of(st.sampled_from(SNIPPETS), st.characters(exclude_categories=()), st.text(max_size=4)),
    min_size=1,
    max_size=10,
).map("".join)

SGR = re.compile(r"\x1b\[[0-9;]*m")  # the colours refcheck itself writes
UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)


def results_with(s: str) -> list[FileResult]:
    text = f"Growth {s} was strong (Smith 2008).\n\nReferences\n\nSmith, John (2007) Trade {s}.\n"
    doc = Document(path=f"doc{s}.txt", format="text", text=text, source_map=SourceMap.identity(text))
    analyse(doc)
    doc.findings.append(
        Finding(
            rule="year-mismatch",
            severity=Severity.ERROR,
            message=f"message {s} end",
            offset=text.index("Smith 2008"),
            end_offset=text.index("Smith 2008") + 10,
            line=1,
            column=1,
            citation=f"Smith {s}",
            reference=f"entry {s}",
            suggestion=f"suggest {s}",
            path=f"other{s}.bib",
        )
    )
    doc.links = [  # type: ignore[list-item]
        {"url": f"http://x.example/{s}", "status": "dead", "archive_url": f"javascript:{s}", "reason": s},
        {"url": f"javascript:alert(1){s}", "status": "skipped", "reason": "not-http"},
    ]
    return [FileResult(path=doc.path, doc=doc), FileResult(path=f"bad{s}.txt", error=f"cannot {s}")]


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


# Every element the report itself writes; anything else came from the input.
HTML_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "div", "span", "label",
    "input", "nav", "details", "summary", "table", "thead", "tbody", "tr", "th", "td", "a", "main", "section",
    "aside", "ul", "li", "article", "b", "q", "code", "mark", "p", "wbr", "script",
}  # fmt: skip


def check_html(page: str) -> None:
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert {t for t, _ in parser.tags} <= HTML_TAGS
    assert [t for t, _ in parser.tags].count("script") == 1 and parser.scripts == [JS]
    for _, attrs in parser.tags:
        assert not any(k.startswith("on") for k in attrs)
        href = attrs.get("href")
        if href is not None:
            assert re.match(r"(#|https?://|mailto:)", href), href
            assert not UNSAFE.search(href)


def check_terminal(out: str, findings: int) -> None:
    plain = SGR.sub("", out)
    assert not UNSAFE.search(plain), repr(UNSAFE.search(plain))
    assert not re.search(r"^::", plain, re.M)


def check_github(out: str, findings: int) -> None:
    assert not UNSAFE.search(out)
    lines = out.splitlines()
    # one line per finding and per unreadable file, and the summary: no line was added by the input
    assert len(lines) == findings + 2
    for line in lines[:-1]:
        assert re.match(r"::(error|warning|notice) [^:]*::", line), line
        props = line.split("::")[1].split(" ", 1)[1]
        assert {p.split("=", 1)[0] for p in props.split(",")} <= {"file", "line", "col", "title"}
    assert lines[-1].startswith("refcheck: ")


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(hostile)
def test_every_reporter_stays_valid_and_inert(s: str) -> None:
    results = results_with(s)
    doc = results[0].doc
    assert doc is not None
    n = len(doc.findings)
    for name in REPORTERS:
        for colour in (False, True) if name in ("text", "concise", "full") else (False,):
            out = REPORTERS[name](results, color=colour)
            out.encode("utf-8")  # no lone surrogate left: the output can be written
            if name in ("text", "concise", "full", "markdown"):
                check_terminal(out, n)
            elif name == "github":
                check_github(out, n)
            elif name == "json":
                data = json.loads(out)
                assert not UNSAFE.search(out.replace("\n", ""))
                got = data["files"][0]["findings"][-1]
                assert got["message"] == f"message {s} end" and got["citation"] == f"Smith {s}"
                assert data["files"][1]["path"] == f"bad{s}.txt"
            elif name == "jsonl":
                lines = [json.loads(line) for line in out.split("\n") if line]
                assert len(lines) == len(results) + 1 and "summary" in lines[-1]
                assert not UNSAFE.search(out.replace("\n", ""))
                assert lines[:-1] == json.loads(REPORTERS["json"](results))["files"]
            elif name == "sarif":
                jsonschema.validate(json.loads(out), SCHEMA)
                assert not UNSAFE.search(out.replace("\n", ""))
            elif name == "junit":
                root = ET.fromstring(out.encode("utf-8"))
                assert int(root.get("failures", "0")) <= int(root.get("tests", "0"))
                assert any("message " in (f.text or "") for f in root.iter("failure"))
            elif name == "html":
                check_html(out)
            else:  # a new reporter must be added here
                pytest.fail(f"reporter {name} is not checked")


def test_terminal_escapes_are_visible() -> None:
    out = REPORTERS["text"](results_with("\x1b]0;owned\x07\n::error::x"))
    assert "\\x1b]0;owned\\x07\\n::error::x" in out


# --- the command line: file names, stderr lines, notes ----------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "full", "concise", "github", "json", "markdown"])
def test_hostile_file_name_on_the_command_line(cli: Callable[..., Result], tmp_path: Path, fmt: str) -> None:
    name = "x\n::error::forged\x1b]0;t\x07.txt"
    (tmp_path / name).write_text(
        "Growth (Smith 2008).\n\nReferences\n\nSmith, J. (2007) T.\n", encoding="utf-8"
    )
    missing = "nope\n::stop-commands::tok\x1b[2J.txt"
    res = cli("check", "--no-links", "--format", fmt, name, missing)
    for stream in (res.stdout, res.stderr):
        assert not UNSAFE.search(SGR.sub("", stream).replace("\n", "\x01").replace("\x01", "")), stream
        assert not re.search(r"^::(error|stop-commands)", stream, re.M) or fmt == "github"
    if fmt == "github":
        assert not re.search(r"^::(error|warning|notice)::forged|^::stop-commands", res.stdout, re.M)
    assert res.exit_code == 2


def test_file_name_not_utf8_is_written_to_an_html_report(cli: Callable[..., Result], tmp_path: Path) -> None:
    import os

    name = os.fsdecode(b"\xff-brief.txt")
    (tmp_path / name).write_text(
        "Growth (Smith 2008).\n\nReferences\n\nSmith, J. (2007) T.\n", encoding="utf-8"
    )
    res = cli("check", "--no-links", "--format", "html", "-o", "report.html", name)
    assert res.exit_code == 1
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "\\xff-brief.txt" in page
    assert "\\xff-brief.txt" in res.stdout


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_bibliography_name_with_newlines(cli: Callable[..., Result], tmp_path: Path, fmt: str) -> None:
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\nSee \\cite{a}.\n"
        "\\bibliography{refs\n::error::forged\n::stop-commands::tok}\n\\end{document}\n",
        encoding="utf-8",
    )
    res = cli("check", "--no-links", "--format", fmt, "main.tex")
    assert "does not exist" in res.stdout
    assert not re.search(r"^::(error::forged|stop-commands)", res.stdout, re.M)
    assert not re.search(r"^::", res.stdout, re.M) or fmt == "github"
    missing = next(ln for ln in res.stdout.splitlines() if "does not exist" in ln)
    assert "::error::forged" in missing  # still said, inside its own line


# --- one escaping for every output: reports, error lines, notes --------------------------------------


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_error_lines_escape_what_reports_escape(snippet: str) -> None:
    """``errors.one_line`` (stderr lines) and ``reporters._common.clean`` (reports) are one escaping:
    what a report makes inert, an error line does too, and in the same visible form."""
    from refcheck.errors import one_line
    from refcheck.reporters._common import clean

    text = f"a {snippet} b"
    line = one_line(text)
    assert not UNSAFE.search(line) and "\n" not in line, repr(line)
    assert one_line(text) == clean(" ".join(text.split()))


def test_bidi_override_in_an_output_path_is_escaped(cli: Callable[..., Result]) -> None:
    res = cli("check", "--no-links", "-o", "no-such-dir\u202e/report.json", "x.txt")
    assert res.exit_code == 2
    assert "\u202e" not in res.stderr and "no-such-dir\\u202e" in res.stderr
