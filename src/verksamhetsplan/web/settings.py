"""What `vp serve` and `vp remind` are configured with: `.vp/serve.toml` beside the plans
(never committed: it names secrets' places), and the options given on the command line.

    [server]
    period = "2018-T2"            # the open period, if not given with --period
    public_url = "https://vp.degerfors.se"

    [tls]                         # TLS in uvicorn itself; or --behind-proxy
    certfile = "/etc/vp/cert.pem"
    keyfile = "/etc/vp/key.pem"

    [oidc]                        # single sign-on: Entra ID, Keycloak, ADFS
    issuer = "https://login.microsoftonline.com/<tenant>/v2.0"
    client_id = "…"
    client_secret_env = "VP_OIDC_SECRET"   # the secret itself stays in the environment
    claim = "email"               # the claim that names the account (email or preferred_username)

    [smtp]
    host = "smtp.degerfors.se"
    port = 587
    starttls = true
    sender = "vp@degerfors.se"
    user = "vp"                   # optional
    password_env = "VP_SMTP_PASSWORD"
    cafile = "/etc/ssl/kommunen-ca.pem"   # optional: the municipality's own CA
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..common.files import display_path, read_bytes, write_bytes_atomic
from ..common.problems import Refused
from ..edit.accounts import VP_FOLDER, private_folder

if TYPE_CHECKING:
    from ..output.mail import Server

SETTINGS = VP_FOLDER / "serve.toml"
SECRET = VP_FOLDER / "session-secret"


@dataclass(frozen=True)
class Oidc:
    issuer: str
    client_id: str
    client_secret: str
    claim: str = "email"


@dataclass
class Settings:
    root: Path
    period: str | None = None
    today: dt.date | None = None  # fixed for tests and demonstrations; None is the real day
    secure_cookies: bool = False  # behind TLS: the session cookie is sent only over HTTPS
    public_url: str | None = None
    certfile: str | None = None
    keyfile: str | None = None
    oidc: Oidc | None = None
    smtp: Server | None = None  # the mail server vp remind sends through
    secret: str = field(default="", repr=False)

    def day(self) -> dt.date:
        return self.today or dt.date.today()


def _secret_from_env(section: dict[str, Any], key: str, where: str) -> str | None:
    name = section.get(key)
    if name is None:
        return None
    value = os.environ.get(str(name))
    if not value:
        raise Refused(f"{where}: miljövariabeln {name} som {key} nämner är inte satt")
    return value


def load_settings(root: Path) -> Settings:
    """The configuration file read and checked; every mistake named with its place."""
    path = root / SETTINGS
    settings = Settings(root=root)
    if path.is_file():
        shown = display_path(path)
        try:
            data = tomllib.loads(read_bytes(path).decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise Refused(f"{shown} går inte att läsa: {error}") from None
        try:
            server = data.get("server", {})
            settings.period = server.get("period")
            settings.public_url = server.get("public_url")
            tls = data.get("tls", {})
            settings.certfile, settings.keyfile = tls.get("certfile"), tls.get("keyfile")
            if "oidc" in data:
                section = data["oidc"]
                settings.oidc = Oidc(
                    str(section["issuer"]).rstrip("/"),
                    str(section["client_id"]),
                    _secret_from_env(section, "client_secret_env", f"{shown} [oidc]") or "",
                    str(section.get("claim", "email")),
                )
            if "smtp" in data:
                section = data["smtp"]
                from ..output.mail import Server

                settings.smtp = Server(
                    str(section["host"]),
                    int(section.get("port", 587)),
                    bool(section.get("starttls", True)),
                    str(section.get("sender", "vp@localhost")),
                    section.get("user"),
                    _secret_from_env(section, "password_env", f"{shown} [smtp]"),
                    section.get("cafile"),
                )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise Refused(
                f"{shown}: inställningen {error} saknas eller är fel",
                hint="Se dokumentationen av vp serve för filens nycklar.",
            ) from None
    return settings


def session_secret(root: Path) -> str:
    """The key that signs session cookies: made once and kept in .vp/, so that a restart
    does not log everyone out, and readable by the server's user alone."""
    path = root / SECRET
    if path.is_file():
        return read_bytes(path).decode().strip()
    private_folder(root)
    secret = secrets.token_urlsafe(48)
    write_bytes_atomic(path, secret.encode())
    os.chmod(path, 0o600)
    return secret
