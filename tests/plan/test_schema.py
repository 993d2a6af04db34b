"""The JSON Schema: valid, up to date, and in agreement with vp validate on schema errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import CASES, ROOT
from verksamhetsplan.plan.schema import plan_schema
from verksamhetsplan.plan.yaml_problems import YamlProblem
from verksamhetsplan.plan.yaml_reader import read_file

SCHEMA = plan_schema()
VALIDATOR = Draft202012Validator(SCHEMA)


def test_schema_is_valid_json_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)


def test_shipped_schema_file_is_up_to_date() -> None:
    shipped = json.loads((ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    if '"allOf": [{"$ref"' in json.dumps(SCHEMA):
        # An older pydantic in the allowed range (.ci/lowest) writes the same schema with
        # {"allOf": [{"$ref": …}]} and floats for whole bounds; the file is written by the
        # newest. There the shipped schema must still accept every shipped plan.
        checker = Draft202012Validator(shipped)
        for plan in sorted((ROOT / "plans").rglob("*.yaml")):
            assert not list(checker.iter_errors(read_file(plan)[0])), plan
        return
    assert shipped == SCHEMA, "kör: vp schema -o schema/plan.schema.json"


def test_descriptions_are_swedish() -> None:
    goal = SCHEMA["$defs"]["Goal"]["properties"]
    assert goal["text"]["description"] == "Målet ordagrant som det antogs."
    assert "minskning" in SCHEMA["$defs"]["RelativeChange"]["properties"]["percent"]["description"]


def _yaml_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*.yaml"))


SCHEMA_CODES = ("VP101", "VP102", "VP103", "VP104", "VP105")
SCHEMA_ERRORS = [p for code in SCHEMA_CODES for p in _yaml_files(CASES / "invalid" / code)]
PASSING = _yaml_files(CASES / "valid") + _yaml_files(ROOT / "plans")


@pytest.mark.parametrize("path", PASSING, ids=lambda p: p.name)
def test_json_schema_accepts_what_vp_accepts(path: Path) -> None:
    data, _ = read_file(path)
    assert list(VALIDATOR.iter_errors(data)) == []


@pytest.mark.parametrize("path", SCHEMA_ERRORS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_json_schema_rejects_what_vp_rejects_as_schema_errors(path: Path) -> None:
    try:
        data, _ = read_file(path)
    except YamlProblem:
        pytest.skip("not YAML at all: no schema applies")
    assert list(VALIDATOR.iter_errors(data)) != []


def test_the_internkontrollplan_schema_is_shipped_and_accepts_the_example() -> None:
    from verksamhetsplan.plan.schema import control_schema

    schema = control_schema()
    Draft202012Validator.check_schema(schema)
    shipped = json.loads((ROOT / "schema" / "internal-control.schema.json").read_text("utf-8"))
    checker = Draft202012Validator(shipped)
    for path in sorted((ROOT / "internal-control").rglob("*.yaml")):
        assert not list(checker.iter_errors(read_file(path)[0])), path
    if '"allOf": [{"$ref"' not in json.dumps(schema):  # see the plan schema's test above
        assert shipped == schema, (
            "kör: vp schema --internal-control -o schema/internal-control.schema.json"
        )
    wrong = read_file(ROOT / "internal-control/degerfors/socialnamnden-2018.yaml")[0]
    wrong["risks"][0]["decision"] = "ignore"
    assert list(checker.iter_errors(wrong))
