"""The Flight and Population adapters on tiny copies of the published files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claimdiff import Category, Quantity
from claimdiff.datasets import item_key, load_flight, load_population, parse_flight_time

DATA = Path(__file__).parent / "data"
DAY = dt.date(2011, 12, 1)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("12/01/2011 01:55 PM", 835),
        ("12/1/2011 2:07PM EST", 847),
        ("12/1/11 2:06 PM (-05:00)", 846),
        ("2011-12-01 13:55", 835),
        ("8:35aDec 1", 515),
        ("Dec 01 - 12:05noon", 725),
        ("Fri., Dec.02, 2011 1:05 a.m.", 1440 + 65),
        ("2011-12-02 11/30 11:50 PM", -10),
        ("08:35 AM  Thu 01-Dec-2011", 515),
        ("3:00P 12-01-11", 900),
        ("2011-12-02 Fri  19:09", 1440 + 1149),
        ("December 01, 2011               12:15 AM    ", 15),
        ("9:45 PM, Dec 01&nbsp(Estimated)", 1305),
    ],
)
def test_flight_times_normalise_to_local_minutes(text: str, minutes: int) -> None:
    """Every format becomes minutes since local midnight of the crawl day."""
    assert minutes == parse_flight_time(text, DAY)


@pytest.mark.parametrize(
    "text",
    ["Not Available", "Dec 01 - Contact Airline", "2011-12-01 Cancelled", "December 01, 2011     "],
)
def test_cells_without_a_time_give_none(text: str) -> None:
    """Placeholders and dates alone make no time."""
    assert parse_flight_time(text, DAY) is None


def test_load_flight_builds_claims_and_truth() -> None:
    """One claim per usable cell, keyed by flight and day; gold from the truth file."""
    data = load_flight(DATA, gates=True)
    key = ("AA-431-MIA-SFO@2011-12-01", "actual_arrival", None)
    assert data.truth[key] == Quantity.exact(704, text="12/01/2011 11:44 AM")
    claims = data.groups()[key]
    assert {c.claimant for c in claims} >= {"aa", "flightaware", "orbitz"}
    assert all(item_key(c) == key for c in claims)
    gate = data.groups()[("AA-431-MIA-SFO@2011-12-01", "arrival_gate", None)]
    assert {c.value.members for c in gate if isinstance(c.value, Category)} == {frozenset({"57"})}
    assert data.skipped == {"no time": 1}


def test_load_population_builds_counts_by_year() -> None:
    """Each row is a count as of its year; rows without a sensible year are skipped."""
    data = load_population(DATA)
    assert len(data.claims) == 6
    assert data.skipped == {"no year": 1}
    ((key, gold),) = data.truth.items()
    assert key[0] == "cleveland, ohio"
    assert gold == Quantity.exact(478403, text="478403")
    assert len(data.groups()[key]) == 4
