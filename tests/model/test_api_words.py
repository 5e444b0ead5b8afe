"""One meaning per word: the value policy a report records, and the Value protocol."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

import claimdiff

KIDAL = Path(__file__).resolve().parent.parent.parent / "examples" / "kidal"
WIDE = claimdiff.ValuePolicy(name="wide", tolerance=0.2)


def test_report_records_the_policy_the_values_were_read_with() -> None:
    """A dataset loaded under a policy gives a report that names it, with no label to pass."""
    assert "wide" == claimdiff.reconcile(claimdiff.load(KIDAL, policy=WIDE)).policy
    assert "default" == claimdiff.reconcile(claimdiff.load(KIDAL)).policy


def test_overview_records_its_policy() -> None:
    """overview(..., policy=wide).policy is 'wide', as the report's is."""
    assert "wide" == claimdiff.overview(KIDAL, policy=WIDE).policy


def test_frame_records_its_policy() -> None:
    """from_frame records the policy it read the values with."""
    import pandas as pd

    frame = pd.DataFrame({"event": ["e"], "measure": ["killed"], "value": ["about 40"]})
    dataset = claimdiff.from_frame(frame, policy=WIDE)
    assert "wide" == claimdiff.reconcile(dataset).policy
    assert (32, 48) == (dataset.claims[0].value.low, dataset.claims[0].value.high)


def test_a_policy_name_alone_is_refused() -> None:
    """reconcile's policy is a ValuePolicy; a bare name is a TypeError that says so."""
    with pytest.raises(claimdiff.ClaimdiffTypeError) as info:
        claimdiff.reconcile(claimdiff.load(KIDAL), policy="wide")  # type: ignore[arg-type]
    assert str(info.value).startswith(
        "policy= is the ValuePolicy the values were read with, got 'wide'"
    )


def test_an_explicit_policy_overrides_the_datasets() -> None:
    """Claims built in Python are recorded under the policy given, DEFAULT_POLICY without."""
    claims = [
        claimdiff.Claim(id="a", event="e", measure="killed", value=claimdiff.Quantity.exact(4))
    ]
    assert "default" == claimdiff.reconcile(claims).policy
    assert "wide" == claimdiff.reconcile(claims, policy=WIDE).policy


@attrs.frozen
class Money:
    """A value of the caller's own kind, following claimdiff.Value."""

    low: float | None
    high: float | None
    text: str = ""
    kind = "money"


def test_custom_values_follow_the_protocol_and_reconcile() -> None:
    """A value type of one's own is a claimdiff.Value and is reconciled by its bounds."""
    assert isinstance(Money(10, 20), claimdiff.Value)
    claims = [
        claimdiff.Claim(id="a", event="e", measure="cost", value=Money(10, 20, "10-20 USD")),
        claimdiff.Claim(id="b", event="e", measure="cost", value=Money(30, 30, "30 USD")),
    ]
    group = claimdiff.reconcile(claims).groups[0]
    assert ("contradiction", "money", "10–30") == (
        group.verdict,
        group.kind,
        group.range.text if group.range else "",
    )


@pytest.mark.parametrize("kind", ["quantity", "date", "category", "proposition", "unknown"])
def test_builtin_values_follow_the_protocol(kind: str) -> None:
    """Every value claimdiff makes is a claimdiff.Value."""
    texts = {"quantity": "40", "date": "2014-05-17", "category": "MNLA", "proposition": "yes"}
    value = (
        claimdiff.Unknown()
        if kind == "unknown"
        else claimdiff.parse_value(texts[kind], "count" if kind == "quantity" else kind)
    )
    assert isinstance(value, claimdiff.Value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "40",
            "claim 'a': '40' is a str, not a value: it has no kind, low, high, text "
            "(parse text with claimdiff.parse_value(text, kind))",
        ),
        (40, "claim 'a': 40 is a int, not a value: it has no kind, low, high, text"),
        (
            Money("ten", None),  # type: ignore[arg-type]
            "claim 'a': Money(low='ten', high=None, text='') has low 'ten'; bounds are "
            "numbers, days (datetime.date) or None",
        ),
    ],
)
def test_a_value_that_is_not_one_is_refused_where_the_claim_is_made(
    value: object, message: str
) -> None:
    """A claim refuses a value without the protocol, naming the claim and what is missing."""
    with pytest.raises(claimdiff.ClaimdiffTypeError) as info:
        claimdiff.Claim(id="a", event="e", measure="killed", value=value)  # type: ignore[arg-type]
    assert message == str(info.value)


def test_evolve_checks_the_value_too() -> None:
    """attrs.evolve runs the same check, so no path builds a claim with a bad value."""
    claim = claimdiff.Claim(id="a", event="e", measure="d", value=Money(1, 2))
    assert (
        dt.date(2014, 5, 17)
        == attrs.evolve(claim, value=Money(dt.date(2014, 5, 17), None)).value.low
    )  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        attrs.evolve(claim, value="x")
