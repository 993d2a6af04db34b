"""The internkontrollplan's format: a board's risks for a year, valued on declared four-point
scales, the controls (kontrollmoment) that check them, the dated results and the actions a
deviation leads to. One file a board and year: internal-control/<organisation>/<name>.yaml."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from .fields import Accepted, FollowUpPeriod, Id, Markdown, Meta, Ref, Strict, Year
from .model import Adoption
from .vocabulary import ActivityStatus


class Category(StrEnum):
    OPERATIONS = "operations"
    FINANCE = "finance"
    LEGAL = "legal"
    IT = "it"
    REPORTING = "reporting"
    STAFF = "staff"
    EXTERNAL = "external"


class Decision(StrEnum):
    ACCEPT = "accept"
    CONTROL = "control"
    ACT = "act"


class Method(StrEnum):
    SAMPLE = "sample"
    REVIEW = "review"
    RECONCILIATION = "reconciliation"
    OTHER = "other"


class Outcome(StrEnum):
    NO_REMARK = "no_remark"
    DEVIATION = "deviation"


ScaleLabels = Annotated[
    list[str],
    Field(min_length=4, max_length=4, description="De fyra stegens namn, lägst först."),
]


class Scales(Strict):
    """Skalorna för sannolikhet och konsekvens (1–4) och gränsen för kontroll."""

    probability: ScaleLabels = Field(
        description="Sannolikhetens fyra steg, t.ex. [osannolik, mindre sannolik, möjlig, "
        "sannolik]."
    )
    consequence: ScaleLabels = Field(
        description="Konsekvensens fyra steg, t.ex. [lindrig, kännbar, allvarlig, mycket "
        "allvarlig]."
    )
    control_from: int = Field(
        8,
        ge=1,
        le=16,
        description="Riskvärde (sannolikhet × konsekvens) från vilket en risk ska ha en "
        "kontroll eller åtgärd; vp lint varnar annars (standard 8).",
    )


class Action(Strict):
    """En åtgärd: vad som ska göras, av vem och till när, och hur det gått."""

    id: Id | None = Field(None, description="Id, för att följa upp åtgärden med kommando.")
    what: Markdown = Field(description="Vad som ska göras.")
    responsible: str = Field(description="Vem som ansvarar (roll eller namn).")
    due: dt.date = Field(description="Senast klar (ÅÅÅÅ-MM-DD).")
    status: ActivityStatus = Field(
        ActivityStatus.PLANNED,
        description="planned, ongoing, done, cancelled eller delayed.",
    )
    date: dt.date | None = Field(None, description="Datum då statusen sattes.")
    comment: Markdown | None = Field(None, description="Kommentar till statusen.")

    def open_on(self, day: dt.date) -> bool:
        """Not finished on the day (a status set after it is not yet known)."""
        if self.date is not None and self.date > day:
            return True
        return self.status not in (ActivityStatus.DONE, ActivityStatus.CANCELLED)


class Risk(Strict):
    """En risk i riskanalysen."""

    id: Id
    process: str = Field(description="Process eller rutin, t.ex. Utbetalning av försörjningsstöd.")
    text: Markdown = Field(description="Risken i ord.")
    category: Category = Field(
        description="operations (verksamhet), finance (ekonomi), legal (lagefterlevnad), it, "
        "reporting (rapportering), staff (personal) eller external (omvärld)."
    )
    probability: int = Field(description="Sannolikhet, 1–4 på planens skala.")
    consequence: int = Field(description="Konsekvens, 1–4 på planens skala.")
    decision: Decision = Field(
        description="accept (godtas), control (kontrolleras) eller act (åtgärdas direkt)."
    )
    reason: Markdown | None = Field(None, description="Skälet, för en risk som godtas.")
    actions: list[Action] = Field(
        default_factory=list, description="Åtgärder, för en risk som åtgärdas direkt."
    )
    lint: Accepted
    meta: Meta = None

    @property
    def value(self) -> int:
        return self.probability * self.consequence


class Control(Strict):
    """Ett kontrollmoment: vad som kontrolleras, hur, av vem och när."""

    id: Id
    risk: Id = Field(description="Risken som kontrollen gäller (dess id).")
    what: Markdown = Field(description="Vad som kontrolleras.")
    method: Method = Field(
        description="sample (stickprov), review (genomgång), reconciliation (avstämning) "
        "eller other (annan)."
    )
    responsible: str = Field(description="Vem som genomför kontrollen (roll eller namn).")
    periods: list[FollowUpPeriod] = Field(
        min_length=1,
        description="När kontrollen görs: perioder under året, t.ex. [2018-T1, 2018-T2].",
    )
    meta: Meta = None


class Result(Strict):
    """Resultatet av en kontroll för en period."""

    control: Id = Field(description="Kontrollen (dess id).")
    period: FollowUpPeriod = Field(description="Perioden kontrollen gällde.")
    date: dt.date = Field(description="Datum då kontrollen genomfördes.")
    by: str = Field(description="Vem som genomförde den (roll eller namn).")
    outcome: Outcome = Field(description="no_remark (utan anmärkning) eller deviation (avvikelse).")
    comment: Markdown | None = Field(None, description="Vad som kom fram.")
    actions: list[Action] = Field(default_factory=list, description="Åtgärder vid avvikelse.")


class ControlPlan(Strict):
    """En nämnds internkontrollplan för ett år, med uppföljningen."""

    id: Id = Field(description="Internkontrollplanens id, unikt i planförrådet.")
    title: str = Field(description="Titel, t.ex. Internkontrollplan 2018 för Socialnämnden.")
    organisation: str = Field(description="Kommunen.")
    board: str = Field(description="Nämnden eller styrelsen.")
    plan: Ref | None = Field(
        None,
        description="Nämndens verksamhetsplan (dess id): där får uppföljningen ett avsnitt i "
        "verksamhetsberättelsen.",
    )
    year: Year = Field(description="Året planen gäller.")
    adopted: Adoption | None = Field(None, description="Beslut om antagande.")
    roles: dict[str, str] = Field(
        default_factory=dict,
        description="Personer som nämns (by:, responsible:), med rollen de visas med i "
        "rapporter: {Anna Berg: enhetschef}.",
    )
    scales: Scales = Field(description="Skalorna för sannolikhet och konsekvens.")
    risks: list[Risk] = Field(default_factory=list, description="Riskanalysens risker.")
    controls: list[Control] = Field(default_factory=list, description="Kontrollmoment.")
    results: list[Result] = Field(
        default_factory=list, description="Kontrollernas resultat, ett per kontroll och period."
    )
    lint: Accepted
    meta: Meta = None
