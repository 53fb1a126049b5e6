"""Turn a published joint ministerial readout into a structured work plan.

A readout is a press release in which ministers announce a work plan: a few
pillars, each introduced by a heading or lead-in ("... and agreed to:"), each
followed by a list of commitments. The same readout is published in many shapes
(bulleted .gov page, flattened newswire paragraph, HTML saved from a browser,
Markdown, French), so the parser works in three stages:

1. Normalise the input into logical ``_Line`` objects (text or HTML), tagging site
   furniture (banners, share bars, nav) as junk and datelines/contacts as meta.
2. Rebuild structure lost in transit: re-join hard-wrapped lines, and split
   flattened newswire paragraphs ("agreed to:a;b; andc.Recognized ...") back into
   lead-in and item lines.
3. Walk the lines with a small state machine that attaches items to headings.

Everything is pure standard library and never raises anything but
``ReadoutParseError`` for string input.
"""

from __future__ import annotations

import datetime
import html
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = [
    "ParsedCommitment",
    "ParsedPillar",
    "ParsedReadout",
    "ReadoutParseError",
    "parse_readout",
    "short_title",
]


# --------------------------------------------------------------------------- public types


@dataclass(frozen=True)
class ParsedCommitment:
    text: str
    passage: str


@dataclass(frozen=True)
class ParsedPillar:
    heading: str
    title: str
    commitments: tuple[ParsedCommitment, ...]


@dataclass(frozen=True)
class ParsedReadout:
    title: str | None
    published: datetime.date | None
    participants: tuple[str, ...]
    pillars: tuple[ParsedPillar, ...]
    cadence_months: int | None
    language: str
    text: str

    @property
    def commitment_count(self) -> int:
        return sum(len(pillar.commitments) for pillar in self.pillars)

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "participants": list(self.participants),
            "language": self.language,
            "pillars": [
                {
                    "heading": pillar.heading,
                    "title": pillar.title,
                    "commitments": [c.text for c in pillar.commitments],
                }
                for pillar in self.pillars
            ],
            "cadence_months": self.cadence_months,
        }


class ReadoutParseError(ValueError):
    """The input holds no usable work plan; ``str(error)`` is a one-line user-facing reason."""


# --------------------------------------------------------------------------- shared vocabulary


def _words(text: str) -> frozenset[str]:
    """A vocabulary written as one space-separated string, for compact word lists."""
    return frozenset(text.split())


_TITLE_MAX = 200

_MONTHS = {
    "jan": 1, "january": 1, "janvier": 1, "feb": 2, "february": 2, "février": 2, "fevrier": 2,
    "mar": 3, "march": 3, "mars": 3, "apr": 4, "april": 4, "avril": 4, "may": 5, "mai": 5,
    "jun": 6, "june": 6, "juin": 6, "jul": 7, "july": 7, "juillet": 7, "aug": 8, "august": 8,
    "août": 8, "aout": 8, "sep": 9, "sept": 9, "september": 9, "septembre": 9, "oct": 10,
    "october": 10, "octobre": 10, "nov": 11, "november": 11, "novembre": 11, "dec": 12,
    "december": 12, "décembre": 12, "decembre": 12,
}  # fmt: skip
_MONTH_EN = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH_ANY = (
    _MONTH_EN[:-1] + r"|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre"
    r"|octobre|novembre|d[ée]cembre)"
)
_DATE_MDY = (
    rf"(?P<mon1>{_MONTH_EN})\.?\s+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year1>\d{{4}})"
)
_DATE_DMY = (
    rf"(?P<day2>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?P<mon2>{_MONTH_ANY})\.?,?\s+(?P<year2>\d{{4}})"
)
_DATE_ISO = r"(?P<year3>\d{4})-(?P<mon3>\d{2})-(?P<day3>\d{2})"
_DATE_RE = re.compile(rf"\b(?:{_DATE_MDY}|{_DATE_DMY}|{_DATE_ISO})\b", re.IGNORECASE)
# The same date shapes without group names, for embedding in other patterns.
_DATE_ANY = "(?i:" + re.sub(r"\?P<\w+>", "", rf"{_DATE_MDY}|{_DATE_DMY}|{_DATE_ISO}") + ")"

# --------------------------------------------------------------------------- input hygiene

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f\ufffd]")
_SPACE_RE = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_NEWLINE_RE = re.compile(r"\r\n?|[\x0c\x85\u2028\u2029]")
_HTML_SNIFF_RE = re.compile(
    r"<(?:!doctype\s+html|html|head|body|p|div|li|ul|ol|h[1-6]|br|strong|b|table|article"
    r"|section|span|main|nav|script|style)[\s/>]",
    re.IGNORECASE,
)
_LEADING_DATE_MARKER_RE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
# Inline furniture survives in flattened newswire copies where every line ran together.
_INLINE_JUNK_RE = re.compile(
    r"(?:\b(?:Facebook|Twitter|WhatsApp|SMS|Email|E-mail|LinkedIn|Print|Save|Reddit|Pinterest"
    r"|Tumblr)\b\s*){3,}"
    r"|\bSupport Local Journalism\b[\s\S]{0,200}?\bSubscribe\b"
    r"|\bUpdated\s+\d+\s+(?:hrs?|hours?|mins?|minutes?|days?|seconds?)\s+ago(?:\s+Comments\b)?"
    # The wire-service tag after a dateline; its dash can wrap to a line start and pose
    # as a bullet.
    r"|/(?:CNW|PRNewswire|GLOBE NEWSWIRE|Business Wire|Newswire)/\s*[-–—]{0,2}"
)
_INLINE_TRAILER_RE = re.compile(r"Associated links|Liens associés")
# Substring checks are far cheaper than the regex scan, and most lines hold none of these.
_INLINE_JUNK_HINTS = (
    "Facebook", "Twitter", "WhatsApp", "SMS", "Email", "E-mail", "LinkedIn", "Print", "Save",
    "Reddit", "Pinterest", "Tumblr", "Support Local", "Updated", "/CNW/", "Newswire/",
    "NEWSWIRE/", "Wire/",
)  # fmt: skip


def _strip_inline_junk(text: str) -> str:
    if any(hint in text for hint in _INLINE_JUNK_HINTS):
        return _INLINE_JUNK_RE.sub(_junk_replacement, text)
    return text


def _junk_replacement(match: re.Match[str]) -> str:
    # Share buttons one per line must not merge the lines around them; a pitch wrapped
    # into the middle of a newswire paragraph must not split that paragraph.
    text, start, end = match.string, match.start(), match.end()
    whole_lines = (start == 0 or text[start - 1] == "\n") or (end == len(text) or text[end] == "\n")
    return "\n" if "\n" in match.group(0) and whole_lines else " "


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _normalise_source(source: str) -> str:
    """Reject empty/binary input and return NFC text with one kind of space and newline."""
    if not source.strip():
        raise ReadoutParseError("No work plan found: the document is empty.")
    controls = len(_CONTROL_RE.findall(source))
    if controls >= 3 and controls * 50 >= len(source):
        raise ReadoutParseError(
            f"No work plan found: the input looks like binary data ({controls} control "
            "characters), not a readout text."
        )
    text = unicodedata.normalize("NFC", source)
    text = _NEWLINE_RE.sub("\n", text)
    text = _CONTROL_RE.sub("", text)
    text = _INVISIBLE_RE.sub("", text)
    text = _SPACE_RE.sub(" ", text)
    if not text.strip():
        raise ReadoutParseError("No work plan found: the document has no readable text.")
    return text


# --------------------------------------------------------------------------- line model


@dataclass(slots=True)
class _Line:
    kind: str  # "text" | "item" | "heading"
    text: str  # content used for analysis (marker removed, whitespace collapsed)
    raw: str  # how the line reads in ParsedReadout.text (the provenance passage)
    indent: int = 0
    family: str = ""  # item marker family: bullet, num, alpha, ALPHA, roman, ROMAN, paren, li...
    marker: str = ""
    level: int = 0  # heading level (1 = document title)
    gap: bool = False  # a blank line or block boundary precedes this line
    role: str = ""  # "" = content, "junk" = site furniture, "meta" = dates/contacts, "title"
    is_heading_item: bool = False


_MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*)$")
_BOLD_LINE_RE = re.compile(r"^(?:\*\*|__)(?P<t>[^*_\s](?:.*?[^*_\s])?)(?:\*\*|__)(?P<c>\s*:)?$")
_PILLAR_RE = re.compile(
    r"^(?P<label>(?:Pillar|Pilier|Pilar)\s+(?:[IVXLC]{1,6}|\d{1,2}|One|Two|Three|Four|Five|Six"
    r"|Seven|Eight|Nine|Ten))\b\s*(?:[:.)\-–—]\s*)?(?P<rest>.*)$",
    re.IGNORECASE,
)
_BULLET_RE = re.compile(r"^(?P<m>[•◦▪▫‣⁃●○■□►▶➢➤✓✔·]|[-*+–—](?=\s))\s*(?P<t>.*)$")
_NUMBERED_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dotted", re.compile(r"^(?P<m>\d{1,3}(?:\.\d{1,3})+\.?)\s+(?P<t>\S.*)$")),
    ("num", re.compile(r"^(?P<m>\d{1,3}[.)])\s+(?P<t>\S.*)$")),
    ("paren", re.compile(r"^(?P<m>\((?:\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,6})\))\s+(?P<t>\S.*)$")),
    ("roman", re.compile(r"^(?P<m>[ivxlc]{1,6}[.)])\s+(?P<t>\S.*)$")),
    ("alpha", re.compile(r"^(?P<m>[a-z][.)])\s+(?P<t>\S.*)$")),
    ("ROMAN", re.compile(r"^(?P<m>[IVXLC]{1,6}[.)])\s+(?P<t>\S.*)$")),
    ("ALPHA", re.compile(r"^(?P<m>[A-Z][.)])\s+(?P<t>\S.*)$")),
)
# A lone i/v/x/l/c is a roman numeral or a letter depending on what came before it.
_ROMAN_AFTER = {"i": "h", "v": "u", "x": "w", "l": "k", "c": "b"}


def _numbered_family(family: str, marker: str, previous: _Line | None) -> str:
    letter = marker.rstrip(".)")
    if family.lower() != "roman" or len(letter) != 1:
        return family
    prev_letter = previous.marker.rstrip(".)").lower() if previous else ""
    if (
        previous
        and previous.family.lower() == "alpha"
        and prev_letter == _ROMAN_AFTER[letter.lower()]
    ):
        return "alpha" if letter.islower() else "ALPHA"
    if letter.lower() == "i" or (previous and previous.family.lower() == "roman"):
        return family
    return "alpha" if letter.islower() else "ALPHA"


def _strip_closing_hashes(text: str) -> str:
    """Drop Markdown closing hashes ("## Supply chains ##"), but keep the one in "C#"."""
    text = text.rstrip()
    without = text.rstrip("#")
    if without != text and (not without or without[-1].isspace()):
        return without.rstrip()
    return text


def _classify_line(raw_line: str, previous_item: _Line | None) -> _Line:
    """Turn one physical text line into a _Line, recognising heading and list markers."""
    stripped = raw_line.strip()
    indent = len(raw_line) - len(raw_line.lstrip(" "))
    raw = _collapse(stripped)
    match = _MD_HEADING_RE.match(stripped)
    heading = _strip_closing_hashes(match.group(2)) if match else ""
    if match and heading:
        return _Line("heading", _collapse(heading), raw, indent, level=len(match.group(1)))
    match = _BOLD_LINE_RE.match(stripped)
    if match:
        text = _collapse(match.group("t") + (":" if match.group("c") else ""))
        return _Line("heading", text, raw, indent, level=3)
    if _PILLAR_RE.match(stripped):
        return _Line("heading", raw, raw, indent, level=2)
    match = _BULLET_RE.match(stripped)
    if match:
        return _Line("item", _collapse(match.group("t")), raw, indent, "bullet", match.group("m"))
    for family, pattern in _NUMBERED_RES:
        match = pattern.match(stripped)
        if match:
            marker = match.group("m")
            family = _numbered_family(family, marker, previous_item)
            return _Line("item", _collapse(match.group("t")), raw, indent, family, marker)
    return _Line("text", raw, raw, indent)


def _text_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    gap = True
    previous_item: _Line | None = None
    for physical in text.split("\n"):
        physical = physical.rstrip()
        if not physical.strip():
            gap = True
            continue
        line = _classify_line(physical, previous_item)
        line.gap = gap
        gap = False
        if line.kind == "item":
            previous_item = line
        lines.append(line)
    return lines


# --------------------------------------------------------------------------- HTML to lines

_SKIP_TAGS = _words(
    "script style noscript template svg nav footer aside form button select iframe canvas "
    "object math dialog"
)
_VOID_TAGS = _words("area base br col embed hr img input link meta param source track wbr")
_BLOCK_TAGS = _words(
    "p div section article main header address blockquote dd dt dl figure figcaption table tr "
    "td th thead tbody tfoot caption pre details summary center hr body"
)
_HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
_SKIP_ATTR_RE = re.compile(
    r"cookie|consent|gdpr|banner|breadcrumb|share|social|skip|menu|navbar|sidebar|footer"
    r"|toolbar|pagination|related|visually-hidden|sr-only|usa-banner|newsletter|subscribe",
    re.IGNORECASE,
)
_META_DATE_NAMES = _words(
    "article:published_time og:published_time date dcterms.date dc.date dc.date.issued "
    "publish-date pubdate citation_publication_date dcterms.issued"
)


class _HTMLToLines(HTMLParser):
    """Flatten an HTML page into block-level lines, skipping scripts, styles and site chrome."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[_Line] = []
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
        text = _collapse("".join(self._buf))
        if text:
            line = self._make_line(text)
            line.gap = self._gap
            self.lines.append(line)
            self._gap = False
        self._buf.clear()
        self._chars = self._bold_chars = 0
        if gap_after:
            self._gap = True

    def _make_line(self, text: str) -> _Line:
        if self._heading_level:
            return _Line("heading", text, text, level=self._heading_level)
        if self._li_levels:
            depth = len(self._lists) or 1
            family = "li-ol" if self._lists and self._lists[-1] == "ol" else "li"
            return _Line("item", text, f"• {text}", (depth - 1) * 4, family, "•")
        if self._chars and self._bold_chars == self._chars and len(text.split()) <= 20:
            return _Line("heading", text, text, level=4)
        # Authors sometimes type bullets into <p> elements; classify like plain text.
        return _classify_line(text, None)

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


def _html_lines(markup: str) -> tuple[list[_Line], str | None, list[str]]:
    parser = _HTMLToLines()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:
        # html.parser has raised on pathological markup in some Python versions; the
        # contract is "only ReadoutParseError", so degrade to tag stripping instead.
        stripped = _TAG_RE.sub("\n", _SCRIPT_RE.sub(" ", markup))
        return _text_lines(html.unescape(stripped)), None, []
    lines = []
    for line in parser.lines:
        cleaned = _collapse(_strip_inline_junk(line.text))
        if cleaned:
            if cleaned != line.text:
                line.text = cleaned
                line.raw = f"• {cleaned}" if line.family.startswith("li") else cleaned
            lines.append(line)
    title = _collapse("".join(parser.title_parts)) or None
    return lines, title, parser.meta_dates


# --------------------------------------------------------------------------- furniture

_JUNK_LINE_RE = re.compile(
    r"u\.?\s?s\.? flag|an official website of the united states government"
    r"|dot gov|https|here['’]?s how you know|here is how you know|official websites use \.gov"
    r"|a \.gov website belongs to .*|secure \.gov websites use https|a lock\b.*https://.*"
    r"|was this page helpful\??(?:\s+(?:yes|no))*"
    r"|yes|no|share|print|email|e-mail|tweet|menu|search|close|skip to .*|back to top"
    r"|top of page|accept|decline|reject all|accept all(?: cookies)?|manage (?:cookie )?"
    r"(?:preferences|settings)|cookie (?:settings|preferences|policy|notice)|cookies"
    r"|subscribe|sign up|log ?in|comments?|toggle navigation|main menu|you are here:?.*"
    r"|(?:(?:facebook|twitter|x|whatsapp|sms|email|e-mail|linkedin|print|save|reddit|pinterest"
    r"|share|tumblr|copy link)\b\W*){2,}"
    r"|support local journalism.*|last updated\b.*|date modified\b.*"
    r"|page last (?:reviewed|updated).*"
    r"|updated \d+ \w+ ago.*|home\s*[>/›»|].*"
    r"|.*\b(?:we|this (?:web)?site|our (?:web)?site)\b.{0,60}\bcookies?\b.*"
    r"|(?:accept|allow|manage|use of) (?:all )?cookies.*",
    re.IGNORECASE,
)
_META_LINE_RE = re.compile(
    r"#\s*#\s*#|-\s*30\s*-|[*_=-]{3,}"
    r"|for immediate release.*|embargoed.*"
    r"|(?:press release|news release|media (?:note|advisory|release)|readouts?|statements?"
    r"|fact sheets?|communiqu[ée](?: de presse)?|office of (?:the )?(?:spokesperson|public affairs"
    r"|press secretary)|briefing room|statements and releases|news|press releases?"
    r"|news releases?)"
    r"|(?:media |press )?contacts?\b.*|for (?:further|more) information.*"
    r"|pour (?:plus de|de plus amples) (?:renseignements|informations).*|renseignements\b.*"
    r"|source\s*:.*|\S+@\S+\.\S+|(?:https?://|www\.)\S+"
    r"|(?:tel\.?|phone|t[ée]l[ée]phone)?\s*:?\s*[+(]?\d[\d\s().\-]{6,}\d",
    re.IGNORECASE,
)
_DATE_ONLY_RE = re.compile(
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi"
    rf"|vendredi|samedi|dimanche),?\s+(?:le\s+)?)?(?:{_DATE_MDY}|{_DATE_DMY}|{_DATE_ISO})\.?",
    re.IGNORECASE,
)
_DATELINE_RE = re.compile(
    rf"{_DATE_ANY}\s*[,–—-]\s*[A-Z][\w.'’ ,-]{{0,60}}"
    rf"|[A-Z][\w.'’ -]{{1,40}}\s*[,–—-]\s*{_DATE_ANY}"
    r"|[A-Z][\w.'’ -]{1,40},\s*(?:D\.?\s?C\.?|ON|QC|BC|AB|PA|NY|CA|TX|MD|VA|IL|MA)\.?"
    r"|[A-ZÀ-Þ][A-ZÀ-Þ .'’-]{2,40},\s*[A-ZÀ-Þ][\w.'’ -]{1,30}"
    r"|(?:[A-Z][a-zé]+ ){0,2}[A-Z][a-zé]+,\s*(?:Canada|Mexico|México|Belgium|Belgique|France"
    r"|Pennsylvania|Ontario|Quebec|Québec|Japan|Germany|Sweden|Denmark|Maryland|Virginia"
    r"|United States|USA)\.?"
)
_TRAILER_RE = re.compile(
    r"(?:associated links|related (?:links|content|articles|news|documents|resources|stories"
    r"|topics)|see also\b|tags?\s*:|liens (?:associés|connexes))",
    re.IGNORECASE,
)
_END_MARK_RE = re.compile(r"#\s*#\s*#|-\s*30\s*-")
_HAS_LETTER_RE = re.compile(r"[^\W\d_]")


_FURNITURE_MAX = 400  # banners, share bars, datelines and contacts are all short lines


def _line_role(line: _Line) -> str:
    text = line.text.strip(" :*_")
    if not text:
        return "meta"
    if len(text) > _FURNITURE_MAX:
        return ""
    is_junk = _JUNK_LINE_RE.fullmatch(text) or _JUNK_LINE_RE.fullmatch(line.text)
    if line.kind != "item" and is_junk:
        return "junk"
    if _META_LINE_RE.fullmatch(line.text) or _META_LINE_RE.fullmatch(text):
        return "meta" if line.kind != "item" else ""
    if _DATE_ONLY_RE.fullmatch(text) or _DATELINE_RE.fullmatch(text):
        return "meta"
    if not _HAS_LETTER_RE.search(line.text):
        return "meta" if line.kind != "item" else ""
    return ""


def _mark_furniture(lines: list[_Line]) -> None:
    for line in lines:
        line.role = _line_role(line)
    _mark_breadcrumbs(lines)
    _cut_trailer(lines)


def _mark_breadcrumbs(lines: list[_Line]) -> None:
    """Drop "Home / News / Press Releases" trails that survive as short list items."""
    for index, line in enumerate(lines):
        if line.role or line.text.strip().lower() not in {"home", "accueil"}:
            continue
        end = index + 1
        while end < len(lines) and end - index <= 6 and _is_crumb(lines[end]):
            end += 1
        if end - index >= 2:
            for crumb in lines[index:end]:
                crumb.role = "junk"


def _is_crumb(line: _Line) -> bool:
    return len(line.text.split()) <= 4 and not line.text.endswith((".", ":", ";"))


def _cut_trailer(lines: list[_Line]) -> None:
    seen_item = False
    for index, line in enumerate(lines):
        if line.role == "junk":
            continue
        seen_item = seen_item or line.kind == "item"
        is_end_mark = seen_item and bool(_END_MARK_RE.fullmatch(line.text.strip()))
        if is_end_mark or (line.kind != "item" and _TRAILER_RE.match(line.text)):
            for rest in lines[index:]:
                rest.role = "junk"
            return


# --------------------------------------------------------------------------- re-joining wraps

# A line ending in one of these words cannot end a sentence, so the next line continues it.
_FUNCTION_WORDS = _words(
    "and or the of to in for with a an on by from at as de la le les et des du en à"
)


# Fixed-width copies (e-mail, plain-text releases) wrap somewhere in this range.
_MIN_WRAP, _MAX_WRAP = 60, 132


def _starts_lower(text: str) -> bool:
    return bool(text) and (text[0].islower() or text[0].isdigit() or text[0] in "(")


def _wrap_width(lines: list[_Line]) -> int | None:
    """Width of a hard-wrapped plain-text document, or None when lines are not wrapped.

    Uses a high percentile rather than the maximum: one over-long line (a merged
    newswire pitch, a URL) must not hide that everything else is cut at 72 columns.
    """
    lengths = sorted(len(line.raw) + line.indent for line in lines if line.role != "junk")
    if len(lengths) < 5:
        return None
    typical = lengths[len(lengths) * 4 // 5]
    width = max(length for length in lengths if length <= typical + 5)
    if not _MIN_WRAP <= width <= _MAX_WRAP:
        return None
    near = sum(1 for length in lengths if width - 15 <= length <= width + 15)
    return width if near * 10 >= len(lengths) * 3 else None


# "; and" separates list entries; ", and" is usually a serial comma inside one entry.
_LIST_SEPARATOR_END_RE = re.compile(r";\s*(?:and|or|et|ou)$", re.IGNORECASE)


def _ends_clause(tail: str) -> bool:
    """Does text ending in ``tail`` end a sentence or list entry ("U.S." does not)?"""
    if tail.endswith((":", ";", "!", "?")) or _LIST_SEPARATOR_END_RE.search(tail):
        return True
    return tail.endswith(".") and _is_boundary(tail, len(tail) - 1)


def _group_tail(group: list[_Line]) -> str:
    # Two lines' worth, so "chain;" + "and" still reads as the separator "; and".
    return " ".join(part.text for part in group[-2:])[-40:]


def _continues_item(group: list[_Line], line: _Line) -> bool:
    """Is ``line`` a hard-wrapped continuation of the item whose lines are ``group``?"""
    if line.kind != "text" or line.role or line.gap:
        return False
    if line.indent > group[0].indent:
        return True
    closed = _ends_clause(_group_tail(group))
    if line.text.endswith(":") and closed:
        return False
    return not (closed and line.text[:1].isupper())


def _continues_text(group: list[_Line], line: _Line, width: int | None) -> bool:
    """Is ``line`` the wrapped remainder of the plain line made of ``group``?"""
    last = group[-1]
    if line.kind != "text" or line.role or line.gap or last.role:
        return False
    # In a wrapped document a line that reaches the wrap width was cut, not ended.
    full_width = width is not None and len(last.raw) + last.indent >= width - 20
    if _ends_clause(_group_tail(group)):
        # "...storage;" / "agreed to:" at the wrap width, then "share ...": still one line.
        return full_width and line.text[:1].islower()
    if _starts_lower(line.text) or last.text.endswith(","):
        return True
    words = last.text.rsplit(None, 1)
    return full_width or (bool(words) and words[-1].lower() in _FUNCTION_WORDS)


def _wrapped_dash(group: list[_Line], line: _Line, width: int | None) -> bool:
    """Is ``line`` a dash that wrapping moved to a line start, not a bullet?

    A line cut mid-sentence at the wrap width, then "- Innovation, Science ...": the dash
    belongs to the sentence. When so, ``line`` is turned back into plain text.
    """
    last = group[-1]
    if line.kind != "item" or line.marker not in {"-", "–", "—"} or line.gap or line.role:
        return False
    full_width = width is not None and len(last.raw) + last.indent >= width - 20
    if not full_width or _ends_clause(_group_tail(group)):
        return False
    line.kind, line.text = "text", line.raw
    return True


def _join_wrapped(lines: list[_Line]) -> list[_Line]:
    """Re-join lines that a fixed-width copy broke, keeping each logical line's first _Line."""
    width = _wrap_width(lines)
    groups: list[list[_Line]] = []
    for line in lines:
        group = groups[-1] if groups else None
        if group is not None and group[0].kind == "item":
            joins = _continues_item(group, line)
        elif group is not None and group[0].kind == "text":
            joins = _continues_text(group, line, width) or _wrapped_dash(group, line, width)
        else:
            joins = False
        if joins and group is not None:
            group.append(line)
        else:
            groups.append([line])
    for group in groups:
        if len(group) > 1:
            # Joined once per group: repeated concatenation would be quadratic.
            group[0].text = _join_parts([part.text for part in group])
            group[0].raw = _join_parts([part.raw for part in group])
    return [group[0] for group in groups]


def _join_parts(parts: list[str]) -> str:
    """Join wrapped lines with a space, except after a hyphen break ("net-" + "zero")."""
    pieces = [parts[0]]
    for previous, part in itertools.pairwise(parts):
        hyphen_break = len(previous) > 1 and previous[-1] == "-" and previous[-2].isalpha()
        pieces.append(part if hyphen_break and part[:1].isalpha() else f" {part}")
    return "".join(pieces)


# --------------------------------------------------------------------------- document title

_NEWSWIRE_TITLE_RE = re.compile(
    rf"(?P<t>\S.{{7,199}}?)(?=\s+(?:(?:By|Par)\s+[A-ZÀ-Þ]|Updated\b|Mis à jour\b"
    rf"|{_MONTH_EN}\.?\s+\d"
    r"|[A-Z]{3,}(?:\s+[A-Z]{2,})*,\s))"
)
_HTML_TITLE_SUFFIX_RE = re.compile(r"\s+[|–—-]\s+[^|–—-]{1,80}$")


def _find_title(lines: list[_Line], html_title: str | None) -> str | None:
    content = [line for line in lines if not line.role]
    for line in content:
        if line.kind == "heading" and line.level == 1:
            line.role = "title"
            return _clip(line.text)
    if html_title:
        return _clip(_HTML_TITLE_SUFFIX_RE.sub("", html_title)) or None
    for position, line in enumerate(content[:12]):
        following = content[position + 1] if position + 1 < len(content) else None
        if line.kind == "heading":
            # A bold first line is the title unless it directly introduces a list.
            if _PILLAR_RE.match(line.text) or (following is not None and following.kind == "item"):
                return None
            line.role = "title"
            return _clip(line.text)
        if line.kind != "text":
            return None
        if len(line.text) > _TITLE_MAX:
            title = _split_newswire_title(line)
            if title:
                at = next(i for i, candidate in enumerate(lines) if candidate is line)
                lines.insert(at, _Line("text", title, title, gap=True, role="title"))
            return title
        if line.text.endswith((".", ":", ";", ",")) or line.text.startswith("Today"):
            return None
        line.role = "title"
        return line.text
    return None


def _split_newswire_title(line: _Line) -> str | None:
    """A flattened newswire page starts "<title> By <agency> <date> ..." on one line."""
    match = _NEWSWIRE_TITLE_RE.match(line.text)
    title = match.group("t") if match else ""
    if not match or len(line.text) < 600 or _first_boundary(title, 0, len(title)):
        return None
    line.text = line.text[match.end() :].strip()
    line.raw = line.text
    return match.group("t").strip()


def _clip(text: str, limit: int = _TITLE_MAX) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return f"{cut}…"


# --------------------------------------------------------------------------- run-on paragraphs

_LIST_COLON_RE = re.compile(r"(?<!\d):(?![\d/])")
_SENT_END_RE = re.compile(r"[.!?](?=[\"'”’)\]]*\s*[A-ZÀ-ÖØ-Þ])")
_ABBREVIATIONS = _words(
    "mr mrs ms dr st no nos inc ltd co corp jr sr vs etc e.g i.e gov sen rep art sec hon jan "
    "feb mar apr jun jul aug sep sept oct nov dec fig approx dept govt mme pp para paras"
)
_INITIALS_RE = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")
_STRONG_LEADIN_RE = re.compile(
    r"(?:\b(?:agreed|agree|agrees|committed|commit|commits|decided|resolved|pledged|undertook"
    r"|promised|intend|intends|plan|plans|aim|aims|seek|seeks)(?:\s+to)?|\bwill|\bshall|\bby"
    r"|\bfollowing|\bas follows|\bconvenu de|\bs['’]engagent à|\bs['’]engage à|\bvont|\bpar)\s*$",
    re.IGNORECASE,
)
_LEADING_CONJ_RE = re.compile(r"^(?:and|et|or|ou)\s+", re.IGNORECASE)
# "; andsupport ..." - the newswire glued the conjunction to the final clause.
_GLUED_CONJ_RE = re.compile(r"^(?:and|et)(?=[a-zà-ÿ]{3})")


def _is_boundary(text: str, dot: int) -> bool:
    start = text.rfind(" ", 0, dot) + 1
    word = text[start:dot].strip("\"'“”‘’(")
    if not word:
        return False
    if _INITIALS_RE.fullmatch(word):
        return False
    return word.lower() not in _ABBREVIATIONS


def _boundaries(text: str, start: int, end: int) -> Iterable[int]:
    for match in _SENT_END_RE.finditer(text, start, end):
        if _is_boundary(text, match.start()):
            yield match.end()


def _last_boundary(text: str, start: int, end: int) -> int | None:
    last = None
    for position in _boundaries(text, start, end):
        last = position
    return last


def _first_boundary(text: str, start: int, end: int) -> int | None:
    return next(iter(_boundaries(text, start, end)), None)


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] at top-level semicolons; each span keeps its ';' for provenance."""
    spans = []
    depth = 0
    begin = start
    for position in range(start, end):
        char = text[position]
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        elif char == ";" and not depth:
            spans.append((begin, position + 1))
            begin = position + 1
    spans.append((begin, end))
    return [(_skip_space(text, a), b) for a, b in spans if text[a:b].strip(" ;")]


def _clause_line(text: str, span: tuple[int, int], last: bool) -> _Line:
    passage = text[span[0] : span[1]].strip()
    content = _LEADING_CONJ_RE.sub("", passage)
    if last and content == passage:
        content = _GLUED_CONJ_RE.sub("", content)
    return _Line("item", content, passage, family="runon")


def _split_run_on(line: _Line) -> list[_Line] | None:
    """Split a flattened "lead-in: a; b; and c.Next lead-in: ..." paragraph into lines.

    Returns None when the line holds no colon-introduced list, so it stays as written.
    """
    text = line.text
    colons = [m.start() for m in _LIST_COLON_RE.finditer(text)]
    if not colons or not text[colons[0] + 1 :].strip(" :"):
        return None
    out: list[_Line] = []
    lead_start = _last_boundary(text, 0, colons[0]) or 0
    if text[:lead_start].strip():
        out.append(_Line("text", text[:lead_start].strip(), text[:lead_start].strip()))
    found_list = False
    for index, colon in enumerate(colons):
        body_start = colon + 1
        is_last = index + 1 == len(colons)
        limit = len(text) if is_last else colons[index + 1]
        semi = text.rfind(";", body_start, limit)
        tail_from = semi + 1 if semi >= 0 else body_start
        if is_last:
            body_end = _first_boundary(text, tail_from, limit) or limit
        else:
            cut = _last_boundary(text, tail_from, limit)
            body_end = cut if cut is not None else (semi + 1 if semi >= 0 else body_start)
        lead_text = text[lead_start:colon].strip()
        spans = _clause_spans(text, body_start, body_end)
        if len(spans) >= 2 or (spans and _STRONG_LEADIN_RE.search(lead_text)):
            found_list = True
            out.append(_Line("text", f"{lead_text}:", text[lead_start : colon + 1].strip()))
            out.extend(_clause_line(text, s, i == len(spans) - 1) for i, s in enumerate(spans))
        elif not spans:
            out.append(_Line("text", f"{lead_text}:", text[lead_start : colon + 1].strip()))
        else:
            prose = text[lead_start:body_end].strip()
            out.append(_Line("text", prose, prose))
        lead_start = _skip_space(text, body_end)
        if is_last and text[lead_start:].strip():
            rest = text[lead_start:].strip()
            out.append(_Line("text", rest, rest))
    if not found_list:
        return None
    for piece in out:
        piece.gap = True
    return [piece for piece in out if piece.text.strip(" :")]


def _expand_run_ons(lines: list[_Line]) -> list[_Line]:
    expanded: list[_Line] = []
    for line in lines:
        pieces = _split_run_on(line) if line.kind == "text" and not line.role else None
        expanded.extend(pieces or [line])
    return expanded


# --------------------------------------------------------------------------- structure

_LEADIN_BLACKLIST_RE = re.compile(
    r"^(?:(?:media |press )?contacts?|related|tags?|share|sources?|notes?|nota|attachments?"
    r"|downloads?|links|see also|follow us|keywords|categories|topics|photos?|videos?"
    r"|contact us|for more information|participants|attendees|in attendance|delegations?)\b",
    re.IGNORECASE,
)
_SUBJECT_OPENER_RE = re.compile(
    r"^(?:the|this|these|those|we|our|they|their|it|its|both|each|today|secretary|minister"
    r"|ministers|leaders|president|prime|ambassador|officials|delegations|participants|le|la"
    r"|les|l['’]|nous|ils|elles|il|elle|ce|cette|ces|aujourd['’]hui)\b",
    re.IGNORECASE,
)
_WEAK_TITLE_RE = re.compile(
    r"^(?:the|both|we|our|they|these|each|all|les|nous|ils|elles|under this|through)\b",
    re.IGNORECASE,
)
_SUBLIST_INTRO_RE = re.compile(r"\b(?:including|such as|as follows|by|to)\s*:$", re.IGNORECASE)


def _is_leadin(line: _Line) -> bool:
    text = line.text.rstrip()
    return (
        line.kind == "text"
        and text.endswith(":")
        and len(text) > 2
        and not _LEADIN_BLACKLIST_RE.match(text)
    )


def _bare_item_like(line: _Line) -> bool:
    """A plain line right after a lead-in counts as an item unless it reads like prose."""
    text = line.text
    if len(text) > 600 or len(text.split()) < 2 or "@" in text:
        return False
    if text.rstrip().endswith(";") or text.lower().endswith(("; and", "; or", "; et")):
        return True
    if _SUBJECT_OPENER_RE.match(text):
        return False
    return sum(1 for _ in _boundaries(text, 0, len(text))) <= 2


def _heading_like_item(line: _Line) -> bool:
    words = line.text.split()
    if not words or len(words) > 12 or line.text.endswith((".", ";", ",")):
        return False
    return not _SUBLIST_INTRO_RE.search(line.text)


def _next_item(blocks: list[_Line], index: int) -> tuple[_Line | None, bool]:
    """The next non-text block after blocks[index], and whether a lead-in sits in between."""
    leadin_between = False
    for position in range(index + 1, len(blocks)):
        block = blocks[position]
        if block.kind != "text":
            return block, leadin_between
        leadin_between = leadin_between or _is_leadin(block)
    return None, leadin_between


def _mark_heading_items(blocks: list[_Line]) -> None:
    """A numbered/bulleted line followed by deeper or different-family items is a heading.

    "1. Supply chains" followed by "a. ..." heads a pillar; "- Share approaches" followed by
    a lead-in and "1. ..." is just the last item of the previous list.
    """
    previous_item: _Line | None = None
    for index, line in enumerate(blocks):
        if line.kind != "item":
            continue
        sibling = (
            previous_item is not None
            and previous_item.family == line.family
            and previous_item.indent == line.indent
            and not previous_item.is_heading_item
        )
        previous_item = line
        if sibling or line.family == "runon" or not _heading_like_item(line):
            continue
        following, leadin_between = _next_item(blocks, index)
        if following is None or following.kind != "item" or following.family == "runon":
            continue
        if leadin_between and line.family in {"bullet", "li"}:
            continue
        deeper = following.indent > line.indent
        other_family = following.family != line.family and following.indent >= line.indent
        if deeper or other_family:
            line.is_heading_item = True


@dataclass(slots=True)
class _Draft:
    heading: str
    explicit: bool
    colon: bool
    items: list[_Line] = field(default_factory=list)
    bare_only: bool = True
    saw_prose: bool = False
    closed: bool = False


@dataclass(slots=True)
class _Assembly:
    drafts: list[_Draft] = field(default_factory=list)
    headings: int = 0
    items: int = 0
    current: _Draft | None = None

    def open(self, heading: str, explicit: bool, colon: bool) -> None:
        self.current = _Draft(heading, explicit, colon)
        self.drafts.append(self.current)
        self.headings += 1

    def add(self, line: _Line, bare: bool = False) -> None:
        if self.current is None:
            return
        self.current.items.append(line)
        self.current.bare_only = self.current.bare_only and bare
        self.items += 1


def _heading_text(line: _Line) -> str:
    if line.kind == "item" and line.family in {"num", "dotted", "ROMAN", "ALPHA", "roman", "alpha"}:
        return f"{line.marker} {line.text}"
    return line.text


def _last_sentence(text: str) -> str:
    start = _last_boundary(text, 0, len(text.rstrip(". ")))
    return text[start:].strip() if start else text.strip()


def _assemble(lines: list[_Line]) -> _Assembly:
    blocks = [line for line in lines if not line.role]
    _mark_heading_items(blocks)
    state = _Assembly()
    for index, block in enumerate(blocks):
        current = state.current
        if block.kind == "heading" or block.is_heading_item:
            state.open(_heading_text(block), True, block.text.endswith(":"))
        elif block.kind == "item":
            if current is None or current.closed:
                state.items += 1  # an orphan list: nothing introduces it
                continue
            state.add(block)
        elif _is_leadin(block):
            absorbs = current is not None and current.explicit and not current.items
            if absorbs and (not current.saw_prose or _is_weak_leadin(block.text)):
                current.colon = True
                continue
            state.open(block.text, False, True)
        else:
            _handle_text(state, block, blocks[index + 1] if index + 1 < len(blocks) else None)
    return state


def _soft_heading(block: _Line, following: _Line | None) -> bool:
    """A short unpunctuated line right before a lead-in names the section ("Addressing climate
    change" / "The leaders will:"), so it heads the pillar like an explicit heading would."""
    text = block.text
    return (
        following is not None
        and _is_leadin(following)
        and len(text.split()) <= 15
        and text[:1].isupper()
        and not text.endswith((".", "!", "?", ";", ",", ":"))
    )


def _handle_text(state: _Assembly, block: _Line, following: _Line | None) -> None:
    current = state.current
    introduces_list = (
        following is not None and following.kind == "item" and not following.is_heading_item
    )
    in_bare_list = current is not None and current.colon and current.bare_only
    if in_bare_list and _bare_item_like(block):
        state.add(block, bare=True)
        return
    if _soft_heading(block, following):
        state.open(block.text, True, False)
        return
    if introduces_list:
        if current is not None and current.explicit and not current.items:
            return  # sub-intro under an explicit heading; the heading names the pillar
        state.open(_last_sentence(block.text), False, False)
        return
    if current is not None:
        if current.explicit:
            current.saw_prose = True
            current.colon = False
        else:
            current.closed = True


def _is_weak_title(title: str) -> bool:
    """True when a derived title names only who acts ("The ministers"), not a topic."""
    return not title.strip() or bool(_WEAK_TITLE_RE.match(title))


def _is_weak_leadin(text: str) -> bool:
    return _is_weak_title(_pillar_title(text))


# --------------------------------------------------------------------------- cleaning

_BOLD_SPAN_RE = re.compile(r"(\*\*|__)(.+?)\1")
# Any run of bullets, list numbers and whitespace at the start, removed in one pass.
_LEADING_MARKERS_RE = re.compile(
    r"(?:\s+|[•◦▪▫‣⁃●○■□►▶➢➤✓✔·*+\-–—]+|(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlcIVXLC]{1,6})"
    r"[.)](?=\s)|\((?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})\))+"
)
_GLUED_PUNCT_RE = re.compile(r"[,;:](?=[^\W\d_])")
_TRAILING_CONJUNCTIONS = (" and", " or", " et", " ou")
_ABBREV_END_RE = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\betc\.|\bInc\.|\bLtd\.|\bCo\.)$")


def _strip_markers(text: str) -> str:
    match = _LEADING_MARKERS_RE.match(text)
    return text[match.end() :] if match else text


def _strip_trailing(text: str) -> str:
    """Drop list separators ("; and", ";", ",", ".") from the end, keeping "U.S."."""
    while True:
        before = text
        text = text.rstrip(" \t\n;,:")
        tail = text[-4:].lower()
        for conjunction in _TRAILING_CONJUNCTIONS:
            if tail.endswith(conjunction):
                text = text[: -len(conjunction)]
                break
        # Only the tail matters, and looking at a bounded slice keeps this linear.
        if text.endswith(".") and not _ABBREV_END_RE.search(text[-12:]):
            text = text.rstrip(".")
        if text == before:
            return text


def _respace(match: re.Match[str]) -> str:
    """Re-space "diversity,including" and "to:reinforce", but leave "https:" alone."""
    position = match.start()
    if match.group(0) == ":" and not (position and match.string[position - 1].isalpha()):
        return ":"
    return f"{match.group(0)} "


def _capitalise(text: str) -> str:
    for index, char in enumerate(text[:3]):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
    return text


def _clean_commitment(text: str) -> str:
    """Normalise one list item to the published words without list furniture."""
    text = _BOLD_SPAN_RE.sub(r"\2", _collapse(text))
    text = _strip_markers(text)
    text = _GLUED_PUNCT_RE.sub(_respace, text)
    text = _strip_trailing(_collapse(text))
    text = _strip_markers(text)
    if not _HAS_LETTER_RE.search(text) and not any(ch.isdigit() for ch in text):
        return ""
    return _capitalise(text)


_TITLE_LEAD_FRAME_RE = re.compile(
    r"^(?:Acknowledg(?:ed|ing)|Recogni[sz](?:ed|ing)|Underscor(?:ed|ing)|Emphasi[sz](?:ed|ing)"
    r"|Highlight(?:ed|ing)|Stress(?:ed|ing)|Reaffirm(?:ed|ing)|Affirm(?:ed|ing)|Not(?:ed|ing)"
    r"|Welcom(?:ed|ing)|Reiterat(?:ed|ing)|Discuss(?:ed|ing)|Agreed on|Agreed upon)\s+"
    r"(?:the\s+)?(?:(?:critical|key|central|vital|important|essential|shared|continued|growing"
    r"|strategic|mutual)\s+)*(?:importance|role|value|need|significance|benefits?|progress"
    r"|priority|priorities|opportunit(?:y|ies))\s+(?:of|for|in|to)\s+",
    re.IGNORECASE,
)
_TITLE_LEAD_FRAME_FR_RE = re.compile(
    r"^(?:Ont\s+)?(?:reconnu|soulign[ée]|salu[ée]|r[ée]affirm[ée])\s+(?:l['’]|la |le |les )?"
    r"(?:importance|r[ôo]le\s+\w+|valeur)\s+(?:de la |du |des |de l['’]|de |d['’])",
    re.IGNORECASE,
)
_TITLE_TAIL_FRAME_RE = re.compile(
    r"(?:,?\s+(?:and\s+)?(?:agreed|agree|agrees|committed|commit|commits|decided|resolved"
    r"|pledged|undertook|intend|intends|plan|plans|aim|aims|seek|seeks)(?:\s+to)?"
    r"|\s+(?:will|shall|are|were|include|includes|including)"
    r"|,?\s+(?:et\s+)?(?:ont|a)\s+convenu\s+de|\s+s['’]engagent\s+à|\s+(?:vont|entendent|comptent))$",
    re.IGNORECASE,
)
_TITLE_PURPOSE_RE = re.compile(
    r"^.*?\b(?:will|shall|agreed to|committed to|intend to|plan to|decided to|resolved to)\s+"
    r"(?:also\s+)?(?P<rest>.+?)\s+by$",
    re.IGNORECASE,
)
_TITLE_NUMBER_RE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVXLCivxlc]{1,6}|[A-Za-z])[.)]\s+")
_TITLE_RUN_IN_RE = re.compile(r"^(?P<t>[^.:]{2,80}?)[.:—–]\s+(?:The|Both|Les|Nous|We)\b")
# "To build a skilled workforce, the Working Group will:" - topic first, subject last.
_TITLE_SUBJECT_TAIL_RE = re.compile(
    r"^(?P<topic>.+?),\s+(?:the\s+[\w’'-]+(?:\s+[\w’'-]+){0,2}|they|we|both(?:\s+\w+)?|les\s+\w+"
    r"|nous|ils|elles)$",
    re.IGNORECASE,
)
_TITLE_TOPIC_PREFIX_RE = re.compile(
    r"^(?:To|On|Regarding|Concerning|With regard to|In the area of|In the field of|As regards"
    r"|Pour|En matière de|Sur)\s+",
    re.IGNORECASE,
)


def _strip_title_tail(text: str) -> str:
    """Remove "... and agreed to" / "will" framing from the end, repeatedly."""
    while True:
        # The framing phrases are short: scanning only the tail keeps this cheap.
        match = _TITLE_TAIL_FRAME_RE.search(text, max(0, len(text) - 60))
        if not match:
            return text
        text = text[: match.start()].rstrip(" :,")


def _pillar_title(heading: str) -> str:
    text = _collapse(_BOLD_SPAN_RE.sub(r"\2", heading)).strip("*_# ")
    match = _PILLAR_RE.match(text)
    if match:
        if not match.group("rest").strip(" :.-–—"):
            return _capitalise(match.group("label").strip())
        text = match.group("rest")
    text = _TITLE_NUMBER_RE.sub("", text)
    run_in = _TITLE_RUN_IN_RE.match(text)
    if run_in and len(run_in.group("t").split()) <= 8:
        return _clip(_capitalise(run_in.group("t").strip()))
    text = text.rstrip(" :")
    # "... will strengthen X by:" - only such headings need the (costlier) purpose pattern.
    purpose = _TITLE_PURPOSE_RE.match(text) if text.lower().endswith(" by") else None
    if purpose:
        text = purpose.group("rest")
    text = _strip_title_tail(text)
    subject_tail = _TITLE_SUBJECT_TAIL_RE.match(text)
    if subject_tail:
        text = _TITLE_TOPIC_PREFIX_RE.sub("", subject_tail.group("topic"))
    text = _TITLE_LEAD_FRAME_RE.sub("", text)
    text = _TITLE_LEAD_FRAME_FR_RE.sub("", text)
    return _clip(_capitalise(text.strip()))


def _build_pillars(state: _Assembly) -> tuple[ParsedPillar, ...]:
    pillars = []
    for draft in state.drafts:
        commitments = []
        for item in draft.items:
            text = _clean_commitment(item.text)
            if text:
                commitments.append(ParsedCommitment(text=text, passage=_collapse(item.raw)))
        if commitments:
            heading = _collapse(_BOLD_SPAN_RE.sub(r"\2", draft.heading))
            title = _pillar_title(heading)
            if _is_weak_title(title):
                # "The ministers agreed to:" names no topic; the heading itself reads better
                # than a bare subject like "The ministers".
                title = _clip(heading.rstrip(" :"))
            pillars.append(ParsedPillar(heading, title, tuple(commitments)))
    return tuple(pillars)


def _failure(state: _Assembly) -> ReadoutParseError:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    if not state.headings and not state.items:
        reason = "no pillar headings; no list items."
    elif not state.items:
        under = "it" if state.headings == 1 else "them"
        reason = f"{plural(state.headings, 'pillar heading')} but no list items under {under}."
    elif not state.headings:
        reason = f"{plural(state.items, 'list item')} but no pillar heading introducing them."
    else:
        reason = (
            f"{plural(state.headings, 'pillar heading')} and {plural(state.items, 'list item')}, "
            "but no heading has a usable list item."
        )
    return ReadoutParseError(f"No work plan found: {reason}")


# --------------------------------------------------------------------------- metadata


def _date_from_match(match: re.Match[str]) -> datetime.date | None:
    groups = match.groupdict()
    for suffix in ("1", "2", "3"):
        if groups.get(f"year{suffix}"):
            year, month, day = (
                groups[f"year{suffix}"],
                groups[f"mon{suffix}"],
                groups[f"day{suffix}"],
            )
            break
    else:
        return None
    month_number = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
    try:
        return datetime.date(int(year), month_number or 0, int(day))
    except ValueError:
        return None


def _find_published(text: str, marker: str | None, meta_dates: list[str]) -> datetime.date | None:
    for candidate in ([marker] if marker else []) + meta_dates[:5]:
        match = _DATE_RE.search(candidate[:40])
        found = _date_from_match(match) if match else None
        if found:
            return found
    for match in _DATE_RE.finditer(text, 0, min(len(text), 1500)):
        found = _date_from_match(match)
        if found and 1900 <= found.year <= 2100:
            return found
    return None


_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "twelve": 12, "eighteen": 18}
_CADENCE_RE = re.compile(
    r"\b(?:(?P<m6>bi-?annual(?:ly)?|semi-?annual(?:ly)?|twice (?:a|per|each) year|twice yearly"
    r"|every (?:six|6) months|deux fois par an(?:née)?|tous les six mois|semestriel\w*)"
    r"|(?P<m3>quarterly|every (?:three|3) months|four times (?:a|per|each) year|each quarter"
    r"|every quarter|trimestriel\w*|tous les trois mois|chaque trimestre)"
    r"|(?P<m1>monthly|every month|each month|mensuel\w*|chaque mois|tous les mois)"
    r"|(?P<m12>annual(?:ly)?|every year|once (?:a|per) year|yearly|each year|chaque année"
    r"|une fois par an|tous les ans|annuellement|annuel\w*)"
    r"|every (?P<n>\d{1,2}|two|three|four|six|twelve|eighteen) (?P<unit>months|years))\b",
    re.IGNORECASE,
)
_MEETING_RE = re.compile(
    r"\b(?:meet|meets|meeting|meetings|convene|convenes|reconvene|gather|dialogue|summit"
    r"|se réunir|se réuniront|se rencontrer|se rencontreront|réunion|réunions|rencontre)\b",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"[.!?](?:\s|$)|\n")


def _months(match: re.Match[str]) -> int:
    for group, months in (("m6", 6), ("m3", 3), ("m1", 1), ("m12", 12)):
        if match.group(group):
            return months
    number = match.group("n").lower()
    count = int(number) if number.isdigit() else _NUMBER_WORDS[number]
    return count * (12 if match.group("unit").lower() == "years" else 1)


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    before = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    after = _SENTENCE_END_RE.search(text, end)
    return before + 1, after.end() if after else len(text)


def _find_cadence(text: str) -> int | None:
    """Months between meetings, from the first cadence phrase in a sentence about meeting."""
    for match in _CADENCE_RE.finditer(text):
        start, end = _sentence_around(text, match.start(), match.end())
        if _MEETING_RE.search(text, start, end) and _months(match):
            return _months(match)
    return None


_EN_STOPWORDS = _words("the and of to in for with on that this by is are will from")
_FR_STOPWORDS = _words("le la les des et du de pour avec sur une dans est sont qui au")
_WORD_EDGES = ".,;:!?()[]{}\"'“”‘’«»"


def _guess_language(text: str) -> str:
    english = french = 0
    for token in text[:20000].lower().split():
        word = token.strip(_WORD_EDGES)
        english += word in _EN_STOPWORDS
        french += word in _FR_STOPWORDS
    return "fr" if french > english else "en"


_ROLE = (
    r"(?:Secretary|Minister|President|Vice President|Prime Minister|Ambassador|Commissioner"
    r"|Representative|Administrator|Chancellor|Governor|Premier|Director|Undersecretary"
    r"|Executive Vice-President|(?i:ministre|secrétaire|présidente?|commissaire"
    r"|ambassadeur|ambassadrice|vice-présidente?))"
)
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][a-zà-ÿ]+(?:[’'-][A-ZÀ-ÖØ-Þa-zà-ÿ][a-zà-ÿ]*)*"
_NAME = rf"(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,3}})(?![\w’'-]|[ \t]+[A-ZÀ-Þ])"
_ROLE_THEN_NAME_RE = re.compile(
    rf"\b{_ROLE}(?:\s+of(?:\s+(?:(?:and|for|the|of)\s+)?[A-Z][\w’'.-]*,?){{1,6}}?)?\s+{_NAME}"
)
_NAME_THEN_ROLE_RE = re.compile(rf"\b{_NAME},\s+(?:[^,;]{{0,40}}?\s)?{_ROLE}\b")
_NOT_NAME_WORDS = _words(
    "United States Canada Department Office Commerce Innovation Science Industry Economic "
    "Development Trade Government Council Commission Ministry Secretary Minister House Summit "
    "Partnership Agreement Union European Mexico America Americas North Today The Affairs "
    "Foreign State Energy Agency Administration Representative Congress Senate Parliament "
    "Bureau Institute National Federal Republic Kingdom Group Dialogue Joint Readout"
)
# "Minister of Natural Resources Jonathan Wilkinson": the lazy role qualifier can leave the
# last portfolio word attached to the name, so portfolio words are peeled off its front.
_PORTFOLIO_WORDS = _words(
    "Resources Affairs Security Energy Commerce Trade Economy Finance Defense Defence Health "
    "Agriculture Environment Industry Transport Transportation Labor Labour Homeland Treasury "
    "Justice Interior Education Innovation Science Development Digital Technology Climate "
    "Competition Infrastructure Natural International Foreign"
)


def _find_participants(text: str) -> tuple[str, ...]:
    found: list[tuple[int, str]] = []
    for pattern in (_ROLE_THEN_NAME_RE, _NAME_THEN_ROLE_RE):
        for match in pattern.finditer(text):
            words = match.group("name").split()
            while len(words) > 2 and words[0] in _PORTFOLIO_WORDS:
                words.pop(0)
            if len(words) <= 3 and not any(w.strip("’'") in _NOT_NAME_WORDS for w in words):
                found.append((match.start("name"), " ".join(words)))
    names: list[str] = []
    for _, name in sorted(found):
        if name not in names:
            names.append(name)
    return tuple(names)


# --------------------------------------------------------------------------- entry points


def _is_html(text: str, content_type: str | None) -> bool:
    if content_type:
        return "html" in content_type.lower()
    return bool(_HTML_SNIFF_RE.search(text[:50000]))


def _render_text(lines: list[_Line]) -> str:
    out: list[str] = []
    for line in lines:
        if line.role == "junk":
            continue
        if line.gap and out:
            out.append("")
        out.append(line.raw)
    return "\n".join(out).strip()


def parse_readout(source: str, *, content_type: str | None = None) -> ParsedReadout:
    """Parse a readout (plain text, newswire copy, Markdown or HTML) into pillars."""
    if not isinstance(source, str):
        raise ReadoutParseError("No work plan found: expected text, got no readable document.")
    text = _normalise_source(source)
    marker_match = _LEADING_DATE_MARKER_RE.match(text)
    marker = marker_match.group(1) if marker_match else None
    if marker_match:
        text = text[marker_match.end() :]
    trailer = _INLINE_TRAILER_RE.search(text)
    if trailer:
        text = text[: trailer.start()]

    html_title: str | None = None
    meta_dates: list[str] = []
    is_html = _is_html(text, content_type)
    if is_html:
        lines, html_title, meta_dates = _html_lines(text)
    else:
        lines = _text_lines(_strip_inline_junk(text))
    if not lines:
        raise ReadoutParseError("No work plan found: the document has no readable text.")

    _mark_furniture(lines)
    if not is_html:
        lines = _join_wrapped(lines)
    title = _find_title(lines, html_title)
    clean_text = _render_text(lines)
    state = _assemble(_expand_run_ons(lines))
    pillars = _build_pillars(state)
    if not pillars:
        raise _failure(state)

    # Participants are named in the introduction, before the work plan starts.
    intro_end = clean_text.find(pillars[0].heading)
    intro = clean_text[: intro_end if 0 < intro_end < 3000 else 3000]
    head = f"{title or ''}\n{intro}"
    return ParsedReadout(
        title=title,
        published=_find_published(clean_text, marker, meta_dates),
        participants=_find_participants(head),
        pillars=pillars,
        cadence_months=_find_cadence(clean_text),
        language=_guess_language(clean_text),
        text=clean_text,
    )


# --------------------------------------------------------------------------- short titles

_FILLER_RE = re.compile(r"(?<=\S)\s+(?:existing|ongoing|continued|further)\b", re.IGNORECASE)
_STRONG_CUT_RE = re.compile(
    r"\s*[;:,(]|\s[—–]\s|\s(?:including|such as|in order to|with a view to|so as to)\s"
)
_WEAK_CUT_RE = re.compile(r"\s(?:and|to|by|through|while|et|pour|afin de)\s")
_STOP_TAIL = _words("a an the of to and or for in on with by at from as de la le les et des du")
# A natural clause may run a little over the word budget rather than be cut mid-name.
_CLAUSE_SLACK = 2


def short_title(commitment_text: str, max_words: int = 8) -> str:
    """A short label for a commitment: its first natural clause, else its first words + "…"."""
    max_words = max(1, max_words)
    text = _strip_trailing(_strip_markers(_collapse(commitment_text)))
    text = _FILLER_RE.sub("", text)
    if not text:
        return ""
    words = text.split()
    if len(words) <= max_words + _CLAUSE_SLACK:
        return _capitalise(text)
    cuts = sorted(
        {m.start() for m in _STRONG_CUT_RE.finditer(text)}
        | {m.start() for m in _WEAK_CUT_RE.finditer(text)}
    )
    for position in cuts:
        prefix = text[:position].rstrip(" ,;:")
        count = len(prefix.split())
        if count >= 3:
            if count <= max_words + _CLAUSE_SLACK:
                return _capitalise(prefix)
            break
    head = words[:max_words]
    while len(head) > 1 and head[-1].lower().strip(",;:") in _STOP_TAIL:
        head.pop()
    return _capitalise(" ".join(head).rstrip(",;:")) + "…"
