"""Project configuration: ``[tool.claimdiff]`` in ``pyproject.toml``, or a ``claimdiff.toml``.

The file is found by walking up from the first path given on the command line; in one folder
``claimdiff.toml`` wins over ``pyproject.toml``, and a ``pyproject.toml`` without a
``[tool.claimdiff]`` table is passed over. Paths in the file are relative to the file and must
stay inside its folder (links resolved); flags override the file and may point anywhere. Keys::

    [tool.claimdiff]
    fail-on = ["error"]               # severities that fail `check`: error, warning, info
    baseline = "data/baseline.yaml"   # acknowledged contradictions
    sources = "sources"               # folder of source texts for the quote check
    tolerance = 0.1                   # relative half-width of "about 40"
    rounding = "trailing-zeros"       # what a figure written rounded stands for, or "exact"
    lexicon = { "scores" = [40, 199], "heavy losses" = { low = 10 } }  # vague words
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, get_args

import attrs

from .._grammar.rounding import ROUNDING
from .._model.findings import Severity
from .._model.policy import DEFAULT_LEXICON, DEFAULT_POLICY, ValuePolicy
from ..errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    # mypy checks for 3.10, where tomli is a dependency; it may be absent from a 3.11+ venv.
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

KEYS = ("fail-on", "baseline", "sources", "tolerance", "lexicon", "rounding")
SEVERITIES: tuple[Severity, ...] = get_args(Severity)
Bounds = tuple[int | None, int | None]


@attrs.frozen(kw_only=True)
class Config:
    """Settings for a run; every field is optional and flags override it.

    Args:
        fail_on: the severities that make ``check`` fail.
        baseline: the baseline file.
        sources: the folder of source texts.
        tolerance: the value policy's tolerance.
        lexicon: vague words added to (or replacing entries of) the default lexicon.
        rounding: the rounding policy's name (see ``reconcile(..., rounding=)``).
        path: the file the settings were read from.
    """

    fail_on: tuple[Severity, ...] | None = None
    baseline: Path | None = None
    sources: Path | None = None
    tolerance: float | None = None
    lexicon: Mapping[str, Bounds] = attrs.field(factory=dict)
    rounding: str | None = None
    path: Path | None = None

    def policy(self) -> ValuePolicy:
        """The value policy these settings describe; the default one when they set nothing."""
        if self.tolerance is None and not self.lexicon:
            return DEFAULT_POLICY
        kwargs: dict[str, Any] = {"name": "project"}
        if self.tolerance is not None:
            kwargs["tolerance"] = self.tolerance
        if self.lexicon:
            kwargs["lexicon"] = {**DEFAULT_LEXICON, **self.lexicon}
        try:
            return ValuePolicy(**kwargs)
        except ValueError as error:
            raise ConfigError(f"{self.path}: tolerance: {error}") from None


def parse_fail_on(
    text: str | list[Any] | tuple[Any, ...], where: str = "--fail-on"
) -> tuple[Severity, ...]:
    """``"error,warning"`` (or a list) as severities; ``none`` for a check that never fails.

    Raises:
        ConfigError: for an unknown severity, with a did-you-mean.
    """
    parts = [p.strip() for p in text.split(",")] if isinstance(text, str) else list(text)
    out: list[Severity] = []
    for part in parts:
        if part in ("none", ""):
            continue
        if part not in SEVERITIES:
            hint = _did_you_mean(str(part), (*SEVERITIES, "none"))
            raise ConfigError(
                f"{where}: unknown severity {part!r}{hint} (expected error, warning, info or none)"
            )
        out.append(part)
    return tuple(dict.fromkeys(out))


def _did_you_mean(name: str, candidates: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def find_config(start: str | Path) -> Path | None:
    """The configuration file that applies to ``start`` (a file or folder), walking up."""
    here = Path(start).resolve()
    folder = here if here.is_dir() else here.parent
    for candidate in (folder, *folder.parents):
        own = candidate / "claimdiff.toml"
        if own.is_file():
            return own
        project = candidate / "pyproject.toml"
        if project.is_file() and _has_table(project):
            return project
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False  # not ours to judge; a broken pyproject.toml is reported by other tools
    return isinstance(data.get("tool"), dict) and "claimdiff" in data["tool"]


def read_config(path: str | Path) -> Config:
    """Read the settings from ``path``: the ``[tool.claimdiff]`` table of a
    ``pyproject.toml``, or the top level of any other TOML file.

    Raises:
        ConfigError: for malformed TOML, unknown keys (with a did-you-mean), values of the
            wrong type, or a ``baseline`` or ``sources`` path that leads outside the file's
            folder.
        OSError: when the file cannot be read.
    """
    path = Path(path)
    try:
        data: Any = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: malformed TOML: {error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"{path}: not UTF-8 text ({error.reason} at byte {error.start})"
        ) from None
    where = str(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("claimdiff", {})
        where += " [tool.claimdiff]"
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a table")
    for key in data:
        if key not in KEYS:
            raise ConfigError(f"{where}: unknown key {key!r}{_did_you_mean(key, KEYS)}")
    base = path.parent
    fail_on = None
    if "fail-on" in data:
        value = data["fail-on"]
        if not isinstance(value, str | list):
            raise ConfigError(f"{where}: fail-on: expected a list of severities")
        fail_on = parse_fail_on(value, f"{where}: fail-on")
    return Config(
        fail_on=fail_on,
        baseline=_path(data, "baseline", base, where),
        sources=_path(data, "sources", base, where),
        tolerance=_tolerance(data, where),
        lexicon=_lexicon(data.get("lexicon", {}), where),
        rounding=_rounding(data, where),
        path=path,
    )


def _path(data: Mapping[str, Any], key: str, base: Path, where: str) -> Path | None:
    if key not in data:
        return None
    value = data[key]
    if not isinstance(value, str):
        raise ConfigError(f"{where}: {key}: expected a path, got {value!r}")
    path = base / value
    # The file can come with the data it configures (a pull request edits both): a path in
    # it may not lead out of its folder, links resolved, or a quote check would answer
    # questions about any file the run can read. A flag is the user's own and may.
    try:
        inside = path.resolve().is_relative_to(base.resolve())
    except (OSError, RuntimeError):  # a loop of links
        inside = False
    if not inside:
        raise ConfigError(
            f"{where}: {key}: {value!r} leads outside the folder of the configuration file "
            f"({str(base)!r}, links resolved): give such a path with --{key}"
        )
    return path


def _tolerance(data: Mapping[str, Any], where: str) -> float | None:
    if "tolerance" not in data:
        return None
    value = data["tolerance"]
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1:
        raise ConfigError(f"{where}: tolerance: expected a number from 0 to below 1, got {value!r}")
    return float(value)


def _rounding(data: Mapping[str, Any], where: str) -> str | None:
    if "rounding" not in data:
        return None
    value = data["rounding"]
    return parse_rounding(value, f"{where}: rounding")


def parse_rounding(value: object, where: str = "--rounding") -> str:
    """A rounding policy's name, checked.

    Raises:
        ConfigError: for anything but a known policy's name, with a did-you-mean.
    """
    known = tuple(sorted(ROUNDING))
    if not isinstance(value, str) or value not in ROUNDING:
        hint = _did_you_mean(value, known) if isinstance(value, str) else ""
        raise ConfigError(
            f"{where}: unknown rounding policy {value!r}{hint} (expected {' or '.join(known)})"
        )
    return value


def _lexicon(data: object, where: str) -> dict[str, Bounds]:
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: lexicon: expected a table of phrases")
    out: dict[str, Bounds] = {}
    for phrase, value in data.items():
        bounds: list[Any]
        if isinstance(value, list) and len(value) == 2:
            bounds = value
        elif isinstance(value, dict) and set(value) <= {"low", "high"} and value:
            bounds = [value.get("low"), value.get("high")]
        else:
            raise ConfigError(
                f"{where}: lexicon.{phrase}: expected [low, high] or {{ low = n, high = n }}, "
                f"got {value!r}"
            )
        if any(b is not None and (isinstance(b, bool) or not isinstance(b, int)) for b in bounds):
            raise ConfigError(f"{where}: lexicon.{phrase}: bounds must be whole numbers")
        low, high = bounds
        if low is not None and high is not None and low > high:
            raise ConfigError(f"{where}: lexicon.{phrase}: low {low} is above high {high}")
        out[phrase] = (low, high)
    return out
