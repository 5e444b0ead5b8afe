"""One range wording: ``_model/words.py`` words every bound and range, in the text outputs'
style or the HTML page's, and no other module formats a range with an en dash."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import claimdiff
from claimdiff import estimate, parse_value
from claimdiff._model.claims import Claim
from claimdiff._model.range import Range
from claimdiff._model.words import page_range_text, range_text

PACKAGE = Path(claimdiff.__file__).resolve().parent
WORDS = PACKAGE / "_model" / "words.py"
DASH = "\u2013"

#: Where an f-string puts an en dash between two things that are not a range worded for
#: people: (module, function) -> why.
NOT_A_RANGE: dict[tuple[str, str], str] = {
    ("_grammar/parse.py", "_bounds"): "canonical text the grammar reads back, not words",
    ("_grammar/parse.py", "_format_date"): "canonical text: the days of a part of a month",
    ("_grammar/quantities.py", "_hint"): "a figure to write in the data, read back by the grammar",
    ("_render/html/page.py", "_how_to_read"): "the legend quotes an example a source gives",
}


def _dash(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and DASH in node.value


def _formats_with_a_dash(node: ast.AST) -> bool:
    """An f-string with an en dash in its literal text, ``"–".join(...)``, ``x + "–" + y``
    or ``"{}–{}".format(...)``: a range put together by hand."""
    if isinstance(node, ast.JoinedStr):
        return any(_dash(v) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _dash(node.left) or _dash(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in {"join", "format"} and _dash(node.func.value)
    return False


def _ranges_formatted(path: Path) -> list[tuple[str, str]]:
    """(module, function) of every place in ``path`` that formats with an en dash."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = path.relative_to(PACKAGE).as_posix()
    found = []
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            # Nested functions are walked twice; a set below keeps each place once.
            found += [(module, fn.name) for node in ast.walk(fn) if _formats_with_a_dash(node)]
    return sorted(set(found))


def test_the_scan_finds_the_wording_module_s_own_ranges() -> None:
    """The scan sees a range put together with an en dash (so the test below can fail)."""
    assert ("_model/words.py", "range_text") in _ranges_formatted(WORDS)


def test_no_module_but_the_words_formats_a_range() -> None:
    """Outside ``_model/words.py`` no module writes ``f"{lo}–{hi}"``: ranges are worded there."""
    found = [
        place
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != WORDS
        for place in _ranges_formatted(path)
    ]
    assert sorted(NOT_A_RANGE) == found


def test_text_style() -> None:
    """The text outputs' words: ISO days, whole years and months, an open side said after."""
    expected = [
        "40",
        "150\u2013200",
        "at least 10",
        "at most 50",
        "any value",
        "10\u201314, open above",
        "10, open below",
        "2014",
        "2023-11",
        "2023-11-08\u20132023-11-09",
    ]
    assert expected == [
        range_text(40, 40),
        range_text(150, 200),
        range_text(10, None),
        range_text(None, 50),
        range_text(None, None),
        range_text(10, 14, high_open=True),
        range_text(10, 10, low_open=True),
        range_text(dt.date(2014, 1, 1), dt.date(2014, 12, 31)),
        range_text(dt.date(2023, 11, 1), dt.date(2023, 11, 30)),
        range_text(dt.date(2023, 11, 8), dt.date(2023, 11, 9)),
    ]


def test_page_style() -> None:
    """The HTML page's words: days as people write them, a figure open on one side as a sign."""
    expected = [
        "\u2265 10",
        "\u2264 10",
        "10\u201314, open above",
        "1,200.46",
        "1 Jan 2014\u201331 Dec 2014",
        "any value",
    ]
    assert expected == [
        range_text(10, 10, high_open=True, style="page"),
        range_text(10, 10, low_open=True, style="page"),
        range_text(10, 14, high_open=True, style="page"),
        range_text(1200.456, 1200.456, style="page"),
        range_text(dt.date(2014, 1, 1), dt.date(2014, 12, 31), style="page"),
        range_text(None, None, style="page"),
    ]


def test_page_range_text_words_a_range_s_hull() -> None:
    """The page words a range from its ends and open sides, whatever pieces its text names."""
    r = Range(low=40, high=50, text="40 or 50")
    assert "40\u201350" == page_range_text(r)


@given(
    lo=st.integers(-(10**9), 10**9),
    width=st.integers(0, 10**9),
    low_open=st.booleans(),
    high_open=st.booleans(),
)
def test_the_styles_agree_on_whole_figures(
    lo: int, width: int, low_open: bool, high_open: bool
) -> None:
    """Whole figures are worded alike in both styles, bar a single figure open on one side."""
    hi = lo + width
    text = range_text(lo, hi, low_open=low_open, high_open=high_open)
    page = range_text(lo, hi, low_open=low_open, high_open=high_open, style="page")
    assert (lo == hi and (low_open or high_open)) != (text == page)


@given(lo=st.integers(-(10**6), 10**6), width=st.integers(0, 10**6))
def test_an_open_side_is_said_after_the_span(lo: int, width: int) -> None:
    """In the text style an open side only adds its words: the span itself is unchanged."""
    hi = lo + width
    said = range_text(lo, hi)
    expected = [said + ", open below", said + ", open above", said + ", open below, open above"]
    assert expected == [
        range_text(lo, hi, low_open=True),
        range_text(lo, hi, high_open=True),
        range_text(lo, hi, low_open=True, high_open=True),
    ]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["at least 400", "at least 520", "at least 508"], "allow (at least 520)"),
        (["about 500", "at least 508", "about 500"], "allow (508\u2013550)"),
    ],
)
def test_an_estimate_words_the_consensus_as_a_group_s_range(
    values: list[str], expected: str
) -> None:
    """An estimate's reason says what all the claims allow in the words of a group's range."""
    claims = [
        Claim(id=f"c{i}", event="e", measure="killed", value=parse_value(v, "count"), claimant=c)
        for i, (v, c) in enumerate(zip(values, "xyz", strict=True))
    ]
    est = estimate(claims)
    assert est is not None
    assert expected in est.reason
