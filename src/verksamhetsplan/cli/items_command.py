"""vp indicator add|edit and vp area add: a plan's key figures and areas by command."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ..plan.vocabulary import Better, Combine, Frequency, Unit
from . import App, app
from .common import DryRun, change_files, text_option

indicator_app = App(help="Lägg till och ändra nyckeltal i planen.", no_args_is_help=True)
area_app = App(help="Lägg till områden (målområden, underområden) i planen.", no_args_is_help=True)
app.add_typer(indicator_app, name="indicator")
app.add_typer(area_app, name="area")

Plan = Annotated[str | None, typer.Option("--plan", "-p", help="Planens id.")]
Ident = Annotated[str | None, typer.Option("--id", help="Id; standard: gjort av namnet.")]
Title = Annotated[str | None, typer.Option("--title", help="Namnet.")]
AreaOption = Annotated[
    str | None, typer.Option("--area", "-a", help="Målområdet det redovisas under.")
]
UNIT_HELP = "'percent', 'count', 'fte' (heltidstjänster), 'days', 'sek', 'tsek' eller 'index'."
FREQUENCY_HELP = "'month', 'quarter', 'tertial' eller 'year'."
BETTER_HELP = "Bättre håll: 'higher', 'lower' eller 'none'."
UnitOption = Annotated[Unit | None, typer.Option("--unit", metavar="ENHET", help=UNIT_HELP)]
FrequencyOption = Annotated[
    Frequency | None, typer.Option("--frequency", metavar="FREKVENS", help=FREQUENCY_HELP)
]
CombineOption = Annotated[
    Combine | None,
    typer.Option(
        "--combine", metavar="ÅRSVÄRDE", help="Årsvärdet: 'last' (senaste), 'mean' eller 'sum'."
    ),
]
BetterOption = Annotated[
    Better | None, typer.Option("--better", metavar="RIKTNING", help=BETTER_HELP)
]
ByGender = Annotated[
    bool | None, typer.Option("--by-gender/--no-by-gender", help="Redovisas per kön (K/M/T).")
]
KeyFigure = Annotated[
    bool | None,
    typer.Option("--key-figure/--no-key-figure", help="Ingår i nyckeltalsbilagan (standard: ja)."),
]
Kolada = Annotated[str | None, typer.Option("--kolada", help="Koladas KPI-id, t.ex. N31807.")]
System = Annotated[str | None, typer.Option("--system", help="Eget källsystem, t.ex. Treserva.")]
Description = Annotated[
    str | None, typer.Option("--description", help="Definitionen: vad som mäts och hur.")
]


def _indicator_fields(**given: Any) -> dict[str, Any]:
    """The options as plan fields; a source is built from --kolada and --system."""
    source = {k: given.pop(k) for k in ("kolada", "system") if given.get(k)}
    fields = {
        key: value.value if hasattr(value, "value") else value for key, value in given.items()
    }
    fields["title"] = text_option(fields.get("title"), "--title")
    fields["description"] = text_option(fields.get("description"), "--description", True)
    if source:
        fields["source"] = source
    return {key: value for key, value in fields.items() if value is not None}


@indicator_app.command("add")
def indicator_add(
    title: Annotated[str, typer.Option("--title", help="Nyckeltalets namn.")],
    unit: Annotated[Unit, typer.Option("--unit", metavar="ENHET", help=UNIT_HELP)],
    frequency: Annotated[
        Frequency, typer.Option("--frequency", metavar="FREKVENS", help=FREQUENCY_HELP)
    ],
    better: Annotated[Better, typer.Option("--better", metavar="RIKTNING", help=BETTER_HELP)],
    combine: CombineOption = None,
    area: AreaOption = None,
    by_gender: ByGender = None,
    key_figure: KeyFigure = None,
    kolada: Kolada = None,
    system: System = None,
    description: Description = None,
    plan: Plan = None,
    ident: Ident = None,
    dry_run: DryRun = False,
) -> None:
    """Lägg till ett nyckeltal i planen; dess värden registreras sedan med `vp data add`."""
    from ..edit.authoring import add_entry

    fields = _indicator_fields(
        id=ident, title=title, area=area, unit=unit, frequency=frequency, combine=combine,
        better=better, by_gender=by_gender, key_figure=key_figure, kolada=kolada,
        system=system, description=description,
    )  # fmt: skip
    change_files(lambda repository: add_entry(repository, plan, "indicator", fields, None), dry_run)


@indicator_app.command("edit")
def indicator_edit(
    indicator: Annotated[str, typer.Argument(help="Nyckeltalets id.", show_default=False)],
    title: Title = None,
    area: AreaOption = None,
    unit: UnitOption = None,
    frequency: FrequencyOption = None,
    combine: CombineOption = None,
    better: BetterOption = None,
    by_gender: ByGender = None,
    key_figure: KeyFigure = None,
    kolada: Kolada = None,
    system: System = None,
    description: Description = None,
    dry_run: DryRun = False,
) -> None:
    """Ändra ett nyckeltal: bara de fält som anges. Byter ni enhet eller beskrivning på ett
    antaget nyckeltal varnar `vp lint` för det, eftersom jämförelsen över tid bryts."""
    from ..edit.authoring import edit_item

    fields = _indicator_fields(
        title=title, area=area, unit=unit, frequency=frequency, combine=combine, better=better,
        by_gender=by_gender, key_figure=key_figure, kolada=kolada, system=system,
        description=description,
    )  # fmt: skip
    change_files(lambda repository: edit_item(repository, indicator, "indicator", fields), dry_run)


@area_app.command("add")
def area_add(
    title: Annotated[str, typer.Option("--title", help="Områdets namn.")],
    text: Annotated[str | None, typer.Option("--text", "-t", help="Områdets beskrivning.")] = None,
    parent: Annotated[
        str | None, typer.Option("--parent", help="Området det är ett underområde till.")
    ] = None,
    serves: Annotated[
        list[str] | None, typer.Option("--serves", help="KF-mål som området tjänar (kan upprepas).")
    ] = None,
    number: Annotated[str | None, typer.Option("--number", help="Numrering, t.ex. 3.2.")] = None,
    plan: Plan = None,
    ident: Ident = None,
    dry_run: DryRun = False,
) -> None:
    """Lägg till ett målområde, eller ett underområde med --parent."""
    from ..edit.authoring import add_entry

    fields = {
        "id": ident,
        "number": number,
        "title": text_option(title, "--title"),
        "text": text_option(text, "--text", multiline=True),
        "serves": list(serves or []),
    }
    change_files(lambda repository: add_entry(repository, plan, "area", fields, parent), dry_run)
