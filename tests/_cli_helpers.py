"""Shared helpers for the command-line tests: fixture paths and a runner around ``main``."""

from __future__ import annotations

import shutil
from pathlib import Path

import attrs
import pytest

from claimdiff.cli import main

DATA = Path(__file__).resolve().parent / "data" / "cli"
KIDAL = DATA / "kidal"
SOURCES = DATA / "sources"

#: The one contradiction of the fixture, as ``check`` words it.
KILLED = (
    "kidal-2014/killed/fama: 40 (MNLA via Le Point, encyclopedia) against 50 "
    "(Malian government via Reuters), gap 10 (20%)"
)


@attrs.frozen
class Result:
    """What one run of the command gave: exit code and both streams."""

    code: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> Result:
    """Run ``claimdiff *argv`` in-process and capture what it printed."""
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def copy_kidal(tmp_path: Path) -> Path:
    """A writable copy of the fixture dataset."""
    target = tmp_path / "kidal"
    shutil.copytree(KIDAL, target)
    return target
