"""The plan format's building blocks: id, reference and period patterns (and the day a
period ends), the annotated field types every model uses, and the strict base model
(unknown keys are errors)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)

PERIOD_PATTERN = r"^[12][0-9]{3}(-(0[1-9]|1[0-2]|Q[1-4]|T[1-3]))?$"
# What a follow-up (and an assessment) can be for: also a half-year.
FOLLOW_UP_PATTERN = r"^[12][0-9]{3}(-(0[1-9]|1[0-2]|Q[1-4]|T[1-3]|H[12]))?$"
ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"
# A reference is a local id or `plan-id/id` for something defined in another plan file.
REF_PATTERN = r"^([a-z0-9][a-z0-9_.-]*/)?[a-z0-9][a-z0-9_.-]*$"
KOLADA_PATTERN = r"^[NU]\d{5}$"


def _year_as_text(value: Any) -> Any:
    # `period: 2017` is an int in YAML; periods are text so that 2017 and 2017-Q1 compare alike.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _period_type(pattern: str, description: str) -> Any:
    """A period field: text or a bare year, matching the pattern, described for editors."""
    return Annotated[
        str,
        BeforeValidator(_year_as_text),
        Field(pattern=pattern),
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "integer", "minimum": 1000, "maximum": 9999},
                    {"type": "string", "pattern": pattern},
                ],
                "description": description,
            }
        ),
    ]


Period = _period_type(
    PERIOD_PATTERN,
    "Period: år (2018), månad (2018-03), kvartal (2018-Q1) eller tertial (2018-T1).",
)
FollowUpPeriod = _period_type(
    FOLLOW_UP_PATTERN,
    "Uppföljningsperiod: år (2018), månad (2018-03), kvartal (2018-Q1), tertial (2018-T2, "
    "delåret januari–augusti) eller halvår (2018-H1).",
)
Id = Annotated[str, Field(pattern=ID_PATTERN, description="Id: små bokstäver, siffror, - _ .")]
Ref = Annotated[
    str,
    Field(
        pattern=REF_PATTERN,
        description="Referens: ett id i samma plan, eller plan-id/id för en annan planfil.",
    ),
]
Year = Annotated[int, Field(ge=1900, le=2200)]
Markdown = Annotated[str, Field(description="Text i Markdown.")]
Meta = Annotated[
    dict[str, Any] | None,
    Field(description="Fria uppgifter som vp inte tolkar (till exempel egna fält)."),
]


class Strict(BaseModel):
    # .nan and .inf are no targets or baselines: every number in a plan is finite.
    model_config = ConfigDict(
        extra="forbid", frozen=True, use_enum_values=False, allow_inf_nan=False
    )


# Findings of `vp lint` that the plan accepts, each with its reason: {VP503: "…"}.
Accepted = Annotated[
    dict[Annotated[str, Field(pattern=r"^VP5[0-9]{2}$")], str],
    Field(
        default_factory=dict,
        description="Fynd från vp lint som godtas, med skälet: kod → skäl (t.ex. VP502: "
        "Nyckeltalet är nytt, inget nuläge finns). Skälet visas i stället för fyndet.",
    ),
]


@cache
def period_end(period: str) -> dt.date:
    """The last day of a period: the day after which its value can be known."""
    year = int(period[:4])
    if len(period) == 4:
        return dt.date(year, 12, 31)
    part = period[5:]
    if part[0] == "Q":
        last_month = int(part[1]) * 3
    elif part[0] == "H":  # a half-year: a follow-up period, never a data period
        last_month = int(part[1]) * 6
    elif part[0] == "T":
        last_month = int(part[1]) * 4
    else:
        last_month = int(part)
    if last_month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, last_month + 1, 1) - dt.timedelta(days=1)
