"""The plan format: pydantic models of a verksamhetsplan and everything in it.

Every model forbids unknown keys so that a typo is an error; free-form extras go
under `meta:`. Field descriptions are Swedish because they become the JSON Schema
that plan authors see in their editor.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import (
    Field,
    model_validator,
)

from .economy_model import Economy, EconomySource, GoodManagement
from .fields import (
    KOLADA_PATTERN,
    Accepted,
    FollowUpPeriod,
    Id,
    Markdown,
    Meta,
    Period,
    Ref,
    Strict,
    Year,
)
from .goals import Goal
from .vocabulary import (
    ActivityStatus,
    Better,
    Combine,
    CouncilGoalKind,
    ForecastMethod,
    Frequency,
    PartialKind,
    PartialRule,
    PlanKind,
    Unit,
)


class PlanPeriod(Strict):
    start: Year = Field(description="Planperiodens första år.")
    end: Year = Field(description="Planperiodens sista år.")

    @property
    def years(self) -> range:
        return range(self.start, self.end + 1)

    @property
    def text(self) -> str:
        """The period as a person writes it: 2018–2019, or 2019 for a plan of one year."""
        return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"

    @model_validator(mode="after")
    def _ordered(self) -> PlanPeriod:
        if self.end < self.start:
            raise ValueError("periodens slutår ligger före startåret")
        return self


class Adoption(Strict):
    date: dt.date = Field(description="Datum då planen antogs (ÅÅÅÅ-MM-DD).")
    by: str | None = Field(None, description="Vem som antog planen, t.ex. Socialnämnden.")
    reference: str | None = Field(None, description="Paragraf eller diarienummer.")


class Revision(Strict):
    date: dt.date = Field(description="Datum för revideringen (ÅÅÅÅ-MM-DD).")
    note: str | None = Field(None, description="Vad som ändrades.")
    reference: str | None = Field(
        None, description="Beslutet: paragraf eller diarienummer, t.ex. SN § 87."
    )
    by: str | None = Field(None, description="Vem som reviderade.")


class Contact(Strict):
    name: str = Field(description="Kontaktpersonens namn.")
    role: str | None = Field(None, description="Befattning, t.ex. verksamhetsutvecklare.")
    email: str | None = Field(None, description="E-postadress.")
    phone: str | None = Field(None, description="Telefonnummer.")


class Reporting(Strict):
    to: str = Field(description="Mottagare av uppföljningen, t.ex. Socialnämnden.")
    frequency: Frequency = Field(description="Hur ofta uppföljningen sker.")
    note: str | None = Field(None, description="Till exempel i samband med bokslut.")


class Deadline(Strict):
    """Sista dag för en periods uppföljning: vp remind påminner 28 och 7 dagar före och
    dagen efter, och vp serve visar dagen."""

    period: FollowUpPeriod = Field(
        description="Perioden, t.ex. 2018-T2 (delåret) eller 2018 (helåret)."
    )
    date: dt.date = Field(description="Sista dag att rapportera (ÅÅÅÅ-MM-DD).")


class PartialThreshold(Strict):
    """Kommunens egen regel för delvis uppnått, med gräns. Gränsen räknas in: ett utfall
    exakt på gränsen är delvis uppnått."""

    kind: PartialKind = Field(
        description="share_of_target (utfallet är minst en andel av målvärdet, t.ex. "
        "Vansbros 80 % eller Helsingborgs 91 %), share_of_way (utfallet har kommit minst en "
        "andel av vägen från basvärdet till målvärdet) eller right_direction (bättre än "
        "basvärdet)."
    )
    percent: float | None = Field(
        None,
        gt=0,
        le=100,
        description="Gränsen i procent, större än 0 och högst 100 (t.ex. 80); inte för "
        "right_direction.",
    )

    @model_validator(mode="after")
    def _percent_fits_kind(self) -> PartialThreshold:
        if self.kind is PartialKind.RIGHT_DIRECTION and self.percent is not None:
            raise ValueError("right_direction har ingen gräns; ta bort percent")
        if self.kind is not PartialKind.RIGHT_DIRECTION and self.percent is None:
            raise ValueError(f"{self.kind.value} behöver en gräns: percent, t.ex. 80")
        return self


class StatusWords(Strict):
    """Planens egna ord för statusarna, t.ex. uppfyllt i stället för uppnått."""

    achieved: str | None = Field(None, description="Ordet för uppnått, t.ex. uppfyllt.")
    partial: str | None = Field(None, description="Ordet för delvis uppnått.")
    not_achieved: str | None = Field(None, description="Ordet för ej uppnått.")
    no_data: str | None = Field(None, description="Ordet för ej mätbart.")


class RollupRule(Strict):
    """Hur mål vägs samman per område, plan och KF-mål."""

    measured_share: float = Field(
        50,
        ge=0,
        le=100,
        description="Andel i procent av de aktuella målen (viktade) som måste vara bedömda för "
        "att en sammanvägning ska få en status; annars är den ej bedömbar. Standard 50.",
    )


class FollowUp(Strict):
    partial_rule: PartialRule = Field(
        PartialRule.PROGRESS_HALF,
        description="Regel för delvis uppnått: progress_half (minst halva vägen till målet), "
        "target_80 (minst 80 % av målvärdet) eller right_direction (rör sig åt rätt håll). "
        "En egen gräns anges i stället med partial.",
    )
    partial: PartialThreshold | None = Field(
        None, description="Egen regel för delvis uppnått med gräns; ersätter partial_rule."
    )
    status_words: StatusWords | None = Field(
        None, description="Egna ord för statusarna i rapporter och tabeller."
    )
    rollup: RollupRule = Field(
        default_factory=RollupRule, description="Regeln för sammanvägning och täckning."
    )
    forecast: ForecastMethod = Field(
        ForecastMethod.SEASONAL,
        description="Prognosmetod för nyckeltal som inte anger egen: seasonal (standard), "
        "linear, last eller none. Årsnyckeltal får bara last eller none.",
    )
    baseline_period: Period | None = Field(
        None, description="Period som nyckeltalsbilagans nuläge avser, t.ex. 2017."
    )
    requires_method: bool = Field(
        False, description="Varje mål ska ha en metod (varnar när den saknas)."
    )
    compare_with: list[Annotated[str, Field(pattern=r"^(G[0-9]+|[0-9]{4})$")]] = Field(
        default_factory=list,
        description="Jämförelsegruppen för nyckeltal från Kolada: Koladas grupp-id (t.ex. "
        "G33808, liknande kommuner) eller kommuners id. vp data fetch --compare hämtar värdena.",
    )
    reporting: list[Reporting] = Field(
        default_factory=list, description="Vem planen följs upp till och hur ofta."
    )
    deadlines: list[Deadline] = Field(
        default_factory=list,
        description="Sista dag för varje periods rapportering: [{period: 2018-T2, date: "
        "2018-09-14}]. vp remind påminner de ansvariga inför dagen.",
    )
    max_goals: int = Field(
        20,
        ge=1,
        description="Högsta antal mål per år innan vp lint varnar (standard 20): fler mål "
        "än nämnden hinner följa upp och prioritera mellan försvagar styrningen.",
    )

    @model_validator(mode="after")
    def _one_partial_rule(self) -> FollowUp:
        if self.partial is not None and "partial_rule" in self.model_fields_set:
            raise ValueError("ange antingen partial_rule eller partial, inte båda")
        return self


class Section(Strict):
    id: Id
    title: str = Field(description="Rubrik.")
    text: Markdown | None = None
    sections: list[Section] = Field(default_factory=list, description="Underavsnitt.")


class CouncilGoal(Strict):
    """Kommunfullmäktiges mål, visionsområde eller prioriterat utvecklingsområde."""

    id: Id
    kind: CouncilGoalKind = Field(
        CouncilGoalKind.COUNCIL_GOAL,
        description="council_goal (KF-mål), vision_area (visionsområde) eller "
        "development_area (prioriterat utvecklingsområde).",
    )
    number: str | None = Field(None, description="Numrering i källdokumentet.")
    title: str = Field(description="Kort namn.")
    text: Markdown | None = Field(None, description="Målet eller områdets beskrivning.")
    serves: list[Ref] = Field(default_factory=list, description="Överordnade mål det tjänar.")
    boards: list[str] = Field(
        default_factory=list,
        description="Nämnderna som ska bidra till målet (som de heter i sina planers board); "
        "en som inte gör det redovisas som en lucka.",
    )
    lint: Accepted
    meta: Meta = None


class Area(Strict):
    """Målområde, utvecklingsområde eller insatsområde; kan innehålla underområden."""

    id: Id
    number: str | None = Field(None, description='Numrering, t.ex. "3.2.1" (inom citattecken).')
    title: str = Field(description="Områdets namn.")
    text: Markdown | None = Field(None, description="Områdets beskrivning.")
    serves: list[Ref] = Field(
        default_factory=list, description="KF-mål eller utvecklingsområden som området tjänar."
    )
    areas: list[Area] = Field(default_factory=list, description="Underområden.")
    meta: Meta = None


class Source(Strict):
    kolada: str | None = Field(
        None, pattern=KOLADA_PATTERN, description="Koladas KPI-id, t.ex. N31807."
    )
    system: str | None = Field(None, description="Eget källsystem, t.ex. Treserva.")
    note: str | None = Field(None, description="Hur värdet tas fram.")
    licence: str | None = Field(
        None,
        description="Licensen som värdena publiceras under som öppna data, som SPDX-id "
        "(CC0-1.0, CC-BY-4.0). Standard: CC-BY-4.0 för Kolada, annars CC0-1.0.",
    )


class Indicator(Strict):
    """Nyckeltal eller indikator."""

    id: Id
    title: str = Field(description="Nyckeltalets namn.")
    area: Ref | None = Field(None, description="Målområde som nyckeltalet redovisas under.")
    unit: Unit = Field(
        description="Enhet: percent, count, fte (heltidstjänster), days, sek, tsek, index."
    )
    frequency: Frequency = Field(description="Redovisas: month, quarter, tertial eller year.")
    combine: Combine = Field(
        Combine.LAST,
        description="Hur periodvärden blir ett årsvärde: last (senaste), mean (medel), sum.",
    )
    better: Better = Field(description="Vilket håll som är bättre: higher, lower eller none.")
    by_gender: bool = Field(False, description="Redovisas uppdelat på kön (K/M/T).")
    key_figure: bool = Field(True, description="Ingår i planens nyckeltalsbilaga.")
    forecast: ForecastMethod | None = Field(
        None,
        description="Prognosmetod under året: seasonal (mot samma perioder förra året), linear "
        "(rät linje), last (senaste värdet) eller none; standard: planens follow_up.forecast.",
    )
    source: Source | None = Field(None, description="Varifrån värdena kommer.")
    economy: EconomySource | None = Field(
        None, description="Räknas ur ekonomidatan (economy-data/) i stället för ur en datafil."
    )
    small_cell_limit: int | None = Field(
        None,
        ge=2,
        description="Gräns för små tal: värden över 0 men under gränsen (t.ex. 5) visas inte "
        "i rapporter, på webbplatsen eller i öppna data, så att ingen enskild kan pekas ut.",
    )
    description: Markdown | None = None
    lint: Accepted
    meta: Meta = None


class ActivityUpdate(Strict):
    """En daterad uppföljning av en aktivitet: statusen från och med det datumet."""

    date: dt.date = Field(description="Från och med detta datum (ÅÅÅÅ-MM-DD).")
    status: ActivityStatus = Field(description="planned, ongoing, done, cancelled eller delayed.")
    comment: Markdown | None = Field(None, description="Kommentar till uppföljningen.")
    by: str | None = Field(None, description="Vem som följde upp.")


class Activity(Strict):
    """Strategisk aktivitet."""

    id: Id
    area: Ref | None = Field(None, description="Området aktiviteten hör till.")
    text: Markdown = Field(description="Aktiviteten som den står i planen.")
    goals: list[Ref] = Field(default_factory=list, description="Mål som aktiviteten stödjer.")
    responsible: str | None = Field(None, description="Ansvarig.")
    year: Year | None = Field(None, description="År då aktiviteten genomförs.")
    start: dt.date | None = Field(None, description="Startdatum.")
    end: dt.date | None = Field(None, description="Slutdatum.")
    status: ActivityStatus = Field(
        ActivityStatus.PLANNED,
        description="Statusen i planen som den antogs: planned, ongoing, done, cancelled eller "
        "delayed. Senare ändringar skrivs daterade i history.",
    )
    history: list[ActivityUpdate] = Field(
        default_factory=list, description="Daterade uppföljningar, äldst först."
    )
    comment: Markdown | None = None
    meta: Meta = None

    def update_on(self, day: dt.date) -> ActivityUpdate | None:
        """The latest dated follow-up on or before a day; later ones are not yet known."""
        known = [update for update in self.history if update.date <= day]
        return max(known, key=lambda update: update.date) if known else None

    def status_on(self, day: dt.date) -> ActivityStatus:
        """The activity's status as known on a day: as adopted until the first update."""
        update = self.update_on(day)
        return update.status if update is not None else self.status


class Plan(Strict):
    """En verksamhetsplan, handlingsplan eller strategisk plan."""

    id: Id = Field(description="Planens id, unikt i planförrådet.")
    kind: PlanKind = Field(description="Typ av plan.")
    title: str = Field(description="Planens titel.")
    organisation: str = Field(description="Kommunen, t.ex. Degerfors kommun.")
    kolada_id: str | None = Field(
        None,
        pattern=r"^[0-9]{4}$",
        description="Kommunens id hos Kolada (fyra siffror, t.ex. 1862): vp data fetch hämtar "
        "dess värden, och vp data import skriver bara dess värden i planens data.",
    )
    board: str | None = Field(None, description="Nämnd eller styrelse.")
    administration: str | None = Field(None, description="Förvaltning.")
    period: PlanPeriod = Field(description="Planperioden.")
    adopted: Adoption | None = Field(None, description="Beslut om antagande.")
    revisions: list[Revision] = Field(default_factory=list, description="Revideringar.")
    contact: Contact | None = Field(None, description="Kontaktperson.")
    roles: dict[str, str] = Field(
        default_factory=dict,
        description="Personer som nämns i bedömningar och uppföljningar (by:, kommentarer), med "
        "rollen de visas med i rapporter och på webbplatsen: {Anna Berg: enhetschef}. Ett namn "
        "utan roll visas inte där.",
    )
    vision: Markdown | None = Field(None, description="Visionen.")
    follow_up: FollowUp = Field(default_factory=FollowUp, description="Hur planen följs upp.")
    sections: list[Section] = Field(default_factory=list, description="Textavsnitt.")
    council_goals: list[CouncilGoal] = Field(
        default_factory=list, description="KF-mål, visionsområden och utvecklingsområden."
    )
    areas: list[Area] = Field(default_factory=list, description="Mål- eller insatsområden.")
    indicators: list[Indicator] = Field(default_factory=list, description="Nyckeltal.")
    goals: list[Goal] = Field(default_factory=list, description="Mål.")
    activities: list[Activity] = Field(default_factory=list, description="Strategiska aktiviteter.")
    economy: Economy | None = Field(None, description="Ekonomin: enheter och hur filerna läses.")
    good_management: GoodManagement | None = Field(
        None, description="God ekonomisk hushållning: finansiella mål och bedömningens regel."
    )
    lint: Accepted
    meta: Meta = None

    def activities_of(self, goal_id: str) -> list[Activity]:
        """The strategic activities that name the goal (by its id, local or plan-id/id)."""
        return [a for a in self.activities if goal_id in (r.rpartition("/")[2] for r in a.goals)]


def iter_areas(areas: list[Area], path: tuple[str | int, ...] = ("areas",)) -> Any:
    """Every area with its path in the document, nested ones included."""
    for index, area in enumerate(areas):
        here = (*path, index)
        yield area, here
        yield from iter_areas(area.areas, (*here, "areas"))


def period_year(period: str) -> int:
    return int(period[:4])
