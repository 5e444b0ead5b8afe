"""``overview`` on several processes: slices of a file scanned by forked children, groups
summed up in runs taken in turn; the answers are those of one process, and whatever a child
does not deliver the parent does itself."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import claimdiff._fastload as fastload
import claimdiff._overview_scan as scan
import claimdiff._overview_slices as slices
from claimdiff import Overview, overview
from claimdiff._overview_slices import Child, in_turns, later_slices, processes
from tests.test_overview import _assert_answers_alike

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform == "darwin", reason="forks children"
)

ACTORS = {
    "actors": [
        {"id": "fama", "name": "Malian army", "aliases": ["FAMa"], "side": "government"},
        {"id": "mnla", "name": "MNLA", "side": "rebels"},
    ]
}


def _claim(i: int, **fields: Any) -> str:
    """Claim ``i``: three figures for each of a few events, by several origins, now and then
    from an outlet nobody declared (a warning) and now and then contradicting."""
    record = {
        "id": f"c{i}",
        "event": f"e{i // 6}",
        "measure": "killed",
        "party": "FAMa",
        "value": str(40 + (i % 3 if i % 5 else 30)),
        "claimant": ["MNLA", "FAMa", "RFI"][i % 3],
        "via": [{"outlet": "Radio Kidal" if i % 7 == 0 else "RFI"}],
    }
    record.update(fields)
    return json.dumps(record)


@pytest.fixture
def lane() -> None:
    """Skip where msgspec, which overview's lane needs, is not installed: without it the
    overview is made from the full report, in one process."""
    pytest.importorskip("msgspec")


@pytest.fixture
def dataset(lane: None, tmp_path: Path) -> list[Path]:
    actors = tmp_path / "actors.json"
    actors.write_text(json.dumps(ACTORS), encoding="utf-8")
    claims = tmp_path / "claims.jsonl"
    claims.write_text("".join(_claim(i) + "\n" for i in range(600)), encoding="utf-8")
    return [actors, claims]


@pytest.fixture
def delivered(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each child delivered its value, in the order they were asked for."""
    out: list[bool] = []
    result = Child.result

    def spy(self: Child) -> Any:
        found = result(self)
        out.append(found is not None)
        return found

    monkeypatch.setattr(Child, "result", spy)
    return out


@pytest.fixture
def turns(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many runs of groups children delivered, for each time runs were shared out."""
    out: list[int] = []

    def spy(count: int, work: Any, children: int, *, received: Any) -> list[Any]:
        def traced(i: int, in_child: bool) -> tuple[int, Any]:
            return os.getpid(), work(i, in_child)

        def passed(i: int, found: tuple[int, Any]) -> tuple[int, Any]:
            return found[0], received(i, found[1])

        done = in_turns(count, traced, children, received=passed)
        out.append(sum(pid != os.getpid() for pid, _ in done))
        return [found for _, found in done]

    monkeypatch.setattr(scan, "in_turns", spy)
    return out


def _alike(actual: Overview, expected: Overview) -> None:
    assert actual == expected
    assert actual.findings == expected.findings  # with their lines and columns


def test_children_deliver_and_the_answers_stay(
    dataset: list[Path], delivered: list[bool], turns: list[int]
) -> None:
    """With two processes a child scans the second half of the file and another sums up
    runs of groups; both deliver, and the overview is the report's."""
    actual = _assert_answers_alike(*dataset, workers=2)
    assert delivered == [True]
    [from_child] = turns
    assert from_child > 0
    assert actual.summary.warnings > 0  # warnings noted in the child's slice, placed here
    assert actual.summary.contradictions > 0


def test_many_processes(dataset: list[Path], delivered: list[bool], turns: list[int]) -> None:
    _alike(overview(*dataset, workers=5), overview(*dataset, workers=1))
    assert delivered == [True] * 4  # four slices
    assert turns[0] > 0  # runs of groups from children
    assert turns[1] == 0  # one process


def test_children_that_fail_leave_the_work_here(
    dataset: list[Path], delivered: list[bool], turns: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A child that cannot send what it found (here: pickling fails) exits with an error;
    the parent does its work itself, with the same answers."""

    def fail(*args: Any, **kwargs: Any) -> bytes:
        raise RuntimeError("no pickling here")

    monkeypatch.setattr(slices, "dumps", fail)
    _alike(overview(*dataset, workers=3), overview(*dataset, workers=1))
    assert delivered == [False] * 2
    assert turns == [0, 0]  # and every run of groups was summed up here


def test_no_fork_no_children(
    dataset: list[Path], delivered: list[bool], turns: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fork that fails (too many processes, too little memory) leaves the work here."""

    def fork() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(slices.os, "fork", fork)
    _alike(overview(*dataset, workers=2), overview(*dataset, workers=1))
    assert delivered == [False]
    assert turns == [0, 0]


def test_an_id_read_before_the_slice(tmp_path: Path, dataset: list[Path]) -> None:
    """An id of the first half used again in the second: the child cannot know, so its
    slice is read here, and the duplicate is reported as load reports it."""
    lines = dataset[1].read_text(encoding="utf-8").splitlines()
    lines[500] = _claim(500, id="c3")
    dataset[1].write_text("\n".join(lines) + "\n", encoding="utf-8")
    actual = _assert_answers_alike(*dataset, workers=2)
    assert any(f.code == "duplicate-id" for f in actual.findings)


#: Lines a child cannot take: one its decoder refuses, and two it decodes but leaves to the
#: reference path, so that it must undo the rows before them in their block.
ODD = {
    "bad JSON": lambda at, line: line[:-1],
    "a value that does not parse": lambda at, line: _claim(at, value="forty or so?"),
    "an id used before in the slice": lambda at, line: _claim(at, id=f"c{at - 1}"),
    # Blocks of nothing but blank lines, which the reader skips: the block after them is not
    # the child's either.
    "blank lines": lambda at, line: "\n" * 10_000 + line,
}


@pytest.mark.parametrize("odd", ODD)
@pytest.mark.parametrize("at", [301, 450, 599])
def test_a_child_stops_at_an_odd_line(
    dataset: list[Path], at: int, odd: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A child takes its slice only up to the first block it cannot take whole; the parent
    reads on from there."""
    monkeypatch.setattr(fastload, "_BLOCK", 4096)  # many blocks to a slice
    lines = dataset[1].read_text(encoding="utf-8").splitlines()
    lines[at] = ODD[odd](at, lines[at])
    dataset[1].write_text("\n".join(lines) + "\n", encoding="utf-8")
    joins: list[tuple[int, int]] = []  # lines before the slice, lines the child took
    joiner = scan._ScanLoader.joiner

    def spy(self: Any, child: Child, name: str) -> Any:
        join = joiner(self, child, name)

        def counted(number: int, index: int) -> Any:
            found = join(number, index)
            joins.append((number, 0 if found is None else found[0]))
            return found

        return counted

    monkeypatch.setattr(scan._ScanLoader, "joiner", spy)
    actual = _assert_answers_alike(*dataset, workers=2)
    assert actual.summary.errors == (odd != "blank lines")
    [(before, taken)] = joins  # lines before the slice, lines the child took
    total = dataset[1].read_bytes().count(b"\n")
    odd_lines = total - 599  # 1 odd line, or the blank ones
    if at + odd_lines <= before:
        assert taken == total - before  # the odd lines were the parent's: the whole slice
    else:
        assert taken <= max(at - before, 0) < total - before  # up to the odd lines' block


def _slice_of(path: Path, actors: Path, start: int = 0) -> scan.Slice:
    """What a child finds from ``start`` to the end of ``path`` (scanned here)."""
    from claimdiff import DEFAULT_POLICY
    from claimdiff import _overview_rows as rows
    from claimdiff._io import dataset_files

    loader = scan._ScanLoader(DEFAULT_POLICY, rows, 1)
    loader.run(dataset_files([actors]))  # what the loader knows before the claims
    return loader.scan_slice(path, path.name, start, path.stat().st_size)


def _plain(found: scan.Slice) -> dict[str, Any]:
    """A slice's findings without the identity of its values."""
    out = {k: v for k, v in vars(found).items() if k not in ("groups", "blocks", "end")}
    out["groups"] = {
        key: [(n, origin, info.shape, info.low, info.high, info.labels) for n, origin, info in rs]
        for key, rs in found.groups.items()
    }
    out["blocks"] = [(b.start, b.size, b.first_row, b.number) for b in found.blocks]
    return out


@pytest.mark.parametrize("odd", ODD)
def test_a_child_undoes_the_block_it_stops_in(
    tmp_path: Path, dataset: list[Path], odd: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a child sends when it stops in a block is what it finds in the lines before that
    block: none of the block's rows, ids, category members or measures learned stay."""
    monkeypatch.setattr(fastload, "_BLOCK", 4096)
    lines = dataset[1].read_text(encoding="utf-8").splitlines()
    for i in range(0, 600, 4):  # categories: some naming actors nobody declared
        lines[i] = _claim(
            i,
            measure="controller",
            value={"kind": "category", "members": ["MNLA" if i % 8 else "Ansar Dine"]},
        )
    lines[333] = ODD[odd](333, lines[333])
    dataset[1].write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = _slice_of(dataset[1], dataset[0])
    assert 0 < found.end < dataset[1].stat().st_size
    assert found.members
    assert "controller" in found.measures
    before = tmp_path / "before.jsonl"
    before.write_bytes(dataset[1].read_bytes()[: found.end])
    assert _plain(found) == _plain(_slice_of(before, dataset[0]))


def test_nothing_after_a_block_left(
    tmp_path: Path, dataset: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A block of blank lines gives the reader no line, so the child sees the next block
    too: it must leave that one as well, or the lines between would be lost."""
    monkeypatch.setattr(fastload, "_BLOCK", 4096)
    path = tmp_path / "claims.jsonl"
    path.write_bytes(b"\n" * 4096 + dataset[1].read_bytes())
    found = _slice_of(path, dataset[0])
    assert (found.end, found.lines, found.blocks) == (0, 0, [])


def test_the_second_file_too(tmp_path: Path, dataset: list[Path], delivered: list[bool]) -> None:
    """Each file is cut; the children of the second know every claim of the first."""
    more = tmp_path / "more.jsonl"
    more.write_text("".join(_claim(i) + "\n" for i in range(600, 1000)), encoding="utf-8")
    _assert_answers_alike(*dataset, more, workers=2)
    assert delivered == [True, True]


def test_one_worker_forks_nothing(
    dataset: list[Path], delivered: list[bool], turns: list[int]
) -> None:
    overview(*dataset, workers=1)
    overview(*dataset)  # a small file: not worth a process
    assert delivered == []
    assert turns == [0, 0]


def test_workers_must_be_positive(tmp_path: Path) -> None:
    claims = tmp_path / "claims.jsonl"
    claims.write_text(_claim(0) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="at least 1"):
        overview(claims, workers=0)


# -- the parts ------------------------------------------------------------------------------


def test_processes() -> None:
    assert processes(3) == 3
    if threading.active_count() == 1:
        cores = len(os.sched_getaffinity(0))
        assert processes(None) == min(cores, slices.cpu_quota() or cores)
    started, stop = threading.Event(), threading.Event()

    def wait() -> None:
        started.set()
        stop.wait()

    thread = threading.Thread(target=wait)
    thread.start()
    started.wait()
    try:
        assert processes(None) == 1  # another thread might hold a lock at fork time
        assert processes(2) == 2  # asked for: the caller knows its threads
    finally:
        stop.set()
        thread.join()


@pytest.mark.parametrize(
    ("files", "quota"),
    [
        ({"cpu.max": "150000 100000\n"}, 2),  # cgroup v2: 1.5 CPUs, rounded up
        ({"cpu.max": "100000 100000\n"}, 1),
        ({"cpu.max": "max 100000\n"}, None),  # no quota
        ({"cpu/cpu.cfs_quota_us": "50000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 1),  # v1
        ({"cpu/cpu.cfs_quota_us": "400000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 4),
        ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
        ({"cpu.max": "lots\n"}, None),  # not understood: no quota
        ({"cpu/cpu.cfs_quota_us": "50000\n"}, None),  # no period
        ({}, None),  # no cgroup at all
    ],
)
def test_cpu_quota(tmp_path: Path, files: dict[str, str], quota: int | None) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert slices.cpu_quota(tmp_path) == quota


def test_a_quota_caps_the_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a container allowed one CPU of a bigger host, nothing is forked unless asked."""
    (tmp_path / "cpu.max").write_text("100000 100000\n", encoding="utf-8")
    monkeypatch.setattr(slices, "CGROUP", tmp_path)
    monkeypatch.setattr(slices.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr(slices.threading, "active_count", lambda: 1)  # whatever pytest runs
    assert processes(None) == 1
    assert processes(3) == 3  # asked for: the caller knows best
    (tmp_path / "cpu.max").write_text("250000 100000\n", encoding="utf-8")
    assert processes(None) == 3
    (tmp_path / "cpu.max").write_text("max 100000\n", encoding="utf-8")
    assert processes(None) == 4


@given(
    lines=st.lists(
        st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\n"), max_size=30),
        max_size=30,
    ),
    shares=st.lists(st.floats(0.1, 2.0), min_size=1, max_size=6),
    min_slice=st.sampled_from([0, 1, 16, 1000]),
    last_newline=st.booleans(),
)
def test_slices_start_at_line_starts(
    lines: list[str], shares: list[float], min_slice: int, last_newline: bool
) -> None:
    """Slices start where lines start, in order, inside the file, each ending where the
    next starts and the last at the end: at most one per share after the first, and none
    when the file is smaller than two slices."""
    data = "\n".join(lines).encode("utf-8") + (b"\n" if last_newline and lines else b"")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.jsonl"
        path.write_bytes(data)
        slices = later_slices(path, shares, min_slice)
    starts = [start for start, _ in slices]
    assert starts == sorted(set(starts))
    assert [end for _, end in slices] == [*starts[1:], len(data)][: len(slices)]
    assert len(starts) <= len(shares) - 1
    for start in starts:
        assert 0 < start < len(data)
        assert data[start - 1 : start] == b"\n"
    if min_slice and len(data) < 2 * min_slice:
        assert starts == []


def test_slices_are_sized_by_share(tmp_path: Path) -> None:
    path = tmp_path / "claims.jsonl"
    path.write_bytes(b"x\n" * 5000)
    assert later_slices(path, [1.0, 1.0], 0) == [(5000, 10000)]
    assert later_slices(path, [3.0, 1.0], 0) == [(7500, 10000)]
    assert later_slices(path, [1.0, 1.0, 1.0, 1.0], 4000) == [(5000, 10000)]  # two of 4000+
    assert later_slices(path, [1.0, 1.0, 1.0], 0) == [(3334, 6666), (6666, 10000)]
    assert later_slices(tmp_path / "missing.jsonl", [1.0, 1.0], 0) == []
    assert later_slices(tmp_path, [1.0, 1.0], 0) == []  # there, but not to be opened


def test_child_results() -> None:
    assert Child(lambda: {"rows": [1, 2]}).result() == {"rows": [1, 2]}
    assert Child(lambda: 1 / 0).result() is None  # it raised
    assert Child(lambda: os._exit(3)).result() is None  # it died
    assert Child(lambda: None).result() is None  # nothing to give
    child = Child(lambda: threading.Event().wait())  # never ends: stopped unasked
    child.close()
    child.close()


# -- runs of work taken in turn ---------------------------------------------------------------


def _pid_of(delay_here: float = 0.0) -> Any:
    """Work that gives its piece's number and the process that did it; this process is
    slowed down, so that children surely take some pieces."""
    import time

    def work(i: int, in_child: bool) -> tuple[int, int, bool]:
        if not in_child:
            time.sleep(delay_here)
        return i, os.getpid(), in_child

    return work


@pytest.mark.parametrize("children", [1, 2, 3])
def test_pieces_taken_in_turn(children: int) -> None:
    done = in_turns(12, _pid_of(0.02), children)
    assert [i for i, _, _ in done] == list(range(12))
    here = [i for i, pid, in_child in done if pid == os.getpid()]
    assert all(not in_child for i, pid, in_child in done if pid == os.getpid())
    assert all(in_child for i, pid, in_child in done if pid != os.getpid())
    assert len(here) < 12  # the children took some
    assert len({pid for _, pid, _ in done}) <= children + 1


@given(count=st.integers(0, 40), children=st.integers(0, 3))
def test_every_piece_once_in_order(count: int, children: int) -> None:
    assert [i for i, _, _ in in_turns(count, _pid_of(), children)] == list(range(count))


def test_what_children_did_is_received_here() -> None:
    """Each result a child gives passes through ``received`` in this process, once."""
    seen: list[tuple[int, int]] = []

    def received(i: int, found: tuple[int, int, bool]) -> tuple[int, int, bool]:
        seen.append((i, os.getpid()))
        return found

    done = in_turns(12, _pid_of(0.02), 2, received=received)
    from_children = [i for i, pid, _ in done if pid != os.getpid()]
    assert sorted(i for i, _ in seen) == from_children != []
    assert {pid for _, pid in seen} == {os.getpid()}


def test_one_piece_or_none_forks_nothing() -> None:
    assert in_turns(0, _pid_of(), 2) == []
    [(_, pid, in_child)] = in_turns(1, _pid_of(), 2)
    assert (pid, in_child) == (os.getpid(), False)


@pytest.mark.parametrize("how", ["raises", "dies", "cannot be loaded"])
def test_pieces_a_child_never_gives_are_done_here(how: str) -> None:
    """A child that fails at its third piece: what it reported before stands, the piece it
    failed at and its other pieces are done here (or by another child)."""
    import time

    def work(i: int, in_child: bool) -> Any:
        if not in_child:
            time.sleep(0.02)
        elif i == 8:
            if how == "raises":
                raise RuntimeError("no")
            if how == "dies":
                os._exit(3)
            return Unloadable()
        return i, os.getpid()

    done = in_turns(12, work, 1)
    assert [i for i, _ in done] == list(range(12))
    assert done[8][1] == os.getpid()
    assert any(pid != os.getpid() for _, pid in done[6:8])  # reported before the failure


class Unloadable:
    """A result that pickles but cannot be read back."""

    def __reduce__(self) -> Any:
        return (_refuse, ())


def _refuse() -> None:
    raise ValueError("not here")


def test_no_pipes_or_no_fork_no_children(monkeypatch: pytest.MonkeyPatch) -> None:
    def fork() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    with monkeypatch.context() as patched:
        patched.setattr(slices.os, "fork", fork)
        assert {pid for _, pid, _ in in_turns(6, _pid_of(), 2)} == {os.getpid()}

    def pipe() -> tuple[int, int]:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(slices.os, "pipe", pipe)
    assert {pid for _, pid, _ in in_turns(6, _pid_of(), 2)} == {os.getpid()}


def test_work_that_raises_here_stops_the_children() -> None:
    import time

    def work(i: int, in_child: bool) -> int:
        if not in_child:
            raise KeyError(i)
        time.sleep(0.05)  # the children are still on their own runs
        return i

    with pytest.raises(KeyError):
        in_turns(6, work, 2)
