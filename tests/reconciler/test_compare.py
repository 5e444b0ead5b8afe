"""compare(): the relation between two values or claims, and its laws."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdiff import Category, Claim, DateValue, Proposition, Quantity, Relation, Unknown, compare

bounds = st.one_of(st.none(), st.integers(-50, 200))


@st.composite
def quantities(draw: st.DrawFn) -> Quantity:
    """Numbers, bounded or open intervals, and alternatives."""
    if draw(st.booleans()):
        a, b = sorted(draw(st.lists(st.integers(0, 200), min_size=2, max_size=2)))
        options = tuple(
            Quantity.exact(n)
            for n in sorted(set(draw(st.lists(st.integers(0, 200), min_size=2, max_size=3))))
        )
        if draw(st.booleans()) and len(options) > 1:
            return Quantity(
                low=options[0].low, high=options[-1].high, qualifier="alternatives", options=options
            )
        return Quantity(low=a, high=b)
    lo, hi = draw(bounds), draw(bounds)
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    return Quantity(low=lo, high=hi)


dates = st.dates(dt.date(2012, 1, 1), dt.date(2024, 12, 31))


@st.composite
def date_values(draw: st.DrawFn) -> DateValue:
    """Days, spans and open-ended date bounds."""
    lo, hi = draw(st.one_of(st.none(), dates)), draw(st.one_of(st.none(), dates))
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    return DateValue(low=lo, high=hi, precision="interval")


categories = st.builds(
    lambda ms: Category(members=ms),
    st.frozensets(st.sampled_from(["mali", "mnla", "csp-psd", "jnim"]), min_size=1, max_size=3),
)
values = st.one_of(
    quantities(),
    date_values(),
    categories,
    st.builds(Proposition, holds=st.booleans()),
    st.just(Unknown()),
)


def claim(value: object, stance: str = "asserts", cid: str = "c") -> Claim:
    """A claim about one question, carrying ``value``."""
    return Claim(id=cid, event="e", measure="m", value=value, stance=stance)  # type: ignore[arg-type]


def test_exact_figures_contradict_with_gap() -> None:
    """40 and 50 killed contradict, 10 apart, 20% of the larger."""
    assert Relation(
        kind="contradict",
        gap=10,
        relative_gap=0.2,
        reason="no value fits both; the nearest are 10 apart",
    ) == compare(Quantity.exact(40), Quantity.exact(50))


def test_lower_bound_contains_figure() -> None:
    """ "At least ten" contains "fourteen": compatible, the first containing the second."""
    at_least_ten = Quantity(low=10, high=None, qualifier="at_least", text="at least ten")
    relation = compare(at_least_ten, Quantity.exact(14, "fourteen"))
    assert ("compatible", "first") == (relation.kind, relation.contains)


def test_upper_bound_date_contradicts_later_day() -> None:
    """Evacuated "by October 31" and "November 8" are eight days apart."""
    by_oct_31 = DateValue(low=None, high=dt.date(2023, 10, 31), qualifier="at_most")
    nov_8 = DateValue.day(dt.date(2023, 11, 8))
    relation = compare(by_oct_31, nov_8)
    assert ("contradict", 8, None) == (relation.kind, relation.gap, relation.relative_gap)


def test_alternatives_compatible_with_either() -> None:
    """ "1959 or 1966" is compatible with 1966 and contradicts 1962."""
    either = Quantity(
        low=1959,
        high=1966,
        qualifier="alternatives",
        options=(Quantity.exact(1959), Quantity.exact(1966)),
    )
    assert "compatible" == compare(either, Quantity.exact(1966)).kind
    assert "contradict" == compare(either, Quantity.exact(1962)).kind


def test_unknown_relates_to_nothing() -> None:
    """ "Unknown" gives no information, so the relation is unknown."""
    assert "unknown" == compare(Unknown(), Quantity.exact(40)).kind


def test_different_kinds_are_unknown() -> None:
    """A number and a date measure different things."""
    assert "unknown" == compare(Quantity.exact(2014), DateValue.day(dt.date(2014, 5, 21))).kind


def test_categories_resolved_through_aliases() -> None:
    """Category members compare after resolution: "PSC-PSD" is the CSP-PSD."""
    aliases = {"PSC-PSD": "csp-psd", "CSP-PSD": "csp-psd"}
    relation = compare(
        Category(members={"PSC-PSD"}),
        Category(members={"CSP-PSD"}),
        resolve=lambda n: aliases.get(n, n),
    )
    assert "equal" == relation.kind


def test_denied_proposition_contradicts_assertion() -> None:
    """The army "advanced further toward Kidal", "a statement denied by the CSP-PSD"."""
    advanced = Proposition(text="advanced further toward Kidal")
    assert "contradict" == compare(claim(advanced), claim(advanced, "denies")).kind


def test_denial_of_a_figure() -> None:
    """Denying 40-50 contradicts asserting 45 but leaves room for 45-60."""
    denied = claim(Quantity(low=40, high=50), "denies")
    assert "contradict" == compare(claim(Quantity.exact(45)), denied).kind
    assert "compatible" == compare(claim(Quantity(low=45, high=60)), denied).kind


def test_mixing_claims_and_values_is_refused() -> None:
    """compare() takes two values or two claims."""
    with pytest.raises(TypeError, match="compare takes two values or two claims"):
        compare(claim(Quantity.exact(1)), Quantity.exact(1))


@given(values, values)
def test_compare_is_symmetric(a: object, b: object) -> None:
    """compare(b, a) mirrors compare(a, b)."""
    assert compare(a, b).mirrored() == compare(b, a)  # type: ignore[arg-type]


@given(
    values, values, st.sampled_from(["asserts", "denies"]), st.sampled_from(["asserts", "denies"])
)
def test_compare_claims_is_symmetric(a: object, b: object, sa: str, sb: str) -> None:
    """Stance included, compare(b, a) mirrors compare(a, b)."""
    ca, cb = claim(a, sa, "a"), claim(b, sb, "b")
    assert compare(ca, cb).mirrored() == compare(cb, ca)


@given(values)
def test_a_value_equals_itself(v: object) -> None:
    """Every informative value is equal to itself."""
    expected = "unknown" if isinstance(v, Unknown) else "equal"
    assert expected == compare(v, v).kind  # type: ignore[arg-type]


@given(quantities(), quantities())
def test_contradiction_has_positive_gap(a: Quantity, b: Quantity) -> None:
    """Contradicting numbers are a positive distance apart; others have no gap."""
    relation = compare(a, b)
    if relation.kind == "contradict":
        assert relation.gap is not None
        assert relation.gap > 0
    else:
        assert relation.gap is None
