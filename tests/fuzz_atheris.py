"""A coverage-guided fuzzer for the loaders, with atheris (not run by pytest).

Each input's first byte picks the format, the rest is the file; the check is the one the
Hypothesis fuzzers make (``tests/hostile/test_fuzz.py``): load, reconcile and check without an
exception, every record read reconciled or refused with an error. See docs/fuzzing.md::

    pip install atheris
    python -m tests.fuzz_atheris -max_total_time=1800 fuzz-corpus/
"""

from __future__ import annotations

import importlib
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.hostile.test_fuzz import FORMATS, accounted


def one_input(data: bytes) -> None:
    """Check one input: its first byte picks the format."""
    if not data:
        return
    fmt = FORMATS[data[0] % len(FORMATS)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"claims.{fmt}"
        path.write_bytes(data[1:])
        accounted(path)


def main() -> None:
    """Run atheris over :func:`one_input` with the command line's libFuzzer options."""
    atheris: Any = importlib.import_module("atheris")  # optional: only this harness needs it
    with atheris.instrument_imports():
        importlib.import_module("claimdiff")
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
