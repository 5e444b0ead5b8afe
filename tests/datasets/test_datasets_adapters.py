"""The Flight and Population adapters on tiny copies of the published files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claimdiff import Category, Quantity
from claimdiff.datasets import (
    UnreadableCellError,
    item_key,
    load_flight,
    load_population,
    parse_flight_time,
)

DATA = Path(__file__).parent.parent / "data"
DAY = dt.date(2011, 12, 1)
NEW_YEAR = dt.date(2012, 1, 1)


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
    ("text", "day", "minutes"),
    [
        ("January 1, 2012               12:15 AM    ", NEW_YEAR, 15),
        ("Sun., Jan.01, 2012 1:05 a.m.", NEW_YEAR, 65),
        ("9:45 PM, Jan 01", NEW_YEAR, 1305),
        ("11:50pDec 31", NEW_YEAR, -10),
        ("2012-01-01 12/31 11:50 PM", NEW_YEAR, -10),
        ("Jan 01 - 12:05am", dt.date(2011, 12, 31), 1440 + 5),
        ("1/1/12 9:07 AM (-05:00)", NEW_YEAR, 547),
        ("December 31, 2011 11:50 PM", NEW_YEAR, -10),
    ],
)
def test_flight_times_take_their_year_from_the_cell_or_the_crawl_day(
    text: str, day: dt.date, minutes: int
) -> None:
    """A written year is kept; a date without one is in the year nearest the crawl day."""
    assert minutes == parse_flight_time(text, day)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("25:10 PM", "expected a time of day, got '25:10 PM' in '25:10 PM'"),
        ("2/30/2011 9:00 AM", "expected a date, got '2/30/2011' in '2/30/2011 9:00 AM'"),
        ("Feb 30 - 9:00am", "expected a date, got 'Feb 30' in 'Feb 30 - 9:00am'"),
    ],
)
def test_unreadable_cells_are_refused_not_moved_to_the_crawl_day(text: str, message: str) -> None:
    """A time or date that cannot be read raises instead of becoming the crawl day's time."""
    with pytest.raises(UnreadableCellError) as err:
        parse_flight_time(text, DAY)
    assert message == str(err.value)


@pytest.mark.parametrize(
    "text",
    ["Not Available", "Dec 01 - Contact Airline", "2011-12-01 Cancelled", "December 01, 2011     "],
)
def test_cells_without_a_time_give_none(text: str) -> None:
    """Placeholders and dates alone make no time."""
    assert parse_flight_time(text, DAY) is None


def test_load_flight_builds_claims_and_truth() -> None:
    """One claim per usable cell, keyed by flight and day; gold from the truth file."""
    data = load_flight(DATA, days=["20111201"], gates=True)
    key = ("AA-431-MIA-SFO@2011-12-01", "actual_arrival", None)
    assert data.truth[key] == Quantity.exact(704, text="12/01/2011 11:44 AM")
    claims = data.groups()[key]
    assert {c.claimant for c in claims} >= {"aa", "flightaware", "orbitz"}
    assert all(item_key(c) == key for c in claims)
    gate = data.groups()[("AA-431-MIA-SFO@2011-12-01", "arrival_gate", None)]
    assert {c.value.members for c in gate if isinstance(c.value, Category)} == {frozenset({"57"})}
    assert data.skipped == {"no time": 1}
    assert (0, ()) == (data.unreadable, data.examples)


def test_load_flight_reads_a_january_day_in_its_own_year() -> None:
    """On 2012-01-01 claims and gold agree to the minute; the one bad cell is counted, quoted."""
    data = load_flight(DATA, days=["20120101"])
    groups = data.groups()
    key = ("AA-1-JFK-LAX@2012-01-01", "actual_arrival", None)
    assert data.truth[key] == Quantity.exact(740, text="01/01/2012 12:20 PM")
    figures = sorted(c.value.nominal for c in groups[key] if isinstance(c.value, Quantity))
    assert [740, 740, 740, 740, 740, 740, 741] == figures
    departures = groups[("AA-1-JFK-LAX@2012-01-01", "scheduled_departure", None)]
    assert {540, -10} == {c.value.nominal for c in departures if isinstance(c.value, Quantity)}
    assert {"unreadable": 1} == data.skipped
    assert 1 == data.unreadable
    assert (
        "flight/claims/20120101.txt:6: expected a time of day, got '25:10 PM' in '25:10 PM'",
    ) == data.examples


def test_load_flight_reads_both_years_together() -> None:
    """Days of December 2011 and January 2012 load side by side, each item with its gold."""
    data = load_flight(DATA)
    days = {key[0].rsplit("@", 1)[1] for key in data.truth}
    assert {"2011-12-01", "2012-01-01"} == days
    assert all(key in data.groups() for key in data.truth)


def test_load_population_builds_counts_by_year() -> None:
    """Each row is a count as of its year; rows without a sensible year are skipped."""
    data = load_population(DATA)
    assert len(data.claims) == 6
    assert data.skipped == {"no year": 1}
    ((key, gold),) = data.truth.items()
    assert key[0] == "cleveland, ohio"
    assert gold == Quantity.exact(478403, text="478403")
    assert len(data.groups()[key]) == 4
