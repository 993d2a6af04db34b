"""vp serve (the web application for the people who report) and vp user (its accounts)."""

from __future__ import annotations

from typing import Annotated

import typer

from . import App, app
from .common import HERE, any_period, apply_changes, refused, usage_error

LOOPBACK = {"localhost"}


def is_loopback(host: str) -> bool:
    import ipaddress  # here: every command's start-up would pay for it

    if host in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    host: Annotated[
        str,
        typer.Option(
            "--host",
            metavar="ADRESS",
            help="Adressen att lyssna på (standard: bara den här datorn).",
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", help="Porten.")] = 8000,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="Perioden som rapporteras, t.ex. 2018-T2 (standard: [server] period i "
            ".vp/serve.toml, annars det senaste året i planerna).",
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            metavar="ANTAL",
            min=1,
            max=16,
            help="Processer som svarar (standard 1); 2 på en server med två kärnor och många "
            "som rapporterar samtidigt.",
        ),
    ] = 1,
    behind_proxy: Annotated[
        bool,
        typer.Option(
            "--behind-proxy",
            help="Kommunens proxy tar hand om TLS (https) framför vp: kakor skickas bara över "
            "https och proxyns X-Forwarded-huvuden litas på.",
        ),
    ] = False,
) -> None:
    """Starta webbapplikationen där de som rapporterar skriver in värden, bedömningar,
    aktiviteternas status och analyser, och nämndsekreteraren godkänner och låser perioden.
    Varje ändring sparas som en commit i planförrådet med personen som författare."""
    from ..common.git import repository_problem
    from ..common.problems import Refused
    from ..edit.accounts import load_accounts
    from ..web.settings import load_settings

    if not (HERE / "plans").is_dir():
        usage_error(
            "hittar ingen katalog plans/ här",
            "Kör vp serve i planförrådets rot (där plans/ finns).",
        )
    try:
        settings = load_settings(HERE)
        accounts = load_accounts(HERE)
    except Refused as error:
        refused(error)
    problem = repository_problem(HERE)
    if problem is not None:
        usage_error(problem, "vp serve sparar varje ändring som en commit; starta med git init.")
    tls = bool(settings.certfile and settings.keyfile)
    if not is_loopback(host) and not tls and not behind_proxy:
        usage_error(
            f"vp serve lyssnar inte på {host} utan TLS: lösenord och kakor skulle gå okrypterade "
            "över nätet",
            "Ange certfile och keyfile under [tls] i .vp/serve.toml, eller --behind-proxy när "
            "kommunens proxy sköter https.",
        )
    if period is not None:
        settings.period = any_period(period)
    elif settings.period is not None:
        settings.period = any_period(str(settings.period), ".vp/serve.toml: [server] period =")
    if not accounts and settings.oidc is None:
        usage_error(
            "det finns inga konton",
            "Lägg till ett med vp user add NAMN --name … --email … --role secretary.",
        )
    settings.secure_cookies = tls or behind_proxy
    import os

    import uvicorn

    from ..web.app import create_app
    from ..web.settings import session_secret

    try:
        session_secret(HERE)  # made here, once: every worker must sign with the same key
    except Refused as error:
        refused(error)
    scheme = "https" if tls else "http"
    typer.echo(f"vp serve: {scheme}://{host}:{port}/ (avsluta med Ctrl-C)", err=True)
    if workers > 1:
        os.environ["VP_SERVE_ROOT"] = str(HERE.resolve())
        os.environ["VP_SERVE_PERIOD"] = settings.period or ""
        os.environ["VP_SERVE_SECURE"] = "1" if settings.secure_cookies else ""
    uvicorn.run(
        "verksamhetsplan.web.app:from_environment" if workers > 1 else create_app(settings),
        factory=workers > 1,
        workers=workers if workers > 1 else None,
        host=host,
        port=port,
        ssl_certfile=settings.certfile if tls else None,
        ssl_keyfile=settings.keyfile if tls else None,
        proxy_headers=behind_proxy,
        forwarded_allow_ips="*" if behind_proxy else None,
        server_header=False,
        # A person spends longer than uvicorn's 5 s on a form; a connection closed meanwhile
        # races the browser's reuse of it. 75 s is what nginx keeps them.
        timeout_keep_alive=75,
        log_level="warning",
    )


user_app = App(help="Konton för vp serve: lägg till, ta bort, lista.", no_args_is_help=True)
app.add_typer(user_app, name="user")


@user_app.command("add")
def user_add(
    user: Annotated[str, typer.Argument(help="Användarnamnet.", show_default=False)],
    name: Annotated[
        str, typer.Option("--name", metavar="NAMN", help="Namnet, som det står i git-loggen.")
    ],
    email: Annotated[
        str,
        typer.Option("--email", metavar="E-POST", help="E-postadressen (påminnelser, OIDC)."),
    ],
    role: Annotated[
        str, typer.Option("--role", metavar="ROLL", help="reporter, secretary eller admin.")
    ] = "reporter",
    responsible: Annotated[
        list[str] | None,
        typer.Option(
            "--responsible",
            metavar="ANSVAR",
            help="Ett ansvar som planerna skriver det (responsible:), t.ex. "
            '"Verksamhetschef Vård och Omsorg"; kan anges flera gånger.',
        ),
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Läs lösenordet från standard in.")
    ] = False,
    no_password: Annotated[
        bool, typer.Option("--no-password", help="Inget lösenord: bara inloggning via OIDC.")
    ] = False,
) -> None:
    """Lägg till ett konto (eller ändra ett): lösenordet frågas efter och sparas som en
    Argon2-hash i .vp/accounts.json, som aldrig checkas in."""
    import sys

    from ..common.problems import Refused
    from ..edit.accounts import add_account

    password: str | None = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif not no_password:
        password = typer.prompt("Lösenord", hide_input=True, confirmation_prompt="Igen")
    try:
        change = add_account(HERE, user, name, email, role, responsible or [], password)
    except Refused as error:
        refused(error)
    apply_changes([change])


@user_app.command("remove")
def user_remove(
    user: Annotated[str, typer.Argument(help="Användarnamnet.", show_default=False)],
) -> None:
    """Ta bort ett konto; en inloggad person loggas ut vid nästa sidvisning."""
    from ..common.problems import Refused
    from ..edit.accounts import remove_account

    try:
        change = remove_account(HERE, user)
    except Refused as error:
        refused(error)
    apply_changes([change])


@user_app.command("list")
def user_list() -> None:
    """Kontona i vp serve: användarnamn, namn och e-post, roll (rapportör, nämndsekreterare
    eller administratör), om kontot loggar in med lösenord eller bara via kommunens
    inloggning (OIDC), och vilka ansvar i planerna det svarar för."""
    from ..common.problems import Refused
    from ..edit.accounts import ROLE_WORDS, load_accounts

    try:
        accounts = load_accounts(HERE)
    except Refused as error:
        refused(error)
    if not accounts:
        typer.echo("Inga konton än; lägg till med vp user add.")
    for account in accounts.values():
        how = "lösenord" if account.password else "OIDC"
        answers = f"; ansvarar för: {', '.join(account.responsible)}" if account.responsible else ""
        typer.echo(
            f"{account.user}: {account.name} <{account.email}>, {ROLE_WORDS[account.role]} "
            f"({how}){answers}"
        )
