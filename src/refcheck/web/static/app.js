/* refcheck serve: the page. Plain JavaScript, no build step, nothing loaded from elsewhere.
   Every request carries the token the server printed; the document's text is only ever put in the
   page as text (textContent), never as markup. */
(function () {
  "use strict";

  var token = document.querySelector('meta[name="refcheck-token"]').getAttribute("content");
  var info = null;
  var chosen = [];
  var jobId = null;
  var source = null;
  var backTo = null;
  var $ = function (id) { return document.getElementById(id); };

  function withToken(path, extra) {
    return path + "?token=" + encodeURIComponent(token) + (extra || "");
  }

  function call(method, path, body, headers) {
    var h = {"X-Refcheck-Token": token};
    Object.keys(headers || {}).forEach(function (k) { h[k] = headers[k]; });
    return fetch(path, {method: method, headers: h, body: body, cache: "no-store"}).then(function (res) {
      return res.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = {error: text}; }
        if (!res.ok) {
          var why = (data && data.error) || ("the server answered " + res.status);
          throw new Error(why);
        }
        return data;
      });
    });
  }

  /* A download link fetched here rather than followed: an answer that is no file (409 "nothing to
     change", a check that failed) is said on the page, not saved by the browser as a file. */
  function download(ev, link) {
    ev.preventDefault();
    var old = link.parentNode && link.parentNode.querySelector(".download-error");
    if (old) { old.remove(); }
    var h = {"X-Refcheck-Token": token};
    fetch(link.getAttribute("href"), {headers: h, cache: "no-store"}).then(function (res) {
      if (!res.ok) {
        return res.text().then(function (text) {
          var data = null;
          try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
          throw new Error((data && data.error) || ("the server answered " + res.status));
        });
      }
      var name = link.getAttribute("download") || fileName(res.headers.get("Content-Disposition")) || "download";
      return res.blob().then(function (blob) {
        var url = URL.createObjectURL(blob);
        var a = el("a", null, null, {href: url, download: name});
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      });
    }).catch(function (err) {
      // said beside the link (the page's message box is at the top, above the results)
      var bar = link.parentNode;
      var note = bar.querySelector(".download-error");
      if (!note) { note = el("p", "download-error error", null, {role: "alert"}); bar.appendChild(note); }
      note.textContent = err.message;
    });
  }

  function fileName(disposition) {
    if (!disposition) { return ""; }
    var utf = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    if (utf) { try { return decodeURIComponent(utf[1]); } catch (e) { /* the plain name then */ } }
    var plain = /filename="([^"]*)"/i.exec(disposition);
    return plain ? plain[1] : "";
  }

  function el(tag, cls, text, attrs) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function mib(n) {
    if (n >= 1048576) { return (n / 1048576).toFixed(1).replace(/\.0$/, "") + " MiB"; }
    if (n >= 1024) { return Math.round(n / 1024) + " KiB"; }
    return n + " bytes";
  }

  function say(text, kind) {
    var box = $("message");
    box.textContent = text;
    box.className = "message" + (kind === "note" ? " note" : "");
    if (!text) { box.className = "message hidden"; }
  }

  function busy(on, text) {
    $("check").disabled = on;
    $("progress-box").classList.toggle("hidden", !on);
    if (text) { $("progress-text").textContent = text; }
    if (on) { $("progress").removeAttribute("value"); }
  }

  /* --- the form ------------------------------------------------------------------------------ */

  function showChosen() {
    var list = $("chosen");
    list.textContent = "";
    chosen.forEach(function (f) { list.appendChild(el("li", "", f.name + " (" + mib(f.size) + ")")); });
  }

  function suffix(name) {
    var i = name.lastIndexOf(".");
    return i > 0 ? name.slice(i).toLowerCase() : "";
  }

  function refuse(file) {
    if (info && file.size > info.max_file_size) {
      return file.name + " is " + mib(file.size) + ", over the " + mib(info.max_file_size) +
        " limit (refcheck serve --max-file-size).";
    }
    if (info && info.suffixes.indexOf(suffix(file.name)) < 0) {
      return file.name + ": refcheck does not read " + (suffix(file.name) || "files without an extension") +
        " files. It reads " + info.suffixes.join(", ") + ".";
    }
    return null;
  }

  function ignored() {
    return Array.prototype.map.call(document.querySelectorAll("#rules input:checked"), function (b) {
      return b.value;
    });
  }

  function submit(ev) {
    ev.preventDefault();
    say("");
    var pasted = $("paste").value;
    var files = chosen.slice();
    if (pasted.trim()) {
      var name = "pasted-text." + $("paste-format").value;
      files.push(new File([pasted], name, {type: "text/plain"}));
    }
    if (!files.length) {
      say("Choose a file (or paste the text) to check.");
      $("file").focus();
      return;
    }
    for (var i = 0; i < files.length; i++) {
      var why = refuse(files[i]);
      if (why) { say(why); return; }
    }
    if (source) { source.close(); source = null; }
    if (jobId) { call("DELETE", "api/jobs/" + jobId).catch(function () {}); jobId = null; }
    $("results").textContent = "";
    $("summary").textContent = "";
    busy(true, "Uploading");
    var options = {
      links: $("opt-links").checked,
      fail_on: $("opt-fail-on").value,
      ignore: ignored()
    };
    if (info && info.verify) { options.verify = $("opt-verify").checked; }
    call("POST", "api/jobs", JSON.stringify(options), {"Content-Type": "application/json"})
      .then(function (data) {
        jobId = data.id;
        var chain = Promise.resolve();
        files.forEach(function (f) {
          chain = chain.then(function () {
            $("progress-text").textContent = "Uploading " + f.name;
            return call("PUT", "api/jobs/" + jobId + "/files/" + encodeURIComponent(f.name), f,
              {"Content-Type": "application/octet-stream"});
          });
        });
        return chain;
      })
      .then(function () { return call("POST", "api/jobs/" + jobId + "/start"); })
      .then(function () { follow(jobId); })
      .catch(function (err) { busy(false); say(err.message); });
  }

  /* --- progress -------------------------------------------------------------------------------- */

  function showProgress(p) {
    var bar = $("progress");
    if (p.total) {
      bar.max = p.total;
      bar.value = p.done;
      $("progress-text").textContent = p.stage + " (" + p.done + " of " + p.total + ")";
    } else {
      bar.removeAttribute("value");
      $("progress-text").textContent = p.stage;
    }
  }

  function ended(id, p) {
    if (id !== jobId) { return; }
    if (p.state === "failed") {
      busy(false);
      say(p.error || "The check failed.");
      return;
    }
    $("progress-text").textContent = "Preparing the results";
    call("GET", "api/jobs/" + id + "/result").then(function (data) {
      busy(false);
      render(id, data);
    }).catch(function (err) { busy(false); say(err.message); });
  }

  function poll(id) {
    call("GET", "api/jobs/" + id + "/progress").then(function (p) {
      showProgress(p);
      if (p.state === "done" || p.state === "failed") { ended(id, p); }
      else { window.setTimeout(function () { poll(id); }, 500); }
    }).catch(function (err) { busy(false); say(err.message); });
  }

  function follow(id) {
    if (!window.EventSource) { poll(id); return; }
    var es = new EventSource(withToken("api/jobs/" + id + "/events"));
    source = es;
    var over = false;
    es.addEventListener("progress", function (ev) { showProgress(JSON.parse(ev.data)); });
    ["done", "failed"].forEach(function (kind) {
      es.addEventListener(kind, function (ev) {
        over = true;
        es.close();
        ended(id, JSON.parse(ev.data));
      });
    });
    es.onerror = function () {
      if (over) { return; }
      es.close();
      poll(id);
    };
  }

  /* --- results --------------------------------------------------------------------------------- */

  var ORDER = ["error", "warning", "info"];
  var TITLES = {error: "Errors", warning: "Warnings", info: "Info"};

  function worst(list, findings) {
    var best = null;
    list.forEach(function (k) {
      var s = findings[k].severity;
      if (best === null || ORDER.indexOf(s) < ORDER.indexOf(best)) { best = s; }
    });
    return best;
  }

  function chip(sev, n) {
    var label = sev === "info" ? n + " info" : plural(n, sev);
    return el("span", "chip sev-" + sev, label);
  }

  function render(id, data) {
    var summary = $("summary");
    summary.textContent = "";
    ORDER.forEach(function (s) { summary.appendChild(chip(s, data.summary[s])); summary.appendChild(document.createTextNode(" ")); });
    summary.appendChild(el("span", "files", plural(data.summary.files, "file") + " · " + data.elapsed + " s"));
    $("filters").classList.remove("hidden");
    var box = $("results");
    box.textContent = "";
    if (data.notes && data.notes.length) {
      data.notes.forEach(function (n) { box.appendChild(el("p", "notes", "Note: " + n)); });
    }
    data.files.forEach(function (f) { box.appendChild(f.error ? unreadable(f) : documentSection(id, f)); });
    $("new-check").classList.remove("hidden");
    var first = box.querySelector("section.doc h2");
    if (first) { first.setAttribute("tabindex", "-1"); first.focus({preventScroll: true}); first.scrollIntoView({block: "start"}); }
  }

  function unreadable(f) {
    var s = el("section", "doc unreadable", null, {id: "doc-" + f.index});
    s.appendChild(el("h2", "", f.path));
    s.appendChild(el("p", "error", "Could not be checked: " + f.error));
    return s;
  }

  function documentSection(id, f) {
    var n = f.index;
    var s = el("section", "doc", null, {id: "doc-" + n, "aria-label": f.path});
    var head = el("header");
    head.appendChild(el("h2", "", f.path));
    head.appendChild(el("div", "meta", plural(f.citations.length, "citation") + " · " +
      plural(f.references.length, "reference") + " · " + f.format));
    var chips = el("div", "chips");
    ORDER.forEach(function (sev) { chips.appendChild(chip(sev, f.counts[sev])); });
    head.appendChild(chips);
    s.appendChild(head);
    s.appendChild(actions(id, f));
    s.appendChild(legend());
    var cols = el("div", "columns");
    cols.appendChild(documentText(f));
    cols.appendChild(findingsList(f));
    s.appendChild(cols);
    s.appendChild(referenceList(f));
    return s;
  }

  function actions(id, f) {
    var bar = el("div", "doc-actions");
    var verdict = f.fails ? "Fails" : "Passes";
    var why = f.fail_on === "never" ? " (fail-on: never)" : " at fail-on " + f.fail_on;
    bar.appendChild(el("span", "verdict " + (f.fails ? "fail" : "pass"), verdict + why));
    bar.appendChild(el("span", "sep"));
    var base = "api/jobs/" + id;
    ["HTML report", "JSON"].forEach(function (text) {
      var a = el("a", "button", text, {href: withToken(base + (text === "JSON" ? "/report.json" : "/report.html")), download: ""});
      a.addEventListener("click", function (ev) { download(ev, a); });
      bar.appendChild(a);
    });
    var fixes = f.fixes;
    var label = fixes.count ? "Apply the safe fixes (" + fixes.count + ")" : "No safe fixes";
    if (fixes.tracked && fixes.count) { label += " as tracked changes"; }
    var link = el("a", "button primary fix", label, {href: withToken(base + "/fixed", "&file=" + f.index), download: fixes.filename});
    var comments = null;
    if (fixes.comments) {
      comments = el("input", "", null, {type: "checkbox", id: "comments-" + f.index});
      var lab = el("label", "", null, {"for": "comments-" + f.index});
      lab.appendChild(comments);
      lab.appendChild(document.createTextNode(" add the other findings as Word comments"));
      comments.addEventListener("change", function () {
        link.setAttribute("href", withToken(base + "/fixed", "&file=" + f.index + (comments.checked ? "&comments=1" : "")));
        setFixable();
      });
    }
    function setFixable() {
      var usable = fixes.count > 0 || (comments && comments.checked);
      link.classList.toggle("disabled", !usable);
      link.setAttribute("aria-disabled", usable ? "false" : "true");
      if (!fixes.count && comments && comments.checked) { link.textContent = "Download with comments"; }
      else { link.textContent = label; }
    }
    link.addEventListener("click", function (ev) {
      if (link.getAttribute("aria-disabled") === "true") { ev.preventDefault(); return; }
      download(ev, link);
    });
    setFixable();
    bar.appendChild(link);
    if (comments) { bar.appendChild(comments.parentNode); }
    return bar;
  }

  function legend() {
    var box = el("div", "legend", null, {"aria-hidden": "true"});
    var a = el("span"); a.appendChild(el("a", "cit linked", "Smith 2004")); a.appendChild(document.createTextNode(" linked to its entry")); box.appendChild(a);
    var b = el("span"); b.appendChild(el("a", "cit has-finding sev-error", "Smith 2008")); b.appendChild(document.createTextNode(" a problem")); box.appendChild(b);
    var c = el("span"); c.appendChild(el("span", "sugg", "→ Smith 2004")); c.appendChild(document.createTextNode(" the suggestion")); box.appendChild(c);
    var d = el("span"); d.appendChild(el("span", "pin sev-warning", "⚑")); d.appendChild(document.createTextNode(" a finding at this place")); box.appendChild(d);
    return box;
  }

  /* The text, with citations, entries, links, finding pins and line numbers marked. */
  function documentText(f) {
    var n = f.index;
    var text = f.text;
    var events = [];  // [offset, order, open(node) | null for close, node]
    function span(start, end, order, node) {
      if (start < 0 || end < start) { return; }
      events.push([start, order, true, node]);
      events.push([end, 0, false, node]);
    }
    var refIndexOf = {};
    f.references.forEach(function (r, i) { refIndexOf[r.id] = i; });
    f.citations.forEach(function (c, i) {
      if (c.start < 0 || c.end <= c.start) { return; }
      var cls = "cit " + c.status;
      var sev = worst(c.findings, f.findings);
      if (sev) { cls += " has-finding sev-" + sev; }
      var target = c.findings.length ? "#d" + n + "-f-" + c.findings[0] : null;
      var ref = c.refs.length ? c.refs[0] : (c.candidates.length ? c.candidates[0] : null);
      var refIndex = ref !== null && Object.prototype.hasOwnProperty.call(refIndexOf, ref) ? refIndexOf[ref] : -1;
      if (!target && refIndex >= 0) { target = "#d" + n + "-entry-" + refIndex; }
      var title = c.status.replace("-", " ");
      if (refIndex >= 0) { title += " → " + f.references[refIndex].text.slice(0, 80); }
      var a = el("a", cls, null, {id: "d" + n + "-cit-" + i, title: title});
      if (target) { a.setAttribute("href", target); }
      span(c.start, c.end, 2, a);
      if (c.suggestion && c.status !== "linked") {
        events.push([c.end, 1, "leaf", el("span", "sugg", "→ " + c.suggestion, {"aria-label": "suggestion: " + c.suggestion})]);
      }
    });
    f.references.forEach(function (r, i) {
      if (r.start < 0 || r.end <= r.start) { return; }
      var sev = worst(r.findings, f.findings);
      var node = el("span", "ref" + (sev ? " has-finding sev-" + sev : ""), null, {id: "d" + n + "-ref-" + i, tabindex: "-1"});
      span(r.start, r.end, 1, node);
    });
    f.links.forEach(function (l) {
      if (l.start < 0 || l.end <= l.start) { return; }
      span(l.start, l.end, 3, el("span", "url " + l.status, null, {title: "link " + l.status + (l.archive_url ? "; archived copy: " + l.archive_url : "")}));
    });
    var notes = {};
    f.notes.forEach(function (note) {
      notes[note.label] = true;
      span(note.start, note.end, 1, el("span", "note", null, {id: "d" + n + "-fn-" + note.label, tabindex: "-1"}));
    });
    f.marks.forEach(function (m) {
      if (m.end <= m.start) { return; }
      var attrs = {title: "note " + m.label};
      if (notes[m.label]) { attrs.href = "#d" + n + "-fn-" + m.label; }
      span(m.start, m.end, 2, el("a", "fnref", null, attrs));
    });
    f.findings.forEach(function (fd, k) {
      if (fd.citation_index !== null || fd.reference_index !== null || fd.start === null) { return; }
      events.push([fd.start, 4, "leaf", el("span", "pin sev-" + fd.severity, "⚑", {id: "d" + n + "-pin-" + k, tabindex: "-1", title: fd.rule})]);
    });
    // Each line of the text is a block of its own, which the browser lays out only when it is near
    // the screen (content-visibility): a thousand-page document shows as fast as a short one.
    f.lines.forEach(function (pair, i) {
      events.push([pair[0], 0.5, "line", el("span", "ln", null, {id: "d" + n + "-L" + (i + 1), "data-n": String(pair[1])})]);
    });
    events.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var article = el("article", "text", null, {tabindex: "0", "aria-label": "Text of " + f.path, id: "d" + n + "-text"});
    var stack = [{node: article, from: article}];  // open elements: the node in the page, the one it copies
    function top() { return stack[stack.length - 1].node; }
    var pos = 0;
    events.forEach(function (ev) {
      var at = Math.min(Math.max(ev[0], 0), text.length);
      if (at > pos) {
        var piece = text.slice(pos, at).replace(/\n/g, "");  // a line's end is the end of its block
        if (piece) { top().appendChild(document.createTextNode(piece)); }
        pos = at;
      }
      if (ev[2] === "line") {
        // close what is open, start the line's block, open copies of what was open (without ids)
        var open = stack.slice(2);
        var line = el("div", "line");
        article.appendChild(line);
        line.appendChild(ev[3]);
        stack = [stack[0], {node: line, from: line}];
        open.forEach(function (o) {
          var copy = o.from.cloneNode(false);
          copy.removeAttribute("id");
          top().appendChild(copy);
          stack.push({node: copy, from: o.from});
        });
      } else if (ev[2] === "leaf") {
        top().appendChild(ev[3]);
      } else if (ev[2] === true) {
        top().appendChild(ev[3]);
        stack.push({node: ev[3], from: ev[3]});
      } else {
        for (var i = stack.length - 1; i > 1; i--) {
          if (stack[i].from === ev[3]) { stack.length = i; break; }
        }
      }
    });
    if (pos < text.length) { top().appendChild(document.createTextNode(text.slice(pos).replace(/\n/g, ""))); }
    return article;
  }

  function targetOf(f, fd, k) {
    var n = f.index;
    if (fd.citation_index !== null) { return "d" + n + "-cit-" + fd.citation_index; }
    if (fd.reference_index !== null && f.references[fd.reference_index].start >= 0) { return "d" + n + "-ref-" + fd.reference_index; }
    if (fd.reference_index !== null) { return "d" + n + "-entry-" + fd.reference_index; }
    if (fd.start !== null) { return "d" + n + "-pin-" + k; }
    return "doc-" + n;
  }

  function findingsList(f) {
    var aside = el("aside", "findings", null, {"aria-label": "Findings in " + f.path});
    if (!f.findings.length) {
      aside.appendChild(el("h3", "", "Findings"));
      var ul0 = el("ul");
      ul0.appendChild(el("li", "none", "No findings."));
      aside.appendChild(ul0);
      return aside;
    }
    ORDER.forEach(function (sev) {
      var ks = [];
      f.findings.forEach(function (fd, k) { if (fd.severity === sev) { ks.push(k); } });
      if (!ks.length) { return; }
      var h = el("h3", "sev-head", TITLES[sev] + " ");
      h.appendChild(el("span", "n", "(" + ks.length + ")"));
      var ul = el("ul", "", null, {"data-severity": sev});
      ks.forEach(function (k) { ul.appendChild(card(f, f.findings[k], k)); });
      var group = el("div", "group", null, {"data-severity": sev});
      group.appendChild(h);
      group.appendChild(ul);
      aside.appendChild(group);
    });
    return aside;
  }

  function card(f, fd, k) {
    var li = el("li", "finding sev-" + fd.severity, null, {"data-severity": fd.severity, id: "d" + f.index + "-f-" + k, tabindex: "-1"});
    var where = fd.line ? "line " + fd.line : "whole file";
    if (fd.path && fd.path !== f.path) { where = fd.path + (fd.line ? ":" + fd.line : ""); }
    var go = el("a", "goto", null, {href: "#" + targetOf(f, fd, k)});
    go.appendChild(el("span", "badge sev-" + fd.severity, fd.severity));
    go.appendChild(document.createTextNode(" "));
    go.appendChild(el("span", "rule", fd.rule));
    go.appendChild(el("span", "where", where));
    li.appendChild(go);
    li.appendChild(el("div", "msg", fd.message));
    if (fd.suggestion) {
      var sg = el("div", "suggestion", "Suggestion: ");
      sg.appendChild(el("b", "", fd.suggestion));
      li.appendChild(sg);
    }
    if (fd.fixable) {
      li.appendChild(el("div", "fixable yes", "Fixed by “Apply the safe fixes”"));
    } else if (fd.not_fixed) {
      li.appendChild(el("div", "fixable", "Not fixed automatically: " + fd.not_fixed));
    }
    go.addEventListener("click", function (ev) {
      var target = document.getElementById(go.getAttribute("href").slice(1));
      if (!target) { return; }
      ev.preventDefault();
      jump(target, li);
    });
    return li;
  }

  function referenceList(f) {
    var n = f.index;
    var s = el("section", "references", null, {"aria-label": "Reference list of " + f.path});
    s.appendChild(el("h3", "", "Reference list (" + plural(f.references.length, "entry").replace("entrys", "entries") + ")"));
    if (!f.references.length) {
      s.appendChild(el("p", "none", "refcheck found no reference list."));
      return s;
    }
    var ol = el("ol", "entries");
    f.references.forEach(function (r, i) {
      var li = el("li", "entry", null, {id: "d" + n + "-entry-" + i, tabindex: "-1"});
      if (r.start >= 0) {
        li.appendChild(el("a", "etext", r.text, {href: "#d" + n + "-ref-" + i, title: "show it in the text"}));
      } else {
        li.appendChild(el("span", "etext", r.text));
      }
      var st = el("div", "state");
      if (r.cited_by.length) {
        st.appendChild(el("span", "tag ok", "cited " + (r.cited_by.length === 1 ? "once" : r.cited_by.length + " times")));
        r.cited_by.forEach(function (ci) {
          var c = f.citations[ci];
          if (c.start < 0) { st.appendChild(el("span", "", c.text)); return; }
          st.appendChild(el("a", "", c.text, {href: "#d" + n + "-cit-" + ci}));
        });
      } else {
        st.appendChild(el("span", "tag problem", "never cited"));
      }
      r.links.forEach(function (j) {
        var l = f.links[j];
        var tag = el("span", "tag " + l.status, "link " + l.status + (l.http_status ? " (" + l.http_status + ")" : ""), {title: l.detail || l.reason || l.url});
        st.appendChild(tag);
        if (l.archive_url && /^https?:\/\//.test(l.archive_url)) {
          var when = l.archive_timestamp ? " " + l.archive_timestamp.slice(0, 4) + "-" + l.archive_timestamp.slice(4, 6) + "-" + l.archive_timestamp.slice(6, 8) : "";
          st.appendChild(el("a", "tag archived", "archived copy" + when, {href: l.archive_url, target: "_blank", rel: "noopener noreferrer"}));
        }
      });
      if (r.verification) {
        var v = r.verification;
        var words = {"verified": "verified", "mismatch": "registry differs", "not-found": "not in registries",
          "retracted": "retracted", "unverified": "unverified", "skipped": "not looked up"};
        var kinds = {"verified": "ok", "mismatch": "warning", "not-found": "warning", "retracted": "error",
          "unverified": "unverified"};
        var about = v.record ? (v.record.title || "") + " (" + (v.record.year || "n.d.") + ")" : "";
        var vt = el("span", "tag verdict " + (kinds[v.status] || ""), words[v.status] || v.status,
          {title: about + (v.source ? " · " + v.source : "")});
        st.appendChild(vt);
        if (v.record_url && /^https?:\/\//i.test(v.record_url)) {
          st.appendChild(el("a", "tag record", "record", {href: v.record_url, target: "_blank", rel: "noopener noreferrer"}));
        }
      }
      r.findings.forEach(function (k) {
        var fd = f.findings[k];
        if (fd.rule === "uncited-reference") { return; }
        st.appendChild(el("a", "tag " + fd.severity, fd.rule, {href: "#d" + n + "-f-" + k, title: fd.message}));
      });
      li.appendChild(st);
      ol.appendChild(li);
    });
    s.appendChild(ol);
    return s;
  }

  /* --- moving around --------------------------------------------------------------------------- */

  function flash(node) {
    node.classList.add("flash");
    window.setTimeout(function () { node.classList.remove("flash"); }, 1400);
  }

  function focusOn(node) {
    if (!node.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(node.tagName)) {
      node.setAttribute("tabindex", "-1");
    }
    node.focus({preventScroll: true});
  }

  function jump(target, from) {
    target.scrollIntoView({block: "center"});
    flash(target);
    focusOn(target);
    backTo = from || null;
    $("back").classList.toggle("hidden", !backTo);
  }

  function goBack() {
    if (!backTo) { return; }
    var card = backTo;
    backTo = null;
    $("back").classList.add("hidden");
    card.scrollIntoView({block: "center"});
    flash(card);
    var link = card.querySelector("a.goto");
    (link || card).focus({preventScroll: true});
  }

  function onDocumentClick(ev) {
    var a = ev.target.closest ? ev.target.closest("a[href^='#']") : null;
    if (!a || a.classList.contains("goto")) { return; }
    var target = document.getElementById(a.getAttribute("href").slice(1));
    if (!target) { return; }
    ev.preventDefault();
    if (target.classList.contains("finding")) {
      backTo = target;
      goBack();
      return;
    }
    var from = a.classList.contains("tag") ? null : a;
    var fromCard = a.closest ? a.closest("li.finding, li.entry") : null;
    jump(target, fromCard || null);
    if (!fromCard && from) { $("back").classList.add("hidden"); }
  }

  /* --- start ----------------------------------------------------------------------------------- */

  function setup(data) {
    info = data;
    $("file").setAttribute("accept", data.suffixes.join(","));
    var defaults = data.defaults || {};
    if (defaults.links !== undefined) { $("opt-links").checked = !!defaults.links; }
    if (defaults.fail_on) { $("opt-fail-on").value = defaults.fail_on; }
    if (data.verify) {
      $("verify-wrap").hidden = false;
      $("opt-verify").checked = !!data.verify_default;
    }
    var box = $("rules");
    var off = defaults.ignore || [];
    data.rules.forEach(function (r) {
      var lab = el("label");
      var box2 = el("input", "", null, {type: "checkbox", value: r.name});
      box2.checked = off.indexOf(r.name) >= 0;
      box2.addEventListener("change", function () {
        var n = ignored().length;
        $("ignored-count").textContent = n ? String(n) : "none";
      });
      lab.appendChild(box2);
      lab.appendChild(document.createTextNode(" "));
      lab.appendChild(el("span", "rule", r.name));
      lab.appendChild(el("span", "badge sev-" + r.severity, r.severity));
      lab.appendChild(document.createTextNode(" " + r.summary));
      box.appendChild(lab);
    });
    $("ignored-count").textContent = off.length ? String(ignored().length) : "none";
  }

  function init() {
    $("check-form").addEventListener("submit", submit);
    $("file").addEventListener("change", function () {
      chosen = Array.prototype.slice.call($("file").files);
      showChosen();
      say("");
    });
    var drop = $("drop");
    ["dragenter", "dragover"].forEach(function (t) {
      drop.addEventListener(t, function (ev) { ev.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (t) {
      drop.addEventListener(t, function () { drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (ev) {
      ev.preventDefault();
      chosen = Array.prototype.slice.call(ev.dataTransfer.files);
      showChosen();
      say("");
    });
    $("new-check").addEventListener("click", function () {
      chosen = [];
      $("file").value = "";
      $("paste").value = "";
      showChosen();
      window.scrollTo(0, 0);
      $("file").focus();
    });
    $("back").addEventListener("click", goBack);
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && backTo) { ev.preventDefault(); goBack(); }
    });
    $("results").addEventListener("click", onDocumentClick);
    document.querySelectorAll("input[data-filter]").forEach(function (box) {
      box.addEventListener("change", function () {
        var sev = box.getAttribute("data-filter");
        document.querySelectorAll("[data-severity='" + sev + "']").forEach(function (node) {
          node.classList.toggle("hidden", !box.checked);
        });
      });
    });
    call("GET", "api/info").then(setup).catch(function (err) { say("refcheck is not answering: " + err.message); });
  }

  window.refcheck = {render: render};  // for bench/serve_page.py
  init();
}());
