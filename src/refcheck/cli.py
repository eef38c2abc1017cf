"""The command line: parse options, run the library, render, map the exit status.

Exit status (``ExitCode``): 0 nothing at or above --fail-on, 1 findings at or above it, 2 a usage
error or an input file that could not be read (the other files are still checked).
"""

from __future__ import annotations

import enum
import os
import sys
import textwrap
from collections.abc import Callable
from typing import Any

import click

from refcheck import __version__, rules, runner
from refcheck import baseline as baseline_mod
from refcheck import config as config_mod
from refcheck import fix as fix_mod
from refcheck.errors import UsageError
from refcheck.links.options import parse_accept, parse_duration
from refcheck.loaders import LOADERS
from refcheck.model import Severity
from refcheck.pipeline import DEFAULT_MAX_FILE_SIZE, FileResult
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


# Options shared by ``check`` and ``fix``; what the user typed overrides the configuration file.
_SHARED_OPTIONS = [
    click.option(
        "--links/--no-links", default=True, show_default=True, help="Check that cited URLs are alive."
    ),
    click.option(
        "--fail-on",
        type=click.Choice(list(FAIL_ON)),
        default="error",
        show_default=True,
        help="Lowest severity that makes the exit status 1.",
    ),
    click.option(
        "--input-format",
        type=click.Choice(sorted(LOADERS)),
        default=None,
        help="Read every file as this format instead of choosing by extension.",
    ),
    click.option("--select", default=None, help="Comma-separated rules to run (default: all)."),
    click.option("--ignore", default=None, help="Comma-separated rules not to run."),
    click.option(
        "--max-file-size",
        type=int,
        default=DEFAULT_MAX_FILE_SIZE,
        show_default=True,
        help="Largest file read, in bytes.",
    ),
    click.option(
        "--bib",
        "bib",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="Bibliography (.bib, or CSL-JSON .json) for pandoc citation keys or LaTeX; repeatable.",
    ),
    click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False),
        default=None,
        help="Configuration file to use instead of the one found upward from each checked file.",
    ),
]


def _accept(ctx: click.Context, param: click.Parameter, value: str | None) -> list[int] | None:
    if value is None:
        return None
    try:
        return sorted(parse_accept(value))
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _max_age(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


# Link checking options (docs/links.md); those with a configuration key are in _CONFIG_KEYS.
_LINK_OPTIONS = [
    click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
                 help="Seconds to wait for one URL."),
    click.option("--max-concurrency", type=click.IntRange(min=1), default=16, show_default=True,
                 help="URLs checked at once."),
    click.option("--per-host", type=click.IntRange(min=1), default=4, show_default=True,
                 help="URLs checked at once on one host."),
    click.option("--exclude", multiple=True, metavar="REGEX", help="Do not check URLs matching REGEX; repeatable."),
    click.option("--accept", callback=_accept, default=None, metavar="CODES",
                 help="Status codes that mean alive, e.g. 200,204,429 or 200..299 (default: any 2xx)."),
    click.option("--archive", type=click.Choice(["auto", "all", "none"]), default="auto", show_default=True,
                 help="Look up archived copies: auto (dead and unverified links), all, none."),
    click.option("--archive-api", default=None, metavar="URL",
                 help="Wayback-compatible availability API (default: $REFCHECK_ARCHIVE_API or archive.org's)."),
    click.option("--allow-private-hosts", is_flag=True,
                 help="Also fetch URLs on loopback, private and other non-public addresses."),
    click.option("--cache-max-age", callback=_max_age, default=None, metavar="AGE",
                 help="Reuse link results younger than AGE: seconds, or 1h, 2d (default: 1d)."),
    click.option("--no-cache", is_flag=True, help="Neither read nor write the link cache."),
]  # fmt: skip

# Parameter name -> configuration key, for the options that a configuration file can also set.
_CONFIG_KEYS = {
    "links": "links",
    "fail_on": "fail-on",
    "input_format": "input-format",
    "select": "select",
    "ignore": "ignore",
    "max_file_size": "max-file-size",
    "bib": "bibliography",
    "timeout": "timeout",
    "max_concurrency": "max-concurrency",
    "per_host": "per-host",
    "exclude": "exclude",
    "accept": "accept",
    "archive": "archive",
    "cache_max_age": "cache-max-age",
}


def _link_extra(ctx: click.Context) -> dict[str, Any]:
    """CheckOptions fields set by link options that have no configuration key."""
    extra: dict[str, Any] = {}
    if ctx.params.get("archive_api"):
        extra["link_archive_api"] = ctx.params["archive_api"]
    if ctx.params.get("allow_private_hosts"):
        extra["link_allow_private_hosts"] = True
    if ctx.params.get("no_cache"):
        extra["link_cache"] = False
    return extra


def _shared(func: Callable[..., None]) -> Callable[..., None]:
    for option in reversed(_SHARED_OPTIONS + _LINK_OPTIONS):
        func = option(func)
    return func


def _command_line(ctx: click.Context) -> dict[str, Any]:
    """The configuration keys the user set on the command line, with their values."""
    out: dict[str, Any] = {}
    for param, key in _CONFIG_KEYS.items():
        if ctx.get_parameter_source(param) is not click.core.ParameterSource.COMMANDLINE:
            continue
        value = ctx.params[param]
        if param in ("select", "ignore"):
            value = _rule_list(value) or []
        elif isinstance(value, tuple):
            value = list(value)
        out[key] = value
    return out


def _run(
    ctx: click.Context, paths: tuple[str, ...], config_file: str | None, show_progress: bool = False
) -> runner.Run:
    with _LinkProgress(show_progress) as progress:
        try:
            run = runner.run(
                paths, _command_line(ctx), config_file, progress=progress, extra=_link_extra(ctx)
            )
        except UsageError as exc:
            raise click.UsageError(str(exc)) from None
    for note in run.links.notes:
        click.echo(f"refcheck: {note}", err=True)
    return run


class _LinkProgress:
    """A progress bar on stderr while links are checked, made when the first count arrives."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.done = 0

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None and total:
            self.bar = click.progressbar(length=total, label="Checking links", file=sys.stderr)
            self.bar.__enter__()
        if self.bar is not None and done > self.done:
            self.bar.update(done - self.done)
            self.done = done

    def __enter__(self) -> _LinkProgress | None:
        return self if self.enabled else None

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _exit_status(run: runner.Run) -> ExitCode:
    worst = ExitCode.OK
    for r in run.results:
        worst = max(worst, exit_code([r], run.fail_on.get(r.path, "error")))
    return worst


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="Output format. text: the grouped report with source lines on a terminal, one line per "
    "finding (as concise) when piped; full, concise: either one always.",
)
@_shared
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write the --format report to this file; the text report still goes to the terminal.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False),
    default=None,
    help="Leave out findings recorded in this baseline file (only new findings count).",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Record the current findings in this file (then exit 0).",
)
@click.pass_context
def check(
    ctx: click.Context,
    /,
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    baseline: str | None,
    write_baseline: str | None,
    config_file: str | None,
    **_: Any,
) -> None:
    """Check PATHS (files, or directories searched for supported files)."""
    run = _run(ctx, paths, config_file, show_progress=fmt == "text" and sys.stderr.isatty())
    results = run.results
    if write_baseline:
        n = baseline_mod.write(results, write_baseline)
        click.echo(f"wrote {n} finding{'s' if n != 1 else ''} to the baseline {write_baseline}", err=True)
        sys.exit(int(ExitCode.ERROR if any(r.error for r in results) else ExitCode.OK))
    if baseline:
        try:
            dropped = baseline_mod.apply(results, baseline_mod.read(baseline))
        except UsageError as exc:
            raise click.UsageError(str(exc)) from None
        if dropped:
            click.echo(f"{dropped} finding{'s' if dropped != 1 else ''} in the baseline left out", err=True)
    terminal_fmt = fmt if output is None else "text"
    if output is not None:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(REPORTERS[fmt](results, color=False))
    colour = _use_colour(sys.stdout)
    if terminal_fmt == "text":
        terminal_fmt = "full" if sys.stdout.isatty() else "text"
    colour = colour and terminal_fmt in ("text", "full", "concise")
    out = REPORTERS[terminal_fmt](results, color=colour)
    click.echo(out, nl=False, color=colour)  # FORCE_COLOR keeps the colours when piped
    if terminal_fmt not in ("text", "full", "concise"):
        for r in results:
            if r.error:
                click.echo(f"{r.path}: error: {r.error}", err=True)
    sys.exit(int(_exit_status(run)))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@_shared
@click.option(
    "--write", is_flag=True, help="Write the fixes (atomically); without it only the diff is shown."
)
@click.option(
    "--comments",
    is_flag=True,
    help="DOCX: also write each finding that has no safe fix as a Word comment at its citation or entry.",
)
@click.pass_context
def fix(
    ctx: click.Context,
    /,
    paths: tuple[str, ...],
    write: bool,
    comments: bool,
    config_file: str | None,
    **_: Any,
) -> None:
    """Apply safe fixes to PATHS: a cited year to its entry's, dead links to archived copies.

    Prints a unified diff and changes nothing unless --write is given. In a DOCX the fixes are
    written as tracked changes (author "refcheck") to accept or reject in Word's Review pane.
    """
    run = _run(ctx, paths, config_file)
    changed = 0
    for r in run.results:
        if r.doc is None:
            click.echo(f"{r.path}: error: {r.error}", err=True)
            continue
        planned = _plan(r.doc, comments)
        for finding, why in planned.skipped:
            click.echo(f"{r.path}:{finding.line}: not fixed ({finding.rule}): {why}", err=True)
        if planned.new == planned.old:  # no edit (a DOCX may get comments only)
            continue
        changed += 1
        click.echo(planned.diff(), nl=False)
        if write:
            fix_mod.write_atomic(r.path, planned.new)
    verb = "fixed" if write else "would fix (use --write)"
    click.echo(f"{changed} file{'s' if changed != 1 else ''} {verb}", err=True)
    sys.exit(int(ExitCode.ERROR if any(r.error for r in run.results) else ExitCode.OK))


def _plan(doc: Any, comments: bool) -> fix_mod.FixResult:
    """The fixes of one document; with ``comments``, a DOCX also gets its other findings as comments."""
    if not comments or doc.format != "docx":
        return fix_mod.plan(doc)
    from refcheck.fixes.docx import plan_docx

    planned = plan_docx(doc, comments=True)
    if planned.comments:
        n = len(planned.comments)
        click.echo(f"{doc.path}: {n} finding{'s' if n != 1 else ''} written as Word comments", err=True)
    return planned


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option("--no-browser", is_flag=True, help="Do not open the page in a browser.")
@click.option(
    "--token",
    envvar="REFCHECK_TOKEN",
    default=None,
    metavar="TEXT",
    help="The token every request must carry (default: a new random one, printed).",
)
@click.option(
    "--max-file-size",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_FILE_SIZE,
    show_default=True,
    help="Largest file accepted, in bytes.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Checks run at once (default: up to 4, one per CPU).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, exists=True),
    default=None,
    help="Configuration file for every check (default: an uploaded project's own).",
)
def serve(
    host: str,
    port: int,
    no_browser: bool,
    token: str | None,
    max_file_size: int,
    workers: int | None,
    config_file: str | None,
) -> None:
    """Open a local web page to check manuscripts (needs the web extra).

    Drop a file (.docx, .md, .txt, .html, .tex with its .bib, a .zip of a LaTeX project) on the page,
    read the findings in the document, download the report or the fixed file (a Word file gets the
    fixes as tracked changes). Files stay on this machine, in a temporary directory removed when
    each check ends.
    """
    if token is not None and len(token) < 16:
        raise click.BadParameter("use at least 16 characters", param_hint="--token")
    if config_file is not None:
        try:
            config_mod.load_config(config_file)  # a bad file is said now, not at each check
        except UsageError as exc:
            raise click.UsageError(str(exc)) from None
    try:
        from refcheck.web.server import serve as run_server
    except ImportError as exc:
        click.echo(
            f"refcheck: serve needs the web extra ({exc.name} is not installed): "
            "pip install 'refcheck-citations[web]'",
            err=True,
        )
        sys.exit(int(ExitCode.ERROR))
    try:
        run_server(host, port, token, not no_browser, max_file_size, workers, config_file)
    except UsageError as exc:
        click.echo(f"refcheck: {exc}", err=True)
        sys.exit(int(ExitCode.ERROR))


@main.command("config")
@click.argument("path", required=False, default=".", type=click.Path())
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Configuration file to show.",
)
def show_config(path: str, config_file: str | None) -> None:
    """Print the effective configuration for PATH (TOML) and where each value came from."""
    try:
        cfg = config_mod.discover(path, config_file)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(config_mod.dump(cfg, path if os.path.isfile(path) else None), nl=False)


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
