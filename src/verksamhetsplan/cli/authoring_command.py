"""vp goal add|edit|remove and vp measure add|remove: goals and their measures by command."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from . import App, app
from .common import DryRun, change_files, gender_option, refused, text_option

goal_app = App(help="Lägg till, ändra och ta bort mål i planen.", no_args_is_help=True)
measure_app = App(help="Lägg till och ta bort mått under ett mål.", no_args_is_help=True)
app.add_typer(goal_app, name="goal")
app.add_typer(measure_app, name="measure")

GoalArg = Annotated[
    str, typer.Argument(help="Målets id, eller plan-id/mål-id.", show_default=False)
]
Plan = Annotated[
    str | None, typer.Option("--plan", "-p", help="Planens id (behövs när det finns flera).")
]
Ident = Annotated[
    str | None, typer.Option("--id", help="Id; standard: gjort av texten (å, ä → a, ö → o).")
]
Text = Annotated[str | None, typer.Option("--text", "-t", help="Målet ordagrant som det antas.")]
Short = Annotated[str | None, typer.Option("--short", help="Kort text för tabeller.")]
Area = Annotated[str | None, typer.Option("--area", "-a", help="Området målet hör till.")]
Years = Annotated[
    list[int] | None, typer.Option("--year", "-y", help="Året målet gäller (kan upprepas).")
]
Indicator = Annotated[
    str | None, typer.Option("--indicator", "-i", help="Nyckeltalet som mäter målet.")
]
Target = Annotated[
    str | None,
    typer.Option(
        "--target",
        help="Målvärdet: minst 60, högst 6,5, öka 10 procent, minska 10 procent, öka 5 "
        "procentenheter, ska öka, ska minska, minst 2 i snitt från 2023 eller milstolpe.",
    ),
]
Criteria = Annotated[
    list[str] | None,
    typer.Option("--criterion", help="Ett kriterium för en milstolpe (kan upprepas)."),
]
Baseline = Annotated[
    str | None,
    typer.Option(
        "--baseline", help="Basvärdet: en period (2017), 'föregående år' eller 'värde 5,2'."
    ),
]
BaselineNote = Annotated[
    str | None, typer.Option("--baseline-note", help="Varifrån basvärdet kommer, och varför.")
]
Responsible = Annotated[str | None, typer.Option("--responsible", "-r", help="Ansvarig.")]
Method = Annotated[str | None, typer.Option("--method", help="Metod: hur målet ska nås.")]
Serves = Annotated[
    list[str] | None,
    typer.Option("--serves", help="KF-mål eller överordnat mål som målet tjänar (kan upprepas)."),
]
Gender = Annotated[str | None, typer.Option("--gender", "-g", help="K, M eller T.")]
Cascade = Annotated[
    bool,
    typer.Option("--cascade", help="Ta bort hänvisningarna till det som tas bort också."),
]


def _parsed(parse: Any, *args: Any) -> dict[str, Any]:
    """A value parsed from the words typed, or the reason it cannot be, and exit 2."""
    from ..common.problems import Refused

    try:
        parsed: dict[str, Any] = parse(*args)
    except Refused as error:
        refused(error)
    return parsed


def _target(target: str | None, criteria: list[str] | None) -> dict[str, Any] | None:
    from ..edit.targets import parse_target

    if target is None:
        if criteria:
            return _parsed(parse_target, "milstolpe", criteria)
        return None
    typed = [text_option(c, "--criterion") or "" for c in criteria or []]
    return _parsed(parse_target, target, typed)


def _baseline(baseline: str | None, note: str | None) -> dict[str, Any] | None:
    from ..edit.targets import parse_baseline

    note = text_option(note, "--baseline-note", multiline=True)
    if baseline is None:
        if note:
            from ..common.problems import Refused

            refused(Refused("--baseline-note hör till --baseline", usage=True))
        return None
    return _parsed(parse_baseline, baseline, note)


def _gender(gender: str | None) -> str | None:
    return None if gender is None else gender_option(gender)


@goal_app.command("add")
def goal_add(
    text: Annotated[str, typer.Option("--text", "-t", help="Målet ordagrant som det antas.")],
    area: Annotated[str, typer.Option("--area", "-a", help="Området målet hör till.")],
    year: Annotated[
        list[int], typer.Option("--year", "-y", help="Året målet gäller (kan upprepas).")
    ],
    plan: Plan = None,
    short: Short = None,
    indicator: Indicator = None,
    target: Target = None,
    criterion: Criteria = None,
    baseline: Baseline = None,
    baseline_note: BaselineNote = None,
    measure: Annotated[
        list[str] | None,
        typer.Option(
            "--measure",
            "-m",
            help="Ett mått i stället för --target: 'nyckeltal: målvärde' (deltagare-all-in: minst "
            "30) eller 'milstolpe: kriterium' (kan upprepas).",
        ),
    ] = None,
    verdict: Annotated[
        str | None,
        typer.Option(
            "--verdict",
            help="Hur måtten vägs ihop: 'all' (alla, standard), 'any' (något) eller "
            "'assessment' (en person bedömer).",
        ),
    ] = None,
    responsible: Responsible = None,
    method: Method = None,
    serves: Serves = None,
    gender: Gender = None,
    ident: Ident = None,
    dry_run: DryRun = False,
) -> None:
    """Lägg till ett mål i planen, med ett målvärde (--target) eller flera mått (--measure).
    Filen kontrolleras innan den skrivs; kommentarer och ordning i den lämnas orörda."""
    from ..edit.authoring import add_goal
    from ..edit.targets import parse_measure

    measures = [_parsed(parse_measure, text_option(m, "--measure") or "") for m in measure or []]
    if verdict is not None and verdict not in ("all", "any", "assessment"):
        from ..common.problems import Refused

        refused(
            Refused(
                f"--verdict {verdict!r} är inte tillåtet",
                hint="Tillåtna: all, any, assessment.",
                usage=True,
            )
        )
    fields = {
        "id": ident,
        "area": area,
        "year": year[0] if len(year) == 1 else list(year),
        "text": text_option(text, "--text", multiline=True, blank=False),
        "short": text_option(short, "--short"),
        "indicator": indicator,
        "gender": _gender(gender),
        "target": _target(target, criterion),
        "baseline": _baseline(baseline, baseline_note),
        "measures": measures,
        "verdict": {"rule": verdict} if verdict else None,
        "method": text_option(method, "--method", multiline=True),
        "responsible": text_option(responsible, "--responsible"),
        "serves": list(serves or []),
    }
    change_files(lambda repository: add_goal(repository, plan, fields), dry_run)


@goal_app.command("edit")
def goal_edit(
    goal: GoalArg,
    text: Text = None,
    short: Short = None,
    area: Area = None,
    year: Years = None,
    indicator: Indicator = None,
    target: Target = None,
    criterion: Criteria = None,
    baseline: Baseline = None,
    baseline_note: BaselineNote = None,
    no_baseline: Annotated[bool, typer.Option("--no-baseline", help="Ta bort basvärdet.")] = False,
    responsible: Responsible = None,
    method: Method = None,
    serves: Serves = None,
    gender: Gender = None,
    dry_run: DryRun = False,
) -> None:
    """Ändra ett mål, till exempel efter revideringen: bara de fält som anges ändras.
    Skriv sedan in revideringen med `vp plan revise`, så visar rapporten och `vp diff` den."""
    from ..edit.authoring import REMOVE, edit_item

    changes: dict[str, Any] = {
        "text": text_option(text, "--text", multiline=True, blank=False),
        "short": text_option(short, "--short"),
        "area": area,
        "year": (year[0] if len(year) == 1 else list(year)) if year else None,
        "indicator": indicator,
        "gender": _gender(gender),
        "target": _target(target, criterion),
        "baseline": REMOVE if no_baseline else _baseline(baseline, baseline_note),
        "method": text_option(method, "--method", multiline=True),
        "responsible": text_option(responsible, "--responsible"),
        "serves": list(serves) if serves else None,
    }
    given = {key: value for key, value in changes.items() if value is not None}
    change_files(lambda repository: edit_item(repository, goal, "goal", given), dry_run)


@goal_app.command("remove")
def goal_remove(goal: GoalArg, cascade: Cascade = False, dry_run: DryRun = False) -> None:
    """Ta bort ett mål. Nämns det av aktiviteter, andra planers mål eller en analys vägrar
    vp och listar var; med --cascade tas de hänvisningarna bort också."""
    from ..edit.removal import remove_goal

    change_files(lambda repository: remove_goal(repository, goal, cascade), dry_run)


@measure_app.command("add")
def measure_add(
    goal: GoalArg,
    indicator: Annotated[
        str | None, typer.Option("--indicator", "-i", help="Nyckeltalet som mäter måttet.")
    ] = None,
    target: Target = None,
    criterion: Criteria = None,
    text: Annotated[
        str | None, typer.Option("--text", "-t", help="Måttet som det står i planen.")
    ] = None,
    baseline: Baseline = None,
    baseline_note: BaselineNote = None,
    responsible: Responsible = None,
    gender: Gender = None,
    ident: Ident = None,
    dry_run: DryRun = False,
) -> None:
    """Lägg till ett mått under ett mål. Har målet ett eget målvärde blir det målets första
    mått, eftersom ett mål har antingen ett målvärde eller mått."""
    from ..edit.authoring import add_measure

    parsed = _target(target, criterion)
    if parsed is None:
        from ..common.problems import Refused

        refused(Refused("måttet behöver --target (eller --criterion för en milstolpe)", usage=True))
    measure = {
        "id": ident or indicator,
        "text": text_option(text, "--text", multiline=True, blank=False),
        "indicator": indicator,
        "gender": _gender(gender),
        "target": parsed,
        "baseline": _baseline(baseline, baseline_note),
        "responsible": text_option(responsible, "--responsible"),
    }
    change_files(lambda repository: add_measure(repository, goal, measure), dry_run)


@measure_app.command("remove")
def measure_remove(
    goal: GoalArg,
    measure: Annotated[str, typer.Argument(help="Måttets id.", show_default=False)],
    cascade: Cascade = False,
    dry_run: DryRun = False,
) -> None:
    """Ta bort ett mått ur ett mål; bedömningar av måttet tas bort bara med --cascade."""
    from ..edit.removal import remove_measure

    change_files(lambda repository: remove_measure(repository, goal, measure, cascade), dry_run)
