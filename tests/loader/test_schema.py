"""Tests for ``claimdiff._loader.schema``: the schema accepts what the loader reads and dump
writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given

from claimdiff import Dataset, json_schema, make_converter
from claimdiff._loader.load import file_data
from claimdiff.testing import datasets

EXAMPLES = Path(__file__).parent.parent.parent / "examples" / "kidal"
VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def _plain(path: Path) -> Any:
    # Dates as the loader sees them: ISO text (the schema describes JSON, where YAML's
    # timestamps are strings).
    text = path.read_text(encoding="utf-8")
    loader: Any = yaml.SafeLoader
    resolvers = {
        k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
        for k, v in loader.yaml_implicit_resolvers.items()
    }

    class NoDates(loader):  # type: ignore[misc]
        yaml_implicit_resolvers = resolvers

    return yaml.load(text, Loader=NoDates)  # a SafeLoader subclass: safe


def test_schema_is_valid() -> None:
    """The schema itself is a valid draft 2020-12 schema."""
    jsonschema.Draft202012Validator.check_schema(json_schema())


@pytest.mark.parametrize(
    "path",
    sorted(p for p in EXAMPLES.glob("*.yaml") if p.name != "baseline.yaml"),
    ids=lambda p: p.name,
)
def test_kidal_examples_validate(path: Path) -> None:
    """Every file of the Kidal example is valid against the schema."""
    assert [] == [e.message for e in VALIDATOR.iter_errors(_plain(path))]


def test_schema_rejects_unknown_fields() -> None:
    """A misspelt claim field fails validation."""
    bad = {"claims": [{"id": "a", "event": "e", "measure": "killed", "value": "4", "claimnt": "x"}]}
    assert not VALIDATOR.is_valid(bad)


def test_descriptions_come_from_docstrings() -> None:
    """Field descriptions are the model's Args: sections."""
    claimant = json_schema()["$defs"]["Claim"]["properties"]["claimant"]
    assert claimant["description"].startswith("who asserts it: the origin of the claim")


@given(ds=datasets())
def test_unstructured_datasets_validate(ds: Dataset) -> None:
    """The converter's output and dump's compacted output are both valid."""
    for data in (make_converter().unstructure(ds), file_data(ds)):
        assert [] == [e.message for e in VALIDATOR.iter_errors(data)]


def test_importing_claimdiff_leaves_the_model_classes_alone() -> None:
    """Importing claimdiff and building both schemas changes no model class's annotations."""
    import subprocess
    import sys

    code = (
        "import attrs, claimdiff\n"
        "from claimdiff._model.claims import Claim, Relay\n"
        "from claimdiff._model.values import Quantity\n"
        "claimdiff.json_schema(), claimdiff.report_schema()\n"
        "print(sorted({type(f.type).__name__ for c in (Claim, Relay, Quantity)"
        " for f in attrs.fields(c)}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "['str']\n" == out.stdout


def test_both_schemas_say_a_date_alike() -> None:
    """The dataset schema and the output schemas give a date the same schema, a pattern."""
    from claimdiff import report_schema
    from claimdiff._model.schema import DAY

    event_day = json_schema()["$defs"]["Relay"]["properties"]["published"]["anyOf"][0]
    gap_day = report_schema()["$defs"]["Range"]["properties"]["low"]["anyOf"][1]
    assert (dict(DAY), dict(DAY)) == (event_day, gap_day)


def test_schema_ids_follow_one_rule() -> None:
    """Every schema's ``$id`` names it, with the output format's version where it has one."""
    import claimdiff
    from claimdiff._reconciler.report import SCHEMA_VERSION

    ids = [
        s["$id"]
        for s in (
            json_schema(),
            claimdiff.report_schema(),
            claimdiff.check_schema(),
            claimdiff.diff_schema(),
            claimdiff.overview_schema(),
        )
    ]
    base = "https://claimdiff.invalid/schema/"
    expected = [f"{base}dataset.json"] + [
        f"{base}{n}-{SCHEMA_VERSION}.json" for n in ("report", "check", "diff", "overview")
    ]
    assert expected == ids


def test_descriptions_are_on_one_line_without_runs_of_spaces() -> None:
    """A class's description is its docstring's first paragraph, spaces collapsed."""
    described = [d["description"] for d in json_schema()["$defs"].values()]
    assert [] == [d for d in described if "  " in d or "\n" in d]


def test_a_real_diff_validates(tmp_path: Path) -> None:
    """``claimdiff diff --format json`` of the Kidal example against an edit of it validates."""
    import shutil

    from claimdiff import diff, diff_schema, load

    edited = tmp_path / "kidal"
    shutil.copytree(EXAMPLES, edited)
    claims = edited / "claims-2014.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace('value: "70"', 'value: "60-80"', 1), encoding="utf-8")
    result = make_converter().unstructure(diff(load(EXAMPLES), load(edited)))
    assert result["modified"], "the edit changes a claim"
    validator = jsonschema.Draft202012Validator(diff_schema())
    assert [] == [e.message for e in validator.iter_errors(result)]
