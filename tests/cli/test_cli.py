"""The ``claimdiff`` command through its entry point: exit codes, streams, formats, config."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import attrs
import jsonschema
import pytest

from claimdiff import check, check_schema, load, make_converter, reconcile, report_schema
from claimdiff._curation.baseline import dump_baseline, entries_for

from .._cli_helpers import KIDAL, KILLED, SOURCES, copy_kidal, run


def _library_json(value: object) -> str:
    data = make_converter().unstructure(value)
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_report_text_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """`report` prints the summary line and the contradiction first, and exits 0."""
    result = run(capsys, "report", KIDAL)
    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert lines[0] == (
        "5 records, 5 claims in 3 groups: 1 contradiction, 1 agreement, 1 single, 0 unknown; "
        "0 transpositions; 0 errors, 0 warnings"
    )
    assert lines[2:4] == ["Contradictions (1)", f"  {KILLED}"]


def test_report_json_equals_library(capsys: pytest.CaptureFixture[str]) -> None:
    """`report --format json` is exactly the library's unstructured report."""
    result = run(capsys, "report", KIDAL, "--format", "json")
    assert result.code == 0
    assert _library_json(reconcile(load(KIDAL))) == result.out


def test_report_with_estimate(capsys: pytest.CaptureFixture[str]) -> None:
    """`report --estimate` prints each group's best estimate under its line, with the reason,
    and its JSON is the library's report with estimates."""
    result = run(capsys, "report", KIDAL, "--estimate", "conservative")
    lines = result.out.splitlines()
    assert lines[3] == f"  {KILLED}"
    assert lines[4].startswith("    best estimate (conservative): 40 (low 40, high 50); ")
    result = run(capsys, "report", KIDAL, "--estimate", "conservative", "--format", "json")
    expected = reconcile(load(KIDAL), estimate="conservative")
    assert (0, _library_json(expected)) == (result.code, result.out)


def test_check_json_equals_library(capsys: pytest.CaptureFixture[str]) -> None:
    """`check --format json` is exactly the unstructured result of `check()`."""
    result = run(capsys, "check", KIDAL, "--format", "json", "--sources", SOURCES)
    dataset = load(KIDAL)
    expected = check(dataset, reconcile(dataset), sources=SOURCES)
    assert (result.code, _library_json(expected)) == (1, result.out)


def test_json_outputs_match_their_schemas(capsys: pytest.CaptureFixture[str]) -> None:
    """The JSON of `report` and `check` validates against `claimdiff schema report|check`."""
    report = json.loads(run(capsys, "report", KIDAL, "-f", "json").out)
    checked = json.loads(run(capsys, "check", KIDAL, "-f", "json").out)
    jsonschema.validate(report, report_schema())
    jsonschema.validate(checked, check_schema())
    printed = run(capsys, "schema", "report")
    assert (printed.code, json.loads(printed.out)) == (0, report_schema())


def test_unacknowledged_contradiction_fails(capsys: pytest.CaptureFixture[str]) -> None:
    """A contradiction nobody acknowledged is an error: exit 1, with the camps named."""
    result = run(capsys, "check", KIDAL)
    assert result.code == 1
    assert result.out.splitlines() == [
        f"{KIDAL / 'claims.yaml'}:14:5: error: {KILLED} [contradiction]",
        "claimdiff check: failed: 5 claims in 3 groups; 1 contradiction (0 acknowledged, 1 not); "
        "1 error, 0 warnings",
    ]


def test_acknowledged_contradiction_passes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """With the contradiction in the baseline, check exits 0."""
    baseline = tmp_path / "baseline.yaml"
    entries = [attrs.evolve(e, reason="reviewed") for e in entries_for(reconcile(load(KIDAL)))]
    baseline.write_text(dump_baseline(entries), encoding="utf-8")
    result = run(capsys, "check", KIDAL, "--baseline", baseline, "--sources", SOURCES)
    assert result.code == 0
    assert result.out == (
        "claimdiff check: passed: 5 claims in 3 groups; 1 contradiction (1 acknowledged, 0 not); "
        "0 errors, 0 warnings\n"
    )


def test_baseline_beside_the_data_is_not_read_as_data(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A baseline kept in the dataset's folder is not loaded as a dataset file."""
    data = copy_kidal(tmp_path)
    assert run(capsys, "baseline", data, "-o", data / "baseline.yaml").code == 0
    result = run(capsys, "check", data, "--baseline", data / "baseline.yaml")
    # The summary, and the one entry whose reason nobody wrote yet.
    assert (result.code, result.out.count("\n")) == (0, 2)
    assert "[unreviewed-baseline]" in result.out


@pytest.mark.parametrize(
    ("fail_on", "code"), [("error", 1), ("warning", 0), ("none", 0), ("error,warning", 1)]
)
def test_fail_on_chooses_the_severities(
    capsys: pytest.CaptureFixture[str], fail_on: str, code: int
) -> None:
    """`--fail-on` lists the severities that fail; `none` never fails."""
    assert run(capsys, "check", KIDAL, "--fail-on", fail_on).code == code


def test_no_such_path_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A path that does not exist is a usage error, said on stderr."""
    result = run(capsys, "check", "no/such/claims.yaml")
    assert result == type(result)(
        2, "", "claimdiff: error: no such file or directory: 'no/such/claims.yaml'\n"
    )


def test_nothing_readable_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """When no file could be read at all (here: a binary file), the exit code is 2."""
    binary = tmp_path / "claims.yaml"
    binary.write_bytes(b"\x00\x01\x02\xff\xfe")
    result = run(capsys, "check", binary)
    assert result.code == 2
    assert result.err.endswith(f"claimdiff: error: nothing could be read from '{binary}'\n")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """argparse usage errors (unknown format, no subcommand) exit 2."""
    assert run(capsys, "check", KIDAL, "--format", "yaml").code == 2
    assert run(capsys, "frobnicate").code == 2
    assert "invalid choice: 'yaml'" in run(capsys, "report", KIDAL, "-f", "yaml").err


def test_bad_fail_on_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown severity in --fail-on is a usage error with a did-you-mean."""
    result = run(capsys, "check", KIDAL, "--fail-on", "eror")
    assert (result.code, result.err) == (
        2,
        "claimdiff: error: --fail-on: unknown severity 'eror' (did you mean 'error'?) "
        "(expected error, warning, info or none)\n",
    )


def test_output_writes_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`--output FILE` writes the data to FILE and nothing to stdout."""
    target = tmp_path / "report.md"
    result = run(capsys, "report", KIDAL, "--format", "markdown", "-o", target)
    assert (result.code, result.out) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("## claimdiff report\n")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """ANSI colour appears on a terminal, not in a pipe, and never with NO_COLOR set."""
    assert "\033[" not in run(capsys, "check", KIDAL).out
    monkeypatch.delenv("NO_COLOR", raising=False)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert run(capsys, "check", KIDAL).code == 1
    assert "\033[31;1merror\033[0m" in terminal.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    plain = _Terminal()
    monkeypatch.setattr(sys, "stdout", plain)
    run(capsys, "check", KIDAL)
    assert "\033[" not in plain.getvalue()


def test_config_file_is_found_and_flags_override_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`claimdiff.toml` found above the data sets fail-on and sources; a flag wins over it."""
    data = copy_kidal(tmp_path)
    shutil.copytree(SOURCES, tmp_path / "sources")  # a configured path stays in its folder
    (tmp_path / "claimdiff.toml").write_text(
        'fail-on = ["warning"]\nsources = "sources"\n', encoding="utf-8"
    )
    assert run(capsys, "check", data).code == 0  # the contradiction is an error: not failing
    assert run(capsys, "check", data, "--fail-on", "error").code == 1
    (data / "claims.yaml").write_text(
        (data / "claims.yaml")
        .read_text(encoding="utf-8")
        .replace('"70 captured"', '"71 captured"'),
        encoding="utf-8",
    )
    result = run(capsys, "check", data, "--fail-on", "error", "-f", "json")
    codes = [f["code"] for f in json.loads(result.out)["findings"]]
    assert codes == ["contradiction", "quote-not-found"]  # sources came from the file


def test_pyproject_table_is_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`[tool.claimdiff]` in pyproject.toml configures the run."""
    data = copy_kidal(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.claimdiff]\nfail-on = "none"\n', encoding="utf-8"
    )
    assert run(capsys, "check", data).code == 0


def test_unknown_config_key_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An unknown key in the configuration is a usage error with a did-you-mean."""
    data = copy_kidal(tmp_path)
    config = tmp_path / "claimdiff.toml"
    config.write_text('fail_on = ["error"]\n', encoding="utf-8")
    result = run(capsys, "check", data)
    assert (result.code, result.err) == (
        2,
        f"claimdiff: error: {config}: unknown key 'fail_on' (did you mean 'fail-on'?)\n",
    )


def test_explicit_config_flag(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`--config FILE` is used instead of searching; a missing one is a usage error."""
    config = tmp_path / "ci.toml"
    config.write_text('fail-on = "none"\n', encoding="utf-8")
    assert run(capsys, "check", KIDAL, "--config", config).code == 0
    missing = run(capsys, "check", KIDAL, "--config", tmp_path / "nope.toml")
    assert missing.code == 2


def test_explain_a_claim(capsys: pytest.CaptureFixture[str]) -> None:
    """`explain ID` shows the claim's chain, group, camp and its relation to the others."""
    result = run(capsys, "explain", "killed-mnla", KIDAL)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "claim killed-mnla"
    assert "  via          Le Point > encyclopedia" in lines
    assert "  group        kidal-2014/killed/fama (contradiction)" in lines
    assert "  camp         40 (MNLA via Le Point, encyclopedia)" in lines
    assert lines[-1] == (
        "    contradict  killed-mali: 50 (Malian government via Reuters): "
        "no value fits both; the nearest are 10 apart (20%)"
    )


def test_explain_a_group_and_a_typo(capsys: pytest.CaptureFixture[str]) -> None:
    """`explain` takes a group key too; an unknown one exits 2 with a did-you-mean."""
    result = run(capsys, "explain", "kidal-2014/killed/fama", KIDAL)
    assert result.out.splitlines()[:2] == [
        "group kidal-2014/killed/fama",
        "  verdict      contradiction (quantity)",
    ]
    typo = run(capsys, "explain", "kidal-2014/kiled/fama", KIDAL)
    assert (typo.code, typo.err) == (
        2,
        "claimdiff: error: no claim or group 'kidal-2014/kiled/fama' "
        "(did you mean 'kidal-2014/killed/fama'?)\n",
    )


def test_schema_dataset(capsys: pytest.CaptureFixture[str]) -> None:
    """`schema` prints the dataset schema by default."""
    result = run(capsys, "schema")
    assert result.code == 0
    assert json.loads(result.out)["title"] == "claimdiff dataset"


def _script() -> Path:
    scripts = Path(sysconfig.get_path("scripts"))
    return scripts / ("claimdiff.exe" if os.name == "nt" else "claimdiff")


@pytest.mark.skipif(not _script().exists(), reason="the claimdiff script is not installed")
def test_installed_script_smoke() -> None:
    """The installed `claimdiff` script runs, exits 1 on a contradiction and 2 on bad usage."""
    done = subprocess.run(
        [str(_script()), "check", str(KIDAL)], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout.splitlines()[0].endswith("[contradiction]")) == (1, True)
    bad = subprocess.run([str(_script()), "check"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2
    assert "the following arguments are required: PATH" in bad.stderr


def test_report_html(capsys: pytest.CaptureFixture[str]) -> None:
    """`report --format html` hands the report and dataset to the HTML renderer."""
    result = run(capsys, "report", KIDAL, "--format", "html")
    assert (result.code, result.out.startswith("<!DOCTYPE html>")) == (0, True)


def test_check_on_dask_equals_check_here(capsys: pytest.CaptureFixture[str]) -> None:
    """`check --engine dask` reconciles on a local Dask cluster and reports the very same."""
    pytest.importorskip("distributed", reason="needs claimdiff[dask]")
    here = run(capsys, "check", KIDAL, "--format", "json")
    there = run(capsys, "check", KIDAL, "--format", "json", "--engine", "dask")
    assert (here.code, here.out) == (there.code, there.out)


def test_check_accounts_for_rejected_records(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A record that cannot be used is named with file, line and field, and the summary still
    counts it: three records read, two rejected, one claim reconciled."""
    data = tmp_path / "claims.yaml"
    data.write_text(
        "claims:\n"
        "  - {id: a, event: e, measure: killed, value: fourty, claimant: MNLA}\n"
        "  - {id: b, event: e, measure: killed, value: '50', claimnt: Malian government}\n"
        "  - {id: c, event: e, measure: killed, value: '40', claimant: MNLA}\n",
        encoding="utf-8",
    )
    result = run(capsys, "check", str(data))
    assert result.code == 1
    assert result.out.splitlines() == [
        f"{data}:2:47, record a, field value: error: expected a number, range or bound, "
        "got 'fourty' @ claims[0].value [invalid-value]",
        f"{data}:3:53, record b, field claimnt: error: unknown field 'claimnt' "
        "(did you mean 'claimant'?) @ claims[1] [unknown-field]",
        "claimdiff check: failed: 3 records read, 2 rejected; 1 claim in 1 group; "
        "0 contradictions (0 acknowledged, 0 not); 2 errors, 0 warnings",
    ]


def test_format_choices_are_the_renderer_tables() -> None:
    """Each command's ``--format`` choices are its table of renderers, the first the default."""
    from claimdiff.cli import CHECK_FORMATS, DIFF_FORMATS, REPORT_FORMATS, build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert commands is not None
    found = {}
    for name in ("check", "report", "diff"):
        option = next(a for a in commands[name]._actions if a.dest == "format")
        found[name] = (tuple(option.choices or ()), option.default)
    expected = {
        name: (tuple(table), next(iter(table)))
        for name, table in (
            ("check", CHECK_FORMATS),
            ("report", REPORT_FORMATS),
            ("diff", DIFF_FORMATS),
        )
    }
    assert expected == found
