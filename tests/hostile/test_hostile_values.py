"""Hostile value texts: every refusal the reader makes is a ValueParseError naming the text,
and a dataset holding one gives a finding on every engine, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdiff import ValueParseError, load, parse_value
from claimdiff.cli import main

# Ambiguous figures ("1.500") glued to, or set among, words and figures the grammar reads:
# the paths that only look at a figure (a hint, a part of a compound duration) met them too.
_AMBIGUOUS = ["0.000", "1.500", "12.345", "NON0.000", "x1.500"]
_WORDS = [
    "NON", "non", "about", "more than", "up to", "between", "and", "or", "to", "killed", "40",
    "1,500", "days", "weeks", "month", "%", "-", "dozen", "million", "fourteen", "12",
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        (
            "NON0.000",
            "quantity",
            "expected a number, range or bound, got 'NON0.000'; "
            "'0.000' is ambiguous: write '1,500' or '1.5'",
        ),
        (
            "12 0.000",
            "count",
            "expected a number, range or bound, got '12 0.000'; "
            "'0.000' is ambiguous: write '1,500' or '1.5'",
        ),
        (
            "3 days 1.500",
            "duration",
            "expected a number, range or bound, got '3 days 1.500'; "
            "'1.500' is ambiguous: write '1,500' or '1.5'",
        ),
        (
            "1.500 days and 2 weeks",
            "duration",
            "expected a duration such as 'five weeks' or '1 month and 4 days', got "
            "'1.500 days and 2 weeks'; '1.500' is ambiguous: write '1,500' or '1.5'",
        ),
    ],
)
def test_ambiguous_figure_anywhere_is_a_value_parse_error(
    text: str, kind: str, message: str
) -> None:
    """An ambiguous figure met outside the grammar's main reading is refused with the whole
    text and the ambiguity named."""
    with pytest.raises(ValueParseError) as raised:
        parse_value(text, kind)
    assert message == str(raised.value)


@given(
    st.lists(st.sampled_from(_WORDS + _AMBIGUOUS), min_size=1, max_size=6),
    st.sampled_from(["", " "]),
    st.sampled_from(["quantity", "count", "percent", "duration"]),
)
def test_numeric_texts_raise_only_value_parse_errors(words: list[str], sep: str, kind: str) -> None:
    """Texts mixing ambiguous figures with the grammar's words are read or refused with a
    ValueParseError whose message shows the whole text."""
    text = sep.join(words)
    try:
        value = parse_value(text, kind)
    except ValueParseError as e:
        message = str(e)
    else:
        assert text == value.text
        return
    assert repr(text) in message


@pytest.mark.parametrize("engine", ["python", "overview"])
def test_dataset_with_an_ambiguous_figure_gives_a_finding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, engine: str
) -> None:
    """``load`` and ``check`` on either engine turn the text into an invalid-value finding at
    its line, and read the rest of the file."""
    path = tmp_path / "claims.jsonl"
    rows = [
        {"id": "c1", "event": "e", "measure": "killed", "value": "NON0.000", "claimant": "a"},
        {"id": "c2", "event": "e", "measure": "killed", "value": "3", "claimant": "b"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    dataset = load(path)
    assert [("invalid-value", 1)] == [(f.code, f.location.line) for f in dataset.findings]
    assert ["c2"] == [c.id for c in dataset.claims]
    code = main(["check", str(path), "--engine", engine, "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    found = [(f["code"], f["location"]["line"]) for f in report["findings"]]
    assert (1, [("invalid-value", 1)]) == (code, found)
