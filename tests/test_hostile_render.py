"""Every output format escapes data for its medium, and renders data at the edges of its range."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimdiff import load, reconcile, render_html


@settings(max_examples=25, deadline=None)
@given(st.dates(), st.dates())
@example(dt.date.min, dt.date.max)
@example(dt.date.max - dt.timedelta(days=1), dt.date.max)
@example(dt.date.min, dt.date.min + dt.timedelta(days=1))
@example(dt.date(1, 1, 1), dt.date(1, 12, 31))
def test_html_report_renders_dates_anywhere_in_the_calendar(
    tmp_path_factory: object, a: dt.date, b: dt.date
) -> None:
    """The HTML page draws a date group whose figures lie anywhere from 0001-01-01 to
    9999-12-31, the calendar's edges included."""
    folder = Path(str(tmp_path_factory.mktemp("dates")))  # type: ignore[attr-defined]
    path = folder / "claims.yaml"
    path.write_text(
        "claims:\n"
        f"  - {{id: c1, event: e, measure: date, value: {a.isoformat()}, claimant: x}}\n"
        f"  - {{id: c2, event: e, measure: date, value: {b.isoformat()}, claimant: y}}\n",
        encoding="utf-8",
    )
    dataset = load(path)
    page = render_html(reconcile(dataset), dataset)
    assert page.startswith("<!DOCTYPE html>")
