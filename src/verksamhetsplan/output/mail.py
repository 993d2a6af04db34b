"""The reminders as e-mail: one digest per person in plain Swedish text, and sending them
over SMTP to the one server the configuration names, with STARTTLS, within a deadline."""

from __future__ import annotations

import datetime as dt
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from typing import Any

from ..followup.words import long_date, period_name, period_text

TIMEOUT = 30.0  # seconds for each SMTP step: a stuck server never hangs a cron job
SUBJECTS = {
    "first": "Påminnelse: rapportera {name} senast {date}",
    "second": "Påminnelse: en vecka kvar att rapportera {name} (senast {date})",
    "late": "Sista dagen har passerat: {name} skulle vara rapporterad {date}",
}


@dataclass(frozen=True)
class Server:
    """The mail server, as `[smtp]` in .vp/serve.toml names it."""

    host: str
    port: int = 587
    starttls: bool = True
    sender: str = "vp@localhost"
    user: str | None = None
    password: str | None = None
    cafile: str | None = None  # the municipality's own CA, when the server's is not public


def compose(
    digest: Any, period: str, sender: str, link: str | None, now: dt.datetime
) -> EmailMessage:
    account = digest.account
    first_deadline = min(deadline for _, deadline, _ in digest.plans)
    name = period_name(period)
    message = EmailMessage()
    message["From"] = sender
    message["To"] = formataddr((account.name, account.email))
    message["Subject"] = SUBJECTS[digest.kind].format(name=name, date=long_date(first_deadline))
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "localhost")
    lines = [f"Hej {account.name}!", ""]
    if digest.kind == "late":
        lines.append(f"Uppföljningen för {period_text(period)} skulle vara klar, men något saknas.")
    else:
        days = (first_deadline - now.date()).days
        lines.append(f"Uppföljningen för {period_text(period)} ska vara klar om {days} dagar.")
    who = "i planerna" if account.sees_everything else "för dig"
    lines += ["", f"Det här saknas {who}:"]
    for here, deadline, items in digest.plans:
        lines += ["", f"{here.plan_file.plan.title} – sista dag {long_date(deadline)}:"]
        lines += [f"  - {item}" for item in items]
    lines.append("")
    if link:
        lines.append(f"Skriv in det i vp under Mitt arbete: {link.rstrip('/')}/arbete")
    else:
        lines.append("Skriv in det i vp under Mitt arbete.")
    lines += ["", "Hälsningar", "vp – uppföljning av verksamhetsplanen", ""]
    message.set_content("\n".join(lines))
    return message


def as_text(message: EmailMessage) -> str:
    """A mail as `vp remind` without --send shows it."""
    head = "\n".join(f"{key}: {message[key]}" for key in ("To", "Subject"))
    body = message.get_content()
    return f"{head}\n\n{body}"


def send(messages: list[EmailMessage], server: Server) -> None:
    """Send every mail in one connection; an error stops with what was sent so far said
    by the caller (smtplib's own exceptions carry the server's words)."""
    context = ssl.create_default_context(cafile=server.cafile)
    with smtplib.SMTP(server.host, server.port, timeout=TIMEOUT) as connection:
        connection.ehlo()
        if server.starttls:
            connection.starttls(context=context)
            connection.ehlo()
        if server.user and server.password:
            connection.login(server.user, server.password)
        for message in messages:
            connection.send_message(message)
