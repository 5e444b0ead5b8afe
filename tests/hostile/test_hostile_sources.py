"""The quote check reads only regular files inside the sources folder, and only so much."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import claimdiff._curation.check
from claimdiff import check, load, reconcile


def _findings(tmp_path: Path, file: str) -> list[tuple[str, str]]:
    data = tmp_path / "data.yaml"
    data.write_text(
        "documents:\n"
        f"  - {{id: doc, file: {file!r}}}\n"
        "claims:\n"
        "  - {id: c1, event: e, measure: killed, value: 4, claimant: a, quote: 'root',"
        " document: doc}\n",
        encoding="utf-8",
    )
    dataset = load(data)
    result = check(dataset, reconcile(dataset), sources=tmp_path / "sources")
    return [(f.code, f.message) for f in result.findings]


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A sources folder with one document, and a secret beside it."""
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "doc.txt").write_text("the root of it", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("root password", encoding="utf-8")
    return folder


@pytest.mark.parametrize("file", ["../secret.txt", "/etc/passwd", "/proc/self/environ"])
def test_file_outside_the_sources_is_not_read(tmp_path: Path, sources: Path, file: str) -> None:
    """A document's file that leaves the sources folder is refused, naming the document."""
    shown = str(sources / file)
    assert [
        (
            "unreadable-document",
            f"document 'doc' not read: {shown!r} is outside the sources folder {str(sources)!r}",
        )
    ] == _findings(tmp_path, file)


def test_link_out_of_the_sources_is_not_followed(tmp_path: Path, sources: Path) -> None:
    """A symbolic link inside the sources folder that points outside it is refused."""
    (sources / "link.txt").symlink_to(tmp_path / "secret.txt")
    assert ["unreadable-document"] == [code for code, _ in _findings(tmp_path, "link.txt")]


def test_link_inside_the_sources_is_read(tmp_path: Path, sources: Path) -> None:
    """A symbolic link to a document inside the sources folder is read as that document."""
    (sources / "alias.txt").symlink_to(sources / "doc.txt")
    assert [] == _findings(tmp_path, "alias.txt")


def test_pipe_is_not_read(tmp_path: Path, sources: Path) -> None:
    """A named pipe in the sources folder is refused rather than waited on."""
    os.mkfifo(sources / "pipe.txt")
    shown = str(sources / "pipe.txt")
    assert [
        ("unreadable-document", f"document 'doc' not read: {shown!r} is not a regular file")
    ] == _findings(tmp_path, "pipe.txt")


def test_document_larger_than_the_limit_is_not_read(
    tmp_path: Path, sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document larger than the limit is a finding that says how large it is."""
    monkeypatch.setattr(claimdiff._curation.check, "MAX_SOURCE_BYTES", 10)
    shown = str(sources / "doc.txt")
    assert [
        (
            "unreadable-document",
            f"document 'doc' not read: {shown!r} holds 14 bytes, more than the 10 a source "
            "document may",
        )
    ] == _findings(tmp_path, "doc.txt")


def test_missing_document_is_unknown(tmp_path: Path, sources: Path) -> None:
    """A document with no file is still an unknown document."""
    shown = str(sources / "nope.txt")
    assert [("unknown-document", f"document 'doc' not found: no file {shown!r}")] == _findings(
        tmp_path, "nope.txt"
    )
