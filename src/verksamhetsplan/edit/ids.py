"""Ids made from Swedish text, as a person would write them by hand: `Andel heltider ökar`
becomes `andel-heltider-okar`."""

from __future__ import annotations

import re
import unicodedata

from ..common.problems import Refused
from ..plan.fields import ID_PATTERN

# Folded by hand rather than by stripping accents: å→a and ä→a, ö→o, as Swedes write ids.
FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "æ": "ae", "ø": "o", "ß": "ss"})
MAX_LENGTH = 40
# Small words that make a poor end of a cut id ("samverkan-ar").
TRAILING = {"ar", "och", "i", "att", "med", "for", "av", "pa", "som", "en", "ett", "har", "till"}


def slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens, cut at a word boundary near 40 characters."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(FOLD))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = re.findall(r"[a-z0-9]+", plain)
    kept: list[str] = []
    for word in words:
        if kept and len("-".join([*kept, word])) > MAX_LENGTH:
            break
        kept.append(word)
    while len(kept) > 1 and kept[-1] in TRAILING:
        kept.pop()
    return "-".join(kept)[: MAX_LENGTH + 20]


def new_id(given: str | None, text: str, taken: set[str], word: str, suffix: str = "") -> str:
    """The id given, or one made from the text; refused when it is taken or empty."""
    if given:
        ident = given.strip()
        if not re.match(ID_PATTERN, ident):
            raise Refused(
                f"id {ident!r} är inte tillåtet",
                hint="Ett id består av små bokstäver a–z, siffror, - _ och . (inga å, ä, ö).",
                usage=True,
            )
    else:
        base = slug(text)
        if not base:
            raise Refused(f"kan inte göra ett id av {text!r}", hint="Ange --id.", usage=True)
        ident = f"{base}-{suffix}" if suffix and not base.endswith(suffix) else base
    if ident in taken:
        raise Refused(
            f"id {ident!r} används redan för {word} i planen",
            hint="Välj ett annat med --id.",
            usage=True,
        )
    return ident
