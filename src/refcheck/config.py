"""Configuration: ``[tool.refcheck]`` in pyproject.toml, or ``refcheck.toml`` / ``.refcheck.toml``.

The file is looked for upward from the checked file (the first directory holding one of the three
wins; a pyproject.toml without ``[tool.refcheck]`` does not count). The schema is declared once, in
``SCHEMA``: every key with its type, default and, where it has one, the ``CheckOptions`` field it
fills. Adding a field to ``CheckOptions`` later is one line in ``OPTION_FIELDS``.

Precedence: defaults < configuration file < per-path ``overrides`` < command line.

Trust (``resolve``): the *project root* is the nearest directory at or above the current directory
that holds ``.git``, else the current directory (project.py). The configuration file nearest to a
checked file at or above the project root is the *root configuration*. Configuration files in
directories below the project root are *nested*: they may only choose rules for their own subtree
(``NESTED_KEYS``: select, ignore, severity, fail-on, extend-exclude, and the same in their
``overrides``), never lower a rule's severity below the root configuration's, never raise fail-on,
and any other key they set is ignored with a note. ``allow-nested-config = true`` in the root
configuration trusts them as it would itself (the nearest file then wins, as before). Numeric limits
are capped (``LIMITS``) in every file and on the command line.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from refcheck.errors import UsageError, one_line
from refcheck.files import FileTooLarge, NotRegularFile, read_regular, real_path
from refcheck.loaders import DEFAULT_MAX_FILE_SIZE
from refcheck.loading import CheckOptions
from refcheck.project import inside, project_root

CONFIG_FILES = ("refcheck.toml", ".refcheck.toml", "pyproject.toml")
SEVERITIES = ("error", "warning", "info")
FAIL_ON = ("error", "warning", "info", "never")


class ConfigError(UsageError):
    """A configuration file that cannot be used; the message names the file and the key."""


# --- value checkers: each returns the normalised value or raises ValueError(reason) ------------------


def _rule_names(value: Any) -> list[str]:
    if isinstance(value, str):
        # "year-mismatch,uncited-reference", as the command line takes them (--select, --ignore)
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a list of rule names (or a comma-separated string of them)")
    return _known_rules(value)


def _selected_rules(value: Any) -> list[str]:
    names = _rule_names(value)
    if not names:
        raise ValueError("an empty list selects no rule at all (leave select out to run every rule)")
    return names


def _known_rules(value: list[str]) -> list[str]:
    from refcheck import rules  # (the rules' modules: only when a configuration names rules)

    for name in value:
        if name not in rules.BY_NAME:
            raise ValueError(rules.unknown_rule(name))
    return list(value)


def _severity_table(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError("expected a table of rule = severity")
    from refcheck import rules

    out: dict[str, str] = {}
    for name, sev in value.items():
        if name not in rules.BY_NAME:
            raise ValueError(rules.unknown_rule(name))
        if sev not in SEVERITIES:
            raise ValueError(f"severity of {name!r} must be one of {', '.join(SEVERITIES)}, not {sev!r}")
        out[name] = sev
    return out


def _choice(*allowed: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in allowed:
            raise ValueError(f"expected one of {', '.join(allowed)}, not {value!r}")
        return str(value)

    return check


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a list of strings")
    return list(value)


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, not {value!r}")
    return value


def _archive_mode(value: Any) -> str:
    """auto | all | none; true and false (the older form) mean auto and none."""
    if isinstance(value, bool):
        return "auto" if value else "none"
    if value in ("auto", "all", "none"):
        return str(value)
    raise ValueError(f"expected auto, all or none, not {value!r}")


# Upper bounds of numeric settings, wherever they come from: a configuration file in a pull request
# must not be able to hold a CI job for hours or make refcheck read a gigabyte.
LIMITS: dict[str, int | float] = {
    "timeout": 300.0,  # seconds per URL
    "links-timeout": 6 * 3600,  # seconds for the whole link stage (0, no limit, only on the command line)
    "max-concurrency": 128,
    "per-host": 32,
    "max-file-size": 256 * 1024 * 1024,
    "jobs": 256,
}


def _positive_int(key: str) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"expected a positive integer, not {value!r}")
        if value > LIMITS[key]:
            raise ValueError(f"at most {LIMITS[key]}, not {value!r}")
        return value

    return check


def _jobs(value: Any) -> int | str:
    """Worker processes: a positive integer, or "auto" (the usable CPUs)."""
    if value == "auto":
        return "auto"
    try:
        return _positive_int("jobs")(value)
    except ValueError as exc:
        raise ValueError(f'{exc} (or "auto")') from None


def _seconds(key: str) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:  # nan too
            raise ValueError(f"expected a positive number of seconds, not {value!r}")
        if value > LIMITS[key]:
            raise ValueError(f"at most {LIMITS[key]:g} seconds, not {value!r}")
        return float(value)

    return check


def _regexes(value: Any) -> list[str]:
    """URL regular expressions: each must compile, and none may be empty (it would match every URL)."""
    patterns = _strings(value)
    for p in patterns:
        if not p:
            raise ValueError("an empty pattern would exclude every URL")
        try:
            re.compile(p)
        except re.error as exc:
            raise ValueError(f"{p!r} is not a regular expression ({exc})") from None
    return patterns


def _globs(value: Any) -> list[str]:
    """.gitignore-style path patterns."""
    patterns = _strings(value)
    if any(not p.strip() for p in patterns):
        raise ValueError("an empty pattern")
    return patterns


def _status_codes(value: Any) -> list[int]:
    if isinstance(value, str):
        # "200,204,429" or "200..299", as the command line takes them (--accept)
        from refcheck.links.options import parse_accept

        return sorted(parse_accept(value))
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) and 100 <= v <= 999 for v in value
    ):
        raise ValueError("expected a list of HTTP status codes (100-999)")
    return list(value)


_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def _stage_duration(value: Any) -> int:
    """The link or verification stage's deadline: a duration of at least a second and at most LIMITS' (no "0, no
    limit" in a file: a configuration must not be able to hold a CI job indefinitely)."""
    seconds = _duration(value)
    if not 1 <= seconds <= LIMITS["links-timeout"]:
        raise ValueError(f"expected between 1 s and {LIMITS['links-timeout']:g} s, not {value!r}")
    return seconds


def _duration(value: Any) -> int:
    """Seconds, as an integer or a string such as "12h" or "7d"."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    m = _DURATION.match(value) if isinstance(value, str) else None
    if not m:
        raise ValueError(f'expected seconds or a duration such as "12h" or "7d", not {value!r}')
    return int(m.group(1)) * _UNITS[m.group(2)]


def _mailto(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise ValueError(f"expected an e-mail address, not {value!r}")
    return value


@dataclass(frozen=True)
class Key:
    name: str
    default: Any
    check: Callable[[Any], Any]
    help: str


# The schema, declared once: name, default, checker, what it means.
SCHEMA: dict[str, Key] = {
    k.name: k
    for k in (
        Key("select", None, _selected_rules, "rules to run (default: all)"),
        Key("ignore", [], _rule_names, "rules not to run"),
        Key("severity", {}, _severity_table, "rule = error|warning|info: a rule's severity"),
        Key("fail-on", "error", _choice(*FAIL_ON), "lowest severity that makes the exit status 1"),
        Key("bibliography", [], _strings, "bibliography files (.bib) read with every document"),
        Key("input-format", None, lambda v: _choice(*_formats())(v), "read every file as this format"),
        Key(
            "max-file-size",
            DEFAULT_MAX_FILE_SIZE,
            _positive_int("max-file-size"),
            "largest file read, in bytes",
        ),
        Key("extend-exclude", [], _globs, "paths not searched (.gitignore patterns, relative to this file)"),
        Key("respect-gitignore", True, _boolean, "leave out what .gitignore files exclude"),
        Key("force-exclude", False, _boolean, "apply extend-exclude to files named on the command line too"),
        Key("allow-nested-config", False, _boolean, "trust configuration files below the project root"),
        Key("links", True, _boolean, "check that cited URLs are alive"),
        Key("exclude-url", [], _regexes, "URL patterns (regular expressions) not to check"),
        Key("timeout", 10.0, _seconds("timeout"), "seconds to wait for one URL"),
        Key("max-concurrency", 16, _positive_int("max-concurrency"), "URLs checked at once"),
        Key("per-host", 4, _positive_int("per-host"), "URLs checked at once on one host"),
        Key("accept", None, _status_codes, "HTTP status codes that count as alive (default: any 2xx)"),
        Key("archive", "auto", _archive_mode, "archived copies: auto (dead, unverified links), all, none"),
        Key("cache-max-age", 86400, _duration, "how long a link result is reused (seconds, or 12h, 7d)"),
        Key(
            "links-timeout", 900, _stage_duration, "time the whole link stage may take (seconds, or 15m, 1h)"
        ),
        Key("verify", True, _boolean, "look each entry up in the registries (Crossref, OpenAlex, DOI)"),
        Key("mailto", None, _mailto, "e-mail address sent to the registries (their polite pools)"),
        Key(
            "verify-timeout",
            900,
            _stage_duration,
            "time the whole verification stage may take (seconds, or 15m, 1h)",
        ),
        Key("jobs", None, _jobs, 'worker processes that check files (default "auto": the usable CPUs)'),
    )
}

# Other names accepted for a key (the older name first): ``exclude`` is ``exclude-url``.
ALIASES = {"exclude": "exclude-url"}

# Keys an ``[[overrides]]`` entry may set (besides ``paths``).
OVERRIDE_KEYS = ("select", "ignore", "severity", "links", "verify", "fail-on")

# What a nested configuration file (below the project root) may set, unless the root allows more.
NESTED_KEYS = ("select", "ignore", "severity", "fail-on", "extend-exclude")

# Configuration key -> CheckOptions field. A key whose field does not exist (yet) is validated and
# shown by ``refcheck config`` but not passed on; adding the field makes it flow with no other change.
OPTION_FIELDS: dict[str, str] = {
    "select": "select",
    "ignore": "ignore",
    "severity": "severity",
    "input-format": "input_format",
    "max-file-size": "max_file_size",
    "links": "links",
    "bibliography": "bib",
    "exclude-url": "link_exclude",
    "timeout": "link_timeout",
    "max-concurrency": "link_max_concurrency",
    "per-host": "link_per_host",
    "accept": "link_accept",
    "archive": "link_archive",
    "cache-max-age": "link_cache_max_age",
    "links-timeout": "link_stage_timeout",
    "verify": "verify",
    "mailto": "verify_mailto",
    "verify-timeout": "verify_stage_timeout",
}


def _formats() -> list[str]:
    from refcheck.loaders import LOADERS

    return sorted(LOADERS)


@dataclass
class Override:
    paths: list[str]
    values: dict[str, Any]
    base: Path | None = None  # the directory ``paths`` are relative to (None: the configuration's)


@dataclass
class Layer:
    """A nested configuration file (below the project root), limited to ``NESTED_KEYS``."""

    path: Path
    values: dict[str, Any]
    overrides: list[Override]

    @property
    def directory(self) -> Path:
        return self.path.parent.resolve()


_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
_FAIL_ON_RANK = {"info": 0, "warning": 1, "error": 2, "never": 3}


@dataclass
class Config:
    """The effective configuration and where each value came from."""

    values: dict[str, Any] = field(default_factory=lambda: {k.name: k.default for k in SCHEMA.values()})
    sources: dict[str, str] = field(default_factory=lambda: dict.fromkeys(SCHEMA, "default"))
    path: Path | None = None  # the configuration file, if any
    overrides: list[Override] = field(default_factory=list)
    nested: list[Layer] = field(default_factory=list)  # outermost first
    # what was ignored or refused in nested files, said once on stderr
    notes: list[str] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def with_command_line(self, values: Mapping[str, Any]) -> Config:
        """A copy with ``values`` (already checked by the CLI) set from the command line."""
        new = dataclasses.replace(self, values=dict(self.values), sources=dict(self.sources))
        for k, v in values.items():
            new.values[k] = v
            new.sources[k] = "command line"
        return new

    def effective(
        self, file: str | Path | None = None, sources: dict[str, str] | None = None
    ) -> dict[str, Any]:
        """The values for one checked file: per-path overrides applied, then the nested files above
        it within their limits, the command line still winning. ``sources``, when given, is filled
        with where each value that differs from the file's top level came from."""
        values = dict(self.values)
        if file is None:
            return values
        for ov in self.overrides:
            if self.matches(ov, file):
                for k, v in ov.values.items():
                    if self.sources.get(k) != "command line":
                        values[k] = v
                        if sources is not None:
                            sources[k] = "overrides"
        if not self.nested:
            return values
        floor = dict(values)  # what the root configuration says for this file
        here = Path(file).resolve()
        for layer in self.nested:
            if layer.directory not in here.parents:
                continue
            settings = [(layer.values, str(layer.path))]
            settings += [
                (ov.values, f"{layer.path} overrides") for ov in layer.overrides if self.matches(ov, file)
            ]
            for given, origin in settings:
                for k, v in given.items():
                    if self.sources.get(k) == "command line":
                        continue
                    limited = self._limited(k, v, values[k], floor, origin)
                    if limited != values[k] and sources is not None:
                        sources[k] = origin
                    values[k] = limited
        return values

    def _limited(self, key: str, value: Any, current: Any, floor: Mapping[str, Any], origin: str) -> Any:
        """A nested file's ``value`` for ``key``, within what the root configuration allows."""
        if key == "fail-on":
            if _FAIL_ON_RANK[value] > _FAIL_ON_RANK[floor["fail-on"]]:
                self._note(
                    f"{origin}: fail-on = {value!r} ignored: a nested configuration cannot raise "
                    f"fail-on above the root configuration's {floor['fail-on']!r}"
                )
                return current
            return value
        if key == "severity":
            from refcheck import rules

            out = dict(current)
            for rule, sev in value.items():
                least = floor["severity"].get(rule, str(rules.BY_NAME[rule].SEVERITY))
                if _SEVERITY_RANK[sev] < _SEVERITY_RANK[least]:
                    self._note(
                        f"{origin}: severity of {rule} = {sev!r} ignored: a nested configuration "
                        f"cannot lower it below the root configuration's {least!r}"
                    )
                    continue
                out[rule] = sev
            return out
        return value

    def _note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def matches(self, ov: Override, file: str | Path) -> bool:
        p = Path(file).resolve()
        base = ov.base if ov.base is not None else self.root
        try:
            rel = p.relative_to(base.resolve()).as_posix()
        except ValueError:
            rel = Path(file).as_posix()
        return any(
            fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(Path(file).as_posix(), pat) for pat in ov.paths
        )

    def options_for(self, file: str | Path | None = None) -> CheckOptions:
        """CheckOptions for one checked file, filled through ``OPTION_FIELDS``."""
        values = self.effective(file)
        known = {f.name for f in dataclasses.fields(CheckOptions)}
        kwargs: dict[str, Any] = {}
        for key, attr in OPTION_FIELDS.items():
            if attr in known and values.get(key) is not None:
                value = values[key]
                kwargs[attr] = list(value) if isinstance(value, list) else value
        if "bib" in kwargs and self.path is not None and values.get("bibliography") is not None:
            # files named in the configuration are relative to it; --bib paths are as given
            from_file = self.sources.get("bibliography") not in (None, "command line", "default")
            if from_file:
                kwargs["bib"] = [str(self.root / b) for b in kwargs["bib"]]
        return CheckOptions(**kwargs)


# --- finding and reading ---------------------------------------------------------------------------


def _config_in(directory: Path) -> Path | None:
    """The configuration file of one directory, if it has one."""
    for name in CONFIG_FILES:
        candidate = directory / name
        if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
            return candidate
    return None


def find_configs(start: str | Path, seen: dict[Path, list[Path]] | None = None) -> list[Path]:
    """Every configuration file for ``start`` (a file or directory), nearest first, one per directory.
    ``seen``: the answers for directories already searched in this run (a run over hundreds of files
    of a few directories would look for the same files in the same directories for each)."""
    here = Path(real_path(start))
    if not here.is_dir():
        here = here.parent
    if seen is None:
        return [c for c in (_config_in(d) for d in (here, *here.parents)) if c is not None]
    # up to the first directory searched before (or the root), then each answer down from there
    chain: list[Path] = []
    d = here
    while d not in seen:
        chain.append(d)
        if d.parent == d:
            break
        d = d.parent
    above = seen.get(d, [])
    for d in reversed(chain):
        mine = _config_in(d)
        above = seen[d] = [mine, *above] if mine is not None else above
    return list(seen[here])


def find_config(start: str | Path) -> Path | None:
    """The nearest configuration file for ``start`` (a file or directory), searching upward."""
    found = find_configs(start)
    return found[0] if found else None


def _has_tool_table(path: Path) -> bool:
    try:
        st = path.stat()
    except OSError:
        return False
    # one parse per file and version: the current directory's chain and each file's share it
    return _tool_table_in(str(path), st.st_mtime_ns, st.st_size)


# Only these lines can give a pyproject.toml a [tool.refcheck] table: a [tool] or [tool.refcheck...]
# table header, a key path that begins with "tool" (tool.refcheck.x = ..., tool = {refcheck = ...}),
# or a \u escape spelling a quoted key. A file with none (most, [tool.ruff] and all) is answered
# without parsing it or importing tomllib.
_TOOL = r"""(?:tool|"tool"|'tool')"""
_MAY_HOLD_TOOL_TABLE = re.compile(
    rf"""^[ \t]*\[\[?[ \t]*{_TOOL}[ \t]*(?:\]|\.[ \t]*(?:refcheck|"refcheck"|'refcheck')[ \t]*[.\]])"""
    rf"|^[ \t]*{_TOOL}[ \t]*[.=]"
    r"|\\[uU]",
    re.M,
)


@functools.lru_cache(maxsize=64)
def _tool_table_in(path: str, mtime_ns: int, size: int) -> bool:
    try:
        # a regular file, at most MAX_CONFIG_SIZE (a pyproject.toml -> /dev/zero symlink, a FIFO)
        text = read_regular(path, MAX_CONFIG_SIZE).decode("utf-8-sig")  # (Notepad's BOM)
    except (OSError, UnicodeDecodeError):
        return False
    if not _MAY_HOLD_TOOL_TABLE.search(text):
        return False
    import tomllib  # only for a file that may hold the table (start-up: CONTRIBUTING.md)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        # a [tool.refcheck] table in a file that is not TOML: load_config says why, rather than
        # the check going on with the defaults (a CI gate's fail-on or ignore silently lost)
        return "refcheck" in text
    return isinstance(data.get("tool"), dict) and "refcheck" in data["tool"]


MAX_CONFIG_SIZE = 1024 * 1024


def load_config(path: str | Path) -> Config:
    """Read and validate one configuration file; ConfigError names the file and the key."""
    import tomllib

    path = Path(path)
    shown = one_line(str(path))
    try:
        data = tomllib.loads(read_regular(path, MAX_CONFIG_SIZE).decode("utf-8-sig"))
    except IsADirectoryError:
        raise ConfigError(f"{shown}: is a directory, not a configuration file") from None
    except NotRegularFile:
        raise ConfigError(f"{shown}: not a regular file (a device, a FIFO or a socket)") from None
    except FileTooLarge:
        raise ConfigError(f"{shown}: over {MAX_CONFIG_SIZE // 1024} KiB, not a configuration file") from None
    except FileNotFoundError:
        raise ConfigError(f"{shown}: configuration file not found") from None
    except OSError as exc:
        raise ConfigError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{shown}: not valid UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown}: not valid TOML ({one_line(str(exc))})") from None
    table: Any = data
    prefix = ""
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("refcheck", {}) if isinstance(tool, dict) else {}
        prefix = "tool.refcheck."
    if not isinstance(table, dict):
        raise ConfigError(f"{shown}: [{prefix.rstrip('.')}] must be a table")
    config = Config(path=path)
    for given, value in table.items():
        key = str(ALIASES.get(given, given))
        if key == "overrides":
            config.overrides = _overrides(path, prefix, value)
            continue
        if key != given and given in table and key in table:
            raise ConfigError(f"{shown}: {prefix}{given} and {prefix}{key} are the same key; keep {key}")
        config.values[key] = _check(path, prefix, key, value, shown_key=given)
        config.sources[key] = str(path)
    return config


def _check(path: Path, prefix: str, key: str, value: Any, allowed: Any = None, shown_key: str = "") -> Any:
    shown_key = shown_key or key
    if key not in SCHEMA or (allowed is not None and key not in allowed):
        names = [str(k) for k in (allowed if allowed is not None else [*SCHEMA, "overrides"])]
        if not prefix and shown_key == "tool" and isinstance(value, dict) and path.name != "pyproject.toml":
            # the [tool.refcheck] table `refcheck config` prints, pasted into a refcheck.toml
            raise ConfigError(
                f"{one_line(str(path))}: [tool.refcheck] is the table of pyproject.toml; in {path.name}"
                " write its keys at the top level, without that header"
            )
        import difflib  # only on this error's way

        close = difflib.get_close_matches(str(shown_key), names, 1, 0.75)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise ConfigError(
            f"{one_line(str(path))}: unknown key {prefix}{shown_key!s}{hint} (known keys: {', '.join(names)})"
        )
    try:
        return SCHEMA[key].check(value)
    except ValueError as exc:
        raise ConfigError(f"{one_line(str(path))}: {prefix}{shown_key}: {exc}") from None


def _overrides(path: Path, prefix: str, value: Any) -> list[Override]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(f"{path}: {prefix}overrides must be an array of tables ([[{prefix}overrides]])")
    out: list[Override] = []
    for i, entry in enumerate(value):
        where = f"{prefix}overrides[{i}]."
        paths = entry.get("paths")
        if not isinstance(paths, list) or not paths or not all(isinstance(p, str) for p in paths):
            raise ConfigError(f"{path}: {where}paths: expected a non-empty list of glob patterns")
        values = {
            k: _check(path, where, k, v, allowed=["paths", *OVERRIDE_KEYS])
            for k, v in entry.items()
            if k != "paths"
        }
        out.append(Override(paths=list(paths), values=values, base=path.parent))
    return out


def _below(directory: Path, root: Path) -> bool:
    return root in directory.parents


class Resolver:
    """The configuration of each checked file, with nested files limited; files read once."""

    def __init__(self, explicit: str | Path | None = None, root: Path | None = None) -> None:
        self.explicit = Path(explicit) if explicit else None
        self.root = (root or project_root()).resolve()
        self._loaded: dict[Path, Config] = {}
        self._resolved: dict[tuple[Path, ...], Config] = {}
        self._searched: dict[Path, list[Path]] = {}  # directory -> find_configs' answer, this run
        self.notes: list[str] = []

    def load(self, path: Path) -> Config:
        key = path.resolve()
        if key not in self._loaded:
            self._loaded[key] = load_config(path)
            if path == self.explicit and path.name == "pyproject.toml" and not _has_tool_table(path):
                # the file is read for its [tool.refcheck] table alone: without one, --config was
                # silently the defaults (a table misnamed [refcheck] or [tool.refcheck-x] too)
                self._note(
                    f"{one_line(str(path))}: no [tool.refcheck] table, so the defaults apply; "
                    "`refcheck config` prints one to start from"
                )
        return self._loaded[key]

    def chain(self, start: str | Path) -> tuple[Path | None, list[Path]]:
        """The root configuration for ``start`` and the nested files between it and ``start``
        (outermost first)."""
        if self.explicit is not None:
            return self.explicit, []
        found = find_configs(start, self._searched)
        nested = [c for c in found if _below(c.parent.resolve(), self.root)]
        trusted = [c for c in found if not _below(c.parent.resolve(), self.root)]
        return (trusted[0] if trusted else None), list(reversed(nested))

    def for_path(self, start: str | Path) -> Config:
        top, nested = self.chain(start)
        key = (top.resolve() if top else Path(), *(n.resolve() for n in nested))
        if key not in self._resolved:
            self._resolved[key] = self._resolve(top, nested)
        return self._resolved[key]

    def _resolve(self, top: Path | None, nested: list[Path]) -> Config:
        base = self.load(top) if top else Config()
        if not nested:
            return dataclasses.replace(base, notes=list(self.notes)) if self.notes else base
        if base.values.get("allow-nested-config"):
            nearest = self.load(nested[-1])
            for b in nearest.values.get("bibliography") or []:
                if not inside(nearest.root / b, self.root):
                    raise ConfigError(
                        f"{one_line(str(nearest.path))}: bibliography {b!r} lies outside the project "
                        f"root {one_line(str(self.root))}"
                    )
            return nearest
        layers = []
        for n in nested:
            cfg = self.load(n)
            values = {k: v for k, v in cfg.values.items() if cfg.sources.get(k) == str(cfg.path)}
            kept = {k: v for k, v in values.items() if k in NESTED_KEYS}
            dropped = sorted(set(values) - set(kept))
            overrides = []
            for ov in cfg.overrides:
                ov_kept = {k: v for k, v in ov.values.items() if k in NESTED_KEYS}
                dropped += sorted(f"overrides.{k}" for k in set(ov.values) - set(ov_kept))
                overrides.append(Override(ov.paths, ov_kept, ov.base))
            if dropped:
                self._note(
                    f"{one_line(str(n))}: {', '.join(dropped)} ignored: a configuration below the project "
                    f"root ({one_line(str(self.root))}) may only choose rules for its directory; "
                    "allow-nested-config = true in the root configuration trusts it"
                )
            layers.append(Layer(n, kept, overrides))
        return dataclasses.replace(base, nested=layers, notes=self.notes)

    def _note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


def discover(start: str | Path, explicit: str | Path | None = None) -> Config:
    """The configuration for ``start``: ``explicit`` if given, else the files found upward (nested
    ones limited), else defaults."""
    return Resolver(explicit).for_path(start)


# --- showing ---------------------------------------------------------------------------------------


def toml_value(value: Any) -> str:
    """A TOML literal for the plain values the schema holds (strings, numbers, booleans, lists, tables)."""
    import json  # only `refcheck config` writes TOML

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {value!r} as TOML")


def dump(config: Config, file: str | Path | None = None) -> str:
    """The effective configuration as TOML, each key commented with where it came from."""
    lines = [f"# configuration file: {config.path or 'none found (defaults)'}"]
    for layer in config.nested:
        lines.append(f"# nested configuration (limited to {', '.join(NESTED_KEYS)}): {layer.path}")
    if file is not None:
        lines.append(f"# effective for: {file}")
    changed: dict[str, str] = {}
    values = config.effective(file, changed)
    lines.extend(f"# note: {note}" for note in config.notes)
    lines.append("[tool.refcheck]")
    for key in SCHEMA:
        value = values.get(key)
        source = changed.get(key, config.sources.get(key, "default"))
        if value is None:
            lines.append(f"# {key} is unset ({source})")
            continue
        lines.append(f"{key} = {toml_value(value)}  # {source}")
    for ov in config.overrides:
        lines.append("")
        lines.append("[[tool.refcheck.overrides]]")
        lines.append(f"paths = {toml_value(ov.paths)}")
        lines.extend(f"{k} = {toml_value(v)}" for k, v in ov.values.items())
    return "\n".join(lines) + "\n"
