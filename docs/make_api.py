"""Write docs/api.md, the reference of every public name, from the code's own docstrings.

Run ``python docs/make_api.py``; ``tests/examples/test_docs.py`` fails when the page is out of date,
so the reference cannot drift from the code.
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
(Hypothesis strategies, needs `hypothesis`), `claimdiff.dask` (needs `claimdiff[dask]`),
`claimdiff.datasets` (adapters for the public Flight and Population data) and
`claimdiff.errors` (every exception claimdiff raises on purpose, under `ClaimdiffError`,
including those only the command line, git revisions and the dataset adapters raise:
`UsageError`, `GitError`, `UnreadableCellError`, `AmbiguousFigureError`, `EdtfRefusedError`).
"""


#: The ten names most users need, in the order they meet them, with what each is for.
START_HERE = (
    ("load", "read a dataset from files, folders or open streams (YAML, JSON, CSV, ...)"),
    ("from_frame", "read claims from a pandas, polars or PyArrow table"),
    ("reconcile", "reconcile the claims: a report of every question they answer"),
    ("Report", "the report: `summary`, `groups`, `group(key)`, `to_frame()`"),
    ("Group", "one question: its verdict, range, camps and entries"),
    ("render_text", "the report for people, as the command line prints it"),
    ("render_html", "the report as a standalone, offline HTML page"),
    ("check", "the findings CI acts on, with a baseline of reviewed contradictions"),
    ("overview", "the same answers for millions of claims, without an object per claim"),
    ("ValuePolicy", "how approximate and vague figures given as text are read"),
)


class _Named:
    """A default shown by the public name it is (``DEFAULT_POLICY``), not by its long repr."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


def _signature(obj: object) -> str:
    try:
        sig = inspect.signature(obj)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    constants = {
        id(getattr(claimdiff, n)): n
        for n in claimdiff.__all__
        if n.isupper() and not callable(getattr(claimdiff, n))
    }
    params = [
        p.replace(default=_Named(constants[id(p.default)]))
        if id(p.default) in constants and p.default is not inspect.Parameter.empty
        else p
        for p in sig.parameters.values()
    ]
    return str(sig.replace(parameters=params))


def _anchor(title: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes."""
    return "".join(c for c in title.lower() if c.isalnum() or c in " -_").replace(" ", "-")


def _methods(name: str, cls: type) -> str:
    """The public methods and properties ``cls`` defines itself, each with its docstring."""
    parts = []
    for attr, member in sorted(vars(cls).items()):
        if attr.startswith("_"):
            continue
        if isinstance(member, property):
            head = f"#### `{name}.{attr}` (property)"
            doc = inspect.getdoc(member) or ""
        elif isinstance(member, classmethod | staticmethod) or inspect.isfunction(member):
            func = member.__func__ if isinstance(member, classmethod | staticmethod) else member
            signature = _signature(func)
            if isinstance(member, classmethod) or not isinstance(member, staticmethod):
                # Drop self/cls, which callers do not pass.
                signature = signature.replace("(self, ", "(").replace("(self)", "()")
                signature = signature.replace("(cls, ", "(").replace("(cls)", "()")
            head = f"#### `{name}.{attr}{signature}`"
            doc = inspect.getdoc(func) or ""
        else:
            continue
        parts.append(f"{head}\n\n{doc}\n" if doc else f"{head}\n")
    return "\n" + "\n".join(parts) if parts else ""


def _section(name: str, obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    methods = ""
    if name == "__version__":
        return "### `__version__`\n\nThe installed version of claimdiff, a string (`0.1.0.dev0`).\n"
    if inspect.isclass(obj):
        head = f"### class `{name}`"
        if attrs.has(obj):
            fields = ", ".join(f.name for f in attrs.fields(obj))
            head += f"\n\nFields: `{fields}`"
        methods = _methods(name, obj)
    elif callable(obj):
        head = f"### `{name}`\n\n```\n{name}{_signature(obj)}\n```"
    else:
        head = f"### `{name}`\n\n`{obj!r}`"
        doc = ""
    return (f"{head}\n\n{doc}\n" if doc else f"{head}\n") + methods


def _heading(name: str, obj: object) -> str:
    """The text of a name's heading, as _section writes it (for the anchor)."""
    return _section(name, obj).splitlines()[0].lstrip("# ")


def _start_here() -> str:
    lines = ["## Start here", ""]
    for n, (name, what) in enumerate(START_HERE, 1):
        anchor = _anchor(_heading(name, getattr(claimdiff, name)))
        lines.append(f"{n}. [`{name}`](#{anchor}): {what}.")
    return "\n".join(lines) + "\n"


def render() -> str:
    """The page: the start-here path, then every name in alphabetical order."""
    names = sorted(claimdiff.__all__, key=str.casefold)
    body = "\n".join(_section(n, getattr(claimdiff, n)) for n in names)
    return INTRO + "\n" + _start_here() + "\n## Every public name\n\n" + body


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
