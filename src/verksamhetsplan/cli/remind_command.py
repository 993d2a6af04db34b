"""vp remind: one digest e-mail per person of what is due before a period's deadline."""

from __future__ import annotations

from typing import Annotated

import typer

from . import app
from .common import HERE, any_period, open_repository_or_exit, parse_as_of, refused, usage_error


@app.command()
def remind(
    period: Annotated[
        str,
        typer.Option("--period", help="Perioden, t.ex. 2018-T2 eller 2018.", show_default=False),
    ],
    send: Annotated[
        bool, typer.Option("--send", help="Skicka e-posten (utan: visa den, skicka inget).")
    ] = False,
    today: Annotated[
        str | None,
        typer.Option(
            "--today", metavar="DATUM", help="Räkna som om det vore den här dagen (ÅÅÅÅ-MM-DD)."
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Påminn i dag även om det inte är en påminnelsedag."),
    ] = False,
) -> None:
    """Påminn de ansvariga om det som saknas inför periodens sista dag (follow_up.deadlines
    i planen): 28 dagar före, 7 dagar före och dagen efter. Ett brev per person med allt som
    saknas för hen; nämndsekreteraren får det som saknas i hela planen. Kör dagligen, t.ex.
    från cron: vp remind --period 2018-T2 --send."""
    import datetime as dt

    from ..common.problems import Refused
    from ..edit.accounts import load_accounts
    from ..followup.remind import deadlines, digests, next_reminder
    from ..followup.words import long_date
    from ..output.mail import as_text, compose
    from ..web.settings import load_settings

    chosen = any_period(period)
    day = parse_as_of(today, "--today")
    try:
        settings = load_settings(HERE)
        accounts = list(load_accounts(HERE).values())
    except Refused as error:
        refused(error)
    repository = open_repository_or_exit()
    if not deadlines(repository, chosen):
        usage_error(
            f"ingen plan har en sista dag för {chosen}",
            "Ange den i planen under follow_up: deadlines: "
            f"[{{period: {chosen}, date: ÅÅÅÅ-MM-DD}}].",
        )
    found = digests(repository, accounts, chosen, day, force)
    if not found:
        coming = next_reminder(repository, chosen, day)
        later = f"; nästa påminnelsedag är {long_date(coming)}" if coming else ""
        typer.echo(f"Ingen påminnelse att skicka {day.isoformat()} för {chosen}{later}.", err=True)
        return
    now = dt.datetime.combine(day, dt.datetime.now().time()).astimezone()
    sender = settings.smtp.sender if settings.smtp else "vp@localhost"
    messages = [compose(d, chosen, sender, settings.public_url, now) for d in found]
    if not send:
        typer.echo(("\n" + "─" * 60 + "\n").join(as_text(m) for m in messages), nl=False)
        typer.echo(
            f"Provkörning: {len(messages)} påminnelser skickades inte; skicka med --send.", err=True
        )
        return
    smtp = settings.smtp
    if smtp is None:
        usage_error(
            "ingen e-postserver är inställd",
            "Ange [smtp] med host, port, starttls och sender i .vp/serve.toml.",
        )
    import smtplib

    from ..output.mail import send as send_all

    try:
        send_all(messages, smtp)
    except (OSError, smtplib.SMTPException) as error:
        typer.echo(
            f"vp: kunde inte skicka påminnelserna via {smtp.host}:{smtp.port} ({error}); "
            "inga fler skickades.",
            err=True,
        )
        raise typer.Exit(1) from None
    addresses = ", ".join(d.account.email for d in found)
    typer.echo(f"Skickade {len(messages)} påminnelser för {chosen}: {addresses}.")
