"""Stage 1b: the line model, and plain text cut into classified lines.

``Line`` is the unit every later stage works on; ``classify_line`` recognises Markdown and
bold headings, "Pillar II" headings, bullets and numbered items. Separate so that the HTML
reader and the later passes share one definition of a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vocabulary import collapse


@dataclass(slots=True)
class Line:
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
PILLAR_RE = re.compile(
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


def _numbered_family(family: str, marker: str, previous: Line | None) -> str:
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


def classify_line(raw_line: str, previous_item: Line | None) -> Line:
    """Turn one physical text line into a Line, recognising heading and list markers."""
    stripped = raw_line.strip()
    indent = len(raw_line) - len(raw_line.lstrip(" "))
    raw = collapse(stripped)
    match = _MD_HEADING_RE.match(stripped)
    heading = _strip_closing_hashes(match.group(2)) if match else ""
    if match and heading:
        return Line("heading", collapse(heading), raw, indent, level=len(match.group(1)))
    match = _BOLD_LINE_RE.match(stripped)
    if match:
        text = collapse(match.group("t") + (":" if match.group("c") else ""))
        return Line("heading", text, raw, indent, level=3)
    if PILLAR_RE.match(stripped):
        return Line("heading", raw, raw, indent, level=2)
    match = _BULLET_RE.match(stripped)
    if match:
        return Line("item", collapse(match.group("t")), raw, indent, "bullet", match.group("m"))
    for family, pattern in _NUMBERED_RES:
        match = pattern.match(stripped)
        if match:
            marker = match.group("m")
            family = _numbered_family(family, marker, previous_item)
            return Line("item", collapse(match.group("t")), raw, indent, family, marker)
    return Line("text", raw, raw, indent)


def text_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    gap = True
    previous_item: Line | None = None
    for physical in text.split("\n"):
        physical = physical.rstrip()
        if not physical.strip():
            gap = True
            continue
        line = classify_line(physical, previous_item)
        line.gap = gap
        gap = False
        if line.kind == "item":
            previous_item = line
        lines.append(line)
    return lines
