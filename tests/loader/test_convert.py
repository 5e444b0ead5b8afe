"""Tests for ``claimdiff._loader.convert``: lossless, strict structuring with path-carrying
messages."""

from __future__ import annotations

import datetime as dt
import typing
from typing import Any

import cattrs
import pytest
from cattrs.errors import BaseValidationError, ClassValidationError
from hypothesis import given
from hypothesis import strategies as st

from claimdiff import (
    Actor,
    Category,
    Claim,
    Dataset,
    DateValue,
    Document,
    Event,
    Finding,
    Location,
    Proposition,
    Quantity,
    Relay,
    Unknown,
    make_converter,
)
from claimdiff._loader.convert import format_exception
from claimdiff._model.codes import FindingCode
from claimdiff.testing import (
    actors,
    categories,
    claims,
    datasets,
    date_values,
    documents,
    events,
    propositions,
    quantities,
    relays,
    unknowns,
    values,
)

CONVERTER = make_converter()
KIDAL = {
    "id": "kidal-2014.fama-killed.mnla",
    "event": "kidal-2014",
    "measure": "killed",
    "party": "FAMa",
    "value": "40",
    "claimant": "MNLA",
    "via": "Le Point [2] > encyclopedia",
}


def errors(data: Any, cls: type[Any], root: str = "claims[3]") -> list[str]:
    """The messages of structuring ``data`` as ``cls``, as transform_error writes them."""
    with pytest.raises(BaseValidationError) as info:
        CONVERTER.structure(data, cls)
    return cattrs.transform_error(info.value, root, format_exception)


@pytest.mark.parametrize(
    ("strategy", "cls"),
    [
        (quantities(), Quantity),
        (date_values(), DateValue),
        (categories(), Category),
        (propositions(), Proposition),
        (unknowns(), Unknown),
        (relays(), Relay),
        (claims(), Claim),
        (actors(), Actor),
        (events(), Event),
        (documents(), Document),
        (datasets(), Dataset),
    ],
)
@given(data=st.data())
def test_round_trip(strategy: st.SearchStrategy[Any], cls: type[Any], data: st.DataObject) -> None:
    """structure(unstructure(x)) == x for every model class."""
    x = data.draw(strategy)
    assert x == CONVERTER.structure(CONVERTER.unstructure(x), cls)


@given(value=values())
def test_value_union_round_trip(value: Any) -> None:
    """Any value round-trips through the tagged union on kind."""
    union: Any = Quantity | DateValue | Category | Proposition | Unknown
    assert value == CONVERTER.structure(CONVERTER.unstructure(value), union)


def test_finding_round_trip() -> None:
    """Findings and locations round-trip too (reports are made of them)."""
    finding = Finding(code="empty-file", message="m", location=Location(file="a.yaml", line=3))
    assert {
        "code": "empty-file",
        "message": "m",
        "severity": "error",
        "location": {"file": "a.yaml", "line": 3},
    } == CONVERTER.unstructure(finding)
    assert finding == CONVERTER.structure(CONVERTER.unstructure(finding), Finding)


def test_a_finding_with_an_unregistered_code_is_refused() -> None:
    """Structuring a finding checks its code against the registry, as mypy does in the code."""
    data = {"code": "not-a-code", "message": "m"}
    listed = ", ".join(repr(code) for code in typing.get_args(FindingCode))
    with pytest.raises(ClassValidationError, match="While structuring Finding") as caught:
        CONVERTER.structure(data, Finding)
    assert [f"expected one of {listed}, got 'not-a-code'"] == [
        str(e) for e in caught.value.exceptions
    ]


def test_quantity_unstructured() -> None:
    """A quantity is a mapping tagged by kind, defaults left out, ints kept ints."""
    assert {
        "kind": "quantity",
        "text": "40",
        "low": 40,
        "high": 40,
        "qualifier": "exact",
        "nominal": 40,
    } == CONVERTER.unstructure(Quantity.exact(40))
    low = CONVERTER.structure({"kind": "quantity", "low": 40.0, "high": None}, Quantity).low
    assert isinstance(low, float)


def test_dates_and_categories_unstructured() -> None:
    """Dates are ISO strings; category members a sorted list."""
    assert {
        "kind": "date",
        "text": "2014-05-17",
        "low": "2014-05-17",
        "high": "2014-05-17",
        "precision": "day",
        "qualifier": "exact",
    } == CONVERTER.unstructure(DateValue.day(dt.date(2014, 5, 17)))
    assert {"kind": "category", "text": "", "members": ["HCUA", "MNLA"]} == CONVERTER.unstructure(
        Category(members={"MNLA", "HCUA"})
    )


def test_bool_is_not_a_number() -> None:
    """true is refused where a number belongs."""
    assert ["expected a number, got true @ claims[3].value.low"] == errors(
        {**KIDAL, "value": {"kind": "quantity", "low": True, "high": 3}}, Claim
    )


def test_kidal_claim_from_text() -> None:
    """The normal hand-written claim: value and via as text."""
    claim = CONVERTER.structure(KIDAL, Claim)
    assert Quantity.exact(40) == claim.value
    assert (Relay(outlet="Le Point", ref="[2]"), Relay(outlet="encyclopedia")) == claim.via


def test_messages() -> None:
    """Wrong types, unknown fields, literals and missing fields each get a precise message."""
    bad = {**KIDAL, "claimant": 40, "claimnt": "MNLA", "stance": "assert"}
    del bad["measure"]
    assert [
        "required field missing @ claims[3].measure",
        "expected a string, got 40 @ claims[3].claimant",
        "expected one of 'asserts', 'denies', got 'assert' (did you mean 'asserts'?) "
        "@ claims[3].stance",
        "unknown field 'claimnt' (did you mean 'claimant'?) @ claims[3]",
    ] == errors(bad, Claim)


def test_value_messages() -> None:
    """Unparseable text and bad structured values are reported at the value."""
    assert ["expected a number, range or bound, got 'fourty' @ claims[3].value"] == errors(
        {**KIDAL, "value": "fourty"}, Claim
    )
    assert ["low 5 is greater than high 3 @ claims[3].value"] == errors(
        {**KIDAL, "value": {"kind": "quantity", "low": 5, "high": 3}}, Claim
    )
    assert [
        "expected a value kind: one of 'quantity', 'date', 'category', 'proposition', 'unknown', "
        "got 'quantiy' (did you mean 'quantity'?) @ claims[3].value"
    ] == errors({**KIDAL, "value": {"kind": "quantiy"}}, Claim)


def test_measure_kinds() -> None:
    """A dataset's measures override the defaults; unknown measures try count, date, category."""
    ds = CONVERTER.structure(
        {
            "measures": {"killed": "category"},
            "claims": [
                {**KIDAL, "id": "a"},
                {**KIDAL, "id": "b", "measure": "arrived", "value": "May 2014"},
                {**KIDAL, "id": "c", "measure": "arrived", "value": "12"},
                {**KIDAL, "id": "d", "measure": "leader", "value": "Iyad Ag Ghaly"},
            ],
        },
        Dataset,
    )
    assert ["category", "date", "quantity", "category"] == [c.value.kind for c in ds.claims]


def test_context_year() -> None:
    """Dates without a year take it from as_of (given as text or as a mapping), the event,
    stated or the first relay."""
    base = {"id": "a", "event": "e", "measure": "date", "value": "8 November"}
    converter = make_converter(events=[Event(id="e", when=DateValue.day(dt.date(2023, 11, 1)))])
    cases = [
        ({"as_of": "2021"}, 2021),
        ({"as_of": {"kind": "date", "low": "2020-01-01", "high": "2020-12-31"}}, 2020),
        ({"as_of": {"low": "2022-03-01", "high": "2022-03-31"}}, 2022),
        ({}, 2023),
        ({"event": "x", "stated": "2019-01-02"}, 2019),
        ({"event": "x", "via": [{"outlet": "o", "published": "2018-05-05"}]}, 2018),
        # A null day is no day: the next field is asked.
        ({"event": "x", "stated": None, "via": [{"outlet": "o", "published": "2018-05-05"}]}, 2018),
    ]
    for extra, year in cases:
        claim = converter.structure({**base, **extra}, Claim)
        assert dt.date(year, 11, 8) == claim.value.low


def test_event_when_accepts_edtf() -> None:
    """Event.when reads date text, EDTF included."""
    event = CONVERTER.structure({"id": "e", "when": "2014-05-16/2014-05-21"}, Event)
    assert event.when is not None
    assert (dt.date(2014, 5, 16), dt.date(2014, 5, 21)) == (event.when.low, event.when.high)


def test_via_must_be_a_list_or_chain() -> None:
    """A mapping where via belongs is refused rather than iterated."""
    assert ["expected a list of relays or a chain 'A > B', got a mapping @ claims[3].via"] == (
        errors({**KIDAL, "via": {"outlet": "x"}}, Claim)
    )


def test_dataset_unknown_key() -> None:
    """A dataset file's top-level keys are checked too."""
    assert ["unknown field 'claim' (did you mean 'claims'?) @ $"] == errors(
        {"claim": []}, Dataset, "$"
    )


def test_dataset_leaves_out_bookkeeping() -> None:
    """Unstructuring a dataset writes the file format: no findings, locations or counts."""
    ds = Dataset(findings=[Finding(code="empty-file", message="m")], records_read=3)
    assert {} == CONVERTER.unstructure(ds)


def test_converters_are_independent() -> None:
    """Each call builds a new converter; hooks registered on one do not leak to another."""
    a = make_converter()
    a.register_unstructure_hook(Relay, lambda r: "x")
    assert {"outlet": "o"} == make_converter().unstructure(Relay(outlet="o"))


def test_the_converter_s_parts_sit_below_it() -> None:
    """Messages, scalars, reading context and relays import nothing from the converter or
    the readers: ``_loader.convert`` is built from them, not the other way round."""
    import ast
    from pathlib import Path

    import claimdiff

    package = Path(claimdiff.__file__).resolve().parent
    parts = [package / "_loader" / f"{n}.py" for n in ("context", "messages", "relays", "scalars")]
    upward = {
        (path.name, node.module)
        for path in parts
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom)
        and (node.module or "").rsplit(".", 1)[-1] in {"convert", "load"}
    }
    assert (4, set()) == (len(parts), upward)


def test_the_converter_is_configured_in_steps() -> None:
    """A converter made of the first steps alone already reads what they configure."""
    import cattrs

    from claimdiff._loader.convert import (
        configure_containers,
        configure_primitives,
        configure_relays,
    )

    conv = cattrs.Converter()
    for step in (configure_primitives, configure_containers, configure_relays):
        step(conv)
    expected = (Relay(outlet="Le Point", ref="[2]"), ("a", "b"))
    assert expected == (
        conv.structure("Le Point [2]", Relay),
        conv.structure(["a", "b"], tuple[str, ...]),
    )
