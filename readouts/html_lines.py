"""Stage 1b for HTML: flatten a page into the same ``Line`` objects plain text gives.

Separate because HTML needs its own tokeniser (``html.parser``) and its own idea of site
chrome (nav, footers, cookie banners); every stage after this one treats HTML and text alike.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from .lines import Line, classify_line, text_lines
from .source_text import strip_inline_junk
from .vocabulary import collapse, word_set

_SKIP_TAGS = word_set(
    "script style noscript template svg nav footer aside form button select iframe canvas "
    "object math dialog"
)
_VOID_TAGS = word_set("area base br col embed hr img input link meta param source track wbr")
_BLOCK_TAGS = word_set(
    "p div section article main header address blockquote dd dt dl figure figcaption table tr "
    "td th thead tbody tfoot caption pre details summary center hr body"
)
_HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
_SKIP_ATTR_RE = re.compile(
    r"cookie|consent|gdpr|banner|breadcrumb|share|social|skip|menu|navbar|sidebar|footer"
    r"|toolbar|pagination|related|visually-hidden|sr-only|usa-banner|newsletter|subscribe",
    re.IGNORECASE,
)
_META_DATE_NAMES = word_set(
    "article:published_time og:published_time date dcterms.date dc.date dc.date.issued "
    "publish-date pubdate citation_publication_date dcterms.issued"
)


class _HTMLToLines(HTMLParser):
    """Flatten an HTML page into block-level lines, skipping scripts, styles and site chrome."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.title_parts: list[str] = []
        self.meta_dates: list[str] = []
        self._buf: list[str] = []
        self._skip_tag = ""
        self._skip_depth = 0
        self._in_title = False
        self._lists: list[str] = []
        # List nesting level of each open <li>; </li> is optional in HTML, so a new <li>
        # at the same level implicitly closes its sibling.
        self._li_levels: list[int] = []
        self._heading_level = 0
        self._bold = 0
        self._chars = 0
        self._bold_chars = 0
        self._gap = True

    # -- helpers
    def _flush(self, gap_after: bool = True) -> None:
        text = collapse("".join(self._buf))
        if text:
            line = self._make_line(text)
            line.gap = self._gap
            self.lines.append(line)
            self._gap = False
        self._buf.clear()
        self._chars = self._bold_chars = 0
        if gap_after:
            self._gap = True

    def _make_line(self, text: str) -> Line:
        if self._heading_level:
            return Line("heading", text, text, level=self._heading_level)
        if self._li_levels:
            depth = len(self._lists) or 1
            family = "li-ol" if self._lists and self._lists[-1] == "ol" else "li"
            return Line("item", text, f"• {text}", (depth - 1) * 4, family, "•")
        if self._chars and self._bold_chars == self._chars and len(text.split()) <= 20:
            return Line("heading", text, text, level=4)
        # Authors sometimes type bullets into <p> elements; classify like plain text.
        return classify_line(text, None)

    def _should_skip(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in _SKIP_TAGS:
            return True
        values = dict(attrs)
        if "hidden" in values or values.get("aria-hidden") == "true":
            return True
        if values.get("role") in {"navigation", "contentinfo", "search", "banner"}:
            return True
        marker = f"{values.get('class') or ''} {values.get('id') or ''}"
        return bool(marker.strip()) and bool(_SKIP_ATTR_RE.search(marker))

    # -- HTMLParser hooks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_depth:
            if tag == self._skip_tag:
                self._skip_depth += 1
            return
        values = dict(attrs)
        if tag == "meta":
            name = (values.get("property") or values.get("name") or "").lower()
            if name in _META_DATE_NAMES and values.get("content"):
                self.meta_dates.append(values["content"] or "")
            return
        if tag == "time" and values.get("datetime"):
            self.meta_dates.append(values["datetime"] or "")
        if tag not in _VOID_TAGS and self._should_skip(tag, attrs):
            self._skip_tag, self._skip_depth = tag, 1
            return
        self._open(tag)

    def _open(self, tag: str) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in ("ul", "ol"):
            self._flush()
            self._lists.append(tag)
        elif tag == "li":
            self._flush()
            while self._li_levels and self._li_levels[-1] >= len(self._lists):
                self._li_levels.pop()
            self._li_levels.append(len(self._lists))
        elif tag in _HEADING_TAGS:
            self._flush()
            self._heading_level = _HEADING_TAGS[tag]
        elif tag in ("strong", "b"):
            self._bold += 1
        elif tag == "br":
            # Inside a list item a <br> is just a soft wrap; elsewhere it ends a line.
            if self._li_levels:
                self._buf.append(" ")
            else:
                self._flush(gap_after=False)
        elif tag in _BLOCK_TAGS:
            if self._li_levels:
                self._buf.append(" ")
            else:
                self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip_depth:
            if tag == self._skip_tag:
                self._skip_depth -= 1
            return
        if tag == "title":
            self._in_title = False
        elif tag in ("ul", "ol"):
            self._flush()
            while self._li_levels and self._li_levels[-1] >= len(self._lists):
                self._li_levels.pop()
            if self._lists:
                self._lists.pop()
        elif tag == "li":
            self._flush()
            if self._li_levels and self._li_levels[-1] == len(self._lists):
                self._li_levels.pop()
        elif tag in _HEADING_TAGS:
            self._flush()
            self._heading_level = 0
        elif tag in ("strong", "b"):
            self._bold = max(0, self._bold - 1)
        elif tag in _BLOCK_TAGS and not self._li_levels:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._in_title:
            self.title_parts.append(data)
            return
        self._buf.append(data)
        visible = sum(len(chunk) for chunk in data.split())
        self._chars += visible
        if self._bold:
            self._bold_chars += visible

    def close(self) -> None:
        super().close()
        self._flush()


_TAG_RE = re.compile(r"<[^>]{0,2000}>")
_SCRIPT_RE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def html_lines(markup: str) -> tuple[list[Line], str | None, list[str]]:
    parser = _HTMLToLines()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:
        # html.parser has raised on pathological markup in some Python versions; the
        # contract is "only ReadoutParseError", so degrade to tag stripping instead.
        stripped = _TAG_RE.sub("\n", _SCRIPT_RE.sub(" ", markup))
        return text_lines(html.unescape(stripped)), None, []
    lines = []
    for line in parser.lines:
        cleaned = collapse(strip_inline_junk(line.text))
        if cleaned:
            if cleaned != line.text:
                line.text = cleaned
                line.raw = f"• {cleaned}" if line.family.startswith("li") else cleaned
            lines.append(line)
    title = collapse("".join(parser.title_parts)) or None
    return lines, title, parser.meta_dates
