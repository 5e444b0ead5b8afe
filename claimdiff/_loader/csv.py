"""Reading and writing CSV files of claims: one claim per row, the header names the fields.

* An empty cell is an absent field (so an optional text set to ``""`` reads back as absent).
* ``via`` is the chain ``Le Point [2] > encyclopedia``; relays with a title, URL or date
  use the columns ``via.0.outlet``, ``via.0.url``, ``via.1.outlet``, ... instead.
* ``value`` and ``as_of`` are text read with the value grammar; a cell that starts with ``{``
  is a structured value in JSON (``{"kind": "quantity", "low": 40, ...}``).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Final

import attrs

from .._model.claims import Claim, Relay
from .._model.findings import Finding
from ..errors import DatasetError
from .convert import did_you_mean, show
from .files import Item, Record, decoded_lines, file_finding, open_regular

CLAIM_FIELDS: Final = tuple(a.name for a in attrs.fields(Claim))
RELAY_FIELDS: Final = tuple(a.name for a in attrs.fields(Relay))
_VIA_COLUMN = re.compile(r"via\.(\d+)\.(\w+)")
#: The relays a chain may hold in ``via.N.field`` columns: every column up to N makes a relay,
#: so ``via.100000.outlet`` alone would make 100,000 of them (and as many findings).
MAX_RELAYS: Final = 100


def relay_column_problem(column: str) -> str | None:
    """Why a ``via.N.field`` column is refused (N too large), or ``None``."""
    m = _VIA_COLUMN.fullmatch(column)
    if m is None or m[2] not in RELAY_FIELDS or len(m[1]) <= 2:
        return None
    return (
        f"column {show(column)}: a via chain holds at most {MAX_RELAYS} relays "
        f"(via.0 to via.{MAX_RELAYS - 1})"
    )


_JSON_CELLS: Final = frozenset({"value", "as_of"})


class _Source:
    """Lines for :mod:`csv`, counting them. An unreadable line (a NUL, bytes that are not
    UTF-8) is handed on with those bytes replaced, so quoted cells stay in step, and its
    finding is kept in ``bad``: the row it falls in is refused and the rows after it are read."""

    def __init__(self, lines: Iterator[tuple[int, str, Finding | None]]) -> None:
        self.lines = lines
        self.line = 0
        self.bad: list[Finding] = []

    def __iter__(self) -> _Source:
        return self

    def __next__(self) -> str:
        number, text, problem = next(self.lines)
        if problem is not None:
            self.bad.append(problem)
            self.line = problem.location.line or self.line + 1
            return text or "\n"
        self.line = number
        return text

    def take_bad(self) -> list[Finding]:
        """The unreadable lines met since the last call."""
        bad, self.bad = self.bad, []
        return bad


def read_csv(
    path: Path, name: str, rename: Mapping[str, str | None] | None = None
) -> Iterator[Item]:
    """The claims of a CSV file, one per row, read one row at a time; ``rename`` maps header
    names to claim fields (``None``: leave the column out).

    Raises:
        DatasetError: when ``rename`` makes two columns of the header one field.
    """
    lines = decoded_lines(open_regular(path, name), name)
    source = _Source(lines)
    reader = csv.reader(source, strict=True)
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration:
        header = []
    except csv.Error as error:
        yield file_finding("malformed-file", f"invalid CSV: {error}", name, source.line)
        return
    if bad := source.take_bad():
        yield bad[0]  # the file could not be opened, or without its header no row can be read
        return
    if not header:
        yield file_finding("empty-file", "the file holds no data", name, severity="warning")
        return
    columns: list[str | None] = []
    rename = rename or {}
    if (merged := _merged_columns(header, rename, name)) is not None:
        lines.close()  # the file, now: the refusal leaves the loader with its traceback
        raise DatasetError(merged)
    for missing in sorted(set(rename) - set(header)):
        yield file_finding(
            "unknown-field", f"columns= names {missing!r}, which the header lacks", name, 1
        )
    for number, column in enumerate(header, 1):
        if column in rename:
            mapped = rename[column]
            if mapped is None:
                columns.append(None)
                continue
            column = mapped
        if (refused := relay_column_problem(column)) is not None:
            yield file_finding("malformed-file", refused, name, 1, number, field=show(column)[1:-1])
            columns.append(None)
            continue
        if column in CLAIM_FIELDS or (
            (m := _VIA_COLUMN.fullmatch(column)) and m[2] in RELAY_FIELDS
        ):
            if column in columns:
                yield file_finding(
                    "malformed-file",
                    f"column {column!r} appears twice",
                    name,
                    1,
                    number,
                    field=column,
                )
                columns.append(None)
            else:
                columns.append(column)
            continue
        hint = did_you_mean(column, CLAIM_FIELDS)
        yield file_finding(
            "unknown-field", f"unknown field {column!r}{hint}", name, 1, number, field=column
        )
        columns.append(None)
    index = 0
    while True:
        start = source.line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            source.take_bad()
            problem = file_finding("malformed-file", f"invalid CSV: {error}", name, source.line)
            yield Record(section="claims", index=index, data=None, line=start, problem=problem)
            index += 1
            continue
        if bad := source.take_bad():
            # The row holds an unreadable line: refused and counted, the next row read.
            line = bad[0].location.line or start
            yield Record(section="claims", index=index, data=None, line=line, problem=bad[0])
            index += 1
            continue
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            problem = file_finding(
                "invalid-record",
                f"the row has {len(row)} cells and the header {len(columns)}",
                name,
                start,
            )
            yield Record(section="claims", index=index, data=None, line=start, problem=problem)
            index += 1
            continue
        try:
            data, marks = _row_data(row, columns, start)
        except ValueError as error:
            problem = file_finding(
                "invalid-record", f"{error} @ claims[{index}].via", name, start, field="via"
            )
            yield Record(section="claims", index=index, data=None, line=start, problem=problem)
            index += 1
            continue
        yield Record(section="claims", index=index, data=data, line=start, column=1, marks=marks)
        index += 1
    if index == 0:
        yield file_finding(
            "empty-file", "the file has a header and no rows", name, severity="warning"
        )


def _merged_columns(
    header: Sequence[str], rename: Mapping[str, str | None], name: str
) -> str | None:
    """Why ``rename`` cannot be used on ``header``: it gives two columns one field, which
    ``from_frame`` refuses too, as which cell a claim holds would be a guess. A header that
    names a field twice by itself is the file's own fault, a finding at its column."""
    taken: dict[str, str] = {}
    for column in header:
        field = rename.get(column, column)
        if field is None:
            continue
        first = taken.setdefault(field, column)
        if first != column and (first in rename or column in rename):
            return (
                f"columns= maps the columns {first!r} and {column!r} of {name!r} to the one "
                f"field {field!r}: map one of them to None to leave it out"
            )
    return None


def _row_data(
    row: Sequence[str], columns: Sequence[str | None], line: int
) -> tuple[dict[str, Any], dict[tuple[str | int, ...], tuple[int, int]]]:
    data: dict[str, Any] = {}
    marks: dict[tuple[str | int, ...], tuple[int, int]] = {}
    relays: dict[int, dict[str, str]] = {}
    for number, (column, cell) in enumerate(zip(columns, row, strict=False), 1):
        if column is None or cell == "":
            continue
        if m := _VIA_COLUMN.fullmatch(column):
            relays.setdefault(int(m[1]), {})[m[2]] = cell
            marks[("via", int(m[1]), m[2])] = (line, number)
            continue
        if column in _JSON_CELLS and cell.lstrip().startswith("{"):
            try:
                data[column] = json.loads(cell)
            except json.JSONDecodeError:
                data[column] = cell
        else:
            data[column] = cell
        marks[(column,)] = (line, number)
    add_relays(data, relays)
    return data, marks


def add_relays(data: dict[str, Any], relays: Mapping[int, dict[str, Any]]) -> None:
    """Put the relays of ``via.N.field`` columns into ``data`` as its ``via`` list (a relay
    left out between two others becomes an empty mapping, which the converter reports).

    Raises:
        ValueError: when the row also has a ``via`` chain.
    """
    if not relays:
        return
    if "via" in data:
        raise ValueError("give via as a chain or as via.N columns, not both")
    data["via"] = [relays.get(i, {}) for i in range(max(relays) + 1)]


def write_csv(claims: Sequence[Mapping[str, Any]], stream: IO[str]) -> None:
    """Write unstructured claims (with ``via`` already a chain where it can be) as CSV."""
    header, rows = table_rows(claims)
    writer = csv.DictWriter(stream, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def table_rows(
    claims: Sequence[Mapping[str, Any]],
) -> tuple[list[str], list[dict[str, str]]]:
    """Unstructured claims as text cells in CSV's columns (also Parquet's): the header, in
    the model's field order, and one row per claim."""
    rows: list[dict[str, str]] = []
    for claim in claims:
        row: dict[str, str] = {}
        for key, value in claim.items():
            if key == "via" and not isinstance(value, str):
                for i, relay in enumerate(value):
                    for field, cell in relay.items():
                        row[f"via.{i}.{field}"] = str(cell)
            elif isinstance(value, Mapping):
                row[key] = json.dumps(value, ensure_ascii=False, sort_keys=True)
            else:
                row[key] = str(value)
        rows.append(row)
    present = {key for row in rows for key in row}
    order = {name: i for i, name in enumerate(CLAIM_FIELDS)}

    def rank(column: str) -> tuple[int, int, int]:
        if m := _VIA_COLUMN.fullmatch(column):
            return order["via"], int(m[1]), RELAY_FIELDS.index(m[2])
        return order[column], 0, 0

    return sorted(present, key=rank), rows
