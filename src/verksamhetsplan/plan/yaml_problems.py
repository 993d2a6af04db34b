"""What can be wrong with a YAML file before it is data: bytes that are not UTF-8 and
libyaml's syntax errors, as located Swedish problems."""

from __future__ import annotations

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


def syntax_problem(error: Exception, text: str) -> YamlProblem:
    problem = str(getattr(error, "problem", "") or error).strip()
    mark = getattr(error, "problem_mark", None)
    position = mark_position(mark) if mark is not None else None
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
