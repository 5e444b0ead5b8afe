"""JSON Schemas of the outputs (the report, a check's result, a diff, an overview), generated
from the attrs classes so that they cannot drift from the model.

The schema describes the data ``make_converter().unstructure(...)`` produces: attrs classes are
objects, tuples are arrays, dates are ``YYYY-MM-DD`` strings, ``Literal`` types are enums. A
field with a default may be left out; a field without one is required. The builder is the one
the dataset schema uses (:mod:`._model_schema`).
"""

from __future__ import annotations

from typing import Any

from .._curation.check import CheckResult
from .._curation.diff import DatasetDiff
from .._model.schema import SchemaBuilder
from .._reconciler.overview import Overview
from .._reconciler.report import SCHEMA_VERSION, Report


def _schema_of(cls: type[Any], title: str, name: str) -> dict[str, Any]:
    builder = SchemaBuilder(reading=False)
    root = builder.record(cls)
    return builder.document(root, name=name, title=title, version=SCHEMA_VERSION)


def report_schema() -> dict[str, Any]:
    """The JSON Schema of a report as ``claimdiff report --format json`` writes it."""
    return _schema_of(Report, "claimdiff report", "report")


def check_schema() -> dict[str, Any]:
    """The JSON Schema of a check's result as ``claimdiff check --format json`` writes it."""
    return _schema_of(CheckResult, "claimdiff check result", "check")


def overview_schema() -> dict[str, Any]:
    """The JSON Schema of an :class:`~claimdiff.Overview` as ``make_converter().unstructure``
    gives it: a report's summary, findings and transpositions, a summary per group, and the
    groups given whole (``details``)."""
    return _schema_of(Overview, "claimdiff overview", "overview")


def diff_schema() -> dict[str, Any]:
    """The JSON Schema of a diff as ``claimdiff diff --format json`` writes it."""
    return _schema_of(DatasetDiff, "claimdiff diff", "diff")
