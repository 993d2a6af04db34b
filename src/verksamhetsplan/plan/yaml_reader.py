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
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from .yaml_problems import Position, YamlProblem, decode, mark_position, syntax_problem
from .yaml_scalars import YAML_TAG, forbidden_tag, resolve_at, tagged_scalar

Path_ = tuple[str | int, ...]

MAX_DEPTH = 64
# Nodes counted with every alias expanded: bounds the work any later walk of the data does.
MAX_NODES = 200_000
MAX_FILE_BYTES = 20 * 1024 * 1024

_MISSING = object()


@dataclass
class Positions:
    """Where each value and each mapping key of a document stands."""

    # libyaml's marks, kept as they are: converting each one up front is measurable work.
    values: dict[Path_, Any] = field(default_factory=dict)
    keys: dict[Path_, Any] = field(default_factory=dict)

    def of_value(self, path: Path_) -> Position | None:
        # A path into aliased or missing content has no entry: fall back to its parent.
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return mark_position(found)
        return None

    def of_key(self, path: Path_) -> Position | None:
        found = self.keys.get(path)
        return mark_position(found) if found is not None else self.of_value(path)


def value_at(data: Any, path: Path_) -> Any:
    """The value at a path into parsed data, or None where the path leads nowhere."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


_NBSP_INDENT = re.compile(r"(?m)^[ \t]*\u00a0")


class _Open:
    """A mapping or sequence being built, with what is needed to finish it."""

    __slots__ = ("anchor", "container", "is_list", "key_lines", "nodes_before", "path", "pending")

    def __init__(
        self, container: dict[str, Any] | list[Any], path: Path_, anchor: str | None, nodes: int
    ) -> None:
        self.container = container
        self.is_list = isinstance(container, list)
        self.path = path
        self.anchor = anchor
        self.nodes_before = nodes
        self.pending: str | None = None  # a mapping's key whose value comes next
        self.key_lines: dict[str, int] = {}


def parse(text: str, *, record: bool = True) -> tuple[Any, Positions]:
    """Parse one YAML document into plain data and the positions of its parts.

    Raises YamlProblem for anything that is not a single, safe YAML document.
    An empty document (only comments or whitespace) returns None. With record=False
    no positions are kept: a valid file never needs them, and keeping them is a
    third of the parsing time.
    """
    swapped = any(ch in text for ch in _YAML11_BREAKS) and not any(ch in text for ch in _STAND_INS)
    if swapped:
        text = text.translate(_SWAP)
    if "\u00a0" in text:
        indented = _NBSP_INDENT.search(text)
        if indented is not None:
            line = text.count("\n", 0, indented.start()) + 1
            column = indented.end() - indented.start()
            raise YamlProblem(
                "VP004",
                "indraget innehåller ett hårt mellanslag (U+00A0), som YAML läser som text",
                (line, column),
                hint="Byt det mot ett vanligt mellanslag; det kommer ofta med text som "
                "kopierats från Word eller en webbsida.",
            )
    positions = Positions()
    values, keys = positions.values, positions.keys
    anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, node count)
    stack: list[_Open] = []
    nodes = 0
    root: Any = None
    documents = 0
    get_event = CParser(text).get_event
    resolved: dict[str, Any] = {}  # plain scalars repeat (month, percent, true): resolve once

    # One loop over libyaml's events, kept flat because it runs once per node of every file.
    try:
        while True:
            event = get_event()
            if event is None:
                break
            kind = event.__class__
            mark = event.start_mark
            if kind is ScalarEvent:
                nodes += 1
                if nodes > MAX_NODES:
                    raise _too_large(mark)
                top_ = stack[-1] if stack else None
                if top_ is not None and top_.pending is None and not top_.is_list:
                    # A mapping key: kept as written (a key `0x1F` is not the number 31).
                    # A plain key has no tag or "!", both fine: only others are read (the
                    # tag is a property in ruamel.yaml, and keys are half of all nodes).
                    if not event.implicit[0]:
                        tag = event.tag
                        if tag is not None and tag not in ("!", YAML_TAG + "str"):
                            raise forbidden_tag(tag, mark_position(mark))
                    name = event.value
                    if name in top_.key_lines:
                        _take_key(top_, name, mark, None)  # raises: a duplicated key
                    top_.key_lines[name] = mark.line + 1
                    top_.pending = name
                    if record:
                        keys[(*top_.path, name)] = mark
                    continue
                tag = event.tag
                if tag is None:
                    if event.implicit[0]:
                        scalar = event.value
                        value = resolved.get(scalar, _MISSING)
                        if value is _MISSING:
                            value = resolved[scalar] = resolve_at(scalar, mark)
                    else:
                        value = event.value
                else:
                    value = tagged_scalar(tag, event.value, mark_position(mark))
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.tag is not None and event.tag not in (YAML_TAG + "map", YAML_TAG + "seq"):
                    raise forbidden_tag(event.tag, mark_position(mark))
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem(
                        "VP007",
                        f"strukturen är nästlad i mer än {MAX_DEPTH} nivåer",
                        mark_position(mark),
                    )
                nodes += 1
                value = {} if kind is MappingStartEvent else []
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                done = stack.pop()
                if done.anchor is not None:
                    anchors[done.anchor] = (done.container, nodes - done.nodes_before + 1)
                continue
            elif kind is AliasEvent:
                value, size = _alias(event.anchor, anchors, stack, mark_position(mark))
                nodes += size
                if nodes > MAX_NODES:
                    raise _too_large(mark)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlProblem(
                        "VP008",
                        "filen innehåller mer än ett YAML-dokument; en plan ska stå i ett",
                        mark_position(mark),
                        hint="Ta bort raden med '---' eller dela upp planen i flera filer.",
                    )
                continue
            else:  # stream start and end, document end
                continue

            # Place the new value in the container being built, and remember where it stood.
            path: Path_ = ()
            if not stack:
                root = value
            else:
                top = stack[-1]
                if top.is_list:
                    if record:
                        path = (*top.path, len(top.container))
                    top.container.append(value)  # type: ignore[union-attr]
                elif top.pending is None:
                    raise YamlProblem(
                        "VP008",
                        "en nyckel måste vara en enkel text, "
                        "inte en lista, en mappning eller ett alias",
                        mark_position(mark),
                    )
                else:
                    if record:
                        path = (*top.path, top.pending)
                    top.container[top.pending] = value  # type: ignore[call-overload]
                    top.pending = None
            if record:
                values[path] = mark
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                stack.append(_Open(value, path, event.anchor, nodes))
    except YamlProblem:
        raise
    except Exception as error:  # libyaml's Scanner/Parser/Reader errors
        raise syntax_problem(error, text) from None
    return (_restore(root) if swapped else root), positions


# YAML 1.2 reads NEL, LS and PS as ordinary characters; libyaml (YAML 1.1) breaks lines at
# them, so that one pasted into a comment turns the rest of the comment into content. They
# stand in as private-use characters while libyaml reads, and come back in the values.
_YAML11_BREAKS = "\x85\u2028\u2029"
_STAND_INS = "\ue085\ue028\ue029"
_SWAP = str.maketrans(_YAML11_BREAKS, _STAND_INS)
_BACK = str.maketrans(_STAND_INS, _YAML11_BREAKS)


def _needs_swap(text: str) -> bool:
    return any(ch in text for ch in _YAML11_BREAKS) and not any(ch in text for ch in _STAND_INS)


def libyaml_text(text: str) -> str:
    """The text as libyaml should see it (same length, same places): for readers of events."""
    return text.translate(_SWAP) if _needs_swap(text) else text


def _restore(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_BACK)
    if isinstance(value, dict):
        return {key.translate(_BACK): _restore(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_restore(item) for item in value]
    return value


def _alias(
    anchor: str, anchors: dict[str, tuple[Any, int]], stack: list[_Open], position: Position
) -> tuple[Any, int]:
    if anchor in anchors:
        return anchors[anchor]
    if any(open_.anchor == anchor for open_ in stack):
        raise YamlProblem("VP007", f"aliaset *{anchor} pekar på sig självt", position)
    raise YamlProblem("VP004", f"aliaset *{anchor} är inte definierat (inget &{anchor})", position)


def _take_key(top: _Open, name: str, mark: Any, keys: dict[Path_, Any] | None) -> None:
    if name in top.key_lines:
        raise YamlProblem(
            "VP005",
            f"nyckeln {name!r} förekommer redan på rad {top.key_lines[name]}",
            mark_position(mark),
            hint="Ta bort eller slå ihop den ena; YAML skulle annars tyst behålla bara den sista.",
        )
    top.key_lines[name] = mark.line + 1
    top.pending = name
    if keys is not None:
        keys[(*top.path, name)] = mark


def _too_large(mark: Any) -> YamlProblem:
    return YamlProblem(
        "VP007",
        f"dokumentet växer till mer än {MAX_NODES:,} noder när alias expanderas".replace(
            ",", "\u00a0"
        ),
        mark_position(mark),
        hint="Filen ser ut som en så kallad alias-bomb; skriv ut innehållet utan alias.",
    )


def read_text(path: Path) -> str:
    """A plan file's text; every failure is a YamlProblem, never an OSError."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlProblem("VP007", f"filen är för stor ({size // (1024 * 1024)} MiB)")
        raw = path.read_bytes()
    except OSError as error:
        raise YamlProblem("VP009", f"filen kan inte läsas ({error.strerror})") from None
    return decode(raw)


def read_document(path: Path) -> tuple[str, Any]:
    """A file's text and its data, without positions (see parse)."""
    text = read_text(path)
    data, _ = parse(text, record=False)
    if data is None:
        raise YamlProblem(
            "VP003", "filen är tom", (1, 1), hint="En planfil börjar med till exempel 'id:'."
        )
    return text, data


def read_file(path: Path) -> tuple[Any, Positions]:
    """A file's data with the position of every part."""
    text, _ = read_document(path)
    return parse(text)
