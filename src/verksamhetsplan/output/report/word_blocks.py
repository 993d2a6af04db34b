"""The Word report's building blocks: headings that work without the template's styles,
captioned tables with repeated header rows and fixed widths, statuses as coloured symbol
and word, and the administration's analysis from the safe-Markdown model."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ...common.problems import Refused
from .richtext import Block, Span
from .word_parts import (
    TEXT_WIDTH_MM,
    align_right,
    bookmark,
    cant_split,
    fix_widths,
    header_row,
    hyperlink,
    outline_level,
)

COLOURS = {  # the HTML report's status colours, AA contrast on white
    "achieved": "1B5E20",
    "partial": "7A4F00",
    "not_achieved": "B00020",
    "no_data": "0D47A1",
    "not_due": "4A4A4A",
    "not_assessable": "6A1B9A",
}
# A font that has every status symbol whole (✔ ◐ ✘ ○) on Windows; Word and LibreOffice
# substitute one that has them elsewhere.
SYMBOL_FONT = "Segoe UI Symbol"


# A bold 9-point letter of the report's fonts is at most about 2 mm wide, a regular one of a
# word about 1.5 mm (Times New Roman's Swedish words: 1.3–1.45); a cell keeps about 2 mm on
# each side. A word needs its letters and the margins on one line.
LETTER_MM, BODY_LETTER_MM, CELL_MARGINS_MM = 2.0, 1.5, 4.0


def column_widths(widths: list[int], header: list[Any], rows: list[list[Any]]) -> list[int]:
    """Column widths in which every header word fits on a line of its own ('Bedömda' whole,
    not 'Bedömd/a'), and then as many of the cells' words as the other columns have room
    for ('arbetsmarknaden' whole in a measure's text): a column too narrow takes the room
    from columns that have more than their own words need, the widest first; the total
    stays the same, and a header word keeps its room whatever the cells need."""
    heads = [_longest(value[1] if isinstance(value, tuple) else value) for value in header]
    bodies = [
        max((_longest(row[i]) for row in rows if i < len(row)), default=0)
        for i in range(len(header))
    ]
    header_needs = [_mm(n, LETTER_MM) for n in heads]
    needs = [max(h, _mm(n, BODY_LETTER_MM)) for h, n in zip(header_needs, bodies, strict=True)]
    return _fitted(_fitted(list(widths), header_needs), needs)


# A no-break space before a unit ('9,33\u00a0heltider'), not one between a number's digits.
_UNIT_SPACE = re.compile("\u00a0(?=\\D)")


def _longest(value: Any) -> int:
    """The letters of the longest word in a cell: text, a status, or lines of both. A number
    and its unit may go on two lines in a narrow column (see _loosened); a number may not."""
    if isinstance(value, dict):
        value = value.get("word", "")
    elif isinstance(value, list):
        return max((_longest(part) for line in value for part in line), default=0)
    words = re.split(r"[ \t\n]+", _UNIT_SPACE.sub(" ", str(value)))
    return max(map(len, words), default=0)


def _loosened(value: Any, width_mm: int) -> Any:
    """The cell with a number and its unit let apart where together they are wider than the
    column: Word would break inside the unit ('heltid/er') rather than at a no-break space."""
    room = (width_mm - CELL_MARGINS_MM) / BODY_LETTER_MM

    def text(words: str) -> str:
        if "\u00a0" not in words:
            return words
        return " ".join(
            _UNIT_SPACE.sub(" ", group) if len(group) > room else group
            for group in words.split(" ")
        )

    if isinstance(value, str):
        return text(value)
    if isinstance(value, list):
        return [[text(p) if isinstance(p, str) else p for p in line] for line in value]
    return value  # a status: its words are its own


def _mm(letters: int, letter_mm: float) -> int:
    return int(letters * letter_mm + CELL_MARGINS_MM + 0.999)


def _fitted(widths: list[int], needed: list[int]) -> list[int]:
    fitted = list(widths)
    for index, need in enumerate(needed):
        short = need - fitted[index]
        while short > 0:
            spare = [
                (fitted[i] - needed[i], i) for i in range(len(fitted)) if fitted[i] > needed[i]
            ]
            if not spare:
                break  # every column is as narrow as its words allow: nothing more to take
            _, donor = max(spare)
            fitted[donor] -= 1
            fitted[index] += 1
            short -= 1
    return fitted


def _table_text_size() -> Any:
    from docx.shared import Pt

    return Pt(9)


class DocxBlocks:
    """What the report's sections are built from; `doc` is the python-docx Document."""

    template_name = "vp:s inbyggda mall"  # named in messages about the template

    doc: Any
    # The headings of levels 1 and 2 with their bookmarks, once a contents page is wanted.
    contents: list[tuple[str, int, str]] | None = None

    def _style(self, name: str, fallback: str = "Normal") -> Any:
        """A style by name; a municipality's template may lack some of Word's built-ins.
        Found once per document (python-docx walks every style to find one by name)."""
        found = self.__dict__.setdefault("_styles_found", {})
        if (name, fallback) not in found:
            found[name, fallback] = self._find_style(name, fallback)
        return found[name, fallback]

    def _find_style(self, name: str, fallback: str) -> Any:
        styles = self.doc.styles
        for candidate in (name, fallback, "Normal"):
            try:
                return styles[candidate]
            except KeyError:
                continue
        return None

    def _table_style(self) -> Any:
        """Word's grid, else the template's plain table style, else any table style it has;
        a template with none at all cannot hold the report's tables."""
        if "_table_style_found" not in self.__dict__:
            self.__dict__["_table_style_found"] = self._find_table_style()
        return self.__dict__["_table_style_found"]

    def _find_table_style(self) -> Any:
        from docx.enum.style import WD_STYLE_TYPE

        tables = [s for s in self.doc.styles if s.type == WD_STYLE_TYPE.TABLE]
        for name in ("Table Grid", "Normal Table"):
            for style in tables:
                if style.name == name:
                    return style
        if tables:
            return tables[0]
        raise Refused(
            f"Word-mallen {self.template_name} har inget tabellformat, så rapportens tabeller "
            "kan inte formateras",
            hint="Öppna mallen i Word, infoga och ta bort en tabell (då sparas tabellformatet "
            "Tabellrutnät) och spara den igen.",
        )

    def heading(self, text: str, level: int, page_break: bool = False) -> None:
        try:
            paragraph = self.doc.add_heading(text, level)
        except KeyError:  # a template without Word's heading style for the level
            paragraph = self.doc.add_paragraph(text)
            outline_level(paragraph, level)
        paragraph.paragraph_format.keep_with_next = True
        if page_break:
            paragraph.paragraph_format.page_break_before = True
        if self.contents is not None and level <= 2:
            name = f"_Toc_vp_{len(self.contents) + 1}"
            bookmark(paragraph, name, 9000 + len(self.contents))
            self.contents.append((text, level, name))

    def picture(
        self,
        data: bytes,
        description: str,
        title: str | None = None,
        run: Any = None,
        width_mm: int = 150,
    ) -> None:
        """A picture (PNG) with its text alternative, in a paragraph of its own or in `run`."""
        import io

        from docx.shared import Mm

        run = run if run is not None else self.doc.add_paragraph().add_run()
        shape = run.add_picture(io.BytesIO(data), width=Mm(width_mm))
        shape._inline.docPr.set("descr", description)
        if title is not None:
            shape._inline.docPr.set("title", title)

    def para(
        self, text: str, status: dict[str, Any] | None = None, after: str = "", italic: bool = False
    ) -> None:
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run(text)
        run.italic = italic
        if status is not None:
            self._status_runs(paragraph, status)
        if after:
            paragraph.add_run(after)

    def _status_runs(self, paragraph: Any, status: dict[str, Any]) -> None:
        from docx.shared import RGBColor

        colour = RGBColor.from_string(COLOURS.get(status["key"], "1A1A1A"))
        symbol = paragraph.add_run(status["symbol"])
        symbol.font.name = SYMBOL_FONT
        symbol.font.color.rgb = colour
        word = paragraph.add_run(f" {status['word']}")
        word.bold = True
        word.font.color.rgb = colour

    def table(
        self,
        header: list[Any],
        rows: list[list[Any]],
        widths_mm: list[int],
        caption: str,
        numeric_from: int | None = None,
    ) -> None:
        """A captioned table whose header row repeats on every page and whose rows are not
        split across pages; columns get fixed widths that add up to A4's text width."""
        from docx.shared import Pt
        from docx.table import _Cell

        caption_paragraph = self.doc.add_paragraph(style=self._style("Caption"))
        caption_paragraph.add_run(caption).bold = True
        caption_paragraph.paragraph_format.keep_with_next = True
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = self._table_style()
        table.autofit = False
        scale = min(1.0, TEXT_WIDTH_MM / sum(widths_mm))
        widths = column_widths([int(w * scale) for w in widths_mm], header, rows)
        header_row(table.rows[0], header, self._status_runs)
        # The rows' cells straight from their XML: python-docx's row.cells works out merged
        # cells each time it is asked, and vp's tables have none (a sixth of a Word report).
        for values in rows:
            cells = [_Cell(tc, table) for tc in table.add_row()._tr.tc_lst]
            for index, value in enumerate(values):
                self._cell(cells[index], _loosened(value, widths[index]))
                if numeric_from is not None and index >= numeric_from:
                    align_right(cells[index])
        fix_widths(table, widths)
        size = _table_text_size()
        for tr in table._tbl.tr_lst:
            cant_split(tr)
            for tc in tr.tc_lst:
                for paragraph in tc.p_lst:
                    for run in paragraph.r_lst:  # as Paragraph.runs: the paragraph's own runs
                        run.get_or_add_rPr().sz_val = size
        # distance between the table and the text that follows it
        spacer = self.doc.add_paragraph()
        spacer.paragraph_format.space_before = spacer.paragraph_format.space_after = Pt(0)
        spacer.paragraph_format.line_spacing = Pt(6)

    def _cell(self, cell: Any, value: Any) -> None:
        paragraph = cell.paragraphs[0]
        if isinstance(value, dict):  # a status
            self._status_runs(paragraph, value)
        elif isinstance(value, list):  # lines of text and statuses
            for index, line in enumerate(value):
                if index:
                    paragraph = cell.add_paragraph()
                for part in line:
                    if isinstance(part, dict):
                        self._status_runs(paragraph, part)
                    else:
                        paragraph.add_run(part)
        else:
            paragraph.add_run(str(value))

    def richtext(self, blocks: Iterable[Block], heading_level: int) -> None:
        """The administration's analysis: its subheadings one level below the section's."""
        for block in blocks:
            if block.kind == "heading":
                self.heading(_plain(block.spans), min(9, heading_level + block.level))
            elif block.kind == "paragraph":
                self._runs(self.doc.add_paragraph(), block.spans)
            elif block.kind in ("bullets", "numbers"):
                style = "List Bullet" if block.kind == "bullets" else "List Number"
                for item in block.items:
                    for inner in item:
                        self._runs(self.doc.add_paragraph(style=self._style(style)), inner.spans)
            elif block.kind == "quote":
                for inner in block.items[0]:
                    self._runs(self.doc.add_paragraph(style=self._style("Quote")), inner.spans)
            elif block.kind == "code":
                run = self.doc.add_paragraph().add_run(block.spans[0].text)
                run.font.name = "Consolas"

    def _runs(self, paragraph: Any, spans: tuple[Span, ...]) -> None:
        for span in spans:
            if span.href:
                hyperlink(paragraph, span.text, span.href)
                continue
            run = paragraph.add_run(span.text)
            run.bold, run.italic = span.bold or None, span.italic or None
            if span.code:
                run.font.name = "Consolas"


def _plain(spans: tuple[Span, ...]) -> str:
    return "".join(s.text for s in spans)
