"""Tests for ``claimdiff._loader.load``: loading files into a dataset with findings, and dumping it
back."""

from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from claimdiff import Claim, Dataset, Event, Quantity, Relay, dump, load
from claimdiff._loader.json import read_jsonl
from claimdiff.errors import DatasetError
from claimdiff.testing import claims, datasets

BAD = Path(__file__).parent.parent / "data" / "bad"
_HAS_PYARROW = importlib.util.find_spec("pyarrow") is not None
EXAMPLES = Path(__file__).parent.parent.parent / "examples" / "kidal"
#: The dataset files of the example (the directory also holds a reconcile baseline).
KIDAL_FILES = sorted(p for p in EXAMPLES.glob("*.yaml") if p.name != "baseline.yaml")
#: Each example writes and reads files in two formats; more would make the suite slow.
FILE_EXAMPLES = settings(
    max_examples=40,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FIELDS = ("claims", "actors", "events", "documents", "measures")

KIDAL_YAML = """\
actors:
  - {id: mnla, name: National Movement for the Liberation of Azawad, aliases: [MNLA]}
  - {id: le-point, name: Le Point, kind: outlet}
  - {id: encyclopedia, kind: outlet}
events:
  - {id: kidal-2014, name: Second Battle of Kidal, when: 16-21 May 2014}
claims:
  - id: kidal-2014.fama-killed.mnla
    event: kidal-2014
    measure: killed
    party: FAMa
    value: 40
    claimant: MNLA
    via: Le Point [2] > encyclopedia
"""


def found(path: str) -> list[tuple[str, str, str, str]]:
    """Load one file of the bad corpus; its findings as (code, severity, where, message)."""
    return [(f.code, f.severity, str(f.location), f.message) for f in load(path).findings]


@pytest.fixture(autouse=True)
def _in_bad_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD)


# -- the bad corpus: exact findings, and the good records of the file still load ----------------


def test_wrong_type() -> None:
    """A number where a string belongs and a date in prose are reported with their paths."""
    ds = load("wrong-type.yaml")
    assert [
        (
            "invalid-record",
            "error",
            "wrong-type.yaml:11:15, record kidal-2014.x, field claimant",
            "expected a string, got 40 @ claims[1].claimant",
        ),
        (
            "invalid-record",
            "error",
            "wrong-type.yaml:12:55, record kidal-2014.x, field via[1].published",
            "expected a date as YYYY-MM-DD, got '19 August 2014' @ claims[1].via[1].published",
        ),
    ] == found("wrong-type.yaml")
    assert ["kidal-2014.fama-killed.mnla"] == [c.id for c in ds.claims]
    assert 2 == ds.records_read


def test_missing_field() -> None:
    """A claim without a measure is an invalid record, located at the record."""
    assert [
        (
            "invalid-record",
            "error",
            "missing-field.yaml:6:5, record kidal-2014.x, field measure",
            "required field missing @ claims[1].measure",
        ),
    ] == found("missing-field.yaml")
    assert ["kidal-2014.fama-killed.mnla"] == [c.id for c in load("missing-field.yaml").claims]


def test_unknown_field() -> None:
    """Misspelt keys, in a claim or at the top of a file, come with a did-you-mean."""
    assert [
        (
            "unknown-field",
            "error",
            "unknown-field.yaml:10:5, record kidal-2014.x, field claimnt",
            "unknown field 'claimnt' (did you mean 'claimant'?) @ claims[1]",
        ),
        (
            "unknown-field",
            "error",
            "unknown-field.yaml:12:3, field claim",
            "unknown field 'claim' (did you mean 'claims'?)",
        ),
    ] == found("unknown-field.yaml")
    assert ["kidal-2014.fama-killed.mnla"] == [c.id for c in load("unknown-field.yaml").claims]


def test_duplicate_id() -> None:
    """The second claim with an id is refused, naming where the first one was."""
    ds = load("duplicate-id.yaml")
    assert [
        (
            "duplicate-id",
            "error",
            "duplicate-id.yaml:6:9, record kidal-2014.fama-killed.mnla, field id",
            "duplicate claim id 'kidal-2014.fama-killed.mnla' (first at duplicate-id.yaml:2) "
            "@ claims[1].id",
        ),
    ] == found("duplicate-id.yaml")
    assert [Quantity.exact(40)] == [c.value for c in ds.claims]
    assert 2 == ds.records_read


def test_unparseable_value() -> None:
    """A value that fits no grammar of its measure carries the parser's message."""
    assert [
        (
            "invalid-value",
            "error",
            "bad-value.yaml:9:12, record kidal-2014.x, field value",
            "expected a number, range or bound, got 'fourty' @ claims[1].value",
        ),
    ] == found("bad-value.yaml")
    assert ["kidal-2014.fama-killed.mnla"] == [c.id for c in load("bad-value.yaml").claims]


def test_unknown_actor_and_event() -> None:
    """Undeclared names draw warnings (with a did-you-mean) and the claims are kept."""
    ds = load("unknown-actor.yaml")
    assert [
        (
            "unknown-actor",
            "warning",
            "unknown-actor.yaml:14:10, record kidal-2014.fama-killed.mnla, field via[1].outlet",
            "unknown actor 'encyclopedia' @ claims[0].via[1].outlet",
        ),
        (
            "unknown-event",
            "warning",
            "unknown-actor.yaml:16:12, record kidal-2014.x, field event",
            "unknown event 'kidal-2015' (did you mean 'kidal-2014'?) @ claims[1].event",
        ),
        (
            "unknown-actor",
            "warning",
            "unknown-actor.yaml:20:15, record kidal-2014.x, field claimant",
            "unknown actor 'MLNA' (did you mean 'MNLA'?) @ claims[1].claimant",
        ),
    ] == found("unknown-actor.yaml")
    assert 2 == len(ds.claims)


def test_no_actor_warnings_without_declarations() -> None:
    """Without declared actors and events, names are not checked."""
    assert [] == found("bad-value.yaml")[1:]


def test_malformed_yaml() -> None:
    """A YAML syntax error gives the parser's line and column; other files still load."""
    ds = load("malformed.yaml", "bad-value.yaml")
    assert [
        (
            "malformed-file",
            "error",
            "malformed.yaml:8:20",
            "invalid YAML: mapping values are not allowed in this context",
        ),
    ] == [(f.code, f.severity, str(f.location), f.message) for f in ds.findings][:1]
    assert ["kidal-2014.fama-killed.mnla"] == [c.id for c in ds.claims]


def test_malformed_json() -> None:
    """A JSON syntax error gives the decoder's line and column."""
    assert [
        ("malformed-file", "error", "malformed.json:4:5", "invalid JSON: Expecting ',' delimiter"),
    ] == found("malformed.json")


def test_malformed_json_lines() -> None:
    """A bad line of JSON Lines is reported and counted; the lines around it load."""
    ds = load("malformed.jsonl")
    assert [
        ("malformed-file", "error", "malformed.jsonl:2:1", "invalid JSON: Expecting ',' delimiter"),
    ] == found("malformed.jsonl")
    assert ["a", "c"] == [c.id for c in ds.claims]
    assert 3 == ds.records_read


def test_malformed_csv() -> None:
    """Bad CSV rows are reported and counted; the good rows load."""
    ds = load("malformed.csv")
    assert [
        ("malformed-file", "error", "malformed.csv:3", "invalid CSV: ',' expected after '\"'"),
        ("invalid-record", "error", "malformed.csv:4", "the row has 6 cells and the header 5"),
    ] == found("malformed.csv")
    assert ["a", "d"] == [c.id for c in ds.claims]
    assert 4 == ds.records_read


def test_empty_file() -> None:
    """An empty file is a warning, not an error."""
    assert [("empty-file", "warning", "empty.yaml", "the file holds no data")] == found(
        "empty.yaml"
    )


def test_binary_file() -> None:
    """A file with NUL bytes is not read, and the offset is named."""
    assert [
        ("unreadable-file", "error", "binary.yaml:2", "binary file: NUL byte at offset 17"),
    ] == found("binary.yaml")


def test_not_utf8() -> None:
    """A byte that is not UTF-8 stops the file there; the rows before it load."""
    ds = load("latin1.csv")
    assert [
        (
            "unreadable-file",
            "error",
            "latin1.csv:3",
            "not UTF-8: byte 0xe9 at offset 86 cannot be decoded",
        ),
    ] == found("latin1.csv")
    assert ["a"] == [c.id for c in ds.claims]


def test_missing_file() -> None:
    """A path that does not exist is a finding, not an exception."""
    assert [
        (
            "unreadable-file",
            "error",
            "nowhere.yaml",
            "cannot read the file: No such file or directory",
        ),
    ] == found("nowhere.yaml")


def test_unsupported_suffix(tmp_path: Path) -> None:
    """A file named explicitly with a suffix nobody reads is reported."""
    (tmp_path / "notes.txt").write_text("hello")
    [finding] = load(tmp_path / "notes.txt").findings
    assert "unreadable-file" == finding.code
    assert finding.message.startswith("unsupported file type '.txt' (expected .yaml, .yml, ")


def test_billion_laughs() -> None:
    """Alias expansion is measured before anything is built, and refused."""
    assert [
        (
            "alias-bomb",
            "error",
            "billion-laughs.yaml:1:1",
            "aliases would expand the document to 490,329,064 nodes from 28",
        ),
    ] == found("billion-laughs.yaml")


def test_too_many_aliases() -> None:
    """More than a hundred aliases in one file are refused."""
    assert [
        (
            "too-many-aliases",
            "error",
            "many-aliases.yaml:103:5",
            "the file uses more than 100 aliases; write the data out",
        ),
    ] == found("many-aliases.yaml")


def test_recursive_alias() -> None:
    """An alias inside the node it names would never end; refused."""
    assert [
        (
            "alias-bomb",
            "error",
            "recursive-alias.yaml:2:5",
            "alias 'x' refers to a node that contains it",
        ),
    ] == found("recursive-alias.yaml")


def test_too_deep() -> None:
    """Nesting far beyond what the model needs is refused before composing."""
    assert [
        ("too-deep", "error", "too-deep.yaml:1:72", "the data is nested more than 64 levels deep"),
    ] == found("too-deep.yaml")


# -- merging, ordering, formats ----------------------------------------------------------------


def test_kidal_example_loads_clean() -> None:
    """The Kidal example directory loads without errors and with every record counted."""
    ds = load(*KIDAL_FILES)
    assert [] == [f for f in ds.findings if f.severity == "error"]
    assert len(ds.claims) == ds.records_read
    assert {"kidal-2014.date.encyclopedia"} <= set(ds.locations)


def test_declarations_first_whatever_the_file_order(tmp_path: Path) -> None:
    """Claims read before the file declaring their measure and event still use both."""
    (tmp_path / "a-claims.yaml").write_text(
        "claims:\n  - {id: c, event: e, measure: held, value: 'November 8'}\n"
    )
    (tmp_path / "b-decl.yaml").write_text(
        "measures: {held: date}\nevents:\n  - {id: e, when: November 2023}\n"
    )
    ds = load(tmp_path)
    assert [] == list(ds.findings)
    assert "2023-11-08" == ds.claims[0].value.low.isoformat()  # type: ignore[union-attr]


def test_directory_skips_hidden_and_sorts(tmp_path: Path) -> None:
    """Directories are read recursively in sorted order, hidden files left out."""
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    line = '{{"id": "{}", "event": "e", "measure": "killed", "value": "1"}}\n'
    (tmp_path / "sub" / "b.jsonl").write_text(line.format("b"))
    (tmp_path / "a.ndjson").write_text(line.format("a"))
    (tmp_path / ".hidden" / "c.jsonl").write_text(line.format("c"))
    (tmp_path / ".d.jsonl").write_text(line.format("d"))
    (tmp_path / "readme.txt").write_text("not data")
    assert ["a", "b"] == [c.id for c in load(tmp_path).claims]


def test_csv_via_columns(tmp_path: Path) -> None:
    """CSV takes via as a chain or as numbered columns."""
    (tmp_path / "c.csv").write_text(
        "id,event,measure,value,via,via.0.outlet,via.0.published\n"
        "a,e,killed,40,Le Point [2] > encyclopedia,,\n"
        "b,e,killed,40,,Le Point,2014-08-19\n"
    )
    ds = load(tmp_path / "c.csv")
    assert [] == list(ds.findings)
    assert (Relay(outlet="Le Point", ref="[2]"), Relay(outlet="encyclopedia")) == ds.claims[0].via
    assert "2014-08-19" == str(ds.claims[1].via[0].published)


def test_json_list_of_claims(tmp_path: Path) -> None:
    """A JSON file may be a plain list of claims; positions point at each record."""
    (tmp_path / "c.json").write_text(
        '[\n  {"id": "a", "event": "e", "measure": "killed", "value": 40},\n'
        '  {"id": "b", "event": "e", "measure": "killed", "value": "x"}\n]\n'
    )
    ds = load(tmp_path / "c.json")
    assert ["a"] == [c.id for c in ds.claims]
    [finding] = ds.findings
    assert (3, 3, "b", "value") == (
        finding.location.line,
        finding.location.column,
        finding.location.record,
        finding.location.field,
    )


def test_yaml_keeps_value_text(tmp_path: Path) -> None:
    """Plain YAML scalars under value keep their text: 1:30 is not sexagesimal 90, no not false."""
    (tmp_path / "c.yaml").write_text(
        "claims:\n  - {id: a, event: e, measure: note, value: 1:30}\n"
        "  - {id: b, event: e, measure: answer, value: no}\n"
    )
    ds = load(tmp_path / "c.yaml")
    assert ["1:30", "no"] == [c.value.text for c in ds.claims]


def test_duplicate_yaml_key_is_reported(tmp_path: Path) -> None:
    """YAML silently keeps the last of two equal keys; the loader refuses the record."""
    (tmp_path / "c.yaml").write_text(
        "claims:\n  - id: a\n    event: e\n    measure: killed\n    value: 1\n    value: 2\n"
    )
    ds = load(tmp_path / "c.yaml")
    message = (
        "key 'value' appears twice, so which value is meant is a guess: the record that "
        "holds it is not read; keep one @ claims[0].value"
    )
    assert ([("duplicate-key", "error", message)], 0, 1) == (
        [(f.code, f.severity, f.message) for f in ds.findings],
        len(ds.claims),
        ds.records_read,
    )


def test_jsonl_is_streamed(tmp_path: Path) -> None:
    """JSON Lines records come out one at a time, before the rest of the file is read."""
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"id": "a", "event": "e", "measure": "killed", "value": "1"}\n\xff\xff\n')
    items = read_jsonl(path, "c.jsonl")
    first = next(items)
    assert {"id": "a", "event": "e", "measure": "killed", "value": "1"} == first.data  # type: ignore[union-attr]
    assert "unreadable-file" == next(items).problem.code  # type: ignore[union-attr]


def test_load_needs_a_path() -> None:
    """Calling load with nothing to read is a usage error."""
    with pytest.raises(DatasetError, match=r"^load\(\) needs at least one file or directory$"):
        load()


# -- dumping --------------------------------------------------------------------------------------


def test_dump_kidal_yaml(tmp_path: Path) -> None:
    """Values and dates that read back the same are written as their text."""
    (tmp_path / "k.yaml").write_text(KIDAL_YAML)
    ds = load(tmp_path / "k.yaml")
    out = io.StringIO()
    dump(ds, out, "yaml")
    text = out.getvalue()
    assert "  value: '40'\n" in text
    assert "  via: Le Point [2] > encyclopedia\n" in text
    assert "  when: 16-21 May 2014\n" in text


def test_dump_is_deterministic(tmp_path: Path) -> None:
    """Dumping twice gives the same bytes."""
    (tmp_path / "k.yaml").write_text(KIDAL_YAML)
    ds = load(tmp_path / "k.yaml")
    for fmt in ("yaml", "json"):
        a, b = io.StringIO(), io.StringIO()
        dump(ds, a, fmt)
        dump(ds, b, fmt)
        assert a.getvalue() == b.getvalue()


def test_dump_json_structured_when_text_would_change() -> None:
    """A value whose text reads differently is written structured."""
    claim = Claim(id="a", event="e", measure="killed", value=Quantity(low=1, high=9, text="40"))
    out = io.StringIO()
    dump(Dataset(claims=[claim]), out, "jsonl")
    assert {"kind": "quantity", "text": "40", "low": 1, "high": 9, "qualifier": "exact"} == (
        json.loads(out.getvalue())["value"]
    )


def test_dump_claims_only_formats_refuse_declarations() -> None:
    """CSV and JSON Lines hold claims only; losing declarations is refused."""
    with pytest.raises(DatasetError, match=r"^csv files hold claims only; write the actors"):
        dump(Dataset(events=[Event(id="e")]), io.StringIO(), "csv")


def test_dump_needs_a_format() -> None:
    """A stream without format= cannot be written."""
    with pytest.raises(DatasetError, match=r"^cannot tell the format to write"):
        dump(Dataset(), io.StringIO())


@FILE_EXAMPLES
@given(ds=datasets())
def test_round_trip_yaml_json(tmp_path: Path, ds: Dataset) -> None:
    """load(dump(ds)) gives back the claims and declarations, in YAML and JSON."""
    for suffix in ("yaml", "json"):
        path = tmp_path / f"d.{suffix}"
        dump(ds, path)
        back = load(path)
        assert [] == [f for f in back.findings if f.severity == "error"]
        assert [getattr(ds, f) for f in FIELDS] == [getattr(back, f) for f in FIELDS]


@FILE_EXAMPLES
@given(claim_list=datasets().map(lambda d: d.claims))
def test_round_trip_jsonl_csv(tmp_path: Path, claim_list: tuple[Claim, ...]) -> None:
    """load(dump(ds)) gives back the claims, in JSON Lines, CSV and Parquet."""
    ds = Dataset(claims=claim_list)
    for suffix in ("jsonl", "csv", "parquet"):
        if suffix == "parquet" and not _HAS_PYARROW:
            continue
        path = tmp_path / f"d.{suffix}"
        dump(ds, path)
        back = load(path)
        assert ds.claims == back.claims
        assert len(ds.claims) == back.records_read


@given(claim=claims())
def test_round_trip_single_claim_csv(claim: Claim) -> None:
    """Any one claim survives a CSV round trip through a stream and a file."""
    out = io.StringIO()
    dump(Dataset(claims=[claim]), out, "csv")
    assert out.getvalue().startswith("id,event,measure")


def test_folder_skips_baseline_and_excluded_files(tmp_path: Path) -> None:
    """A baseline kept beside the data is not data, and ``exclude`` leaves a file out."""
    (tmp_path / "claims.yaml").write_text(
        "claims:\n  - {id: a, event: e, measure: killed, value: '40'}\n", encoding="utf-8"
    )
    (tmp_path / "more.yaml").write_text(
        "claims:\n  - {id: b, event: e, measure: killed, value: '50'}\n", encoding="utf-8"
    )
    (tmp_path / "baseline.yaml").write_text("version: 1\nacknowledged: []\n", encoding="utf-8")
    dataset = load(tmp_path, exclude=[tmp_path / "more.yaml"])
    assert (["a"], ()) == ([c.id for c in dataset.claims], dataset.findings)


# -- Parquet --------------------------------------------------------------------------------------

needs_pyarrow = pytest.mark.skipif(not _HAS_PYARROW, reason="the parquet extra is not installed")


def _parquet(path: Path, rows: list[dict[str, object]]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = list(dict.fromkeys(k for row in rows for k in row))  # from_pylist reads row 0's
    pq.write_table(pa.Table.from_pylist([{k: r.get(k) for k in columns} for r in rows]), path)
    return path


@needs_pyarrow
def test_parquet_reads_as_jsonl_does(tmp_path: Path) -> None:
    """Text and JSON cells, native relay structs and via.N columns read like their JSON."""
    mnla = {
        "id": "k.mnla",
        "event": "kidal-2014",
        "measure": "killed",
        "party": "FAMa",
        "value": "40",
        "claimant": "MNLA",
        "via": [{"outlet": "Le Point", "ref": "[2]"}, {"outlet": "encyclopedia"}],
    }
    gov = {
        "id": "k.gov",
        "event": "kidal-2014",
        "measure": "killed",
        "party": "FAMa",
        "value": {"kind": "quantity", "low": 50, "high": 50, "text": "50"},
        "claimant": "Malian government",
        "via": [{"outlet": "Reuters", "url": "https://reuters.example/1"}],
    }
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in (mnla, gov)))
    native = _parquet(
        tmp_path / "native.parquet", [{**mnla}, {**gov, "value": json.dumps(gov["value"])}]
    )
    columns = _parquet(
        tmp_path / "columns.parquet",
        [
            {
                **{k: v for k, v in r.items() if k != "via"},
                "value": v if isinstance(v := r["value"], str) else json.dumps(v),
            }
            | {f"via.{i}.{f}": x for i, relay in enumerate(r["via"]) for f, x in relay.items()}  # type: ignore[attr-defined]
            for r in (mnla, gov)
        ],
    )
    expected = load(tmp_path / "c.jsonl").claims
    for path in (native, columns):
        loaded = load(path)
        assert [] == list(loaded.findings)
        assert expected == loaded.claims


@needs_pyarrow
def test_parquet_findings_name_row_and_field(tmp_path: Path) -> None:
    """A bad cell is a finding at its row and field; the other rows still load."""
    path = _parquet(
        tmp_path / "c.parquet",
        [
            {"id": "a", "event": "e", "measure": "killed", "value": "40", "claimnt": None},
            {"id": "b", "event": "e", "measure": "killed", "value": "forty-ish?!", "claimnt": None},
        ],
    )
    ds = load(path)
    assert ["a"] == [c.id for c in ds.claims]
    assert 2 == ds.records_read
    assert [
        ("unknown-field", "claimnt", "unknown field 'claimnt' (did you mean 'claimant'?)"),
        ("invalid-value", "value", ds.findings[1].message),
    ] == [(f.code, f.location.field, f.message) for f in ds.findings]
    assert {str(path)} == {f.location.file for f in ds.findings}
    assert ds.findings[1].message.endswith("@ claims[1].value")


@needs_pyarrow
def test_unreadable_parquet(tmp_path: Path) -> None:
    """A file that is not Parquet is a finding, not a traceback."""
    (tmp_path / "c.parquet").write_bytes(b"PAR1 not really")
    (finding,) = load(tmp_path / "c.parquet").findings
    assert ("malformed-file", "error") == (finding.code, finding.severity)
    assert finding.message.startswith("not a readable Parquet file: ")


def test_parquet_without_pyarrow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the extra, reading Parquet says what to install; writing refuses."""
    import claimdiff._loader.parquet as parquet

    def missing(module: str) -> None:
        raise ImportError(module)

    monkeypatch.setattr(parquet, "_pyarrow", missing)
    (tmp_path / "c.parquet").write_bytes(b"PAR1")
    (finding,) = load(tmp_path / "c.parquet").findings
    assert (
        "unreadable-file",
        "reading Parquet needs pyarrow: pip install 'claimdiff[parquet]'",
    ) == (
        finding.code,
        finding.message,
    )
    with pytest.raises(DatasetError, match=r"^writing Parquet needs pyarrow"):
        dump(Dataset(), tmp_path / "d.parquet")


def test_parquet_is_written_to_a_path_only() -> None:
    with pytest.raises(DatasetError, match=r"^Parquet is written to a path"):
        dump(Dataset(), io.StringIO(), "parquet")


@needs_pyarrow
def test_parquet_column_named_twice(tmp_path: Path) -> None:
    """As in CSV, a repeated column is a finding and the first of the two is read."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    cells = [["a"], ["e"], ["killed"], ["40"], ["50"]]
    names = ["id", "event", "measure", "value", "value"]
    pq.write_table(pa.table([pa.array(c) for c in cells], names=names), tmp_path / "c.parquet")
    ds = load(tmp_path / "c.parquet")
    assert [("malformed-file", "column 'value' appears twice")] == [
        (f.code, f.message) for f in ds.findings
    ]
    assert ["40"] == [c.value.text for c in ds.claims]


@needs_pyarrow
def test_parquet_native_value_structs(tmp_path: Path) -> None:
    """Values as native structs read as their JSON does: nulls dropped, open bounds kept."""
    values = [
        {"kind": "quantity", "low": None, "high": 22, "text": "up to 22"},
        {"kind": "category", "members": ["FAMa"], "text": "FAMa"},
    ]
    records = [
        {"id": f"c{i}", "event": "e", "measure": m, "value": v}
        for i, (m, v) in enumerate(zip(["killed", "controller"], values, strict=True))
    ]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    path = _parquet(tmp_path / "c.parquet", records)  # one struct column: every field in each
    loaded = load(path)
    assert [] == list(loaded.findings)
    assert load(tmp_path / "c.jsonl").claims == loaded.claims


@needs_pyarrow
def test_parquet_native_dates(tmp_path: Path) -> None:
    """Date columns (``as_of``, ``stated``, a relay's ``published``) may be Parquet dates."""
    import datetime as dt

    path = _parquet(
        tmp_path / "c.parquet",
        [
            {
                "id": "a",
                "event": "kidal-2014",
                "measure": "controller",
                "value": "MNLA",
                "as_of": dt.date(2014, 5, 21),
                "stated": dt.date(2014, 5, 22),
                "via.0.outlet": "RFI",
                "via.0.published": dt.date(2014, 5, 23),
            }
        ],
    )
    ds = load(path)
    assert [] == list(ds.findings)
    (claim,) = ds.claims
    assert claim.as_of is not None
    assert (dt.date(2014, 5, 21), dt.date(2014, 5, 22), dt.date(2014, 5, 23)) == (
        claim.as_of.low,
        claim.stated,
        claim.via[0].published,
    )


@needs_pyarrow
def test_parquet_via_chain_and_columns_in_one_row(tmp_path: Path) -> None:
    """As in CSV, a row giving via both ways is refused, with its row and field; the next loads."""
    row = {"id": "a", "event": "e", "measure": "killed", "value": "40"}
    path = _parquet(
        tmp_path / "c.parquet",
        [{**row, "via": "RFI", "via.0.outlet": "Reuters"}, {**row, "id": "b"}],
    )
    ds = load(path)
    assert [
        (
            "invalid-record",
            "via",
            "give via as a chain or as via.N columns, not both @ claims[0].via",
        )
    ] == [(f.code, f.location.field, f.message) for f in ds.findings]
    assert (["b"], 2) == ([c.id for c in ds.claims], ds.records_read)


def test_csv_via_chain_and_columns_in_one_row(tmp_path: Path) -> None:
    """A CSV row giving via both ways is refused at its line and field."""
    (tmp_path / "c.csv").write_text(
        "id,event,measure,value,via,via.0.outlet\na,e,killed,40,RFI,Reuters\nb,e,killed,40,,\n"
    )
    ds = load(tmp_path / "c.csv")
    assert [
        (
            "invalid-record",
            2,
            "via",
            "give via as a chain or as via.N columns, not both @ claims[0].via",
        )
    ] == [(f.code, f.location.line, f.location.field, f.message) for f in ds.findings]
    assert ["b"] == [c.id for c in ds.claims]
