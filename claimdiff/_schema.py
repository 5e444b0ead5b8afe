"""The JSON Schema of the dataset file format, derived from the model's attrs fields.

Types come from the field annotations, required fields from the fields without defaults, and
descriptions from the ``Args:`` sections of the classes' docstrings; what the converter accepts
beyond plain types (a value or a date as text, ``via`` as a chain) is added here by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from types import NoneType, UnionType
from typing import Any, Literal, Union, get_args, get_origin  # Union: Optional[X] spelling

import attrs

from ._actors import Actor
from ._claims import Claim, Document, Event, Relay
from ._convert import FILE_KEYS, MEASURE_KINDS, VALUE_UNION  # also resolves annotations
from ._values import VALUE_TYPES, DateValue

_SCHEMA_ID = "https://claimdiff.invalid/schema/dataset.json"
_DAY = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
_RECORDS: tuple[type[Any], ...] = (Actor, Event, Document, Claim, Relay, *VALUE_TYPES)
_ARG = re.compile(r"^\s{8}(\w+): (.*)$")


def _descriptions(cls: type[Any]) -> dict[str, str]:
    """Field descriptions from the ``Args:`` section of a class docstring."""
    out: dict[str, str] = {}
    current: str | None = None
    for line in (cls.__doc__ or "").splitlines():
        if m := _ARG.match(line):
            current = m[1]
            out[current] = m[2].strip()
        elif current and line.startswith(" " * 12) and line.strip():
            out[current] += " " + line.strip()
        elif not line.strip():
            current = None
    return out


def _summary(cls: type[Any]) -> str:
    return (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")


def _type(type_: Any) -> dict[str, Any]:
    if type_ is str:
        return {"type": "string"}
    if type_ is bool:
        return {"type": "boolean"}
    if type_ is int:
        return {"type": "integer"}
    if type_ == int | float:
        return {"type": "number"}
    if type_ is dt.date:
        return dict(_DAY)
    if type_ == VALUE_UNION:
        return {
            "description": "Text in the grammar of the claim's measure, or a structured value.",
            "anyOf": [
                {"type": ["string", "number", "boolean"]},
                *({"$ref": f"#/$defs/{c.__name__}"} for c in VALUE_TYPES),
            ],
        }
    if type_ is DateValue:
        return {
            "description": "A date text (``May 2014``, ``2014-05-17/2014-05-21``) or a date value.",
            "anyOf": [{"type": ["string", "integer"]}, {"$ref": "#/$defs/DateValue"}],
        }
    if type_ is Relay:
        return {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/Relay"}]}
    origin, args = get_origin(type_), get_args(type_)
    if origin is Literal:
        return {"enum": list(args)}
    if origin in (Union, UnionType) and NoneType in args:
        inner = [a for a in args if a is not NoneType]
        kept = _type(int | float) if set(inner) == {int, float} else _type(inner[0])
        return {"anyOf": [kept, {"type": "null"}]}
    if origin in (tuple, frozenset):
        return {"type": "array", "items": _type(args[0])}
    if attrs.has(type_):
        return {"$ref": f"#/$defs/{type_.__name__}"}
    raise TypeError(f"no schema for {type_!r}")  # a new field type: extend _type


def _record(cls: type[Any]) -> dict[str, Any]:
    described = _descriptions(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    if cls in VALUE_TYPES:
        properties["kind"] = {"const": cls.kind}
        required.append("kind")
    for field in attrs.fields(cls):
        schema = _type(field.type)
        if field.name in described:
            schema = {"description": described[field.name], **schema}
        properties[field.name] = schema
        if field.default is attrs.NOTHING:
            required.append(field.name)
    if cls is Claim:
        properties["via"] = {
            "description": described.get("via", ""),
            "anyOf": [
                {"type": "string", "description": "A chain: 'Le Point [2] > encyclopedia'."},
                properties["via"],
            ],
        }
    return {
        "type": "object",
        "description": _summary(cls),
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a dataset file: YAML, JSON, or one JSON Lines record.

    Returns:
        The schema as plain data, ready for ``json.dump``. ``$defs`` names each record type.
    """
    defs = {cls.__name__: _record(cls) for cls in _RECORDS}
    file_properties: dict[str, Any] = {
        "actors": {"type": ["array", "null"], "items": {"$ref": "#/$defs/Actor"}},
        "events": {"type": ["array", "null"], "items": {"$ref": "#/$defs/Event"}},
        "documents": {"type": ["array", "null"], "items": {"$ref": "#/$defs/Document"}},
        "measures": {
            "type": ["object", "null"],
            "description": "Measure names and the kind their text values are read as, or a "
            "mapping with the kind and whether the measure is a running tally (cumulative).",
            "additionalProperties": {
                "anyOf": [
                    {"enum": list(MEASURE_KINDS)},
                    {
                        "type": "object",
                        "properties": {
                            "kind": {"enum": list(MEASURE_KINDS)},
                            "cumulative": {"type": "boolean"},
                        },
                        "additionalProperties": False,
                    },
                ]
            },
        },
        "claims": {"type": ["array", "null"], "items": {"$ref": "#/$defs/Claim"}},
    }
    assert tuple(file_properties) == FILE_KEYS
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": _SCHEMA_ID,
        "title": "claimdiff dataset",
        "description": "Actors, events, documents, measure kinds and claims; or a list of claims.",
        "anyOf": [
            {"type": "object", "properties": file_properties, "additionalProperties": False},
            {"type": "array", "items": {"$ref": "#/$defs/Claim"}},
        ],
        "$defs": defs,
    }
