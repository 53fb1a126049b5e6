"""`{{ moment|day }}`: a date or moment as the reader's language writes a day (DATE_FORMAT,
"22 November 2026"), in the reader's time zone.

The same as `|date:"DATE_FORMAT"`, remembered per day and language: a large dashboard
writes several hundred dates, and Django's date filter, at about 45 µs each, cost it a
tenth of its rendering (bench/bench_dashboard.py)."""

import datetime
import functools

from django import template
from django.utils import formats, translation

register = template.Library()


@register.filter(expects_localtime=True)
def day(value: datetime.date | None) -> str:
    if not isinstance(value, datetime.date):
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return _written(value, translation.get_language())


@functools.lru_cache(maxsize=4096)
def _written(value: datetime.date, language: str | None) -> str:
    # `language` is the active one, which date_format reads: it keys the cache.
    return formats.date_format(value, "DATE_FORMAT")
