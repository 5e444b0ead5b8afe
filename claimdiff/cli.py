"""The ``claimdiff`` command: check, report, diff and baseline curated claim datasets in CI.

A thin layer over the library: every subcommand loads with :func:`claimdiff.load`, reconciles
with :func:`claimdiff.reconcile`, and hands the result to a renderer; ``--format json`` prints
exactly the library's unstructured result. Only this module turns results into exit codes:

* ``0``: clean (or, for ``report``, ``baseline``, ``schema`` and ``explain``: done);
* ``1``: findings whose severity is in ``--fail-on`` (``check``), or a new contradiction
  (``diff``);
* ``2``: a usage error, or input that could not be read at all (no such path, every file
  unreadable, a bad git revision, a broken configuration or baseline file), or an internal
  error: any exception nobody expected becomes one line naming what was being done and on
  which files (``--debug`` prints the traceback), never exit 1, which CI reads as findings.

Data goes to stdout (or ``--output``), diagnostics to stderr. The parser is :mod:`argparse`:
no dependency beyond the standard library, and usage errors exit with 2 by themselves.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import importlib
import json
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from ._curation.baseline import (
    Baseline,
    dump_baseline,
    entries_for,
    merge,
    read_baseline,
)
from ._curation.check import CheckResult, check, with_findings
from ._curation.config import (
    Config,
    find_config,
    parse_fail_on,
    parse_rounding,
    read_config,
)
from ._curation.describe import Context
from ._curation.diff import DatasetDiff, diff
from ._engine import available as columnar
from ._engine.check import check_columnar
from ._estimates.estimate import RULES
from ._loader.git import checkout, is_revision_path
from ._loader.load import dataset_listing, load
from ._model.findings import Finding, Severity
from ._reconciler.overview import Overview
from ._reconciler.reconcile import reconcile
from ._reconciler.report import Group, Report
from ._render.explain import claim_text, explain_claim, group_text
from ._render.github import append_step_summary, workflow_commands
from ._render.html.page import render_html
from ._render.junit import check_junit
from ._render.markdown import check_markdown, diff_markdown, report_markdown
from ._render.sarif import check_sarif
from ._render.text import Style, check_text, diff_text, finding_line, one_line, report_text
from .errors import ClaimdiffError, ConfigError, UsageError

if TYPE_CHECKING:
    from ._model.claims import Dataset

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

#: Inputs larger than this (about 50,000 records) show progress on a terminal's stderr.
LARGE_INPUT_BYTES = 16 * 1024 * 1024


# -- helpers -----------------------------------------------------------------------------------


def to_json(value: object) -> str:
    """``value`` as the command line prints it: the library's unstructured form, sorted.

    This is the whole contract of ``--format json``: ``json.dumps(make_converter().
    unstructure(value), sort_keys=True, indent=2, ensure_ascii=False)`` and a newline.
    """
    from ._loader.convert import make_converter

    data = make_converter().unstructure(value)
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


class _Run:
    """One invocation: its arguments and streams, and the small services subcommands share."""

    def __init__(self, args: argparse.Namespace, out: IO[str], err: IO[str]) -> None:
        self.args = args
        self.out = out
        self.err = err
        self.config = Config()
        self.files: list[str] = []
        #: Entries of the folders given that look like data but are not read (links out).
        self.refused: list[Finding] = []
        #: What the run is doing, for the message of an internal error.
        self.doing = "starting"

    def note(self, message: str) -> None:
        # Messages quote data (paths, group keys, reasons): one line each, whatever it holds.
        print(f"claimdiff: {one_line(message)}", file=self.err)

    def style(self) -> Style:
        """Colour when writing to a terminal and ``NO_COLOR`` is unset (no-color.org)."""
        if getattr(self.args, "output", None) or os.environ.get("NO_COLOR"):
            return Style(color=False)
        isatty = getattr(self.out, "isatty", None)
        return Style(color=bool(isatty and isatty()))

    def emit(self, text: str) -> None:
        output = getattr(self.args, "output", None)
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            self.out.write(text)

    def read_config(self, first_path: str | None) -> Config:
        explicit = getattr(self.args, "config", None)
        if explicit:
            if not Path(explicit).is_file():
                raise UsageError(f"--config: no such file: {explicit!r}")
            self.config = read_config(explicit)
            return self.config
        start = first_path if first_path and Path(first_path).exists() else "."
        if start != ".":  # before a configuration is looked for beyond a link
            _refuse_link_out(start, _own_folders())
        found = find_config(start)
        self.config = read_config(found) if found is not None else Config()
        return self.config

    def policy_config(self) -> Config:
        """The configuration with ``--tolerance`` applied over it."""
        tolerance = getattr(self.args, "tolerance", None)
        if tolerance is None:
            return self.config
        import attrs

        return attrs.evolve(self.config, tolerance=tolerance)

    @contextlib.contextmanager
    def progress(self, paths: Sequence[str]) -> Iterator[Callable[[str], None]]:
        """Yield a function that shows a step on stderr, for large input on a terminal only."""
        size = sum(_size(Path(p)) for p in paths)
        isatty = getattr(self.err, "isatty", None)
        shown = size > LARGE_INPUT_BYTES and bool(isatty and isatty())

        def step(message: str) -> None:
            if shown:
                self.err.write(f"\rclaimdiff: {message}\033[K")
                self.err.flush()

        try:
            yield step
        finally:
            if shown:
                self.err.write("\r\033[K")

    def load(
        self,
        paths: Sequence[str],
        step: Callable[[str], None] | None = None,
        exclude: Sequence[Path] = (),
    ) -> Dataset:
        """Load ``paths`` less the files in ``exclude`` (a baseline kept beside the data);
        exit 2 (via :class:`UsageError`) when nothing could be read."""
        if step is not None:
            step(f"reading {len(paths)} path{'s' if len(paths) != 1 else ''}...")
        files = _dataset_files(self, paths, exclude)
        self.doing = f"reading {_names(files)}"
        policy = self.policy_config().policy()
        if columnar():
            from ._engine.read import dataset as read_columns

            dataset = read_columns(files, policy)  # load()'s dataset, plain rows in columns
        else:
            dataset = load(*files, policy=policy)
        if self.refused:  # the files were listed here, so the loader never saw these
            import attrs

            findings: Any = (*self.refused, *dataset.findings)  # attrs' converter confuses mypy
            dataset = attrs.evolve(dataset, findings=findings)
        _refuse_unreadable(
            self, paths, len(dataset.claims) or dataset.records_read or 0, dataset.findings
        )
        return dataset

    def rounding(self) -> str | None:
        """The rounding policy: ``--rounding``, else the configuration's, else the default."""
        flag = getattr(self.args, "rounding", None)
        return flag if flag is not None else self.config.rounding

    def reconcile(self, dataset: Dataset) -> Report:
        self.doing = f"reconciling the claims of {_names(self.files)}"
        estimate = getattr(self.args, "estimate", None)
        # The dataset knows its value policy.
        return reconcile(dataset, estimate=estimate, rounding=self.rounding())


def _names(files: Sequence[str], shown: int = 3) -> str:
    """``files`` for a message: the first few by name, then how many more."""
    names = ", ".join(repr(f) for f in files[:shown])
    more = len(files) - shown
    return names + (f" and {more} more" if more > 0 else "")


def _dataset_files(run: _Run, paths: Sequence[str], exclude: Sequence[Path]) -> list[str]:
    """The dataset files under ``paths``; exit 2 when a path or every file is missing."""
    roots = _own_folders()
    for p in paths:
        if not Path(p).exists():
            raise UsageError(f"no such file or directory: {p!r}")
        _refuse_link_out(p, roots)
        if not Path(p).is_dir() and not Path(p).is_file():  # stat only: a pipe is not opened
            raise UsageError(f"not a regular file or a folder (a pipe or a device?): {p!r}")
    files, run.refused = dataset_listing(paths, exclude)
    run.files = files
    if not files:
        for f in run.refused:
            print(finding_line(f), file=run.err)
        raise UsageError(f"no dataset files in {', '.join(map(repr, paths))}")
    return files


def _own_folders() -> tuple[Path, ...]:
    """The current folder and the git work tree holding it (the nearest folder above with a
    ``.git``), links resolved: where a pull request's links may lead."""
    cwd = Path.cwd().resolve()
    tree = next((d for d in (cwd, *cwd.parents) if (d / ".git").exists()), None)
    return (cwd,) if tree is None or tree == cwd else (cwd, tree)


def _refuse_link_out(given: str, roots: Sequence[Path]) -> None:
    """Exit 2 when ``given``, written inside ``roots``, leads out of them through a link.

    A pull request can turn ``data`` into a link to ``/etc`` or ``data/claims.jsonl`` into one
    to ``/proc/self/environ``; the command line names such a path without knowing. A path
    written outside ``roots`` (``/srv/data``, ``../other``) is the user's own choice and is
    read as given, links and all.
    """
    written = Path(os.path.abspath(given))  # as written: ".." undone by text, not by links
    if not any(written.is_relative_to(root) for root in roots):
        return
    target = Path(given).resolve()
    if not any(target.is_relative_to(root) for root in roots):
        raise UsageError(
            f"{given!r} leads through a link to {str(target)!r}, outside the current folder "
            "and its git work tree: not read (name the target itself to read it)"
        )


def _refuse_unreadable(
    run: _Run, paths: Sequence[str], records: int, findings: Sequence[Finding]
) -> None:
    """Exit 2, printing the findings, when nothing at all could be read from ``paths``."""
    if not records and any(f.severity == "error" for f in findings):
        for f in findings:
            print(finding_line(f), file=run.err)
        raise UsageError(f"nothing could be read from {', '.join(map(repr, paths))}")


def _reconcile_on_dask(dataset: Dataset, policy: str, rounding: str | None = None) -> Overview:
    """Reconcile on the Dask scheduler at ``$DASK_SCHEDULER_ADDRESS``, else a local cluster."""
    try:
        # Untyped on purpose: Dask ships no complete type information.
        distributed: Any = importlib.import_module("distributed")
        from .dask import reconcile_dataset
    except ImportError as error:
        raise UsageError(
            f"--engine dask needs Dask: pip install 'claimdiff[dask]' ({error})"
        ) from None
    address = os.environ.get("DASK_SCHEDULER_ADDRESS")
    if address:
        with distributed.Client(address):
            return reconcile_dataset(dataset, policy=policy, rounding=rounding)
    with (
        distributed.LocalCluster(dashboard_address=":0") as cluster,  # any free port
        distributed.Client(cluster),
    ):
        return reconcile_dataset(dataset, policy=policy, rounding=rounding)


def _size(path: Path) -> int:
    try:
        if path.is_dir():
            return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        return path.stat().st_size
    except OSError:
        return 0


def _excluded(run: _Run, baseline: Path | None, *more: Path | None) -> list[Path]:
    """Files never read as data: the baseline and the configuration file."""
    return [p for p in (baseline, run.config.path, *more) if p is not None]


def _fail_on(run: _Run) -> tuple[Severity, ...]:
    if run.args.fail_on is not None:
        return parse_fail_on(run.args.fail_on)
    return run.config.fail_on if run.config.fail_on is not None else ("error",)


def _path_option(flag: str | None, configured: Path | None) -> Path | None:
    return Path(flag) if flag else configured


# -- subcommands -------------------------------------------------------------------------------


def _check(run: _Run) -> int:
    args = run.args
    run.read_config(args.paths[0])
    fail_on = _fail_on(run)
    baseline_path = _path_option(args.baseline, run.config.baseline)
    sources = _path_option(args.sources, run.config.sources)
    if sources is not None and not sources.is_dir():
        raise UsageError(f"--sources: no such folder: {str(sources)!r}")
    baseline = read_baseline(baseline_path) if baseline_path is not None else None
    if args.engine is None:
        # The columnar engine is the default where it gives the same check: with polars,
        # without quote checks or estimates (which need every claim and group whole).
        plain = sources is None and args.estimate is None and columnar()
        args.engine = "overview" if plain else "python"
    if args.engine == "overview":
        return _check_columnar(run, baseline, baseline_path, sources, fail_on)
    with run.progress(args.paths) as step:
        dataset = run.load(args.paths, step, exclude=_excluded(run, baseline_path))
        step(f"reconciling {len(dataset.claims):,} claims...")
        report: Report | Overview
        if args.engine == "dask" and args.estimate is None:
            run.doing = f"reconciling the claims of {_names(run.files)} on Dask"
            policy = run.policy_config().policy().name
            report = _reconcile_on_dask(dataset, policy, run.rounding())
        else:
            report = run.reconcile(dataset)
        step("checking...")
        run.doing = f"checking {_names(run.files)}"
        result = check(dataset, report, baseline=baseline, sources=sources)
    whole = report.details if isinstance(report, Overview) else report.groups
    return _emit_check(run, result, lambda: report, whole, Context.of(dataset), fail_on)


def _check_columnar(
    run: _Run,
    baseline: Baseline | None,
    baseline_path: Path | None,
    sources: Path | None,
    fail_on: tuple[Severity, ...],
) -> int:
    """``check --engine overview``: the same result from :func:`claimdiff.overview`'s lane,
    which keeps whole only the groups a check words (the contradictions)."""
    args = run.args
    if sources is not None:
        raise UsageError(
            "--engine overview does not check quotes (that needs every claim): "
            "drop --sources (or sources in the configuration), or use --engine python"
        )
    if args.estimate is not None:
        raise UsageError("--engine overview gives no estimates: use --engine python")
    if not columnar():
        raise UsageError("--engine overview needs polars: pip install 'claimdiff[fast]'")
    files = _dataset_files(run, args.paths, exclude=_excluded(run, baseline_path))
    with run.progress(args.paths) as step:
        step(f"reading and reconciling {len(files)} file{'s' if len(files) != 1 else ''}...")
        result, found, ctx = check_columnar(
            files, policy=run.policy_config().policy(), baseline=baseline, rounding=run.rounding()
        )
        _refuse_unreadable(run, args.paths, found.summary.records, found.findings)
    result = with_findings(result, run.refused)  # the engine read the files listed only
    # Summing every group up is for JUnit's list of groups only.
    return _emit_check(run, result, found.overview, found.details, ctx, fail_on)


def _emit_check(
    run: _Run,
    result: CheckResult,
    report: Callable[[], Report | Overview],
    groups: Sequence[Group],
    ctx: Context,
    fail_on: tuple[Severity, ...],
) -> int:
    """Print ``result`` in the asked format; the exit code it makes."""
    failed = bool(result.failing(fail_on))
    fmt = run.args.format
    run.doing = f"writing the {fmt} output for {_names(run.files)}"
    CHECK_FORMATS[fmt](run, _Checked(result, report, groups, ctx, fail_on, failed))
    return EXIT_FINDINGS if failed else EXIT_OK


def _report(run: _Run) -> int:
    args = run.args
    run.read_config(args.paths[0])
    with run.progress(args.paths) as step:
        dataset = run.load(args.paths, step, exclude=_excluded(run, run.config.baseline))
        step(f"reconciling {len(dataset.claims):,} claims...")
        report = run.reconcile(dataset)
    ctx = Context.of(dataset)
    run.doing = f"writing the {args.format} report for {_names(run.files)}"
    REPORT_FORMATS[args.format](run, _Reported(report, dataset, ctx))
    return EXIT_OK


@contextlib.contextmanager
def _materialised(spec: str) -> Iterator[str]:
    """A path to load for ``spec``: itself, or a ``REV:path`` checked out from git."""
    if is_revision_path(spec):
        with checkout(spec) as path:
            yield str(path)
    else:
        yield spec


def _diff(run: _Run) -> int:
    args = run.args
    run.read_config(args.new if not is_revision_path(args.new) else None)
    baseline_path = _path_option(args.baseline, run.config.baseline)
    baseline = read_baseline(baseline_path) if baseline_path is not None else None
    if baseline is not None:
        baseline.require_current()  # diff matches current fingerprints only
    datasets = []
    for spec in (args.old, args.new):
        with _materialised(spec) as path:
            if not Path(path).exists():
                raise UsageError(f"no such file or directory: {spec!r}")
            exclude = _excluded(run, baseline_path)
            if baseline_path is not None and Path(args.new).is_dir():
                # The same file at a revision: leave it out of the old side as well.
                with contextlib.suppress(ValueError):
                    rel = baseline_path.resolve().relative_to(Path(args.new).resolve())
                    exclude.append(Path(path) / rel)
            dataset = run.load([path], exclude=exclude)
        errors = sum(f.severity == "error" for f in dataset.findings)
        if errors:
            run.note(f"{spec}: {errors} record(s) could not be read; run `claimdiff check` on it")
        datasets.append(dataset)
    old, new = datasets
    result = diff(old, new, old_report=run.reconcile(old), new_report=run.reconcile(new))
    DIFF_FORMATS[args.format](run, result)
    return EXIT_FINDINGS if _new_contradictions(result, baseline) else EXIT_OK


def _new_contradictions(result: DatasetDiff, baseline: Baseline | None) -> list[str]:
    """The groups where ``result`` brings a contradiction the baseline does not acknowledge."""
    return [
        g.group
        for g in result.new_contradictions()
        if baseline is None or g.fingerprint is None or baseline.find(g.fingerprint) is None
    ]


def _baseline(run: _Run) -> int:
    args = run.args
    run.read_config(args.paths[0])
    output = Path(args.output) if args.output else None
    dataset = run.load(args.paths, exclude=_excluded(run, output, run.config.baseline))
    report = run.reconcile(dataset)
    current = entries_for(report)
    existing = None
    if args.output and Path(args.output).exists():
        existing = read_baseline(args.output)
    merged, dropped = merge(current, existing)
    run.emit(dump_baseline(merged))
    todo = sum(e.reason.startswith("TODO") for e in merged)
    where = args.output or "stdout"
    run.note(f"wrote {len(merged)} acknowledged contradiction(s) to {where}; {todo} need a reason")
    for entry in dropped:
        run.note(
            f"dropped {entry.fingerprint} for {entry.group}: it matches no contradiction now "
            f"(its reason was {entry.reason!r})"
        )
    return EXIT_OK


def _schema(run: _Run) -> int:
    which = run.args.which
    schema: dict[str, Any]
    if which == "dataset":
        from ._loader.schema import json_schema

        schema = json_schema()
    else:
        from ._render import schema as _schema_report

        schema = {
            "report": _schema_report.report_schema,
            "check": _schema_report.check_schema,
            "diff": _schema_report.diff_schema,
            "overview": _schema_report.overview_schema,
        }[which]()
    run.emit(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def _explain(run: _Run) -> int:
    args = run.args
    run.read_config(args.paths[0])
    dataset = run.load(args.paths, exclude=_excluded(run, run.config.baseline))
    report = run.reconcile(dataset)
    ctx = Context.of(dataset)
    target = args.id
    if target in ctx.claims:
        explanation = explain_claim(target, report, ctx, dataset.locations.get(target))
        text = claim_text(explanation, ctx)
        run.emit(to_json(explanation) if args.format == "json" else text)
        return EXIT_OK
    try:
        group = report.group(target)
    except KeyError:
        names = [*ctx.claims, *(str(g.key) for g in report.groups)]
        close = difflib.get_close_matches(target, names, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise UsageError(f"no claim or group {target!r}{hint}") from None
    run.emit(to_json(group) if args.format == "json" else group_text(group, ctx))
    return EXIT_OK


# -- the formats -------------------------------------------------------------------------------
# One table per command: a format's name and the renderer that writes it. The first is the
# default; `--format`'s choices are the table's keys, so adding a format is one line here.


class _Checked(NamedTuple):
    """What a check's renderers may draw on."""

    result: CheckResult
    report: Callable[[], Report | Overview]  # built only for the formats that list every group
    groups: Sequence[Group]
    ctx: Context
    fail_on: tuple[Severity, ...]
    failed: bool


class _Reported(NamedTuple):
    """What a report's renderers may draw on."""

    report: Report
    dataset: Dataset
    ctx: Context


def _check_github(run: _Run, c: _Checked) -> None:
    run.emit(workflow_commands(c.result.findings))
    summary = append_step_summary(check_markdown(c.result, c.groups, c.ctx, fail_on=c.fail_on))
    if summary is not None:
        run.note(f"summary appended to {summary}")


CHECK_FORMATS: dict[str, Callable[[_Run, _Checked], None]] = {
    "text": lambda run, c: run.emit(check_text(c.result, failed=c.failed, style=run.style())),
    "json": lambda run, c: run.emit(to_json(c.result)),
    "markdown": lambda run, c: run.emit(
        check_markdown(c.result, c.groups, c.ctx, fail_on=c.fail_on)
    ),
    "github": _check_github,
    "junit": lambda run, c: run.emit(
        check_junit(c.result, c.report(), fail_on=c.fail_on, files=run.files)
    ),
    "sarif": lambda run, c: run.emit(check_sarif(c.result, version=_version(), files=run.files)),
}

REPORT_FORMATS: dict[str, Callable[[_Run, _Reported], None]] = {
    "text": lambda run, r: run.emit(report_text(r.report, r.ctx, style=run.style())),
    "json": lambda run, r: run.emit(to_json(r.report)),
    "markdown": lambda run, r: run.emit(report_markdown(r.report, r.ctx)),
    "html": lambda run, r: run.emit(render_html(r.report, r.dataset)),
}

DIFF_FORMATS: dict[str, Callable[[_Run, DatasetDiff], None]] = {
    "text": lambda run, d: run.emit(diff_text(d, style=run.style())),
    "json": lambda run, d: run.emit(to_json(d)),
    "markdown": lambda run, d: run.emit(diff_markdown(d)),
}


# -- the parser --------------------------------------------------------------------------------


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("claimdiff")
    except PackageNotFoundError:  # pragma: no cover - running from a checkout without install
        return "unknown"


def _common(p: argparse.ArgumentParser, formats: Sequence[str]) -> None:
    p.add_argument(
        "--format",
        "-f",
        choices=formats,
        default=formats[0],
        help=f"output format (default {formats[0]})",
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write the output to FILE, not stdout")
    p.add_argument(
        "--config",
        metavar="FILE",
        help="configuration file (default: claimdiff.toml or pyproject.toml [tool.claimdiff], "
        "found by walking up from the first path)",
    )


def _debug_flag(p: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
    # SUPPRESS on the subcommands, so that their default does not undo a `--debug` given
    # before the subcommand's name.
    p.add_argument(
        "--debug",
        action="store_true",
        default=default,
        help="on an internal error, print the traceback (for a bug report)",
    )


def _tolerance_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--tolerance",
        type=_fraction,
        metavar="X",
        help='relative half-width of approximate figures ("about 40"), overriding the config',
    )


def _rounding_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--rounding",
        type=_rounding_name,
        metavar="POLICY",
        help="what a figure written rounded stands for where figures contradict as written: "
        "trailing-zeros (the default: '2,500' is 2,450-2,549) or exact; overrides the config",
    )


def _rounding_name(text: str) -> str:
    try:
        return parse_rounding(text)
    except ConfigError as error:
        raise argparse.ArgumentTypeError(str(error).removeprefix("--rounding: ")) from None


def _estimate_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--estimate",
        choices=sorted(RULES),
        metavar="RULE",
        help="add each group's best estimate under the estimation RULE, with its reasons: "
        + ", ".join(sorted(RULES)),
    )


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to below 1, got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``claimdiff`` command (for documentation tools, too)."""
    parser = argparse.ArgumentParser(
        prog="claimdiff",
        description="Check, report and diff curated datasets of attributed claims.",
        epilog="Exit codes: 0 clean, 1 findings, 2 usage error, unreadable input or internal "
        "error (--debug shows its traceback).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    _debug_flag(parser, default=False)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "check",
        help="validate, reconcile and check a dataset (for CI)",
        description="Load, validate and reconcile PATHs and report findings: invalid records, "
        "contradictions the baseline does not acknowledge, stale baseline entries, transposed "
        "figures and (with --sources) quotes not found in their documents.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="dataset files or folders")
    p.add_argument("--baseline", metavar="FILE", help="acknowledged contradictions (YAML)")
    p.add_argument("--sources", metavar="DIR", help="folder of source texts for the quote check")
    p.add_argument(
        "--fail-on",
        metavar="SEVERITIES",
        help="comma-separated severities that fail the check: error, warning, info, or none "
        "(default error)",
    )
    _common(p, tuple(CHECK_FORMATS))
    _tolerance_flag(p)
    _rounding_flag(p)
    _estimate_flag(p)
    p.add_argument(
        "--engine",
        choices=("python", "dask", "overview"),
        default=None,
        help="reconcile here; on Dask: the scheduler at $DASK_SCHEDULER_ADDRESS, else a "
        "local cluster (needs claimdiff[dask]); or on the columnar engine, which builds whole "
        "only the contradictions (needs polars: claimdiff[fast]; no --sources, no --estimate; "
        "default: overview where it applies, else python); the check is the same",
    )
    _debug_flag(p)
    p.set_defaults(run=_check)

    p = sub.add_parser(
        "report",
        help="the reconciled report, for people",
        description="Reconcile PATHs and print what the claims add up to.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="dataset files or folders")
    _common(p, tuple(REPORT_FORMATS))
    _tolerance_flag(p)
    _rounding_flag(p)
    _estimate_flag(p)
    _debug_flag(p)
    p.set_defaults(run=_report)

    p = sub.add_parser(
        "diff",
        help="what changed between two versions of a dataset",
        description="Claims added, removed and modified, and how each group's verdict and range "
        "moved. OLD and NEW are paths or git REV:path (HEAD~1:data/claims.yaml). Exits 1 when the "
        "change brings a contradiction (with --baseline: one the baseline does not acknowledge).",
    )
    p.add_argument("old", metavar="OLD", help="the earlier version: a path or REV:path")
    p.add_argument("new", metavar="NEW", help="the later version: a path or REV:path")
    p.add_argument("--baseline", metavar="FILE", help="acknowledged contradictions (YAML)")
    _common(p, tuple(DIFF_FORMATS))
    _tolerance_flag(p)
    _rounding_flag(p)
    _debug_flag(p)
    p.set_defaults(run=_diff)

    p = sub.add_parser(
        "baseline",
        help="write the current contradictions as acknowledged",
        description="Write every contradiction of PATHs to a baseline file, keeping the reasons "
        "of entries that still match when FILE exists.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="dataset files or folders")
    p.add_argument("--output", "-o", metavar="FILE", help="the baseline file to write (merged)")
    p.add_argument("--config", metavar="FILE", help="configuration file")
    _tolerance_flag(p)
    _rounding_flag(p)
    _debug_flag(p)
    p.set_defaults(run=_baseline)

    p = sub.add_parser(
        "schema",
        help="print a JSON Schema",
        description="Print the JSON Schema of the dataset format or of an output.",
    )
    p.add_argument(
        "which",
        nargs="?",
        default="dataset",
        choices=("dataset", "report", "check", "diff", "overview"),
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write the schema to FILE")
    _debug_flag(p)
    p.set_defaults(run=_schema)

    p = sub.add_parser(
        "explain",
        help="one claim or group, with its attribution and camps",
        description="Explain a claim (by id) or a group (by key, e.g. kidal-2014/killed/fama).",
    )
    p.add_argument("id", metavar="ID", help="a claim id or a group key")
    p.add_argument("paths", nargs="+", metavar="PATH", help="dataset files or folders")
    _common(p, ("text", "json"))
    _tolerance_flag(p)
    _rounding_flag(p)
    _debug_flag(p)
    p.set_defaults(run=_explain)
    return parser


def _error_text(error: BaseException) -> str:
    if isinstance(error, OSError) and error.filename is not None:
        return f"{error.filename}: {error.strerror or error}"
    return str(error)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``claimdiff`` command.

    Args:
        argv: the arguments after the program name; ``sys.argv[1:]`` when ``None``.

    Returns:
        The exit code: 0 clean, 1 findings, 2 usage error, unreadable input or internal error.
    """
    out, err = sys.stdout, sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help (0) and usage errors (2)
        code = exit_.code
        return code if isinstance(code, int) else EXIT_USAGE
    run = _Run(args, out, err)
    run.doing = f"running `claimdiff {args.command}`"
    try:
        result: int = args.run(run)
    except (ClaimdiffError, ConfigError, OSError) as error:
        run.note(f"error: {_error_text(error)}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except (Exception, RecursionError, MemoryError) as error:
        # The one place where a bug becomes a message: exit 2, never 1, which CI reads as
        # "findings", and the traceback only on request, since it is for a bug report.
        if args.debug:
            traceback.print_exception(type(error), error, error.__traceback__, file=err)
        run.note(
            f"internal error while {run.doing}: {type(error).__name__}: "
            f"{_truncated(str(error))} (this is a bug in claimdiff; "
            + ("the traceback is above)" if args.debug else "run with --debug for the traceback)")
        )
        return EXIT_USAGE
    return result


def _truncated(text: str, limit: int = 200) -> str:
    """``text`` on one line and at most ``limit`` characters, for a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
