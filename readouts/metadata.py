"""Readout metadata found in the cleaned text: publication date, meeting cadence, language
and participants.

Separate because none of it shapes the pillars: each finder reads the rendered text once the
structure is known.
"""

from __future__ import annotations

import datetime
import re

from .vocabulary import DATE_RE, MONTHS, word_set


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
    month_number = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip("."))
    try:
        return datetime.date(int(year), month_number or 0, int(day))
    except ValueError:
        return None


def find_published(text: str, marker: str | None, meta_dates: list[str]) -> datetime.date | None:
    for candidate in ([marker] if marker else []) + meta_dates[:5]:
        match = DATE_RE.search(candidate[:40])
        found = _date_from_match(match) if match else None
        if found:
            return found
    for match in DATE_RE.finditer(text, 0, min(len(text), 1500)):
        found = _date_from_match(match)
        if found and 1900 <= found.year <= 2100:
            return found
    return None


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "twelve": 12, "eighteen": 18,
    "deux": 2, "trois": 3, "quatre": 4, "douze": 12, "dix-huit": 18,
}  # fmt: skip
_CADENCE_RE = re.compile(
    r"\b(?:(?P<m6>bi-?annual(?:ly)?|semi-?annual(?:ly)?|twice (?:a|per|each) year|twice yearly"
    r"|every (?:six|6) months|deux fois (?:par an(?:née)?|l['’]an)|semestriel\w*"
    r"|(?:chaque|tous les) semestres?)"
    r"|(?P<m3>quarterly|every (?:three|3) months|four times (?:a|per|each) year|each quarter"
    r"|every quarter|trimestriel\w*|(?:chaque|tous les) trimestres?|une fois par trimestre"
    r"|quatre fois (?:par an(?:née)?|l['’]an))"
    r"|(?P<m1>monthly|every month|each month|mensuel\w*|chaque mois|tous les mois)"
    r"|(?P<m12>annual(?:ly)?|every year|once (?:a|per) year|yearly|each year|chaque année"
    r"|une fois par an(?:née)?|tous les ans|annuellement|annuel\w*)"
    r"|(?:every|tous les) (?P<n>\d{1,2}|two|three|four|six|twelve|eighteen|deux|trois|quatre"
    r"|douze|dix-huit) (?P<unit>months|years|mois|ans|années))\b",
    re.IGNORECASE,
)
_YEAR_UNITS = frozenset({"years", "ans", "années"})
_MEETING_RE = re.compile(
    r"\b(?:meet|meets|meeting|meetings|convene|convenes|reconvene|gather|dialogue|summit"
    r"|se réuni\w*|se rencontr\w*|réunions?|rencontres?)\b",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"[.!?](?:\s|$)|\n")


def _months(match: re.Match[str]) -> int:
    for group, months in (("m6", 6), ("m3", 3), ("m1", 1), ("m12", 12)):
        if match.group(group):
            return months
    number = match.group("n").lower()
    count = int(number) if number.isdigit() else _NUMBER_WORDS[number]
    return count * (12 if match.group("unit").lower() in _YEAR_UNITS else 1)


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    before = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    after = _SENTENCE_END_RE.search(text, end)
    return before + 1, after.end() if after else len(text)


def find_cadence(text: str) -> int | None:
    """Months between meetings, from the first cadence phrase in a sentence about meeting."""
    for match in _CADENCE_RE.finditer(text):
        start, end = _sentence_around(text, match.start(), match.end())
        if _MEETING_RE.search(text, start, end) and _months(match):
            return _months(match)
    return None


_EN_STOPWORDS = word_set("the and of to in for with on that this by is are will from")
_FR_STOPWORDS = word_set("le la les des et du de pour avec sur une dans est sont qui au")
_WORD_EDGES = ".,;:!?()[]{}\"'“”‘’«»"


def guess_language(text: str) -> str:
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
_NOT_NAME_WORDS = word_set(
    "United States Canada Department Office Commerce Innovation Science Industry Economic "
    "Development Trade Government Council Commission Ministry Secretary Minister House Summit "
    "Partnership Agreement Union European Mexico America Americas North Today The Affairs "
    "Foreign State Energy Agency Administration Representative Congress Senate Parliament "
    "Bureau Institute National Federal Republic Kingdom Group Dialogue Joint Readout"
)
# "Minister of Natural Resources Jonathan Wilkinson": the lazy role qualifier can leave the
# last portfolio word attached to the name, so portfolio words are peeled off its front.
_PORTFOLIO_WORDS = word_set(
    "Resources Affairs Security Energy Commerce Trade Economy Finance Defense Defence Health "
    "Agriculture Environment Industry Transport Transportation Labor Labour Homeland Treasury "
    "Justice Interior Education Innovation Science Development Digital Technology Climate "
    "Competition Infrastructure Natural International Foreign"
)


def find_participants(text: str) -> tuple[str, ...]:
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
