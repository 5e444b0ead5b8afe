"""Files to a frame of claims: one row per claim, its group key, origin and value id.

JSON Lines of the plain shape are read by polars: every field a string, no key twice, no
null, nothing the reference loader would turn into a finding. Whether a file is of that shape
is decided conservatively, in columns: a line whose keys and strings do not count up to its
fields, a value or scope that does not parse, an id used twice, bytes that are not clean
UTF-8 text, and the whole dataset is read by the reference loader instead (:func:`load`),
whose claims then fill the same frame. Either way the claims, findings and locations are
the reference's own: the reference converter builds a :class:`Claim` for any row that
needs one (a group reconciled claim by claim, a contradiction to word).
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs
import polars as pl

from .._actors import ActorIndex, MemoIndex
from .._claims import Claim, Dataset, Relay
from .._convert import (
    _ISO_DAY,
    date_year,
    measure_kind,
    read_date_text,
)
from .._dates import to_edtf
from .._findings import Finding, Location
from .._io import SUFFIXES, load
from .._origins import origin_of
from .._policy import ValuePolicy
from .._reconcile import _key_fields
from .._values import DateValue, Value
from .origins import NO_ORIGIN as _NO_ORIGIN
from .origins import origins as origins_of
from .texts import read_texts

#: A claim's fields, all read as text on the plain shape.
FIELDS: Final = tuple(f.name for f in attrs.fields(Claim))
_REQUIRED: Final = ("id", "event", "measure", "value")
#: A key in a JSON object, and a key whose value is a string: on a line of the plain shape
#: both count the fields (escaped keys, nested values and keys given twice do not add up).
_KEY: Final = r'"[^"\\]*"\s*:'
_STRING: Final = r'"[^"\\]*"\s*:\s*"'
#: An escaped surrogate: JSON decoders differ on lone ones, the reference loader decides.
_SURROGATE: Final = re.compile(r"\\u[dD][89a-fA-F]")
#: The columns every frame of claims has, whichever way it was read.
KEY: Final = ("event", "measure", "party", "place", "as_of")


@attrs.frozen
class Claims:
    """The claims of a dataset as columns, and how to reach the reference's objects.

    ``frame`` has one row per claim: ``id``, the group key (:data:`KEY`, names resolved),
    ``origin``, ``vid`` (the value's index in ``values``) and ``asserts``.
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


def read(files: Sequence[str], policy: ValuePolicy) -> Claims:
    """The claims in ``files`` (as :func:`claimdiff._io.dataset_files` lists them)."""
    found = _plain_lines(files, policy)
    if found is not None:
        return found
    return of_dataset(load(*files, policy=policy))


def of_dataset(dataset: Dataset) -> Claims:
    """The claims of a loaded dataset, as columns."""
    actors = MemoIndex.of(ActorIndex.build(dataset.actors))
    ids: list[str] = []
    keys: list[tuple[str, str, str, str, str]] = []
    origins: list[str] = []
    vids: list[int] = []
    asserts: list[bool] = []
    numbered: dict[Any, int] = {}
    values: list[Value] = []
    for claim in dataset.claims:
        ids.append(claim.id)
        keys.append(_key_fields(claim, actors))
        origins.append(origin_of(claim, actors))
        asserts.append(claim.stance == "asserts")
        value = claim.value
        try:
            vid = numbered.setdefault(value, len(numbered))
        except TypeError:  # a value type of one's own need not hash
            vid = numbered.setdefault(id(value), len(numbered))
        if vid == len(values):
            values.append(value)
        vids.append(vid)
    columns = dict(zip(KEY, zip(*keys, strict=True), strict=True)) if keys else {}
    frame = pl.DataFrame(
        {
            "id": ids,
            **{k: list(columns.get(k, ())) for k in KEY},
            "origin": origins,
            "vid": vids,
            "asserts": asserts,
        },
        schema={
            "id": pl.String,
            **dict.fromkeys(KEY, pl.String),
            "origin": pl.String,
            "vid": pl.UInt32,
            "asserts": pl.Boolean,
        },
    )
    by_id = {c.id: c for c in dataset.claims}
    return Claims(
        frame=frame,
        values=values,
        actors=actors,
        findings=dataset.findings,
        records_read=dataset.records_read or len(dataset.claims),
        claims_of=lambda wanted: {i: by_id[i] for i in wanted},
        locate=dataset.locations.get,
        cumulative=dataset.cumulative,
    )


# -- JSON Lines of the plain shape ------------------------------------------------------------


def _plain_lines(files: Sequence[str], policy: ValuePolicy) -> Claims | None:
    """The claims of ``files`` read by polars, or ``None`` when any is not of the plain shape."""
    if not files or any(SUFFIXES.get(Path(f).suffix.lower()) != "jsonl" for f in files):
        return None
    frames = []
    for name in files:
        frame = _file(Path(name), name)
        if frame is None:
            return None
        frames.append(frame)
    rows = pl.concat(frames)
    if rows["id"].is_duplicated().any():
        return None
    return _columns(rows, policy)


def _file(path: Path, name: str) -> pl.DataFrame | None:
    """The rows of one JSON Lines file of the plain shape, with their line numbers."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if b"\x00" in data or b"\r" in data or data.startswith(codecs.BOM_UTF8):
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if _SURROGATE.search(text):
        return None
    lines = pl.Series("raw", text.split("\n"), dtype=pl.String)
    numbered = pl.DataFrame([lines]).with_row_index("line", offset=1)
    kept = numbered.filter(pl.col("raw").str.strip_chars() != "")
    if kept.height == 0:
        return None  # the reference notes an empty file
    # Without blank lines (a last newline aside) the bytes are the lines: no copy joined.
    only_lines = kept.height == numbered.height - text.endswith("\n")
    source = data if only_lines else "\n".join(kept["raw"]).encode("utf-8")
    try:
        decoded = pl.read_ndjson(io.BytesIO(source), schema=dict.fromkeys(FIELDS, pl.String))
    except pl.exceptions.PolarsError:
        return None
    if decoded.height != kept.height:
        return None
    rows = pl.concat([kept, decoded], how="horizontal")
    present = pl.sum_horizontal(pl.col(f).is_not_null().cast(pl.UInt32) for f in FIELDS)
    plain = (
        (pl.col("raw").str.count_matches(_KEY) == present)
        & (pl.col("raw").str.count_matches(_STRING) == present)
        & pl.all_horizontal(pl.col(f).is_not_null() for f in _REQUIRED)
        & (pl.col("stance").is_null() | pl.col("stance").is_in(["asserts", "denies"]))
    )
    if not rows.select(plain.all()).item():
        return None
    return rows.with_columns(pl.lit(name).alias("file"))


def _columns(rows: pl.DataFrame, policy: ValuePolicy) -> Claims | None:
    """Key, origin and value id of each row, each distinct field read once by the reference
    functions; ``None`` when some field would draw a finding."""
    actors = MemoIndex.of(ActorIndex.build(()))
    stated: dict[str, int] = {}
    days: dict[str, dt.date] = {}
    for text in rows["stated"].drop_nulls().unique():
        day = _day(text)
        if day is None:
            return None
        stated[text], days[text] = day.year, day
    rows = rows.with_columns(
        pl.col("stated").replace_strict(stated, default=None, return_dtype=pl.Int32).alias("year")
    )
    # Scopes: read with the year the claim was stated in, as the reference reads them.
    scopes: list[tuple[str, int | None, str, int | None]] = []
    read_scopes: dict[tuple[str, int | None], DateValue] = {}
    for text, year in rows.select("as_of", "year").drop_nulls("as_of").unique().iter_rows():
        parsed = read_date_text(text, year, policy)
        if parsed.error is not None:
            return None
        read_scopes[text, year] = parsed.value
        scopes.append((text, year, to_edtf(parsed.value), date_year(parsed.value)))
    scope_frame = pl.DataFrame(
        scopes,
        schema={"as_of": pl.String, "year": pl.Int32, "scope": pl.String, "scope_year": pl.Int32},
        orient="row",
    )
    rows = rows.join(scope_frame, on=["as_of", "year"], how="left", nulls_equal=True)
    kinds = {m: measure_kind(m, {}) or "" for m in rows["measure"].unique()}
    rows = rows.with_columns(
        pl.coalesce("scope_year", "year").alias("value_year"),
        pl.col("measure").replace_strict(kinds, return_dtype=pl.String).alias("measure_kind"),
    )
    read_values = read_texts(rows.select("value", "measure_kind", "value_year").unique(), policy)
    if read_values is None:
        return None
    values, value_frame = read_values
    rows = rows.join(
        value_frame, on=["value", "measure_kind", "value_year"], how="left", nulls_equal=True
    )
    chains: dict[str, tuple[Relay, ...]] = {}
    origins = origins_of(rows, actors, chains)
    if origins is None:
        return None
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
        "file",
        "line",
    )
    fields = rows.select(*FIELDS, "vid", "year")

    def claims_of(wanted: Iterable[str]) -> dict[str, Claim]:
        """The claims the reference converter builds from these rows: every field read
        above as it reads it, the value and scope the very objects it would make."""
        some = fields.join(
            pl.DataFrame({"id": list(wanted)}, schema={"id": pl.String}), on="id", how="semi"
        )
        built = {}
        for row in some.iter_rows(named=True):
            as_of, stated_day, via = row["as_of"], row["stated"], row["via"]
            built[row["id"]] = Claim(
                id=row["id"],
                event=row["event"],
                measure=row["measure"],
                value=values[row["vid"]],
                party=row["party"],
                place=row["place"],
                as_of=None if as_of is None else read_scopes[as_of, row["year"]],
                claimant=row["claimant"],
                stated=None if stated_day is None else days[stated_day],
                via=() if via is None else chains[via],  # type: ignore[arg-type]  # attrs converter: mypy reads the field as Iterable[_T_co]
                quote=row["quote"] or "",
                document=row["document"],
                stance=row["stance"] or "asserts",
                notes=row["notes"] or "",
            )
        return built

    def locate(claim_id: str) -> Location | None:
        found = frame.filter(pl.col("id") == claim_id).select("file", "line")
        if found.height == 0:
            return None
        name, line = found.row(0)
        return Location(file=name, line=line, column=1, record=claim_id)

    return Claims(
        frame=frame,
        values=values,
        actors=actors,
        findings=(),
        records_read=frame.height,
        claims_of=claims_of,
        locate=locate,
    )


def _day(text: str) -> dt.date | None:
    if not _ISO_DAY.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
