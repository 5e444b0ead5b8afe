"""Hostile and careless files: each is read into findings with a place, never a traceback,
and every record met is counted."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from claimdiff import load, overview, reconcile
from claimdiff._loader.load import dataset_files
from claimdiff.cli import main

CLAIM = "  - id: c{n}\n    event: e\n    measure: killed\n    value: {value}\n    claimant: a{n}\n"


def _yaml(tmp_path: Path, *claims: str, name: str = "claims.yaml") -> Path:
    path = tmp_path / name
    path.write_text("claims:\n" + "".join(claims), encoding="utf-8")
    return path


def _codes(path: Path) -> list[tuple[str, str, int | None, str | None]]:
    dataset = load(path)
    return [(f.code, f.severity, f.location.line, f.location.field) for f in dataset.findings]


@pytest.mark.parametrize(
    ("scalar", "message"),
    [
        ("!!int abc", "invalid YAML: 'abc' is not a valid int"),
        ("!!float xyz", "invalid YAML: 'xyz' is not a valid float"),
        ("!!bool maybe", "invalid YAML: 'maybe' is not a valid bool"),
        ("!!timestamp 2014-13-45", "invalid YAML: '2014-13-45' is not a valid timestamp"),
        ("!!timestamp 2014-13-45x", "invalid YAML: '2014-13-45x' is not a valid timestamp"),
    ],
)
def test_yaml_tag_with_a_bad_scalar_is_a_finding(tmp_path: Path, scalar: str, message: str) -> None:
    """A YAML tag whose scalar does not fit it is an error at its line and field; the rest of
    the file is read."""
    path = _yaml(tmp_path, CLAIM.format(n=1, value=4) + f"    notes: {scalar}\n")
    dataset = load(path)
    found = [(f.code, f.location.line, f.location.field) for f in dataset.findings]
    assert [("malformed-file", 7, "claims[0].notes")] == found
    assert dataset.findings[0].message.startswith(message)
    assert 1 == dataset.records_read


def test_yaml_integer_of_too_many_digits_is_a_finding(tmp_path: Path) -> None:
    """A whole number of more than 4,300 digits in YAML is an error, not a traceback."""
    path = _yaml(tmp_path, CLAIM.format(n=1, value=4) + "    notes: " + "9" * 5000 + "\n")
    assert [("malformed-file", "error", 7, "claims[0].notes")] == _codes(path)


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_json_integer_of_too_many_digits_refuses_its_record(tmp_path: Path, suffix: str) -> None:
    """A whole number of more than 4,300 digits in JSON refuses its record, and the next
    record is still read."""
    big = '{"id": "c1", "event": "e", "measure": "killed", "value": 4, "claimant": "a", '
    big += '"notes": ' + "9" * 5000 + "}"
    ok = '{"id": "c2", "event": "e", "measure": "killed", "value": 3, "claimant": "b"}'
    path = tmp_path / f"claims{suffix}"
    text = f"{big}\n{ok}\n" if suffix == ".jsonl" else f'{{"claims": [{big},\n{ok}]}}'
    path.write_text(text, encoding="utf-8")
    dataset = load(path)
    messages = [(f.code, f.message) for f in dataset.findings]
    expected = [
        (
            "invalid-record",
            "expected a string, got a whole number of 5,000 digits @ claims[0].notes",
        )
    ]
    assert (expected, ["c2"], 2) == (
        messages,
        [c.id for c in dataset.claims],
        dataset.records_read,
    )


def test_bound_beyond_float_range_is_refused_at_load(tmp_path: Path) -> None:
    """A structured bound too large for a float is refused when read, so reconcile never
    meets it."""
    huge = str(10**309)
    path = tmp_path / "claims.json"
    path.write_text(
        '[{"id": "c1", "event": "e", "measure": "killed", "claimant": "a", '
        f'"value": {{"kind": "quantity", "low": {huge}, "high": {huge}}}}}]',
        encoding="utf-8",
    )
    dataset = load(path)
    reconcile(dataset)
    assert [
        "expected a number of at most 1.8e+308, got a whole number of about 309 digits"
        " @ claims[0].value.high",
        "expected a number of at most 1.8e+308, got a whole number of about 309 digits"
        " @ claims[0].value.low",
    ] == sorted(f.message for f in dataset.findings)


@pytest.mark.parametrize("suffix", [".yaml", ".csv"])
def test_via_with_a_line_break_is_a_finding(tmp_path: Path, suffix: str) -> None:
    """A ``via`` chain holding a line break is refused with a message, in YAML and CSV."""
    if suffix == ".yaml":
        path = _yaml(tmp_path, CLAIM.format(n=1, value=4) + '    via: "Le Point\\nReuters"\n')
    else:
        path = tmp_path / "claims.csv"
        path.write_text(
            'id,event,measure,value,claimant,via\nc1,e,killed,4,a,"Le Point\nReuters"\n',
            encoding="utf-8",
        )
    dataset = load(path)
    assert [
        "expected an outlet's name on one line (a chain is written 'A > B'), got "
        "'Le Point\\nReuters' @ claims[0].via"
    ] == [f.message for f in dataset.findings]


LINES = [
    b'{"id": "c1", "event": "e", "measure": "killed", "value": 4, "claimant": "a"}\n',
    b'{"id": "c2", "event": "e", "measure": "killed", "value": 3, "claimant": "b"}\n',
    b'{"id": "c3", "event": "e", "measure": "killed", "value": 9, "claimant": "c"}\n',
]
ROWS = [b"id,event,measure,value,claimant\n", b"c1,e,killed,4,a\n", b"c2,e,killed,3,b\n"]


@pytest.mark.parametrize("bad", [b"\xff", b"\x00"])
@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_one_bad_byte_loses_only_its_line(tmp_path: Path, bad: bytes, suffix: str) -> None:
    """A byte that is not UTF-8, or a NUL, on one line of JSON Lines or CSV refuses that
    line's record at its line; the later lines are read and every record is counted."""
    lines = LINES if suffix == ".jsonl" else ROWS
    first = 0 if suffix == ".jsonl" else 1
    data = list(lines)
    data[first] = data[first].replace(b'"a"' if suffix == ".jsonl" else b",a", bad + b"a")
    path = tmp_path / f"claims{suffix}"
    path.write_bytes(b"".join(data))
    dataset = load(path)
    found = [(f.code, f.location.line) for f in dataset.findings]
    expected_ids = ["c2", "c3"] if suffix == ".jsonl" else ["c2"]
    assert ([("unreadable-file", first + 1)], expected_ids, len(lines) - first) == (
        found,
        [c.id for c in dataset.claims],
        dataset.records_read,
    )


@pytest.mark.parametrize("bad", [b"\xe9", b"\x00"])
@pytest.mark.parametrize("where", ["first line of the cell", "second line of the cell"])
def test_bad_byte_in_a_multiline_cell_refuses_only_its_row(
    tmp_path: Path, bad: bytes, where: str
) -> None:
    """A bad byte inside a quoted CSV cell that spans lines refuses that row only: the
    cell's other lines are never read as rows of their own, and the rows after it are read."""
    first, second = (
        (b"caf" + bad, b"as retold")
        if where.startswith("first")
        else (
            b"first line",
            b"caf" + bad,
        )
    )
    path = tmp_path / "claims.csv"
    path.write_bytes(
        b"id,event,measure,value,claimant,notes\n"
        b"c1,e1,killed,10,a,ok\n"
        b'c2,e1,killed,10,b,"' + first + b"\n"
        b"c9,e1,killed,500,a," + second + b'"\n'
        b"c3,e1,killed,10,b,fine\n"
    )
    dataset = load(path)
    assert (["c1", "c3"], ["unreadable-file"], 3) == (
        [c.id for c in dataset.claims],
        [f.code for f in dataset.findings],
        dataset.records_read,
    )


@pytest.mark.parametrize(("second", "what"), [("~", "nothing"), ("{id: c2}", "a mapping")])
def test_repeated_claims_key_that_is_no_list_is_an_error(
    tmp_path: Path, second: str, what: str
) -> None:
    """A ``claims`` key repeated at the top with something other than a list keeps the first
    list and is an error that says what the second held, never a silent drop."""
    path = tmp_path / "claims.yaml"
    path.write_text("claims:\n" + CLAIM.format(n=1, value=4) + f"claims: {second}\n", "utf-8")
    dataset = load(path)
    message = (
        f"key 'claims' appears twice at the top of the document; the second time it holds "
        f"{what}, not a list, which is not read: merge them"
    )
    assert (["c1"], [("duplicate-key", "error", message)]) == (
        [c.id for c in dataset.claims],
        [(f.code, f.severity, f.message) for f in dataset.findings],
    )


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_repeated_claims_key_reads_both_lists_and_is_an_error(tmp_path: Path, suffix: str) -> None:
    """A ``claims`` key repeated at the top reads both lists (each claim where it was
    written) and is an error, so a check fails rather than hide a contradiction."""
    path = tmp_path / f"claims{suffix}"
    if suffix == ".yaml":
        path.write_text(
            "claims:\n" + CLAIM.format(n=1, value=4) + "claims:\n" + CLAIM.format(n=2, value=300),
            encoding="utf-8",
        )
    else:
        path.write_text(
            '{"claims": [{"id": "c1", "event": "e", "measure": "killed", "value": 4, '
            '"claimant": "a1"}],\n"claims": [{"id": "c2", "event": "e", "measure": "killed", '
            '"value": 300, "claimant": "a2"}]}',
            encoding="utf-8",
        )
    dataset = load(path)
    report = reconcile(dataset)
    lines = {"c1": 2, "c2": 8} if suffix == ".yaml" else {"c1": 1, "c2": 2}
    assert (
        [("duplicate-key", "error")],
        lines,
        2,
        ["contradiction"],
    ) == (
        [(f.code, f.severity) for f in dataset.findings],
        {k: v.line for k, v in dataset.locations.items()},
        dataset.records_read,
        [g.verdict for g in report.groups],
    )


@pytest.mark.parametrize("column", ["via.100000.outlet", "via." + "9" * 5000 + ".outlet"])
def test_relay_column_beyond_the_limit_is_refused(tmp_path: Path, column: str) -> None:
    """A ``via.N.field`` column with N past the relay limit is one error, not N relays."""
    path = tmp_path / "claims.csv"
    path.write_text(f"id,event,measure,value,claimant,{column}\nc1,e,killed,4,a,x\n", "utf-8")
    dataset = load(path)
    shown = column if len(column) <= 60 else column[:57] + "..."
    assert (
        [
            (
                "malformed-file",
                f"column {shown!r}: a via chain holds at most 100 relays (via.0 to via.99)",
            )
        ],
        ["c1"],
    ) == ([(f.code, f.message) for f in dataset.findings], [c.id for c in dataset.claims])


@pytest.mark.parametrize("field", ["value", "as_of"])
def test_value_text_beyond_the_limit_is_refused_briefly(tmp_path: Path, field: str) -> None:
    """A value or date text longer than the limit is refused with a message that shows only
    its start."""
    text = "1 " * 600_000
    claim = CLAIM.format(n=1, value=4 if field == "as_of" else f'"{text}"')
    if field == "as_of":
        claim += f'    as_of: "{text}"\n'
    dataset = load(_yaml(tmp_path, claim))
    message = (
        "a value's text holds at most 1,000 characters, got 1,200,000: '"
        + "1 " * 28
        + "1...' @ claims[0]."
        + field
    )
    assert [("invalid-value", message)] == [(f.code, f.message) for f in dataset.findings]


def test_unknown_top_level_json_field_has_a_line(tmp_path: Path) -> None:
    """An unknown top-level JSON key holding a scalar points at its document's line."""
    path = tmp_path / "claims.json"
    path.write_text('\n\n  {"claims": [], "x": 1}', encoding="utf-8")
    assert [("unknown-field", "error", 3, "x")] == _codes(path)


def test_corrupt_parquet_row_group_loses_only_its_rows(tmp_path: Path) -> None:
    """A Parquet row group that cannot be read is one finding that counts its rows; the
    other row groups are read."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rows = [
        {"id": f"c{i}", "event": "e", "measure": "killed", "value": str(i), "claimant": f"a{i}"}
        for i in range(4)
    ]
    path = tmp_path / "claims.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=2, compression="NONE")
    at = pq.ParquetFile(path).metadata.row_group(0).column(0).data_page_offset
    data = bytearray(path.read_bytes())
    data[at] ^= 0xFF  # the first page's header: its row group cannot be decoded
    path.write_bytes(bytes(data))
    dataset = load(path)
    report = reconcile(dataset)
    messages = [f.message for f in dataset.findings]
    assert (["c2", "c3"], 1, True, 4, 4) == (
        [c.id for c in dataset.claims],
        len(messages),
        messages[0].startswith("row group 0 (rows 0 to 1) could not be read, 2 row(s) lost: "),
        dataset.records_read,
        report.summary.records,
    )


@pytest.mark.parametrize("suffix", [".yaml", ".jsonl", ".csv", ".parquet"])
def test_pipe_is_refused_not_waited_on(tmp_path: Path, suffix: str) -> None:
    """A named pipe given as a dataset file is an unreadable file, not a hung run."""
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")
    path = tmp_path / f"claims{suffix}"
    os.mkfifo(path)
    dataset = load(path)
    assert [("unreadable-file", "not a regular file (a pipe or a device)")] == [
        (f.code, f.message) for f in dataset.findings
    ]


def test_link_out_of_a_dataset_folder_is_an_error_not_read(tmp_path: Path) -> None:
    """A file in a dataset folder that links outside the folder, to nothing or round in a
    loop, a link to a folder outside and a pipe are not read, and each is an error naming
    it; a link inside the folder is read."""
    folder = tmp_path / "data"
    folder.mkdir()
    _yaml(folder, CLAIM.format(n=1, value=4))
    _yaml(tmp_path, CLAIM.format(n=2, value=400), name="outside.yaml")
    (folder / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    (folder / "inside.yaml").symlink_to(folder / "claims.yaml")
    (folder / "nothing.json").symlink_to(tmp_path / "missing.json")
    (folder / "loop.csv").symlink_to(folder / "loop.csv")
    (folder / "more").symlink_to(tmp_path)
    (folder / "notes.txt").symlink_to(tmp_path / "outside.yaml")  # not data by its name
    os.mkfifo(folder / "pipe.jsonl")
    dataset = load(folder)
    root = str(folder.resolve())
    assert (
        [
            (
                str(folder / "link.yaml"),
                f"a link to a file outside {root!r}: not read (name the file itself to read it)",
            ),
            (str(folder / "loop.csv"), "a link that leads round in a loop: not read"),
            (
                str(folder / "more"),
                f"a link to a folder outside {root!r}: not read "
                "(name the folder itself to read it)",
            ),
            (str(folder / "nothing.json"), "a link to nothing: not read"),
            (str(folder / "pipe.jsonl"), "not a regular file (a pipe or a device): not read"),
        ],
        {"unreadable-file"},
        {"error"},
        [str(folder / "claims.yaml"), str(folder / "inside.yaml")],
    ) == (
        [(f.location.file, f.message) for f in dataset.findings if f.code == "unreadable-file"],
        {f.code for f in dataset.findings} - {"duplicate-id"},
        {f.severity for f in dataset.findings},
        dataset_files([folder]),
    )


def test_folder_of_only_a_link_out_exits_2_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``check`` on a folder whose only data file links outside exits 2 and prints why."""
    folder = tmp_path / "data"
    folder.mkdir()
    _yaml(tmp_path, CLAIM.format(n=2, value=400), name="outside.yaml")
    (folder / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    code = main(["check", str(folder)])
    expected = (
        f"{folder / 'link.yaml'}: error: a link to a file outside {str(folder.resolve())!r}: "
        "not read (name the file itself to read it) [unreadable-file]\n"
        f"claimdiff: error: no dataset files in {str(folder)!r}\n"
    )
    assert (2, expected) == (code, capsys.readouterr().err)


@pytest.mark.parametrize("engine", ["python", "overview"])
def test_check_fails_on_a_link_out_of_the_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, engine: str
) -> None:
    """``check`` of a folder holding a link out of it fails on an error naming the link,
    whichever engine runs."""
    folder = tmp_path / "data"
    folder.mkdir()
    _yaml(folder, CLAIM.format(n=1, value=4))
    _yaml(tmp_path, CLAIM.format(n=2, value=400), name="outside.yaml")
    (folder / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    code = main(["check", str(folder), "-f", "json", "--engine", engine])
    out = json.loads(capsys.readouterr().out)
    assert (1, [("unreadable-file", str(folder / "link.yaml"))], 1) == (
        code,
        [(f["code"], f["location"]["file"]) for f in out["findings"]],
        out["summary"]["errors"],
    )


_TWICE = (
    "key 'value' appears twice, so which value is meant is a guess: the record that holds it "
    "is not read; keep one @ claims[{n}].value"
)


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".jsonl"])
def test_key_repeated_in_a_record_refuses_that_record_only(tmp_path: Path, suffix: str) -> None:
    """A key written twice inside a claim refuses that claim with an error at its line (a
    reader that keeps the last value hides the first); the other claims are read."""
    claims = [
        '{"id": "c1", "event": "e", "measure": "killed", "value": 4, "claimant": "a"}',
        '{"id": "c2", "event": "e", "measure": "killed", "value": 4, "value": 400, '
        '"claimant": "b"}',
        '{"id": "c3", "event": "e", "measure": "killed", "value": 4, "claimant": "c"}',
    ]
    path = tmp_path / f"claims{suffix}"
    if suffix == ".jsonl":
        path.write_text("\n".join(claims) + "\n", encoding="utf-8")
    else:  # JSON's flow mappings are YAML too
        path.write_text('{"claims": [\n' + ",\n".join(claims) + "\n]}\n", encoding="utf-8")
    dataset = load(path)
    line = 2 if suffix == ".jsonl" else 3
    assert (["c1", "c3"], 3, [("duplicate-key", "error", line, _TWICE.format(n=1))]) == (
        [c.id for c in dataset.claims],
        dataset.records_read,
        [(f.code, f.severity, f.location.line, f.message) for f in dataset.findings],
    )


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_key_repeated_in_a_declaration_refuses_it(tmp_path: Path, suffix: str) -> None:
    """A key written twice in an actor or deep in a claim's relays refuses that record."""
    path = tmp_path / f"claims{suffix}"
    path.write_text(
        '{"actors": [{"id": "a", "name": "A", "name": "B"}, {"id": "b", "name": "B"}],\n'
        '"claims": [{"id": "c1", "event": "e", "measure": "killed", "value": 4, '
        '"claimant": "b", "via": [{"outlet": "x", "outlet": "y"}]},\n'
        '{"id": "c2", "event": "e", "measure": "killed", "value": 4, "claimant": "b"}]}\n',
        encoding="utf-8",
    )
    dataset = load(path)
    assert (["b"], ["c2"], [("a", "name"), ("c1", "via[0].outlet")]) == (
        [a.id for a in dataset.actors],
        [c.id for c in dataset.claims],
        sorted(
            (f.location.record or "", f.location.field or "")
            for f in dataset.findings
            if f.code == "duplicate-key"
        ),
    )


def test_overview_of_a_folder_with_a_link_out_names_it(tmp_path: Path) -> None:
    """``overview`` of a folder holding a link out of it has the same error as ``load``."""
    folder = tmp_path / "data"
    folder.mkdir()
    _yaml(folder, CLAIM.format(n=1, value=4))
    _yaml(tmp_path, CLAIM.format(n=2, value=400), name="outside.yaml")
    (folder / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    found = overview(folder)
    assert ([("unreadable-file", str(folder / "link.yaml"))], 1) == (
        [(f.code, f.location.file) for f in found.findings],
        found.summary.errors,
    )
