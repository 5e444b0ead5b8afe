"""Fuzzing the loaders: mutated datasets in every format go through ``load``, ``reconcile`` and
``check`` without an exception, and every record read is accounted for.

The default run is a small, bounded budget; ``CLAIMDIFF_FUZZ_EXAMPLES=N`` runs N examples per
format (docs/fuzzing.md, which also gives an ``atheris`` harness for coverage-guided runs).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimdiff import Overview, check, dump, load, overview, reconcile
from claimdiff._engine import available as columnar

KIDAL = Path(__file__).resolve().parent.parent / "data" / "cli" / "kidal" / "claims.yaml"
FORMATS = ("yaml", "json", "jsonl", "csv", "parquet")

#: Examples per format: a few seconds in all by default.
EXAMPLES = int(os.environ.get("CLAIMDIFF_FUZZ_EXAMPLES", "15"))

#: Byte strings that have broken a loader or a renderer before, or that sit on a boundary.
HOSTILE = [
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\r",
    b"\n",
    b"\t",
    b"\\n",
    b'"',
    b"'",
    b",",
    b":",
    b"{",
    b"}",
    b"[",
    b"]",
    b"- ",
    b"&a ",
    b"*a",
    b"<<: ",
    b"!!int abc",
    b"!!float xyz",
    b"!!bool maybe",
    b"!!timestamp 2014-13-45",
    b"!!binary x",
    b"!!python/object:os.system",
    b"9" * 4400,
    b"1" + b"0" * 400,
    b"1e309",
    b"-0",
    b"NaN",
    b"0001-01-01",
    b"9999-12-31",
    b"claims:",
    b"via.100000.outlet",
    b"via.3.url",
    b" > ",
    b"about ",
    b'{"kind": "quantity", "low": 1}',
    "\u2028".encode(),
    "\u202e".encode(),
    b"::error::x",
    b"```",
]

_mutation = st.tuples(
    st.sampled_from(["insert", "delete", "replace", "duplicate"]),
    st.floats(0, 1),
    st.sampled_from(HOSTILE) | st.binary(min_size=1, max_size=6),
)


def mutate(data: bytes, mutations: list[tuple[str, float, bytes]]) -> bytes:
    """``data`` with each mutation applied at its relative position."""
    for kind, where, piece in mutations:
        at = int(where * len(data))
        if kind == "insert":
            data = data[:at] + piece + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + len(piece) :]
        elif kind == "replace":
            data = data[:at] + piece + data[at + len(piece) :]
        else:  # a slice repeated, as a careless copy and paste makes
            data = data[:at] + data[at : at + 40 * len(piece)] + data[at:]
    return data


def seeds(folder: Path) -> dict[str, bytes]:
    """The fixture dataset written in each format."""
    dataset = load(KIDAL)
    out = {}
    for fmt in FORMATS:
        path = folder / f"seed.{fmt}"
        dump(dataset, path)
        out[fmt] = path.read_bytes()
    return out


_LOST = re.compile(r"^row group \d+ \(rows \d+ to \d+\) could not be read, ([\d,]+) row\(s\) lost")


def accounted(path: Path) -> None:
    """Load, reconcile and check ``path``; fail when a record is unaccounted for."""
    dataset = load(path)
    report = reconcile(dataset)
    result = check(dataset, report)
    errors = sum(f.severity == "error" for f in dataset.findings)
    # One error accounts for every row of a corrupt Parquet row group, and says how many.
    lost = sum(
        int(m[1].replace(",", "")) - 1
        for f in dataset.findings
        if (m := _LOST.search(f.message)) is not None
    )
    rejected = dataset.records_read - len(dataset.claims)
    # Every record read is reconciled, or refused with at least one error saying why.
    assert 0 <= rejected <= errors + lost
    assert report.summary.records == dataset.records_read
    assert sorted(c.id for c in dataset.claims) == sorted(
        cid for g in report.groups for cid in g.claims
    )
    assert result.summary.records == dataset.records_read
    if columnar():
        # The engine (``check``'s default) reads the same hostile bytes to the same answers;
        # it may keep more groups whole (those it sent to the reference reconciler).
        expected, actual = Overview.of(report), overview(path)
        assert attrs.evolve(expected, details=()) == attrs.evolve(actual, details=())
        kept = {g.key for g in actual.details}
        assert tuple(g for g in report.groups if g.key in kept) == actual.details
        assert {g.key for g in expected.details} <= kept


@pytest.fixture(scope="module")
def seed_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The seed files, written once."""
    pytest.importorskip("pyarrow")
    return seeds(tmp_path_factory.mktemp("seeds"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_is_read_whole(seed_files: dict[str, bytes], tmp_path: Path, fmt: str) -> None:
    """Each unmutated seed reads every claim of the fixture, without a finding."""
    path = tmp_path / f"claims.{fmt}"
    path.write_bytes(seed_files[fmt])
    dataset = load(path)
    assert (len(load(KIDAL).claims), []) == (len(dataset.claims), list(dataset.findings))


@pytest.mark.parametrize("fmt", FORMATS)
def test_mutated_dataset_is_read_or_refused(
    seed_files: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory, fmt: str
) -> None:
    """A dataset file mutated with hostile bytes is loaded, reconciled and checked without
    an exception, and every record read is reconciled or refused with an error."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(st.lists(_mutation, min_size=1, max_size=6))
    def fuzz(mutations: list[tuple[str, float, bytes]]) -> None:
        path = tmp_path_factory.mktemp("fuzz") / f"claims.{fmt}"
        path.write_bytes(mutate(seed_files[fmt], mutations))
        accounted(path)

    fuzz()


_cells = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from([h.decode("utf-8", "replace") for h in HOSTILE]),
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)
@given(
    st.lists(
        st.fixed_dictionaries(
            {"id": _cells, "event": _cells, "measure": _cells, "value": _cells, "via": _cells},
            optional={"claimant": _cells, "quote": _cells, "as_of": _cells},
        ),
        max_size=6,
    )
)
def test_parquet_of_hostile_cells_is_read_or_refused(
    tmp_path_factory: pytest.TempPathFactory, rows: list[dict[str, str | None]]
) -> None:
    """A Parquet file of hostile text cells is read or refused record by record."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    columns = sorted({k for row in rows for k in row}) or ["id"]
    table = pa.Table.from_pylist(
        [{c: row.get(c) for c in columns} for row in rows],
        schema=pa.schema([(c, pa.string()) for c in columns]),
    )
    path = tmp_path_factory.mktemp("parquet") / "claims.parquet"
    pq.write_table(table, path)
    accounted(path)


# -- nested shapes: structured documents of any shape, written as JSON, JSON Lines and YAML -----

#: Keys a record may hold: the claim's fields, a structured value's and a relay's, and others.
_KEYS = st.sampled_from(
    [
        "id",
        "event",
        "measure",
        "value",
        "party",
        "place",
        "claimant",
        "via",
        "quote",
        "as_of",
        "stance",
        "document",
        "kind",
        "low",
        "high",
        "members",
        "text",
        "outlet",
        "url",
        "published",
        "claims",
        "actors",
        "events",
        "documents",
        "measures",
        "name",
        "<<",
        "",
    ]
) | st.text(max_size=8)


class _Pairs(list):  # type: ignore[type-arg]
    """A mapping written pair by pair."""


class _Raw(str):
    """A number written as it is (a whole number of 4,400 digits, ``1e309``, ``-0``)."""


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=2**53 - 2, max_value=2**64 + 2),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from([h.decode("utf-8", "replace") for h in HOSTILE]),
    st.sampled_from([_Raw("9" * 4400), _Raw("1e309"), _Raw("-1e309"), _Raw("-0"), _Raw("1E-400")]),
)

#: JSON-like data; a mapping is a list of pairs, so that a key may repeat.
_NESTED = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.lists(st.tuples(_KEYS, inner), max_size=5).map(_Pairs)
    ),
    max_leaves=25,
)


def _json(data: object) -> str:
    """``data`` as JSON text, keys repeated as given and raw numbers as they are."""
    if isinstance(data, _Raw):
        return str(data)
    if isinstance(data, _Pairs):
        return "{" + ", ".join(f"{json.dumps(k)}: {_json(v)}" for k, v in data) + "}"
    if isinstance(data, list):
        return "[" + ", ".join(_json(v) for v in data) + "]"
    return json.dumps(data)


_CLAIM = st.fixed_dictionaries(
    {"id": st.text(min_size=1, max_size=4), "event": st.just("e"), "measure": st.just("killed")},
    optional={"value": _NESTED, "via": _NESTED, "as_of": _NESTED, "claimant": _NESTED},
).map(lambda d: _Pairs(d.items()))


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml"])
def test_nested_shapes_are_read_or_refused(
    tmp_path_factory: pytest.TempPathFactory, fmt: str
) -> None:
    """Documents of any nesting (mappings with repeated keys, huge and out-of-range
    numbers, hostile text at any depth) are read or refused record by record."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(
        st.lists(_CLAIM | _NESTED, max_size=5),
        st.lists(st.tuples(_KEYS, _NESTED), max_size=3),
    )
    def fuzz(claims: list[object], top: list[tuple[str, object]]) -> None:
        path = tmp_path_factory.mktemp("nested") / f"claims.{fmt}"
        if fmt == "jsonl":
            text = "".join(_json(c) + "\n" for c in claims)
        else:  # a JSON document is YAML too, in flow style
            text = _json(_Pairs([("claims", claims), *top]))
        path.write_text(text, encoding="utf-8")
        accounted(path)

    fuzz()


_COLUMN = st.one_of(
    _KEYS,
    st.builds(
        "via.{}.{}".format,
        st.integers(-2, 10**6) | st.sampled_from(["", "x", "01", "9" * 50]),
        st.sampled_from(["outlet", "url", "title", "published", "ref", "", "via"]),
    ),
    st.sampled_from([" id ", "ID", "value ", "\ufeffid", "via.", ".outlet", "a,b", '"q"']),
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)
@given(
    st.lists(_COLUMN, min_size=1, max_size=8),
    st.lists(st.lists(st.text(max_size=12) | _SCALARS.map(str), max_size=9), max_size=4),
)
def test_csv_headers_are_read_or_refused(
    tmp_path_factory: pytest.TempPathFactory, header: list[str], rows: list[list[str]]
) -> None:
    """A CSV file with any header (repeated, empty, numbered relay columns out of range)
    and rows of any length is read or refused record by record."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "event", "measure", *header])
    for row in rows:
        writer.writerow(row)
    path = tmp_path_factory.mktemp("csv") / "claims.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    accounted(path)


def test_a_parquet_file_pyarrow_refuses_is_refused_by_the_engine_too(
    seed_files: dict[str, bytes], tmp_path: Path
) -> None:
    """Found by fuzzing: three bytes in a Parquet file's schema made pyarrow (the reference
    loader's reader) refuse it while polars read every row; the engine reads Parquet through
    pyarrow, so both paths give the same findings and claims."""
    path = tmp_path / "claims.parquet"
    path.write_bytes(mutate(seed_files["parquet"], [("replace", 0.375, b"\x00\x00\x11")]))
    accounted(path)
    assert [f.code for f in load(path).findings] == [f.code for f in overview(path).findings]
