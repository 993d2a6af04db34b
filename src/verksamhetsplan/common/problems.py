"""Problems with input: the one type every command reports errors and warnings through."""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


SEVERITY_WORDS = {Severity.ERROR: "fel", Severity.WARNING: "varning"}

# Stable codes: tools filter on them, so a code is never reused for another meaning.
# VP0xx reading a file, VP1xx the plan format, VP2xx references and plan logic,
# VP3xx indicator data files, VP4xx the administration's analyses, VP5xx `vp lint` (the
# auditor's checklist), VP6xx `vp due` (what is missing before a report), VP7xx what
# would be published (the publishing guard), VP8xx internkontrollplaner, VP9xx economy data.
CODES: dict[str, str] = {
    "VP001": "sökvägen finns inte",
    "VP002": "filen är inte UTF-8",
    "VP003": "filen är tom",
    "VP004": "YAML-syntaxfel",
    "VP005": "dubblerad nyckel",
    "VP006": "otillåten YAML-tagg",
    "VP007": "för djup eller för stor struktur",
    "VP008": "fel struktur på dokumentet",
    "VP009": "filen kan inte läsas",
    "VP101": "okänd nyckel",
    "VP102": "obligatoriskt fält saknas",
    "VP103": "fel typ av värde",
    "VP104": "värdet är inte tillåtet",
    "VP105": "ogiltigt format",
    "VP106": "ogiltigt värde",
    "VP201": "dubblerat id",
    "VP202": "okänd referens",
    "VP203": "år utanför planperioden",
    "VP204": "basvärdet ligger inte före målåret",
    "VP205": "milstolpe saknar kriterier",
    "VP206": "målets riktning strider mot nyckeltalets",
    "VP207": "mätbart mål saknar nyckeltal",
    "VP208": "metod saknas",
    "VP209": "procentenheter på ett nyckeltal som inte är en andel",
    "VP210": "bedömning för fel period",
    "VP212": "kön som nyckeltalet inte redovisar",
    "VP213": "daterad före planens antagande",
    "VP214": "KF-mål som tjänar varandra i en cirkel",
    "VP215": "det som tas bort används på andra ställen",
    "VP216": "sista dagen ligger inte efter perioden",
    "VP217": "två sista dagar för samma period",
    "VP301": "datafilerna kontrollerades inte, eftersom deras plan inte gick att läsa",
    "VP302": "okänd eller saknad kolumn i datafil",
    "VP303": "okänt nyckeltal i datafil",
    "VP304": "perioden passar inte nyckeltalets frekvens",
    "VP305": "värdet är inte ett tal",
    "VP306": "dubblerat värde",
    "VP307": "ogiltigt kön",
    "VP308": "fel antal fält på raden",
    "VP309": "länk till en fil utanför planförrådet",
    "VP310": "Excel-arbetsbok bland datafilerna läses inte",
    "VP401": "analysens rubrik namnger inget område eller mål",
    "VP402": "analysen har två avsnitt om samma sak",
    "VP403": "analys saknas för perioden",
    "VP404": "analysfilens mapp eller namn stämmer inte med en plan och period",
    "VP405": "analysen är äldre än periodens senaste bedömning eller data",
    "VP501": "mål utan mätbart målvärde",
    "VP502": "mål utan basvärde",
    "VP503": "procentmål på en andel utan procent eller procentenheter",
    "VP504": "mål utan bestämt år",
    "VP505": "nyckeltal ändrat efter antagandet",
    "VP506": "KF-mål som ingen plan tjänar",
    "VP507": "fler mål än planens gräns",
    "VP508": "mått utan ansvarig",
    "VP509": "risk med högt riskvärde utan kontroll eller åtgärd",
    "VP510": "godtagen risk utan skäl",
    "VP511": "samma avvikelse igen utan åtgärd",
    "VP601": "nyckeltalsvärde saknas för en period som har slutat",
    "VP602": "milstolpe utan bedömning för perioden",
    "VP603": "mål utan bedömning eller analys för perioden",
    "VP604": "aktivitet utan uppföljning sedan datumet",
    "VP605": "mål eller mått utan ansvarig",
    "VP606": "kontroll utan resultat för en period som har slutat",
    "VP607": "åtgärd som är försenad",
    "VP701": "personnummer eller samordningsnummer i text som publiceras",
    "VP702": "e-postadress i text som publiceras",
    "VP703": "telefonnummer i text som publiceras",
    "VP801": "värde utanför skalan",
    "VP802": "resultat för en period som kontrollen inte är planerad för",
    "VP803": "daterat i framtiden",
    "VP804": "två resultat för samma kontroll och period",
    "VP901": "okänd eller saknad kolumn i ekonomifil",
    "VP902": "okänd enhet i ekonomin",
    "VP903": "ogiltig period, eller utanför planperioden",
    "VP904": "beloppet är inte ett tal",
    "VP905": "dubblerat belopp",
    "VP906": "okänd beloppstyp",
    "VP907": "teckenkonventionen strider mot datan",
    "VP908": "samma års belopp både per år och per månad eller tertial",
}


@dataclass(frozen=True)
class Problem:
    """Something wrong with input, with where it is and what to do about it."""

    code: str
    message: str
    severity: Severity = Severity.ERROR
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    hint: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = str(self.severity)
        return data


@dataclass
class CheckResult:
    """What a check of some files found: the files read and every problem."""

    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def exit_code(self, strict: bool = False) -> int:
        if self.errors or (strict and self.warnings):
            return 1
        return 0

    def sorted_problems(self) -> list[Problem]:
        # The most fundamental first: a file that is not YAML (VP0xx) before the plan format
        # (VP1xx), references and logic (VP2xx) and data (VP3xx); then by place.
        return sorted(
            self.problems,
            key=lambda p: (p.code[:3], p.file or "", p.line or 0, p.column or 0, p.code),
        )


class Refused(Exception):
    """A request vp does not carry out (a change, a lookup, a revision); the message is Swedish,
    problems list why in detail."""

    def __init__(
        self,
        message: str,
        problems: list[Problem] | None = None,
        hint: str | None = None,
        usage: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []
        self.hint = hint
        self.usage = usage  # the command was asked for something that does not exist


def suggest(word: str, choices: list[str]) -> str | None:
    """The near miss for a hint ("Menade du …?"), if any choice is close enough."""
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return found[0] if found else None
