"""DataFrames in and out: from_frame, Report.to_frame, and load() from streams and CSV columns."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.csv as pa_csv
import pytest
from hypothesis import given

import claimdiff
from claimdiff import DatasetError

ROOT = Path(__file__).resolve().parent.parent.parent

#: A claims table as a newsroom keeps it: its own column names, no ids, outlets by name.
NEWSROOM_CSV = """\
event,measure,party,value_text,claimant,outlet,quote
kidal-2014,killed,FAMa,40,MNLA,Le Point,40 soldiers killed
kidal-2014,killed,FAMa,50,Malian government,Reuters,50 soldiers killed
kidal-2014,wounded,FAMa,about fifty,Malian government,Reuters,about fifty wounded
kidal-2014,wounded,FAMa,fourty,MNLA,Le Point,fourty wounded
"""
COLUMNS = {"value_text": "value", "outlet": "via"}
ACTORS = {
    "id": ["mnla", "mali", "fama", "le-point", "reuters"],
    "aliases": ["MNLA", "Malian government", "FAMa", "Le Point", "Reuters"],
    "side": ["rebels", "mali", "mali", None, None],
}


def _pandas() -> Any:
    return pd.read_csv(io.StringIO(NEWSROOM_CSV))


def _polars() -> Any:
    return pl.read_csv(io.StringIO(NEWSROOM_CSV))


def _arrow() -> Any:
    return pa_csv.read_csv(io.BytesIO(NEWSROOM_CSV.encode()))


READERS = {"pandas": _pandas, "polars": _polars, "pyarrow": _arrow}
ACTOR_TABLES = {
    "pandas": lambda: pd.DataFrame(ACTORS),
    "polars": lambda: pl.DataFrame(ACTORS),
    "pyarrow": lambda: pa.table(ACTORS),
}


@pytest.mark.parametrize("library", sorted(READERS))
def test_newsroom_table_loads_with_a_column_mapping(library: str) -> None:
    """A realistic claims table reads with a column mapping, in every library alike."""
    dataset = claimdiff.from_frame(
        READERS[library](), columns=COLUMNS, actors=ACTOR_TABLES[library]()
    )
    report = claimdiff.reconcile(dataset)
    group = report.group("kidal-2014/killed/fama")
    assert ("contradiction", "40–50") == (group.verdict, group.range.text if group.range else "")
    assert [("mali", "self_reported"), ("mnla", "adversary")] == sorted(
        (e.claimant or "", e.perspective) for e in group.entries
    )
    assert 4 == dataset.records_read
    assert ["invalid-value"] == [f.code for f in dataset.findings]


@pytest.mark.parametrize("library", sorted(READERS))
def test_bad_row_names_its_row_and_column(library: str) -> None:
    """A value that does not read is a finding that names the row and the frame's column."""
    dataset = claimdiff.from_frame(READERS[library](), columns=COLUMNS)
    (finding,) = dataset.findings
    assert (
        "expected a number, range or bound, got 'fourty' @ claims[3].value "
        "(row 3, column 'value_text')"
    ) == finding.message


def test_every_library_gives_the_same_dataset() -> None:
    """pandas, polars and PyArrow tables of the same rows give equal datasets."""
    datasets = [claimdiff.from_frame(read(), columns=COLUMNS) for read in READERS.values()]
    assert datasets[0] == datasets[1] == datasets[2]


def test_csv_file_reads_like_the_frame(tmp_path: Path) -> None:
    """load(..., columns=) reads a CSV file with ids as from_frame reads the same table."""
    lines = NEWSROOM_CSV.splitlines()
    text = "\n".join(["id," + lines[0], *(f"c{i}," + line for i, line in enumerate(lines[1:]))])
    path = tmp_path / "claims.csv"
    path.write_text(text + "\n", encoding="utf-8")
    dataset = claimdiff.load(path, columns=COLUMNS)
    assert ["c0", "c1", "c2"] == [c.id for c in dataset.claims]
    frame = _pandas()
    frame.insert(0, "id", ["c0", "c1", "c2", "c3"])
    assert dataset.claims == claimdiff.from_frame(frame, columns=COLUMNS).claims


def test_csv_without_ids_is_refused_row_by_row() -> None:
    """A CSV file is a curated dataset: rows without an id are findings, not guessed ids."""
    dataset = claimdiff.load(io.StringIO(NEWSROOM_CSV), format="csv", columns=COLUMNS)
    assert (0, 4) == (len(dataset.claims), dataset.records_read)


def test_generated_ids_survive_a_reordering() -> None:
    """Ids made for rows without one depend on the row's content, not its position."""
    frame = _pandas()
    ids = {c.quote: c.id for c in claimdiff.from_frame(frame, columns=COLUMNS).claims}
    shuffled = frame.iloc[::-1].reset_index(drop=True)
    again = {c.quote: c.id for c in claimdiff.from_frame(shuffled, columns=COLUMNS).claims}
    assert ids == again


def test_identical_rows_get_numbered_ids() -> None:
    """Two identical rows are two claims: the second copy's id ends in -2."""
    frame = pd.concat([_pandas().iloc[:1]] * 2, ignore_index=True)
    first, second = (c.id for c in claimdiff.from_frame(frame, columns=COLUMNS).claims)
    assert first + "-2" == second


@given(st.permutations(range(4)))
def test_generated_ids_are_a_function_of_content(order: list[int]) -> None:
    """Any row order gives every row the same id (Hypothesis over permutations)."""
    frame = _polars()
    base = {c.quote: c.id for c in claimdiff.from_frame(frame, columns=COLUMNS).claims}
    permuted = frame[order]
    assert base == {c.quote: c.id for c in claimdiff.from_frame(permuted, columns=COLUMNS).claims}


def test_sides_from_columns() -> None:
    """Side columns declare every actor the rows name, with its side (outlets with none)."""
    frame = _pandas()
    frame["claimant_side"] = ["rebels", "mali", "mali", "rebels"]
    frame["party_side"] = "mali"
    dataset = claimdiff.from_frame(
        frame,
        columns={**COLUMNS, "claimant_side": "claimant.side", "party_side": "party.side"},
    )
    sides = {a.id: a.side for a in dataset.actors}
    expected = {
        "FAMa": "mali",
        "MNLA": "rebels",
        "Malian government": "mali",
        "Le Point": None,
        "Reuters": None,
    }
    assert expected == sides
    assert ["invalid-value"] == [f.code for f in dataset.findings]
    group = claimdiff.reconcile(dataset).group("kidal-2014/killed/FAMa")
    assert {"MNLA": "adversary", "Malian government": "self_reported"} == {
        e.claimant or "": e.perspective for e in group.entries
    }


def test_one_actor_with_two_sides_is_refused() -> None:
    """Side columns that give one actor two sides stop the read, naming both rows."""
    frame = _pandas()
    frame["claimant_side"] = ["rebels", "mali", "mali", "mali"]
    with pytest.raises(DatasetError) as info:
        claimdiff.from_frame(frame, columns={**COLUMNS, "claimant_side": "claimant.side"})
    assert "the claims give actor 'MNLA' two sides: 'mali' (row 3), 'rebels' (row 0)" == str(
        info.value
    )


def test_unknown_column_is_a_finding_and_the_rest_reads() -> None:
    """A column that is no field and not mapped is reported, and the claims still read."""
    frame = _pandas().rename(columns={"quote": "qoute"})
    dataset = claimdiff.from_frame(frame, columns=COLUMNS)
    assert 3 == len(dataset.claims)
    assert (
        "unknown field 'qoute' (did you mean 'quote'?) (column 'qoute'; map it in columns= "
        "or map it to None to leave it out)"
    ) == dataset.findings[0].message


def test_column_left_out_on_purpose_draws_no_finding() -> None:
    """A column mapped to None is left out without a finding."""
    frame = _pandas().assign(internal="x")
    dataset = claimdiff.from_frame(frame, columns={**COLUMNS, "internal": None})
    assert ["invalid-value"] == [f.code for f in dataset.findings]


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ({"valu": "value"}, "columns= names 'valu', which the frame does not have"),
        ({"value_text": "valeu"}, "column 'value_text' maps to 'valeu', which is no claim field"),
        (
            {"value_text": "value", "quote": "value"},
            "columns 'value_text' and 'quote' both map to the field 'value'",
        ),
    ],
)
def test_bad_mapping_is_refused(columns: dict[str, str], message: str) -> None:
    """A mapping that names a missing column or field stops the read with what is wrong."""
    with pytest.raises(DatasetError) as info:
        claimdiff.from_frame(_pandas(), columns=columns)
    assert str(info.value).startswith(message)


def test_lazy_frame_is_collected() -> None:
    """A polars LazyFrame reads as its collected frame does."""
    lazy = claimdiff.from_frame(_polars().lazy(), columns=COLUMNS)
    assert claimdiff.from_frame(_polars(), columns=COLUMNS) == lazy


def test_not_a_frame_is_refused() -> None:
    """Something that is not a table is a DatasetError that says what it got."""
    with pytest.raises(DatasetError) as info:
        claimdiff.from_frame([1, 2, 3])
    assert "claims must be a pandas, polars or pyarrow table" in str(info.value)


@pytest.mark.parametrize("backend", ["pandas", "polars", "pyarrow"])
def test_groups_table(backend: str) -> None:
    """Report.to_frame gives one row per group, with its verdict and bounds, in each backend."""
    report = claimdiff.reconcile(claimdiff.load(ROOT / "examples" / "kidal"))
    frame = pl.from_pandas(report.to_frame(backend="pandas"))
    native = report.to_frame(backend=backend)
    assert report.summary.groups == len(frame)
    row = frame.filter(pl.col("group") == "kidal-2014/killed/fama").to_dicts()[0]
    assert ("contradiction", 40.0, 50.0, 2) == (row["verdict"], row["low"], row["high"], 2)
    assert len(frame) == (native.num_rows if backend == "pyarrow" else len(native))
    assert report.summary.contradictions == len(frame.filter(pl.col("verdict") == "contradiction"))


def test_entries_and_findings_tables() -> None:
    """The entries table has one row per claim; the findings table one per finding."""
    report = claimdiff.reconcile(claimdiff.from_frame(_polars(), columns=COLUMNS))
    entries = report.to_frame("entries", backend="polars")
    assert report.summary.claims == len(entries)
    assert [["Le Point"]] == entries.filter(pl.col("value") == "40")["via"].to_list()
    findings = report.to_frame("findings", backend="polars")
    assert ["invalid-value"] == findings["code"].to_list()


def test_overview_groups_table_equals_the_reports() -> None:
    """Overview.to_frame gives the report's groups table."""
    kidal = ROOT / "examples" / "kidal"
    report = claimdiff.reconcile(claimdiff.load(kidal))
    overview = claimdiff.overview(kidal)
    assert report.to_frame(backend="polars").equals(overview.to_frame(backend="polars"))


def test_unknown_table_is_refused() -> None:
    """A table name that is not known is a DatasetError naming the choices."""
    report = claimdiff.reconcile(claimdiff.from_frame(_polars(), columns=COLUMNS))
    with pytest.raises(DatasetError) as info:
        report.to_frame("claims")
    assert "no table 'claims': ask for 'groups', 'entries' or 'findings'" == str(info.value)


def test_load_reads_text_and_bytes_streams() -> None:
    """load() reads an open text or binary stream given its format."""
    yaml_text = "claims:\n  - {id: a, event: e, measure: killed, value: 40}\n"
    from_text = claimdiff.load(io.StringIO(yaml_text), format="yaml")
    from_bytes = claimdiff.load(io.BytesIO(yaml_text.encode()), format="yaml")
    assert from_text.claims == from_bytes.claims
    assert 1 == len(from_text.claims)
    assert "<stream 1>" == from_text.locations["a"].file


def test_stream_without_a_format_is_refused() -> None:
    """A stream with no file name and no format= cannot be read, and says so."""
    with pytest.raises(DatasetError) as info:
        claimdiff.load(io.StringIO("{}"))
    assert str(info.value).startswith("cannot tell the format of <stream 1>: give format=")


def test_open_file_keeps_its_name(tmp_path: Path) -> None:
    """An open file is read by its name's suffix, and findings call it by that name."""
    path = tmp_path / "claims.jsonl"
    path.write_text('{"id": "a", "event": "e", "measure": "killed", "value": "fourty"}\n')
    with path.open(encoding="utf-8") as stream:
        dataset = claimdiff.load(stream)
    assert [str(path)] == [f.location.file for f in dataset.findings]


def test_columns_for_a_file_that_is_not_csv_is_refused() -> None:
    """columns= applies to CSV alone; asking it of another format is an error."""
    with pytest.raises(DatasetError) as info:
        claimdiff.load(io.StringIO("{}"), format="json", columns={"a": "value"})
    assert "columns= applies to CSV files only, not '<stream 1>'" == str(info.value)
