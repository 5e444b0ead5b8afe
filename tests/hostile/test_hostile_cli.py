"""Hostile and careless input on the command line: exit codes, internal errors, git trees."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import claimdiff.cli
from tests._cli_helpers import KIDAL, run


def _crash(*args: object, **kwargs: object) -> None:
    raise ValueError("boom\nsecond line")


def test_internal_error_exits_2_naming_the_step(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception nobody expected exits 2 with one line naming the step and the files."""
    monkeypatch.setattr(claimdiff.cli, "reconcile", _crash)
    result = run(capsys, "check", KIDAL / "claims.yaml", "--engine", "python")
    expected = (
        2,
        f"claimdiff: internal error while reconciling the claims of "
        f"{str(KIDAL / 'claims.yaml')!r}: ValueError: boom second line (this is a bug in "
        "claimdiff; run with --debug for the traceback)\n",
    )
    assert expected == (result.code, result.err)


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_prints_the_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """``--debug``, before or after the command's name, prints the traceback of an internal
    error, and the exit code stays 2."""
    monkeypatch.setattr(claimdiff.cli, "reconcile", _crash)
    argv = ["check", KIDAL / "claims.yaml", "--engine", "python"]
    argv = ["--debug", *argv] if where == "before" else [*argv, "--debug"]
    result = run(capsys, *argv)
    assert (2, True, True) == (
        result.code,
        result.err.startswith("Traceback (most recent call last):"),
        "the traceback is above)" in result.err,
    )


def test_internal_error_is_not_caught_without_cause(capsys: pytest.CaptureFixture[str]) -> None:
    """A clean run prints no internal error."""
    result = run(capsys, "check", KIDAL / "claims.yaml")
    assert "internal error" not in result.err


# -- git trees ---------------------------------------------------------------------------------

CLAIMS = (
    "claims:\n"
    "  - {id: c1, event: e, measure: killed, value: 4, claimant: a}\n"
    "  - {id: c2, event: e, measure: killed, value: 4, claimant: b}\n"
)


def _git(repo: Path, *args: str, stdin: str | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(
        ["git", *args], cwd=repo, input=stdin, capture_output=True, text=True, env=env, check=True
    )
    return done.stdout.strip()


def _repo(tmp_path: Path) -> Path:
    """A repository whose one commit holds ``data/claims.yaml``."""
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    (repo / "data" / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "data")
    _git(repo, "commit", "-q", "-m", "data")
    return repo


def _evil_commit(repo: Path, depth: int) -> str:
    """A commit whose ``data`` tree also holds ``..`` (``depth`` times) then ``x/pwned.yaml``:
    a tree ``git mktree`` accepts and a checkout that trusts ``ls-tree`` writes outside."""
    blob = _git(repo, "hash-object", "-w", "--stdin", stdin=CLAIMS)
    tree = _git(repo, "mktree", stdin=f"100644 blob {blob}\tpwned.yaml\n")
    tree = _git(repo, "mktree", stdin=f"040000 tree {tree}\tx\n")
    for _ in range(depth):
        tree = _git(repo, "mktree", stdin=f"040000 tree {tree}\t..\n")
    claims = _git(repo, "rev-parse", "HEAD:data/claims.yaml")
    data = _git(
        repo, "mktree", stdin=f"040000 tree {tree}\t..\n100644 blob {claims}\tclaims.yaml\n"
    )
    root = _git(repo, "mktree", stdin=f"040000 tree {data}\tdata\n")
    commit = _git(repo, "commit-tree", root, "-m", "evil")
    _git(repo, "branch", "evil", commit)
    return commit


@pytest.mark.parametrize("depth", [0, 3])
def test_git_tree_with_dot_dot_is_refused(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    depth: int,
) -> None:
    """``diff evil:data data`` refuses a tree holding an entry named ``..`` with exit 2, and
    writes nothing anywhere."""
    repo = _repo(tmp_path)
    _evil_commit(repo, depth)
    scratch = tmp_path / "scratch" / "a" / "b" / "c" / "d"
    scratch.mkdir(parents=True)
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    monkeypatch.chdir(repo)
    before = sorted(p for p in tmp_path.rglob("*") if ".git" not in p.parts)
    result = run(capsys, "diff", "evil:data", "data")
    after = sorted(p for p in tmp_path.rglob("*") if ".git" not in p.parts)
    dots = "/".join([".."] * (depth + 1))
    expected = (
        f"claimdiff: error: refusing to check out 'evil:data': it holds the path "
        f"'{dots}/x/pwned.yaml', which would be written outside its folder (a tree made by "
        "hand; inspect it with `git ls-tree -r evil:data`)\n"
    )
    assert (2, expected, before) == (result.code, result.err, after)


def test_git_diff_from_a_subdirectory(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``claimdiff diff HEAD~1:data .`` from inside ``data`` compares the whole folder."""
    repo = _repo(tmp_path)
    (repo / "data" / "more.yaml").write_text(
        "claims:\n  - {id: c3, event: e, measure: killed, value: 40, claimant: c}\n",
        encoding="utf-8",
    )
    _git(repo, "add", "data")
    _git(repo, "commit", "-q", "-m", "more")
    (repo / "data" / "sub").mkdir()
    monkeypatch.chdir(repo / "data" / "sub")
    result = run(capsys, "diff", "-f", "json", "HEAD~1:data", "..")
    monkeypatch.chdir(repo / "data")
    same = run(capsys, "diff", "-f", "json", "HEAD:data", ".")
    added = json.loads(result.out)["added"]
    assert (1, ["c3"], 0, []) == (
        result.code,
        added,
        same.code,
        json.loads(same.out)["added"],
    )


def test_git_link_out_of_the_tree_is_a_finding_not_read(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A symbolic link in a tree that leads out of it is not read, and says so; a link inside
    the tree is read as a checkout would read it."""
    repo = _repo(tmp_path)
    outside = tmp_path / "secret.yaml"
    outside.write_text(
        "claims:\n  - {id: s1, event: e, measure: killed, value: 99, claimant: z}\n",
        encoding="utf-8",
    )
    (repo / "data" / "link.yaml").symlink_to(outside)
    (repo / "data" / "sub").mkdir()
    (repo / "data" / "sub" / "more.txt").write_text(
        "claims:\n  - {id: c3, event: f, measure: killed, value: 7, claimant: y}\n",
        encoding="utf-8",
    )
    (repo / "data" / "inside.yaml").symlink_to(Path("sub") / "more.txt")
    _git(repo, "add", "data")
    _git(repo, "commit", "-q", "-m", "link")
    (repo / "data" / "link.yaml").unlink()  # the working tree no longer has it
    monkeypatch.chdir(repo)
    result = run(capsys, "diff", "-f", "json", "HEAD:data", "data")
    removed = json.loads(result.out)["removed"]
    expected = "claimdiff: HEAD:data: 1 record(s) could not be read; run `claimdiff check` on it\n"
    assert (0, [], expected) == (result.code, removed, result.err)


def test_git_link_made_before_a_file_under_its_name_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A hand-made tree holding both a link ``x`` to a folder outside and a file under
    ``x/`` is refused, and nothing is written through the link."""
    repo = _repo(tmp_path)
    victim = tmp_path / "victim"
    victim.mkdir()
    blob = _git(repo, "hash-object", "-w", "--stdin", stdin=CLAIMS)
    target = _git(repo, "hash-object", "-w", "--stdin", stdin=str(victim))
    inner = _git(repo, "mktree", stdin=f"100644 blob {blob}\tpwned.yaml\n")
    data = _git(repo, "mktree", stdin=f"120000 blob {target}\tx\n040000 tree {inner}\tx\n")
    root = _git(repo, "mktree", stdin=f"040000 tree {data}\tdata\n")
    _git(repo, "branch", "evil", _git(repo, "commit-tree", root, "-m", "evil"))
    monkeypatch.chdir(repo)
    result = run(capsys, "diff", "evil:data", "data")
    assert (2, [], True) == (
        result.code,
        list(victim.iterdir()),
        result.err.startswith("claimdiff: error: refusing to check out 'evil:data': "),
    )


@pytest.mark.parametrize("target", ["c1", "e/killed"])
def test_explain_text_forges_no_workflow_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, target: str
) -> None:
    """``explain`` prints an actor name with line breaks on one line, escaped."""
    path = tmp_path / "claims.yaml"
    path.write_text(
        "actors:\n"
        '  - {id: a, name: "MNLA\\n::error file=README.md,line=1::forged"}\n'
        "claims:\n"
        "  - {id: c1, event: e, measure: killed, value: 4, claimant: a}\n"
        "  - {id: c2, event: e, measure: killed, value: 300, claimant: b}\n",
        encoding="utf-8",
    )
    result = run(capsys, "explain", target, path)
    assert (0, [], True) == (
        result.code,
        [line for line in result.out.splitlines() if line.startswith("::")],
        "MNLA\\n::error file=README.md,line=1::forged" in result.out,
    )


def test_check_reads_past_an_unreadable_json_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``check`` on JSON Lines with a bad byte on line 1 refuses that line and reads the
    rest: the contradiction between lines 2 and 3 is found."""
    path = tmp_path / "claims.jsonl"
    path.write_bytes(
        b'{"id": "c1", "event": "e", "measure": "killed", "value": 4, "claimant": "a\xff"}\n'
        b'{"id": "c2", "event": "e", "measure": "killed", "value": 3, "claimant": "b"}\n'
        b'{"id": "c3", "event": "e", "measure": "killed", "value": 30, "claimant": "c"}\n'
    )
    result = run(capsys, "check", "--format", "json", path)
    data = json.loads(result.out)
    assert (1, 3, 2, ["contradiction", "unreadable-file"]) == (
        result.code,
        data["summary"]["records"],
        data["summary"]["claims"],
        sorted(f["code"] for f in data["findings"]),
    )


def test_pipe_given_as_a_path_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A named pipe given on the command line is refused with exit 2, not waited on."""
    path = tmp_path / "claims.jsonl"
    os.mkfifo(path)
    result = run(capsys, "check", path)
    expected = (
        f"claimdiff: error: not a regular file or a folder (a pipe or a device?): {str(path)!r}\n"
    )
    assert (2, expected) == (result.code, result.err)


@pytest.mark.parametrize("option", ["--baseline", "--config"])
def test_configuration_files_that_are_not_utf8_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, option: str
) -> None:
    """A baseline or configuration file that is not UTF-8 is a usage error that says so."""
    path = tmp_path / ("baseline.yaml" if option == "--baseline" else "claimdiff.toml")
    path.write_bytes(b'x = "\xff"\n')
    result = run(capsys, "check", KIDAL / "claims.yaml", option, path)
    expected = f"claimdiff: error: {path}: not UTF-8 text (invalid start byte at byte 5)\n"
    assert (2, expected) == (result.code, result.err)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("sources", "../outside"),
        ("sources", "/etc"),
        ("baseline", "../outside/baseline.yaml"),
        ("sources", "link"),
        ("baseline", "link/baseline.yaml"),
    ],
)
def test_configured_path_outside_its_folder_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, key: str, value: str
) -> None:
    """A ``sources`` or ``baseline`` in ``claimdiff.toml`` that leads out of the file's folder
    (by ``..``, an absolute path or a link) is refused, naming the file and the key."""
    project = tmp_path / "project"
    shutil.copytree(KIDAL, project / "data")
    (tmp_path / "outside").mkdir()
    (project / "link").symlink_to(tmp_path / "outside")
    config = project / "claimdiff.toml"
    config.write_text(f'{key} = "{value}"\n', encoding="utf-8")
    result = run(capsys, "check", project / "data")
    expected = (
        f"claimdiff: error: {config}: {key}: {value!r} leads outside the folder of the "
        f"configuration file ({str(project)!r}, links resolved): give such a path with --{key}\n"
    )
    assert (2, "", expected) == (result.code, result.out, result.err)


def test_configured_sources_inside_its_folder_and_flags_anywhere_are_used(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A configured folder inside the file's folder is used, and a flag may name a folder
    outside it: both run the quote check."""
    project = tmp_path / "project"
    shutil.copytree(KIDAL, project / "data")
    (project / "claimdiff.toml").write_text('sources = "empty"\n', encoding="utf-8")
    (project / "empty").mkdir()
    (tmp_path / "elsewhere").mkdir()
    configured = run(capsys, "check", project / "data", "-f", "json")
    flagged = run(
        capsys, "check", project / "data", "-f", "json", "--sources", tmp_path / "elsewhere"
    )
    codes = [
        sorted({f["code"] for f in json.loads(r.out)["findings"]}) for r in (configured, flagged)
    ]
    assert [["contradiction", "unknown-document"]] * 2 == codes
