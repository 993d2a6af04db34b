"""Goals (mål) and how they are measured: targets, baselines, measures (mått), the verdict
rule that combines measures, and a person's assessments."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    Field,
    model_validator,
)

from .fields import Id, Markdown, Meta, Period, Ref, Strict, Year
from .vocabulary import Gender, Status


class Baseline(Strict):
    """Basvärde (nuläge): en period, föregående års utfall eller ett angivet värde."""

    period: Period | None = Field(None, description="Period vars utfall är basvärdet.")
    previous_year: bool = Field(False, description="Basvärdet är föregående års utfall.")
    value: float | None = Field(None, description="Ett angivet basvärde.")
    note: str | None = Field(None, description="Varifrån basvärdet kommer.")

    @model_validator(mode="after")
    def _exactly_one(self) -> Baseline:
        given = [self.period is not None, self.previous_year, self.value is not None]
        if sum(given) != 1:
            raise ValueError(
                "ange precis en av period, previous_year: true eller value som basvärde"
            )
        return self


class RelativeChange(Strict):
    kind: Literal["relative_change"]
    percent: float = Field(
        description="Förändring i procent av basvärdet; negativ för minskning (-10 = minskar "
        "med 10 %)."
    )


class PointsChange(Strict):
    kind: Literal["percentage_points"]
    points: float = Field(
        description="Förändring i procentenheter; negativ för minskning (5 = ökar med 5 "
        "procentenheter)."
    )


class AtLeast(Strict):
    kind: Literal["at_least"]
    value: float = Field(description="Lägsta nivå som ska nås, t.ex. 60 (%) eller 30 (antal).")


class AtMost(Strict):
    kind: Literal["at_most"]
    value: float = Field(description="Högsta nivå, t.ex. 6.5 (%).")


class Milestone(Strict):
    kind: Literal["milestone"]
    criteria: list[str] = Field(
        default_factory=list, description="Vad som ska vara uppfyllt för att målet är nått."
    )


Target = Annotated[
    RelativeChange | PointsChange | AtLeast | AtMost | Milestone,
    Field(discriminator="kind"),
]


class Assessment(Strict):
    """Bedömning: en persons ställningstagande och kommentar för en period."""

    period: Period = Field(description="Perioden bedömningen avser, t.ex. 2018 eller 2018-T2.")
    status: Status | None = Field(
        None, description="achieved, partial, not_achieved eller no_data."
    )
    comment: Markdown | None = Field(None, description="Analys och kommentar.")
    reason: str | None = Field(
        None, description="Skäl när bedömningen avviker från den beräknade statusen."
    )
    by: str | None = Field(None, description="Vem som bedömde.")
    date: dt.date | None = Field(None, description="Datum för bedömningen.")


class Goal(Strict):
    """Mål eller delmål för ett år (eller flera år)."""

    id: Id
    area: Ref = Field(description="Området målet hör till.")
    year: Year | list[Year] = Field(description="Året målet gäller, eller en lista med år.")
    text: Markdown = Field(description="Målet ordagrant som det antogs.")
    short: str | None = Field(None, description="Kort text för tabeller.")
    indicator: Ref | None = Field(None, description="Nyckeltalet som mäter målet.")
    gender: Gender = Field(Gender.T, description="Kön som målvärdet gäller (K, M eller T).")
    target: Target = Field(description="Målvärdet och hur det räknas.")
    baseline: Baseline | None = Field(None, description="Basvärde för förändringsmål.")
    method: Markdown | None = Field(None, description="Metod: hur målet ska nås.")
    responsible: str | None = Field(None, description="Ansvarig.")
    weight: float = Field(
        1, gt=0, description="Målets vikt i sammanvägningen (standard 1, lika för alla)."
    )
    serves: list[Ref] = Field(default_factory=list, description="KF-mål som målet tjänar.")
    assessments: list[Assessment] = Field(default_factory=list, description="Bedömningar.")
    meta: Meta = None

    @property
    def years(self) -> list[int]:
        return self.year if isinstance(self.year, list) else [self.year]
