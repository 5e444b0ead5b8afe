"""The JSON Schema of the dataset file format, built by the one builder (:mod:`._model_schema`).

What the converter reads beyond plain types (a value or a date as text, ``via`` as a chain, a
value's ``kind``) is said here, as overrides and extensions of the builder's schemas.
"""

from __future__ import annotations

from typing import Any

from .._model.actors import Actor
from .._model.claims import Claim, Document, Event, Relay
from .._model.schema import SchemaBuilder
from .._model.values import VALUE_TYPES, DateValue
from .convert import FILE_KEYS, MEASURE_KINDS, VALUE_UNION

_RECORDS: tuple[type[Any], ...] = (Actor, Event, Document, Claim, Relay, *VALUE_TYPES)

#: What the loader reads its own way: text in a grammar, or the structured form.
_READ_AS_TEXT: dict[Any, dict[str, Any]] = {
    VALUE_UNION: {
        "description": "Text in the grammar of the claim's measure, or a structured value.",
        "anyOf": [
            {"type": ["string", "number", "boolean"]},
            *({"$ref": f"#/$defs/{c.__name__}"} for c in VALUE_TYPES),
        ],
    },
    DateValue: {
        "description": "A date text (``May 2014``, ``2014-05-17/2014-05-21``) or a date value.",
        "anyOf": [{"type": ["string", "integer"]}, {"$ref": "#/$defs/DateValue"}],
    },
    Relay: {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/Relay"}]},
}


def _extend(cls: type[Any], properties: dict[str, Any], required: list[str]) -> None:
    if cls in VALUE_TYPES:
        # A value's kind is a class constant, not a field, and the tag that picks the class.
        fields = dict(properties)
        properties.clear()
        properties.update(kind={"const": cls.kind}, **fields)
        required.insert(0, "kind")
    if cls is Claim:
        properties["via"] = {
            "description": properties["via"].get("description", ""),
            "anyOf": [
                {"type": "string", "description": "A chain: 'Le Point [2] > encyclopedia'."},
                {k: v for k, v in properties["via"].items() if k != "description"},
            ],
        }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a dataset file: YAML, JSON, or one JSON Lines record.

    Returns:
        The schema as plain data, ready for ``json.dump``. ``$defs`` names each record type.
    """
    builder = SchemaBuilder(reading=True, overrides=_READ_AS_TEXT, extend=_extend)
    for cls in _RECORDS:
        builder.record(cls)
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
    root = {
        "description": "Actors, events, documents, measure kinds and claims; or a list of claims.",
        "anyOf": [
            {"type": "object", "properties": file_properties, "additionalProperties": False},
            {"type": "array", "items": {"$ref": "#/$defs/Claim"}},
        ],
    }
    return builder.document(root, name="dataset", title="claimdiff dataset")
