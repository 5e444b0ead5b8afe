"""Files to a frame of claims: one row per claim, its group key, origin and value id.

JSON Lines, CSV and Parquet are read by polars, row by row: a row of the plain shape (every
field a string, no key twice, no null, clean UTF-8 text, nothing the reference loader would
turn into a finding) is read in columns; any other row (bad JSON or bytes, a field of another
type, a cell in JSON, a value or scope that does not parse, an id used twice) is read by the
reference loader, that row alone, with its own line number, so its findings are the
reference's to the byte. A file polars cannot take at all (a CSV cell across lines, relays
in ``via.N`` columns, Parquet columns that are not text) is read whole by the reference
loader, and so is a dataset with declarations (YAML, JSON: :func:`load`), whose claims then
fill the same frame. Either way the claims, findings and locations are the reference's own:
the reference converter builds a :class:`Claim` for any row that needs one (a group
reconciled claim by claim, a contradiction to word).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import importlib
import importlib.util
import io
import json
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs
import polars as pl

from .._grammar.dates import to_edtf
from .._loader.convert import (
    ISO_DAY,
    date_year,
    measure_kind,
    read_date_text,
)
from .._loader.files import Item, Record, open_regular
from .._loader.json import read_jsonl
from .._loader.load import SUFFIXES, Format, Loader, load
from .._model.actors import ActorIndex, MemoIndex
from .._model.claims import Claim, Dataset, Relay
from .._model.codes import FindingCode
from .._model.findings import Finding, Location
from .._model.origins import origin_of
from .._model.policy import ValuePolicy
from .._model.values import DateValue, Value
from .._reconciler.reconcile import key_fields
from .origins import NO_ORIGIN as _NO_ORIGIN
from .origins import origins as origins_of
from .texts import read_texts
from .values import Values

#: A claim's fields, all read as text on the plain shape.
FIELDS: Final = tuple(f.name for f in attrs.fields(Claim))
_REQUIRED: Final = ("id", "event", "measure", "value")
#: A key in a JSON object, and a key whose value is a string: on a line of the plain shape
#: both count the fields (escaped keys, nested values and keys given twice do not add up).
_KEY: Final = r'"[^"\\]*"\s*:'
_STRING: Final = r'"[^"\\]*"\s*:\s*"'
#: What polars is not asked to read: control characters (a line's last CR aside; the
#: reference reads a lone CR, a form feed... as it does) and escaped surrogates (JSON
#: decoders differ on lone ones).
_ODD_TEXT: Final = r"[\x00-\x08\x0b\x0c\x0e-\x1f]|\r.|\\u[dD][89a-fA-F]"
#: The columns every frame of claims has, whichever way it was read.
KEY: Final = ("event", "measure", "party", "place", "as_of")

#: A claim's claimant and the outlets that relayed it, in order.
Voice = tuple[str | None, tuple[str, ...]]
_SCHEMA: Final = {
    "id": pl.String,
    **dict.fromkeys(KEY, pl.String),
    "origin": pl.String,
    "vid": pl.UInt32,
    "asserts": pl.Boolean,
}
#: Where a row was read: the file's position among those read, and the line.
_PLACE: Final = {"order": pl.UInt32, "line": pl.UInt32}


@attrs.frozen
class Claims:
    """The claims of a dataset as columns, and how to reach the reference's objects.

    ``frame`` has one row per claim, in the reference loader's order: ``id``, the group key
    (:data:`KEY`, names resolved), ``origin``, ``vid`` (the value's index in ``values``) and
    ``asserts``.
    """

    frame: pl.DataFrame
    values: Sequence[Value]
    actors: ActorIndex
    findings: tuple[Finding, ...]
    records_read: int
    #: The reference's claims with these ids.
    claims_of: Callable[[Iterable[str]], dict[str, Claim]]
    #: Where the claim with this id was read.
    locate: Callable[[str], Location | None]
    #: Measures declared cumulative or not (a dataset's ``cumulative``; see is_cumulative).
    cumulative: Mapping[str, bool] = attrs.field(factory=dict)
    #: Who said the claims with these ids, by id: the claimant and the relays' outlets, as
    #: the reference's claims hold them (without building those claims where it can).
    voices_of: Callable[[Iterable[str]], dict[str, Voice]] | None = None

    def voices(self, wanted: Iterable[str]) -> dict[str, Voice]:
        """The claimant and the outlets that relayed each claim of ``wanted``, by id."""
        if self.voices_of is not None:
            return self.voices_of(wanted)
        return {
            i: (c.claimant, tuple(r.outlet for r in c.via))
            for i, c in self.claims_of(wanted).items()
        }


def read(files: Sequence[str], policy: ValuePolicy) -> Claims:
    """The claims in ``files`` (as :func:`claimdiff._loader.load.dataset_files` lists them)."""
    files = [str(f) for f in files]  # as findings and locations name them
    formats = [SUFFIXES.get(Path(f).suffix.lower()) for f in files]
    if not files or any(f not in _TABLES for f in formats):
        # Declarations (YAML, JSON) change how claims read: the reference loader reads all.
        return of_dataset(load(*files, policy=policy))
    return _rows(files, policy)


def dataset(files: Sequence[str], policy: ValuePolicy) -> Dataset:
    """``load(*files, policy=policy)``'s very dataset (claims, findings, locations, count),
    the claims of plain rows built from the columns rather than structured one by one."""
    files = [str(f) for f in files]
    if not files or any(SUFFIXES.get(Path(f).suffix.lower()) not in _TABLES for f in files):
        return load(*files, policy=policy)
    claims = _rows(files, policy)
    ids = claims.frame["id"].to_list()
    built = claims.claims_of(ids)
    parts: dict[str, Any] = {  # typed loosely: attrs' converters confuse mypy's plugin
        "claims": [built[i] for i in ids],
        "findings": claims.findings,
        "locations": {i: where for i in ids if (where := claims.locate(i)) is not None},
        "records_read": claims.records_read,
        "policy": policy,
    }
    return Dataset(**parts)


def of_dataset(dataset: Dataset) -> Claims:
    """The claims of a loaded dataset, as columns."""
    actors = MemoIndex.of(ActorIndex.build(dataset.actors))
    values: list[Value] = []
    by_id = {c.id: c for c in dataset.claims}
    return Claims(
        frame=_claim_rows(dataset.claims, actors, values),
        values=values,
        actors=actors,
        findings=dataset.findings,
        records_read=dataset.records_read or len(dataset.claims),
        claims_of=lambda wanted: {i: by_id[i] for i in wanted},
        locate=dataset.locations.get,
        cumulative=dataset.cumulative,
    )


def _claim_rows(
    claims: Sequence[Claim], actors: ActorIndex, values: list[Value], first: int = 0
) -> pl.DataFrame:
    """One row per claim; each distinct value appended to ``values``, its ``vid`` ``first``
    plus its index there."""
    keys: list[tuple[str, str, str, str, str]] = []
    origins: list[str] = []
    vids: list[int] = []
    numbered: dict[Any, int] = {}
    for claim in claims:
        keys.append(key_fields(claim, actors))
        origins.append(origin_of(claim, actors))
        value = claim.value
        try:
            vid = numbered.setdefault(value, first + len(numbered))
        except TypeError:  # a value type of one's own need not hash
            vid = numbered.setdefault(id(value), first + len(numbered))
        if vid == first + len(values):
            values.append(value)
        vids.append(vid)
    columns = dict(zip(KEY, zip(*keys, strict=True), strict=True)) if keys else {}
    return pl.DataFrame(
        {
            "id": [c.id for c in claims],
            **{k: list(columns.get(k, ())) for k in KEY},
            "origin": origins,
            "vid": vids,
            "asserts": [c.stance == "asserts" for c in claims],
        },
        schema=_SCHEMA,
    )


# -- JSON Lines, CSV and Parquet, row by row -------------------------------------------------


class _SomeRows(Loader):
    """The reference loader, reading of each file only the rows it is given (every row of a
    file not given): line numbers, record paths and findings its own. A row is named by its
    line (JSON Lines, CSV) or its position (Parquet, which has no lines)."""

    def __init__(self, policy: ValuePolicy, rows: Mapping[str, Container[int]]) -> None:
        super().__init__(policy)
        self.rows = rows
        #: The row each claim kept was read from (its line, or its place in a Parquet file).
        self.positions: dict[str, int] = {}

    def accept(
        self,
        claim: Claim,
        record: Record,
        name: str,
        notes: Iterable[tuple[FindingCode, str, tuple[str | int, ...]]],
    ) -> None:
        kept = len(self.claims)
        super().accept(claim, record, name, notes)
        if len(self.claims) > kept:
            self.positions[claim.id] = record.index if record.line is None else record.line

    def read(self, fmt: Format, path: Path, name: str) -> Iterable[Item]:
        only = self.rows.get(name)
        if fmt == "jsonl":
            return read_jsonl(path, name, only)  # the others' JSON is not even decoded
        items = super().read(fmt, path, name)
        if only is None:
            return items
        return (
            item
            for item in items
            if not isinstance(item, Record) or (item.line if fmt == "csv" else item.index) in only
        )


def _rows(files: Sequence[str], policy: ValuePolicy) -> Claims:
    """The claims of JSON Lines, CSV and Parquet ``files``: the plain rows read by polars,
    the others (and files polars cannot read at all) by the reference loader."""
    read_whole: list[str] = []
    parts = []
    for order, name in enumerate(files):
        part = _TABLES[SUFFIXES[Path(name).suffix.lower()]](Path(name))
        if part is None:
            read_whole.append(name)
        else:
            parts.append(part.with_columns(pl.lit(order, dtype=pl.UInt32).alias("order")))
    rows = pl.concat(parts, how="diagonal_relaxed") if parts else _no_rows()
    # An id used twice: the reference says which row keeps it.
    rows = rows.with_columns(pl.col("plain") & ~pl.col("id").is_duplicated())
    plain = _columns(rows.filter("plain"), policy)
    while True:
        odd = rows.join(plain.frame.select(*_PLACE), on=list(_PLACE), how="anti")
        lines: dict[str, set[int]] = {name: set() for name in read_whole}
        for order, line in odd.select(*_PLACE).iter_rows():
            lines.setdefault(files[order], set()).add(line)
        if not lines:
            return plain.claims(files, None, {})
        others = _SomeRows(policy, {n: ls for n, ls in lines.items() if n not in read_whole})
        dataset = others.run([f for f in files if f in lines])
        # An id the reference read on an odd row that a plain row has too (polars read the
        # odd row's id otherwise): that row is the reference's to read as well.
        taken = plain.frame["id"].is_in([c.id for c in dataset.claims])
        if not taken.any():
            return plain.claims(files, dataset, others.positions)
        plain = plain.without(taken)


def _no_rows() -> pl.DataFrame:
    return pl.DataFrame(schema={**_PLACE, **dict.fromkeys(FIELDS, pl.String), "plain": pl.Boolean})


def _bytes(path: Path) -> bytes | None:
    """The file's bytes, or ``None`` for the reference loader to read it whole and say why it
    cannot: opened as the reference opens it (regular files only, checked on the open file),
    so a pipe or device put in its place after the listing cannot hang or flood the run."""
    stream = open_regular(path, str(path))
    if isinstance(stream, Finding):
        return None
    try:
        with stream:
            return stream.read()
    except OSError:
        return None


def _numbered(text: str) -> pl.DataFrame:
    """The lines of ``text`` (``raw``), numbered from 1 (``line``)."""
    return pl.DataFrame([pl.Series("raw", text.split("\n"), dtype=pl.String)]).with_row_index(
        "line", offset=1
    )


def _plain(rows: pl.DataFrame) -> pl.DataFrame:
    """``rows`` (``line``, the fields as text, ``plain``: polars read them) with ``plain``
    true where the reference converter reads the fields as the engine does."""
    plain = (
        pl.col("plain")
        & pl.all_horizontal(pl.col(f).is_not_null() for f in _REQUIRED)
        & (pl.col("stance").is_null() | pl.col("stance").is_in(["asserts", "denies"]))
    )
    return rows.select("line", *FIELDS, plain.fill_null(False).alias("plain"))


def _jsonl_file(path: Path) -> pl.DataFrame | None:
    """The non-blank lines of one JSON Lines file, their fields as polars reads them and
    whether they are of the plain shape (``plain``); ``None`` when the reference loader is to
    read the file whole (it cannot be read, or holds no line)."""
    data = _bytes(path)
    if data is None:
        return None
    data = data.removeprefix(codecs.BOM_UTF8)  # the reference reads a first line's BOM so
    try:
        numbered = _numbered(data.decode("utf-8"))
    except UnicodeDecodeError:
        raw = [_utf8(part) for part in data.split(b"\n")]
        numbered = pl.DataFrame([pl.Series("raw", raw, dtype=pl.String)]).with_row_index(
            "line", offset=1
        )
    kept = numbered.filter(pl.col("raw").is_null() | (pl.col("raw").str.strip_chars() != ""))
    if kept.height == 0:
        return None  # the reference notes an empty file
    kept = kept.with_columns(
        (pl.col("raw").is_not_null() & ~pl.col("raw").str.contains(_ODD_TEXT)).alias("plain"),
    )
    decoded = _decoded(kept.filter("plain"))
    if decoded is None:
        return None
    rows = kept.join(decoded, on="line", how="left")
    present = pl.sum_horizontal(pl.col(f).is_not_null().cast(pl.UInt32) for f in FIELDS)
    return _plain(
        rows.with_columns(
            pl.col("plain")
            & (pl.col("raw").str.count_matches(_KEY) == present)
            & (pl.col("raw").str.count_matches(_STRING) == present)
        )
    )


def _csv_file(path: Path) -> pl.DataFrame | None:
    """The rows of one CSV file, as :func:`_jsonl_file` gives lines; ``None`` when the
    reference loader is to read it whole: bytes that are not text, a header with other
    columns than claim fields (``via.0.outlet``...), a quoted cell across lines."""
    data = _bytes(path)
    if data is None or b"\x00" in data:
        return None
    try:
        numbered = _numbered(data.removeprefix(codecs.BOM_UTF8).decode("utf-8"))
    except UnicodeDecodeError:
        return None
    try:
        header = [cell.strip() for cell in next(csv.reader([numbered["raw"][0]], strict=True))]
    except (csv.Error, StopIteration):
        return None
    if not header or len(set(header)) < len(header) or not set(header) <= set(FIELDS):
        return None
    lines = numbered.slice(1).with_columns(pl.col("raw").str.strip_suffix("\r"))
    # A cell in quotes: Python's csv module reads the line, as the reference's does.
    quoted = lines.filter(pl.col("raw").str.contains('"', literal=True))
    cells = dict(zip(quoted["line"], (_csv_cells(t) for t in quoted["raw"]), strict=True))
    if None in cells.values():
        return None  # a quoted cell across lines, or a line csv refuses: the reference's
    lines = lines.with_columns(
        pl.when(pl.col("raw").str.contains('"', literal=True))
        .then(pl.col("line").replace_strict(cells, default=None, return_dtype=pl.List(pl.String)))
        .otherwise(pl.col("raw").str.split(","))
        .alias("cells"),
        ~pl.col("raw").str.contains(r"[\x00-\x08\x0a-\x1f]").alias("plain"),
    )
    # A row of blank cells is no record; an unreadable one is (refused, but counted).
    lines = lines.filter(
        pl.col("cells").is_null()
        | pl.col("cells").list.eval(pl.element().str.strip_chars() != "").list.any()
    )
    if lines.height == 0:
        return None  # the reference notes a file of no rows
    rows = lines.with_columns(
        (pl.col("plain") & (pl.col("cells").list.len() <= len(header))).fill_null(False),
        *(
            pl.col("cells").list.get(i, null_on_oob=True).alias(column)
            for i, column in enumerate(header)
        ),
    )
    return _plain(_table_cells(rows, header))


def _csv_cells(text: str) -> list[str] | None:
    try:
        return next(csv.reader([text], strict=True), [])
    except csv.Error:  # Python's csv reads a cell in quotes across lines so, too
        return None


def _parquet_file(path: Path) -> pl.DataFrame | None:
    """The rows of one Parquet file (``line``: the row's position, from 0), as
    :func:`_jsonl_file` gives lines; ``None`` when the reference loader is to read it whole
    (without pyarrow it refuses the file; a column that is not text or not a claim field)."""
    if importlib.util.find_spec("pyarrow") is None:
        return None
    stream = open_regular(path, str(path))  # as the reference opens it: no pipe, no device
    if isinstance(stream, Finding):
        return None
    # Decoded by pyarrow, the reference loader's own Parquet reader, and handed to polars
    # without a copy: polars' reader takes files pyarrow refuses (a corrupt schema node, found
    # by fuzzing), and the engine must not read a file the reference calls malformed.
    try:
        with stream:
            table = importlib.import_module("pyarrow.parquet").ParquetFile(stream).read()
        rows = pl.from_arrow(table)
    except Exception:  # pyarrow raises OSError, ArrowInvalid and more on a bad file
        return None
    if not isinstance(rows, pl.DataFrame):
        return None
    header = rows.columns
    if rows.height == 0 or not set(header) <= set(FIELDS):
        return None
    if any(dtype != pl.String for dtype in rows.dtypes):
        return None
    rows = rows.with_row_index("line").with_columns(pl.lit(True).alias("plain"))
    return _plain(_table_cells(rows, header))


def _table_cells(rows: pl.DataFrame, header: Sequence[str]) -> pl.DataFrame:
    """A table's cells as fields: an empty cell is absent; a ``value`` or ``as_of`` in JSON
    (a cell that starts with ``{``), or a ``via`` list (``[``), is the reference's to read."""
    rows = rows.with_columns(
        *(pl.col(c).replace("", None) for c in header),
        *(pl.lit(None, dtype=pl.String).alias(f) for f in FIELDS if f not in header),
    )
    structured = pl.any_horizontal(
        pl.col(c).str.strip_chars_start().str.starts_with(opener).fill_null(False)
        for c, opener in (("value", "{"), ("as_of", "{"), ("via", "["))
    )
    return rows.with_columns(pl.col("plain") & ~structured)


_TABLES: Final[Mapping[Format | None, Callable[[Path], pl.DataFrame | None]]] = {
    "jsonl": _jsonl_file,
    "csv": _csv_file,
    "parquet": _parquet_file,
}


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decoded(lines: pl.DataFrame) -> pl.DataFrame | None:
    """The fields of ``lines`` (``line``, ``raw``) as polars reads them, by line; the lines
    that are not JSON objects left out (``None`` when polars cannot read the rest)."""
    for attempt in range(2):
        if lines.height == 0:
            return pl.DataFrame(schema={"line": pl.UInt32, **dict.fromkeys(FIELDS, pl.String)})
        source = "\n".join(lines["raw"]).encode("utf-8")
        try:
            decoded = pl.read_ndjson(io.BytesIO(source), schema=dict.fromkeys(FIELDS, pl.String))
        except pl.exceptions.PolarsError:
            if attempt:
                return None
            # Some line is not a JSON object: which, Python's decoder tells (slower, and
            # only on a file that has such a line).
            objects = [_is_object(text) for text in lines["raw"]]
            lines = lines.filter(pl.Series(objects, dtype=pl.Boolean))
            continue
        if decoded.height != lines.height:
            return None
        return pl.concat([lines.select("line"), decoded], how="horizontal")
    return None


def _is_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except (ValueError, RecursionError):
        return False


@attrs.frozen
class _Plain:
    """The plain lines read in columns: ``frame`` (the claim columns, with ``order`` and
    ``line``), what :meth:`claims` needs to build their :class:`Claim` objects."""

    frame: pl.DataFrame
    fields: pl.DataFrame
    values: Values
    actors: ActorIndex
    scopes: Mapping[tuple[str, int | None], DateValue]
    days: Mapping[str, dt.date]
    chains: Mapping[str, tuple[Relay, ...]]

    def without(self, rows: pl.Series) -> _Plain:
        """These lines less the ``rows`` marked."""
        return attrs.evolve(self, frame=self.frame.filter(~rows))

    def claims(
        self, files: Sequence[str], others: Dataset | None, positions: Mapping[str, int]
    ) -> Claims:
        """All the claims: these lines' and those the reference loader read (``others``,
        each from the row at ``positions``), in the reference's order (by file, then row)."""
        values = self.values
        frame = self.frame
        located = frame.select("id", *_PLACE)
        if others is not None and others.claims:
            order = {name: n for n, name in enumerate(files)}
            where = [others.locations[c.id] for c in others.claims]
            placed = pl.DataFrame(
                {
                    "order": [order[w.file or ""] for w in where],
                    "line": [positions[c.id] for c in others.claims],
                },
                schema=_PLACE,
            )
            theirs: list[Value] = []
            rows = _claim_rows(others.claims, self.actors, theirs, first=len(values))
            values = values.plus(theirs)
            more = pl.concat([rows, placed], how="horizontal")
            frame = pl.concat([frame, more])
        frame = frame.sort(*_PLACE)  # joins need not keep the rows' order
        by_id = {} if others is None else {c.id: c for c in others.claims}
        fields = self.fields.join(self.frame.select("id"), on="id", how="semi")

        def claims_of(wanted: Iterable[str]) -> dict[str, Claim]:
            wanted = list(wanted)
            built = {i: by_id[i] for i in wanted if i in by_id}
            built.update(self._built(fields, [i for i in wanted if i not in by_id]))
            return built

        outlets: dict[str, tuple[str, ...]] = {}  # a few chains relay most claims

        def voices_of(wanted: Iterable[str]) -> dict[str, Voice]:
            wanted = list(wanted)
            found: dict[str, Voice] = {
                i: (c.claimant, tuple(r.outlet for r in c.via))
                for i in wanted
                if (c := by_id.get(i)) is not None
            }
            some = fields.join(pl.DataFrame({"id": wanted}, schema={"id": pl.String}), on="id")
            for claim_id, claimant, via in some.select("id", "claimant", "via").iter_rows():
                if via is None:
                    found[claim_id] = (claimant, ())
                    continue
                chain = outlets.get(via)
                if chain is None:
                    chain = outlets[via] = tuple(r.outlet for r in self.chains[via])
                found[claim_id] = (claimant, chain)
            return found

        places: dict[str, tuple[int, int]] = {}

        def locate(claim_id: str) -> Location | None:
            if claim_id in by_id:
                return None if others is None else others.locations.get(claim_id)
            if not places:  # a check locates every contradiction: one lookup table
                places.update(zip(located["id"], located.select(*_PLACE).iter_rows(), strict=True))
            if claim_id not in places:
                return None
            order, line = places[claim_id]
            if files[order].lower().endswith(".parquet"):
                return Location(file=files[order], record=claim_id)  # rows have no lines
            return Location(file=files[order], line=line, column=1, record=claim_id)

        return Claims(
            frame=frame.drop(*_PLACE),
            values=values,
            actors=self.actors,
            findings=() if others is None else others.findings,
            records_read=self.frame.height + (0 if others is None else others.records_read or 0),
            claims_of=claims_of,
            locate=locate,
            voices_of=voices_of,
        )

    def _built(self, fields: pl.DataFrame, wanted: list[str]) -> dict[str, Claim]:
        """The claims the reference converter builds from these lines: every field read as
        it reads it, the value and scope the very objects it would make."""
        if not wanted:
            return {}
        some = fields.join(pl.DataFrame({"id": wanted}, schema={"id": pl.String}), on="id")
        built = {}
        for row in some.iter_rows(named=True):
            as_of, stated_day, via = row["as_of"], row["stated"], row["via"]
            built[row["id"]] = Claim(
                id=row["id"],
                event=row["event"],
                measure=row["measure"],
                value=self.values[row["vid"]],
                party=row["party"],
                place=row["place"],
                as_of=None if as_of is None else self.scopes[as_of, row["year"]],
                claimant=row["claimant"],
                stated=None if stated_day is None else self.days[stated_day],
                via=() if via is None else self.chains[via],  # type: ignore[arg-type]  # attrs converter: mypy reads the field as Iterable[_T_co]
                quote=row["quote"] or "",
                document=row["document"],
                stance=row["stance"] or "asserts",
                notes=row["notes"] or "",
            )
        return built


def _columns(rows: pl.DataFrame, policy: ValuePolicy) -> _Plain:
    """Key, origin and value id of each line, each distinct field read once by the reference
    functions; a line with a field that would draw a finding is left out (the reference
    loader reads it)."""
    actors = MemoIndex.of(ActorIndex.build(()))
    days = {text: day for text in rows["stated"].drop_nulls().unique() if (day := _day(text))}
    rows = rows.filter(
        pl.col("stated").is_null() | pl.col("stated").is_in(list(days))
    ).with_columns(
        pl.col("stated")
        .replace_strict({t: d.year for t, d in days.items()}, default=None, return_dtype=pl.Int32)
        .alias("year")
    )
    # Scopes: read with the year the claim was stated in, as the reference reads them.
    scopes: list[tuple[str, int | None, str, int | None]] = []
    read_scopes: dict[tuple[str, int | None], DateValue] = {}
    for text, year in rows.select("as_of", "year").drop_nulls("as_of").unique().iter_rows():
        parsed = read_date_text(text, year, policy)
        if parsed.error is None:
            read_scopes[text, year] = parsed.value
            scopes.append((text, year, to_edtf(parsed.value), date_year(parsed.value)))
    scope_frame = pl.DataFrame(
        scopes,
        schema={"as_of": pl.String, "year": pl.Int32, "scope": pl.String, "scope_year": pl.Int32},
        orient="row",
    )
    rows = rows.join(scope_frame, on=["as_of", "year"], how="left", nulls_equal=True).filter(
        pl.col("as_of").is_null() | pl.col("scope").is_not_null()
    )
    kinds = {m: measure_kind(m, {}) or "" for m in rows["measure"].unique()}
    rows = rows.with_columns(
        pl.coalesce("scope_year", "year").alias("value_year"),
        pl.col("measure").replace_strict(kinds, return_dtype=pl.String).alias("measure_kind"),
    )
    # A text that does not read is left out with its line: the reference loader words it.
    values, value_frame = read_texts(
        rows.select("value", "measure_kind", "value_year").unique(), policy
    )
    rows = rows.join(
        value_frame, on=["value", "measure_kind", "value_year"], how="inner", nulls_equal=True
    )
    chains: dict[str, tuple[Relay, ...]] = {}
    origins = origins_of(rows, actors, chains)
    rows = rows.filter(pl.col("via").is_null() | pl.col("via").is_in(list(chains)))
    rows = rows.join(origins, on=["claimant", "via", "document"], how="left", nulls_equal=True)
    names = {
        n: actors.resolve(n)
        for col in ("party", "place")
        for n in rows[col].drop_nulls().unique()
        if n
    }
    frame = rows.select(
        "id",
        "event",
        "measure",
        *(
            pl.col(col).replace_strict(names, default="").fill_null("").alias(col)
            for col in ("party", "place")
        ),
        pl.col("scope").fill_null("").alias("as_of"),
        pl.when(pl.col("origin") == _NO_ORIGIN)
        .then(pl.lit("claim:") + pl.col("id"))
        .otherwise(pl.col("origin"))
        .alias("origin"),
        "vid",
        pl.col("stance").fill_null("asserts").eq("asserts").alias("asserts"),
        *_PLACE,
    )
    return _Plain(
        frame=frame,
        fields=rows.select(*FIELDS, "vid", "year"),
        values=values,
        actors=actors,
        scopes=read_scopes,
        days=days,
        chains=chains,
    )


def _day(text: str) -> dt.date | None:
    if not ISO_DAY.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
