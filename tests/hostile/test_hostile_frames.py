"""Tables in and out at their edges: exact whole numbers, times of day, names twice."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimdiff
from claimdiff import DatasetError

BACKENDS = ("pandas", "polars", "pyarrow")


def _column(frame: object, name: str) -> list[object]:
    """A column of a native frame of any backend, as Python values (nulls as None)."""
    if isinstance(frame, pa.Table):
        return list(frame.column(name).to_pylist())
    if isinstance(frame, pl.DataFrame):
        return list(frame[name].to_list())
    assert isinstance(frame, pd.DataFrame)
    return [None if pd.isna(v) else int(v) for v in frame[name]]


def _report(*figures: str) -> claimdiff.Report:
    rows = [
        {"id": f"c{i}", "event": "e", "measure": "killed", "value": v, "claimant": f"a{i}"}
        for i, v in enumerate(figures)
    ]
    return claimdiff.reconcile(claimdiff.from_frame(pl.DataFrame(rows)))


@settings(max_examples=20, deadline=None)
@given(st.integers(2**53 + 1, 10**18 - 1), st.sampled_from(BACKENDS))
def test_whole_bounds_stay_exact(figure: int, backend: str) -> None:
    """Whole-number bounds beyond 2**53 (up to the grammar's largest figure) come out exact:
    each claim's in the entries table, and the group's as the report holds them."""
    report = _report(str(figure))
    groups = report.to_frame(backend=backend)
    entries = report.to_frame("entries", backend=backend)
    held = report.groups[0].range
    assert held is not None
    assert ([figure], [figure], [held.low], [held.high]) == (
        _column(entries, "low"),
        _column(entries, "high"),
        _column(groups, "low"),
        _column(groups, "high"),
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_open_bound_is_a_null_in_a_whole_column(backend: str) -> None:
    """An open bound is a null in a whole-number column (pandas' nullable Int64)."""
    report = _report("at least 9007199254740993", "5")
    entries = report.to_frame("entries", backend=backend)
    assert ([9007199254740993, 5], [None, 5]) == (
        _column(entries, "low"),
        _column(entries, "high"),
    )


def test_fractional_bound_makes_its_pair_float() -> None:
    """A bound that is not whole makes its pair of columns floats, as documented."""
    text = (
        "measures: {share: percent}\nclaims:\n"
        '  - {id: c1, event: e, measure: share, value: "2.5%", claimant: a}\n'
        '  - {id: c2, event: e, measure: share, value: "3%", claimant: b}\n'
    )
    report = claimdiff.reconcile(claimdiff.load(io.StringIO(text), format="yaml"))
    groups = report.to_frame(backend="polars")
    assert (pl.Float64, pl.Float64, [2.5], [3.0]) == (
        groups.schema["low"],
        groups.schema["high"],
        groups["low"].to_list(),
        groups["high"].to_list(),
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_datetime_with_a_time_is_read_as_csv_reads_its_text(backend: str) -> None:
    """A datetime cell with a time of day (naive or in a zone) is read as the CSV cell of its
    ISO text is: the day, in the zone written."""
    stamps = [
        dt.datetime(2014, 5, 21, 14, 30),
        dt.datetime(2014, 5, 21, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
    ]
    rows = {
        "id": ["c1", "c2"],
        "event": ["e", "e"],
        "measure": ["killed", "killed"],
        "value": ["4", "4"],
        "claimant": ["a", "b"],
    }
    frames = {
        "pandas": lambda: pd.DataFrame({**rows, "as_of": [pd.Timestamp(s) for s in stamps]}),
        "polars": lambda: pl.DataFrame({**rows, "as_of": stamps[:1] * 2}),
        "pyarrow": lambda: pa.table({**rows, "as_of": stamps[:1] * 2}),
    }
    frame = frames[backend]()
    texts = [s.isoformat() for s in (stamps if backend == "pandas" else stamps[:1] * 2)]
    csv = "id,event,measure,value,claimant,as_of\n" + "".join(
        f"{i},e,killed,4,{c},{t}\n"
        for i, c, t in zip(rows["id"], rows["claimant"], texts, strict=True)
    )
    expected = claimdiff.load(io.StringIO(csv), format="csv")
    dataset = claimdiff.from_frame(frame)
    assert ([c.as_of for c in expected.claims], []) == (
        [c.as_of for c in dataset.claims],
        list(dataset.findings),
    )


def test_column_name_twice_is_refused() -> None:
    """A pandas frame with a column name twice is a DatasetError, not a guess at which cell."""
    frame = pd.DataFrame([["c1", "e", "killed", "4", "5", "a"]])
    frame.columns = ["id", "event", "measure", "value", "value", "claimant"]
    with pytest.raises(DatasetError) as info:
        claimdiff.from_frame(frame)
    assert (
        "claims has a column name twice (Expected unique column names, got: - 'value' 2 "
        "times): rename or drop one"
    ) == str(info.value)


@pytest.mark.parametrize("table", ["groups", "entries", "findings"])
@pytest.mark.parametrize("backend", BACKENDS)
def test_empty_report_makes_empty_tables(table: str, backend: str) -> None:
    """A report with nothing in it makes empty tables with the usual columns in every
    backend (pandas used to fail to cast an empty column to dates)."""
    empty = claimdiff.reconcile(claimdiff.Dataset()).to_frame(table, backend=backend)
    full = _report("4").to_frame(table, backend=backend)
    if isinstance(full, pa.Table):
        assert (0, full.schema) == (empty.num_rows, empty.schema)
    else:
        assert (0, list(full.columns)) == (len(empty), list(empty.columns))
