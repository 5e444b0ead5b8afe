"""Tests for ``claimdiff._schema``: the schema accepts what the loader reads and dump writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given

from claimdiff._claims import Dataset
from claimdiff._convert import make_converter
from claimdiff._io import file_data
from claimdiff._schema import json_schema
from claimdiff.testing import datasets

EXAMPLES = Path(__file__).parent.parent / "examples" / "kidal"
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
