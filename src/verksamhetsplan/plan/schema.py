"""The plan format and the internkontrollplan's as JSON Schema, for editors and validators."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from .model import Plan

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = model.model_json_schema()
    return {
        "$schema": SCHEMA_DIALECT,
        "title": title,
        **{k: v for k, v in schema.items() if k != "title"},
    }


def plan_schema() -> dict[str, Any]:
    return _schema(Plan, "vp – planfil (verksamhetsplan, handlingsplan)")


def control_schema() -> dict[str, Any]:
    """The internkontrollplan's format (internal-control/), for the same editors."""
    from .control_model import ControlPlan

    return _schema(ControlPlan, "vp – internkontrollplan")


def schema_text() -> str:
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"


def control_schema_text() -> str:
    return json.dumps(control_schema(), ensure_ascii=False, indent=2) + "\n"
