"""Stage 1c: tag each line's role: site furniture, datelines and contacts, the trailer after
the readout, and the document title.

Separate because it decides which lines are not part of the work plan before any structure
is rebuilt; the later stages skip every line that has a role.
"""

from __future__ import annotations

import re

from .lines import PILLAR_RE, Line
from .vocabulary import (
    DATE_ANY,
    DATE_DMY,
    DATE_ISO,
    DATE_MDY,
    HAS_LETTER_RE,
    MONTH_EN,
    TITLE_MAX,
    clip,
    first_boundary,
)

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
    rf"|vendredi|samedi|dimanche),?\s+(?:le\s+)?)?(?:{DATE_MDY}|{DATE_DMY}|{DATE_ISO})\.?",
    re.IGNORECASE,
)
_DATELINE_RE = re.compile(
    rf"{DATE_ANY}\s*[,–—-]\s*[A-Z][\w.'’ ,-]{{0,60}}"
    rf"|[A-Z][\w.'’ -]{{1,40}}\s*[,–—-]\s*{DATE_ANY}"
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


_FURNITURE_MAX = 400  # banners, share bars, datelines and contacts are all short lines


def _line_role(line: Line) -> str:
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
    if not HAS_LETTER_RE.search(line.text):
        return "meta" if line.kind != "item" else ""
    return ""


def mark_furniture(lines: list[Line]) -> None:
    for line in lines:
        line.role = _line_role(line)
    _mark_breadcrumbs(lines)
    _cut_trailer(lines)


def _mark_breadcrumbs(lines: list[Line]) -> None:
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


def _is_crumb(line: Line) -> bool:
    return len(line.text.split()) <= 4 and not line.text.endswith((".", ":", ";"))


def _cut_trailer(lines: list[Line]) -> None:
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


# --------------------------------------------------------------------------- document title

_NEWSWIRE_TITLE_RE = re.compile(
    rf"(?P<t>\S.{{7,199}}?)(?=\s+(?:(?:By|Par)\s+[A-ZÀ-Þ]|Updated\b|Mis à jour\b"
    rf"|{MONTH_EN}\.?\s+\d"
    r"|[A-Z]{3,}(?:\s+[A-Z]{2,})*,\s))"
)
_HTML_TITLE_SUFFIX_RE = re.compile(r"\s+[|–—-]\s+[^|–—-]{1,80}$")


def find_title(lines: list[Line], html_title: str | None) -> str | None:
    content = [line for line in lines if not line.role]
    for line in content:
        if line.kind == "heading" and line.level == 1:
            line.role = "title"
            return clip(line.text)
    if html_title:
        return clip(_HTML_TITLE_SUFFIX_RE.sub("", html_title)) or None
    for position, line in enumerate(content[:12]):
        following = content[position + 1] if position + 1 < len(content) else None
        if line.kind == "heading":
            # A bold first line is the title unless it directly introduces a list.
            if PILLAR_RE.match(line.text) or (following is not None and following.kind == "item"):
                return None
            line.role = "title"
            return clip(line.text)
        if line.kind != "text":
            return None
        if len(line.text) > TITLE_MAX:
            title = _split_newswire_title(line)
            if title:
                at = next(i for i, candidate in enumerate(lines) if candidate is line)
                lines.insert(at, Line("text", title, title, gap=True, role="title"))
            return title
        if line.text.endswith((".", ":", ";", ",")) or line.text.startswith("Today"):
            return None
        line.role = "title"
        return line.text
    return None


def _split_newswire_title(line: Line) -> str | None:
    """A flattened newswire page starts "<title> By <agency> <date> ..." on one line."""
    match = _NEWSWIRE_TITLE_RE.match(line.text)
    title = match.group("t") if match else ""
    if not match or len(line.text) < 600 or first_boundary(title, 0, len(title)):
        return None
    line.text = line.text[match.end() :].strip()
    line.raw = line.text
    return match.group("t").strip()
