"""One wording: groups worded in ``_curation.describe``, bounds and ranges in ``_model.words``,
renderers that lay out."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given

import claimdiff
from claimdiff import parse_edtf, to_edtf
from claimdiff._model.words import exact_bounds_text, open_bound_text, span_text
from claimdiff._render.html.context import edtf_span
from claimdiff.testing import date_values

from .._cli_helpers import run

KIDAL = Path(__file__).resolve().parent.parent.parent / "examples" / "kidal"

PACKAGE = Path(claimdiff.__file__).resolve().parent
#: The modules that render: they lay out what the report holds and word it through
#: ``_curation/describe.py`` and ``_model/words.py``. ``explain`` relates two claims on
#: request, so it compares.
RENDERERS = sorted(
    p for p in (PACKAGE / "_render").rglob("*.py") if p.name not in {"__init__.py", "explain.py"}
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}


def test_there_are_renderers() -> None:
    """The renderers are found (so the tests over them can fail)."""
    assert {"_render/markdown.py", "_render/html/page.py", "_render/html/context.py"} <= {
        p.relative_to(PACKAGE).as_posix() for p in RENDERERS
    }


@pytest.mark.parametrize("path", RENDERERS, ids=lambda p: p.name)
def test_renderers_do_not_compare_claims(path: Path) -> None:
    """No renderer imports the comparison: gaps come from ``Group.gap``, pairs from the group."""
    modules = {module.rsplit(".", 1)[-1] for module in _imports(path)}
    assert set() == modules & {"compare", "reconcile", "ranges"}


@pytest.mark.parametrize("path", RENDERERS, ids=lambda p: p.name)
def test_renderers_read_no_dates_with_a_regex(path: Path) -> None:
    """No renderer reads EDTF or ISO dates with a pattern of its own: ``_grammar.edtf`` reads
    them."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    patterns = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if r"\d{4}" in node.value or r"\d{2}" in node.value
    ]
    assert [] == patterns


@given(value=date_values())
def test_edtf_span_is_the_edtf_reader_s(value: claimdiff.DateValue) -> None:
    """The page's span of an EDTF scope is the span ``parse_edtf`` reads from it."""
    text = to_edtf(value)
    read = parse_edtf(text)
    assert (read.low, read.high) == edtf_span(text)


def test_edtf_span_of_a_season_and_of_words() -> None:
    """A season scope is its months (it used to raise on month 21); words give no span."""
    expected = ((dt.date(2013, 3, 1), dt.date(2013, 5, 31)), None)
    assert expected == (edtf_span("2013-21"), edtf_span("spring"))


def test_bounds_in_words() -> None:
    """Figures take thousands separators, days ISO form, an open side its word."""
    expected = ["1,500 to 1,500", "2.5 to open", "2014-05-16 to 2014-05-21", "\u2026"]
    assert expected == [
        span_text(1500, 1500),
        span_text(2.5, None),
        span_text(dt.date(2014, 5, 16), dt.date(2014, 5, 21)),
        open_bound_text(None, "\u2026"),
    ]


def test_exact_bounds_keep_what_is_held() -> None:
    """A diff tells apart values worded alike by their bounds exactly as held."""
    assert " [1500, \u2026]" == exact_bounds_text(1500, None)


def test_explain_words_figures_as_the_report_does(capsys: pytest.CaptureFixture[str]) -> None:
    """``explain`` writes a claim's bounds with thousands separators, as every output does."""
    result = run(capsys, "explain", "kidal-2014.strength.fama.le-monde-infobox", KIDAL)
    assert "  value        1,500 (quantity; 1,500 to 1,500)" == result.out.splitlines()[1]


def test_rendering_compares_no_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    """Markdown, text and HTML reports of the Kidal example are rendered from what the groups
    carry: no comparison of claims runs while they are written."""
    import sys

    from claimdiff import load, reconcile, render_html
    from claimdiff._render.markdown import report_markdown
    from claimdiff._render.text import report_text

    dataset = load(KIDAL)
    report = reconcile(dataset)
    ctx = claimdiff._curation.describe.Context.of(dataset)
    calls: list[str] = []

    def counted(name: str) -> object:
        def compare(*args: object, **kwargs: object) -> object:
            calls.append(name)
            raise AssertionError(f"{name} called while rendering")

        return compare

    for module in list(sys.modules.values()):
        if (getattr(module, "__name__", "") or "").startswith("claimdiff"):
            for name in ("compare", "compare_claims"):
                if hasattr(module, name):
                    monkeypatch.setattr(module, name, counted(name))
    written = [report_markdown(report, ctx), report_text(report, ctx), render_html(report, dataset)]
    assert ([], True) == (calls, all(written))
