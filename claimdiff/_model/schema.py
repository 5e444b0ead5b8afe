"""The one JSON Schema builder: attrs classes to draft 2020-12, for the dataset and the outputs.

Types come from the classes' type hints (``typing.get_type_hints``, so the model's classes are
read, never changed), required fields are the fields without defaults, and descriptions are
the first paragraph of a class's docstring and its ``Args:`` section. Both schemas say the same
thing the same way: a date is ``YYYY-MM-DD`` text (a pattern, since ``format`` only annotates),
``int | float`` is a ``number``, ``X | None`` is ``anyOf`` X and ``null``, a fixed tuple has
``prefixItems``. What differs is said by the caller: the dataset schema describes what the
loader *reads* (a value as text, ``via`` as a chain: ``overrides`` and ``extend``), the output
schemas what ``make_converter().unstructure`` *writes* (a frozenset's items are unique).
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, Literal, Union, get_args, get_origin

import attrs

__all__ = ["DAY", "DIALECT", "SchemaBuilder", "schema_id"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: A date, as both the loader reads it and the converter writes it.
DAY: Mapping[str, Any] = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
_ARG = re.compile(r"^\s{8}(\w+): (.*)$")

#: A class's schema entry, completed by the caller: (class, properties, required) -> None.
Extend = Callable[[type[Any], dict[str, Any], list[str]], None]


def schema_id(name: str, version: str | None = None) -> str:
    """The ``$id`` of a schema: its name, and the version of its format where it has one."""
    suffix = f"-{version}" if version else ""
    return f"https://claimdiff.invalid/schema/{name}{suffix}.json"


def descriptions(cls: type[Any]) -> dict[str, str]:
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


def summary(cls: type[Any]) -> str:
    """The first paragraph of a class's docstring, on one line."""
    return " ".join((cls.__doc__ or "").strip().split("\n\n")[0].split())


class SchemaBuilder:
    """Schemas of types, collecting the attrs classes met under ``$defs``.

    Args:
        reading: describe what the loader reads (``True``) or what the converter writes: a
            frozenset read may repeat items, one written never does.
        overrides: schemas of types the converter reads its own way (a claim's value as text).
        extend: completes a class's properties (a value's ``kind``, ``via`` as text).
    """

    def __init__(
        self,
        *,
        reading: bool = False,
        overrides: Mapping[Any, Mapping[str, Any]] | None = None,
        extend: Extend | None = None,
    ) -> None:
        self.reading = reading
        self.overrides = dict(overrides or {})
        self.extend = extend
        self.defs: dict[str, Any] = {}

    def schema(self, tp: Any) -> dict[str, Any]:
        """The schema of ``tp``; an attrs class becomes a ``$ref`` into :attr:`defs`."""
        if tp in self.overrides:
            return dict(self.overrides[tp])
        origin, args = get_origin(tp), get_args(tp)
        simple = {str: "string", bool: "boolean", int: "integer", float: "number"}
        if tp is type(None):
            return {"type": "null"}
        if tp in simple:
            return {"type": simple[tp]}
        if tp is dt.date:
            return dict(DAY)
        if origin is Literal:
            return {"enum": list(args)}
        if origin in (Union, types.UnionType):
            return self._union(args)
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.schema(args[0])}
            return {"type": "array", "prefixItems": [self.schema(a) for a in args], "items": False}
        if origin in (frozenset, set):
            unique = {} if self.reading else {"uniqueItems": True}
            return {"type": "array", "items": self.schema(args[0]), **unique}
        if origin in (dict, typing.Mapping) or tp is dict:
            value = self.schema(args[1]) if args else {}
            return {"type": "object", "additionalProperties": value}
        if attrs.has(tp):
            return self.record(tp)
        raise TypeError(f"no JSON Schema for {tp!r}")  # a new field type: extend schema()

    def _union(self, args: tuple[Any, ...]) -> dict[str, Any]:
        # A number is an integer or not: `int | float` is one JSON type, not two alternatives.
        members = list(args)
        if int in members and float in members:
            members = [m for m in members if m is not int]
        if len(members) == 1:
            return self.schema(members[0])
        if type(None) in members and len(members) == 2:
            kept = next(m for m in members if m is not type(None))
            return {"anyOf": [self.schema(kept), {"type": "null"}]}
        return {"anyOf": [self.schema(m) for m in members]}

    def record(self, cls: type[Any]) -> dict[str, Any]:
        """A ``$ref`` to ``cls``'s entry in :attr:`defs`, made on first use."""
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserve the name first: classes may refer to themselves
            hints = typing.get_type_hints(cls)
            described = descriptions(cls)
            properties: dict[str, Any] = {}
            required: list[str] = []
            for field in attrs.fields(cls):
                schema = self.schema(hints[field.name])
                if field.name in described:
                    schema = {"description": described[field.name], **schema}
                properties[field.name] = schema
                if field.default is attrs.NOTHING:
                    required.append(field.name)
            if self.extend is not None:
                self.extend(cls, properties, required)
            self.defs[name] = {
                "title": name,
                "description": summary(cls),
                "type": "object",
                "properties": properties,
                "required": required,
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}

    def document(
        self, root: Mapping[str, Any], *, name: str, title: str, version: str | None = None
    ) -> dict[str, Any]:
        """The whole schema: ``root`` (a ``$ref`` or a schema) with its header and ``$defs``."""
        return {
            "$schema": DIALECT,
            "$id": schema_id(name, version),
            "title": title,
            **root,
            "$defs": dict(sorted(self.defs.items())),
        }
