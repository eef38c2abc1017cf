"""The command line: parse options, run the library, render, map the exit status.

Exit status (``ExitCode``): 0 nothing at or above --fail-on, 1 findings at or above it, 2 a usage
error or an input file that could not be read (the other files are still checked).
"""

from __future__ import annotations

import enum
import os
import sys
import textwrap

import click

from refcheck import __version__, rules
from refcheck.errors import UsageError
from refcheck.loaders import LOADERS
from refcheck.model import Severity
from refcheck.pipeline import DEFAULT_MAX_FILE_SIZE, CheckOptions, FileResult, check_paths
from refcheck.reporters import REPORTERS


class ExitCode(enum.IntEnum):
    OK = 0
    FINDINGS = 1
    ERROR = 2


FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO, "never": None}


def exit_code(results: list[FileResult], fail_on: str) -> ExitCode:
    if any(r.error for r in results):
        return ExitCode.ERROR
    threshold = FAIL_ON[fail_on]
    if threshold is not None and any(
        f.severity >= threshold for r in results if r.doc for f in r.doc.findings
    ):
        return ExitCode.FINDINGS
    return ExitCode.OK


def _use_colour(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _rule_list(value: str | None) -> list[str] | None:
    if value is None:
        return None
    names = [v.strip() for v in value.split(",") if v.strip()]
    for n in names:
        try:
            rules.get(n)
        except KeyError as exc:
            raise click.BadParameter(str(exc.args[0])) from None
    return names


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="refcheck")
def main() -> None:
    """refcheck: check citations, references, footnotes and cited links before publication."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--links/--no-links", default=True, show_default=True, help="Check that cited URLs are alive.")
@click.option(
    "--fail-on",
    type=click.Choice(list(FAIL_ON)),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit status 1.",
)
@click.option(
    "--input-format",
    type=click.Choice(sorted(LOADERS)),
    default=None,
    help="Read every file as this format instead of choosing by extension.",
)
@click.option("--select", default=None, help="Comma-separated rules to run (default: all).")
@click.option("--ignore", default=None, help="Comma-separated rules not to run.")
@click.option(
    "--max-file-size",
    type=int,
    default=DEFAULT_MAX_FILE_SIZE,
    show_default=True,
    help="Largest file read, in bytes.",
)
@click.option(
    "--bib",
    "bib",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Bibliography (.bib, or CSL-JSON .json) for pandoc citation keys in Markdown or for LaTeX; repeatable.",
)
def check(
    paths: tuple[str, ...],
    fmt: str,
    links: bool,
    fail_on: str,
    input_format: str | None,
    select: str | None,
    ignore: str | None,
    max_file_size: int,
    bib: tuple[str, ...],
) -> None:
    """Check PATHS (files, or directories searched for supported files)."""
    options = CheckOptions(
        links=links,
        input_format=input_format,
        max_file_size=max_file_size,
        select=_rule_list(select),
        ignore=_rule_list(ignore) or [],
        bib=list(bib),
    )
    try:
        results = check_paths(paths, options)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    out = REPORTERS[fmt](results, color=fmt == "text" and _use_colour(sys.stdout))
    click.echo(out, nl=False)
    if fmt != "text":
        for r in results:
            if r.error:
                click.echo(f"{r.path}: error: {r.error}", err=True)
    sys.exit(int(exit_code(results, fail_on)))


@main.command("rules")
def list_rules() -> None:
    """List the rules: name, default severity and what each reports."""
    width = max(len(r.NAME) for r in rules.ALL)
    for rule in rules.ALL:
        click.echo(f"{rule.NAME:<{width}}  {rule.SEVERITY!s:<7}  {rule.SUMMARY}")


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Print the documentation of RULE."""
    try:
        mod = rules.get(rule)
    except KeyError as exc:
        raise click.BadParameter(str(exc.args[0]), param_hint="RULE") from None
    click.echo(f"{mod.NAME} ({mod.SEVERITY})\n")
    click.echo(textwrap.dedent(mod.__doc__ or "").strip())


if __name__ == "__main__":  # pragma: no cover
    main()
