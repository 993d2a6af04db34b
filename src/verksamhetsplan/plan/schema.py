"""The plan format as JSON Schema, for editors and other validators."""

from __future__ import annotations

from typing import Any

from .model import Plan

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def plan_schema() -> dict[str, Any]:
    schema = Plan.model_json_schema()
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "vp – planfil (verksamhetsplan, handlingsplan)",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_text() -> str:
    import json

    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"


def control_schema() -> dict[str, Any]:
    """The internkontrollplan's format (internal-control/), for the same editors."""
    from .control_model import ControlPlan

    schema = ControlPlan.model_json_schema()
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "vp – internkontrollplan",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def control_schema_text() -> str:
    import json

    return json.dumps(control_schema(), ensure_ascii=False, indent=2) + "\n"
