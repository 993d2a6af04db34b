"""YAML's plain scalars as the plan format reads them: the YAML 1.2 core schema (so `no`
and `2017-11-29` stay text), the standard tags a value may carry, and the tags that are
refused because a plan file is data, never code."""

from __future__ import annotations

import re
from typing import Any

from .yaml_problems import Position, YamlProblem, mark_position

YAML_TAG = "tag:yaml.org,2002:"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_MAY_BE_NON_TEXT = frozenset("0123456789+-.~nNtTfF")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


def resolve_plain(text: str) -> Any:
    """The YAML 1.2 core schema: so `no` stays text and `2017-11-29` stays text."""
    if text and text[0] not in _MAY_BE_NON_TEXT:
        return text  # most plan values are words: skip the patterns
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    if _INT.match(text):
        return int(text)
    if _INT_OCT.match(text):
        return int(text[2:], 8)
    if _INT_HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.match(text):
        return float("nan")
    return text


class _Mark:
    """A 1-based position as the 0-based mark libyaml gives."""

    def __init__(self, position: Position) -> None:
        self.line, self.column = position[0] - 1, position[1] - 1


def resolve_at(text: str, mark: Any) -> Any:
    try:
        return resolve_plain(text)
    except ValueError:  # an integer longer than Python converts (4 300 digits)
        raise YamlProblem(
            "VP004",
            f"talet har {len(text.lstrip('+-'))} siffror; vp läser tal med högst 4 300 siffror",
            mark_position(mark),
            hint="Kontrollera värdet; ett mål- eller basvärde har sällan mer än några siffror.",
        ) from None


def tagged_scalar(tag: str, text: str, position: Position) -> Any:
    if tag in ("!", YAML_TAG + "str"):
        return text
    if tag in (YAML_TAG + "int", YAML_TAG + "float", YAML_TAG + "bool", YAML_TAG + "null"):
        value = resolve_at(text, _Mark(position))
        name = tag.removeprefix(YAML_TAG)
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if name == "float" and number:
            return float(value)
        if (
            (name == "int" and number and isinstance(value, int))
            or (name == "bool" and isinstance(value, bool))
            or (name == "null" and value is None)
        ):
            return value
        raise YamlProblem(
            "VP004", f"värdet {text!r} passar inte taggen {_short_tag(tag)}", position
        )
    raise forbidden_tag(tag, position)


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(YAML_TAG) if tag.startswith(YAML_TAG) else tag


def forbidden_tag(tag: str, position: Position) -> YamlProblem:
    return YamlProblem(
        "VP006",
        f"YAML-taggen {_short_tag(tag)} är inte tillåten: planfiler är data och får inte "
        "skapa objekt eller köra kod",
        position,
        hint="Ta bort taggen och skriv värdet som vanlig text, tal, lista eller mappning.",
    )
