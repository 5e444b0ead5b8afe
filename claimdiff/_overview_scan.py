"""The lane :func:`claimdiff.overview` reads JSON Lines claims on: a few numbers per claim.

The reference path builds a ``Claim``, a ``Location`` and a report ``Entry`` per claim; at a
million claims that alone is over four times the polars floor. Here blocks of JSON lines are
decoded and type-checked by ``msgspec`` (:mod:`claimdiff._overview_rows`), and a line of the
common shape leaves behind only its row number, its origin and its value, in its group.
Everything else is the reference's own work, done by the fast loader this one extends:

* a line that is not of the common shape, or that would draw an error (bad JSON, a repeated
  key, an unknown field, a value that does not parse, an id used before, a category naming
  an unknown actor), is read by :meth:`_FastLoader.add_line`, as ``load_fast`` reads it; the
  group its claim joins is then reconciled claim by claim;
* warnings about unknown names are noted by the loader's own ``note_line``, so findings
  sort exactly as ``load`` sorts them;
* a group is summed up from its rows only when nothing in it can contradict: values of one
  kind, each a single interval, all sharing a point (or one label set, or one truth value).
  Any other group, every contradiction among them, is rebuilt from its lines and reconciled
  by the reconciler itself, which also finds the transpositions among them.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, Final, cast

from ._actors import ActorIndex, MemoIndex
from ._claims import Claim, Relay, is_cumulative
from ._convert import context_year, measure_kind, read_value
from ._cross import cross_contradictions
from ._dates import to_edtf
from ._describe import Context
from ._fastload import (
    _DATED_KINDS,
    SliceJoiner,
    _columns,
    _day,
    _FastLoader,
    _Line,
    _read_lines,
    _relay,
    _UnusualRecordError,
    load_fast,
    name_notes,
    note_columns,
)
from ._findings import Finding, Location
from ._io import Format, StrPath, _Checks, dataset_files
from ._io_files import Item
from ._overview import GroupSummary, Overview
from ._overview_groups import Row, RowSummary, RowValue, row_summary, row_value, summary_of
from ._overview_lines import Block, FirstSeen, RowLines, via_columns
from ._overview_slices import (
    MIN_GROUPS,
    MIN_SLICE,
    Child,
    in_turns,
    later_slices,
    processes,
    shares,
)
from ._policy import ValuePolicy
from ._reconcile import (
    Figures,
    _figures,
    _gc_paused,
    _group_key_of,
    _key_fields,
    _Reconciler,
    _transpositions,
    reconcile,
)
from ._report import Group, GroupKey, Range, summarize
from ._values import DateValue


def scan(
    paths: Sequence[StrPath],
    *,
    policy: ValuePolicy,
    exclude: Iterable[StrPath],
    workers: int | None = None,
) -> Overview:
    """:func:`claimdiff.overview`'s work (see there)."""
    processes(workers)  # a bad count is refused with or without the lane
    rows = _rows()
    if rows is None:
        return Overview.of(reconcile(load_fast(*paths, policy=policy, exclude=exclude)))
    # The claims of the groups built in children stay there: only their figures are sent.
    loader = _ScanLoader(policy, rows, workers, send_claims=False)
    with _gc_paused():
        found = loader.scan(dataset_files(paths, exclude))
        # Its rows go while the collector is off: the first collection after it would walk
        # them all (1.4 s at a million claims) only to find them gone.
        del loader
    return found


def scan_for_check(
    paths: Sequence[StrPath],
    *,
    policy: ValuePolicy,
    exclude: Iterable[StrPath],
    workers: int | None = None,
) -> tuple[Overview, Context, Callable[[str], Location | None]]:
    """The overview of ``paths``, and what ``check`` needs besides: the claims of its detailed
    groups with the actors (to word contradictions), and where each claim was read."""
    processes(workers)
    rows = _rows()
    if rows is None:
        # Without msgspec: the same answers, from the full report.
        dataset = load_fast(*paths, policy=policy, exclude=exclude)
        report = reconcile(dataset)
        return Overview.of(report), Context.of(dataset), dataset.locations.get
    loader = _ScanLoader(policy, rows, workers)
    with _gc_paused():
        found = loader.scan(dataset_files(paths, exclude))
        loader.groups.clear()  # as in scan(): only the ids and lines are needed from here
        loader.rows.last = None
    return found, Context(loader.detail_claims, loader.index), loader.locate


def _rows() -> ModuleType | None:
    """The lane's row types, or ``None`` without msgspec (``claimdiff[fast]``)."""
    try:
        from . import _overview_rows
    except ImportError:
        return None
    return _overview_rows


_Key = tuple[str, str, str, str, str]


class _ScanLoader(_FastLoader):
    """:class:`_FastLoader` with lines of the common shape kept as rows, not claims."""

    def __init__(
        self,
        policy: ValuePolicy,
        rows: ModuleType,
        workers: int | None = None,
        *,
        send_claims: bool = True,
    ) -> None:
        super().__init__(policy)
        self.send_claims = send_claims  # children send the claims of their groups (check)
        # Asked for, so many processes even on a small file; else the cores, on big ones.
        self.processes = processes(workers)
        self.min_slice = MIN_SLICE if workers is None else 0
        self.min_groups = MIN_GROUPS if workers is None else 0
        self.decode_block: Callable[[bytes], list[Any] | None] = rows.decode_block
        self.read_row: Callable[[str], Any] = rows.read_row
        self.decode_row: Callable[[str | bytes], Any] = rows.decode_row
        self.value_mapping: Callable[[Any], dict[str, Any]] = rows.value_mapping
        self.unset: Any = rows.UNSET
        self.rows = RowLines()
        self.row_count = 0
        self.ids: dict[str, int] = {}
        self.first = self.seen = FirstSeen(self.ids, self.rows)  # seen: typed as a FirstSeen
        self.groups: dict[_Key, list[Row]] = defaultdict(list)
        self.asserted: dict[int, RowValue] = {}  # by the id of a shared value
        self.denied: dict[int, RowValue] = {}
        self.values: dict[Any, Any] = {}
        self.kinds: dict[str, str | None] = {}
        self.days: dict[str, bool] = {}
        self.name_notes: dict[Any, list[Any]] = {}
        self.known_outlets: set[str] = set()
        self.relays: dict[Any, Relay] = {}  # by the relay's struct (frozen, hashable)
        self.members: list[tuple[int, str]] = []  # rows whose categories name unknown actors
        self.edtf: dict[int, str] = {}  # the scopes' EDTF, by the id of a shared scope
        self.ranges: dict[Any, Range | None] = {}  # see row_summary
        self.detail_claims: dict[str, Claim] = {}  # the claims of the groups built whole

    def scan(self, files: list[str]) -> Overview:
        """The overview of the dataset ``files`` (as ``dataset_files`` gives them)."""
        dataset = self.run(files)
        return self.overview(dataset.findings, dataset.records_read or 0, dataset.claims)

    def read(self, fmt: Format, path: Path, name: str) -> Iterable[Item]:
        if fmt != "jsonl":
            return super().read(fmt, path, name)

        def take(data: bytes, number: int, index: int, start: int) -> int | None:
            return self.take_block(Block(data, path, name, start, self.row_count), number, index)

        def lines() -> Iterator[Item | _Line]:
            # Forked when the file is reached: the children know all that came before it.
            slices = later_slices(path, shares(self.processes, SLICE_SHARE), self.min_slice)
            children: list[tuple[int, Child]] = []
            try:
                for start, end in slices:
                    work = functools.partial(self.scan_slice, path, name, start, end)
                    children.append((start, Child(work)))
                yield from _read_lines(
                    path,
                    name,
                    take,
                    [(start, self.joiner(child, name)) for start, child in children],
                )
            finally:
                for _, child in children:
                    child.close()

        return lines()  # type: ignore[return-value]

    def prepare(self, checks: _Checks) -> None:
        super().prepare(checks)
        self.checks = checks
        # The index reconcile() builds from the dataset's actors.
        self.index = MemoIndex.of(ActorIndex.build(self.declared["actors"]))
        self.resolve = self.index.resolve
        self.events_declared, self.documents_declared = bool(checks.events), bool(checks.documents)

    def add(
        self, item: Any, name: str, structure: Callable[[Any, Any], Any], checks: _Checks
    ) -> None:
        if isinstance(item, _Line):
            row = self.read_row(item.text)
            if row is not None:
                notes = self.keep(row, self.row_count)
                if notes is not None:
                    self.rows.single[self.row_count] = (item, name)
                    self.row_count += 1
                    if notes:
                        self.note_line(item, name, row.id, notes, via_columns)
                    return
        super().add(item, name, structure, checks)

    def take_block(self, block: Block, number: int, index: int) -> int | None:
        """Keep every line of ``block`` that is of the common shape, and read the others as
        ``load_fast`` does; ``None`` when the block must be read line by line."""
        assert block.data is not None
        rows = self.decode_block(block.data)
        if rows is None:
            return None  # some line must be read on its own: all of them, to tell which
        block.number, block.index = number, index
        self.rows.blocks.append(block)
        self.rows.starts.append(self.row_count)
        self.records_read += len(rows)
        keep, name = self.keep, block.name
        for offset, row in enumerate(rows):
            notes = keep(row, self.row_count + offset)
            if notes is None:
                line = _Line(number + offset + 1, block.text(offset), index + offset)
                structure = self.converter.get_structure_hook(Claim)
                self.add_line(line, name, self.builder, structure, self.checks)
            elif notes:
                line = _Line(number + offset + 1, block.text(offset), index + offset)
                self.note_line(line, name, row.id, notes, via_columns)
        block.scanned()
        self.row_count += len(rows)  # a row number for every line of the block
        return len(rows)

    # -- a slice of a file, in a child process (see _overview_slices) -------------------------

    def scan_slice(self, path: Path, name: str, start: int, end: int) -> Slice:
        """Scan ``path`` from ``start`` towards ``end`` (line starts) as :meth:`take_block`
        does, up to the first block it would read line by line; in a forked child, whose
        rows, blocks and line numbers are the slice's own, to be joined by the parent."""
        found = Slice(start, self.row_count + start)  # above any row number before it
        self.groups, self.members, self.rows = defaultdict(list), found.members, RowLines()
        self.row_count, records = found.first_row, self.records_read

        def take(data: bytes, number: int, index: int, at: int) -> int | None:
            lines = found.lines
            block = Block(data, path, name, at, self.row_count)
            if found.end != at or not self.take_slice_block(block, found):
                return None  # and no block after it: the parent reads on from found.end
            found.end += len(data)
            return found.lines - lines

        def stop(number: int, index: int) -> tuple[int, int]:
            return 0, path.stat().st_size  # the slice ends here: on to the end of the file

        # The first line the reader gives is one of a block not taken: the slice ends there.
        next(iter(_read_lines(path, name, take, [(end, stop)], start=start)), None)
        found.blocks, found.starts = self.rows.blocks, self.rows.starts
        found.groups = dict(self.groups)
        # Every row of the slice in order (a block is taken whole or not at all): the ids
        # are sent as a list, half the pickle of a mapping to their row numbers.
        found.ids = [cid for cid, row in self.ids.items() if row >= found.first_row]
        assert len(found.ids) == self.row_count - found.first_row
        found.measures = set(self.checks.actor_measures)
        found.records, found.row_count = self.records_read - records, self.row_count
        return found

    def take_slice_block(self, block: Block, found: Slice) -> bool:
        """:meth:`take_block` in a child: the warnings are kept for the parent to note, and
        a block with a line the reference path must read is left whole to the parent."""
        assert block.data is not None
        rows = self.decode_block(block.data)
        if rows is None:
            return False
        first, keep = self.row_count, self.keep
        members, measures, notes = len(found.members), set(self.checks.actor_measures), []
        for offset, row in enumerate(rows):
            noted = keep(row, first + offset)
            if noted is None:
                # Undo the block's rows: the parent reads the block and all after it.
                for kept in rows[:offset]:
                    del self.ids[kept.id]
                for key, group in list(self.groups.items()):
                    while group and group[-1][0] >= first:
                        group.pop()
                    if not group:
                        del self.groups[key]
                del found.members[members:]
                self.checks.actor_measures.clear()
                self.checks.actor_measures.update(measures)
                return False
            if noted:
                where = note_columns(block.text(offset), noted, via_columns)
                notes.append((found.lines + offset, row.id, noted, where))
        block.number = block.index = found.lines
        self.rows.blocks.append(block)
        self.rows.starts.append(first)
        block.scanned()
        found.notes.extend(notes)
        found.lines += len(rows)
        self.records_read += len(rows)
        self.row_count += len(rows)
        return True

    def joiner(self, child: Child, name: str) -> SliceJoiner:
        """Join what ``child`` found, in place of reading its slice, if it can be joined."""

        def join(number: int, index: int) -> tuple[int, int] | None:
            found: Slice | None = child.result()
            if found is None or not found.lines:
                return None
            ids = found.ids
            if not self.ids.keys().isdisjoint(ids) or (
                self.locations and not self.locations.keys().isdisjoint(ids)
            ):
                return None  # an id also read before the slice: the reference path tells
            for block in found.blocks:
                block.number += number
                block.index += index
            self.rows.blocks.extend(found.blocks)
            self.rows.starts.extend(found.starts)
            self.ids.update(zip(ids, range(found.first_row, found.row_count), strict=True))
            groups = self.groups
            for key, rows in found.groups.items():
                groups[key].extend(rows)
            self.members.extend(found.members)
            self.checks.actor_measures.update(found.measures)
            self.records_read += found.records
            self.row_count = max(self.row_count, found.row_count)
            for offset, claim_id, notes, where in found.notes:
                self.note_at(number + offset + 1, index + offset, name, claim_id, notes, where)
            return found.lines, found.end

        return join

    def keep(self, row: Any, number: int) -> list[Any] | None:
        """Keep ``row`` as row ``number`` of its group, and return the warnings about its
        names; ``None`` if the reference path must read its line."""
        unset = self.unset
        via = row.via
        if via is unset:
            via = ()
        elif type(via) is str:
            via = self.chain(via)
            if via is None:
                return None
        else:
            for relay in via:
                if type(relay) is str:  # a relay given by name: read the list as the builder
                    via = self.chain(via)
                    if via is None:
                        return None
                    break
                published = relay.published
                if type(published) is str and not self.day(published):
                    return None
        scope, scope_key = None, ""
        as_of = row.as_of
        if as_of is not unset and as_of is not None:
            scope = self.scope(row, as_of, via)
            if scope is None:
                return None
            known = self.edtf.get(id(scope))
            if known is None:
                known = self.edtf[id(scope)] = to_edtf(scope)
            scope_key = known
        raw = row.value
        if type(raw) in _TEXT:
            value = self.text_value(row, via, scope)
        else:
            value = self.values.get(raw, _MISSING)
            if value is _MISSING:
                value = self.struct_value(row)
        if value is None:
            return None
        if row.stance is unset or row.stance == "asserts":
            info = self.asserted.get(id(value))
            if info is None:
                info = self.asserted[id(value)] = row_value(value, True, self.index, self.checks)
        else:
            info = self.denied.get(id(value))
            if info is None:
                info = self.denied[id(value)] = row_value(value, False, self.index, self.checks)
        stated = row.stated
        if type(stated) is str and not self.day(stated):
            return None
        outlets: tuple[str, ...] = tuple([r.outlet for r in via]) if via else ()
        cid, ids = row.id, self.ids
        if ids.setdefault(cid, number) != number:
            return None  # the id of a kept row: the reference path reports the duplicate
        if self.locations and cid in self.locations:
            del ids[cid]
            return None  # the id of a claim read by the reference path
        event, measure = row.event, row.measure
        if info.learn:
            self.checks.actor_measures.add(measure)
        party, place, claimant, document = row.party, row.place, row.claimant, row.document
        if party is unset:
            party = None
        if place is unset:
            place = None
        if claimant is unset:
            claimant = None
        if document is unset:
            document = None
        if not outlets or self.known_outlets.issuperset(outlets):
            # Events and documents count only where some are declared (see _Checks.of).
            names = (
                claimant,
                party,
                event if self.events_declared else None,
                document if self.documents_declared else None,
            )
            notes = self.name_notes.get(names)
            if notes is None:
                notes = self.notes_of(event, claimant, party, outlets, document)
        else:
            notes = self.notes_of(event, claimant, party, outlets, document)
        resolve = self.resolve
        if claimant:
            origin = self.index.origin(claimant)  # through speaks_for, as origin_of
        elif outlets:
            origin = self.index.origin(outlets[0])
        elif document:
            origin = f"document:{document}"
        else:
            origin = f"claim:{cid}"
        key = (
            event,
            measure,
            resolve(party) if party else "",
            resolve(place) if place else "",
            scope_key,
        )
        self.groups[key].append((number, origin, info))
        if info.unknown:
            self.members.append((number, measure))  # see before_values
        return notes

    def before_values(self, checks: _Checks) -> None:
        """Warn about the unknown members of the rows' categories, as the loader does for its
        claims, where the measure's categories turn out to be actors."""
        checks.learn(self.claims)
        rows = [number for number, measure in self.members if measure in checks.actor_measures]
        lines = self.rows.fetch(rows)
        for number in rows:
            line = self.rows.line(number, lines[number])
            claim = self.rebuild(lines[number])
            name, _ = self.rows.where(number)
            self.locations[claim.id] = Location(
                file=name, line=line.number, column=1, record=claim.id
            )
            self.paths[claim.id] = f"claims[{line.index}]"
            self.value_marks[claim.id] = (line.number, _columns(line.text).get(("value",), 1))
            self.note_values(claim, checks)
            for kept in (self.locations, self.paths, self.value_marks):
                del kept[claim.id]  # not a claim of the dataset: its rows stay rows

    def notes_of(
        self,
        event: str,
        claimant: str | None,
        party: str | None,
        outlets: tuple[str, ...],
        document: str | None,
    ) -> list[Any]:
        """``name_notes``, remembered by the few names that matter when every outlet is
        known (the common case: relay chains are too many to remember one by one)."""
        checks = self.checks
        if outlets and not self.known_outlets.issuperset(outlets):
            index = checks.index
            self.known_outlets.update(o for o in outlets if index is None or index.known(o))
            if not self.known_outlets.issuperset(outlets):
                return name_notes(
                    checks, self.notes_memo, event, claimant, party, outlets, document
                )
        names = (
            claimant,
            party,
            event if self.events_declared else None,
            document if self.documents_declared else None,
        )
        notes = self.name_notes[names] = name_notes(
            checks, self.notes_memo, event, claimant, party, (), document
        )
        return notes

    def chain(self, raw: Any) -> tuple[Relay, ...] | None:
        """The relays of a chain given as text, or of a list naming some relays, as the fast
        builder reads them; ``None`` if the chain draws an error."""
        try:
            return self.builder.via(raw if type(raw) is str else [self.relay_raw(r) for r in raw])
        except _UnusualRecordError:
            return None

    def relay_raw(self, raw: Any) -> Any:
        """A relay as the builder takes it: a name as it is, a struct as its mapping."""
        return raw if type(raw) is str else self.value_mapping(raw)

    def day(self, text: str) -> bool:
        """Whether ``text`` is a day the builder reads."""
        found = self.days.get(text)
        if found is None:
            try:
                _day(text)
                found = True
            except _UnusualRecordError:
                found = False
            self.days[text] = found
        return found

    def struct_value(self, row: Any, raw: Any = None) -> Any:
        """The row's value (or ``raw``) given as a mapping, as the fast builder reads it (and
        remembers it); ``None`` if it draws an error."""
        if raw is None:
            raw = row.value
        try:
            found = self.builder.value(self.value_mapping(raw), {}, row.measure)
        except (_UnusualRecordError, ValueError):
            found = None
        self.values[raw] = found
        return found

    def scope(self, row: Any, raw: Any, via: Sequence[Any]) -> DateValue | None:
        """The row's ``as_of``, as the fast builder reads it (shared); ``None`` if it draws
        an error, or if the builder leaves it to the reference path (a mapping without its
        ``kind``)."""
        if type(raw) is str:
            return self.builder.date_text(raw, self.year(row, via))
        if raw.kind is self.unset:
            return None
        found = self.values.get(raw, _MISSING)  # a date mapping, read as values are
        if found is _MISSING:
            found = self.struct_value(row, raw)
        return cast(DateValue | None, found)

    def year(self, row: Any, via: Sequence[Any], scope: DateValue | None = None) -> int | None:
        """The year the row's dates without one fall in: the converter's own
        ``context_year``, on the few fields it reads (the scope, the event, the day stated,
        the first relay's day of publication)."""
        unset = self.unset
        data: dict[str, Any] = {"event": row.event}
        if row.stated is not unset:
            data["stated"] = row.stated
        if via:
            published = via[0].published
            data["via"] = [{"published": None if published is unset else published}]
        return context_year(data, scope, self.builder.ctx)

    def text_value(self, row: Any, via: Sequence[Any], scope: DateValue | None = None) -> Any:
        """The row's value given as text (or as a JSON number, read as its text), as the
        fast builder reads it (shared); ``None`` if it draws an error."""
        raw = row.value
        if type(raw) is not str:
            raw = str(raw)
        measure = row.measure
        kind = self.kinds.get(measure, _MISSING)
        if kind is _MISSING:
            kind = self.kinds[measure] = measure_kind(measure, self.builder.ctx.measures)
        year = self.year(row, via, scope) if kind in _DATED_KINDS else None
        key = (raw, kind, year)
        parsed = self.builder.texts.get(key)
        if parsed is None:
            parsed = self.builder.texts[key] = read_value(raw, kind, year, self.policy)
        return None if parsed.error is not None else parsed.value

    # -- after the last line ----------------------------------------------------------------

    def overview(
        self, findings: Sequence[Finding], records_read: int, claims: Sequence[Claim]
    ) -> Overview:
        """Sum up the groups of rows; reconcile the others claim by claim."""
        index = self.index
        held: dict[_Key, list[Claim]] = defaultdict(list)
        for claim in claims:  # read by the reference path: their groups are built whole
            held[_key_fields(claim, index)].append(claim)
        rows = self.groups
        # In the order first met, close to sorted in a file written event by event: sorting
        # that takes a tenth of the time a set's order would.
        keys = sorted([*rows, *(key for key in held if key not in rows)])
        sizes = [len(rows.get(k, ())) + len(held.get(k, ())) for k in keys]
        count = self.processes
        if self.min_groups:  # not asked for: a process for so many claims at least
            count = max(1, min(count, sum(sizes) // self.min_groups))
        # Runs of keys of about as many claims, taken in turn by this process and children.
        parts = _runs(keys, sizes, count * RUNS_PER_PROCESS if count > 1 else 1)
        send_claims = self.send_claims

        def sum_up(i: int, in_child: bool) -> Built:
            found = self.sum_up(parts[i], held, claims=send_claims or not in_child)
            return found if in_child else found.finish(parts[i])

        # A child's summaries are plain tuples (cheap to send), made objects here as each
        # run comes in, in this process's turn rather than after the last.
        done: list[Built] = in_turns(
            len(parts), sum_up, count - 1, received=lambda i, found: found.finish(parts[i])
        )
        details: list[Group] = []
        summaries: list[GroupSummary] = []
        by_id = self.detail_claims
        figures: dict[GroupKey, Figures] = {}
        for built in done:
            details.extend(built.groups)
            summaries.extend(built.made)
            by_id.update(built.claims)
            figures.update(built.figures)
        verdicts: Counter[str] = Counter(s.verdict for s in summaries)
        quantity_keys = [s.key for s in summaries if s.kind == "quantity"]
        counted = len(claims) + sum(len(group_rows) for group_rows in rows.values())
        with _gc_paused():
            transpositions = tuple(
                _transpositions(details, by_id, index, order=quantity_keys, figures=figures)
            )
        all_findings = (*findings, *(f for built in done for f in built.findings))
        return Overview(
            summary=summarize(
                verdicts,
                len(transpositions),
                all_findings,
                claims=counted,
                rejected=records_read - counted,
            ),
            groups=tuple(summaries),
            details=tuple(details),
            transpositions=transpositions,
            findings=all_findings,
            cross=tuple(cross_contradictions(summaries)),
        )

    def sum_up(
        self, keys: Sequence[_Key], held: dict[_Key, list[Claim]], *, claims: bool = True
    ) -> Built:
        """The groups of ``keys``: each summed up from its rows when nothing in it can
        contradict, else built whole by the reconciler (with its claims, or only their
        figures)."""
        rows, ranges = self.groups, self.ranges
        declared = self.cumulative

        def revisable(group_rows: list[Row], measure: str) -> bool:
            # An origin giving two figures of a running tally may have revised it: the
            # reconciler orders them by the day stated (the rows keep no days). One figure
            # said twice revises nothing the summary shows.
            if len(group_rows) < 2 or not is_cumulative(measure, declared):
                return False
            first: dict[str, RowValue] = {}
            return any(first.setdefault(origin, info) is not info for _, origin, info in group_rows)

        found = Built(
            [
                None
                if key in held or revisable(rows[key], key[1])
                else row_summary(rows[key], ranges)
                for key in keys
            ]
        )
        whole = [key for key, summary in zip(keys, found.summaries, strict=True) if not summary]
        # Their rows' lines are read again, each block of the file once.
        lines = self.rows.fetch(r[0] for k in whole for r in rows.get(k, ()))
        worker = _Reconciler(self.index, lambda measure: is_cumulative(measure, declared))
        found.findings = worker.findings
        with _gc_paused():
            for key in whole:
                members = [*held.get(key, ())]
                members.extend(self.rebuild(lines.pop(r[0])) for r in rows.get(key, ()))
                group = worker.group(_group_key_of(key), members)
                found.groups.append(group)
                if claims:
                    found.claims.update((c.id, c) for c in members)
                elif group.kind == "quantity":
                    found.figures[group.key] = _figures(group, {c.id: c for c in members})
        return found

    def locate(self, claim_id: str) -> Location | None:
        """Where the claim ``claim_id`` was read, as ``load`` gives it."""
        found = self.locations.get(claim_id)
        return found if found is not None else self.seen.row_location(claim_id)

    def rebuild(self, line: str | bytes) -> Claim:
        """The claim on the line of a scanned row, as the fast builder builds it."""
        row = self.decode_row(line)
        unset = self.unset
        via = row.via
        if via is unset:
            via = ()
        relays: tuple[Relay, ...]
        if type(via) is str or any(type(r) is str for r in via):
            relays = via = self.builder.via(  # a chain or relays by name, read in keep
                via if type(via) is str else [self.relay_raw(r) for r in via]
            )
        else:
            relays = tuple([self.relay(r) for r in via]) if via else ()
        raw = row.value
        as_of = row.as_of
        scope = None if as_of is unset or as_of is None else self.scope(row, as_of, via)
        # Absent keys and nulls take Claim's defaults (None for the optional names).
        party, place, claimant, document = row.party, row.place, row.claimant, row.document
        quote, notes, stance, stated = row.quote, row.notes, row.stance, row.stated
        if type(raw) in _TEXT:
            value = self.text_value(row, via, scope)
        else:
            value = self.values.get(raw, _MISSING)
            if value is _MISSING:  # a row kept in another process
                value = self.struct_value(row)
        return Claim(
            id=row.id,
            event=row.event,
            measure=row.measure,
            value=value,
            party=None if party is unset else party,
            place=None if place is unset else place,
            as_of=scope,
            claimant=None if claimant is unset else claimant,
            stated=_day(stated) if type(stated) is str else None,
            via=relays,  # type: ignore[arg-type]  # mypy reads the tuple converter as generic
            quote="" if quote is unset else quote,
            document=None if document is unset else document,
            stance="asserts" if stance is unset else stance,
            notes="" if notes is unset else notes,
        )

    def relay(self, raw: Any) -> Relay:
        """A relay as the fast builder builds it, one per distinct relay (they are frozen)."""
        found = self.relays.get(raw)
        if found is None:
            found = self.relays[raw] = _relay(self.value_mapping(raw))
        return found


_MISSING: Final[Any] = object()
#: The types of values read as text: text, and figures written as JSON numbers.
_TEXT: Final = (str, int, float)


class Slice:
    """What a child found in its slice of a file (:meth:`_ScanLoader.scan_slice`): rows
    numbered from ``first_row`` and lines counted from the slice's start, up to ``end``."""

    def __init__(self, start: int, first_row: int) -> None:
        self.end, self.first_row, self.row_count = start, first_row, first_row
        self.lines = self.records = 0
        self.blocks: list[Block] = []
        self.starts: list[int] = []
        self.groups: dict[_Key, list[Row]] = {}
        self.ids: list[str] = []  # of the rows from first_row on, in order
        self.members: list[tuple[int, str]] = []
        self.measures: set[str] = set()
        # Warnings, for the parent to note: by line (from the slice's start), with columns.
        self.notes: list[tuple[int, str, list[Any], dict[Any, int]]] = []


def _runs(keys: list[_Key], sizes: list[int], count: int) -> list[list[_Key]]:
    """``keys`` cut into ``count`` runs (or fewer) of about as many claims."""
    total = sum(sizes)
    runs: list[list[_Key]] = []
    run: list[_Key] = []
    done = 0
    for key, size in zip(keys, sizes, strict=True):
        if run and done >= total * (len(runs) + 1) / count:
            runs.append(run)
            run = []
        run.append(key)
        done += size
    runs.append(run)
    return runs


#: Runs of groups per process: whoever is free takes the next, so the processes end within
#: about a run of each other (a run of a million claims on two cores: a third of a second).
RUNS_PER_PROCESS: Final = 16
#: A child's share of a file scanned, against this process's 1. A child sends what it found,
#: which this process waits for: pickling the rows of half a million claims takes about a
#: tenth of scanning them (measured at a million claims, docs/performance.md).
SLICE_SHARE: Final = 0.9


class Built:
    """A run of groups summed up (:meth:`_ScanLoader.sum_up`): each group's summary, or
    ``None`` for the groups built whole, in key order; those groups with what the rest of the
    overview needs of them: their claims, or (from a child, for ``overview`` alone) only their
    figures for the transpositions; and what the reconciler found in them."""

    def __init__(self, summaries: list[RowSummary | None]) -> None:
        self.summaries = summaries
        self.groups: list[Group] = []
        self.claims: dict[str, Claim] = {}
        self.figures: dict[GroupKey, Figures] = {}
        self.findings: list[Finding] = []
        self.made: list[GroupSummary] = []  # see finish

    def finish(self, keys: Sequence[_Key]) -> Built:
        """Make every summary of the run of ``keys`` a :class:`GroupSummary`."""
        groups = iter(self.groups)
        self.made = [
            GroupSummary.of(next(groups))
            if found is None
            else summary_of(_group_key_of(key), found)
            for key, found in zip(keys, self.summaries, strict=True)
        ]
        return self
