"""JSON Schemas of the outputs (the report, a check's result, a diff, an overview), generated
from the attrs classes so that they cannot drift from the model.

The schema describes the data ``make_converter().unstructure(...)`` produces: attrs classes are
objects, tuples are arrays, dates are ``YYYY-MM-DD`` strings, ``Literal`` types are enums. A
field with a default may be left out; a field without one is required.
"""

from __future__ import annotations

import datetime as dt
import sys
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from ._check import CheckResult
from ._diff import DatasetDiff
from ._overview import Overview
from ._report import SCHEMA_VERSION, Report

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_ALIASES: dict[str, Any] = {
    "Bound": int | float | dt.date | None,
    "Number": int | float,
    "Figure": float | int | dt.date,
}


def _hints(cls: type[Any]) -> dict[str, Any]:
    module = sys.modules[cls.__module__]
    return typing.get_type_hints(cls, globalns=vars(module), localns=_ALIASES)


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def schema(self, tp: Any) -> dict[str, Any]:
        origin, args = get_origin(tp), get_args(tp)
        if tp is type(None):
            return {"type": "null"}
        if tp is str:
            return {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is float:
            return {"type": "number"}
        if tp is dt.date:
            return {"type": "string", "format": "date"}
        if origin is Literal:
            return {"enum": list(args)}
        if origin in (Union, types.UnionType):
            return {"anyOf": [self.schema(a) for a in args]}
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.schema(args[0])}
            return {
                "type": "array",
                "prefixItems": [self.schema(a) for a in args],
                "items": False,
            }
        if origin in (frozenset, set):
            return {"type": "array", "items": self.schema(args[0]), "uniqueItems": True}
        if origin in (dict, typing.Mapping) or tp is dict:
            value = self.schema(args[1]) if args else {}
            return {"type": "object", "additionalProperties": value}
        if attrs.has(tp):
            return self.attrs_class(tp)
        raise TypeError(f"no JSON Schema for {tp!r}")

    def attrs_class(self, cls: type[Any]) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserve the name first: classes may refer to themselves
            hints = _hints(cls)
            props: dict[str, Any] = {}
            required: list[str] = []
            for a in attrs.fields(cls):
                props[a.name] = self.schema(hints[a.name])
                if a.default is attrs.NOTHING:
                    required.append(a.name)
            doc = (cls.__doc__ or "").strip().split("\n\n")[0]
            self.defs[name] = {
                "title": name,
                "description": " ".join(doc.split()),
                "type": "object",
                "properties": props,
                "required": required,
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}


def _schema_of(cls: type[Any], title: str, identifier: str) -> dict[str, Any]:
    builder = _Builder()
    root = builder.attrs_class(cls)
    return {
        "$schema": DIALECT,
        "$id": f"https://claimdiff.invalid/schema/{identifier}-{SCHEMA_VERSION}.json",
        "title": title,
        **root,
        "$defs": dict(sorted(builder.defs.items())),
    }


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
