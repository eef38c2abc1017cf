"""The stylesheet and script of the HTML report, kept apart so that other pages can reuse them.

``CSS`` is one stylesheet: the colour variables and the components (chips, badges, finding cards,
the annotated text with its line numbers, tables) are plain class selectors, so the local web app
can import ``CSS`` and use the same classes. ``JS`` only navigates (opens collapsed sections, scrolls
to a citation or an entry) and filters by severity; the report works without it.

The report's Content-Security-Policy allows exactly these two strings by their hashes: change them
here and the hashes follow; never add ``style=`` attributes or inline event handlers to the report.
"""

CSS = """
:root{--bg:#f6f7f9;--card:#fff;--ink:#1f2328;--muted:#656d76;--line:#d8dee4;
--error:#cf222e;--error-bg:#ffebe9;--warning:#9a6700;--warning-bg:#fff8c5;--info:#0969da;--info-bg:#ddf4ff;
--cit:#e7f0ff;--ok:#1a7f37;--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;background:var(--bg);color:var(--ink)}
header.top{position:sticky;top:0;z-index:5;background:#24292f;color:#fff;padding:12px 24px;display:flex;
flex-wrap:wrap;gap:16px;align-items:center}
header.top h1{font-size:18px;margin:0 12px 0 0}
.summary{display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.summary .files{color:#c9d1d9;font-size:13px;margin-left:8px}
.filters{margin-left:auto;font-size:13px;display:flex;gap:12px}
.chip{display:inline-block;border-radius:999px;padding:1px 10px;font-size:12px;font-weight:600;white-space:nowrap}
.chip.sev-error{background:var(--error-bg);color:var(--error)}
.chip.sev-warning{background:var(--warning-bg);color:var(--warning)}
.chip.sev-info{background:var(--info-bg);color:var(--info)}
nav.index{padding:8px 24px;background:#fff;border-bottom:1px solid var(--line);font-size:13px}
nav.index summary{cursor:pointer;color:var(--muted);font-weight:600}
nav.index table{max-height:40vh;overflow:auto;display:block}
table.index td.path{font-family:var(--mono);overflow-wrap:anywhere}
td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.sev-error{color:var(--error);font-weight:600}
td.sev-warning{color:var(--warning)}
td.sev-info{color:var(--info)}
main{padding:16px 24px;max-width:1500px;margin:0 auto}
section.doc{background:var(--card);border:1px solid var(--line);border-radius:8px;margin-bottom:24px;overflow:hidden;
content-visibility:auto;contain-intrinsic-size:auto 600px}
section.doc>header{padding:12px 16px;border-bottom:1px solid var(--line);display:flex;gap:16px;align-items:baseline;flex-wrap:wrap}
section.doc h2{font-size:16px;margin:0;font-family:var(--mono);overflow-wrap:anywhere}
section.doc.clean{padding:12px 16px;content-visibility:visible}
section.doc.clean summary{cursor:pointer;color:var(--muted)}
section.doc.clean ul{list-style:none;padding:0;margin:8px 0 0;font-size:13px}
section.doc.clean .path{font-family:var(--mono)}
.meta{color:var(--muted);font-size:13px}
.chips{margin-left:auto;display:flex;gap:6px}
.columns{display:grid;grid-template-columns:minmax(0,1fr) 380px}
details.source>summary{padding:6px 16px;color:var(--muted);font-size:13px;cursor:pointer}
article.text{padding:16px 16px 16px 64px;white-space:pre-wrap;overflow-wrap:break-word;font:14px/1.6 Georgia,"Times New Roman",serif;
max-height:80vh;overflow:auto;position:relative}
.ln{position:relative}
.ln::before{content:attr(data-n);position:absolute;left:-56px;width:40px;text-align:right;color:#afb8c1;
font:11px/2 var(--mono);user-select:none}
.file-banner{display:block;margin:8px 0 4px -56px;padding:2px 8px;font:12px var(--mono);color:var(--muted);
background:var(--bg);border-radius:4px;white-space:normal}
a.cit{background:var(--cit);color:inherit;text-decoration:none;border-radius:3px;padding:0 2px;border-bottom:2px solid #54aeff}
a.cit.missing,a.cit.ambiguous{border-bottom-color:var(--warning)}
a.cit.has-finding.sev-error{background:var(--error-bg);border-bottom:2px solid var(--error)}
a.cit.has-finding.sev-warning{background:var(--warning-bg);border-bottom:2px solid var(--warning)}
.ref{display:inline;border-left:3px solid transparent}
.ref:target,.flash{background:#fff3b0 !important;outline:2px solid #d4a72c;transition:background .6s}
.ref.has-finding.sev-warning{background:var(--warning-bg);box-shadow:-6px 0 0 var(--warning)}
.ref.has-finding.sev-error{background:var(--error-bg);box-shadow:-6px 0 0 var(--error)}
.pin{color:var(--error);font-size:12px}
aside.findings{border-left:1px solid var(--line);padding:12px 16px;background:#fbfcfd;max-height:85vh;overflow:auto}
aside h3,section.wide h3{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:4px 0 8px}
aside ul,.findings-only ul{list-style:none;margin:0;padding:0}
.findings-only{padding:12px 16px}
li.finding{border:1px solid var(--line);border-left:4px solid var(--muted);border-radius:6px;padding:8px 10px;margin-bottom:10px;background:#fff}
li.finding.sev-error{border-left-color:var(--error)}
li.finding.sev-warning{border-left-color:var(--warning)}
li.finding.sev-info{border-left-color:var(--info)}
li.finding .goto{display:flex;gap:8px;align-items:center;text-decoration:none;color:inherit}
.badge{font-size:11px;font-weight:700;text-transform:uppercase;border-radius:4px;padding:0 6px;white-space:nowrap}
.badge.sev-error{background:var(--error-bg);color:var(--error)}
.badge.sev-warning{background:var(--warning-bg);color:var(--warning)}
.badge.sev-info{background:var(--info-bg);color:var(--info)}
.rule{font:12px var(--mono);color:var(--muted);white-space:nowrap}
.where{margin-left:auto;font-size:12px;color:var(--muted);text-align:right;overflow-wrap:anywhere;min-width:0}
.msg{margin-top:4px;font-size:14px;overflow-wrap:break-word}
.citation{margin-top:4px;font-size:13px}
.suggestion{margin-top:4px;font-size:13px;color:var(--ok)}
.fixable{font-size:12px;color:var(--muted)}
.excerpt{margin-top:6px;padding:4px 8px;background:var(--bg);border-radius:4px;font:13px/1.5 Georgia,serif;
overflow-wrap:break-word}
.excerpt mark{background:var(--warning-bg);border-bottom:2px solid var(--warning)}
li.finding.sev-error .excerpt mark{background:var(--error-bg);border-bottom-color:var(--error)}
li.none{color:var(--muted)}
.note{color:var(--muted);font-size:13px}
section.wide{padding:12px 16px;border-top:1px solid var(--line)}
section.wide table{border-collapse:collapse;width:100%;font-size:13px}
section.wide td,section.wide th{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
section.wide td.url,section.wide td.archive{font-family:var(--mono);font-size:12px;overflow-wrap:break-word}
section.wide td.url{width:45%}
section.wide td.status{white-space:nowrap}
section.wide td.status .detail{color:var(--muted);font-size:12px}
section.wide td.entry{overflow-wrap:break-word}
section.wide td.entry a{color:inherit;text-decoration:none}
section.wide td.entry a:hover{text-decoration:underline}
tr.dead td.url a{color:var(--error);text-decoration:line-through}
section.wide td.verdict{white-space:nowrap}
.verdict{font-size:12px;font-weight:600;border-radius:4px;padding:0 5px;background:var(--bg);color:var(--muted)}
.verdict.v-verified{color:var(--ok)}
.verdict.v-mismatch,.verdict.v-not-found{background:var(--warning-bg);color:var(--warning)}
.verdict.v-retracted{background:var(--error-bg);color:var(--error)}
a.record{font-size:12px}
.url.not-link{color:var(--muted)}
.hidden{display:none}
.error{color:var(--error)}
@media (max-width:900px){.columns{grid-template-columns:1fr}aside.findings{border-left:0;border-top:1px solid var(--line)}}
"""

JS = """
(function () {
  "use strict";
  function flash(el) {
    el.classList.add("flash");
    window.setTimeout(function () { el.classList.remove("flash"); }, 1200);
  }
  function reveal(el) {
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") { p.open = true; }
    }
  }
  function go(id, smooth) {
    var target = id ? document.getElementById(id) : null;
    if (!target) { return false; }
    reveal(target);
    target.scrollIntoView({block: "center", behavior: smooth ? "smooth" : "auto"});
    if (!target.classList.contains("ln")) { flash(target); }
    return true;
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a[href^='#']") : null;
    if (!a) { return; }
    var id = decodeURIComponent(a.getAttribute("href").slice(1));
    if (go(id, true)) {
      ev.preventDefault();
      if (history.replaceState) { history.replaceState(null, "", "#" + encodeURIComponent(id)); }
    }
  });
  if (location.hash.length > 1) { go(decodeURIComponent(location.hash.slice(1)), false); }
  document.querySelectorAll("input[data-filter]").forEach(function (box) {
    box.addEventListener("change", function () {
      var sev = box.getAttribute("data-filter");
      document.querySelectorAll("li.finding[data-severity='" + sev + "']").forEach(function (li) {
        li.classList.toggle("hidden", !box.checked);
      });
    });
  });
}());
"""
