"""Dataset paths on the command line: a path written inside the current folder or its git
work tree that leads out through a link is refused with exit 2; a path written outside them
is the user's own choice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests._cli_helpers import KIDAL, run

COMMANDS = [  # diff reads "old" first
    ("check",),
    ("report",),
    ("diff", "old"),
    ("baseline", "-o", "baseline.yaml"),
    ("explain", "kidal-2014/killed/fama"),
]


def _project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A project folder (the current folder) holding ``data`` and ``old``, and a folder
    outside it."""
    project, outside = tmp_path / "project", tmp_path / "outside"
    shutil.copytree(KIDAL, project / "data")
    shutil.copytree(KIDAL, project / "old")
    shutil.copytree(KIDAL, outside)
    monkeypatch.chdir(project)
    return project, outside


def _refusal(given: str, target: Path) -> str:
    return (
        f"claimdiff: error: {given!r} leads through a link to {str(target)!r}, outside the "
        "current folder and its git work tree: not read (name the target itself to read it)\n"
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_folder_link_leading_out_is_refused(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
) -> None:
    """A folder named on the command line that is a link out of the project exits 2 naming
    the path and its target, for check, report and diff."""
    _, outside = _project(tmp_path, monkeypatch)
    Path("evil").symlink_to(outside)
    result = run(capsys, *command, "evil")
    assert (2, "", _refusal("evil", outside)) == (result.code, result.out, result.err)


@pytest.mark.parametrize("command", COMMANDS)
def test_file_link_leading_out_is_refused(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
) -> None:
    """A file named on the command line that is a link out of the project (a pull request's
    ``claims.yaml`` pointing at a secret) exits 2 and is not read."""
    _, outside = _project(tmp_path, monkeypatch)
    Path("data/claims.yaml").unlink()
    Path("data/claims.yaml").symlink_to(outside / "claims.yaml")
    result = run(capsys, *command, "data/claims.yaml")
    expected = _refusal("data/claims.yaml", outside / "claims.yaml")
    assert (2, "", expected) == (result.code, result.out, result.err)


def test_path_through_a_linked_folder_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A path whose folder is a link out of the project is refused though the file itself is
    no link."""
    _, outside = _project(tmp_path, monkeypatch)
    Path("evil").symlink_to(outside)
    result = run(capsys, "check", "evil/claims.yaml")
    expected = _refusal("evil/claims.yaml", outside / "claims.yaml")
    assert (2, expected) == (result.code, result.err)


def test_link_out_of_the_work_tree_from_a_subfolder_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from a subfolder of a git work tree, ``../data`` is still the tree's own path, and
    a link there that leads out is refused."""
    project, outside = _project(tmp_path, monkeypatch)
    (project / ".git").mkdir()
    (project / "docs").mkdir()
    (project / "evil").symlink_to(outside)
    monkeypatch.chdir(project / "docs")
    result = run(capsys, "check", "../evil")
    assert (2, _refusal("../evil", outside)) == (result.code, result.err)


@pytest.mark.parametrize("inside", [True, False])
def test_links_inside_and_paths_written_outside_are_read(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    inside: bool,
) -> None:
    """A link that stays inside the project is read, and so is a path written outside it (a
    link there included): both find the fixture's one contradiction."""
    project, outside = _project(tmp_path, monkeypatch)
    if inside:
        Path("alias").symlink_to(project / "data")
        given = "alias"
    else:
        (tmp_path / "elsewhere").symlink_to(outside)
        given = str(tmp_path / "elsewhere")
    result = run(capsys, "check", given)
    assert (1, "") == (result.code, result.err)
