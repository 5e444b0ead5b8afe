"""The date grammar and EDTF: every documented date form, bound and interval."""

# en dashes and typographic apostrophes are the input under test

from __future__ import annotations

import datetime as dt
import re

import pytest

from claimdiff import DateValue, Unknown, ValuePolicy, parse_edtf, parse_value, to_edtf
from claimdiff._model.values import Precision, Qualifier
from claimdiff.errors import ValueParseError

D = dt.date


def dv(
    low: dt.date | None,
    high: dt.date | None,
    text: str,
    precision: Precision = "day",
    qualifier: Qualifier = "exact",
) -> DateValue:
    """A DateValue with ``text`` (test shorthand)."""
    return DateValue(low=low, high=high, text=text, precision=precision, qualifier=qualifier)


DATES = [
    dv(D(2023, 11, 14), D(2023, 11, 14), "2023-11-14"),
    dv(D(2023, 11, 14), D(2023, 11, 14), "14 November 2023"),
    dv(D(2023, 11, 14), D(2023, 11, 14), "November 14, 2023"),
    dv(D(2023, 11, 14), D(2023, 11, 14), "Nov. 14, 2023"),
    dv(D(2023, 11, 14), D(2023, 11, 14), "14 novembre 2023"),
    dv(D(2023, 11, 14), D(2023, 11, 14), "Tuesday 14 November 2023"),
    dv(D(2023, 11, 14), D(2023, 11, 14), "on 14 November 2023 [3]"),
    dv(D(2023, 11, 1), D(2023, 11, 1), "1er novembre 2023"),
    dv(D(2023, 11, 1), D(2023, 11, 30), "November 2023", "month"),
    dv(D(2014, 1, 1), D(2014, 12, 31), "2014", "year"),
    dv(D(2014, 1, 1), D(2014, 12, 31), "in 2014", "year"),
    # parts of months: the décades early 1-10, mid 11-20, late 21-end
    dv(D(2023, 10, 21), D(2023, 10, 31), "late October 2023", "part_of_month"),
    dv(D(2023, 11, 11), D(2023, 11, 20), "mid-November 2023", "part_of_month"),
    dv(D(2023, 10, 21), D(2023, 10, 31), "fin octobre 2023", "part_of_month"),
    dv(D(2023, 10, 21), D(2023, 10, 31), "the end of October 2023", "part_of_month"),
    dv(D(2023, 2, 21), D(2023, 2, 28), "late February 2023", "part_of_month"),
    dv(D(2023, 10, 21), D(2023, 10, 31), "late October 2023 (21–31)", "part_of_month"),
    # seasons: northern meteorological
    dv(D(2023, 3, 1), D(2023, 5, 31), "spring 2023", "season"),
    dv(D(2023, 12, 1), D(2024, 2, 29), "winter 2023/24", "season"),
    # ranges
    dv(D(2014, 5, 16), D(2014, 5, 21), "16–21 May 2014", qualifier="range"),
    dv(D(2014, 5, 16), D(2014, 5, 21), "16-21 May 2014", qualifier="range"),
    dv(D(2014, 5, 16), D(2014, 5, 21), "du 16 au 21 mai 2014", qualifier="range"),
    dv(D(2023, 11, 10), D(2023, 11, 14), "between November 10 and 14, 2023", qualifier="range"),
    dv(D(2023, 11, 10), D(2023, 11, 14), "from 10 to 14 November 2023", qualifier="range"),
    dv(D(2023, 11, 10), D(2023, 11, 14), "entre le 10 et le 14 novembre 2023", qualifier="range"),
    dv(D(2014, 5, 16), D(2014, 6, 2), "May 16 to June 2, 2014", qualifier="range"),
    dv(D(2013, 12, 28), D(2014, 1, 2), "28 December – 2 January 2014", qualifier="range"),
    dv(D(2023, 10, 1), D(2023, 12, 31), "October–December 2023", "month", "range"),
    dv(D(2014, 1, 1), D(2016, 12, 31), "2014–2016", "year", "range"),
    dv(D(2023, 10, 11), D(2023, 10, 12), "the night of 11 to 12 October 2023", qualifier="range"),
    dv(D(2023, 10, 11), D(2023, 10, 12), "la nuit du 11 au 12 octobre 2023", qualifier="range"),
    # bounds
    dv(None, D(2023, 10, 30), "before October 31, 2023", qualifier="at_most"),
    dv(None, D(2023, 10, 31), "no later than 31 October 2023", qualifier="at_most"),
    dv(None, D(2023, 10, 31), "by the end of October 2023", "part_of_month", "at_most"),
    dv(D(2014, 1, 1), None, "since 2014", "year", "at_least"),
    dv(D(2015, 1, 1), None, "after 2014", "year", "at_least"),
    dv(D(2014, 1, 1), None, "from 2014", "year", "at_least"),
    dv(D(2014, 1, 1), None, "depuis 2014", "year", "at_least"),
    # approximate: the same days, hedged
    dv(D(2023, 11, 14), D(2023, 11, 14), "around 14 November 2023", qualifier="approximate"),
    # EDTF
    dv(D(2023, 11, 1), D(2023, 11, 30), "2023-11", "month"),
    dv(D(2023, 11, 1), D(2023, 11, 30), "2023-11~", "month", "approximate"),
    dv(D(2014, 5, 16), D(2014, 5, 21), "2014-05-16/2014-05-21", qualifier="range"),
    dv(None, D(2023, 10, 31), "../2023-10-31", qualifier="at_most"),
    dv(D(2014, 1, 1), None, "2014/..", "year", "at_least"),
    dv(D(2023, 3, 1), D(2023, 5, 31), "2023-21", "season"),
]


@pytest.mark.parametrize("expected", DATES, ids=[d.text for d in DATES])
def test_date_forms(expected: DateValue) -> None:
    """Each documented date form reads as the documented days, precision and qualifier."""
    assert expected == parse_value(expected.text, "date")


CONTEXT = [
    dv(D(2023, 12, 1), D(2023, 12, 10), "early December", "part_of_month"),
    dv(D(2023, 10, 11), D(2023, 10, 12), "the night between October 11 and 12", qualifier="range"),
    dv(None, D(2023, 10, 31), "by October 31", qualifier="at_most"),
    dv(D(2023, 11, 8), D(2023, 11, 8), "November 8"),
]


@pytest.mark.parametrize("expected", CONTEXT, ids=[d.text for d in CONTEXT])
def test_context_year(expected: DateValue) -> None:
    """A date written without a year takes the claim's context year."""
    assert expected == parse_value(expected.text, "date", year=2023)


def test_alternative_years() -> None:
    """ "1959 or 1966" as a date allows either whole year, each option keeping its words."""
    options = (dv(D(1959, 1, 1), D(1959, 12, 31), "1959", "year"),)
    options += (dv(D(1966, 1, 1), D(1966, 12, 31), "1966", "year"),)
    expected = DateValue(
        low=D(1959, 1, 1),
        high=D(1966, 12, 31),
        text="1959 or 1966",
        precision="year",
        qualifier="alternatives",
        options=options,
    )
    assert expected == parse_value("1959 or 1966", "date")


def test_hedged_alternatives() -> None:
    """ "around 1959 or 1966" hedges both years (Hassan Ag Fagaga's birth, in the seeds)."""
    actual = parse_value("around 1959 or 1966", "date")
    assert "alternatives" == actual.qualifier  # type: ignore[union-attr]
    assert [("1959", "approximate"), ("1966", "approximate")] == [
        (o.text, o.qualifier)
        for o in actual.options  # type: ignore[union-attr]
    ]
    assert (D(1959, 1, 1), D(1966, 12, 31)) == (actual.low, actual.high)


def test_policy_days() -> None:
    """A policy's early_days and late_from set the parts of a month."""
    policy = ValuePolicy(early_days=7, late_from=25)
    actual = parse_value("late October 2023", "date", policy=policy)
    assert (D(2023, 10, 25), D(2023, 10, 31)) == (actual.low, actual.high)


def test_unknown_date() -> None:
    """ "unclear" is Unknown for a date too."""
    assert Unknown(text="unclear") == parse_value("unclear", "date")


def test_missing_year() -> None:
    """A date with no year and no context year names the problem."""
    message = "a date without a year needs the claim's context year, got 'November 8'"
    with pytest.raises(ValueParseError, match=f"^{re.escape(message)}$"):
        parse_value("November 8", "date")


@pytest.mark.parametrize(
    "text",
    [
        "Octobre 32",
        "31 November 2023",
        "winter 2023",  # which winter?
        "the night of 11 to 13 October 2023",  # a night is two days
        "21–16 May 2014",
        "16–21",
        "",
    ],
)
def test_refused_dates(text: str) -> None:
    """Impossible days, ambiguous seasons, backwards ranges and non-dates are refused."""
    message = (
        "expected a date such as '14 November 2023', '2023-11' or 'late October 2023', "
        f"got {text!r}"
    )
    with pytest.raises(ValueParseError, match=f"^{re.escape(message)}$"):
        parse_value(text, "date", year=2023)


EDTF = [
    ("2023-11-14", dv(D(2023, 11, 14), D(2023, 11, 14), "")),
    ("2023-11", dv(D(2023, 11, 1), D(2023, 11, 30), "", "month")),
    ("2014", dv(D(2014, 1, 1), D(2014, 12, 31), "", "year")),
    ("2023-24", dv(D(2023, 12, 1), D(2024, 2, 29), "", "season")),
    ("2014-05-16/2014-05-21", dv(D(2014, 5, 16), D(2014, 5, 21), "", qualifier="range")),
    ("../2023-10-31", dv(None, D(2023, 10, 31), "", qualifier="at_most")),
    ("2014/..", dv(D(2014, 1, 1), None, "", "year", "at_least")),
    ("2023-11~", dv(D(2023, 11, 1), D(2023, 11, 30), "", "month", "approximate")),
    # Level 1: unspecified digits from the right give the span they allow.
    ("199X", dv(D(1990, 1, 1), D(1999, 12, 31), "", "year")),
    ("19XX", dv(D(1900, 1, 1), D(1999, 12, 31), "", "year")),
    ("1XXX", dv(D(1000, 1, 1), D(1999, 12, 31), "", "year")),
    ("2004-06-01/..", dv(D(2004, 6, 1), None, "", qualifier="at_least")),
]
# Level 1 forms that are read, but written back another way with the same bounds.
EDTF_READ = [
    ("1999-XX", dv(D(1999, 1, 1), D(1999, 12, 31), "", "year")),
    ("1999-XX-XX", dv(D(1999, 1, 1), D(1999, 12, 31), "", "year")),
    ("1999-01-XX", dv(D(1999, 1, 1), D(1999, 1, 31), "", "month")),
    ("/2006", dv(None, D(2006, 12, 31), "", "year", "at_most")),
    ("2004-06-01/", dv(D(2004, 6, 1), None, "", qualifier="at_least")),
    ("2004-01-01T10:10:10Z", dv(D(2004, 1, 1), D(2004, 1, 1), "")),
    ("2004-01-01T23:10:10-05:00", dv(D(2004, 1, 1), D(2004, 1, 1), "")),
    ("2001-02-03T09:30:01.25", dv(D(2001, 2, 3), D(2001, 2, 3), "")),
    ("Y2014", dv(D(2014, 1, 1), D(2014, 12, 31), "", "year")),
    ("1984~/2004-06", dv(D(1984, 1, 1), D(2004, 6, 30), "", "interval", "approximate")),
]
# The qualifiers: "?" keeps the bounds and marks the value uncertain; "%" is "?" and "~".
UNCERTAIN = [
    ("1984?", dv(D(1984, 1, 1), D(1984, 12, 31), "", "year"), "1984?"),
    ("2004-06-11?", dv(D(2004, 6, 11), D(2004, 6, 11), ""), "2004-06-11?"),
    ("2004-06%", dv(D(2004, 6, 1), D(2004, 6, 30), "", "month", "approximate"), "2004-06%"),
    ("1984-06-02?/", dv(D(1984, 6, 2), None, "", qualifier="at_least"), "1984-06-02?/.."),
    ("1984?/2004%", dv(D(1984, 1, 1), D(2004, 12, 31), "", "year", "approximate"), "1984%/2004%"),
]


@pytest.mark.parametrize(("edtf", "value"), EDTF, ids=[e for e, _ in EDTF])
def test_edtf_both_ways(edtf: str, value: DateValue) -> None:
    """EDTF reads as the documented value, and that value writes as the same EDTF."""
    assert DateValue(**{**_fields(value), "text": edtf}) == parse_edtf(edtf)
    assert edtf == to_edtf(value)


@pytest.mark.parametrize(("edtf", "value"), EDTF_READ, ids=[e for e, _ in EDTF_READ])
def test_edtf_level_1_read(edtf: str, value: DateValue) -> None:
    """Level 1 forms with another canonical EDTF read as the span they allow."""
    read = parse_edtf(edtf)
    assert DateValue(**{**_fields(value), "text": edtf}) == read
    again = parse_edtf(to_edtf(read))
    assert (read.low, read.high, read.qualifier) == (again.low, again.high, again.qualifier)


@pytest.mark.parametrize(("edtf", "value", "out"), UNCERTAIN, ids=[e for e, _, _ in UNCERTAIN])
def test_edtf_uncertain(edtf: str, value: DateValue, out: str) -> None:
    """ "?" and "%" keep the bounds, mark the value uncertain, and are written back."""
    expected = DateValue(**{**_fields(value), "text": edtf, "uncertain": True})
    assert expected == parse_edtf(edtf)
    assert out == to_edtf(expected)


@pytest.mark.parametrize(
    ("edtf", "reason"),
    [
        ("-0999", "year"), ("0000", "year"), ("Y170000002", "year"), ("Y-17000", "year"),
        ("1999-1X", "level"), ("XXXX-12", "level"), ("1560-XX-25", "level"),
        ("156X-12-25", "level"), ("2004?-06-11", "level"), ("2004-~06", "level"),
    ],
)  # fmt: skip
def test_edtf_refused_with_reason(edtf: str, reason: str) -> None:
    """Years a date cannot hold and level 2 forms are refused saying why, also as values."""
    message = {
        "year": f"{edtf!r} names a year outside 0001-9999, which a date cannot hold: write"
        " the span of years it means within those years, or leave the value out",
        "level": f"{edtf!r} uses EDTF level 2 (unspecified digits left of specified ones, or"
        " a qualifier inside a date), which claimdiff does not read: write the span of days"
        " it allows as an interval",
    }[reason]
    with pytest.raises(ValueParseError, match=f"^{re.escape(message)}$"):
        parse_edtf(edtf)
    with pytest.raises(ValueParseError, match=f"^{re.escape(message)}$"):
        parse_value(edtf, "date")


def _fields(value: DateValue) -> dict[str, object]:
    return {k: getattr(value, k) for k in ("low", "high", "precision", "qualifier", "options")}


@pytest.mark.parametrize(
    ("value", "edtf"),
    [
        (dv(D(2023, 10, 22), D(2023, 10, 31), "", "part_of_month"), "2023-10-22/2023-10-31"),
        (dv(D(2023, 11, 1), D(2023, 11, 30), "", qualifier="range"), "2023-11-01/2023-11-30"),
        (dv(None, D(2023, 10, 31), "", "month", "at_most"), "../2023-10"),
        (dv(D(2023, 11, 10), None, "", qualifier="at_least"), "2023-11-10/.."),
    ],
)
def test_to_edtf_spans(value: DateValue, edtf: str) -> None:
    """Spans that are not one unit are written as intervals at the value's precision."""
    assert edtf == to_edtf(value)


def test_edtf_set() -> None:
    """Alternatives are written as an EDTF set and read back as alternatives."""
    value = parse_value("1959 or 1966", "date")
    assert "[1959,1966]" == to_edtf(value)  # type: ignore[arg-type]
    assert value.options == parse_edtf("[1959,1966]").options  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["2014~/..", "2014-13", "2014-00", "May 2014", "2014-05-00"])
def test_edtf_refused(text: str) -> None:
    """Approximate open ends, impossible months and days, and non-EDTF are refused."""
    message = (
        "expected an EDTF date or interval such as '2014-05-16', '2023-11', '2014/..'"
        f" or '2014-05-16/2014-05-21', got {text!r}"
    )
    with pytest.raises(ValueParseError, match=f"^{re.escape(message)}$"):
        parse_edtf(text)
