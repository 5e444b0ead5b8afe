"""Where ``overview``'s scanned rows come from: their lines, read again only when needed.

A row keeps a number; :class:`RowLines` maps it back to its file, line and text, keeping for
a block of lines only where it is in its file, so that a million rows do not hold the file in
memory. :class:`FirstSeen` lets the reference loader see the rows' ids as claims it has read.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from ._convert import Path as FieldPath
from ._fastload import _Line
from ._findings import Location

__all__ = ["Block", "FirstSeen", "RowLines", "via_columns"]


class Block:
    """Lines taken as a block: where they are in their file, to read them again if needed.

    The bytes are kept only while the block is scanned; a million lines would otherwise
    hold the whole file in memory to the end.
    """

    __slots__ = ("data", "first_row", "index", "lines", "name", "number", "path", "size", "start")

    def __init__(self, data: bytes, path: Path, name: str, start: int, first_row: int) -> None:
        self.data: bytes | None = data
        self.path, self.name, self.start, self.size = path, name, start, len(data)
        self.first_row = first_row
        self.number = self.index = 0  # lines and claim lines before it
        self.lines: list[bytes] | None = None

    def text(self, offset: int) -> str:
        """Line ``offset`` of the block being scanned, as ``_read_lines`` gives it."""
        if self.lines is None:
            assert self.data is not None
            self.lines = self.data.split(b"\n")
        end = "\n" if offset < len(self.lines) - 1 else ""  # the file's last line may lack it
        return self.lines[offset].decode("utf-8") + end

    def scanned(self) -> None:
        self.data = self.lines = None

    def read(self) -> list[bytes]:
        """The block's lines, read again from its file."""
        with self.path.open("rb") as stream:
            stream.seek(self.start)
            return stream.read(self.size).split(b"\n")


class RowLines:
    """Row number to line: the lines of blocks, and lines scanned one by one."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.starts: list[int] = []
        self.single: dict[int, tuple[_Line, str]] = {}
        # The last block read again, and its lines: runs of groups are summed up in key order,
        # close to the order of the file, and the next run mostly reads the same block.
        self.last: tuple[Block, list[bytes]] | None = None

    def block(self, row: int) -> Block:
        return self.blocks[bisect.bisect_right(self.starts, row) - 1]

    def where(self, row: int) -> tuple[str, int]:
        """The file and line number of ``row``."""
        found = self.single.get(row)
        if found is not None:
            return found[1], found[0].number
        block = self.block(row)
        return block.name, block.number + row - block.first_row + 1

    def fetch(self, rows: Iterable[int]) -> dict[int, str | bytes]:
        """The lines of ``rows`` as text or bytes, each block read once."""
        out: dict[int, str | bytes] = {}
        wanted: dict[int, list[int]] = defaultdict(list)
        for row in rows:
            found = self.single.get(row)
            if found is not None:
                out[row] = found[0].text
            else:
                wanted[bisect.bisect_right(self.starts, row) - 1].append(row)
        for i, block_rows in wanted.items():
            block = self.blocks[i]
            if self.last is not None and self.last[0] is block:
                lines = self.last[1]
            else:
                lines = block.read()
                self.last = block, lines
            for row in block_rows:
                out[row] = lines[row - block.first_row]
        return out

    def line(self, row: int, raw: str | bytes) -> _Line:
        """The :class:`_Line` of ``row``, whose text or bytes :meth:`fetch` gave."""
        found = self.single.get(row)
        if found is not None:
            return found[0]
        block = self.block(row)
        offset = row - block.first_row
        assert isinstance(raw, bytes)
        # The file's last line may lack its newline; the column of its value is the same.
        return _Line(block.number + offset + 1, raw.decode("utf-8") + "\n", block.index + offset)


class FirstSeen(dict[tuple[str, str], Location]):
    """The loader's ids seen so far, with the scanned rows' ids looked up where they are kept.

    The reference loader keeps a location per claim id to report a later duplicate; the
    scanned rows keep only their row number, and their location is made when asked for.
    """

    def __init__(self, ids: dict[str, int], rows: RowLines) -> None:
        super().__init__()
        self.ids, self.rows = ids, rows

    def _row(self, key: object) -> Location | None:
        if not (isinstance(key, tuple) and len(key) == 2 and key[0] == "claim"):
            return None
        return self.row_location(key[1])

    def row_location(self, claim_id: str) -> Location | None:
        """Where the scanned row of ``claim_id`` is, as ``load`` locates a claim."""
        row = self.ids.get(claim_id)
        if row is None:
            return None
        name, number = self.rows.where(row)
        return Location(file=name, line=number, column=1, record=claim_id)

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or self._row(key) is not None

    def __getitem__(self, key: tuple[str, str]) -> Location:
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        found = self._row(key)
        if found is None:
            raise KeyError(key)
        return found

    def setdefault(self, key: tuple[str, str], default: Location) -> Location:
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        found = self._row(key)
        if found is not None:
            return found
        dict.__setitem__(self, key, default)
        return default


#: The structural tokens of a line, and its strings (escaped quotes and backslashes within).
_VIA_TOKEN: Final = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],]')
#: The key of the relays: a string followed by a colon is a key, and only claims have "via".
_VIA_KEY: Final = re.compile(r'"via"\s*:')


def via_columns(text: str) -> dict[FieldPath, int]:
    """``_fastload._columns`` for the relays of a scanned line (``via`` once, and not written
    with escapes: an escaped ASCII character never reaches here)."""
    out: dict[FieldPath, int] = {}
    found = _VIA_KEY.search(text)
    if found is None:
        return out
    depth, relay = 0, 0
    for match in _VIA_TOKEN.finditer(text, found.end()):
        token = match.group()
        if depth == 0 and token[0] == '"':
            return out  # a chain given as text: no relay has a mapping to point at
        if token == ",":
            if depth == 1:
                relay += 1  # relays given by name count, though only mappings are marked
        elif token in "{[":
            depth += 1
            if token == "{" and depth == 2:
                out[("via", relay)] = match.start() + 1
        elif token in "}]":
            depth -= 1
            if depth == 0:
                break
    return out
