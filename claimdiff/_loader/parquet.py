"""Reading and writing Parquet files of claims: one claim per row, the CSV's columns.

Parquet is how extraction pipelines hand over millions of rows, and what :mod:`claimdiff.dask`
reads on a cluster; this reader gives one machine the same input. It needs ``pyarrow`` (``pip
install 'claimdiff[parquet]'``), the reference implementation of the format; without it, a
Parquet file is an ``unreadable-file`` finding, not an import error.

The columns are those of a CSV file (``docs/format.md``), read the same way:

* a null or empty cell is an absent field;
* ``value`` and ``as_of`` are text read with the value grammar, or a structured value as
  JSON text (a cell that starts with ``{``); ``via`` is the chain ``Le Point [2] >
  encyclopedia``, a JSON list of relay mappings (a cell that starts with ``[``), or a native
  list of structs; ``via.0.outlet``, ``via.0.url``, ... columns work too;
* a ``value`` or ``as_of`` may also be a native struct (``kind``, ``low``, ``high``,
  ``members``, ...): its null fields are dropped, except the open bounds of a number or a date;
* other types (numbers, lists) are taken as they are, and the converter checks them.

Parquet has no lines: findings point at the row as ``claims[N]`` (N counted from 0) and at
the field.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Final

from .._model.findings import Finding
from ..errors import DatasetError
from .convert import did_you_mean, show
from .csv import (
    _VIA_COLUMN,
    CLAIM_FIELDS,
    RELAY_FIELDS,
    add_relays,
    relay_column_problem,
    table_rows,
)
from .files import Item, Record, file_finding, open_regular

#: Rows converted to Python at a time: bounds memory on files of millions of rows.
_BATCH: Final = 8_192
_JSON_CELLS: Final = {"value": "{", "as_of": "{", "via": "["}


def _pyarrow(module: str) -> Any:
    # Imported as an untyped module: pyarrow ships no type information, and the type check
    # must pass where the extra is not installed.
    return importlib.import_module(module)


def read_parquet(path: Path, name: str) -> Iterator[Item]:
    """The claims of a Parquet file, one per row, read one batch of rows at a time."""
    try:
        pq = _pyarrow("pyarrow.parquet")
    except ImportError:
        yield file_finding(
            "unreadable-file",
            "reading Parquet needs pyarrow: pip install 'claimdiff[parquet]'",
            name,
        )
        return
    stream = open_regular(path, name)
    if isinstance(stream, Finding):
        yield stream
        return
    with stream:
        yield from _read(pq, stream, name)


def _read(pq: Any, stream: BinaryIO, name: str) -> Iterator[Item]:
    try:
        source = pq.ParquetFile(stream)
        header = list(source.schema_arrow.names)
    except Exception as error:  # pyarrow raises OSError, ArrowInvalid and more for bad files
        yield file_finding("malformed-file", f"not a readable Parquet file: {error}", name)
        return
    columns: list[str | None] = []
    for column in header:
        if (problem := relay_column_problem(column)) is not None:
            yield file_finding("malformed-file", problem, name, field=show(column)[1:-1])
            columns.append(None)
            continue
        known = column in CLAIM_FIELDS or (
            (m := _VIA_COLUMN.fullmatch(column)) is not None and m[2] in RELAY_FIELDS
        )
        if not known:
            hint = did_you_mean(column, CLAIM_FIELDS)
            yield file_finding(
                "unknown-field", f"unknown field {column!r}{hint}", name, field=column
            )
        elif column in columns:  # Parquet allows it; a row would keep only one of the cells
            yield file_finding(
                "malformed-file", f"column {column!r} appears twice", name, field=column
            )
            known = False
        columns.append(column if known else None)
    index = 0
    # Row group by row group, so that a corrupt one loses only its own rows, and says how
    # many: the file's metadata counts them even where they cannot be read.
    for group in range(source.num_row_groups):
        expected = source.metadata.row_group(group).num_rows
        read = 0
        batches = source.iter_batches(batch_size=_BATCH, row_groups=[group])
        while True:
            try:
                batch = next(batches, None)
                # By position, not by name: a name may repeat (reported above; the first wins).
                rows = (
                    None
                    if batch is None
                    else list(zip(*(c.to_pylist() for c in batch.columns), strict=True))
                )
            except Exception as error:  # a corrupt row group: pyarrow raises many kinds
                lost = max(expected - read, 0)
                rows_lost = (
                    f"(rows {index} to {index + lost - 1}) could not be read, {lost:,} row(s) lost"
                    if lost
                    else "could not be read to its end, no row lost"
                )
                failure = file_finding(
                    "malformed-file", f"row group {group} {rows_lost}: {error}", name
                )
                if lost:  # counted as read, and refused with the one finding
                    yield Record(
                        section="claims", index=index, data=None, problem=failure, count=lost
                    )
                else:
                    yield failure
                index += lost
                break
            if rows is None:
                break
            for row in rows:
                yield _record(index, row, columns, name)
                index += 1
                read += 1
    if index == 0:
        yield file_finding(
            "empty-file", "the file has columns and no rows", name, severity="warning"
        )


def _record(index: int, cells: Sequence[Any], columns: Sequence[str | None], name: str) -> Record:
    data: dict[str, Any] = {}
    relays: dict[int, dict[str, Any]] = {}
    for column, cell in zip(columns, cells, strict=True):
        if column is None or cell is None or cell == "":
            continue
        if m := _VIA_COLUMN.fullmatch(column):
            relays.setdefault(int(m[1]), {})[m[2]] = cell
            continue
        data[column] = _cell(column, cell)
    try:
        add_relays(data, relays)
    except ValueError as error:
        message = f"{error} @ claims[{index}].via"
        problem = file_finding("invalid-record", message, name, field="via")
        return Record(section="claims", index=index, data=None, problem=problem)
    return Record(section="claims", index=index, data=data)


def _cell(column: str, cell: Any) -> Any:
    """A cell as the record holds it: JSON text read, nulls inside native relays dropped."""
    opener = _JSON_CELLS.get(column)
    if opener is not None and isinstance(cell, str) and cell.lstrip().startswith(opener):
        try:
            return json.loads(cell)
        except json.JSONDecodeError:
            return cell  # the converter says what is wrong with it
    if column in ("value", "as_of") and isinstance(cell, dict):
        # A struct column has every field of every kind, null where a value has none; only
        # a number's or a date's open bounds are meant as nulls.
        bounded = cell.get("kind") in ("quantity", "date")
        return {
            k: v for k, v in cell.items() if v is not None or (bounded and k in ("low", "high"))
        }
    if column == "via" and isinstance(cell, list):
        # A list of structs has every field in every relay, null where a relay has none.
        return [
            {k: v for k, v in r.items() if v is not None} if isinstance(r, dict) else r
            for r in cell
        ]
    return cell


def write_parquet(claims: Sequence[Mapping[str, Any]], path: Path) -> None:
    """Write unstructured claims as Parquet: CSV's columns, every cell text or null.

    Raises:
        DatasetError: when pyarrow is not installed.
    """
    try:
        pa, pq = _pyarrow("pyarrow"), _pyarrow("pyarrow.parquet")
    except ImportError:
        raise DatasetError(
            "writing Parquet needs pyarrow: pip install 'claimdiff[parquet]'"
        ) from None

    header, rows = table_rows(claims)
    schema = pa.schema([(column, pa.string()) for column in header])
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, path)
