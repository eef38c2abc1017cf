"""The server over real HTTP on 127.0.0.1: the token, uploads and their limits, checks, downloads."""

from __future__ import annotations

import html
import io
import json
import re
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed (pip install .[web])")
pytest.importorskip("uvicorn", reason="the web extra is not installed (pip install .[web])")
import requests

from tests.conftest import FIXTURES, SEED, json_report
from tests.links.conftest import Route, Server, ok, start, status
from tests.web.conftest import OFFLINE, TOKEN, Live

BRIEF_DOCX = FIXTURES / "formats" / "docx" / "brief.docx"
LATEX = FIXTURES / "formats" / "latex"


def _job_dirs(live: Live) -> list[Path]:
    return list(live.jobs.root.iterdir())


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/"),
        ("GET", "/static/app.js"),
        ("GET", "/static/report.css"),
        ("GET", "/api/info"),
        ("POST", "/api/jobs"),
        ("PUT", "/api/jobs/x/files/a.txt"),
        ("POST", "/api/jobs/x/start"),
        ("GET", "/api/jobs/x/events"),
        ("GET", "/api/jobs/x/result"),
        ("GET", "/api/jobs/x/fixed"),
        ("DELETE", "/api/jobs/x"),
        ("GET", "/no/such/page"),
    ],
)
def test_every_request_needs_the_token(live: Live, method: str, path: str) -> None:
    for query, headers in (
        ("", {}),
        ("?token=wrong", {}),
        ("?token=" + TOKEN[:-1], {}),
        ("?token=" + TOKEN + "x", {}),
        ("", {"X-Refcheck-Token": "wrong"}),
    ):
        res = requests.request(method, live.base + path + query, headers=headers, data=b"x", timeout=10)
        assert res.status_code == 403, (query, headers)
        assert "token" in res.text and "Traceback" not in res.text
        assert res.headers["referrer-policy"] == "no-referrer"


def test_the_page_with_the_token(live: Live) -> None:
    res = requests.get(f"{live.base}/?token={TOKEN}", timeout=10)
    assert res.status_code == 200
    page = res.text
    assert f'<meta name="refcheck-token" content="{TOKEN}">' in page
    # everything the page loads comes from refcheck itself
    assert "http://" not in page and "https://" not in page and "//" not in page.replace("://", "")
    assert res.headers["content-security-policy"].startswith("default-src 'none'; script-src 'self'")
    assert res.headers["referrer-policy"] == "no-referrer"
    css = requests.get(f"{live.base}/static/report.css?token={TOKEN}", timeout=10).text
    from refcheck.reporters.html_assets import CSS

    assert css == CSS  # the report's own stylesheet, not a copy
    info = live.get("/api/info").json()
    assert info["verify"] is False or info["verify"] is True
    assert {r["name"] for r in info["rules"]} >= {"year-mismatch", "uncited-reference"}
    assert ".docx" in info["suffixes"] and ".zip" in info["suffixes"]


def test_seed_brief_checked_as_the_cli_checks_it(live: Live) -> None:
    job = live.check({"brief.txt": SEED.read_bytes()})
    view = live.get(f"/api/jobs/{job}/result").json()
    (doc,) = view["files"]
    assert doc["path"] == "brief.txt" and doc["text"].startswith("Vol. 2, No. 24")
    got = [(f["rule"], f["severity"], f["line"]) for f in doc["findings"]]
    assert got == [("year-mismatch", "error", 16), ("uncited-reference", "warning", 47)]
    cli = json_report(str(SEED))["files"][0]
    assert [f["message"] for f in doc["findings"]] == [f["message"] for f in cli["findings"]]
    assert len(doc["citations"]) == len(cli["citations"])
    year = doc["findings"][0]
    cit = doc["citations"][year["citation_index"]]
    assert doc["text"][cit["start"] : cit["end"]] == "Martínez-Díaz 2008" and cit["status"] == "year-mismatch"
    assert year["fixable"] is True and doc["fixes"]["count"] == 1
    hyde = doc["references"][doc["findings"][1]["reference_index"]]
    assert hyde["text"].startswith("Hyde, Henry (2002)") and hyde["cited_by"] == []
    assert doc["fails"] is True and view["summary"]["error"] == 1
    # the temporary files are gone once the check has ended
    assert _job_dirs(live) == []
    # downloads: refcheck's own reports and the fixed file
    res = live.get(f"/api/jobs/{job}/report.json")
    assert res.headers["content-disposition"].startswith('attachment; filename="brief-refcheck.json"')
    assert [f["rule"] for f in json.loads(res.text)["files"][0]["findings"]] == [
        "year-mismatch",
        "uncited-reference",
    ]
    res = live.get(f"/api/jobs/{job}/report.html")
    assert (
        "<title>refcheck report</title>" in res.text and res.headers["content-security-policy"] == "sandbox"
    )
    res = live.get(f"/api/jobs/{job}/fixed?file=0")
    assert res.status_code == 200
    assert res.content == SEED.read_bytes().replace(
        "(Martínez-Díaz 2008)".encode(), "(Martínez-Díaz 2007)".encode()
    )
    assert 'filename="000_bc11b8a9853f7d3f-refcheck.txt"' not in res.headers["content-disposition"]
    assert 'filename="brief-refcheck.txt"' in res.headers["content-disposition"]


def test_a_token_with_any_characters(serve_with: Callable[..., Live]) -> None:
    token = 'a&b c+d#e"f<g>h%i/j?k=l'
    live = serve_with(token=token)
    res = requests.get(f"{live.base}/", params={"token": token}, timeout=10)
    assert res.status_code == 200
    assert 'content="a&amp;b c+d#e&quot;f&lt;g&gt;h%i/j?k=l"' in res.text
    for asset in re.findall(r'(?:href|src)="(static/[^"]+)"', res.text):
        url = html.unescape(asset)
        assert requests.get(f"{live.base}/{url}", timeout=10).status_code == 200, url
    assert (
        requests.get(f"{live.base}/api/info", headers={"X-Refcheck-Token": "a&b"}, timeout=10).status_code
        == 403
    )


def test_names_beyond_ascii(live: Live) -> None:
    job = live.check({"Artículo final.txt": SEED.read_bytes()})
    doc = live.get(f"/api/jobs/{job}/result").json()["files"][0]
    assert doc["path"] == "Artículo final.txt"
    res = live.get(f"/api/jobs/{job}/fixed?file=0")
    assert "filename*=UTF-8''Art%C3%ADculo%20final-refcheck.txt" in res.headers["content-disposition"]


def test_progress_is_pushed_as_server_sent_events(live: Live) -> None:
    job = live.check({"brief.txt": SEED.read_bytes()}, wait=False)
    events = []
    with requests.get(f"{live.base}/api/jobs/{job}/events?token={TOKEN}", stream=True, timeout=30) as res:
        assert res.headers["content-type"].startswith("text/event-stream")
        kind = None
        for line in res.iter_lines(decode_unicode=True):
            if line.startswith("event: "):
                kind = line[7:]
            elif line.startswith("data: "):
                events.append((kind, json.loads(line[6:])))
    kinds = [k for k, _ in events]
    assert kinds[-2:] == ["progress", "done"] and set(kinds) <= {"progress", "done"}
    versions = [d["version"] for k, d in events if k == "progress"]
    assert versions == sorted(versions)
    assert events[-1][1]["state"] == "done"


@pytest.fixture
def site() -> Iterator[Server]:
    def slow(route: Route) -> Route:  # answers after 0.4 s: the link stage lasts several refreshes
        def answer(m: str, p: str, q: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
            time.sleep(0.4)
            return route(m, p, q)

        return answer

    server = Server({"/alive": slow(ok("Alive")), "/gone": slow(status(410))})
    httpd, _ = start(server)
    yield server
    httpd.shutdown()


def test_link_checking_reports_progress_and_states(serve_with: Callable[..., Live], site: Server) -> None:
    live = serve_with(extra={**OFFLINE, "link_allow_private_hosts": True})
    text = (
        "Trade grew (Smith 2001) and fell (Jones 2003).\n\nReferences\n\n"
        f"Smith, John (2001) Trade. Available at: {site.url('/alive')} (accessed 2 May 2020).\n\n"
        f"Jones, Ann (2003) Falls. Available at: {site.url('/gone')} (accessed 2 May 2020).\n"
    )
    job = live.check({"links.txt": text.encode()}, wait=False, links=True)
    stages = []
    with requests.get(f"{live.base}/api/jobs/{job}/events?token={TOKEN}", stream=True, timeout=60) as res:
        for line in res.iter_lines(decode_unicode=True):
            if line.startswith("data: "):
                stages.append(json.loads(line[6:]))
    links = [s for s in stages if s["stage"] == "Checking links"]
    # the page sees the link stage with its count (steps closer than its refresh are merged)
    assert links and links[0]["total"] == 2
    assert stages[-1]["state"] == "done" and stages[-1]["done"] == stages[-1]["total"] == 2
    doc = live.get(f"/api/jobs/{job}/result").json()["files"][0]
    states = {ref["text"][:5]: [doc["links"][j]["status"] for j in ref["links"]] for ref in doc["references"]}
    assert states == {"Smith": ["alive"], "Jones": ["dead"]}
    assert [f["rule"] for f in doc["findings"]] == ["dead-link"]


def test_several_checks_at_once(serve_with: Callable[..., Live]) -> None:
    live = serve_with(workers=2)
    texts = {
        f"t{i}.txt": SEED.read_bytes().replace(b"Hyde, Henry (2002)", f"Hyde, Henry (200{i})".encode())
        for i in range(4)
    }
    jobs: dict[str, str] = {}

    def one(name: str) -> None:
        jobs[name] = live.check({name: texts[name]})

    threads = [threading.Thread(target=one, args=(n,)) for n in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(jobs) == 4
    for name, job in jobs.items():
        doc = live.get(f"/api/jobs/{job}/result").json()["files"][0]
        assert doc["path"] == name
        assert f"Hyde 200{name[1]} is listed" in doc["findings"][-1]["message"]


def test_an_oversized_upload_is_refused_with_a_clear_message(serve_with: Callable[..., Live]) -> None:
    live = serve_with(max_file_size=4000)
    job = live.post("/api/jobs", json={"links": False}).json()["id"]
    res = live.put(f"/api/jobs/{job}/files/brief.txt", SEED.read_bytes())
    assert res.status_code == 413
    assert res.json()["error"] == (
        f"brief.txt is {SEED.stat().st_size // 1024} KiB, over the 4 KiB limit (refcheck serve --max-file-size)"
    )

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(10):
            yield b"x" * 1000

    res = live.put(f"/api/jobs/{job}/files/chunked.txt", chunks())
    assert res.status_code == 413 and "limit" in res.json()["error"]
    assert list((live.jobs.root).glob("*/files/*")) == []
    res = live.post(f"/api/jobs/{job}/start")
    assert res.status_code == 400 and "no file to check" in res.json()["error"]


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("a.pdf", "does not read .pdf"),
        (".hidden.txt", "not a plain file name"),
        ("%2E%2E", "not a plain file name"),
        ("noext", "without an extension"),
    ],
)
def test_bad_file_names_are_refused(live: Live, name: str, why: str) -> None:
    job = live.post("/api/jobs", json={}).json()["id"]
    res = live.put(f"/api/jobs/{job}/files/{name}", b"text")
    assert res.status_code == 400 and why in res.json()["error"]


def test_bad_options_are_refused(live: Live) -> None:
    for body, why in (
        ({"fail_on": "sometimes"}, "fail-on"),
        ({"ignore": ["no-such-rule"]}, "unknown rule"),
        ({"links": "yes"}, "links"),
    ):
        res = live.post("/api/jobs", json=body)
        assert res.status_code == 400 and why in res.json()["error"]
    res = live.post("/api/jobs", data=b"{not json")
    assert res.status_code == 400


def test_a_malformed_docx_is_one_clear_message(live: Live) -> None:
    job = live.check({"broken.docx": b"PK\x03\x04 this is not a zip at all"})
    doc = live.get(f"/api/jobs/{job}/result").json()["files"][0]
    assert doc["path"] == "broken.docx" and doc["error"].startswith("not a DOCX file")


def test_docx_fix_download_has_tracked_changes(live: Live) -> None:
    job = live.check({"brief.docx": BRIEF_DOCX.read_bytes()})
    doc = live.get(f"/api/jobs/{job}/result").json()["files"][0]
    assert doc["fixes"] == {"count": 1, "filename": "brief-refcheck.docx", "tracked": True, "comments": True}
    res = live.get(f"/api/jobs/{job}/fixed?file=0")
    assert res.headers["content-type"].startswith("application/vnd.openxmlformats")
    with zipfile.ZipFile(io.BytesIO(res.content)) as z:
        body = z.read("word/document.xml")
        assert "word/comments.xml" not in z.namelist()
    assert body.count(b'<w:del w:id="') == 1 and body.count(b'<w:ins w:id="') == 1
    res = live.get(f"/api/jobs/{job}/fixed?file=0&comments=1")
    with zipfile.ZipFile(io.BytesIO(res.content)) as z:
        assert b"Hyde 2002 is listed but never cited" in z.read("word/comments.xml")


def test_word_comments_that_cannot_be_written_say_why(live: Live) -> None:
    """A Word file whose comments part is broken: the 'with comments' download says why there is
    nothing to download (it was a 500 with no message)."""
    from tests.fixes.docx_util import package, para, run
    from tests.fixes.test_docx import _COMMENTS_REL, _with_member

    body = (
        para(run("Growth was strong (Nobody 1999)."))
        + para(run("References"))
        + para(run("Smith, John (2001) Trade. Oxford University Press."))
    )
    data = package(body, extra={"word/comments.xml": b"<w:comments><w:comment"})
    data = _with_member(data, "word/_rels/document.xml.rels", _COMMENTS_REL.encode())
    job = live.check({"brief.docx": data})
    res = live.get(f"/api/jobs/{job}/fixed?file=0&comments=1")
    assert res.status_code == 409, res.text
    assert res.json()["error"].startswith(
        "brief.docx: no Word comments written: word/comments.xml is not well-formed XML"
    )


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def test_a_latex_project_zip(live: Live) -> None:
    project = _zip(
        {
            "paper/brief.tex": (LATEX / "brief.tex").read_bytes(),
            "paper/brief.bib": (LATEX / "brief.bib").read_bytes(),
            "paper/sections/diplomacy.tex": (LATEX / "sections" / "diplomacy.tex").read_bytes(),
            "paper/.git/config": b"[core]",
        }
    )
    job = live.check({"paper.zip": project})
    view = live.get(f"/api/jobs/{job}/result").json()
    (doc,) = view["files"]
    assert doc["path"] == "paper/brief.tex"
    rules = sorted(f["rule"] for f in doc["findings"])
    cli = json_report(str(LATEX / "brief.tex"))["files"][0]
    assert rules == sorted(f["rule"] for f in cli["findings"])
    assert {f["path"] for f in doc["findings"]} == {"paper/brief.tex", "paper/brief.bib"}
    assert _job_dirs(live) == []


def test_a_hostile_zip_is_refused(live: Live) -> None:
    job = live.check({"evil.zip": _zip({"ok.txt": b"fine", "../../escape.txt": b"gotcha"})})
    p = live.get(f"/api/jobs/{job}/progress").json()
    assert p["state"] == "failed" and "points outside the project" in p["error"]
    assert live.get(f"/api/jobs/{job}/result").status_code == 409
    assert not (live.jobs.root.parent / "escape.txt").exists()
    assert _job_dirs(live) == []


def test_a_job_takes_no_files_once_started_and_can_be_discarded(live: Live) -> None:
    job = live.check({"a.txt": b"Nothing cited here.\n"})
    res = live.put(f"/api/jobs/{job}/files/b.txt", b"more")
    assert res.status_code == 400 and "already started" in res.json()["error"]
    assert live.post(f"/api/jobs/{job}/start").status_code == 400
    res = requests.delete(f"{live.base}/api/jobs/{job}", headers=live.headers, timeout=10)
    assert res.status_code == 204
    assert live.get(f"/api/jobs/{job}/result").status_code == 404


@pytest.mark.parametrize(
    ("bib", "why"),
    [
        ("../../x", "does not exist"),
        ("../../../x", "outside the project"),
        ("../../../../x", "outside the project"),
    ],
)
def test_a_latex_project_zip_never_reads_outside_the_project(live: Live, bib: str, why: str) -> None:
    # From the project's main file (the zip's paper/ folder, unpacked in the job's files/), ``../../x``
    # is in the job's own directory (nothing there), ``../../../x`` in the server's jobs directory and
    # one more ``../`` above it: an x.bib is put in those two, and were it read the citation would
    # find its entry.
    entry = "@book{hardy1968, author = {Hardy, Michael}, title = {Modern Diplomatic Law}, year = 1968}\n"
    for where in (live.jobs.root, live.jobs.root.parent):
        (where / "x.bib").write_text(entry)
    tex = (
        "\\documentclass{article}\n\\begin{document}\n"
        "Diplomatic law is old \\cite{hardy1968}.\n"
        "\\input{/etc/passwd}\n"
        f"\\bibliographystyle{{plain}}\n\\bibliography{{{bib}}}\n\\end{{document}}\n"
    )
    try:
        job = live.check({"paper.zip": _zip({"paper/main.tex": tex.encode()})})
    finally:
        for where in (live.jobs.root, live.jobs.root.parent):
            # (the jobs directory's parent is the shared temporary directory: a suite running at
            # the same time may have removed its copy already)
            (where / "x.bib").unlink(missing_ok=True)
    view = live.get(f"/api/jobs/{job}/result").json()
    (doc,) = view["files"]
    findings = doc["findings"]
    inputs = [f for f in findings if f["rule"] == "missing-input"]
    bibs = [f for f in findings if f["rule"] == "input-bibliography"]
    assert len(inputs) == 1 and "'/etc/passwd' is not read" in inputs[0]["message"], findings
    assert "outside the project" in inputs[0]["message"]
    assert len(bibs) == 1 and why in bibs[0]["message"], findings
    assert "root:" not in json.dumps(view)  # nothing of /etc/passwd came back
    # the entry outside was not read: the key stays unresolved
    assert [f["citation"] for f in findings if f["rule"] == "missing-reference"] == ["hardy1968"]
    assert _job_dirs(live) == []


def test_an_upload_that_is_no_zip_says_so_in_one_sentence(live: Live) -> None:
    # (qa-left12) "paper.docx" and "project.zip" holding text were "not a DOCX file (not a zip archive:
    # File is not a zip file)" and "project.zip is not a zip archive (File is not a zip file)": the zip
    # module's words; now what the file holds, and what to do
    job = live.check({"paper.docx": b"Just some text, not Word.\n"})
    doc = live.get(f"/api/jobs/{job}/result").json()["files"][0]
    assert doc["error"] == (
        "not a DOCX file: a .docx is a zip archive and this file is not one (it holds plain text, perhaps "
        "a file of another format renamed)"
    )
    job = live.check({"paper.docx": b"PK\x03\x04 cut short"})
    assert "damaged or cut short" in live.get(f"/api/jobs/{job}/result").json()["files"][0]["error"]
    job = live.check({"project.zip": b"this is no zip"})
    p = live.get(f"/api/jobs/{job}/progress").json()
    assert p["state"] == "failed" and p["error"] == (
        "project.zip is not a zip archive (it holds plain text, perhaps a file of another format renamed): "
        "zip the project's folder and upload that, or upload its files one by one"
    )
    assert "File is not a zip file" not in p["error"]
