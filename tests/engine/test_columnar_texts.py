"""The engine's value texts: the plain forms read by polars patterns equal the grammar's
reading on every text the patterns accept, and every other text goes to the grammar."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdiff import DEFAULT_POLICY, ActorIndex, Value, ValuePolicy
from claimdiff._engine.texts import PLAIN_KINDS, _policy_args, plain_values, read_texts
from claimdiff._engine.values import value_table
from claimdiff._grammar.quantities import TRAILING
from claimdiff._loader.convert import read_value
from claimdiff._model.actors import MemoIndex

_SCHEMA = {"value": pl.String, "measure_kind": pl.String, "value_year": pl.Int32}


def _texts(rows: Sequence[tuple[str, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        [(text, kind, None) for text, kind in rows], schema=_SCHEMA, orient="row"
    ).unique(maintain_order=True)


def _by_grammar(text: str, kind: str, policy: ValuePolicy) -> Value:
    parsed = read_value(text, kind or None, None, policy)
    assert parsed.error is None
    assert parsed.value is not None
    return parsed.value


def _read(rows: Sequence[tuple[str, str]], policy: ValuePolicy) -> dict[tuple[str, str], Value]:
    found = read_texts(_texts(rows), policy)
    values, frame = found
    return {(t, k): values[vid] for t, k, _, vid in frame.iter_rows()}


# Texts made at and near the plain forms: figures with and without grouping, leading zeros,
# every lead and separator, and the spellings the patterns must leave to the grammar.
_SMALL = st.integers(0, 2_000_000)
_FIGURES = st.one_of(
    _SMALL.map(str),
    _SMALL.map("{:,}".format),
    st.integers(0, 10**17).map(str),  # past the fifteen digits the patterns read
    st.integers(0, 10**17).map("{:,}".format),
    st.sampled_from(
        ["007", "0,500", "1,5000", "1.500", "1 500", "1,50", "12,34,567", "10,000.5", "1e3", "٤٠"]
    ),
)
_LEADS = st.sampled_from(
    ["", "about ", "at least ", "up to ", "between ", "About ", "about  ", "nearly ", "over "]
)
_SEPS = st.sampled_from(["", "", "-", " and ", " - ", "\u2013", " to ", " or "])
_TAILS = st.one_of(
    st.just(""),
    st.sampled_from([" people", " ", "\n", "+", " People", " people killed"]),
    # every word the grammar reads over, and words it reads as part of the figure
    st.sampled_from(sorted(TRAILING)).map(" {}".format),
    st.sampled_from(["or", "a", "to", "of", "en", "o", "plus", "dozen", "bn", "mio", "tre"]).map(
        " {}".format
    ),
)


@st.composite
def _anything_near(draw: st.DrawFn) -> str:
    """Leads, figures, separators and tails joined at random: mostly not a plain form."""
    first = draw(_FIGURES)
    sep = draw(_SEPS)
    second = draw(_FIGURES) if sep else ""
    return f"{draw(_LEADS)}{first}{sep}{second}{draw(_TAILS)}"


_PLAIN_FIGURES = st.one_of(_SMALL.map(str), _SMALL.map("{:,}".format))


@st.composite
def _plain_form(draw: st.DrawFn) -> str:
    """One of the plain forms with figures the patterns read, and any tail."""
    a, b = draw(_PLAIN_FIGURES), draw(_PLAIN_FIGURES)
    form = draw(
        st.sampled_from(["{a}", "about {a}", "at least {a}", "up to {a}", "{a}-{b}"])
        | st.just("between {a} and {b}")
    )
    return form.format(a=a, b=b) + draw(_TAILS)


def near_plain() -> st.SearchStrategy[str]:
    """A text at or near one of the plain forms."""
    return st.one_of(_plain_form(), _anything_near())


_POLICIES = st.builds(
    ValuePolicy,
    tolerance=st.sampled_from([0.0, 0.1, 0.15, 0.2, 0.25, 1 / 3, 0.123, 0.05, 0.999]),
    integer_counts=st.booleans(),
)


@given(
    st.lists(st.tuples(near_plain(), st.sampled_from([*PLAIN_KINDS, "date"])), max_size=30),
    _POLICIES,
)
def test_plain_forms_read_as_the_grammar_reads_them(
    rows: list[tuple[str, str]], policy: ValuePolicy
) -> None:
    """Every text the patterns accept has the grammar's value, the bounds' types included."""
    accepted = plain_values(_texts(rows), policy).select("value", "measure_kind").rows()
    found = _read(accepted, policy) if accepted else {}
    for text, kind in accepted:
        expected = _by_grammar(text, kind, policy)
        actual = found[text, kind]
        assert (expected, repr(expected)) == (actual, repr(actual))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("40", "count"),
        ("1,200", "count"),
        ("about 40", "count"),
        ("about 45", "quantity"),
        ("at least 40", ""),
        ("up to 40", "count"),
        ("up to 40", "quantity"),
        ("40-50", "count"),
        ("between 1,500 and 2,000", "count"),
        ("10,000-15,000", "count"),
        ("at least 40 people", "count"),
        ("between 40 and 50 civilians", "quantity"),
    ],
)
def test_the_plain_forms_are_read_by_the_patterns(text: str, kind: str) -> None:
    """The forms the module documents are read in columns, with the grammar's value."""
    rows = [(text, kind)]
    assert [(text, kind)] == plain_values(_texts(rows), DEFAULT_POLICY).select(
        "value", "measure_kind"
    ).rows()
    assert _by_grammar(text, kind, DEFAULT_POLICY) == _read(rows, DEFAULT_POLICY)[text, kind]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("about 150-200", "count"),  # an approximate range: the grammar's
        ("40 people killed", "count"),  # two words after the figure
        ("40 or", "count"),  # a word that goes on with figures
        ("007", "count"),  # a leading zero
        ("40", "date"),  # a year
        (" 40", "count"),  # space around
        ("10-15,000", "count"),  # the thousands may carry: refused by the grammar
        ("50-40", "count"),  # backwards: refused by the grammar
    ],
)
def test_other_texts_are_left_to_the_grammar(text: str, kind: str) -> None:
    """A text outside the plain forms is not read by the patterns."""
    assert 0 == plain_values(_texts([(text, kind)]), DEFAULT_POLICY).height


def test_a_text_the_grammar_refuses_is_left_out_alone() -> None:
    """An unreadable text is left out of the readings (the reference loader words its line's
    finding); the texts around it are still read."""
    rows = [("40", "count"), ("fourty", "count"), ("some 40 people", "count")]
    values, frame = read_texts(_texts(rows), DEFAULT_POLICY)
    assert [("40", 0), ("some 40 people", 1)] == frame.select("value", "vid").rows()
    assert [_by_grammar("40", "count", DEFAULT_POLICY)] == [values[0]]


def test_a_lexicon_that_starts_a_plain_form_leaves_it_to_the_grammar() -> None:
    """A policy whose vague phrase starts with 'about' turns the patterns off."""
    policy = ValuePolicy(lexicon={"about a hundred": (80, 120)})
    rows = [("about 40", "count"), ("40", "count")]
    assert 0 == plain_values(_texts(rows), policy).height
    assert {r: _by_grammar(*r, policy) for r in rows} == _read(rows, policy)


def test_the_policy_crosses_to_worker_processes_unchanged() -> None:
    """The policy rebuilt in a worker from its picklable fields equals the dataset's."""
    policy = ValuePolicy(name="p", tolerance=0.2, lexicon={"loads": (50, None)}, words=["pinasses"])
    assert policy == ValuePolicy(**_policy_args(policy))


def test_texts_read_on_several_processes_come_back_in_order() -> None:
    """Above the threshold the grammar runs in worker processes; the values are the same."""
    rows = [(f"some {n} people", "count") for n in range(60)] + [("40", "count")]
    found = read_texts(_texts(rows), DEFAULT_POLICY, parallel_from=1)
    values, frame = found
    expected = [_by_grammar(t, k, DEFAULT_POLICY) for t, k, _, _ in frame.iter_rows()]
    assert expected == list(values)


@given(
    st.lists(st.tuples(near_plain(), st.sampled_from(["count", "quantity"])), max_size=30),
    _POLICIES,
)
def test_the_value_table_of_texts_read_in_columns_is_the_algebras(
    rows: list[tuple[str, str]], policy: ValuePolicy
) -> None:
    """The value table rows made with the plain values equal those the algebra gives."""
    readable = [r for r in rows if read_value(r[0], r[1], None, policy).error is None]
    found = read_texts(_texts([*readable, ("some 40 people", "count")]), policy)
    values, _ = found
    actors = MemoIndex.of(ActorIndex.build(()))
    assert value_table(list(values), actors).to_dicts() == value_table(values, actors).to_dicts()


def test_values_read_in_columns_are_made_once_and_indexed_as_a_list() -> None:
    """The values behave as a list: one object per value, negative indexes, slices."""
    rows = [("40", "count"), ("about 40", "count"), ("some 40 people", "count")]
    found = read_texts(_texts(rows), DEFAULT_POLICY)
    values, _ = found
    assert 3 == len(values)
    assert values[0] is values[0]
    assert [values[-3], values[-2], values[-1]] == values[0:3] == list(values)
    with pytest.raises(IndexError):
        values[3]
