"""Transpositions found by the engine are the report's.

The engine compares only the bases (event, party, place, scope) where a swap may lie: those
with a group the reference built, and those where a self-join of the plain groups' figures
finds one origin's pair ``(x, y)`` for two measures and another's ``(y, x)``. The generated
files make swaps common: few figures, written several ways ("40", "forty", "40.0", a
structured value), few measures and parties, several claimants, and values that send their
group to the reference (a range, two options, a denial, revisions of one origin).
"""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimdiff._engine.groups import _as_float
from tests.engine.test_overview_equals_report import _assert_answers_alike

FIGURES = [
    "40",
    "forty",
    "40.0",
    {"kind": "quantity", "low": 40, "high": 40},
    "50",
    "fifty",
    {"kind": "quantity", "low": 50, "high": 50},
    "7",
    "about 40",
    "40-50",
    "40 or 50",
]


CLAIMANTS = ["MNLA", "FAMa", "RFI"]
#: One figure written several ways.
WORDS: dict[int, list[Any]] = {
    40: ["40", "forty", "40.0", {"kind": "quantity", "low": 40, "high": 40}],
    50: ["50", "fifty", {"kind": "quantity", "low": 50, "high": 50}],
    7: ["7", "seven"],
}


@st.composite
def claims(draw: st.DrawFn) -> list[str]:
    """Each claimant's figures for two measures of one party, swapped between claimants
    (``(x, y)``, ``(y, x)``, each written its own way); then some cells given a second
    figure, and a few claims of other measures, parties and scopes."""
    records = []
    x, y = draw(st.permutations([*WORDS]))[:2]
    for claimant in CLAIMANTS:
        pair = draw(st.sampled_from([(x, y), (y, x), (x, x)]))
        for measure, figure in zip(("killed", "wounded"), pair, strict=True):
            if draw(st.integers(0, 9)) == 0:
                continue
            records.append(
                {
                    "measure": measure,
                    "value": draw(st.sampled_from(WORDS[figure])),
                    "claimant": claimant,
                }
            )
            if draw(st.integers(0, 9)) == 0:
                records.append(
                    {
                        "measure": measure,
                        "value": draw(st.sampled_from(FIGURES)),
                        "claimant": claimant,
                    }
                )
    for _ in range(draw(st.integers(0, 3))):
        records.append(
            {
                "measure": draw(st.sampled_from(["killed", "captured"])),
                "party": draw(st.sampled_from(["fama", "mnla"])),
                "value": draw(st.sampled_from(FIGURES)),
                "claimant": draw(st.sampled_from(CLAIMANTS)),
            }
        )
    for record in records:
        if draw(st.integers(0, 19)) == 0:
            record["stance"] = "denies"
        if draw(st.integers(0, 19)) == 0:
            record["as_of"] = "2014-05"
    return [
        json.dumps({"id": f"c{n:03d}", "event": "kidal-2014", **record})
        for n, record in enumerate(draw(st.permutations(records)))
    ]


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(claims())
def test_transpositions_equal_reference(claim_lines: list[str]) -> None:
    """The engine's transpositions (and every other answer) are the report's, swaps common."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.jsonl"
        path.write_text("\n".join(claim_lines) + "\n", encoding="utf-8")
        _assert_answers_alike(path)


def test_swap_written_differently_is_found(tmp_path: Path) -> None:
    """A swap whose figures are written in different words ("forty" and 40.0) is found."""
    lines = [
        {"id": "a1", "measure": "killed", "value": "forty", "claimant": "MNLA"},
        {"id": "a2", "measure": "wounded", "value": "50", "claimant": "MNLA"},
        {"id": "b1", "measure": "killed", "value": "fifty", "claimant": "FAMa"},
        {"id": "b2", "measure": "wounded", "value": "40.0", "claimant": "FAMa"},
    ]
    path = tmp_path / "claims.jsonl"
    path.write_text(
        "".join(json.dumps({"event": "kidal-2014", **line}) + "\n" for line in lines),
        encoding="utf-8",
    )
    actual = _assert_answers_alike(path)
    assert [("killed", "wounded")] == [
        (t.groups[0].measure, t.groups[1].measure) for t in actual.transpositions
    ]


figures = st.one_of(
    st.integers(),
    st.integers(-(10**400), 10**400),
    st.floats(allow_nan=False),
    st.decimals(allow_nan=False),
    st.fractions(),
)


@given(figures, figures)
def test_figures_equal_as_numbers_meet_as_floats(a: object, b: object) -> None:
    """Figures equal as numbers (whatever their type, however large) are equal floats, so the
    self-join that picks the bases to compare misses no swap."""
    if a == b:
        assert _as_float(a) == _as_float(b)


@given(st.sampled_from([10**400, Decimal("1e400"), Fraction(10**400, 3)]))
def test_figure_too_large_for_a_float_is_infinite(figure: int | Decimal | Fraction) -> None:
    """A figure beyond the floats is an infinity of its sign, never an error."""
    assert (float("inf"), float("-inf")) == (_as_float(figure), _as_float(-figure))
