"""The inline stylesheet and script of the HTML report (kept apart so html.py stays readable)."""

CSS = """
:root{--bg:#f6f7f9;--card:#fff;--ink:#1f2328;--muted:#656d76;--line:#d8dee4;
--error:#cf222e;--error-bg:#ffebe9;--warning:#9a6700;--warning-bg:#fff8c5;--info:#0969da;--info-bg:#ddf4ff;
--cit:#e7f0ff;--ok:#1a7f37}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;background:var(--bg);color:var(--ink)}
header.top{position:sticky;top:0;z-index:5;background:#24292f;color:#fff;padding:12px 24px;display:flex;
flex-wrap:wrap;gap:16px;align-items:center}
header.top h1{font-size:18px;margin:0 12px 0 0}
.summary{display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.summary .files{color:#c9d1d9;font-size:13px;margin-left:8px}
.filters{margin-left:auto;font-size:13px;display:flex;gap:12px}
.chip{display:inline-block;border-radius:999px;padding:1px 10px;font-size:12px;font-weight:600}
.chip.sev-error{background:var(--error-bg);color:var(--error)}
.chip.sev-warning{background:var(--warning-bg);color:var(--warning)}
.chip.sev-info{background:var(--info-bg);color:var(--info)}
nav.files{padding:8px 24px;background:#fff;border-bottom:1px solid var(--line);font-size:13px}
nav.files ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:16px}
nav.files .count{color:var(--muted)}
main{padding:16px 24px;max-width:1500px;margin:0 auto}
section.doc{background:var(--card);border:1px solid var(--line);border-radius:8px;margin-bottom:24px;overflow:hidden}
section.doc>header{padding:12px 16px;border-bottom:1px solid var(--line);display:flex;gap:16px;align-items:baseline;flex-wrap:wrap}
section.doc h2{font-size:16px;margin:0;font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
.meta{color:var(--muted);font-size:13px}
.chips{margin-left:auto;display:flex;gap:6px}
.columns{display:grid;grid-template-columns:minmax(0,1fr) 380px}
article.text{padding:16px 16px 16px 64px;white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.6 Georgia,"Times New Roman",serif;
counter-reset:none;max-height:80vh;overflow:auto;position:relative}
.ln{position:relative}
.ln::before{content:attr(data-n);position:absolute;left:-56px;width:40px;text-align:right;color:#afb8c1;
font:11px/2 ui-monospace,Menlo,monospace;user-select:none}
a.cit{background:var(--cit);color:inherit;text-decoration:none;border-radius:3px;padding:0 2px;border-bottom:2px solid #54aeff}
a.cit.missing,a.cit.ambiguous{border-bottom-color:var(--warning)}
a.cit.has-finding.sev-error{background:var(--error-bg);border-bottom:2px solid var(--error)}
a.cit.has-finding.sev-warning{background:var(--warning-bg);border-bottom:2px solid var(--warning)}
.ref{display:inline;border-left:3px solid transparent}
.ref:target,.flash{background:#fff3b0 !important;outline:2px solid #d4a72c;transition:background .6s}
.ref.has-finding.sev-warning{background:var(--warning-bg);box-shadow:-6px 0 0 var(--warning)}
.ref.has-finding.sev-error{background:var(--error-bg);box-shadow:-6px 0 0 var(--error)}
.pin{color:var(--error);font-size:12px}
aside.findings{border-left:1px solid var(--line);padding:12px 16px;background:#fbfcfd;max-height:80vh;overflow:auto}
aside h3{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:4px 0 8px}
aside ul{list-style:none;margin:0;padding:0}
li.finding{border:1px solid var(--line);border-left:4px solid var(--muted);border-radius:6px;padding:8px 10px;margin-bottom:10px;background:#fff}
li.finding.sev-error{border-left-color:var(--error)}
li.finding.sev-warning{border-left-color:var(--warning)}
li.finding.sev-info{border-left-color:var(--info)}
li.finding .goto{display:flex;gap:8px;align-items:center;text-decoration:none;color:inherit}
.badge{font-size:11px;font-weight:700;text-transform:uppercase;border-radius:4px;padding:0 6px}
.badge.sev-error{background:var(--error-bg);color:var(--error)}
.badge.sev-warning{background:var(--warning-bg);color:var(--warning)}
.badge.sev-info{background:var(--info-bg);color:var(--info)}
.rule{font:12px ui-monospace,Menlo,monospace;color:var(--muted)}
.where{margin-left:auto;font-size:12px;color:var(--muted)}
.msg{margin-top:4px;font-size:14px}
.suggestion{margin-top:4px;font-size:13px;color:var(--ok)}
.fixable{font-size:12px;color:var(--muted)}
li.none{color:var(--muted)}
section.links table{border-collapse:collapse;width:100%;font-size:12px}
section.links td,section.links th{border-bottom:1px solid var(--line);padding:4px;text-align:left;overflow-wrap:anywhere}
tr.dead td:first-child a{color:var(--error);text-decoration:line-through}
.hidden{display:none}
.error{color:var(--error)}
@media (max-width:900px){.columns{grid-template-columns:1fr}aside.findings{border-left:0;border-top:1px solid var(--line)}}
"""

JS = """
(function () {
  "use strict";
  function flash(el) {
    if (!el) { return; }
    el.classList.add("flash");
    window.setTimeout(function () { el.classList.remove("flash"); }, 1200);
  }
  document.querySelectorAll("a.goto, a.cit").forEach(function (a) {
    a.addEventListener("click", function (ev) {
      var id = (a.getAttribute("href") || "").slice(1);
      var target = id ? document.getElementById(id) : null;
      if (!target) { return; }
      ev.preventDefault();
      target.scrollIntoView({block: "center", behavior: "smooth"});
      if (!target.classList.contains("ln")) { flash(target); }
      if (history.replaceState) { history.replaceState(null, "", "#" + id); }
    });
  });
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
