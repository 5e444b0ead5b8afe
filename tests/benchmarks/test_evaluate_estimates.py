"""benchmarks/evaluate_estimates.py on the tiny copies of the data sets, without the peers."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from claimdiff import Claim, Quantity
from claimdiff.datasets import load_flight

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = Path(__file__).parent.parent / "data"


@pytest.fixture
def script(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The script as a module, its optional peers switched off (tests never need them)."""
    path = ROOT / "benchmarks" / "evaluate_estimates.py"
    spec = importlib.util.spec_from_file_location("evaluate_estimates", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "evaluate_estimates", module)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "peer_methods", dict)
    return module


def test_prints_every_configuration_for_both_data_sets(
    script: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each data set's table has majority voting, every rule and every named configuration,
    the one chosen on the choice half marked and named, and the count of unreadable cells."""
    assert 0 == script.main(["--data", str(DATA), "--no-stability"])
    out = capsys.readouterr().out
    assert "unreadable: 1" in out
    rows = [line.split(" | ")[0] for line in out.splitlines() if line.startswith("| ")]
    assert 2 == sum(1 for r in rows if r.endswith(" **chosen**"))
    assert 2 == sum(1 for line in out.splitlines() if line.startswith("Chosen configuration: "))
    assert 2 == rows.count("| majority (claims)")
    assert 2 == rows.count("| claimdiff median-of-origins")


def test_ties_count_as_wrong_unless_broken_low(script: ModuleType) -> None:
    """A tie is wrong under precision and right under 'ties -> lowest' when its lowest is gold,
    for every method alike."""
    key = ("x", "population", None)
    answers = {key: script.Tied((5, 7))}
    assert 0.0 == script._precision(answers, {key: 5}, [key])
    assert 1.0 == script._precision(answers, {key: 5}, [key], low=True)
    assert 0.0 == script._precision(answers, {key: 7}, [key], low=True)


def test_majority_reports_a_tie(script: ModuleType) -> None:
    """Two values with one claim each are a tie, not the lower one."""
    claims = [
        Claim(id=f"c{n}", event="x", measure="population", value=Quantity.exact(n), claimant=s)
        for n, s in ((5, "a"), (7, "b"))
    ]
    assert {"k": script.Tied((5, 7))} == script.majority({"k": claims})


def test_population_stability_prints_every_round(
    script: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Population stability table has the full data, each seeded round and a spread."""
    assert 0 == script.main(["--data", str(DATA), "--only", "population", "--rounds", "2"])
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.startswith("| method | all items"))
    assert (
        "| method | all items | items -10% (1) | items -10% (2) | sources -5% (1) "
        "| sources -5% (2) | spread |"
    ) == header
    assert "points |" in out.split("population stability")[1]


def test_misread_days_put_cells_without_a_year_a_year_early(script: ModuleType) -> None:
    """The stability table's misread copies shift only the cells written without a year."""
    groups = load_flight(DATA).groups()
    copies = script.misread(groups, ["2012-01-01"])
    claims = copies[("AA-1-JFK-LAX@2012-01-01~misread", "actual_arrival", None)]
    shifted = {c.value.text: c.value.nominal for c in claims if isinstance(c.value, Quantity)}
    assert 740 == shifted["01/01/2012 12:20 PM"]
    assert 740 - 365 * 1440 == shifted["12:20 PM, Jan 01"]
