"""benchmarks/evaluate_estimates.py on the tiny copies of the data sets, without the peers."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from claimdiff import Quantity
from claimdiff.datasets import load_flight

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"


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
    the recommended one marked, and the adapter's count of unreadable cells."""
    assert 0 == script.main(["--data", str(DATA), "--no-stability"])
    out = capsys.readouterr().out
    assert "unreadable: 1" in out
    rows = [line.split(" | ")[0] for line in out.splitlines() if line.startswith("| ")]
    for name in ("flight-times **recommended**", "crowd-edited **recommended**"):
        assert 1 == sum(1 for r in rows if r.endswith(name))
    assert 2 == rows.count("| majority (claims)")
    assert 2 == rows.count("| claimdiff median-of-origins")


def test_misread_days_put_cells_without_a_year_a_year_early(script: ModuleType) -> None:
    """The stability table's misread copies shift only the cells written without a year."""
    groups = load_flight(DATA).groups()
    copies = script.misread(groups, ["2012-01-01"])
    claims = copies[("AA-1-JFK-LAX@2012-01-01~misread", "actual_arrival", None)]
    shifted = {c.value.text: c.value.nominal for c in claims if isinstance(c.value, Quantity)}
    assert 740 == shifted["01/01/2012 12:20 PM"]
    assert 740 - 365 * 1440 == shifted["12:20 PM, Jan 01"]
