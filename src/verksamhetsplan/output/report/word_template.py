"""The municipality's Word template for a report: opened, emptied of its body, and cleaned
of whatever it would fetch from outside the file (a linked image, a hyperlink's target, an
attached .dotm)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...common.files import display_path
from ...common.problems import Refused
from .word_parts import house_style, language, page_setup


def open_document(template: Path | None, notes: list[str] | None = None) -> Any:
    """A new document, or the municipality's template emptied of its body. Whatever the
    template would fetch from elsewhere (a linked image, a link's target is kept as text, an
    attached .dotm) is taken out, and `notes` says what."""
    from docx import Document

    if template is None:
        document = Document()
        page_setup(document)
        house_style(document)
        language(document)
        return _styles_looked_up_once(document)
    try:
        document = Document(str(template))
    except Exception as error:  # python-docx raises zip, XML and package errors alike
        raise Refused(
            f"Word-mallen {template} går inte att läsa ({type(error).__name__})",
            hint="Ange en .docx sparad i Word eller LibreOffice (inte .dotx eller .doc).",
        ) from None
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    removed = strip_external(document)
    if removed and notes is not None:
        notes.append(
            f"Word-mallen {display_path(template)} pekade ut innehåll utanför dokumentet, som "
            f"inte följer med rapporten: {', '.join(removed)}"
        )
    language(document)
    return _styles_looked_up_once(document)


def _styles_looked_up_once(document: Any) -> Any:
    """The document with each style's id looked up once, not once per paragraph: python-docx
    compares a style with the default of its type by walking every style of the document
    each time one is set, a tenth of a Word report. Styles are not changed while it is
    written, so an id once found stays right."""
    part = document.part
    look_up = part.get_style_id
    found: dict[tuple[bool, str, Any], Any] = {}

    def get_style_id(style_or_name: Any, style_type: Any) -> Any:
        if style_or_name is None:
            return None
        by_name = isinstance(style_or_name, str)
        key = (by_name, style_or_name if by_name else style_or_name.style_id, style_type)
        if key not in found:
            found[key] = look_up(style_or_name, style_type)
        return found[key]

    part.get_style_id = get_style_id
    return document


_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_EXTERNAL_WORDS = {
    "hyperlink": "länk",
    "image": "länkad bild",
    "attachedTemplate": "bifogad dokumentmall",
}


def strip_external(document: Any) -> list[str]:
    """Every relationship of the template to something outside the file, and the elements
    that use it, taken out: a report must open without fetching anything (a remote image
    tells its server who reads the report; an attached template can carry macros). A link
    keeps its text; a linked picture goes whole."""
    removed = []
    for part in document.part.package.iter_parts():
        element = getattr(part, "_element", None)
        for rid, rel in list(part.rels.items()):
            if not rel.is_external:
                continue
            kind = rel.reltype.rpartition("/")[2]
            removed.append(f"{_EXTERNAL_WORDS.get(kind, kind)} till {rel.target_ref[:80]}")
            if element is not None:
                _drop_references(element, rid)
            part.rels.pop(rid)
    return removed


def _drop_references(root: Any, rid: str) -> None:
    users = [e for e in root.iter() if rid in (v for k, v in e.attrib.items() if k.startswith(_R))]
    for user in users:
        if user.tag == f"{_W}hyperlink":  # keep the link's text, in place
            parent = user.getparent()
            at = parent.index(user)
            for child in reversed(list(user)):
                parent.insert(at, child)
            parent.remove(user)
            continue
        whole = next(
            (a for a in user.iterancestors() if a.tag in (f"{_W}drawing", f"{_W}pict")), user
        )
        if whole.getparent() is not None:
            whole.getparent().remove(whole)
