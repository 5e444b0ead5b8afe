"""``overview`` gives the report's answers: ``overview(*paths)`` equals
``Overview.of(reconcile(load(*paths)))`` in its summary, groups, transpositions, findings and
policy, and keeps every contradiction, whole, among its details."""

from __future__ import annotations

import csv
import importlib.util
import json
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

import attrs
import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimdiff
from claimdiff import (
    DEFAULT_POLICY,
    DatasetError,
    GroupKey,
    Overview,
    ValuePolicy,
    dump,
    load,
    overview,
    reconcile,
)
from claimdiff._loader.load import dataset_files
from claimdiff.cli import main

ROOT = Path(__file__).resolve().parent.parent.parent
KIDAL = ROOT / "examples" / "kidal"


def _assert_answers_alike(
    *paths: Path,
    policy: ValuePolicy = DEFAULT_POLICY,
    exclude: Iterable[Path] = (),
) -> Overview:
    """Assert that ``overview(*paths)`` answers as the report of ``load(*paths)`` does, and
    that the engine's reading builds ``load``'s very dataset."""
    from claimdiff._engine.read import dataset

    loaded = load(*paths, policy=policy, exclude=exclude)
    built = dataset(dataset_files(paths, exclude), policy)
    assert loaded == built
    assert loaded.locations == built.locations
    assert loaded.records_read == built.records_read
    report = reconcile(loaded)
    expected = Overview.of(report)
    actual = overview(*paths, policy=policy, exclude=exclude)
    assert expected.summary == actual.summary
    assert expected.groups == actual.groups
    assert expected.transpositions == actual.transpositions
    assert expected.findings == actual.findings
    assert expected.policy == actual.policy
    kept = {g.key for g in actual.details}
    # Each detail is the report's group of that key, once, in the report's order.
    assert tuple(g for g in report.groups if g.key in kept) == actual.details
    assert {g.key for g in expected.details} <= kept
    return actual


# -- generated datasets ---------------------------------------------------------------------

ACTORS = [
    {
        "id": "fama",
        "name": "Malian Armed Forces",
        "aliases": ["FAMa", "Malian army"],
        "side": "mali",
    },
    {"id": "mnla", "name": "MNLA", "side": "rebels"},
    {"id": "csp", "name": "CSP-PSD", "side": "rebels"},
    {"id": "reuters", "name": "Reuters", "kind": "outlet"},
    {"id": "rfi", "name": "RFI", "kind": "outlet"},
]
NAMES = [
    "fama",
    "FAMa",
    "Malian army",
    "mnla",
    "MNLA",
    "csp",
    "CSP-PSD",
    "Reuters",
    "RFI",
    "civilians",
    "Radio Kidal",
]
TEXTS = [
    "40",
    "50",
    "about 1,000",
    "at least ten",
    "150-200",
    "fourteen",
    "up to 50",
    "dozens",
    "14 November 2023",
    "November 2023",
    "since 2014",
    "by October 31",
    "2014",
    "FAMa",
    "MNLA",
    "rebel victory",
    "unknown",
    "fourty",
    "",
    "1959 or 1966",
]

counts = st.one_of(st.none(), st.integers(0, 300), st.sampled_from([1.5, 2.0, True]))
days = st.one_of(
    st.none(), st.sampled_from(["2014-05-17", "2023-11-14", "2023-02-30", "20231114", 7])
)
structured = st.one_of(
    st.fixed_dictionaries(
        {"kind": st.just("quantity"), "low": counts, "high": counts},
        optional={
            "text": st.sampled_from(["40", "40-50", 40]),
            "qualifier": st.sampled_from(["exact", "range", "at_least", "roughly"]),
            "nominal": counts,
            "options": st.one_of(
                st.lists(
                    st.fixed_dictionaries(
                        {"low": counts, "high": counts},
                        optional={
                            "kind": st.sampled_from(["quantity", "date", 1]),
                            "text": st.just("40"),
                            "nominal": counts,
                            "options": st.just([{"low": 40, "high": 40}]),
                            "precision": st.just("day"),  # not a quantity's
                        },
                    ),
                    max_size=2,
                ),
                st.sampled_from([40, [40], {"low": 40, "high": 40}]),
            ),
        },
    ),
    st.fixed_dictionaries(
        {"kind": st.just("date"), "low": days, "high": days},
        optional={
            "text": st.just("May 2014"),
            "precision": st.sampled_from(["day", "month", "week"]),
            "options": st.lists(
                st.fixed_dictionaries(
                    {"low": days, "high": days},
                    optional={"kind": st.sampled_from(["date", "quantity"])},
                ),
                max_size=2,
            ),
        },
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("category"),
            "members": st.lists(st.sampled_from([*NAMES, 3]), max_size=2),
        },
        optional={"text": st.just("FAMa")},
    ),
    st.fixed_dictionaries(
        {"kind": st.just("proposition")},
        optional={"holds": st.sampled_from([True, False, 1]), "text": st.just("advanced")},
    ),
    st.fixed_dictionaries({"kind": st.sampled_from(["unknown", "quantiy"])}),
)
values = st.one_of(
    st.sampled_from(TEXTS),
    structured,
    # Figures as JSON numbers (read as their text), and what is not a value.
    st.sampled_from([40, None, [1], 2.5, True, 40.0, 2014, -3, 2**70, 1e21]),
)
relays = st.one_of(
    st.fixed_dictionaries({"outlet": st.sampled_from(NAMES)}),
    st.fixed_dictionaries(
        {"outlet": st.sampled_from(NAMES)},
        optional={
            "url": st.just("https://x.example/1"),
            "published": days,
            "ref": st.just("[2]"),
            "title": st.sampled_from(["T", None]),
        },
    ),
    st.just({"url": "https://x.example/2"}),
    st.sampled_from(["Reuters", "Radio Kidal [3]", " ", "[2]"]),  # by name; without an outlet
)
#: Scopes as text (with and without a year, EDTF, not a date), as mappings, and odd ones.
AS_OF: list[Any] = [
    "17 May 2014",
    "2014",
    "May",
    "late 2013",
    "2013-02-30",
    "2014-05/2014-06",
    "not a date",
    "40",
    None,
    2014,
    {"kind": "date", "low": "2014-05-17", "high": "2014-05-17"},
    {"kind": "date", "low": "2014-05-01", "high": "2014-05-31", "precision": "month"},
    {"kind": "quantity", "low": 1, "high": 1},
    {"low": "2014-05-17", "high": "2014-05-17"},
]

claims = st.fixed_dictionaries(
    {
        "id": st.sampled_from([f"c{i}" for i in range(40)]),
        "event": st.sampled_from(["kidal-2014", "drone-2023"]),
        "measure": st.sampled_from(
            [
                "killed",
                "wounded",
                "date",
                "controller",
                "outcome",
                "advanced",
                "strength",
                "mystery",
            ]
        ),
        "value": values,
    },
    optional={
        "party": st.sampled_from([*NAMES, None, 4]),
        "place": st.sampled_from(["Kidal", "Gao"]),
        "claimant": st.sampled_from([*NAMES, None]),
        "via": st.one_of(st.lists(relays, max_size=3), st.just("Reuters > RFI [3]"), st.none()),
        "stance": st.sampled_from(["asserts", "denies", "maybe", None]),
        "document": st.sampled_from(["doc-1", None]),
        "quote": st.sampled_from(["40 killed", None]),
        "notes": st.just("n"),
        "stated": st.sampled_from(["2014-05-20", "May 2014", "2014-02-30", "2023-11-14", None]),
        "as_of": st.sampled_from(AS_OF),
        "claimnt": st.just("typo"),
    },
)


@st.composite
def lines(draw: st.DrawFn) -> str:
    """One line of a JSON Lines file: mostly a claim, sometimes something odd."""
    record: dict[str, Any] = draw(claims)
    text = json.dumps(record, ensure_ascii=False)
    oddity = draw(st.sampled_from(["none"] * 12 + ["repeat", "broken", "blank", "list", "pad"]))
    if oddity == "repeat":
        return text[:-1] + ', "event": "kidal-2014"}'
    if oddity == "broken":
        return text[:-1]
    if oddity == "blank":
        return "   "
    if oddity == "list":
        return "[1, 2]"
    if oddity == "pad":
        return "  " + text
    return text


def _files(directory: Path, claim_lines: list[str], declare: bool) -> list[Path]:
    paths = []
    if declare:
        actors = directory / "actors.json"
        actors.write_text(json.dumps({"actors": ACTORS}), encoding="utf-8")
        paths.append(actors)
    claims_file = directory / "claims.jsonl"
    claims_file.write_text("\n".join(claim_lines) + "\n", encoding="utf-8")
    paths.append(claims_file)
    return paths


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    claim_lines=st.lists(lines(), max_size=30),
    declare=st.booleans(),
)
def test_overview_equals_report(claim_lines: list[str], declare: bool) -> None:
    """overview answers as the report does for any JSON Lines file, odd lines and all."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = _files(Path(tmp), claim_lines, declare)
        _assert_answers_alike(*paths)


#: Category members: declared actors, their aliases, and names nobody declared.
MEMBERS = ["MNLA", "FAMa", "fama", "csp", "civilians", "Radio Kidal", "rebel-victory"]
#: Events, documents and measure kinds, declared beside the actors: unknown events and
#: documents draw warnings, and text values take their kind and year from here.
DECLARATIONS = {
    "events": [{"id": "kidal-2014", "when": "May 2014"}],
    "documents": [{"id": "doc-1"}],
    "measures": {"advanced": "proposition", "wounded": "count", "outcome": "category"},
}

OPTIONS_40_50: Final = {
    "kind": "quantity",
    "low": 40,
    "high": 50,
    "text": "40 or 50",
    "qualifier": "alternatives",
    "options": [
        {"kind": "quantity", "low": 40, "high": 40, "text": "40", "nominal": 40},
        {"low": 50, "high": 50, "text": "50", "nominal": 50},
    ],
}
OPTIONS_DAYS: Final = {
    "kind": "date",
    "low": "2014-05-17",
    "high": "2014-05-21",
    "qualifier": "alternatives",
    "options": [
        {"kind": "date", "low": "2014-05-17", "high": "2014-05-17"},
        {"low": "2014-05-21", "high": "2014-05-21"},
    ],
}
clean_values = st.one_of(
    st.sampled_from([40, 50, 40.0, 2014, 2**70, 1e400, True]),  # JSON numbers, read as text
    st.sampled_from(
        [
            "40",
            "50",
            "about 50",
            "dozens",
            "at least 40",
            "14 November 2023",
            "May 2014",
            "17 May",
            "FAMa",
            "Ansar Dine",
            "rebel-victory",
            "yes",
            "unknown",
        ]
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("quantity"),
            "low": st.sampled_from([40, 50, None]),
            "high": st.sampled_from([40, 50, 60, None]),
        },
        optional={
            "text": st.just("40"),
            "qualifier": st.sampled_from(["exact", "at_least"]),
            "nominal": st.just(40),
        },
    ),
    # "40 or 50" and "1959 or 1966" as dump writes them (an option's kind may be left out).
    st.sampled_from([OPTIONS_40_50, OPTIONS_DAYS]),
    st.fixed_dictionaries(
        {
            "kind": st.just("category"),
            "members": st.lists(st.sampled_from(MEMBERS), min_size=1, max_size=2, unique=True),
        },
        optional={"text": st.just("MNLA")},
    ),
    st.fixed_dictionaries({"kind": st.just("proposition")}, optional={"holds": st.booleans()}),
    st.fixed_dictionaries(
        {
            "kind": st.just("date"),
            "low": st.just("2014-05-17"),
            "high": st.sampled_from(["2014-05-17", "2014-05-21", None]),
        },
        optional={"precision": st.just("day")},
    ),
    st.just({"kind": "unknown"}),
)
#: Relays given as a chain of text, as dump writes them.
CHAIN = "Reuters > RFI [3]"
#: A figure with a fraction given as a mapping: readable, but not of the lane's types.
FRACTION = {"kind": "quantity", "low": 40.5, "high": 40.5}
SPAN_2013 = {"low": "2013-01-01", "high": "2013-12-31", "precision": "year"}

clean_claims = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["", *(f"c{i}" for i in range(12))]),  # lists of 40 repeat ids
        "event": st.sampled_from(["kidal-2014", "drone-2023", "kidal-2104"]),
        "measure": st.sampled_from(
            ["killed", "wounded", "missing", "controller", "outcome", "date", "advanced"]
        ),
        "value": clean_values,
    },
    optional={
        "party": st.sampled_from(["fama", "FAMa", "mnla", "civilians", None]),
        "place": st.sampled_from(["Kidal", "Gao", "Ménaka"]),
        "claimant": st.sampled_from([*NAMES, "", "Radio Ménaka"]),
        "via": st.one_of(
            st.lists(
                st.one_of(
                    st.fixed_dictionaries(
                        {"outlet": st.sampled_from(NAMES)},
                        optional={
                            "published": st.sampled_from(
                                ["2014-05-20", "2023-11-20", "2023-02-30"]
                            ),
                            "title": st.sampled_from(["T", None]),
                            "ref": st.just("[2]"),
                        },
                    ),
                    st.sampled_from(["Reuters", "Gao FM [2]", ""]),  # by name
                ),
                max_size=3,
            ),
            # Chains as text, as dump writes them (one without an outlet).
            st.sampled_from([CHAIN, "Le Point [2] > Gao FM", "Radio Ménaka", " > RFI"]),
        ),
        "stance": st.sampled_from(["asserts", "denies"]),
        "stated": st.sampled_from(["2014-05-20", "2023-11-14", "2014-02-30", "May 2014", None]),
        "as_of": st.sampled_from(
            ["2014", "May", "17 May 2014", "2013-02-30", None, {"kind": "date", **SPAN_2013}]
        ),
        "document": st.sampled_from(["doc-1", "doc-2"]),
        "quote": st.sampled_from(
            ["40 killed", 'said "40"', "tués : 40", "a/b\nc", "C:\\x", "40 \U0001f600"]
        ),
        "notes": st.just("n"),
    },
)


@st.composite
def clean_files(draw: st.DrawFn) -> list[str]:
    """Lines of a file, mostly clean: a few claims told again and again by other origins
    (so that groups agree), written spaced or compact; one line in ten is odd, and now and
    then a line is broken in two, joined to the next, or spaced out."""
    told = draw(st.lists(clean_claims, min_size=1, max_size=4))
    out = []
    for _ in range(draw(st.integers(0, 40))):
        if draw(st.integers(0, 9)) == 0:
            out.append(draw(lines()))
            continue
        record: dict[str, Any] = dict(draw(st.sampled_from(told)))
        record["id"] = draw(st.sampled_from(["", *(f"c{i}" for i in range(30))]))
        record["claimant"] = draw(st.sampled_from([*NAMES, "", "Radio Ménaka"]))
        if draw(st.integers(0, 3)) == 0:
            record["value"] = draw(clean_values)
        compact, ascii_only = draw(st.booleans()), draw(st.booleans())
        out.append(
            json.dumps(record, ensure_ascii=ascii_only, separators=(",", ":") if compact else None)
        )
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
        if not out:
            break
        # A line broken in two, two lines joined, or white space before every colon.
        at = draw(st.integers(0, len(out) - 1))
        how = draw(st.sampled_from(["break", "join", "space"]))
        if how == "break":
            out[at : at + 1] = out[at].split(",", 1)
        elif how == "join":
            out[at : at + 2] = [" ".join(out[at : at + 2])]
        else:
            out[at] = out[at].replace('":', '" :')
    return out


def _dataset(directory: Path, claim_lines: list[str], declare: str, split: int) -> list[Path]:
    """The lines in one file, or two when ``split`` falls among them, and declarations:
    ``nothing``, the ``actors``, or ``everything`` (the actors and :data:`DECLARATIONS`)."""
    paths = _files(directory, claim_lines[:split], declare != "nothing")
    if split < len(claim_lines):
        more = directory / "more.jsonl"
        more.write_text("\n".join(claim_lines[split:]), encoding="utf-8")
        paths.append(more)
    if declare == "everything":
        declared = directory / "declared.json"
        declared.write_text(json.dumps(DECLARATIONS), encoding="utf-8")
        paths.append(declared)
    return paths


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    claim_lines=clean_files(),
    declare=st.sampled_from(["nothing", "actors", "everything"]),
    split=st.integers(0, 50),
)
def test_overview_equals_report_on_clean_lines(
    claim_lines: list[str], declare: str, split: int
) -> None:
    """Files of mostly clean lines (some of the plain shape, some not) give the report's
    answers: repeated ids, unknown names and category members, agreeing groups, declared
    events and measures, a second file."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = _dataset(Path(tmp), claim_lines, declare, split)
        _assert_answers_alike(*paths)


# -- lines the lane must get right ----------------------------------------------------------


def _line(cid: str, value: Any = "40", measure: str = "killed", **fields: Any) -> str:
    return json.dumps(
        {"id": cid, "event": "kidal-2014", "measure": measure, "value": value, **fields}
    )


def _category(cid: str, measure: str, *members: str) -> str:
    return _line(cid, {"kind": "category", "members": list(members)}, measure, claimant="RFI")


CLEAN = [
    _line("a", claimant="MNLA"),
    _line("b", claimant="FAMa"),
    _line("c", "50", "wounded", claimant="MNLA"),
]
TAIL = '"event": "kidal-2014", "measure": "killed", "value": "50", "claimant": "RFI"}'
DAY = {"kind": "date", "low": "2014-05-17", "high": "2014-05-17"}
UNKNOWN_FIELD = '{"id": "b", "event": "kidal-2014", "measure": "killed", "value": "9", "x": 1}'

EXAMPLES: dict[str, list[str]] = {
    "repeated key": [*CLEAN, '{"id": "c1", "id": "c2", ' + TAIL, _line("c2"), _line("c1")],
    "repeated key, space before the colon": [*CLEAN, '{"id": "c1", "id" : "c2", ' + TAIL],
    "repeated value key": [
        *CLEAN,
        _line("d", measure="wounded")[:-1]
        + ', "value": {"kind": "quantity", "low": 50, "high": 50}}',
    ],
    "repeated key in the value": [
        *CLEAN,
        _line("d", {"kind": "quantity", "low": 40, "high": 40}).replace(
            '"low": 40', '"low": 50, "low": 40'
        ),
        _line("e", {"kind": "quantity", "low": 40, "high": 40}).replace(
            '"kind": "quantity"', '"kind": "quantity", "kind": "quantity"'
        ),
    ],
    # An option without its kind, whose repeated key the kind written back would hide.
    "repeated key in an option": [
        *CLEAN,
        _line("d", OPTIONS_40_50, claimant="RFI").replace(
            '"low": 50, "high": 50', '"low": 50, "low": 50, "high": 50'
        ),
        _line("e", OPTIONS_DAYS, "date").replace(
            '"low": "2014-05-21", "high"', '"low": "2014-05-21", "low": "2014-05-21", "high"'
        ),
    ],
    "escaped quote": [*CLEAN, _line("d", quote='he said "40"', claimant="RFI")],
    "escaped quotes and a brace before an unknown relay": [
        *CLEAN,
        _line("d", via=[{"outlet": "RFI", "title": 'a "{" b'}, {"outlet": "Gao FM"}]),
    ],
    "escaped quote in an id": [*CLEAN, _line('d"1', claimant="RFI"), _line('d"1')],
    "blank line and two objects on a line": [CLEAN[0], "", CLEAN[1] + " " + CLEAN[2]],
    "two objects on a line": [CLEAN[0], CLEAN[1] + CLEAN[2], _line("d")],
    "a claim over two lines, and two claims on a line": [
        CLEAN[0].replace('"measure"', '\n"measure"'),
        CLEAN[1] + " " + CLEAN[2],
    ],
    "blank first line": ["  ", *CLEAN],
    "duplicate id: clean, then odd": [*CLEAN, _line("b", "fourty")],
    "duplicate id: clean, then odd but readable": [*CLEAN, _line("b", FRACTION)],
    "duplicate id: odd, then clean": [_line("b", FRACTION), *CLEAN],
    "duplicate id: rejected, then clean": [UNKNOWN_FIELD, *CLEAN],
    "duplicate id: clean, then clean": [*CLEAN, _line("a", "50", claimant="RFI")],
    "id with a \\u escape equal to a clean line's": [
        *CLEAN,
        _line("d").replace('"d"', '"\\u0061"'),
    ],
    "clean id equal to a \\u escaped one before it": [
        CLEAN[0].replace('"a"', '"\\u0061"'),
        *CLEAN,
    ],
    "figures as JSON numbers": [
        *CLEAN,
        _line("d", 40, claimant="RFI"),
        _line("e", 40.0, claimant="Reuters"),
        _line("f", 4e1, claimant="AFP"),
        _line("g", 50, "wounded", claimant="RFI"),
        _line("h", 2014, "date", claimant="RFI"),
        _line("i", -3, "missing", claimant="RFI"),
        _line("j", 2**70, "missing", claimant="MNLA"),
        _line("k", True, "missing", claimant="FAMa"),
        _line("l", 40, "missing", claimant="csp").replace("40", "1e400"),
    ],
    "float value": [
        *CLEAN,
        _line("d", {"kind": "quantity", "low": 1.5, "high": 1.5}, claimant="RFI"),
        _line("e", {"kind": "quantity", "low": 40.0, "high": 40.0}, claimant="Reuters"),
        _line("f", {"kind": "quantity", "low": 40, "high": 40}, claimant="csp"),
    ],
    "exponent": [
        *CLEAN,
        _line("d", {"kind": "quantity", "low": 40, "high": 40}).replace('"low": 40', '"low": 4e1'),
    ],
    "integer beyond 64 bits": [
        *CLEAN,
        _line("d", {"kind": "quantity", "low": 40, "high": 2**70}, claimant="RFI"),
    ],
    "denial of a number": [*CLEAN, _line("d", stance="denies", claimant="RFI")],
    "denial alone": [_line("d", stance="denies", claimant="RFI"), CLEAN[2]],
    "relay with an invalid day": [
        *CLEAN,
        _line("d", via=[{"outlet": "Reuters", "published": "2023-02-30"}]),
        _line("e", via=[{"outlet": "RFI", "published": "20231114"}]),
    ],
    "relay with a day giving a date its year": [
        _line("d", "14 November", "date", via=[{"outlet": "Reuters", "published": "2023-11-20"}]),
        _line("e", DAY, "date", via=[{"outlet": "RFI"}]),
    ],
    "scope and statement dates": [
        *CLEAN,
        _line("d", as_of="17 May 2014", claimant="RFI"),
        _line("e", as_of="17 May 2014", claimant="MNLA"),
        _line("f", "17 May", "date", stated="2014-05-20"),
    ],
    "statement dates": [
        *CLEAN,
        _line("d", stated="2014-05-20", claimant="RFI"),
        _line("e", stated=None, claimant="Reuters"),
        _line("f", stated="2014-02-30", claimant="csp"),
        _line("g", stated="20 May 2014", claimant="MNLA"),
        _line("h", stated=20140520, claimant="FAMa"),
    ],
    "a statement date gives a date its year, before a relay's": [
        _line("d", "14 November", "date", stated="2023-11-14", claimant="RFI"),
        _line(
            "e",
            "14 November",
            "date",
            stated="2023-11-14",
            via=[{"outlet": "Reuters", "published": "2014-11-20"}],
        ),
        _line("f", "14 November", "date", stated="2014-02-30", via=[{"outlet": "AFP"}]),
        _line("g", "14 November", "date", via=[{"outlet": "AFP", "published": "2014-11-20"}]),
    ],
    "scopes": [
        *CLEAN,
        _line("d", "MNLA", "controller", as_of="May 2014", claimant="RFI"),
        _line("e", "FAMa", "controller", as_of="May 2014", claimant="FAMa"),
        _line("f", "MNLA", "controller", as_of="2014-05", claimant="MNLA"),
        _line("g", "MNLA", "controller", as_of={"kind": "date", **SPAN_2013}, claimant="RFI"),
        _line("h", "MNLA", "controller", as_of="May", stated="2013-06-01", claimant="csp"),
        _line("i", "MNLA", "controller", as_of=None, claimant="Reuters"),
        _line("j", "MNLA", "controller", as_of="2013-02-30", claimant="AFP"),
        _line("k", "MNLA", "controller", as_of={"kind": "quantity", "low": 1, "high": 1}),
        _line("l", "MNLA", "controller", as_of={"low": "2013-01-01", "high": "2013-12-31"}),
        _line("m", "MNLA", "controller", as_of=2014),
    ],
    "a scope gives a date its year": [
        _line("d", "17 May", "date", as_of="2013", stated="2014-05-20", claimant="RFI"),
        _line("e", "17 May", "date", as_of={"kind": "date", **SPAN_2013}, claimant="MNLA"),
        _line("f", "17 May", "date", as_of="May", stated="2013-06-01", claimant="FAMa"),
    ],
    # A scope mapping without its kind is not the lane's: its kind, put back when the row is
    # encoded again, once made up for the colon of the repeated key.
    "a scope without its kind, and a repeated key": [
        *CLEAN,
        _line("d", as_of={"low": "2014-05-17", "high": "2014-05-17"}, claimant="RFI")[:-1]
        + ', "event": "kidal-2014"}',
    ],
    "relays given by name": [
        *CLEAN,
        _line("d", via=["Gao FM", {"outlet": "Radio Kidal", "title": "T"}, "Le Républicain"]),
        _line("e", via=["RFI [2]", {"outlet": "Gao FM", "published": "2014-05-20"}]),
        _line("f", "17 May", "date", via=["RFI", {"outlet": "AFP", "published": "2014-05-20"}]),
        _line("g", via=["", "RFI"]),
        _line("h", via=[{"outlet": "RFI", "published": "2014-02-30"}, "AFP"]),
    ],
    "relay given as a chain": [*CLEAN, _line("d", via="Reuters > RFI [3]")],
    "white space before the via colon": [
        *CLEAN,
        _line("d", via=[{"outlet": "RFI"}, {"outlet": "Le Monde"}]).replace('"via":', '"via" :'),
    ],
    "unknown names": [
        *CLEAN,
        _line("d", claimant="Radio Kidal", party="civilians", via=[{"outlet": "Le Monde"}]),
        _line("e", claimant="Radio Kidal", party="civilians", via=[{"outlet": "RFI"}]),
    ],
    "null names": [*CLEAN, _line("d", party=None, claimant=None, document=None, place=None)],
    "null via": [*CLEAN, _line("d", via=None)],
    "colon in a string": [*CLEAN, _line("d", quote="killed: 40", notes="a:b", claimant="RFI")],
    "non-ASCII": [*CLEAN, _line("d", "40", quote="tués : 40", claimant="RFI")],
    "non-ASCII written as is": [
        *CLEAN,
        _line("d", "40", quote="tués : 40", claimant="RFI").replace("\\u00e9", "é"),
    ],
    "escaped non-ASCII in unknown names and relays": [
        *CLEAN,
        _line("d", claimant="Radio Ménaka", via=[{"outlet": "Le Républicain"}, {"outlet": "RFI"}]),
        _line("e", party="Ménaka", claimant="Gao FM", via=[{"outlet": "Le Républicain"}]),
    ],
    "escaped colon beside a repeated key": [
        *CLEAN,
        '{"id": "c1", "id": "c2", "quote": "a\\u003ab", ' + TAIL,
        '{"id": "c3", "quote": "a\\u003Ab", "id": "c4", ' + TAIL,
    ],
    "escaped non-ASCII beside a repeated key": [
        *CLEAN,
        '{"id": "c1", "id": "c2", "quote": "tu\\u00e9s", ' + TAIL,
    ],
    "escaped letter in a key": [
        *CLEAN,
        _line("d", via=[{"outlet": "RFI"}], claimant="Gao FM").replace('"via"', '"v\\u0069a"'),
        _line("e", claimant="MNLA").replace('"value"', '"v\\u0061lue"'),
    ],
    "escaped backslash and slash, new line and tab": [
        *CLEAN,
        _line("d", quote="C:\\data\\n", claimant="RFI"),
        _line("e", quote="a/b\nc\td", url="https://x.example/a", claimant="MNLA").replace(
            "/", "\\/"
        ),
    ],
    "surrogate pairs, and a lone surrogate": [
        *CLEAN,
        _line("d", quote="40 \U0001f600", claimant="RFI"),
        _line("e", claimant="MNLA")[:-1] + ', "quote": "x\\ud83d"}',
    ],
    "leading white space": [*CLEAN, "   " + _line("d", claimant="RFI")],
    "mixed kinds in a group": [*CLEAN, _line("d", DAY, claimant="RFI")],
    "a category and a label of one measure": [
        _line("d", "MNLA", "controller", claimant="RFI"),
        _line("e", {"kind": "category", "members": ["mnla"]}, "controller", claimant="FAMa"),
        _line("f", "rebel-victory", "outcome", claimant="RFI"),
        _line("g", "rebel-victory", "outcome", claimant="FAMa"),
    ],
    "propositions": [
        _line("d", {"kind": "proposition", "holds": True}, "advanced", claimant="RFI"),
        _line("e", {"kind": "proposition", "holds": False}, "advanced", stance="denies"),
        _line("f", {"kind": "proposition"}, "retreated", claimant="RFI"),
        _line("g", {"kind": "proposition", "holds": False}, "retreated", claimant="MNLA"),
    ],
    "unknown values": [*CLEAN, _line("d", {"kind": "unknown"}), _line("e", "unknown", "wounded")],
    "several intervals": [*CLEAN, _line("d", "40 or 50", claimant="RFI")],
}


def _example_file(directory: Path, data: bytes) -> list[Path]:
    paths = _files(directory, [], declare=True)
    paths[-1].write_bytes(data)
    return paths


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_lines_read_as_the_report_reads_them(tmp_path: Path, name: str) -> None:
    """Each line the lane must notice (repeated keys, escapes, duplicate ids, floats, denials,
    odd relays, blank lines) gives the report's answers."""
    data = "\n".join(EXAMPLES[name]).encode() + b"\n"
    _assert_answers_alike(*_example_file(tmp_path, data))


#: Clean lines whose groups are rebuilt from their lines: one contradicts, and the other
#: warns, once every claim is in, about its category's unknown member.
REBUILT = [
    _line("a", "40", claimant="RFI", via=[{"outlet": "Le Monde"}]),
    _category("b", "controller", "Ansar Dine"),
    _line("c", "45", claimant="MNLA"),
    _category("d", "controller", "MNLA"),
]
BOM = b"\xef\xbb\xbf"

BYTES: dict[str, bytes] = {
    "no final newline": "\n".join(CLEAN).encode(),
    "no final newline, rebuilt": "\n".join(REBUILT).encode(),
    "CRLF": "\r\n".join(CLEAN).encode() + b"\r\n",
    "CRLF, rebuilt": "\r\n".join(REBUILT).encode() + b"\r\n",
    "BOM, rebuilt": BOM + "\n".join(REBUILT).encode() + b"\n",
    "BOM and CRLF, rebuilt": BOM + "\r\n".join(REBUILT).encode(),
    "BOM, rebuilt, and an odd line": BOM + "\n".join([*REBUILT, _line("e", "fourty")]).encode(),
    "CRLF and a blank line": "\r\n".join([*CLEAN, "", _line("d")]).encode() + b"\r\n",
    "BOM": BOM + "\n".join(CLEAN).encode() + b"\n",
    "BOM and CRLF without a final newline": BOM + "\r\n".join(CLEAN).encode(),
    "blank last line without a newline": "\n".join(CLEAN).encode() + b"\n  ",
    "blank lines at the end": "\n".join(CLEAN).encode() + b"\n\n\n",
    "only blank lines": b"\n  \n\n",
    "empty": b"",
    "bytes that are not UTF-8": "\n".join(CLEAN).encode() + b'\n"\xe9"\n' + CLEAN[0].encode(),
    "bytes that are not UTF-8 in a claim": "\n".join(CLEAN).encode()
    + b'\n{"id": "d", "event": "kidal-2014", "measure": "killed", "value": "4", "quote": "\xe9"}\n',
    "NUL": "\n".join(CLEAN).encode() + b"\n\x00\n",
    "broken last line": "\n".join(CLEAN).encode() + b'\n{"id',
    "form feed line": "\n".join([*CLEAN, "\f", _line("d")]).encode() + b"\n",
}


@pytest.mark.parametrize("name", sorted(BYTES))
def test_bytes_read_as_the_report_reads_them(tmp_path: Path, name: str) -> None:
    """BOMs, CRLF, missing final newlines and odd bytes give the report's answers."""
    _assert_answers_alike(*_example_file(tmp_path, BYTES[name]))


@pytest.mark.parametrize(
    ("claim_lines", "warned"),
    [
        pytest.param(
            [
                _category("a", "controller", "MNLA"),
                _category("b", "controller", "Ansar Dine"),
                _line("c", "Ansar Dine", "controller", claimant="Radio Kidal"),
                _category("d", "controller", "csp", "Ansar Dine"),
            ],
            ["b", "c", "d"],
            id="beside declared actors",
        ),
        pytest.param(
            [
                _category("b", "controller", "Ansar Dine"),
                _category("a", "controller", "MNLA"),  # the measure's actors show up last
            ],
            ["b"],
            id="before a declared actor",
        ),
        pytest.param(
            [_category("a", "outcome", "rebel-victory"), _category("b", "outcome", "draw")],
            [],
            id="no declared actor",
        ),
    ],
)
def test_category_members_warned_about_as_load_does(
    tmp_path: Path, claim_lines: list[str], warned: list[str]
) -> None:
    """A category naming an unknown actor draws load's warning at the value where the
    measure's other categories name declared actors, and nothing where none does."""
    paths = _files(tmp_path, claim_lines, declare=True)
    actual = _assert_answers_alike(*paths)
    assert warned == [
        f.location.record
        for f in actual.findings
        if f.code == "unknown-actor" and f.location.field == "value"
    ]


def _swap(cid: str, measure: str, figure: int, claimant: str, party: str = "fama") -> str:
    return _line(cid, str(figure), measure, claimant=claimant, party=party)


def test_transpositions_beside_agreeing_groups(tmp_path: Path) -> None:
    """Figures swapped between two measures are found, in the report's order, beside agreeing
    groups that are summed up without entries (one of them sorts between the two measures);
    also when their groups are built in other processes, which send only the figures."""
    claim_lines = [
        _swap("a1", "killed", 40, "MNLA"),
        _swap("a2", "wounded", 50, "MNLA"),
        _swap("b1", "killed", 50, "FAMa"),
        _swap("b2", "wounded", 40, "FAMa"),
        _swap("a3", "missing", 3, "MNLA"),
        _swap("b3", "missing", 3, "FAMa"),
        # Another party's swap, whose first quantity group agrees and sorts first of all.
        _swap("c0", "captured", 7, "MNLA", "mnla"),
        _swap("d0", "captured", 7, "FAMa", "mnla"),
        _swap("c1", "killed", 10, "MNLA", "mnla"),
        _swap("c2", "wounded", 20, "MNLA", "mnla"),
        _swap("d1", "killed", 20, "FAMa", "mnla"),
        _swap("d2", "wounded", 10, "FAMa", "mnla"),
    ]
    actual = _assert_answers_alike(*_files(tmp_path, claim_lines, declare=True))
    assert [("mnla", "killed", "wounded"), ("fama", "killed", "wounded")] == [
        (t.groups[0].party, t.groups[0].measure, t.groups[1].measure) for t in actual.transpositions
    ]
    missing = GroupKey(event="kidal-2014", measure="missing", party="fama")
    assert "agreement" == next(g.verdict for g in actual.groups if g.key == missing)
    assert missing not in {g.key for g in actual.details}


def test_ids_repeated_across_files(tmp_path: Path) -> None:
    """An id used again in a later file is reported against its first file and line."""
    first = tmp_path / "a.jsonl"
    second = tmp_path / "b.jsonl"
    first.write_text("\n".join(CLEAN) + "\n", encoding="utf-8")
    second.write_text("\n".join([_line("d"), CLEAN[1], _line("c", FRACTION)]), encoding="utf-8")
    actual = _assert_answers_alike(first, second)
    assert 2 == sum(f.code == "duplicate-id" for f in actual.findings)


def test_claims_in_other_formats_join_the_groups(tmp_path: Path) -> None:
    """Claims read from YAML, and declared events and documents, give the report's answers
    beside JSON Lines claims of the same groups."""
    declarations = {
        "events": [{"id": "kidal-2014", "when": "May 2014"}],
        "documents": [{"id": "doc-1"}],
        "claims": [
            {"id": "y1", "event": "kidal-2014", "measure": "killed", "value": "40"},
            {"id": "y2", "event": "kidal-2014", "measure": "date", "value": "17 May"},
        ],
    }
    (tmp_path / "declared.yaml").write_text(yaml.safe_dump(declarations), encoding="utf-8")
    claim_lines = [
        *CLEAN,
        _line("d", "17 May", "date", claimant="RFI", document="doc-1"),
        _line("e", "18 May", "date", claimant="MNLA", document="doc-2"),
        _line("f", "50", "wounded", claimant="FAMa").replace("kidal-2014", "kidal-2104"),
        _line("y1"),
    ]
    _assert_answers_alike(*_files(tmp_path, claim_lines, declare=True), tmp_path / "declared.yaml")


def test_policy_reads_lane_values(tmp_path: Path) -> None:
    """Approximate figures on clean lines are read under the policy given."""
    claim_lines = [_line("a", "about 50", claimant="MNLA"), _line("b", "44", claimant="FAMa")]
    paths = _files(tmp_path, claim_lines, declare=True)
    narrow = _assert_answers_alike(*paths)
    wide = _assert_answers_alike(*paths, policy=ValuePolicy(name="wide", tolerance=0.2))
    assert ["contradiction"] == [g.verdict for g in narrow.groups]
    assert ["agreement"] == [g.verdict for g in wide.groups]


def test_directories_and_exclusions(tmp_path: Path) -> None:
    """A directory is read as load reads it, less the files excluded; so is a missing file."""
    _files(tmp_path, CLEAN, declare=True)
    (tmp_path / "more.jsonl").write_text(_line("d", "50", claimant="RFI"), encoding="utf-8")
    _assert_answers_alike(tmp_path)
    excluded = _assert_answers_alike(tmp_path, exclude=[tmp_path / "more.jsonl"])
    assert 3 == excluded.summary.claims
    _assert_answers_alike(tmp_path / "missing.jsonl")


def test_no_path() -> None:
    """overview needs a file or a directory, as load does."""
    with pytest.raises(DatasetError, match=r"^load\(\) needs at least one file or directory$"):
        overview()


# -- the plain shape: JSON Lines read by polars ---------------------------------------------

#: Value texts of every kind and form: intervals, bounds, approximations, vague words, options,
#: several labels, truth values, unknowns, and a text that does not parse.
PLAIN_TEXTS = [
    "40", "50", "about 50", "at least 40", "40-50", "dozens", "fourteen", "up to 50",
    "40 or 50", "2.5", "1,000", "14 November 2023", "November 2023", "May 2014", "17 May",
    "since 2014", "FAMa", "MNLA", "MNLA or HCUA", "yes", "no", "advanced", "unknown", "fourty",
]  # fmt: skip
PLAIN_NAMES = ["fama", "FAMa", "MNLA", "Reuters", "RFI", "civilians", "Radio Kidal", "Ménaka FM"]
plain_claims = st.fixed_dictionaries(
    {
        "event": st.sampled_from(["kidal-2014", "drone-2023"]),
        "measure": st.sampled_from(
            ["killed", "wounded", "controller", "date", "advanced", "outcome", "strength"]
        ),
        "value": st.sampled_from(PLAIN_TEXTS),
    },
    optional={
        "party": st.sampled_from([*PLAIN_NAMES, ""]),
        "place": st.sampled_from(["Kidal", "Gao", ""]),
        "claimant": st.sampled_from([*PLAIN_NAMES, ""]),
        "via": st.sampled_from(["Reuters", "Reuters > RFI [3]", "Le Point [2]", " > RFI"]),
        "stance": st.sampled_from(["asserts", "asserts", "denies", "maybe"]),
        "stated": st.sampled_from(["2014-05-20", "2023-11-14", "2014-02-30"]),
        "as_of": st.sampled_from(["2014", "May", "17 May 2014", "2013-02-30"]),
        "document": st.sampled_from(["doc-1", "doc-2"]),
        "quote": st.sampled_from(["40 killed", 'said "40": x', "a\nb", "é \U0001f600"]),
        "notes": st.just("n"),
    },
)


@st.composite
def plain_files(draw: st.DrawFn) -> list[str]:
    """Lines of the plain shape (every field a string): a few claims told by many origins,
    so that groups agree, contradict and deny; now and then a value changed, an id used
    twice, a field that draws a finding."""
    told = draw(st.lists(plain_claims, min_size=1, max_size=5))
    out = []
    for i in range(draw(st.integers(1, 40))):
        record = dict(draw(st.sampled_from(told)))
        record["id"] = f"c{i}" if draw(st.integers(0, 60)) else "c0"
        if draw(st.booleans()):
            record["claimant"] = draw(st.sampled_from(PLAIN_NAMES))
        if draw(st.integers(0, 3)) == 0:
            record["value"] = draw(st.sampled_from(PLAIN_TEXTS))
        compact, ascii_only = draw(st.booleans()), draw(st.booleans())
        out.append(
            json.dumps(record, ensure_ascii=ascii_only, separators=(",", ":") if compact else None)
        )
    return out


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(claim_lines=plain_files(), split=st.integers(0, 40))
def test_overview_equals_report_on_plain_lines(claim_lines: list[str], split: int) -> None:
    """JSON Lines of the plain shape, in one file or two, give the report's answers: denials,
    options, scopes, several labels, propositions, contradictions and findings."""
    with tempfile.TemporaryDirectory() as tmp:
        first, second = Path(tmp) / "a.jsonl", Path(tmp) / "b.jsonl"
        first.write_text("\n".join(claim_lines[:split]) + "\n", encoding="utf-8")
        paths = [first]
        if split < len(claim_lines):
            second.write_text("\n".join(claim_lines[split:]), encoding="utf-8")
            paths.append(second)
        _assert_answers_alike(*paths)


def test_plain_lines_are_read_by_polars(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines of the plain shape do not go through the reference loader, so the equalities
    above compare the engine's own reading."""
    from claimdiff._engine import read

    claim_lines = [
        json.dumps({"id": f"c{i}", "event": "e", "measure": "killed", "value": v, "claimant": c})
        for i, (v, c) in enumerate([("40", "MNLA"), ("about 40", "FAMa"), ("90", "RFI")])
    ]
    (tmp_path / "c.jsonl").write_text("\n".join(claim_lines), encoding="utf-8")
    expected = overview(tmp_path)
    monkeypatch.setattr(read, "load", None)  # the reference loader, were it called
    actual = _assert_answers_alike(tmp_path)
    assert expected == actual
    assert ["contradiction"] == [g.verdict for g in actual.groups]


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    plain=plain_files(),
    odd=st.lists(st.tuples(st.integers(0, 40), lines()), max_size=6),
    declare=st.booleans(),
)
def test_overview_equals_report_on_plain_and_odd_lines(
    plain: list[str], odd: list[tuple[int, str]], declare: bool
) -> None:
    """Plain lines with odd lines among them (bad JSON, fields of other types, blank lines,
    ids used twice) give the report's answers: each odd line read by the reference loader."""
    claim_lines = list(plain)
    for at, line in odd:
        claim_lines.insert(at, line)
    with tempfile.TemporaryDirectory() as tmp:
        _assert_answers_alike(*_files(Path(tmp), claim_lines, declare))


#: Lines the reference loader reads, one of each kind, among plain lines.
ODD_LINES: dict[str, bytes] = {
    "bad JSON": b'{"id": "x1", "event": "kidal-2014"',
    "not an object": b"[1, 2]",
    "not UTF-8": b'{"id": "x2", "event": "kidal-2014", "measure": "killed", "value": "\xe9"}',
    "NUL": b'{"id": "x3", "event": "kidal-2014", "measure": "killed", "value": "4\x00"}',
    "a number": _line("x4", 40, claimant="RFI").encode(),
    "relays as mappings": _line("x5", via=[{"outlet": "RFI"}]).encode(),
    "a value that does not parse": _line("x6", "fourty", claimant="RFI").encode(),
    "a scope that does not parse": _line("x7", as_of="2013-02-30").encode(),
    "a day that is not one": _line("x8", stated="2014-02-30").encode(),
    "a chain without an outlet": _line("x9", via=" > RFI").encode(),
    "an unknown field": _line("x10", claimnt="RFI").encode(),
    "an unknown stance": _line("x11", stance="maybe").encode(),
    "a tab in a string": _line("x12", quote="a\tb").encode().replace(b"\\t", b"\t"),
}


def test_odd_lines_alone_go_to_the_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Among plain lines, the reference loader reads only the odd lines and those whose id
    an odd line uses too; their findings carry their own line numbers, every record counts."""
    from claimdiff._engine import read

    plain = [
        _line(f"p{i}", str(40 + i % 3), claimant=["MNLA", "FAMa", "RFI"][i % 3]).encode()
        for i in range(30)
    ]
    odd = list(ODD_LINES.values())
    raw = [*plain[:10], *odd, *plain[10:], _line("p3", "7", claimant="RFI").encode()]
    path = tmp_path / "claims.jsonl"
    path.write_bytes(b"\n".join(raw) + b"\n")
    asked: list[set[int] | None] = []
    original = read.read_jsonl

    def spy(file: Path, name: str, only: Any = None) -> Any:
        asked.append(None if only is None else set(only))
        return original(file, name, only)

    monkeypatch.setattr(read, "read_jsonl", spy)
    actual = _assert_answers_alike(path)
    odd_numbers = set(range(11, 11 + len(odd)))
    # The id p3 is used twice: its first line (4) and its last are the reference's to read.
    # Asked once by the engine's reading of the dataset, once by overview's.
    assert [{4, *odd_numbers, len(raw)}] * 2 == asked
    assert len(raw) == actual.summary.records  # unreadable lines count, too
    # A running tally's undated figures are noted on their group, not on a line.
    assert {*odd_numbers, len(raw)} >= {
        f.location.line for f in actual.findings if f.code != "undated-figure"
    }
    assert 10 <= actual.summary.rejected


def _cell(v: Any) -> str | None:
    return v if isinstance(v, str) or v is None else json.dumps(v)


def _tables(folder: Path, records: list[dict[str, Any]], split: int = 0) -> list[Path]:
    """``records`` as a CSV file and (with pyarrow) a Parquet file, every cell text: the
    first ``split`` rows in one, the rest in the other."""
    rows = [{k: _cell(v) for k, v in r.items()} for r in records]
    columns = sorted({k for r in rows for k in r}) or ["id"]
    table = folder / "claims.csv"
    with table.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows[split:])
    if importlib.util.find_spec("pyarrow") is None:
        return [table]
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.string()) for c in columns])
    parquet = folder / "claims.parquet"
    cells = [{c: r.get(c) for c in columns} for r in rows[:split]]
    pq.write_table(pa.Table.from_pylist(cells, schema=schema), parquet)
    return [table, parquet]


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(records=st.lists(claims, max_size=20), split=st.integers(0, 20))
def test_overview_equals_report_on_tables(records: list[dict[str, Any]], split: int) -> None:
    """CSV and Parquet rows of every kind (cells in JSON, relays in columns, odd types as
    text) give the report's answers."""
    with tempfile.TemporaryDirectory() as tmp:
        _assert_answers_alike(*_tables(Path(tmp), records, split))


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(claim_lines=plain_files(), split=st.integers(0, 40))
def test_overview_equals_report_on_plain_tables(claim_lines: list[str], split: int) -> None:
    """CSV and Parquet rows of the plain shape (every cell text), most read by polars, give
    the report's answers."""
    with tempfile.TemporaryDirectory() as tmp:
        records = [json.loads(line) for line in claim_lines]
        _assert_answers_alike(*_tables(Path(tmp), records, split))


TABLE_BYTES: dict[str, bytes] = {
    "a quoted cell across lines": b'id,event,measure,value,quote\na,e,killed,4,"x\ny"\n',
    "a quoted cell": b'id,event,measure,value,quote\na,e,killed,4,"x, y"\nb,e,killed,5,z\n',
    "CRLF and blank rows": b"id,event,measure,value\r\na,e,killed,4\r\n\r\n , \r\nb,e,killed,5",
    "a BOM": b"\xef\xbb\xbfid,event,measure,value\na,e,killed,4\n",
    "more cells than columns": b"id,event,measure,value\na,e,killed,4,5\nb,e,killed,6\n",
    "fewer cells": b"id,event,measure,value,claimant\na,e,killed,4\nb,e,killed,6,RFI\n",
    "a value in JSON": b'id,event,measure,value\na,e,killed,"{""kind"": ""unknown""}"\n',
    "an unknown column": b"id,event,measure,value,claimnt\na,e,killed,4,RFI\n",
    "relays in columns": b"id,event,measure,value,via.0.outlet\na,e,killed,4,RFI\n",
    "not UTF-8": b"id,event,measure,value\na,e,killed,4\nb,e,killed,\xe9\n",
    "a carriage return in a cell": b"id,event,measure,value\na,e,kil\rled,4\nb,e,killed,4\n",
    "a header only": b"id,event,measure,value\n",
    "an id twice": b"id,event,measure,value\na,e,killed,4\na,e,killed,5\nb,e,killed,5\n",
    "a tab in a cell": b"id,event,measure,value,quote\na,e,killed,4,x\ty\n",
    "a quote inside a cell": b'id,event,measure,value,quote\na,e,killed,4,x"y\n',
}


@pytest.mark.parametrize("name", sorted(TABLE_BYTES))
def test_csv_bytes_read_as_the_report_reads_them(tmp_path: Path, name: str) -> None:
    """Quoted cells, CRLF, blank rows, ragged rows, JSON cells and odd bytes in CSV give the
    report's answers."""
    path = tmp_path / "claims.csv"
    path.write_bytes(TABLE_BYTES[name])
    _assert_answers_alike(path)


def test_plain_rows_are_read_by_polars(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain CSV and Parquet rows do not go through the reference loader; an odd row does,
    alone."""
    pytest.importorskip("pyarrow")
    from claimdiff._engine import read

    records = [
        {"id": f"c{i}", "event": "e", "measure": "killed", "value": v, "claimant": c}
        for i, (v, c) in enumerate([("40", "MNLA"), ("about 40", "FAMa"), ("90", "RFI")])
    ]
    paths = _tables(tmp_path, records, 1)
    expected = overview(*paths)
    monkeypatch.setattr(read, "load", None)  # the reference loader, were it called
    monkeypatch.setattr(read._SomeRows, "run", None)
    assert expected == _assert_answers_alike(*paths)
    monkeypatch.undo()
    asked: list[Any] = []
    original = read._SomeRows.run

    def spy(self: Any, files: Any) -> Any:
        asked.append({Path(f).name: sorted(self.rows.get(f, ())) for f in files})
        return original(self, files)

    monkeypatch.setattr(read._SomeRows, "run", spy)
    _assert_answers_alike(
        *_tables(tmp_path, [*records, {**records[0], "id": "x", "value": "{"}], 1)
    )
    assert [{"claims.csv": [4]}] * 2 == asked  # by the engine's reading, and overview's


@st.composite
def alternatives(draw: st.DrawFn) -> dict[str, Any]:
    """A value of several options, as dump writes "40 or 50" or "1959 or 1966": mostly
    readable, now and then with an option of the wrong kind, an unknown key or options of
    its own."""
    dates = draw(st.booleans())
    kind = "date" if dates else "quantity"
    figures = draw(st.lists(st.integers(0, 27), min_size=0, max_size=3))
    options = []
    for n in figures:
        low = f"2014-05-{n + 1:02d}" if dates else n
        option: dict[str, Any] = {"low": low, "high": low, "text": str(low)}
        if not dates:
            option["nominal"] = n
        oddity = draw(st.sampled_from(["kind"] * 3 + ["none"] * 3 + ["other", "key", "deep"]))
        if oddity == "kind":
            option["kind"] = kind
        elif oddity == "other":
            option["kind"] = "quantity" if dates else "date"
        elif oddity == "key":
            option["precision" if not dates else "nominal"] = "day"
        elif oddity == "deep":
            option["options"] = [{"low": low, "high": low}]
        options.append(option)
    lows = [o["low"] for o in options]
    return {
        "kind": kind,
        "low": min(lows) if lows else None,
        "high": max(lows) if lows else None,
        "text": " or ".join(str(x) for x in lows),
        "qualifier": "alternatives",
        "options": options,
    }


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(alternatives(), min_size=1, max_size=8), declare=st.booleans())
def test_values_of_several_options(values: list[dict[str, Any]], declare: bool) -> None:
    """Values with options, as dump writes them, give the report's answers."""
    claim_lines = [
        json.dumps(
            {
                "id": f"c{i}",
                "event": "kidal-2014",
                "measure": "date" if value["kind"] == "date" else "killed",
                "claimant": NAMES[i % 3],
                "value": value,
            }
        )
        for i, value in enumerate(values)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        _assert_answers_alike(*_files(Path(tmp), claim_lines, declare))


def test_relays_by_name_among_mappings(tmp_path: Path) -> None:
    """Relays given by name beside relay mappings, and unknown outlets among them: the
    engine warns at the columns load gives (a name has none, a mapping its own, counted by
    its place in the list)."""
    via = ["Gao FM", {"outlet": "Radio Kidal", "title": "T"}, "RFI [2]", {"outlet": "Gao FM"}]
    claim_lines = [
        json.dumps(
            {"id": "a", "event": "kidal-2014", "measure": "killed", "value": "4", "via": via}
        ),
        json.dumps(
            {"id": "b", "event": "kidal-2014", "measure": "killed", "value": "5", "via": via[::-1]}
        ),
    ]
    paths = _files(tmp_path, claim_lines, declare=True)
    actual = _assert_answers_alike(*paths)
    columns = {(f.location.record, f.location.field, f.location.column) for f in actual.findings}
    assert ("a", "via[1].outlet", claim_lines[0].index('{"outlet": "Radio') + 1) in columns
    assert ("b", "via[2].outlet", claim_lines[1].index('{"outlet": "Radio') + 1) in columns


def test_without_polars(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where polars is not installed, overview makes the very Overview of the report."""
    from claimdiff import _engine as _columnar

    (tmp_path / "c.jsonl").write_text("\n".join(CLEAN), encoding="utf-8")
    monkeypatch.setattr(_columnar, "available", lambda: False)
    expected = Overview.of(reconcile(load(tmp_path)))
    assert expected == overview(tmp_path)


# -- the bundled example --------------------------------------------------------------------


def test_kidal() -> None:
    """The Kidal example gives the report's answers."""
    _assert_answers_alike(KIDAL)


def test_overview_is_plain_data() -> None:
    """An Overview unstructures to JSON and structures back to an equal one, as a report does."""
    expected = overview(KIDAL)
    converter = claimdiff.make_converter()
    text = json.dumps(converter.unstructure(expected), sort_keys=True)
    assert expected == converter.structure(json.loads(text), Overview)
    assert text == json.dumps(converter.unstructure(overview(KIDAL)), sort_keys=True)


def test_overview_matches_its_schema(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An unstructured Overview (Kidal, and Kidal as JSON Lines on the lane) validates against
    `overview_schema()`, which `claimdiff schema overview` prints; a report does not."""
    schema = claimdiff.overview_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    converter = claimdiff.make_converter()
    dataset = load(KIDAL)
    dump(attrs.evolve(dataset, claims=()), tmp_path / "declared.yaml")
    dump(
        attrs.evolve(dataset, actors=(), events=(), documents=(), measures={}), tmp_path / "c.jsonl"
    )
    for found in (overview(KIDAL), overview(tmp_path)):
        data = json.loads(json.dumps(converter.unstructure(found)))
        jsonschema.validate(data, schema)
        assert data["details"]  # the groups given whole are described too
    report = json.loads(json.dumps(converter.unstructure(reconcile(dataset))))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, schema)
    assert main(["schema", "overview"]) == 0
    assert json.loads(capsys.readouterr().out) == schema
