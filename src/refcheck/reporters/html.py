"""HTML: one self-contained page per run (inline CSS and JS, no external assets).

Each document is shown with its citations highlighted and linked to the entries they cite, the
findings beside the text (each linked to its place), and the checked links with their archived
replacements when the link results carry them.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any

from refcheck import __version__
from refcheck.model import Document, Severity
from refcheck.pipeline import FileResult
from refcheck.reporters._common import Item, items, plural
from refcheck.reporters.html_assets import CSS, JS

e = html.escape


def _links_table(links: list[dict[str, Any]]) -> str:
    if not links:
        return ""
    rows = []
    for link in links:
        url = str(link.get("url", ""))
        status = link.get("status", link.get("state", ""))
        archive = next(
            (
                link[k]
                for k in ("archive", "archived", "archive_url", "archived_url", "replacement")
                if link.get(k)
            ),
            None,
        )
        arch = f'<a href="{e(str(archive))}" rel="noopener">{e(str(archive))}</a>' if archive else "—"
        dead = " dead" if str(status).lower() in ("dead", "broken", "error", "404", "410") else ""
        rows.append(
            f'<tr class="link{dead}"><td><a href="{e(url)}" rel="noopener">{e(url)}</a></td>'
            f"<td>{e(str(status))}</td><td>{arch}</td></tr>"
        )
    return (
        '<section class="links"><h3>Links</h3><table><thead><tr><th>URL</th><th>Status</th>'
        f"<th>Archived copy</th></tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _document_text(n: int, doc: Document, found: list[Item], anchors: dict[int, str]) -> str:
    """The text with line anchors, citations as links to their entries, entries as targets.

    ``anchors`` is filled with finding offset -> id of the element that shows it.
    """
    text = doc.text
    events: list[tuple[int, int, str]] = []  # (offset, order, html): closing tags sort first
    sev_at: dict[tuple[int, int], Severity] = {}
    refs = [r for r in doc.references or [] if 0 <= r.start < r.end]
    for it in found:
        f = it.finding
        if f.offset is None or f.offset < 0 or (f.path and f.path != doc.path):
            continue
        sev_at[(f.offset, -1)] = max(sev_at.get((f.offset, -1), f.severity), f.severity)
    cited_ranges = []
    for i, c in enumerate(doc.citations):
        if c.start < 0 or c.end <= c.start:
            continue
        target = c.references[0] if c.references else (c.candidates[0] if c.candidates else None)
        sev = sev_at.pop((c.start, -1), None)
        cls = f"cit {c.status.value}" + (f" has-finding sev-{sev}" if sev else "")
        href = f' href="#d{n}-ref-{e(target)}"' if target else ""
        title = f"{c.status.value}" + (f" → {target}" if target else "")
        events.append((c.start, 2, f'<a class="{cls}" id="d{n}-cit-{i}"{href} title="{e(title)}">'))
        events.append((c.end, 0, "</a>"))
        cited_ranges.append((c.start, c.end))
        if sev:
            anchors[c.start] = f"d{n}-cit-{i}"
    for r in refs:
        sev = sev_at.pop((r.start, -1), None)
        cls = "ref" + (f" has-finding sev-{sev}" if sev else "")
        events.append((r.start, 1, f'<span class="{cls}" id="d{n}-ref-{e(r.id)}">'))
        if sev:
            anchors[r.start] = f"d{n}-ref-{r.id}"
        events.append((r.end, 0, "</span>"))
    for (offset, _), sev in sev_at.items():
        if not any(a < offset < b for a, b in cited_ranges):
            anchors[offset] = f"d{n}-pin-{offset}"
            events.append((offset, 3, f'<span class="pin sev-{sev}" id="d{n}-pin-{offset}">⚑</span>'))
    line = 1
    for i, ch in enumerate(text):
        if ch == "\n":
            line += 1
            events.append((i + 1, 4, f'<span class="ln" id="d{n}-L{line}" data-n="{line}"></span>'))
    events.sort(key=lambda ev: (ev[0], ev[1]))
    out = [f'<span class="ln" id="d{n}-L1" data-n="1"></span>']
    pos = 0
    for offset, _, tag in events:
        offset = min(max(offset, 0), len(text))
        if offset > pos:
            out.append(e(text[pos:offset]))
            pos = offset
        out.append(tag)
    out.append(e(text[pos:]))
    return "".join(out)


def _finding_card(n: int, it: Item, anchors: dict[int, str]) -> str:
    rec, f = it.record, it.finding
    sev = str(f.severity)
    where = f"line {rec['line']}" if rec["line"] else "whole file"
    href = f"#d{n}-L{rec['line']}" if rec["line"] else f"#doc-{n}"
    if f.offset is not None and f.offset in anchors:
        href = "#" + e(anchors[f.offset])
    extra = ""
    if rec["suggestion"]:
        extra += f'<div class="suggestion">Suggestion: <b>{e(rec["suggestion"])}</b></div>'
    if rec["fixable"]:
        extra += '<div class="fixable">Fixable with <code>refcheck fix</code></div>'
    return (
        f'<li class="finding sev-{sev}" data-severity="{sev}"><a class="goto" href="{href}">'
        f'<span class="badge sev-{sev}">{sev}</span> <span class="rule">{e(rec["rule"])}</span>'
        f'<span class="where">{e(where)}</span></a><div class="msg">{e(rec["message"])}</div>{extra}</li>'
    )


def _document(n: int, r: FileResult, found: list[Item], record: dict[str, Any]) -> str:
    if r.doc is None:
        return (
            f'<section class="doc unreadable" id="doc-{n}"><h2>{e(r.path)}</h2>'
            f'<p class="error">Could not be read: {e(r.error or "")}</p></section>'
        )
    anchors: dict[int, str] = {}
    text = _document_text(n, r.doc, found, anchors)
    cards = "".join(_finding_card(n, it, anchors) for it in found) or '<li class="none">No findings.</li>'
    counts = {s: sum(1 for it in found if it.finding.severity is s) for s in Severity}
    labels = {
        Severity.ERROR: plural(counts[Severity.ERROR], "error"),
        Severity.WARNING: plural(counts[Severity.WARNING], "warning"),
        Severity.INFO: f"{counts[Severity.INFO]} info",
    }
    chips = " ".join(f'<span class="chip sev-{s}">{label}</span>' for s, label in labels.items())
    links = _links_table(record.get("links") or [])
    meta = f"{len(r.doc.citations)} citations · {len(r.doc.references or [])} references · {r.doc.format}"
    return (
        f'<section class="doc" id="doc-{n}"><header><h2>{e(r.path)}</h2>'
        f'<div class="meta">{e(meta)}</div><div class="chips">{chips}</div></header>'
        f'<div class="columns"><article class="text">{text}</article>'
        f'<aside class="findings"><h3>Findings</h3><ul>{cards}</ul>{links}</aside>'
        "</div></section>"
    )


def render(results: list[FileResult], **_: Any) -> str:
    from refcheck.reporters.records import report_record

    report = report_record(results)
    grouped: dict[int, list[Item]] = {}
    for it in items(results):
        grouped.setdefault(id(it.result), []).append(it)
    docs = "".join(_document(n, r, grouped.get(id(r), []), report["files"][n]) for n, r in enumerate(results))
    s = report["summary"]
    nav = "".join(
        f'<li><a href="#doc-{n}">{e(r.path)}</a> '
        f'<span class="count">{len(grouped.get(id(r), []))}</span></li>'
        for n, r in enumerate(results)
    )
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
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
<nav class="files"><ul>{nav}</ul></nav>
<main>{docs}</main>
<script>{JS}</script></body></html>
"""
