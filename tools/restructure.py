"""Move claimdiff's flat private modules into layered subpackages and rewrite every reference.

Run from the repository root on a tree in the flat layout: ``python tools/restructure.py``.
It plans every move first and stops, changing nothing, when it meets a flat private module
or a test file that neither its tables nor its prefix rules place (so a module added on
another branch is noticed rather than left behind). Then it

1. ``git mv``s each module to its layer and writes the subpackages' ``__init__.py``;
2. rewrites relative imports inside ``claimdiff/``, and every dotted name
   (``claimdiff._io``, in imports, ``importlib``/``mock.patch``/``monkeypatch`` strings,
   config and prose) and file path (``claimdiff/_io.py``, ``tests/test_io.py``) in the
   package, tests, docs, benchmarks, examples, README.md, pyproject.toml and ``.ci/``;
3. renames private names that now cross a subpackage boundary (``_Loader`` -> ``Loader``);
4. turns ``from claimdiff._x import Name`` in tests, docs, benchmarks and examples into
   ``from claimdiff import Name`` where ``Name`` is in ``claimdiff.__all__``;
5. moves test files into folders mirroring the package and fixes their ``__file__`` paths;
6. sorts imports and formats the files it touched with ruff.

Run twice, the second run finds nothing in the flat layout and changes nothing.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

ROOT = Path.cwd()
PKG = ROOT / "claimdiff"

#: Flat module (dotted, under ``claimdiff``) -> its new place. Listed where the new name is
#: not the prefix rule's, or where there is no prefix.
MOVES: dict[str, str] = {
    # errors: a public leaf that imports nothing of claimdiff.
    "_errors": "errors",
    # model: the values, claims and findings everything else is made of.
    "_values": "_model.values",
    "_value_protocol": "_model.protocol",
    "_sets": "_model.sets",
    "_actors": "_model.actors",
    "_claims": "_model.claims",
    "_origins": "_model.origins",
    "_findings": "_model.findings",
    "_codes": "_model.codes",
    # A Dataset carries the ValuePolicy it was read with, so the policy is a model record;
    # the policy folds its word lists with the text folding, which comes along.
    "_policy": "_model.policy",
    "_text": "_model.text",
    # grammar: text to values.
    "_nouns": "_grammar.nouns",
    "_numbers": "_grammar.numbers",
    "_quantities": "_grammar.quantities",
    "_units": "_grammar.units",
    "_date_words": "_grammar.date_words",
    "_dates": "_grammar.dates",
    "_edtf": "_grammar.edtf",
    "_rounding": "_grammar.rounding",
    "_parse": "_grammar.parse",
    # estimates: one figure from many claims.
    "_ballot": "_estimates.ballot",
    "_reliability": "_estimates.reliability",
    "_estimate": "_estimates.estimate",
    # reconciler: claims to groups and the report. The report's Group carries an Estimate,
    # so the report types sit above the estimates, with the reconciler that makes them.
    "_reconcile": "_reconciler.reconcile",
    "_report": "_reconciler.report",
    "_compare": "_reconciler.compare",
    "_ranges": "_reconciler.ranges",
    "_clashes": "_reconciler.clashes",
    "_cross": "_reconciler.cross",
    "_overview": "_reconciler.overview",
    # curation: what a curator runs on a report.
    "_check": "_curation.check",
    "_baseline": "_curation.baseline",
    "_diff": "_curation.diff",
    "_config": "_curation.config",
    "_describe": "_curation.describe",
    # loader: files and frames to a Dataset.
    "_io": "_loader.load",
    "_convert": "_loader.convert",
    "_git": "_loader.git",
    "_frames": "_loader.frames",
    "_schema": "_loader.schema",
    # render: a report to text, Markdown, CI formats and HTML. explain words one group with
    # the text renderer's lines, so it sits among the renderers.
    "_explain": "_render.explain",
    "_bars": "_render.bars",
    "_display": "_render.display",
    "_schema_report": "_render.schema",
    "_render_html": "_render.html.page",
    "_html_page": "_render.html.context",
    # engine: the same answers from columns (the _columnar package, moved whole).
    "_columnar": "_engine",
    "_dask_partition": "_engine.dask_partition",
    "_dask_ids": "_engine.dask_ids",
}

#: Prefix rules for flat modules the table does not list (longest prefix first).
PREFIXES: list[tuple[str, str]] = [
    ("_estimates_", "_estimates."),
    ("_reconciler_", "_reconciler."),
    ("_curation_", "_curation."),
    ("_grammar_", "_grammar."),
    ("_loader_", "_loader."),
    ("_render_", "_render."),
    ("_model_", "_model."),
    ("_engine_", "_engine."),
    ("_html_", "_render.html."),
    ("_dask_", "_engine.dask_"),
    ("_io_", "_loader."),
]

#: Modules that stay where they are: the faces users import.
FACES = {"__init__", "__main__", "cli", "dask", "testing", "errors"}

#: Each subpackage's ``__init__.py``: its job and what the rest of claimdiff may use.
PACKAGES: dict[str, str] = {
    "_model": "The model: values, claims, actors, origins, findings and the value policy.\n\n"
    "Frozen attrs records and the small rules on them (a value's bounds, set relations,\n"
    "finding codes). Imports nothing of claimdiff but :mod:`claimdiff.errors`. The rest of\n"
    "claimdiff imports its modules directly (``from .._model.claims import Claim``).",
    "_grammar": "The grammar: a value's text to a value (numbers, counts, units, dates, EDTF).\n\n"
    "Imports only :mod:`claimdiff._model` and :mod:`claimdiff.errors`. The rest of claimdiff\n"
    "imports its modules directly; :mod:`.parse` is the entry point.",
    "_estimates": "The estimates: one figure for a group from its claims and their sources.\n\n"
    "Ballots, learnt source reliability and the estimators. Imports only the model and the\n"
    "grammar. The rest of claimdiff imports its modules directly.",
    "_reconciler": "The reconciler: claims to groups, verdicts, ranges and the report.\n\n"
    "Grouping, comparing claims, ranges, bounded contradictions, cross-group checks, and the\n"
    "report types (:mod:`.report`, :mod:`.overview`) a group is recorded in. Imports the\n"
    "model, the grammar and the estimates. The rest of claimdiff imports its modules directly.",
    "_curation": "Curation: what a curator runs on a report (check, baseline, diff, config).\n\n"
    "Also the wording of findings and contradictions (:mod:`.describe`), chosen once here for\n"
    "every renderer. Imports the layers below it. The rest of claimdiff imports its modules\n"
    "directly.",
    "_loader": "The loader: files, folders, git revisions and data frames to a Dataset.\n\n"
    "One reader per format, the cattrs converter, the JSON Schema of the input. Imports the\n"
    "layers below it. The rest of claimdiff imports its modules directly; :mod:`.load` is the\n"
    "entry point.",
    "_render": "The renderers: a report, check or diff to text, Markdown, GitHub, JUnit, SARIF.\n\n"
    "Renderers word things with :mod:`claimdiff._curation.describe` and do not compute the\n"
    "domain. Imports the layers below it. The rest of claimdiff imports its modules directly.",
    "_render.html": "The HTML report: one self-contained page with charts and history.\n\n"
    "The rest of claimdiff imports :mod:`.page` (``render_html``); the other modules serve it.",
    "_engine": "",  # the _columnar package's own docstring moves with it
}

#: Test file (under ``tests/``) -> its new path, where the generic rule would not place it
#: or the name should say what the suite proves.
TESTS: dict[str, str] = {
    "test_model.py": "model/test_model.py",
    "test_model_rules.py": "model/test_model_rules.py",
    "test_codes.py": "model/test_codes.py",
    "test_date_languages.py": "grammar/test_date_languages.py",
    "test_estimate.py": "estimates/test_estimate.py",
    "test_reliability.py": "estimates/test_reliability.py",
    "test_datasets_adapters.py": "datasets/test_datasets_adapters.py",
    "test_evaluate_estimates.py": "benchmarks/test_evaluate_estimates.py",
    "test_benchmark_driver.py": "benchmarks/test_benchmark_driver.py",
    "test_benchmark_files.py": "benchmarks/test_benchmark_files.py",
    "test_overview.py": "engine/test_overview_equals_report.py",
    "test_check_columnar.py": "engine/test_engine_equals_reference_check.py",
    "test_columnar_origins.py": "engine/test_columnar_origins.py",
    "test_columnar_texts.py": "engine/test_columnar_texts.py",
    "test_dask.py": "engine/test_dask.py",
    "test_fuzz.py": "hostile/test_fuzz.py",
    "test_cli.py": "cli/test_cli.py",
    "test_api_words.py": "model/test_api_words.py",
    "test_kidal.py": "examples/test_kidal.py",
    "test_kidal_cli.py": "examples/test_kidal_cli.py",
    "test_marawi.py": "examples/test_marawi.py",
    "test_docs.py": "examples/test_docs.py",
    "test_figures.py": "grammar/test_figures.py",
    "test_render.py": "render/test_render.py",
    "test_sarif.py": "render/test_sarif.py",
    "test_io.py": "loader/test_load.py",
    "test_schema.py": "loader/test_schema.py",
}

#: Test-file prefixes (after ``test_``) -> folder, for test files the table does not list.
TEST_PREFIXES: list[tuple[str, str]] = [
    ("hostile_", "hostile"),
    ("columnar_", "engine"),
    ("engine_", "engine"),
    ("dask_", "engine"),
    ("benchmark", "benchmarks"),
    ("bench_", "benchmarks"),
    ("render_", "render"),
    ("html_", "render"),
    ("io_", "loader"),
    ("cli_", "cli"),
    ("architecture", "."),
    ("layers", "."),
]

#: Files under ``tests/`` that stay: shared helpers, fixtures, the fuzz harness.
TEST_KEEP = {"__init__.py", "conftest.py", "_cli_helpers.py", "_cdp.py", "_html_data.py"}
TEST_KEEP_PREFIX = ("fuzz_",)

#: Public names (inside the private subpackage) for private names that cross a subpackage
#: boundary: (defining module, old name) -> new name, dotted under ``claimdiff`` in the new
#: layout. The crossings are found by reading the imports; one not listed here loses its
#: underscore, and the script stops if that name is taken in a file it would rename in.
RENAMES: dict[tuple[str, str], str] = {
    ("_reconciler.reconcile", "_figures"): "group_figures",
    ("_reconciler.reconcile", "_transpositions"): "find_transpositions",
    ("_reconciler.ranges", "_consensus"): "consensus_range",
    ("_reconciler.ranges", "_range"): "common_range",
    ("_reconciler.clashes", "_gap"): "gap_between",
    ("_loader.json", "_decoder"): "json_decoder",
    ("_loader.json", "_Lines"): "JsonLines",
    ("_loader.json", "_marks"): "json_marks",
    ("_loader.load", "_record_id"): "load_record_id",
}

#: Where references are rewritten.
TEXT_ROOTS = ["claimdiff", "tests", "docs", "benchmarks", "examples", ".ci", "tools"]
# CHANGELOG.md is history: it keeps the names modules had when each entry was written.
TEXT_FILES = ["README.md", "pyproject.toml"]
TEXT_SUFFIXES = {".py", ".md", ".toml", ".cfg", ".ini", ".txt", ".yaml", ".yml", ".sh", ""}


def fail(message: str) -> None:
    """Stop with a message and change nothing more."""
    print(f"restructure: {message}", file=sys.stderr)
    undo = "git reset --hard && git clean -fd"
    print(f"restructure: undo any partial run with: {undo}", file=sys.stderr)
    raise SystemExit(1)


def git(*args: str) -> None:
    """Run a git command in the repository, stopping on failure."""
    subprocess.run(["git", *args], cwd=ROOT, check=True)


def place(name: str) -> str | None:
    """The new dotted place of the flat module ``name``, or None if no rule places it."""
    if name in MOVES:
        return MOVES[name]
    for prefix, target in PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return target + name[len(prefix) :]
    return None


def plan_modules() -> dict[str, str]:
    """Every flat module still to move (dotted old -> dotted new, under ``claimdiff``)."""
    plan: dict[str, str] = {}
    unknown: list[str] = []
    for path in sorted(PKG.glob("*.py")):
        name = path.stem
        if name in FACES:
            continue
        if not name.startswith("_"):
            fail(f"public flat module claimdiff/{path.name} is not a known face")
        new = place(name)
        if new is None:
            unknown.append(f"claimdiff/{path.name}")
        else:
            plan[name] = new
    if (PKG / "_columnar").is_dir():
        plan["_columnar"] = MOVES["_columnar"]
        for path in sorted((PKG / "_columnar").glob("*.py")):
            if path.stem != "__init__":
                plan[f"_columnar.{path.stem}"] = f"_engine.{path.stem}"
    for path in sorted(PKG.iterdir()):
        if path.is_dir() and path.name.startswith("_") and path.name != "__pycache__":
            if path.name in {"_columnar"} or path.name in {p.split(".")[0] for p in PACKAGES}:
                continue
            unknown.append(f"claimdiff/{path.name}/")
    if unknown:
        fail("no layer for " + ", ".join(unknown) + "; add it to MOVES or PREFIXES")
    return plan


def plan_tests(modules: dict[str, str]) -> dict[str, str]:
    """Every flat test file still to move (name under tests/ -> new path under tests/)."""
    plan: dict[str, str] = {}
    unknown: list[str] = []
    places = {**MOVES, **modules}
    flat = {name.lstrip("_").replace(".", "_"): new for name, new in places.items()}
    # A module's new plain name, where only one module has it (test_dummy -> _render/dummy.py).
    leaves = Counter(new.rsplit(".", 1)[-1] for new in places.values())
    for new in places.values():
        leaf = new.rsplit(".", 1)[-1]
        if leaves[leaf] == 1 and not leaf.startswith("_"):
            flat.setdefault(leaf, new)
    layer_of = {
        "_model": "model",
        "_grammar": "grammar",
        "_estimates": "estimates",
        "_reconciler": "reconciler",
        "_curation": "curation",
        "_loader": "loader",
        "_render": "render",
        "_engine": "engine",
        "errors": "model",
    }
    for path in sorted((ROOT / "tests").glob("*.py")):
        name = path.name
        if name in TEST_KEEP or name.startswith(TEST_KEEP_PREFIX):
            continue
        if not name.startswith("test_"):
            unknown.append(f"tests/{name}")
            continue
        if name in TESTS:
            plan[name] = TESTS[name]
            continue
        stem = name[len("test_") : -len(".py")]
        folder = None
        for prefix, target in TEST_PREFIXES:
            if stem.startswith(prefix):
                folder = target
                break
        if folder is None:
            # test_<module>[_more].py goes with <module>: the longest flat module name that
            # prefixes it (test_check_x -> _check -> curation).
            for module in sorted(flat, key=len, reverse=True):
                if stem == module or stem.startswith(module + "_"):
                    folder = layer_of[flat[module].split(".")[0]]
                    break
        if folder is None:
            unknown.append(f"tests/{name}")
        elif folder != ".":
            plan[name] = f"{folder}/{name}"
    if unknown:
        fail("no folder for " + ", ".join(unknown) + "; add it to TESTS or TEST_PREFIXES")
    return plan


def module_path(dotted: str, package: bool = False) -> Path:
    """The file of a module given dotted under ``claimdiff``."""
    parts = dotted.split(".")
    if package:
        return PKG.joinpath(*parts, "__init__.py")
    return PKG.joinpath(*parts[:-1], parts[-1] + ".py")


def write_init(package: str) -> None:
    """Create a subpackage's ``__init__.py`` with its docstring if it has none."""
    init = PKG.joinpath(*package.split("."), "__init__.py")
    if init.exists():
        return
    init.parent.mkdir(parents=True, exist_ok=True)
    doc = PACKAGES.get(package, "")
    init.write_text(f'"""{doc}\n"""\n' if doc else "", "utf-8")
    git("add", str(init.relative_to(ROOT)))


def move_modules(plan: dict[str, str]) -> None:
    """``git mv`` every planned module, creating the subpackages on the way."""
    if "_columnar" in plan:
        target = PKG / "_engine"
        if target.exists():
            fail("claimdiff/_engine exists beside claimdiff/_columnar")
        git("mv", "claimdiff/_columnar", "claimdiff/_engine")
    for old, new in plan.items():
        if old.startswith("_columnar"):
            continue
        parts = new.split(".")
        for i in range(1, len(parts)):
            write_init(".".join(parts[:i]))
        dst = module_path(new)
        if dst.exists():
            fail(f"{dst.relative_to(ROOT)} exists; cannot move claimdiff/{old}.py there")
        git("mv", f"claimdiff/{old}.py", str(dst.relative_to(ROOT)))


def text_files() -> list[Path]:
    """Every file whose text may name a module or a test file."""
    files: list[Path] = []
    for root in TEXT_ROOTS:
        base = ROOT / root
        if not base.exists():
            continue
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(ROOT).parts
            if any(p in {"data", "vendor", "__pycache__", ".data", "venv"} for p in rel):
                continue
            if path.is_file() and path.suffix in TEXT_SUFFIXES and path.name != "restructure.py":
                files.append(path)
    files += [ROOT / f for f in TEXT_FILES if (ROOT / f).exists()]
    return files


def new_dotted(old: str, plan: dict[str, str]) -> str | None:
    """A moved module's new dotted name under claimdiff (``_io.x`` keeps its tail)."""
    parts = old.split(".")
    for i in range(len(parts), 0, -1):
        head = ".".join(parts[:i])
        if head in plan:
            return ".".join([plan[head], *parts[i:]])
    return None


def relative(current: str, current_is_pkg: bool, target: str) -> str:
    """The relative ``from`` spelling of ``target`` (dotted under the root) from ``current``."""
    here = current.split(".") if current else []
    if not current_is_pkg:
        here = here[:-1]
    there = target.split(".") if target else []
    common = 0
    while common < len(here) and common < len(there) and here[common] == there[common]:
        common += 1
    return "." * (len(here) - common + 1) + ".".join(there[common:])


def rewrite_relative(base: Path, plan: dict[str, str]) -> set[Path]:
    """Rewrite ``from .x import`` under ``base`` (a package root) to the modules' new places."""
    back = {new: old for old, new in plan.items()}
    changed: set[Path] = set()
    for path in sorted(base.rglob("*.py")):
        if {"data", "vendor"} & set(path.relative_to(base).parts):
            continue
        rel = path.relative_to(base).with_suffix("")
        is_pkg = rel.name == "__init__"
        new_mod = ".".join(rel.parts[:-1] if is_pkg else rel.parts)
        old_mod = back.get(new_mod, new_mod)
        if new_mod not in back:
            # Not moved itself; maybe inside a moved package (_columnar -> _engine).
            for new_pkg, old_pkg in back.items():
                if new_mod.startswith(new_pkg + "."):
                    old_mod = old_pkg + new_mod[len(new_pkg) :]
        source = path.read_text("utf-8")
        lines = source.splitlines(keepends=True)
        edits: list[tuple[int, str, str]] = []
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.ImportFrom) or node.level == 0:
                continue
            parts = old_mod.split(".") if old_mod else []
            if not is_pkg:
                parts = parts[:-1]
            parts = parts[: len(parts) - (node.level - 1)]
            old_spec = "." * node.level + (node.module or "")
            if node.module:
                target_old = ".".join([*parts, node.module])
                target_new = new_dotted(target_old, plan) or target_old
                new_spec = relative(new_mod, is_pkg, target_new)
                if new_spec != old_spec:
                    edits.append(
                        (node.lineno, f"from {old_spec} import", f"from {new_spec} import")
                    )
                continue
            # ``from . import _x [as y]``: the module is bound by name, so keep the name bound.
            if len(node.names) != 1:
                fail(f"{path.relative_to(ROOT)}:{node.lineno}: split 'from . import a, b' first")
            alias = node.names[0]
            target_old = ".".join([*parts, alias.name])
            target_new = new_dotted(target_old, plan) or target_old
            pkg_new, _, leaf = target_new.rpartition(".")
            bound = alias.asname or alias.name
            clause = leaf if leaf == bound else f"{leaf} as {bound}"
            old_text = f"from {old_spec} import {alias.name}"
            if alias.asname:
                old_text += f" as {alias.asname}"
            new_text = f"from {relative(new_mod, is_pkg, pkg_new)} import {clause}"
            if old_text != new_text:
                edits.append((node.lineno, old_text, new_text))
        for lineno, old_text, new_text in edits:
            line = lines[lineno - 1]
            if old_text not in line:
                fail(f"{path.relative_to(ROOT)}:{lineno}: cannot find {old_text!r}")
            lines[lineno - 1] = line.replace(old_text, new_text, 1)
        if edits:
            path.write_text("".join(lines), "utf-8")
            changed.add(path)
    return changed


def substitutions(plan: dict[str, str], tests: dict[str, str]) -> list[tuple[re.Pattern[str], str]]:
    """Regexes for dotted names and file paths of moved modules and tests, longest first."""
    subs: list[tuple[re.Pattern[str], str]] = []
    for old in sorted(plan, key=len, reverse=True):
        new = plan[old]
        subs.append((re.compile(rf"\bclaimdiff\.{re.escape(old)}(?![\w])"), f"claimdiff.{new}"))
        old_path = old.replace(".", "/")
        new_path = new.replace(".", "/")
        # ``from claimdiff import _x``: bind the same name to the module in its new place.
        package, _, leaf = f"claimdiff.{new}".rpartition(".")
        subs.append(
            (
                re.compile(rf"\bfrom claimdiff import {re.escape(old)}\b(?! as)"),
                f"from {package} import {leaf} as {old}",
            )
        )
        # A module named alone in backquotes (````_io````): its new dotted place.
        subs.append((re.compile(rf"(?<=`){re.escape(old)}(?=`)"), new))
        if old == "_columnar":
            subs.append((re.compile(r"\bclaimdiff/_columnar(?=/|\b)"), "claimdiff/_engine"))
            subs.append((re.compile(r"(?<![\w/])_columnar/"), "_engine/"))
            continue
        subs.append(
            (re.compile(rf"\bclaimdiff/{re.escape(old_path)}\.py\b"), f"claimdiff/{new_path}.py")
        )
        if "." not in old:
            # Prose naming a file alone (``_io.py``); not a path's tail (``x/_io.py``).
            subs.append((re.compile(rf"(?<![\w/.]){re.escape(old)}\.py\b"), f"{new_path}.py"))
    for old in sorted(tests, key=len, reverse=True):
        subs.append((re.compile(rf"\btests/{re.escape(old)}\b"), f"tests/{tests[old]}"))
        old_dotted = old.removesuffix(".py")
        new_dotted_name = tests[old].removesuffix(".py").replace("/", ".")
        subs.append((re.compile(rf"\btests\.{old_dotted}\b"), f"tests.{new_dotted_name}"))
    return subs


def rewrite_text(files: Iterable[Path], subs: list[tuple[re.Pattern[str], str]]) -> set[Path]:
    """Apply the substitutions to every file; the files that changed."""
    changed: set[Path] = set()
    for path in files:
        try:
            text = path.read_text("utf-8")
        except UnicodeDecodeError:
            continue
        new = text
        for pattern, repl in subs:
            new = pattern.sub(repl, new)
        if new != text:
            path.write_text(new, "utf-8")
            changed.add(path)
    return changed


def package_of(path: Path) -> str:
    """The dotted package a file's relative imports start from."""
    rel = path.relative_to(ROOT).with_suffix("")
    parts = rel.parts[:-1]
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[str, str, int]]:
    """Every ``from M import name`` in a Python file: (absolute M, name, line)."""
    try:
        tree = ast.parse(path.read_text("utf-8"))
    except SyntaxError:
        return []
    found: list[tuple[str, str, int]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package_of(path).split(".")
            base = base[: len(base) - (node.level - 1)]
            module = ".".join([*base, *([node.module] if node.module else [])])
        else:
            module = node.module or ""
        found.extend((module, alias.name, node.lineno) for alias in node.names)
    return found


def unit_of(module: str) -> str:
    """The subpackage (or top-level face) a ``claimdiff.*`` module belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def file_of(module: str) -> Path:
    """The file of a ``claimdiff.*`` module or package."""
    dotted = module.removeprefix("claimdiff.")
    path = module_path(dotted)
    return path if path.exists() else module_path(dotted, package=True)


def reexport_chain(module: str, name: str) -> list[str]:
    """The modules ``name`` passes through from ``module`` to the one that defines it."""
    chain = [module]
    while True:
        path = file_of(chain[-1])
        source = next(
            (m for m, n, _ in imports_of(path) if n == name and m.startswith("claimdiff.")), None
        )
        if source is None or source in chain:
            return chain
        chain.append(source)


def rename_symbols(files: Iterable[Path]) -> set[Path]:
    """Make private names that cross a subpackage boundary public, in their module and users."""
    py = [p for p in files if p.suffix == ".py"]
    modules = {
        "claimdiff." + ".".join(p.relative_to(PKG).with_suffix("").parts) for p in PKG.rglob("*.py")
    }
    crossing: set[tuple[str, str]] = set()
    users: dict[tuple[str, str], set[Path]] = {}
    for path in py:
        for module, name, _ in imports_of(path):
            if not module.startswith("claimdiff.") or f"{module}.{name}" in modules:
                continue
            if not name.startswith("_") or name.startswith("__"):
                continue
            users.setdefault((module, name), set()).add(path)
            if path.is_relative_to(PKG):
                here = "claimdiff." + ".".join(path.relative_to(PKG).with_suffix("").parts)
                if unit_of(here) != unit_of(module):
                    crossing.add((module, name))
    changed: set[Path] = set()
    done: set[tuple[str, str]] = set()
    for module, old in sorted(crossing):
        # A name re-exported on its way (convert imports it from scalars) is renamed along the
        # whole chain, in every module that imports it from any link.
        chain = reexport_chain(module, old)
        if (chain[-1], old) in done:
            continue
        done.add((chain[-1], old))
        new = RENAMES.get((chain[-1].removeprefix("claimdiff."), old))
        new = new or RENAMES.get((module.removeprefix("claimdiff."), old), old.lstrip("_"))
        targets = {file_of(link) for link in chain}
        for link in chain:
            targets |= users.get((link, old), set())
        module = chain[-1]
        taken = re.compile(rf"(?<![\w.]){re.escape(new)}\b")
        for path in targets:
            if taken.search(path.read_text("utf-8")):
                fail(f"{module}.{old} -> {new}: {new!r} is taken in {path.relative_to(ROOT)}")
        word = re.compile(rf"(?<!\w){re.escape(old)}\b")
        for path in targets:
            text = path.read_text("utf-8")
            new_text = word.sub(new, text)
            if new_text != text:
                path.write_text(new_text, "utf-8")
                changed.add(path)
        links = "|".join(re.escape(link) for link in chain)
        dotted = re.compile(rf"\b({links})\.{re.escape(old)}\b")
        for path in files:
            text = path.read_text("utf-8")
            new_text = dotted.sub(rf"\1.{new}", text)
            if new_text != text:
                path.write_text(new_text, "utf-8")
                changed.add(path)
        print(f"restructure: {module}.{old} -> {new}")
    return changed


def public_names() -> set[str]:
    """``claimdiff.__all__``, read from the source without importing it."""
    tree = ast.parse((PKG / "__init__.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return {ast.literal_eval(e) for e in node.value.elts}  # type: ignore[attr-defined]
    fail("claimdiff/__init__.py has no __all__")
    return set()


IMPORT_LINE = re.compile(
    r"^(?P<indent>[ \t]*)from claimdiff\.(?P<mod>_[\w.]+) import (?P<names>\([^)]*\)|[^\n#]+)",
    re.MULTILINE,
)


def publicize(files: Iterable[Path], public: set[str]) -> set[Path]:
    """``from claimdiff._x import Name`` -> ``from claimdiff import Name`` for public names."""
    changed: set[Path] = set()
    for path in files:
        rel = path.relative_to(ROOT).parts[0]
        if rel == "claimdiff" or path.suffix not in {".py", ".md"}:
            continue
        text = path.read_text("utf-8")

        def repl(match: re.Match[str]) -> str:
            raw = match["names"].strip().strip("()")
            items = [n.strip() for n in raw.replace("\n", " ").split(",") if n.strip()]
            if any(" as " in n for n in items):
                return match[0]
            pub = [n for n in items if n in public]
            priv = [n for n in items if n not in public]
            if not pub:
                return match[0]
            indent = match["indent"]
            out = f"{indent}from claimdiff import {', '.join(pub)}"
            if priv:
                out += f"\n{indent}from claimdiff.{match['mod']} import {', '.join(priv)}"
            return out

        new = IMPORT_LINE.sub(repl, text)
        if new != text:
            path.write_text(new, "utf-8")
            changed.add(path)
    return changed


def move_tests(plan: dict[str, str]) -> set[Path]:
    """``git mv`` test files into their folders and point their ``__file__`` paths one up."""
    changed: set[Path] = set()
    tests = ROOT / "tests"
    up = re.compile(r"(Path\(__file__\)(?:\.resolve\(\))?)\.parent\b")
    for old, new in plan.items():
        dst = tests / new
        for parent in reversed(dst.relative_to(tests).parents[:-1]):
            init = tests / parent / "__init__.py"
            if not init.exists():
                init.parent.mkdir(parents=True, exist_ok=True)
                init.write_text("", "utf-8")
                git("add", str(init.relative_to(ROOT)))
        if dst.exists():
            fail(f"tests/{new} exists; cannot move tests/{old} there")
        git("mv", f"tests/{old}", str(dst.relative_to(ROOT)))
        depth = len(Path(new).parents) - 1
        text = dst.read_text("utf-8")
        new_text = text
        for _ in range(depth):
            new_text = up.sub(r"\1.parent.parent", new_text)
        if new_text != text:
            dst.write_text(new_text, "utf-8")
        changed.add(dst)
    return changed


LIMIT = 100  # ruff's line-length


def split_at(text: str, width: int) -> tuple[str, str] | None:
    """Split ``text`` at the last space that keeps the head within ``width``."""
    cut = text.rfind(" ", 0, width + 1)
    if cut <= 0 or not text[:cut].strip():
        return None
    return text[:cut].rstrip(), text[cut + 1 :].lstrip()


def alone(words: str, indent: str, kind: str) -> str:
    """Carried-over words on a line of their own, as a comment or docstring line."""
    return f"{indent}# {words}" if kind == "#" else indent + words


def wrap_long_lines(paths: Iterable[Path]) -> None:
    """Wrap comment and docstring lines that the longer module names pushed past the limit.

    Only comments on lines of their own and docstrings are wrapped: their words are prose,
    so a line break changes nothing a program reads. Code is left to ruff format.
    """
    for path in paths:
        source = path.read_text("utf-8")
        lines = source.splitlines()
        if all(len(line) <= LIMIT for line in lines):
            continue
        doc_lines: set[int] = set()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                body = node.body
                if body and isinstance(body[0], ast.Expr):
                    value = body[0].value
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        doc_lines.update(range(value.lineno, (value.end_lineno or 0) + 1))
        out: list[str] = []
        carry = ""  # words pushed off the last line, to flow into the next line of its paragraph
        carry_indent = ""
        carry_kind = ""
        for number, line in enumerate(lines, start=1):
            stripped = line.lstrip()
            indent = line[: len(line) - len(stripped)]
            kind = "#" if stripped.startswith("#") else ("doc" if number in doc_lines else "")
            if carry:
                body = stripped[1:].lstrip() if kind == "#" else stripped
                same = (
                    kind == carry_kind
                    and indent == carry_indent
                    and body
                    and not body.startswith(('"""', "-", "*", ">", "|", "#"))
                    and not (kind == "doc" and stripped.endswith('"""') and len(stripped) == 3)
                )
                if same:
                    prefix = f"{indent}# " if kind == "#" else indent
                    line = f"{prefix}{carry} {body}"
                else:
                    out.append(
                        f"{carry_indent}# {carry}" if carry_kind == "#" else carry_indent + carry
                    )
                carry = ""
            while len(line) > LIMIT and kind:
                parts = split_at(line, LIMIT)
                if parts is None:
                    break
                line, rest = parts
                carry = f"{rest} {carry}".strip() if carry else rest
                carry_kind = kind
                carry_indent = indent
            out.append(line)
        if carry:
            out.append(alone(carry, carry_indent, carry_kind))
        text = "\n".join(out) + ("\n" if source.endswith("\n") else "")
        if text != source:
            path.write_text(text, "utf-8")


def main() -> None:
    """Plan, move, rewrite, and tidy."""
    if not (PKG / "__init__.py").exists():
        fail("run from the repository root")
    modules = plan_modules()
    tests = plan_tests(modules)
    if not modules and not tests:
        print("restructure: nothing in the flat layout; nothing to do")
        return
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    if any(not line.endswith("tools/restructure.py") for line in status.stdout.splitlines()):
        # A stop half-way is undone with ``git reset --hard && git clean -fd``; that is only
        # safe on a tree with nothing uncommitted (but this script, checked out to run it).
        fail("the work tree has uncommitted changes; commit or stash them first")
    move_modules(modules)
    changed = rewrite_relative(PKG, modules)
    tests_moved = move_tests(tests)
    test_modules = {
        old.removesuffix(".py"): new.removesuffix(".py").replace("/", ".")
        for old, new in tests.items()
    }
    changed |= rewrite_relative(ROOT / "tests", test_modules)
    files = text_files()
    changed |= rewrite_text(files, substitutions(modules, tests))
    changed |= rename_symbols(files)
    changed |= publicize(files, public_names())
    changed |= tests_moved
    py = sorted(
        {str(p.relative_to(ROOT)) for p in changed if p.suffix == ".py" and p.exists()}
        | {str(p.relative_to(ROOT)) for p in PKG.rglob("__init__.py")}
    )
    wrap_long_lines(ROOT / p for p in py)
    if py:
        # Moved imports sort differently (``..`` before ``.``) and merged public imports
        # may repeat a name or a ``noqa``: ruff's isort and unused-import/noqa fixes tidy them.
        subprocess.run(["ruff", "format", "-q", *py], cwd=ROOT, check=True)
        subprocess.run(["ruff", "check", "--fix", "-q", *py], cwd=ROOT, check=False)
        subprocess.run(["ruff", "format", "-q", *py], cwd=ROOT, check=True)
    api = ROOT / "docs" / "make_api.py"
    if api.exists():
        # The API page is generated from the docstrings, some of which were rewrapped.
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, str(api)], cwd=ROOT, env=env, check=False)
        if done.returncode:
            print("restructure: docs/make_api.py failed; regenerate docs/api.md by hand")
    git("add", "-A", *[p for p in [*TEXT_ROOTS, *TEXT_FILES] if (ROOT / p).exists()])
    print(f"restructure: moved {len(modules)} modules and {len(tests)} test files")


if __name__ == "__main__":
    main()
