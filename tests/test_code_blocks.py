"""Code in Markdown and HTML is no prose: a citation lookalike in it ("# see Jones (2015)" in a shell
line, a string in a call) is not a citation. Real-shaped: the methods section of a reproducible
analysis (a README or an R Markdown report), with its commands shown as code.

- Markdown indented code (four spaces or a tab, after a blank line, CommonMark) was read as prose,
  where fenced code was not; the later paragraphs of a list item or a footnote, indented as deep,
  stay prose;
- HTML ``<pre><code>``, inline ``<code>``/``<kbd>``/``<samp>`` and a ``<pre>`` a highlighter marks as
  code were read as prose; a plain ``<pre>`` (a whole plain-text article in one) stays prose.
"""

from __future__ import annotations

import pytest

from refcheck.pipeline import check_text

REFS_MD = (
    "## References\n\n"
    "- Smith, J (2010) A model of survey response. J Surv Stat 1: 1-12.\n"
    "- Lee, K (2012) Weighting survey data. Stat Med 31: 4-15.\n"
)


def _problems(doc: object) -> list[tuple[str, str]]:
    return [(f.rule, f.message[:40]) for f in doc.findings]  # type: ignore[attr-defined]


@pytest.mark.parametrize("indent", ["    ", "\t", "  \t"])
def test_markdown_indented_code_is_not_prose(indent: str) -> None:
    text = (
        "# Reproducing the analysis\n\n"
        "We fitted the model of Smith (2010), weighted as in Lee (2012). Run it with:\n\n"
        f"{indent}Rscript fit.R --data survey.csv   # options as in Jones (2015)\n"
        f"{indent}plot(fit, main = Brown et al. (2003))\n\n"
        f"{indent}Rscript report.R\n\n"
        "The estimates agree with Smith (2010).\n\n" + REFS_MD
    )
    doc = check_text(text, fmt="markdown")
    assert [c.text for c in doc.citations] == ["Smith (2010)", "Lee (2012)", "Smith (2010)"]
    assert _problems(doc) == []


def test_markdown_indented_code_after_a_heading() -> None:
    doc = check_text(
        "# Use\n\nAs in Smith (2010) and Lee (2012).\n\n## Install\n    pip install tool  # Jones (2015)\n\n"
        + REFS_MD,
        fmt="markdown",
    )
    assert _problems(doc) == []


@pytest.mark.parametrize(
    "body",
    [
        # a list item's second paragraph, indented as deep as four spaces
        "1. We fitted the model of Smith (2010).\n\n    The weights follow Lee (2012).\n",
        "- We fitted the model of Smith (2010).\n\n  Still the item.\n\n    The weights follow Lee (2012).\n",
        # a footnote's second paragraph
        "We fitted the model of Smith (2010).[^1]\n\n[^1]: A note.\n\n    The weights follow Lee (2012).\n",
        # a paragraph's lazy continuation
        "We fitted the model of Smith (2010), and\n    the weights follow Lee (2012).\n",
    ],
)
def test_markdown_indented_prose_stays_prose(body: str) -> None:
    doc = check_text("# Methods\n\n" + body + "\n" + REFS_MD, fmt="markdown")
    assert sorted(c.text for c in doc.citations) == ["Lee (2012)", "Smith (2010)"]
    assert _problems(doc) == []


REFS_HTML = (
    "<h2>References</h2>\n<ul>\n<li>Smith, J (2010) A model of survey response. J Surv Stat 1: 1-12.</li>\n"
    "<li>Lee, K (2012) Weighting survey data. Stat Med 31: 4-15.</li>\n</ul>\n</body></html>\n"
)
HEAD_HTML = (
    "<!DOCTYPE html><html><head><title>Analysis</title></head><body>\n<h1>Reproducing the analysis</h1>\n"
)


@pytest.mark.parametrize(
    "code",
    [
        '<pre><code class="language-sh">Rscript fit.R --data survey.csv   # options as in Jones (2015)\n</code></pre>',
        '<div class="highlight"><pre>Rscript fit.R --data survey.csv   # options as in Jones (2015)\n</pre></div>',
        '<pre class="sourceCode r">plot(fit, main = Jones (2015))</pre>',
        "<p>Run <code>Rscript fit.R  # Jones (2015)</code> or press <kbd>Jones (2015)</kbd>.</p>",
    ],
)
def test_html_code_is_not_prose(code: str) -> None:
    html = (
        HEAD_HTML
        + "<p>We fitted the model of Smith (2010), weighted as in Lee (2012).</p>\n"
        + code
        + "\n"
        + REFS_HTML
    )
    doc = check_text(html, fmt="html")
    assert [c.text for c in doc.citations] == ["Smith (2010)", "Lee (2012)"]
    assert _problems(doc) == []


def test_html_plain_pre_stays_prose() -> None:
    html = (
        HEAD_HTML + "<pre>We fitted the model of Smith (2010), weighted as in Lee (2012).</pre>\n" + REFS_HTML
    )
    doc = check_text(html, fmt="html")
    assert [c.text for c in doc.citations] == ["Smith (2010)", "Lee (2012)"]


# --- a quotation's attribution and tables ----------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        (
            "markdown",
            "# Weights\n\n> Survey weighting is the art of making a sample look like the population.\n>\n"
            "> — Leslie Kish (1965)\n\nWe follow Smith (2010) and Lee (2012).\n\n" + REFS_MD,
        ),
        (
            "html",
            HEAD_HTML
            + "<blockquote><p>Survey weighting is the art of making a sample look like the population."
            "</p><footer>— Kish (1965)</footer></blockquote>\n<p>We follow Smith (2010) and Lee (2012).</p>\n"
            + REFS_HTML,
        ),
        (
            "text",
            "Weights\n\nSurvey weighting is the art of making a sample look like the population.\n"
            "\u2015 Kish (1965)\n\nWe follow Smith (2010) and Lee (2012).\n\n" + REFS_MD.replace("## ", ""),
        ),
    ],
)
def test_a_quotations_source_not_listed_is_info(fmt: str, text: str) -> None:
    doc = check_text(text, fmt=fmt)
    found = [(f.rule, f.severity.name.lower()) for f in doc.findings]
    assert found == [("missing-reference", "info")]
    assert "quotation's source" in doc.findings[0].message


def test_a_dash_led_list_item_is_no_attribution() -> None:
    doc = check_text("# Notes\n\n- Jones (2015) found the same.\n\nWe follow Smith (2010) and Lee (2012).\n\n" + REFS_MD,
                     fmt="markdown")  # fmt: skip
    assert [(f.rule, f.severity.name.lower()) for f in doc.findings] == [("missing-reference", "error")]


def test_citations_in_a_markdown_table_are_read() -> None:
    doc = check_text(
        "# Estimators\n\nTable 1 compares them.\n\n| Estimator | Source | Bias |\n|---|---|---|\n"
        "| Raking | Smith (2010) | 0.2 |\n| Calibration | Lee (2012) | 0.1 |\n\n" + REFS_MD,
        fmt="markdown",
    )
    assert [c.text for c in doc.citations] == ["Smith (2010)", "Lee (2012)"]
    assert doc.findings == []
