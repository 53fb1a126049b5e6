"""Vocabulary shared by several parser stages: word lists, date patterns, sentence boundaries
and a few small text helpers.

Separate because line roles, re-flowing, the outline and metadata all read dates and sentence
ends the same way: one definition here, imported by each stage, keeps the stages from
importing one another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def word_set(text: str) -> frozenset[str]:
    """A vocabulary written as one space-separated string, for compact word lists."""
    return frozenset(text.split())


MONTHS = {
    "jan": 1, "january": 1, "janvier": 1, "feb": 2, "february": 2, "février": 2, "fevrier": 2,
    "mar": 3, "march": 3, "mars": 3, "apr": 4, "april": 4, "avril": 4, "may": 5, "mai": 5,
    "jun": 6, "june": 6, "juin": 6, "jul": 7, "july": 7, "juillet": 7, "aug": 8, "august": 8,
    "août": 8, "aout": 8, "sep": 9, "sept": 9, "september": 9, "septembre": 9, "oct": 10,
    "october": 10, "octobre": 10, "nov": 11, "november": 11, "novembre": 11, "dec": 12,
    "december": 12, "décembre": 12, "decembre": 12,
}  # fmt: skip
MONTH_EN = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH_ANY = (
    MONTH_EN[:-1] + r"|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre"
    r"|octobre|novembre|d[ée]cembre)"
)
DATE_MDY = rf"(?P<mon1>{MONTH_EN})\.?\s+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year1>\d{{4}})"
DATE_DMY = (
    rf"(?P<day2>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?P<mon2>{_MONTH_ANY})\.?,?\s+(?P<year2>\d{{4}})"
)
DATE_ISO = r"(?P<year3>\d{4})-(?P<mon3>\d{2})-(?P<day3>\d{2})"
DATE_RE = re.compile(rf"\b(?:{DATE_MDY}|{DATE_DMY}|{DATE_ISO})\b", re.IGNORECASE)
# The same date shapes without group names, for embedding in other patterns.
DATE_ANY = "(?i:" + re.sub(r"\?P<\w+>", "", rf"{DATE_MDY}|{DATE_DMY}|{DATE_ISO}") + ")"


def collapse(text: str) -> str:
    return " ".join(text.split())


HAS_LETTER_RE = re.compile(r"[^\W\d_]")

TITLE_MAX = 200


def clip(text: str, limit: int = TITLE_MAX) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return f"{cut}…"


# --------------------------------------------------------------------------- sentence boundaries

_SENT_END_RE = re.compile(r"[.!?](?=[\"'”’)\]]*\s*[A-ZÀ-ÖØ-Þ])")
_ABBREVIATIONS = word_set(
    "mr mrs ms dr st no nos inc ltd co corp jr sr vs etc e.g i.e gov sen rep art sec hon jan "
    "feb mar apr jun jul aug sep sept oct nov dec fig approx dept govt mme pp para paras"
)
_INITIALS_RE = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")


def is_boundary(text: str, dot: int) -> bool:
    start = text.rfind(" ", 0, dot) + 1
    word = text[start:dot].strip("\"'“”‘’(")
    if not word:
        return False
    if _INITIALS_RE.fullmatch(word):
        return False
    return word.lower() not in _ABBREVIATIONS


def boundaries(text: str, start: int, end: int) -> Iterable[int]:
    for match in _SENT_END_RE.finditer(text, start, end):
        if is_boundary(text, match.start()):
            yield match.end()


def last_boundary(text: str, start: int, end: int) -> int | None:
    last = None
    for position in boundaries(text, start, end):
        last = position
    return last


def first_boundary(text: str, start: int, end: int) -> int | None:
    return next(iter(boundaries(text, start, end)), None)
