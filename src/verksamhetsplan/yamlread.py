"""Safe, position-aware YAML reading.

Builds plain Python data (dict, list, str, int, float, bool, None) straight from
libyaml's event stream and records the line and column of every key and value, so
that every later problem can point at its place in the file.

Why events and not ruamel's composer or loader: the C composer recurses and crashes
the interpreter on deeply nested input, the round-trip loader is about seven times
slower, and neither lets us bound alias expansion. Building from events lets us
reject what a plan file must never contain (foreign tags, alias bombs, absurd
nesting) before any of it is turned into objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _ruamel_yaml import CParser

Path_ = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line and column

MAX_DEPTH = 64
# Nodes counted with every alias expanded: bounds the work any later walk of the data does.
MAX_NODES = 200_000
MAX_FILE_BYTES = 20 * 1024 * 1024

_YAML = "tag:yaml.org,2002:"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


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


@dataclass
class Positions:
    """Where each value and each mapping key of a document stands."""

    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)

    def of_value(self, path: Path_) -> Position | None:
        # A path into aliased or missing content has no entry: fall back to its parent.
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return None

    def of_key(self, path: Path_) -> Position | None:
        return self.keys.get(path) or self.of_value(path)


def resolve_plain(text: str) -> Any:
    """The YAML 1.2 core schema: so `no` stays text and `2017-11-29` stays text."""
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    if _INT.match(text):
        return int(text)
    if _INT_OCT.match(text):
        return int(text[2:], 8)
    if _INT_HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.match(text):
        return float("nan")
    return text


def _scalar(event: Any, position: Position) -> Any:
    tag = event.tag
    if tag is None:
        return resolve_plain(event.value) if event.implicit[0] else event.value
    if tag in ("!", _YAML + "str"):
        return event.value
    if tag in (_YAML + "int", _YAML + "float", _YAML + "bool", _YAML + "null"):
        value = resolve_plain(event.value)
        name = tag.removeprefix(_YAML)
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if name == "float" and number:
            return float(value)
        if (
            (name == "int" and number and isinstance(value, int))
            or (name == "bool" and isinstance(value, bool))
            or (name == "null" and value is None)
        ):
            return value
        raise YamlProblem(
            "VP004", f"värdet {event.value!r} passar inte taggen {_short_tag(tag)}", position
        )
    raise _forbidden_tag(tag, position)


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML) if tag.startswith(_YAML) else tag


def _forbidden_tag(tag: str, position: Position) -> YamlProblem:
    return YamlProblem(
        "VP006",
        f"YAML-taggen {_short_tag(tag)} är inte tillåten: planfiler är data och får inte "
        "skapa objekt eller köra kod",
        position,
        hint="Ta bort taggen och skriv värdet som vanlig text, tal, lista eller mappning.",
    )


def _pos(mark: Any) -> Position:
    return (mark.line + 1, mark.column + 1)


@dataclass
class _Open:
    """A mapping or sequence being built, with what is needed to finish it."""

    container: dict[str, Any] | list[Any]
    path: Path_
    anchor: str | None
    nodes_before: int
    pending_key: str | None = None
    key_lines: dict[str, int] = field(default_factory=dict)


def parse(text: str) -> tuple[Any, Positions]:
    """Parse one YAML document into plain data and the positions of its parts.

    Raises YamlProblem for anything that is not a single, safe YAML document.
    An empty document (only comments or whitespace) returns None.
    """
    positions = Positions()
    anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, node count)
    stack: list[_Open] = []
    nodes = 0
    root: Any = None
    documents = 0
    parser = CParser(text)

    def child_path() -> Path_ | None:
        if not stack:
            return ()
        top = stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        if top.pending_key is None:
            return None  # the next node is a key
        return (*top.path, top.pending_key)

    def attach(value: Any, position: Position) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        if isinstance(top.container, list):
            top.container.append(value)
            return
        if top.pending_key is None:
            _take_key(top, value, position, positions)
            return
        top.container[top.pending_key] = value
        top.pending_key = None

    try:
        while True:
            event = parser.get_event()
            if event is None:
                break
            kind = type(event).__name__
            if kind in ("StreamStartEvent", "StreamEndEvent", "DocumentEndEvent"):
                continue
            if kind == "DocumentStartEvent":
                documents += 1
                if documents > 1:
                    raise YamlProblem(
                        "VP008",
                        "filen innehåller mer än ett YAML-dokument; en plan ska stå i ett",
                        _pos(event.start_mark),
                        hint="Ta bort raden med '---' eller dela upp planen i flera filer.",
                    )
                continue
            position = _pos(event.start_mark)
            if kind in ("MappingStartEvent", "SequenceStartEvent"):
                if event.tag is not None and event.tag not in (_YAML + "map", _YAML + "seq"):
                    raise _forbidden_tag(event.tag, position)
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem(
                        "VP007",
                        f"strukturen är nästlad i mer än {MAX_DEPTH} nivåer",
                        position,
                    )
                path = child_path()
                nodes += 1
                container: dict[str, Any] | list[Any] = {} if kind == "MappingStartEvent" else []
                if path is None:
                    raise YamlProblem(
                        "VP008",
                        "en nyckel måste vara en enkel text, inte en lista eller mappning",
                        position,
                    )
                positions.values[path] = position
                attach(container, position)
                stack.append(_Open(container, path, event.anchor, nodes))
                continue
            if kind in ("MappingEndEvent", "SequenceEndEvent"):
                done = stack.pop()
                if done.anchor is not None:
                    anchors[done.anchor] = (done.container, nodes - done.nodes_before + 1)
                continue
            if kind == "AliasEvent":
                if event.anchor not in anchors:
                    # Declared but unfinished: the alias points into its own anchor.
                    raise YamlProblem(
                        "VP007", f"aliaset *{event.anchor} pekar på sig självt", position
                    )
                value, size = anchors[event.anchor]
                nodes += size
                _check_size(nodes, position)
                path = child_path()
                if path is not None:
                    positions.values[path] = position
                attach(value, position)
                continue
            # ScalarEvent
            nodes += 1
            _check_size(nodes, position)
            value = _scalar(event, position)
            path = child_path()
            if path is not None:
                positions.values[path] = position
            if event.anchor is not None:
                anchors[event.anchor] = (value, 1)
            attach(value, position)
    except YamlProblem:
        raise
    except Exception as error:  # libyaml's Scanner/Parser/Reader errors
        raise _syntax_problem(error, text) from None
    return root, positions


def _take_key(top: _Open, key: Any, position: Position, positions: Positions) -> None:
    if isinstance(key, (dict, list)):
        raise YamlProblem(
            "VP008", "en nyckel måste vara en enkel text, inte en lista eller mappning", position
        )
    name = "" if key is None else str(key) if not isinstance(key, bool) else str(key).lower()
    if name in top.key_lines:
        raise YamlProblem(
            "VP005",
            f"nyckeln {name!r} förekommer redan på rad {top.key_lines[name]}",
            position,
            hint="Ta bort eller slå ihop den ena; YAML skulle annars tyst behålla bara den sista.",
        )
    top.key_lines[name] = position[0]
    top.pending_key = name
    positions.keys[(*top.path, name)] = position


def _check_size(nodes: int, position: Position) -> None:
    if nodes > MAX_NODES:
        raise YamlProblem(
            "VP007",
            f"dokumentet växer till mer än {MAX_NODES:,} noder när alias expanderas".replace(
                ",", "\u00a0"
            ),
            position,
            hint="Filen ser ut som en så kallad alias-bomb; skriv ut innehållet utan alias.",
        )


# libyaml's English problem texts and what to tell a plan author instead.
_SYNTAX_MESSAGES = [
    ("did not find expected ',' or ']'", "hakparentesen stängs aldrig: ',' eller ']' saknas"),
    ("did not find expected ',' or '}'", "klammerparentesen stängs aldrig: ',' eller '}' saknas"),
    (
        "mapping values are not allowed",
        "kolon på fel ställe; sätt texten inom citattecken om den innehåller ': '",
    ),
    ("found undefined alias", "aliaset är inte definierat (ingen matchande &ankare)"),
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


def _syntax_problem(error: Exception, text: str) -> YamlProblem:
    problem = str(getattr(error, "problem", "") or error).strip()
    mark = getattr(error, "problem_mark", None)
    position = _pos(mark) if mark is not None else None
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
        column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
        raise YamlProblem(
            "VP002",
            f"filen är inte UTF-8 (byte 0x{raw[start]:02x} kan inte avkodas)",
            (line, column),
            hint="Spara filen som UTF-8; äldre Windows-program sparar ibland som Windows-1252.",
        ) from None


def read_file(path: Path) -> tuple[Any, Positions]:
    """Read and parse a YAML file; every failure is a YamlProblem, never an OSError."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlProblem("VP007", f"filen är för stor ({size // (1024 * 1024)} MiB)")
        raw = path.read_bytes()
    except OSError as error:
        raise YamlProblem("VP009", f"filen kan inte läsas ({error.strerror})") from None
    data, positions = parse(decode(raw))
    if data is None:
        raise YamlProblem(
            "VP003", "filen är tom", (1, 1), hint="En planfil börjar med till exempel 'id:'."
        )
    return data, positions
