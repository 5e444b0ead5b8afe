"""Reading a dataset as it was at a git revision: ``HEAD~1:data/claims.yaml``.

Git's own ``REV:path`` syntax is passed through unchanged (the path is relative to the
repository's top, or to the current folder when it starts with ``./``). A file is read with
``git cat-file``; a folder is listed with ``git ls-tree --full-tree`` (so the listing is the
same from any folder of the checkout) and its files written into a temporary folder, so the
loader sees the same names it would see in a checkout.

A tree is data from whoever pushed the branch: git stores entry names that a checkout would
refuse (``..``, names with a slash), and ``git fetch`` does not check them by default. So every
path is validated before anything is written: no empty, ``.`` or ``..`` part, nothing that
resolves outside the temporary folder, and only regular files and symbolic links are written
(submodules are left out), each created anew, never over something that exists, and the links
last, so nothing is written through one. A link is written as it is, as a checkout would: the
loader reads one that stays inside the folder and refuses one that leads out with a finding
(``claimdiff._loader.load.dataset_listing``). A tree that breaks the rule is refused as a whole.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from ..errors import GitError

#: Git modes of the entries written: regular files (executable or not).
_FILES = frozenset({b"100644", b"100755", b"100664"})
#: The git mode of a symbolic link; its blob holds the link's target.
_LINK = b"120000"


def is_revision_path(spec: str) -> bool:
    """Whether ``spec`` means ``REV:path`` rather than a file: it has a colon and no file of
    that name exists (so ``data/a:b.yaml`` on disk is still a file)."""
    return ":" in spec and not Path(spec).exists()


def _git(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> bytes:
    git = shutil.which("git")
    if git is None:
        raise GitError("cannot read a git revision: the git command is not installed")
    try:
        done = subprocess.run([git, *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except OSError as error:
        raise GitError(f"cannot run git: {error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {' '.join(args)}: {message[-1] if message else 'failed'}")
    return done.stdout


def safe_parts(spec: str, path: str) -> tuple[str, ...]:
    """The parts of ``path``, a path inside the tree ``spec``.

    Raises:
        GitError: when a part is empty, ``.`` or ``..``, or the path is absolute: written
            out, it would land outside the folder the tree is checked out into.
    """
    parts = tuple(path.split("/"))
    if any(part in {"", ".", ".."} for part in parts):
        raise GitError(
            f"refusing to check out {spec!r}: it holds the path {path!r}, which would be "
            "written outside its folder (a tree made by hand; inspect it with "
            f"`git ls-tree -r {spec}`)"
        )
    return parts


def _entries(spec: str) -> Iterator[tuple[bytes, bytes, str]]:
    """``(mode, object id, path)`` of every file in the tree ``spec``, recursively."""
    listing = _git("ls-tree", "-r", "-z", "--full-tree", spec)
    for entry in filter(None, listing.split(b"\0")):
        meta, _, raw = entry.partition(b"\t")
        mode, _kind, oid = meta.split(b" ")
        yield mode, oid, os.fsdecode(raw)


def _blobs(oids: list[bytes]) -> Iterator[bytes]:
    """The contents of the blobs ``oids``, in order, read by one ``git cat-file --batch``."""
    if not oids:
        return
    out = _git("cat-file", "--batch", stdin=b"".join(oid + b"\n" for oid in oids))
    at = 0
    for oid in oids:
        end = out.index(b"\n", at)
        header = out[at:end].split(b" ")
        if len(header) != 3 or header[0] != oid or header[1] != b"blob":
            raise GitError(f"git cat-file: expected the blob {oid.decode()}, got {header!r}")
        size = int(header[2])
        yield out[end + 1 : end + 1 + size]
        at = end + 1 + size + 1  # the content is followed by a newline


def _write_tree(spec: str, target: Path) -> None:
    """Write the regular files and links of the tree ``spec`` under ``target``, every path
    checked."""
    root = target.resolve()
    files: list[tuple[Path, bytes]] = []
    links: list[tuple[Path, bytes]] = []
    for mode, oid, path in _entries(spec):
        out = target.joinpath(*safe_parts(spec, path))
        if mode in _FILES:
            files.append((out, oid))
        elif mode == _LINK:
            links.append((out, oid))
        # Submodules (commits) hold nothing of this tree's data.
    target.mkdir()
    for (out, _), data in zip(files, _blobs([oid for _, oid in files]), strict=True):
        _parent(spec, out, root)
        with out.open("xb") as stream:  # never over an existing file or through a link
            stream.write(data)
    # Links are made as a checkout makes them, so the loader reads a link inside the tree
    # and refuses, with a finding that names it, one that leads out; made last, so that no
    # file is ever written through one.
    for (out, _), data in zip(links, _blobs([oid for _, oid in links]), strict=True):
        _parent(spec, out, root)
        try:
            os.symlink(os.fsdecode(data), out)
        except (OSError, ValueError) as error:  # a NUL in the target, a name taken twice
            raise GitError(
                f"refusing to check out {spec!r}: cannot make the link {str(out)!r}: {error}"
            ) from None


def _parent(spec: str, out: Path, root: Path) -> None:
    """Make the folder ``out`` is written into, which must be inside ``root``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    # Belt and braces: the folder written into is still inside the target (a link made
    # from the tree is never passed through).
    if not out.parent.resolve().is_relative_to(root):
        raise GitError(f"refusing to check out {spec!r}: {str(out)!r} leaves its folder")


@contextlib.contextmanager
def checkout(spec: str) -> Iterator[Path]:
    """Materialise ``REV:path`` in a temporary folder and yield the path to load.

    Raises:
        GitError: when git is missing, the revision or path does not exist, the object is
            neither a file nor a folder, or a path in the tree would leave the folder.
    """
    rev, _, path = spec.partition(":")
    if not rev or rev.startswith("-"):
        raise GitError(f"expected REV:path, got {spec!r}")
    kind = _git("cat-file", "-t", spec).decode().strip()
    name = PurePosixPath(path.rstrip("/")).name
    if name in {"", ".", ".."}:
        name = "root"
    with tempfile.TemporaryDirectory(prefix="claimdiff-") as tmp:
        target = Path(tmp) / name
        if kind == "blob":
            target.write_bytes(_git("cat-file", "blob", spec))
        elif kind == "tree":
            _write_tree(spec, target)
        else:
            raise GitError(f"{spec!r} is a git {kind}, not a file or a folder")
        yield target
