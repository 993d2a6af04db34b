"""The accounts of `vp serve`: who may log in, with which role, answering for which of the
plans' `responsible:` names. They live in `.vp/accounts.json` beside the plans, a file the
administrator manages with `vp user add/remove` and that is never committed (the folder
`.vp/` is git-ignored): it holds password hashes.

Passwords are hashed with Argon2id (argon2-cffi, the reference implementation's binding):
memory-hard, so a stolen file costs an attacker memory per guess, not only time.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ..common.files import display_path, file_state, read_bytes, write_bytes_atomic
from ..common.problems import Refused
from .safe_write import Change

VP_FOLDER = Path(".vp")
ACCOUNTS = VP_FOLDER / "accounts.json"


class Role(StrEnum):
    REPORTER = "reporter"
    SECRETARY = "secretary"
    ADMIN = "admin"


ROLE_WORDS = {
    Role.REPORTER: "rapportör",
    Role.SECRETARY: "nämndsekreterare",
    Role.ADMIN: "administratör",
}


@dataclass(frozen=True)
class Account:
    user: str
    name: str
    email: str
    role: Role
    # the plans' `responsible:` texts this person answers for ("Verksamhetschef Vård och Omsorg")
    responsible: tuple[str, ...] = ()
    password: str | None = field(default=None, repr=False)  # an Argon2 hash; None: only OIDC

    @property
    def sees_everything(self) -> bool:
        return self.role in (Role.SECRETARY, Role.ADMIN)

    @property
    def author(self) -> str:
        """The person as git's author: "Anna Berg <anna.berg@degerfors.se>"."""
        return f"{self.name} <{self.email}>"


def accounts_path(root: Path) -> Path:
    return root / ACCOUNTS


_READ: dict[Path, tuple[tuple[int, int, int], dict[str, Account]]] = {}


def load_accounts(root: Path) -> dict[str, Account]:
    """Every account by user name; no file is no accounts. A broken file is refused whole,
    with where it is broken: a server must not start with half of its accounts.

    vp serve asks on every request (a removed account must count at once); the file is read
    again only when it has changed."""
    path = accounts_path(root)
    state = file_state(path)
    if state is None:
        return {}
    known = _READ.get(path)
    if known is not None and known[0] == state:
        return dict(known[1])
    found = _parse_accounts(path)
    _READ[path] = (state, found)
    return dict(found)


def _parse_accounts(path: Path) -> dict[str, Account]:
    shown = display_path(path)
    try:
        data = json.loads(read_bytes(path).decode("utf-8"))
        found = {}
        for entry in data["accounts"]:
            account = Account(
                user=str(entry["user"]),
                name=str(entry["name"]),
                email=str(entry["email"]),
                role=Role(entry["role"]),
                responsible=tuple(str(r) for r in entry.get("responsible", [])),
                password=entry.get("password"),
            )
            found[account.user.casefold()] = account
    except json.JSONDecodeError as error:
        raise Refused(
            f"{shown} är ingen giltig JSON (rad {error.lineno}, kolumn {error.colno})",
            hint="Hantera kontona med vp user add och vp user remove.",
        ) from None
    except (KeyError, TypeError, ValueError, UnicodeDecodeError) as error:
        raise Refused(
            f"{shown} har ett konto som inte går att läsa ({error})",
            hint="Varje konto har user, name, email och role (reporter, secretary eller admin).",
        ) from None
    return found


def find_account(root: Path, user: str) -> Account | None:
    return load_accounts(root).get(user.strip().casefold())


_HASHER: Any = None


def _hasher() -> Any:
    global _HASHER
    if _HASHER is None:
        from argon2 import PasswordHasher

        _HASHER = PasswordHasher()  # RFC 9106's low-memory profile: 64 MiB, 3 passes
    return _HASHER


def hash_password(password: str) -> str:
    return str(_hasher().hash(password))


# Checked when the user name is unknown, so that a wrong name takes as long as a wrong
# password and the answer's time does not tell which accounts exist.
_DECOY: list[str] = []


def check_password(account: Account | None, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    if account is None or account.password is None:
        if not _DECOY:
            _DECOY.append(hash_password("vp-decoy"))
        with contextlib.suppress(VerificationError):
            _hasher().verify(_DECOY[0], password)
        return False
    try:
        return bool(_hasher().verify(account.password, password))
    except (VerificationError, InvalidHashError):
        return False


MIN_PASSWORD = 12


def private_folder(root: Path) -> Path:
    """.vp/, readable by its owner alone and ignored by git: it holds password hashes and
    the session key. Never a link: its files would be written somewhere else."""
    folder = root / VP_FOLDER
    if folder.is_symlink():
        raise Refused(f"{display_path(folder)} är en länk; vp skriver inte genom den")
    folder.mkdir(mode=0o700, exist_ok=True)
    os.chmod(folder, 0o700)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        text = b"# vp serve's accounts, keys and settings: never committed\n*\n"
        write_bytes_atomic(ignore, text)
    return folder


def _write(root: Path, accounts: dict[str, Account], done: str) -> Change:
    private_folder(root)
    path = accounts_path(root)
    before = read_bytes(path) if path.exists() else None
    entries = []
    for account in sorted(accounts.values(), key=lambda a: a.user.casefold()):
        entry = asdict(account)
        entry["role"] = account.role.value
        entry["responsible"] = list(account.responsible)
        entries.append(entry)
    text = json.dumps({"accounts": entries}, ensure_ascii=False, indent=2) + "\n"
    return Change(path, before, text.encode("utf-8"), [done])


def add_account(
    root: Path,
    user: str,
    name: str,
    email: str,
    role: str,
    responsible: list[str],
    password: str | None,
) -> Change:
    """A new account, or an existing one replaced (a new password, role or names)."""
    user = user.strip()
    if not user or any(c.isspace() or c in "<>\"'/" for c in user):
        raise Refused(f"användarnamnet {user!r} går inte att använda", usage=True)
    if "@" not in email or any(c.isspace() or c in "<>" for c in email):
        raise Refused(f"e-postadressen {email!r} ser inte ut som en e-postadress", usage=True)
    if not name.strip() or any(c in "<>\n" for c in name):
        raise Refused("namnet behövs, utan < > och radbrytningar", usage=True)
    try:
        chosen = Role(role)
    except ValueError:
        raise Refused(
            f"rollen {role!r} finns inte", hint="Välj reporter, secretary eller admin.", usage=True
        ) from None
    if password is not None and len(password) < MIN_PASSWORD:
        raise Refused(f"lösenordet måste ha minst {MIN_PASSWORD} tecken", usage=True)
    accounts = load_accounts(root)
    known = accounts.get(user.casefold())
    account = Account(
        user,
        name.strip(),
        email.strip(),
        chosen,
        tuple(r.strip() for r in responsible if r.strip()),
        hash_password(password) if password is not None else None,
    )
    accounts[user.casefold()] = account
    how = "med lösenord" if password is not None else "utan lösenord (bara inloggning via OIDC)"
    verb = "ändrat" if known else "tillagt"
    return _write(
        root, accounts, f"Kontot {user} ({ROLE_WORDS[chosen]}, {how}) är {verb} i {ACCOUNTS}."
    )


def remove_account(root: Path, user: str) -> Change:
    accounts = load_accounts(root)
    if accounts.pop(user.strip().casefold(), None) is None:
        raise Refused(f"kontot {user!r} finns inte", usage=True)
    return _write(root, accounts, f"Kontot {user} är borttaget ur {ACCOUNTS}.")
