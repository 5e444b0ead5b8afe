"""Each distinct value text, read once: the plainest forms by polars, the rest by the grammar.

The grammar (:func:`claimdiff._loader.convert.read_value` over :func:`claimdiff.parse_value`) is the
one rule. Where most texts are distinct it dominates the engine's time, so the few forms it
reads in one obvious way are read here by a polars regular expression and integer arithmetic
instead, for every text at once:

==========================  =================================================================
``40``, ``1,200``           a figure (digits, or digits grouped by commas in threes)
``about 40``                the policy's tolerance around it, rounded outward for a count
``at least 40``             from the figure up
``up to 40``                up to the figure (from 0 for a count)
``40-50``, ``between 40     from the first figure to the second, when the second is not the
and 50``                    smaller and the thousands of the second cannot carry to the first
==========================  =================================================================

written exactly so (one ASCII space between words, nothing before or after) and followed by
at most one word of :data:`NOUNS` ("at least 40 people"), for a measure read as a count or a
quantity, under a policy whose vague words do not start these forms.
Anything else, including every text these patterns refuse, goes to the grammar: on several
processes when there are many (:data:`PARALLEL_FROM`), each answer in its text's place. The
patterns are checked against the grammar, not trusted: a Hypothesis property in
``tests/engine/test_columnar_texts.py`` reads texts made near these forms both ways and requires the
same value (types of the bounds included) for every text the patterns accept.
"""

from __future__ import annotations

import ast
import concurrent.futures
import functools
import math
import multiprocessing
import os
import sys
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any, Final

import attrs
import polars as pl

from .._grammar.numbers import SCALE_WORDS, tokenize
from .._grammar.quantities import (
    ALTERNATIVE_SEPS,
    CONNECTORS,
    OR_LESS,
    OR_MORE,
    OR_SO,
    RANGE_SEPS,
    TRAILING,
)
from .._loader.convert import read_value
from .._model.policy import ValuePolicy
from .._model.values import Quantity, Value
from .values import SCHEMA, SPAN, Values

#: The kinds the patterns read: a measure with no declared kind (``""``) is read as a count
#: first (:data:`claimdiff._loader.convert.FALLBACK_KINDS`), so a text a count accepts reads as one.
PLAIN_KINDS: Final = ("count", "quantity", "")
#: A figure: 0, up to fifteen digits without a leading zero, or digits grouped by commas.
_FIGURE: Final = r"(?:0|[1-9][0-9]{0,14}|[1-9][0-9]{0,2}(?:,[0-9]{3}){1,4})"
_PLAIN: Final = (
    rf"^(?P<lead>about |at least |up to |between )?(?P<a>{_FIGURE})"
    rf"(?:(?P<sep>-| and )(?P<b>{_FIGURE}))?(?: (?P<noun>[a-z]+))?$"
)


def _nouns() -> list[str]:
    """The grammar's words that may follow a figure without changing it (``TRAILING``), in
    lower-case ASCII letters, less any word that a reading tries right after a figure before
    it looks at what follows (a connector, a range or option separator, the first word of
    "or more", "or less", "or so", a scale word): after a plain form, the grammar accounts
    for such a word and reads the form as if it were not there."""
    after_figure = {
        phrase[0]
        for table in (OR_MORE, OR_LESS, OR_SO)
        for phrases in table.values()
        for phrase in phrases
        if phrase
    }
    refused = after_figure | CONNECTORS | RANGE_SEPS | ALTERNATIVE_SEPS | set(SCALE_WORDS)
    return sorted(
        w for w in TRAILING if w.isascii() and w.isalpha() and w.islower() and w not in refused
    )


#: One of these may end a plain form: "at least 40 people", "40-50 civilians".
NOUNS: Final = _nouns()
#: The words the forms start with: a policy whose vague phrases start with one of them (or
#: with a figure) could read these texts otherwise, and is left to the grammar.
_LEADS: Final = frozenset({"about", "at", "up", "between"})
#: The approximate bounds' numerators stay below this, far from overflowing 64 bits.
_EXACT: Final = 2**53
#: From this many texts left to the grammar, they are read on every core.
PARALLEL_FROM: Final = 40_000
#: Texts per task sent to a worker process.
_CHUNK: Final = 4_000

_OUT: Final = {
    "value": pl.String,
    "measure_kind": pl.String,
    "value_year": pl.Int32,
    "vid": pl.UInt32,
}


def read_texts(
    texts: pl.DataFrame, policy: ValuePolicy, *, parallel_from: int = PARALLEL_FROM
) -> tuple[Values, pl.DataFrame]:
    """Each row of ``texts`` (distinct ``value``, ``measure_kind``, ``value_year``) read as
    :func:`claimdiff._loader.convert.read_value` reads it.

    Args:
        texts: distinct rows; ``measure_kind`` is ``""`` for a measure of no declared kind.
        policy: the dataset's value policy.
        parallel_from: how many texts left to the grammar make it worth starting processes.

    Returns:
        The values (with the value table's rows of those read in columns), and the rows of
        ``texts`` that read, with each one's index among them (``vid``). A text that does not
        read is left out: the reference loader reads its line and words the finding.
    """
    plain = plain_values(texts, policy)
    rest = texts.join(
        plain.select("value", "measure_kind"), on=["value", "measure_kind"], how="anti"
    )
    rows = rest.select("value", "measure_kind", "value_year").rows()
    read = _grammar(rows, policy, parallel_from)
    values = _build(plain, policy, [v for v in read if v is not None])
    frame = pl.concat(
        [
            plain.select("value", "measure_kind", "value_year"),
            rest.select("value", "measure_kind", "value_year").filter(
                pl.Series([v is not None for v in read], dtype=pl.Boolean)
            ),
        ]
    ).with_row_index("vid")
    return values, frame.select(*_OUT).cast(_OUT)  # type: ignore[arg-type]  # dtype classes


def plain_values(texts: pl.DataFrame, policy: ValuePolicy) -> pl.DataFrame:
    """The rows of ``texts`` whose value the patterns read, with the quantity's fields.

    ``qualifier``; ``low``/``high``/``nominal`` as ``*_int`` (a whole number) or ``*_over``
    (a fraction's numerator over the tolerance's denominator), both null where the side is
    open.
    """
    if not _plain_policy(policy):
        return texts.clear().with_columns(**{k: pl.lit(None, v) for k, v in _FIELDS.items()})
    tolerance = Fraction(str(policy.tolerance))
    p, q = tolerance.numerator, tolerance.denominator
    count = pl.col("measure_kind") != "quantity"
    rounded = count & pl.lit(policy.integer_counts)
    a, b = _figure("a"), _figure("b")
    lead, sep = pl.col("lead"), pl.col("sep")
    single = sep.is_null()
    # "10 to 15,000" may mean 10,000 to 15,000: the grammar refuses it, and so do we.
    carry = (
        ~pl.col("a").str.contains(",", literal=True)
        & pl.col("b").str.contains(",", literal=True)
        & (a < 1000)
        & (a * 1000 <= b)
    )
    ranged = (
        ((lead.is_null() & (sep == "-")) | ((lead == "between ") & (sep == " and ")))
        & (a <= b)
        & ~carry
    )
    qualifier = (
        pl.when(single & lead.is_null())
        .then(pl.lit("exact"))
        .when(single & (lead == "about ") & (a <= _EXACT // (q + p)))
        .then(pl.lit("approximate"))
        .when(single & (lead == "at least "))
        .then(pl.lit("at_least"))
        .when(single & (lead == "up to "))
        .then(pl.lit("at_most"))
        .when(ranged)
        .then(pl.lit("range"))
    )
    below, above = a * (q - p), a * (q + p)
    about_low_int = pl.when(rounded).then(below // q).when(below % q == 0).then(below // q)
    about_high_int = (
        pl.when(rounded).then((above + q - 1) // q).when(above % q == 0).then(above // q)
    )
    about = pl.col("qualifier") == "approximate"
    read = (
        texts.with_columns(pl.col("value").str.extract_groups(_PLAIN).struct.unnest())
        .filter(
            pl.col("measure_kind").is_in(PLAIN_KINDS)
            & pl.col("a").is_not_null()
            & (pl.col("noun").is_null() | pl.col("noun").is_in(NOUNS))
        )
        .with_columns(qualifier.alias("qualifier"))
        .filter(pl.col("qualifier").is_not_null())
        .with_columns(
            pl.when(about)
            .then(about_low_int)
            .when(pl.col("qualifier") == "at_most")
            .then(pl.when(count).then(pl.lit(0, pl.Int64)))
            .otherwise(a)
            .alias("low_int"),
            pl.when(about & about_low_int.is_null()).then(below).alias("low_over"),
            pl.when(about)
            .then(about_high_int)
            .when(pl.col("qualifier") == "at_least")
            .then(pl.lit(None, pl.Int64))
            .when(pl.col("qualifier") == "range")
            .then(b)
            .otherwise(a)
            .alias("high_int"),
            pl.when(about & about_high_int.is_null()).then(above).alias("high_over"),
            pl.when(pl.col("qualifier").is_in(["exact", "approximate"]))
            .then(a)
            .alias("nominal_int"),
        )
    )
    return read.select(*texts.columns, *_FIELDS).cast(_FIELDS)  # type: ignore[arg-type]


_FIELDS: Final[dict[str, Any]] = {
    "qualifier": pl.String,
    "low_int": pl.Int64,
    "low_over": pl.Int64,
    "high_int": pl.Int64,
    "high_over": pl.Int64,
    "nominal_int": pl.Int64,
}


def _figure(name: str) -> pl.Expr:
    return pl.col(name).str.replace_all(",", "", literal=True).cast(pl.Int64)


@functools.lru_cache(maxsize=16)
def _plain_lexicon(phrases: tuple[str, ...]) -> bool:
    for phrase in phrases:
        tokens = tokenize(phrase)
        if not tokens or tokens[0].kind == "num" or tokens[0].norm in _LEADS:
            return False
    return True


def _plain_policy(policy: ValuePolicy) -> bool:
    """Whether the policy's vague phrases leave the forms to the readings the patterns give."""
    return _plain_lexicon(tuple(policy.lexicon))


def _build(plain: pl.DataFrame, policy: ValuePolicy, rest: list[Value]) -> Values:
    """The values of the rows :func:`plain_values` read, as the grammar builds them, made
    when asked for, followed by ``rest``.

    A fraction is divided here, by Python's correctly rounded integer division as
    ``float(Fraction(...))`` divides: polars divides by a constant as a product with its
    reciprocal, which rounds twice (63 / 10 is 6.300000000000001 there).
    """
    q = Fraction(str(policy.tolerance)).denominator
    lows: list[int | float | None] = []
    highs: list[int | float | None] = []
    # The value table's columns, as value_table() would make them from these quantities:
    # one span on the quantity axis, open sides infinite, the figure where low == high.
    los: list[float] = []
    his: list[float] = []
    figures: list[float | None] = []
    for low_int, low_over, high_int, high_over in plain.select(
        "low_int", "low_over", "high_int", "high_over"
    ).iter_rows():
        low = low_int if low_over is None else low_over / q
        high = high_int if high_over is None else high_over / q
        lows.append(low)
        highs.append(high)
        lo = -math.inf if low is None else float(low)
        los.append(lo)
        his.append(math.inf if high is None else float(high))
        figures.append(lo if low is not None and low == high else None)
    count = len(lows)
    known = pl.DataFrame(
        {
            "vid": range(count),
            "kind": [Quantity.kind] * count,
            "form": [SPAN] * count,
            "lo": los,
            "hi": his,
            "axis": ["quantity"] * count,
            "label": [None] * count,
            "figure": figures,
        },
        schema=SCHEMA,
    )
    texts = plain["value"].to_list()
    qualifiers = plain["qualifier"].to_list()
    nominals = plain["nominal_int"].to_list()

    def make(vid: int) -> Value:
        return Quantity(
            low=lows[vid],
            high=highs[vid],
            text=texts[vid],
            nominal=nominals[vid],
            qualifier=qualifiers[vid],
        )

    return Values(known, make, rest)


# -- the grammar, on every core ---------------------------------------------------------------

_Row = tuple[str, str, "int | None"]


def _grammar(rows: Sequence[_Row], policy: ValuePolicy, parallel_from: int) -> list[Value | None]:
    """Each row read by the grammar, in order; ``None`` for one that does not read."""
    workers = _cores()
    if (
        len(rows) >= parallel_from
        and workers > 1
        and not multiprocessing.current_process().daemon
        and _spawn_can_start()
    ):
        chunks = [rows[i : i + _CHUNK] for i in range(0, len(rows), _CHUNK)]
        args = _policy_args(policy)
        # spawn, not fork: the parent runs polars' thread pool, which a forked child inherits
        # locked. Results come back in the order the chunks were sent.
        context = multiprocessing.get_context("spawn")
        try:
            with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
                parts = list(pool.map(_read_chunk, chunks, [args] * len(chunks)))
        except (OSError, concurrent.futures.process.BrokenProcessPool):
            parts = [_read(chunk, policy) for chunk in chunks]  # no processes here: one core
        return [value for part in parts for value in part]
    return _read(rows, policy)


def _read(rows: Sequence[_Row], policy: ValuePolicy) -> list[Value | None]:
    return [
        parsed.value if parsed.error is None else None
        for parsed in (read_value(text, kind or None, year, policy) for text, kind, year in rows)
    ]


def _policy_args(policy: ValuePolicy) -> dict[str, Any]:
    """The policy's fields in picklable form (its lexicon is a read-only mapping view)."""
    args = attrs.asdict(policy, recurse=False)
    args["lexicon"] = dict(policy.lexicon)
    return args


def _read_chunk(rows: Sequence[_Row], args: dict[str, Any]) -> list[Value | None]:
    """A worker's task: :func:`_read` under the policy rebuilt from ``args``."""
    return _read(rows, ValuePolicy(**args))


@functools.cache
def _spawn_can_start() -> bool:
    """Whether worker processes may be spawned without running this program's own code again.

    A spawned worker sets ``__main__`` up again before its first task: it runs the program's
    file or imports its module (as ``__mp_main__``), top-level code included. That is safe
    only where the program keeps its work under ``if __name__ == "__main__":`` (claimdiff's
    command, pip's console scripts, ``ipykernel``) or has no file (a REPL, ``python -c``).
    A script without that guard would run again in every worker, writing what it writes and
    starting workers of its own; a program read from standard input cannot be run again at
    all. Those read on one core instead.
    """
    # The same questions multiprocessing.spawn asks (get_preparation_data, _fixup_main_*):
    # a package's __main__ is never run again, nor a file named ipython.
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    name = getattr(spec, "name", None)
    if name is not None and (name == "__main__" or name.endswith(".__main__")):
        return True
    path = getattr(spec, "origin", None) if name is not None else getattr(main, "__file__", None)
    if path is None or Path(path).stem == "ipython":
        return True
    try:
        tree = ast.parse(Path(path).read_bytes())
    except (OSError, SyntaxError, ValueError):
        return False
    return any(_is_main_guard(node) for node in tree.body)


def _is_main_guard(node: ast.stmt) -> bool:
    """``if __name__ == "__main__":`` (either way round)."""
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
        return False
    test = node.test
    if len(test.ops) != 1 or not isinstance(test.ops[0], ast.Eq):
        return False
    sides = [test.left, test.comparators[0]]
    names = [s for s in sides if isinstance(s, ast.Name) and s.id == "__name__"]
    texts = [s for s in sides if isinstance(s, ast.Constant) and s.value == "__main__"]
    return len(names) == 1 and len(texts) == 1


def _cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
