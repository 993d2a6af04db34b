"""Text a person types on the command line, made safe to store in a plan or data file.

A comment pasted from Word or a web page may carry line separators of other systems (CR,
NEL U+0085, LS U+2028, PS U+2029) and invisible control characters. Line breaks become
plain line breaks where a text may have several lines, and are refused where it may not;
other control characters are refused with their position, never stored or dropped silently.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029\v\f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def typed_text(value: str, option: str, multiline: bool) -> str:
    """The value with line breaks normalised; ValueError with a Swedish message when it
    holds a control character, or a line break in a one-line field."""
    stray = re.search(r"[\ud800-\udfff]", value)
    if stray is not None:  # a byte that was not UTF-8, as Python hands it over
        raise ValueError(
            f"{option} innehåller byten 0x{ord(stray.group()) - 0xDC00:02X} som inte är UTF-8 "
            f"(tecken {stray.start() + 1}); terminalen eller skriptet skickar en annan "
            "teckenkodning"
        )
    if multiline:
        value = _LINE_BREAKS.sub("\n", value)
    elif _LINE_BREAKS.search(value):
        found = _LINE_BREAKS.search(value)
        assert found is not None
        raise ValueError(
            f"{option} får inte innehålla radbrytningar (U+{ord(found.group()[0]):04X} "
            f"vid tecken {found.start() + 1}); skriv texten på en rad"
        )
    control = _CONTROL.search(value.replace("\n", " ") if multiline else value)
    if control is not None:
        raise ValueError(
            f"{option} innehåller det osynliga kontrolltecknet U+{ord(control.group()):04X} "
            f"vid tecken {control.start() + 1}; ta bort det och försök igen"
        )
    return value


_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value: Any) -> Any:
    """The value with every text fit for XML (Word, Excel): a control character that YAML lets
    a plan carry as an escape ("\\e") is shown as �, never dropped and never a crash. Walks
    dicts, lists, tuples and dataclasses (the report's context and its rich text)."""
    if isinstance(value, str):
        return _NOT_IN_XML.sub("\ufffd", value) if _NOT_IN_XML.search(value) else value
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [xml_safe(item) for item in value]
    if isinstance(value, tuple):
        return tuple(xml_safe(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: xml_safe(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value
