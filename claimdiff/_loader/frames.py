"""DataFrames in and out: claims from a pandas, polars or Arrow table, reports as tables.

Every library is reached through narwhals, a dataframe-agnostic layer made for exactly this
(one code path for pandas, polars, PyArrow, Modin, cuDF, ...; no dependency of its own): a
claimdiff that wrote one reader per library would have three semantics to keep in step.
narwhals is the ``frames`` extra (``pip install 'claimdiff[frames]'``): the model, the
reconciler and the command line need no DataFrame library, so neither should the core.

Rows become the very records a CSV file gives the loader (:class:`~claimdiff._loader.load.Loader`),
so a frame's claims are read, checked and reported on exactly as a file's: one semantics.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

import attrs

from .._model.actors import Actor
from .._model.claims import Dataset
from .._model.findings import Finding
from .._model.policy import DEFAULT_POLICY, ValuePolicy
from ..errors import DatasetError
from .convert import did_you_mean
from .csv import CLAIM_FIELDS, add_relays
from .files import Item, Record, file_finding
from .load import Format, Loader

if TYPE_CHECKING:
    from types import ModuleType

    from .._reconciler.overview import Overview
    from .._reconciler.report import Bound, Range, Report

__all__ = ["from_frame", "to_frame"]

#: The pseudo-fields a column may be mapped to besides the claim's own: the side of the
#: claimant or of the party, which declare that actor with that side.
SIDE_FIELDS: Final = ("claimant.side", "party.side")
ACTOR_FIELDS: Final = tuple(a.name for a in attrs.fields(Actor))

Table: TypeAlias = Literal["groups", "entries", "findings"]
Backend: TypeAlias = "str | ModuleType"


def _narwhals() -> Any:
    try:
        import narwhals.stable.v2 as nw
    except ImportError:  # pragma: no cover - the extra is installed wherever tests run
        raise DatasetError(
            "DataFrames need narwhals: pip install 'claimdiff[frames]' "
            "(with pandas, polars or pyarrow)"
        ) from None
    return nw


def _eager(frame: object, what: str) -> Any:
    """``frame`` as a narwhals eager DataFrame (a lazy one collected), or a
    :class:`DatasetError` saying what it is."""
    nw = _narwhals()
    try:
        found = nw.from_native(frame)
        # A lazy frame (polars LazyFrame, DuckDB, Ibis, ...) is read once, whole.
        return found.collect() if isinstance(found, nw.LazyFrame) else found
    except TypeError:
        raise DatasetError(
            f"{what} must be a pandas, polars or pyarrow table (or another eager frame "
            f"narwhals reads), got {type(frame).__name__}"
        ) from None
    except nw.exceptions.DuplicateError as error:
        # pandas allows a column name twice; which cell a row means would be a guess.
        shown = " ".join(str(error).split())
        raise DatasetError(
            f"{what} has a column name twice ({shown}): rename or drop one"
        ) from None


def _missing(cell: object) -> bool:
    """Whether a cell is empty: ``None``, ``NaN``, pandas' ``NA`` or ``NaT``, or ``""``."""
    if cell is None or (cell == "" and isinstance(cell, str)):
        return True
    if isinstance(cell, float) and math.isnan(cell):
        return True
    return type(cell).__name__ in ("NAType", "NaTType")


def _plain(cell: object) -> object:
    """A cell as the loader reads file data: numpy scalars unwrapped, whole floats as ints
    (pandas stores an integer column with a gap as floats: 40.0 is the figure 40), midnight
    timestamps as days."""
    if type(cell).__module__ == "numpy" and hasattr(cell, "item"):
        cell = cell.item()
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    if isinstance(cell, dt.datetime):
        if cell.time() == dt.time() and cell.tzinfo is None:
            return dt.date(cell.year, cell.month, cell.day)
        # A time of day: the text a CSV file would hold, which the date grammar reads as
        # the day in the zone written, as it reads the file's cell.
        return cell.isoformat()
    if isinstance(cell, tuple):
        return list(cell)
    return cell


def _mapping(
    columns: Mapping[str, str | None] | None, present: Sequence[str], allowed: Sequence[str]
) -> dict[str, str | None]:
    """Each present column's field (``None``: left out on purpose).

    Raises:
        DatasetError: when the mapping names a column the frame lacks, or a field that does
            not exist, or maps two columns to one field.
    """
    columns = dict(columns or {})
    for column in columns:
        if column not in present:
            raise DatasetError(
                f"columns= names {column!r}, which the frame does not have "
                f"(its columns: {', '.join(map(repr, present))})"
            )
    out: dict[str, str | None] = {}
    taken: dict[str, str] = {}
    for column in present:
        field = columns.get(column, column)
        if field is not None and column not in columns and field not in allowed:
            out[column] = None  # an unknown-field finding; the rest of the row is read
            continue
        if field is not None:
            if field not in allowed:
                hint = did_you_mean(field, allowed)
                raise DatasetError(
                    f"column {column!r} maps to {field!r}, which is no claim field{hint}; "
                    "map it to None to leave it out"
                )
            if field in taken:
                raise DatasetError(
                    f"columns {taken[field]!r} and {column!r} both map to the field {field!r}"
                )
            taken[field] = column
        out[column] = field
    return out


def content_id(data: Mapping[str, Any]) -> str:
    """The id of a claim given without one: ``c-`` and 12 hex digits of the SHA-256 of its
    fields, so the same claim gets the same id in every run and in any row order."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return "c-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


class _FrameLoader(Loader):
    """The loader, fed rows instead of files; findings name the row and the column."""

    def __init__(self, policy: ValuePolicy, sources: Mapping[str, tuple[list[Item], list[str]]]):
        super().__init__(policy)
        self.sources = sources

    def format_of(self, path: Path) -> Format | None:
        # Not streamed: the actors a frame declares are read before any claim.
        return "json"

    def read(self, fmt: Format, path: Path, name: str) -> Iterable[Item]:
        return self.sources[name][0]

    def note(self, finding: Finding) -> None:
        where = finding.location
        source = self.sources.get(where.file or "")
        if source is not None and where.line is not None:
            names = source[1]
            at = f"row {where.line - 1}"
            if where.column is not None and where.column <= len(names):
                at += f", column {names[where.column - 1]!r}"
            finding = attrs.evolve(
                finding,
                message=f"{finding.message} ({at})",
                location=attrs.evolve(where, line=None, column=None),
            )
        super().note(finding)


def _claim_records(
    frame: Any, mapping: Mapping[str, str | None], name: str
) -> tuple[list[Item], dict[str, dict[str, str]]]:
    """One record per row (``line`` is the row's position + 1, ``column`` the column's), and,
    when side columns are mapped, every actor the rows name with the sides they give it
    (actor -> {side: first row}; an actor named with no side has none)."""
    names = [str(c) for c in frame.columns]
    records: list[Item] = []
    sided = any(field in SIDE_FIELDS for field in mapping.values())
    actors: dict[str, dict[str, str]] = {}
    give_ids = "id" not in mapping.values()
    seen: dict[str, int] = {}
    for row, cells in enumerate(frame.iter_rows(named=False)):
        data: dict[str, Any] = {}
        marks: dict[tuple[str | int, ...], tuple[int, int]] = {}
        relays: dict[int, dict[str, Any]] = {}
        row_sides: dict[str, str] = {}
        for number, (column, cell) in enumerate(zip(names, cells, strict=True), 1):
            field = mapping[column]
            if field is None or _missing(cell):
                continue
            value = _plain(cell)
            if field in SIDE_FIELDS:
                row_sides[field.split(".")[0]] = str(value)
                continue
            if field == "via" and isinstance(value, list):
                relays.update({i: {"outlet": v} for i, v in enumerate(value)})
            else:
                data[field] = value
            marks[(field,)] = (row + 1, number)
        # One column at most maps to via, so the row has a chain or relays, never both.
        add_relays(data, relays)
        if give_ids:
            rid = content_id(data)
            seen[rid] = seen.get(rid, 0) + 1
            # Identical rows are interchangeable: the n-th copy is -n, in any row order.
            data["id"] = rid if seen[rid] == 1 else f"{rid}-{seen[rid]}"
        records.append(Record(section="claims", index=row, data=data, line=row + 1, marks=marks))
        if sided:
            # The rows are the declarations: everyone they name is an actor, with the side
            # the row gives it, so no name draws an unknown-actor warning.
            for who in ("claimant", "party"):
                actor = data.get(who)
                if isinstance(actor, str):
                    found = actors.setdefault(actor, {})
                    if who in row_sides:
                        found.setdefault(row_sides[who], str(row))
            for outlet in _outlets(data.get("via")):
                actors.setdefault(outlet, {})
    return records, actors


def _outlets(via: object) -> list[str]:
    """The outlets of a via cell: a chain (``Le Point [2] > encyclopedia``) or relays."""
    if isinstance(via, str):
        return [re.sub(r"\s*\[[^\]]*\]\s*$", "", part).strip() for part in via.split(">")]
    if isinstance(via, list):
        return [r["outlet"] for r in via if isinstance(r, Mapping) and "outlet" in r]
    return []


def _actor_records(
    actors: object, sides: Mapping[str, Mapping[str, str]], name: str
) -> tuple[list[Item], list[str]]:
    """The actors of a side table (a frame, or :class:`Actor` objects) and those a claims
    frame's side columns declare, as records."""
    records: list[Item] = []
    names: list[str] = []
    declared: set[str] = set()
    if actors is not None:
        if isinstance(actors, Iterable) and not hasattr(actors, "__dataframe__"):
            items = list(actors)
            if all(isinstance(a, Actor) for a in items):
                from .convert import make_converter

                conv = make_converter()
                for i, actor in enumerate(items):
                    records.append(Record(section="actors", index=i, data=conv.unstructure(actor)))
                    declared.add(actor.id)
                return records, names
        frame = _eager(actors, "actors")
        names = [str(c) for c in frame.columns]
        for column in names:
            if column not in ACTOR_FIELDS:
                raise DatasetError(
                    f"the actors table has a column {column!r}, which is no actor field"
                    f"{did_you_mean(column, ACTOR_FIELDS)} (fields: {', '.join(ACTOR_FIELDS)})"
                )
        for row, cells in enumerate(frame.iter_rows(named=False)):
            data: dict[str, Any] = {}
            marks: dict[tuple[str | int, ...], tuple[int, int]] = {}
            for number, (column, cell) in enumerate(zip(names, cells, strict=True), 1):
                if _missing(cell):
                    continue
                value = _plain(cell)
                if column == "aliases" and isinstance(value, str):
                    value = [value]
                data[column] = value
                marks[(column,)] = (row + 1, number)
            if isinstance(data.get("id"), str):
                declared.add(data["id"])
            records.append(
                Record(section="actors", index=row, data=data, line=row + 1, marks=marks)
            )
    extra = len(records)
    for actor in sorted(sides):
        found = sides[actor]
        if actor in declared:
            continue
        if len(found) > 1:
            rows = ", ".join(f"{side!r} (row {row})" for side, row in sorted(found.items()))
            raise DatasetError(f"the claims give actor {actor!r} two sides: {rows}")
        data = {"id": actor}
        if found:
            (data["side"],) = found
        records.append(Record(section="actors", index=extra, data=data))
        extra += 1
    return records, names


def from_frame(
    claims: object,
    *,
    columns: Mapping[str, str | None] | None = None,
    actors: object = None,
    policy: ValuePolicy = DEFAULT_POLICY,
    name: str = "claims",
) -> Dataset:
    """Read claims from a DataFrame (pandas, polars, PyArrow, ...), one claim per row.

    The rows are read as the rows of a CSV file are (``docs/format.md``): text values with
    the value grammar, ``via`` as a chain (``Le Point [2] > encyclopedia``) or a list of
    outlets, empty cells (``None``, ``NaN``) as absent fields. Like :func:`load`, it never
    raises on bad data: each bad row becomes a finding that names its row (its position,
    from 0) and its column.

    Args:
        claims: the claims table; needs the ``frames`` extra (narwhals). A lazy frame
            (polars ``LazyFrame``, DuckDB, Ibis) is collected first.
        columns: the frame's column names mapped to claim fields where they differ
            (``{"value_text": "value", "outlet": "via"}``); a column mapped to ``None`` is
            left out, and a column neither a field nor mapped is an ``unknown-field``
            finding. Two pseudo-fields declare actors: ``claimant.side`` and
            ``party.side`` give the side of the row's claimant or party.
        actors: a side table of actors (columns ``id``, ``name``, ``aliases``, ``side``,
            ``kind``, ``notes``: a frame, or :class:`Actor` objects); its sides tell
            self-reported figures from adversary claims.
        policy: how approximate and vague values given as text are read.
        name: what findings call the claims table (their ``location.file``).

    Returns:
        The dataset. Without an ``id`` column, each claim's id is ``c-`` and 12 hex digits
        of a hash of its fields, stable across runs and row orders (identical rows get
        ``-2``, ``-3``, ...).

    Raises:
        DatasetError: when narwhals is missing, when ``claims`` or ``actors`` is not a
            table, or when ``columns`` names a column the frame lacks or a field that does
            not exist, or the side columns give one actor two sides.
    """
    frame = _eager(claims, "claims")
    present = [str(c) for c in frame.columns]
    mapping = _mapping(columns, present, (*CLAIM_FIELDS, *SIDE_FIELDS))
    records, sides = _claim_records(frame, mapping, name)
    for number, column in enumerate(present, 1):
        if mapping[column] is None and column not in (columns or {}):
            hint = did_you_mean(column, CLAIM_FIELDS)
            records.insert(
                number - 1,
                file_finding(
                    "unknown-field",
                    f"unknown field {column!r}{hint} (column {column!r}; map it in columns= "
                    "or map it to None to leave it out)",
                    name,
                    field=column,
                ),
            )
    actor_name = f"{name} actors"
    actor_records, actor_columns = _actor_records(actors, sides, actor_name)
    sources: dict[str, tuple[list[Item], list[str]]] = {name: (records, present)}
    order = [name]
    if actor_records:
        sources[actor_name] = (actor_records, actor_columns)
        order.insert(0, actor_name)
    return _FrameLoader(policy, sources).run(order)


# -- out --------------------------------------------------------------------------------------


def _numbers(r: Range | None) -> tuple[int | float | None, int | float | None, Any, Any]:
    """A range's bounds as (low, high) numbers and (low, high) days, the other pair None."""
    if r is None:
        return None, None, None, None
    return _num(r.low), _num(r.high), _day(r.low), _day(r.high)


def _num(b: Bound) -> int | float | None:
    """A number bound as it is: a whole number stays exact (a float is exact only to 2**53)."""
    return b if isinstance(b, int | float) and not isinstance(b, bool) else None


#: Columns of number bounds, in the pairs that share a type.
_BOUNDS: Final = {
    "groups": (("low", "high"), ("consensus_low", "consensus_high")),
    "entries": (("low", "high"),),
    "findings": (),
}
_INT64: Final = range(-(2**63), 2**63)


def _bound_types(nw: Any, table: Table, rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Each pair of bound columns as ``Int64`` where every bound in it is a whole number
    that fits, else ``Float64`` (exact only to 2**53; the docs say so)."""
    out: dict[str, Any] = {}
    for pair in _BOUNDS[table]:
        whole = all(
            type(row[c]) is int and row[c] in _INT64
            for row in rows
            for c in pair
            if row[c] is not None
        )
        out.update(dict.fromkeys(pair, nw.Int64() if whole else nw.Float64()))
    return out


def _day(b: Bound) -> dt.date | None:
    return b if isinstance(b, dt.date) else None


def _group_rows(groups: Sequence[Any]) -> Iterator[dict[str, Any]]:
    for g in groups:
        low, high, low_day, high_day = _numbers(g.range)
        c_low, c_high, c_low_day, c_high_day = _numbers(g.consensus)
        claims = g.claims if isinstance(g.claims, int) else len(g.claims)
        origins = g.origins if isinstance(g.origins, int) else len(g.origins)
        estimate = getattr(g, "estimate", None)
        yield {
            "group": str(g.key),
            "event": g.key.event,
            "measure": g.key.measure,
            "party": g.key.party,
            "place": g.key.place,
            "as_of": g.key.as_of,
            "kind": g.kind,
            "verdict": g.verdict,
            "claims": claims,
            "origins": origins,
            "range": g.range.text if g.range is not None else None,
            "low": low,
            "high": high,
            "low_date": low_day,
            "high_date": high_day,
            "low_open": bool(g.range.low_open) if g.range is not None else False,
            "high_open": bool(g.range.high_open) if g.range is not None else False,
            "consensus": g.consensus.text if g.consensus is not None else None,
            "consensus_low": c_low,
            "consensus_high": c_high,
            "consensus_low_date": c_low_day,
            "consensus_high_date": c_high_day,
            "values": list(g.values),
            "consensus_values": list(g.consensus_values),
            "estimate": None if estimate is None or estimate.best is None else str(estimate.best),
        }


def _entry_rows(report: Report) -> Iterator[dict[str, Any]]:
    for g in report.groups:
        for e in g.entries:
            yield {
                "group": str(g.key),
                "verdict": g.verdict,
                "claim": e.claim,
                "value": e.value,
                "low": _num(e.low),
                "high": _num(e.high),
                "low_date": _day(e.low),
                "high_date": _day(e.high),
                "stance": e.stance,
                "claimant": e.claimant,
                "side": e.side,
                "origin": e.origin,
                "via": list(e.via),
                "perspective": e.perspective,
                "camp": e.camp,
            }


def _finding_rows(findings: Sequence[Finding]) -> Iterator[dict[str, Any]]:
    for f in findings:
        yield {
            "severity": f.severity,
            "code": f.code,
            "message": f.message,
            "file": f.location.file,
            "line": f.location.line,
            "record": f.location.record,
            "field": f.location.field,
        }


def _schema(nw: Any, table: Table) -> dict[str, Any]:
    s, f, d, b, i = nw.String(), nw.Float64(), nw.Date(), nw.Boolean(), nw.Int64()
    texts = nw.List(nw.String())
    if table == "groups":
        return {
            **dict.fromkeys(("group", "event", "measure", "party", "place", "as_of"), s),
            "kind": s,
            "verdict": s,
            "claims": i,
            "origins": i,
            "range": s,
            "low": f,
            "high": f,
            "low_date": d,
            "high_date": d,
            "low_open": b,
            "high_open": b,
            "consensus": s,
            "consensus_low": f,
            "consensus_high": f,
            "consensus_low_date": d,
            "consensus_high_date": d,
            "values": texts,
            "consensus_values": texts,
            "estimate": s,
        }
    if table == "entries":
        return {
            **dict.fromkeys(("group", "verdict", "claim", "value"), s),
            "low": f,
            "high": f,
            "low_date": d,
            "high_date": d,
            **dict.fromkeys(("stance", "claimant", "side", "origin"), s),
            "via": texts,
            "perspective": s,
            "camp": i,
        }
    return {
        **dict.fromkeys(("severity", "code", "message", "file"), s),
        "line": i,
        "record": s,
        "field": s,
    }


def to_frame(
    result: Report | Overview, table: Table = "groups", backend: Backend = "pandas"
) -> Any:
    """A table of a report or overview, as a DataFrame of ``backend``.

    Args:
        result: what :func:`reconcile` or :func:`overview` returned.
        table: ``groups`` (one row per group: its key and parts, kind, verdict, counts of
            claims and origins, range and consensus as text and as bounds), ``entries`` (one
            row per claim: its group, value, bounds, claimant, side, origin, relays,
            perspective and camp; reports only) or ``findings``.
        backend: ``pandas``, ``polars`` or ``pyarrow`` (or the module itself).

    Returns:
        A native DataFrame (a ``pyarrow.Table`` for ``pyarrow``). Number bounds are in
        ``low``/``high`` (floats), day bounds in ``low_date``/``high_date``, so each column
        keeps one type.

    Raises:
        DatasetError: when narwhals or the backend is not installed, or the table is unknown.
    """
    nw = _narwhals()
    if table == "groups":
        rows = list(_group_rows(result.groups))
    elif table == "entries":
        from .._reconciler.overview import Overview

        if isinstance(result, Overview):
            raise DatasetError("an overview keeps no entries; reconcile for the entries table")
        rows = list(_entry_rows(result))
    elif table == "findings":
        rows = list(_finding_rows(result.findings))
    else:
        raise DatasetError(f"no table {table!r}: ask for 'groups', 'entries' or 'findings'")
    schema = {**_schema(nw, table), **_bound_types(nw, table, rows)}
    data = {column: [row[column] for row in rows] for column in schema}
    for column, dtype in schema.items():
        if dtype == nw.Float64():
            data[column] = [None if v is None else float(v) for v in data[column]]
    try:
        pandas = nw.Implementation.from_backend(backend) is nw.Implementation.PANDAS
        if pandas:
            return _pandas_frame(nw, data, schema)
        return nw.from_dict(data, schema=schema, backend=backend).to_native()
    except (ImportError, ModuleNotFoundError) as error:
        raise DatasetError(
            f"cannot make a {backend!r} frame: {error}; install it or pass backend="
        ) from None


def _pandas_frame(nw: Any, data: Mapping[str, list[Any]], schema: Mapping[str, Any]) -> Any:
    """The pandas frame of ``data``: from object columns cast to ``schema`` (an empty float
    column would not cast to dates), whole numbers with gaps in pandas' nullable ``Int64``
    (numpy's integers hold no null, and through a float they would round)."""
    pd: Any = importlib.import_module("pandas")  # untyped: pandas-stubs is not a dependency
    gaps = {c for c, t in schema.items() if t == nw.Int64() and None in data[c]}
    objects = pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in data.items()})
    cast = [nw.col(c).cast(t) for c, t in schema.items() if c not in gaps]
    native = nw.from_native(objects).select(*cast).to_native()
    for column in gaps:
        native[column] = pd.array(data[column], dtype="Int64")
    return native[list(schema)]
