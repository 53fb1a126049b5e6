"""`|day` writes a date as the reader's language and time zone write it, though it
remembers what it wrote."""

from __future__ import annotations

import datetime
import zoneinfo

from django.template import Context, Template
from django.utils import timezone, translation

TEMPLATE = Template("{% load dates %}{{ moment|day }}")
# 02:30 UTC on 1 March: still the last day of February in Ottawa.
MOMENT = datetime.datetime(2026, 3, 1, 2, 30, tzinfo=datetime.UTC)


def written(moment, language="en", zone="America/Toronto") -> str:
    with translation.override(language), timezone.override(zoneinfo.ZoneInfo(zone)):
        return TEMPLATE.render(Context({"moment": moment}))


def test_it_writes_the_day_in_the_readers_time_zone():
    assert written(MOMENT, zone="America/Toronto") == "28 February 2026"
    assert written(MOMENT, zone="Europe/Paris") == "1 March 2026"
    # And again, in the other order: what it remembers is the local day, not the moment.
    assert written(MOMENT, zone="America/Toronto") == "28 February 2026"


def test_it_writes_the_day_in_the_readers_language():
    assert written(MOMENT, language="en") == "28 February 2026"
    assert written(MOMENT, language="fr") == "28 février 2026"
    assert written(MOMENT, language="en") == "28 February 2026"


def test_it_writes_a_plain_date_and_nothing_for_none():
    assert written(datetime.date(2021, 11, 3), language="fr") == "3 novembre 2021"
    assert written(None) == ""
    assert written("") == ""
