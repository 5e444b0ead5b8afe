"""Issue #18's rules where they reach: undated figures of a running tally, the summary's count
of contradictions across groups, actors named in their wording, and the rounding policy from
the configuration, the command line, the overview, the engine and Dask."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import dask
import pytest
from hypothesis import given
from hypothesis import strategies as st

import claimdiff
from claimdiff import (
    Actor,
    Claim,
    ConfigError,
    Overview,
    Quantity,
    check,
    load,
    overview,
    read_baseline,
    read_config,
    reconcile,
)
from claimdiff.dask import reconcile_dataset

from .._cli_helpers import run

ROOT = Path(__file__).resolve().parent.parent.parent
MARAWI = ROOT / "examples" / "marawi"
KIDAL = ROOT / "examples" / "kidal"
MINUSMA = "minusma-withdrawal/strength/minusma"

ACTORS = (
    Actor(id="gov", name="Government", side="gov"),
    Actor(id="general", name="General Staff", speaks_for="gov"),
    Actor(id="rebels", name="Rebels", side="rebels"),
)
DAYS = [dt.date(2017, 6, d) for d in (1, 5, 9)]


def _figure(cid: str, value: int, claimant: str, stated: dt.date | None = None) -> Claim:
    return Claim(
        id=cid,
        event="battle",
        measure="killed",
        party="gov",
        value=Quantity.exact(value),
        claimant=claimant,
        stated=stated,
    )


# -- undated figures of a running tally -------------------------------------------------------


def test_an_undated_figure_under_the_latest_is_set_aside_and_named() -> None:
    """The government's undated 90 fits its tally before 920: set aside for 920 (never taken
    for the latest), listed as undated and named in an info finding."""
    claims = [
        _figure("a", 61, "Government", DAYS[0]),
        _figure("b", 920, "General Staff", DAYS[2]),
        _figure("u", 90, "General Staff"),
    ]
    report = reconcile(claims, actors=ACTORS)
    group = report.group("battle/killed/gov")
    assert ("single", ("a", "u")) == (
        group.verdict,
        tuple(e.claim for e in group.entries if e.superseded_by == "b"),
    )
    assert (("a",), ("u",)) == (group.revisions[0].superseded, group.revisions[0].undated)
    assert [
        (
            "info",
            "Government gave undated figures for battle/killed/gov, a running tally; an "
            "undated figure cannot be ordered: 90 (u) set aside: none lies above its latest "
            "figure 920 (b) (2017-06-09), so each is what an earlier figure of its tally "
            "would be",
        )
    ] == [(f.severity, f.message) for f in report.findings if f.code == "undated-figure"]


def test_an_undated_figure_above_the_latest_is_compared_as_stated() -> None:
    """An undated 1,200 above the latest 920 cannot be an earlier figure without the tally
    falling: it stays in play (and contradicts 920), named in the finding."""
    claims = [_figure("b", 920, "Government", DAYS[2]), _figure("u", 1200, "Government")]
    report = reconcile(claims, actors=ACTORS)
    group = report.group("battle/killed/gov")
    assert ("contradiction", (("b", "u"),), ()) == (
        group.verdict,
        group.contradictions,
        group.revisions,
    )
    assert [
        "Government gave undated figures for battle/killed/gov, a running tally; an undated "
        "figure cannot be ordered: 1200 (u) compared as stated: its latest figure 920 (b) "
        "falls below them, so they are not earlier figures of its tally"
    ] == [f.message for f in report.findings if f.code == "undated-figure"]


def test_undated_figures_of_an_origin_that_dated_none_are_compared_as_stated() -> None:
    """Two undated figures of one origin cannot be ordered at all: compared as stated."""
    claims = [_figure("u", 90, "Rebels"), _figure("v", 120, "Rebels")]
    report = reconcile(claims, actors=ACTORS)
    assert "contradiction" == report.group("battle/killed/gov").verdict
    assert [
        "Rebels gave undated figures for battle/killed/gov, a running tally; an undated "
        "figure cannot be ordered: 90 (u), 120 (v) compared as stated: it dated none of its "
        "figures"
    ] == [f.message for f in report.findings if f.code == "undated-figure"]


def test_one_undated_figure_of_its_own_is_no_finding() -> None:
    """An origin's only figure, undated, raises no question of order."""
    claims = [_figure("a", 61, "Government", DAYS[0]), _figure("u", 90, "Rebels")]
    assert () == reconcile(claims, actors=ACTORS).findings


tally = st.lists(
    st.tuples(st.integers(0, 500), st.one_of(st.none(), st.sampled_from(DAYS))),
    min_size=1,
    max_size=8,
)


@given(tally, st.randoms(use_true_random=False))
def test_a_growing_tally_with_undated_figures_never_contradicts_itself(
    told: list[tuple[int, dt.date | None]], rnd: random.Random
) -> None:
    """One origin's figures that never fall with the days, and undated figures no larger than
    its latest, are one figure in any order: a revision never turns into a contradiction by
    reordering claims."""
    # One figure a day, rising with the days (a running tally); the undated ones at or under
    # the latest.
    by_day = {day: v for v, day in told if day is not None}
    rising: list[tuple[dt.date, int]] = []
    for day in sorted(by_day):
        rising.append((day, max([by_day[day], *(v for _, v in rising)])))
    latest = rising[-1][1] if rising else None
    undated = [v if latest is None else min(v, latest) for v, day in told if day is None]
    if latest is None:
        undated = undated[:1]  # undated figures alone cannot be ordered: one of them
    claims = [_figure(f"d{i}", v, "General Staff", day) for i, (day, v) in enumerate(rising)]
    claims += [_figure(f"u{i}", v, "Government") for i, v in enumerate(undated)]
    shuffled = list(claims)
    rnd.shuffle(shuffled)
    report = reconcile(claims, actors=ACTORS)
    assert report == reconcile(shuffled, actors=ACTORS)
    assert ["single"] == [g.verdict for g in report.groups]


# -- open scopes ----------------------------------------------------------------------------


def _held(cid: str, who: str, as_of: str, stated: dt.date | None = None) -> Claim:
    return claimdiff.make_converter().structure(
        {"id": cid, "event": "e", "measure": "controller", "place": "town", "value": who,
         "as_of": as_of, "claimant": cid, **({"stated": stated.isoformat()} if stated else {})},
        Claim,
    )  # fmt: skip


days = st.dates(dt.date(2014, 1, 1), dt.date(2016, 12, 31))


@given(st.one_of(st.none(), days), days)
def test_an_open_scope_never_clashes_after_it_was_said(
    said: dt.date | None, other: dt.date
) -> None:
    """ "Since July 2014" clashes with another controller's day only on a day from the end of
    July (or the day it was said, if earlier) to the day it was said: never from an unbounded
    end, never when nobody dated it."""
    claims = [_held("a", "A", "since July 2014", said), _held("b", "B", other.isoformat())]
    clashes = [c.overlap for c in reconcile(claims).cross]
    # Said before July, it supports no day; said within July, that day only.
    certain = (
        said is not None
        and said >= dt.date(2014, 7, 1)
        and min(dt.date(2014, 7, 31), said) <= other <= said
    )
    assert ([other.isoformat()] if certain else []) == clashes


# -- the summary and the wording of contradictions across groups ------------------------------


def test_the_summary_counts_contradictions_across_groups_as_the_check_does() -> None:
    """Marawi's two clashes across groups are in the report's summary, and the check's count
    of contradictions is the groups' and those added."""
    dataset = load(MARAWI)
    report = reconcile(dataset)
    result = check(dataset, report, baseline=read_baseline(MARAWI / "baseline.yaml"))
    s = report.summary
    assert (2, 2) == (s.cross_contradictions, len(report.cross))
    assert result.summary.contradictions == s.contradictions + s.cross_contradictions


def _answers(o: Overview) -> tuple[object, ...]:
    """What an overview answers, less the groups the engine keeps whole besides."""
    return (o.summary, o.groups, o.cross, o.transpositions, o.findings, o.contradictions())


def test_the_overview_summary_counts_contradictions_across_groups() -> None:
    """The engine's overview counts them as the report does."""
    expected = Overview.of(reconcile(load(MARAWI)))
    assert 2 == expected.summary.cross_contradictions
    assert _answers(expected) == _answers(overview(MARAWI))


def test_contradictions_across_groups_name_actors_by_their_names() -> None:
    """Marawi's control clash names the government and the militants, not their ids."""
    cross = reconcile(load(MARAWI)).cross
    assert (
        "marawi-2017/controller@Marawi[2017-05-21/2017-05-31] says Government of the "
        "Philippines and marawi-2017/controller@Marawi[2017-05-29] says Maute-ISIS militants, "
        "both on 2017-05-29"
    ) == cross[0].message


def test_the_text_report_gives_the_count_across_groups() -> None:
    """The report's summary line says how many contradictions lie across groups."""
    text = claimdiff.render_text(reconcile(load(MARAWI)))
    assert (
        "16 contradictions, 6 agreements, 57 singles, 0 unknown; 2 contradictions across "
        in (text.splitlines()[0])
    )


# -- the rounding policy where the reconciler runs ---------------------------------------------


def _minusma(report: claimdiff.Report | Overview) -> tuple[int, tuple[str, ...]]:
    group = (
        report.group(MINUSMA) if isinstance(report, claimdiff.Report) else report.detail(MINUSMA)
    )
    return len(group.camps), group.rounded


def test_the_configuration_names_a_rounding_policy(tmp_path: Path) -> None:
    """``rounding = "exact"`` is read; an unknown name is refused with a suggestion."""
    (tmp_path / "claimdiff.toml").write_text('rounding = "exact"\n', encoding="utf-8")
    assert "exact" == read_config(tmp_path / "claimdiff.toml").rounding
    (tmp_path / "claimdiff.toml").write_text('rounding = "exct"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        read_config(tmp_path / "claimdiff.toml")
    assert (
        f"{tmp_path / 'claimdiff.toml'}: rounding: unknown rounding policy 'exct' (did you "
        "mean 'exact'?) (expected exact or trailing-zeros)"
    ) == str(error.value)


@pytest.mark.parametrize("command", ["report", "explain"])
def test_the_command_line_reads_with_the_rounding_policy_asked(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """``--rounding exact`` reads MINUSMA's 13,000 as written: three camps and nothing rounded,
    where the default reads it as rounded."""
    args = [command, *([MINUSMA] if command == "explain" else []), KIDAL, "--format", "json"]

    def group(*more: str) -> tuple[int, list[str]]:
        found = json.loads(run(capsys, *args, *more).out)
        if command == "report":
            found = next(g for g in found["groups"] if g["key"]["measure"] == "strength"
                         and g["key"]["event"] == "minusma-withdrawal")  # fmt: skip
        return len(found["camps"]), found["rounded"]

    assert (3, []) == group("--rounding", "exact")
    if command == "report":  # the report records the policy it was read with
        found = json.loads(run(capsys, *args, "--rounding", "exact").out)
        assert "exact" == found["rounding"]
    assert (2, [f"minusma-withdrawal.strength.{c}" for c in ("ict", "news")]) == group()


@pytest.mark.parametrize("engine", ["python", "overview"])
def test_check_takes_the_rounding_policy_from_the_configuration(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, engine: str
) -> None:
    """A project that reads figures exactly sees MINUSMA's strength change from its reviewed
    baseline on either engine; ``--rounding`` overrides the file."""
    config = tmp_path / "claimdiff.toml"
    config.write_text('rounding = "exact"\n', encoding="utf-8")
    args = ["check", KIDAL, "--baseline", KIDAL / "baseline.yaml", "--config", config]
    changed = run(capsys, *args, "--engine", engine)
    assert 1 == changed.code
    assert f"{MINUSMA}: " in changed.out
    assert 0 == run(capsys, *args, "--engine", engine, "--rounding", "trailing-zeros").code


def test_an_unknown_rounding_flag_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """``--rounding exct`` exits 2 with a suggestion."""
    result = run(capsys, "report", KIDAL, "--rounding", "exct")
    assert 2 == result.code
    assert (
        "claimdiff report: error: argument --rounding: unknown rounding policy 'exct' (did you "
        "mean 'exact'?) (expected exact or trailing-zeros)\n"
    ) == result.err.splitlines(keepends=True)[-1]


def test_overview_reads_with_the_rounding_policy_asked() -> None:
    """``overview(..., rounding=)`` is the report's overview with that policy, on the engine."""
    exact = Overview.of(reconcile(load(KIDAL), rounding="exact"))
    assert (3, "exact") == (len(exact.detail(MINUSMA).camps), exact.rounding)
    assert _answers(exact) == _answers(overview(KIDAL, rounding="exact"))
    with pytest.raises(ValueError, match="unknown rounding policy 'exct'"):
        overview(KIDAL, rounding="exct")


def test_dask_reads_with_the_rounding_policy_asked() -> None:
    """``claimdiff.dask`` passes the policy to every partition: the report is the one
    machine's with that policy."""
    dataset = load(KIDAL)
    with dask.config.set(scheduler="synchronous"):
        on_dask = reconcile_dataset(dataset, rounding="exact")
    expected = Overview.of(reconcile(dataset, rounding="exact"))
    assert ((3, ()), "exact") == (_minusma(on_dask), on_dask.rounding)
    assert _answers(expected) == _answers(on_dask)


# -- the report's schema version ----------------------------------------------------------------


def _fields(schema: object, where: str = "") -> set[str]:
    """Every property of a JSON Schema, by the path of the class that holds it."""
    found: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "properties":
                for name, sub in value.items():
                    found |= {f"{where}.{name}", *_fields(sub, f"{where}.{name}")}
            elif key == "$defs":
                for name, sub in value.items():
                    found |= _fields(sub, name)
            else:
                found |= _fields(value, where)
    elif isinstance(schema, list):
        for item in schema:
            found |= _fields(item, where)
    return found


def test_the_report_records_its_rounding_policy() -> None:
    """A report says which rounding policy read its figures: by name, or a callable's name."""

    def tens(value: Quantity) -> tuple[float, float] | None:
        return None

    claims = [_figure("a", 61, "Government", DAYS[0])]
    assert ["trailing-zeros", "exact", "tens"] == [
        reconcile(claims, rounding=r).rounding for r in (None, "exact", tens)
    ]


def test_the_schema_version_moves_with_the_report_fields() -> None:
    """The report's fields are those of its schema version: a field added, removed or renamed
    must bump ``SCHEMA_VERSION`` (and this digest) together."""
    import hashlib

    from claimdiff import report_schema
    from claimdiff._reconciler.report import SCHEMA_VERSION

    names = "\n".join(sorted(_fields(report_schema())))
    digest = hashlib.sha256(names.encode()).hexdigest()[:16]
    assert ("2.0", "c09247a2f9c59875") == (SCHEMA_VERSION, digest), names


def test_a_baseline_written_with_the_configured_rounding_matches_the_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``baseline`` reads with the configuration's rounding policy, as ``check`` does, so the
    baseline it writes acknowledges every contradiction the check finds."""
    config = tmp_path / "claimdiff.toml"
    config.write_text('rounding = "exact"\n', encoding="utf-8")
    written = tmp_path / "baseline.yaml"
    assert 0 == run(capsys, "baseline", KIDAL, "--config", config, "-o", written).code
    checked = run(capsys, "check", KIDAL, "--config", config, "--baseline", written)
    assert 0 == checked.code, checked.out
    entry = next(e for e in read_baseline(written).entries if e.group == MINUSMA)
    assert 3 == len(entry.claims)


def test_diff_reads_both_versions_with_the_rounding_policy_asked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A second source's "13,000" next to "12,944" brings no contradiction by default, and one
    under ``--rounding exact`` (exit 1)."""
    claim = "- {{id: {0}, event: e, measure: strength, value: '{1}', claimant: {0}}}\n"
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text("claims:\n" + claim.format("a", "12,944"), encoding="utf-8")
    new.write_text(old.read_text(encoding="utf-8") + claim.format("b", "13,000"), encoding="utf-8")
    assert 0 == run(capsys, "diff", old, new).code
    assert 1 == run(capsys, "diff", old, new, "--rounding", "exact").code


def test_a_revision_names_its_falls_as_the_findings_do() -> None:
    """A tally's falls are on its revision, (earlier, later), exactly the pairs its
    ``revised-down`` findings name: the AFP's "at least 138" then 136 on Marawi."""
    report = reconcile(load(MARAWI))
    falls = {
        (group.key, fall)
        for group in report.groups
        for revision in group.revisions
        for fall in revision.falls
    }
    named = {
        (group.key, fall)
        for group in report.groups
        for f in report.findings
        if f.code == "revised-down" and f.location.record == str(group.key)
        for revision in group.revisions
        for fall in [
            tuple(
                c
                for _, c in sorted(
                    (f.message.find(f"({c}, "), c)
                    for c in revision.claims
                    if f"({c}, " in f.message
                )
            )
        ]
        if len(fall) == 2
    }
    assert falls == named
    assert ("tally.militants-killed.afp-138", "tally.militants-killed.afp-136") in {
        fall for _, fall in falls
    }
