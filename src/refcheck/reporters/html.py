"""HTML: one self-contained page per run (its own CSS and JS inline, nothing loaded from elsewhere).

The page, top to bottom:

* the totals and severity filters;
* a file index, most findings first (errors, then warnings, then info), so a run over hundreds of
  files opens on the ones that need work;
* one section per file with findings (or that could not be read): its findings, each with the source
  line it is about, then the annotated text (citations highlighted and linked to the entries they
  cite, line numbers of the source file, per file for a LaTeX project read through ``\\input``),
  then full-width tables of its links and its reference entries;
* the files without findings, collapsed into one list.

To stay small and fast over many files, the full text is embedded for files with findings only, and
only until ``SOURCE_BUDGET`` characters of text are embedded (the files with most findings first);
the other files keep their findings with their source lines, and the page says how to see the rest.

The report is safe to open whatever the documents hold: every piece of text from them is escaped
(``clean`` then ``html.escape``); only http, https and mailto URLs become links, anything else
(``javascript:``, ``data:`` ...) is shown as text; and a Content-Security-Policy lets the page run
only its own script and style (by hash) and load nothing.

The tables are built from column lists (``LINK_COLUMNS``, ``ENTRY_COLUMNS``): a column is a header,
a CSS class and a function from a row to its cell's HTML, so a stage that adds a verdict adds a column.
The styles live in ``html_assets.CSS`` for other pages (the local web app) to reuse.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from refcheck import __version__
from refcheck.model import Document, Reference, Severity, Verification
from refcheck.pipeline import FileResult
from refcheck.reporters._common import Item, clean, items, plural
from refcheck.reporters.html_assets import CSS, JS
from refcheck.reporters.records import location_unit, report_record
from refcheck.verify.records import doi_url

SOURCE_BUDGET = 2_000_000  # characters of document text embedded in one report
EXCERPT = 160  # characters of a finding's source line shown on its card
_BREAK = re.compile(r"(?<=[/?&=#])(?=.)")  # where a long URL may wrap: after / ? & = #
_SAFE_URL = re.compile(r"(?i)(?:https?://|mailto:)[^\s\x00-\x1f\x7f-\x9f]+\Z")


def e(s: object) -> str:
    """Text from a document (or anything else) as HTML text or an attribute value."""
    return html.escape(clean(s, keep="\n\t"), quote=True)


def safe_href(url: object) -> str | None:
    """The URL escaped for an href when it is http, https or mailto and holds no space or control
    character; None otherwise (``javascript:``, ``data:``, ``vbscript:``, relative or odd URLs are
    never links in the report)."""
    text = str(url)
    if not _SAFE_URL.match(text) or clean(text) != text:
        return None
    return html.escape(text, quote=True)


def url_html(url: object) -> str:
    """A URL as a link when ``safe_href`` allows it, else as plain text; may break after / ? & =."""
    shown = "<wbr>".join(html.escape(part) for part in _BREAK.split(clean(url)))
    href = safe_href(url)
    if href is None:
        return f'<span class="url not-link" title="not a web link: shown as text">{shown}</span>'
    return f'<a class="url" href="{href}" rel="noopener noreferrer">{shown}</a>'


def csp() -> str:
    """The Content-Security-Policy of the report: its own style and script, by hash; nothing else."""

    def digest(s: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"

    return (
        f"default-src 'none'; style-src {digest(CSS)}; script-src {digest(JS)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


# --- tables built from columns -----------------------------------------------------------------------


@dataclass
class Column:
    """One column of a report table: header, CSS class, and the cell's HTML for a row."""

    header: str
    css: str
    cell: Callable[[Any], str]


def table(
    css: str, columns: list[Column], rows: list[Any], row_attrs: Callable[[Any], str] | None = None
) -> str:
    head = "".join(f'<th class="{c.css}">{e(c.header)}</th>' for c in columns)
    body = "".join(
        f"<tr{row_attrs(row) if row_attrs else ''}>"
        + "".join(f'<td class="{c.css}">{c.cell(row)}</td>' for c in columns)
        + "</tr>"
        for row in rows
    )
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


_DEAD = ("dead", "broken", "error", "404", "410")


def _archive(link: dict[str, Any]) -> Any:
    keys = ("archive_url", "archive", "archived", "archived_url", "replacement")
    return next((link[k] for k in keys if link.get(k)), None)


def _status(link: dict[str, Any]) -> str:
    status = e(link.get("status", link.get("state", "")))
    detail = " · ".join(e(x) for x in (link.get("http_status"), link.get("reason")) if x not in (None, ""))
    return f'<span class="status">{status}</span>' + (f'<div class="detail">{detail}</div>' if detail else "")


LINK_COLUMNS: list[Column] = [
    Column("URL", "url", lambda link: url_html(link.get("url", ""))),
    Column("Status", "status", _status),
    Column("Archived copy", "archive", lambda link: url_html(a) if (a := _archive(link)) else "—"),
    Column("Line", "num", lambda link: e(link.get("line") or "")),
]


def _links_table(links: list[dict[str, Any]]) -> str:
    if not links:
        return ""

    def attrs(link: dict[str, Any]) -> str:
        dead = " dead" if str(link.get("status", link.get("state", ""))).lower() in _DEAD else ""
        return f' class="link{dead}"'

    return (
        f'<section class="links wide"><h3>Links ({len(links)})</h3>'
        f"{table('links', LINK_COLUMNS, links, attrs)}</section>"
    )


@dataclass
class EntryRow:
    """One reference entry of one document, for ``ENTRY_COLUMNS``."""

    n: int  # the document's number in the report
    doc: Document
    ref: Reference
    position: int  # 1-based place in the list
    cited: int = 0  # citations citing it
    first: int | None = None  # the index of the first
    findings: list[Item] = field(default_factory=list)
    in_text: bool = False  # the entry stands in the annotated text (it has its own anchor there)


def _entry_cited(row: EntryRow) -> str:
    if not row.cited:
        return '<span class="none">never</span>'
    return f'<a class="goto" href="#d{row.n}-cit-{row.first}">{row.cited}×</a>'


def _entry_findings(row: EntryRow) -> str:
    return " ".join(
        f'<span class="badge sev-{it.finding.severity}">{e(it.record["rule"])}</span>' for it in row.findings
    )


def _entry_text(row: EntryRow) -> str:
    text = e(row.ref.text)
    if row.in_text:
        return f'<a class="goto" href="#d{row.n}-ref-{e(row.ref.id)}">{text}</a>'
    return text


_VERDICT_WORDS = {
    "verified": "verified",
    "mismatch": "mismatch",
    "not-found": "not found",
    "retracted": "retracted",
    "unverified": "unverified",
    "skipped": "not looked up",
}


def record_url(v: Verification) -> str | None:
    """Where a reader sees the registry's record: https://doi.org/<doi> when a DOI is known, else the
    record's own page (an OpenAlex work); None when nothing names one."""
    if v.doi:
        return doi_url(v.doi)
    return v.url


def _entry_verdict(row: EntryRow) -> str:
    """The registry's verdict on the entry, linked to the record (only http/https hrefs)."""
    v = row.ref.verification
    if v is None:
        return '<span class="none">off</span>'
    word = _VERDICT_WORDS.get(v.status, v.status)
    about = []
    if v.record:
        rec = v.record
        about.append(f"{rec.get('title') or ''} ({rec.get('year') or 'n.d.'})")
    if v.source:
        about.append(f"source: {v.source}")
    if v.score is not None:
        about.append(f"title score {v.score:.2f}")
    title = f' title="{e(" · ".join(about))}"' if about else ""
    label = f'<span class="verdict v-{e(v.status)}"{title}>{e(word)}</span>'
    url = record_url(v)
    href = safe_href(url) if url and re.match(r"(?i)https?://", url) else None
    if href is None:
        return label
    return f'{label} <a class="record" href="{href}" rel="noopener noreferrer">record</a>'


ENTRY_COLUMNS: list[Column] = [
    Column("#", "num", lambda row: e(row.ref.label or row.position)),
    Column("Entry", "entry", _entry_text),
    Column("Cited", "num", _entry_cited),
    Column("Registry", "verdict", _entry_verdict),
    Column("Findings", "rules", _entry_findings),
]


CITED_SHOWN = 50  # entries one citation is listed under in the entries table (and the web view)


def _entries_table(n: int, doc: Document, found: list[Item], in_text: set[str]) -> str:
    refs = doc.references or []
    if not refs:
        return ""
    rows = {r.id: EntryRow(n, doc, r, i, in_text=r.id in in_text) for i, r in enumerate(refs, start=1)}
    # Each list of ids once, with how many citations share it and the first of them (the repeats of a
    # citation share their list: 66,000 citations of "[1–100]" were 3 million appends).
    lists: dict[int, tuple[tuple[str, ...], list[int]]] = {}  # id of the list -> (list, [count, first])
    for i, c in enumerate(doc.citations):
        ids = c.cited_ids
        if c.start < 0 or not ids:
            continue
        seen = lists.get(id(ids))
        if seen is None or seen[0] is not ids:
            lists[id(ids)] = (ids, [1, i])
        else:
            seen[1][0] += 1
    for ids, (count, first) in lists.values():
        # (an ambiguous citation of thousands of alike entries is shown under the first CITED_SHOWN)
        for rid in dict.fromkeys(ids[:CITED_SHOWN]):
            row = rows.get(rid)
            if row is not None:
                row.cited += count
                row.first = first if row.first is None else min(row.first, first)
    for it in found:
        about = it.finding.reference_id
        if about is not None and about in rows:
            rows[about].findings.append(it)

    def attrs(row: EntryRow) -> str:
        return f' id="d{n}-entry-{e(row.ref.id)}"'

    verified = any(r.verification is not None for r in refs)  # the column only when verification ran
    columns = [c for c in ENTRY_COLUMNS if verified or c.header != "Registry"]

    return (
        f'<section class="entries wide"><h3>Reference entries ({len(refs)})</h3>'
        f"{table('entries', columns, list(rows.values()), attrs)}</section>"
    )


# --- the annotated text ------------------------------------------------------------------------------


@dataclass
class _Anchors:
    """Ids in the annotated text: where each finding is shown, and each (file, source line)."""

    at_offset: dict[int, str] = field(default_factory=dict)
    at_line: dict[tuple[str, int], str] = field(default_factory=dict)
    refs_in_text: set[str] = field(default_factory=set)


def _document_text(n: int, doc: Document, found: list[Item], anchors: _Anchors) -> str:
    """The text with source line numbers, citations as links to their entries, entries as targets."""
    text = doc.text
    events: list[tuple[int, int, str]] = []  # (offset, order, html): closing tags sort first
    sev_at: dict[int, Severity] = {}
    for it in found:
        f = it.finding
        if f.offset is None or f.offset < 0 or (f.path and f.path != doc.path) or f.offset > len(text):
            continue
        sev_at[f.offset] = max(sev_at.get(f.offset, f.severity), f.severity)
    ref_ids = {r.id for r in doc.references or []}
    cited_ranges = []
    for i, c in enumerate(doc.citations):
        if c.start < 0 or c.end <= c.start:
            continue
        target = next((r for r in c.cited_ids if r in ref_ids), None)
        sev = sev_at.pop(c.start, None)
        cls = f"cit {c.status.value}" + (f" has-finding sev-{sev}" if sev else "")
        href = f' href="#d{n}-ref-{e(target)}"' if target else ""
        title = c.text + f" · {c.status.value}" + (f" → {target}" if target else "")
        events.append((c.start, 2, f'<a class="{cls}" id="d{n}-cit-{i}"{href} title="{e(title)}">'))
        events.append((c.end, 0, "</a>"))
        cited_ranges.append((c.start, c.end))
        if sev:
            anchors.at_offset[c.start] = f"d{n}-cit-{i}"
    for r in doc.references or []:
        if not 0 <= r.start < r.end:
            continue
        sev = sev_at.pop(r.start, None)
        cls = "ref" + (f" has-finding sev-{sev}" if sev else "")
        events.append((r.start, 1, f'<span class="{cls}" id="d{n}-ref-{e(r.id)}">'))
        events.append((r.end, 0, "</span>"))
        anchors.refs_in_text.add(r.id)
        if sev:
            anchors.at_offset[r.start] = f"d{n}-ref-{r.id}"
    for offset, sev in sev_at.items():
        if not any(a < offset < b for a, b in cited_ranges):
            anchors.at_offset[offset] = f"d{n}-pin-{offset}"
            events.append((offset, 3, f'<span class="pin sev-{sev}" id="d{n}-pin-{offset}">⚑</span>'))
    events.extend(_line_marks(n, doc, anchors))
    events.sort(key=lambda ev: (ev[0], ev[1]))
    out = []
    pos = 0
    for offset, _, tag in events:
        offset = min(max(offset, 0), len(text))
        if offset > pos:
            out.append(e(text[pos:offset]))
            pos = offset
        out.append(tag)
    out.append(e(text[pos:]))
    return "".join(out)


def _line_marks(n: int, doc: Document, anchors: _Anchors) -> list[tuple[int, int, str]]:
    """A line-number mark at the start of every text line, numbered as the source file is (for text
    read from another file, that file's lines, under a banner naming it)."""
    files = sorted(doc.files)
    file_ids = {doc.path: ""}
    marks: list[tuple[int, int, str]] = []
    current = doc.path
    start = 0
    text = doc.text
    while start <= len(text):
        path = next((p for a, b, p in files if a <= start < b), doc.path)
        if start == len(text) and start > 0:
            break
        if path != current:
            current = path
            marks.append((start, 4, f'<span class="file-banner">{e(path)}</span>'))
        fid = file_ids.setdefault(path, f"-f{len(file_ids)}")
        line = doc.locate(start)[0]
        key = (path, line)
        attrs = ""
        if key not in anchors.at_line:
            anchors.at_line[key] = f"d{n}{fid}-L{line}"
            attrs = f' id="d{n}{fid}-L{line}"'
        marks.append((start, 5, f'<span class="ln"{attrs} data-n="{line}"></span>'))
        nl = text.find("\n", start)
        if nl == -1:
            break
        start = nl + 1
    return marks


# --- findings ---------------------------------------------------------------------------------------


def _excerpt(doc: Document, it: Item) -> str:
    """The finding's source line, clipped around it, with the finding marked."""
    f, text = it.finding, doc.text
    if f.offset is None or f.offset < 0 or f.offset > len(text):
        return ""
    # Offsets into the text, and searches for the line's ends only as far as the excerpt reaches: a
    # long line holding thousands of findings is not scanned nor copied once per finding (as
    # ``span`` and ``source_line`` would).
    s = f.offset
    if f.end_offset is not None and f.end_offset > s:
        nl = text.find("\n", s, f.end_offset)
        b = nl if nl != -1 else min(f.end_offset, len(text))  # the span, clipped to its line
    else:
        b = text.find("\n", s)
        b = b if b != -1 else len(text)
    want = s - (EXCERPT - (b - s)) // 2
    lo = max(0, want - 1)
    line_start = max(text.rfind("\n", lo, s) + 1, lo)  # lo: the line starts before want - 1
    left = max(line_start, want)
    right = max(b, left + EXCERPT)
    nl = text.find("\n", b, right + 1)
    line_end = nl if nl != -1 else min(right + 1, len(text))  # past right: the line goes on
    right = min(line_end, right)
    before = ("…" if left > line_start else "") + text[left:s]
    after = text[b:right] + ("…" if right < line_end else "")
    mark = text[s:b] or " "
    return f'<div class="excerpt">{e(before)}<mark>{e(mark)}</mark>{e(after)}</div>'


def _finding_card(n: int, doc: Document, it: Item, anchors: _Anchors | None, unit: str) -> str:
    rec, f = it.record, it.finding
    sev = str(f.severity)
    where = f"{unit} {rec['line']}" if rec["line"] else "whole file"
    if rec["path"] != doc.path:
        where = f"{rec['path']}, {where}"
    href = ""
    if anchors is not None:
        target = anchors.at_offset.get(f.offset) if f.offset is not None else None
        target = target or anchors.at_line.get((rec["path"], rec["line"]))
        href = f"#{e(target)}" if target else ""
    extra = ""
    if rec["citation"]:
        extra += f'<div class="citation">Citation: <q>{e(rec["citation"])}</q></div>'
    if rec["suggestion"]:
        extra += f'<div class="suggestion">Suggestion: <b>{e(rec["suggestion"])}</b></div>'
    if rec["fixable"]:
        extra += '<div class="fixable">Fixable with <code>refcheck fix</code></div>'
    head = (
        f'<span class="badge sev-{sev}">{sev}</span> <span class="rule">{e(rec["rule"])}</span>'
        f'<span class="where">{e(where)}</span>'
    )
    head = f'<a class="goto" href="{href}">{head}</a>' if href else f'<div class="goto">{head}</div>'
    return (
        f'<li class="finding sev-{sev}" data-severity="{sev}">{head}'
        f'<div class="msg">{e(rec["message"])}</div>{extra}{_excerpt(doc, it)}</li>'
    )


def _counts(found: list[Item]) -> dict[Severity, int]:
    return {s: sum(1 for it in found if it.finding.severity is s) for s in Severity}


def _chips(counts: dict[Severity, int]) -> str:
    labels = {
        Severity.ERROR: plural(counts[Severity.ERROR], "error"),
        Severity.WARNING: plural(counts[Severity.WARNING], "warning"),
        Severity.INFO: f"{counts[Severity.INFO]} info",
    }
    return " ".join(f'<span class="chip sev-{s}">{label}</span>' for s, label in labels.items() if counts[s])


def _document(n: int, r: FileResult, found: list[Item], record: dict[str, Any], with_source: bool) -> str:
    if r.doc is None:
        return (
            f'<section class="doc unreadable" id="doc-{n}"><header><h2>{e(r.path)}</h2></header>'
            f'<p class="error">Could not be read: {e(r.error or "")}</p></section>'
        )
    doc = r.doc
    unit = location_unit(doc)
    anchors = _Anchors() if with_source else None
    text = _document_text(n, doc, found, anchors) if anchors is not None else ""
    cards = "".join(_finding_card(n, doc, it, anchors, unit) for it in found)
    meta = f"{plural(len(doc.citations), 'citation')} · {plural(len(doc.references or []), 'reference')} · {doc.format}"
    links = record.get("links") or []
    if not with_source:  # keep the page small: the links that need attention only
        links = [x for x in links if str(x.get("status", "")).lower() not in ("alive", "skipped")]
    if with_source:
        assert anchors is not None
        body = (
            f'<div class="columns"><details class="source" open><summary>Text</summary>'
            f'<article class="text">{text}</article></details>'
            f'<aside class="findings"><h3>Findings</h3><ul>{cards}</ul></aside></div>'
            + _links_table(links)
            + _entries_table(n, doc, found, anchors.refs_in_text)
        )
    else:
        body = (
            f'<div class="findings-only"><ul>{cards}</ul><p class="note">The full text is left out of '
            "this report to keep it small; check this file on its own to see it "
            f"(<code>refcheck check --format html {e(r.path)}</code>).</p></div>" + _links_table(links)
        )
    return (
        f'<section class="doc" id="doc-{n}"><header><h2>{e(r.path)}</h2>'
        f'<div class="meta">{e(meta)}</div><div class="chips">{_chips(_counts(found))}</div></header>'
        f"{body}</section>"
    )


def _order(results: list[FileResult], grouped: dict[int, list[Item]]) -> list[int]:
    """Indexes of ``results``, unreadable files and most findings first."""

    def key(n: int) -> tuple[int, int, int, int, str]:
        r = results[n]
        c = _counts(grouped.get(id(r), []))
        return (0 if r.error else 1, -c[Severity.ERROR], -c[Severity.WARNING], -c[Severity.INFO], r.path)

    return sorted(range(len(results)), key=key)


def _index(results: list[FileResult], order: list[int], grouped: dict[int, list[Item]]) -> str:
    rows = []
    for n in order:
        r = results[n]
        c = _counts(grouped.get(id(r), []))
        if r.error:
            cells = '<td colspan="3" class="error">cannot be read</td>'
        else:
            cells = "".join(
                f'<td class="num sev-{s}">{c[s] or ""}</td>'
                for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
            )
        rows.append(f'<tr><td class="path"><a href="#doc-{n}">{e(r.path)}</a></td>{cells}</tr>')
    return (
        '<nav class="index"><details open><summary>Files, most findings first</summary>'
        '<table class="index"><thead><tr><th>File</th><th class="num">Errors</th><th class="num">Warnings</th>'
        f'<th class="num">Info</th></tr></thead><tbody>{"".join(rows)}</tbody></table></details></nav>'
    )


def _clean_files(results: list[FileResult], order: list[int], grouped: dict[int, list[Item]]) -> str:
    clean_ones = [n for n in order if results[n].doc is not None and not grouped.get(id(results[n]))]
    if not clean_ones:
        return ""
    rows = []
    for n in clean_ones:
        doc = results[n].doc
        assert doc is not None
        meta = f"{plural(len(doc.citations), 'citation')} · {plural(len(doc.references or []), 'reference')}"
        rows.append(
            f'<li id="doc-{n}"><span class="path">{e(doc.path)}</span> <span class="meta">{meta}</span></li>'
        )
    return (
        f'<section class="doc clean"><details><summary>{plural(len(clean_ones), "file")} without findings'
        f"</summary><ul>{''.join(rows)}</ul></details></section>"
    )


def render(results: list[FileResult], **_: Any) -> str:
    report = report_record(results)
    grouped: dict[int, list[Item]] = {}
    for it in items(results, report):
        grouped.setdefault(id(it.result), []).append(it)
    order = _order(results, grouped)
    budget = SOURCE_BUDGET
    sections: list[str] = []
    left_out = 0
    for n in order:
        r = results[n]
        found = grouped.get(id(r), [])
        if r.doc is not None and not found:
            continue
        size = len(r.doc.text) if r.doc is not None else 0
        with_source = r.doc is not None and (size <= budget or not sections)
        if with_source:
            budget -= size
        elif r.doc is not None:
            left_out += 1
        sections.append(_document(n, r, found, report["files"][n], with_source))
    s = report["summary"]
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    note = (
        f'<p class="note top-note">The full text of {plural(left_out, "file")} is left out to keep this '
        "report small: their findings are listed with the lines they are about.</p>"
        if left_out
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp()}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="refcheck">
<title>refcheck report</title><style>{CSS}</style></head>
<body><header class="top"><h1>refcheck report</h1>
<div class="summary"><span class="chip sev-error">{plural(s["errors"], "error")}</span>
<span class="chip sev-warning">{plural(s["warnings"], "warning")}</span>
<span class="chip sev-info">{s["infos"]} info</span>
<span class="files">{plural(s["files"], "file")} · refcheck {e(__version__)} · {when}</span></div>
<div class="filters" role="group" aria-label="Show severities">
<label><input type="checkbox" data-filter="error" checked> errors</label>
<label><input type="checkbox" data-filter="warning" checked> warnings</label>
<label><input type="checkbox" data-filter="info" checked> info</label></div></header>
{_index(results, order, grouped)}
<main>{note}{"".join(sections)}{_clean_files(results, order, grouped)}</main>
<script>{JS}</script></body></html>
"""
