"""Reading a dataset as it was at a git revision: ``HEAD~1:data/claims.yaml``.

Git's own ``REV:path`` syntax is passed through unchanged (the path is relative to the
repository's top, or to the current folder when it starts with ``./``). A file is read with
``git show``; a folder is listed with ``git ls-tree`` and each file read with ``git show``
into a temporary folder, so the loader sees the same names it would see in a checkout.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from ._errors import ClaimdiffError


class GitError(ClaimdiffError, ValueError):
    """A ``REV:path`` could not be read: no git, not a repository, a bad revision or path."""


def is_revision_path(spec: str) -> bool:
    """Whether ``spec`` means ``REV:path`` rather than a file: it has a colon and no file of
    that name exists (so ``data/a:b.yaml`` on disk is still a file)."""
    return ":" in spec and not Path(spec).exists()


def _git(*args: str, cwd: Path | None = None) -> bytes:
    git = shutil.which("git")
    if git is None:
        raise GitError("cannot read a git revision: the git command is not installed")
    try:
        done = subprocess.run([git, *args], cwd=cwd, capture_output=True, check=False)
    except OSError as error:
        raise GitError(f"cannot run git: {error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {' '.join(args)}: {message[-1] if message else 'failed'}")
    return done.stdout


@contextlib.contextmanager
def checkout(spec: str) -> Iterator[Path]:
    """Materialise ``REV:path`` in a temporary folder and yield the path to load.

    Raises:
        GitError: when git is missing, the revision or path does not exist, or the object is
            neither a file nor a folder.
    """
    rev, _, path = spec.partition(":")
    if not rev:
        raise GitError(f"expected REV:path, got {spec!r}")
    kind = _git("cat-file", "-t", spec).decode().strip()
    name = PurePosixPath(path.rstrip("/")).name or "root"
    with tempfile.TemporaryDirectory(prefix="claimdiff-") as tmp:
        target = Path(tmp) / name
        if kind == "blob":
            target.write_bytes(_git("show", spec))
        elif kind == "tree":
            listing = _git("ls-tree", "-r", "-z", "--name-only", spec).decode("utf-8")
            base = spec if spec.endswith("/") else spec + "/"
            for rel in filter(None, listing.split("\0")):
                out = target / rel
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(_git("show", base + rel))
            target.mkdir(exist_ok=True)
        else:
            raise GitError(f"{spec!r} is a git {kind}, not a file or a folder")
        yield target
