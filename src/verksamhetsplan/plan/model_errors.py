"""Turn pydantic's validation errors into located Swedish problems."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..common.problems import Problem, suggest
from ..common.swedish import number
from .yaml_reader import Path_, Positions, value_at

_EXPECTED = {
    "string_type": "text",
    "int_type": "ett heltal",
    "int_parsing": "ett heltal",
    "int_from_float": "ett heltal",
    "float_type": "ett tal",
    "float_parsing": "ett tal",
    "bool_type": "true eller false",
    "bool_parsing": "true eller false",
    "list_type": "en lista",
    "dict_type": "en mappning (nyckel: värde)",
    "model_type": "en mappning (nyckel: värde)",
    "model_attributes_type": "en mappning (nyckel: värde)",
    "date_type": "ett datum (ÅÅÅÅ-MM-DD)",
    "date_parsing": "ett datum (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_parsing": "ett datum (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_inexact": "ett datum (ÅÅÅÅ-MM-DD)",
}

_PATTERN_MESSAGES = {
    "period": "ogiltig period {value!r}: skriv år (2018), månad (2018-03), kvartal (2018-Q1) "
    "eller tertial (2018-T1)",
    "baseline_period": "ogiltig period {value!r}: skriv år (2018), månad (2018-03), kvartal "
    "(2018-Q1) eller tertial (2018-T1)",
    "kolada": "ogiltigt Kolada-id {value!r}: ett KPI-id ser ut som N31807 eller U00405",
}


def data_path(data: Any, loc: tuple[str | int, ...]) -> Path_:
    """The part of pydantic's location that exists in the data.

    pydantic inserts union member names (`milestone`, `list[int]`) into locations;
    they are not in the file, so they are dropped.
    """
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        in_dict = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and part < len(current)
        if in_dict or in_list:
            current = current[part]
            path.append(part)
        elif isinstance(current, dict) and index == len(loc) - 1:
            path.append(part)  # a missing or unknown key: it names the key
    return tuple(path)


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types an annotation allows (Optional, unions and Annotated removed)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        found: list[Any] = []
        for arg in typing.get_args(annotation):
            found.extend(_unwrap(arg))
        return found
    return [annotation]


def allowed_keys(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The field names of the model that stands at `loc` (a path to a mapping)."""
    candidates: list[Any] = [model]
    for part in loc:
        following: list[Any] = []
        for candidate in candidates:
            origin = typing.get_origin(candidate)
            if isinstance(part, int) and origin is list:
                following.extend(_unwrap(typing.get_args(candidate)[0]))
            elif isinstance(candidate, type) and issubclass(candidate, BaseModel):
                field = candidate.model_fields.get(str(part))
                if field is not None:
                    following.extend(_unwrap(field.annotation))
                elif _tag_of(candidate) == part:
                    following.append(candidate)  # pydantic's union-member segment
        candidates = following or candidates
    keys: list[str] = []
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            keys.extend(k for k in candidate.model_fields if k not in keys)
    return keys


def _tag_of(model: type[BaseModel]) -> str | None:
    field = model.model_fields.get("kind")
    if field is None or typing.get_origin(field.annotation) is not typing.Literal:
        return None
    return str(typing.get_args(field.annotation)[0])


def _allowed_values(expected: str) -> list[str]:
    # pydantic's ctx["expected"] looks like "'month', 'quarter' or 'year'".
    return [part.strip(" '\"") for part in expected.replace(" or ", ",").split(",") if part.strip()]


def problems_from_error(
    error: ValidationError,
    data: Any,
    positions: Positions,
    file: str,
    model: type[BaseModel],
) -> list[Problem]:
    grouped: dict[Path_, list[dict[str, Any]]] = {}
    for detail in error.errors(include_url=False):
        grouped.setdefault(data_path(data, detail["loc"]), []).append(dict(detail))
    problems = []
    for path, details in grouped.items():
        problems.append(_translate(path, details, data, positions, file, model))
    return problems


def _translate(
    path: Path_,
    details: list[dict[str, Any]],
    data: Any,
    positions: Positions,
    file: str,
    model: type[BaseModel],
) -> Problem:
    detail = details[0]
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    value = detail.get("input")
    name = str(path[-1]) if path and isinstance(path[-1], str) else None
    where = positions.of_value(path)
    hint = None

    def problem(code: str, message: str, at: tuple[int, int] | None = where) -> Problem:
        return Problem(
            code=code,
            message=message,
            file=file,
            line=at[0] if at else None,
            column=at[1] if at else None,
            hint=hint,
        )

    if any(d["type"] == "finite_number" for d in details):
        return problem(
            "VP106",
            f"värdet för {name!r} ska vara ett ändligt tal, inte {value_at(data, path)!r}",
        )
    if any(d["type"] == "too_short" for d in details):
        return problem("VP106", f"listan {name!r} får inte vara tom; ange minst ett värde")
    type_errors = [d for d in details if d["type"] in _EXPECTED]
    if len(type_errors) == len(details) and type_errors:
        wanted = list(dict.fromkeys(_EXPECTED[d["type"]] for d in type_errors))
        field = f"{name!r} " if name else ""
        shown = value_at(data, path)
        if "text" in wanted and isinstance(shown, (int, float)) and not isinstance(shown, bool):
            hint = f'Skriv värdet inom citattecken: "{shown}".'
        if isinstance(shown, str) and "," in shown and "ett tal" in wanted:
            hint = "YAML använder decimalpunkt: skriv 6.5, inte 6,5."
        return problem(
            "VP103", f"värdet för {field}ska vara {' eller '.join(wanted)}, inte {shown!r}"
        )
    if kind == "extra_forbidden":
        keys = allowed_keys(model, tuple(detail["loc"][:-1]))
        close = suggest(str(name), keys)
        if str(name).isdigit():
            # `{value: 6,5}`: in a flow mapping the comma splits the number into two entries.
            hint = "Decimaltal skrivs med punkt i YAML: 6.5, inte 6,5."
        elif close:
            hint = f"Menade du {close!r}?"
        else:
            hint = f"Tillåtna nycklar här: {', '.join(keys)}. Egna uppgifter läggs under meta:."
        return problem("VP101", f"okänd nyckel {name!r}", positions.of_key(path))
    if kind == "missing":
        parent = positions.of_value(path[:-1])
        return problem("VP102", f"obligatoriskt fält {name!r} saknas", parent)
    if kind == "union_tag_not_found":
        return problem("VP102", f"fältet {ctx.get('discriminator', 'kind')!s} saknas", where)
    if kind in ("enum", "literal_error", "union_tag_invalid"):
        allowed = (
            _allowed_values(str(ctx["expected_tags"]))
            if kind == "union_tag_invalid"
            else _allowed_values(str(ctx.get("expected", "")))
        )
        shown = ctx.get("tag", value)
        close = suggest(str(shown), allowed)
        hint = f"Menade du {close!r}?" if close else None
        if kind == "union_tag_invalid":
            path = (*path, "kind") if isinstance(value_at(data, path), dict) else path
            where = positions.of_value(path)
        return problem(
            "VP104",
            f"värdet {shown!r} är inte tillåtet; tillåtna värden: {', '.join(allowed)}",
            where,
        )
    if kind == "string_pattern_mismatch":
        template = _PATTERN_MESSAGES.get(str(name))
        if template is None and isinstance(value, str) and "/" in value:
            template = "ogiltig referens {value!r}: skriv id eller plan-id/id med små bokstäver"
        if template is None:
            template = "ogiltigt id {value!r}: använd små bokstäver a–z, siffror och - _ ."
            hint = "Å, ä och ö skrivs a och o i id, t.ex. 'forsorjningsstod'."
        return problem("VP105", template.format(value=value))
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()))
        shown = number(bound, 6) if isinstance(bound, float) else str(bound)
        word = {
            "greater_than_equal": "minst",
            "greater_than": "större än",
            "less_than_equal": "högst",
            "less_than": "mindre än",
        }[kind]
        return problem("VP106", f"värdet {value!r} är utanför det tillåtna: {word} {shown}")
    if kind == "value_error":
        return problem("VP106", str(ctx.get("error", detail["msg"])))
    return problem("VP106", f"ogiltigt värde ({detail['msg']})")
