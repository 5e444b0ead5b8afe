"""Work of ``overview``'s lane split between processes: slices of a file, runs of the groups.

A forked child inherits everything the loader knows when it starts (the declared actors, the
claims of earlier files, every cache), so it needs nothing sent to it; it sends back, pickled
through a pipe, only what it found. Whatever a child does not deliver (it failed, it died, or
what it found cannot be joined) the parent does itself, so the answers never depend on how
the work was split. Fork is used on POSIX systems other than macOS (whose system libraries
are not fork-safe) and, unless asked for explicitly, only when the process runs one thread.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Final

__all__ = ["MIN_GROUPS", "MIN_SLICE", "Child", "later_slices", "processes", "shares"]

#: The smallest slice of a file worth a process of its own when the count is not asked for.
MIN_SLICE: Final = 8 << 20
#: The fewest claims whose groups are worth splitting between processes, likewise.
MIN_GROUPS: Final = 20_000


def _can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "darwin"


def processes(workers: int | None) -> int:
    """How many processes to use: ``workers`` where fork is available, else one; for
    ``None``, the cores this process may run on, if it runs a single thread."""
    if workers is not None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        return workers if _can_fork() else 1
    if not _can_fork() or threading.active_count() > 1:
        return 1  # a thread holding a lock at fork time would hold it forever in the child
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


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


class Child:
    """A forked process computing one value; :meth:`result` is that value, or ``None`` when
    the child could not give it."""

    def __init__(self, work: Callable[[], Any]) -> None:
        self.pid: int | None = None
        try:
            read, write = os.pipe()
        except OSError:  # out of file descriptors: no child
            self.read = -1
            return
        try:
            pid = os.fork()
        except OSError:  # out of processes or memory: no child, the parent does the work
            os.close(read)
            os.close(write)
            self.read = -1
            return
        if pid == 0:  # the child: never returns into the caller's stack
            code = 1
            try:
                os.close(read)
                data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                code = 0
            except BaseException:  # whatever went wrong, the parent does the work instead
                pass
            finally:
                os._exit(code)
        os.close(write)
        self.pid = pid
        self.read = read

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
