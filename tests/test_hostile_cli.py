"""Hostile and careless input on the command line: exit codes, internal errors, git trees."""

from __future__ import annotations

import pytest

import claimdiff.cli
from tests._cli_helpers import KIDAL, run


def _crash(*args: object, **kwargs: object) -> None:
    raise ValueError("boom\nsecond line")


def test_internal_error_exits_2_naming_the_step(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception nobody expected exits 2 with one line naming the step and the files."""
    monkeypatch.setattr(claimdiff.cli, "reconcile", _crash)
    result = run(capsys, "check", KIDAL / "claims.yaml")
    expected = (
        2,
        f"claimdiff: internal error while reconciling the claims of "
        f"{str(KIDAL / 'claims.yaml')!r}: ValueError: boom second line (this is a bug in "
        "claimdiff; run with --debug for the traceback)\n",
    )
    assert expected == (result.code, result.err)


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_prints_the_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """``--debug``, before or after the command's name, prints the traceback of an internal
    error, and the exit code stays 2."""
    monkeypatch.setattr(claimdiff.cli, "reconcile", _crash)
    argv = ["check", KIDAL / "claims.yaml"]
    argv = ["--debug", *argv] if where == "before" else [*argv, "--debug"]
    result = run(capsys, *argv)
    assert (2, True, True) == (
        result.code,
        result.err.startswith("Traceback (most recent call last):"),
        "the traceback is above)" in result.err,
    )


def test_internal_error_is_not_caught_without_cause(capsys: pytest.CaptureFixture[str]) -> None:
    """A clean run prints no internal error."""
    result = run(capsys, "check", KIDAL / "claims.yaml")
    assert "internal error" not in result.err
