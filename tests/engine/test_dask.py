"""The Dask path gives the report the single-machine reconciler gives, on a local cluster."""

from __future__ import annotations

import json
import random
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

pytest.importorskip("dask.distributed", reason="the dask extra is not installed")

import dask.bag as db
import dask.dataframe as dd
import pandas as pd
from dask.distributed import Client, LocalCluster

from claimdiff import Actor, Document, Event, Finding, Overview, load, make_converter, reconcile
from claimdiff.dask import read_claims, reconcile_dask, reconcile_dataset
from tests.engine.test_overview_equals_report import DECLARATIONS, clean_files, plain_files
from tests.engine.test_overview_equals_report import _files as declared_files

ACTORS = (
    Actor(id="fama", name="Malian Armed Forces", aliases=("FAMa",), side="mali"),
    Actor(id="mnla", name="MNLA", side="rebels"),
    Actor(id="csp", name="CSP-PSD", side="rebels"),
    Actor(id="reuters", name="Reuters"),
    Actor(id="medical", name="medical sources"),
)
CLAIMANTS = ["FAMa", "fama", "MNLA", "CSP-PSD", "medical sources", "Reuters", None]


def _records(n: int, seed: int) -> list[dict[str, Any]]:
    """Claims over many events: figures that agree and contradict, swapped killed and wounded
    figures, dates, controllers, denials, text values, and a group of mixed kinds."""
    rng = random.Random(seed)
    records: list[dict[str, Any]] = []
    for i in range(n):
        event = f"e{rng.randrange(n // 6 + 1):04d}"
        roll = rng.random()
        record: dict[str, Any] = {"id": f"c{i:05d}", "event": event}
        if roll < 0.5:
            record["measure"] = rng.choice(["killed", "wounded"])
            record["party"] = rng.choice(["fama", "FAMa", "mnla"])
            low = rng.choice([40, 50, 12, 30])
            record["value"] = rng.choice(
                [
                    {"kind": "quantity", "low": low, "high": low, "text": str(low)},
                    {
                        "kind": "quantity",
                        "low": low,
                        "high": None,
                        "text": f"at least {low}",
                        "qualifier": "at_least",
                    },
                    str(low),
                    f"about {low}",
                ]
            )
        elif roll < 0.7:
            record["measure"] = "date"
            record["value"] = rng.choice(
                ["14 November 2023", "November 2023", "since 2014", "2023-11-20"]
            )
        elif roll < 0.85:
            record["measure"] = "controller"
            record["place"] = "Kidal"
            record["value"] = {
                "kind": "category",
                "members": [rng.choice(["FAMa", "MNLA"])],
                "text": "x",
            }
        elif roll < 0.95:
            record["measure"] = "advanced"
            record["value"] = {"kind": "proposition", "holds": True, "text": "advanced"}
            if rng.random() < 0.3:
                record["stance"] = "denies"
        else:
            record["measure"] = "strength"
            record["value"] = rng.choice(["about 300", "unknown", "14 November 2023"])
        claimant = rng.choice(CLAIMANTS)
        if claimant:
            record["claimant"] = claimant
        if rng.random() < 0.5:
            record["via"] = [{"outlet": rng.choice(["Reuters", "RFI", "Le Point"])}]
        records.append(record)
    # Two origins whose killed and wounded figures are each other's swapped.
    for origin, (killed, wounded) in (("MNLA", (40, 50)), ("CSP-PSD", (50, 40))):
        for measure, figure in (("killed", killed), ("wounded", wounded)):
            records.append(
                {
                    "id": f"swap-{origin}-{measure}",
                    "event": "e0000",
                    "measure": measure,
                    "party": "fama",
                    "claimant": origin,
                    "value": {
                        "kind": "quantity",
                        "low": figure,
                        "high": figure,
                        "text": str(figure),
                    },
                }
            )
    return records


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """A local cluster of two workers with one thread each, in this process (what a
    partition sends back is pickled by ``check --engine dask``'s test, on worker processes)."""
    with (
        LocalCluster(
            # ":0": a free port, as another cluster on the machine may hold the default one
            n_workers=2,
            threads_per_worker=1,
            processes=False,
            dashboard_address=":0",
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def claims_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSON Lines file of generated claims."""
    path = tmp_path_factory.mktemp("claims") / "claims.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _records(1500, 7)), encoding="utf-8")
    return path


def _json(report: Any) -> str:
    return json.dumps(make_converter().unstructure(report), sort_keys=True)


def _declarations(folder: Path, **sections: Any) -> Path:
    """A JSON file declaring ACTORS (and any other sections given)."""
    path = folder / "declarations.json"
    data = {"actors": ACTORS, **sections}
    path.write_text(json.dumps(make_converter().unstructure(data)), encoding="utf-8")
    return path


def _single_machine(folder: Path, lines: list[str], **sections: Any) -> Overview:
    """The overview of the single machine's report on these JSON lines, ACTORS declared
    beside them."""
    claims = folder / "claims.jsonl"
    claims.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return Overview.of(reconcile(load(_declarations(folder, **sections), claims)))


def _where_free(finding: Finding) -> tuple[str | None, ...]:
    """A finding as both paths can give it: no file, line or column, no `@ path` suffix, and
    no `(first at file:line)` in messages about duplicate ids."""
    message = re.sub(r" \(first at [^)]*\)", "", finding.message.rsplit(" @ ", 1)[0])
    where = finding.location
    return (finding.code, finding.severity, where.record, where.field, message)


def _answers(overview: Overview) -> Overview:
    """What an overview answers, less its findings and the groups kept whole besides the
    contradictions (the engine keeps every group it reconciled claim by claim)."""
    return attrs.evolve(overview, findings=(), details=overview.contradictions())


def _assert_same(expected: Overview, actual: Overview) -> None:
    """Equal overviews, findings compared without where in a file they point."""
    assert _json(_answers(expected)) == _json(_answers(actual))
    assert sorted(map(_where_free, expected.findings), key=str) == sorted(
        map(_where_free, actual.findings), key=str
    )
    # In input order both: the records the findings are about come in the same order.
    assert [f.location.record for f in expected.findings] == [
        f.location.record for f in actual.findings
    ]


def test_bag_of_lines_equals_single_machine(
    client: Client, claims_file: Path, tmp_path: Path
) -> None:
    """JSON Lines read in blocks and reconciled on the cluster give the single-machine report."""
    expected = Overview.of(reconcile(load(_declarations(tmp_path), claims_file)))
    result = reconcile_dask(read_claims(str(claims_file), blocksize=20_000), actors=ACTORS)
    assert result.groups.npartitions > 1
    assert expected.summary.transpositions > 0
    assert expected.findings  # undeclared outlets
    _assert_same(expected, result.to_overview())
    assert expected.summary == result.summary


def test_dataframe_equals_single_machine(client: Client, tmp_path: Path) -> None:
    """A Dask DataFrame of claim fields gives the single-machine report too."""
    records = _records(400, 11)
    frame = pd.DataFrame(
        [
            {
                **r,
                "value": r["value"] if isinstance(r["value"], str) else json.dumps(r["value"]),
                "via": json.dumps(r["via"]) if "via" in r else None,
            }
            for r in records
        ]
    )
    expected = _single_machine(tmp_path, [json.dumps(r) for r in records])
    result = reconcile_dask(dd.from_pandas(frame, npartitions=3), actors=ACTORS)
    _assert_same(expected, result.to_overview())


def test_bag_of_mappings(client: Client, tmp_path: Path) -> None:
    """A bag of claim mappings works like a file, and the groups frame has one row a group."""
    records = _records(300, 5)
    result = reconcile_dask(db.from_sequence(records, npartitions=4), actors=ACTORS)
    expected = _single_machine(tmp_path, [json.dumps(r) for r in records])
    _assert_same(expected, result.to_overview())
    frame = result.groups.compute()
    assert expected.summary.groups == len(frame)
    assert expected.summary.claims == int(frame["claims"].sum())


def test_unreadable_records_become_findings(client: Client) -> None:
    """A record that cannot be read is counted as rejected and reported, not raised."""
    records = _records(20, 3)
    # A date given for a count is refused (it was once read as its day: "14 November 2023"
    # as 14), so those records are rejected too.
    dates = sum(r.get("measure") == "strength" and "November" in str(r["value"]) for r in records)
    lines = [json.dumps(r) for r in records] + ['{"id": "bad", "event": "e1"}', "{"]
    result = reconcile_dask(db.from_sequence(lines, npartitions=2), actors=ACTORS)
    assert 2 + dates == result.summary.rejected
    assert 20 + 4 - dates == result.summary.claims  # the swapped figures come with every sample
    errors = {f.code for f in result.findings if f.severity == "error"}
    assert {"invalid-record", "malformed-file"} | ({"invalid-value"} if dates else set()) == errors


def test_parquet_equals_single_machine(client: Client, tmp_path: Path) -> None:
    """Claims in Parquet (values and relays as JSON text cells) give the same report."""
    pytest.importorskip("pyarrow", reason="the parquet extra is not installed")
    records = _records(500, 13)
    frame = pd.DataFrame(
        [
            {
                **r,
                "value": r["value"] if isinstance(r["value"], str) else json.dumps(r["value"]),
                "via": json.dumps(r["via"]) if "via" in r else None,
            }
            for r in records
        ]
    )
    frame.to_parquet(tmp_path / "claims.parquet", row_group_size=100)
    claims = dd.read_parquet(tmp_path / "claims.parquet", split_row_groups=True)
    result = reconcile_dask(claims, actors=ACTORS)
    expected = _single_machine(tmp_path, [json.dumps(r) for r in records])
    _assert_same(expected, result.to_overview())


def test_loaded_dataset_equals_single_machine(client: Client, claims_file: Path) -> None:
    """A loaded dataset, load findings and all, reconciles on Dask as on one machine."""
    actors = claims_file.parent / "actors.json"
    actors.write_text(
        json.dumps({"actors": make_converter().unstructure(ACTORS)}), encoding="utf-8"
    )
    dataset = load(actors, claims_file)
    assert dataset.findings  # undeclared outlets: the loader warns
    expected = Overview.of(reconcile(dataset))
    assert _json(_answers(expected)) == _json(_answers(reconcile_dataset(dataset, npartitions=3)))
    assert expected.findings == reconcile_dataset(dataset, npartitions=3).findings


def _flawed_lines(n: int, seed: int) -> list[str]:
    """Generated claims, then what the loader reports, each later in the input than the
    claims it clashes with."""
    records = _records(n, seed)
    lines = [json.dumps(r) for r in records]
    first, other = records[0], next(r for r in records if r["event"] != records[0]["event"])
    lines[n // 2 : n // 2] = [
        # A name that matches no declaration, and another event and document.
        json.dumps({**first, "id": "x-names", "claimant": "Ansar Dine", "document": "doc2"}),
        json.dumps({**first, "id": "x-text", "measure": "killed", "value": "fourty"}),
        json.dumps({**first, "id": "x-field", "claimnt": "MNLA"}),
        json.dumps({**first, "id": "x-type", "quote": 5}),
        '{"id": "x-keys", "event": "e0001", "measure": "killed", "value": "3", "value": "4"}',
        '{"id": "x-json", ',
        # The only controller claim of its event: its member is judged by the others.
        json.dumps(
            {
                "id": "x-member",
                "event": "lonely",
                "measure": "controller",
                "value": {"kind": "category", "members": ["Ansar Dine"], "text": "x"},
            }
        ),
    ]
    lines += [
        json.dumps({**first, "value": "12"}),  # the same id in the same event, later
        json.dumps({**other, "id": first["id"]}),  # ... and in another event
        json.dumps({**first, "id": "x-text", "value": "7"}),  # the first x-text was invalid
    ]
    return lines


def test_load_findings_equal_single_machine(client: Client, tmp_path: Path) -> None:
    """Unknown names, fields and values, wrong types, broken lines and duplicate ids are
    reported, counted and rejected as the single machine does it."""
    lines = _flawed_lines(600, 17)
    events = [Event(id=f"e{i:04d}") for i in range(0, 90, 2)]
    documents = [Document(id="doc1")]
    expected = _single_machine(tmp_path, lines, events=events, documents=documents)
    codes = {f.code for f in expected.findings}
    assert {
        "unknown-actor",
        "unknown-event",
        "unknown-document",
        "unknown-field",
        "invalid-value",
        "invalid-record",
        "duplicate-key",
        "duplicate-id",
        "malformed-file",
    } <= codes
    assert any(
        "'Ansar Dine'" in f.message and f.location.field == "value" for f in expected.findings
    )
    result = reconcile_dask(
        db.from_sequence(lines, npartitions=5),
        actors=ACTORS,
        events=events,
        documents=documents,
        npartitions=4,
    )
    _assert_same(expected, result.to_overview())
    assert expected.summary == result.summary


def test_an_id_first_unreadable_in_another_event(client: Client, tmp_path: Path) -> None:
    """The claim kept for an id is the first that can be read, whichever event the
    unreadable records before it name, as the loader keeps it."""
    lines = [
        json.dumps({"id": "c0", "event": "a", "measure": "date", "value": "40"}),
        json.dumps({"id": "c0", "event": "b", "measure": "killed", "value": "40"}),
        json.dumps({"id": "c0", "event": "c", "measure": "killed", "value": "50"}),
    ]
    expected = _single_machine(tmp_path, lines)
    assert ["invalid-value", "duplicate-id"] == [f.code for f in expected.findings]
    result = reconcile_dask(db.from_sequence(lines, npartitions=3), actors=ACTORS, npartitions=3)
    _assert_same(expected, result.to_overview())
    assert expected.summary == result.summary


def test_an_empty_id_in_two_events_is_a_duplicate(client: Client, tmp_path: Path) -> None:
    """An empty id is an id: two events' records carrying it are a duplicate, as the loader
    says, and not two claims (Hypothesis found the partitions keeping both)."""
    lines = [
        json.dumps({"id": "c0", "event": "kidal-2014", "measure": "killed", "value": "40"}),
        json.dumps({"id": "", "event": "kidal-2014", "measure": "killed", "value": "40"}),
        json.dumps({"id": "", "event": "drone-2023", "measure": "killed", "value": "40"}),
    ]
    expected = _single_machine(tmp_path, lines)
    assert ["duplicate-id"] == [f.code for f in expected.findings]
    for parts in (2, 3):
        result = reconcile_dask(
            db.from_sequence(lines, npartitions=parts), actors=ACTORS, npartitions=parts
        )
        _assert_same(expected, result.to_overview())
        assert expected.summary == result.summary


def test_a_record_only_python_s_json_reads_keeps_its_event(client: Client, tmp_path: Path) -> None:
    """A record the loader reads but strict JSON does not (``Infinity``) is shuffled with its
    own event, so an id it shares with that event's records is judged as the loader judges
    it (Hypothesis found it sent to a partition of its own)."""
    said = {"event": "kidal-2014", "document": "doc-1", "claimant": "fama", "party": "fama"}
    plain = json.dumps({"id": "c0", "event": "kidal-2014", "measure": "killed", "value": "40"})
    odd = json.dumps({"id": "", **said, "measure": "advanced", "value": 40})
    lines = [plain] * 14 + [odd.replace('"value": 40', '"value": Infinity')] + [odd] * 5
    paths = declared_files(tmp_path, lines, declare=True)
    dataset = load(*paths)
    expected = Overview.of(reconcile(dataset))
    result = reconcile_dask(
        db.from_sequence(lines, npartitions=3),
        actors=dataset.actors,
        events=dataset.events,
        documents=dataset.documents,
        measures=dataset.measures,
        npartitions=3,
    )
    _assert_same(expected, result.to_overview())
    assert expected.summary == result.summary


def test_actor_measures_are_learned_from_every_event(client: Client, tmp_path: Path) -> None:
    """A category member is judged by what every event's claims say the measure holds, not
    only by the claims that share its partition."""
    lines = [
        json.dumps(
            {
                "id": f"c-{event}",
                "event": event,
                "measure": "controller",
                "value": {"kind": "category", "members": [member], "text": member},
            }
        )
        for event, member in (("a", "MNLA"), ("b", "Ansar Dine"))
    ]
    expected = _single_machine(tmp_path, lines)
    result = reconcile_dask(db.from_sequence(lines, npartitions=2), actors=ACTORS, npartitions=8)
    homes = [set(p.compute()["event"]) for p in result.groups.to_delayed()]
    # Two partitions: what makes "controller" a measure of actors is in the other one.
    assert {"a"} in homes
    assert {"b"} in homes
    assert ["unknown-actor"] == [f.code for f in expected.findings]
    _assert_same(expected, result.to_overview())


_PROPERTY = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,  # the cluster is the module's, shared on purpose
    ],
)


@_PROPERTY
@given(claim_lines=plain_files(), parts=st.integers(1, 3))
def test_plain_lines_equal_single_machine(
    client: Client, claim_lines: list[str], parts: int
) -> None:
    """Lines of the plain shape, read in columns on every partition, give the one machine's
    answers: denials, options, scopes, labels, contradictions, findings."""
    with tempfile.TemporaryDirectory() as tmp:
        (path,) = declared_files(Path(tmp), claim_lines, declare=False)
        expected = Overview.of(reconcile(load(path)))
    lines = db.from_sequence(claim_lines, npartitions=parts)
    result = reconcile_dask(lines, npartitions=parts)
    _assert_same(expected, result.to_overview())
    assert expected.summary == result.summary


@_PROPERTY
@given(claim_lines=clean_files(), everything=st.booleans(), parts=st.integers(1, 3))
def test_declared_lines_equal_single_machine(
    client: Client, claim_lines: list[str], everything: bool, parts: int
) -> None:
    """Mostly clean lines with declarations (actors and aliases, and events, documents and
    measures too) give the one machine's answers, unknown names and odd lines included."""
    assume(any(line.strip() for line in claim_lines))  # a file of no record is a finding
    with tempfile.TemporaryDirectory() as tmp:
        paths = declared_files(Path(tmp), claim_lines, declare=True)
        if everything:
            paths.append(Path(tmp) / "declared.json")
            paths[-1].write_text(json.dumps(DECLARATIONS), encoding="utf-8")
        dataset = load(*paths)
    expected = Overview.of(reconcile(dataset))
    lines = db.from_sequence([line for line in claim_lines if line.strip()], npartitions=parts)
    result = reconcile_dask(
        lines,
        actors=dataset.actors,
        events=dataset.events,
        documents=dataset.documents,
        measures=dataset.measures,
        npartitions=parts,
    )
    _assert_same(expected, result.to_overview())
    assert expected.summary == result.summary
