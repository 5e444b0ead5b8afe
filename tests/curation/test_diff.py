"""``diff()`` and `claimdiff diff`: claims added, removed, modified, re-keyed; groups moved."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import attrs
import pytest
from hypothesis import given

from claimdiff import (
    Claim,
    ClaimChange,
    Dataset,
    DatasetDiff,
    FieldChange,
    GroupChange,
    Quantity,
    diff,
    load,
)

from .._cli_helpers import KIDAL, copy_kidal, run


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_dataset_diffed_with_itself_is_empty() -> None:
    """The fixture against itself: no change at all."""
    dataset = load(KIDAL)
    assert DatasetDiff() == diff(dataset, dataset)


def test_self_diff_is_empty_for_generated_datasets() -> None:
    """Law: diff(d, d) is empty for every dataset claimdiff.testing generates."""
    from claimdiff import testing

    @given(testing.datasets())
    def law(dataset: Dataset) -> None:
        assert diff(dataset, dataset).empty

    law()


def test_added_removed_modified_and_rekeyed() -> None:
    """A new id is added, a gone id removed, a changed value modified field by field, and a
    changed party (another group) is a removal plus an addition."""
    old = load(KIDAL)
    by_id = {c.id: c for c in old.claims}
    new_claims = [
        attrs.evolve(by_id["killed-mnla"], value=Quantity.exact(45, "45"), quote="45 killed"),
        attrs.evolve(by_id["captured-mnla"], party="mali"),
        by_id["killed-mali"],
        by_id["wounded-mnla"],
        Claim(
            id="killed-new",
            event="kidal-2014",
            measure="killed",
            party="mnla",
            value=Quantity.exact(2),
            claimant="mnla",
        ),
    ]
    result = diff(old, attrs.evolve(old, claims=new_claims))
    assert ("captured-mnla", "killed-new") == result.added
    assert ("captured-mnla", "wounded-minusma") == result.removed
    assert (
        ClaimChange(
            claim="killed-mnla",
            group="kidal-2014/killed/fama",
            fields=(
                FieldChange(field="value", old="40", new="45"),
                FieldChange(field="quote", old="40 killed", new="45 killed"),
            ),
        ),
    ) == result.modified
    moved = {g.group: g.movements for g in result.groups}
    assert {
        "kidal-2014/captured/fama": ("removed",),
        "kidal-2014/captured/mali": ("added",),
        # The same claims contradict, one with another value: the camps changed.
        "kidal-2014/killed/fama": ("contradiction-changed", "narrowed"),
        "kidal-2014/killed/mnla": ("added",),
        "kidal-2014/wounded/fama": ("verdict", "narrowed"),
    } == moved


def test_new_and_resolved_contradictions() -> None:
    """A group that starts contradicting is a new contradiction; one that stops is resolved."""
    old = load(KIDAL)
    agreed = attrs.evolve(
        old,
        claims=[
            attrs.evolve(c, value=Quantity.exact(50, "50")) if c.id == "killed-mnla" else c
            for c in old.claims
        ],
    )
    resolved = diff(old, agreed).groups
    assert (
        GroupChange(
            group="kidal-2014/killed/fama",
            movements=("resolved", "narrowed"),
            old_verdict="contradiction",
            new_verdict="agreement",
            old_range="40\u201350",
            new_range="50",
            changed=("killed-mnla",),
        ),
    ) == resolved
    again = diff(agreed, old).groups[0]
    assert (again.movements, again.new_contradiction) == (("new-contradiction", "widened"), True)


def test_command_text_and_exit_code(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A change that brings a contradiction exits 1 and says what moved."""
    new = copy_kidal(tmp_path)
    _edit(new / "claims.yaml", 'value: "between 45 and 60"', 'value: "70"')
    result = run(capsys, "diff", KIDAL, new)
    assert result.code == 1
    assert result.out.splitlines() == [
        "claims: 0 added, 0 removed, 1 modified; 1 group changed",
        "~ wounded-minusma: value: between 45 and 60 \u2192 70",
        "kidal-2014/wounded/fama: new contradiction, range shifted "
        "(agreement \u2192 contradiction; 45\u201360 \u2192 50\u201370)",
    ]
    assert run(capsys, "diff", new, KIDAL).code == 0  # resolving is fine


def test_command_with_baseline_accepts_acknowledged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """With --baseline, a new contradiction that the baseline acknowledges exits 0."""
    new = copy_kidal(tmp_path)
    _edit(new / "claims.yaml", 'value: "between 45 and 60"', 'value: "70"')
    baseline = tmp_path / "baseline.yaml"
    run(capsys, "baseline", new, "-o", baseline)
    assert run(capsys, "diff", KIDAL, new, "--baseline", baseline).code == 0
    assert run(capsys, "diff", KIDAL, new).code == 1


def test_identical_versions(capsys: pytest.CaptureFixture[str]) -> None:
    """Diffing a path with itself prints `no changes` and exits 0."""
    assert run(capsys, "diff", KIDAL, KIDAL) == type(run(capsys, "diff", KIDAL, KIDAL))(
        0, "no changes\n", ""
    )


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_revision_paths(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OLD may be REV:path, a file or a folder; a bad revision exits 2 with git's message."""
    repo = tmp_path / "repo"
    shutil.copytree(KIDAL, repo / "data")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "data")
    _edit(repo / "data" / "claims.yaml", 'value: "between 45 and 60"', 'value: "70"')
    monkeypatch.chdir(repo)
    folder = run(capsys, "diff", "HEAD:data", "data")
    assert (folder.code, folder.out.splitlines()[1]) == (
        1,
        "~ wounded-minusma: value: between 45 and 60 \u2192 70",
    )
    single = run(capsys, "diff", "HEAD:data/claims.yaml", "data/claims.yaml", "-f", "json")
    assert single.code == 1  # the claims file alone: same change, actors undeclared
    bad = run(capsys, "diff", "HEAD~5:data", "data")
    assert bad.code == 2
    assert bad.err.startswith("claimdiff: error: git cat-file -t HEAD~5:data: fatal: ")


def test_git_missing_exits_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without git, a REV:path is a clear usage error."""
    monkeypatch.setattr(shutil, "which", lambda _: None)
    result = run(capsys, "diff", "HEAD:nowhere", KIDAL)
    assert (result.code, result.err) == (
        2,
        "claimdiff: error: cannot read a git revision: the git command is not installed\n",
    )


def test_declarations_that_change_meaning_are_reported() -> None:
    """A changed side, a removed alias, a new actor and a new measure kind show in the diff,
    though no claim changed: they change what the claims mean."""
    from claimdiff import Actor, DeclarationChange

    old = Dataset(
        actors=(
            Actor(id="russia", name="Russian Foreign Ministry", side=None),
            Actor(id="csp-psd", name="CSP-PSD", aliases=("PSC-PSD", "CSP")),
        ),
    )
    new = Dataset(
        actors=(
            Actor(id="russia", name="Russian Foreign Ministry", side="mali"),
            Actor(id="csp-psd", name="CSP-PSD", aliases=("CSP", "CSP-DPA")),
            Actor(id="wagner", name="Wagner Group", side="mali"),
        ),
        measures={"rebel_control_since": "date"},
    )
    assert (
        DeclarationChange(
            section="actors",
            id="csp-psd",
            change="modified",
            fields=(FieldChange(field="aliases", old="PSC-PSD", new="CSP-DPA"),),
        ),
        DeclarationChange(
            section="actors",
            id="russia",
            change="modified",
            fields=(FieldChange(field="side", old="(none)", new="mali"),),
        ),
        DeclarationChange(section="actors", id="wagner", change="added"),
        DeclarationChange(
            section="measures",
            id="rebel_control_since",
            change="added",
            fields=(FieldChange(field="kind", old="(none)", new="date"),),
        ),
    ) == diff(old, new).declarations
    assert not diff(old, new).empty
