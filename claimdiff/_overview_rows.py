"""Claim lines decoded by msgspec into typed structs: the first step of ``overview``'s lane.

Importing this module needs ``msgspec`` (``pip install 'claimdiff[fast]'``). The types are
the fast builder's (``claimdiff._fastload._Builder``): a line it would not take fails to decode
here and goes to the reference path. ``UNSET`` marks a key that is absent, so that the keys a
line has can be counted (see :func:`read_row`).
"""

from __future__ import annotations

import re
from typing import Any, Final, Literal

import msgspec
from msgspec import UNSET, UnsetType

from ._values import Precision, Qualifier

__all__ = ["UNSET", "ClaimRow", "decode_block", "decode_row", "read_row", "value_mapping"]


class _Value(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False, tag_field="kind"):
    """A value given as a mapping, tagged by its ``kind``."""


class QuantityOption(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """One of the alternatives of "40 or 50": a quantity whose ``kind`` is a field, which it
    may leave out (see :class:`DateMapping` for why not a tag). Options of an option take
    the reference path."""

    low: int | None
    high: int | None
    text: str | UnsetType = UNSET
    qualifier: Qualifier | UnsetType = UNSET
    nominal: int | UnsetType | None = UNSET
    kind: Literal["quantity"] | UnsetType = UNSET


class QuantityRow(_Value, tag="quantity", frozen=True):
    low: int | None  # a float takes the reference path: the builder keeps 1 and 1.0 apart
    high: int | None
    text: str | UnsetType = UNSET
    qualifier: Qualifier | UnsetType = UNSET
    nominal: int | UnsetType | None = UNSET
    options: tuple[QuantityOption, ...] | UnsetType = UNSET


class DateMapping(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """A date given as a mapping where it stands alone, not in a value's union: a scope
    (``as_of``), or one of the alternatives of "1959 or 1966". It is :class:`DateRow` with its
    ``kind`` a field, not a tag. A struct alone in its union is decoded without its tag, and
    encoded with it: a missing ``kind`` would then make up for the colon of a repeated key
    (see :func:`read_row`). The fast builder takes a scope only with its ``kind``; an option
    may leave it out."""

    low: str | None
    high: str | None
    text: str | UnsetType = UNSET
    precision: Precision | UnsetType = UNSET
    qualifier: Qualifier | UnsetType = UNSET
    kind: Literal["date"] | UnsetType = UNSET


class DateRow(_Value, tag="date", frozen=True):
    low: str | None
    high: str | None
    text: str | UnsetType = UNSET
    precision: Precision | UnsetType = UNSET
    qualifier: Qualifier | UnsetType = UNSET
    options: tuple[DateMapping, ...] | UnsetType = UNSET


class CategoryRow(_Value, tag="category", frozen=True):
    members: tuple[str, ...]
    text: str | UnsetType = UNSET


class PropositionRow(_Value, tag="proposition", frozen=True):
    holds: bool | UnsetType = UNSET
    text: str | UnsetType = UNSET


class UnknownRow(_Value, tag="unknown", frozen=True):
    text: str | UnsetType = UNSET


class RelayRow(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    outlet: str
    title: str | UnsetType | None = UNSET
    url: str | UnsetType | None = UNSET
    published: str | UnsetType | None = UNSET
    ref: str | UnsetType | None = UNSET


class ClaimRow(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    id: str
    event: str
    measure: str
    value: str | int | float | QuantityRow | DateRow | CategoryRow | PropositionRow | UnknownRow
    party: str | UnsetType | None = UNSET
    place: str | UnsetType | None = UNSET
    claimant: str | UnsetType | None = UNSET
    via: list[RelayRow | str] | str | UnsetType = UNSET  # or a chain "A [2] > B"; not null
    stated: str | UnsetType | None = UNSET
    as_of: str | DateMapping | UnsetType | None = UNSET
    quote: str | UnsetType = UNSET
    document: str | UnsetType | None = UNSET
    stance: Literal["asserts", "denies"] | UnsetType = UNSET
    notes: str | UnsetType = UNSET


_DECODER: Final = msgspec.json.Decoder(ClaimRow)
_encode: Final = msgspec.json.Encoder().encode


def decode_row(line: str | bytes) -> ClaimRow:
    """The claim on a line :func:`read_row` or :func:`decode_block` took before."""
    return _DECODER.decode(line)


#: An escaped ASCII character other than a quote, a backslash, a slash or a control
#: character: ``\u003a`` is a colon, which would hide a repeated key from the colon count
#: below, and ``\u0069`` could be a letter of a key. Escapes of characters beyond ASCII
#: (``\u00e9``, as ``json.dumps`` and pandas write by default) and of quotes (a quotation
#: in a quote) decode to the same colons.
_UNSAFE_ESCAPE: Final = re.compile(r'\\(?![ntrbf/"\\]|u(?!00[0-7])[0-9a-fA-F]{4})')
_UNSAFE_ESCAPE_BYTES: Final = re.compile(_UNSAFE_ESCAPE.pattern.encode())


def read_row(text: str) -> ClaimRow | None:
    """The claim on a JSON line, or ``None`` when the reference path must read the line.

    A typed decoder keeps the last of two equal keys, which the reference reader warns about.
    A line is taken only when its escapes are safe (see ``_UNSAFE_ESCAPE``: no escaped quote
    or ASCII character, so a colon in the text is a colon in the decoded strings) and when it
    has as many colons as the struct encoded again: absent keys are ``UNSET``, which is not
    written, the strings hold the same colons, so a colon is missing only where a repeated
    key was dropped.
    """
    if "\\" in text and _UNSAFE_ESCAPE.search(text):
        return None
    try:
        row = _DECODER.decode(text)
    except msgspec.MsgspecError:
        return None
    return row if text.count(":") == _encode(row).count(b":") else None


def decode_block(data: bytes) -> list[ClaimRow] | None:
    """The claims of a block of lines, one per line, or ``None`` when some line must be read
    on its own (see :func:`read_row`).

    ``decode_lines`` reads values across newlines and several on a line; so every line must
    start with ``{`` and end with ``}`` (a value that goes on to the next line cannot), and
    there must be as many values as lines.
    """
    newlines = data.count(b"\n")
    if (b"\\" in data and _UNSAFE_ESCAPE_BYTES.search(data)) or not _one_object_a_line(
        data, newlines
    ):
        return None
    try:
        rows = _DECODER.decode_lines(data)
    except (msgspec.MsgspecError, ValueError):  # ValueError: bytes that are not UTF-8
        return None
    lines = newlines + (not data.endswith(b"\n"))
    if len(rows) != lines or data.count(b":") != _encode(rows).count(b":"):
        return None
    return rows


def _one_object_a_line(data: bytes, newlines: int) -> bool:
    """Whether every line of ``data`` starts with ``{`` and ends with ``}`` (or ``}\\r``).

    Counted, not searched: ``}\\n{`` once per line break inside the block (bytes.count is
    many times faster than a regular expression here).
    """
    inner = newlines - data.endswith(b"\n")  # line breaks followed by another line
    joined = data.count(b"}\n{")
    if joined != inner:
        joined += data.count(b"}\r\n{")
    last = data.rstrip(b"\n")
    return data.startswith(b"{") and joined == inner and last.rstrip(b"\r").endswith(b"}")


def value_mapping(value: Any) -> dict[str, Any]:
    """A value or relay struct as the mapping the fast builder reads (keys that were absent
    left out; a value's ``kind`` put back)."""
    out = {k: v for k, v in msgspec.structs.asdict(value).items() if v is not UNSET}
    if value.__struct_config__.tag is not None:
        out["kind"] = value.__struct_config__.tag
    if "members" in out:
        out["members"] = list(out["members"])
    if "options" in out:
        out["options"] = [value_mapping(option) for option in out["options"]]
    return out
