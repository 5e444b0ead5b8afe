"""Baselines: fingerprints, the file format, merging reasons, and the `baseline` command."""

from __future__ import annotations

import hashlib
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimdiff import Baseline, BaselineEntry, BaselineError, load, read_baseline, reconcile
from claimdiff._curation.baseline import (
    CHANGED_PREFIX,
    TODO_REASON,
    dump_baseline,
    entries_for,
    fingerprint,
    merge,
    parse_baseline,
)

from .._cli_helpers import KIDAL, copy_kidal, run


def test_fingerprint_is_the_documented_hash() -> None:
    """The fingerprint is sha256 of the key and each camp's claims with their values, one per
    line (camps sorted), 16 hex digits."""
    group = reconcile(load(KIDAL)).group("kidal-2014/killed/fama")
    text = "kidal-2014/killed/fama\n0\tkilled-mali\t50\n1\tkilled-mnla\t40"
    assert hashlib.sha256(text.encode()).hexdigest()[:16] == fingerprint(group)


def test_fingerprint_of_format_1_is_the_ids_only() -> None:
    """Format 1 fingerprints the key and the sorted contradicting ids, as it always did."""
    group = reconcile(load(KIDAL)).group("kidal-2014/killed/fama")
    text = "kidal-2014/killed/fama\nkilled-mali\nkilled-mnla"
    assert hashlib.sha256(text.encode()).hexdigest()[:16] == fingerprint(group, version=1)
    assert fingerprint(group, version=1) == fingerprint(
        "kidal-2014/killed/fama", ["killed-mnla", "killed-mali"]
    )


def test_a_claim_changing_camp_or_value_changes_the_fingerprint() -> None:
    """Moving a claim to another camp, or changing its value, changes the fingerprint."""
    group = reconcile(load(KIDAL)).group("kidal-2014/killed/fama")
    a, b = group.camps
    moved = attrs.evolve(group, camps=(attrs.evolve(a, claims=(*a.claims, "x")), b))
    other = attrs.evolve(group, camps=(a, attrs.evolve(b, claims=(*b.claims, "x"))))
    revalued = attrs.evolve(
        group, entries=tuple(attrs.evolve(e, value=e.value + "0") for e in group.entries)
    )
    prints = {fingerprint(g) for g in (group, moved, other, revalued)}
    assert 4 == len(prints)


def test_a_format_1_file_is_read_and_upgraded_with_its_reasons(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A version 1 file still matches by its fingerprints, and ``baseline -o`` rewrites it in
    the current format with every reason kept."""
    data = copy_kidal(tmp_path)
    report = reconcile(load(data))
    old = [
        BaselineEntry(
            group=e.group,
            fingerprint=fingerprint(e.group, e.claims),
            claims=e.claims,
            reason="reviewed",
        )
        for e in entries_for(report)
    ]
    path = tmp_path / "baseline.yaml"
    path.write_text(dump_baseline(old).replace("version: 2", "version: 1"), encoding="utf-8")
    baseline = read_baseline(path)
    assert 1 == baseline.version
    with pytest.raises(BaselineError) as info:
        baseline.require_current()
    assert str(info.value) == (
        f"{path} is baseline format 1, which fingerprints the contradicting claims' ids only, "
        f"not their camps and values; upgrade it with `claimdiff baseline PATHS -o {path}` "
        "(every reason is kept)"
    )
    assert 0 == run(capsys, "baseline", data, "-o", path).code
    upgraded = read_baseline(path)
    assert (2, ["reviewed"] * len(old)) == (
        upgraded.version,
        [e.reason for e in upgraded.entries],
    )
    assert [e.fingerprint for e in entries_for(report)] == [e.fingerprint for e in upgraded.entries]


def test_an_unknown_version_is_refused() -> None:
    """A file of a version this claimdiff does not know is refused, saying why."""
    with pytest.raises(BaselineError) as info:
        parse_baseline("version: 3\nacknowledged: []\n", "b.yaml")
    assert str(info.value) == (
        "b.yaml:1: unknown baseline version '3' (this claimdiff reads versions 1 and 2; a newer "
        "file needs a newer claimdiff)"
    )


def test_round_trip() -> None:
    """Parsing a dumped baseline gives its entries back, sorted, with lines recorded."""
    entries = (
        BaselineEntry(group="b/x", fingerprint="2" * 16, claims=("c", "d"), reason="known"),
        BaselineEntry(group="a/x", fingerprint="1" * 16, claims=("a", "b")),
    )
    parsed = parse_baseline(dump_baseline(entries), "baseline.yaml")
    assert tuple(sorted(entries, key=lambda e: e.group)) == parsed.entries
    assert [6, 10] == [e.line for e in parsed.entries]


def test_dump_format() -> None:
    """The file is commented YAML with a version and sorted entries."""
    entry = BaselineEntry(group="kidal-2014/killed/fama", fingerprint="ab" * 8, claims=("x", "y"))
    assert dump_baseline([entry]).splitlines()[3:] == [
        "version: 2",
        "acknowledged:",
        "- group: kidal-2014/killed/fama",
        "  fingerprint: abababababababab",
        "  claims: [x, y]",
        f"  reason: '{TODO_REASON}'",
    ]


def test_merge_keeps_reasons_and_flags_changed_groups() -> None:
    """Matching entries keep their reason; a changed group keeps it behind a TODO marker;
    entries that match no contradiction are returned as dropped."""
    kept = BaselineEntry(group="g/1", fingerprint="1" * 16, reason="MNLA inflates")
    changed = BaselineEntry(group="g/2", fingerprint="2" * 16, reason="different counts")
    gone = BaselineEntry(group="g/3", fingerprint="3" * 16, reason="old")
    current = [
        BaselineEntry(group="g/1", fingerprint="1" * 16),
        BaselineEntry(group="g/2", fingerprint="4" * 16),
    ]
    merged, dropped = merge(current, Baseline(entries=(kept, changed, gone)))
    assert [e.reason for e in merged] == ["MNLA inflates", CHANGED_PREFIX + "different counts"]
    assert (gone,) == dropped


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "acknowledged: [\n",
            "b.yaml:2: malformed YAML: expected the node content, but found '<stream end>'",
        ),
        ("acknowledged:\n- group: g\n", "b.yaml:2: entry has no 'fingerprint'"),
        (
            "acknowledged:\n- group: g\n  fingerprnt: x\n",
            "b.yaml:2: unknown key 'fingerprnt' (did you mean 'fingerprint'?)",
        ),
        ("acknowledged: 3\n", "b.yaml:1: expected a list of acknowledged contradictions"),
        ("a: &a [1]\nacknowledged: *a\n", "b.yaml:2: YAML aliases are not allowed in a baseline"),
        (
            "acknowledge: []\n",
            "b.yaml:1: unknown key 'acknowledge' (expected 'version' and 'acknowledged')",
        ),
    ],
)
def test_bad_baselines_are_refused(text: str, message: str) -> None:
    """Each malformed baseline gives an exact message with file and line."""
    with pytest.raises(BaselineError) as error:
        parse_baseline(text, "b.yaml")
    assert message == str(error.value)


def test_empty_baseline_is_empty() -> None:
    """An empty file and an empty list are empty baselines."""
    assert () == parse_baseline("", "b.yaml").entries
    assert () == parse_baseline("acknowledged: []\n", "b.yaml").entries


def test_command_writes_and_rerun_keeps_reasons(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`baseline -o FILE` writes the contradictions; re-running keeps a curator's reason."""
    target = tmp_path / "baseline.yaml"
    first = run(capsys, "baseline", KIDAL, "-o", target)
    assert (first.code, first.err) == (
        0,
        f"claimdiff: wrote 1 acknowledged contradiction(s) to {target}; 1 need a reason\n",
    )
    assert entries_for(reconcile(load(KIDAL))) == read_baseline(target).entries
    target.write_text(
        target.read_text(encoding="utf-8").replace(f"'{TODO_REASON}'", "counts differ by side"),
        encoding="utf-8",
    )
    again = run(capsys, "baseline", KIDAL, "-o", target)
    assert again.err.endswith("; 0 need a reason\n")
    assert ["counts differ by side"] == [e.reason for e in read_baseline(target).entries]


def test_stale_entry_is_reported_by_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """After the contradiction is resolved, check warns about the stale entry."""
    data = copy_kidal(tmp_path)
    baseline = tmp_path / "baseline.yaml"
    run(capsys, "baseline", data, "-o", baseline)
    claims = data / "claims.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace('value: "40"', 'value: "50"'), encoding="utf-8"
    )
    result = run(capsys, "check", data, "--baseline", baseline)
    assert result.code == 0  # a warning does not fail by default
    assert result.out.splitlines()[0] == (
        f"{baseline}:6, record kidal-2014/killed/fama: warning: baseline entry "
        f"{read_baseline(baseline).entries[0].fingerprint} for kidal-2014/killed/fama matches "
        "nothing: the group no longer contradicts (now agreement) [stale-baseline]"
    )
    assert run(capsys, "check", data, "--baseline", baseline, "--fail-on", "warning").code == 1


def test_unreadable_baseline_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A missing or malformed baseline is input that cannot be read: exit 2."""
    assert run(capsys, "check", KIDAL, "--baseline", tmp_path / "nope.yaml").code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("acknowledged: 3\n", encoding="utf-8")
    result = run(capsys, "check", KIDAL, "--baseline", bad)
    assert (result.code, result.err) == (
        2,
        f"claimdiff: error: {bad}:1: expected a list of acknowledged contradictions\n",
    )


_texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(
    lambda t: t.strip() == t
)


@given(
    st.lists(
        st.builds(
            BaselineEntry,
            group=_texts,
            fingerprint=st.text("0123456789abcdef", min_size=16, max_size=16),
            claims=st.lists(_texts, max_size=3, unique=True).map(lambda c: tuple(sorted(c))),
            reason=_texts,
        ),
        max_size=4,
        unique_by=lambda e: (e.group, e.fingerprint),
    )
)
def test_baselines_round_trip(entries: list[BaselineEntry]) -> None:
    """Parsing a dumped baseline gives back every entry, sorted, in the current format."""
    parsed = parse_baseline(dump_baseline(entries), "b.yaml")
    assert (sorted(entries, key=lambda e: (e.group, e.fingerprint)), 2) == (
        list(parsed.entries),
        parsed.version,
    )
