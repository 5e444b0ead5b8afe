"""Loading datasets from files and directories, and writing them back.

:func:`load` never raises on bad data: what it cannot use becomes a :class:`Finding` with a
stable code (catalogue: ``docs/findings.md``) and a location, the rest is still read, and
``Dataset.records_read`` counts every claim record met so that a report can account for each.
Files are read in two passes: declarations (actors, events, documents, measures) from every
file first, then claims, so a claim's text value is read with the merged ``measures`` and its
event's year whatever the file order.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Final, Literal, TypeAlias

import attrs
import yaml
from cattrs.errors import ForbiddenExtraKeysError

from .._curation.baseline import is_baseline_file
from .._model.actors import Actor, ActorIndex, normalize_name, speaks_for_problems
from .._model.claims import Claim, Dataset, Document, Event
from .._model.codes import FindingCode
from .._model.findings import Finding, Location
from .._model.policy import DEFAULT_POLICY, ValuePolicy
from .._model.values import Category
from ..errors import DatasetError, ValueParseError
from .convert import (
    ClaimContext,
    ContextCell,
    did_you_mean,
    format_exception,
    format_path,
    iter_errors,
    make_converter,
    make_converter_in,
    structure_measure_declarations,
    unknown_field_message,
    via_text,
)
from .convert import Path as FieldPath
from .csv import read_csv, write_csv
from .files import KEY, Item, Record
from .json import json_lines, read_json, read_jsonl
from .parquet import read_parquet, write_parquet
from .yaml import read_yaml

Format: TypeAlias = Literal["yaml", "json", "jsonl", "csv", "parquet"]

#: File suffixes and the format each is read as.
SUFFIXES: Final[Mapping[str, Format]] = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
}
_READERS: Final[Mapping[Format, Callable[[Path, str], Iterator[Item]]]] = {
    "yaml": read_yaml,
    "json": read_json,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "parquet": read_parquet,
}
_STREAMED: Final = frozenset({"jsonl", "csv", "parquet"})
_SECTIONS: Final = {"actors": Actor, "events": Event, "documents": Document}

StrPath: TypeAlias = "str | os.PathLike[str]"


def load(
    *paths: StrPath | IO[str] | IO[bytes],
    policy: ValuePolicy = DEFAULT_POLICY,
    exclude: Iterable[StrPath] = (),
    format: Format | None = None,
    columns: Mapping[str, str | None] | None = None,
) -> Dataset:
    """Read a dataset from files and directories, or from open files and streams.

    Args:
        paths: YAML, JSON, JSON Lines, CSV and Parquet files (Parquet needs the
            ``parquet`` extra), or directories: every ``*.yaml``, ``*.yml``, ``*.json``,
            ``*.jsonl``, ``*.ndjson``, ``*.csv`` and ``*.parquet`` in them, recursively,
            in sorted order, hidden files and directories left out, and baselines kept beside
            the data (YAML with a top-level ``acknowledged`` key) too: they are not data.
            An open file or stream (``io.StringIO(text)``, ``io.BytesIO``, an upload) is
            read whole; its format is its name's suffix, or ``format``. A ``str`` is always
            a path, never the data itself: wrap text in ``io.StringIO``.
        policy: how approximate and vague values given as text are read.
        exclude: files not to read even when a directory holds them.
        format: the format of the streams that have no file name (``yaml``, ``json``,
            ``jsonl``, ``csv`` or ``parquet``).
        columns: for CSV files, header names mapped to claim fields where they differ
            (``{"value_text": "value", "outlet": "via"}``); ``None`` leaves a column out.

    Returns:
        The merged dataset; its ``findings`` say what could not be used and why, its
        ``locations`` where each claim was read, ``records_read`` how many claim records were
        met, valid or not.

    Raises:
        DatasetError: when no path is given, when a stream's format cannot be told, when
            ``columns`` is given for files that are not CSV, or when it maps two columns of
            a CSV header to one field (raised at that header, before its rows are read).
    """
    if not paths:
        raise DatasetError("load() needs at least one file or directory")
    if format is not None and format not in _READERS:
        raise DatasetError(f"format= must be one of {sorted(_READERS)!r}, got {format!r}")
    with tempfile.TemporaryDirectory(prefix="claimdiff-") as tmp:
        names: dict[str, str] = {}
        given: list[StrPath] = []
        for number, path in enumerate(paths):
            if isinstance(path, str | os.PathLike):
                given.append(path)
                continue
            saved, shown = _save_stream(path, Path(tmp), number, format)
            names[saved] = shown
            given.append(saved)
        files, refused = dataset_listing(given, exclude)
        if columns is not None:
            others = [names.get(f, f) for f in files if Path(f).suffix.lower() != ".csv"]
            if others:
                raise DatasetError(f"columns= applies to CSV files only, not {others[0]!r}")
        loader = Loader(policy)
        loader.columns = columns
        return loader.run(files, names, refused)


def _save_stream(
    stream: object, folder: Path, number: int, format: Format | None
) -> tuple[str, str]:
    """Write an open file's content where the loader reads files: its path there, and the
    name findings call it (the stream's own name, or ``<stream 1>``)."""
    if not hasattr(stream, "read"):
        raise DatasetError(
            f"load() reads paths and open files, got {type(stream).__name__}: "
            "wrap text in io.StringIO(text)"
        )
    own = getattr(stream, "name", None)
    shown = own if isinstance(own, str) else f"<stream {number + 1}>"
    fmt = format if format is not None else SUFFIXES.get(Path(shown).suffix.lower())
    if fmt is None:
        raise DatasetError(
            f"cannot tell the format of {shown}: give format= one of {sorted(_READERS)!r}"
        )
    data = stream.read()
    suffix = {"yaml": ".yaml", "json": ".json", "jsonl": ".jsonl", "csv": ".csv"}.get(
        fmt, ".parquet"
    )
    target = folder / f"stream-{number}{suffix}"
    if isinstance(data, str):
        target.write_text(data, encoding="utf-8", newline="")
    elif isinstance(data, bytes | bytearray):
        target.write_bytes(data)
    else:
        raise DatasetError(f"{shown} gave {type(data).__name__}, not text or bytes")
    return str(target), shown


def dataset_files(paths: Iterable[StrPath], exclude: Iterable[StrPath] = ()) -> list[str]:
    """The files :func:`load` reads for ``paths``, in order: directories expanded."""
    return dataset_listing(paths, exclude)[0]


def dataset_listing(
    paths: Iterable[StrPath], exclude: Iterable[StrPath] = ()
) -> tuple[list[str], list[Finding]]:
    """The files :func:`load` reads for ``paths`` (directories expanded), and an
    ``unreadable-file`` error for each entry of a directory that looks like data but is not
    read: a link that leads out of the directory given (it could make a finding echo
    ``/proc/self/environ``), to nothing or round in a loop, a link to a folder outside it,
    and a pipe or a device. Nothing in a folder is left out without a word, but hidden
    files, baselines and other suffixes."""
    skip = {Path(p).resolve() for p in exclude}
    out: list[str] = []
    refused: list[Finding] = []
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            if path.resolve() not in skip:
                out.append(str(given))
            continue
        root = path.resolve()
        found: list[Path] = []
        for f in sorted(path.rglob("*")):
            if any(part.startswith(".") for part in f.relative_to(path).parts):
                continue
            why = _not_read(f, root)
            if why is not None:
                refused.append(
                    Finding(code="unreadable-file", message=why, location=Location(file=str(f)))
                )
            elif (
                f.suffix.lower() in SUFFIXES
                and f.is_file()
                and f.resolve() not in skip
                and not is_baseline_file(f)
            ):
                found.append(f)
        out.extend(str(f) for f in found)
    return out, refused


def _not_read(entry: Path, root: Path) -> str | None:
    """Why a folder's ``entry`` that looks like data is not read, or ``None``."""
    data = entry.suffix.lower() in SUFFIXES
    if not entry.is_symlink():
        if data and entry.exists() and not entry.is_file() and not entry.is_dir():
            return "not a regular file (a pipe or a device): not read"
        return None
    try:
        target = entry.resolve(strict=True)
    except RuntimeError:  # Python before 3.13 raises it for a loop
        return "a link that leads round in a loop: not read" if data else None
    except OSError:
        return "a link to nothing: not read" if data else None
    if target.is_relative_to(root):
        return None  # read where it lies, or (a folder, not followed) when its files are
    if target.is_dir():
        return (
            f"a link to a folder outside {str(root)!r}: not read "
            "(name the folder itself to read it)"
        )
    if not data:
        return None
    return f"a link to a file outside {str(root)!r}: not read (name the file itself to read it)"


def _files(
    paths: Iterable[StrPath], names: Mapping[str, str] | None = None
) -> Iterator[tuple[Path, str]]:
    for given in paths:
        yield Path(given), (names or {}).get(str(given), str(given))


class Loader:
    """The state of one :func:`load`: what was declared where, and what was found."""

    def __init__(self, policy: ValuePolicy) -> None:
        self.policy = policy
        #: CSV header names mapped to claim fields (``load(..., columns=...)``).
        self.columns: Mapping[str, str | None] | None = None
        self.cell = ContextCell(ClaimContext())
        self.converter = make_converter_in(self.cell, policy=policy)
        self.findings: list[tuple[int, int, Finding]] = []  # file order, sequence, finding
        self.file_order: dict[str, int] = {}
        self.declared: dict[str, list[Any]] = {"actors": [], "events": [], "documents": []}
        self.first: dict[tuple[str, str], Location] = {}
        self.actor_names: dict[str, tuple[str, Location]] = {}
        self.measures: dict[str, tuple[str, Location]] = {}
        self.cumulative: dict[str, bool] = {}
        self.claims: list[Claim] = []
        self.locations: dict[str, Location] = {}
        self.records_read = 0
        self.paths: dict[str, str] = {}
        self.value_marks: dict[str, tuple[int | None, int | None]] = {}

    def note(self, finding: Finding) -> None:
        order = self.file_order.get(finding.location.file or "", len(self.file_order))
        self.findings.append((order, len(self.findings), finding))

    # Hooks for other loaders (claimdiff._loader.frames, claimdiff._engine.read): how a file's
    # items are read, what is made ready once declarations are known, how a claim is added.

    def format_of(self, path: Path) -> Format | None:
        """The format ``path`` is read as (from its suffix), ``None`` when unsupported."""
        return SUFFIXES.get(path.suffix.lower())

    def read(self, fmt: Format, path: Path, name: str) -> Iterable[Item]:
        """The items of one file."""
        if fmt == "csv" and self.columns:
            return read_csv(path, name, self.columns)
        return _READERS[fmt](path, name)

    def run(
        self,
        paths: Iterable[StrPath],
        names: Mapping[str, str] | None = None,
        refused: Iterable[Finding] = (),
    ) -> Dataset:
        """Read ``paths``; ``names`` are what findings call some of them (streams);
        ``refused`` are the findings about files a folder held that are not read."""
        later: list[tuple[str, Iterable[Item]]] = []
        for finding in refused:
            self.file_order.setdefault(finding.location.file or "", len(self.file_order))
            self.note(finding)
        for path, name in _files(paths, names):
            self.file_order.setdefault(name, len(self.file_order))
            fmt = self.format_of(path)
            if fmt is None:
                known = ", ".join(SUFFIXES)
                self.note(
                    Finding(
                        code="unreadable-file",
                        message=f"unsupported file type {path.suffix or path.name!r} "
                        f"(expected {known})",
                        location=Location(file=name),
                    )
                )
                continue
            items: Iterable[Item] = self.read(fmt, path, name)
            if fmt in _STREAMED:
                later.append((name, items))
                continue
            claims: list[Record] = []
            for item in items:
                if isinstance(item, Finding):
                    self.note(item)
                elif item.section == "claims":
                    claims.append(item)
                else:
                    self.declare(item, name)
            later.append((name, claims))
        events = tuple(self.declared["events"])
        measures = {name: kind for name, (kind, _) in self.measures.items()}
        self.cell.context = ClaimContext.of(measures, events)
        structure = self.converter.get_structure_hook(Claim)
        actors = tuple(self.declared["actors"])
        for actor_id, code, message in speaks_for_problems(actors):
            where = self.first[("actor", actor_id)]
            self.note(
                Finding(
                    code=code,
                    message=message,
                    severity="warning",
                    location=attrs.evolve(where, field="speaks_for"),
                )
            )
        checks = Checks(actors, events, tuple(self.declared["documents"]))
        for name, items in later:
            for item in items:
                if isinstance(item, Finding):
                    self.note(item)
                    continue
                # A subclass's items may be its own (claimdiff._fastload's lines).
                self.records_read += item.count if isinstance(item, Record) else 1
                self.add_claim(item, name, structure, checks)
        checks.learn(self.claims)
        for claim in self.claims:
            self.note_values(claim, checks)
        findings = [f for _, _, f in sorted(self.findings, key=_finding_order)]
        parts: dict[str, Any] = {  # typed loosely: attrs' converters confuse mypy's plugin
            "claims": self.claims,
            "actors": actors,
            "events": events,
            "documents": self.declared["documents"],
            "measures": measures,
            "cumulative": self.cumulative,
            "findings": findings,
            "locations": self.locations,
            "records_read": self.records_read,
            "policy": self.policy,
        }
        return Dataset(**parts)

    def note_values(self, claim: Claim, checks: Checks) -> None:
        """Note the warnings about the category members of ``claim``, once every claim is in
        (``checks`` has learnt which measures' categories are actors)."""
        location = self.locations[claim.id]
        for code, message, _ in checks.of_value(claim):
            self.note(
                Finding(
                    code=code,
                    message=f"{message} @ {self.paths[claim.id]}.value",
                    severity="warning",
                    location=attrs.evolve(
                        location,
                        line=self.value_marks[claim.id][0],
                        column=self.value_marks[claim.id][1],
                        field="value",
                    ),
                )
            )

    def record_findings(self, record: Record, name: str, error: BaseException) -> None:
        for finding, at in error_findings(error, record.path, _record_id(record.data)):
            line, column = record.where(at)
            where = attrs.evolve(finding.location, file=name, line=line, column=column)
            self.note(attrs.evolve(finding, location=where))

    def duplicate(self, kind: str, key: str, record: Record, name: str) -> bool:
        """Whether ``key`` was declared before; if so, note it."""
        line, column = record.where(("id",))
        here = Location(file=name, line=line, column=column, record=key, field="id")
        first = self.first.setdefault((kind, key), here)
        if first is here:
            return False
        self.note(
            Finding(
                code="duplicate-id",
                message=f"duplicate {kind} id {key!r} (first at {_short(first)}) @ "
                f"{format_path((*record.path, 'id'))}",
                location=here,
            )
        )
        return True

    def declare(self, record: Record, name: str) -> None:
        if record.problem is not None:
            self.note(record.problem)
            return
        if record.section == "measures":
            self.declare_measures(record, name)
            return
        cls = _SECTIONS[record.section]
        try:
            obj: Actor | Event | Document = self.converter.structure(record.data, cls)
        except Exception as error:
            self.record_findings(record, name, error)
            return
        if self.duplicate(record.section[:-1], obj.id, record, name):
            return
        if isinstance(obj, Actor) and not self.actor_names_free(obj, record, name):
            return
        self.declared[record.section].append(obj)

    def actor_names_free(self, actor: Actor, record: Record, name: str) -> bool:
        here = Location(file=name, line=record.line, column=record.column, record=actor.id)
        for actor_name in actor.names():
            other, where = self.actor_names.get(normalize_name(actor_name), (actor.id, here))
            if other != actor.id:
                self.note(
                    Finding(
                        code="duplicate-name",
                        message=f"the name {actor_name!r} is already declared for actor {other!r} "
                        f"(at {_short(where)}) @ {format_path(record.path)}",
                        location=here,
                    )
                )
                return False
        for actor_name in actor.names():
            self.actor_names.setdefault(normalize_name(actor_name), (actor.id, here))
        return True

    def declare_measures(self, record: Record, name: str) -> None:
        try:
            measures, cumulative = structure_measure_declarations(record.data)
        except Exception as error:
            self.record_findings(record, name, error)
            return
        for measure, flag in cumulative.items():
            self.cumulative.setdefault(measure, flag)  # the first declaration wins, as kinds'
        for measure, kind in measures.items():
            line, column = record.where((measure,))
            here = Location(file=name, line=line, column=column, field=f"measures.{measure}")
            first_kind, first = self.measures.setdefault(measure, (kind, here))
            if first_kind != kind:
                self.note(
                    Finding(
                        code="duplicate-id",
                        message=f"measure {measure!r} is declared as {first_kind!r} at "
                        f"{_short(first)} and as {kind!r} here; {first_kind!r} is used",
                        location=here,
                    )
                )

    def add_claim(
        self, record: Record, name: str, structure: Callable[[Any, Any], Any], checks: Checks
    ) -> None:
        if record.problem is not None:
            self.note(record.problem)
            return
        try:
            claim: Claim = structure(record.data, Claim)
        except Exception as error:
            self.record_findings(record, name, error)
            return
        self.accept(claim, record, name, checks.of(claim))

    def accept(
        self,
        claim: Claim,
        record: Record,
        name: str,
        notes: Iterable[tuple[FindingCode, str, FieldPath]],
    ) -> None:
        """Keep ``claim``, read from ``record``, unless its id was taken; ``notes`` are the
        warnings about its names (``Checks.of``), marked where the record has them."""
        if self.duplicate("claim", claim.id, record, name):
            return
        self.claims.append(claim)
        self.locations[claim.id] = Location(
            file=name, line=record.line, column=record.column, record=claim.id
        )
        self.paths[claim.id] = format_path(record.path)
        self.value_marks[claim.id] = record.where(("value",))
        for code, message, path in notes:
            line, column = record.where(path)
            self.note(
                Finding(
                    code=code,
                    message=f"{message} @ {format_path((*record.path, *path))}",
                    severity="warning",
                    location=Location(
                        file=name,
                        line=line,
                        column=column,
                        record=claim.id,
                        field=format_path(path),
                    ),
                )
            )


def error_findings(
    error: BaseException, path: FieldPath, rid: str | None
) -> Iterator[tuple[Finding, FieldPath]]:
    """The findings for a record that could not be structured, without file or line.

    Args:
        error: what structuring the record raised.
        path: the record's own path (``("claims", 3)``), which the messages end with; empty
            where it is not known (the Dask path), the messages then end with the field alone.
        rid: the record's id, when it has one.

    Returns:
        Each finding, with the path inside the record where a reader marks it.
    """
    for sub, exc, type_ in iter_errors(error):
        full = format_path((*path, *sub)) or "claim"
        if isinstance(exc, ForbiddenExtraKeysError):
            for field in sorted(exc.extra_fields, key=str):
                yield (
                    Finding(
                        code="unknown-field",
                        message=f"{unknown_field_message(field, exc.cl)} @ {full}",
                        location=Location(record=rid, field=format_path((*sub, field))),
                    ),
                    (*sub, field, KEY),
                )
            continue
        bad_value = isinstance(exc, ValueParseError)
        code: FindingCode = "invalid-value" if bad_value else "invalid-record"
        yield (
            Finding(
                code=code,
                message=f"{format_exception(exc, type_)} @ {full}",
                location=Location(record=rid, field=format_path(sub) or None),
            ),
            sub,
        )


def _finding_order(entry: tuple[int, int, Finding]) -> tuple[int, int, int, int]:
    order, seq, finding = entry
    return order, finding.location.line or 0, finding.location.column or 0, seq


def _record_id(data: Any) -> str | None:
    rid = data.get("id") if isinstance(data, Mapping) else None
    return rid if isinstance(rid, str) else None


def _short(location: Location) -> str:
    where = location.file or ""
    return f"{where}:{location.line}" if location.line is not None else where


class Checks:
    """Warnings about names that match no declaration (only when there are declarations)."""

    def __init__(
        self,
        actors: tuple[Actor, ...],
        events: tuple[Event, ...],
        documents: tuple[Document, ...],
    ) -> None:
        self.index = ActorIndex.build(actors) if actors else None
        self.actor_names = tuple(n for a in actors for n in a.names())
        self.events = tuple(e.id for e in events)
        self.documents = tuple(d.id for d in documents)
        self.actor_measures: set[str] = set()
        self._hints: dict[tuple[str, str], str] = {}

    def _hint(self, name: str, among: str) -> str:
        """``did_you_mean`` among the actor names, events or documents, remembered: the same
        unknown name comes back on claim after claim."""
        found = self._hints.get((name, among))
        if found is None:
            candidates = {"actors": self.actor_names, "events": self.events}
            found = did_you_mean(name, candidates.get(among, self.documents))
            self._hints[(name, among)] = found
        return found

    def learn(self, claims: Iterable[Claim]) -> None:
        """Note the measures whose category values name declared actors."""
        if self.index is None:
            return
        for claim in claims:
            value = claim.value
            if isinstance(value, Category) and any(self.index.known(m) for m in value.members):
                self.actor_measures.add(claim.measure)

    def of(self, claim: Claim) -> Iterator[tuple[FindingCode, str, tuple[str | int, ...]]]:
        if self.index is not None:
            names: list[tuple[str, tuple[str | int, ...]]] = []
            if claim.claimant is not None:
                names.append((claim.claimant, ("claimant",)))
            if claim.party is not None:
                names.append((claim.party, ("party",)))
            names.extend((r.outlet, ("via", i, "outlet")) for i, r in enumerate(claim.via))
            for actor_name, path in names:
                if not self.index.known(actor_name):
                    hint = self._hint(actor_name, "actors")
                    yield "unknown-actor", f"unknown actor {actor_name!r}{hint}", path
        if self.events and claim.event not in self.events:
            hint = self._hint(claim.event, "events")
            yield "unknown-event", f"unknown event {claim.event!r}{hint}", ("event",)
        if self.documents and claim.document is not None and claim.document not in self.documents:
            hint = self._hint(claim.document, "documents")
            yield "unknown-document", f"unknown document {claim.document!r}{hint}", ("document",)

    def of_value(self, claim: Claim) -> Iterator[tuple[FindingCode, str, tuple[str | int, ...]]]:
        """Category members that name no actor, in measures whose values are actors.

        A measure's categories are taken to be actors when some claim's category names a
        declared actor (``controller: MNLA``); outcome labels such as ``rebel-victory`` then
        do not draw warnings.
        """
        if self.index is None or not isinstance(claim.value, Category):
            return
        if claim.measure not in self.actor_measures:
            return
        for member in sorted(claim.value.members):
            if not self.index.known(member):
                hint = self._hint(member, "actors")
                yield "unknown-actor", f"unknown actor {member!r}{hint}", ("value",)


# -- writing ----------------------------------------------------------------------------------


def dump(
    dataset: Dataset,
    target: StrPath | IO[str],
    format: Format | None = None,
    *,
    policy: ValuePolicy = DEFAULT_POLICY,
) -> None:
    """Write a dataset as YAML, JSON, JSON Lines, CSV or Parquet, deterministically.

    Values, ``as_of`` and events' ``when`` are written as their text when the text reads back
    (under ``policy``) as the very same value, and as a structured mapping otherwise; ``via``
    is written as the chain ``A [ref] > B`` when that loses nothing. Keys come in the model's
    field order (``id`` first), measures sorted, claims in their order. Findings, locations
    and ``records_read`` are not written.

    Args:
        dataset: what to write.
        target: a path (its suffix gives the format unless ``format`` is given) or a text
            stream.
        format: ``yaml``, ``json``, ``jsonl``, ``csv`` or ``parquet`` (to a path only, with
            the ``parquet`` extra installed).
        policy: the policy the file will be read with.

    Raises:
        DatasetError: when the format is unknown, when JSON Lines, CSV or Parquet (which hold
            claims only) is asked for a dataset with actors, events, documents or measures,
            or when Parquet is asked for without pyarrow.
    """
    fmt = format
    if fmt is None and isinstance(target, str | os.PathLike):
        fmt = SUFFIXES.get(Path(target).suffix.lower())
    if fmt not in _READERS:
        raise DatasetError(
            f"cannot tell the format to write: give format= one of {sorted(_READERS)!r}"
            + (f", got {fmt!r}" if fmt is not None else "")
        )
    if fmt in _STREAMED and (
        dataset.actors or dataset.events or dataset.documents or dataset.measures
    ):
        raise DatasetError(
            f"{fmt} files hold claims only; write the actors, events, documents and measures "
            "of this dataset to a YAML or JSON file"
        )
    data = file_data(dataset, policy=policy, text_cells=fmt in ("csv", "parquet"))
    if fmt == "parquet":
        if not isinstance(target, str | os.PathLike):
            raise DatasetError("Parquet is written to a path, not to a text stream")
        write_parquet(data.get("claims", []), Path(target))
        return
    with _open(target) as stream:
        if fmt == "yaml":
            dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
            yaml.dump(
                data,
                stream,
                Dumper=dumper,
                sort_keys=False,
                allow_unicode=True,
                default_flow_style=False,
                width=100,
            )
        elif fmt == "json":
            json.dump(data, stream, ensure_ascii=False, indent=2)
            stream.write("\n")
        elif fmt == "jsonl":
            stream.writelines(json_lines(data.get("claims", [])))
        else:
            write_csv(data.get("claims", []), stream)


@contextlib.contextmanager
def _open(target: StrPath | IO[str]) -> Iterator[IO[str]]:
    if isinstance(target, io.TextIOBase) or not isinstance(target, str | os.PathLike):
        yield target
        return
    with open(target, "w", encoding="utf-8", newline="") as stream:
        yield stream


def file_data(
    dataset: Dataset, *, policy: ValuePolicy = DEFAULT_POLICY, text_cells: bool = False
) -> dict[str, Any]:
    """The dataset as the plain data of a file, values as text where that reads back the same.

    ``text_cells`` (for CSV) keeps values as structured mappings when their text is empty or
    starts with ``{``, which a CSV cell would read differently.
    """
    converter = make_converter(policy=policy, measures=dataset.measures, events=dataset.events)
    data: dict[str, Any] = converter.unstructure(dataset)
    if "events" in data:
        data["events"] = [
            _compact(converter, event, full, ("when",), text_cells)
            for event, full in zip(dataset.events, data["events"], strict=True)
        ]
    if "claims" in data:
        data["claims"] = [
            _compact(converter, claim, full, ("value", "as_of"), text_cells)
            for claim, full in zip(dataset.claims, data["claims"], strict=True)
        ]
    return data


def _compact(
    converter: Any,
    obj: Claim | Event,
    full: dict[str, Any],
    fields: tuple[str, ...],
    text_cells: bool,
) -> dict[str, Any]:
    base = dict(full)
    if isinstance(obj, Claim) and obj.via and (chain := via_text(obj.via)) is not None:
        base["via"] = chain
    texts = {}
    for field in fields:
        value = getattr(obj, field)
        if value is None:
            continue
        text = value.text
        if text_cells and (not text or text.lstrip().startswith("{")):
            continue
        texts[field] = text
    # Try every field as text, then fewer; the first form that reads back the same wins.
    names = list(texts)
    for size in range(len(names), 0, -1):
        for chosen in _combinations(names, size):
            candidate = dict(base)
            candidate.update({f: texts[f] for f in chosen})
            try:
                if converter.structure(candidate, type(obj)) == obj:
                    return candidate
            except Exception:
                continue
    return base


def _combinations(names: list[str], size: int) -> Iterator[tuple[str, ...]]:
    return itertools.combinations(names, size)
