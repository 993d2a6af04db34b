"""Change one value in a YAML file and leave every other byte as it was.

Why not ruamel.yaml's round trip: on our own plans it re-wraps every long plain text that
spans two lines and moves anchors (measured: 120 changed lines in the Degerfors plan).
So we splice instead. libyaml's marks tell where each node of the document starts and
ends; the new part is rendered by ruamel.yaml (which knows when a text needs quotes) at
the indentation of its neighbours, and put in place of the old. Every edit is then proven
by parsing the result: the data must equal the old data with exactly that one change,
or the edit is refused rather than written.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from typing import Any

from _ruamel_yaml import CParser
from ruamel.yaml import YAML
from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.scalarstring import LiteralScalarString

from ..plan.yaml_reader import Path_, libyaml_text, parse, value_at


class EditError(Exception):
    """An edit that cannot be made safely; the message is Swedish and names the place."""


@dataclass
class Node:
    start: int  # character offsets into the text; end is just after the last character
    end: int
    column: int
    flow: bool
    kind: str  # "scalar", "mapping" or "sequence"
    key_start: int | None = None  # where the key of a mapping value starts
    key_column: int | None = None


def nodes(text: str) -> dict[Path_, Node]:
    """Every node of the document by its path, with where it starts and ends."""
    found: dict[Path_, Node] = {}
    # (path, node, is_list, next key or index, pending key's start and column)
    stack: list[list[Any]] = []
    parser = CParser(libyaml_text(text))
    while (event := parser.get_event()) is not None:
        kind = event.__class__
        if kind in (MappingEndEvent, SequenceEndEvent):
            done_path, node, *_ = stack.pop()
            if node.flow:
                node.end = event.end_mark.index
            if done_path:
                _grow(found, done_path[:-1], node.end)
            continue
        if kind not in (ScalarEvent, MappingStartEvent, SequenceStartEvent, AliasEvent):
            continue
        mark = event.start_mark
        if stack and not stack[-1][2] and stack[-1][3] is None:
            stack[-1][3] = event.value  # a mapping key (keys are plain text in a plan)
            stack[-1][4] = (mark.index, mark.column)
            continue
        key_start = key_column = None
        if not stack:
            path: Path_ = ()
        elif stack[-1][2]:
            path = (*stack[-1][0], stack[-1][3])
            stack[-1][3] += 1
        else:
            path = (*stack[-1][0], stack[-1][3])
            key_start, key_column = stack[-1][4]
            stack[-1][3] = None
        if kind is ScalarEvent or kind is AliasEvent:
            end = event.end_mark.index
            if kind is ScalarEvent and event.style in ("|", ">"):
                end = len(text[:end].rstrip())  # a block text's end takes in the blank lines
            node = Node(mark.index, end, mark.column, False, "scalar", key_start, key_column)
            found[path] = node
            _grow(found, path[:-1], end)
            continue
        flow = bool(event.flow_style)
        node = Node(
            mark.index,
            mark.index,
            mark.column,
            flow,
            "mapping" if kind is MappingStartEvent else "sequence",
            key_start,
            key_column,
        )
        found[path] = node
        is_list = kind is SequenceStartEvent
        stack.append([path, node, is_list, 0 if is_list else None, None])
    return found


def _grow(found: dict[Path_, Node], path: Path_, end: int) -> None:
    """A block collection ends where its last content ends (its end event is further on)."""
    node = found.get(path)
    if node is not None and not node.flow and end > node.end:
        node.end = end


def _renderer(sequence_offset: int, width: int) -> YAML:
    yaml = YAML()
    yaml.width = width  # an edit never wraps: a wrapped line is a change nobody asked for
    yaml.indent(mapping=2, sequence=2 + sequence_offset, offset=sequence_offset)
    return yaml


def _block_texts(value: Any) -> Any:
    """Texts with line breaks are written as `|` blocks, as a person would write them; a text
    of nothing but white space stays quoted (as a block it would need a document end marker)."""
    if isinstance(value, str) and "\n" in value and value.strip() and _fits_block(value):
        return LiteralScalarString(value)
    if isinstance(value, dict):
        return {key: _block_texts(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_block_texts(item) for item in value]
    return value


def _fits_block(text: str) -> bool:
    """Whether a `|` block keeps the text exactly: no line may start with white space (a
    space or tab is read as indentation, a no-break space pasted from Word is refused by the
    reader as one) or end in it, and no tab or carriage return."""
    if text.startswith("\n") or text.endswith("\n"):  # a block would need a chomping mark
        return False
    return not any(
        line[:1].isspace() or line[-1:].isspace() for line in text.split("\n")
    ) and not any(ch in text for ch in "\t\r")


def render(value: Any, sequence_offset: int, width: int = 4096) -> str:
    stream = io.StringIO()
    _renderer(sequence_offset, width).dump(_block_texts(value), stream)
    return stream.getvalue()


class Document:
    """A YAML text being edited; `text` is the result so far."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self._data, _ = parse(text, record=False)
        self._nodes = nodes(text)

    @property
    def data(self) -> Any:
        return self._data

    def set(self, path: Path_, value: Any) -> None:
        """Give the key at `path` this value, adding the key at the end of its mapping."""
        node = self._nodes.get(path)
        if node is None:
            self._add_key(path, value)
        elif node.flow and node.kind == "sequence" and _scalars(value):
            # `goals: [a, b]` stays on its line as a flow list.
            flow = "[" + ", ".join(_scalar_text(item) for item in value) + "]"
            self._splice(node.start, node.end, flow, path, value)
        elif node.kind == "scalar" and not isinstance(value, (dict, list)):
            self._replace_scalar(path, node, value)
        else:
            self._replace_block(path, node, value)

    def append(self, path: Path_, item: Any) -> None:
        """Add an item at the end of the list at `path`, creating the list if need be."""
        node = self._nodes.get(path)
        current = value_at(self._data, path)
        if node is None or node.flow or not current:
            self.set(path, [*(current or []), item])
            return
        last = self._nodes[(*path, len(current) - 1)]
        indent = " " * self._dash_column(last)
        # Lists inside the item are indented as this file indents its lists.
        offset = self._sequence_offset()
        lines = [line[offset:] for line in render([item], offset).splitlines()]
        block = "".join(self.newline + indent + line for line in lines)
        at = self._line_end(node.end)
        self._splice(at, at, block, path, [*current, item])

    def replace_item(self, path: Path_, item: Any) -> None:
        """Put `item` in place of the list item at `path`."""
        node = self._nodes[path]
        indent = " " * node.column
        lines = render(item, 0).splitlines()
        block = lines[0] + "".join(self.newline + indent + line for line in lines[1:])
        self._splice(node.start, node.end, block, path, item)

    def remove(self, path: Path_) -> None:
        """Take out the list item or mapping key at `path`, with its lines and the comments
        inside it; comments above it stay, since they may head what follows."""
        parent_path, last = path[:-1], path[-1]
        parent = value_at(self._data, parent_path)
        if isinstance(parent, list):
            rest = [item for i, item in enumerate(parent) if i != last]
            parent_node = self._nodes[parent_path]
            if parent_node.flow or not rest:
                self.set(parent_path, rest)
                return
            node = self._nodes[path]
            start = self._line_start(self._dash_start(node))
        else:
            found = self._nodes.get(path)
            if found is None:
                raise EditError(f"{'.'.join(map(str, path))} finns inte i filen")
            node = found
            if node.key_start is None or self._nodes[parent_path].flow:
                raise EditError(f"vp kan inte ta bort {'.'.join(map(str, path))} ur flödesstil")
            start = self._line_start(node.key_start)
            if self.text[start : node.key_start].strip():
                raise EditError(f"{last!r} står inte på en egen rad; vp kan inte ta bort den")
        end = self._line_end(node.end)
        end = min(len(self.text), end + len(self.newline))
        self._splice(start, end, "", path, _REMOVED)

    # --- the edits themselves ---

    def _replace_scalar(self, path: Path_, node: Node, value: Any) -> None:
        rendered = render({"k": value}, 0)[len("k: ") :]
        if not (isinstance(value, str) and "\n" in value):
            self._splice(node.start, node.end, rendered.rstrip("\n"), path, value)
            return
        # A `|` block: its lines go one step in from the key.
        header, *lines = rendered.splitlines()
        indent = " " * ((node.key_column or 0) + 2)
        end = node.end
        rest = self.text[end : self._line_end(end)]
        if rest.strip():  # a comment after the old value stays on the `|` line
            header += rest
            end = self._line_end(end)
        block = header + "".join(self.newline + indent + line.removeprefix("  ") for line in lines)
        self._splice(node.start, end, block, path, value)

    def _replace_block(self, path: Path_, node: Node, value: Any) -> None:
        if node.key_start is None:
            raise EditError("bara värden under en nyckel kan ersättas")
        rendered = render({"k": value}, self._sequence_offset())
        if not isinstance(value, (dict, list)) or not value:
            block = " " + rendered[len("k: ") :].rstrip("\n")
        else:
            indent = " " * (node.key_column or 0)
            block = "".join(self.newline + indent + line for line in rendered.splitlines()[1:])
        value_start = self.text.index(":", node.key_start) + 1
        self._splice(value_start, node.end, block, path, value)

    def _add_key(self, path: Path_, value: Any) -> None:
        parent = self._nodes.get(path[:-1])
        if parent is None or parent.kind != "mapping":
            raise EditError(f"hittar ingen mappning att lägga till {path[-1]!r} i")
        if parent.flow:
            raise EditError(
                f"{'.'.join(map(str, path[:-1]))} är skriven i flödesstil ({{…}}); "
                "skriv den som vanliga rader med en nyckel per rad, så kan vp ändra den"
            )
        column = parent.column
        lines = render({path[-1]: value}, self._sequence_offset()).splitlines()
        block = "".join(self.newline + " " * column + line for line in lines)
        at = self._line_end(parent.end)
        self._splice(at, at, block, path, value)

    # --- helpers ---

    def _sequence_offset(self) -> int:
        """How this file indents a list under its key: `- ` two steps in, or right below."""
        for node in self._nodes.values():
            if node.kind == "sequence" and not node.flow and node.key_column is not None:
                return 2 if node.column > node.key_column else 0
        return 2

    def _dash_start(self, item: Node) -> int:
        at = item.start - 1
        while at > 0 and self.text[at] in " \t\r\n":
            at -= 1
        if self.text[at] != "-":
            raise EditError("listan är inte skriven med ett '-' per punkt; vp kan inte ändra den")
        return at

    def _dash_column(self, item: Node) -> int:
        at = self._dash_start(item)
        return at - self._line_start(at)

    def _line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def _line_end(self, offset: int) -> int:
        """The end of the line `offset` is on, before its line break."""
        found = self.text.find("\n", offset)
        end = len(self.text) if found < 0 else found
        return end - 1 if end > 0 and self.text[end - 1] == "\r" else end

    def _splice(self, start: int, end: int, block: str, path: Path_, value: Any) -> None:
        before = self.text
        self.text = self.text[:start] + block + self.text[end:]
        try:
            self._verify(path, value)
        except EditError:
            self.text = before
            raise

    def _verify(self, path: Path_, value: Any) -> None:
        """The new text must hold the old data with exactly this change, or nothing is kept."""
        expected = _unshared(self._data)
        target = expected
        for part in path[:-1]:
            target = target[part]
        if value is _REMOVED:
            del target[path[-1]]
        else:
            target[path[-1]] = _plain(value)
        try:
            data, _ = parse(self.text, record=False)
        except Exception as error:
            raise EditError(f"ändringen skulle ge ogiltig YAML ({error})") from None
        if data != expected:
            raise EditError(
                f"vp kunde inte ändra {'.'.join(map(str, path))} utan att röra annat i filen"
            )
        self._data = data
        self._nodes = nodes(self.text)


_REMOVED = object()  # the value of a path that an edit takes out


def _scalars(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, (str, int, float)) and not isinstance(item, bool) for item in value
    )


def _scalar_text(value: Any) -> str:
    text = render([value], 0)[len("- ") :].rstrip("\n")
    return text if re.fullmatch(r"[\w./'-]+", text) else json.dumps(value, ensure_ascii=False)


def _unshared(value: Any) -> Any:
    """A deep copy in which an alias is its own copy: an edit through an anchor, which would
    change every alias of it too, then fails the comparison."""
    if isinstance(value, dict):
        return {key: _unshared(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_unshared(item) for item in value]
    return value


def _plain(value: Any) -> Any:
    """The value as our reader gives it back (dates and periods are read as text)."""
    rendered = render({"k": value}, 0)
    data, _ = parse(rendered, record=False)
    return data["k"]
