"""The package's layers: imports run only downward, without a circle or a private name across.

Every module of ``claimdiff`` is read with :mod:`ast` (imports at module level, inside
functions and under ``TYPE_CHECKING``), each import mapped to the layer of the module it
names, and the rules of docs/architecture.md checked: no import from a higher layer (bar the
few listed in :data:`ALLOWED` with their reason), no circle among the modules imported when
the package is imported, no ``_private`` name imported from another subpackage.
"""

from __future__ import annotations

import ast
import graphlib
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import claimdiff

PACKAGE = Path(claimdiff.__file__).resolve().parent

#: The layers, lowest first; a module may import from its own layer and those below it.
#: The faces on top (the public modules users import) share the highest rank.
LAYERS: dict[str, int] = {
    "errors": 0,
    "_model": 1,
    "_grammar": 2,
    "_estimates": 3,
    "_reconciler": 4,
    "_curation": 5,
    "_loader": 6,
    "_render": 7,
    "_engine": 8,
}
FACES = {"__init__", "__main__", "cli", "dask", "testing", "datasets"}
TOP = max(LAYERS.values()) + 1

#: Imports from a higher layer that stay, each inside a function (run when called, never
#: when the package is imported) or under ``TYPE_CHECKING``: (module, where) -> reason.
#: ``where`` is the function's qualified name, or ``TYPE_CHECKING``.
ALLOWED: dict[tuple[str, str], str] = {
    # Notebook and console conveniences on model objects, as polars' DataFrame._repr_html_
    # imports its formatter when called: the object shows itself with the renderers, which
    # sit above it and import it, so the import waits until a notebook asks.
    ("claimdiff._model.claims", "Dataset.__repr__"): "console repr via the renderers",
    ("claimdiff._estimates.estimate", "Estimate.__repr__"): "console repr via the renderers",
    ("claimdiff._estimates.estimate", "Estimate._repr_html_"): "notebook display",
    ("claimdiff._estimates.estimate", "Estimate._repr_markdown_"): "notebook display",
    ("claimdiff._reconciler.report", "Group.__repr__"): "console repr via the renderers",
    ("claimdiff._reconciler.report", "Group._repr_html_"): "notebook display",
    ("claimdiff._reconciler.report", "Group._repr_markdown_"): "notebook display",
    ("claimdiff._reconciler.report", "Report.__repr__"): "console repr via the renderers",
    ("claimdiff._reconciler.report", "Report._repr_html_"): "notebook display",
    ("claimdiff._reconciler.report", "Report._repr_markdown_"): "notebook display",
    ("claimdiff._reconciler.report", "Report.to_frame"): "DataFrame export by the loader's frames",
    ("claimdiff._reconciler.overview", "Overview.__repr__"): "console repr via the renderers",
    ("claimdiff._reconciler.overview", "Overview._repr_html_"): "notebook display",
    ("claimdiff._reconciler.overview", "Overview._repr_markdown_"): "notebook display",
    ("claimdiff._reconciler.overview", "Overview.to_frame"): "DataFrame export by the frames",
    ("claimdiff._curation.check", "TYPE_CHECKING"): "the engine's result type, as above",
}


@attrs.frozen
class Import:
    """One import of a claimdiff module by a claimdiff module."""

    importer: str
    target: str
    names: tuple[str, ...]
    where: str  # "" at module level, a function's qualified name, or "TYPE_CHECKING"
    line: int


def module_name(path: Path) -> str:
    """The dotted name of a module file of the package."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name."""
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def is_type_checking(node: ast.If) -> bool:
    """Whether an ``if`` tests ``TYPE_CHECKING``."""
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_in(name: str, source: str, is_package: bool, known: set[str]) -> Iterator[Import]:
    """Every import of a claimdiff module in one module's source, with where it is."""

    def visit(node: ast.AST, qualname: str, in_function: bool, typing: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            # An import runs when the package is imported unless a function body holds it;
            # under TYPE_CHECKING it never runs but still says what the module leans on.
            where = qualname if in_function else ("TYPE_CHECKING" if typing else "")
            if isinstance(child, ast.ImportFrom):
                yield from from_import(child, where)
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.split(".")[0] == "claimdiff":
                        yield Import(name, alias.name, (), where, child.lineno)
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                inner = f"{qualname}.{child.name}" if qualname else child.name
                is_function = not isinstance(child, ast.ClassDef)
                yield from visit(child, inner, in_function or is_function, typing)
            elif isinstance(child, ast.If) and is_type_checking(child):
                yield from visit(child, qualname, in_function, True)
            else:
                yield from visit(child, qualname, in_function, typing)

    def from_import(node: ast.ImportFrom, where: str) -> Iterator[Import]:
        if node.level:
            base = name.split(".")
            if not is_package:
                base = base[:-1]
            base = base[: len(base) - (node.level - 1)]
            target = ".".join([*base, *([node.module] if node.module else [])])
        else:
            target = node.module or ""
        if target.split(".")[0] != "claimdiff":
            return
        plain: list[str] = []
        for alias in node.names:
            if f"{target}.{alias.name}" in known:  # a module imported by name
                yield Import(name, f"{target}.{alias.name}", (), where, node.lineno)
            else:
                plain.append(alias.name)
        if plain:
            yield Import(name, target, tuple(plain), where, node.lineno)

    yield from visit(ast.parse(source), "", False, False)


def all_imports() -> list[Import]:
    """Every claimdiff import in the package."""
    known = set(modules())
    return [
        imp
        for name, path in modules().items()
        for imp in imports_in(name, path.read_text("utf-8"), path.name == "__init__.py", known)
    ]


def unit(module: str) -> str:
    """The layer or face a module belongs to: its first name under ``claimdiff``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def rank(module: str) -> int:
    """A module's height: its layer's rank, or the top for the faces."""
    name = unit(module)
    if name in FACES:
        return TOP
    if name not in LAYERS:
        raise AssertionError(f"{module} is in no layer; add its folder to LAYERS and the docs")
    return LAYERS[name]


def upward(imports: list[Import]) -> set[tuple[str, str]]:
    """(module, where) of every import from a higher layer."""
    return {(i.importer, i.where) for i in imports if rank(i.target) > rank(i.importer)}


def private_crossings(imports: list[Import]) -> list[str]:
    """Every ``_private`` name imported from another layer or face."""
    return [
        f"{i.importer}:{i.line} imports {name} from {i.target}"
        for i in imports
        if unit(i.importer) != unit(i.target)
        for name in i.names
        if name.startswith("_") and not name.startswith("__")
    ]


def import_time_cycle(imports: list[Import]) -> list[str] | None:
    """A circle among the imports run when the package is imported, or None."""
    graph: dict[str, set[str]] = {}
    for i in imports:
        if i.where == "":
            graph.setdefault(i.importer, set()).add(i.target)
    try:
        tuple(graph_sorter(graph).static_order())
    except graphlib.CycleError as error:
        return list(error.args[1])
    return None


def graph_sorter(graph: dict[str, set[str]]) -> graphlib.TopologicalSorter[str]:
    """A topological sorter over an import graph (module -> the modules it imports)."""
    sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    for node, targets in graph.items():
        sorter.add(node, *targets)
    return sorter


IMPORTS = all_imports()


def test_every_module_is_in_a_layer() -> None:
    """Each module of the package belongs to a listed layer or face."""
    expected: list[str] = []
    assert expected == [m for m in modules() if unit(m) not in LAYERS and unit(m) not in FACES]


def test_imports_run_only_downward() -> None:
    """No module imports from a higher layer, bar the listed lazy conveniences."""
    assert set() == upward(IMPORTS) - set(ALLOWED)


def test_allowed_upward_imports_still_exist() -> None:
    """Every allowed upward import is still made, so the list says what the code does."""
    assert set() == set(ALLOWED) - upward(IMPORTS)


def test_allowed_upward_imports_are_not_at_import_time() -> None:
    """The allowed upward imports all wait for a call or are for the type checker only."""
    assert [] == [key for key in ALLOWED if key[1] == ""]


def test_no_private_name_crosses_a_layer() -> None:
    """No ``_private`` name is imported from another subpackage or face."""
    assert [] == private_crossings(IMPORTS)


def test_no_import_circle() -> None:
    """The modules imported when claimdiff is imported form no circle."""
    assert None is import_time_cycle(IMPORTS)


def test_every_subpackage_says_its_job() -> None:
    """Each subpackage's ``__init__.py`` opens with a docstring saying its job and its use."""
    expected: list[str] = []
    assert expected == [
        str(p.relative_to(PACKAGE))
        for p in sorted(PACKAGE.rglob("__init__.py"))
        if not ast.get_docstring(ast.parse(p.read_text("utf-8")))
    ]


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        (
            "claimdiff._model.x",
            "from .._render.display import show\n",
            {("claimdiff._model.x", "")},
        ),
        (
            "claimdiff._model.x",
            "def f():\n    from claimdiff._engine import result\n",
            {("claimdiff._model.x", "f")},
        ),
        (
            "claimdiff._model.x",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .._loader import load\n",
            {("claimdiff._model.x", "TYPE_CHECKING")},
        ),
        (
            "claimdiff._model.x",
            "class C:\n    def __repr__(self):\n        from .._render import display\n",
            {("claimdiff._model.x", "C.__repr__")},
        ),
        ("claimdiff._render.x", "from .._model.claims import Claim\n", set()),
    ],
)
def test_upward_imports_are_found(name: str, source: str, expected: set[tuple[str, str]]) -> None:
    """The checker finds an upward import at module level, in a function, for typing only."""
    known = {"claimdiff._engine.result", "claimdiff._render.display", "claimdiff._loader.load"}
    assert expected == upward(list(imports_in(name, source, False, known)))


def test_private_crossings_are_found() -> None:
    """A private name from another subpackage is reported; one from the same is not."""
    source = "from .._grammar.quantities import _OR_SO\nfrom .claims import _helper\n"
    found = private_crossings(list(imports_in("claimdiff._model.x", source, False, set())))
    assert ["claimdiff._model.x:1 imports _OR_SO from claimdiff._grammar.quantities"] == found


def test_import_circles_are_found() -> None:
    """Two modules importing each other at module level make a circle."""
    imports = [
        *imports_in("claimdiff._model.a", "from .b import x\n", False, set()),
        *imports_in("claimdiff._model.b", "from .a import y\n", False, set()),
    ]
    cycle = import_time_cycle(imports)
    assert cycle is not None
    assert {"claimdiff._model.a", "claimdiff._model.b"} == set(cycle)
