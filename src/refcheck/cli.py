"""The command line: parse options, run the library, render, map the exit status.

Exit status (``ExitCode``): 0 nothing at or above --fail-on, 1 findings at or above it, 2 a usage
error or an input file that could not be read (the other files are still checked).

Every error that is not a finding is one line on stderr, ``refcheck: error: what: why``, and exit
status 2: bad option values, configuration and baseline files, report files that cannot be written.
An unexpected exception is one line too (``REFCHECK_DEBUG=1`` adds its traceback), never a bare
traceback.
"""

from __future__ import annotations

import gc

# Start-up: importing click and the modules below creates tens of thousands of objects (functions,
# classes, compiled expressions) that live as long as the process; the collector's passes while they
# are made find no garbage and cost about 4% of a short run. It is off until the end of this module,
# which then freezes what exists (later collections skip it) and turns it back on.
_COLLECTING = gc.isenabled()
gc.disable()

from refcheck import _code_cache, _regex_cache

# Start-up: the regular expressions compiled in earlier runs come from a file (about 15 ms of
# compiling at every start; _regex_cache.py), before click and the pipeline compile theirs; so does
# the code of the methods @dataclass and namedtuple write (about 7 ms; _code_cache.py).
_regex_cache.load()
_code_cache.load()

import atexit
import contextlib
import enum
import errno
import functools
import math
import os
import re
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn, cast

import click

from refcheck import __version__
from refcheck._lazy import lazy_module, load_modules
from refcheck.errors import OutputError, UsageError, one_line
from refcheck.files import is_regular
from refcheck.loaders import DEFAULT_MAX_FILE_SIZE, LOADERS
from refcheck.model import Document, Severity
from refcheck.output import Reserved, discard_all, reserve, slices
from refcheck.reporters import FINDINGS_ONLY, REPORTERS
from refcheck.reporters._common import clean, display_path, safe_echo

try:  # signal's functions and numbers without its enums (building them is about half a millisecond
    # of every start): CPython's signal re-exports these
    import _signal  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover (another Python)
    import signal as _signal

if TYPE_CHECKING:
    from refcheck import baseline as baseline_mod
    from refcheck import config as config_mod
    from refcheck import fix as fix_mod
    from refcheck import parallel, rules, runner
    from refcheck.loading import FileResult
    from refcheck.reporters import terminal
    from refcheck.shard import Shard
else:  # run when a command first uses them: --version and --help never load the pipeline
    baseline_mod = lazy_module("refcheck.baseline")
    config_mod = lazy_module("refcheck.config")
    fix_mod = lazy_module("refcheck.fix")
    parallel = lazy_module("refcheck.parallel")
    rules = lazy_module("refcheck.rules")
    runner = lazy_module("refcheck.runner")
    terminal = lazy_module("refcheck.reporters.terminal")


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
    if not names:
        raise click.BadParameter(
            "no rule names given (a comma-separated list such as year-mismatch,uncited-reference)"
        )
    for n in names:
        try:
            rules.get(n)
        except KeyError as exc:
            raise click.BadParameter(str(exc.args[0])) from None
    return names


def _rules_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    _rule_list(value)  # checked now, before any file is read
    return value


def error_line(message: str) -> str:
    return f"refcheck: error: {one_line(message)}"


def fail(message: str) -> NoReturn:
    """One line on stderr and exit status 2."""
    click.echo(error_line(message), err=True)
    sys.exit(int(ExitCode.ERROR))


class _Main(click.Group):
    """The command group, with errors in one line: ``refcheck: error: ...``, exit status 2."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        _no_collection_at_exit()
        for save in (_regex_cache.save, _code_cache.save):  # what this run compiled, for the next start
            atexit.unregister(save)  # once per process, however often main runs (tests)
            atexit.register(save)
        with _terminate_as_exit():
            try:
                rv = super().main(args, prog_name, complete_var, False, **extra)
            except click.UsageError as exc:
                if type(exc).__name__ == "NoArgsIsHelpError":
                    # "refcheck" alone: the help, as written (click 8.2 raises it as a usage error,
                    # which one line would run together); status 2, as click gives it
                    click.echo(exc.format_message(), err=True)
                    sys.exit(int(ExitCode.ERROR))
                hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
                fail((_option_elsewhere(self, exc) or exc.format_message()) + hint)
            except click.ClickException as exc:
                fail(exc.format_message())
            except (UsageError, OutputError) as exc:
                fail(str(exc))
            except click.Abort:
                click.echo("refcheck: interrupted", err=True)
                sys.exit(130)
            except OSError as exc:
                if exc.errno != errno.EPIPE:
                    fail(runner.internal_error(exc))
                # the reader of a pipe went away (refcheck check ... | head): stop quietly
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115
                sys.exit(1)
            except Exception as exc:
                fail(runner.internal_error(exc))
            sys.exit(rv if isinstance(rv, int) else 0)


# what each command writes, said when it is given another command's option ("fix --format jsonl")
_WRITES = {
    "check": "it reports on standard output (or to --output) in the --format chosen; refcheck fix "
    "changes files",
    "fix": "it prints a unified diff of its fixes on standard output (with --write it changes the "
    "files instead; with --write and '-', the fixed document is written there) and its summary on "
    "standard error; refcheck check gives the findings in a --format",
    "merge": "it writes the merged report in the --format chosen",
}


def _option_elsewhere(group: click.Group, exc: click.UsageError) -> str | None:
    """For an option the command does not have but another of refcheck's commands does ("refcheck
    fix --format jsonl", "refcheck check --write"): which command has it and what this one writes,
    in place of click's closest names of this command's ("--input-format", "--mailto")."""
    if not isinstance(exc, click.NoSuchOption) or exc.ctx is None or exc.ctx.command is None:
        return None
    name, here = exc.option_name, exc.ctx.command.name
    owners = [
        f"'refcheck {n}'"
        for n, cmd in group.commands.items()
        if n != here and any(name in (*p.opts, *p.secondary_opts) for p in cmd.params)
    ]
    if not owners:
        return None
    said = f"'refcheck {here}' has no option {name!r} (an option of {', '.join(owners)})"
    return said + (f": {_WRITES[here]}" if here in _WRITES else "")


@functools.cache
def _no_collection_at_exit() -> None:
    """When the interpreter exits, its last garbage collections walk every object the run made
    (about a tenth of a short run's time); the run is over and the memory goes back to the system
    anyway, so the objects are frozen first. Output is flushed and files are closed before that:
    atexit handlers registered later (temporary files, pools) run earlier."""
    atexit.register(gc.freeze)


@contextlib.contextmanager
def _terminate_as_exit() -> Any:
    """SIGTERM ends the run at once, with the temporary report files removed (threads still waiting
    on a slow server would hold up an ordinary exit)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        parallel.terminate_all()
        discard_all()
        with contextlib.suppress(Exception):
            sys.stderr.write("refcheck: terminated\n")
            sys.stderr.flush()
        os._exit(128 + signum)

    try:
        previous = _signal.signal(_signal.SIGTERM, handler)
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        _signal.signal(_signal.SIGTERM, previous)


def run() -> NoReturn:
    """The program: the ``refcheck`` command and ``python -m refcheck`` (``main`` is for callers that
    catch its ``SystemExit``). When ``main`` exits, the process ends as the interpreter would end it
    (non-daemon threads joined, atexit handlers run, standard streams flushed), but without its
    teardown, which frees every object the run made one by one and empties every module: about a
    fortieth of the CPU time of checking a long document (issue 11.2), a tenth of the 1x run's
    time beyond its parse; the memory goes back to the system anyway."""
    try:
        main()
    except SystemExit as exc:
        code = exc.code
        if code is None:
            code = 0
        if not isinstance(code, int) or threading.current_thread() is not threading.main_thread():
            raise  # a message to print, or not this process's end: the interpreter's own way
        _end(code)
    raise AssertionError("main returned without exiting")  # pragma: no cover (click always exits)


def _end(code: int) -> NoReturn:
    """End the process with status ``code`` after what an ordinary exit does first."""
    shutdown = getattr(threading, "_shutdown", None)  # (joins non-daemon threads, as at exit)
    exit_handlers = getattr(atexit, "_run_exitfuncs", None)  # (then forgets them: none runs twice)
    if shutdown is None or exit_handlers is None:
        sys.exit(code)  # a Python without them: the ordinary exit
    shutdown()
    exit_handlers()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        sys.exit(code)  # the interpreter says what went wrong with the stream, as it always has
    os._exit(code)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="refcheck")
def main() -> None:
    """refcheck: check citations, references, footnotes and cited links before publication."""


class _RegularFile(click.Path):
    """An existing regular file (a FIFO would block the run, a device such as /dev/zero never end)."""

    def __init__(self) -> None:
        super().__init__(exists=True, dir_okay=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = super().convert(value, param, ctx)
        if not is_regular(path):
            self.fail(f"{clean(path)!r} is not a regular file (a device, a FIFO or a socket)", param, ctx)
        return path


class _Seconds(click.FloatRange):
    """A number of seconds: a FloatRange that also refuses nan and inf (float() takes both, and a
    nan timeout made every link 'unverified: ValueError')."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        seconds = super().convert(value, param, ctx)
        if not math.isfinite(seconds):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        return seconds


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
    click.option(
        "--select", default=None, callback=_rules_option, help="Comma-separated rules to run (default: all)."
    ),
    click.option("--ignore", default=None, callback=_rules_option, help="Comma-separated rules not to run."),
    click.option(
        "--max-file-size",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_FILE_SIZE,
        show_default=True,
        help="Largest file read, in bytes.",
    ),
    click.option(
        "--bib",
        "bib",
        multiple=True,
        type=_RegularFile(),
        help="Bibliography (.bib, or CSL-JSON .json) for pandoc citation keys or LaTeX; repeatable.",
    ),
    click.option(
        "--config",
        "config_file",
        type=_RegularFile(),
        default=None,
        help="Configuration file to use instead of the ones found upward from each checked file.",
    ),
    click.option(
        "--jobs",
        "-j",
        default=None,
        metavar="N",
        callback=lambda c, p, v: _jobs(v),
        help="Worker processes that check files: a number, or auto (the usable CPUs, the default); "
        "1 checks them one by one in this process.",
    ),
]


def _mailto(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        checked: str = config_mod.SCHEMA["mailto"].check(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return checked


def _jobs(value: str | None) -> int | str | None:
    if value is None or value == "auto":
        return value
    if not value.strip().isdigit():
        raise click.BadParameter(f'expected a positive integer or "auto", not {value!r}')
    try:
        jobs: int = config_mod.SCHEMA["jobs"].check(int(value))
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return jobs


# Which files a directory yields (refcheck.discovery); those with a configuration key are in _CONFIG_KEYS.
_DISCOVERY_OPTIONS = [
    click.option("--exclude-path", multiple=True, metavar="GLOB", callback=lambda c, p, v: _globs(v),
                 help="Do not search paths matching GLOB (a .gitignore pattern, relative to the current "
                      "directory) in directories; repeatable."),
    click.option("--respect-gitignore/--no-respect-gitignore", default=True, show_default=True,
                 help="Leave out files that .gitignore files exclude."),
    click.option("--force-exclude", is_flag=True,
                 help="Apply --exclude-path and extend-exclude to files named on the command line too."),
]  # fmt: skip


def _globs(value: tuple[str, ...]) -> tuple[str, ...]:
    if any(not v.strip() for v in value):
        raise click.BadParameter("an empty pattern")
    return value


def _accept(ctx: click.Context, param: click.Parameter, value: str | None) -> list[int] | None:
    if value is None:
        return None
    from refcheck.links.options import parse_accept  # link options: only when one is given

    try:
        return sorted(parse_accept(value))
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _regexes(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    for pattern in value:
        if not pattern:
            raise click.BadParameter("an empty pattern would exclude every URL")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise click.BadParameter(f"{pattern!r} is not a regular expression ({exc})") from None
    return value


def _http_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not re.match(r"https?://[^/\s]+", value):
        raise click.BadParameter(f"{value!r} is not an http or https URL")
    return value


def _max_age(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    if value is None:
        return None
    from refcheck.links.options import parse_duration

    try:
        return parse_duration(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


# Link checking options (docs/links.md); those with a configuration key are in _CONFIG_KEYS.
_LINK_OPTIONS = [
    click.option("--timeout", type=_Seconds(min=0.1), default=10.0, show_default=True,
                 help="Seconds one URL may take, all of it (every redirect, headers and body)."),
    click.option("--links-timeout", callback=_max_age, default=None, metavar="DURATION",
                 help="Time the whole link stage may take: seconds, or 15m (default: 15m; 0: no limit)."),
    click.option("--max-concurrency", type=click.IntRange(min=1),
                 default=16, show_default=True, help="URLs checked at once."),
    click.option("--per-host", type=click.IntRange(min=1), default=4,
                 show_default=True, help="URLs checked at once on one host."),
    click.option("--exclude-url", "--exclude", "exclude", multiple=True, metavar="REGEX", callback=_regexes,
                 help="Do not check URLs matching REGEX (--exclude is the older name); repeatable."),
    click.option("--accept", callback=_accept, default=None, metavar="CODES",
                 help="Status codes that mean alive, e.g. 200,204,429 or 200..299 (default: any 2xx)."),
    click.option("--archive", type=click.Choice(["auto", "all", "none"]), default="auto", show_default=True,
                 help="Look up archived copies: auto (dead and unverified links), all, none."),
    click.option("--archive-api", default=None, metavar="URL", callback=_http_url,
                 help="Wayback-compatible availability API (default: $REFCHECK_ARCHIVE_API or archive.org's)."),
    click.option("--allow-private-hosts", is_flag=True,
                 help="Also fetch URLs on loopback, private and other non-public addresses."),
    click.option("--cache-max-age", callback=_max_age, default=None, metavar="AGE",
                 help="Reuse link results younger than AGE: seconds, or 1h, 2d (default: 1d)."),
    click.option("--no-cache", is_flag=True, help="Neither read nor write the link and registry cache."),
]  # fmt: skip

# Registry verification (docs/verify.md); ``verify`` and ``mailto`` have configuration keys.
_VERIFY_OPTIONS = [
    click.option("--verify/--no-verify", default=True, show_default=True,
                 help="Look each entry up in Crossref, OpenAlex and the DOI system (retracted, "
                      "non-existent, mismatched references) and compare cited pages' titles."),
    click.option("--offline", is_flag=True,
                 help="No network at all: neither links nor references are checked."),
    click.option("--crossref-api", default=None, metavar="URL", callback=_http_url,
                 help="Crossref REST API (default: $REFCHECK_CROSSREF_API or api.crossref.org)."),
    click.option("--openalex-api", default=None, metavar="URL", callback=_http_url,
                 help="OpenAlex API (default: $REFCHECK_OPENALEX_API or api.openalex.org)."),
    click.option("--doi-api", default=None, metavar="URL", callback=_http_url,
                 help="DOI handle API (default: $REFCHECK_DOI_API or doi.org/api/handles)."),
    click.option("--verify-timeout", callback=_max_age, default=None, metavar="DURATION",
                 help="Time the whole verification stage may take: seconds, or 15m (default: 15m; "
                      "0: no limit). Entries not looked up by then are marked unverified."),
    click.option("--mailto", default=None, metavar="EMAIL", callback=lambda c, p, v: _mailto(v),
                 help="E-mail address sent to the registries, which joins their polite pools "
                      "(default: $REFCHECK_MAILTO)."),
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
    "respect_gitignore": "respect-gitignore",
    "force_exclude": "force-exclude",
    "timeout": "timeout",
    "max_concurrency": "max-concurrency",
    "per_host": "per-host",
    "exclude": "exclude-url",
    "accept": "accept",
    "archive": "archive",
    "cache_max_age": "cache-max-age",
    "links_timeout": "links-timeout",
    "jobs": "jobs",
    "verify": "verify",
    "mailto": "mailto",
    "verify_timeout": "verify-timeout",
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
    for name in ("crossref_api", "openalex_api", "doi_api"):
        if ctx.params.get(name):
            extra[f"verify_{name}"] = ctx.params[name]
    return extra


def _shared(func: Callable[..., None]) -> Callable[..., None]:
    for option in reversed(_SHARED_OPTIONS + _DISCOVERY_OPTIONS + _LINK_OPTIONS + _VERIFY_OPTIONS):
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
    if ctx.params.get("offline"):
        # said only when the command line also asks for the network (the pre-commit hook runs
        # --offline at every commit: a note there would be noise)
        asked = [f"--{key}" for key in ("links", "verify") if out.get(key) is True]
        if asked:
            click.echo(f"refcheck: --offline: {' and '.join(asked)} ignored, no network is used", err=True)
        out["links"] = False
        out["verify"] = False
    return out


def _run(
    ctx: click.Context,
    paths: tuple[str, ...],
    config_file: str | None,
    show_progress: bool = False,
    skip: Sequence[str] = (),
    on_file: Callable[[FileResult, int, int], None] | None = None,
    keep: str = "model",
    stdin: runner.Stdin | None = None,
) -> runner.Run:
    _load("refcheck.runner")

    files = terminal.Progress("Reading files", show_progress, minimum=terminal.FILE_BAR_MINIMUM)
    links = terminal.Progress("Checking links", show_progress)

    def each(result: FileResult, done: int, total: int) -> None:
        files(done, total)
        if on_file is not None:
            on_file(result, done, total)

    runner.freeze_models(True)  # this process ends with the run (pipeline.FREEZE_MODELS)
    try:
        with files, links:
            run = runner.run(
                paths,
                _command_line(ctx),
                config_file,
                progress=links if show_progress else None,
                extra=_link_extra(ctx),
                skip=skip,
                exclude_paths=ctx.params.get("exclude_path", ()),
                on_file=each,
                shard=ctx.params.get("shard"),
                keep=keep,
                stdin=stdin,
            )
    finally:
        runner.freeze_models(False)
    for note in [*run.notes, *run.links.notes]:
        click.echo(f"refcheck: {one_line(note)}", err=True)
    return run


def _load(*names: str) -> None:
    """Import the modules ``names`` with the collector off, then frozen (_lazy.load_modules; the note
    at the top)."""
    load_modules(*names)


def _exit_status(run: runner.Run) -> ExitCode:
    worst = ExitCode.ERROR if run.failures else ExitCode.OK
    for r in run.results:
        worst = max(worst, exit_code([r], run.fail_on.get(r.path, "error")))
    return worst


def _stdin_filename(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    if not value.strip():
        raise click.BadParameter("is empty; give the path the document read from standard input has")
    if os.path.isdir(value):
        raise click.BadParameter(f"{value!r} is a directory; give the path of the document's file")
    try:
        os.stat(value)
    except OSError as exc:  # (the file need not exist: its configuration is looked for from its name)
        if exc.errno == errno.ENAMETOOLONG:
            raise click.BadParameter("the file name is too long for this system") from None
    return value


def _shard(ctx: click.Context, param: click.Parameter, value: str | None) -> Shard | None:
    if value is None:
        return None
    from refcheck.shard import Shard

    try:
        return Shard.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


_FORMAT_HELP = (
    "Output format. text: the grouped report with source lines on a terminal, one line per finding "
    "(as concise) when piped; full, concise: either one always; jsonl: one JSON line per file as it "
    "is finished, then a summary line."
)


# --output, the same for check and merge
_output_option = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write the --format report to this file; the text report still goes to the terminal.",
)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help=_FORMAT_HELP,
)
@_shared
@_output_option
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
@click.option(
    "--stdin-filename",
    metavar="PATH",
    default=None,
    callback=_stdin_filename,
    help="With '-' among the paths: the path of the document read from standard input, for its "
    "format, its configuration, the files it names and the report (default: '-').",
)
@click.option(
    "--shard",
    metavar="K/N",
    default=None,
    callback=_shard,
    help="Check only the files in shard K of N (by a hash of each path), to split a run over N "
    "machines; refcheck merge combines their reports.",
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
    shard: Shard | None,
    stdin_filename: str | None,
    **_: Any,
) -> None:
    """Check PATHS (files, or directories searched for supported files; '-' reads a document from
    standard input)."""
    _load("refcheck.runner", "refcheck.reporters.terminal")
    if paths.count(runner.STDIN) > 1:
        raise click.UsageError("'-' (standard input) can be named once")
    if stdin_filename is not None and runner.STDIN not in paths:
        raise click.UsageError(
            "--stdin-filename names the document read from standard input: add '-' to the paths"
        )
    stdin = runner.Stdin(stdin_filename or runner.STDIN) if runner.STDIN in paths else None
    with contextlib.ExitStack() as stack:
        # Everything that can fail without a document is tried first: a bad baseline or an
        # unwritable report ends the run in a second, not after minutes of link checks.
        known = baseline_mod.read(baseline) if baseline is not None else None
        report = stack.enter_context(reserve(output, "the report")) if output is not None else None
        record = (
            stack.enter_context(reserve(write_baseline, "the baseline"))
            if write_baseline is not None
            else None
        )
        writing = [w for w in (report, record) if w is not None]
        _refuse_inputs(writing, paths)
        summary = {"shard": str(shard)} if shard is not None else {}
        if fmt == "jsonl" and record is None:
            _check_streaming(
                ctx, paths, config_file, known, report, [w.target for w in writing], summary, stdin
            )
            return
        terminal_fmt = _terminal_format(fmt if report is None else "text")
        colour = _use_colour(sys.stdout) and terminal_fmt in ("text", "full", "concise")
        # one line per finding: printed as each file is done (not with a baseline, applied at the end)
        streamed = terminal_fmt in ("text", "concise") and known is None and record is None
        stream = terminal.Stream(colour) if streamed else None
        shown = {fmt, terminal_fmt} if report is not None else {terminal_fmt}
        run = _run(
            ctx,
            paths,
            config_file,
            show_progress=stream is None and sys.stderr.isatty(),
            skip=[w.target for w in writing],
            on_file=stream,
            keep=_keep(shown, writes_baseline=record is not None, baseline=known is not None),
            stdin=stdin,
        )
        results = run.results
        if record is not None:
            text, n = baseline_mod.render(results, write_baseline or "")
            failures = [*run.failures, *_commit(record, text)]
            if not failures:
                click.echo(
                    f"wrote {n} finding{'s' if n != 1 else ''} to the baseline {one_line(record.path)}",
                    err=True,
                )
            for failure in failures:
                click.echo(error_line(failure), err=True)
            sys.exit(int(ExitCode.ERROR if failures or any(r.error for r in results) else ExitCode.OK))
        if known is not None:
            dropped = baseline_mod.apply(results, known)
            _said_dropped(dropped)
        _report(results, fmt, report, run.failures, summary, stream, fail_on=run.fail_on)
        sys.exit(int(_exit_status(run)))


def _keep(shown: set[str], writes_baseline: bool, baseline: bool) -> str:
    """What the run keeps of each document (runner.KEEP) for the reports ``shown``. A baseline
    written needs the models; one applied changes the findings after the JSON record is made."""
    if writes_baseline:
        return "model"
    if shown <= FINDINGS_ONLY:
        return "findings"
    if not baseline and shown <= FINDINGS_ONLY | {"json"}:
        return "record"
    return "model"


def _said_dropped(dropped: int) -> None:
    if dropped:
        click.echo(f"{dropped} finding{'s' if dropped != 1 else ''} in the baseline left out", err=True)


def _report(
    results: list[FileResult],
    fmt: str,
    report: Reserved | None,
    failures: list[str],
    summary: dict[str, Any] | None = None,
    stream: terminal.Stream | None = None,
    fail_on: Mapping[str, str] | str = "error",
) -> None:
    """Print ``results`` in ``fmt`` (into ``report`` when given, the text report then on the
    terminal; ``stream`` has printed each file's lines as it was checked), the unreadable files on
    stderr for machine formats, then the run's failures."""
    terminal_fmt = _terminal_format(fmt if report is None else "text")
    colour = _use_colour(sys.stdout) and terminal_fmt in ("text", "full", "concise")
    if report is not None:
        failures.extend(
            _commit(
                report,
                cast(Iterable[str], _rendered(fmt, results, color=False, summary=summary, fail_on=fail_on)),
            )
        )
    if stream is not None:
        stream.finish(results)
    else:  # FORCE_COLOR: colours when piped
        # (JSON escapes every control character: click need not look for colour codes to strip in it)
        raw = colour or terminal_fmt == "json"
        # (the JSON report's batches of ASCII text as orjson's bytes, where they are what the text
        # stream would write: a long report is not decoded and encoded again)
        binary = terminal_fmt == "json" and _ascii_stdout()
        for piece in _rendered(terminal_fmt, results, binary, color=colour, summary=summary, fail_on=fail_on):
            if isinstance(piece, bytes):
                click.echo(piece, nl=False)  # (flushes the text stream, then writes to its buffer)
                continue
            for part in slices(piece):
                _echo(part, raw)
    if terminal_fmt not in ("text", "full", "concise"):
        _unreadable(results)
    for failure in failures:
        click.echo(error_line(failure), err=True)


def _rendered(
    fmt: str, results: list[FileResult], ascii_bytes: bool = False, **options: Any
) -> Iterable[str | bytes]:
    """The report in ``fmt``, in pieces to be written one after the other: the JSON report's file
    records are not copied into one string (each is tens of MB for a long document), and one made
    from a kept model is made as it is written (json.chunks; ``ascii_bytes``: its batches of
    ASCII text as bytes). Every other piece is text."""
    if fmt == "json":
        from refcheck.reporters import json as json_reporter

        return json_reporter.chunks(results, ascii_bytes=ascii_bytes, **options)
    return [REPORTERS[fmt](results, **options)]


_ASCII = "".join(map(chr, range(128)))


def _ascii_stdout() -> bool:
    """Whether ASCII bytes written to standard output's binary buffer (as click.echo writes bytes)
    are the bytes its text stream would write for their text: a buffer there, an encoding that
    keeps ASCII as it is, and no newline translation (os.linesep "\n")."""
    stream = sys.stdout
    if stream is None or os.linesep != "\n":
        return False
    try:
        if _ASCII.encode(stream.encoding) != _ASCII.encode("ascii"):
            return False
        stream.buffer.write(b"")
    except (AttributeError, LookupError, TypeError, ValueError, OSError, UnicodeError):
        return False
    return True


def _terminal_format(fmt: str) -> str:
    """``text`` is the grouped report (full) on a terminal and one line per finding when piped."""
    if fmt == "text":
        return "full" if sys.stdout.isatty() else "text"
    return fmt


def _unreadable(results: list[FileResult]) -> None:
    for r in results:
        if r.error:
            safe_echo(f"{display_path(r.path)}: error: {one_line(r.error)}", err=True)


def _check_streaming(
    ctx: click.Context,
    paths: tuple[str, ...],
    config_file: str | None,
    known: baseline_mod.Baseline | None,
    report: Reserved | None,
    skip: list[str],
    summary: dict[str, Any],
    stdin: runner.Stdin | None = None,
) -> NoReturn:
    """``--format jsonl``: each file's line is written as soon as the file is finished; with -o they
    go to the report file and the terminal gets the concise text lines, also file by file."""
    from refcheck.reporters import jsonl
    from refcheck.reporters import text as text_reporter

    run = runner.stream(
        paths,
        _command_line(ctx),
        config_file,
        extra=_link_extra(ctx),
        skip=skip,
        exclude_paths=ctx.params.get("exclude_path", ()),
        shard=ctx.params.get("shard"),
        stdin=stdin,
    )
    counts = jsonl.Summary()
    status = ExitCode.OK
    dropped = 0
    left = baseline_mod.Baseline(Counter(known.known), known.base) if known is not None else None
    colour = _use_colour(sys.stdout)

    def lines() -> Iterator[str]:
        nonlocal status, dropped
        for result, fail_on in run.results:
            if left is not None:
                dropped += baseline_mod.apply([result], left, consume=True)
            counts.add(result)
            status = max(status, exit_code([result], fail_on))
            if report is None:
                _unreadable([result])
            else:  # the terminal shows what --format text would, file by file
                lines = text_reporter.file_lines(result, colour)
                if lines:
                    _echo("\n".join(lines) + "\n", colour)
            yield jsonl.line(jsonl.file_record(result))
        yield jsonl.line(counts.record(**summary))

    failures: list[str] = []
    if report is not None:
        failures.extend(_commit(report, lines()))
        checked = counts.files - counts.unreadable
        _echo(text_reporter.summary_line(checked, counts.counts, counts.unreadable) + "\n", colour)
    else:
        for text in lines():
            _echo(text, False)
            sys.stdout.flush()
    for note in run.notes:
        click.echo(f"refcheck: {one_line(note)}", err=True)
    _said_dropped(dropped)
    for failure in [*run.failures, *failures]:
        click.echo(error_line(failure), err=True)
    sys.exit(int(ExitCode.ERROR if run.failures or failures else status))


def _refuse_inputs(writing: list[Reserved], paths: Sequence[str]) -> None:
    """A report or baseline must never overwrite a document being checked: one named, or one in a
    directory being searched (which the walk leaves out as the output, so it was lost unread)."""
    named = {os.path.realpath(p) for p in paths if os.path.isfile(p)}
    searched = [os.path.realpath(p) for p in paths if os.path.isdir(p)]
    for w in writing:
        if w.target in named:
            raise OutputError(
                f"{one_line(w.path)}: is one of the files being checked; refcheck does not overwrite it"
            )
        within = [d for d in searched if w.target.startswith(os.path.join(d, ""))]
        if within and _a_document(w.target):
            raise OutputError(
                f"{one_line(w.path)}: is a document in {one_line(os.path.relpath(within[0]))}, which is "
                "being checked; refcheck does not overwrite it (write the report elsewhere)"
            )


def _a_document(path: str) -> bool:
    """Whether an existing file is a document of refcheck's, not a report an earlier run wrote there
    (an HTML, JUnit or Markdown report by how it begins, a text report by its summary line)."""
    from refcheck.discovery import own_report
    from refcheck.loaders import format_for

    try:
        if not os.path.isfile(path) or os.path.getsize(path) == 0 or format_for(path) is None:
            return False
    except OSError:
        return False
    return not own_report(path)


def _commit(target: Reserved, text: str | Iterable[str]) -> list[str]:
    """Write ``target``; the one-line failure, if any (the run's other results are still printed)."""
    try:
        target.commit(text)
    except OutputError as exc:
        return [str(exc)]
    return []


def _echo(text: str, colour: bool) -> None:
    """Print ``text``; an undecodable file name's bytes are shown as escapes rather than crashing."""
    try:
        click.echo(text, nl=False, color=colour)
    except UnicodeEncodeError:
        click.echo(text.encode("utf-8", "backslashreplace").decode("utf-8"), nl=False, color=colour)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@_shared
@click.option(
    "--write", is_flag=True, help="Write the fixes (atomically); without it only the diff is shown."
)
@click.option(
    "--comments",
    is_flag=True,
    help="DOCX: also write each finding that has no safe fix as a Word comment at its citation or entry.",
)
@click.option(
    "--unsafe-fixes",
    "unsafe",
    is_flag=True,
    help="Also make the suggested fixes: an entry's year or DOI taken from the registry's record.",
)
@click.option(
    "--stdin-filename",
    metavar="PATH",
    default=None,
    callback=_stdin_filename,
    help="With '-': the path of the document read from standard input, for its format, its "
    "configuration and the files it names (default: '-'); that file is not changed.",
)
@click.pass_context
def fix(
    ctx: click.Context,
    /,
    paths: tuple[str, ...],
    write: bool,
    comments: bool,
    unsafe: bool,
    config_file: str | None,
    stdin_filename: str | None,
    **_: Any,
) -> None:
    """Apply safe fixes to PATHS: a cited year to its entry's, dead links to archived copies.

    Prints a unified diff and changes nothing unless --write is given. An entry's year or DOI that a
    registry's record corrects (reference-mismatch, doi-not-found) is a suggestion, made only with
    --unsafe-fixes: the registry may be the one that is wrong, and an entry's new year leaves its
    citations to be changed by hand. A missing citation's suggested key or name is not made at all:
    it is a guess by its spelling, and the work cited may be another the bibliography lacks. Plain
    text, Markdown, HTML
    and LaTeX are fixed where the text stands in the source as it reads; a Word file gets the fixes
    as tracked changes (author "refcheck"); other fixes are refused with the reason. Exit status: 1 when fixes are left to apply (without --write, or in a file that
    cannot be written) or findings at or above --fail-on remain after the fixes; 0 otherwise, always
    with --fail-on never; 2 when a file could not be read.

    '-' reads the document from standard input, as a filter: the diff is shown, and with --write
    the whole fixed document (unchanged when nothing is fixed) is written to standard output, the
    summary and refusals to standard error.
    """
    _load("refcheck.runner")
    stdin = None
    if runner.STDIN in paths:
        if len(paths) > 1:
            raise click.UsageError(
                "'-' (standard input) is fixed alone: its fixed text goes to standard output"
            )
        stdin = runner.Stdin(stdin_filename or runner.STDIN)
    elif stdin_filename is not None:
        raise click.UsageError("--stdin-filename names the document read from standard input: give '-'")
    run = _run(ctx, paths, config_file, stdin=stdin)
    changed = refused = remaining = by_hand = guessed = 0
    worst = ExitCode.ERROR if run.failures else ExitCode.OK
    for r in run.results:
        if r.doc is None:
            safe_echo(f"{display_path(r.path)}: error: {one_line(r.error or '')}", err=True)
            worst = ExitCode.ERROR
            continue
        done = _fix_one(r.doc, write, comments, unsafe, piped=stdin is not None and r.path == stdin.name)
        changed += done.changed
        refused += done.refused
        threshold = FAIL_ON[run.fail_on.get(r.path, "error")]
        left = [f for f in r.doc.findings if id(f) not in done.fixed]
        if threshold is not None:
            remaining += sum(1 for f in left if f.severity >= threshold)
            # a suggestion for an entry of a .bib (its dead URL's archived copy, a year): not edited
            by_hand += sum(
                1
                for f in left
                if f.severity >= threshold
                and f.suggestion
                and f.path
                and f.path.lower().endswith(_BIBLIOGRAPHIES)
            )
            # a missing citation's suggestion ("martinezdiaz2007" for "martinezdiaz2008"): a guess
            guessed += sum(
                1 for f in left if f.severity >= threshold and f.suggestion and f.rule == "missing-reference"
            )
        if threshold is not None and (done.pending or any(f.severity >= threshold for f in left)):
            worst = max(worst, ExitCode.FINDINGS)
    verb = "fixed" if write else "would be fixed (use --write)" if changed else "would be fixed"
    summary = f"{changed} file{'s' if changed != 1 else ''} {verb}"
    if refused:
        summary += f"; {refused} fix{'es' if refused != 1 else ''} not made (reasons above)"
    if remaining:
        # why the exit status is 1 when nothing (more) is to fix
        summary += (
            f"; {remaining} finding{'s' if remaining != 1 else ''} at or above --fail-on"
            f" {'remain' if remaining != 1 else 'remains'} that "
            + ("no fix refcheck makes removes" if unsafe else "no safe fix removes")
            + " (refcheck check lists them)"
        )
        if guessed:
            summary += (
                f"; {guessed} of them {'name' if guessed != 1 else 'names'} the citation likely meant"
                " (missing-reference's suggestion), a guess by its spelling not made even with"
                " --unsafe-fixes: the work cited may be another the bibliography lacks; correct the"
                " citation or add the entry by hand"
            )
        if by_hand:
            summary += (
                f"; {by_hand} of them {'suggest' if by_hand != 1 else 'suggests'} a change in a bibliography"
                " file, which refcheck fix does not edit: make it there by hand"
            )
    click.echo(summary, err=True)
    for failure in run.failures:
        click.echo(error_line(failure), err=True)
    sys.exit(int(worst))


# the files a document's bibliography is read from (refcheck fix edits none of them)
_BIBLIOGRAPHIES = (".bib", ".bibtex", ".biblatex", ".bbl", ".json", ".yaml", ".yml", ".ris", ".nbib")


class _Fixed(NamedTuple):
    changed: bool  # the file was (or, without --write, would be) changed
    refused: int  # fixes not made
    fixed: set[int]  # id() of the findings fixed (without --write: that the diff would fix)
    pending: bool  # fixes left to apply


def _fix_one(
    doc: Document, write: bool, comments: bool = False, unsafe: bool = False, piped: bool = False
) -> _Fixed:
    """Plan (and with ``write`` make) the fixes of one document; print the diff and the refusals.
    ``piped``: the document came from standard input; with ``write`` the fixed document is written
    to standard output in place of the diff (the whole document, changed or not: a filter)."""
    result = _fixed_file(doc, comments, unsafe)
    if piped and write:
        _refusals(doc, result, unsafe)
        sys.stdout.flush()
        out = sys.stdout.buffer
        out.write(result.new if result.edits or result.new != result.old else doc.raw)
        out.flush()
        if not result.edits and result.new == result.old:
            return _Fixed(False, len(result.skipped), set(), False)
        return _Fixed(True, len(result.skipped), {id(f) for f in result.fixed}, False)
    _refusals(doc, result, unsafe)
    if not result.edits and result.new == result.old:  # (a DOCX may get comments only)
        return _Fixed(False, len(result.skipped), set(), False)
    click.echo(clean(result.diff(), keep="\n\t"), nl=False)
    if not write:  # the findings the diff would fix (pending: the exit status still says so)
        return _Fixed(True, len(result.skipped), {id(f) for f in result.fixed}, True)
    try:
        fix_mod.write_fixed(result)
    except fix_mod.Refused as why:
        safe_echo(f"{display_path(doc.path)}: not written: {why}", err=True)
        return _Fixed(False, len(result.skipped) + len(result.fixed), set(), True)
    return _Fixed(True, len(result.skipped), {id(f) for f in result.fixed}, False)


def _refusals(doc: Document, result: fix_mod.FixResult, unsafe: bool) -> None:
    """The fixes not made, each a line on standard error: suggestions (without ``unsafe``), refusals."""
    hidden = [] if unsafe else fix_mod.suggested(doc)
    for finding in hidden:
        at = f":{finding.line}" if finding.line else ""
        safe_echo(
            f"{display_path(finding.path or doc.path)}{at}: suggested fix ({finding.rule}), made only "
            f"with --unsafe-fixes: {finding.suggestion or (finding.fix or ('', '', ''))[2]}",
            err=True,
        )
    for finding, why in result.skipped:
        at = f":{finding.line}" if finding.line else ""
        safe_echo(
            f"{display_path(finding.path or doc.path)}{at}: not fixed ({finding.rule}): {why}", err=True
        )


def _fixed_file(doc: Document, comments: bool, unsafe: bool = False) -> fix_mod.FixResult:
    """The fixed file in memory; with ``comments``, a DOCX also gets its other findings as comments."""
    if not comments or doc.format != "docx":
        return fix_mod.fix_document(doc, unsafe)
    from refcheck.fixes.docx import fix_docx

    result = fix_docx(doc, comments=True, unsafe=unsafe)
    if result.comments_refused:
        safe_echo(f"{display_path(doc.path)}: no Word comments written: {result.comments_refused}", err=True)
    if result.comments:
        n = len(result.comments)
        safe_echo(
            f"{display_path(doc.path)}: {n} finding{'s' if n != 1 else ''} written as Word comments", err=True
        )
    return result


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
    type=_RegularFile(),
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
    if not re.fullmatch(r"[A-Za-z0-9.:_\[\]-]+", host):
        raise click.BadParameter("give a host name or an IP address", param_hint="--host")
    if token is not None and len(token) < 16:
        raise click.BadParameter("use at least 16 characters", param_hint="--token")
    if config_file is not None:
        config_mod.load_config(config_file)  # a bad file is said now, not at each check
    try:
        from refcheck.web.server import serve as run_server
    except ImportError as exc:
        # (as the README says: no release is on the package index yet, so the name alone installs
        # nothing; from a checkout, pip install '.[web]')
        fail(
            f"serve needs the web extra ({exc.name} is not installed): pip install "
            "'refcheck-citations[web] @ git+https://github.com/refcheck/refcheck' (in a checkout: "
            "pip install '.[web]')"
        )
    run_server(host.strip("[]"), port, token, not no_browser, max_file_size, workers, config_file)


@main.command()
@click.argument("reports", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="Output format (as for check).",
)
@_output_option
@click.option(
    "--fail-on",
    type=click.Choice(list(FAIL_ON)),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit status 1.",
)
@click.option("--partial", is_flag=True, help="Merge the shards given even when some are missing.")
def merge(reports: tuple[str, ...], fmt: str, output: str | None, fail_on: str, partial: bool) -> None:
    """Combine the JSON or JSONL reports of several runs (--shard K/N) into one report; `-` reads
    one from standard input (`refcheck check --format json DIR | refcheck merge - --format sarif`).

    The exit status is that of the whole: 2 if a file could not be read, else 1 if a finding is at
    or above --fail-on, else 0.
    """
    from refcheck.merge import merge as merge_reports

    with contextlib.ExitStack() as stack:
        report = stack.enter_context(reserve(output, "the report")) if output is not None else None
        if report is not None:
            _refuse_inputs([report], reports)
        results, summary = merge_reports(list(reports), partial)
        failures: list[str] = []
        _report(results, fmt, report, failures, summary, fail_on=fail_on)
        status = ExitCode.ERROR if failures else exit_code(results, fail_on)
        sys.exit(int(status))


@main.command("config")
@click.argument("path", required=False, default=".", type=click.Path(exists=True))
@click.option(
    "--config",
    "config_file",
    type=_RegularFile(),
    default=None,
    help="Configuration file to show.",
)
def show_config(path: str, config_file: str | None) -> None:
    """Print the effective configuration for PATH (TOML) and where each value came from."""
    cfg = config_mod.discover(path, config_file)
    if os.environ.get("REFCHECK_VERIFY", "").strip().lower() in runner.OFF:
        # as `refcheck check`: the environment turns verification off over any configuration file
        cfg = cfg.with_command_line({"verify": False})
        cfg.sources["verify"] = "environment REFCHECK_VERIFY"
    click.echo(clean(config_mod.dump(cfg, path if os.path.isfile(path) else None), keep="\n\t"), nl=False)


@main.command("rules")
def list_rules() -> None:
    """List the rules: name, default severity and what each reports."""
    _rules_table()


def _rules_table() -> None:
    width = max(len(r.NAME) for r in rules.ALL)
    for rule in rules.ALL:
        click.echo(f"{rule.NAME:<{width}}  {rule.SEVERITY!s:<7}  {rule.SUMMARY}")


@main.command()
@click.argument("rule", required=False)
def explain(rule: str | None) -> None:
    """Print the documentation of RULE (without RULE: the rules, as `refcheck rules`)."""
    if rule is None:
        _rules_table()
        click.echo("\n`refcheck explain RULE` prints one rule's documentation.")
        return
    # "YEAR-MISMATCH", "year_mismatch": a rule's name as a user may type it, read as the name
    name = rule.strip().lower().replace("_", "-")
    try:
        mod = rules.get(name if name in rules.BY_NAME else rule)
    except KeyError as exc:
        raise click.BadParameter(str(exc.args[0]), param_hint="RULE") from None
    import textwrap

    click.echo(f"{mod.NAME} ({mod.SEVERITY})\n")
    click.echo(textwrap.dedent(mod.__doc__ or "").strip())


gc.freeze()
if _COLLECTING:
    gc.enable()

if __name__ == "__main__":  # pragma: no cover
    run()
