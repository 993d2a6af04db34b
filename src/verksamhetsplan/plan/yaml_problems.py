"""What can be wrong with a YAML file before it is data: bytes that are not UTF-8 and
libyaml's syntax errors, as located Swedish problems."""

from __future__ import annotations

import re
from typing import Any

Position = tuple[int, int]  # 1-based line and column


class YamlProblem(Exception):
    """A file that cannot be read as safe YAML; carries a Swedish message and a place."""

    def __init__(
        self, code: str, message: str, position: Position | None = None, hint: str | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.position = position
        self.hint = hint


def mark_position(mark: Any) -> Position:
    """A libyaml mark (0-based) as the 1-based line and column people read."""
    return (mark.line + 1, mark.column + 1)


# libyaml's English problem texts and what to tell a plan author instead.
_SYNTAX_MESSAGES = [
    ("did not find expected ',' or ']'", "hakparentesen stängs aldrig: ',' eller ']' saknas"),
    ("did not find expected ',' or '}'", "klammerparentesen stängs aldrig: ',' eller '}' saknas"),
    (
        "mapping values are not allowed",
        "kolon på fel ställe; sätt texten inom citattecken om den innehåller ': '",
    ),
    ("did not find expected key", "indraget stämmer inte: här förväntades en nyckel"),
    ("could not find expected ':'", "kolon saknas efter nyckeln"),
    ("found unexpected end of stream", "filen tar slut mitt i ett citat eller en struktur"),
    ("did not find expected node content", "ett värde saknas här"),
    ("block sequence entries are not allowed", "ett listelement ('- ') står på fel ställe"),
    ("did not find expected '-' indicator", "indraget stämmer inte: här förväntades '- '"),
    ("found duplicate anchor", "ankaret är redan definierat"),
    ("control characters are not allowed", "filen innehåller otillåtna kontrolltecken"),
    ("unacceptable character", "filen innehåller otillåtna kontrolltecken"),
]


# What libyaml refuses to read: C0 and C1 controls (but tab, line breaks and NEL), DEL,
# lone surrogates and the two non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def syntax_problem(error: Exception, text: str) -> YamlProblem:
    problem = str(getattr(error, "problem", "") or error).strip()
    mark = getattr(error, "problem_mark", None)
    position = mark_position(mark) if mark is not None else None
    control = _CONTROL.search(text)
    if control is not None and ("control characters" in problem or "unacceptable" in problem):
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        return YamlProblem(
            "VP004",
            f"filen innehåller det osynliga kontrolltecknet U+{ord(control.group()):04X}",
            (line, column),
            hint="Ta bort tecknet; det kommer ofta med text som kopierats från ett annat program.",
        )
    if mark is not None and _quote_before(text, mark.line, mark.column):
        opened = _unclosed_quote(text, mark.line)
        if opened is not None:
            quote_line, quote_column, quote = opened
            return YamlProblem(
                "VP004",
                f"citattecknet {quote} på rad {quote_line} stängs aldrig på sin rad; texten "
                f"fortsätter till rad {mark.line + 1}",
                (quote_line, quote_column),
                hint=f"Lägg till det avslutande {quote} eller ta bort det inledande.",
            )
    context_mark = getattr(error, "context_mark", None)
    if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        return YamlProblem(
            "VP004",
            "tabbtecken kan inte användas för indrag i YAML",
            position,
            hint="Byt tabbarna mot mellanslag (två per nivå är vanligt).",
        )
    message = next((sv for en, sv in _SYNTAX_MESSAGES if en in problem), None)
    if message is None:
        message = f"YAML-syntaxfel ({problem})"
    hint = None
    if context_mark is not None and (context_mark.line, context_mark.column) != (
        getattr(mark, "line", None),
        getattr(mark, "column", None),
    ):
        hint = (
            f"Strukturen som inte avslutas börjar på rad {context_mark.line + 1}, "
            f"kolumn {context_mark.column + 1}."
        )
    return YamlProblem("VP004", message, position, hint)


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#"'][^#"']*?:\s+)?(["'])""")


def _quote_before(text: str, line: int, column: int) -> bool:
    """Whether a quote stands just before the error: where a runaway quoted value ended."""
    lines = text.split("\n", line + 1)
    before = lines[line][:column] if line < len(lines) else ""
    return bool(before.rstrip()) and before.rstrip()[-1] in "\"'"


def _unclosed_quote(text: str, error_line: int) -> tuple[int, int, str] | None:
    """A quoted value opened on an earlier line and closed on none: libyaml reads on to the
    next quote character, often in a comment far below, and reports the error there."""
    lines = text.split("\n", error_line + 1)[: error_line + 1]
    for number in range(min(error_line, len(lines) - 1), -1, -1):
        line = lines[number]
        found = _QUOTED_VALUE.match(line)
        if found is None:
            continue
        quote, start = found.group(1), found.end()
        rest = line[start:]
        closed = rest.replace('\\"', "").count('"') if quote == '"' else rest.count("'")
        if closed % 2 == 0 and number < error_line:
            return number + 1, start, quote
        return None
    return None


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    if line >= len(lines) or column >= len(lines[line]):
        return ""
    return lines[line][column]


def decode(raw: bytes) -> str:
    """UTF-8 text of a file, with a located Swedish problem where it is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = error.start
        line = raw.count(b"\n", 0, start) + 1
        line_start = raw.rfind(b"\n", 0, start) + 1
        column = len(raw[line_start:start].decode("utf-8", errors="replace")) + 1
        raise YamlProblem(
            "VP002",
            f"filen är inte UTF-8 (byte 0x{raw[start]:02x} kan inte avkodas)",
            (line, column),
            hint="Spara filen som UTF-8; äldre Windows-program sparar ibland som Windows-1252.",
        ) from None
