"""parse_value and format_value: the public entry points, their round trips and their errors."""

# en dashes and typographic apostrophes are the input under test

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdiff import (
    Category,
    DateValue,
    Proposition,
    Quantity,
    Unknown,
    ValuePolicy,
    format_value,
    parse_edtf,
    parse_value,
    to_edtf,
)
from claimdiff._grammar.edtf import SEASONS, month_span, season_span, year_span
from claimdiff.errors import ValueParseError

# --- strategies (to move to claimdiff.testing) ----------------------------------------------


def _figures(count: bool) -> st.SearchStrategy[int | float]:
    """Non-negative figures: whole for counts; for quantities also decimals such as 1.125."""
    whole = st.integers(0, 10**9)
    if count:
        return whole
    return st.one_of(whole, st.integers(0, 10**9).map(lambda n: n / 1000))


@st.composite
def quantities(draw: st.DrawFn, count: bool = True) -> Quantity:
    """Quantities of every shape the grammar reads, as counts or as plain quantities.

    Read the formatted value back with ``kind="count"`` when ``count`` else ``"quantity"``.
    """
    fig = _figures(count)
    a, b = sorted([draw(fig), draw(fig)])
    shape = draw(
        st.sampled_from(
            ["exact", "range", "at_least", "at_most", "approximate", "vague", "alternatives"]
        )
    )
    if shape == "exact":
        return Quantity.exact(a)
    if shape == "range":
        return Quantity(low=a, high=b, qualifier="range")
    if shape == "at_least":
        return Quantity(low=a, high=None, qualifier="at_least")
    if shape == "at_most":
        return Quantity(low=0 if count else None, high=b, qualifier="at_most")
    if shape == "approximate":
        nominal = draw(st.one_of(st.none(), st.sampled_from([a, b])))
        return Quantity(low=a, high=b, nominal=nominal, qualifier="approximate")
    if shape == "vague":
        low, high = draw(st.sampled_from([(a, b), (a, None), (None, b)]))
        return Quantity(low=low, high=high, qualifier="vague")
    options = tuple(Quantity.exact(n) for n in draw(st.lists(fig, min_size=2, max_size=4)))
    return Quantity(
        low=min(o.low for o in options),  # type: ignore[type-var]
        high=max(o.high for o in options),  # type: ignore[type-var]
        qualifier="alternatives",
        options=options,
    )


_days = st.dates(dt.date(1000, 1, 1), dt.date(9998, 12, 31))


@st.composite
def _point(draw: st.DrawFn) -> DateValue:
    """One exact day, part of a month, month, season or year."""
    day = draw(_days)
    kind = draw(st.sampled_from(["day", "part_of_month", "month", "season", "year"]))
    if kind == "day":
        return DateValue.day(day)
    if kind == "month":
        low, high = month_span(day.year, day.month)
        return DateValue(low=low, high=high, precision="month")
    if kind == "year":
        low, high = year_span(day.year)
        return DateValue(low=low, high=high, precision="year")
    if kind == "season":
        low, high = season_span(day.year, draw(st.sampled_from(sorted(SEASONS))))
        return DateValue(low=low, high=high, precision="season")
    first, last = month_span(day.year, day.month)
    other = draw(st.integers(1, last.day))
    low, high = sorted([day, first.replace(day=other)])
    return DateValue(low=low, high=high, precision="part_of_month")


@st.composite
def date_values(draw: st.DrawFn) -> DateValue:
    """Date values of every shape the grammar reads: points, ranges, bounds, alternatives."""
    shape = draw(st.sampled_from(["point", "approximate", "range", "bound", "alternatives"]))
    if shape == "point":
        return draw(_point())
    if shape == "approximate":
        return DateValue(**{**_fields(draw(_point())), "qualifier": "approximate"})
    if shape == "alternatives":
        options = tuple(draw(st.lists(_point(), min_size=2, max_size=3)))
        return DateValue(
            low=min(o.low for o in options),  # type: ignore[type-var]
            high=max(o.high for o in options),  # type: ignore[type-var]
            precision="interval",
            qualifier="alternatives",
            options=options,
        )
    a, b = sorted([draw(_point()), draw(_point())], key=lambda v: (v.low, v.high))
    if shape == "range":
        if a.high > b.high:  # type: ignore[operator]
            a, b = b, a
        return DateValue(low=a.low, high=b.high, precision="interval", qualifier="range")
    if draw(st.booleans()):
        return DateValue(low=a.low, high=None, precision=a.precision, qualifier="at_least")
    return DateValue(low=None, high=a.high, precision=a.precision, qualifier="at_most")


def _fields(value: DateValue) -> dict[str, object]:
    return {k: getattr(value, k) for k in ("low", "high", "precision", "qualifier", "options")}


def _bounds(value: Quantity | DateValue) -> tuple[object, ...]:
    """What a round trip must keep: bounds, qualifier and the options' bounds."""
    options = tuple((o.low, o.high) for o in value.options)
    return (value.low, value.high, value.qualifier, options)


# --- round trips ---------------------------------------------------------------------------


@given(st.booleans().flatmap(lambda count: st.tuples(st.just(count), quantities(count))))
def test_quantity_round_trip(case: tuple[bool, Quantity]) -> None:
    """format_value writes a quantity that parse_value reads back with the same bounds."""
    count, value = case
    actual = parse_value(format_value(value), "count" if count else "quantity")
    assert isinstance(actual, Quantity)
    assert _bounds(value) == _bounds(actual)
    assert value.nominal == actual.nominal


@pytest.mark.parametrize(
    ("text", "high"), [("0–1000.0", 1000), ("0 to 15,000", 15000), ("0-1,000", 1000)]
)
def test_range_from_zero_is_not_ambiguous(text: str, high: int) -> None:
    """A range from zero is read whole: the last end's thousands carried to zero leave zero."""
    value = parse_value(text, "count")
    assert isinstance(value, Quantity)
    assert (0, high, "range") == (value.low, value.high, value.qualifier)


@given(date_values())
def test_date_round_trip(value: DateValue) -> None:
    """format_value writes a date that parse_value reads back with the same bounds."""
    actual = parse_value(format_value(value), "date")
    assert isinstance(actual, DateValue)
    assert _bounds(value) == _bounds(actual)


@given(date_values())
def test_edtf_round_trip(value: DateValue) -> None:
    """to_edtf writes EDTF that parse_edtf reads back with the same bounds."""
    actual = parse_edtf(to_edtf(value))
    assert (value.low, value.high) == (actual.low, actual.high)
    assert [(o.low, o.high) for o in value.options] == [(o.low, o.high) for o in actual.options]


@given(quantities())
def test_parse_keeps_text(value: Quantity) -> None:
    """The parsed value keeps the exact input text, spaces included."""
    text = f"  {format_value(value)} "
    assert text == parse_value(text, "count").text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Quantity.exact(40), "40"),
        (Quantity(low=150, high=200, qualifier="range"), "150–200"),
        (Quantity(low=31, high=None, qualifier="at_least"), "at least 31"),
        (Quantity(low=0, high=50, qualifier="at_most"), "at most 50"),
        (
            Quantity(low=900, high=1100, nominal=1000, qualifier="approximate"),
            "about 1000 (900–1100)",
        ),
        (Quantity(low=10, high=None, qualifier="vague"), "vague (≥10)"),
        (Quantity.exact(1.125), "1.1250"),
        (DateValue.day(dt.date(2023, 11, 14)), "2023-11-14"),
        (parse_value("late October 2023", "date"), "late October 2023 (21–31)"),
        (parse_value("1959 or 1966", "date"), "1959 or 1966"),
        (Category(members={"MNLA", "HCUA"}), "HCUA or MNLA"),
        (Proposition(holds=False), "no"),
        (Unknown(), "unknown"),
    ],
)
def test_canonical_text(value: Quantity | DateValue | Category | Proposition, text: str) -> None:
    """format_value writes the documented canonical text."""
    assert text == format_value(value)


# --- robustness ----------------------------------------------------------------------------

# One string reads better than a list of 60 quoted words.
_VOCABULARY = (  # noqa: SIM905
    "about at least more than up to fewer between and or to entre et de à une cinquantaine"
    " dozens several none no one killed 40 1,500 1 500 1.500 150–200 - + ~ ( ) ≥ fourteen"
    " thirty-seven hundred thousand mille quatre vingt November 14 2023 late early mid by since"
    " the night of 2014 / .. ~ , 31 32 1er spring winter 2023-11 vague"
).split()


@given(
    st.one_of(st.text(), st.lists(st.sampled_from(_VOCABULARY)).map(" ".join)),
    st.sampled_from(["quantity", "count", "date", "category", "proposition"]),
    st.one_of(st.none(), st.integers(-5, 10000)),
)
def test_only_value_parse_errors(text: str, kind: str, year: int | None) -> None:
    """On any text, parse_value returns a value or raises ValueParseError, nothing else."""
    try:
        value = parse_value(text, kind, year=year)
    except ValueParseError as e:
        message = str(e)
    else:
        assert text == value.text
        return
    assert repr(text) in message


# --- entry points --------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Unknown", "unknown", "unclear", "not known", "inconnu", "n/a"])
@pytest.mark.parametrize("kind", ["quantity", "count", "date", "category", "proposition"])
def test_unknown_any_kind(text: str, kind: str) -> None:
    """The words for "not known" give Unknown, keeping the text, whatever the kind."""
    assert Unknown(text=text) == parse_value(text, kind)


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("MNLA", {"MNLA"}),
        ("MNLA or HCUA", {"MNLA", "HCUA"}),
        ("MNLA / HCUA", {"MNLA", "HCUA"}),
        ("MNLA ou HCUA", {"MNLA", "HCUA"}),
        ("CSP-PSD", {"CSP-PSD"}),
        ("the Malian army", {"the Malian army"}),
    ],
)
def test_category(text: str, members: set[str]) -> None:
    """Category text splits on "or", "ou" and "/", keeping names as written."""
    assert Category(members=members, text=text) == parse_value(text, "category")


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("yes", True),
        ("True", True),
        ("oui", True),
        ("no", False),
        ("false", False),
        ("non", False),
        ("the army advanced further toward Kidal", True),
    ],
)
def test_proposition(text: str, holds: bool) -> None:
    """Yes/no words set the truth value; any other statement holds."""
    assert Proposition(holds=holds, text=text) == parse_value(text, "proposition")


def test_default_kind_is_quantity() -> None:
    """Without a kind, text reads as a plain quantity."""
    assert Quantity.exact(40, "40 killed") == parse_value("40 killed")


def test_fourty() -> None:
    """A misspelt number word is refused with the documented message."""
    message = "expected a number, range or bound, got 'fourty'"
    with pytest.raises(ValueParseError, match=f"^{re.escape(message)}$"):
        parse_value("fourty")


def test_octobre_32() -> None:
    """An impossible date is refused with the documented message."""
    message = (
        "expected a date such as '14 November 2023', '2023-11' or 'late October 2023', "
        "got 'Octobre 32'"
    )
    with pytest.raises(ValueParseError, match=f"^{re.escape(message)}$"):
        parse_value("Octobre 32", "date")


@pytest.mark.parametrize("kind", ["category", "proposition"])
def test_empty_text(kind: str) -> None:
    """Empty text is no category and no proposition."""
    with pytest.raises(ValueParseError, match=re.escape("got '  '")):
        parse_value("  ", kind)


def test_unknown_kind() -> None:
    """An unknown kind is a programming error, not a parse error."""
    with pytest.raises(ValueError, match=re.escape("got 'number'")) as info:
        parse_value("40", "number")
    assert not isinstance(info.value, ValueParseError)


def test_policy_applies() -> None:
    """parse_value passes its policy to the grammar."""
    actual = parse_value("about 1000", "count", policy=ValuePolicy(tolerance=0.2))
    assert (800, 1200) == (actual.low, actual.high)


# --- phrases looked up by their first word ----------------------------------------------------


def test_lexicon_phrases_sharing_a_first_word_are_read_longest_first() -> None:
    policy = ValuePolicy(lexicon={"a couple": (2, 3), "a couple of": (5, 6), "a few": (2, 9)})
    longest = parse_value("a couple of hundred", "count", policy=policy)
    assert (longest.low, longest.high) == (500, 600)  # "a couple of", then its scale
    shorter = parse_value("a couple killed", "count", policy=policy)
    assert (shorter.low, shorter.high) == (2, 3)
    few = parse_value("a few", "count", policy=policy)
    assert (few.low, few.high) == (2, 9)


def test_an_empty_lexicon_phrase_matches_anywhere_as_it_always_did() -> None:
    # Nothing refuses "" in a lexicon; the phrases' index keeps what it read before: every
    # text with no earlier reading is that vague word, and a figure still wins.
    policy = ValuePolicy(lexicon={"": (1, 5)})
    anything = parse_value("killed", "count", policy=policy)
    assert (anything.low, anything.high, anything.qualifier) == (1, 5, "vague")
    scaled = parse_value("thousands killed", "count", policy=policy)
    assert (scaled.low, scaled.high) == (1000, 5000)
    assert parse_value("40", "count", policy=policy) == Quantity.exact(40, text="40")


@pytest.mark.parametrize(
    ("text", "value"), [("0014", 14), ("12,944", 12944), ("1 500", 1500), ("2.75", 2.75)]
)
def test_digits_read_exactly(text: str, value: float) -> None:
    quantity = parse_value(text, "quantity")
    assert quantity.low == quantity.high == value
    assert type(quantity.low) is type(value)


def test_too_many_digits_are_no_figure() -> None:
    with pytest.raises(ValueParseError):
        parse_value("1" * 19, "count")
    assert parse_value("9" * 18, "count").low == int("9" * 18)
