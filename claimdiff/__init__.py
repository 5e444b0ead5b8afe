"""claimdiff: reconcile conflicting claims from attributed sources.

Load claims with their attribution chains, and get, for every question they answer, whether the
sources agree or contradict, the range they span, the camps, who says what and how many
independent origins stand behind each value::

    import claimdiff

    report = claimdiff.reconcile(claimdiff.load("examples/kidal"))
    report.group("kidal-2014/killed/fama").verdict  # 'contradiction'

Everything public is listed in ``__all__``; modules whose names start with an underscore are
private and may change.
"""

from ._actors import Actor, ActorIndex
from ._ballot import Ballot, VagueVote, Vote
from ._baseline import Baseline, BaselineEntry, read_baseline
from ._check import CheckResult, CheckSummary, check
from ._claims import Claim, Dataset, Document, Event, Relay
from ._compare import Relation, compare
from ._config import Config, read_config
from ._convert import make_converter
from ._diff import ClaimChange, DatasetDiff, DeclarationChange, FieldChange, GroupChange, diff
from ._display import render_markdown, render_text
from ._edtf import parse_edtf, to_edtf
from ._errors import (
    BaselineError,
    ClaimdiffError,
    ClaimdiffTypeError,
    ConfigError,
    DatasetError,
    UnknownKeyError,
    ValueParseError,
)
from ._estimate import RULES, Estimate
from ._findings import Finding, Location
from ._frames import from_frame
from ._io import dump, load
from ._overview import GroupSummary, Overview, overview
from ._parse import format_value, parse_value
from ._policy import DEFAULT_POLICY, ValuePolicy
from ._reconcile import reconcile
from ._reconciler_estimate import estimate, estimate_groups
from ._reliability import (
    CONFIGS,
    ERROR_MODELS,
    LearningConfig,
    Reliability,
    SourceReliability,
    learn_reliability,
)
from ._render_html import render_html
from ._report import (
    Camp,
    CrossContradiction,
    Entry,
    Gap,
    Group,
    GroupKey,
    Range,
    Report,
    Revision,
    Summary,
    Transposition,
)
from ._schema import json_schema
from ._schema_report import check_schema, diff_schema, overview_schema, report_schema
from ._value_protocol import Value
from ._values import Category, DateValue, Proposition, Quantity, Unknown


def _version() -> str:
    # The installed distribution's version, so a wheel and a checkout both say what they are.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("claimdiff")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


#: The installed version of claimdiff (``0.1.0.dev0``), read from the package's metadata.
__version__: str = _version()

__all__ = [
    "CONFIGS",
    "DEFAULT_POLICY",
    "ERROR_MODELS",
    "RULES",
    "Actor",
    "ActorIndex",
    "Ballot",
    "Baseline",
    "BaselineEntry",
    "BaselineError",
    "Camp",
    "Category",
    "CheckResult",
    "CheckSummary",
    "Claim",
    "ClaimChange",
    "ClaimdiffError",
    "ClaimdiffTypeError",
    "Config",
    "ConfigError",
    "CrossContradiction",
    "Dataset",
    "DatasetDiff",
    "DatasetError",
    "DateValue",
    "DeclarationChange",
    "Document",
    "Entry",
    "Estimate",
    "Event",
    "FieldChange",
    "Finding",
    "Gap",
    "Group",
    "GroupChange",
    "GroupKey",
    "GroupSummary",
    "LearningConfig",
    "Location",
    "Overview",
    "Proposition",
    "Quantity",
    "Range",
    "Relation",
    "Relay",
    "Reliability",
    "Report",
    "Revision",
    "SourceReliability",
    "Summary",
    "Transposition",
    "Unknown",
    "UnknownKeyError",
    "VagueVote",
    "Value",
    "ValueParseError",
    "ValuePolicy",
    "Vote",
    "__version__",
    "check",
    "check_schema",
    "compare",
    "diff",
    "diff_schema",
    "dump",
    "estimate",
    "estimate_groups",
    "format_value",
    "from_frame",
    "json_schema",
    "learn_reliability",
    "load",
    "make_converter",
    "overview",
    "overview_schema",
    "parse_edtf",
    "parse_value",
    "read_baseline",
    "read_config",
    "reconcile",
    "render_html",
    "render_markdown",
    "render_text",
    "report_schema",
    "to_edtf",
]
