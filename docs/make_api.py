"""Write docs/api.md, the reference of every public name, from the code's own docstrings.

Run ``python docs/make_api.py``; ``tests/test_docs.py`` fails when the page is out of date, so
the reference cannot drift from the code.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import attrs

import claimdiff

PAGE = Path(__file__).with_name("api.md")

INTRO = """# API reference

Generated from the docstrings by `docs/make_api.py`; do not edit by hand. Everything here is
importable from `claimdiff` and listed in `claimdiff.__all__`; anything else is private. Public
modules beside it: `claimdiff.cli` (the command line, `main(argv) -> int`), `claimdiff.testing`
(Hypothesis strategies, needs `hypothesis`), `claimdiff.dask` (needs `claimdiff[dask]`) and
`claimdiff.datasets` (adapters for the public Flight and Population data).
"""


def _signature(obj: object) -> str:
    try:
        return str(inspect.signature(obj))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""


def _section(name: str, obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    if inspect.isclass(obj):
        head = f"### class `{name}`"
        if attrs.has(obj):
            fields = ", ".join(f.name for f in attrs.fields(obj))
            head += f"\n\nFields: `{fields}`"
    elif callable(obj):
        head = f"### `{name}{_signature(obj)}`"
    else:
        head = f"### `{name}`\n\n`{obj!r}`"
        doc = ""
    return f"{head}\n\n{doc}\n" if doc else f"{head}\n"


def render() -> str:
    """The page, names in alphabetical order."""
    names = sorted(claimdiff.__all__, key=str.casefold)
    return INTRO + "\n" + "\n".join(_section(n, getattr(claimdiff, n)) for n in names)


def undocumented() -> list[str]:
    """Public names without a docstring of their own (constants excepted)."""
    return [
        n
        for n in claimdiff.__all__
        if (callable(getattr(claimdiff, n)) and not inspect.getdoc(getattr(claimdiff, n)))
    ]


if __name__ == "__main__":
    PAGE.write_text(render(), encoding="utf-8")
    missing = undocumented()
    if missing:
        print("undocumented:", ", ".join(missing), file=sys.stderr)
        sys.exit(1)
