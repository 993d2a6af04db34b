"""Safe Markdown: the administration's analysis as a small document model, and as HTML and
Markdown again.

The analysis is written by people and published to the board and the public, so only a
small, safe part of Markdown survives: paragraphs, subheadings, lists, quotes, code,
bold, italics and links to http, https or mailto. Raw HTML is shown as text, an image as
its description (never fetched), any other link as its text. Every format (HTML, Markdown,
Word) renders the same model, so the same text reaches every reader.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from ...common.swedish import markdown_escape

SAFE_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None


@dataclass(frozen=True)
class Block:
    kind: str  # paragraph, heading, bullets, numbers, quote, code
    spans: tuple[Span, ...] = ()
    level: int = 1  # a heading's level inside the analysis (1 = the section's subheading)
    items: tuple[tuple[Block, ...], ...] = field(default=())  # list items, quoted blocks


def parse(text: str) -> tuple[Block, ...]:
    """The Markdown as safe blocks."""
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

    parser = MarkdownIt("commonmark", {"html": False}).enable("strikethrough")
    return tuple(_blocks(SyntaxTreeNode(parser.parse(text)).children))


def _blocks(nodes: list) -> list[Block]:  # type: ignore[type-arg]
    blocks: list[Block] = []
    for node in nodes:
        kind = node.type
        if kind == "paragraph":
            blocks.append(Block("paragraph", _spans(node.children[0].children)))
        elif kind == "heading":
            level = int(node.tag[1])
            blocks.append(Block("heading", _spans(node.children[0].children), level=level - 1))
        elif kind in ("bullet_list", "ordered_list"):
            items = tuple(tuple(_blocks(item.children)) for item in node.children)
            blocks.append(Block("bullets" if kind == "bullet_list" else "numbers", items=items))
        elif kind == "blockquote":
            blocks.append(Block("quote", items=(tuple(_blocks(node.children)),)))
        elif kind in ("fence", "code_block"):
            blocks.append(Block("code", (Span(node.content.rstrip("\n"), code=True),)))
        elif kind == "html_block":  # only with html on; kept as text all the same
            blocks.append(Block("paragraph", (Span(node.content.strip()),)))
        # thematic breaks carry no text and are left out
    return blocks


def _spans(nodes: list, bold: bool = False, italic: bool = False) -> tuple[Span, ...]:  # type: ignore[type-arg]
    spans: list[Span] = []
    for node in nodes:
        kind = node.type
        if kind in ("text", "html_inline"):
            spans.append(Span(node.content, bold, italic))
        elif kind in ("softbreak", "hardbreak"):
            spans.append(Span(" ", bold, italic))
        elif kind == "code_inline":
            spans.append(Span(node.content, bold, italic, code=True))
        elif kind == "strong":
            spans.extend(_spans(node.children, True, italic))
        elif kind in ("em", "s"):
            spans.extend(_spans(node.children, bold, True))
        elif kind == "link":
            href = str(node.attrs.get("href", ""))
            safe = href if href.lower().startswith(SAFE_SCHEMES) else None
            spans.extend(
                Span(s.text, s.bold, s.italic, s.code, safe)
                for s in _spans(node.children, bold, italic)
            )
        elif kind == "image":
            described = "".join(s.text for s in _spans(node.children)) or "bild"
            spans.append(Span(f"[Bild: {described}]", bold, italic))
        else:
            spans.extend(_spans(node.children, bold, italic))
    return tuple(spans)


def plain(blocks: tuple[Block, ...]) -> str:
    """The text alone, for checks and search."""
    parts: list[str] = []
    for block in blocks:
        parts.append("".join(s.text for s in block.spans))
        parts.extend(plain(item) for item in block.items)
    return " ".join(p for p in parts if p)


def to_html(blocks: tuple[Block, ...], heading_level: int) -> str:
    """HTML for the blocks; the analysis's subheadings become headings below `heading_level`."""
    out: list[str] = []
    for block in blocks:
        if block.kind == "paragraph":
            out.append(f"<p>{_html_spans(block.spans)}</p>")
        elif block.kind == "heading":
            level = min(6, heading_level + block.level)
            out.append(f"<h{level}>{_html_spans(block.spans)}</h{level}>")
        elif block.kind in ("bullets", "numbers"):
            tag = "ul" if block.kind == "bullets" else "ol"
            items = "".join(f"<li>{to_html(item, heading_level)}</li>" for item in block.items)
            out.append(f"<{tag}>{items}</{tag}>")
        elif block.kind == "quote":
            out.append(f"<blockquote>{to_html(block.items[0], heading_level)}</blockquote>")
        elif block.kind == "code":
            out.append(f"<pre><code>{html.escape(block.spans[0].text)}</code></pre>")
    return "\n".join(out)


def _html_spans(spans: tuple[Span, ...]) -> str:
    out = []
    for span in spans:
        text = html.escape(span.text)
        if span.code:
            text = f"<code>{text}</code>"
        if span.italic:
            text = f"<em>{text}</em>"
        if span.bold:
            text = f"<strong>{text}</strong>"
        if span.href:
            text = f'<a href="{html.escape(span.href)}">{text}</a>'
        out.append(text)
    return "".join(out)


def to_markdown(blocks: tuple[Block, ...], heading_level: int, indent: str = "") -> str:
    """Markdown again, every text escaped: what comes out is exactly the safe model."""
    out: list[str] = []
    for block in blocks:
        if block.kind == "paragraph":
            out.append(indent + _md_spans(block.spans))
        elif block.kind == "heading":
            level = min(6, heading_level + block.level)
            out.append(f"{indent}{'#' * level} {_md_spans(block.spans)}")
        elif block.kind in ("bullets", "numbers"):
            lines = []
            for number, item in enumerate(block.items, start=1):
                marker = "-" if block.kind == "bullets" else f"{number}."
                inner = to_markdown(item, heading_level, indent + " " * (len(marker) + 1))
                lines.append(f"{indent}{marker} {inner.lstrip()}")
            out.append("\n".join(lines))
        elif block.kind == "quote":
            inner = to_markdown(block.items[0], heading_level)
            out.append("\n".join(f"{indent}> {line}".rstrip() for line in inner.splitlines()))
        elif block.kind == "code":
            body = block.spans[0].text
            fence = "`" * max(3, _longest_run(body, "`") + 1)
            lines = [fence, *body.splitlines(), fence]
            out.append("\n".join(indent + line for line in lines))
    return "\n\n".join(out)


def _md_spans(spans: tuple[Span, ...]) -> str:
    out = []
    for span in spans:
        if span.code:
            ticks = "`" * (_longest_run(span.text, "`") + 1)
            text = f"{ticks} {span.text} {ticks}"
        else:
            text = markdown_escape(span.text)
        core = text.strip()
        if core and not span.code and (span.italic or span.bold):
            marks = ("*" if span.italic else "") + ("**" if span.bold else "")
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
            text = f"{lead}{marks}{core}{marks[::-1]}{trail}"
        if span.href:
            target = span.href.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
            text = f"[{text}]({target})"
        out.append(text)
    return "".join(out)


def _longest_run(text: str, char: str) -> int:
    longest = run = 0
    for ch in text:
        run = run + 1 if ch == char else 0
        longest = max(longest, run)
    return longest
