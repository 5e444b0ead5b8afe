"""Pickles a forked child sends (claimdiff._pickles): attrs instances as tuples of fields."""

from __future__ import annotations

import copyreg
import enum
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimdiff
from claimdiff import Overview, Report, reconcile
from claimdiff._pickles import dumps
from claimdiff.testing import datasets

KIDAL = Path(__file__).parent.parent / "examples" / "kidal"


def _same(found: Any, expected: Any) -> None:
    """Equal, and of the same types all the way down (equality alone would let a tuple
    stand for a list, or an int for a float)."""
    assert found == expected
    assert type(found) is type(expected)
    if attrs.has(type(expected)):
        for field in attrs.fields(type(expected)):
            _same(getattr(found, field.name), getattr(expected, field.name))
    elif isinstance(expected, (tuple, list)):
        for a, b in zip(found, expected, strict=True):
            _same(a, b)
    elif isinstance(expected, dict):
        for key in expected:
            _same(found[key], expected[key])


@settings(max_examples=60, deadline=None)
@given(datasets(max_claims=8))
def test_what_a_child_sends_loads_back_the_same(dataset: claimdiff.Dataset) -> None:
    report = reconcile(dataset)
    sent = (dataset.claims, report.groups, report.findings, Overview.of(report))
    _same(pickle.loads(dumps(sent)), sent)


def test_kidal_overview_loads_back_the_same() -> None:
    overview = claimdiff.overview(KIDAL)
    _same(pickle.loads(dumps(overview)), overview)


def test_fields_are_sent_as_a_tuple_without_their_names() -> None:
    report: Report = claimdiff.reconcile(claimdiff.load(KIDAL))
    group = next(g for g in report.groups if g.verdict == "contradiction")
    assert b"perspective" in pickle.dumps(group)  # an Entry's field, by name
    sent = dumps(group)
    assert b"perspective" not in sent
    assert len(sent) < len(pickle.dumps(group, pickle.HIGHEST_PROTOCOL))
    _same(pickle.loads(sent), group)


@attrs.frozen
class OneField:
    only: tuple[int, ...]


@attrs.frozen
class Pickled:
    label: str
    count: int

    def __reduce__(self) -> Any:
        return (Pickled, ("by its own reduce", self.count))


@attrs.frozen
class Registered:
    label: str


@attrs.define(slots=False)
class WithDict:
    label: str


class Colour(enum.Enum):
    RED = "red"


def _registered(obj: Registered) -> Any:
    return (Registered, ("by copyreg",))


@pytest.fixture
def registered() -> Iterator[None]:
    copyreg.pickle(Registered, _registered)
    yield
    del copyreg.dispatch_table[Registered]


def test_one_field_is_a_tuple_of_one() -> None:
    _same(pickle.loads(dumps(OneField((1, 2)))), OneField((1, 2)))
    assert b"only" not in dumps(OneField(()))


def test_a_class_that_pickles_itself_keeps_its_own_way(registered: None) -> None:
    # What pickle would do, whatever the table: its own __reduce__, copyreg, a __dict__.
    assert pickle.loads(dumps(Pickled("x", 2))) == Pickled("by its own reduce", 2)
    assert pickle.loads(dumps(Registered("x"))) == Registered("by copyreg")
    assert b"label" in dumps(WithDict("x"))
    _same(pickle.loads(dumps(WithDict("x"))), WithDict("x"))


def test_classes_and_other_objects_pickle_as_usual() -> None:
    sent = [Colour, Colour.RED, OneField, len, Path("a/b"), 1.5, {"a": (1, None)}]
    _same(pickle.loads(dumps(sent)), sent)
    assert dumps(sent) == pickle.dumps(sent, pickle.HIGHEST_PROTOCOL)


def test_shared_objects_stay_shared() -> None:
    shared = OneField((1,))
    first, second = pickle.loads(dumps([shared, shared]))
    assert first is second


@given(st.lists(st.integers() | st.text() | st.none(), max_size=5))
def test_plain_data_pickles_as_pickle_does(data: list[Any]) -> None:
    assert dumps(data) == pickle.dumps(data, pickle.HIGHEST_PROTOCOL)
