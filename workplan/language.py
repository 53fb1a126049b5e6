"""A plan's own words in the reader's language.

English is the text of record: the readout a plan was created from, what reconciliation
compares and history quotes. French sits beside it in `<field>_fr` (filled by importing
the French readout, or in admin) and may be missing; the English then shows, marked
"English only" where it is displayed, so a French reader knows the gap is the plan's and
not the interface's.

Fields of our own rather than django-modeltranslation: its fallback is silent (a page cannot
tell a French value from an English one standing in), and it rewrites every query and admin
form of the models it registers. Two languages, four models, one rule here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import translation

# The plan's own words that exist in French beside the English, per model.
TRANSLATED_FIELDS = {
    "workplan": ("title",),
    "pillar": ("title", "lead_in"),
    "commitment": ("text", "short_title"),
}


class Localized(str):
    """One of a plan's words in the reader's language; `english_only` when the French
    reader sees the English because the French is missing."""

    # A class default, set on the value only when true: a dashboard builds thousands of
    # these, and an attribute dictionary on each is garbage the collector must walk.
    english_only = False

    def __new__(cls, text: str, english_only: bool = False) -> Localized:
        value = super().__new__(cls, text)
        if english_only:
            value.english_only = True
        return value


def reader_language() -> str:
    """ "fr" for a French reader, "en" for everyone else."""
    language = (translation.get_language() or "en").split("-")[0]
    return "fr" if language == "fr" else "en"


def localized(english: str, french: str | None) -> Localized:
    if reader_language() == "fr":
        if french:
            return Localized(french)
        return Localized(english, english_only=bool(english))
    return Localized(english)


def localized_field(item: Any, field: str) -> Localized:
    """`field` of a model instance or of a row from `values()` that fetched both columns."""
    if isinstance(item, Mapping):
        return localized(item[field], item.get(f"{field}_fr"))
    return localized(getattr(item, field), getattr(item, f"{field}_fr", ""))


def both(*fields: str) -> list[str]:
    """The columns a `values()` query fetches to show these fields in either language."""
    return [name for field in fields for name in (field, f"{field}_fr")]


class Translated:
    """For the models with TRANSLATED_FIELDS: `plan.localized("title")`."""

    def localized(self, field: str) -> Localized:
        return localized_field(self, field)
