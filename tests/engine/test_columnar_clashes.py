"""Contradicting groups decided in columns (``claimdiff._engine.clashes``) are the reference's.

Every group the columns decide must carry the reference reconciler's pair count, first
contradicting claim, furthest gap, camps (each claim's) and rounding; and the check worded
from those columns must be the check worded from the reference's groups, in every format.
The generated files make contradicting groups of every kind common: figures (round ones
that the rounding policy widens, open ones, many distinct figures), days, labels and truth
values, mostly one claim per origin.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimdiff import DEFAULT_POLICY, Baseline, GroupKey, check, load, reconcile
from claimdiff._curation.baseline import entries_for
from claimdiff._engine.check import check_columnar
from claimdiff._engine.read import KEY
from claimdiff._engine.result import run
from claimdiff._reconciler.clashes import gap_between
from tests.engine.test_overview_equals_report import _assert_answers_alike

from .._cli_helpers import run as run_cli

pytest.importorskip("polars")

FIGURES = [
    "40", "50", "about 50", "at least 40", "up to 45", "40-50", "dozens", "2,500", "2,475",
    "2,450", "2,600", "13,000", "12,944", "12,500", "1,000", "1,049", "0", "2.5", "unknown",
]  # fmt: skip
DAYS = ["14 November 2023", "November 2023", "2023", "17 May 2014", "May 2014", "1 June 2014"]
LABELS = ["FAMa", "MNLA", "HCUA", "Malian army", "yes", "no"]
MEASURES = {"killed": FIGURES, "date": DAYS, "controller": LABELS[:4], "advanced": LABELS[4:]}


@st.composite
def clash_lines(draw: st.DrawFn) -> list[str]:
    """JSON Lines of groups that mostly contradict: each claim told by its own claimant
    (now and then a claimant twice, or none), values drawn from a few texts or many
    distinct figures."""
    out = []
    n = 0
    for g in range(draw(st.integers(1, 5))):
        measure = draw(st.sampled_from(sorted(MEASURES)))
        many = draw(st.sampled_from(["few", "scattered", "clustered"]))
        if measure != "killed" or many == "few":
            texts = st.sampled_from(MEASURES[measure])
        elif many == "scattered":  # a camp per figure, or nearly
            texts = st.integers(0, 9_999).map(lambda x: f"{x:,}")
        else:  # many distinct ranges in a few camps: the sweep of many classes
            texts = st.builds(
                lambda c, x, y: f"{100 * c + x}-{100 * c + 50 + y}",
                st.integers(0, 2),
                st.integers(0, 40),
                st.integers(0, 40),
            )
        for _ in range(draw(st.integers(1, 12 if many == "few" else 40))):
            record = {
                "id": f"c{n:03d}",
                "event": f"event-{g % 3}",
                "measure": measure,
                "value": draw(texts),
            }
            who = draw(st.integers(0, 30))
            if who:
                record["claimant"] = f"source {n if who > 2 else who}"
            if draw(st.integers(0, 5)) == 0:
                record["via"] = draw(st.sampled_from(["Reuters", "Reuters > RFI [3]"]))
            n += 1
            out.append(json.dumps(record))
    return out


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(lines=clash_lines())
def test_groups_decided_in_columns_are_the_reference_groups(lines: list[str]) -> None:
    """Each group decided in columns has the reference group's verdict, pair count, first
    contradicting claim, gap, camps and rounding; the overview and the check are alike."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        report = reconcile(load(path))
        groups = {g.key: g for g in report.groups}
        found = run([str(path)], DEFAULT_POLICY)
        camps: dict[GroupKey, dict[int, list[str]]] = {}
        for *key, claim_id, camp in found.members.select(*KEY, "id", "camp").iter_rows():
            camps.setdefault(GroupKey(**dict(zip(KEY, key, strict=True))), {}).setdefault(
                camp, []
            ).append(claim_id)
        for row in found.clashes.iter_rows(named=True):
            key = GroupKey(**{k: row[k] for k in KEY})
            group = groups[key]
            expected = (
                "contradiction",
                group.pair_count,
                group.contradicting[0],
                group.gap,
                [c.claims for c in group.camps],
                bool(group.rounded),
            )
            gap = (
                None
                if row["gap_low"] is None
                else gap_between(row["axis"], row["gap_low"], row["gap_high"])
            )
            actual = (
                "contradiction",
                row["pairs"],
                row["first"],
                gap,
                [tuple(sorted(ids)) for _, ids in sorted(camps[key].items())],
                row["rounded"],
            )
            assert expected == actual
        entries = entries_for(report)[::2]
        baseline = Baseline(entries=entries, path="baseline.yaml")
        expected_check = check(load(path), report, baseline=baseline)
        actual_check, _, _ = check_columnar([str(path)], policy=DEFAULT_POLICY, baseline=baseline)
        assert expected_check == actual_check
        _assert_answers_alike(path)


def _lines(*claims: tuple[str, str, str]) -> str:
    return "".join(
        json.dumps({"id": f"c{n}", "event": "e", "measure": m, "value": v, "claimant": who}) + "\n"
        for n, (m, v, who) in enumerate(claims)
    )


def test_plain_contradictions_are_decided_in_columns(tmp_path: Path) -> None:
    """Figures, days and labels told once per origin that contradict are decided in columns,
    with no group built whole."""
    path = tmp_path / "claims.jsonl"
    path.write_text(
        _lines(
            ("killed", "40", "MNLA"),
            ("killed", "50", "Malian government"),
            ("killed", "2,500", "UN"),
            ("date", "17 May 2014", "MNLA"),
            ("date", "21 May 2014", "UN"),
            ("controller", "MNLA", "MNLA"),
            ("controller", "FAMa", "UN"),
        ),
        encoding="utf-8",
    )
    found = run([str(path)], DEFAULT_POLICY)
    expected = (3, 0)
    actual = (found.clashes.height, len(found.built))
    assert expected == actual


def test_what_the_columns_do_not_say_goes_to_the_reference(tmp_path: Path) -> None:
    """Negative figures, widened figures that stop contradicting, and an origin telling two
    figures are decided by the reference reconciler, claim by claim."""
    path = tmp_path / "claims.jsonl"
    path.write_text(
        _lines(
            ("change", "-40", "MNLA"),
            ("change", "50", "UN"),
            ("killed", "2,500", "MNLA"),
            ("killed", "2,475", "UN"),
            ("wounded", "40", "MNLA"),
            ("wounded", "50", "MNLA"),
        ),
        encoding="utf-8",
    )
    found = run([str(path)], DEFAULT_POLICY)
    expected = (0, ["change", "killed", "wounded"])
    actual = (found.clashes.height, sorted(g.key.measure for g in found.built))
    assert expected == actual


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "junit", "github", "sarif"])
def test_check_worded_from_columns_prints_the_reference_bytes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    """``claimdiff check`` prints the same bytes on both engines when the contradictions
    are decided in columns (figures, rounded figures, days, labels, voices via outlets)."""
    path = tmp_path / "claims.jsonl"
    path.write_text(
        _lines(
            ("killed", "40", "MNLA"),
            ("killed", "50", "Malian government"),
            ("killed", "about 50", "Reuters"),
            ("killed", "13,000", "UN"),
            ("killed", "12,944", "MINUSMA"),
            ("killed", "at least 60", "HRW"),
            ("date", "17 May 2014", "MNLA"),
            ("date", "May 2014", "RFI"),
            ("date", "21 June 2014", "UN"),
            ("controller", "MNLA", "MNLA"),
            ("controller", "FAMa", "UN"),
            ("controller", "FAMa", "RFI"),
        ),
        encoding="utf-8",
    )
    here = run_cli(capsys, "check", path, "--format", fmt, "--engine", "python")
    lane = run_cli(capsys, "check", path, "--format", fmt, "--engine", "overview")
    assert (here.code, here.out, here.err) == (lane.code, lane.out, lane.err)
