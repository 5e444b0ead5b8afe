"""Hostile files met by the loaders: the engine opens them as the reference loader does, and
a CSV mapping that would merge two columns is refused before a row is read."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from claimdiff import DEFAULT_POLICY, DatasetError, load
from claimdiff._engine.read import dataset as engine_dataset

HEADER = "id,event,measure,figure,number,claimant\n"
ROWS = "c1,e,killed,4,5,a\nc2,e,killed,6,7,b\n"


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_engine_refuses_a_pipe_as_the_reference_does(tmp_path: Path, suffix: str) -> None:
    """A named pipe handed to the columnar engine's reader is not waited on: it is the
    reference loader's unreadable-file finding, the same dataset ``load`` gives."""
    path = tmp_path / f"claims{suffix}"
    os.mkfifo(path)
    got = engine_dataset([str(path)], DEFAULT_POLICY)
    expected = [("unreadable-file", "not a regular file (a pipe or a device)")]
    assert expected == [(f.code, f.message) for f in got.findings]
    assert load(path).findings == got.findings


@pytest.mark.parametrize(
    ("columns", "first", "second", "field"),
    [
        ({"figure": "value", "number": "value"}, "figure", "number", "value"),
        ({"figure": "id"}, "id", "figure", "id"),
        ({"claimant": "event"}, "event", "claimant", "event"),
    ],
)
def test_csv_mapping_two_columns_to_one_field_is_refused(
    columns: dict[str, str | None], first: str, second: str, field: str
) -> None:
    """``load(columns=...)`` that makes two header columns one field raises a DatasetError
    naming both, once, rather than a finding per row keeping the first cell."""
    with pytest.raises(DatasetError) as raised:
        load(io.StringIO(HEADER + ROWS), format="csv", columns=columns)
    expected = (
        f"columns= maps the columns {first!r} and {second!r} of '<stream 1>' to the one "
        f"field {field!r}: map one of them to None to leave it out"
    )
    assert expected == str(raised.value)


def test_csv_mapping_one_column_away_keeps_the_other() -> None:
    """Mapping one of two candidate columns to None leaves the other as the field."""
    columns = {"figure": "value", "number": None}
    dataset = load(io.StringIO(HEADER + ROWS), format="csv", columns=columns)
    assert ((), ["4", "6"]) == (dataset.findings, [c.value.text for c in dataset.claims])


def test_csv_header_naming_a_field_twice_stays_a_finding() -> None:
    """A header that names a field twice by itself (no mapping involved) is the file's own
    error at its column, and the rows are still read."""
    text = "id,event,measure,value,value,claimant\nc1,e,killed,4,5,a\n"
    dataset = load(io.StringIO(text), format="csv", columns={})
    found = [(f.code, f.location.line, f.location.column) for f in dataset.findings]
    assert ([("malformed-file", 1, 5)], 1) == (found, len(dataset.claims))
