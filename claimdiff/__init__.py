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

from ._curation.baseline import Baseline, BaselineEntry, read_baseline
from ._curation.check import CheckResult, CheckSummary, check
from ._curation.config import Config, read_config
from ._curation.diff import (
    ClaimChange,
    DatasetDiff,
    DeclarationChange,
    FieldChange,
    GroupChange,
    diff,
)
from ._engine.overview import overview
from ._estimates.ballot import Ballot, VagueVote, Vote
from ._estimates.estimate import RULES, Estimate
from ._estimates.reliability import (
    CONFIGS,
    ERROR_MODELS,
    LearningConfig,
    Reliability,
    SourceReliability,
    learn_reliability,
)
from ._grammar.edtf import parse_edtf, to_edtf
from ._grammar.parse import format_value, parse_value
from ._loader.convert import make_converter
from ._loader.frames import from_frame
from ._loader.load import dump, load
from ._loader.schema import json_schema
from ._model.actors import Actor, ActorIndex
from ._model.claims import Claim, Dataset, Document, Event, Relay
from ._model.findings import Finding, Location
from ._model.policy import DEFAULT_POLICY, ValuePolicy
from ._model.protocol import Value
from ._model.values import Category, DateValue, Proposition, Quantity, Unknown
from ._reconciler.compare import Relation, compare
from ._reconciler.estimate import estimate, estimate_groups
from ._reconciler.overview import GroupSummary, Overview
from ._reconciler.reconcile import reconcile
from ._reconciler.report import (
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
from ._render.display import render_markdown, render_text
from ._render.html.page import render_html
from ._render.schema import check_schema, diff_schema, overview_schema, report_schema
from .errors import (
    BaselineError,
    ClaimdiffError,
    ClaimdiffTypeError,
    ConfigError,
    DatasetError,
    UnknownKeyError,
    ValueParseError,
)


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
