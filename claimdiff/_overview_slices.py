"""Work of ``overview``'s lane split between processes: slices of a file, runs of the groups.

A forked child inherits everything the loader knows when it starts (the declared actors, the
claims of earlier files, every cache), so it needs nothing sent to it; it sends back, pickled,
only what it found. A slice of a file is one piece of work (:class:`Child`); the groups are
many small ones, which every process takes in turn as it gets free (:func:`in_turns`), so
that none waits on another. Whatever a child does not deliver (it failed, it died, or what it
found cannot be joined) the parent does itself, so the answers never depend on how the work
was split. Fork is used on POSIX systems other than macOS (whose system libraries
are not fork-safe) and, unless asked for explicitly, only when the process runs one thread.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Final

from ._pickles import dumps

__all__ = [
    "CGROUP",
    "MIN_GROUPS",
    "MIN_SLICE",
    "Child",
    "cpu_quota",
    "in_turns",
    "later_slices",
    "processes",
    "shares",
]

#: The smallest slice of a file worth a process of its own when the count is not asked for.
MIN_SLICE: Final = 8 << 20
#: The fewest claims whose groups are worth splitting between processes, likewise.
MIN_GROUPS: Final = 20_000


def _can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "darwin"


def processes(workers: int | None) -> int:
    """How many processes to use: ``workers`` where fork is available, else one; for
    ``None``, the cores this process may run on, no more than its CPU quota allows, if it
    runs a single thread."""
    if workers is not None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        return workers if _can_fork() else 1
    if not _can_fork() or threading.active_count() > 1:
        return 1  # a thread holding a lock at fork time would hold it forever in the child
    affinity = getattr(os, "sched_getaffinity", None)
    cores = len(affinity(0)) if affinity is not None else os.cpu_count() or 1
    quota = cpu_quota()
    return max(1, min(cores, quota)) if quota is not None else cores


#: Where the cgroup file system is mounted; a container sees its own cgroup at the root.
CGROUP: Final = Path("/sys/fs/cgroup")


def cpu_quota(root: Path | None = None) -> int | None:
    """The CPUs the cgroup quota lets this process's container use, rounded up; ``None``
    when no quota is set or none can be read.

    A container limited to 2 CPUs (``docker run --cpus 2``) still sees every core of its
    host; forking a process per core there would only share those 2 CPUs among more
    processes, each with its copy of the pages it touches. Read as loky (joblib's process
    pool) reads it: cgroup v2's ``cpu.max`` ("150000 100000", or "max 100000" for none),
    else cgroup v1's ``cpu.cfs_quota_us`` (-1 for none) over ``cpu.cfs_period_us``.
    """
    root = CGROUP if root is None else root
    try:
        if (root / "cpu.max").is_file():
            quota, period = (root / "cpu.max").read_text().split()
        else:
            quota = (root / "cpu" / "cpu.cfs_quota_us").read_text().strip()
            period = (root / "cpu" / "cpu.cfs_period_us").read_text().strip()
        if quota == "max":
            return None
        allowed, per = int(quota), int(period)
    except (OSError, ValueError):  # no cgroup (not Linux), or not readable here
        return None
    return -(-allowed // per) if allowed > 0 and per > 0 else None


def later_slices(path: Path, shares: Sequence[float], min_slice: int) -> list[tuple[int, int]]:
    """Where the second and later slices of ``path`` start and end, each starting at the
    start of a line: one slice per share, sized in proportion to it, but none much below
    ``min_slice`` bytes (fewer slices then, the last shares dropped)."""
    starts: list[int] = []
    try:
        size = path.stat().st_size
        if min_slice > 0:
            shares = shares[: max(size // min_slice, 1)]
        total, done = sum(shares), 0.0
        with path.open("rb") as stream:
            for share in shares[:-1]:
                done += share
                stream.seek(max(int(size * done / total) - 1, 0))
                start = _line_start(stream, size)
                if start is None:
                    break
                if not starts or start > starts[-1]:
                    starts.append(start)
    except OSError:
        return []  # not to be read: the reader reports it
    return list(zip(starts, [*starts[1:], size], strict=True)) if starts else []


def _line_start(stream: BinaryIO, size: int) -> int | None:
    """The start of the first line that starts after the stream's position, if any."""
    at = stream.tell()
    while True:
        chunk = stream.read(1 << 16)
        if not chunk:
            return None
        found = chunk.find(b"\n")
        if found >= 0:
            start = at + found + 1
            return start if start < size else None
        at += len(chunk)


def shares(count: int, child: float) -> list[float]:
    """A share of the work for this process and each of ``count - 1`` children, a child's
    ``child`` of this one's: a child also sends what it found."""
    return [1.0, *[child] * (count - 1)]


def _fork(child: Callable[[int], object]) -> tuple[int, int] | None:
    """Fork a child that runs ``child(fd)``, ``fd`` the write end of a pipe to this process,
    and exits: status 0 if it returned, 1 if it raised (whatever went wrong, this process
    does the work instead). Here: the child's pid and the read end, or ``None`` when there
    can be no child (out of file descriptors, processes or memory)."""
    try:
        read, write = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the child: never returns into the caller's stack
        code = 1
        try:
            os.close(read)
            child(write)
            code = 0
        except BaseException:
            pass
        finally:
            os._exit(code)
    os.close(write)
    return pid, read


class Child:
    """A forked process computing one value; :meth:`result` is that value, or ``None`` when
    the child could not give it."""

    def __init__(self, work: Callable[[], Any]) -> None:
        def send(pipe: int) -> None:
            data = dumps(work())
            with os.fdopen(pipe, "wb") as out:
                out.write(data)

        self.pid: int | None = None
        self.read = -1
        forked = _fork(send)
        if forked is not None:
            self.pid, self.read = forked

    def result(self) -> Any:
        """The child's value (waiting for it), or ``None``; asked once."""
        if self.pid is None:
            return None
        with os.fdopen(self.read, "rb") as stream:
            data = stream.read()
        pid, self.pid = self.pid, None
        _, status = os.waitpid(pid, 0)
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0 or not data:
            return None
        return pickle.loads(data)

    def close(self) -> None:
        """Stop the child if its value was never asked for."""
        if self.pid is None:
            return
        pid, self.pid = self.pid, None
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.close(self.read)
        os.waitpid(pid, 0)


#: A piece of work's number, as the token every process reads to take it.
_TOKEN: Final = struct.Struct("<I")
#: A child's notice that a piece is done: its number, and where its pickle is in the file.
_DONE: Final = struct.Struct("<IQQ")


def in_turns(
    count: int,
    work: Callable[[int, bool], Any],
    children: int,
    *,
    received: Callable[[int, Any], Any] = lambda i, found: found,
) -> list[Any]:
    """``work(i, in_child)`` for every ``i`` below ``count``, in order, shared between this
    process and ``children`` forked children, none of them left waiting on another; what a
    child did is passed through ``received(i, result)`` here as it comes in.

    Each process owns a stretch of the pieces, in order (pieces next to each other read the
    same blocks of the file again), and when its stretch is done it takes pieces from the
    others'. The pieces' numbers are tokens in a pipe per stretch, filled before the fork, so
    taking one is a single read, atomic between processes, and needs no lock a dying process
    could keep.
    A child pickles each result to a file of its own as soon as it is done, and says so
    through a pipe; this process loads those between its own pieces, and after the last. A
    piece a child took and never reported (it raised, died, or could not be forked) is done
    here.
    """
    results: list[Any] = [_NOT_DONE] * count
    runs = _runs_of_tokens(count, children + 1) if children and count > 1 else []
    if runs:
        workers: list[_TurnTaker] = []
        try:
            for child in range(1, children + 1):
                workers.append(_TurnTaker(_order(runs, child), work))
            while (i := _take(_order(runs, 0))) is not None:
                results[i] = work(i, False)
                for worker in workers:
                    worker.collect(results, received, wait=False)
            for worker in workers:
                worker.collect(results, received, wait=True)
        finally:
            for worker in workers:
                worker.close()
            for tokens in runs:
                os.close(tokens)
    for i, found in enumerate(results):
        if found is _NOT_DONE:
            results[i] = work(i, False)
    return results


def _runs_of_tokens(count: int, processes: int) -> list[int]:
    """A pipe per process, holding the numbers of its stretch of the ``count`` pieces and
    nothing more to come (read ends); none if one cannot be made."""
    runs: list[int] = []
    for p in range(processes):
        tokens = _tokens(range(count * p // processes, count * (p + 1) // processes))
        if tokens is None:
            for made in runs:
                os.close(made)
            return []
        runs.append(tokens)
    return runs


def _order(runs: list[int], own: int) -> list[int]:
    """The stretches in the order process ``own`` takes from them: its own, then the
    others'."""
    return [*runs[own:], *runs[:own]]


def _tokens(pieces: range) -> int | None:
    """A pipe holding the numbers ``pieces`` and nothing more to come (read end), or
    ``None`` if it cannot be made or cannot hold them all."""
    try:
        tokens, fill = os.pipe()
    except OSError:  # out of file descriptors
        return None
    data = b"".join(_TOKEN.pack(i) for i in pieces)
    try:
        os.set_blocking(fill, False)  # a pipe smaller than the tokens must not block here
        written = os.write(fill, data) if data else 0
    except OSError:
        written = 0
    os.close(fill)  # closed before the fork: an empty pipe is the end of the run
    if written != len(data):
        os.close(tokens)
        return None
    return tokens


_NOT_DONE: Final[Any] = object()


def _take(runs: list[int]) -> int | None:
    """The number of the next piece of work, from the first stretch that has one, or
    ``None`` when all are taken."""
    for tokens in runs:
        data = os.read(tokens, _TOKEN.size)
        if len(data) == _TOKEN.size:
            return int(_TOKEN.unpack(data)[0])
    return None


class _TurnTaker:
    """A forked child of :func:`in_turns`: it takes pieces until none are left."""

    def __init__(self, runs: list[int], work: Callable[[int, bool], Any]) -> None:
        self.pid: int | None = None
        self.notices = -1
        self.pending = b""
        self.store: BinaryIO | None = None
        try:
            self.store = tempfile.TemporaryFile()  # noqa: SIM115  # closed by close()
        except OSError:  # no room for the results: no child
            return
        store = self.store.fileno()

        def take_turns(pipe: int) -> None:
            at = 0  # its own offset: the file is shared
            while (i := _take(runs)) is not None:
                data = dumps(work(i, True))
                written = 0
                while written < len(data):
                    written += os.pwrite(store, data[written:], at + written)
                # Atomic (under PIPE_BUF). If the child fails later, what it reported stands.
                os.write(pipe, _DONE.pack(i, at, len(data)))
                at += len(data)

        forked = _fork(take_turns)
        if forked is not None:
            self.pid, self.notices = forked
            os.set_blocking(self.notices, False)

    def collect(
        self, results: list[Any], received: Callable[[int, Any], Any], *, wait: bool
    ) -> None:
        """Load the results the child has reported, through ``received`` (``wait``: all,
        until it is done)."""
        if self.notices < 0:
            return
        os.set_blocking(self.notices, wait)
        while True:
            try:
                data = os.read(self.notices, 1 << 16)
            except BlockingIOError:
                return
            if not data:
                self.close()  # all reported
                return
            self.pending += data
            whole = len(self.pending) - len(self.pending) % _DONE.size
            for i, at, size in _DONE.iter_unpack(self.pending[:whole]):
                found = self.load(at, size)
                if found is not _NOT_DONE:
                    results[i] = received(i, found)
            self.pending = self.pending[whole:]

    def load(self, at: int, size: int) -> Any:
        """A result the child reported, or ``_NOT_DONE`` if it cannot be read back."""
        assert self.store is not None
        data = os.pread(self.store.fileno(), size, at)
        try:
            return pickle.loads(data) if len(data) == size else _NOT_DONE
        except Exception:  # a result that cannot be read is done here
            return _NOT_DONE

    def close(self) -> None:
        """Stop the child if it still runs, and let go of its pipe and file."""
        if self.notices >= 0:
            os.close(self.notices)
            self.notices = -1
        if self.pid is not None:
            pid, self.pid = self.pid, None
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        if self.store is not None:
            self.store.close()
            self.store = None
