"""Word's building blocks python-docx has no call for: fields (contents, page numbers),
repeated header rows, fixed column widths, hyperlinks, the document language."""

from __future__ import annotations

import contextlib
from typing import Any

PAGE_WIDTH_MM, MARGIN_MM = 210, 20
TEXT_WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_MM


def page_setup(document: Any) -> None:
    from docx.shared import Mm

    for section in document.sections:
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(297)
        section.left_margin = section.right_margin = Mm(MARGIN_MM)
        section.top_margin, section.bottom_margin = Mm(20), Mm(22)


# vp's own look when the municipality gives no template: a serif body and sans-serif black
# headings in sizes a printed nämnd report uses, instead of python-docx's blue Calibri.
BODY_FONT, HEADING_FONT = "Times New Roman", "Arial"  # Liberation Serif and Sans elsewhere
HEADING_SIZES = {"Title": 24, "Heading 1": 16, "Heading 2": 13, "Heading 3": 11.5, "Heading 4": 11}


def house_style(document: Any) -> None:
    """The body font and size, and black headings in their sizes, with room before them."""
    from docx.shared import Pt, RGBColor

    styles = document.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    with contextlib.suppress(KeyError):
        styles["Caption"].font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
    for name, size in HEADING_SIZES.items():
        try:
            style = styles[name]
        except KeyError:
            continue
        style.font.name, style.font.size = HEADING_FONT, Pt(size)
        style.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
        style.paragraph_format.space_before = Pt(size * 0.9)
        style.paragraph_format.space_after = Pt(4)
        fonts = style.element.rPr.rFonts if style.element.rPr is not None else None
        if fonts is not None:  # the theme's font would win over the name otherwise
            for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(_qualified(attribute), None)


def _qualified(name: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(name))


def language(document: Any) -> None:
    """sv-SE as the language of every style that says nothing else: spelling, hyphenation
    and screen readers then treat the text as Swedish."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    for old in properties.findall(qn("w:lang")):
        properties.remove(old)
    lang = OxmlElement("w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), "sv-SE")
    properties.append(lang)


def header_row(row: Any, header: list[Any], status_runs: Any = None) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for cell, value in zip(row.cells, header, strict=True):
        paragraph = cell.paragraphs[0]
        if isinstance(value, tuple) and status_runs is not None:  # a status column
            symbol, word, key = value
            status_runs(paragraph, {"symbol": symbol, "word": word, "key": key})
        else:
            paragraph.add_run(str(value)).bold = True
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), "ECECEC")
        cell._tc.get_or_add_tcPr().append(shading)
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:tblHeader"))  # repeated at the top of every page


def fix_widths(table: Any, widths: list[int]) -> None:
    """Widths Word and LibreOffice both keep: the grid's columns, every cell, and a fixed
    layout, so a long word cannot push the table past the margin."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    for tr in table._tbl.tr_lst:  # vp's tables merge no cells: a cell per column
        for tc, width in zip(tr.tc_lst, widths, strict=True):
            tc.width = Mm(width)
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)


def cant_split(tr: Any) -> None:
    """The row (its `w:tr` element) is kept whole on one page."""
    from docx.oxml import OxmlElement

    tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def align_right(cell: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for paragraph in cell.paragraphs:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def outline_level(paragraph: Any, level: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level - 1))
    paragraph._p.get_or_add_pPr().append(outline)
    for run in paragraph.runs:
        run.bold = True


def field_begin(paragraph: Any, instruction: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            if kind == "begin":
                char.set(qn("w:dirty"), "true")
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)


def field_end(paragraph: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(char)


def simple_field(paragraph: Any, instruction: str, shown: str) -> None:
    field_begin(paragraph, instruction)
    paragraph.add_run(shown)
    field_end(paragraph)


def update_fields_on_open(document: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)


def hyperlink(paragraph: Any, text: str, url: str) -> None:
    """An external link, blue and underlined."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    _link(paragraph, text, "r:id", relation, styled=True)


def _link(paragraph: Any, text: str, key: str, value: str, styled: bool = False) -> None:
    """A w:hyperlink holding one run of text: to a relationship (r:id) or a bookmark
    (w:anchor); `styled` draws it as a web link (blue, underlined)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    link = OxmlElement("w:hyperlink")
    link.set(qn(key), value)
    run = OxmlElement("w:r")
    if styled:
        properties = OxmlElement("w:rPr")
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        colour = OxmlElement("w:color")
        colour.set(qn("w:val"), "0D47A1")
        properties.extend([colour, underline])
        run.append(properties)
    content = OxmlElement("w:t")
    content.set(qn("xml:space"), "preserve")
    content.text = text
    run.append(content)
    link.append(run)
    paragraph._p.append(link)


def bookmark(paragraph: Any, name: str, number: int) -> None:
    """A bookmark around the paragraph's text, for a contents entry to point to."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def contents_entry(paragraph: Any, text: str, level: int, target: str) -> None:
    """One contents line: the heading linked to its bookmark, dots, and its page number as
    a PAGEREF field. A TOC field would keep the numbers it was saved with in LibreOffice,
    which never updates it on opening; a PAGEREF field outside one is laid out live there,
    and Word refreshes it when it updates fields on opening."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Mm

    _link(paragraph, text, "w:anchor", target)
    paragraph.add_run("\t")
    field_begin(paragraph, f"PAGEREF {target} \\h")
    paragraph.add_run("–")
    field_end(paragraph)
    form = paragraph.paragraph_format
    form.left_indent = Mm(6 * (level - 1))
    form.space_after = Mm(1)
    form.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
