"""The economy in the plan format: the units a board's budget is followed by (verksamheter,
with parents, so VoO and IFF roll up to the nämnd), how the economy files write a cost, how a
yearly budget is spread over the months, how an ekonomisystem's export maps to vp's columns,
and an indicator computed from the economy data (for financial goals)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from .fields import Id, Markdown, Ref, Strict
from .goals import Goal


class Sign(StrEnum):
    COSTS_POSITIVE = "costs_positive"
    COSTS_NEGATIVE = "costs_negative"


class BudgetProfile(StrEnum):
    EVEN = "even"
    LAST_YEAR = "last_year"


class Kind(StrEnum):
    BUDGET = "budget"
    OUTCOME = "outcome"
    FORECAST = "forecast"


class Column(StrEnum):
    UNIT = "unit"
    PERIOD = "period"
    KIND = "kind"
    AMOUNT = "amount"
    ACCOUNT = "account"
    NOTE = "note"


class Figure(StrEnum):
    DEVIATION = "deviation"
    OUTCOME = "outcome"
    RATIO = "ratio"


class EconomyUnit(Strict):
    """En verksamhet eller ett ansvar som budgeten följs upp för."""

    id: Id
    title: str = Field(description="Namnet, t.ex. Vård och omsorg.")
    parent: Id | None = Field(None, description="Enheten den ingår i (dess id).")


class ImportMapping(Strict):
    """Hur ekonomisystemets export läses: dess kolumner, typer och enheter."""

    columns: dict[str, Column] = Field(
        description="Exportens kolumnrubrik → vp:s kolumn (unit, period, kind, amount, account, "
        'note), t.ex. {Ansvar: unit, Period: period, Typ: kind, "Belopp tkr": amount}.'
    )
    ignore: list[str] = Field(
        default_factory=list, description="Exportens kolumner som inte läses, t.ex. [Ansvar namn]."
    )
    kinds: dict[str, Kind] = Field(
        default_factory=lambda: {
            "Budget": Kind.BUDGET,
            "Utfall": Kind.OUTCOME,
            "Prognos": Kind.FORECAST,
        },
        description="Exportens ord för typen → budget, outcome eller forecast.",
    )
    kind: Kind | None = Field(
        None, description="Typen för varje rad, när exporten bara har en (t.ex. outcome)."
    )
    units: dict[str, Id] = Field(
        default_factory=dict,
        description='Exportens ansvarskoder → enheternas id, t.ex. {"1100": voo}.',
    )
    sign: Sign = Field(
        Sign.COSTS_POSITIVE,
        description="Hur exporten skriver en kostnad: costs_positive eller costs_negative.",
    )
    sheet: str | None = Field(None, description="Bladet i en Excel-export (standard: det första).")


class Economy(Strict):
    """Ekonomin som planen följer upp: enheterna och hur ekonomifilerna läses."""

    units: Annotated[list[EconomyUnit], Field(min_length=1)] = Field(
        description="Verksamheterna, den översta (nämnden) utan parent."
    )
    sign: Sign = Field(
        Sign.COSTS_POSITIVE,
        description="Hur filerna i economy-data/ skriver en kostnad: costs_positive (kostnad "
        "positiv, intäkt negativ) eller costs_negative.",
    )
    budget_profile: BudgetProfile = Field(
        BudgetProfile.EVEN,
        description="Hur en årsbudget fördelas på månaderna: even (lika) eller last_year "
        "(som förra årets utfall).",
    )
    import_: ImportMapping | None = Field(
        None,
        alias="import",
        description="Hur ekonomisystemets export läses in (vp economy import).",
    )


class EconomySource(Strict):
    """Ett nyckeltal som räknas ur ekonomidatan, för finansiella mål."""

    figure: Figure = Field(
        description="deviation (budget − utfall per månad, positiv = bättre än budget), "
        "outcome (utfall, nettokostnad) eller ratio (täljare / nämnare i procent, per år)."
    )
    unit: Id | None = Field(None, description="Enheten (för deviation och outcome).")
    numerator: Id | None = Field(None, description="Täljarens enhet (för ratio).")
    denominator: Id | None = Field(None, description="Nämnarens enhet (för ratio).")


class FinancialGoal(Goal):
    """Ett finansiellt mål i kommunfullmäktiges plan (inget område: det hör till hushållningen)."""

    area: Ref | None = Field(None, description="Området, om planen har sådana.")  # type: ignore[assignment]


class GoodManagement(Strict):
    """God ekonomisk hushållning: de finansiella målen och hur den samlade bedömningen görs."""

    financial_goals: list[FinancialGoal] = Field(
        default_factory=list, description="De finansiella målen."
    )
    operational_share: float = Field(
        0.5,
        ge=0,
        le=1,
        description="Andelen av verksamhetsmålen som ska vara helt eller delvis uppnådda, mer "
        "än (standard 0,5: en majoritet).",
    )
    text: Markdown | None = Field(None, description="Fullmäktiges beslut om bedömningen.")
