"""Configuration: ``[tool.refcheck]`` in pyproject.toml, or ``refcheck.toml`` / ``.refcheck.toml``.

The file is looked for upward from the checked file (the first directory holding one of the three
wins; a pyproject.toml without ``[tool.refcheck]`` does not count). The schema is declared once, in
``SCHEMA``: every key with its type, default and, where it has one, the ``CheckOptions`` field it
fills. Adding a field to ``CheckOptions`` later is one line in ``OPTION_FIELDS``.

Precedence: defaults < configuration file < per-path ``overrides`` < command line.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import json
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from refcheck import rules
from refcheck.errors import UsageError
from refcheck.pipeline import DEFAULT_MAX_FILE_SIZE, CheckOptions

CONFIG_FILES = ("refcheck.toml", ".refcheck.toml", "pyproject.toml")
SEVERITIES = ("error", "warning", "info")
FAIL_ON = ("error", "warning", "info", "never")


class ConfigError(UsageError):
    """A configuration file that cannot be used; the message names the file and the key."""


# --- value checkers: each returns the normalised value or raises ValueError(reason) ------------------


def _rule_names(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a list of rule names")
    for name in value:
        if name not in rules.BY_NAME:
            raise ValueError(f"unknown rule {name!r} (known: {', '.join(sorted(rules.BY_NAME))})")
    return list(value)


def _severity_table(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError("expected a table of rule = severity")
    out: dict[str, str] = {}
    for name, sev in value.items():
        if name not in rules.BY_NAME:
            raise ValueError(f"unknown rule {name!r} (known: {', '.join(sorted(rules.BY_NAME))})")
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


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"expected a positive integer, not {value!r}")
    return value


def _positive_number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ValueError(f"expected a positive number of seconds, not {value!r}")
    return float(value)


def _status_codes(value: Any) -> list[int]:
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) and 100 <= v <= 999 for v in value
    ):
        raise ValueError("expected a list of HTTP status codes (100-999)")
    return list(value)


_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def _duration(value: Any) -> int:
    """Seconds, as an integer or a string such as "12h" or "7d"."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    m = _DURATION.match(value) if isinstance(value, str) else None
    if not m:
        raise ValueError(f'expected seconds or a duration such as "12h" or "7d", not {value!r}')
    return int(m.group(1)) * _UNITS[m.group(2)]


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
        Key("select", None, _rule_names, "rules to run (default: all)"),
        Key("ignore", [], _rule_names, "rules not to run"),
        Key("severity", {}, _severity_table, "rule = error|warning|info: a rule's severity"),
        Key("fail-on", "error", _choice(*FAIL_ON), "lowest severity that makes the exit status 1"),
        Key("bibliography", [], _strings, "bibliography files (.bib) read with every document"),
        Key("input-format", None, lambda v: _choice(*_formats())(v), "read every file as this format"),
        Key("max-file-size", DEFAULT_MAX_FILE_SIZE, _positive_int, "largest file read, in bytes"),
        Key("links", True, _boolean, "check that cited URLs are alive"),
        Key("exclude", [], _strings, "URL patterns (regular expressions) not to check"),
        Key("timeout", 10.0, _positive_number, "seconds to wait for one URL"),
        Key("max-concurrency", 16, _positive_int, "URLs checked at once"),
        Key("per-host", 4, _positive_int, "URLs checked at once on one host"),
        Key("accept", None, _status_codes, "HTTP status codes that count as alive (default: any 2xx)"),
        Key("archive", "auto", _archive_mode, "archived copies: auto (dead, unverified links), all, none"),
        Key("cache-max-age", 86400, _duration, "how long a link result is reused (seconds, or 12h, 7d)"),
        Key("links-timeout", 900, _duration, "seconds the whole link stage may take (0: no limit; or 15m)"),
    )
}

# Keys an ``[[overrides]]`` entry may set (besides ``paths``).
OVERRIDE_KEYS = ("select", "ignore", "severity", "links", "fail-on")

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
    "exclude": "link_exclude",
    "timeout": "link_timeout",
    "max-concurrency": "link_max_concurrency",
    "per-host": "link_per_host",
    "accept": "link_accept",
    "archive": "link_archive",
    "cache-max-age": "link_cache_max_age",
    "links-timeout": "link_stage_timeout",
}


def _formats() -> list[str]:
    from refcheck.loaders import LOADERS

    return sorted(LOADERS)


@dataclass
class Override:
    paths: list[str]
    values: dict[str, Any]


@dataclass
class Config:
    """The effective configuration and where each value came from."""

    values: dict[str, Any] = field(default_factory=lambda: {k.name: k.default for k in SCHEMA.values()})
    sources: dict[str, str] = field(default_factory=lambda: dict.fromkeys(SCHEMA, "default"))
    path: Path | None = None  # the configuration file, if any
    overrides: list[Override] = field(default_factory=list)

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

    def effective(self, file: str | Path | None = None) -> dict[str, Any]:
        """The values for one checked file: per-path overrides applied, command line still winning."""
        values = dict(self.values)
        if file is None:
            return values
        for ov in self.overrides:
            if self.matches(ov, file):
                for k, v in ov.values.items():
                    if self.sources.get(k) != "command line":
                        values[k] = v
        return values

    def matches(self, ov: Override, file: str | Path) -> bool:
        p = Path(file).resolve()
        try:
            rel = p.relative_to(self.root.resolve()).as_posix()
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


def find_config(start: str | Path) -> Path | None:
    """The configuration file for ``start`` (a file or directory), searching upward."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for directory in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(data.get("tool"), dict) and "refcheck" in data["tool"]


def load_config(path: str | Path) -> Config:
    """Read and validate one configuration file; ConfigError names the file and the key."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    table: Any = data
    prefix = ""
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("refcheck", {})
        prefix = "tool.refcheck."
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [{prefix.rstrip('.')}] must be a table")
    config = Config(path=path)
    for key, value in table.items():
        if key == "overrides":
            config.overrides = _overrides(path, prefix, value)
            continue
        config.values[key] = _check(path, prefix, key, value)
        config.sources[key] = str(path)
    return config


def _check(path: Path, prefix: str, key: str, value: Any, allowed: Any = None) -> Any:
    if key not in SCHEMA or (allowed is not None and key not in allowed):
        known = ", ".join(allowed if allowed is not None else [*SCHEMA, "overrides"])
        raise ConfigError(f"{path}: unknown key {prefix}{key!s} (known keys: {known})")
    try:
        return SCHEMA[key].check(value)
    except ValueError as exc:
        raise ConfigError(f"{path}: {prefix}{key}: {exc}") from None


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
        out.append(Override(paths=list(paths), values=values))
    return out


def discover(start: str | Path, explicit: str | Path | None = None) -> Config:
    """The configuration for ``start``: ``explicit`` if given, else the file found upward, else defaults."""
    found = Path(explicit) if explicit else find_config(start)
    return load_config(found) if found else Config()


# --- showing ---------------------------------------------------------------------------------------


def toml_value(value: Any) -> str:
    """A TOML literal for the plain values the schema holds (strings, numbers, booleans, lists, tables)."""
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
    if file is not None:
        lines.append(f"# effective for: {file}")
    lines.append("[tool.refcheck]")
    values = config.effective(file)
    for key in SCHEMA:
        value = values.get(key)
        source = config.sources.get(key, "default")
        if value is None:
            lines.append(f"# {key} is unset ({source})")
            continue
        if file is not None and value != config.values.get(key):
            source = "overrides"
        lines.append(f"{key} = {toml_value(value)}  # {source}")
    for ov in config.overrides:
        lines.append("")
        lines.append("[[tool.refcheck.overrides]]")
        lines.append(f"paths = {toml_value(ov.paths)}")
        lines.extend(f"{k} = {toml_value(v)}" for k, v in ov.values.items())
    return "\n".join(lines) + "\n"
