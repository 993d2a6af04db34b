"""Goals (mål) and how they are measured: targets, baselines, measures (mått), the verdict
rule that combines measures, and a person's assessments."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    Field,
    model_validator,
)

from .fields import Accepted, FollowUpPeriod, Id, Markdown, Meta, Period, Ref, Strict, Year
from .vocabulary import Gender, Status, VerdictRule


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


MEAN_SINCE = (
    "Nivån gäller snittet av årsutfallen från detta år till och med det år som följs upp "
    '("resultatet ska under åren i snitt vara minst 2 %").'
)


class AtLeast(Strict):
    kind: Literal["at_least"]
    value: float = Field(description="Lägsta nivå som ska nås, t.ex. 60 (%) eller 30 (antal).")
    mean_since: Year | None = Field(None, description=MEAN_SINCE)


class AtMost(Strict):
    kind: Literal["at_most"]
    value: float = Field(description="Högsta nivå, t.ex. 6.5 (%).")
    mean_since: Year | None = Field(None, description=MEAN_SINCE)


class Direction(Strict):
    """Ska öka / ska minska: en riktning utan nivå."""

    kind: Literal["direction"]
    direction: Literal["increase", "decrease"] = Field(
        description="increase (ska öka) eller decrease (ska minska) jämfört med basvärdet, "
        "som är föregående års utfall om planen inte anger något annat; oförändrat är inte "
        "uppnått."
    )


class Milestone(Strict):
    kind: Literal["milestone"]
    criteria: list[str] = Field(
        default_factory=list, description="Vad som ska vara uppfyllt för att målet är nått."
    )


Target = Annotated[
    RelativeChange | PointsChange | AtLeast | AtMost | Direction | Milestone,
    Field(discriminator="kind"),
]


class Assessment(Strict):
    """Bedömning: en persons ställningstagande och kommentar för en period."""

    period: FollowUpPeriod = Field(
        description="Perioden bedömningen avser, t.ex. 2018 eller 2018-T2 (delåret)."
    )
    status: Status | None = Field(
        None, description="achieved, partial, not_achieved eller no_data."
    )
    comment: Markdown | None = Field(None, description="Analys och kommentar.")
    reason: str | None = Field(
        None, description="Skäl när bedömningen avviker från den beräknade statusen."
    )
    by: str | None = Field(None, description="Vem som bedömde.")
    date: dt.date | None = Field(
        None, description="Datum för bedömningen; den gäller från det datumet."
    )
    measure: Id | None = Field(
        None, description="Måttet bedömningen gäller, när den gäller ett mått och inte målet."
    )


class Measure(Strict):
    """Mått (indikator) för ett mål: ett nyckeltal med eget målvärde och basvärde, eller en
    milstolpe som bedöms."""

    id: Id = Field(description="Måttets id, unikt inom målet.")
    text: Markdown | None = Field(None, description="Måttet som det står i planen.")
    indicator: Ref | None = Field(None, description="Nyckeltalet som mäter måttet.")
    gender: Gender = Field(Gender.T, description="Kön som målvärdet gäller (K, M eller T).")
    target: Target = Field(description="Målvärdet och hur det räknas.")
    baseline: Baseline | None = Field(None, description="Basvärde för förändringsmål.")
    responsible: str | None = Field(None, description="Ansvarig för måttet.")
    meta: Meta = None


class Verdict(Strict):
    """Hur målets mått vägs ihop till målets status."""

    rule: VerdictRule = Field(
        VerdictRule.ALL,
        description="all (alla mått ska nås), any (något mått), at_least (minst count av "
        "måtten) eller assessment (en person bedömer målet med måtten som underlag).",
    )
    count: int | None = Field(None, ge=1, description="Antalet mått som ska nås, för at_least.")

    @model_validator(mode="after")
    def _count_fits_rule(self) -> Verdict:
        if self.rule is VerdictRule.AT_LEAST and self.count is None:
            raise ValueError("at_least behöver count: hur många av måtten som ska nås")
        if self.rule is not VerdictRule.AT_LEAST and self.count is not None:
            raise ValueError(f"count hör bara till at_least, inte {self.rule.value}")
        return self


class Goal(Strict):
    """Mål eller delmål för ett år (eller flera år)."""

    id: Id
    area: Ref = Field(description="Området målet hör till.")
    year: Year | Annotated[list[Year], Field(min_length=1)] = Field(
        description="Året målet gäller, eller en lista med år (minst ett)."
    )
    text: Markdown = Field(description="Målet ordagrant som det antogs.")
    short: str | None = Field(None, description="Kort text för tabeller.")
    indicator: Ref | None = Field(None, description="Nyckeltalet som mäter målet.")
    gender: Gender = Field(Gender.T, description="Kön som målvärdet gäller (K, M eller T).")
    target: Target | None = Field(
        None, description="Målvärdet och hur det räknas (eller measures för flera mått)."
    )
    baseline: Baseline | None = Field(None, description="Basvärde för förändringsmål.")
    measures: list[Measure] = Field(
        default_factory=list,
        description="Målets mått när det följs upp med flera, vart och ett med eget nyckeltal "
        "och målvärde (i stället för target).",
    )
    verdict: Verdict | None = Field(
        None, description="Hur måtten vägs ihop (standard: alla mått ska nås)."
    )
    method: Markdown | None = Field(None, description="Metod: hur målet ska nås.")
    responsible: str | None = Field(None, description="Ansvarig.")
    weight: float = Field(
        1, gt=0, description="Målets vikt i sammanvägningen (standard 1, lika för alla)."
    )
    serves: list[Ref] = Field(
        default_factory=list,
        description="KF-mål som målet tjänar, eller en överordnad plans mål (plan-id/mål-id), "
        "som när ett verksamhetsområde tjänar sin nämnds mål.",
    )
    assessments: list[Assessment] = Field(default_factory=list, description="Bedömningar.")
    lint: Accepted
    meta: Meta = None

    @property
    def years(self) -> list[int]:
        return self.year if isinstance(self.year, list) else [self.year]

    @model_validator(mode="after")
    def _target_or_measures(self) -> Goal:
        if self.measures:
            own = [k for k in ("target", "indicator", "baseline") if getattr(self, k) is not None]
            if own:
                raise ValueError(
                    f"ett mål med measures har sina målvärden i måtten; flytta {', '.join(own)} "
                    "till ett mått"
                )
        elif self.target is None:
            raise ValueError("målet saknar target (eller measures med mått)")
        elif self.verdict is not None:
            raise ValueError("verdict hör till mål med measures")
        return self

    def parts(self) -> list[Measure]:
        """The goal's measures: its own target as the one measure of a single-target goal."""
        if self.measures:
            return list(self.measures)
        assert self.target is not None
        # model_construct: every field comes from this goal, validated already.
        return [
            Measure.model_construct(
                id=self.id,
                indicator=self.indicator,
                gender=self.gender,
                target=self.target,
                baseline=self.baseline,
            )
        ]
